"""The shape of a rates table: exchange rates to the US dollar, US CPI, and legal index units, each figure sourced.

The shipped table (reference_data/exchange_rates.yaml) and a user's own (`--rates FILE`) are read with this one
model, so a user's table is refused for the same mistakes as the shipped one would be.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, Strict

from .values import Currency, Day
from .vocab import IndexUnit

Rate = Annotated[float, Strict(), Field(gt=0, le=1e12, allow_inf_nan=False)]  # 1300 is a rate; "1300" is text
TableYear = Annotated[int, Field(ge=1990, le=2100)]  # a mapping key: YAML keys arrive as text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class TableSource(_Strict):
    citation: str = Field(min_length=1)
    url: str | None = None


class RateEntry(_Strict):
    """One annual average: units of the currency per US dollar."""

    rate: Rate
    source: str = Field(min_length=1)
    published_usd_per_unit: Rate | None = None
    basis: str | None = Field(default=None, description="Which values the average is taken over, if not a full "
                              "calendar year of daily rates.")
    note: str | None = None


class CpiEntry(_Strict):
    index: Rate
    source: str = Field(min_length=1)
    note: str | None = None


class IndexValue(_Strict):
    value: Rate
    source: str = Field(min_length=1)
    note: str | None = None


class IndexUnitTable(_Strict):
    currency: Currency
    values: dict[TableYear, IndexValue] = Field(default_factory=dict)


class RatesFile(_Strict):
    """A rates table. In a user's table every part is optional: what it gives is added to the shipped table, and
    replaces the shipped figure for the same currency and year."""

    reviewed: Day | None = None
    sources: dict[str, TableSource] = Field(default_factory=dict)
    per_usd: dict[Currency, dict[TableYear, RateEntry]] = Field(default_factory=dict)
    us_cpi: dict[TableYear, CpiEntry] = Field(default_factory=dict)
    index_sources: dict[str, TableSource] = Field(default_factory=dict)
    index_units: dict[IndexUnit, IndexUnitTable] = Field(default_factory=dict)

    def citations(self):
        """Every source key the table cites, with the path it is cited at."""
        for cur, years in self.per_usd.items():
            for year, entry in years.items():
                yield ("per_usd", cur, year, "source"), entry.source
        for year, entry in self.us_cpi.items():
            yield ("us_cpi", year, "source"), entry.source
        for unit, table in self.index_units.items():
            for year, value in table.values.items():
                yield ("index_units", unit, "values", year, "source"), value.source
