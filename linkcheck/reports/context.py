"""The plain data a report shows, built from engine results.

Nothing here decides or words anything: it collects what the templates lay out and translate, in types JSON can
hold, so `--format json` writes this data as it stands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import __version__
from ..config import EngineConfig
from ..engine import Assessment, Finding, RankedPartner
from ..formats.values import format_value
from ..model.dimensions import FIELD_SPECS, FIELDS_BY_PATH
from ..model.profile import ResolvedPhase
from ..model.vocab import DIMENSIONS
from ..readiness import STATES, Readiness
from ..rules import REGISTRY
from ..timeline import TimelineStep
from .i18n import remedy_msgid

ACTION = ("blocker", "major")  # the severities that decide the verdict: what must change before a link


class Bibliography:
    """Numbers each source the first time the report cites it, so a source keeps one number throughout."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def cite(self, phase: ResolvedPhase, keys: tuple[str, ...]) -> list[int]:
        numbers = []
        for key in keys:
            ident = (phase.origin, key)
            if ident not in self._numbers:
                source = phase.sources.get(key)
                self._numbers[ident] = len(self.entries) + 1
                self.entries.append({
                    "n": self._numbers[ident], "system": phase.system_name, "key": key,
                    "citation": source.citation if source else key,
                    "url": source.url if source else None,
                    "accessed": source.accessed.isoformat() if source and source.accessed else None,
                    "note": source.note if source else None,
                })
            numbers.append(self._numbers[ident])
        return numbers


def side(phase: ResolvedPhase) -> dict[str, Any]:
    return {"ref": phase.ref, "name": phase.system_name, "display": phase.display, "title": phase.title,
            "phase": phase.label or phase.phase_id, "period": str(phase.period), "jurisdiction": phase.jurisdiction,
            "reviewed": phase.reviewed.isoformat(), "file": phase.origin}


def fact(phase: ResolvedPhase, path: str, bib: Bibliography) -> dict[str, Any]:
    found = phase.get(path)
    if found is None:
        return {"value": None, "boolean": False, "status": "not_stated", "sources": [], "note": None}
    return {"value": None if found.value is None else format_value(found.value),
            "boolean": isinstance(found.value, bool), "status": found.status.value,
            "sources": bib.cite(phase, found.sources), "note": found.note}


def finding(f: Finding, a: ResolvedPhase, b: ResolvedPhase, bib: Bibliography) -> dict[str, Any]:
    rule = REGISTRY.get(f.rule)
    return {
        "rule": f.rule, "dimension": f.dimension, "severity": f.severity, "kind": f.kind, "title": f.title,
        "message": f.message, "adjust": f.adjust, "weak_side": f.weak_side, "citation": f.citation,
        "remedy": f.remedy, "remedy_msgid": remedy_msgid(f.kind, f.remedy, rule.remedy if rule else f.remedy),
        "evidence": [{"path": path, "field": _field_title(path), "a": fact(a, path, bib), "b": fact(b, path, bib)}
                     for path in (rule.reads if rule else ())],
    }


def _field_title(path: str) -> str:
    spec = FIELDS_BY_PATH.get(path)
    return spec.title if spec else path


def _assessment(x: Assessment, bib: Bibliography) -> dict[str, Any]:
    return {
        "a": side(x.a), "b": side(x.b), "direction": x.direction, "verdict": x.verdict, "score": x.score,
        "counts": x.counts,
        "dimensions": [{"id": d.id, "score": d.score, "weight": d.weight, "deductions": d.deductions,
                        "worst": d.findings[0].severity if d.findings else None} for d in x.dimensions],
        "findings": [finding(f, x.a, x.b, bib) for f in x.findings],
    }


def comparison(a: ResolvedPhase, b: ResolvedPhase, bib: Bibliography) -> list[dict[str, Any]]:
    """Every fact either side states, dimension by dimension, in schema order."""
    stated = {".".join(path) for phase in (a, b) for path, _ in phase.facts()}
    return [{"dimension": dim, "rows": [{"path": s.path, "field": s.title, "a": fact(a, s.path, bib),
                                         "b": fact(b, s.path, bib)}
                                        for s in FIELD_SPECS if s.dimension == dim and s.path in stated]}
            for dim in DIMENSIONS]


def methodology(config: EngineConfig) -> dict[str, Any]:
    summary = config.summary()
    return {
        "weights": summary["weights"], "penalties": summary["penalties"], "currency": summary["currency"],
        "rules": [{"code": r.code, "dimension": r.dimension,
                   "severity": (config.severity(r.code) or r.severity).value, "title": r.title,
                   "rationale": r.rationale, "citation": r.citation}
                  for r in REGISTRY.values() if config.enabled(r.code)],
    }


def _meta(kind: str, date: dt.date) -> dict[str, Any]:
    return {"kind": kind, "date": date.isoformat(), "version": __version__}


def _step(step: TimelineStep) -> dict[str, Any]:
    def issue(key: str) -> dict[str, str]:
        code, _, title = key.partition(" ")  # the timeline keys issues as "CODE title"
        return {"rule": code, "title": title}

    x = step.assessment
    return {"phase": side(step.phase), "partner": side(step.partner), "match": step.partner_match,
            "verdict": x.verdict, "score": x.score, "counts": x.counts,
            "blockers": sorted({f.rule for f in x.blockers}),
            "opened": [issue(k) for k in step.opened], "closed": [issue(k) for k in step.closed]}


def pairwise(x: Assessment, date: dt.date, steps: list[TimelineStep] | None = None) -> dict[str, Any]:
    bib = Bibliography()
    compared = comparison(x.a, x.b, bib)  # first, so sources are numbered in reading order, A then B
    return {**_meta("pairwise", date), **_assessment(x, bib), "comparison": compared,
            "timeline": [_step(s) for s in steps or []], "methodology": methodology(x.config),
            "sources": bib.entries}


def _partner(r: RankedPartner, best: RankedPartner, bib: Bibliography) -> dict[str, Any]:
    x = r.assessment
    best_scores = {d.id: d.score for d in best.assessment.dimensions}
    return {"rank": r.rank, **_assessment(x, bib),
            "behind_best": sorted(({"dimension": d.id, "points": best_scores[d.id] - d.score}
                                   for d in x.dimensions if best_scores[d.id] > d.score),
                                  key=lambda g: (-g["points"], DIMENSIONS.index(g["dimension"])))}


def _shared_by_all(partners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The candidate's own blockers and adjustments that every partner's assessment reports."""
    def own(p: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {f["rule"]: f for f in p["findings"] if f["adjust"] == "a" and f["severity"] in ACTION}

    if not partners:
        return []
    common = set(own(partners[0]))
    for p in partners[1:]:
        common &= set(own(p))
    return [f for code, f in own(partners[0]).items() if code in common]


def ranking(candidate: ResolvedPhase, ranked: list[RankedPartner], date: dt.date,
            config: EngineConfig) -> dict[str, Any]:
    bib = Bibliography()
    partners = [_partner(r, ranked[0], bib) for r in ranked]
    return {**_meta("ranking", date), "candidate": side(candidate), "partners": partners,
            "shared": _shared_by_all(partners), "methodology": methodology(config), "sources": bib.entries}


def readiness(r: Readiness, date: dt.date, ranked: list[RankedPartner] | None, config: EngineConfig) -> dict[str, Any]:
    bib = Bibliography()
    items = [{"id": item.prerequisite.id, "title": item.prerequisite.title, "why": item.prerequisite.why,
              "state": item.state,
              "checks": [{"path": c.path, "field": _field_title(c.path), "requirement": c.requirement,
                          "state": c.state, "fact": fact(r.phase, c.path, bib)} for c in item.checks]}
             for item in r.items]
    partners = [_partner(p, ranked[0], bib) for p in ranked] if ranked else []
    states = [c["state"] for item in items for c in item["checks"]]
    return {**_meta("readiness", date), "phase": side(r.phase), "ready": r.ready, "items": items,
            "check_counts": {s: states.count(s) for s in reversed(STATES) if s in states},
            "partners": partners, "methodology": methodology(config), "sources": bib.entries}
