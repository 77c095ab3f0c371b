"""Rules on banking and borrowing."""

from __future__ import annotations

from .base import Outcome, Pair, Rule, Severity, one_sided, rule
from .citations import PMR_2021, TUERK_2009
from ..messages import Msg, Word

RULES: list[Rule] = []

TEMPORAL_BORROWING = ("limited", "unrestricted")


@rule(
    RULES,
    code="LK-FLX-01",
    dimension="flexibility",
    severity="major",
    title="Borrowing from future periods on one side",
    question="May entities borrow allowances from future periods?",
    rationale=(
        "Borrowing works as a cost-containment valve: a side that lets entities borrow from future caps eases "
        "the scarcity of the joint market, and a default on borrowed allowances would be exported to the partner."
    ),
    citation=TUERK_2009,
    remedy="{side} restricts borrowing to the current compliance period, or the partners agree common limits.",
    reads=("flexibility.borrowing",),
)
def borrowing(pair: Pair):
    """Fires when one side allows borrowing beyond the compliance period and the other does not, or both differ."""
    a, b = pair.both("flexibility.borrowing")
    a_borrows, b_borrows = a in TEMPORAL_BORROWING, b in TEMPORAL_BORROWING
    if a_borrows != b_borrows or (a_borrows and a != b):
        side = "a" if a_borrows and not b_borrows else "b" if b_borrows and not a_borrows else "both"
        yield Outcome(message=Msg("borrowing: {a} against {b}", a=Word(a), b=Word(b)), a=a, b=b, adjust=side,
                      weak_side=side if side != "both" else None)


@rule(
    RULES,
    code="LK-FLX-02",
    dimension="flexibility",
    severity="minor",
    title="Banking rules differ or banking is absent",
    question="May allowances be banked, and on what terms?",
    rationale=(
        "Banking rules are among the easier features to align, but if one side forbids banking, its holders "
        "sell to the partner at the end of each period and the partner's banked surplus floods in."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="{side} allows banking on the same terms as its partner.",
    reads=("flexibility.banking",),
    at_stake="major",
)
def banking(pair: Pair):
    """Fires when the banking rules differ; a side with no banking at all is a major difference."""
    a, b = pair.both("flexibility.banking")
    if a != b:
        order = {"none": 0, "restricted": 1, "unrestricted": 2}
        side = "a" if order[a] < order[b] else "b"
        yield Outcome(message=Msg("banking: {a} against {b}", a=Word(a), b=Word(b)), a=a, b=b, adjust=side,
                      severity=Severity.major if "none" in (a, b) else None)


@rule(
    RULES,
    code="LK-FLX-03",
    dimension="flexibility",
    severity="minor",
    title="Banked allowances lost at the end of a phase on one side",
    question="Do banked allowances stay valid in the next phase?",
    rationale=(
        "Where banked allowances lapse at the end of a phase, holders sell them in its last months, into the "
        "partner's market too, and the joint price falls at every phase change of that side."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="{side} lets allowances banked in one phase be used in the next.",
    reads=("flexibility.banking", "flexibility.banking_across_phases"),
)
def banking_across_phases(pair: Pair):
    """Fires when one side's banked allowances lapse at the end of a phase and the other's do not; where a side
    allows no banking at all, LK-FLX-02 says so and this rule passes."""
    if "none" in (pair.known("a", "flexibility.banking"), pair.known("b", "flexibility.banking")):
        return
    found = pair.only_one("flexibility.banking_across_phases", lambda valid: not valid)
    if found:
        side = found[0]
        yield one_sided(side, Msg("{name}: banked allowances lapse at the end of the phase", name=pair.name(side)),
                        False)
