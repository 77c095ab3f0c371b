"""Every phase of one system assessed against a partner, and which differences opened or closed between phases."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config import EngineConfig
from .engine import Assessment, assess
from .model.profile import ResolvedPhase


@dataclass
class TimelineStep:
    phase: ResolvedPhase
    partner: ResolvedPhase
    partner_match: str  # fixed | in_force | nearest
    assessment: Assessment
    opened: list[str]
    closed: list[str]

    def to_dict(self) -> dict[str, Any]:
        x = self.assessment
        return {
            "phase": self.phase.ref, "period": [self.phase.period.start, self.phase.period.end],
            "partner": self.partner.ref, "partner_match": self.partner_match,
            "verdict": x.verdict, "score": x.score, "counts": x.counts,
            "dimensions": {d.id: d.score for d in x.dimensions},
            "blockers": sorted({f.rule for f in x.blockers}),
            "opened": self.opened, "closed": self.closed,
        }


def _overlap(a: ResolvedPhase, b: ResolvedPhase) -> int:
    a_end = a.period.end if a.period.end is not None else 9999
    b_end = b.period.end if b.period.end is not None else 9999
    return max(0, min(a_end, b_end) - max(a.period.start, b.period.start) + 1)


def partner_in_force(phase: ResolvedPhase, partner_phases: list[ResolvedPhase]) -> tuple[ResolvedPhase, str]:
    """The partner phase sharing most years with `phase`; else the nearest in time, said so."""
    best = max(partner_phases, key=lambda p: (_overlap(phase, p), p.period.start))
    if _overlap(phase, best):
        return best, "in_force"
    nearest = min(partner_phases, key=lambda p: abs(p.period.start - phase.period.start))
    return nearest, "nearest"


def _issues(x: Assessment) -> set[str]:
    """Findings that need action, keyed so the same issue is recognised in the next phase."""
    return {f"{f.rule} {f.title}" for f in x.findings if f.severity in ("blocker", "major")}


def timeline(phases: list[ResolvedPhase], partner_phases: list[ResolvedPhase], follow: bool,
             config: EngineConfig | None = None) -> list[TimelineStep]:
    steps: list[TimelineStep] = []
    previous: set[str] | None = None
    for phase in phases:
        partner, match = partner_in_force(phase, partner_phases) if follow else (partner_phases[0], "fixed")
        result = assess(phase, partner, config)
        issues = _issues(result)
        opened = sorted(issues - previous) if previous is not None else []
        closed = sorted(previous - issues) if previous is not None else []
        steps.append(TimelineStep(phase, partner, match, result, opened, closed))
        previous = issues
    return steps
