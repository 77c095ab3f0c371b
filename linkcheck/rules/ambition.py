"""Rules on ambition: how fast the caps decline, and signs of over-allocation."""

from __future__ import annotations

from .base import Option, Outcome, Pair, Rule, Unassessable, one_sided, rule
from .citations import BURTRAW_2013, GSW_2017, TUERK_2009
from ..messages import Msg, Word, Words

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-AMB-01",
    dimension="ambition",
    severity="major",
    title="Annual cap reductions differ",
    question="How fast does each cap decline each year?",
    rationale=(
        "A gap in stringency moves money and allowances from the stricter to the laxer side once prices "
        "converge. That transfer is a political and environmental-integrity problem, and the price gap it "
        "reflects was the remaining obstacle Burtraw et al. found between California and RGGI."
    ),
    citation=f"{TUERK_2009}; {BURTRAW_2013}",
    remedy="{side} raises its annual cap reduction to within the tolerance of its partner's.",
    reads=("ambition.annual_reduction",),
    options={"tolerance_pp": Option(1.0, "Largest gap in annual reduction, in percentage points, that passes.", high=100.0)},
)
def reduction_rate_gap(pair: Pair):
    """Fires when the caps' yearly declines, as percentages, differ by more than `tolerance_pp`. A decline stated
    as an amount is read against the cap it is taken from (`of`); without that cap it is an open question."""
    a, b = pair.both("ambition.annual_reduction")
    if a == "none" or b == "none":
        return  # no cap at all is LK-SYS-01's finding
    rates = {side: value.rate() for side, value in (("a", a), ("b", b))}
    missing = [side for side, rate in rates.items() if rate is None]
    if missing:
        raise Unassessable([(s, "ambition.annual_reduction.of", "not stated (an amount needs the cap it is taken from)")
                            for s in missing])
    (rate_a, how_a), (rate_b, how_b) = rates["a"], rates["b"]
    gap = abs(rate_a - rate_b)
    if gap > pair.options["tolerance_pp"]:
        laxer = "a" if rate_a < rate_b else "b"
        how = "; ".join(h for h in (how_a, how_b) if h)  # worded by AnnualReduction.rate(), passed as it is
        figures = {"a": f"{rate_a:.3g}", "b": f"{rate_b:.3g}", "gap": f"{gap:.1f}",
                   "tolerance": f"{pair.options['tolerance_pp']:g}"}
        if how:
            message = Msg("annual cap reduction {a}% against {b}%: a gap of {gap} points (tolerance {tolerance}) "
                          "({how})", how=how, **figures)
        else:
            message = Msg("annual cap reduction {a}% against {b}%: a gap of {gap} points (tolerance {tolerance})",
                          **figures)
        yield Outcome(
            message=message,
            a=round(rate_a, 2), b=round(rate_b, 2), adjust=laxer, weak_side=laxer,
        )


@rule(
    RULES,
    code="LK-AMB-02",
    dimension="ambition",
    severity="major",
    title="Signs of over-allocation",
    question="Is the cap above verified emissions, or was it raised after the plan was set?",
    rationale=(
        "A cap above actual emissions, or one raised after the plan was set, floods the joint market with "
        "surplus allowances and drags the partner's price down. Kazakhstan added about nine million allowances "
        "above its plan."
    ),
    citation=f"{TUERK_2009}; {GSW_2017}",
    remedy="{side} sets its cap below verified emissions and stops ex-post increases.",
    reads=("ambition.cap", "ambition.verified_emissions", "ambition.ex_post_increases"),
    each_side=True,
    options={"surplus_pct": Option(5.0, "How far, in %, a cap may exceed verified emissions of the same year.")},
)
def over_allocation(pair: Pair):
    """Fires for a side whose cap exceeds its verified emissions of the same year, or that raised its cap ex post."""
    gaps: list = []
    for side in ("a", "b"):
        signs = []
        try:
            if pair.known(side, "ambition.ex_post_increases"):
                signs.append(Msg("cap or allocation raised after the plan was set"))
        except Unassessable as exc:
            gaps.extend(exc.gaps)
        try:
            cap = pair.known(side, "ambition.cap")
            emitted = pair.known(side, "ambition.verified_emissions") if cap != "none" else None
        except Unassessable as exc:
            gaps.extend(exc.gaps)
            cap = emitted = None
        if emitted is not None and cap.year == emitted.year and emitted.tonnes > 0:
            surplus = 100 * (cap.tonnes / emitted.tonnes - 1)
            if surplus > pair.options["surplus_pct"]:
                excess = f"{surplus:.0f}"
                signs.append(Msg("cap {cap} exceeds verified emissions {emitted} by {surplus}%", cap=str(cap),
                                 emitted=str(emitted), surplus=excess))
        if signs:
            yield one_sided(side, Msg("{name}: {signs}", name=pair.name(side), signs=Words(signs, separator="; ")),
                            "; ".join(str(sign) for sign in signs))
    if gaps:
        raise Unassessable(gaps)


@rule(
    RULES,
    code="LK-AMB-03",
    dimension="ambition",
    severity="minor",
    title="A cap set bottom-up on one side",
    question="Is the cap set from a target, or as the sum of installations' needs?",
    rationale=(
        "A cap added up from installations' projected needs tends to exceed emissions and to be revised upwards, "
        "as Kazakhstan's was; a cap derived from a target does not. The partner imports that looseness through "
        "the link."
    ),
    citation=f"{GSW_2017}; {TUERK_2009}",
    remedy="{side} sets its cap top-down from an emissions target.",
    reads=("ambition.cap_setting",),
)
def bottom_up_cap(pair: Pair):
    """Fires for a side whose cap is set bottom-up (or partly so) when its partner's is set top-down."""
    a, b = pair.both("ambition.cap_setting")
    if a != b and "top_down" in (a, b):
        side = "a" if b == "top_down" else "b"
        setting = a if side == "a" else b
        yield one_sided(side, Msg("{name}: the cap is set {setting}", name=pair.name(side), setting=Word(setting)),
                        setting)
