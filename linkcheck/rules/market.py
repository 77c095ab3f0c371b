"""Rules on market oversight: financial supervision of allowances, and who may trade."""

from __future__ import annotations

from dataclasses import replace

from .base import Outcome, Pair, Rule, Severity, Unassessable, other, one_sided, rule
from .citations import EU_MAR_2014, ICAP_GUIDE_2018, PMR_2021, WCI_AUCTION_LIMITS
from ..messages import Msg, Word

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
                               lambda _: Msg("no financial oversight of allowance trading"))


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
        yield Outcome(message=Msg("who may trade: {a} against {b}", a=Word(a), b=Word(b)),
                      a=a, b=b, adjust=side)


@rule(
    RULES,
    code="LK-MKT-03",
    dimension="market",
    severity="minor",
    title="A holding limit on one side only",
    question="Is there a limit on how many allowances one entity may hold?",
    rationale=(
        "A holding limit keeps one participant from cornering the market. In a linked market a limit on one side "
        "only leaves the partner's participants free to accumulate units of both; California and Québec apply "
        "common holding limits to their joint market."
    ),
    citation=f"{ICAP_GUIDE_2018}; {PMR_2021}",
    remedy="{side} adopts holding limits matching its partner's, or the agreement sets common ones.",
    reads=("market.holding_limit",),
)
def holding_limit(pair: Pair):
    """Fires when one side limits holdings and the other does not."""
    found = pair.only_one("market.holding_limit")
    if found:
        side, a, b = found
        yield Outcome(message=Msg("only {name} limits how many allowances one entity may hold", name=pair.name(side)),
                      a=a, b=b, adjust=other(side))


@rule(
    RULES,
    code="LK-MKT-04",
    dimension="market",
    severity="major",
    title="Discretionary market intervention on one side",
    question="May the authority intervene in the market at its discretion?",
    rationale=(
        "Once linked, one side's intervention moves the joint price: a government that may release or withhold "
        "allowances at its discretion (the UK's Cost Containment Mechanism, Korea's allocation committee, the "
        "EU's Article 29a) acts for both markets. Partners agree in advance how, and with whose consent, such "
        "measures apply."
    ),
    citation=f"{ICAP_GUIDE_2018}; {PMR_2021}",
    remedy="The linking agreement sets how {side}'s discretionary measures apply to the joint market, and who decides.",
    reads=("market.discretionary_intervention",),
    each_side=True,
)
def discretionary_intervention(pair: Pair):
    """Fires for a side whose authority may intervene in the market at its discretion, when its partner's may not."""
    found = pair.only_one("market.discretionary_intervention")
    if found:
        side = found[0]
        yield one_sided(side, Msg("{name}: the authority may intervene in the market at its discretion",
                                  name=pair.name(side)), True)


@rule(
    RULES,
    code="LK-MKT-05",
    dimension="market",
    severity="minor",
    title="An auction purchase limit on one side only",
    question="Is there a limit on how much one bidder may buy in an auction?",
    rationale=(
        "A purchase limit keeps one bidder from buying up an auction. California and Québec, whose joint auctions "
        "sell both sides' allowances, apply one set of purchase limits to every bidder; a limit on one side only "
        "leaves that side's auctions open to be cornered by the partner's bidders, or binds only its own."
    ),
    citation=f"{WCI_AUCTION_LIMITS}; {ICAP_GUIDE_2018}",
    remedy="{side} adopts auction purchase limits matching its partner's, or the agreement sets common ones.",
    reads=("market.auction_purchase_limit", "allocation.auction_share_pct"),
)
def auction_purchase_limit(pair: Pair):
    """Fires when one side limits how much one bidder may buy in an auction and the other does not; silent when
    either side auctions nothing."""
    for side in ("a", "b"):
        share = pair.fact(side, "allocation.auction_share_pct")
        if share is not None and share.known and share.value == 0:
            return
    found = pair.only_one("market.auction_purchase_limit")
    if found:
        side, a, b = found
        yield Outcome(message=Msg("only {name} limits how much one bidder may buy in an auction", name=pair.name(side)),
                      a=a, b=b, adjust=other(side))


@rule(
    RULES,
    code="LK-MKT-06",
    dimension="market",
    severity="major",
    title="Market oversight not equivalent",
    question="Do market-abuse rules apply to allowances, and can the supervisors share data?",
    rationale=(
        "A body that supervises the market is not enough: in a linked market, insider dealing or manipulation on "
        "one side moves the price on both, so both need rules against market abuse that reach allowances, as the "
        "EU's Market Abuse Regulation does, and supervisors that can exchange trading and holdings data across "
        "the link. Rules on one side only are a major difference; supervisors that cannot share data are a "
        "lesser one, settled by a memorandum of understanding."
    ),
    citation=f"{EU_MAR_2014}; {PMR_2021}; {ICAP_GUIDE_2018}",
    remedy="{side} applies rules against insider dealing and market manipulation to allowances, and empowers its "
           "supervisor to share market data with the partner's (by law or a memorandum of understanding).",
    reads=("market.market_abuse_rules", "market.supervisory_cooperation"),
)
def oversight_equivalence(pair: Pair):
    """Fires when market-abuse rules reach allowances on one side only (major), and for each side whose
    supervisor cannot share market data with a foreign supervisor (minor)."""
    gaps: list = []
    try:
        found = pair.only_one("market.market_abuse_rules")
    except Unassessable as exc:
        gaps.extend(exc.gaps)
        found = None
    if found:
        side, a, b = found
        yield Outcome(message=Msg("only {name} applies market-abuse rules to allowance trading", name=pair.name(side)),
                      a=a, b=b, adjust=other(side), weak_side=other(side))
    values, missing = pair.sides("market.supervisory_cooperation")
    gaps.extend(missing)
    for side, shares in values.items():
        if not shares:
            yield replace(one_sided(side, Msg("{name}: the supervisor cannot share market data abroad",
                                             name=pair.name(side)), shares),
                          severity=Severity.minor)
    if gaps:
        raise Unassessable(gaps)
