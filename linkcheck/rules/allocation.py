"""Rules on allocation: grandfathering against benchmarking, and the auction share."""

from __future__ import annotations

from .base import Option, Outcome, Pair, Rule, rule
from .citations import CBAM_2023, EU_UK_2025, PMR_2021, TUERK_2009
from ..messages import Msg

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-ALL-01",
    dimension="allocation",
    severity="minor",
    title="Free allocation methods differ",
    question="Does each side allocate free allowances by grandfathering or by benchmarks?",
    rationale=(
        "Allocation is among the easier features to reconcile, but grandfathering on one side and benchmarking "
        "on the other gives competitors across the link different free endowments, which raises "
        "competitiveness and windfall-profit concerns."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="{side} moves free allocation from grandfathering to product benchmarks.",
    reads=("allocation.methods",),
)
def free_allocation_method(pair: Pair):
    """Fires when one side grandfathers and the other benchmarks (or allocates on output)."""
    a, b = pair.both("allocation.methods")
    a_methods = {m.method for m in a} - {"auctioning"}
    b_methods = {m.method for m in b} - {"auctioning"}
    if "grandfathering" in a_methods ^ b_methods:
        side = "a" if "grandfathering" in a_methods else "b"
        yield Outcome(
            message=Msg("{name} grandfathers free allowances; its partner does not", name=pair.name(side)),
            a=sorted(a_methods), b=sorted(b_methods), adjust=side,
        )


@rule(
    RULES,
    code="LK-ALL-02",
    dimension="allocation",
    severity="info",
    title="Auction shares differ widely",
    question="What share of allowances does each side auction?",
    rationale=(
        "The auction share does not stop a link, but a large gap means the partners' industries carry very "
        "different costs, which tends to become a political issue once prices converge."
    ),
    citation=PMR_2021,
    remedy="{side} raises its auction share over time.",
    reads=("allocation.auction_share_pct",),
    options={"tolerance_pp": Option(30.0, "Largest gap in auction share, in percentage points, that passes.", high=100.0)},
)
def auction_share(pair: Pair):
    """Fires when the auction shares differ by more than `tolerance_pp` percentage points."""
    a, b = pair.both("allocation.auction_share_pct")
    if abs(a - b) > pair.options["tolerance_pp"]:
        side = "a" if a < b else "b"
        share_a, share_b = f"{a:g}", f"{b:g}"
        yield Outcome(message=Msg("auction share {a}% against {b}%", a=share_a, b=share_b), a=a, b=b, adjust=side)


@rule(
    RULES,
    code="LK-ALL-03",
    dimension="allocation",
    severity="minor",
    title="A border carbon adjustment on one side only",
    question="Does either side charge imports for their embedded emissions?",
    rationale=(
        "A border adjustment charges imports for the carbon price they did not pay. Between linked partners the "
        "goods of each already bear the one joint price, so the agreement must settle how each side's adjustment "
        "treats the other's goods: the EU and the UK made mutual exemption from their border mechanisms a term of "
        "the link they agreed to pursue in 2025, and the EU's mechanism already leaves out goods from systems linked "
        "to the EU ETS."
    ),
    citation=f"{CBAM_2023}; {EU_UK_2025}",
    remedy="{side} exempts its partner's goods from its border adjustment in the linking agreement, as the EU's CBAM "
           "does for systems linked to the EU ETS.",
    reads=("allocation.leakage_protection",),
)
def border_adjustment(pair: Pair):
    """Fires when one side charges imports through a border carbon adjustment and the other does not, unless the
    two are already linked (the EU's CBAM leaves out goods from systems linked to the EU ETS)."""
    found = pair.only_one("allocation.leakage_protection", lambda protection: "border_adjustment" in protection)
    if found and not pair.linked():
        side, a, b = found
        yield Outcome(message=Msg("only {name} has a border carbon adjustment", name=pair.name(side)), a=list(a),
                      b=list(b), adjust=side)
