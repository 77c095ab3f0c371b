"""Rules on enforcement: the make-good obligation and the level of the penalty."""

from __future__ import annotations

from .base import Option, Outcome, Pair, Rule, Severity, Unassessable, one_sided, rule
from .citations import EU_CH_ANNEX_I, GSW_2017, ICAP_GUIDE_2018, TUERK_2009
from ..messages import Msg, Word, Words

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-ENF-01",
    dimension="enforcement",
    severity="blocker",
    title="No make-good obligation",
    question="Must a shortfall be made good on top of the penalty?",
    rationale=(
        "If an entity can pay a fee per missing tonne and keep the shortfall, the fee caps the price of the "
        "linked market and the cap stops binding. The penalty must come on top of surrendering the missing "
        "allowances."
    ),
    citation=f"{TUERK_2009}; {EU_CH_ANNEX_I}",
    remedy="{side} obliges entities to surrender the missing allowances in addition to paying the penalty.",
    reads=("enforcement.make_good", "enforcement.penalty_price_multiple", "enforcement.excess_surrender_ratio"),
    each_side=True,
)
def make_good(pair: Pair):
    """Fires for a side where paying the penalty discharges the obligation to surrender allowances: a blocker when
    the charge is a fixed amount (or none), which then caps the price; a major when it is a multiple of at least
    the market price, which cannot cap the price but still leaves the missing tonnes uncovered; minor when it is
    paid in allowances, which makes good in kind."""
    values, gaps = pair.sides("enforcement.make_good")
    stakes = []
    for side, obliged in values.items():
        if obliged:
            continue
        charge = _charge_tracks_price(pair, side)
        if charge is None:
            gaps.extend(g for g in _charge_gaps(pair, side))
            stakes.append(Msg("{name} has no make-good obligation", name=pair.name(side)))
            outcome = one_sided(side, Msg("{name}: no make-good obligation; whether its charge follows the market "
                                          "price is not known", name=pair.name(side)), False)
            outcome.severity = Severity.minor
            yield outcome
        elif charge:
            in_kind = pair.known(side, "enforcement.excess_surrender_ratio") != "none"
            if in_kind:
                message = Msg("{name}: no make-good obligation; the charge is paid in allowances, which makes good "
                              "in kind", name=pair.name(side))
            else:
                message = Msg("{name}: no make-good obligation; the charge follows the market price, so it cannot cap "
                              "it, but the missing tonnes stay uncovered", name=pair.name(side))
            outcome = one_sided(side, message, False)
            outcome.severity = Severity.minor if in_kind else Severity.major
            yield outcome
        else:
            yield one_sided(side, Msg("{name}: no make-good obligation: its penalty works as a price ceiling",
                                      name=pair.name(side)), False)
    if gaps:
        raise Unassessable(gaps, Words(stakes, separator="; ") if stakes else "")


def _charge_tracks_price(pair: Pair, side: str) -> bool | None:
    """Whether the charge for a missing tonne rises with the market price: a multiple of at least the price, or
    allowances in kind. None when the facts that would say are not known."""
    multiple = pair.fact(side, "enforcement.penalty_price_multiple")
    ratio = pair.fact(side, "enforcement.excess_surrender_ratio")
    if ratio is not None and ratio.known and ratio.value != "none":
        return True
    if multiple is not None and multiple.known and multiple.value != "none":
        return multiple.value >= 1
    if all(f is not None and f.known for f in (multiple, ratio)):
        return False
    return None


def _charge_gaps(pair: Pair, side: str):
    for path in ("enforcement.penalty_price_multiple", "enforcement.excess_surrender_ratio"):
        fact = pair.fact(side, path)
        if fact is None or not fact.known:
            yield side, path, fact.status.value if fact else "not stated"


def _scales_with_price(pair: Pair, side: str) -> bool:
    """A penalty that is a multiple of the market price, or paid in allowances, cannot cap the price."""
    for path in ("enforcement.penalty_price_multiple", "enforcement.excess_surrender_ratio"):
        fact = pair.fact(side, path)
        if fact is not None and fact.known and fact.value != "none":
            return True
    return False


@rule(
    RULES,
    code="LK-ENF-02",
    dimension="enforcement",
    severity="major",
    title="A penalty far below the partner's",
    question="What is the penalty per excess tonne?",
    rationale=(
        "Stringency of enforcement is among the hard features to reconcile. A much lower penalty invites "
        "non-compliance on one side; with no make-good, it becomes the ceiling of the joint market. Penalties "
        "are compared per excess tonne in one currency and price year: a fixed fine converted (Kazakhstan's is "
        "set in MCI, a legal index), a multiple of the price or a surrender in kind valued at the side's average "
        "allowance price (reference_data/allowance_prices.yaml)."
    ),
    citation=f"{TUERK_2009}; {GSW_2017}",
    remedy="{side} raises its penalty per excess tonne toward its partner's level.",
    reads=("enforcement.penalty", "enforcement.penalty_price_multiple", "enforcement.excess_surrender_ratio"),
    options={"ratio": Option(0.5, "Fires when one penalty is below this fraction of the other.", high=1.0)},
)
def penalty_level(pair: Pair):
    """Fires when one side's charge per excess tonne is below `ratio` times the other's, each a fixed fine
    converted, or a multiple of the price or a surrender in kind valued at the side's average price."""
    charges, gaps = {}, []
    for side in ("a", "b"):
        try:
            charges[side] = _charge(pair, side)
        except Unassessable as exc:
            gaps.extend(exc.gaps)
    if gaps:
        raise Unassessable(gaps)
    if any(charge is None for charge in charges.values()):
        missing = [side for side, charge in charges.items() if charge is None]
        if len(missing) == 1:
            side = missing[0]
            yield Outcome(message=Msg("{name} sets no penalty per excess tonne", name=pair.name(side)),
                          adjust=side, weak_side=side)
        return
    (amount_a, how_a), (amount_b, how_b) = charges["a"], charges["b"]
    low_side = "a" if amount_a.amount < amount_b.amount else "b"
    low, high = sorted((amount_a.amount, amount_b.amount))
    if high > 0 and low < pair.options["ratio"] * high:
        yield Outcome(
            message=Msg("penalty {a} against {b}: {name}'s is {share}% of its partner's ({how_a}; {how_b})",
                        a=str(amount_a), b=str(amount_b), name=pair.name(low_side),
                        share=format(100 * low / high, ".0f"), how_a=how_a, how_b=how_b),
            a=str(amount_a), b=str(amount_b), adjust=low_side, weak_side=low_side,
        )


def _charge(pair: Pair, side: str):
    """(the charge per excess tonne, converted; how it was obtained), or None for no charge at all."""
    multiple = pair.known(side, "enforcement.penalty_price_multiple")
    ratio = pair.known(side, "enforcement.excess_surrender_ratio")
    if multiple != "none" or ratio != "none":
        factor = multiple if multiple != "none" else ratio
        price, note, _ = pair.market_price(side)
        charge = type(price)(round(factor * price.amount, 2), price.currency, price.year, price.steps)
        if multiple != "none":
            return charge, Msg("{name}: {factor} times the price at {note}, {price}", name=pair.name(side),
                               factor=format(factor, "g"), note=note, price=str(price))
        return charge, Msg("{name}: {factor} allowances per tonne at {note}, {price}", name=pair.name(side),
                           factor=format(factor, "g"), note=note, price=str(price))
    penalty = pair.known(side, "enforcement.penalty")
    if penalty == "none":
        return None
    converted = pair.price(side, "enforcement.penalty", penalty)
    how = Words(converted.steps, separator="; ") if converted.steps else str(converted)
    return converted, Msg("{name}: {how}", name=pair.name(side), how=how)


@rule(
    RULES,
    code="LK-ENF-03",
    dimension="enforcement",
    severity="blocker",
    title="A penalty below the expected allowance price",
    question="Is the penalty above the expected allowance price?",
    rationale=(
        "When paying the penalty is cheaper than buying allowances and no make-good applies, entities pay "
        "instead of complying: the penalty is a de facto price ceiling of the linked market."
    ),
    citation=TUERK_2009,
    remedy="{side} raises its penalty above the expected allowance price, or adds a make-good obligation.",
    reads=("enforcement.penalty", "enforcement.make_good"),
    each_side=True,
    options={
        "expected_price": Option(0.0, "Expected allowance price, in the configured currency and year; 0 turns the rule off."),
    },
)
def penalty_below_price(pair: Pair):
    """Fires for a side without make-good whose converted penalty is below `expected_price`."""
    expected = pair.options["expected_price"]
    if not expected:
        return
    for side, obliged in pair.each("enforcement.make_good"):
        if obliged or _scales_with_price(pair, side):
            continue
        penalty = pair.known(side, "enforcement.penalty")
        if penalty == "none":
            continue
        converted = pair.price(side, "enforcement.penalty", penalty)
        if converted.amount < expected:
            yield one_sided(side, Msg("{name}'s penalty {penalty} is below the expected price {expected}",
                                      name=pair.name(side), penalty=str(converted), expected=format(expected, "g")),
                            str(penalty))


@rule(
    RULES,
    code="LK-ENF-04",
    dimension="enforcement",
    severity="major",
    title="Obligations below emissions on one side",
    question="Must entities surrender units for all their covered emissions?",
    rationale=(
        "Where entities surrender fewer units than they emit (New Zealand's one-for-two obligation until 2019) or "
        "their obligation is capped (China's allocation plus 20%), the cap does not bind in full: that side's "
        "demand is held down, and through a link its surplus reaches the partner."
    ),
    citation=f"{TUERK_2009}; {ICAP_GUIDE_2018}",
    remedy="{side} requires units for every covered tonne before the link.",
    reads=("enforcement.obligation_relief",),
    each_side=True,
)
def obligation_relief(pair: Pair):
    """Fires for each side whose entities may surrender fewer units than their covered emissions."""
    yield from pair.weak_sides("enforcement.obligation_relief", lambda relief: relief != "none",
                               lambda relief: Msg("obligation relief: {relief}", relief=Word(relief)))
