"""Markdown output, for pasting into a report or an issue.

Text from profiles is inert here: `safe.md_text` escapes it, so a name or note cannot add links, images, HTML or
table columns.
"""

from __future__ import annotations

from ..engine import Assessment
from ..ranking import Ranking
from ..model.vocab import DIMENSION_LABELS
from ..prerequisites import Departures, Readiness
from ..rules.base import SEVERITY_ORDER
from ..safe_text import md_code, md_text
from .text import (dates_line, departures_heading, departures_summary, score_text, verdict_text, verdict_word,
                   what_if_line)
from ..model.display import format_fact

_cell = md_text  # a table cell: the same escaping, which includes pipes and line breaks


def assessment_markdown(x: Assessment) -> str:
    lines = [
        f"# {md_text(x.a.display)} and {md_text(x.b.display)}: linking assessment",
        "",
        f"- **A:** {md_text(x.a.title)} ({md_code(x.a.ref)})",
        f"- **B:** {md_text(x.b.title)} ({md_code(x.b.ref)})",
        f"- **Assessed:** {md_text(dates_line(x))}",
    ]
    if what_if_line(x):
        lines.append(f"- **{md_text(what_if_line(x))}**")
    lines += [
        f"- **Verdict:** {md_text(verdict_text(x).lower())}",
        f"- **Score:** {score_text(x)}",
        f"- **Completeness:** {x.completeness:g}% of the facts the rules read are defined on both sides",
        f"- **Differences:** {', '.join(f'{n} {s}' for s, n in x.counts.items())}",
        f"- **Open questions** (by severity at stake): {', '.join(f'{n} {s}' for s, n in x.open_counts.items())}",
    ]
    for heading, group in (("Differences", x.differences + [f for f in x.findings if f.kind == "one_way_exempt"]),
                           ("Open questions", x.open_questions)):
        if not group:
            continue
        lines += ["", f"## {heading}"]
        for severity in SEVERITY_ORDER:
            members = [f for f in group if f.severity == severity.value]
            if members:
                lines += ["", f"### {severity.value.capitalize()}", ""]
                for f in members:
                    lines.append(f"- **{md_text(f.rule)}** {md_text(f.title)}: {md_text(f.message)}. "
                                 f"*Remedy:* {md_text(f.remedy)} *({md_text(f.citation)})*")
    lines += ["", "## Scores by dimension", "", "| Dimension | Score | Weight | Deductions | At risk |",
              "|---|---:|---:|---|---|"]
    for d in x.dimensions:
        deductions = ", ".join(f"{e['rule']} −{e['points']:g}" for e in d.deductions if e["points"])
        risk = ", ".join(f"{e['rule']} −{e['at_risk']:g}" for e in d.deductions if e["at_risk"])
        lines.append(f"| {DIMENSION_LABELS[d.id]} | {d.score:.0f} | {d.weight:g} | {_cell(deductions)} | {_cell(risk)} |")
    lines.append(f"| **Overall (weighted mean)** | **{x.score:.1f}** | | | range {x.score_floor:g}–{x.score:g} |")
    return "\n".join(lines) + "\n"


def ranking_markdown(ranking: Ranking) -> str:
    lines = [f"# Partners for {md_text(ranking.candidate.title)}", "", f"As of {ranking.as_of.isoformat()}.", ""]
    first = ranking.partners[0].assessment if ranking.partners else None
    if first is not None and what_if_line(first):
        lines += [f"**{md_text(what_if_line(first))}**", ""]
    lines += ["| Rank | Partner | Verdict | Score | Range | Completeness | Why |", "|---|---|---|---:|---|---:|---|"]
    for r in ranking.partners:
        x = r.assessment
        place = "not ranked" if r.rank is None else f"{r.rank}{'=' if r.tied_with else ''}"
        lines.append(f"| {place} | {_cell(x.b.title)} | {verdict_word(x.verdict)} | {x.score:.1f} | "
                     f"{x.score_floor:g}–{x.score:g} | {x.completeness:g}% | {_cell(r.reason)} |")
    return "\n".join(lines) + "\n"


def readiness_markdown(r: Readiness) -> str:
    lines = [f"# Launch readiness: {md_text(r.phase.title)}", "", f"As of {r.phase.as_of.isoformat()}.", "", "| Prerequisite | State | Check | Value |", "|---|---|---|---|"]
    for item in r.items:
        for i, c in enumerate(item.checks):
            title = md_text(item.prerequisite.title) if i == 0 else ""
            state = item.state.replace("_", " ") if i == 0 else ""
            lines.append(f"| {title} | {state} | {_cell(c.requirement)} ({c.state.replace('_', ' ')}) | {_cell(c.value)} |")
    if r.departures is not None:
        lines += ["", *_departure_lines(r.departures)]
    return "\n".join(lines) + "\n"


def _departure_lines(d: Departures) -> list[str]:
    lines = [f"## {md_text(departures_heading(d))}", "",
             f"Model: {md_code(d.model.ref)}, as of {d.model.as_of.isoformat()}. {md_text(departures_summary(d))}."]
    if d.changed:
        lines += ["", "| Changed | Model | This profile | Decided |", "|---|---|---|---|"]
        for x in d.changed:
            lines.append(f"| {_cell(x.title)} ({md_code(x.path)}) | {_cell(format_fact(x.model))} | "
                         f"{_cell(format_fact(x.fact))} | {'yes' if x.decided else 'no'} |")
    return lines


def diff_markdown(a_title: str, b_title: str, differences: list) -> str:
    from ..differences import describe

    lines = [f"# Differences: {md_text(a_title)} → {md_text(b_title)}", ""]
    if not differences:
        return "\n".join(lines + ["No differences.", ""])
    lines += ["| Dimension | Field | Change | A | B | Rules |", "|---|---|---|---|---|---|"]
    for d in differences:
        lines.append(f"| {DIMENSION_LABELS[d.dimension]} | {_cell(d.label)} | {d.change} | {_cell(describe(d.a))} | "
                     f"{_cell(describe(d.b))} | {_cell(', '.join(d.rules) if d.matters else '')} |")
    return "\n".join(lines) + "\n"


def timeline_markdown(system: str, partner: str, steps: list) -> str:
    from .text import TRANSITION_WORDS

    lines = [f"# {md_text(system)} against {md_text(partner)}", "",
             "| Phase | Partner phase | As of | Score | Range | Verdict | Blockers | Changes since the phase before |",
             "|---|---|---|---:|---|---|---|---|"]
    for s in steps:
        x = s.assessment
        blockers = _cell(", ".join(sorted({f.rule for f in x.blockers})))
        changes = "; ".join(f"{TRANSITION_WORDS[t['change']]}: {t['rule']}" for t in s.transitions)
        lines.append(f"| {_cell(s.phase.ref)} ({s.phase.period}) | {_cell(s.partner.ref)} | {x.as_of.isoformat()} | {x.score:.1f} | "
                     f"{x.score_floor:g}–{x.score:g} | {verdict_word(x.verdict)} | {blockers} | {_cell(changes)} |")
    return "\n".join(lines) + "\n"


def coverage_markdown(rows: list[dict]) -> str:
    from ..model.vocab import DIMENSIONS

    # The review date, not the age: this table is pasted into documents that outlive the day it was made.
    lines = ["| Profile | Reviewed | " + " | ".join(DIMENSION_LABELS[d] for d in DIMENSIONS) + " |",
             "|---|---|" + "---:|" * len(DIMENSIONS)]
    for row in rows:
        cells = " | ".join("/".join(str(row["dimensions"][d][k]) for k in ("defined", "under_development", "undefined", "unknown"))
                           for d in DIMENSIONS)
        lines.append(f"| {md_code(row['ref'])} | {row['reviewed']} | {cells} |")
    lines += ["", "Each cell: defined / under development / undefined / unknown facts."]
    return "\n".join(lines) + "\n"
