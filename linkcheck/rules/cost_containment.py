"""Rules on cost containment: ceilings, floors, reserves and market stability mechanisms."""

from __future__ import annotations

from .base import Option, Outcome, Pair, Rule, Severity, Unassessable, one_sided, other, rule
from .citations import BURTRAW_2013, CH_CO2_ORDINANCE_48, EU_CH_ANNEX_I, ICAP_GUIDE_2018, TUERK_2009
from ..messages import Msg, Word, Words

RULES: list[Rule] = []


def _apart(pair: Pair, a, b) -> bool:
    """Whether two converted prices differ by more than the rule's `tolerance_pct`."""
    low, high = sorted((a.amount, b.amount))
    return high > low * (1 + pair.options["tolerance_pct"] / 100)


@rule(
    RULES,
    code="LK-COST-01",
    dimension="cost_containment",
    severity="blocker",
    title="A price ceiling or fixed-price option on one side",
    question="Is there a price ceiling or fixed-price option, and at what level?",
    rationale=(
        "A ceiling or fixed-price option on either side caps the price of the whole linked market: once "
        "linked, every buyer can obtain units at that price. Both systems need the same ceiling at the same "
        "level, or neither can have one. A ceiling whose supply is finite, or whose units only the system's own "
        "entities short of allowances may buy (California, 17 CCR 95915), caps the joint price less directly: "
        "a difference to settle in the agreement rather than a bar."
    ),
    citation=f"{TUERK_2009}; {ICAP_GUIDE_2018}",
    remedy="{side} removes its price ceiling, or both agree one common ceiling.",
    reads=("cost_containment.price_ceiling",),
    options={"tolerance_pct": Option(10.0, "How far, in %, two ceilings may differ after conversion.")},
)
def price_ceiling(pair: Pair):
    """Fires for a side with a ceiling or fixed-price option whose partner has none: a blocker for a fixed-price
    option or an unlimited ceiling any participant can buy at, which caps the joint market whatever the partner
    has; a major for a finite one or one sold only to the system's own entities (what is not stated of the
    ceiling stays open). When the partner's ceiling is not known, a lesser ceiling is stated in the open question. When both have one, fires (major) if they differ beyond
    the tolerance once each is risen to its year and converted."""
    path = "cost_containment.price_ceiling"
    values, gaps = pair.sides(path)
    if len(values) == 2 and "none" not in values.values():
        yield from _both_ceilings(pair, path, values["a"], values["b"])
        return
    partner_unknown = bool(gaps)
    established = []
    for side, ceiling in values.items():
        if ceiling == "none":
            continue
        severity, reach, settled = _ceiling_reach(ceiling)
        if partner_unknown and not (settled and severity is Severity.blocker):
            established.append(Msg("{name} has a {ceiling}: unless its partner has the same, it caps the joint market",
                                   name=pair.name(side), ceiling=_ceiling_words(ceiling)))
            continue
        whose = Word("its partner's is not known") if partner_unknown else Word("its partner has no ceiling")
        if reach is None:
            message = Msg("{name} has a {ceiling}; {whose}", name=pair.name(side), ceiling=_ceiling_words(ceiling),
                          whose=whose)
        else:
            message = Msg("{name} has a {ceiling} ({reach}); {whose}", name=pair.name(side),
                          ceiling=_ceiling_words(ceiling), reach=reach, whose=whose)
        outcome = one_sided(side, message, str(ceiling))
        outcome.severity = severity
        yield outcome
        if not settled:
            gaps.append((side, f"{path} (supply, buyers)", "not stated"))
            established.append(Msg("{name}'s ceiling caps the joint market if its supply is unlimited and open to "
                                   "any participant", name=pair.name(side)))
    if gaps:
        raise Unassessable(gaps, Words(established, separator="; ") if established else "",
                           None if partner_unknown else Severity.blocker)


def _ceiling_words(ceiling) -> Msg:
    """The ceiling as its `str()` reads ('hard ceiling 50 USD/t (2020 prices)'), with its kind a word to translate."""
    price = ceiling.money()
    if price is None:
        return Msg("{kind} formula: {formula}", kind=Word(ceiling.kind), formula=ceiling.formula)
    return Msg("{kind} {price}", kind=Word(ceiling.kind), price=str(price))


def _ceiling_reach(ceiling) -> tuple[Severity, Word | None, bool]:
    """How far a ceiling reaches into a joint market, the words for it (None when not stated), and whether the
    profile settles it."""
    if ceiling.kind == "fixed_price":
        return Severity.blocker, Word("anyone liable may pay the fixed price instead"), True
    if ceiling.buyers == "own_compliance_entities":
        return Severity.major, Word("sold only to its own entities short of units"), True
    if ceiling.supply == "finite" or ceiling.kind == "soft_ceiling":
        return Severity.major, Word("finite supply"), True
    if ceiling.supply == "unlimited" and ceiling.buyers == "any_participant":
        return Severity.blocker, Word("unlimited, open to any participant"), True
    return Severity.major, None, False


def _both_ceilings(pair: Pair, path: str, a, b):
    money_a, money_b = a.money(), b.money()
    if money_a is None or money_b is None:
        yield Outcome(message=Msg("both sides have ceilings, at least one set by a formula: they must be aligned"),
                      a=str(a), b=str(b), adjust="both", severity=Severity.major)
        return
    conv_a, conv_b = pair.price("a", path, money_a), pair.price("b", path, money_b)
    if _apart(pair, conv_a, conv_b):
        side = "a" if conv_a.amount < conv_b.amount else "b"
        yield Outcome(message=Msg("ceilings differ: {a} against {b}; the lower one binds the joint market{steps}",
                                  a=str(conv_a), b=str(conv_b), steps=_steps(conv_a, conv_b)),
                      a=str(a), b=str(b), adjust="both", weak_side=side, severity=Severity.major)


def _steps(*converted) -> Msg | str:
    steps = [step for c in converted for step in c.steps]
    return Msg(" (converted: {steps})", steps=Words(steps, separator="; ")) if steps else ""


@rule(
    RULES,
    code="LK-COST-02",
    dimension="cost_containment",
    severity="major",
    title="A price floor on one side only, or floors at different levels",
    question="Is there a price floor, and at what level?",
    rationale=(
        "A floor on one side only either props up both prices or makes units flow one way. A hard floor becomes "
        "the floor of the joint market: Australia dropped its planned floor to link with the EU (joint "
        "announcement of 28 August 2012). An auction reserve price binds only its own auctions, and reserve "
        "prices that differ are settled in the agreement, as California and Québec harmonised theirs before "
        "linking. Floors are compared in one currency and price year, each risen by its own rule."
    ),
    citation=f"{TUERK_2009}; {BURTRAW_2013}",
    remedy="{side} adopts (or drops) a floor so both sides have the same one, at a level agreed in one currency.",
    reads=("cost_containment.price_floor",),
    at_stake="blocker",
    options={"tolerance_pct": Option(10.0, "How far, in %, two floors may differ after conversion.")},
)
def price_floor(pair: Pair):
    """Fires when one side has a floor and the other not: a blocker for a hard floor, which becomes the floor of the
    joint market, a major for an auction reserve price. When both have floors: a hard floor against a reserve
    price, or hard floors that differ, are major; reserve prices that differ are minor. Floors are risen to their
    year and converted before they are compared."""
    path = "cost_containment.price_floor"
    a, b = pair.both(path)
    if (a == "none") != (b == "none"):
        side = "b" if a == "none" else "a"
        floor = a if side == "a" else b
        yield Outcome(message=Msg("only {name} has a price floor ({floor}, {kind})", name=pair.name(side),
                                  floor=str(floor), kind=Word(floor.kind)),
                      a=str(a), b=str(b), adjust="both", weak_side=side,
                      severity=Severity.blocker if floor.kind == "hard_floor" else None)
    elif a != "none":
        if a.kind != b.kind:
            hard = "a" if a.kind == "hard_floor" else "b"
            yield Outcome(message=Msg("{name} has a hard floor; its partner only an auction reserve price",
                                      name=pair.name(hard)),
                          a=str(a), b=str(b), adjust="both", weak_side=hard)
            return
        conv_a, conv_b = pair.price("a", path, a), pair.price("b", path, b)
        if _apart(pair, conv_a, conv_b):
            lower = "a" if conv_a.amount < conv_b.amount else "b"
            yield Outcome(
                message=Msg("floors differ: {a} against {b}{steps}", a=str(conv_a), b=str(conv_b),
                            steps=_steps(conv_a, conv_b)),
                a=str(a), b=str(b), adjust=lower,
                severity=None if a.kind == "hard_floor" else Severity.minor,
            )


@rule(
    RULES,
    code="LK-COST-03",
    dimension="cost_containment",
    severity="major",
    title="Cost-containment reserves differ",
    question="Is there a cost-containment reserve, and at what trigger prices?",
    rationale=(
        "A reserve released at trigger prices adds supply to the whole linked market when prices rise. With a "
        "reserve on one side only, or triggers at different prices, one side's valve serves both. The PETER "
        "study found RGGI's and WCI's complex cost-containment procedures incompatible with Kazakhstan's design."
    ),
    citation=f"{TUERK_2009}; {ICAP_GUIDE_2018}",
    remedy="{side} aligns its cost-containment reserve and trigger prices with its partner's, or both drop them.",
    reads=("cost_containment.containment_reserve",),
    options={"tolerance_pct": Option(10.0, "How far, in %, the lowest triggers may differ after conversion.")},
)
def containment_reserve(pair: Pair):
    """Fires when only one side has a reserve, or when the lowest trigger prices differ beyond the tolerance."""
    path = "cost_containment.containment_reserve"
    a, b = pair.both(path)
    if (a == "none") != (b == "none"):
        side = "b" if a == "none" else "a"
        yield Outcome(message=Msg("only {name} has a cost-containment reserve", name=pair.name(side)),
                      a=a, b=b, adjust=side, weak_side=side)  # the engine puts a reserve into words
    elif a != "none":
        if not a.triggers or not b.triggers:
            if (a.trigger_rule or "") != (b.trigger_rule or "") or bool(a.triggers) != bool(b.triggers):
                yield Outcome(message=Msg("reserves are triggered differently (a price on one side, a rule on the "
                                          "other)"),
                              a=_trigger(a), b=_trigger(b), adjust="both")
            return
        conv_a, conv_b = pair.price("a", path, a.triggers[0]), pair.price("b", path, b.triggers[0])
        if _apart(pair, conv_a, conv_b):
            side = "a" if conv_a.amount < conv_b.amount else "b"
            yield Outcome(message=Msg("lowest reserve triggers differ: {a} against {b}{steps}", a=str(conv_a),
                                      b=str(conv_b), steps=_steps(conv_a, conv_b)),
                          a=str(a.triggers[0]), b=str(b.triggers[0]), adjust="both", weak_side=side)


@rule(
    RULES,
    code="LK-COST-04",
    dimension="cost_containment",
    severity="major",
    title="A market stability mechanism on one side only",
    question="Is there a quantity-based market stability mechanism?",
    rationale=(
        "A quantity-based mechanism such as the EU's Market Stability Reserve withdraws surplus allowances from "
        "the joint market. Annex I of the EU-Swiss linking agreement lists a 'market stability mechanism' among the "
        "essential criteria, beside the cap and coverage: Switzerland, linked from 2020 without one, adopted in "
        "2022 a rule that halves its auctions when the quantity in circulation is high. Without one, a partner's "
        "surplus weighs on the joint price and the other side's mechanism absorbs it: a difference the partners "
        "must settle, though not one that stopped the link."
    ),
    citation=f"{EU_CH_ANNEX_I}; {CH_CO2_ORDINANCE_48}; {ICAP_GUIDE_2018}",
    remedy=(
        "{side} adopts a quantity-based supply adjustment that acts on the joint market, as Switzerland did in "
        "2022, or the linking agreement sets a common one."
    ),
    reads=("cost_containment.market_stability_reserve",),
)
def market_stability_reserve(pair: Pair):
    """Fires when one side has a quantity-based market stability mechanism and the other does not."""
    found = pair.only_one("cost_containment.market_stability_reserve")
    if found:
        side, a, b = found
        yield Outcome(message=Msg("only {name} adjusts allowance supply to the quantity in circulation",
                                  name=pair.name(side)),
                      a=a, b=b, adjust=other(side))


@rule(
    RULES,
    code="LK-COST-05",
    dimension="cost_containment",
    severity="minor",
    title="An emissions containment reserve on one side only",
    question="Is there an emissions containment reserve?",
    rationale=(
        "An emissions containment reserve withholds allowances when prices are low, a soft floor. On one side "
        "only, it supports the joint price with the other side's entities benefiting."
    ),
    citation=f"{BURTRAW_2013}; {ICAP_GUIDE_2018}",
    remedy="{side} aligns its emissions containment reserve with its partner, or the agreement accepts it.",
    reads=("cost_containment.emissions_containment_reserve",),
)
def emissions_containment_reserve(pair: Pair):
    """Fires when only one side withholds allowances at low prices."""
    a, b = pair.both("cost_containment.emissions_containment_reserve")
    if (a == "none") != (b == "none"):
        side = "b" if a == "none" else "a"
        yield Outcome(message=Msg("only {name} has an emissions containment reserve", name=pair.name(side)),
                      a=a, b=b, adjust=side)


def _trigger(reserve) -> str | None:
    return str(reserve.triggers[0]) if reserve.triggers else reserve.trigger_rule


@rule(
    RULES,
    code="LK-COST-06",
    dimension="cost_containment",
    severity="major",
    title="Allowance prices far apart",
    question="What does an allowance cost on each side?",
    rationale=(
        "Once linked, the two prices converge on one. The further apart they were, the larger the flows of "
        "allowances from the cheaper side and of money to it, and the larger the price change each side's "
        "entities must absorb: Burtraw et al. found the price difference the remaining obstacle between "
        "California and RGGI. Prices are the sourced annual averages in reference_data/allowance_prices.yaml."
    ),
    citation=f"{BURTRAW_2013}; {ICAP_GUIDE_2018}",
    remedy="{side} plans how prices will converge: a phased or one-way link first, or tighter supply on the cheaper side.",
    reads=("reference_data.allowance_prices",),
    options={"tolerance_pct": Option(50.0, "How far, in %, the higher price may exceed the lower.", high=1000.0)},
)
def price_gap(pair: Pair):
    """Fires when, in the last full year before the assessment date (or the latest before it with both a price
    and the rates to convert it), one side's average allowance price exceeds the other's by more than
    `tolerance_pct`. Sides already linked with each other share a price and pass."""
    if pair.linked():
        return
    year = min(pair.phases[side].as_of for side in ("a", "b")).year - 1
    prices, gaps = {}, []
    for side in ("a", "b"):
        try:
            prices[side] = pair.market_price(side, year)
        except Unassessable as exc:
            gaps.extend(exc.gaps)
    if gaps:
        raise Unassessable(gaps)
    common = min(found[2] for found in prices.values())
    if any(found[2] != common for found in prices.values()):  # compare one year's prices, the one both have
        prices = {side: pair.market_price(side, common) for side in ("a", "b")}
    (conv_a, note_a, _), (conv_b, note_b, _) = prices["a"], prices["b"]
    low = "a" if conv_a.amount < conv_b.amount else "b"
    if conv_a.amount and conv_b.amount and _apart(pair, conv_a, conv_b):
        yield Outcome(message=Msg("average price {a} against {b} ({note_a}; {note_b})", a=str(conv_a),
                                  b=str(conv_b), note_a=note_a, note_b=note_b),
                      a=str(conv_a), b=str(conv_b), adjust="both", weak_side=low)
