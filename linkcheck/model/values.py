"""Structured values that facts carry: money, quantities, thresholds, reductions and the like."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from . import vocab


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


def number(value: float) -> str:
    """A number as a person reads it: thousands separated, no exponent, no trailing zeros (84,162,784; 0.911)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


UNIT_WORDS = {
    "tCO2e_per_year": "tCO2e per year", "MW_thermal": "MW rated thermal input",
    "MW_electrical": "MW generating capacity", "short_tCO2": "short tons CO2", "Mshort_tCO2": "million short tons CO2",
}


def unit_words(unit: str) -> str:
    return UNIT_WORDS.get(unit, unit)


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


class Value(BaseModel):
    """Base for structured values: typos in keys are errors, and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Escalating(Value):
    """A price that rises by rule: a fixed % a year, on top of inflation when `inflation_indexed`."""

    escalation_pct: Percent | None = Field(
        default=None, description="Annual rise, % per year (in real terms when inflation_indexed)."
    )
    inflation_indexed: Flag = Field(
        default=False, description="Whether the price also rises with inflation each year (e.g. '5% plus CPI')."
    )

    @property
    def escalates(self) -> bool:
        return bool(self.escalation_pct) or self.inflation_indexed

    def escalation_text(self) -> str:
        parts = [f"+{self.escalation_pct:g}%/yr"] if self.escalation_pct else []
        if self.inflation_indexed:
            parts.append("+ inflation" if parts else "indexed to inflation")
        return " ".join(parts)


class Money(Escalating):
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

    def __str__(self) -> str:
        unit = self.currency or self.index
        per = "short ton" if self.per == "short_ton" else "t"
        rise = f", {self.escalation_text()}" if self.escalates else ""
        return f"{number(self.amount)} {unit}/{per} ({self.year} prices{rise})"


class PriceFloor(Money):
    kind: vocab.FloorKind = "auction_reserve_price"


class PriceCeiling(Escalating):
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

    def money(self) -> Money | None:
        if self.amount is None or self.currency is None or self.year is None:
            return None
        return Money(amount=self.amount, currency=self.currency, year=self.year, per=self.per,
                     escalation_pct=self.escalation_pct, inflation_indexed=self.inflation_indexed)

    def __str__(self) -> str:
        price = self.money()
        text = str(price) if price else f"formula: {self.formula}"
        return f"{self.kind.replace('_', ' ')} {text}"


class Quantity(Value):
    amount: NonNegative
    unit: vocab.QuantityUnit
    year: Year | None = None

    @property
    def tonnes(self) -> float:
        return self.amount * vocab.TONNES_PER_UNIT[self.unit]

    def __str__(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{number(self.amount)} {unit_words(self.unit)}{year}"


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


class Threshold(Value):
    amount: NonNegative
    unit: vocab.ThresholdUnit

    def __str__(self) -> str:
        return f"{number(self.amount)} {unit_words(self.unit)}"


class AnnualReduction(Value):
    """The cap's yearly decline, as a percentage of a stated basis or as an absolute amount."""

    pct: Percent | None = None
    amount: NonNegative | None = None
    unit: vocab.QuantityUnit | None = None
    basis: str | None = None
    of: Quantity | None = Field(
        default=None, description="For an amount: the cap it is taken from, so it can be read as a percentage "
        "(California's 12.1 Mt a year fall from its 2015 budget of 394.5 Mt)."
    )

    def rate(self) -> tuple[float, str] | None:
        """The yearly decline as a percentage, and how it was obtained; None when an amount has no cap to
        be read against."""
        if self.pct is not None:
            return self.pct, ""
        if self.of is None or not self.of.tonnes or self.amount is None or self.unit is None:
            return None
        share = 100 * self.amount * vocab.TONNES_PER_UNIT[self.unit] / self.of.tonnes
        return share, f"{number(self.amount)} {unit_words(self.unit)}/yr of {self.of} = {share:.2f}%"

    @model_validator(mode="after")
    def _pct_or_amount(self) -> AnnualReduction:
        if (self.pct is None) == (self.amount is None):
            raise PydanticCustomError("reduction", "give exactly one of `pct` or `amount` (with `unit`)")
        if self.amount is not None and self.unit is None:
            raise PydanticCustomError("reduction_unit", "an `amount` needs a `unit`")
        return self

    def __str__(self) -> str:
        if self.pct is not None:
            return f"{self.pct:g}%/yr" + (f" ({self.basis})" if self.basis else "")
        return f"{number(self.amount)} {unit_words(self.unit)}/yr"


class LegalInstrument(Value):
    title: str
    date: Day | None = None
    reference: str | None = None

    def __str__(self) -> str:
        return self.title + (f" ({self.date.isoformat()})" if self.date else "")


class MethodShare(Value):
    method: vocab.AllocationMethod
    share_pct: Percent | None = None

    def __str__(self) -> str:
        return self.method.replace("_", " ") + (f" {self.share_pct:g}%" if self.share_pct is not None else "")


LINK_DIRECTION_WORDS = {"two_way": "two-way", "accepts_partner_units": "accepts the partner's units",
                        "partner_accepts_ours": "the partner accepts its units"}


class Link(Value):
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

    def in_force(self, year: int) -> bool:
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)

    def __str__(self) -> str:
        direction = LINK_DIRECTION_WORDS[self.direction]
        return f"{self.partner} ({direction}{', since ' + str(self.since) if self.since else ''})"
