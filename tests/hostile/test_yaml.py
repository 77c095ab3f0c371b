"""Hostile and surprising YAML: every input is read as a YAML 1.2 reader reads it, or refused with a location.

Each case runs the real command line in-process and asserts exit 2, a located message, no traceback and no
"internal error", in bounded time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linkcheck.errors import LinkcheckError, ProfileErrors
from linkcheck.loading.safe_yaml import compose, parse_yaml
from linkcheck.loading.validate import validate_document

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parents[2]
HEADER = "id: t\nname: T\njurisdiction: X\nreviewed: 2026-01-01\nsources:\n  law: {citation: Law}\nphases:\n"
PHASE = "  one:\n    period: {start: 2013, end: 2020}\n"
LOCATED = re.compile(r"^\S+:\d+:\d+: ", re.M)


def refused(run_cli, *args, within: float = 5.0):
    started = time.monotonic()
    result = run_cli(*args)
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert elapsed < within, f"took {elapsed:.1f} s"
    return result.stderr


def profile(write_yaml, body: str, name: str = "profile.yaml") -> str:
    return str(write_yaml(HEADER + PHASE + body, name))


# --- YAML 1.1 surprises: read as written, or refused -------------------------------------------------------

@pytest.mark.parametrize("body, where, message", [
    ("    offsets:\n      domestic:\n        allowed: true\n        limit_pct: 1:30\n", ":13:20: phases.one.offsets.domestic.limit_pct", "must be a number (got '1:30')"),
    ("    offsets:\n      domestic:\n        allowed: yes\n", ":12:18: phases.one.offsets.domestic.allowed", "must be true or false (got 'yes')"),
    ("    system:\n      compliance_period_years: '3'\n", ":11:32: phases.one.system.compliance_period_years", "in quotes it is text"),
])
def test_yaml_11_scalars_are_not_reinterpreted(run_cli, write_yaml, body, where, message):
    stderr = refused(run_cli, "validate", profile(write_yaml, body))
    assert where in stderr and message in stderr


def test_leading_zeros_and_sexagesimal_read_as_yaml_12_does(write_yaml):
    doc = parse_yaml("a: 010\nb: 1:30\n010: x\nc: 0o10\nd: 0x10\n", "t.yaml")
    assert doc.data == {"a": 10, "b": "1:30", "010": "x", "c": 8, "d": 16}


def test_a_phase_id_is_the_text_written(write_yaml):
    path = write_yaml(HEADER + "  010:\n    period: {start: 2013}\n")
    loaded = validate_document(parse_yaml(path.read_text(), "p.yaml"))
    assert list(loaded.phases) == ["010"]


def test_start_written_as_a_clock_time_is_refused(run_cli, write_yaml):
    stderr = refused(run_cli, "validate", str(write_yaml(HEADER + "  one:\n    period: {start: 33:30}\n")))
    assert "phases.one.period.start: must be a number (got '33:30')" in stderr


# --- Explicit tags, directives, odd keys ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a: !!int abc", "a: !!float abc", "a: !!bool maybe", "a: !!timestamp foo", "!foo k: v", "a: !!binary '%%%'",
    "a: !!python/object/apply:os.system {args: [ls]}", "a: !custom {b: 1}", "a: ! 10",
])
def test_explicit_tags_are_refused_with_a_location(text):
    doc = compose(text, "t.yaml")
    assert doc.problems and "explicit YAML tags" in doc.problems[0].message
    assert doc.problems[0].line == 1


def test_the_key_equals_sign_is_an_ordinary_key():
    assert compose("=: 1\n", "t.yaml").data == {"=": 1}


@pytest.mark.parametrize("text, message", [
    ("%YAML 1.1\n---\na: 1\n", "YAML directives"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document"),
    ("<<: {a: 1}\n", "merge keys"),
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("[a]: 1\n", "a key must be a plain word"),
    ("? \n: 1\n", "this one is empty"),
    ("a: *nowhere\n", "names no anchor"),
])
def test_constructs_a_profile_never_needs_are_refused(text, message):
    try:
        problems = compose(text, "t.yaml").problems
    except ProfileErrors as exc:
        problems = exc.errors
    assert any(message in p.message and p.line >= 1 for p in problems), problems


# --- Dates ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, message", [
    ("reviewed: 2026-02-30", "reviewed: must be a date written YYYY-MM-DD (got '2026-02-30')"),
    ("reviewed: 2026-01-01T10:00:00+25:00", "reviewed: must be a date written YYYY-MM-DD"),
    ("reviewed: 20260101", "reviewed: must be a date written YYYY-MM-DD (got 20260101)"),
])
def test_impossible_dates_are_located(run_cli, write_yaml, line, message):
    stderr = refused(run_cli, "validate", str(write_yaml(HEADER.replace("reviewed: 2026-01-01", line) + PHASE)))
    assert ":4:11: " + message in stderr


def test_an_impossible_date_as_a_key_is_only_a_key():
    assert compose("2026-02-30: x\n", "t.yaml").data == {"2026-02-30": "x"}


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "tomorrow"])
def test_impossible_dates_on_the_command_line(run_cli, value):
    stderr = refused(run_cli, "assess", "eu-ets", "uk", "--as-of", value)
    assert "--as-of" in stderr


def test_an_impossible_date_in_a_what_if_or_config(run_cli, write_yaml):
    config = write_yaml("currency: {code: USD, year: 2023}\nrules:\n  LK-ENF-03: {expected_price: 2026-02-30}\n", "c.yaml")
    stderr = refused(run_cli, "assess", "eu-ets", "uk", "--config", str(config))
    assert "c.yaml:3:31: rules.LK-ENF-03.expected_price: must be a number" in stderr


# --- Numbers ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("9" * 5000, "a number of 5,000 digits"),
    ("0x" + "f" * 5000, "a number of"),
    (".inf", "'.inf' is not a finite number"),
    ("-.inf", "'-.inf' is not a finite number"),
    (".nan", "'.nan' is not a finite number"),
    ("1e999", "'1e999' is too large to be a finite number"),
])
def test_numbers_must_be_finite_and_of_reasonable_length(run_cli, write_yaml, value, message):
    body = f"    enforcement:\n      penalty: {{amount: {value}, currency: EUR, year: 2020}}\n"
    stderr = refused(run_cli, "validate", profile(write_yaml, body))
    assert "phases.one.enforcement.penalty.amount: " + message in stderr
    assert LOCATED.search(stderr)


@pytest.mark.parametrize("option, message", [
    ("LK-ENF-02: {ratio: .nan}", "is not a finite number"),
    ("LK-ENF-02: {ratio: -5}", "must be between 0 and 1 (got -5)"),
    ("LK-AMB-01: {tolerance_pp: 1e999}", "too large to be a finite number"),
    ("LK-OFF-02: {enabled: yes}", "must be true or false"),
])
def test_configuration_options_are_typed_and_ranged(run_cli, write_yaml, option, message):
    config = write_yaml(f"rules:\n  {option}\n", "c.yaml")
    assert message in refused(run_cli, "assess", "eu-ets", "uk", "--config", str(config))


@pytest.mark.parametrize("weights, message", [
    ("{system: .inf}", "is not a finite number"), ("{system: -1}", "must be at least 0"),
    ("{system: '2'}", "in quotes it is text"),
])
def test_weights_are_typed_and_ranged(run_cli, write_yaml, weights, message):
    config = write_yaml(f"weights: {weights}\n", "c.yaml")
    assert message in refused(run_cli, "assess", "eu-ets", "uk", "--config", str(config))


# --- Nesting, size and time -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a: " + "[" * 500,
    "a:\n" + "".join("  " * i + "k:\n" for i in range(1, 601)),
    "a: " + "{b: " * 500 + "1" + "}" * 500,
])
def test_deep_nesting_is_refused_at_our_limit(run_cli, write_yaml, text):
    stderr = refused(run_cli, "validate", str(write_yaml(text)))
    assert "nested more than 40 levels deep" in stderr and LOCATED.search(stderr)


def _big(name: str) -> str:
    if name == "overlapping phases":
        return HEADER + "".join(f"  p{i}:\n    period: {{start: 2000, end: 2050}}\n" for i in range(10_000))
    if name == "unknown keys":
        return HEADER + PHASE + "    system:\n" + "".join(f"      k{i}: 1\n" for i in range(30_000))
    if name == "flow mapping":
        return HEADER + "  one: {period: {start: 2013}, system: {" + ", ".join(f"k{i}: 1" for i in range(60_000)) + "}}\n"
    if name == "undefined sources":
        return (HEADER.replace("sources:\n  law: {citation: Law}\n", "sources:\n" + "".join(
            f"  s{i}: {{citation: c}}\n" for i in range(20_000))) + PHASE + "    system:\n      sources: ["
            + ", ".join(f"x{i}" for i in range(10_000)) + "]\n")
    if name == "aliases":
        return HEADER + "x: &a [" + ",".join(["1"] * 1000) + "]\n" + "".join(f"y{i}: *a\n" for i in range(60))
    raise KeyError(name)


@pytest.mark.parametrize("name, message", [
    ("overlapping phases", "overlaps phase 'p0'"),
    ("unknown keys", "unknown key 'k0'"),
    ("flow mapping", "unknown key 'k0'"),
    ("undefined sources", "source 'x0' is not defined"),
    ("aliases", "more than 50 aliases"),
])
def test_large_files_are_refused_quickly_with_a_bounded_report(run_cli, write_yaml, name, message):
    stderr = refused(run_cli, "validate", str(write_yaml(_big(name))), within=8.0)
    assert message in stderr
    assert stderr.count("\n") <= 105, "a run reports at most 100 errors"


def test_a_huge_sparse_file_is_refused_before_it_is_read(run_cli, tmp_path):
    path = tmp_path / "sparse.yaml"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)
    stderr = refused(run_cli, "validate", str(path), within=2.0)
    assert "1,073,741,824 bytes; the limit is 1,000,000" in stderr


# --- Special files ----------------------------------------------------------------------------------------------

def _special(tmp_path: Path, kind: str) -> str:
    if kind == "fifo":
        path = tmp_path / "pipe.yaml"
        os.mkfifo(path)
        return str(path)
    if kind == "directory":
        path = tmp_path / "folder.yaml"
        path.mkdir()
        return str(path)
    return {"zero": "/dev/zero", "urandom": "/dev/urandom", "null": "/dev/null"}[kind]


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "null", "directory"])
def test_a_config_that_is_not_a_regular_file_is_refused_unread(tmp_path, kind):
    # A subprocess, so that a regression that hangs on a pipe is killed by the timeout rather than the suite.
    result = subprocess.run([sys.executable, "-m", "linkcheck", "assess", "eu-ets", "uk", "--config",
                             _special(tmp_path, kind)], capture_output=True, text=True, timeout=20)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "not a regular file" in result.stderr or "folder" in result.stderr or "Directory" in result.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "null"])
def test_a_profile_that_is_not_a_regular_file_is_refused_unread(tmp_path, kind):
    result = subprocess.run([sys.executable, "-m", "linkcheck", "validate", _special(tmp_path, kind)],
                            capture_output=True, text=True, timeout=20)
    assert result.returncode == 2 and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


# --- Control characters are located on their own line -----------------------------------------------------------

@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_characters_are_located_where_they_are(run_cli, tmp_path, char):
    path = tmp_path / "ctl.yaml"
    path.write_bytes((HEADER + PHASE + f"    note: \"a{char}b\"\n").encode())
    stderr = refused(run_cli, "validate", str(path))
    assert re.search(r":10:\d+: ", stderr), stderr


# --- Peer suites --------------------------------------------------------------------------------------------------

SUITE = json.loads((DATA / "yaml-test-suite.json").read_text(encoding="utf-8"))


def _read(text: str):
    """(accepted, data, problems): the loader's verdict on one document."""
    try:
        doc = compose(text, "case.yaml")
    except ProfileErrors as exc:
        return False, None, exc.errors
    return not doc.problems, doc.data, doc.problems


def test_the_yaml_test_suite_is_read_as_yaml_12_or_refused():
    """Every one of the suite's 402 cases: a valid document loads exactly as its JSON says, or is refused; an
    invalid one is always refused; whatever is refused is refused with a line and column."""
    differences, accepted_invalid = [], []
    for case in SUITE:
        accepted, data, problems = _read(case["yaml"])
        assert accepted or all(p.line >= 1 for p in problems), case["id"]
        if case["fail"]:
            if accepted:
                accepted_invalid.append(case["id"])
        elif accepted and case["json"] is not None and case["json"].strip():
            if data != json.loads(case["json"]):
                differences.append(case["id"])
    assert accepted_invalid == []
    assert differences == []
    assert len(SUITE) == 402 and sum(c["fail"] for c in SUITE) == 94


def _documented_examples() -> list[Path]:
    return [*sorted((ROOT / "system_profiles").glob("*.yaml")), ROOT / "tests" / "fixtures" / "minimal.yaml"]


def test_a_yaml_12_client_reads_every_shipped_file_and_example_as_linkcheck_does(tmp_path, run_cli):
    """check-jsonschema (ruamel.yaml, YAML 1.2) validates each file against `linkcheck schema`, and ruamel.yaml
    reads the same data as linkcheck's own loader."""
    from ruamel.yaml import YAML

    schema = tmp_path / "schema.json"
    schema.write_text(run_cli("schema").stdout, encoding="utf-8")
    starter = tmp_path / "starter.yaml"
    assert run_cli("new", "Testland", "-o", str(starter)).exit_code == 0
    example = tmp_path / "guide-example.yaml"
    example.write_text(_guide_example(), encoding="utf-8")
    files = [*_documented_examples(), starter, example]
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--schemafile", str(schema), *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    reader = YAML(typ="safe", pure=True)
    reader.version = (1, 2)
    for path in files:
        ours = compose(path.read_text(encoding="utf-8"), str(path)).data
        theirs = _plain(reader.load(path.read_text(encoding="utf-8")))
        assert ours == theirs, path.name


def _guide_example() -> str:
    """The first complete profile in docs/profile-model.md."""
    guide = (ROOT / "docs" / "profile-model.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    return next(b for b in blocks if b.startswith("id:") or "\nid:" in b[:200])


def _plain(value):
    """ruamel's data in the form linkcheck's loader gives: keys as written, dates as text."""
    if isinstance(value, dict):
        return {(k.isoformat() if isinstance(k, dt.date) else str(k).lower() if isinstance(k, bool) else str(k)):
                _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- Strict JSON out ------------------------------------------------------------------------------------------

def _strict(text: str):
    def refuse(name):
        raise ValueError(f"non-JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_json_output_is_strict_for_every_shipped_profile_and_what_if(run_cli):
    from linkcheck.loading.library import shipped_references

    refs = shipped_references()
    for ref in refs:
        _strict(run_cli("show", ref, "--format", "json").stdout)
        _strict(run_cli("assess", ref, "eu-ets@phase4", "--format", "json").stdout)
    _strict(run_cli("validate", *[str(p) for p in _documented_examples()], "--format", "json").stdout)
    _strict(run_cli("matrix", "--format", "json").stdout)
    _strict(run_cli("rank", refs[0], *refs[1:6], "--format", "json").stdout)
    _strict(run_cli("diff", refs[0], refs[1], "--format", "json").stdout)
    for what_if in ("a.enforcement.penalty={amount: 1e12, currency: EUR, year: 2020}",
                    "b.offsets.domestic.limit_pct=0", "a.cost_containment.price_floor=none"):
        _strict(run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json", "--set", what_if).stdout)


def test_a_non_finite_what_if_is_refused(run_cli):
    stderr = refused(run_cli, "assess", "eu-ets", "uk", "--set", "a.enforcement.penalty={amount: .inf, currency: EUR, year: 2020}")
    assert "not a finite number" in stderr


def test_only_linkcheck_errors_escape_the_loader_on_every_suite_document(tmp_path):
    """Each suite document, as a profile file, ends in a validated profile or a LinkcheckError; nothing else."""
    for case in SUITE:
        try:
            validate_document(parse_yaml(case["yaml"], case["id"]))
        except LinkcheckError:
            pass


PYYAML = json.loads((DATA / "pyyaml-tests.json").read_text(encoding="utf-8"))


def test_pyyamls_own_test_documents_are_refused_or_read_without_escaping():
    """PyYAML's error documents are all refused, with a location; its other documents load or are refused."""
    accepted_errors = []
    for case in PYYAML:
        accepted, _, problems = _read(case["yaml"])
        assert accepted or all(p.line >= 1 for p in problems), case["name"]
        if case["error"] and accepted:
            accepted_errors.append(case["name"])
    assert accepted_errors == []
    assert sum(c["error"] for c in PYYAML) == 84


# --- Errors a newcomer can act on ---------------------------------------------------------------------------------

@pytest.mark.parametrize("body, message", [
    ("    coverage:\n      threshold: 20000\n", "threshold: has the wrong shape (got 20000); write a mapping such as {amount: …, unit: …}"),
    ("    coverage:\n      gases: [co2]\n", "did you mean 'CO2'?"),
    ("    enforcement:\n      penalty: 100\n", "write a mapping such as {amount: …, year: …, currency: …}"),
    ("    allocation:\n      methods: {method: auctioning}\n", "write a list, each item: a mapping such as {method: …"),
])
def test_shape_errors_say_what_to_write(run_cli, write_yaml, body, message):
    assert message in refused(run_cli, "validate", profile(write_yaml, body))


@pytest.mark.parametrize("value, message", [
    ("0xe" + "1" * 5000, "a number of"),
    ("1e308", "must be at most"),
])
def test_numbers_that_would_overflow_are_refused(run_cli, write_yaml, value, message):
    """A hex number whose digits include e is still counted; a finite amount too large to convert is refused."""
    body = f"    enforcement:\n      penalty: {{amount: {value}, currency: EUR, year: 2020}}\n"
    assert message in refused(run_cli, "validate", profile(write_yaml, body))


def test_a_dated_change_citing_an_undefined_source_is_located(run_cli, write_yaml):
    body = ("    offsets:\n      domestic:\n        allowed: true\n        limit_pct:\n          value: 4\n"
            "          sources: [law]\n          changes: [{from: 2017-01-01, value: 5, sources: [nope]}]\n")
    stderr = refused(run_cli, "validate", profile(write_yaml, body))
    assert "changes.0.sources.0: source 'nope' is not defined" in stderr


def test_a_report_never_writes_over_the_reference_data(run_cli, tmp_path):
    from linkcheck.paths import reference_data_dir

    target = reference_data_dir() / "exchange_rates.yaml"
    before = target.read_bytes()
    stderr = refused(run_cli, "report", "kazakhstan@phase2", "eu-ets@phase3", "-o", str(target), "--format", "md")
    assert "input" in stderr and target.read_bytes() == before


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999", "yesterday"])
def test_an_unusable_source_date_epoch_is_refused(run_cli, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert "SOURCE_DATE_EPOCH" in refused(run_cli, "show", "eu-ets")


def test_a_truncated_error_list_says_so(run_cli, write_yaml):
    stderr = refused(run_cli, "show", str(write_yaml(_big("unknown keys"))), within=8.0)
    assert "further errors not shown" in stderr and "100+ errors" in stderr
