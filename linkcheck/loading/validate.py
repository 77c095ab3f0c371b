"""Validate a read YAML document against the profile model and turn every problem into a located message."""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import MAX_REPORTED, Located, ProfileErrors
from ..model.facts import LONG_FORM_KEYS, Fact
from ..model.shapes import describe_shape
from ..model.profile import ProfileFile
from .source_files import Document, PathKey

M = TypeVar("M", bound=BaseModel)

# Pydantic reports a failed union branch by the branch's type; these errors only matter when no other remains.
_BRANCH_MISMATCH = {"model_type", "dict_type", "model_attributes_type", "tuple_type", "list_type"}


def validate_document(doc: Document) -> ProfileFile:
    """The validated profile file, or ProfileErrors with every problem in it."""
    return validate_model(doc, ProfileFile, _cross_checks(doc))


def validate_model(doc: Document, model: type[M], extra_errors: Iterable[Located] = ()) -> M:
    """Validate a document against any model; every problem becomes a located error, all reported at once.

    Work stops once more errors are found than a run reports, so a file of thousands of mistakes is quick to
    refuse. A value the reader already refused (an explicit tag, a non-finite number) is not reported twice.
    """
    already = {e.path for e in doc.problems}
    extra = iter(extra_errors)
    errors = list(doc.problems) + list(islice(extra, MAX_REPORTED + 1))
    total = len(errors) + sum(1 for _ in extra)  # counting the rest is cheap; wording them is not
    result = None
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        fresh = (e for e in _translate(doc, exc, model) if e.path not in already)
        errors.extend(islice(fresh, MAX_REPORTED + 1))
        total += exc.error_count()
    if errors:
        raise ProfileErrors(errors, total=total)
    return result


def _translate(doc: Document, exc: ValidationError, model: type[BaseModel]) -> Iterator[Located]:
    by_path: dict[PathKey, list[dict]] = {}
    for err in exc.errors(include_url=False):
        by_path.setdefault(_document_path(doc.data, err["loc"]), []).append(err)
    seen: set[str] = set()
    inner = {p[:i] for p in by_path for i in range(len(p))}  # paths that have errors below them
    for path, errs in by_path.items():
        # Keep the errors that explain the input. In a union such as `percent | no_limit`, the failed
        # literal branch says nothing useful when another branch reports a more specific problem.
        others = path in inner
        useful = [e for e in errs if e["type"] not in _BRANCH_MISMATCH
                  and not (e["type"] == "literal_error" and (others or len(errs) > 1 or isinstance(e.get("input"), (dict, list))))]
        for err in useful or ([] if others else errs[:1]):
            located = _located(doc, path, err, model)
            if str(located) not in seen:
                seen.add(str(located))
                yield located


def _document_path(data: Any, loc: tuple) -> PathKey:
    """The error's location as a path in the user's file: union branch tags and implied `value` keys removed."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part.isidentifier() and part not in ("value",) and not part[0].isupper():
            # A missing or unknown key: keep it so the message can name it.
            path.append(part)
            node = None
    return tuple(path)


def _located(doc: Document, path: PathKey, err: dict, model: type[BaseModel]) -> Located:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    got = err.get("input")
    if kind == "extra_forbidden":
        name = str(path[-1]) if path else "?"
        allowed = _allowed_keys(model, path[:-1], doc.data)
        hint = _did_you_mean(name, allowed)
        message = f"unknown key '{name}'{hint}"
        if not hint and allowed:
            message += f"; allowed here: {', '.join(sorted(allowed))}"
        return doc.error(path, message, key=True)
    if kind == "missing":
        line, col = doc.locate(path[:-1])
        return Located(doc.file, line, col, ".".join(map(str, path)), "required key is missing")
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        options = [o.strip().strip("'") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        hint = _did_you_mean(str(got), options)
        return doc.error(path, f"must be one of {', '.join(options)} (got {_shown(got)}){hint}")
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float", "finite_number"):
        return doc.error(path, _number_message(kind, got))
    if kind in ("bool_parsing", "bool_type"):
        hint = "; YAML 1.2 reads yes, no, on and off as text" if isinstance(got, str) else ""
        return doc.error(path, f"must be true or false (got {_shown(got)}){hint}")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = {"greater_than_equal": "at least", "less_than_equal": "at most",
                 "greater_than": "more than", "less_than": "less than"}[kind]
        limit = next(iter(ctx.values()), "")
        return doc.error(path, f"must be {bound} {limit} (got {_shown(got)})")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        return doc.error(path, f"must be a date written YYYY-MM-DD (got {_shown(got)})")
    if kind in ("string_type",):
        return doc.error(path, f"must be text (got {_shown(got)})")
    if kind == "string_pattern_mismatch":
        return doc.error(path, f"must be lower-case letters, digits, '.', '-' or '_' (got {_shown(got)})")
    if kind in _BRANCH_MISMATCH:
        return doc.error(path, f"has the wrong shape (got {_shape(got)}); {_expected_shape(model, path, doc.data)}")
    message = err["msg"]
    message = message[0].lower() + message[1:]
    message = message.removeprefix("value error, ")
    if kind.startswith("fact_") or kind in ("percent", "currency", "money_denomination", "reduction", "reduction_unit",
                                            "day", "link_years"):
        return doc.error(path, message)
    return doc.error(path, f"{message} (got {_shown(got)})")


def _shown(value: Any, limit: int = 80) -> str:
    """A value as it is quoted in a message: its repr, cut short when long."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _number_message(kind: str, got: Any) -> str:
    if kind == "finite_number":
        return f"must be a finite number (got {_shown(got)})"
    if isinstance(got, str):
        return f"must be a number (got {_shown(got)}); in quotes it is text, so write it without them"
    if isinstance(got, bool):
        return f"must be a number (got {str(got).lower()})"
    if kind in ("int_type", "int_from_float") and isinstance(got, float):
        return f"must be a whole number (got {_shown(got)})"
    return f"must be a number (got {_shown(got)})"


def _shape(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _expected_shape(model: type[BaseModel], path: PathKey, data: Any) -> str:
    """What the field wants, in the words of a YAML file: `write a mapping such as {amount: …, unit: …}`."""
    target: Any = model
    node = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None
        target = _step(target, part, node)
        if target is None:
            return "see `linkcheck schema`"
    return describe_shape(target)


def _did_you_mean(word: str, options: list[str] | set[str]) -> str:
    if len(options) > 2_000:  # a suggestion is a courtesy; it must not make a huge file slow to refuse
        return ""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    if not close:  # a wrong case, such as co2 for CO2
        folded = {o.lower(): o for o in options}
        close = [folded[word.lower()]] if word.lower() in folded else []
    return f"; did you mean '{close[0]}'?" if close else ""


def _allowed_keys(model: type[BaseModel], path: PathKey, data: Any) -> set[str]:
    """The keys the model accepts at `path`, found by walking the model along the user's data."""
    target: Any = model
    node = data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else node[part] if isinstance(node, list) else None
        target = _step(target, part, node)
        if target is None:
            return set()
    target = _unwrap_for(target, node)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return set(target.model_fields)
    return set()


def _unwrap_for(annotation: Any, node: Any) -> Any:
    """Pick the union member or Fact form that matches the user's data."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        models = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
        return _unwrap_for(models[0], node) if models else None
    if isinstance(annotation, type) and issubclass(annotation, Fact):
        if isinstance(node, dict) and LONG_FORM_KEYS & set(node):
            return annotation
        return _unwrap_for(annotation.model_fields["value"].annotation, node)
    return annotation


def _step(annotation: Any, part: str | int, node: Any) -> Any:
    annotation = _unwrap_for(annotation, node) if not isinstance(part, int) else annotation
    origin = typing.get_origin(annotation)
    if isinstance(part, int):
        annotation = _unwrap_for(annotation, None) if typing.get_origin(annotation) is None else annotation
        args = typing.get_args(annotation)
        return args[0] if args else None
    if origin is dict:
        return typing.get_args(annotation)[1]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    return None


def _cross_checks(doc: Document) -> Iterator[Located]:
    """Facts that involve several fields: source keys, phase order and overlap, allocation shares.

    They read the raw data, defensively, so that they report alongside the type errors in the same run.
    """
    data = doc.data
    phases = data.get("phases") if isinstance(data.get("phases"), dict) else {}
    sources = data.get("sources") if isinstance(data.get("sources"), dict) else {}
    source_keys = set(sources)
    periods: dict[str, tuple[int, int]] = {}
    latest: list[tuple[str, tuple[int, int]]] = []
    revises_of: dict[str, object] = {}
    for index, (phase_id, phase) in enumerate(phases.items()):
        if not isinstance(phase, dict):
            revises_of[phase_id] = None
            continue
        base: PathKey = ("phases", phase_id)
        revises = phase.get("revises")
        if revises is not None and revises not in revises_of or revises == phase_id:
            earlier = list(phases)[:index]
            yield doc.error(base + ("revises",), f"'{revises}' is not an earlier phase of this file (phases: {', '.join(earlier) or 'none'})")
        revises_of[phase_id] = revises
        period = phase.get("period")
        start = period.get("start") if isinstance(period, dict) else None
        end = period.get("end") if isinstance(period, dict) else None
        if _year(start) and (end is None or _year(end)):
            if end is not None and end < start:
                yield doc.error(base + ("period", "end"), f"phase ends ({end}) before it starts ({start})")
            # Earlier phases that end last: in time order, a phase must start after all of them.
            for other_id, (other_start, other_end) in latest:
                if revises == other_id or revises_of.get(other_id) == phase_id:
                    continue
                shown = f"'{other_id}' ({other_start}–{other_end if other_end != 9999 else ''})"
                if start <= other_end and other_start <= (end if end is not None else 9999):
                    yield doc.error(base + ("period",), f"overlaps phase {shown}; phases are listed in time order and must not overlap")
                elif start <= other_end:
                    yield doc.error(base + ("period",), f"comes before phase {shown}, which is listed before it; list phases in time order")
                break
            periods[phase_id] = (start, end if end is not None else 9999)
            latest = sorted([*latest, (phase_id, periods[phase_id])], key=lambda item: -item[1][1])[:2]
            yield from _dated_changes(doc, phase, base, start, end)
        for path, keys in _source_refs(phase, base):
            for i, key in enumerate(keys):
                if isinstance(key, str) and key not in sources:
                    hint = _did_you_mean(key, source_keys)
                    yield doc.error(path + (i,), f"source '{key}' is not defined in `sources`{hint}")
        yield from _allocation_shares(doc, phase, base)


def _dated_changes(doc: Document, phase: dict, base: PathKey, start: int, end: int | None) -> Iterator[Located]:
    """Each dated change written in a phase falls inside that phase's years."""
    stack: list[tuple[PathKey, object]] = [(base, phase)]
    while stack:
        where, value = stack.pop()
        if not isinstance(value, dict):
            continue
        changes = value.get("changes")
        if isinstance(changes, list) and "changes" in value and where != base:
            for i, change in enumerate(changes):
                day = _day(change.get("from") if isinstance(change, dict) else None)
                if day is not None and not (start <= day.year and (end is None or day.year <= end)):
                    yield doc.error(where + ("changes", i, "from"),
                                    f"{day.isoformat()} is outside the phase ({start}–{end if end is not None else ''}); "
                                    "a change inside a design belongs to the phase it happens in")
        stack.extend((where + (key,), child) for key, child in value.items() if key != "changes")


def _year(value: Any) -> bool:
    """A year as written: a whole number, not a yes-or-no (which Python counts as a number)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _day(value: Any) -> dt.date | None:
    """A date as written in the raw data, or None where it is not one (the model reports that)."""
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _allocation_shares(doc: Document, phase: dict, base: PathKey) -> Iterator[Located]:
    allocation = phase.get("allocation")
    methods = allocation.get("methods") if isinstance(allocation, dict) else None
    if isinstance(methods, dict):
        methods = methods.get("value")
    if isinstance(methods, list):
        shares = [m.get("share_pct") for m in methods if isinstance(m, dict)]
        total = sum(s for s in shares if isinstance(s, (int, float)))
        if total > 100.0001:
            yield doc.error(base + ("allocation", "methods"), f"allocation shares sum to {total:g}%, more than 100%")


def _overlap(a: Any, b: Any) -> bool:
    a_end = a.end if a.end is not None else 9999
    b_end = b.end if b.end is not None else 9999
    return a.start <= b_end and b.start <= a_end


def _source_refs(phase: dict, path: PathKey) -> Iterator[tuple[PathKey, list]]:
    """Every `sources: [...]` list below a phase, with its path."""
    stack: list[tuple[PathKey, object]] = [(path, phase)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            for key, child in value.items():
                if key == "sources" and isinstance(child, list):
                    yield where + ("sources",), child
                else:
                    stack.append((where + (key,), child))
        elif isinstance(value, list):  # dated changes and list values carry sources of their own
            stack.extend((where + (i,), child) for i, child in enumerate(value))
