"""Bring money to one currency and price year through the shipped, sourced rates table. Never the network."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .messages import Msg, Word
from .model.objects import Money
from .model.vocab import TONNES_PER_UNIT
from .paths import reference_data_dir


class Unconvertible(Exception):
    """The table lacks a rate, an index value or a price index needed for the conversion. `missing` and `year` name
    what it lacks (for example "KGS/USD rate", 2025), so an open question can say so in a report's language."""

    def __init__(self, text: str, missing: str | None = None, year: int | None = None) -> None:
        super().__init__(text)
        self.missing, self.year = missing, year


@dataclass(frozen=True)
class Converted:
    amount: float
    currency: str
    year: int
    steps: tuple[Msg, ...]  # how it was converted, each step a message (English by str(), translated in reports)

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency}/t ({self.year} prices)"


SHIPPED_TABLE = "reference_data/exchange_rates.yaml"
ADD_A_RATE = (f"the reference data lacks it: add the figure, with its source, to {SHIPPED_TABLE}, or pass a table "
              "of your own with --rates FILE (see reference_data/README.md)")


@lru_cache(maxsize=1)
def rates_table() -> dict[str, Any]:
    """The shipped rates table, read like every other YAML file (and cached like the shipped profiles); its years
    become numbers."""
    from .loading.cache import table_data

    return _years_as_numbers(table_data(reference_data_dir() / "exchange_rates.yaml", SHIPPED_TABLE))


def read_rates(path: Any) -> dict[str, Any]:
    """A rates table of a user's, checked like the shipped one, laid over the shipped table: its figures are added,
    and replace the shipped ones for the same currency (or index) and year. Located errors on any mistake."""
    from .errors import ProfileErrors
    from .loading.safe_yaml import read_yaml
    from .loading.validate import validate_model
    from .model.rates import RatesFile

    document = read_yaml(path, shape="a rates table is a mapping with sources, per_usd, us_cpi and index_units")
    table = validate_model(document, RatesFile)
    shipped = rates_table()
    known = set(table.sources) | set(table.index_sources) | set(shipped["sources"]) | set(shipped["index_sources"])
    unknown = [document.error(where, f"cites '{key}', which is not among the table's sources (nor the shipped "
                                     "table's); add it under `sources`")
               for where, key in table.citations() if key not in known]
    if unknown:
        raise ProfileErrors(unknown)
    return merge_tables(shipped, _years_as_numbers(document.data))


def merge_tables(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """`base` with `extra` laid over it, figure by figure."""
    merged = {key: dict(value) if isinstance(value, dict) else value for key, value in base.items()}
    for key in ("sources", "index_sources", "us_cpi"):
        merged[key] = {**base.get(key, {}), **(extra.get(key) or {})}
    merged["per_usd"] = {cur: dict(years) for cur, years in base.get("per_usd", {}).items()}
    for cur, years in (extra.get("per_usd") or {}).items():
        merged["per_usd"].setdefault(cur, {}).update(years)
    merged["index_units"] = {unit: {**table, "values": dict(table["values"])}
                             for unit, table in base.get("index_units", {}).items()}
    for unit, table in (extra.get("index_units") or {}).items():
        target = merged["index_units"].setdefault(unit, {"currency": table["currency"], "values": {}})
        target["currency"] = table["currency"]
        target["values"].update(table.get("values") or {})
    return merged


def _years_as_numbers(node: Any) -> Any:
    if isinstance(node, dict):
        return {int(k) if k.isdigit() else k: _years_as_numbers(v) for k, v in node.items()}
    return node


class Converter:
    """Converts to `currency` at `year` prices: to USD at the price year, US CPI to the base year, then out."""

    def __init__(self, currency: str = "USD", year: int = 2023, table: dict[str, Any] | None = None) -> None:
        self.currency = currency
        self.year = year
        self.table = table or rates_table()

    def per_usd(self, currency: str, year: int) -> float:
        if currency == "USD":
            return 1.0
        entry = self.table["per_usd"].get(currency, {}).get(year)
        if entry is None:
            raise Unconvertible(f"no {currency}/USD rate for {year}: {ADD_A_RATE}", f"{currency}/USD rate", year)
        return float(entry["rate"])

    def cpi(self, year: int) -> float:
        entry = self.table["us_cpi"].get(year)
        if entry is None:
            raise Unconvertible(f"no US CPI for {year}: {ADD_A_RATE}", "US CPI", year)
        return float(entry["index"])

    def project(self, money: Money, year: int) -> tuple[Money, tuple[Msg, ...]]:
        """The price a rising amount has reached in `year`, by its own escalation rule.

        An amount indexed to inflation keeps its price year: its real rise is the escalation alone. A nominal
        escalation gives an amount in `year` prices; where the table has no rate for `year` yet, the latest
        earlier one stands in for it, and the step says so.
        """
        years = year - money.year
        if not money.escalates or years <= 0:
            return money, ()
        factor = (1 + (money.escalation_pct or 0) / 100) ** years
        rule = money.escalation_text()
        if money.inflation_indexed:
            projected = money.model_copy(update={"amount": money.amount * factor})
            return projected, (Msg("{amount} rising {rule} for {years} years to {year}: {projected} in {price_year} "
                                   "prices", amount=format(money.amount, "g"), rule=rule, years=str(years),
                                   year=str(year), projected=format(projected.amount, ",.2f"),
                                   price_year=str(money.year)),)
        price_year = self.latest_year(money.currency or "USD", year)
        projected = money.model_copy(update={"amount": money.amount * factor, "year": price_year})
        step = Msg("{amount} rising {rule} (nominal) for {years} years to {year}: {projected}",
                   amount=format(money.amount, "g"), rule=rule, years=str(years), year=str(year),
                   projected=format(projected.amount, ",.2f"))
        if price_year != year:
            step = Msg("{step}, converted with the {year} rates (the latest in the table)", step=step,
                       year=str(price_year))
        return projected, (step,)

    def latest_year(self, currency: str, year: int) -> int:
        """`year`, or the latest earlier year for which both the currency's rate and US CPI are in the table."""
        rates = self.table["per_usd"].get(currency, {}) if currency != "USD" else None
        known = [y for y in self.table["us_cpi"] if y <= year and (rates is None or y in rates)]
        return max(known) if known else year

    def _rate_year(self, currency: str, year: int, steps: list[Msg]) -> int:
        """The year whose rate and CPI convert an amount of `year`: that year, or, for the year after the table's
        last for this currency (a year whose average is not yet published), that last year, said in a step.
        A gap inside the table's years is never filled."""
        has_rate = currency == "USD" or year in self.table["per_usd"].get(currency, {})
        if has_rate and year in self.table["us_cpi"]:
            return year
        latest = self.latest_year(currency, year)
        if latest == year - 1 and self.latest_year(currency, 9999) == latest:
            steps.append(Msg("no {year} average in the reference data yet: the {latest} rates and CPI stand in for it",
                             year=str(year), latest=str(latest)))
            return latest
        return year

    def convert(self, money: Money, at_year: int | None = None) -> Converted:
        """`money` in the base currency and price year; a rising amount first projected to `at_year`."""
        steps: list[Msg] = []
        if at_year is not None:
            money, projection = self.project(money, at_year)
            steps.extend(projection)
        amount, currency = money.amount, money.currency
        if money.index is not None:
            unit = self.table["index_units"].get(money.index)
            if unit is None:
                raise Unconvertible(f"no {money.index} values: {ADD_A_RATE}")
            value = unit["values"].get(money.year)
            if value is None:
                raise Unconvertible(f"no {money.index} value for {money.year}: {ADD_A_RATE}", f"{money.index} value",
                                    money.year)
            amount, currency = amount * value["value"], unit["currency"]
            steps.append(Msg("{amount} {index} × {value} {currency} ({year})", amount=format(money.amount, "g"),
                             index=money.index, value=format(value["value"], "g"), currency=currency,
                             year=str(money.year)))
        if money.per == "short_ton":
            amount /= TONNES_PER_UNIT["short_tCO2"]
            steps.append(Word("per short ton → per metric tonne (÷ 0.907)"))
        year = self._rate_year(currency, money.year, steps)
        usd = amount / self.per_usd(currency, year)
        if currency != "USD":
            steps.append(Msg("{currency} → USD at the {year} average rate", currency=currency, year=str(year)))
        usd_base = usd * self.cpi(self.year) / self.cpi(year)
        if year != self.year:
            steps.append(Msg("US CPI {year} → {base}", year=str(year), base=str(self.year)))
        result = usd_base * self.per_usd(self.currency, self.year)
        if not math.isfinite(result):
            raise Unconvertible(f"{money} is too large to convert")
        if self.currency != "USD":
            steps.append(Msg("USD → {currency} at the {year} average rate", currency=self.currency,
                             year=str(self.year)))
        return Converted(round(result, 2), self.currency, self.year, tuple(steps))
