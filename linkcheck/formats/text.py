"""Terminal output for assessments, rankings, matrices, readiness checklists and the rule catalogue.

Colour only when the output is a terminal and NO_COLOR is not set.
"""

from __future__ import annotations

import os

import click

from ..engine import Assessment, RankedPartner
from ..model.vocab import DIMENSION_LABELS
from ..readiness import Readiness
from ..rules.base import SEVERITY_ORDER, Rule

SEVERITY_COLOURS = {"blocker": "red", "major": "yellow", "minor": "cyan", "info": "white"}
VERDICT_COLOURS = {"blocked": "red", "adjustments_needed": "yellow", "compatible": "green"}
STATE_MARKS = {"ready": "[x]", "not_met": "[!]", "under_development": "[~]", "undefined": "[ ]",
               "unknown": "[?]", "not_stated": "[?]"}


def style(text: str, **kwargs) -> str:
    return text if os.environ.get("NO_COLOR") else click.style(text, **kwargs)


def assessment_text(x: Assessment) -> str:
    direction = {"two_way": "two-way link", "a_accepts_b": f"{x.a.display} accepts {x.b.display}'s units",
                 "b_accepts_a": f"{x.b.display} accepts {x.a.display}'s units"}[x.direction]
    lines = [
        f"{x.a.title}\n  against {x.b.title}\n  ({direction})",
        "",
        f"Verdict: {style(x.verdict.upper().replace('_', ' '), fg=VERDICT_COLOURS[x.verdict], bold=True)}"
        f"   score {x.score:g}/100   "
        + " · ".join(f"{n} {s}" for s, n in x.counts.items()),
    ]
    for severity in SEVERITY_ORDER:
        group = [f for f in x.findings if f.severity == severity.value]
        if not group:
            continue
        lines += ["", style(f"{severity.value.upper()} ({len(group)})", fg=SEVERITY_COLOURS[severity.value], bold=True)]
        for f in group:
            kind = "" if f.kind == "difference" else f" [{f.kind.replace('_', ' ')}]"
            lines.append(f"  {f.rule}  {f.title}{kind}")
            lines.append(f"      {f.message}")
            lines.append(f"      → {f.remedy}")
    lines += ["", "Score by dimension (100 minus penalties; weight)"]
    for d in x.dimensions:
        deductions = ", ".join(f"{e['rule']} −{e['points']:g}" for e in d.deductions if e["points"])
        lines.append(f"  {DIMENSION_LABELS[d.id]:<24} {d.score:>5.0f}  ×{d.weight:g}  {deductions}")
    lines.append(f"  {'Overall (weighted mean)':<24} {x.score:>5.1f}")
    return "\n".join(lines) + "\n"


def ranking_text(candidate_title: str, ranked: list[RankedPartner]) -> str:
    lines = [f"Partners for {candidate_title}, best first", ""]
    for r in ranked:
        x = r.assessment
        lines.append(f"{r.rank}. {x.b.title}")
        lines.append(f"   {style(x.verdict.replace('_', ' '), fg=VERDICT_COLOURS[x.verdict], bold=True)}, score {x.score:g}, "
                     + " · ".join(f"{n} {s}" for s, n in x.counts.items()))
        for f in x.findings:
            if f.severity in ("blocker", "major"):
                lines.append(f"   {f.severity:<7} {f.rule}  {f.message}")
        lines.append("")
    return "\n".join(lines)


def matrix_text(assessments: list[Assessment]) -> str:
    width = max((len(x.a.ref) for x in assessments), default=10)
    width_b = max((len(x.b.ref) for x in assessments), default=10)
    lines = [f"{'A':<{width}}  {'B':<{width_b}}  {'verdict':<18} score  blockers"]
    for x in assessments:
        blockers = ",".join(f.rule for f in x.blockers)
        lines.append(f"{x.a.ref:<{width}}  {x.b.ref:<{width_b}}  {x.verdict:<18} {x.score:5.1f}  {blockers}")
    return "\n".join(lines) + "\n"


def readiness_text(r: Readiness) -> str:
    verdict = "ready to launch" if r.ready else f"{len(r.open_items)} of {len(r.items)} prerequisites open"
    lines = [f"Launch readiness of {r.phase.title}: {verdict}", ""]
    for item in r.items:
        lines.append(f"{STATE_MARKS[item.state]} {item.prerequisite.title}: {item.state.replace('_', ' ')}")
        for c in item.checks:
            lines.append(f"      {STATE_MARKS[c.state]} {c.requirement} ({c.path}: {c.value})")
        if item.state != "ready":
            lines.append(f"      why: {item.prerequisite.why}")
    lines += ["", "[x] ready  [!] decided but falls short  [~] under development  [ ] undefined  [?] unknown or not stated"]
    return "\n".join(lines) + "\n"


def rules_text(rules: list[Rule]) -> str:
    lines = []
    for r in rules:
        lines.append(f"{r.code:<11} {r.severity.value:<8} {r.dimension:<17} {r.title}")
    return "\n".join(lines) + "\n"


def rule_explanation(r: Rule) -> str:
    lines = [f"{r.code}  {r.title}", f"  name: {r.name}", f"  dimension: {r.dimension}",
             f"  default severity: {r.severity.value}", "", f"  Checks: {r.doc}", "", f"  Why: {r.rationale}",
             "", f"  Remedy: {r.remedy.format(side='The side concerned')}", f"  Reads: {', '.join(r.reads)}",
             f"  Citation: {r.citation}"]
    if r.options:
        lines += ["", "  Options (set in --config under rules: " + r.code + "):"]
        lines += [f"    {name} = {o.default!r}: {o.description}" for name, o in r.options.items()]
    return "\n".join(lines) + "\n"
