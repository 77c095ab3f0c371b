"""Runs the rules over a pair of resolved phases, scores each dimension and gives a verdict.

The engine knows nothing about any particular rule: it stamps severities from configuration, turns unknown
inputs and rule failures into findings, and shows how every score was computed.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from typing import Any


from .config import EngineConfig
from .dates import default_as_of
from .model.display import format_value
from .model.objects import Record
from .model.phases import ResolvedPhase
from .model.vocab import DIMENSIONS
from .money import Converter
from .rules import REGISTRY
from .messages import Msg, Word, Words
from .rules.base import SEVERITY_ORDER, Outcome, Pair, Rule, Severity, Unassessable, reference_gap

# Best first. `undetermined`: what is not known could still change the verdict, or too little is known.
VERDICTS = ("compatible", "adjustments_needed", "blocked", "undetermined")
DIRECTIONS = ("two_way", "a_accepts_b", "b_accepts_a")
# Kinds of finding. A difference rests on defined facts; an open question on a fact that is unknown, undefined
# or under development (or on a rule that failed), and puts its severity at stake without being scored as lost.
DIFFERENCE, OPEN_QUESTION, RULE_ERROR, ONE_WAY_EXEMPT = "difference", "open_question", "rule_error", "one_way_exempt"
UNRESOLVED = (OPEN_QUESTION, RULE_ERROR)
SEVERITY_RANK = {severity.value: rank for rank, severity in enumerate(SEVERITY_ORDER)}  # gravest first


@dataclass
class Finding:
    rule: str
    dimension: str
    severity: str  # for an open question: the severity at stake if it resolves unfavourably
    title: str
    # What was found, as a message template with its parameters (linkcheck/messages.py), so a report can say it in
    # its language; `message` is its English sentence. Both are made only when asked for: a matrix of hundreds of
    # pairs reads verdicts and counts, not the words of tens of thousands of findings. An open question's is made
    # by a function, called on first use (`words`).
    said: Msg | str | Callable[[], Msg]
    a: Any
    b: Any
    adjust: str | None
    remedy: str
    citation: str
    kind: str = DIFFERENCE
    weak_side: str | None = None  # the side whose design would spread through the link
    missing: list[dict[str, str]] = field(default_factory=list)  # open questions: {side, path, status}

    @property
    def words(self) -> Msg | str:
        """What was found, as a message (or, from a rule that failed, a text)."""
        if callable(self.said):
            self.said = self.said()
        return self.said

    @property
    def message(self) -> str:
        return str(self.words)

    @property
    def message_template(self) -> dict[str, Any] | None:
        said = self.words
        return said.to_dict() if isinstance(said, Msg) else None

    @property
    def open(self) -> bool:
        return self.kind in UNRESOLVED

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "dimension": self.dimension, "severity": self.severity, "title": self.title,
                "message": self.message, "a": self.a, "b": self.b, "adjust": self.adjust, "remedy": self.remedy,
                "citation": self.citation, "kind": self.kind, "weak_side": self.weak_side,
                "missing": [dict(gap) for gap in self.missing], "message_template": self.message_template}


@dataclass
class DimensionScore:
    id: str
    score: float  # confirmed: 100 minus the points lost to differences
    floor: float  # the score if every open question resolved unfavourably
    weight: float
    deductions: list[dict[str, Any]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "score": self.score, "floor": self.floor, "weight": self.weight,
                "deductions": self.deductions, "findings": [f.rule for f in self.findings]}


@dataclass
class Assessment:
    a: ResolvedPhase
    b: ResolvedPhase
    direction: str
    verdict: str
    score: float
    counts: dict[str, int]  # differences by severity
    dimensions: list[DimensionScore]
    findings: list[Finding]
    config: EngineConfig
    as_of: dt.date = dt.date(1970, 1, 1)
    score_floor: float = 0.0
    verdict_range: tuple[str, str] = ("compatible", "compatible")  # if every open question resolved well, badly
    open_counts: dict[str, int] = field(default_factory=dict)  # open questions by severity at stake
    completeness: float = 0.0
    completeness_by_side: dict[str, float] = field(default_factory=dict)
    what_if: dict[str, Any] = field(default_factory=dict)  # side -> {path: value} set by hand

    @property
    def blockers(self) -> list[Finding]:
        """Blockers that rest on defined facts."""
        return [f for f in self.findings if f.severity == "blocker" and f.kind == DIFFERENCE]

    @property
    def differences(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == DIFFERENCE]

    @property
    def open_questions(self) -> list[Finding]:
        return [f for f in self.findings if f.open]

    @property
    def points(self) -> dict[str, float]:
        """Overall points lost to differences, and further points at risk from open questions."""
        return {"lost": round(100 - self.score, 1), "at_risk": round(self.score - self.score_floor, 1)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": _side(self.a), "b": _side(self.b),
            "as_of": self.as_of.isoformat(),
            "direction": self.direction,
            "verdict": self.verdict,
            "verdict_range": list(self.verdict_range),
            "score": self.score,
            "score_range": [self.score_floor, self.score],
            "points": self.points,
            "completeness": self.completeness,
            "completeness_by_side": self.completeness_by_side,
            "counts": self.counts,
            "open_questions": self.open_counts,
            "what_if": self.what_if,
            "dimensions": [d.to_dict() for d in self.dimensions],
            "findings": [f.to_dict() for f in self.findings],
            "scoring": {"method": SCORING_METHOD, **self.config.summary()},
        }


SCORING_METHOD = (
    "each dimension starts at 100 and loses, once per rule, the penalty of that rule's gravest difference; the "
    "overall score is the weighted mean of the dimension scores. Open questions are not scored as lost: the "
    "score range shows where the score would fall if every one resolved unfavourably. The verdict is stated "
    "only when it holds however the open questions resolve and at least min_completeness % of the facts the "
    "rules read are defined on both sides; otherwise it is undetermined."
)


def _side(phase: ResolvedPhase) -> dict[str, Any]:
    return {"ref": phase.ref, "name": phase.system_name, "phase": phase.label or phase.phase_id,
            "as_of": phase.as_of.isoformat()}


def assess(a: ResolvedPhase, b: ResolvedPhase, config: EngineConfig | None = None,
           direction: str = "two_way", as_of: dt.date | None = None) -> Assessment:
    """Run every enabled rule over the pair. `as_of` is the assessment date, by default chosen from the periods;
    each side's facts are those of the day it was resolved at (`ResolvedPhase.as_of`)."""
    config = config or EngineConfig()
    converter = Converter(config.currency.code, config.currency.year, config.rates)
    findings: list[Finding] = []
    read: set[str] = set()
    for code, rule in REGISTRY.items():
        if config.enabled(code):
            pair = Pair(a, b, config.options(code), converter)
            findings.extend(_run(rule, pair, config))
            read |= pair.read
    if direction != "two_way":
        findings = [_for_one_way(f, direction, a, b) for f in findings]
    findings = _said_once(findings)
    findings.sort(key=lambda f: (f.open, SEVERITY_RANK[f.severity], DIMENSIONS.index(f.dimension), f.rule))
    day = as_of or default_as_of([a.period, b.period])
    return _score(a, b, direction, findings, config, day, _completeness(a, b, read))


def _said_once(findings: list[Finding]) -> list[Finding]:
    """Each finding once: a rule that says the same thing twice (once per side, say) is reported once. Only a rule
    with several findings of a kind has its messages compared, so the others are never put into words here."""
    count: dict[tuple[str, str], int] = {}
    for f in findings:
        count[f.rule, f.kind] = count.get((f.rule, f.kind), 0) + 1
    kept: dict[tuple[str, str, str], Finding] = {}
    for f in findings:
        kept.setdefault((f.rule, f.kind, f.message if count[f.rule, f.kind] > 1 else ""), f)
    return list(kept.values())


def _run(rule: Rule, pair: Pair, config: EngineConfig) -> list[Finding]:
    """The rule's findings; unknown inputs and exceptions become open questions, never a crash or a pass.

    A rule may report what it could establish on one side and then raise Unassessable for the other;
    both are kept.
    """
    findings: list[Finding] = []
    try:
        for outcome in rule.check(pair):
            findings.append(_finding(rule, pair, outcome, config))
    except Unassessable as exc:
        findings.append(_open_question(rule, pair, exc, config))
    except Exception as exc:  # a broken rule must not stop the run, nor count as compatible
        findings.append(Finding(
            rule=rule.code, dimension=rule.dimension, severity=_at_stake(rule, config).value,
            title=rule.title, said=f"the rule failed ({type(exc).__name__}: {exc}); this rule is not assessed",
            a=None, b=None, adjust=None, remedy="Report this to the linkcheck maintainers.",
            citation=rule.citation, kind=RULE_ERROR,
        ))
    return findings


def _severity(rule: Rule, outcome: Outcome, config: EngineConfig) -> Severity:
    return config.severity(rule.code) or outcome.severity or rule.severity


def _at_stake(rule: Rule, config: EngineConfig) -> Severity:
    """The severity an open question puts at stake: the configured one, else the rule's gravest outcome."""
    return config.severity(rule.code) or rule.gravest


def _side_names(pair: Pair, adjust: str | None) -> str:
    if adjust == "both":
        return f"Each side ({pair.name('a')} and {pair.name('b')})"
    if adjust in ("a", "b"):
        return pair.name(adjust)
    return "The partners"


def _finding(rule: Rule, pair: Pair, outcome: Outcome, config: EngineConfig) -> Finding:
    return Finding(
        rule=rule.code, dimension=rule.dimension, severity=_severity(rule, outcome, config).value,
        title=rule.title, said=outcome.message, a=plain(outcome.a), b=plain(outcome.b),
        adjust=outcome.adjust, remedy=rule.remedy.format(side=_side_names(pair, outcome.adjust)),
        citation=rule.citation, weak_side=outcome.weak_side,
    )


def _open_question(rule: Rule, pair: Pair, exc: Unassessable, config: EngineConfig) -> Finding:
    sides = sorted({side for side, _, _ in exc.gaps})
    undecided = [g for g in exc.gaps if g[2] in ("undefined", "under_development")]
    reference = [g for g in exc.gaps if reference_gap(g[2])]
    if undecided:
        remedy = f"{_side_names(pair, sides[0] if len(sides) == 1 else 'both')} decides and publishes these design elements."
    elif reference and len(reference) == len(exc.gaps):
        remedy = ("Add the missing rate or index value, with its source, to the reference data (or pass a rates "
                  "table of your own with --rates FILE), then assess again.")
    else:
        remedy = "Find and source the missing facts for the profile(s), then assess again."
    stake = config.severity(rule.code) or exc.at_stake or rule.gravest
    first = {}
    for side, _, status in exc.gaps:
        first.setdefault(side, status)
    return Finding(
        rule=rule.code, dimension=rule.dimension, severity=stake.value, title=rule.title,
        said=partial(_open_question_words, rule, pair, exc.gaps, exc.established, stake),
        a=first.get("a"), b=first.get("b"),
        adjust=sides[0] if len(sides) == 1 else "both", remedy=remedy, citation=rule.citation, kind=OPEN_QUESTION,
        missing=[{"side": side, "path": path, "status": status} for side, path, status in exc.gaps],
    )


def _open_question_words(rule: Rule, pair: Pair, gaps: list[tuple[str, str, str]], established: Any,
                         stake: Severity) -> Msg:
    # Given the exception's parts, not the exception: its traceback would tie the finding to the frames that raised
    # it, a reference cycle per open question for the garbage collector to find.
    what = Words([Msg("{name}: {path} {status}", name=pair.name(side), path=path, status=status_words(status))
                  for side, path, status in gaps], separator="; ")
    if established:
        return Msg("open question: {question} ({gaps}; {established}); at stake if it resolves unfavourably: "
                   "{stake}", question=Word(rule.question), gaps=what, established=established,
                   stake=Word(stake.value))
    return Msg("open question: {question} ({gaps}); at stake if it resolves unfavourably: {stake}",
               question=Word(rule.question), gaps=what, stake=Word(stake.value))


def status_words(status: str) -> Msg | str:
    """How a missing fact's status reads in an open question, as a message a report can translate."""
    if status.isidentifier() or status == "not stated":
        return Word(status)
    return getattr(status, "message", status)  # a ReferenceGap carries its own message


def _for_one_way(finding: Finding, direction: str, a: ResolvedPhase, b: ResolvedPhase) -> Finding:
    """In a one-way link only the exporting side's weaknesses reach the importer. That holds for an open question
    too, when its rule judges each side alone and every fact it lacks is the importer's."""
    weak = finding.weak_side
    exporter = "b" if direction == "a_accepts_b" else "a"
    rule = REGISTRY.get(finding.rule)
    if finding.kind == OPEN_QUESTION and rule is not None and rule.each_side and finding.missing:
        sides = {gap["side"] for gap in finding.missing}
        weak = sides.pop() if len(sides) == 1 else None
    elif finding.kind != DIFFERENCE:
        return finding
    if weak is None or weak == exporter:
        return finding
    importer = a if direction == "a_accepts_b" else b
    exported = b if direction == "a_accepts_b" else a
    finding.severity = Severity.info.value
    finding.kind = ONE_WAY_EXEMPT
    # The finding's own words are kept as a message inside the note, so a report translates them too.
    finding.said = Msg("{message} (does not carry over in a one-way link in which {importer} accepts {exporter}'s "
                       "units)", message=finding.words, importer=importer.display, exporter=exported.display)
    return finding


def _completeness(a: ResolvedPhase, b: ResolvedPhase, read: set[str]) -> dict[str, float]:
    """Of the facts the rules read, the share defined on both sides, and on each side."""
    if not read:
        return {"both": 100.0, "a": 100.0, "b": 100.0}

    def defined(phase: ResolvedPhase, path: str) -> bool:
        fact = phase.get(path)
        return fact is not None and fact.known

    known = {side: {p for p in read if defined(phase, p)} for side, phase in (("a", a), ("b", b))}
    counts = {"both": len(known["a"] & known["b"]), "a": len(known["a"]), "b": len(known["b"])}
    return {key: round(100 * n / len(read), 1) for key, n in counts.items()}


def verdict_of(findings: Iterable[Finding]) -> str:
    """The verdict the given findings call for, read as differences."""
    severities = {f.severity for f in findings}
    return "blocked" if "blocker" in severities else "adjustments_needed" if "major" in severities else "compatible"


def _score(a: ResolvedPhase, b: ResolvedPhase, direction: str, findings: list[Finding], config: EngineConfig,
           as_of: dt.date, completeness: dict[str, float]) -> Assessment:
    dimensions: list[DimensionScore] = []
    for dim in DIMENSIONS:
        mine = [f for f in findings if f.dimension == dim]
        deductions = [_deduction(code, [f for f in mine if f.rule == code], config)
                      for code in dict.fromkeys(f.rule for f in mine)]
        lost = sum(d["points"] for d in deductions)
        risk = sum(d["at_risk"] for d in deductions)
        dimensions.append(DimensionScore(dim, max(0.0, 100.0 - lost), max(0.0, 100.0 - lost - risk),
                                         config.weight(dim), deductions, mine))
    total_weight = sum(d.weight for d in dimensions)

    def mean(values: Iterable[float]) -> float:
        return round(sum(values) / total_weight, 1) if total_weight else 0.0

    differences = [f for f in findings if f.kind == DIFFERENCE]
    unresolved = [f for f in findings if f.open]
    best, worst = verdict_of(differences), verdict_of(differences + unresolved)
    # Too little known: no verdict, even where a blocker is already certain (it is still reported as one).
    enough = completeness["both"] >= config.min_completeness
    verdict = best if best == worst and enough else "undetermined"
    return Assessment(
        a, b, direction, verdict, mean(d.score * d.weight for d in dimensions),
        {s.value: sum(1 for f in differences if f.severity == s.value) for s in SEVERITY_ORDER},
        dimensions, findings, config, as_of=as_of, score_floor=mean(d.floor * d.weight for d in dimensions),
        verdict_range=(best, worst),
        open_counts={s.value: sum(1 for f in unresolved if f.severity == s.value) for s in SEVERITY_ORDER},
        completeness=completeness["both"], completeness_by_side={"a": completeness["a"], "b": completeness["b"]},
    )


def _deduction(code: str, findings: list[Finding], config: EngineConfig) -> dict[str, Any]:
    """One deduction per rule: the penalty of its gravest difference, and what its open questions add at worst."""
    def gravest(group: list[Finding]) -> Finding | None:
        return min(group, key=lambda f: SEVERITY_RANK[f.severity], default=None)

    confirmed = gravest([f for f in findings if f.kind in (DIFFERENCE, ONE_WAY_EXEMPT)])
    worst = gravest(findings)
    lost = config.penalty(Severity(confirmed.severity)) if confirmed else 0.0
    at_worst = config.penalty(Severity(worst.severity)) if worst else 0.0
    return {"rule": code, "severity": (confirmed or worst).severity, "kind": (confirmed or worst).kind,
            "points": lost, "at_risk": max(0.0, at_worst - lost)}


def plain(value: Any) -> Any:
    """A JSON-ready form of a compared value."""
    if isinstance(value, Record):
        return format_value(value)
    if isinstance(value, (tuple, list)):
        return [plain(v) for v in value]
    return value


def matrix(phases: list[ResolvedPhase], config: EngineConfig | None = None,
           as_of: dt.date | None = None) -> list[Assessment]:
    """Every unordered pair, each assessed once."""
    with collector_paused():
        return [assess(a, b, config, as_of=as_of) for i, a in enumerate(phases) for b in phases[i + 1:]]


@contextmanager
def collector_paused():
    """Python's cycle collector off while many pairs are assessed, and back as it was after.

    The engine makes no reference cycles (a test holds it to that), so the collector would find nothing; but the
    assessments it keeps grow the heap, and each of the collector's full passes over it cost, in a matrix of the
    shipped library, about a quarter of the run. Memory is still freed as usual, by reference counting.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
