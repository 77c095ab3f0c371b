"""Structured values that facts carry: money, quantities, thresholds, reductions and the like."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from . import objects, vocab


def _percent(value: float) -> float:
    if not 0 <= value <= 100:
        raise PydanticCustomError("percent", f"must be between 0 and 100 (got {value:g})")
    return value


def _currency(code: str) -> str:
    if code not in vocab.ISO_4217:
        raise PydanticCustomError(
            "currency", "unknown currency '{got}': use an ISO 4217 code such as EUR, USD or KZT", {"got": code}
        )
    return code


def _party(code: str) -> str:
    if not (len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()):
        raise PydanticCustomError(
            "party", "'{got}' is not a Paris Agreement party code: use two capital letters, such as EU, CH or CA, "
            "or none", {"got": code}
        )
    return code


# Numbers and flags are strict: a quoted "5" or the word yes is text, as any YAML 1.2 reader takes it, and is
# refused rather than converted; numbers are finite.
# No amount, quantity or ratio in a profile comes near 10^15; a larger one is a typo, and would overflow conversions.
MAX_MAGNITUDE = 1e15
Number = Annotated[float, Strict(), Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE, allow_inf_nan=False)]
Count = Annotated[int, Strict(), Field(ge=0, le=10 ** 12)]
Flag = StrictBool
Percent = Annotated[float, Strict(), Field(allow_inf_nan=False), AfterValidator(_percent)]
Currency = Annotated[str, AfterValidator(_currency)]
PartyCode = Annotated[str, AfterValidator(_party)]
Year = Annotated[int, Strict(), Field(ge=1990, le=2100)]


def _day(value: object) -> dt.date:
    """Dates must be written YYYY-MM-DD: a bare number is not read as a timestamp."""
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("day", "must be a date written YYYY-MM-DD, without a time (got {got})",
                                  {"got": str(value)})
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("day", "must be a date written YYYY-MM-DD (got {got})", {"got": repr(value)})


Day = Annotated[dt.date, BeforeValidator(_day)]
NonNegative = Annotated[float, Strict(), Field(ge=0, le=MAX_MAGNITUDE, allow_inf_nan=False)]
LimitPercent = Percent | Literal["no_limit"]


class Value(objects.Record, BaseModel):
    """Base for structured values: typos in keys are errors, and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Escalating(objects.Escalating, Value):
    """A price that rises by rule: a fixed % a year, on top of inflation when `inflation_indexed`."""

    escalation_pct: Percent | None = Field(
        default=None, description="Annual rise, % per year (in real terms when inflation_indexed)."
    )
    inflation_indexed: Flag = Field(
        default=False, description="Whether the price also rises with inflation each year (e.g. '5% plus CPI')."
    )


class Money(objects.Money, Escalating):
    """An amount in an ISO 4217 currency, or in a legal index unit (Kazakhstan's MCI), at a price year."""

    amount: NonNegative
    currency: Currency | None = None
    index: vocab.IndexUnit | None = None
    year: Year
    per: vocab.PricePer = "tonne"

    @model_validator(mode="after")
    def _one_denomination(self) -> Money:
        if (self.currency is None) == (self.index is None):
            raise PydanticCustomError(
                "money_denomination", "give exactly one of `currency` (ISO 4217) or `index` (such as MCI)"
            )
        return self


class PriceFloor(objects.PriceFloor, Money):
    kind: vocab.FloorKind = "auction_reserve_price"


class PriceCeiling(objects.PriceCeiling, Escalating):
    """A hard or soft ceiling, or a fixed-price option: a set price, or a formula where none was set."""

    amount: NonNegative | None = None
    currency: Currency | None = None
    year: Year | None = None
    per: vocab.PricePer = "tonne"
    kind: vocab.CeilingKind = "hard_ceiling"
    supply: vocab.CeilingSupply | None = Field(
        default=None, description="unlimited (any quantity at the ceiling) or finite (a reserve that can run out).")
    buyers: vocab.CeilingBuyers | None = Field(
        default=None, description="any_participant, or own_compliance_entities (only the system's own entities short "
        "of units, as in California).")
    formula: str | None = Field(default=None, description="How the ceiling is set when it is not a fixed price.")

    @model_validator(mode="after")
    def _price_or_formula(self) -> PriceCeiling:
        priced = self.amount is not None and self.currency is not None and self.year is not None
        if not priced and self.formula is None:
            raise PydanticCustomError("ceiling", "give `amount`, `currency` and `year`, or a `formula`")
        return self


class Quantity(objects.Quantity, Value):
    amount: NonNegative
    unit: vocab.QuantityUnit
    year: Year | None = None


class ContainmentReserve(Value):
    """A cost-containment reserve (CCR, APCR): allowances released when prices reach the triggers."""

    triggers: tuple[Money, ...] = Field(default=(), description="Trigger prices, lowest first.")
    trigger_rule: str | None = Field(
        default=None, description="A trigger that is not a fixed price, e.g. a multiple of a reference average."
    )
    size: Quantity | None = None


class EmissionsContainmentReserve(Value):
    """Allowances withheld from auction when prices fall below the trigger."""

    trigger: Money | None = None
    withhold_pct: Percent | None = None


class Threshold(objects.Threshold, Value):
    amount: NonNegative
    unit: vocab.ThresholdUnit


class AnnualReduction(objects.AnnualReduction, Value):
    """The cap's yearly decline, as a percentage of a stated basis or as an absolute amount."""

    pct: Percent | None = None
    amount: NonNegative | None = None
    unit: vocab.QuantityUnit | None = None
    basis: str | None = None
    of: Quantity | None = Field(
        default=None, description="For an amount: the cap it is taken from, so it can be read as a percentage "
        "(California's 12.1 Mt a year fall from its 2015 budget of 394.5 Mt)."
    )

    @model_validator(mode="after")
    def _pct_or_amount(self) -> AnnualReduction:
        if (self.pct is None) == (self.amount is None):
            raise PydanticCustomError("reduction", "give exactly one of `pct` or `amount` (with `unit`)")
        if self.amount is not None and self.unit is None:
            raise PydanticCustomError("reduction_unit", "an `amount` needs a `unit`")
        return self


class LegalInstrument(objects.LegalInstrument, Value):
    title: str
    date: Day | None = None
    reference: str | None = None


class MethodShare(objects.MethodShare, Value):
    method: vocab.AllocationMethod
    share_pct: Percent | None = None


class Link(objects.Link, Value):
    partner: str
    since: Year | None = Field(default=None, description="First year the link is in force.")
    until: Year | None = Field(default=None, description="Last year the link is in force; none while it lasts.")
    direction: vocab.LinkDirection = "two_way"

    @model_validator(mode="after")
    def _since_before_until(self) -> Link:
        if self.since is not None and self.until is not None and self.until < self.since:
            raise PydanticCustomError("link_years", "the link ends ({until}) before it starts ({since})",
                                      {"until": self.until, "since": self.since})
        return self
