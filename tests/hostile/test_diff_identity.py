"""`diff` compares every list item: where one side has two items with the same identity key (two legal
instruments of one title), they are paired by their other fields and then by order, never collapsed into one."""

from __future__ import annotations

import json

import pytest

from linkcheck.differences import diff_phases
from linkcheck.loading.library import load_file

PROFILE = """\
id: d
name: D
jurisdiction: D
reviewed: 2026-11-26
phases:
  one:
    period: {{start: 2013, end: 2015}}
    system:
      legal_basis: {one}
    coverage:
      sectors: {sectors_one}
  two:
    period: {{start: 2016, end: 2020}}
    system:
      legal_basis: {two}
    coverage:
      sectors: {sectors_two}
"""


def differences(tmp_path, one: str, two: str, sectors_one: str = "[power]", sectors_two: str = "[power]"):
    path = tmp_path / "d.yaml"
    path.write_text(PROFILE.format(one=one, two=two, sectors_one=sectors_one, sectors_two=sectors_two),
                    encoding="utf-8")
    loaded = load_file(path)
    return {d.path: d for d in diff_phases(loaded.resolve("one"), loaded.resolve("two"))
            if d.path.startswith(("system.legal_basis[", "coverage.sectors["))}


def test_two_instruments_of_one_title_against_one_is_a_difference(tmp_path):
    found = differences(tmp_path, '[{title: "ETS Law", date: 2012-01-01}, {title: "ETS Law", date: 2014-05-01}]',
                        '[{title: "ETS Law", date: 2012-01-01}]')
    assert list(found) == ["system.legal_basis[ETS Law#2]"]
    assert found["system.legal_basis[ETS Law#2]"].change == "removed"
    assert "2014-05-01" in found["system.legal_basis[ETS Law#2]"].a


def test_same_titles_on_both_sides_are_each_compared(tmp_path):
    found = differences(tmp_path,
                        '[{title: "ETS Law", date: 2012-01-01}, {title: "ETS Law", date: 2014-05-01}]',
                        '[{title: "ETS Law", date: 2012-01-01}, {title: "ETS Law", date: 2015-06-01}]')
    assert list(found) == ["system.legal_basis[ETS Law#2]"]
    changed = found["system.legal_basis[ETS Law#2]"]
    assert changed.change == "changed" and "2014-05-01" in changed.a and "2015-06-01" in changed.b


def test_identical_duplicates_are_no_difference(tmp_path):
    same = '[{title: "ETS Law", date: 2012-01-01}, {title: "ETS Law", date: 2014-05-01}]'
    assert differences(tmp_path, same, same) == {}


def test_reordered_duplicates_are_no_difference(tmp_path):
    found = differences(tmp_path,
                        '[{title: "ETS Law", date: 2012-01-01}, {title: "ETS Law", date: 2014-05-01}]',
                        '[{title: "ETS Law", date: 2014-05-01}, {title: "ETS Law", date: 2012-01-01}]')
    assert found == {}


def test_duplicates_pair_by_their_other_fields_before_order(tmp_path):
    # B changed the reference of the 2014 instrument only: that is the pair, not the first with the first.
    found = differences(
        tmp_path,
        '[{title: L, date: 2012-01-01, reference: "No. 1"}, {title: L, date: 2014-05-01, reference: "No. 2"}]',
        '[{title: L, date: 2014-05-01, reference: "No. 2a"}, {title: L, date: 2012-01-01, reference: "No. 1"}]')
    assert len(found) == 1
    (only,) = found.values()
    assert only.change == "changed"
    assert (only.a, only.b) == ("title L; date 2014-05-01; reference No. 2", "title L; date 2014-05-01; reference No. 2a")


def test_three_against_one(tmp_path):
    found = differences(tmp_path, "[{title: L}, {title: L, date: 2013-01-01}, {title: L, date: 2014-01-01}]",
                        "[{title: L, date: 2014-01-01}]")
    assert sorted(d.change for d in found.values()) == ["removed", "removed"]
    assert len(found) == 2


def test_duplicate_scalar_items_are_compared(tmp_path):
    found = differences(tmp_path, "[{title: L}]", "[{title: L}]", "[power, power]", "[power]")
    assert [(p, d.change) for p, d in found.items()] == [("coverage.sectors[power#2]", "removed")]


def test_unique_titles_keep_their_plain_paths(tmp_path):
    found = differences(tmp_path, '[{title: "A", date: 2012-01-01}, {title: "B"}]',
                        '[{title: "A", date: 2013-01-01}, {title: "C"}]')
    assert {p: d.change for p, d in found.items()} == {
        "system.legal_basis[A]": "changed", "system.legal_basis[B]": "removed", "system.legal_basis[C]": "added"}


@pytest.mark.parametrize("count", [60, 2000])
def test_many_duplicates_are_quick(tmp_path, count):
    import time

    one = "[" + ", ".join(f"{{title: L, reference: 'r{i}'}}" for i in range(count)) + "]"
    two = "[" + ", ".join(f"{{title: L, reference: 'r{i}x'}}" for i in range(count)) + "]"
    started = time.monotonic()
    found = differences(tmp_path, one, two)
    assert time.monotonic() - started < 5.0
    assert len(found) == count  # every item compared: each of A's paired with one of B's, all changed
    assert {d.change for d in found.values()} == {"changed"}
    assert found["system.legal_basis[L#1]"].a == "title L; reference r0"


def test_the_cli_reports_a_collision(cli, tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(PROFILE.format(one='[{title: "ETS Law"}, {title: "ETS Law", date: 2014-05-01}]',
                                   two='[{title: "ETS Law"}]', sectors_one="[power]", sectors_two="[power]"),
                    encoding="utf-8")
    result = cli("diff", f"{path}@one", f"{path}@two", "--all", "--format", "json")
    assert result.code == 1, result.stderr
    assert [d["path"] for d in json.loads(result.stdout) if d["path"].startswith("system.legal_basis[")] == [
        "system.legal_basis[ETS Law#2]"]


def test_every_path_is_unique_when_pairs_cross(tmp_path):
    # A's second pairs with B's third (same date); B's second is then B's alone: numbered after A's items.
    path = tmp_path / "d.yaml"
    path.write_text(PROFILE.format(
        one="[{title: L, date: 2012-01-01}, {title: L, date: 2014-01-01, reference: x}]",
        two="[{title: L, date: 2012-01-01}, {title: L, date: 2019-01-01}, {title: L, date: 2014-01-01, reference: y}]",
        sectors_one="[power]", sectors_two="[power]"), encoding="utf-8")
    loaded = load_file(path)
    found_list = [d for d in diff_phases(loaded.resolve("one"), loaded.resolve("two"))
                  if d.path.startswith("system.legal_basis[")]
    assert sorted((d.path, d.change) for d in found_list) == [
        ("system.legal_basis[L#2]", "changed"), ("system.legal_basis[L#3]", "added")]
    assert len({d.path for d in found_list}) == len(found_list)
