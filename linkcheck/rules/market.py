"""Rules on market oversight: financial supervision of allowances, and who may trade."""

from __future__ import annotations

from .base import Outcome, Pair, Rule, rule
from .citations import ICAP_GUIDE_2018, PMR_2021

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-MKT-01",
    dimension="market",
    severity="major",
    title="No financial oversight of allowances",
    question="Are allowances under financial-market supervision?",
    rationale=(
        "A linked market is one market: manipulation or fraud on one side moves the price on both. Allowances "
        "or their derivatives need financial-market supervision on each side."
    ),
    citation=f"{PMR_2021}; {ICAP_GUIDE_2018}",
    remedy="{side} brings allowance trading under financial-market supervision.",
    reads=("market.financial_oversight",),
    each_side=True,
)
def financial_oversight(pair: Pair):
    """Fires for a side where allowances are not under financial-market regulation."""
    yield from pair.weak_sides("market.financial_oversight", lambda supervised: not supervised,
                               lambda _: "no financial oversight of allowance trading")


@rule(
    RULES,
    code="LK-MKT-02",
    dimension="market",
    severity="minor",
    title="Who may trade differs",
    question="Who may hold and trade allowances?",
    rationale=(
        "If financial intermediaries may hold units on one side only, they reach the other side's market "
        "through the link; the partners should agree who may hold accounts."
    ),
    citation=f"{PMR_2021}; {ICAP_GUIDE_2018}",
    remedy="{side} aligns market access with its partner's.",
    reads=("market.participants",),
)
def participants(pair: Pair):
    """Fires when the rules on who may trade differ."""
    a, b = pair.both("market.participants")
    if a != b:
        order = ("compliance_entities_only", "compliance_and_financial", "open")
        side = "a" if order.index(a) < order.index(b) else "b"
        yield Outcome(message=f"who may trade: {a.replace('_', ' ')} against {b.replace('_', ' ')}",
                      a=a, b=b, adjust=side)
