"""Terminal output for assessments, rankings, matrices, readiness checklists and the rule catalogue.

Colour only when the output is a terminal and NO_COLOR is not set. Text from profiles never styles the terminal:
every formatter's output passes through `safe.printable`, and only then are linkcheck's own colours put in.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import wraps

import click

from ..engine import Assessment
from ..ranking import Ranking
from ..model.vocab import DIMENSION_LABELS
from ..prerequisites import Departures, Readiness
from ..rules.base import SEVERITY_ORDER, Rule
from ..safe_text import printable
from ..model.display import format_fact

SEVERITY_COLOURS = {"blocker": "red", "major": "yellow", "minor": "cyan", "info": "white"}
VERDICT_COLOURS = {"blocked": "red", "adjustments_needed": "yellow", "compatible": "green", "undetermined": "magenta"}
STATE_MARKS = {"ready": "[x]", "not_met": "[!]", "under_development": "[~]", "undefined": "[ ]",
               "unknown": "[?]", "not_stated": "[?]"}


# A style is written as a placeholder while the output is built, and turned into its ANSI codes only after the
# output has been made printable: the placeholder holds a per-process secret, so profile text cannot forge one.
_STYLE_MARK = f"\ue000{os.urandom(8).hex()}:"  # what secrets.token_hex gives, without importing it
_STYLE_PLACEHOLDER = re.compile(re.escape(_STYLE_MARK) + r"(\d+)\ue001")
_STYLE_CODES: dict[str, int] = {}


def _placeholder(codes: str) -> str:
    index = _STYLE_CODES.setdefault(codes, len(_STYLE_CODES))
    return f"{_STYLE_MARK}{index}\ue001"


def style(text: str, **kwargs) -> str:
    if os.environ.get("NO_COLOR"):
        return text
    start, end = click.style("\0", **kwargs).split("\0")
    return f"{_placeholder(start)}{text}{_placeholder(end)}"


def for_terminal(text: str) -> str:
    """Finished output for a terminal: every character of data that a terminal would act on is escaped, then the
    styles this module asked for are put in."""
    codes = {index: value for value, index in _STYLE_CODES.items()}
    return _STYLE_PLACEHOLDER.sub(lambda m: codes[int(m.group(1))], printable(text, keep_newlines=True))


def _terminal_output(formatter: Callable[..., str]) -> Callable[..., str]:
    @wraps(formatter)
    def wrapper(*args, **kwargs) -> str:
        return for_terminal(formatter(*args, **kwargs))

    return wrapper


def verdict_word(verdict: str) -> str:
    return verdict.replace("_", " ")


def dates_line(x: Assessment) -> str:
    """The assessment date, and where a side is looked at on another day because its phase was not in force."""
    line = f"as of {x.as_of.isoformat()}"
    moved = [f"{p.display} as it stood on {p.as_of.isoformat()}" for p in (x.a, x.b) if p.as_of != x.as_of]
    return line + (f" ({'; '.join(moved)}: its phase was not in force on that day)" if moved else "")


def what_if_line(x: Assessment) -> str | None:
    if not x.what_if:
        return None
    changes = "; ".join(f"{side}.{path} = {value}" for side, paths in x.what_if.items() for path, value in paths.items())
    return f"WHAT-IF: not the profiles as published; changed by hand: {changes}"


def score_text(x: Assessment) -> str:
    if x.score_floor == x.score:
        return f"score {x.score:g}/100"
    return f"score {x.score:g}/100 confirmed, {x.score_floor:g} if every open question resolved unfavourably"


def verdict_text(x: Assessment) -> str:
    """The verdict, with the range it could move in when it is undetermined."""
    word = verdict_word(x.verdict).upper()
    if x.verdict != "undetermined":
        return word
    best, worst = x.verdict_range
    if x.completeness < x.config.min_completeness:
        reason = f"only {x.completeness:g}% of the facts read are defined on both sides"
    else:
        reason = "open questions could change it"
    span = verdict_word(best) if best == worst else f"{verdict_word(best)} to {verdict_word(worst)}"
    return f"{word} ({reason}; as known now: {span})"


@_terminal_output
def assessment_text(x: Assessment) -> str:
    direction = {"two_way": "two-way link", "a_accepts_b": f"{x.a.display} accepts {x.b.display}'s units",
                 "b_accepts_a": f"{x.b.display} accepts {x.a.display}'s units"}[x.direction]
    lines = [f"{x.a.title}\n  against {x.b.title}\n  ({direction}, {dates_line(x)})"]
    if what_if_line(x):
        lines.append(style(what_if_line(x), fg="magenta", bold=True))
    lines += [
        "",
        f"Verdict: {style(verdict_text(x), fg=VERDICT_COLOURS[x.verdict], bold=True)}",
        f"  {score_text(x)}; completeness {x.completeness:g}% "
        f"(facts the rules read, defined on both sides)",
        "  differences: " + " · ".join(f"{n} {s}" for s, n in x.counts.items()),
        "  open questions, by severity at stake: " + " · ".join(f"{n} {s}" for s, n in x.open_counts.items()),
    ]
    for title, group in (("", x.differences + [f for f in x.findings if f.kind == "one_way_exempt"]),
                         ("OPEN QUESTIONS, by severity at stake", x.open_questions)):
        if title and group:
            lines += ["", style(title, bold=True)]
        for severity in SEVERITY_ORDER:
            members = [f for f in group if f.severity == severity.value]
            if not members:
                continue
            heading = f"{severity.value.upper()} ({len(members)})"
            lines += ["", style(heading if not title else "  " + heading, fg=SEVERITY_COLOURS[severity.value], bold=True)]
            for f in members:
                kind = "" if f.kind in ("difference", "open_question") else f" [{f.kind.replace('_', ' ')}]"
                lines.append(f"  {f.rule}  {f.title}{kind}")
                lines.append(f"      {f.message}")
                lines.append(f"      → {f.remedy}")
    lines += ["", "Score by dimension (100 minus one penalty per rule; weight; points at risk from open questions)"]
    for d in x.dimensions:
        deductions = ", ".join(f"{e['rule']} −{e['points']:g}" for e in d.deductions if e["points"])
        risk = ", ".join(f"{e['rule']} −{e['at_risk']:g}?" for e in d.deductions if e["at_risk"])
        lines.append(f"  {DIMENSION_LABELS[d.id]:<24} {d.score:>5.0f}  ×{d.weight:g}  {deductions}"
                     + (f"  at risk: {risk}" if risk else ""))
    lines.append(f"  {'Overall (weighted mean)':<24} {x.score:>5.1f}  (range {x.score_floor:g}–{x.score:g})")
    return "\n".join(lines) + "\n"


@_terminal_output
def ranking_text(ranking: Ranking) -> str:
    first = ranking.partners[0].assessment if ranking.partners else None
    lines = [f"Partners for {ranking.candidate.title}, best first, as of {ranking.as_of.isoformat()}", ""]
    if first is not None and what_if_line(first):
        lines += [style(what_if_line(first), fg="magenta", bold=True), ""]
    for r in ranking.partners:
        x = r.assessment
        place = "–" if r.rank is None else f"{r.rank}{'=' if r.tied_with else ''}"
        lines.append(f"{place}. {x.b.title}")
        lines.append(f"   {style(verdict_text(x), fg=VERDICT_COLOURS[x.verdict], bold=True)}, {score_text(x)}, "
                     f"completeness {x.completeness:g}%")
        lines.append("   differences: " + " · ".join(f"{n} {s}" for s, n in x.counts.items()))
        lines.append(f"   {r.reason}")
        moved = [p for p in (x.a, x.b) if p.as_of != x.as_of]
        if moved:
            lines.append("   " + "; ".join(f"{p.display} as it stood on {p.as_of.isoformat()}" for p in moved)
                         + ": its phase was not in force on that day")
        for f in x.differences:
            if f.severity in ("blocker", "major"):
                lines.append(f"   {f.severity:<7} {f.rule}  {f.message}")
        lines.append("")
    return "\n".join(lines)


@_terminal_output
def matrix_text(assessments: list[Assessment]) -> str:
    width = max((len(x.a.ref) for x in assessments), default=10)
    width_b = max((len(x.b.ref) for x in assessments), default=10)
    days = sorted({x.as_of.isoformat() for x in assessments})
    one_day = len(days) == 1
    lines = [f"as of {days[0]}"] if one_day else []
    lines.append(f"{'A':<{width}}  {'B':<{width_b}}  " + ("" if one_day else f"{'as of':<10}  ")
                 + f"{'verdict':<18} score  range        complete  blockers")
    for x in assessments:
        blockers = ",".join(sorted({f.rule for f in x.blockers}))
        span = f"{x.score_floor:5.1f}–{x.score:<5.1f}"
        moved = "*" if x.a.as_of != x.as_of or x.b.as_of != x.as_of else " "
        day = "" if one_day else f"{x.as_of.isoformat():<10}  "
        lines.append(f"{x.a.ref:<{width}}  {x.b.ref:<{width_b}}{moved} {day}{verdict_word(x.verdict):<18} "
                     f"{x.score:5.1f}  {span:<12} {x.completeness:>7.0f}%  {blockers}")
    if any(x.a.as_of != x.as_of or x.b.as_of != x.as_of for x in assessments):
        lines.append("* a side was not in force on that day and is looked at as it stood on its nearest day")
    return "\n".join(lines) + "\n"


@_terminal_output
def readiness_text(r: Readiness) -> str:
    verdict = "ready to launch" if r.ready else f"{len(r.open_items)} of {len(r.items)} prerequisites open"
    lines = [f"Launch readiness of {r.phase.title}: {verdict}", f"as of {r.phase.as_of.isoformat()}", ""]
    for item in r.items:
        lines.append(f"{STATE_MARKS[item.state]} {item.prerequisite.title}: {item.state.replace('_', ' ')}")
        for c in item.checks:
            lines.append(f"      {STATE_MARKS[c.state]} {c.requirement} ({c.path}: {c.value})")
        if item.state != "ready":
            lines.append(f"      why: {item.prerequisite.why}")
    lines += ["", "[x] ready  [!] decided but falls short  [~] under development  [ ] undefined  [?] unknown or not stated"]
    if r.departures is not None:
        lines += ["", *_departure_lines(r.departures)]
    return "\n".join(lines) + "\n"


def departures_heading(d: Departures) -> str:
    return f"Departures from the model ({d.model.display})"


def departures_summary(d: Departures) -> str:
    """The counts in words: '2 changed (1 decided), 55 still provisional, 0 kept, 1 left undefined'."""
    counts = d.counts
    decided = sum(1 for x in d.changed if x.decided)
    return (f"{counts['changed']} changed ({decided} decided), {counts['provisional']} still provisional (the "
            f"model's value, not yet decided), {counts['kept']} kept, {counts['undefined']} left undefined")


def _departure_lines(d: Departures) -> list[str]:
    lines = [f"{departures_heading(d)}: {d.model.ref}, as of {d.model.as_of.isoformat()}", f"  {departures_summary(d)}"]
    for x in d.changed:
        decided = "decided" if x.decided else "not decided yet"
        lines.append(f"  changed: {x.title} ({x.path}): {format_fact(x.model)} -> {format_fact(x.fact)}, {decided}")
    return lines


@_terminal_output
def rules_text(rules: list[Rule]) -> str:
    lines = []
    for r in rules:
        lines.append(f"{r.code:<11} {r.severity.value:<8} {r.dimension:<17} {r.title}")
    return "\n".join(lines) + "\n"


@_terminal_output
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


@_terminal_output
def diff_text(a_title: str, b_title: str, differences: list) -> str:
    from ..differences import describe

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


TRANSITION_WORDS = {
    "opened": "opened", "closed": "closed", "became_open_question": "now an open question (facts unknown)",
    "question_raised": "open question raised", "answered_difference": "answered: a difference",
    "answered_no_difference": "answered: no difference",
    "eased": "eased", "worsened": "worsened",
}


# Dimension names that fit a table column of eight characters.
SHORT_DIMENSIONS = {"system": "system", "ambition": "ambition", "coverage": "coverage", "allocation": "alloc.",
                    "flexibility": "banking", "cost_containment": "cost", "offsets": "offsets", "mrv": "MRV",
                    "enforcement": "enforce", "market": "market", "linking": "linking"}


@_terminal_output
def timeline_text(system: str, partner: str, steps: list) -> str:
    from ..model.vocab import DIMENSIONS

    short = SHORT_DIMENSIONS
    lines = [f"{system} against {partner}", "",
             f"{'phase':<22} {'partner':<22} {'as of':<10}  {'score':>5} {'range':>11}  {'verdict':<19}"
             + " ".join(f"{short[d]:>8}" for d in DIMENSIONS)]
    for s in steps:
        x = s.assessment
        partner_ref = s.partner.ref + ("*" if s.partner_match == "nearest" else "")
        dims = " ".join(f"{d.score:>8.0f}" for d in x.dimensions)
        span = f"{x.score_floor:.1f}–{x.score:.1f}"
        lines.append(f"{s.phase.ref:<22} {partner_ref:<22} {x.as_of.isoformat():<10}  {x.score:>5.1f} {span:>11}  "
                     f"{verdict_word(x.verdict):<19}{dims}")
    lines.append("")
    for s in steps:
        blockers = ", ".join(sorted({f.rule for f in s.assessment.blockers})) or "none"
        lines.append(f"{s.phase.ref} ({s.phase.period}): blockers {blockers}; completeness "
                     f"{s.assessment.completeness:g}%")
        for t in s.transitions:
            word = TRANSITION_WORDS[t["change"]]
            if t["change"] in ("eased", "worsened", "answered_difference", "opened"):
                word += f" ({t['severity_after']})" if t["change"] != "eased" else f" to {t['severity_after']}"
            lines.append(f"    {word:<38} {t['rule']} {t['title']}")
    if any(s.partner_match == "nearest" for s in steps):
        lines += ["", "* no partner phase in force in those years; the nearest in time is used"]
    return "\n".join(lines) + "\n"


@_terminal_output
def coverage_text(rows: list[dict]) -> str:
    from ..model.vocab import DIMENSIONS

    header = f"{'profile':<24}{'reviewed':<11}{'age':>5}" + "".join(f"{SHORT_DIMENSIONS[d]:>13}" for d in DIMENSIONS)
    lines = [header, "cells: defined/under development/undefined/unknown; age: days since the file was reviewed", ""]
    for row in rows:
        cells = "".join(f"{'/'.join(str(row['dimensions'][d][k]) for k in COVERAGE_KEYS):>13}" for d in DIMENSIONS)
        lines.append(f"{row['ref']:<24}{row['reviewed']:<11}{row['age_days']:>5}{cells}")
    return "\n".join(lines) + "\n"


COVERAGE_KEYS = ("defined", "under_development", "undefined", "unknown")
