"""A profile file (one system, several phases), as validated. The resolved phase is in phases.py."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from . import objects
from .dimensions import (
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
    SystemSection,
)
from .values import Day, Year

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
# `system@phase` of a shipped profile: two ids, so it can name a shipped phase but never a file.
PhaseReference = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*@[a-z0-9][a-z0-9._-]*$")]


class Source(objects.Record, BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    citation: str = Field(description="Author or body, year, title, publisher: enough to find it.")
    url: str | None = Field(default=None, description="Where a reader can open it.")
    accessed: Day | None = None
    note: str | None = None


class Period(objects.Period, BaseModel):
    """Whole years, inclusive. An open-ended phase has no `end`."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    start: Year
    end: Year | None = None


class Dimensions(objects.Record, BaseModel):
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


class LocalName(objects.Record, BaseModel):
    """The system's name in one language, for reports written in it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1)
    short_name: str | None = Field(default=None, min_length=1)


LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]


class ProfileFile(objects.Record, BaseModel):
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
