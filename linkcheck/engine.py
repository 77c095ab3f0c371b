"""Runs the rules over a pair of resolved phases, scores each dimension and gives a verdict.

The engine knows nothing about any particular rule: it stamps severities from configuration, turns unknown
inputs and rule failures into findings, and shows how every score was computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from .config import EngineConfig
from .formats.values import format_value
from .model.profile import ResolvedPhase
from .model.vocab import DIMENSIONS
from .money import Converter
from .rules import REGISTRY
from .rules.base import SEVERITY_ORDER, Outcome, Pair, Rule, Severity, Unassessable

VERDICTS = ("blocked", "adjustments_needed", "compatible")
DIRECTIONS = ("two_way", "a_accepts_b", "b_accepts_a")


@dataclass
class Finding:
    rule: str
    dimension: str
    severity: str
    title: str
    message: str
    a: Any
    b: Any
    adjust: str | None
    remedy: str
    citation: str
    kind: str = "difference"  # difference | unassessed | rule_error | one_way_exempt
    weak_side: str | None = None  # the side whose design would spread through the link

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DimensionScore:
    id: str
    score: float
    weight: float
    deductions: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "weight": self.weight, "deductions": self.deductions,
                "findings": [f.rule for f in self.findings]}


@dataclass
class Assessment:
    a: ResolvedPhase
    b: ResolvedPhase
    direction: str
    verdict: str
    score: float
    counts: dict[str, int]
    dimensions: list[DimensionScore]
    findings: list[Finding]
    config: EngineConfig

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "blocker"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": {"ref": self.a.ref, "name": self.a.system_name, "phase": self.a.label or self.a.phase_id},
            "b": {"ref": self.b.ref, "name": self.b.system_name, "phase": self.b.label or self.b.phase_id},
            "direction": self.direction,
            "verdict": self.verdict,
            "score": self.score,
            "counts": self.counts,
            "dimensions": [d.to_dict() for d in self.dimensions],
            "findings": [f.to_dict() for f in self.findings],
            "scoring": {
                "method": "each dimension starts at 100 and loses the penalty of each finding's severity, down "
                "to 0; the overall score is the weighted mean of the dimension scores",
                **self.config.summary(),
            },
        }


def assess(a: ResolvedPhase, b: ResolvedPhase, config: EngineConfig | None = None,
           direction: str = "two_way") -> Assessment:
    config = config or EngineConfig()
    converter = Converter(config.currency.code, config.currency.year)
    findings: list[Finding] = []
    for code, rule in REGISTRY.items():
        if config.enabled(code):
            pair = Pair(a, b, config.options(code), converter)
            findings.extend(_run(rule, pair, config))
    if direction != "two_way":
        findings = [_for_one_way(f, direction, a, b) for f in findings]
    findings.sort(key=lambda f: (Severity(f.severity).rank, DIMENSIONS.index(f.dimension), f.rule))
    return _score(a, b, direction, findings, config)


def _run(rule: Rule, pair: Pair, config: EngineConfig) -> list[Finding]:
    """The rule's findings; unknown inputs and exceptions become findings too, never a crash or a pass.

    A rule may report what it could establish on one side and then raise Unassessable for the other;
    both are kept.
    """
    findings: list[Finding] = []
    try:
        for outcome in rule.check(pair):
            findings.append(_finding(rule, pair, outcome, config))
    except Unassessable as exc:
        findings.append(_unassessed(rule, pair, exc, config))
    except Exception as exc:  # a broken rule must not stop the run, nor count as compatible
        findings.append(Finding(
            rule=rule.code, dimension=rule.dimension, severity=_severity(rule, None, config, demote=True).value,
            title=rule.title, message=f"the rule failed ({type(exc).__name__}: {exc}); this dimension is not assessed",
            a=None, b=None, adjust=None, remedy="Report this to the linkcheck maintainers.",
            citation=rule.citation, kind="rule_error",
        ))
    return findings


def _severity(rule: Rule, outcome: Outcome | None, config: EngineConfig, demote: bool = False) -> Severity:
    chosen = config.severity(rule.code) or (outcome.severity if outcome and outcome.severity else rule.severity)
    return chosen.demoted() if demote else chosen


def _side_names(pair: Pair, adjust: str | None) -> str:
    if adjust == "both":
        return f"Each side ({pair.name('a')} and {pair.name('b')})"
    if adjust in ("a", "b"):
        return pair.name(adjust)
    return "The partners"


def _finding(rule: Rule, pair: Pair, outcome: Outcome, config: EngineConfig) -> Finding:
    return Finding(
        rule=rule.code, dimension=rule.dimension, severity=_severity(rule, outcome, config).value,
        title=rule.title, message=outcome.message, a=plain(outcome.a), b=plain(outcome.b),
        adjust=outcome.adjust, remedy=rule.remedy.format(side=_side_names(pair, outcome.adjust)),
        citation=rule.citation, weak_side=outcome.weak_side,
    )


def _unassessed(rule: Rule, pair: Pair, exc: Unassessable, config: EngineConfig) -> Finding:
    sides = sorted({side for side, _, _ in exc.gaps})
    what = "; ".join(f"{pair.name(side)}: {path} is {status.replace('_', ' ')}" for side, path, status in exc.gaps)
    undecided = [g for g in exc.gaps if g[2] in ("undefined", "under_development")]
    remedy = (
        f"{_side_names(pair, sides[0] if len(sides) == 1 else 'both')} decides and publishes these design elements."
        if undecided else
        "Find and source the missing facts for the profile(s), then assess again."
    )
    values = {side: [status for s, _, status in exc.gaps if s == side] for side in ("a", "b")}
    return Finding(
        rule=rule.code, dimension=rule.dimension, severity=_severity(rule, None, config, demote=True).value,
        title=rule.title, message=f"could not assess: {what}",
        a=values["a"][0] if values["a"] else None, b=values["b"][0] if values["b"] else None,
        adjust=sides[0] if len(sides) == 1 else "both", remedy=remedy, citation=rule.citation, kind="unassessed",
    )


def _for_one_way(finding: Finding, direction: str, a: ResolvedPhase, b: ResolvedPhase) -> Finding:
    """In a one-way link only the exporting side's weaknesses reach the importer."""
    weak = finding.weak_side
    exporter = "b" if direction == "a_accepts_b" else "a"
    if weak is None or weak == exporter or finding.kind != "difference":
        return finding
    importer = a if direction == "a_accepts_b" else b
    exported = b if direction == "a_accepts_b" else a
    finding.severity = Severity.info.value
    finding.kind = "one_way_exempt"
    finding.message += (f" (does not carry over in a one-way link in which {importer.display} accepts "
                        f"{exported.display}'s units)")
    return finding


def _score(a: ResolvedPhase, b: ResolvedPhase, direction: str, findings: list[Finding],
           config: EngineConfig) -> Assessment:
    dimensions: list[DimensionScore] = []
    for dim in DIMENSIONS:
        mine = [f for f in findings if f.dimension == dim]
        deductions = [{"rule": f.rule, "severity": f.severity, "kind": f.kind,
                       "points": config.penalty(Severity(f.severity))} for f in mine]
        score = max(0.0, 100.0 - sum(d["points"] for d in deductions))
        dimensions.append(DimensionScore(dim, score, config.weight(dim), deductions, mine))
    total_weight = sum(d.weight for d in dimensions)
    overall = sum(d.score * d.weight for d in dimensions) / total_weight if total_weight else 0.0
    counts = {s.value: sum(1 for f in findings if f.severity == s.value) for s in SEVERITY_ORDER}
    verdict = "blocked" if counts["blocker"] else "adjustments_needed" if counts["major"] else "compatible"
    return Assessment(a, b, direction, verdict, round(overall, 1), counts, dimensions, findings, config)


def plain(value: Any) -> Any:
    """A JSON-ready form of a compared value."""
    if isinstance(value, BaseModel):
        return format_value(value)
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value


@dataclass
class RankedPartner:
    rank: int
    assessment: Assessment

    def to_dict(self) -> dict[str, Any]:
        a = self.assessment
        return {"ref": a.b.ref, "name": a.b.system_name, "rank": self.rank, "verdict": a.verdict, "score": a.score,
                "counts": a.counts, "blockers": [f.rule for f in a.blockers],
                "adjustments": [f.rule for f in a.findings if f.severity == "major"]}


def rank(candidate: ResolvedPhase, partners: Iterable[ResolvedPhase],
         config: EngineConfig | None = None) -> list[RankedPartner]:
    """Partners for one candidate, best first: by verdict, then fewest blockers, then score."""
    assessments = [assess(candidate, partner, config) for partner in partners]
    assessments.sort(key=lambda x: (-VERDICTS.index(x.verdict), x.counts["blocker"], -x.score, x.b.ref))
    return [RankedPartner(i + 1, x) for i, x in enumerate(assessments)]


def matrix(phases: list[ResolvedPhase], config: EngineConfig | None = None) -> list[Assessment]:
    """Every unordered pair, each assessed once."""
    return [assess(a, b, config) for i, a in enumerate(phases) for b in phases[i + 1:]]
