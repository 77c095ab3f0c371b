"""Rules on the type of system: cap type, participation, the legal basis for linking."""

from __future__ import annotations

from .base import Outcome, Pair, Rule, rule
from .citations import EU_ART_25, EU_CH_ANNEX_I, MEHLING_HAITES_2009, PMR_2021, TUERK_2009
from ..messages import Msg, Word

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-SYS-01",
    dimension="system",
    severity="blocker",
    title="Cap types differ, or a side has no cap",
    question="Is the cap absolute?",
    rationale=(
        "An intensity target lets total supply grow with output, so it can inflate the joint market; a period "
        "with no cap (a fixed price) works as a price ceiling for both. The EU links only with systems that "
        "have absolute caps."
    ),
    citation=f"{EU_ART_25}; {TUERK_2009}",
    remedy="{side} adopts an absolute cap before linking.",
    reads=("system.cap_type",),
    each_side=True,
)
def cap_type(pair: Pair):
    """Fires for each side that is not an absolute cap-and-trade system, whatever its partner is."""
    yield from pair.weak_sides("system.cap_type", lambda cap: cap != "absolute",
                               lambda cap: Msg("cap type is {cap}, not an absolute cap", cap=Word(cap)))


@rule(
    RULES,
    code="LK-SYS-02",
    dimension="system",
    severity="blocker",
    title="Mandatory against voluntary participation",
    question="Is participation mandatory?",
    rationale=(
        "In a voluntary system, covered entities choose whether to take part, so its cap does not bind the "
        "emissions it claims to cover. The EU requires mandatory participation of any partner."
    ),
    citation=f"{EU_ART_25}; {EU_CH_ANNEX_I}",
    remedy="{side} makes participation mandatory for covered entities.",
    reads=("system.participation",),
    each_side=True,
)
def participation(pair: Pair):
    """Fires for each side whose participation is voluntary, whatever its partner is."""
    yield from pair.weak_sides("system.participation", lambda value: value != "mandatory",
                               lambda value: Msg("participation is {value}", value=Word(value)))


@rule(
    RULES,
    code="LK-SYS-03",
    dimension="system",
    severity="major",
    title="No legal basis for international linking",
    question="Does the law provide for linking with another system?",
    rationale=(
        "A link is a legal act: each side must be able to recognise foreign units for compliance. Without "
        "a provision in law, a linking agreement cannot be signed or enforced."
    ),
    citation=f"{MEHLING_HAITES_2009}; {EU_ART_25}",
    remedy="{side} adopts a legal provision that allows linking and the recognition of foreign units.",
    reads=("linking.legal_provision",),
    each_side=True,
)
def legal_basis_for_linking(pair: Pair):
    """Fires for each side whose law has no provision for linking with another system, whatever its partner's."""
    yield from pair.weak_sides("linking.legal_provision", lambda provided: not provided,
                               lambda _: Msg("no legal provision for linking with another system"))


@rule(
    RULES,
    code="LK-SYS-04",
    dimension="system",
    severity="minor",
    title="Compliance periods differ",
    question="How long is one compliance period?",
    rationale=(
        "Compliance periods are among the features that are easier to reconcile, but with a longer period on one "
        "side its entities may defer surrender while the partner's must surrender each year, which moves demand "
        "across the link in time; the agreement sets how surrender dates relate."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="{side} aligns its compliance period with its partner's, or the agreement sets common surrender dates.",
    reads=("system.compliance_period_years",),
)
def compliance_periods(pair: Pair):
    """Fires when the two sides' compliance periods differ in length."""
    a, b = pair.both("system.compliance_period_years")
    if a != b:
        longer = "a" if a > b else "b"
        years_a, years_b = f"{a:g}", f"{b:g}"
        yield Outcome(message=Msg("compliance period {a} year(s) against {b}", a=years_a, b=years_b), a=a, b=b,
                      adjust=longer)
