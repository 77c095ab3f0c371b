"""The Python API: the same judgements as the command line, objects whose to_dict() is the CLI's JSON, one
exception type for bad input, and examples in the docstrings that run."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys

import pytest

import linkcheck
from linkcheck import api


def test_the_docstring_examples_run():
    result = doctest.testmod(api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 10 and result.failed == 0


def test_assess_gives_what_the_command_line_gives(run_cli):
    cli = json.loads(run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json").stdout)
    assert linkcheck.assess("kazakhstan@phase2", "eu-ets@phase3").to_dict() == cli


def test_rank_and_matrix_give_what_the_command_line_gives(run_cli):
    cli = json.loads(run_cli("rank", "kazakhstan@phase2", "eu-ets@phase3", "rggi@2014", "--format", "json").stdout)
    assert linkcheck.rank("kazakhstan@phase2", ["eu-ets@phase3", "rggi@2014"]).to_dict() == cli
    pairs = linkcheck.matrix(["eu-ets@phase4", "uk@2021", "switzerland@2020"], as_of="2024-06-30")
    assert len(pairs) == 3 and all(p.as_of.isoformat() == "2024-06-30" for p in pairs)


def test_loaded_phases_and_references_mix():
    eu = linkcheck.load("eu-ets@phase3")
    assert linkcheck.assess("kazakhstan@phase2", eu).verdict == linkcheck.assess("kazakhstan@phase2",
                                                                                "eu-ets@phase3").verdict


def test_a_what_if_is_applied_and_recorded():
    result = linkcheck.assess("kazakhstan@phase2", "eu-ets@phase3", what_if={"a.offsets.domestic.limit_pct": 10})
    assert result.what_if == {"a": {"offsets.domestic.limit_pct": 10}}
    assert "LK-OFF-01" not in {f.rule for f in result.blockers if "domestic" in f.message}
    with pytest.raises(linkcheck.LinkcheckError, match="only the candidate"):
        linkcheck.rank("kazakhstan@phase2", ["eu-ets@phase3"], what_if={"b.system.cap_type": "none"})


def test_bad_input_raises_one_exception_type_with_located_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\nname: Bad\njurisdiction: X\nreviewed: 2026-01-01\nphases: {one: {period: {start: "
                   "2020, end: null}, system: {cap_typ: absolute}}}\n", encoding="utf-8")
    with pytest.raises(linkcheck.LinkcheckError) as caught:
        linkcheck.load(bad)
    located = caught.value.errors[0]
    assert located.line == 5 and "cap_typ" in located.message
    with pytest.raises(linkcheck.LinkcheckError):
        linkcheck.assess("nowhere", "eu-ets")


def test_diff_timeline_readiness_and_report(tmp_path):
    assert linkcheck.diff("kazakhstan@pilot", "kazakhstan@phase2")
    steps = linkcheck.timeline("kazakhstan", "eu-ets")
    assert [s.to_dict()["phase"] for s in steps][:2] == ["kazakhstan@pilot", "kazakhstan@phase2"]
    check = linkcheck.readiness("ukraine@draft", ["eu-ets@phase4"])
    assert check.to_dict()["items"] and check.ranking is not None
    out = linkcheck.report(["ukraine@draft"], tmp_path / "r.md", kind="readiness", author="A. Consultant")
    assert out.read_text(encoding="utf-8").count("A. Consultant") == 1


def test_importing_linkcheck_loads_nothing_heavy():
    code = ("import sys, linkcheck; heavy = {'pydantic', 'weasyprint', 'jinja2', 'yaml'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_package_exports_the_whole_api():
    import importlib.util

    import linkcheck.rules  # noqa: F401  (a loaded subpackage becomes an attribute of the package)

    assert set(linkcheck.__all__) - {"__version__"} == set(api.__all__)
    assert [name for name in api.__all__ if getattr(linkcheck, name) is not getattr(api, name)] == []
    assert [n for n in api.__all__ if importlib.util.find_spec(f"linkcheck.{n}") is not None] == []
