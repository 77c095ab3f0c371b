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


CHANGE_COLOURS = {"added": "green", "removed": "red", "changed": "yellow", "status": "magenta"}


def diff_text(a_title: str, b_title: str, differences: list) -> str:
    from ..diff import describe

    if not differences:
        return f"{a_title}\n{b_title}\nno differences\n"
    lines = [f"--- {a_title}", f"+++ {b_title}"]
    current = ""
    for d in differences:
        if d.dimension != current:
            current = d.dimension
            lines += ["", style(DIMENSION_LABELS[current], bold=True)]
        rules = f"  [{', '.join(d.rules)}]" if d.matters else ""
        change = style(f"{d.change:<8}", fg=CHANGE_COLOURS.get(d.change, "white"))
        if d.change == "added" and d.a is None:
            shown = f"+ {describe(d.b)}"
        elif d.change == "removed" and d.b is None:
            shown = f"− {describe(d.a)}"
        elif d.change in ("note", "sources"):
            shown = f"{_clip(describe(d.a))} → {_clip(describe(d.b))}"
        else:
            shown = f"{describe(d.a)} → {describe(d.b)}"
        text = f"  {change} {d.label}: {shown}{rules}"
        lines.append(text if d.change not in ("sources", "note") else style(text, dim=True))
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int = 60) -> str:
    """Notes can run to paragraphs; the terminal shows their start, JSON and Markdown keep them whole."""
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_text(system: str, partner: str, steps: list) -> str:
    from ..model.vocab import DIMENSIONS

    short = {d: d[:4] for d in DIMENSIONS}
    lines = [f"{system} against {partner}", "",
             f"{'phase':<22} {'partner':<22} {'score':>5}  verdict             " + " ".join(f"{short[d]:>4}" for d in DIMENSIONS)]
    for s in steps:
        x = s.assessment
        partner_ref = s.partner.ref + ("*" if s.partner_match == "nearest" else "")
        dims = " ".join(f"{d.score:>4.0f}" for d in x.dimensions)
        lines.append(f"{s.phase.ref:<22} {partner_ref:<22} {x.score:>5.1f}  {x.verdict:<19} {dims}")
    lines.append("")
    for s in steps:
        blockers = ", ".join(sorted({f.rule for f in s.assessment.blockers})) or "none"
        lines.append(f"{s.phase.ref} ({s.phase.period}): blockers {blockers}")
        for issue in s.opened:
            lines.append(f"    opened  {issue}")
        for issue in s.closed:
            lines.append(f"    closed  {issue}")
    if any(s.partner_match == "nearest" for s in steps):
        lines += ["", "* no partner phase in force in those years; the nearest in time is used"]
    return "\n".join(lines) + "\n"


def coverage_text(rows: list[dict]) -> str:
    from ..model.vocab import DIMENSIONS

    header = f"{'profile':<24}" + "".join(f"{d[:11]:>13}" for d in DIMENSIONS)
    lines = [header, "cells: defined/under development/undefined/unknown", ""]
    for row in rows:
        cells = "".join(f"{'/'.join(str(row['dimensions'][d][k]) for k in COVERAGE_KEYS):>13}" for d in DIMENSIONS)
        lines.append(f"{row['ref']:<24}{cells}")
    return "\n".join(lines) + "\n"


COVERAGE_KEYS = ("defined", "under_development", "undefined", "unknown")
