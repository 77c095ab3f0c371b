"""What a `--config` file may hold, checked by pydantic: rule settings, weights, penalties, the currency base.

`config.load_config` validates a file with `ConfigFile` and hands the engine a plain `config.EngineConfig`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict, StrictBool

from .model.values import Currency, Year
from .rules.base import Severity

Weight = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
Penalty = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
Share = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]


class CurrencyBase(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    code: Currency = "USD"
    year: Year = 2023


class RuleSettings(BaseModel):
    """A rule's settings: on or off, its severity, and its own options (checked against the rule)."""

    model_config = ConfigDict(extra="allow", frozen=True, defer_build=True)

    enabled: StrictBool = True
    severity: Severity | None = None


class ConfigFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    rules: dict[str, RuleSettings] = Field(default_factory=dict)
    weights: dict[str, Weight] = Field(default_factory=dict)
    penalties: dict[Severity, Penalty] = Field(default_factory=dict)
    currency: CurrencyBase = Field(default_factory=CurrencyBase)
    min_completeness: Share = Field(
        default=50.0, description="Below this share (%) of the facts the rules read defined on both sides, the "
        "verdict is undetermined.")
    tie_margin: Share = Field(
        default=3.0, description="Ranked partners whose scores are closer than this many points are tied; about "
        "one major difference in a double-weighted dimension.")
