"""The plain data each page of the atlas shows, built from loaded profiles and engine results.

Nothing here renders or words anything: like linkcheck/reports/context.py, it collects what the site templates lay
out and translate. Links between pages are built from `SitePaths`, never from profile text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..config import EngineConfig
from ..engine import Assessment
from ..loading.library import LoadedFile, missing_facts
from ..model.fields import FIELD_SPECS
from ..model.vocab import Status
from ..model.phases import ResolvedPhase
from ..model.vocab import DIMENSIONS
from ..reports import context as report_context
from ..rules import REGISTRY
from .names import SitePaths

Context = dict[str, Any]


@dataclass(frozen=True)
class System:
    """One system of the atlas: its file, its phases as they stood on the site's day, and the phase the matrix
    assesses (the one in force that day, else the latest)."""

    loaded: LoadedFile
    phases: tuple[ResolvedPhase, ...]
    current: ResolvedPhase

    @property
    def id(self) -> str:
        return self.loaded.profile.id


def completeness(phase: ResolvedPhase) -> float:
    """The share of the facts a profile can state that are defined, in per cent (absent facts count as not)."""
    stated = [fact for _, fact in phase.facts()]
    total = len(stated) + len(missing_facts(phase))
    defined = sum(1 for fact in stated if fact.status is Status.defined)
    return round(100 * defined / total, 1) if total else 0.0


def _status(phase: ResolvedPhase) -> str | None:
    """The system's status word (operating, pilot, draft...), or the fact's status when the value is not known."""
    found = phase.get("system.status")
    if found is None:
        return None
    value = found.value if found.value is not None else found.status.value
    return str(value).replace("_", " ")


def _period(system: System) -> str:
    first, last = system.phases[0].period, system.phases[-1].period
    return f"{first.start}–{last.end or ''}"


def phase_row(phase: ResolvedPhase, paths: SitePaths) -> Context:
    return {**report_context.side(phase), "status": _status(phase), "completeness": completeness(phase),
            "href": paths.phase(phase.system_id, phase.phase_id)}


def index(systems: list[System], paths: SitePaths) -> Context:
    rows = [{**phase_row(s.current, paths), "period": _period(s), "reviewed": s.loaded.profile.reviewed.isoformat(),
             "phases": len(s.phases), "href": paths.system(s.id), "ranking": paths.ranking(s.id)}
            for s in systems]
    return {"systems": rows, "sources": {}}


def system_page(system: System, paths: SitePaths) -> Context:
    phases = [phase_row(p, paths) for p in system.phases]
    diffs = [{"a": report_context.side(a), "b": report_context.side(b), "href": paths.diff(system.id, a.phase_id,
                                                                                            b.phase_id)}
             for a, b in zip(system.phases, system.phases[1:])]
    return {"system": {**report_context.side(system.current), "period": _period(system),
                       "reviewed": system.loaded.profile.reviewed.isoformat(), "note": system.loaded.profile.note},
            "phases": phases, "diffs": diffs, "ranking": paths.ranking(system.id), "sources": {}}


def phase_page(phase: ResolvedPhase, paths: SitePaths) -> Context:
    """Every fact the profile can state, dimension by dimension, with its status and its sources (numbered by the
    page's `cite`, as in a report)."""
    dimensions = [{"dimension": dim, "rows": [{"path": s.path, "field": s.title, "fact": report_context.fact(phase,
                                                                                                          s.path)}
                                              for s in FIELD_SPECS if s.dimension == dim]}
                  for dim in DIMENSIONS]
    return {"phase": phase_row(phase, paths), "system_href": paths.system(phase.system_id),
            "dimensions": dimensions, "sources": report_context.sources([phase])}


def matrix_page(systems: list[System], assessments: list[Assessment], paths: SitePaths,
                as_of: dt.date) -> Context:
    """The matrix both ways round, so each row reads one system against every other; a cell links to the pair."""
    by_pair = {frozenset((x.a.system_id, x.b.system_id)): x for x in assessments}
    heads = [{**report_context.side(s.current), "href": paths.system(s.id)} for s in systems]
    rows = []
    for s in systems:
        cells = []
        for other in systems:
            x = by_pair.get(frozenset((s.id, other.id))) if other.id != s.id else None
            # An undetermined pair shows the range its open questions leave, shaded by its floor: a blank draft
            # must not look like a good partner because nothing about it is known.
            undetermined = x is not None and x.verdict == "undetermined"
            cells.append(None if x is None else {
                "verdict": x.verdict, "score": x.score, "floor": x.score_floor if undetermined else None,
                "band": score_band(x.score_floor if undetermined else x.score),
                "partner": other.current.display, "href": paths.pair(x.a.system_id, x.b.system_id)})
        rows.append({**report_context.side(s.current), "href": paths.system(s.id), "cells": cells})
    counts = {verdict: sum(1 for x in assessments if x.verdict == verdict)
              for verdict in ("compatible", "adjustments_needed", "blocked", "undetermined")}
    return {"heads": heads, "rows": rows, "counts": counts, "as_of": as_of.isoformat(), "sources": {}}


SCORE_BANDS = ((90, "a"), (80, "b"), (70, "c"), (60, "d"))  # the heat map's shades; below 60 is "e"


def score_band(score: float) -> str:
    return next((band for floor, band in SCORE_BANDS if score >= floor), "e")


def rules_page(config: EngineConfig) -> Context:
    rules = [{"code": r.code, "title": r.title, "severity": (config.severity(r.code) or r.severity).value,
              "dimension": r.dimension, "rationale": r.rationale, "citation": r.citation, "remedy": r.remedy,
              "reads": list(r.reads), "enabled": config.enabled(r.code)}
             for r in REGISTRY.values()]
    return {"rules": rules, "sources": {}}


def diff_page(a: ResolvedPhase, b: ResolvedPhase, differences: list[Any], paths: SitePaths) -> Context:
    rows = [{"path": d.path, "field": d.label, "dimension": d.dimension, "change": d.change,
             "a": _shown(d.a), "b": _shown(d.b), "rules": list(d.rules)} for d in differences]
    return {"a": phase_row(a, paths), "b": phase_row(b, paths), "system_href": paths.system(a.system_id),
            "differences": rows, "sources": {}}


def _shown(value: Any) -> str | None:
    from ..differences import describe

    return None if value is None else describe(value)


def pair_report(x: Assessment, day: dt.date, steps: list[Any] | None) -> Context:
    """The pairwise report's context for a pair the matrix already assessed: the same data `linkcheck report A B`
    shows, without assessing the pair again."""
    return report_context.pairwise(x, day, steps)
