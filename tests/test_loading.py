"""The loader: safe YAML, every bad-input case located by file, line and path, and phase inheritance."""

from __future__ import annotations

import json

import pytest

from linkcheck.errors import ProfileErrors
from linkcheck.loading.library import load_file
from linkcheck.model.facts import Status

from .conftest import FIXTURES

HEADER = """\
id: t
name: T
jurisdiction: T
reviewed: 2026-11-26
sources:
  law: {citation: "Law"}
phases:
  one:
    period: {start: 2013, end: 2015}
"""


def errors_of(path) -> list[str]:
    with pytest.raises(ProfileErrors) as info:
        load_file(path)
    return [str(e) for e in info.value.errors]


def single_error(path):
    with pytest.raises(ProfileErrors) as info:
        load_file(path)
    assert len(info.value.errors) == 1, info.value.errors
    return info.value.errors[0]


def test_inheritance_applies_fact_by_fact():
    loaded = load_file(FIXTURES / "minimal.yaml")
    second = loaded.resolve("second")
    assert second.get("system.status").value == "operating"
    assert second.get("system.cap_type").value == "absolute"  # inherited
    assert second.get("system.cap_type").sources == ("law",)  # section sources travel with the fact
    assert second.get("flexibility.banking").value == "unrestricted"
    assert second.get("flexibility.borrowing").value == "none"
    assert second.get("offsets.domestic.allowed").value is True  # sibling of an overridden fact kept
    assert second.get("offsets.domestic.limit_pct").value == 10
    first = loaded.resolve("first")
    assert first.get("offsets.domestic.limit_pct").value == "no_limit"
    assert first.get("enforcement.make_good").status is Status.unknown
    assert loaded.resolve().phase_id == "second"  # no phase named: the latest


def test_none_and_unknown_are_different_facts(write_yaml):
    path = write_yaml(HEADER + "    cost_containment:\n      price_floor: none\n      price_ceiling: unknown\n")
    phase = load_file(path).resolve()
    assert phase.get("cost_containment.price_floor").value == "none"
    assert phase.get("cost_containment.price_floor").status is Status.defined
    assert phase.get("cost_containment.price_ceiling").value is None
    assert phase.get("cost_containment.price_ceiling").status is Status.unknown


def test_revising_phase_inherits_from_the_phase_it_revises(write_yaml):
    path = write_yaml(HEADER + """\
    system: {cap_type: none}
  two:
    period: {start: 2016, end: 2018}
    system: {cap_type: absolute}
  two-amended:
    period: {start: 2016, end: 2018}
    revises: two
    system: {status: planned}
""")
    loaded = load_file(path)
    assert loaded.resolve("two-amended").get("system.cap_type").value == "absolute"


@pytest.mark.parametrize(
    "text, line, path, message",
    [
        (HEADER + "    system:\n      cap_typ: absolute\n", 11, "phases.one.system.cap_typ", "did you mean 'cap_type'"),
        (HEADER + "    offsets:\n      domestic:\n        limit_pct: 140\n", 12, "phases.one.offsets.domestic.limit_pct", "must be between 0 and 100 (got 140)"),
        (HEADER + "    coverage:\n      share_of_emissions_pct: -5\n", 11, "phases.one.coverage.share_of_emissions_pct", "must be between 0 and 100 (got -5)"),
        (HEADER + "    allocation:\n      methods: [{method: auctioning, share_pct: 70}, {method: benchmarking, share_pct: 40}]\n", 11, "phases.one.allocation.methods", "sum to 110%"),
        (HEADER.replace("end: 2015", "end: 2011"), 9, "phases.one.period.end", "ends (2011) before it starts (2013)"),
        (HEADER + "  two:\n    period: {start: 2015}\n", 11, "phases.two.period", "overlaps phase 'one'"),
        (HEADER + "    system:\n      cap_type: {value: absolute, sources: [lwa]}\n", 11, "phases.one.system.cap_type.sources.0", "source 'lwa' is not defined; did you mean 'law'") ,
        (HEADER + "    enforcement:\n      penalty: {amount: 100, currency: EURO, year: 2013}\n", 11, "phases.one.enforcement.penalty.currency", "unknown currency 'EURO'"),
        (HEADER + "    flexibility:\n      banking: sideways\n", 11, "phases.one.flexibility.banking", "must be one of unrestricted, restricted, none"),
        (HEADER + "    flexibility:\n      banking: unlimted\n", 11, "phases.one.flexibility.banking", ""),
        (HEADER + "    system:\n      cap_type: {status: unknown, value: absolute}\n", 11, "phases.one.system.cap_type", "cannot carry a value"),
        (HEADER + "    system:\n      cap_type:\n", 11, "phases.one.system.cap_type", "is empty"),
        (HEADER + "    mrv:\n      tiers_uncertainty: perhaps\n", 11, "phases.one.mrv.tiers_uncertainty", "must be true or false"),
        (HEADER.replace("id: t", "id: T T"), 1, "id", "lower-case"),
        (HEADER + "    revises: zero\n", 10, "phases.one.revises", "not an earlier phase"),
    ],
)
def test_field_errors_name_line_and_path(write_yaml, text, line, path, message):
    error = single_error(write_yaml(text))
    assert error.line == line
    assert error.path == path
    assert message.replace("; did you mean 'law'", "") in error.message
    assert str(error).startswith(f"{error.file}:{line}:")


def test_did_you_mean_for_a_misspelt_value(write_yaml):
    error = single_error(write_yaml(HEADER + "    flexibility:\n      banking: unrestricetd\n"))
    assert "did you mean 'unrestricted'" in error.message


def test_missing_required_key_is_located(write_yaml):
    error = single_error(write_yaml(HEADER + "    cost_containment:\n      price_floor: {amount: 2, currency: USD}\n"))
    assert error.path == "phases.one.cost_containment.price_floor.year"
    assert "required" in error.message and error.line == 11


def test_duplicate_keys_are_refused_not_silently_dropped(write_yaml):
    error = single_error(write_yaml(HEADER + "    flexibility:\n      banking: none\n      banking: unrestricted\n"))
    assert (error.line, error.path) == (12, "phases.one.flexibility.banking")
    assert "duplicate key 'banking' (first defined on line 11)" in error.message


def test_alias_bomb_is_refused(write_yaml):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 10)]
    error = single_error(write_yaml("\n".join(lines) + "\n"))
    assert "aliases" in error.message


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b"# only a comment\n", "file is empty"),
        (b"- a\n- b\n", "top level must be a mapping"),
        (b"id: t\nname: \xff\xfe\n", "not UTF-8"),
        (b"id: [unclosed\n", "YAML syntax"),
        (b"a: 1\n---\nb: 2\n", "more than one YAML document"),
        (b"a: 1\n" + b"#" * 1_000_001, "the limit is 1,000,000"),
    ],
)
def test_refused_files(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    error = single_error(path)
    assert message in error.message
    assert error.file == str(path)


def test_not_utf8_error_points_at_the_byte(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: t\nname: ab\xff\n")
    error = single_error(path)
    assert (error.line, error.column) == (2, 9)


def test_every_error_in_a_file_is_reported_in_one_run(write_yaml):
    text = HEADER.replace("end: 2015", "end: 2011") + """\
    system:
      cap_typ: absolute
    offsets:
      domestic:
        limit_pct: 140
    enforcement:
      penalty: {amount: 100, currency: EURO, year: 2013}
    flexibility:
      banking: none
      banking: unrestricted
"""
    messages = errors_of(write_yaml(text))
    assert len(messages) == 5, messages


def test_cli_validate_reports_all_five_and_exits_2(run_cli, write_yaml):
    path = write_yaml(HEADER.replace("end: 2015", "end: 2011") + """\
    system:
      cap_typ: absolute
      participation: sometimes
    offsets:
      domestic:
        limit_pct: 140
    enforcement:
      penalty: {amount: 100, currency: EURO, year: 2013}
""")
    result = run_cli("validate", str(path))
    assert result.exit_code == 2
    located = [line for line in result.output.splitlines() if line.startswith(str(path) + ":")]
    assert len(located) == 5
    assert "Traceback" not in result.output


def test_cli_validate_json(run_cli, write_yaml):
    path = write_yaml(HEADER + "    system:\n      cap_typ: absolute\n")
    result = run_cli("validate", "--format", "json", str(path), str(FIXTURES / "minimal.yaml"))
    data = json.loads(result.stdout)
    assert result.exit_code == 2
    assert data[0]["valid"] is False and data[0]["errors"][0]["line"] == 11
    assert data[1]["valid"] is True


UNSOURCED = HEADER.replace("  law: {citation: \"Law\"}", "  law: {citation: \"Law\"}\n  gazette: {citation: \"Gazette\"}") + """\
    system:
      cap_type: absolute
      participation: {value: mandatory, sources: [law]}
      status: unknown
    ambition:
      sources: [gazette]
      ex_post_increases:
        value: true
        changes:
          - {from: 2014-01-01, value: false}
    enforcement:
      make_good:
        value: true
        sources: [law]
        changes:
          - {from: 2014-01-01, value: false}
      penalty:
        status: unknown
        changes:
          - {from: 2014-01-01, value: {amount: 100, currency: EUR, year: 2014}}
"""


def test_defined_facts_without_a_source_are_listed_where_they_are_written(tmp_path):
    from linkcheck.loading.library import unsourced_facts

    path = tmp_path / "unsourced.yaml"
    path.write_text(UNSOURCED)
    found = [(e.line, e.path) for e in unsourced_facts(load_file(path))]
    # cap_type has no source; participation has its own, status is unknown, ex_post_increases and its change take
    # the section's, make_good's change takes the fact's; the penalty's change is defined and has none.
    assert found == [(12, "phases.one.system.cap_type"), (30, "phases.one.enforcement.penalty.changes.0")]


def test_validate_strict_refuses_unsourced_facts_and_plain_validate_counts_them(tmp_path, run_cli):
    path = tmp_path / "unsourced.yaml"
    path.write_text(UNSOURCED)
    plain = run_cli("validate", str(path))
    assert plain.exit_code == 0 and "2 defined facts cite no source" in plain.stdout
    strict = run_cli("validate", "--strict", str(path))
    assert strict.exit_code == 2
    assert f"{path}:12:17: phases.one.system.cap_type: is defined but cites no source" in strict.stderr
    assert "phases.one.enforcement.penalty.changes.0: the change from 2014-01-01" in strict.stderr


def test_every_shipped_file_passes_validate_strict(run_cli):
    result = run_cli("validate", "--strict", *sorted(str(p) for p in (FIXTURES.parent.parent / "system_profiles").glob("*.yaml")))
    assert result.exit_code == 0, result.stderr
