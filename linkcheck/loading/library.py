"""Profile references (`system@phase`, paths), the shipped library, and phase resolution."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import clamp, covers, default_as_of, today
from ..errors import LinkcheckError, Located, ProfileErrors, UnknownReference
from ..safe_text import printable, refuse_unusable
from ..model.fields import APPLIES_ONLY_WHEN, FIELD_SPECS
from ..model.phases import ResolvedPhase, at_date, facts_in, overlay, push_down_sources
from ..model.vocab import DIMENSIONS, Status
from ..paths import shipped_profiles_dir
from .source_files import Document, decode, read_source, read_source_bytes

if TYPE_CHECKING:
    from ..model.profile import ProfileFile


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

    def section(self, phase_id: str, dimension: str) -> Any:
        """One dimension's section of a phase as `resolve` gives it (inherited, sources pushed down, as it stood
        on the phase's default day), or None: for a listing that reads one fact of every phase."""
        period = self.profile.phases[phase_id].period
        return _section_at(self, phase_id, clamp(default_as_of([period]), period), dimension)

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
    sections = {dim: _section_at(loaded, target, day, dim) for dim in DIMENSIONS}
    phase = profile.phases[target]
    # Every part is validated already: the phase is put together from them, not validated again.
    return ResolvedPhase.make(
        **{dim: section for dim, section in sections.items() if section is not None},
        system_id=profile.id,
        system_name=profile.name,
        short_name=profile.short_name or (profile.jurisdiction if len(profile.jurisdiction) <= 40 else profile.id),
        names=profile.names,
        jurisdiction=profile.jurisdiction,
        phase_id=target,
        label=phase.label,
        period=phase.period,
        reviewed=profile.reviewed,
        sources=profile.sources,
        origin=loaded.document.file,
        adopted_from=profile.adopted_from,
        adopted_on=profile.adopted_on,
        as_of=day,
    )


@lru_cache(maxsize=4096)
def _section_at(loaded: LoadedFile, target: str, day: dt.date, dim: str) -> Any:
    """One section of a phase: what each phase of its inheritance chain states, laid over the one before, with
    section sources pushed down onto facts and dated changes up to `day` applied; None where none states it."""
    merged = None
    for phase_id in _inheritance_chain(loaded.profile, target):
        section = getattr(loaded.profile.phases[phase_id], dim)
        if section is not None:
            merged = overlay(merged, push_down_sources(section))
    return None if merged is None else at_date(merged, day)


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
    """Read and validate one profile file; ProfileErrors lists every problem in it.

    The file is read by `read_source`, which refuses anything but a regular file (a folder, a device, a pipe, a
    symbolic link loop) before reading it, with a message naming it.
    """
    name = display or printable(os.fspath(path))
    if "\0" in os.fspath(path):
        raise ProfileErrors([Located(name, 0, 0, "", "a file name cannot contain a NUL character")])
    try:
        info = os.stat(path)
    except OSError:
        info = None  # read_source says why, in the user's terms
    if info is None or not stat.S_ISREG(info.st_mode):
        read_source(path, name)  # raises: no such file, a folder, not a regular file, a loop, a name too long
        raise ProfileErrors([Located(name, 0, 0, "", "not a regular file; give a YAML file")])
    resolved = Path(os.path.realpath(path))
    return _load_cached(resolved, name, info.st_mtime_ns, info.st_size, info.st_ino)


@lru_cache(maxsize=256)
def _load_cached(path: Path, display: str, _mtime: int, _size: int, _inode: int) -> LoadedFile:
    raw = read_source_bytes(path, display)
    shipped = _is_shipped(path, display)
    if shipped:
        from .cache import lookup

        profile = lookup(raw, display)
        if profile is not None:
            return LoadedFile(path=path, document=_LazyDocument(raw, display), profile=profile)
    from .encoding import plain
    from .safe_yaml import parse_yaml
    from .validate import validate_document

    document = parse_yaml(decode(raw, display), display)
    validated = validate_document(document)
    if shipped:  # only a file that validated gets here: one that fails is never cached
        from .cache import store

        store(raw, display, validated)
    return LoadedFile(path=path, document=document, profile=plain(validated))


class _LazyDocument(Document):
    """The document of a shipped file whose validated form came from the cache: its name is known, and the rest
    (data and positions, for messages) is read from the file's bytes only when something asks for it."""

    def __init__(self, raw: bytes, display: str) -> None:
        self.file = display
        self._raw = raw

    def __getattr__(self, name: str):
        if name in ("data", "value_pos", "key_pos", "problems"):
            from .safe_yaml import parse_yaml

            parsed = parse_yaml(decode(self._raw, self.file), self.file)
            for field_name in ("data", "value_pos", "key_pos", "problems"):
                setattr(self, field_name, getattr(parsed, field_name))
            return getattr(self, name)
        raise AttributeError(name)


def _is_shipped(path: Path, display: str) -> bool:
    """A shipped profile, named as linkcheck names its own (`system_profiles/NAME.yaml`): only these are cached.
    A path the user gives is named by that path and is always validated."""
    return display == _display(path) and path.parent == Path(os.path.realpath(shipped_profiles_dir()))


def shipped_files() -> dict[str, Path]:
    """System id -> file, for every profile shipped with linkcheck."""
    directory = shipped_profiles_dir()
    return {p.stem: p for p in sorted(directory.glob("*.yaml")) if not p.name.startswith("_")}


_SYSTEM_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")  # a profile's id: never a path


def system_short_name(system_id: str) -> str:
    """The short name of a shipped system ('Swiss ETS'), for messages that name a partner by its id; the id itself
    when no shipped profile has it (a partner the library does not describe)."""
    # Found by its name, not by listing the folder: rules name partners hundreds of times in a matrix.
    path = shipped_profiles_dir() / f"{system_id}.yaml"
    try:
        info = os.stat(path) if _SYSTEM_ID.match(system_id) else None
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        return system_id
    return _short_name(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=256)
def _short_name(path: Path, _mtime: int, _size: int) -> str:
    try:
        return load_file(path, _display(path)).profile.short_name
    except LinkcheckError:
        return path.stem


def shipped_references() -> list[str]:
    refs: list[str] = []
    for system_id, path in shipped_files().items():
        refs.extend(f"{system_id}@{phase}" for phase in load_file(path, _display(path)).profile.phases)
    return refs


def _display(path: Path) -> str:
    return f"system_profiles/{path.name}"


MAX_REFERENCE_CHARS = 4096  # the longest path a POSIX system accepts
_PROFILE_SUFFIXES = (".yaml", ".yml")


def check_reference(reference: str) -> None:
    """Refuse, by what is wrong and where, a reference no file or system can have: empty, too long, or holding a
    control character (NUL, a newline, ESC...)."""
    refuse_unusable(reference, "the profile reference", MAX_REFERENCE_CHARS, UnknownReference,
                    "a reference is SYSTEM, SYSTEM@PHASE, a path or PATH@PHASE (`linkcheck list` shows the systems)")


def _clipped(text: str, limit: int = 80) -> str:
    return printable(text if len(text) <= limit else text[: limit - 1] + "…")


def _looks_like_path(text: str) -> bool:
    return text.lower().endswith(_PROFILE_SUFFIXES) or "/" in text or os.sep in text or os.path.isfile(text)


def split_reference(reference: str) -> tuple[str, str | None]:
    """(system or path, phase or None). A reference that names an existing file is that file, `@` and all
    (`a@b.yaml`); otherwise the text after the last `@` is the phase, unless it cannot be one (it holds a `/` or
    ends in .yaml: `dir@x/p.yaml`, `a@b.yaml` that does not exist), when the whole is a path."""
    if _looks_like_path(reference) and os.path.lexists(reference):
        return reference, None
    base, sep, phase = reference.rpartition("@")
    if not sep or not base or "/" in phase or os.sep in phase or phase.lower().endswith(_PROFILE_SUFFIXES):
        return reference, None
    if not phase:
        # `eu-ets@` is a phase left out, not a request for the latest one: a silent guess would change the answer.
        raise UnknownReference(f"'{_clipped(reference)}' names no phase after '@'; write '{_clipped(base)}' for "
                               f"the phase in force on the assessment date, or '{_clipped(base)}@PHASE'")
    return base, phase


def locate_reference(reference: str) -> tuple[LoadedFile, str | None]:
    """The validated file a reference names, and the phase it asks for (None: the latest)."""
    check_reference(reference)
    base, phase = split_reference(reference)
    files = shipped_files()
    if _looks_like_path(base) or (base not in files and os.path.lexists(base)):
        return load_file(Path(base)), phase  # a folder, pipe or device is refused there, by name
    if base not in files:
        choices = list(files) + shipped_references()
        raise UnknownReference(f"unknown profile '{_clipped(reference)}'{_near(reference, choices)}; "
                               "`linkcheck list` shows them all")
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
    truncated = False
    total = 0
    messages: list[str] = []
    for reference in references:
        try:
            loaded, phase = locate_reference(reference)
            phase = phase or loaded.phase_for(as_of, latest_if_none)
            loaded.resolve(phase, as_of)  # an unknown phase is reported here, with the others
            chosen.append((loaded, phase))
        except ProfileErrors as exc:
            errors.extend(exc.errors)
            truncated = truncated or exc.truncated
            total += exc.total or len(exc.errors)
        except LinkcheckError as exc:
            messages.append(str(exc))
    if errors:
        raise ProfileErrors(errors, truncated, total)
    if messages:
        raise UnknownReference("\n".join(messages))
    day = as_of or default_as_of([loaded.profile.phases[phase].period for loaded, phase in chosen])
    return [loaded.resolve(phase, day) for loaded, phase in chosen]


def _near(word: str, choices: list[str]) -> str:
    # Matched without regard to case, so `EU-ETS` finds 'eu-ets'; the suggestion is spelled as it must be typed.
    by_folded = {choice.casefold(): choice for choice in reversed(choices)}
    close = difflib.get_close_matches(word.casefold(), list(by_folded), n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(repr(by_folded[c]) for c in close)}?" if close else ""


def missing_facts(phase: ResolvedPhase) -> list[str]:
    """Paths of facts the profile does not state at all: neither a value nor an explicit unknown."""
    present = {".".join(path) for path, _ in phase.facts()}
    return [spec.path for spec in FIELD_SPECS if spec.path not in present and _applies(phase, spec.path)]


def unsourced_facts(loaded: LoadedFile) -> list[Located]:
    """Defined facts, and defined dated changes, that cite no source, where they are written.

    A fact takes the sources of the section that holds it, and a change those of its fact; only what has none
    of these is listed. Unknown and undefined facts need none: they state that nothing is established.
    """
    found: list[Located] = []
    for phase_id, phase in loaded.profile.phases.items():
        for dim in DIMENSIONS:
            section = getattr(phase, dim)
            if section is None:
                continue
            for fact_path, fact in facts_in(push_down_sources(section), (dim,)):
                where = ("phases", phase_id, *fact_path)
                if fact.status is Status.defined and not fact.sources:
                    found.append(loaded.document.error(where, "is defined but cites no source; add `sources: [KEY]` "
                                                              "naming an entry of the file's `sources`, or write "
                                                              "`unknown` with a note"))
                for index, change in enumerate(fact.changes):
                    if change.status is Status.defined and not (change.sources or fact.sources):
                        found.append(loaded.document.error((*where, "changes", index),
                                                           f"the change from {change.from_} is defined but cites "
                                                           "no source; add `sources: [KEY]` to it"))
    return found


def _applies(phase: ResolvedPhase, path: str) -> bool:
    condition = APPLIES_ONLY_WHEN.get(path)
    if condition is None:
        return True
    fact = phase.get(condition[0])
    return fact is not None and fact.value == condition[1]
