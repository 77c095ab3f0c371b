"""Judgement that can be defended: assessment dates, dated facts, open questions, completeness, ties, timelines."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkcheck.engine import assess
from linkcheck.errors import LinkcheckError, ProfileErrors
from linkcheck.loading.library import load_file, load_reference, load_references, shipped_files, shipped_references
from linkcheck.model.facts import Fact, Status
from linkcheck.money import Converter
from linkcheck.ranking import rank
from linkcheck.starter import starter_profile
from linkcheck.timelines import timeline
from linkcheck.whatif import _replace

DAY = dt.date


@pytest.fixture(scope="module")
def blank(tmp_path_factory):
    """The starter profile `linkcheck new` writes: every fact undefined."""
    path = tmp_path_factory.mktemp("blank") / "blankland.yaml"
    path.write_text(starter_profile("Blankland", path.name), encoding="utf-8")
    return path


# --- Honest uncertainty ---------------------------------------------------------------------------------------

def test_a_blank_draft_is_undetermined_against_every_shipped_phase(blank):
    for reference in shipped_references():
        draft, partner = load_references([str(blank), reference])
        result = assess(draft, partner)
        assert result.verdict == "undetermined", reference
        assert result.completeness < 50
        # Nothing about the draft counts as a difference: every one of its gaps is an open question.
        assert not [f for f in result.differences if f.adjust == "a"], reference


def test_a_blank_draft_never_ranks_above_an_assessed_partner(blank):
    candidate = load_reference("eu-ets@phase4")
    ranking = rank(candidate, [load_reference(str(blank)), load_reference("kazakhstan@phase4"),
                               load_reference("switzerland@2020")])
    ranked = [p for p in ranking.partners if p.rank is not None]
    assert ranked and ranking.partners[-1].assessment.b.system_id == "blankland"
    assert ranking.partners[-1].rank is None and "not ranked" in ranking.partners[-1].reason
    assert all(p.assessment.b.system_id != "blankland" for p in ranked)


def test_open_questions_put_their_severity_at_stake_without_scoring_it_lost(blank):
    draft, eu = load_references([str(blank), "eu-ets@phase4"])
    result = assess(draft, eu)
    verification = next(f for f in result.findings if f.rule == "LK-MRV-01")
    assert verification.kind == "open_question" and verification.severity == "blocker"
    assert verification.missing == [{"side": "a", "path": "mrv.verification", "status": "undefined"}]
    assert result.counts["blocker"] == 0 and result.open_counts["blocker"] >= 1
    assert result.score_floor < result.score
    assert result.verdict_range[1] == "blocked"
    data = result.to_dict()
    assert data["completeness"] == result.completeness and data["score_range"] == [result.score_floor, result.score]


def test_chinas_intensity_cap_blocks_against_an_undecided_partner():
    china, ukraine = load_references(["china@2021", "ukraine@draft"])
    result = assess(china, ukraine)
    cap = [f for f in result.findings if f.rule == "LK-SYS-01"]
    assert any(f.kind == "difference" and f.severity == "blocker" and f.adjust == "a" for f in cap)
    assert any(f.kind == "open_question" and f.missing[0]["side"] == "b" for f in cap)
    assert "LK-SYS-01" in {f.rule for f in result.blockers}


def test_a_ceiling_against_an_unknown_partner_is_stated_in_the_open_question():
    california, quebec = load_references(["california@2021", "quebec@2021"])
    ceiling = next(f for f in assess(california, quebec).findings if f.rule == "LK-COST-01")
    assert ceiling.kind == "open_question" and ceiling.severity == "blocker"
    assert "California 2021 has a hard ceiling 65 USD/t" in ceiling.message


@pytest.mark.parametrize("refs", list(itertools.combinations(
    ["kazakhstan@phase2", "eu-ets@phase3", "eu-ets@phase4", "rggi@2014", "california@2021", "china@2021",
     "ukraine@draft", "new-zealand@2015", "australia@cpm-2012", "korea@phase3", "switzerland@2020"], 2)))
def test_no_rule_deducts_twice_nor_says_a_finding_twice(refs):
    result = assess(*load_references(list(refs)))
    for dimension in result.dimensions:
        codes = [d["rule"] for d in dimension.deductions]
        assert len(codes) == len(set(codes)), (refs, dimension.id)
    said = [(f.rule, f.kind, f.message) for f in result.findings]
    assert len(said) == len(set(said))


def test_every_pair_of_the_shipped_matrix_deducts_once_per_rule():
    phases = [load_reference(ref) for ref in shipped_references()]
    for a, b in itertools.combinations(phases, 2):
        result = assess(a, b)
        for dimension in result.dimensions:
            codes = [d["rule"] for d in dimension.deductions]
            assert len(codes) == len(set(codes)), (a.ref, b.ref, dimension.id)


def test_a_partner_both_sides_are_linked_with_is_no_chain():
    """The EU against itself: Switzerland is already in both markets, so linking brings no one new in."""
    result = assess(*load_references(["eu-ets@phase4", "eu-ets@phase4"], DAY(2024, 6, 30)))
    assert [f.rule for f in result.findings].count("LK-LNK-01") == 0
    other = assess(*load_references(["eu-ets@phase4", "uk@2021"], DAY(2024, 6, 30)))
    assert [(f.rule, f.adjust) for f in other.findings if f.rule == "LK-LNK-01"] == [("LK-LNK-01", "a")]


# --- Time ------------------------------------------------------------------------------------------------------

def test_default_date_lies_inside_the_years_two_historical_phases_share():
    a, b = load_references(["kazakhstan@phase2", "eu-ets@phase3"])
    assert a.as_of == b.as_of == DAY(2015, 12, 31)
    assert assess(a, b).as_of == DAY(2015, 12, 31)


def test_the_eu_swiss_link_counts_only_while_it_is_in_force():
    """The EU-Swiss link entered into force on 1 January 2020 (OJ L 322, 7.12.2017; Council Decision 2019/2122)."""
    early = assess(*load_references(["kazakhstan@phase2", "eu-ets@phase3"]))
    assert not any(f.rule == "LK-LNK-01" for f in early.findings)
    later = assess(*load_references(["kazakhstan@phase4", "eu-ets@phase4"], DAY(2021, 6, 30)))
    assert any(f.rule == "LK-LNK-01" and f.kind == "difference" and "Swiss ETS" in f.message
               for f in later.findings)


def test_a_rising_floor_is_compared_at_the_assessment_year():
    """California's auction reserve price: $10.71 in 2013, 'increased annually by 5 percent plus the rate of
    inflation' (17 CCR 95911(c)). In 2020 that is 10.71 x 1.05^7 = 15.07 in 2013 dollars, 19.71 in 2023 dollars."""
    floor = load_reference("california@2013").cost_containment.price_floor.value
    converted = Converter("USD", 2023).convert(floor, at_year=2020)
    assert converted.amount == pytest.approx(15.07 * 304.702 / 232.957, abs=0.01)
    assert "for 7 years to 2020: 15.07 in 2013 prices" in str(converted.steps[0])
    assert Converter("USD", 2023).convert(floor).amount == pytest.approx(10.71 * 304.702 / 232.957, abs=0.01)
    california, rggi = load_references(["california@2013", "rggi@2014"], DAY(2020, 6, 30))
    message = next(f.message for f in assess(california, rggi).findings if f.rule == "LK-COST-02")
    assert "15.07 in 2013 prices" in message


def test_a_nominal_escalation_converts_at_its_own_year():
    """RGGI's reserve price: $2.00 per short ton in 2014, rising 2.5% a year (nominal)."""
    floor = load_reference("rggi@2014").cost_containment.price_floor.value
    converted = Converter("USD", 2023).convert(floor, at_year=2016)
    assert converted.amount == pytest.approx(2.0 * 1.025 ** 2 / 0.907185 * 304.702 / 240.007, abs=0.01)


def test_a_dated_value_resolves_differently_on_either_side_of_its_date():
    """RGGI's cost containment reserve trigger: '$4 in 2014, $6 in 2015, $8 in 2016, and $10 in 2017'."""
    def trigger(day):
        return load_reference("rggi@2014", day).cost_containment.containment_reserve.value.triggers[0].amount

    assert trigger(DAY(2014, 12, 31)) == 4
    assert trigger(DAY(2015, 1, 1)) == 6
    assert trigger(DAY(2016, 6, 30)) == 8


DATED = """\
id: dated
name: Dated ETS
jurisdiction: Testland
reviewed: 2026-11-26
sources:
  law: {citation: "Testland ETS Law 2020", url: "https://example.org/law"}
phases:
  one:
    period: {start: 2021, end: 2030}
    offsets:
      domestic:
        allowed: true
        limit_pct:
          value: 4
          sources: [law]
          changes:
            - {from: 2026-01-01, value: 6, note: "Article 9(2) as amended"}
"""


def test_a_users_dated_value_is_validated_resolved_shown_and_diffed(write_yaml, run_cli):
    path = write_yaml(DATED)
    before = load_reference(str(path), DAY(2025, 12, 31)).get("offsets.domestic.limit_pct")
    after = load_reference(str(path), DAY(2026, 1, 1)).get("offsets.domestic.limit_pct")
    assert (before.value, after.value) == (4, 6)
    assert after.sources == ("law",) and after.note == "Article 9(2) as amended"
    shown = run_cli("show", str(path), "--as-of", "2027-01-01").stdout
    assert "as of 2027-01-01" in shown and "from 2026-01-01: 6 (in force)" in shown
    data = json.loads(run_cli("show", str(path), "--as-of", "2027-01-01", "--format", "json").stdout)
    assert data["dimensions"]["offsets"]["domestic.limit_pct"]["changes"][0]["from"] == "2026-01-01"
    diff = run_cli("diff", str(path), str(path), "--as-of", "2025-06-30", "--as-of", "2026-06-30", "--format", "json",
                   "--linking-only")
    assert diff.exit_code == 1
    assert [(d["path"], d["a"], d["b"]) for d in json.loads(diff.stdout)] == [("offsets.domestic.limit_pct", 4, 6)]


@pytest.mark.parametrize("change, message", [
    ("{from: 2031-01-01, value: 6}", "2031-01-01 is outside the phase (2021–2030)"),
    ("{from: 2026-02-30, value: 6}", "must be a date written YYYY-MM-DD (got '2026-02-30')"),
    ("{from: 2026, value: 6}", "must be a date written YYYY-MM-DD"),
])
def test_bad_dated_values_are_located(write_yaml, change, message):
    path = write_yaml(DATED.replace("{from: 2026-01-01, value: 6, note: \"Article 9(2) as amended\"}", change))
    with pytest.raises(ProfileErrors) as info:
        load_file(path)
    text = str(info.value)
    assert message in text and "phases.one.offsets.domestic.limit_pct.changes.0" in text and ":17:" in text


def test_dated_values_out_of_order_are_refused(write_yaml):
    path = write_yaml(DATED.replace("- {from: 2026-01-01, value: 6, note: \"Article 9(2) as amended\"}",
                                    "- {from: 2027-01-01, value: 6}\n            - {from: 2026-01-01, value: 5}"))
    with pytest.raises(ProfileErrors, match="changes must be in date order"):
        load_file(path)


def test_as_of_errors_name_the_phases_or_the_format(run_cli):
    outside = run_cli("assess", "kazakhstan", "eu-ets", "--as-of", "2017-01-01")
    assert outside.exit_code == 2
    assert "no phase is in force on 2017-01-01; phases: pilot (2013–2013), phase2 (2014–2015)" in outside.stderr
    for bad in ("2017-13-01", "2017-02-30", "01/02/2017", "2017"):
        result = run_cli("assess", "kazakhstan", "eu-ets", "--as-of", bad)
        assert result.exit_code == 2 and "--as-of" in result.stderr and "Traceback" not in result.stderr
    with pytest.raises(LinkcheckError):
        load_file(shipped_files()["kazakhstan"]).phase_for(DAY(2017, 1, 1))


def test_every_assessing_command_prints_its_date(run_cli, blank):
    day = ["--as-of", "2015-06-30"]
    assert "as of 2015-06-30" in run_cli("assess", "kazakhstan", "eu-ets", *day).stdout
    assert json.loads(run_cli("assess", "kazakhstan", "eu-ets", *day, "--format", "json").stdout)["as_of"] == "2015-06-30"
    assert "2015-06-30" in run_cli("assess", "kazakhstan", "eu-ets", *day, "--format", "markdown").stdout
    ranked = json.loads(run_cli("rank", "kazakhstan", "eu-ets", "korea", *day, "--format", "json").stdout)
    assert ranked["as_of"] == "2015-06-30"
    assert "as of 2015-06-30" in run_cli("matrix", "kazakhstan", "eu-ets", "korea", *day).stdout
    assert "as of 2015-06-30" in run_cli("readiness", "kazakhstan", *day).stdout
    assert "as of 2015-06-30" in run_cli("show", "kazakhstan", *day).stdout
    assert "as of 2015-06-30" in run_cli("diff", "kazakhstan", "eu-ets", *day).stdout
    steps = json.loads(run_cli("timeline", "kazakhstan", "--against", "eu-ets", *day, "--format", "json").stdout)
    assert [s["as_of"] for s in steps["phases"]][:2] == ["2013-12-31", "2015-06-30"]


def test_a_what_if_is_labelled(run_cli):
    result = run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--set", "a.offsets.domestic.limit_pct=5")
    assert "WHAT-IF" in result.stdout and "a.offsets.domestic.limit_pct = 5" in result.stdout
    data = json.loads(run_cli("assess", "kazakhstan@phase2", "eu-ets@phase3", "--format", "json",
                              "--set", "a.offsets.domestic.limit_pct=5").stdout)
    assert data["what_if"] == {"a": {"offsets.domestic.limit_pct": 5}}


# --- Rankings and timelines ------------------------------------------------------------------------------------

def test_the_peter_ranking_admits_its_ties():
    """The five PETER partners all carry Kazakhstan's one blocker and lie within a few points of each other: the
    ranking says they are tied rather than presenting an order of a point or two as a finding."""
    candidate, *partners = load_references(["kazakhstan@phase2", "eu-ets@phase3", "rggi@2014", "california@2013",
                                            "korea@phase1"])
    ranking = rank(candidate, partners)
    tied = [p for p in ranking.partners if p.tied_with]
    assert len(tied) >= 2 and len({p.rank for p in tied}) < len(tied)
    assert all("tied with" in p.reason for p in tied)
    assert all(p.reason for p in ranking.partners)
    json.dumps(ranking.to_dict())


def test_a_partner_with_an_extra_blocker_is_ranked_apart():
    candidate, *partners = load_references(["kazakhstan@phase2", "eu-ets@phase3", "new-zealand@2015"])
    ranking = rank(candidate, partners)
    first, second = ranking.partners
    assert (first.assessment.b.system_id, first.rank, second.rank) == ("eu-ets", 1, 2)
    assert "blocking rule" in first.reason and not first.tied_with


def test_the_timeline_never_calls_a_finding_closed_when_it_became_an_open_question():
    steps = timeline(load_file(shipped_files()["kazakhstan"]), load_file(shipped_files()["eu-ets"]),
                     as_of=DAY(2026, 6, 30))
    for step in steps:
        open_now = {f.rule for f in step.assessment.open_questions}
        assert not {key.split()[0] for key in step.closed} & open_now, step.phase.ref
    phase3 = next(s for s in steps if s.phase.phase_id == "phase3")
    moved = {t["rule"]: t["change"] for t in phase3.transitions}
    assert moved["LK-ENF-02"] == "became_open_question" and moved["LK-FLX-02"] == "became_open_question"


# --- The property: not knowing never makes a pair look better ----------------------------------------------------

VERDICT_RANK = {"compatible": 0, "adjustments_needed": 1, "blocked": 2}
BASE_PAIRS = [("kazakhstan@phase2", "eu-ets@phase3"), ("california@2013", "quebec@2013"),
              ("eu-ets@phase4", "switzerland@2020"), ("new-zealand@2015", "eu-ets@phase3"),
              ("rggi@2014", "california@2013"), ("china@2021", "korea@phase3"), ("australia@cpm-2012", "uk@2021")]


@st.composite
def pair_and_defined_fact(draw):
    a, b = load_references(list(draw(st.sampled_from(BASE_PAIRS))))
    side = draw(st.sampled_from(["a", "b"]))
    phase = a if side == "a" else b
    defined = [".".join(path) for path, fact in phase.facts() if fact.status is Status.defined]
    return a, b, side, draw(st.sampled_from(defined))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pair_and_defined_fact())
def test_replacing_a_defined_fact_by_unknown_never_improves_the_verdict(case):
    a, b, side, path = case
    before = assess(a, b).verdict
    unknown = Fact(status=Status.unknown, note="property test")
    if side == "a":
        a = _replace(a, path.split("."), unknown)
    else:
        b = _replace(b, path.split("."), unknown)
    after = assess(a, b).verdict
    if before in ("blocked", "adjustments_needed"):
        assert after != "compatible", (path, side, before, after)
    if before == "blocked":
        assert after != "adjustments_needed", (path, side, before, after)


def test_californias_offset_limit_steps_up_in_2026():
    """17 CCR 95854: Lo = 0.04 for data years 2021-2025 and 0.06 from data year 2026."""
    def limit(day):
        return load_reference("california@2021", day).get("offsets.domestic.limit_pct").value

    assert (limit(DAY(2025, 12, 31)), limit(DAY(2026, 1, 1))) == (4, 6)


def test_the_default_date_does_not_depend_on_the_order_of_the_phases():
    """Phases that share no year are looked at on the day nearest today inside the one that starts last."""
    one = assess(*load_references(["kazakhstan@pilot", "eu-ets@phase4"]))
    other = assess(*load_references(["eu-ets@phase4", "kazakhstan@pilot"]))
    assert one.as_of == other.as_of and (one.a.as_of, one.b.as_of) == (other.b.as_of, other.a.as_of)
    assert one.score == other.score


def test_a_what_if_with_dated_changes_is_checked_and_applied(run_cli):
    value = ("a.enforcement.penalty={value: {amount: 5, currency: EUR, year: 2020}, "
             "changes: [{from: 2022-01-01, value: {amount: 1, currency: EUR, year: 2020}}]}")
    data = json.loads(run_cli("assess", "kazakhstan@phase4", "eu-ets@phase4", "--as-of", "2024-06-30", "--set", value,
                              "--set", "a.enforcement.penalty_price_multiple=none",
                              "--set", "a.enforcement.excess_surrender_ratio=none", "--format", "json").stdout)
    penalty = next(f for f in data["findings"] if f.get("rule") == "LK-ENF-02")
    assert penalty["a"].startswith("1.34 USD/t")  # EUR 1 (2020), the change in force, not the 5 before it
    outside = run_cli("assess", "kazakhstan@phase4", "eu-ets@phase4", "--set", value.replace("2022-01-01", "2099-01-01"))
    assert outside.exit_code == 2 and "outside Kazakhstan ETS phase 4" in outside.stderr


@pytest.mark.parametrize("config, message", [
    ("currency: {code: KZT, year: 1990}\n", "cannot convert to this base"),
    ("weights: {" + ", ".join(f"{d}: 0" for d in ("system", "ambition", "coverage", "allocation", "flexibility",
                                                   "cost_containment", "offsets", "mrv", "enforcement", "market",
                                                   "linking")) + "}\n", "every dimension weighs 0"),
    ("penalties: {blocker: 5, major: 60}\n", "must not rise as severity falls"),
])
def test_configurations_that_would_distort_every_result_are_refused(run_cli, write_yaml, config, message):
    result = run_cli("assess", "eu-ets", "uk", "--config", str(write_yaml(config, "c.yaml")))
    assert result.exit_code == 2 and message in result.stderr


def test_a_matrix_of_named_phases_assesses_each_pair_on_its_own_day(run_cli):
    rows = json.loads(run_cli("matrix", "kazakhstan@phase2", "eu-ets@phase3", "korea@phase1", "--format", "json").stdout)
    days = {(r["a"], r["b"]): r["as_of"] for r in rows}
    assert days[("kazakhstan@phase2", "eu-ets@phase3")] == "2015-12-31"
    assert days[("eu-ets@phase3", "korea@phase1")] == "2017-12-31"
