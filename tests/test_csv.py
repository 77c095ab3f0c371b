"""`--format csv` on every command that prints a table: the documented columns (docs/csv.md), one row per item of
the JSON, and cells a spreadsheet cannot run as formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest

from linkcheck.formats.tables import columns, csv_text

COMMANDS = {  # table -> arguments, and how many rows the JSON says there should be
    "assess": (["assess", "kazakhstan@phase2", "eu-ets@phase3"], lambda d: len(d["findings"])),
    "rank": (["rank", "kazakhstan@phase2", "eu-ets@phase3", "korea@phase1", "rggi@2014"], lambda d: len(d["partners"])),
    "matrix": (["matrix", "eu-ets@phase4", "uk@2021", "switzerland@2020", "--as-of", "2024-06-30"], len),
    "timeline": (["timeline", "kazakhstan", "--against", "eu-ets"], lambda d: len(d["phases"])),
    "readiness": (["readiness", "georgia"], lambda d: sum(len(i["checks"]) for i in d["items"])),
    "coverage": (["coverage"], lambda d: sum(len(r["dimensions"]) for r in d)),
    "diff": (["diff", "kazakhstan@pilot", "kazakhstan@phase2"], len),
}


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("table", sorted(COMMANDS))
def test_each_command_prints_its_documented_columns_and_one_row_per_item(run_cli, table):
    args, expected_rows = COMMANDS[table]
    printed = _table(run_cli(*args, "--format", "csv").stdout)
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    assert printed[0] == columns(table)
    assert len(printed) - 1 == expected_rows(data) > 0
    assert all(len(row) == len(printed[0]) for row in printed)


def test_assessment_rows_name_the_pair_and_the_values_read(run_cli):
    rows = list(csv.DictReader(io.StringIO(run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format",
                                                   "csv").stdout)))
    blocker = next(r for r in rows if r["rule"] == "LK-OFF-01")
    assert (blocker["a"], blocker["b"], blocker["a_value"], blocker["adjust"]) == (
        "kazakhstan@phase2", "eu-ets@phase3", "no_limit", "a")
    assert {r["kind"] for r in rows} == {"difference", "open_question"}


def test_a_cell_that_would_run_as_a_formula_is_text():
    text = csv_text(["note", "score", "list"], [{"note": "=HYPERLINK(\"http://x\")", "score": -3.5,
                                                 "list": ["+1", "a"]}])
    assert _table(text)[1] == ["'=HYPERLINK(\"http://x\")", "-3.5", "'+1; a"]


def test_a_hostile_note_reaches_the_csv_as_text(run_cli, write_yaml):
    path = write_yaml("""\
        id: hostile
        name: Hostile
        jurisdiction: X
        reviewed: 2026-01-01
        phases:
          draft:
            period: {start: 2026, end: null}
            system:
              legal_basis: {status: under_development, note: "@SUM(1+1)*cmd|' /C calc'!A0"}
        """)
    rows = list(csv.DictReader(io.StringIO(run_cli("readiness", str(path), "--format", "csv").stdout)))
    note = next(r["note"] for r in rows if r["path"] == "system.legal_basis")
    assert note == "'@SUM(1+1)*cmd|' /C calc'!A0"
