"""Rules on linking provisions: links that would chain."""

from __future__ import annotations

from .base import Outcome, Pair, Rule, Severity, Unassessable, one_sided, rule
from .citations import (
    EU_ART_25,
    ICAP_GUIDE_2018,
    MEHLING_HAITES_2009,
    ONTARIO_EXIT_2018,
    PARIS_ART_6_2,
    PMR_2021,
    US_V_CALIFORNIA,
)
from ..messages import Msg, Word, Words

RULES: list[Rule] = []

FIRST_NDC_YEAR = 2021  # the first year of the first NDC period; before it, Kyoto accounting applied


@rule(
    RULES,
    code="LK-LNK-01",
    dimension="linking",
    severity="major",
    title="Existing links would chain",
    question="Which links are already in force?",
    rationale=(
        "Links are transitive: linking with a system that is already linked means trading with its partners "
        "too, and their design choices reach the new partner indirectly. The existing partners must consent "
        "and be assessed as well."
    ),
    citation=f"{MEHLING_HAITES_2009}; {ICAP_GUIDE_2018}",
    remedy="Assess {side}'s existing partners too, and obtain their consent in the linking agreement.",
    reads=("linking.existing_links",),
    each_side=True,
)
def chained_links(pair: Pair):
    """Fires when either side has links in force, in the year it is looked at, with systems other than the pair,
    unless the other side is linked with that system too: a common partner is already in both markets."""
    gaps: list = []
    ids = {side: pair.phases[side].system_id for side in ("a", "b")}
    partners: dict[str, set[str]] = {}
    for side in ("a", "b"):
        fact = pair.fact(side, "linking.existing_links")
        partners[side] = {link.partner for link in fact.value if link.in_force(pair.year(side))} \
            if fact is not None and fact.known else set()
    for side in ("a", "b"):
        try:
            links = pair.known(side, "linking.existing_links")
        except Unassessable as exc:
            gaps.extend(exc.gaps)
            continue
        other_side = "b" if side == "a" else "a"
        shared = partners[other_side] | {ids[other_side]}
        active = [link for link in links if link.in_force(pair.year(side)) and link.partner not in shared]
        if active:
            names = ", ".join(f"{link.partner} ({link.direction.replace('_', ' ')})" for link in active)
            from ..loading.library import system_short_name  # a partner is named as the reader knows it

            links_in_force = Words([Msg("{partner} ({direction})", partner=system_short_name(link.partner),
                                        direction=Word(link.direction)) for link in active])
            yield one_sided(side, Msg("{name} is already linked with {links}: a link brings them in",
                                      name=pair.name(side), links=links_in_force), names)
    if gaps:
        raise Unassessable(gaps)


@rule(
    RULES,
    code="LK-LNK-02",
    dimension="linking",
    severity="minor",
    title="A sub-national side in a link",
    question="Is either side a sub-national jurisdiction?",
    rationale=(
        "A link is an agreement between governments. A state or province may lack the power to conclude one with "
        "a foreign government, or need its national government's consent: the United States sued California over "
        "its agreement with Québec under the Treaty and Compact Clauses. The court upheld the agreement, a "
        "non-binding arrangement, but the form of the link must be chosen with that risk in view."
    ),
    citation=f"{US_V_CALIFORNIA}; {MEHLING_HAITES_2009}",
    remedy="{side} confirms its legal capacity for the link and chooses a form its constitution allows.",
    reads=("system.governance",),
    each_side=True,
)
def subnational_link(pair: Pair):
    """Fires for each side that is a sub-national jurisdiction or a group of them (a state, a province, RGGI's
    states), unless the two are already linked."""
    if pair.linked():
        return
    yield from pair.weak_sides("system.governance", lambda level: level in ("subnational", "regional"),
                               lambda _: Msg("sub-national: its power to conclude the link may be contested"))


@rule(
    RULES,
    code="LK-LNK-03",
    dimension="linking",
    severity="minor",
    title="The sides need different instruments to link",
    question="What instrument does each side's law require or allow for a link?",
    rationale=(
        "A link needs an instrument both laws accept. The EU may link only by an agreement under Article 25 of its "
        "ETS Directive, concluded as an international agreement; a state or province can usually conclude only "
        "a non-binding arrangement, as California did with Québec. Where one side requires a binding agreement "
        "and the other cannot conclude one, the link needs a form neither law provides for yet; other "
        "differences, such as one side recognising foreign units by its own rules, are settled in the agreement."
    ),
    citation=f"{EU_ART_25}; {US_V_CALIFORNIA}; {MEHLING_HAITES_2009}",
    remedy="The partners choose an instrument both laws allow; where none exists, {side} amends its law to provide one.",
    reads=("linking.link_instrument",),
    at_stake="major",
)
def link_instrument(pair: Pair):
    """Fires when the sides' laws need different instruments to link, unless they are already linked: a major when
    one requires a binding international agreement and the other can conclude only an administrative
    arrangement, else a minor."""
    if pair.linked():
        return
    a, b = pair.both("linking.link_instrument")
    if a == b:
        return
    binding = "international_agreement"
    conflict = {a, b} == {binding, "administrative_arrangement"}
    yield Outcome(message=Msg("instruments for a link: {a} against {b}", a=Word(a), b=Word(b)),
                  a=a, b=b, adjust="both", severity=Severity.major if conflict else None)


@rule(
    RULES,
    code="LK-LNK-04",
    dimension="linking",
    severity="minor",
    title="No rules for suspending or ending a link",
    question="Does the law or agreement say how a link is suspended or ended?",
    rationale=(
        "Links end: Ontario left the joint market with California and Québec in 2018 within weeks of a change "
        "of government, with allowances it had sold still held across the market. The linking agreement and "
        "each side's law should say how a link is suspended or ended, with what notice, and what becomes of "
        "units already transferred; the EU-Swiss agreement provides for both."
    ),
    citation=f"{ONTARIO_EXIT_2018}; {MEHLING_HAITES_2009}; {PMR_2021}",
    remedy="{side} provides, in its law or the linking agreement, for suspending and ending the link: notice, "
           "and the treatment of units already transferred.",
    reads=("linking.legal_provision", "linking.suspension_and_exit"),
    each_side=True,
)
def suspension_and_exit(pair: Pair):
    """Fires for each side whose law provides for linking but not for suspending or ending a link. A side whose law
    does not provide for linking at all is judged by that, not by this."""
    gaps: list = []
    for side in ("a", "b"):
        fact = pair.fact(side, "linking.legal_provision")
        if fact is None or not fact.known or fact.value is not True:
            continue
        try:
            if not pair.known(side, "linking.suspension_and_exit"):
                yield one_sided(side, Msg("{name} provides for linking but not for suspending or ending a link",
                                          name=pair.name(side)), False)
        except Unassessable as exc:
            gaps.extend(exc.gaps)
    if gaps:
        raise Unassessable(gaps)


@rule(
    RULES,
    code="LK-LNK-05",
    dimension="linking",
    severity="major",
    title="Net transfers across the link not adjusted under Article 6",
    question="Are net transfers of allowances across the link accounted with corresponding adjustments?",
    rationale=(
        "When the two sides belong to different Parties to the Paris Agreement, allowances that flow across the "
        "link carry emission reductions from one Party's inventory to the other's. Unless the net flow is "
        "accounted with corresponding adjustments under Article 6.2, the same reduction counts towards both "
        "nationally determined contributions, or a side outside the Agreement counts none of it. The rule "
        "applies from 2021, the first year of the first contributions."
    ),
    citation=f"{PARIS_ART_6_2}; {PMR_2021}",
    remedy="{side} commits to account for net transfers across the link with corresponding adjustments under "
           "Article 6.2.",
    reads=("linking.ndc_party", "linking.corresponding_adjustments"),
    each_side=True,
)
def article6_accounting(pair: Pair):
    """Fires, when the sides count towards different Parties' contributions (or one is outside the Agreement), for
    each side that does not account for net transfers with corresponding adjustments. Silent before 2021, when the
    first contributions under the Agreement began and Kyoto accounting still applied."""
    if max(pair.year("a"), pair.year("b")) < FIRST_NDC_YEAR:
        return
    parties = pair.both("linking.ndc_party")
    if parties[0] == parties[1] and parties[0] != "none":
        return
    values, gaps = pair.sides("linking.corresponding_adjustments")
    for side, adjusts in values.items():
        if not adjusts:
            party = parties[0 if side == "a" else 1]
            where = Msg("outside the Paris Agreement") if party == "none" else Msg("counted by {party}", party=party)
            yield one_sided(side, Msg("{name} ({where}) does not adjust for net transfers across a link",
                                      name=pair.name(side), where=where), adjusts)
    if gaps:
        raise Unassessable(gaps)
