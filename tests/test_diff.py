"""Semantic diff: identity matching, status changes, units, ignore patterns, exit codes, golden outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from linkcheck.differences import diff_phases
from linkcheck.loading.library import load_file, load_reference

GOLDEN = Path(__file__).parent / "golden"

BASE = """\
id: d
name: D
jurisdiction: D
reviewed: 2026-11-26
sources:
  law: {citation: "Law"}
  decree: {citation: "Decree"}
phases:
  one:
    period: {start: 2013, end: 2015}
    coverage:
      sectors: [power, cement, aviation]
      gases: [CO2]
    system:
      legal_basis: [{title: "ETS Law", date: 2012-01-01}, {title: "Allocation Decree"}]
    enforcement:
      penalty: {amount: 100, currency: EUR, year: 2013}
      make_good: unknown
    mrv:
      registry: {status: under_development, sources: [law]}
  two:
    period: {start: 2016, end: 2020}
    coverage:
      sectors: [aviation, power, iron_and_steel]
    system:
      legal_basis: [{title: "Allocation Decree"}, {title: "ETS Law", date: 2015-06-01}]
    enforcement:
      penalty: {amount: 100, currency: USD, year: 2013}
      make_good: true
    mrv:
      registry: {value: operational, sources: [decree]}
"""


def phases(write_yaml):
    loaded = load_file(write_yaml(BASE))
    return loaded.resolve("one"), loaded.resolve("two")


def by_path(differences):
    return {d.path: d for d in differences}


def test_lists_are_matched_by_identity_not_position(write_yaml):
    diffs = by_path(diff_phases(*phases(write_yaml)))
    assert diffs["coverage.sectors[cement]"].change == "removed"
    assert diffs["coverage.sectors[iron_and_steel]"].change == "added"
    assert "coverage.sectors[aviation]" not in diffs and "coverage.sectors[power]" not in diffs  # reordered only
    assert diffs["system.legal_basis[ETS Law]"].change == "changed"  # same instrument, new date
    assert "system.legal_basis[Allocation Decree]" not in diffs


def test_status_changes_are_differences(write_yaml):
    diffs = by_path(diff_phases(*phases(write_yaml)))
    make_good = diffs["enforcement.make_good"]
    assert (make_good.change, make_good.a, make_good.b) == ("status", "unknown", True)
    registry = diffs["mrv.registry"]
    assert registry.change == "status" and registry.a == "under_development" and registry.b == "operational"
    assert diffs["mrv.registry.sources"].change == "sources"
    assert "LK-MRV-04" in registry.rules and registry.matters


def test_values_carry_units_and_currencies(write_yaml):
    penalty = by_path(diff_phases(*phases(write_yaml)))["enforcement.penalty"]
    assert penalty.a == "100 EUR/t (2013 prices)" and penalty.b == "100 USD/t (2013 prices)"
    day = dt.date(2019, 6, 30)  # RGGI's cap is known for 2019 (its ten-state cap for 2020 is not)
    quantities = by_path(diff_phases(load_reference("rggi@2014", day), load_reference("eu-ets@phase3", day)))
    assert "short tons CO2" in str(quantities["ambition.cap"].a)  # the unit in words, not its vocabulary id


def test_ignore_patterns_and_linking_only(write_yaml):
    one, two = phases(write_yaml)
    everything = diff_phases(one, two)
    ignored = diff_phases(one, two, ignore=["coverage.*", "*.sources"])
    assert not [d for d in ignored if d.path.startswith("coverage.") or d.path.endswith(".sources")]
    assert len(ignored) < len(everything)
    assert all(d.matters for d in diff_phases(one, two, linking_only=True))


def test_exit_codes(run_cli, write_yaml, tmp_path):
    path = write_yaml(BASE)
    assert run_cli("diff", f"{path}@one", f"{path}@one").exit_code == 0
    assert run_cli("diff", f"{path}@one", f"{path}@two").exit_code == 1
    assert run_cli("diff", f"{path}@one", "missing@phase").exit_code == 2
    ignore_file = tmp_path / "ignore.txt"
    ignore_file.write_text("# everything\n*\n", encoding="utf-8")
    assert run_cli("diff", f"{path}@one", f"{path}@two", "--ignore-file", str(ignore_file)).exit_code == 0


def test_shipped_against_user_file(run_cli):
    fixture = Path(__file__).parent / "fixtures" / "minimal.yaml"
    result = run_cli("diff", "kazakhstan@pilot", str(fixture), "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout)


def test_golden_text_and_json_on_a_real_pair(run_cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = run_cli("diff", "kazakhstan@pilot", "kazakhstan@phase2", "--linking-only").stdout
    assert text == (GOLDEN / "diff-kazakhstan-pilot-phase2.txt").read_text(encoding="utf-8")
    data = json.loads(run_cli("diff", "kazakhstan@pilot", "kazakhstan@phase2", "--linking-only", "--format", "json").stdout)
    assert data == json.loads((GOLDEN / "diff-kazakhstan-pilot-phase2.json").read_text(encoding="utf-8"))
    assert set(data[0]) == {"path", "label", "dimension", "change", "a", "b", "rules"}


def test_timeline_follows_partner_phases(run_cli):
    data = json.loads(run_cli("timeline", "kazakhstan", "--against", "eu-ets", "--format", "json").stdout)
    partners = {step["phase"]: step["partner"] for step in data["phases"]}
    assert partners == {"kazakhstan@pilot": "eu-ets@phase3", "kazakhstan@phase2": "eu-ets@phase3",
                        "kazakhstan@phase3": "eu-ets@phase3", "kazakhstan@phase4": "eu-ets@phase4"}
    assert data["phases"][0]["opened"] == [] and any(step["closed"] for step in data["phases"][1:])
    fixed = json.loads(run_cli("timeline", "kazakhstan", "--against", "eu-ets@phase4", "--format", "json").stdout)
    assert {step["partner"] for step in fixed["phases"]} == {"eu-ets@phase4"}
    assert run_cli("timeline", "kazakhstan@pilot", "--against", "eu-ets").exit_code == 2
