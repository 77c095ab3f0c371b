"""`--set` what-ifs: the value goes through the profile loader, under the same rules and limits (no tags, no alias
bombs, bounded depth, finite numbers of reasonable length), and an unknown field path gets the full path suggested."""

from __future__ import annotations

import json

import pytest

from linkcheck.errors import LinkcheckError
from linkcheck.whatif import parse_assignment

from .support import assert_refused

FIELD = "a.offsets.domestic.limit_pct"

ALIAS_BOMB = ("[&a [1,1,1,1,1,1,1,1,1], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], &c [*b,*b,*b,*b,*b,*b,*b,*b,*b], "
              "&d [*c,*c,*c,*c,*c,*c,*c,*c,*c], &e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], "
              "&g [*f,*f,*f,*f,*f,*f,*f,*f,*f], &h [*g,*g,*g,*g,*g,*g,*g,*g,*g], &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]]")


def assess_with(cli, *assignments: str):
    return cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json",
               *[arg for text in assignments for arg in ("--set", text)])


@pytest.mark.parametrize(("value", "words"), [
    (ALIAS_BOMB, "more than"),
    ("&a [*a]", "alias"),
    ("[" * 500 + "]" * 500, "nested more than"),
    ("{a: " * 500 + "1" + "}" * 500, "nested more than"),
    ("".join(f"\n{' ' * i}k:" for i in range(150)) + " 1", "nested more than"),
    ("9" * 5000, "5,000 digits"),
    ("-" + "9" * 5000, "5,000 digits"),
    ("0x" + "f" * 5000, "digits"),
    ("1" + "0" * 400 + ".5", "digits"),
    ("1e400", "finite"),
    (".inf", "finite"),
    ("-.inf", "finite"),
    (".nan", "finite"),
    (".NaN", "finite"),
    ("!!int x", "explicit YAML tags"),
    ("!!int 5", "explicit YAML tags"),
    ("!!float abc", "explicit YAML tags"),
    ("!!bool maybe", "explicit YAML tags"),
    ("!!timestamp foo", "explicit YAML tags"),
    ("!!binary aGVsbG8=", "explicit YAML tags"),
    ("!!python/object/apply:os.system {args: [id]}", "explicit YAML tags"),
    ("!foo 5", "explicit YAML tags"),
    ("{!foo k: v}", "explicit YAML tags"),
    ("{a: 1, a: 2}", "duplicate key"),
    ("{<<: {value: 5}}", "merge keys"),
    ("'unterminated", "YAML syntax"),
    ("[1, 2", "YAML syntax"),
    ("a: b: c", "YAML syntax"),
    ("5\n---\n6", "more than one YAML document"),
    ("x\x1by", "control character"),
    ("\x00", "control character"),
    ("x" * 20_001, "20,001 characters"),
])
def test_hostile_values_are_refused(cli, value, words):
    result = assess_with(cli, f"{FIELD}={value}")
    assert_refused(result, "--set", words)
    assert result.stdout == ""
    assert len(result.stderr) < 2_000  # the value is not echoed whole


@pytest.mark.parametrize(("assignment", "words"), [
    ("a.system.legal_basis=[{title: X, date: 2026-02-30}]", "2026-02-30"),
    ("a.system.legal_basis=[{title: X, date: '2021-01-01T00:00:00+25:00'}]", "YYYY-MM-DD"),
    (f"{FIELD}={{value: 5, changes: [{{from: 2026-02-30, value: 6}}]}}", "2026-02-30"),
    (f"{FIELD}=1:30", "1:30"),
    (f"{FIELD}=-5", FIELD),
    (f"{FIELD}=140", FIELD),
    (f"{FIELD}=[1, 2]", FIELD),
    ("a.flexibility.banking=maybe", "banking"),
])
def test_values_the_field_cannot_hold_are_refused(cli, assignment, words):
    assert_refused(assess_with(cli, assignment), words)


@pytest.mark.parametrize(("value", "expected"), [
    ("010", 10),  # YAML 1.2: decimal ten, not octal eight
    ("0o10", 8),
    ("7.5", 7.5),
    ("'5'", None),  # a quoted 5 is text, which the field refuses; see below
])
def test_values_mean_what_they_say(cli, value, expected):
    result = assess_with(cli, f"{FIELD}={value}")
    if expected is None:
        assert_refused(result, FIELD)
        return
    assert result.code in (0, 1), result.stderr
    assert json.loads(result.stdout)["what_if"]["a"]["offsets.domestic.limit_pct"] == expected


def test_an_alias_bomb_is_refused_quickly(cli):
    result = assess_with(cli, f"{FIELD}={ALIAS_BOMB}")
    assert_refused(result)
    assert result.seconds < 1.0


# --- field paths ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("assignment", "suggested"), [
    ("a.banking=none", "'flexibility.banking'"),
    ("b.price_floor=none", "'cost_containment.price_floor'"),
    ("a.limit_pct=5", "'offsets.domestic.limit_pct' or 'offsets.international.limit_pct'"),
    ("a.domestic.limit_pct=5", "'offsets.domestic.limit_pct'"),
    ("a.Flexibility.Banking=none", "'flexibility.banking'"),
    ("a.banknig=none", "'flexibility.banking'"),
    ("a.flexibility.banknig=none", "'flexibility.banking'"),
    ("a.offsets.domestic.limit_pc=5", "'offsets.domestic.limit_pct'"),
])
def test_unknown_fields_suggest_the_full_path(cli, assignment, suggested):
    assert_refused(assess_with(cli, assignment), "unknown field", f"did you mean {suggested}?")


@pytest.mark.parametrize(("assignment", "words"), [
    ("flexibility.banking=none", "say which side: a.flexibility.banking or b.flexibility.banking"),
    ("banking=none", "say which side: a.banking or b.banking"),
    ("c.flexibility.banking=none", "SIDE being a or b"),
    ("a.flexibility.banking", "write SIDE.path=value"),
    ("=5", "write SIDE.path=value"),
    ("a.nothing_like_it=5", "unknown field"),
])
def test_malformed_assignments(cli, assignment, words):
    assert_refused(assess_with(cli, assignment), words)


def test_parse_assignment_raises_the_projects_error():
    with pytest.raises(LinkcheckError, match="explicit YAML tags"):
        parse_assignment(f"{FIELD}=!!int x")
    assert parse_assignment(f"{FIELD}=010") == ("a", "offsets.domestic.limit_pct", 10)
