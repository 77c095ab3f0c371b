"""Rules on offsets and international units: limits, eligibility, double counting."""

from __future__ import annotations

from .base import Option, Outcome, Pair, Rule, Unassessable, one_sided, rule
from .citations import ICAP_GUIDE_2018, MEHLING_HAITES_2009, TUERK_2009
from ..messages import Msg, Word, Words

RULES: list[Rule] = []

CHANNELS = {"domestic": Word("domestic offsets"), "international": Word("international units")}


def _unlimited(pair: Pair, side: str, channel: str) -> bool:
    """Whether a channel admits units without limit. A channel no unit type is eligible for has no supply."""
    if not pair.known(side, f"offsets.{channel}.allowed"):
        return False
    if pair.known(side, f"offsets.{channel}.limit_pct") != "no_limit":
        return False
    types = pair.fact(side, f"offsets.{channel}.eligible_types")
    return not (types is not None and types.known and types.value == ())


@rule(
    RULES,
    code="LK-OFF-01",
    dimension="offsets",
    severity="blocker",
    title="Unlimited offsets on one side",
    question="Are offsets accepted, and with what quantitative limit?",
    rationale=(
        "Unlimited offsets act like a price ceiling: the joint market's price cannot rise above the cost of "
        "credits, and the cap no longer binds. Kazakhstan allowed domestic offsets with no quantitative limit, "
        "so in theory all compliance could be met with them. Units issued on top of the cap without limit, such "
        "as New Zealand's units for forest removals, do the same: the supply of the joint market grows with "
        "them. A channel for which no unit type is eligible has no supply and does not count."
    ),
    citation=f"{TUERK_2009}; {ICAP_GUIDE_2018}",
    remedy="{side} sets a quantitative limit on offsets and on units issued outside the cap, as a share of each "
           "entity's obligation or a fixed quantity.",
    reads=("offsets.domestic.allowed", "offsets.domestic.limit_pct", "offsets.domestic.eligible_types",
           "offsets.international.allowed", "offsets.international.limit_pct",
           "offsets.international.eligible_types", "offsets.units_outside_cap"),
    each_side=True,
)
def unlimited_offsets(pair: Pair):
    """Fires for each side that accepts offsets or international units with no quantitative limit and some eligible
    unit type, or issues units outside its cap without limit."""
    gaps: list = []
    for side in ("a", "b"):
        for channel, label in CHANNELS.items():
            try:
                if _unlimited(pair, side, channel):
                    yield one_sided(side, Msg("{name} accepts {channel} with no quantitative limit",
                                                   name=pair.name(side), channel=label), "no_limit")
            except Unassessable as exc:
                gaps.extend(exc.gaps)
        try:
            if pair.known(side, "offsets.units_outside_cap") == "unlimited":
                yield one_sided(side, Msg("{name} issues units outside its cap with no quantitative limit",
                                           name=pair.name(side)), "unlimited")
        except Unassessable as exc:
            gaps.extend(exc.gaps)
    if gaps:
        raise Unassessable(gaps)


def _effective_limit(pair: Pair, side: str, channel: str) -> float | str:
    if not pair.known(side, f"offsets.{channel}.allowed"):
        return 0.0
    return pair.known(side, f"offsets.{channel}.limit_pct")


@rule(
    RULES,
    code="LK-OFF-02",
    dimension="offsets",
    severity="major",
    title="Offset limits differ",
    question="What is the quantitative limit on domestic offsets?",
    rationale=(
        "Offset eligibility and quantitative limits are among the hard features to reconcile: the side with the "
        "looser limit lets more credits into the joint market, which both sides then absorb. California and "
        "Québec aligned their limits (8%) before linking."
    ),
    citation=TUERK_2009,
    remedy="{side} aligns its offset limit with its partner's.",
    reads=("offsets.domestic.allowed", "offsets.domestic.limit_pct"),
    options={"tolerance_pp": Option(2.0, "Largest gap in limits, in percentage points, that passes.", high=100.0)},
)
def offset_limits(pair: Pair):
    """Fires when both domestic-offset limits are numbers that differ by more than `tolerance_pp`."""
    a = _effective_limit(pair, "a", "domestic")
    b = _effective_limit(pair, "b", "domestic")
    if "no_limit" in (a, b):
        return  # LK-OFF-01 reports unlimited offsets
    if abs(a - b) > pair.options["tolerance_pp"]:
        looser = "a" if a > b else "b"
        yield Outcome(message=Msg("domestic offset limit {a}% against {b}%", a=format(a, "g"), b=format(b, "g")),
                      a=a, b=b, adjust=looser, weak_side=looser)


@rule(
    RULES,
    code="LK-OFF-03",
    dimension="offsets",
    severity="major",
    title="International units accepted on one side only",
    question="Are international units accepted for compliance?",
    rationale=(
        "Once linked, units entering one side reach the other: a side that accepts international credits opens "
        "its partner's market to them indirectly. In a one-way link, this matters only if the accepting side's "
        "units flow to the partner."
    ),
    citation=f"{MEHLING_HAITES_2009}; {TUERK_2009}",
    remedy="{side} stops accepting international units, or both agree which units and how many.",
    reads=("offsets.international.allowed",),
)
def international_units(pair: Pair):
    """Fires when one side accepts international units for compliance and the other does not."""
    found = pair.only_one("offsets.international.allowed")
    if found:
        side, a, b = found
        yield Outcome(message=Msg("only {name} accepts international units", name=pair.name(side)), a=a, b=b,
                      adjust=side, weak_side=side)


@rule(
    RULES,
    code="LK-OFF-04",
    dimension="offsets",
    severity="minor",
    title="Offset types the partner does not recognise",
    question="Which offset types are eligible?",
    rationale=(
        "Each side has judged which project types deliver real reductions. Credits of a type the partner "
        "excluded still reach its market through the link."
    ),
    citation=f"{TUERK_2009}; {ICAP_GUIDE_2018}",
    remedy="{side} drops the project types its partner does not recognise, or both agree a common list.",
    reads=("offsets.domestic.allowed", "offsets.domestic.eligible_types"),
)
def offset_types(pair: Pair):
    """Fires when a side accepts domestic offset types that its partner, which also accepts offsets, does not."""
    yield from _types_not_recognised(pair, "domestic")


def _types_not_recognised(pair: Pair, channel: str):
    """Types one side accepts in `channel` and its partner, which accepts the channel too, does not."""
    a_allowed, b_allowed = pair.both(f"offsets.{channel}.allowed")
    if not (a_allowed and b_allowed):
        return
    a, b = pair.both(f"offsets.{channel}.eligible_types")
    for side, mine, theirs in (("a", a, b), ("b", b, a)):
        extra = sorted(set(mine) - set(theirs))
        if extra:
            yield Outcome(message=Msg("{name} accepts {channel} its partner does not: {types}", name=pair.name(side),
                                      channel=CHANNELS[channel], types=Words(extra)),
                          a=list(a), b=list(b), adjust=side, weak_side=side)


@rule(
    RULES,
    code="LK-OFF-05",
    dimension="offsets",
    severity="major",
    title="No safeguard against double counting",
    question="Are credits protected against being counted twice?",
    rationale=(
        "A credit used for compliance here must not also count toward another country's target. Without a "
        "safeguard (corresponding adjustments under Article 6), the link imports claims that are counted twice."
    ),
    citation=f"{ICAP_GUIDE_2018}; {MEHLING_HAITES_2009}",
    remedy="{side} requires that credits used for compliance are not claimed elsewhere.",
    reads=("offsets.double_counting_safeguard",),
)
def double_counting(pair: Pair):
    """Fires for a side that accepts any credits and has no safeguard against double counting."""
    gaps: list = []
    for side in ("a", "b"):
        try:
            accepts = any(pair.known(side, f"offsets.{c}.allowed") for c in CHANNELS)
            if accepts and not pair.known(side, "offsets.double_counting_safeguard"):
                yield one_sided(side, Msg("{name} accepts credits with no double-counting safeguard",
                                           name=pair.name(side)), False)
        except Unassessable as exc:
            gaps.extend(exc.gaps)
    if gaps:
        raise Unassessable(gaps)


@rule(
    RULES,
    code="LK-OFF-06",
    dimension="offsets",
    severity="minor",
    title="International unit types the partner does not recognise",
    question="Which international units are eligible?",
    rationale=(
        "Where both sides accept international credits, each has chosen which kinds (CDM, JI, Article 6 units) "
        "meet its integrity standard. A kind accepted on one side only reaches the partner's market through the "
        "link, as domestic offset types do."
    ),
    citation=f"{MEHLING_HAITES_2009}; {ICAP_GUIDE_2018}",
    remedy="{side} drops the unit types its partner does not accept, or both agree a common list.",
    reads=("offsets.international.allowed", "offsets.international.eligible_types"),
)
def international_unit_types(pair: Pair):
    """Fires when a side accepts kinds of international units that its partner, which also accepts them, does not."""
    yield from _types_not_recognised(pair, "international")
