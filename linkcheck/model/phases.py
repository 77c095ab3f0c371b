"""A resolved phase (a phase with everything it inherits), and the walks over model objects that make and read it.

Pydantic-free: these work alike on validated objects and on their plain twins (see `objects.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .objects import REQUIRED, Fact, Plain, Record, Section
from .vocab import DIMENSIONS, PHASE_WORDS

_PATH_PARTS: dict[str, tuple[str, ...]] = {}  # `offsets.domestic.limit_pct` -> its parts, split once per run
NUMBERED_PHASE = re.compile(r"^(phase|period)(\d+)$")  # a phase id such as phase2 reads "phase 2"


@lru_cache(maxsize=None)  # the engine names the two sides in every message it makes
def phase_name(phase_id: str) -> str:
    """How a phase id reads after its system's short name: `phase2` "phase 2", `mrv` "MRV phase", `2021` "2021"."""
    return PHASE_WORDS.get(phase_id) or NUMBERED_PHASE.sub(r"\1 \2", phase_id)


class ResolvedPhase(Plain):
    """A phase with every fact it inherits, and section-level sources pushed down onto facts.

    Its eleven dimension sections (None where the profile states nothing), then: system_id, system_name,
    short_name, names (language -> LocalName), jurisdiction, phase_id, label, period, reviewed, sources, origin
    (the file it was read from, for messages), adopted_from and adopted_on (the model a design started from, and
    the day it was copied), and as_of (the day the facts are taken at: dated changes up to it apply).
    """

    __slots__ = ("_by_path",)  # the facts looked up so far, by path: a matrix asks each phase the same paths
    model_fields = {**dict.fromkeys(DIMENSIONS), **dict.fromkeys(
        ("system_id", "system_name", "short_name", "names", "jurisdiction", "phase_id", "label", "period", "reviewed",
         "sources", "origin"), REQUIRED), "adopted_from": None, "adopted_on": None, "as_of": REQUIRED}
    model_key = f"{__name__}:ResolvedPhase"

    @property
    def ref(self) -> str:
        return f"{self.system_id}@{self.phase_id}"

    @property
    def display(self) -> str:
        """A compact human name for messages: 'Kazakhstan ETS phase 2', 'California 2021', 'EU ETS2 MRV phase'."""
        return f"{self.short_name} {phase_name(self.phase_id)}"

    @property
    def title(self) -> str:
        return f"{self.system_name}, {self.label or self.phase_id} ({self.period})"

    def facts(self) -> Iterator[tuple[tuple[str, ...], Any]]:
        """Every fact present, with its path below the phase, in schema order."""
        for dim in DIMENSIONS:
            section = getattr(self, dim)
            if section is not None:
                yield from facts_in(section, (dim,))

    def get(self, path: str) -> Any:
        """The fact at a dotted path such as `offsets.domestic.limit_pct`, or None when absent."""
        try:
            found = self._by_path
        except AttributeError:  # a phase just made (or copied): nothing looked up yet
            found = {}
            object.__setattr__(self, "_by_path", found)
        if path in found:
            return found[path]
        node: Any = self
        parts = _PATH_PARTS.get(path)
        if parts is None:
            parts = _PATH_PARTS[path] = tuple(path.split("."))
        for part in parts:
            node = getattr(node, part, None)
            if node is None:
                break
        fact = found[path] = node if isinstance(node, Fact) else None
        return fact


def facts_in(model: Any, prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    for name in type(model).model_fields:
        if name in ("sources", "note"):
            continue
        child = getattr(model, name)
        if isinstance(child, Fact):
            yield prefix + (name,), child
        elif isinstance(child, Record):
            yield from facts_in(child, prefix + (name,))


def push_down_sources(model: Any, default: tuple[str, ...] = ()) -> Any:
    """Give each fact without sources the sources of the section that holds it."""
    if isinstance(model, Section) and model.sources:
        default = model.sources
    update: dict[str, Any] = {}
    for name in model.model_fields_set:
        child = getattr(model, name)
        if isinstance(child, Fact):
            update[name] = child.with_default_sources(default)
        elif isinstance(child, Record):
            update[name] = push_down_sources(child, default)
    return model.model_copy(update=update) if update else model


def at_date(model: Any, day: dt.date) -> Any:
    """Every fact as it stands on `day`: dated changes up to that day applied."""
    update: dict[str, Any] = {}
    for name in model.model_fields_set:
        child = getattr(model, name)
        if isinstance(child, Fact):
            if child.changes:
                update[name] = child.at(day)
        elif isinstance(child, Record):
            moved = at_date(child, day)
            if moved is not child:
                update[name] = moved
    return model.model_copy(update=update) if update else model


def overlay(base: Any, top: Any) -> Any:
    """Phase inheritance: what `top` states replaces what `base` had, fact by fact; the rest is kept."""
    if top is None:
        return base
    if base is None:
        return top
    update: dict[str, Any] = {}
    for name in top.model_fields_set:
        child = getattr(top, name)
        if isinstance(child, Record) and not isinstance(child, Fact):
            update[name] = overlay(getattr(base, name), child)
        else:
            update[name] = child
    merged = base.model_copy(update=update)
    object.__setattr__(merged, "__pydantic_fields_set__", base.model_fields_set | top.model_fields_set)
    return merged


def plain_value(value: Any) -> Any:
    """A value as plain JSON data: mappings, lists, text, numbers, flags; dates as YYYY-MM-DD."""
    if isinstance(value, Record):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, tuple):
        return [plain_value(v) for v in value]
    return value


def fact_to_dict(fact: Any) -> dict[str, Any]:
    """A fact's machine form; `changes` (dated steps inside the phase) appears only where the fact has them."""
    plain = {"value": plain_value(fact.value), "status": fact.status.value, "sources": list(fact.sources),
             "note": fact.note}
    if fact.changes:
        plain["changes"] = [{"from": c.from_.isoformat(), "value": plain_value(c.value), "status": c.status.value,
                             "sources": list(c.sources), "note": c.note} for c in fact.changes]
    return plain


def phase_to_dict(phase: ResolvedPhase) -> dict[str, Any]:
    """The stable machine form of a resolved phase: every fact by dimension, and the sources it cites."""
    dimensions: dict[str, dict[str, Any]] = {}
    cited: set[str] = set()
    for path, fact in phase.facts():
        dimensions.setdefault(path[0], {})[".".join(path[1:])] = fact_to_dict(fact)
        cited.update(fact.sources)
    return {
        "ref": phase.ref,
        "system": {"id": phase.system_id, "name": phase.system_name, "jurisdiction": phase.jurisdiction},
        "phase": {"id": phase.phase_id, "label": phase.label, "start": phase.period.start, "end": phase.period.end},
        "reviewed": phase.reviewed.isoformat(),
        "as_of": phase.as_of.isoformat(),
        "file": phase.origin,
        "dimensions": dimensions,
        "sources": {
            key: source.model_dump(mode="json", exclude_none=True)
            for key, source in phase.sources.items()
            if key in cited
        },
    }
