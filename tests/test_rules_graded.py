"""Rules graded on what the facts say, not on a label: verification, ceilings, floors and make-good.

Each case is a real shipped pair, or a real pair with one documented what-if change.
"""

from __future__ import annotations

import datetime as dt

import pytest

from linkcheck.engine import assess
from linkcheck.loading.library import load_references
from linkcheck.whatif import apply_assignment, parse_assignment


def findings(code: str, a: str, b: str, *what_ifs: str, as_of: dt.date | None = None):
    phases = dict(zip("ab", load_references([a, b], as_of)))
    for text in what_ifs:
        side, path, value = parse_assignment(text)
        phases[side] = apply_assignment(phases[side], path, value, text)
    return [f for f in assess(phases["a"], phases["b"]).findings if f.rule == code]


# LK-MRV-01: who checks the reports

def test_third_party_verification_without_accreditation_says_so():
    """Korea's verifiers are designated by the authority; their accreditation is not established: a major, and the
    message no longer contradicts the title."""
    [found] = [f for f in findings("LK-MRV-01", "korea@phase1", "eu-ets@phase3") if f.kind == "difference"]
    assert found.severity == "major" and "accreditation is not established" in found.message and found.adjust == "a"


def test_continuous_measurement_audited_by_the_authority_is_minor():
    """RGGI: CEMS under 40 CFR Part 75, screened and field-audited by EPA (OIG report 19-P-0207)."""
    [found] = findings("LK-MRV-01", "rggi@2014", "eu-ets@phase3")
    assert found.severity == "minor" and "continuous measurement" in found.message


def test_self_reported_calculations_checked_only_by_audits_are_major():
    [found] = findings("LK-MRV-01", "new-zealand@2015", "eu-ets@phase3")
    assert found.severity == "major" and "calculations" in found.message


def test_self_reported_reports_nobody_checks_are_a_blocker():
    [found] = findings("LK-MRV-01", "new-zealand@2015", "eu-ets@phase3", "a.mrv.authority_audit=false")
    assert found.severity == "blocker"


def test_an_unknown_audit_leaves_the_blocker_at_stake():
    found = findings("LK-MRV-01", "new-zealand@2015", "eu-ets@phase3", "a.mrv.authority_audit=unknown")
    assert {(f.kind, f.severity) for f in found} == {("difference", "minor"), ("open_question", "blocker")}


def test_accredited_verification_passes():
    assert findings("LK-MRV-01", "california@2013", "eu-ets@phase3") == []


# LK-COST-01: ceilings by supply and by who may buy

def test_a_ceiling_sold_only_to_the_systems_own_entities_is_major():
    """California sells price ceiling units only to its own covered entities short of units (17 CCR 95915)."""
    [found] = findings("LK-COST-01", "california@2021", "eu-ets@phase4")
    assert found.severity == "major" and "own entities" in found.message


def test_a_fixed_price_option_is_a_blocker():
    [found] = findings("LK-COST-01", "new-zealand@2015", "eu-ets@phase3")
    assert found.severity == "blocker" and "fixed price" in found.message


def test_an_unlimited_ceiling_open_to_all_is_a_blocker():
    [found] = findings("LK-COST-01", "california@2021", "eu-ets@phase4",
                       "a.cost_containment.price_ceiling={amount: 65, currency: USD, year: 2021, supply: unlimited, "
                       "buyers: any_participant}")
    assert found.severity == "blocker"


def test_a_ceiling_of_unstated_reach_is_a_major_with_the_blocker_at_stake():
    """Australia's flexible-price ceiling: unlimited supply, who may buy not stated in the profile."""
    found = findings("LK-COST-01", "australia@cpm-2012", "eu-ets@phase3")
    assert {(f.kind, f.severity) for f in found} == {("difference", "major"), ("open_question", "blocker")}


# LK-COST-02: floors by kind

def test_a_hard_floor_on_one_side_is_a_blocker():
    """Australia's legislated floor bound the joint market; Australia dropped it for the EU link (28 August 2012)."""
    [found] = findings("LK-COST-02", "australia@cpm-2011", "eu-ets@phase3")
    assert found.severity == "blocker" and "hard floor" in found.message


def test_an_auction_reserve_price_on_one_side_is_major():
    [found] = findings("LK-COST-02", "rggi@2014", "kazakhstan@phase2")
    assert found.severity == "major" and "auction reserve price" in found.message


def test_reserve_prices_that_differ_are_minor_once_risen_to_the_year():
    """RGGI's $2 (2014, +2.5%/yr nominal, per short ton) against California's $10.71 (2013, +5%/yr plus inflation)."""
    [found] = findings("LK-COST-02", "rggi@2014", "california@2013", as_of=dt.date(2018, 6, 30))
    assert found.severity == "minor" and "rising" in found.message


# LK-ENF-01: make-good graded on whether the charge can cap the price

def test_no_make_good_with_a_fixed_penalty_is_a_blocker():
    [found] = findings("LK-ENF-01", "australia@cpm-2011", "eu-ets@phase3", "a.enforcement.penalty_price_multiple=none")
    assert found.severity == "blocker" and "price ceiling" in found.message


def test_no_make_good_with_a_charge_of_unknown_basis_leaves_the_blocker_at_stake():
    """Australia's unit shortfall charge is set against a benchmark auction charge by a multiplier not in the
    profile: what is certain is a minor difference; the blocker stays at stake."""
    found = findings("LK-ENF-01", "australia@cpm-2011", "eu-ets@phase3")
    assert {(f.kind, f.severity) for f in found} == {("difference", "minor"), ("open_question", "blocker")}


def test_no_make_good_with_a_charge_that_follows_the_price_is_major():
    """It cannot cap the price, but the missing tonnes stay uncovered."""
    [found] = findings("LK-ENF-01", "australia@cpm-2011", "eu-ets@phase3", "a.enforcement.penalty_price_multiple=3")
    assert found.severity == "major" and "follows the market price" in found.message


def test_no_make_good_with_a_surrender_in_kind_is_minor():
    [found] = findings("LK-ENF-01", "australia@cpm-2011", "eu-ets@phase3", "a.enforcement.excess_surrender_ratio=4")
    assert found.severity == "minor" and "in kind" in found.message


def test_no_make_good_with_a_multiple_below_the_price_is_a_blocker():
    [found] = findings("LK-ENF-01", "australia@cpm-2011", "eu-ets@phase3", "a.enforcement.penalty_price_multiple=0.5")
    assert found.severity == "blocker"


# LK-AMB-01: a decline stated as an amount is read against the cap it is taken from

def test_an_amount_is_read_as_a_share_of_its_cap():
    """California's budget falls 12.1 million allowances a year from its 2015 budget of 394.5 million
    (17 CCR 95841, Table 6-1): 3.07% a year, against the EU's 1.74%."""
    [found] = findings("LK-AMB-01", "california@2013", "eu-ets@phase3", as_of=dt.date(2016, 6, 30))
    assert (found.a, found.b) == (3.07, 1.74) and "of 394.5 MtCO2e (2015)" in found.message


def test_an_amount_without_its_cap_is_an_open_question():
    [found] = findings("LK-AMB-01", "uk@2021", "eu-ets@phase4", "a.ambition.annual_reduction={amount: 4.2, unit: MtCO2e}")
    assert found.kind == "open_question" and "ambition.annual_reduction.of" in found.message


def test_amounts_within_the_tolerance_pass():
    """The UK's 4.2 Mt a year from a 156 Mt cap (2.7%) against the EU's 2.2% in 2021."""
    assert findings("LK-AMB-01", "uk@2021", "eu-ets@phase4", as_of=dt.date(2021, 6, 30)) == []


# LK-ENF-02: every kind of penalty compared per excess tonne

def test_a_penalty_set_as_a_multiple_of_the_price_is_valued_at_the_sides_price():
    """Korea's penalty is three times the market price: valued at Korea's average price of the year looked at."""
    [found] = findings("LK-ENF-02", "korea@phase1", "eu-ets@phase3", as_of=dt.date(2016, 6, 30))
    assert found.kind == "difference"
    assert "3 times the price at K-ETS phase 1's average price of 2016, 18.85 USD/t" in found.message


def test_a_surrender_in_kind_is_valued_at_the_sides_price():
    """California: four allowances for each one missing (17 CCR 95857), valued at its average auction price."""
    # 2016: the EU's indexed amount for that report year (EUR 102.31, DEHSt) converts at the 2016 rate, and
    # California's four allowances come to under half of it.
    [found] = findings("LK-ENF-02", "california@2013", "eu-ets@phase3", as_of=dt.date(2016, 6, 30))
    assert "4 allowances per tonne at California 2013's average price of 2016" in found.message


def test_prices_far_apart_are_a_major_difference():
    """RGGI cleared at about USD 2.9 a short ton in 2013 against California's 12.8 a tonne (ICAP Allowance Price
    Explorer): the gap Burtraw et al. (2013) called the remaining obstacle."""
    [found] = findings("LK-COST-06", "rggi@2014", "california@2013", as_of=dt.date(2014, 6, 30))
    assert found.severity == "major" and "average price of 2013" in found.message  # the last full year


# Review fixes: rules that fired on links already in force, or counted one fact twice

def test_a_border_adjustment_does_not_count_against_a_linked_partner():
    """The EU's CBAM leaves out goods from systems linked to the EU ETS (Regulation (EU) 2023/956, Annex III)."""
    assert findings("LK-ALL-03", "eu-ets@phase4", "switzerland@2020", as_of=dt.date(2026, 6, 30)) == []
    assert [f.severity for f in findings("LK-ALL-03", "eu-ets@phase4", "uk@2021", as_of=dt.date(2026, 6, 30))] == ["minor"]


def test_prices_of_linked_partners_are_not_compared():
    assert findings("LK-COST-06", "eu-ets@phase4", "switzerland@2020", as_of=dt.date(2021, 6, 30)) == []


def test_prices_are_compared_in_one_year_before_the_assessment_date():
    [found] = findings("LK-COST-06", "eu-ets@phase3", "switzerland@2013", as_of=dt.date(2019, 6, 30))
    assert "EU ETS phase 3's average price of 2018" in found.message and "Swiss ETS 2013's average price of 2018" in found.message


def test_lapsing_banked_allowances_are_not_counted_where_there_is_no_banking():
    """Kazakhstan's phase II allowed no banking: LK-FLX-02 says so, and LK-FLX-03 does not say it again."""
    assert findings("LK-FLX-03", "kazakhstan@phase2", "eu-ets@phase3") == []
    assert any(f.rule == "LK-FLX-02" for f in assess(*load_references(["kazakhstan@phase2", "eu-ets@phase3"])).differences)


# LK-COST-04: an essential criterion of the EU-Swiss link

def test_a_market_stability_mechanism_on_one_side_only_is_major_and_the_side_without_it_adapts():
    """Annex I of the EU-Swiss agreement lists a market stability mechanism among the essential criteria; the UK
    has none, so the UK is the side to change."""
    [found] = findings("LK-COST-04", "eu-ets@phase4", "uk@2021")
    assert found.severity == "major" and found.adjust == "b"


# LK-COV-04: entity-level obligations have not blocked links

def test_an_entity_level_obligation_is_a_minor_difference():
    """The EU agreed in 2012 to link with Australia, whose obligation fell on liable entities."""
    [found] = findings("LK-COV-04", "australia", "eu-ets@phase3")
    assert found.severity == "minor" and found.adjust == "a"


# The families added for governance, form, Article 6 and oversight. Each is shown on a real pair with the facts
# the case turns on set explicitly, so the test does not move when the library's facts are revised.

def test_a_binding_agreement_against_a_non_binding_arrangement_is_major():
    [found] = findings("LK-LNK-03", "eu-ets@phase4", "california@2021",
                       "a.linking.link_instrument=international_agreement",
                       "b.linking.link_instrument=administrative_arrangement")
    assert found.severity == "major" and found.adjust == "both"


def test_other_instruments_that_differ_are_minor_and_equal_ones_pass():
    [found] = findings("LK-LNK-03", "eu-ets@phase4", "korea@phase3",
                       "a.linking.link_instrument=international_agreement",
                       "b.linking.link_instrument=unilateral_recognition")
    assert found.severity == "minor"
    assert findings("LK-LNK-03", "eu-ets@phase4", "korea@phase3",
                    "a.linking.link_instrument=international_agreement",
                    "b.linking.link_instrument=international_agreement") == []


def test_a_link_already_made_is_not_questioned_for_its_instrument():
    assert findings("LK-LNK-03", "california@2021", "quebec@2021",
                    "a.linking.link_instrument=international_agreement",
                    "b.linking.link_instrument=administrative_arrangement") == []


def test_linking_without_exit_rules_is_flagged_only_where_the_law_provides_for_linking():
    [found] = findings("LK-LNK-04", "eu-ets@phase4", "korea@phase3",
                       "a.linking.suspension_and_exit=true", "b.linking.legal_provision=true",
                       "b.linking.suspension_and_exit=false")
    assert found.severity == "minor" and found.adjust == "b"
    assert findings("LK-LNK-04", "eu-ets@phase4", "korea@phase3",
                    "a.linking.suspension_and_exit=true", "b.linking.legal_provision=false") == []


def test_transfers_between_parties_without_corresponding_adjustments_are_major():
    [found] = findings("LK-LNK-05", "eu-ets@phase4", "korea@phase3",
                       "a.linking.ndc_party=EU", "b.linking.ndc_party=KR",
                       "a.linking.corresponding_adjustments=true", "b.linking.corresponding_adjustments=false")
    assert found.severity == "major" and found.adjust == "b" and "counted by KR" in found.message


def test_a_side_outside_the_paris_agreement_is_named_as_such():
    [found] = findings("LK-LNK-05", "eu-ets@phase4", "california@2021",
                       "a.linking.ndc_party=EU", "b.linking.ndc_party=none",
                       "a.linking.corresponding_adjustments=true", "b.linking.corresponding_adjustments=false")
    assert "outside the Paris Agreement" in found.message


def test_article_6_accounting_is_not_asked_within_one_party_or_before_2021():
    assert findings("LK-LNK-05", "eu-ets@phase4", "korea@phase3",
                    "a.linking.ndc_party=EU", "b.linking.ndc_party=EU",
                    "a.linking.corresponding_adjustments=false", "b.linking.corresponding_adjustments=false") == []
    assert findings("LK-LNK-05", "eu-ets@phase3", "korea@phase1",
                    "a.linking.ndc_party=EU", "b.linking.ndc_party=KR",
                    "a.linking.corresponding_adjustments=false", "b.linking.corresponding_adjustments=false") == []


def test_an_auction_purchase_limit_on_one_side_is_minor_unless_a_side_auctions_nothing():
    [found] = findings("LK-MKT-05", "eu-ets@phase4", "california@2021",
                       "a.market.auction_purchase_limit=false", "b.market.auction_purchase_limit=true")
    assert found.severity == "minor" and found.adjust == "a"
    assert findings("LK-MKT-05", "eu-ets@phase4", "california@2021",
                    "a.market.auction_purchase_limit=false", "b.market.auction_purchase_limit=true",
                    "a.allocation.auction_share_pct=0") == []


def test_market_abuse_rules_on_one_side_are_major_and_a_supervisor_that_cannot_share_data_minor():
    found = findings("LK-MKT-06", "eu-ets@phase4", "kazakhstan@phase4",
                     "a.market.market_abuse_rules=true", "b.market.market_abuse_rules=false",
                     "a.market.supervisory_cooperation=true", "b.market.supervisory_cooperation=false")
    assert sorted((f.severity, f.adjust) for f in found) == [("major", "b"), ("minor", "b")]
    assert findings("LK-MKT-06", "eu-ets@phase4", "kazakhstan@phase4",
                    "a.market.market_abuse_rules=true", "b.market.market_abuse_rules=true",
                    "a.market.supervisory_cooperation=true", "b.market.supervisory_cooperation=true") == []


def test_units_issued_outside_the_cap_without_limit_act_as_unlimited_offsets():
    found = findings("LK-OFF-01", "new-zealand@2015", "eu-ets@phase3",
                     "a.offsets.units_outside_cap=unlimited", "b.offsets.units_outside_cap=none")
    assert any(f.kind == "difference" and f.adjust == "a" and "outside its cap" in f.message for f in found)


def test_an_unlimited_channel_with_no_eligible_unit_type_has_no_supply():
    base = ("a.offsets.units_outside_cap=none", "b.offsets.units_outside_cap=none",
            "a.offsets.domestic.allowed=true", "a.offsets.domestic.limit_pct=no_limit")
    with_types = findings("LK-OFF-01", "kazakhstan@phase4", "eu-ets@phase4", *base)
    without = findings("LK-OFF-01", "kazakhstan@phase4", "eu-ets@phase4", *base,
                       "a.offsets.domestic.eligible_types=[]")
    assert any("domestic offsets" in f.message for f in with_types if f.kind == "difference")
    assert not any("domestic offsets" in f.message for f in without if f.kind == "difference")


def test_a_year_the_price_table_lacks_is_valued_at_the_latest_earlier_year_and_said_so():
    """New Zealand's 2023 price series covers part of the year only and is left out of the table: the penalty of
    three times the price is valued at the 2022 average, and the message says so."""
    [found] = findings("LK-ENF-02", "new-zealand@2021", "korea@phase3", as_of=dt.date(2023, 6, 30))
    assert "average price of 2022, the latest the tables allow for 2023" in found.message
