"""Rules on coverage: gases, sectors, aviation, the level of obligation, indirect emissions."""

from __future__ import annotations

from .base import Outcome, Pair, Rule, other, rule
from .citations import EU_AUSTRALIA_2012, EU_CH_ANNEX_I, PMR_2021, TUERK_2009
from ..messages import Msg, Word, Words

RULES: list[Rule] = []


def _set_difference(pair: Pair, path: str, what: Word, exclude: frozenset[str] = frozenset()):
    a, b = pair.both(path)
    only_a, only_b = sorted(set(a) - set(b) - exclude), sorted(set(b) - set(a) - exclude)
    if not (only_a or only_b):
        return
    parts = []
    if only_a:
        parts.append(Msg("only {name} covers {items}", name=pair.name("a"), items=Words(only_a)))
    if only_b:
        parts.append(Msg("only {name} covers {items}", name=pair.name("b"), items=Words(only_b)))
    adjust = "both" if only_a and only_b else ("b" if only_a else "a")
    yield Outcome(message=Msg("{what} differ: {parts}", what=what, parts=Words(parts, separator="; ")),
                  a=list(a), b=list(b), adjust=adjust)


@rule(
    RULES,
    code="LK-COV-01",
    dimension="coverage",
    severity="minor",
    title="Covered gases differ",
    question="Which gases are covered?",
    rationale=(
        "Different gas coverage does not stop units being fungible, but it changes what a tonne buys on each "
        "side and invites leakage between the partners. The EU–Swiss agreement requires coverage of at least "
        "the listed gases."
    ),
    citation=f"{EU_CH_ANNEX_I}; {PMR_2021}",
    remedy="{side} extends coverage to the gases its partner covers, or the agreement accepts the difference.",
    reads=("coverage.gases",),
)
def gases(pair: Pair):
    """Fires when one side covers a gas the other does not."""
    yield from _set_difference(pair, "coverage.gases", Word("covered gases"))


@rule(
    RULES,
    code="LK-COV-02",
    dimension="coverage",
    severity="minor",
    title="Covered sectors differ",
    question="Which sectors are covered?",
    rationale=(
        "Linked systems need not cover the same sectors, but a sector covered on one side only can relocate "
        "emissions across the border, and competitiveness concerns grow with the price."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="{side} aligns sector coverage with its partner, or the agreement lists the difference.",
    reads=("coverage.sectors",),
)
def sectors(pair: Pair):
    """Fires when one side covers a sector the other does not (aviation has its own rule)."""
    yield from _set_difference(pair, "coverage.sectors", Word("covered sectors"), frozenset({"aviation"}))


@rule(
    RULES,
    code="LK-COV-03",
    dimension="coverage",
    severity="major",
    title="Aviation covered on one side only",
    question="Is aviation covered?",
    rationale=(
        "The EU made inclusion of aviation an essential criterion of its link with Switzerland: flights between "
        "linked systems must face the same obligation on both sides."
    ),
    citation=EU_CH_ANNEX_I,
    remedy="{side} brings aviation into its system, as Switzerland did for its link with the EU.",
    reads=("coverage.sectors",),
)
def aviation(pair: Pair):
    """Fires when aviation is covered by one side and not the other."""
    found = pair.only_one("coverage.sectors", lambda sectors: "aviation" in sectors)
    if found:
        side = found[0]
        yield Outcome(message=Msg("aviation is covered only by {name}", name=pair.name(side)), a=side == "a",
                      b=side == "b", adjust=other(side))


@rule(
    RULES,
    code="LK-COV-04",
    dimension="coverage",
    severity="minor",
    title="Entity-level against installation-level thresholds or obligations",
    question="Do the threshold and the obligation apply per installation or per entity?",
    rationale=(
        "A threshold applied per company rather than per installation changes who is covered, and an obligation "
        "pooled per company lets one site's surplus cover another's shortfall. Neither has blocked a link: the "
        "EU agreed in 2012 to link with Australia, whose obligation fell on liable entities, and California and "
        "Québec, which place the obligation on entities, link with each other while their thresholds apply "
        "per facility. The difference matters for comparing coverage and is settled in the agreement's "
        "accounting rules."
    ),
    citation=f"{EU_AUSTRALIA_2012}; {TUERK_2009}; {PMR_2021}",
    remedy="The agreement states how {side}'s entity-level obligations map to installations, or {side} applies "
           "its threshold and obligation per installation.",
    reads=("coverage.threshold_level", "coverage.obligation_level"),
)
def obligation_level(pair: Pair):
    """Fires once when the level the threshold or the obligation attaches to differs between the sides."""
    differing = []
    levels = {}
    for path, what in (("coverage.threshold_level", Word("threshold")),
                       ("coverage.obligation_level", Word("obligation"))):
        a, b = pair.both(path)
        levels[str(what)] = (a, b)
        if a != b:
            differing.append(Msg("{what} per {a} against per {b}", what=what, a=Word(a), b=Word(b)))
    if differing:
        entity_sides = {side for a, b in levels.values() for side, v in (("a", a), ("b", b)) if v == "entity"}
        adjust = entity_sides.pop() if len(entity_sides) == 1 else "both"
        yield Outcome(message=Words(differing, separator="; "), a=levels["obligation"][0], b=levels["obligation"][1],
                      adjust=adjust, weak_side=adjust if adjust != "both" else None)


@rule(
    RULES,
    code="LK-COV-05",
    dimension="coverage",
    severity="major",
    title="Indirect emissions counted on one side only",
    question="Are indirect emissions from electricity use counted?",
    rationale=(
        "Counting indirect emissions from electricity use means the same tonne can be counted twice, at the "
        "power plant and at the consumer. In a linked market that weakens the equivalence of units."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="The linking agreement sets how {side}'s indirect emissions are treated so no tonne counts twice.",
    reads=("coverage.scope",),
)
def indirect_emissions(pair: Pair):
    """Fires when one side covers indirect emissions and the other does not."""
    found = pair.only_one("coverage.scope", lambda scope: "indirect" in scope)
    if found:
        side, a, b = found
        yield Outcome(message=Msg("only {name} counts indirect emissions", name=pair.name(side)), a=list(a),
                      b=list(b), adjust=side, weak_side=side)
