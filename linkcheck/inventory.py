"""What the shipped library holds: each system and phase with its period and status, and how much of it is known."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .loading.library import load_file, shipped_files
from .model.vocab import DIMENSIONS

STATUSES = ("defined", "under_development", "undefined", "unknown")


def _shipped_phases():
    for path in shipped_files().values():
        loaded = load_file(path, f"system_profiles/{path.name}")
        for phase_id in loaded.profile.phases:
            yield loaded, phase_id, loaded.resolve(phase_id)


def systems_table() -> list[dict[str, Any]]:
    """One row per shipped phase: reference, name, jurisdiction, phase label, start, end, status."""
    rows = []
    for path in shipped_files().values():
        loaded = load_file(path, f"system_profiles/{path.name}")
        profile = loaded.profile
        for phase_id, phase in profile.phases.items():
            system = loaded.section(phase_id, "system")  # only its status is listed: no need to resolve the rest
            status = system.status if system is not None else None
            rows.append({
                "ref": f"{profile.id}@{phase_id}", "name": profile.name, "jurisdiction": profile.jurisdiction,
                "phase": phase.label or phase_id, "start": phase.period.start, "end": phase.period.end,
                "status": status.value if status and status.value else (status.status.value if status else None),
            })
    return rows


def coverage_table(day: dt.date) -> list[dict[str, Any]]:
    """One row per shipped phase: facts per dimension by status, the file's review date and its age on `day`."""
    rows = []
    for loaded, _, phase in _shipped_phases():
        counts = {d: dict.fromkeys(STATUSES, 0) for d in DIMENSIONS}
        for fact_path, fact in phase.facts():
            counts[fact_path[0]][fact.status.value] += 1
        reviewed = loaded.profile.reviewed
        rows.append({"ref": phase.ref, "reviewed": reviewed.isoformat(),
                     "age_days": max(0, (day - reviewed).days), "dimensions": counts})
    return rows
