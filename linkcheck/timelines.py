"""Every phase of one system assessed against a partner, and how each finding changed between phases.

A finding that disappears because its facts became unknown has not closed: it became an open question. Only a
difference that is gone while its facts are known is reported as closed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .config import EngineConfig
from .dates import default_as_of
from .engine import Assessment, assess
from .loading.library import LoadedFile
from .model.objects import Period

ACTION = ("blocker", "major")  # the severities the timeline reports on: those that decide the verdict
# How a rule's standing moved between two phases, by (before, after) kind.
TRANSITIONS = {
    ("none", "difference"): "opened",
    ("difference", "none"): "closed",
    ("difference", "open_question"): "became_open_question",
    ("none", "open_question"): "question_raised",
    ("open_question", "difference"): "answered_difference",
    ("open_question", "none"): "answered_no_difference",
}
# A difference that stays a difference but changes severity.
SEVERITY_CHANGES = ("eased", "worsened")
CHANGES = (*TRANSITIONS.values(), *SEVERITY_CHANGES)
SEVERITY_RANK = {"blocker": 0, "major": 1, "minor": 2, "info": 3}


@dataclass
class TimelineStep:
    phase: Any
    partner: Any
    partner_match: str  # fixed | in_force | nearest
    assessment: Assessment
    opened: list[str]
    closed: list[str]
    transitions: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        x = self.assessment
        return {
            "phase": self.phase.ref, "period": [self.phase.period.start, self.phase.period.end],
            "as_of": x.as_of.isoformat(),
            "partner": self.partner.ref, "partner_match": self.partner_match,
            "verdict": x.verdict, "score": x.score, "score_range": [x.score_floor, x.score],
            "completeness": x.completeness, "counts": x.counts, "open_questions": x.open_counts,
            "dimensions": {d.id: d.score for d in x.dimensions},
            "blockers": sorted({f.rule for f in x.blockers}),
            "opened": self.opened, "closed": self.closed, "transitions": self.transitions,
        }


def _overlap(a: Period, b: Period) -> int:
    a_end = a.end if a.end is not None else 9999
    b_end = b.end if b.end is not None else 9999
    return max(0, min(a_end, b_end) - max(a.start, b.start) + 1)


def partner_in_force(period: Period, partner: LoadedFile) -> tuple[str, str]:
    """The partner phase sharing most years with `period`; else the nearest in time, said so."""
    phases = partner.profile.phases
    best = max(phases, key=lambda p: (_overlap(period, phases[p].period), phases[p].period.start))
    if _overlap(period, phases[best].period):
        return best, "in_force"
    return min(phases, key=lambda p: abs(phases[p].period.start - period.start)), "nearest"


def _standing(x: Assessment) -> dict[str, tuple[str, str, str]]:
    """Each rule's standing: (difference or open question, its gravest severity, title). A rule that differs on
    one side differs, whatever it asks of the other."""
    standing: dict[str, tuple[str, str, str]] = {}
    for f in x.findings:
        if f.kind not in ("difference", "open_question", "rule_error"):
            continue
        kind = "difference" if f.kind == "difference" else "open_question"
        held = standing.get(f.rule)
        if held is None or (kind == "difference" and held[0] != "difference") or (
                kind == held[0] and SEVERITY_RANK[f.severity] < SEVERITY_RANK[held[1]]):
            standing[f.rule] = (kind, f.severity, f.title)
    return standing


def timeline(system: LoadedFile, partner: LoadedFile, partner_phase: str | None = None,
             config: EngineConfig | None = None, as_of: dt.date | None = None) -> list[TimelineStep]:
    """Each phase of `system` against `partner_phase`, or against the partner phase in force in its years.

    Each step is assessed on the day nearest `as_of` (default today) inside the years both phases share.
    """
    steps: list[TimelineStep] = []
    previous: dict[str, tuple[str, str]] | None = None
    for phase_id, phase in system.profile.phases.items():
        partner_id, match = (partner_phase, "fixed") if partner_phase else partner_in_force(phase.period, partner)
        periods = [phase.period, partner.profile.phases[partner_id].period]
        day = default_as_of(periods, now=as_of)
        a, b = system.resolve(phase_id, day), partner.resolve(partner_id, day)
        result = assess(a, b, config, as_of=day)
        now = _standing(result)
        transitions = [] if previous is None else _transitions(previous, now)
        opened = [f"{t['rule']} {t['title']}" for t in transitions if t["change"] == "opened"]
        closed = [f"{t['rule']} {t['title']}" for t in transitions if t["change"] == "closed"]
        steps.append(TimelineStep(a, b, match, result, opened, closed, transitions))
        previous = now
    return steps


def _transitions(before: dict[str, tuple[str, str, str]], after: dict[str, tuple[str, str, str]]) -> list[dict[str, str]]:
    """What changed for each rule that was or is a blocker or a major, at any severity on the other side."""
    changes = []
    for rule in sorted(set(before) | set(after)):
        was_kind, was_severity, title = before.get(rule, ("none", "", ""))
        now_kind, now_severity, now_title = after.get(rule, ("none", "", ""))
        if was_severity not in ACTION and now_severity not in ACTION:
            continue
        change = TRANSITIONS.get((was_kind, now_kind))
        if change is None and was_kind == now_kind == "difference" and was_severity != now_severity:
            change = SEVERITY_CHANGES[0] if SEVERITY_RANK[now_severity] > SEVERITY_RANK[was_severity] else SEVERITY_CHANGES[1]
        if change:
            changes.append({"rule": rule, "title": now_title or title, "change": change, "from": was_kind,
                            "to": now_kind, "severity_before": was_severity, "severity_after": now_severity})
    return changes
