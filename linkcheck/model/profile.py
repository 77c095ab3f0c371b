"""A profile file (one system, several phases) and a resolved phase (inheritance applied)."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from .dimensions import (
    SECTION_MODELS,
    AllocationSection,
    AmbitionSection,
    CostContainmentSection,
    CoverageSection,
    EnforcementSection,
    FlexibilitySection,
    LinkingSection,
    MarketSection,
    MrvSection,
    OffsetsSection,
    Section,
    SystemSection,
)
from .facts import Fact
from .values import Day, Year

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
# `system@phase` of a shipped profile: two ids, so it can name a shipped phase but never a file.
PhaseReference = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*@[a-z0-9][a-z0-9._-]*$")]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    citation: str = Field(description="Author or body, year, title, publisher: enough to find it.")
    url: str | None = Field(default=None, description="Where a reader can open it.")
    accessed: Day | None = None
    note: str | None = None


class Period(BaseModel):
    """Whole years, inclusive. An open-ended phase has no `end`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    start: Year
    end: Year | None = None

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    def __str__(self) -> str:
        return f"{self.start}–{self.end if self.end is not None else ''}"


class Dimensions(BaseModel):
    """The eleven dimension sections. Shared by a written phase and a resolved one.

    A section may be left out (a later phase inherits it), but an explicit empty one is refused,
    which is why the types carry no `| None`.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    system: SystemSection = None  # type: ignore[assignment]
    ambition: AmbitionSection = None  # type: ignore[assignment]
    coverage: CoverageSection = None  # type: ignore[assignment]
    allocation: AllocationSection = None  # type: ignore[assignment]
    flexibility: FlexibilitySection = None  # type: ignore[assignment]
    cost_containment: CostContainmentSection = None  # type: ignore[assignment]
    offsets: OffsetsSection = None  # type: ignore[assignment]
    mrv: MrvSection = None  # type: ignore[assignment]
    enforcement: EnforcementSection = None  # type: ignore[assignment]
    market: MarketSection = None  # type: ignore[assignment]
    linking: LinkingSection = None  # type: ignore[assignment]


class Phase(Dimensions):
    label: str | None = Field(default=None, description="Human name of the phase, e.g. 'Phase II'.")
    period: Period = Field(description="Years the phase covers, inclusive.")
    revises: Slug | None = Field(
        default=None,
        description="Id of an earlier phase this one is an alternative design of; their periods may overlap.",
    )
    note: str | None = None


class LocalName(BaseModel):
    """The system's name in one language, for reports written in it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1)
    short_name: str | None = Field(default=None, min_length=1)


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class ProfileFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Slug = Field(description="System id used in references such as `kazakhstan@phase2`.")
    name: str
    short_name: str | None = Field(default=None, description="Short name for messages, e.g. 'EU ETS'.")
    names: dict[LanguageCode, LocalName] = Field(
        default_factory=dict, description="The name and short name in other languages, by ISO 639-1 code (ru, uk, "
        "kk), for reports in those languages.")
    jurisdiction: str
    reviewed: Day = Field(description="Date the facts in this file were last checked.")
    note: str | None = None
    adopted_from: PhaseReference | None = Field(
        default=None, description="The shipped phase this design was started from, as SYSTEM@PHASE (`linkcheck new "
        "--from`); `readiness` then reports where the profile departs from it.")
    adopted_on: Day | None = Field(
        default=None, description="The day the model was copied as it stood; `readiness` compares with the model as "
        "of that day, so a later change in the model is not taken for a departure.")
    sources: dict[Slug, Source] = Field(default_factory=dict)
    phases: dict[Slug, Phase] = Field(min_length=1, description="Phases in time order; each inherits from the one before.")


_PATH_PARTS: dict[str, tuple[str, ...]] = {}  # `offsets.domestic.limit_pct` -> its parts, split once per run
NUMBERED_PHASE = re.compile(r"^(phase|period)(\d+)$")  # a phase id such as phase2 reads "phase 2"


@lru_cache(maxsize=None)  # the engine names the two sides in every message it makes
def phase_name(phase_id: str) -> str:
    """How a phase id reads after its system's short name: `phase2` "phase 2", `mrv` "MRV phase", `2021` "2021"."""
    from .vocab import PHASE_WORDS

    return PHASE_WORDS.get(phase_id) or NUMBERED_PHASE.sub(r"\1 \2", phase_id)


class ResolvedPhase(Dimensions):
    """A phase with every fact it inherits, and section-level sources pushed down onto facts."""

    system_id: str
    system_name: str
    short_name: str
    names: dict[str, LocalName] = Field(default_factory=dict)
    jurisdiction: str
    phase_id: str
    label: str | None
    period: Period
    reviewed: dt.date
    sources: dict[str, Source]
    origin: str = Field(description="File the phase was read from, for messages.")
    adopted_from: str | None = Field(default=None, description="The file's `adopted_from`: the model it started from.")
    adopted_on: dt.date | None = Field(default=None, description="The file's `adopted_on`: the day it was copied.")
    as_of: dt.date = Field(description="The day the facts are taken at: dated changes up to it apply.")

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

    def facts(self) -> Iterator[tuple[tuple[str, ...], Fact]]:
        """Every fact present, with its path below the phase, in schema order."""
        for dim in SECTION_MODELS:
            section = getattr(self, dim)
            if section is not None:
                yield from facts_in(section, (dim,))

    def get(self, path: str) -> Fact | None:
        """The fact at a dotted path such as `offsets.domestic.limit_pct`, or None when absent."""
        node: Any = self
        parts = _PATH_PARTS.get(path)
        if parts is None:
            parts = _PATH_PARTS[path] = tuple(path.split("."))
        for part in parts:
            node = getattr(node, part, None)
            if node is None:
                return None
        return node if isinstance(node, Fact) else None


def facts_in(model: BaseModel, prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Fact]]:
    for name in type(model).model_fields:
        if name in ("sources", "note"):
            continue
        child = getattr(model, name)
        if isinstance(child, Fact):
            yield prefix + (name,), child
        elif isinstance(child, BaseModel):
            yield from facts_in(child, prefix + (name,))


def push_down_sources(model: BaseModel, default: tuple[str, ...] = ()) -> BaseModel:
    """Give each fact without sources the sources of the section that holds it."""
    if isinstance(model, Section) and model.sources:
        default = model.sources
    update: dict[str, Any] = {}
    for name in model.model_fields_set:
        child = getattr(model, name)
        if isinstance(child, Fact):
            update[name] = child.with_default_sources(default)
        elif isinstance(child, BaseModel):
            update[name] = push_down_sources(child, default)
    return model.model_copy(update=update) if update else model


def at_date(model: BaseModel, day: dt.date) -> BaseModel:
    """Every fact as it stands on `day`: dated changes up to that day applied."""
    update: dict[str, Any] = {}
    for name in model.model_fields_set:
        child = getattr(model, name)
        if isinstance(child, Fact):
            if child.changes:
                update[name] = child.at(day)
        elif isinstance(child, BaseModel):
            moved = at_date(child, day)
            if moved is not child:
                update[name] = moved
    return model.model_copy(update=update) if update else model


def overlay(base: BaseModel | None, top: BaseModel | None) -> BaseModel | None:
    """Phase inheritance: what `top` states replaces what `base` had, fact by fact; the rest is kept."""
    if top is None:
        return base
    if base is None:
        return top
    update: dict[str, Any] = {}
    for name in top.model_fields_set:
        child = getattr(top, name)
        if isinstance(child, BaseModel) and not isinstance(child, Fact):
            update[name] = overlay(getattr(base, name), child)
        else:
            update[name] = child
    merged = base.model_copy(update=update)
    object.__setattr__(merged, "__pydantic_fields_set__", base.model_fields_set | top.model_fields_set)
    return merged


def plain_value(value: Any) -> Any:
    """A value as plain JSON data: mappings, lists, text, numbers, flags; dates as YYYY-MM-DD."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, tuple):
        return [plain_value(v) for v in value]
    return value


def fact_to_dict(fact: Fact) -> dict[str, Any]:
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
