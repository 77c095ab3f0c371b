"""Rules on linking provisions: links that would chain."""

from __future__ import annotations

from .base import Pair, Rule, Unassessable, one_sided, rule
from .citations import ICAP_GUIDE_2018, MEHLING_HAITES_2009, US_V_CALIFORNIA

RULES: list[Rule] = []


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
    """Fires when either side has links in force, in the year it is looked at, with systems other than the pair."""
    gaps: list = []
    ids = {side: pair.phases[side].system_id for side in ("a", "b")}
    for side in ("a", "b"):
        try:
            links = pair.known(side, "linking.existing_links")
        except Unassessable as exc:
            gaps.extend(exc.gaps)
            continue
        partner_id = ids["b" if side == "a" else "a"]
        active = [link for link in links if link.in_force(pair.year(side)) and link.partner != partner_id]
        if active:
            names = ", ".join(f"{link.partner} ({link.direction.replace('_', ' ')})" for link in active)
            yield one_sided(side, f"{pair.name(side)} is already linked with {names}: a link brings them in", names)
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
                               lambda _: "sub-national: its power to conclude the link may be contested")
