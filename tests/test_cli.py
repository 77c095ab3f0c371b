"""The command line as a user meets it: outputs, JSON contracts, exit codes, and what it does not import."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES


def test_show_json_has_resolved_facts_and_sources(run_cli):
    result = run_cli("show", "kazakhstan@phase2", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["ref"] == "kazakhstan@phase2"
    limit = data["dimensions"]["offsets"]["domestic.limit_pct"]
    assert limit["value"] == "no_limit" and limit["sources"]
    assert set(limit["sources"]) <= set(data["sources"])
    assert all(source["citation"] for source in data["sources"].values())


def test_show_text_and_yaml(run_cli):
    text = run_cli("show", "eu-ets@phase4")
    assert text.exit_code == 0 and "Penalty per excess tonne" in text.stdout and "Sources" in text.stdout
    assert run_cli("show", "eu-ets", "--format", "yaml").stdout.startswith("ref: eu-ets@phase4")


def test_unknown_reference_suggests_near_matches(run_cli):
    result = run_cli("show", "kazakstan@phase2")
    assert result.exit_code == 2
    assert "did you mean 'kazakhstan@phase2'" in result.stderr
    assert "no phase 'phase9'" in run_cli("show", "kazakhstan@phase9").stderr


def test_new_writes_a_valid_starter_and_refuses_to_overwrite(run_cli, tmp_path):
    target = tmp_path / "georgia.yaml"
    assert run_cli("new", "Georgia", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    # Outside a checkout there is no schema to point to by a relative path: a comment says how to add one
    # (tests/hostile/test_new.py covers the modeline inside a checkout).
    assert "file://" not in text and "yaml-language-server: $schema=profile.schema.json" in text
    assert text.count(": undefined  # ") >= 58
    assert run_cli("validate", str(target)).exit_code == 0
    refused = run_cli("new", "Georgia", "-o", str(target))
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == text
    assert run_cli("new", "Georgia", "-o", str(target), "--force").exit_code == 0


def test_schema_command_matches_the_shipped_schema_file(run_cli):
    shipped = Path(__file__).parent.parent / "system_profiles" / "profile.schema.json"
    assert json.loads(run_cli("schema").stdout) == json.loads(shipped.read_text(encoding="utf-8"))


def test_assess_json_contract_and_exit_codes(run_cli):
    result = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json")
    assert result.exit_code == 1  # a blocker, and --fail-on defaults to blocker
    data = json.loads(result.stdout)
    assert set(data) >= {"a", "b", "as_of", "verdict", "verdict_range", "score", "score_range", "points",
                         "completeness", "counts", "open_questions", "dimensions", "findings"}
    assert data["a"] == {"ref": "kazakhstan@phase2", "name": "Kazakhstan Emissions Trading System", "phase": "Phase II",
                         "as_of": "2015-12-31"}
    assert [d["id"] for d in data["dimensions"]][0] == "system"
    finding = data["findings"][0]
    assert set(finding) >= {"rule", "dimension", "severity", "title", "message", "a", "b", "adjust", "remedy", "citation"}
    assert finding["adjust"] in ("a", "b", "both", None)
    # No major difference, but open questions could still make one: undetermined, which exits 1.
    undetermined = run_cli("assess", "california@2013", "quebec@2013", "--fail-on", "major")
    assert "UNDETERMINED" in undetermined.stdout and undetermined.exit_code == 1
    fine = run_cli("assess", "california@2013", "quebec@2013", "--fail-on", "major",
                   "--config", str(Path(__file__).parent / "fixtures" / "lenient.yaml"))
    assert fine.exit_code == 0, fine.stdout
    assert run_cli("assess", "california@2013", "quebec@2013", "--fail-on", "minor").exit_code == 1
    assert run_cli("assess", "california@2013", "nowhere").exit_code == 2


def test_assess_what_if(run_cli):
    base = json.loads(run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json").stdout)
    assert any(f["rule"] == "LK-OFF-01" and f["severity"] == "blocker" for f in base["findings"])
    changed = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json",
                      "--set", "a.offsets.domestic.limit_pct=5")
    data = json.loads(changed.stdout)
    assert not any(f["rule"] == "LK-OFF-01" and f["kind"] == "difference" for f in data["findings"])
    bad = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--set", "a.offsets.domestic.limit_pc=5")
    assert bad.exit_code == 2 and "did you mean 'offsets.domestic.limit_pct'" in bad.stderr
    assert run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--set", "a.offsets.domestic.limit_pct=140").exit_code == 2


def test_assess_text_and_markdown(run_cli):
    text = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3").stdout
    assert "Verdict: BLOCKED" in text and "LK-OFF-01" in text and "Overall (weighted mean)" in text
    markdown = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "markdown").stdout
    assert markdown.startswith("# ") and "| Dimension | Score | Weight | Deductions |" in markdown


def test_assess_config_file(run_cli, write_yaml):
    config = write_yaml("rules:\n  LK-OFF-01: {severity: major}\n", "config.yaml")
    result = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--config", str(config), "--format", "json")
    assert all(f["severity"] != "blocker" or f["rule"] != "LK-OFF-01" for f in json.loads(result.stdout)["findings"])
    broken = write_yaml("rules:\n  LK-XX-01: {enabled: false}\n", "broken.yaml")
    failed = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--config", str(broken))
    assert failed.exit_code == 2 and "broken.yaml:2:3: rules.LK-XX-01: unknown rule code" in failed.stderr


def test_rank_json_contract(run_cli):
    result = run_cli("rank", "kazakhstan@phase2", "eu-ets@phase3", "rggi@2014", "california@2013", "korea@phase1",
                     "--format", "json")
    data = json.loads(result.stdout)
    assert data["candidate"] == "kazakhstan@phase2" and data["as_of"] == "2015-12-31"
    ranks = [p["rank"] for p in data["partners"]]
    assert ranks == sorted(ranks) and len(set(ranks)) < len(ranks)  # the five PETER partners include ties
    by_ref = {p["ref"]: p for p in data["partners"]}
    assert all(by_ref[other]["rank"] == p["rank"] for p in data["partners"] for other in p["tied_with"])
    assert set(data["partners"][0]) >= {"ref", "rank", "ranked", "tied_with", "reason", "verdict", "score",
                                        "score_range", "completeness", "counts"}


def test_matrix_csv_over_all_shipped_systems(run_cli):
    result = run_cli("matrix", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    from linkcheck.loading.library import shipped_files

    systems = len(shipped_files())
    assert systems >= 12
    assert len(rows) == systems * (systems - 1) // 2
    assert {"a", "b", "verdict", "score", "blocker"} <= set(rows[0])


def test_readiness_of_the_drafting_state(run_cli):
    result = run_cli("readiness", "ukraine@draft")
    assert result.exit_code == 0
    assert "Registry" in result.stdout and ("[ ]" in result.stdout or "[~]" in result.stdout)
    data = json.loads(run_cli("readiness", "ukraine@draft", "--format", "json").stdout)
    assert data["ready"] is False
    mrv = next(item for item in data["items"] if item["id"] == "mrv")
    assert any(check["state"] == "ready" for check in mrv["checks"])  # MRV law in force since 2021
    assert json.loads(run_cli("readiness", "eu-ets@phase4", "--format", "json").stdout)["counts"]["undefined"] == 0


def test_rules_and_explain(run_cli):
    listing = run_cli("rules").stdout
    assert "LK-COST-01" in listing and "LK-LNK-01" in listing
    explained = run_cli("explain", "lk-off-01").stdout
    assert "Unlimited offsets" in explained and "Tuerk" in explained
    assert run_cli("explain", "LK-OFF-99").exit_code == 2


def test_coverage_formats(run_cli):
    data = json.loads(run_cli("coverage", "--format", "json").stdout)
    refs = [row["ref"] for row in data]
    assert "ukraine@draft" in refs and "eu-ets@phase4" in refs
    ukraine = next(row for row in data if row["ref"] == "ukraine@draft")
    assert sum(ukraine["dimensions"]["cost_containment"].values()) == 5
    assert ukraine["dimensions"]["cost_containment"]["undefined"] > 0
    assert run_cli("coverage", "--format", "markdown").stdout.startswith("| Profile | Reviewed |")


def test_coverage_shows_each_files_review_date_and_age(run_cli, monkeypatch):
    import datetime as dt

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 3, 1, tzinfo=dt.timezone.utc).timestamp())))
    data = json.loads(run_cli("coverage", "--format", "json").stdout)
    for row in data:
        reviewed = dt.date.fromisoformat(row["reviewed"])
        assert row["age_days"] == (dt.date(2027, 3, 1) - reviewed).days > 0
    first = data[0]
    assert f"{first['ref']:<24}{first['reviewed']:<11}{first['age_days']:>5}" in run_cli("coverage").stdout


@pytest.mark.parametrize("command", [["validate", "system_profiles/kazakhstan.yaml"], ["show", "kazakhstan"],
                                     ["list"], ["assess", "kazakhstan", "eu-ets"], ["diff", "kazakhstan", "eu-ets"],
                                     ["rank", "kazakhstan", "eu-ets"], ["readiness", "ukraine"],
                                     # the commands benchmarks/bench_cli.py times, as it runs them
                                     ["validate", "eu-ets"], ["show", "kazakhstan@phase2"],
                                     ["diff", "kazakhstan@pilot", "kazakhstan@phase2"],
                                     ["assess", "kazakhstan@phase2", "eu-ets@phase3"],
                                     ["rank", "kazakhstan", "eu-ets", "korea", "california"],
                                     ["readiness", "georgia"], ["explain", "LK-OFF-01"]])
def test_commands_do_not_import_rendering_libraries(command):
    root = Path(__file__).parent.parent
    code = ("import sys; from linkcheck.commands import main\n"
            f"try: main({command!r})\nexcept SystemExit: pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'weasyprint', 'babel')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_wheel_ships_profiles_templates_and_reference_data(tmp_path):
    root = Path(__file__).parent.parent
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(root)], check=True, capture_output=True)
    names = zipfile.ZipFile(next(tmp_path.glob("*.whl"))).namelist()
    assert "linkcheck/_data/system_profiles/kazakhstan.yaml" in names
    assert "linkcheck/_data/reference_data/exchange_rates.yaml" in names
    assert any(n.startswith("linkcheck/_data/report_templates/") for n in names)


def test_fixture_profile_path_with_phase(run_cli):
    result = run_cli("show", f"{FIXTURES / 'minimal.yaml'}@first", "--format", "json")
    assert json.loads(result.stdout)["phase"]["id"] == "first"


def test_a_ranking_scenario_is_labelled_in_every_format(run_cli):
    args = ["rank", "kazakhstan@phase2", "eu-ets@phase3", "rggi@2014", "--set", "a.offsets.domestic.limit_pct=10"]
    text = run_cli(*args)
    assert "WHAT-IF" in text.stdout and "a.offsets.domestic.limit_pct = 10" in text.stdout
    markdown = run_cli(*args, "--format", "markdown")
    assert "WHAT-IF" in markdown.stdout
    data = json.loads(run_cli(*args, "--format", "json").stdout)
    assert data["what_if"] == {"offsets.domestic.limit_pct": 10}
    assert not any("domestic offsets with no quantitative limit" in str(p["reason"]) for p in data["partners"])
    refused = run_cli("rank", "kazakhstan@phase2", "eu-ets@phase3", "--set", "b.system.cap_type=none")
    assert refused.exit_code == 2 and "only the candidate" in refused.stderr


def test_readiness_ranks_partners_with_against_and_explain_speaks_json(run_cli):
    data = json.loads(run_cli("readiness", "ukraine@draft", "--against", "eu-ets@phase4", "--against", "uk@2021",
                              "--format", "json").stdout)
    assert data["items"] and {p["ref"] for p in data["ranking"]["partners"]} == {"eu-ets@phase4", "uk@2021"}
    text = run_cli("readiness", "ukraine@draft", "--against", "eu-ets@phase4")
    assert "Partners for" in text.stdout
    rule = json.loads(run_cli("explain", "LK-LNK-05", "--format", "json").stdout)
    assert rule["code"] == "LK-LNK-05" and rule["question"].endswith("?")
