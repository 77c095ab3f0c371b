"""Exchange rates: the shipped table's shape, a user's own table (`--rates FILE`), and a gap named as the
reference data's, not the profile's."""

from __future__ import annotations

import json

import pytest

from linkcheck.loading.safe_yaml import read_yaml
from linkcheck.loading.validate import validate_model
from linkcheck.model.rates import RatesFile
from linkcheck.money import Converter, rates_table
from linkcheck.model.values import Money
from linkcheck.paths import reference_data_dir

PENALTY_IN_KGS = "a.enforcement.penalty={amount: 100, currency: KGS, year: 2025}"  # a currency the table lacks
RATES = """\
sources:
  nbkr:
    citation: "National Bank of the Kyrgyz Republic, official exchange rate, annual average (test figure)"
per_usd:
  KGS:
    2025: {rate: 87.0, source: nbkr}
"""


def test_the_shipped_table_has_the_shape_a_users_table_is_held_to():
    table = validate_model(read_yaml(reference_data_dir() / "exchange_rates.yaml"), RatesFile)
    known = set(table.sources) | set(table.index_sources)
    assert all(key in known for _, key in table.citations())


def _penalty_question(run_cli, *extra):
    result = run_cli("assess", "kazakhstan@phase4", "eu-ets@phase4", "--as-of", "2025-06-30", "--format", "json",
                     "--set", PENALTY_IN_KGS, "--set", "a.enforcement.penalty_price_multiple=none", *extra)
    data = json.loads(result.stdout)
    return [f for f in data["findings"] if f["rule"] == "LK-ENF-02"]


def test_a_missing_rate_is_a_gap_in_the_reference_data(run_cli):
    [found] = _penalty_question(run_cli)
    assert found["kind"] == "open_question"
    assert "the reference data has no KGS/USD rate for 2025" in found["message"] and "--rates FILE" in found["message"]
    assert found["remedy"].startswith("Add the missing rate")


def test_a_users_rates_table_fills_the_gap(run_cli, tmp_path):
    rates = tmp_path / "rates.yaml"
    rates.write_text(RATES, encoding="utf-8")
    found = _penalty_question(run_cli, "--rates", str(rates))
    assert found and not any("KGS" in f["message"] and f["kind"] == "open_question" for f in found)
    assert any("KGS → USD at the 2025 average rate" in f["message"] for f in found)


@pytest.mark.parametrize(("text", "expected"), [
    ('per_usd:\n  GEL:\n    2025: {rate: "2.5", source: nbg}\n', "3:18: per_usd.GEL.2025.rate: must be a number"),
    ("per_usd:\n  GEL:\n    2025: {rate: 2.5, source: nowhere}\n", "per_usd.GEL.2025.source: cites 'nowhere'"),
    ("per_usd:\n  XYZ:\n    2025: {rate: 2.5, source: fed-g5a-2024}\n", "unknown currency 'XYZ'"),
    ("per_usd:\n  GEL:\n    1850: {rate: 2.5, source: fed-g5a-2024}\n", "per_usd.GEL.1850"),
    ("per_usd:\n  GEL:\n    2025: {rate: -1, source: fed-g5a-2024}\n", "per_usd.GEL.2025.rate"),
    ("rates: []\n", "rates"),
])
def test_a_bad_rates_table_is_refused_with_its_location(run_cli, tmp_path, text, expected):
    rates = tmp_path / "rates.yaml"
    rates.write_text(text, encoding="utf-8")
    result = run_cli("assess", "kazakhstan", "eu-ets", "--rates", str(rates))
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output
    assert str(rates) in result.output


def test_a_users_figure_replaces_the_shipped_one_for_its_year_only(tmp_path):
    from linkcheck.money import read_rates

    rates = tmp_path / "rates.yaml"
    rates.write_text("per_usd:\n  EUR:\n    2023: {rate: 2.0, source: fed-g5a-2024}\n", encoding="utf-8")
    table = read_rates(rates)
    assert table["per_usd"]["EUR"][2023]["rate"] == 2.0
    assert table["per_usd"]["EUR"][2022] == rates_table()["per_usd"]["EUR"][2022]
    assert rates_table()["per_usd"]["EUR"][2023]["rate"] != 2.0  # the shipped table is untouched
    converted = Converter("USD", 2023, table).convert(Money(amount=10, currency="EUR", year=2023))
    assert converted.amount == 5.0


# Every currency the library and its users need converts for the years an assessment today uses. The year in
# progress has no published average: the latest year stands in, and the conversion says so.
CURRENCIES = ["EUR", "GBP", "CHF", "CAD", "NZD", "AUD", "KRW", "CNY", "JPY", "KZT", "UAH", "GEL", "MDL", "TRY",
              "UZS", "RUB", "INR", "BRL", "MXN", "IDR", "VND", "AMD", "AZN"]
NOT_YET_PUBLISHED = {("RUB", 2025), ("VND", 2025)}  # listed under NOT SOURCED in the table


@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_money_of_recent_years_converts(currency, year):
    converter = Converter("USD", 2023)
    money = Money(amount=1_000_000, currency=currency, year=year)
    if (currency, year) in NOT_YET_PUBLISHED or (currency, year - 1) in NOT_YET_PUBLISHED:
        if (currency, year) in NOT_YET_PUBLISHED and (currency, year - 1) not in NOT_YET_PUBLISHED:
            converted = converter.convert(money)  # the year before stands in, and says so
            assert any("stand in" in str(step) for step in converted.steps)
            return
        with pytest.raises(Exception, match="reference data lacks it"):
            converter.convert(money)
        return
    converted = converter.convert(money)
    assert converted.amount > 0
    assert (year == 2026) == any("stand in" in str(step) for step in converted.steps)


def test_a_gap_inside_the_tables_years_is_not_filled():
    table = {**rates_table(), "per_usd": {**rates_table()["per_usd"], "EUR": {
        y: e for y, e in rates_table()["per_usd"]["EUR"].items() if y != 2020}}}
    with pytest.raises(Exception, match="no EUR/USD rate for 2020"):
        Converter("USD", 2023, table).convert(Money(amount=10, currency="EUR", year=2020))
