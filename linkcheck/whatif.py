"""What-if edits from the command line: `--set a.cost_containment.price_floor=none` changes one fact of one side."""

from __future__ import annotations

import difflib
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import LinkcheckError
from .model.dimensions import FIELDS_BY_PATH
from .model.profile import ResolvedPhase


def parse_assignment(text: str) -> tuple[str, str, Any]:
    """`a.offsets.domestic.limit_pct=8` -> ('a', 'offsets.domestic.limit_pct', 8)."""
    target, sep, raw = text.partition("=")
    side, dot, path = target.strip().partition(".")
    if not sep or not dot or side not in ("a", "b"):
        raise LinkcheckError(f"--set {text!r}: write SIDE.path=value, SIDE being a or b (e.g. a.flexibility.banking=none)")
    if path not in FIELDS_BY_PATH:
        close = difflib.get_close_matches(path, list(FIELDS_BY_PATH), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise LinkcheckError(f"--set {text!r}: unknown field '{path}'{hint}")
    try:
        value = yaml.safe_load(raw) if raw.strip() else None
    except yaml.YAMLError as exc:
        raise LinkcheckError(f"--set {text!r}: value is not valid YAML ({exc})") from None
    return side, path, value


def apply_assignment(phase: ResolvedPhase, path: str, value: Any, origin: str) -> ResolvedPhase:
    """A copy of the phase in which the fact at `path` is replaced, its note saying it is hypothetical."""
    fact_type = FIELDS_BY_PATH[path].annotation
    try:
        fact = fact_type.model_validate(value)
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]["msg"]
        raise LinkcheckError(f"--set {origin!r}: {problem} (got {value!r})") from None
    fact = fact.model_copy(update={"note": f"what-if: set on the command line ({origin})", "sources": ()})
    return _replace(phase, path.split("."), fact)


def _replace(model: BaseModel, parts: list[str], fact: BaseModel) -> Any:
    head, rest = parts[0], parts[1:]
    if not rest:
        return model.model_copy(update={head: fact})
    child = getattr(model, head)
    if child is None:
        child = type(model).model_fields[head].annotation.model_construct()
    return model.model_copy(update={head: _replace(child, rest, fact)})
