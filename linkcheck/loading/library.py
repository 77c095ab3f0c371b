"""Profile references (`system@phase`, paths), the shipped library, and phase resolution."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..dates import clamp, covers, default_as_of, today
from ..errors import LinkcheckError, ProfileErrors, UnknownReference
from ..model.dimensions import APPLIES_ONLY_WHEN, FIELD_SPECS
from ..model.profile import Dimensions, ProfileFile, ResolvedPhase, at_date, overlay, push_down_sources
from ..paths import shipped_profiles_dir
from .safe_yaml import Document, read_yaml
from .validate import validate_document


@dataclass(frozen=True, eq=False)
class LoadedFile:
    path: Path
    document: Document
    profile: ProfileFile

    def resolve(self, phase_id: str | None = None, as_of: dt.date | None = None) -> ResolvedPhase:
        """The phase with inheritance applied, its facts as they stood on `as_of`.

        With no phase named, the phase in force on `as_of` (see `phase_for`). A day outside the phase's years
        is moved to the phase's nearest day: a phase is looked at as it stood while it was in force.
        """
        target = phase_id or self.phase_for(as_of)
        if target not in self.profile.phases:
            raise UnknownReference(
                f"{self.document.file}: no phase '{target}'{_near(target, list(self.profile.phases))}; "
                f"phases: {self.phase_list()}"
            )
        period = self.profile.phases[target].period
        return _resolve_cached(self, target, clamp(as_of or default_as_of([period]), period))

    def phase_for(self, as_of: dt.date | None, latest_if_none: bool = False) -> str:
        """The phase in force on `as_of`; with no date, the one in force today. Where none is in force: the
        latest phase when no date was asked for (or `latest_if_none`), else an error naming the phases."""
        phases = self.profile.phases
        day = as_of or today()
        in_force = [pid for pid, phase in phases.items() if covers(phase.period, day)]
        if in_force:
            return in_force[-1]  # of alternative designs (`revises`), the later one
        if as_of is None or latest_if_none:
            return list(phases)[-1]
        raise UnknownReference(f"{self.document.file}: no phase is in force on {as_of.isoformat()}; "
                               f"phases: {self.phase_list()}")

    def phase_list(self) -> str:
        return ", ".join(f"{pid} ({phase.period})" for pid, phase in self.profile.phases.items())


@lru_cache(maxsize=512)
def _resolve_cached(loaded: LoadedFile, target: str, day: dt.date) -> ResolvedPhase:
    profile = loaded.profile
    chain = _inheritance_chain(profile, target)
    merged: dict[str, object] = {}
    for phase_id in chain:
        phase = profile.phases[phase_id]
        for dim in Dimensions.model_fields:
            section = getattr(phase, dim)
            if section is not None:
                merged[dim] = overlay(merged.get(dim), push_down_sources(section))
    merged = {dim: at_date(section, day) for dim, section in merged.items()}
    phase = profile.phases[target]
    return ResolvedPhase(
        **merged,
        system_id=profile.id,
        system_name=profile.name,
        short_name=profile.short_name or profile.id,
        jurisdiction=profile.jurisdiction,
        phase_id=target,
        label=phase.label,
        period=phase.period,
        reviewed=profile.reviewed,
        sources=profile.sources,
        origin=loaded.document.file,
        as_of=day,
    )


def _inheritance_chain(profile: ProfileFile, target: str) -> list[str]:
    """Phases whose statements apply to `target`, oldest first: every earlier phase, in file order.

    A phase that `revises` another is an alternative design of it, so it inherits from the phase it revises
    and not from other alternatives listed between them.
    """
    ids = list(profile.phases)
    chain: list[str] = []
    current: str | None = target
    while current is not None:
        chain.append(current)
        revises = profile.phases[current].revises
        index = ids.index(current)
        current = revises if revises is not None else (ids[index - 1] if index > 0 else None)
    return list(reversed(chain))


def load_file(path: Path, display: str | None = None) -> LoadedFile:
    """Read and validate one profile file; ProfileErrors lists every problem in it."""
    resolved = path.resolve()
    stat = resolved.stat() if resolved.exists() else None
    return _load_cached(resolved, display or str(path), stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=256)
def _load_cached(path: Path, display: str, _mtime: int, _size: int) -> LoadedFile:
    document = read_yaml(path, display)
    return LoadedFile(path=path, document=document, profile=validate_document(document))


def shipped_files() -> dict[str, Path]:
    """System id -> file, for every profile shipped with linkcheck."""
    directory = shipped_profiles_dir()
    return {p.stem: p for p in sorted(directory.glob("*.yaml")) if not p.name.startswith("_")}


def shipped_references() -> list[str]:
    refs: list[str] = []
    for system_id, path in shipped_files().items():
        refs.extend(f"{system_id}@{phase}" for phase in load_file(path, _display(path)).profile.phases)
    return refs


def _display(path: Path) -> str:
    return f"system_profiles/{path.name}"


def split_reference(reference: str) -> tuple[str, str | None]:
    base, sep, phase = reference.rpartition("@")
    return (base, phase or None) if sep else (reference, None)


def locate_reference(reference: str) -> tuple[LoadedFile, str | None]:
    """The validated file a reference names, and the phase it asks for (None: the latest)."""
    base, phase = split_reference(reference)
    path = Path(base)
    if base.endswith((".yaml", ".yml")) or "/" in base or path.is_file():
        if not path.is_file():
            raise UnknownReference(f"{reference}: no such file")
        return load_file(path), phase
    files = shipped_files()
    if base not in files:
        choices = list(files) + shipped_references()
        raise UnknownReference(f"unknown profile '{reference}'{_near(reference, choices)}; `linkcheck list` shows them all")
    return load_file(files[base], _display(files[base])), phase


def load_reference(reference: str, as_of: dt.date | None = None) -> ResolvedPhase:
    """Resolve `SYSTEM`, `SYSTEM@PHASE`, `path.yaml` or `path.yaml@PHASE` to a resolved phase."""
    return load_references([reference], as_of)[0]


def load_references(references: list[str], as_of: dt.date | None = None,
                    latest_if_none: bool = False) -> list[ResolvedPhase]:
    """Resolve several references at one assessment date, reporting the problems of all of them at once.

    A reference without a phase takes the phase in force on `as_of`. Without `as_of`, the date is chosen from
    the phases' periods (see `dates.default_as_of`), so two historical phases are compared as they stood
    together, and current ones as they stand today.
    """
    chosen: list[tuple[LoadedFile, str]] = []
    errors: list = []
    messages: list[str] = []
    for reference in references:
        try:
            loaded, phase = locate_reference(reference)
            phase = phase or loaded.phase_for(as_of, latest_if_none)
            loaded.resolve(phase, as_of)  # an unknown phase is reported here, with the others
            chosen.append((loaded, phase))
        except ProfileErrors as exc:
            errors.extend(exc.errors)
        except LinkcheckError as exc:
            messages.append(str(exc))
    if errors:
        raise ProfileErrors(errors)
    if messages:
        raise UnknownReference("\n".join(messages))
    day = as_of or default_as_of([loaded.profile.phases[phase].period for loaded, phase in chosen])
    return [loaded.resolve(phase, day) for loaded, phase in chosen]


def _near(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


def missing_facts(phase: ResolvedPhase) -> list[str]:
    """Paths of facts the profile does not state at all: neither a value nor an explicit unknown."""
    present = {".".join(path) for path, _ in phase.facts()}
    return [spec.path for spec in FIELD_SPECS if spec.path not in present and _applies(phase, spec.path)]


def _applies(phase: ResolvedPhase, path: str) -> bool:
    condition = APPLIES_ONLY_WHEN.get(path)
    if condition is None:
        return True
    fact = phase.get(condition[0])
    return fact is not None and fact.value == condition[1]
