"""Excel workbooks of the three report kinds: the sheets, a frozen bold header and an auto-filter on each, numbers
and dates stored as such, one row per finding, profile text never a formula, and the same bytes for the same inputs.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

import linkcheck
from linkcheck.config import load_config
from linkcheck.reports.render import render
from linkcheck.reports.workbook import amount
from linkcheck.reports.writer import pairwise_context, ranking_context, readiness_context

DAY = dt.date(2026, 12, 1)  # the report date
PAIR_AS_OF = dt.date(2015, 12, 31)  # Kazakhstan's phase II and the EU's phase 3 share 2014-2015
RANK_AS_OF = dt.date(2015, 6, 30)  # each partner's phase then: EU phase 3, Korea phase 1, California 2013
DRAFT_AS_OF = dt.date(2026, 6, 30)
SHEETS = {
    "pairwise": ["Summary", "Findings", "Comparison", "Scorecard", "Open questions", "Sources"],
    "ranking": ["Summary", "Ranking", "Findings", "Open questions", "Sources"],
    "readiness": ["Summary", "Checklist", "Sources"],
    "readiness_against": ["Summary", "Checklist", "Ranking", "Findings", "Sources"],
}
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def contexts() -> dict[str, tuple[str, dict]]:
    config = load_config(None, None)
    return {
        "pairwise": ("pairwise", pairwise_context("kazakhstan@phase2", "eu-ets@phase3", DAY, config, PAIR_AS_OF)),
        "ranking": ("ranking", ranking_context("kazakhstan", ["eu-ets", "korea", "california"], DAY, config,
                                               RANK_AS_OF)),
        "readiness": ("readiness", readiness_context("georgia", [], DAY, config, DRAFT_AS_OF)),
        "readiness_against": ("readiness", readiness_context("georgia", ["eu-ets"], DAY, config, DRAFT_AS_OF)),
    }


@pytest.fixture(scope="module")
def books(contexts) -> dict[str, openpyxl.Workbook]:
    return {name: _open(render(kind, context, "xlsx", "en")) for name, (kind, context) in contexts.items()}


def _open(data: bytes) -> openpyxl.Workbook:
    assert isinstance(data, bytes) and data.startswith(b"PK")
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(ws, header: str) -> list:
    headers = [cell.value for cell in ws[1]]
    index = headers.index(header)
    return [row[index] for row in ws.iter_rows(min_row=2)]


def _summary(ws) -> dict:
    return {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}


@pytest.mark.parametrize("name", list(SHEETS))
def test_sheets_have_a_bold_frozen_header_and_a_filter_over_the_data(books, name):
    book = books[name]
    assert book.sheetnames == SHEETS[name]
    for ws in book:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.bold for cell in ws[1]), ws.title
        last = openpyxl.utils.get_column_letter(ws.max_column)
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}", ws.title
        assert all(ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width >= 4
                   for c in range(1, ws.max_column + 1)), ws.title


def test_pairwise_summary_holds_numbers_and_dates(books, contexts):
    context = contexts["pairwise"][1]
    summary = _summary(books["pairwise"]["Summary"])
    assert summary["Overall score"].value == context["score"] == 74.1
    assert summary["Overall score"].data_type == "n"
    assert summary["Completeness"].value == pytest.approx(context["completeness"] / 100)
    assert summary["Completeness"].number_format == "0.0%"
    assert summary["Differences: Blocker"].value == context["counts"]["blocker"] == 1
    assert summary["A: Facts as of"].is_date
    assert summary["A: Facts as of"].value.date() == PAIR_AS_OF
    assert summary["Report date"].value.date() == DAY
    assert summary["Verdict"].value == "Blocked"


def test_one_finding_row_per_finding_of_the_json(books):
    result = linkcheck.assess("kazakhstan@phase2", "eu-ets@phase3", as_of=PAIR_AS_OF).to_dict()
    ws = books["pairwise"]["Findings"]
    assert ws.max_row - 1 == len(result["findings"]) > 0
    rules = [cell.value for cell in _column(ws, "Rule")]
    assert sorted(rules) == sorted(f["rule"] for f in result["findings"])
    kinds = [cell.value for cell in _column(ws, "Type")]
    questions = sum(f["kind"] in ("open_question", "rule_error") for f in result["findings"])
    assert kinds.count("Open question") == questions > 0
    assert kinds.count("Finding") == len(result["findings"]) - questions
    offsets = rules.index("LK-OFF-01")
    assert _column(ws, "Who must change")[offsets].value == "Kazakhstan ETS phase 2"
    assert "offsets.domestic.limit_pct" in _column(ws, "Paths read")[offsets].value
    assert "no limit" in _column(ws, "Facts of A")[offsets].value


def test_comparison_stores_amounts_as_numbers(books):
    ws = books["pairwise"]["Comparison"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    headers = [cell.value for cell in ws[1]]
    penalty = rows["enforcement.penalty"]
    assert penalty[headers.index("Value B")].value == "100 EUR/t (2012 prices)"
    assert penalty[headers.index("Amount B")].value == 100 and penalty[headers.index("Amount B")].data_type == "n"
    assert penalty[headers.index("Unit B")].value == "EUR/t (2012 prices)"
    entities = rows["coverage.covered_entities"]
    assert entities[headers.index("Value B")].value == 11000
    assert entities[headers.index("Value B")].data_type == "n"


@pytest.mark.parametrize(("text", "expected"), [
    ("57", (57, None)), ("2,084.3019 MtCO2e (2013)", (2084.3019, "MtCO2e (2013)")),
    ("20,000 tCO2e per year", (20000, "tCO2e per year")), ("5 MCI/t (2014 prices)", (5, "MCI/t (2014 prices)")),
    ("31 March (verified emissions report for the previous year)", (None, None)),
    ("grandfathering 100%", (None, None)), ("auctioning 57%, benchmarking", (None, None)), (None, (None, None)),
])
def test_only_a_single_quantity_is_read_as_an_amount(text, expected):
    assert amount(text) == expected


def test_scorecard_has_a_row_per_dimension(books, contexts):
    context = contexts["pairwise"][1]
    ws = books["pairwise"]["Scorecard"]
    assert [c.value for c in _column(ws, "Dimension id")] == [d["id"] for d in context["dimensions"]]
    assert [c.value for c in _column(ws, "Score")] == [d["score"] for d in context["dimensions"]]
    assert all(c.data_type == "n" for c in _column(ws, "Weight"))


def test_ranking_has_a_row_per_partner_and_per_partner_finding(books, contexts):
    context = contexts["ranking"][1]
    book = books["ranking"]
    ranking = book["Ranking"]
    assert [c.value for c in _column(ranking, "Reference")] == [p["b"]["ref"] for p in context["partners"]]
    assert {"eu-ets@phase3", "korea@phase1", "california@2013"} == {p["b"]["ref"] for p in context["partners"]}
    assert [c.value for c in _column(ranking, "Rank (number)")] == [p["rank"] for p in context["partners"]]
    assert all(c.data_type == "n" for c in _column(ranking, "Score"))
    assert all(c.is_date for c in _column(ranking, "Facts as of"))
    findings = book["Findings"]
    assert findings.max_row - 1 == sum(len(p["findings"]) for p in context["partners"])
    for partner in ("eu-ets", "korea", "california"):
        result = linkcheck.assess("kazakhstan", partner, as_of=RANK_AS_OF).to_dict()
        shown = result["b"]["ref"]
        name = next(p["b"]["display"] for p in context["partners"] if p["b"]["ref"] == shown)
        assert [c.value for c in _column(findings, "Partner")].count(name) == len(result["findings"])


def test_readiness_lists_every_check(books, contexts):
    context = contexts["readiness"][1]
    ws = books["readiness"]["Checklist"]
    checks = [(item["id"], check["path"]) for item in context["items"] for check in item["checks"]]
    assert [(a.value, b.value) for a, b in zip(_column(ws, "Prerequisite id"), _column(ws, "Path"))] == checks
    summary = _summary(books["readiness"]["Summary"])
    assert summary["Readiness"].value == "Not ready to launch"
    assert summary["Prerequisites"].value == len(context["items"]) and summary["Prerequisites"].data_type == "n"
    partners = books["readiness_against"]["Ranking"]
    assert [c.value for c in _column(partners, "Reference")] == ["eu-ets@phase4"]


def test_a_formula_in_a_profile_note_stays_text(tmp_path):
    formula = '=HYPERLINK("http://example.invalid","click here")'
    source = (ROOT / "system_profiles" / "georgia.yaml").read_text(encoding="utf-8")
    marker = 'note: "For MRV only, and only as proposed'
    assert source.count(marker) == 1
    hostile = tmp_path / "georgia.yaml"
    hostile.write_text(source.replace(marker, f'note: "{formula.replace(chr(34), chr(92) + chr(34))}'),
                       encoding="utf-8")
    context = readiness_context(str(hostile), [], DAY, load_config(None, None), DRAFT_AS_OF)
    data = render("readiness", context, "xlsx", "en")
    notes = [c for c in _column(_open(data)["Checklist"], "Note") if c.value and c.value.startswith("=")]
    assert len(notes) == 1 and notes[0].value.startswith(formula)
    assert notes[0].data_type == "s" and notes[0].quotePrefix
    sheets = [name for name in zipfile.ZipFile(io.BytesIO(data)).namelist() if name.startswith("xl/worksheets/")]
    assert all(b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read(name) for name in sheets)


def test_control_characters_are_dropped(contexts):
    """The profile loader refuses control characters, but text reaches a workbook by other roads too (reference
    data, a context built in Python): Excel's XML cannot hold them, and openpyxl would raise."""
    kind, context = contexts["readiness"]
    check = context["items"][0]["checks"][0]
    hostile = {**context, "items": [{**context["items"][0], "checks": [
        {**check, "fact": {**check["fact"], "note": "bell\x07 escape\x1b[31m nul\x00 end"}}]}]}
    ws = _open(render(kind, hostile, "xlsx", "en"))["Checklist"]
    assert _column(ws, "Note")[0].value == "bell escape[31m nul end"


def test_the_same_inputs_give_the_same_bytes(contexts):
    kind, context = contexts["pairwise"]
    first = render(kind, context, "xlsx", "en")
    archive = zipfile.ZipFile(io.BytesIO(first))
    assert {info.date_time for info in archive.infolist()} == {(2026, 12, 1, 0, 0, 0)}
    book = _open(first)
    assert book.properties.created == book.properties.modified == dt.datetime(2026, 12, 1)
    assert render(kind, context, "xlsx", "en") == first


def test_the_cover_details_go_into_the_summary_and_the_document_properties(contexts):
    kind, context = contexts["pairwise"]
    document = {"title": "=Linking study", "author": "A. Consultant", "client": "Ministry", "reference": "R-1"}
    book = _open(render(kind, {**context, "document": document}, "xlsx", "en"))
    summary = _summary(book["Summary"])
    assert summary["Prepared for"].value == "Ministry" and summary["Reference"].value == "R-1"
    assert summary["Title"].value == "=Linking study" and summary["Title"].data_type == "s"
    assert book.properties.title == "=Linking study" and book.properties.creator == "A. Consultant"


def test_russian_names_sheets_and_headers_from_the_catalogue(contexts):
    kind, context = contexts["pairwise"]
    book = _open(render(kind, context, "xlsx", "ru"))
    assert book.sheetnames[0] != "Summary" and book.sheetnames[-1] != "Sources"
    assert "Findings" not in book.sheetnames and "Выводы" in book.sheetnames
    severities = [c.value for c in _column(book["Выводы"], "Серьёзность")]
    assert "Блокирующее" in severities
