"""Partners for one candidate, best first, with ties where the order is not meaningful, and why each stands where it does.

Two partners are tied when their verdicts and blocker counts are equal and their scores are closer than the
configured margin, or when their order flips once any one dimension's weight is halved or doubled. Partners whose
verdict is undetermined are listed after the ranked ones, not ranked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .config import EngineConfig
from .dates import default_as_of
from .engine import VERDICTS, Assessment, assess, collector_paused
from .model.phases import ResolvedPhase
from .model.vocab import DIMENSION_LABELS
from .messages import Msg, Word, Words

WEIGHT_CHANGES = (0.5, 2.0)  # the "reasonable changes of weights" a tie must survive


@dataclass
class RankedPartner:
    rank: int | None  # None: not ranked (undetermined)
    assessment: Assessment
    tied_with: list[str] = field(default_factory=list)
    reason: str = ""
    reason_template: dict[str, Any] | None = None  # the reason as a message template (linkcheck/messages.py)

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {"ref": a.b.ref, "name": a.b.system_name, "rank": self.rank, "ranked": self.rank is not None,
                "tied_with": self.tied_with, "reason": self.reason, "reason_template": self.reason_template,
                "verdict": a.verdict,
                "verdict_range": list(a.verdict_range), "score": a.score, "score_range": [a.score_floor, a.score],
                "completeness": a.completeness, "counts": a.counts, "open_questions": a.open_counts,
                "as_of": a.as_of.isoformat(), "partner_as_of": a.b.as_of.isoformat(),
                "blockers": sorted({f.rule for f in a.blockers}),
                "adjustments": sorted({f.rule for f in a.differences if f.severity == "major"})}


@dataclass
class Ranking:
    candidate: ResolvedPhase
    as_of: dt.date
    partners: list[RankedPartner]
    what_if: dict[str, Any] = field(default_factory=dict)  # the candidate's facts changed by hand: path -> value
    direction: str = "two_way"

    def to_dict(self) -> dict[str, Any]:
        return {"candidate": self.candidate.ref, "as_of": self.as_of.isoformat(), "direction": self.direction,
                "what_if": self.what_if, "partners": [p.to_dict() for p in self.partners]}


def _blocking_rules(x: Assessment) -> set[str]:
    """The rules that block: a rule that blocks on both sides is one obstacle, not two."""
    return {f.rule for f in x.blockers}


def _order(x: Assessment) -> tuple:
    return (VERDICTS.index(x.verdict), len(_blocking_rules(x)), -x.score, x.b.ref)


def rank(candidate: ResolvedPhase, partners: Iterable[ResolvedPhase], config: EngineConfig | None = None,
         direction: str = "two_way", as_of: dt.date | None = None) -> Ranking:
    """Partners best first: by verdict, then fewest blockers, then score; ties and the undetermined said so."""
    config = config or EngineConfig()
    partners = list(partners)
    day = as_of or default_as_of([candidate.period, *(p.period for p in partners)])
    with collector_paused():
        assessments = [assess(candidate, partner, config, direction, day) for partner in partners]
    ranked = sorted((x for x in assessments if x.verdict != "undetermined"), key=_order)
    # The undetermined: the best known first, for they are nearest to a verdict.
    unranked = sorted((x for x in assessments if x.verdict == "undetermined"),
                      key=lambda x: (-x.completeness, -x.score, x.b.ref))
    result: list[RankedPartner] = []
    reasons: list[list[Msg]] = []
    for i, x in enumerate(ranked):
        previous = result[-1] if result else None
        tie = _tie(previous.assessment, x, config) if previous else None
        if previous and tie:
            entry = RankedPartner(previous.rank, x)
            group = [p for p in result if p.rank == previous.rank] + [entry]
            for member in group:
                member.tied_with = [p.assessment.b.ref for p in group if p is not member]
            reasons[-1].append(Msg("tied with {name}: {why}", name=x.b.display, why=tie))
            reasons.append([Msg("tied with {name}: {why}", name=previous.assessment.b.display, why=tie)])
        else:
            entry = RankedPartner(i + 1, x)
            if previous:
                reasons[-1].append(_ahead(previous.assessment, x))
            reasons.append([])
        result.append(entry)
    if reasons:
        reasons[-1].append(Word("last of the partners ranked"))
    for entry, why in zip(result, reasons):
        reason = Words(list(dict.fromkeys(why)), separator="; ")
        entry.reason, entry.reason_template = str(reason), reason.to_dict()
    for x in unranked:
        reason = _not_ranked(x)
        result.append(RankedPartner(None, x, reason=str(reason), reason_template=reason.to_dict()))
    return Ranking(candidate, day, result, direction=direction)


def _tie(upper: Assessment, lower: Assessment, config: EngineConfig) -> Msg | None:
    """Why two neighbours in the order are tied, or None when the upper one is meaningfully ahead."""
    if upper.verdict != lower.verdict or len(_blocking_rules(upper)) != len(_blocking_rules(lower)):
        return None
    gap = upper.score - lower.score
    if gap < config.tie_margin:
        scores = {"upper": format(upper.score, "g"), "lower": format(lower.score, "g"),
                  "margin": format(config.tie_margin, "g")}
        return Msg("scores {upper} and {lower} are within {margin} points", **scores)
    unknown = _lead_from_unknowns(upper, lower)
    if unknown and _rescored(upper, unknown) < lower.score + config.tie_margin:
        return Msg("the lead rests on facts {upper} does not state ({rules}: open questions there, differences for "
                   "{lower})", upper=upper.b.display, rules=", ".join(sorted(unknown)), lower=lower.b.display)
    for dim in (d.id for d in upper.dimensions):
        for factor in WEIGHT_CHANGES:
            if _reweighted(upper, dim, factor) <= _reweighted(lower, dim, factor):
                dimension = Word(DIMENSION_LABELS[dim].lower())
                if factor < 1:
                    return Msg("the order flips when the weight of {dimension} is halved", dimension=dimension)
                return Msg("the order flips when the weight of {dimension} is doubled", dimension=dimension)
    return None


def _lead_from_unknowns(upper: Assessment, lower: Assessment) -> set[str]:
    """Rules that cost the lower partner points as differences but are only open questions for the upper one:
    a lead built on them is a lead built on not knowing."""
    lower_costs = {d["rule"] for dim in lower.dimensions for d in dim.deductions if d["points"]}
    return {d["rule"] for dim in upper.dimensions for d in dim.deductions
            if d["at_risk"] and not d["points"] and d["rule"] in lower_costs}


def _rescored(x: Assessment, rules: set[str]) -> float:
    """The score if the named open questions resolved unfavourably."""
    total = sum(d.weight for d in x.dimensions)
    if not total:
        return 0.0
    scores = [max(0.0, d.score - sum(e["at_risk"] for e in d.deductions if e["rule"] in rules)) for d in x.dimensions]
    return sum(score * d.weight for score, d in zip(scores, x.dimensions)) / total


def _reweighted(x: Assessment, dimension: str, factor: float) -> float:
    weights = {d.id: d.weight * (factor if d.id == dimension else 1.0) for d in x.dimensions}
    total = sum(weights.values())
    return sum(d.score * weights[d.id] for d in x.dimensions) / total if total else 0.0


def _ahead(upper: Assessment, lower: Assessment) -> Msg:
    """What separates a partner from the next one down."""
    other = lower.b.display
    if upper.verdict != lower.verdict:
        blockers = ", ".join(sorted({f.rule for f in lower.blockers}))
        verdict = Word(lower.verdict)
        if lower.verdict == "blocked" and blockers:
            return Msg("ahead of {name}, whose verdict is {verdict} ({rules})", name=other, verdict=verdict,
                       rules=blockers)
        return Msg("ahead of {name}, whose verdict is {verdict}", name=other, verdict=verdict)
    mine, theirs = _blocking_rules(upper), _blocking_rules(lower)
    if len(mine) != len(theirs):
        extra = sorted(theirs - mine)
        counts = {"name": other, "mine": str(len(mine)), "theirs": str(len(theirs))}
        head = (Msg("ahead of {name}: {mine} blocking rule against {theirs}", **counts) if len(mine) == 1 else
                Msg("ahead of {name}: {mine} blocking rules against {theirs}", **counts))
        if extra:
            return Msg("{head} ({name} also has {rules})", head=head, name=other, rules=", ".join(extra))
        return head
    theirs = {f.rule for f in lower.differences if f.severity in ("blocker", "major")}
    mine = {f.rule for f in upper.differences if f.severity in ("blocker", "major")}
    extra = sorted(theirs - mine)
    points = f"{upper.score - lower.score:.1f}"
    if extra:
        return Msg("ahead of {name} by {points} points: {name} also has {rules}", name=other, points=points,
                   rules=", ".join(extra))
    return Msg("ahead of {name} by {points} points", name=other, points=points)


def _not_ranked(x: Assessment) -> Msg:
    stake = [Msg("{n} open question(s) at stake {severity}", n=str(n), severity=Word(s))
             for s, n in x.open_counts.items() if n and s in ("blocker", "major")]
    why = Words(stake, separator="; ") if stake else Word("too little is known")
    share = format(x.completeness, "g")
    return Msg("not ranked: the verdict is undetermined ({why}; {share}% of the facts read are defined on both sides)",
               why=why, share=share)