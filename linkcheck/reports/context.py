"""The plain data a report shows, built from engine results.

Nothing here decides or words anything: it collects what the templates lay out and translate, in types JSON can
hold, so `--format json` writes this data as it stands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..version import __version__
from ..config import EngineConfig
from ..engine import Assessment, DimensionScore, Finding, status_words
from ..model.display import format_value
from ..messages import Msg
from ..model.fields import FIELD_SPECS, FIELDS_BY_PATH
from ..model.phases import ResolvedPhase
from ..model.vocab import DIMENSIONS
from ..ranking import RankedPartner
from ..prerequisites import STATES, Readiness
from ..rules import REGISTRY
from ..rules.citations import GSW_2017
from ..timelines import TimelineStep
from .i18n import remedy_msgid

ACTION = ("blocker", "major")  # the severities that decide the verdict: what must change before a link


def sources(phases: list[ResolvedPhase]) -> dict[str, dict[str, Any]]:
    """Every source of the profiles involved, by profile file and key; the report numbers those it cites."""
    return {phase.origin: {key: {"system": phase.system_name, "citation": source.citation, "url": source.url,
                                 "accessed": source.accessed.isoformat() if source.accessed else None,
                                 "note": source.note}
                           for key, source in phase.sources.items()}
            for phase in phases}


def side(phase: ResolvedPhase) -> dict[str, Any]:
    return {"ref": phase.ref, "name": phase.system_name, "display": phase.display, "title": phase.title,
            "phase": phase.label or phase.phase_id, "period": str(phase.period), "jurisdiction": phase.jurisdiction,
            "reviewed": phase.reviewed.isoformat(), "file": phase.origin, "as_of": phase.as_of.isoformat(),
            "phase_id": phase.phase_id,
            "names": {lang: {"name": local.name, "short_name": local.short_name or local.name}
                      for lang, local in phase.names.items()}}


def fact(phase: ResolvedPhase, path: str) -> dict[str, Any]:
    found = phase.get(path)
    if found is None:
        return {"value": None, "boolean": False, "status": "not_stated", "profile": phase.origin, "sources": [],
                "note": None}
    return {"value": None if found.value is None else format_value(found.value),
            "boolean": isinstance(found.value, bool), "status": found.status.value, "profile": phase.origin,
            "sources": list(found.sources), "note": found.note}


def finding(f: Finding, a: ResolvedPhase, b: ResolvedPhase) -> dict[str, Any]:
    """A finding; for an open question, `severity` is the severity at stake and `missing` what is not known."""
    rule = REGISTRY.get(f.rule)
    return {
        "rule": f.rule, "dimension": f.dimension, "severity": f.severity, "kind": f.kind, "open": f.open,
        "title": f.title, "message": f.message, "message_template": f.message_template, "adjust": f.adjust, "weak_side": f.weak_side, "citation": f.citation,
        "remedy": f.remedy, "remedy_msgid": remedy_msgid(f.kind, f.remedy, rule.remedy if rule else f.remedy),
        "missing": [_missing(m) for m in f.missing],
        "evidence": [{"path": path, "field": _field_title(path), "a": fact(a, path), "b": fact(b, path)}
                     for path in (rule.reads if rule else ())],
    }


def _missing(gap: dict[str, str]) -> dict[str, Any]:
    """One fact an open question lacks. `state` is a key of i18n.FACT_STATUSES, or `other` for a status the
    engine words itself (such as an amount it cannot convert), kept in `status`."""
    status = gap["status"]
    state = status.replace(" ", "_")
    words = status_words(status)
    return {"side": gap["side"], "path": gap["path"], "field": _field_title(gap["path"]), "status": status,
            "status_template": words.to_dict() if isinstance(words, Msg) else None,
            "state": state if state in MISSING_STATES else "other"}


MISSING_STATES = ("unknown", "undefined", "under_development", "not_stated")


def _field_title(path: str) -> str:
    spec = FIELDS_BY_PATH.get(path)
    return spec.title if spec else path


def _assessment(x: Assessment) -> dict[str, Any]:
    """An assessment. `counts` holds differences only, by severity; `open_counts` the open questions, by the
    severity at stake; `score` is confirmed and `score_floor` where it falls if every open question resolved
    unfavourably."""
    return {
        "a": side(x.a), "b": side(x.b), "direction": x.direction, "verdict": x.verdict, "score": x.score,
        "as_of": x.as_of.isoformat(), "score_floor": x.score_floor, "verdict_range": list(x.verdict_range),
        "completeness": x.completeness, "completeness_by_side": x.completeness_by_side,
        "min_completeness": x.config.min_completeness, "open_counts": x.open_counts,
        "counts": x.counts, "what_if": x.what_if,
        "dimensions": [_dimension(d) for d in x.dimensions],
        "findings": [finding(f, x.a, x.b) for f in x.findings],
    }


def _dimension(d: DimensionScore) -> dict[str, Any]:
    differences = [f for f in d.findings if not f.open]  # findings come gravest first
    questions = [f for f in d.findings if f.open]
    return {"id": d.id, "score": d.score, "floor": d.floor, "weight": d.weight, "deductions": d.deductions,
            "worst": differences[0].severity if differences else None,
            "worst_open": questions[0].severity if questions else None}


def comparison(a: ResolvedPhase, b: ResolvedPhase) -> list[dict[str, Any]]:
    """Every fact either side states, dimension by dimension, in schema order."""
    stated = {".".join(path) for phase in (a, b) for path, _ in phase.facts()}
    return [{"dimension": dim, "rows": [{"path": s.path, "field": s.title, "a": fact(a, s.path),
                                         "b": fact(b, s.path)}
                                        for s in FIELD_SPECS if s.dimension == dim and s.path in stated]}
            for dim in DIMENSIONS]


def methodology(config: EngineConfig) -> dict[str, Any]:
    summary = config.summary()
    return {
        "weights": summary["weights"], "penalties": summary["penalties"], "currency": summary["currency"],
        "min_completeness": summary["min_completeness"], "tie_margin": summary["tie_margin"],
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
            "verdict": x.verdict, "score": x.score, "score_floor": x.score_floor, "counts": x.counts,
            "open_counts": x.open_counts, "completeness": x.completeness, "as_of": x.as_of.isoformat(),
            "transitions": step.transitions,
            "blockers": sorted({f.rule for f in x.blockers}),
            "opened": [issue(k) for k in step.opened], "closed": [issue(k) for k in step.closed]}


def pairwise(x: Assessment, date: dt.date, steps: list[TimelineStep] | None = None) -> dict[str, Any]:
    return {**_meta("pairwise", date), **_assessment(x), "comparison": comparison(x.a, x.b),
            "timeline": [_step(s) for s in steps or []], "methodology": methodology(x.config),
            "sources": sources([x.a, x.b])}


def _partner(r: RankedPartner, best: RankedPartner) -> dict[str, Any]:
    x = r.assessment
    best_scores = {d.id: d.score for d in best.assessment.dimensions}
    place = None if r.rank is None else f"{r.rank}{'=' if r.tied_with else ''}"  # "1=": tied for first
    return {"rank": r.rank, "place": place, "tied_with": r.tied_with, "reason": r.reason, "reason_template": r.reason_template, **_assessment(x),
            "behind_best": sorted(({"dimension": d.id, "points": best_scores[d.id] - d.score}
                                   for d in x.dimensions if best_scores[d.id] > d.score),
                                  key=lambda g: (-g["points"], DIMENSIONS.index(g["dimension"])))}


def _mark_shared(partners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flag the candidate's own blockers and adjustments that every partner's assessment reports; return them once."""
    def own(p: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {f["rule"]: f for f in p["findings"] if _own_action(f)}

    common = set.intersection(*(set(own(p)) for p in partners)) if partners else set()
    for p in partners:
        for f in p["findings"]:
            f["shared"] = _own_action(f) and f["rule"] in common
    return [f for code, f in own(partners[0]).items() if code in common] if partners else []


def _own_action(f: dict[str, Any]) -> bool:
    """A blocker or required adjustment of the candidate that rests on defined facts (not an open question)."""
    return f["kind"] == "difference" and f["adjust"] == "a" and f["severity"] in ACTION


def ranking(candidate: ResolvedPhase, ranked: list[RankedPartner], date: dt.date,
            config: EngineConfig, as_of: dt.date | None = None) -> dict[str, Any]:
    """`ranked` best first; partners not ranked (rank None, verdict undetermined) come last."""
    best = _best(ranked)
    partners = _named_ties([_partner(r, best) for r in ranked])
    day = as_of or (ranked[0].assessment.as_of if ranked else candidate.as_of)
    return {**_meta("ranking", date), "as_of": day.isoformat(), "candidate": side(candidate), "partners": partners,
            "shared": _mark_shared(partners), "methodology": methodology(config),
            "sources": sources([candidate, *(r.assessment.b for r in ranked)])}


def _named_ties(partners: list[dict[str, Any]]) -> list[dict[str, Any]]:
    names = {p["b"]["ref"]: p["b"]["display"] for p in partners}
    for p in partners:
        p["tied_names"] = [names.get(ref, ref) for ref in p["tied_with"]]
    return partners


def _best(ranked: list[RankedPartner]) -> RankedPartner:
    """The partner the others are measured against: the first ranked one, else the first listed."""
    return next((r for r in ranked if r.rank is not None), ranked[0])


def readiness(r: Readiness, date: dt.date, ranked: list[RankedPartner] | None, config: EngineConfig) -> dict[str, Any]:
    items = [{"id": item.prerequisite.id, "title": item.prerequisite.title, "why": item.prerequisite.why,
              "state": item.state,
              "checks": [{"path": c.path, "field": _field_title(c.path), "requirement": c.requirement,
                          "state": c.state, "fact": fact(r.phase, c.path)} for c in item.checks]}
             for item in r.items]
    partners = _named_ties([_partner(p, _best(ranked)) for p in ranked]) if ranked else []
    states = [c["state"] for item in items for c in item["checks"]]
    return {**_meta("readiness", date), "as_of": r.phase.as_of.isoformat(), "phase": side(r.phase),
            "ready": r.ready, "items": items,
            "check_counts": {s: states.count(s) for s in reversed(STATES) if s in states},
            "partners": partners, "methodology": methodology(config),
            "sources": sources([r.phase, *(p.assessment.b for p in ranked or [])]), "lesson_citation": GSW_2017}
