"""Markdown output, for pasting into a report or an issue."""

from __future__ import annotations

from ..engine import Assessment
from ..model.vocab import DIMENSION_LABELS
from ..readiness import Readiness
from ..rules.base import SEVERITY_ORDER


def _cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def assessment_markdown(x: Assessment) -> str:
    lines = [
        f"# {x.a.display} and {x.b.display}: linking assessment",
        "",
        f"- **A:** {x.a.title} (`{x.a.ref}`)",
        f"- **B:** {x.b.title} (`{x.b.ref}`)",
        f"- **Verdict:** {x.verdict.replace('_', ' ')}",
        f"- **Score:** {x.score:g}/100 ({', '.join(f'{n} {s}' for s, n in x.counts.items())})",
        "",
        "## Findings",
    ]
    for severity in SEVERITY_ORDER:
        group = [f for f in x.findings if f.severity == severity.value]
        if group:
            lines += ["", f"### {severity.value.capitalize()}", ""]
            for f in group:
                lines.append(f"- **{f.rule}** {f.title}: {f.message}. *Remedy:* {f.remedy} *({f.citation})*")
    lines += ["", "## Scores by dimension", "", "| Dimension | Score | Weight | Deductions |", "|---|---:|---:|---|"]
    for d in x.dimensions:
        deductions = ", ".join(f"{e['rule']} −{e['points']:g}" for e in d.deductions if e["points"])
        lines.append(f"| {DIMENSION_LABELS[d.id]} | {d.score:.0f} | {d.weight:g} | {_cell(deductions)} |")
    lines.append(f"| **Overall (weighted mean)** | **{x.score:.1f}** | | |")
    return "\n".join(lines) + "\n"


def readiness_markdown(r: Readiness) -> str:
    lines = [f"# Launch readiness: {r.phase.title}", "", "| Prerequisite | State | Check | Value |", "|---|---|---|---|"]
    for item in r.items:
        for i, c in enumerate(item.checks):
            title = item.prerequisite.title if i == 0 else ""
            state = item.state.replace("_", " ") if i == 0 else ""
            lines.append(f"| {title} | {state} | {_cell(c.requirement)} ({c.state.replace('_', ' ')}) | {_cell(c.value)} |")
    return "\n".join(lines) + "\n"


def diff_markdown(a_title: str, b_title: str, differences: list) -> str:
    from ..diff import describe

    lines = [f"# Differences: {a_title} → {b_title}", ""]
    if not differences:
        return "\n".join(lines + ["No differences.", ""])
    lines += ["| Dimension | Field | Change | A | B | Rules |", "|---|---|---|---|---|---|"]
    for d in differences:
        lines.append(f"| {DIMENSION_LABELS[d.dimension]} | {_cell(d.label)} | {d.change} | {_cell(describe(d.a))} | "
                     f"{_cell(describe(d.b))} | {', '.join(d.rules) if d.matters else ''} |")
    return "\n".join(lines) + "\n"


def timeline_markdown(system: str, partner: str, steps: list) -> str:
    lines = [f"# {system} against {partner}", "", "| Phase | Partner phase | Score | Verdict | Blockers | Opened | Closed |",
             "|---|---|---:|---|---|---|---|"]
    for s in steps:
        x = s.assessment
        blockers = ", ".join(sorted({f.rule for f in x.blockers}))
        lines.append(f"| {s.phase.ref} ({s.phase.period}) | {s.partner.ref} | {x.score:.1f} | {x.verdict} | {blockers} | "
                     f"{_cell('; '.join(s.opened))} | {_cell('; '.join(s.closed))} |")
    return "\n".join(lines) + "\n"


def coverage_markdown(rows: list[dict]) -> str:
    from ..model.vocab import DIMENSIONS

    lines = ["| Profile | " + " | ".join(DIMENSION_LABELS[d] for d in DIMENSIONS) + " |",
             "|---|" + "---:|" * len(DIMENSIONS)]
    for row in rows:
        cells = " | ".join("/".join(str(row["dimensions"][d][k]) for k in ("defined", "under_development", "undefined", "unknown"))
                           for d in DIMENSIONS)
        lines.append(f"| `{row['ref']}` | {cells} |")
    lines += ["", "Each cell: defined / under development / undefined / unknown facts."]
    return "\n".join(lines) + "\n"
