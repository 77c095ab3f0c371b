"""What-if edits from the command line: `--set a.cost_containment.price_floor=none` changes one fact of one side."""

from __future__ import annotations

import difflib
from typing import Any

from .dates import covers
from .errors import LinkcheckError, Located, ProfileErrors
from .safe_text import printable
from .model.fields import FIELDS_BY_PATH
from .model.phases import ResolvedPhase

EXAMPLE = "a.flexibility.banking=none"


def _shown(text: str, limit: int = 80) -> str:
    """The assignment as typed, for a message: clipped, and printable (control characters shown as \\x1b)."""
    return "'" + printable(text if len(text) <= limit else text[: limit - 1] + "…") + "'"


def parse_assignment(text: str) -> tuple[str, str, Any]:
    """`a.offsets.domestic.limit_pct=8` -> ('a', 'offsets.domestic.limit_pct', 8).

    The value is read by the profile loader (`parse_value`), under the same rules and limits as a profile file:
    no explicit tags, no alias bombs, bounded depth, finite numbers of reasonable length.
    """
    target, sep, raw = text.partition("=")
    side, dot, path = target.strip().partition(".")
    if not sep or not dot or side not in ("a", "b"):
        hint = ""
        if sep and _suffix_matches(target.strip()):
            hint = f"; say which side: a.{target.strip()} or b.{target.strip()}"
        raise LinkcheckError(f"--set {_shown(text)}: write SIDE.path=value, SIDE being a or b (e.g. {EXAMPLE}){hint}")
    if path not in FIELDS_BY_PATH:
        raise LinkcheckError(f"--set {_shown(text)}: unknown field '{printable(path[:80])}'{_field_hint(path)}")
    origin = f"--set {side}.{path}"
    try:
        from .loading.safe_yaml import parse_value

        value = parse_value(raw, origin) if raw.strip() else None
    except ProfileErrors as exc:
        raise LinkcheckError(f"--set {_shown(text)}: the value is refused: "
                             + "; ".join(_problem(e) for e in exc.errors)) from None
    return side, path, value


def _problem(error: Located) -> str:
    """One problem of a value, located inside it (`column 5`; `line 2, column 3` for a value of several lines)."""
    where = ""
    if error.line:
        where = f"column {error.column}: " if error.line == 1 else f"line {error.line}, column {error.column}: "
    inside = f"{error.path if len(error.path) <= 60 else error.path[:59] + '…'}: " if error.path else ""
    return f"{where}{inside}{error.message}"


def _suffix_matches(path: str) -> list[str]:
    """Field paths that `path` is the end of (`banking` -> `flexibility.banking`), ignoring case."""
    wanted = path.lower().strip(".")
    if not wanted:
        return []
    return [p for p in FIELDS_BY_PATH if p == wanted or p.endswith("." + wanted)]


def _field_hint(path: str) -> str:
    """Suggestions for an unknown field path: the full paths it ends, else the nearest paths and field names."""
    full = _suffix_matches(path) or difflib.get_close_matches(path.lower(), list(FIELDS_BY_PATH), n=3, cutoff=0.9)
    if not full:
        # A misspelt last part (`a.banknig`, `a.flexibility.banknig`): match it against the fields' own names.
        last = path.lower().rsplit(".", 1)[-1]
        names = sorted({p.rsplit(".", 1)[-1] for p in FIELDS_BY_PATH})
        close_names = difflib.get_close_matches(last, names, n=3, cutoff=0.75)
        full = [p for p in FIELDS_BY_PATH if p.rsplit(".", 1)[-1] in close_names]
        full = difflib.get_close_matches(path.lower(), full, n=3, cutoff=0.0) if len(full) > 3 else full
        if not full:
            full = difflib.get_close_matches(path.lower(), list(FIELDS_BY_PATH), n=3, cutoff=0.6)
    if not full:
        return "; `linkcheck show SYSTEM` lists the fields"
    return f"; did you mean {' or '.join(repr(p) for p in full)}?"


def apply_assignment(phase: ResolvedPhase, path: str, value: Any, origin: str) -> ResolvedPhase:
    """A copy of the phase in which the fact at `path` is replaced, its note saying it is hypothetical."""
    from pydantic import ValidationError

    from .loading.encoding import plain

    fact_type = FIELDS_BY_PATH[path].annotation
    try:
        fact = fact_type.model_validate(value)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]["msg"]
        got = repr(value)
        got = got if len(got) <= 80 else got[:79] + "…"
        raise LinkcheckError(f"--set {_shown(origin)}: {problem} (got {got})") from None
    for change in fact.changes:
        if not covers(phase.period, change.from_):
            raise LinkcheckError(f"--set {_shown(origin)}: the change from {change.from_.isoformat()} is outside "
                                 f"{phase.display} ({phase.period})")
        if change.sources:
            raise LinkcheckError(f"--set {_shown(origin)}: a what-if cites no sources; leave `sources` out")
    # Like every fact, it is taken as it stands on the day the phase is looked at.
    fact = fact.model_copy(update={"note": f"what-if: set on the command line ({origin})", "sources": ()})
    return _replace(phase, path.split("."), plain(fact).at(phase.as_of))


def _replace(model: Any, parts: list[str], fact: Any, above: tuple[str, ...] = ()) -> Any:
    head, rest = parts[0], parts[1:]
    if not rest:
        return model.model_copy(update={head: fact})
    child = getattr(model, head)
    if child is None:
        child = _empty((*above, head))
    return model.model_copy(update={head: _replace(child, rest, fact, (*above, head))})


def _empty(path: tuple[str, ...]) -> Any:
    """An empty section (or part of one) at `path`, for a what-if that sets a fact the profile leaves out."""
    from .loading.encoding import plain
    from .model.dimensions import SECTION_MODELS

    cls: Any = SECTION_MODELS[path[0]]
    for part in path[1:]:
        annotation = cls.model_fields[part].annotation
        cls = next(a for a in getattr(annotation, "__args__", (annotation,)) if a is not type(None))
    return plain(cls.model_construct())


def load_pair(a: str, b: str, assignments: tuple[str, ...], as_of: Any = None):
    """The two phases at the assessment date, with any what-if changes, and the changes made (side -> path ->
    value)."""
    from .loading.library import load_references

    phases = dict(zip("ab", load_references([a, b], as_of)))
    changed: dict[str, dict[str, Any]] = {}
    for text in assignments:
        side, path, value = parse_assignment(text)
        phases[side] = apply_assignment(phases[side], path, value, text)
        changed.setdefault(side, {})[path] = value
    return phases["a"], phases["b"], changed


def change_candidate(candidate: ResolvedPhase, assignments: tuple[str, ...]) -> tuple[ResolvedPhase, dict[str, Any]]:
    """A ranking's candidate with what-if changes (`a.PATH=VALUE` only: the partners are as published), and the
    changes made (path -> value)."""
    changed: dict[str, Any] = {}
    for text in assignments:
        side, path, value = parse_assignment(text)
        if side != "a":
            raise LinkcheckError(f"--set '{text}': in a ranking only the candidate can be changed; write a.{path}=…")
        candidate = apply_assignment(candidate, path, value, text)
        changed[path] = value
    return candidate, changed
