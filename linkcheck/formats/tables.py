"""The tables the commands print as CSV: one documented column set per command (docs/csv.md), one row builder each.

A row is flat: lists are joined with "; ", counts by severity get one column each. A text cell that a spreadsheet
would run as a formula (it starts with =, +, - or @) is written with a leading apostrophe, as OWASP advises for CSV
that is opened in Excel or LibreOffice; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

SEVERITIES = ("blocker", "major", "minor", "info")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "assess": (
        ("a", "side a's reference (SYSTEM@PHASE)"), ("b", "side b's reference"),
        ("as_of", "assessment date"), ("verdict", "the pair's verdict"),
        ("kind", "difference (the facts differ) or open_question (a fact the rule reads is not known)"),
        ("rule", "rule code, e.g. LK-OFF-01"), ("severity", "blocker, major, minor or info"),
        ("dimension", "design dimension the rule belongs to"), ("title", "rule title"),
        ("message", "what was found, in words"), ("a_value", "side a's value the rule read"),
        ("b_value", "side b's value the rule read"), ("adjust", "side that must change: a, b or both"),
        ("weak_side", "side whose facts are missing or weaker"), ("remedy", "what must change, and to what"),
        ("citation", "literature or law the rule rests on"), ("missing", "facts not known, as path (side)")),
    "rank": (
        ("candidate", "the candidate's reference"), ("rank", "position, 1 best; equal for tied partners"),
        ("ranked", "false when the verdict is undetermined (listed last, not ranked)"),
        ("ref", "partner's reference"), ("name", "partner's name"), ("verdict", "the pair's verdict"),
        ("score", "compatibility score, 0-100"), ("score_low", "lowest score the open questions allow"),
        ("score_high", "highest score the open questions allow"), ("completeness", "share of read facts known, %"),
        *((s, f"{s} differences") for s in SEVERITIES), *((f"open_{s}", f"open questions at stake {s}") for s in SEVERITIES),
        ("tied_with", "partners tied with this one"), ("reason", "why it stands where it does"),
        ("blockers", "rules that block"), ("adjustments", "rules the candidate must act on"),
        ("as_of", "candidate's assessment date"), ("partner_as_of", "partner's assessment date")),
    "matrix": (
        ("a", "side a"), ("b", "side b"), ("as_of", "assessment date"), ("a_as_of", "a's date"),
        ("b_as_of", "b's date"), ("verdict", "the pair's verdict"), ("score", "compatibility score, 0-100"),
        ("score_floor", "lowest score the open questions allow"), ("completeness", "share of read facts known, %"),
        *((s, f"{s} differences") for s in SEVERITIES), *((f"open_{s}", f"open questions at stake {s}") for s in SEVERITIES)),
    "timeline": (
        ("phase", "the system's phase"), ("start", "first year"), ("end", "last year (empty: open-ended)"),
        ("as_of", "assessment date"), ("partner", "partner phase assessed against"),
        ("partner_match", "in_force (the partner phase of those years) or fixed"), ("verdict", "verdict"),
        ("score", "compatibility score"), ("completeness", "share of read facts known, %"),
        *((s, f"{s} differences") for s in SEVERITIES), *((f"open_{s}", f"open questions at stake {s}") for s in SEVERITIES),
        ("blockers", "rules that block"), ("opened", "differences that opened since the phase before"),
        ("closed", "differences that closed since the phase before")),
    "readiness": (
        ("ref", "the drafting state's profile"), ("item", "prerequisite id"), ("item_title", "prerequisite"),
        ("item_state", "ready, under_development or missing, for the prerequisite"), ("path", "fact checked"),
        ("requirement", "what the fact must say"), ("state", "state of this check"), ("value", "the fact, in words"),
        ("note", "the profile's note on the fact")),
    "coverage": (
        ("ref", "system and phase"), ("reviewed", "date the file was last reviewed"),
        ("age_days", "days since the review"), ("dimension", "design dimension"),
        ("defined", "facts defined"), ("under_development", "facts under development"),
        ("undefined", "facts not decided"), ("unknown", "facts not known")),
    "diff": (
        ("path", "fact path, e.g. offsets.domestic.limit_pct"), ("label", "field title"),
        ("dimension", "design dimension"),
        ("change", "added, removed, changed, status (the status changed), schedule (the dated changes differ), "
                   "sources or note"), ("a", "value in A"),
        ("b", "value in B"), ("rules", "rules that read this fact")),
}


def columns(table: str) -> list[str]:
    return [name for name, _ in COLUMNS[table]]


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(_cell(v)) for v in value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_text(names: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return out.getvalue()


def _severities(counts: dict[str, int], open_counts: dict[str, int]) -> dict[str, int]:
    return {**{s: counts.get(s, 0) for s in SEVERITIES}, **{f"open_{s}": open_counts.get(s, 0) for s in SEVERITIES}}


def assessment_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per finding and open question of `assess --format json`."""
    for f in data["findings"]:
        yield {**f, "a": data["a"]["ref"], "b": data["b"]["ref"], "as_of": data["as_of"], "verdict": data["verdict"],
               "a_value": f.get("a"), "b_value": f.get("b"),
               "missing": [f"{m.get('path')} ({m.get('side')})" for m in f.get("missing", [])]}


def ranking_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for p in data["partners"]:
        low, high = (p.get("score_range") or [None, None])[:2]
        yield {**p, "candidate": data["candidate"], "score_low": low, "score_high": high,
               **_severities(p["counts"], p["open_questions"])}


def timeline_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for step in data["phases"]:
        start, end = step["period"]
        yield {**step, "start": start, "end": end, **_severities(step["counts"], step["open_questions"])}


def readiness_rows(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for item in data["items"]:
        for check in item["checks"]:
            yield {"ref": data["ref"], "item": item["id"], "item_title": item["title"], "item_state": item["state"],
                   **check}


def coverage_rows(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for row in rows:
        for dimension, counts in row["dimensions"].items():
            yield {"ref": row["ref"], "reviewed": row["reviewed"], "age_days": row["age_days"],
                   "dimension": dimension, **counts}


def markdown_table_doc() -> str:
    """docs/csv.md: every command's columns, generated from COLUMNS so the page cannot drift from the code."""
    lines = ["# CSV columns", "",
             "`--format csv` prints one table per command, in these columns. Lists are joined with `; `; a text cell",
             "that a spreadsheet would run as a formula (starting with `=`, `+`, `-` or `@`) begins with an apostrophe.",
             "", "<!-- Generated by scripts/gen_docs.py from linkcheck/formats/tables.py. Do not edit. -->", ""]
    commands = {"assess": ("linkcheck assess A B", "finding or open question"),
                "rank": ("linkcheck rank CANDIDATE PARTNER...", "partner"),
                "matrix": ("linkcheck matrix", "pair"),
                "timeline": ("linkcheck timeline SYSTEM --against PARTNER", "phase of SYSTEM"),
                "readiness": ("linkcheck readiness PROFILE", "check of a prerequisite"),
                "coverage": ("linkcheck coverage", "phase and dimension"),
                "diff": ("linkcheck diff A B", "difference")}
    for table, spec in COLUMNS.items():
        command, row = commands[table]
        lines += [f"## {table}", "", f"`{command} --format csv`: one row per {row}.", "",
                  "| column | meaning |", "|---|---|"]
        lines += [f"| `{name}` | {meaning} |" for name, meaning in spec]
        lines.append("")
    return "\n".join(lines[:-1]) + "\n"
