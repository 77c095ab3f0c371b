"""The three reports as Excel workbooks: one sheet per table a consultant sorts, filters and quotes, built from the
same context as the PDF (linkcheck/reports/context.py), in the report's language.

Profile text is untrusted: every text cell is stored as a string, never as a formula, and characters XML cannot
hold are dropped. Numbers, percentages and dates are real numbers and dates. The bytes depend only on the context,
the language and the report date (no clock is read).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..messages import render as render_message
from ..model.fields import FIELDS_BY_PATH
from ..model.vocab import DIMENSION_LABELS
from . import i18n
from .i18n import N_
from .localize import local_names, local_numbers, local_words

# How each kind of cell is stored and shown. Percentages are stored as fractions (69.2% is 0.692), as Excel
# computes with them; the JSON and the PDF print the same figure as 69.2.
NUMBER_FORMATS = {"count": "0", "score": "0.0", "percent": "0.0%", "amount": "#,##0.####", "date": "yyyy-mm-dd"}
SEVERITY_ORDER = ("blocker", "major", "minor", "info")
UNRESOLVED = i18n.UNRESOLVED  # the kinds shown as open questions, never as differences

# Excel (XML 1.0) cannot hold C0 controls other than tab, newline and carriage return, lone surrogates, U+FFFE or
# U+FFFF; openpyxl refuses some of them (IllegalCharacterError) and writes a file Excel must repair for others.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Text a spreadsheet would take for a formula if someone retyped it; stored as a string with Excel's quote prefix.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CELL_TEXT_LIMIT = 32_767  # Excel's most characters in one cell
SHEET_NAME_LIMIT = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
WIDTH_LIMIT = 60  # characters: longer text runs on in the cell, and the column stays usable
DATE_WIDTH = 12

# A value as the profiles' formatter writes it that is one amount: "57", "20,000 tCO2e per year",
# "100 EUR/t (2012 prices)", "153 MtCO2e (2015)". Anything else (lists, prose, dates in words) stays text.
_AMOUNT = re.compile(r"(?P<number>-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)"
                     r"(?: (?P<unit>[A-Za-z]{3}/t \(\d{4} prices\)|[kM]?tCO2e?(?: \(\d{4}\)| per year)?|%))?")


@dataclass(frozen=True)
class Column:
    """One column: its header (English, the catalogue entry where one exists), how a row gives its value, and the
    kind of cell (text, count, score, percent, amount, date, or a fact's `value`: a number when it is one)."""

    header: str  # marked with N_() where it is written, translated when the sheet is
    value: Callable[[Any], Any]
    kind: str | Callable[[Any], str] = "text"


@dataclass(frozen=True)
class Sheet:
    title: str  # marked with N_() where it is written, translated when the sheet is
    columns: Sequence[Column]
    rows: Sequence[Any]


def workbook(kind: str, context: dict[str, Any], lang: str) -> bytes:
    """The report of `kind` (pairwise, ranking, readiness) as .xlsx bytes; `context` as `render()` localizes it."""
    from openpyxl import Workbook

    words = Words(lang, context.get("_names", {}))
    day = dt.date.fromisoformat(context["date"])
    book = Workbook()
    book.remove(book.active)
    for sheet in SHEETS[kind](context, words):
        _write_sheet(book.create_sheet(_sheet_name(words.tr(sheet.title))), sheet, words)
    stamp = dt.datetime.combine(day, dt.time())
    book.properties.created = book.properties.modified = stamp
    document = context.get("document", {})
    book.properties.creator = _clean(document.get("author") or "linkcheck")
    book.properties.lastModifiedBy = "linkcheck"
    book.properties.title = _clean(document.get("title") or words.question(kind, context))
    return _saved(book, stamp)


class Words:
    """The report's language: fixed text through the catalogue, engine messages from their templates."""

    def __init__(self, lang: str, names: dict[str, str]) -> None:
        self.lang = lang
        self.names = names
        self.gettext = i18n.translations(lang).gettext

    def tr(self, text: str | None) -> str | None:
        """Fixed English text in the language where the catalogue has it; English otherwise."""
        return None if text is None else self.gettext(text)

    def engine(self, template: dict[str, Any] | None, english: str) -> str:
        """A message the engine wrote (a finding, a ranking's reason), as the PDF words it."""
        text = local_names(render_message(template, english, self.gettext), self.names)
        return local_numbers(local_words(text, self.gettext), self.lang)

    def label(self, table: dict[Any, str], key: Any) -> str | None:
        return None if key is None else self.tr(table.get(key, str(key)))

    def dimension(self, dim: str | None) -> str | None:
        return self.label(DIMENSION_LABELS, dim)

    def field(self, path: str) -> str:
        spec = FIELDS_BY_PATH.get(path)
        return self.gettext(spec.title) if spec else path

    def question(self, kind: str, context: dict[str, Any]) -> str:
        if kind == "pairwise":
            return self.gettext(QUESTIONS[kind]) % {"a": context["a"]["display"], "b": context["b"]["display"]}
        profile = context["candidate" if kind == "ranking" else "phase"]
        return self.gettext(QUESTIONS[kind]) % {"a": profile["display"]}


# The question each report answers, as the report's cover asks it (the catalogue's entries).
QUESTIONS = {"pairwise": N_("Can %(a)s and %(b)s link?"), "ranking": N_("Which partner should %(a)s link with?"),
             "readiness": N_("Is %(a)s ready to launch?")}
# How the pair links, as the summary names it.
DIRECTIONS = {"two_way": N_("two-way link"), "a_accepts_b": N_("one-way link: A accepts units from B"),
              "b_accepts_a": N_("one-way link: B accepts units from A")}


# ---------- Writing cells ----------

def _write_sheet(ws: Any, sheet: Sheet, words: Words) -> None:
    """Header row bold and frozen, an auto-filter over the data, and columns as wide as their content."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    for col, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=col)
        _put(cell, _header(words, column), "text")
        cell.font = bold
    widths = [len(_header(words, c)) for c in sheet.columns]
    for r, row in enumerate(sheet.rows, start=2):
        for col, column in enumerate(sheet.columns, start=1):
            kind = column.kind(row) if callable(column.kind) else column.kind
            shown = _put(ws.cell(row=r, column=col), column.value(row), kind)
            widths[col - 1] = max(widths[col - 1], shown)
    last = get_column_letter(len(sheet.columns))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = min(width, WIDTH_LIMIT) + 2


def _header(words: Words, column: Column) -> str:
    # Some headers borrow the report's labels ("Why:"), whose colon a column header does not need.
    return str(words.tr(column.header)).rstrip(":")


def _put(cell: Any, value: Any, kind: str) -> int:
    """Store one value as its kind says; return how many characters it shows, for the column's width."""
    if value is None or value == "":
        return 0
    if kind == "value":
        value, kind = _fact_value(value)
    if kind == "date":
        cell.value = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
        cell.number_format = NUMBER_FORMATS["date"]
        return DATE_WIDTH
    if kind in NUMBER_FORMATS and isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = round(value / 100, 6) if kind == "percent" else value  # 0.692, not 0.6920000000000001
        cell.number_format = NUMBER_FORMATS[kind]
        return len(f"{value:,}") + (1 if kind == "percent" else 0)
    text = _clean(str(value))
    cell.value = text
    cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula; profile text never is one
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True  # and it stays text when someone edits the cell in Excel
    return max(len(line) for line in text.split("\n"))


def _clean(text: str) -> str:
    text = _NOT_XML.sub("", text)
    return text if len(text) <= CELL_TEXT_LIMIT else text[:CELL_TEXT_LIMIT - 1] + "…"


def _fact_value(text: str) -> tuple[Any, str]:
    """A fact's value as shown: a plain number is stored as a number, anything else as text."""
    match = _AMOUNT.fullmatch(text)
    if match and not match.group("unit"):
        return _number(match.group("number")), "amount"
    return text, "text"


def amount(text: str | None) -> tuple[float | int | None, str | None]:
    """The amount and unit of a value that is one quantity ("100 EUR/t (2012 prices)": 100, "EUR/t (2012 prices)"),
    else (None, None)."""
    match = _AMOUNT.fullmatch(text or "")
    return (_number(match.group("number")), match.group("unit")) if match else (None, None)


def _number(digits: str) -> float | int:
    plain = digits.replace(",", "")
    return float(plain) if "." in plain else int(plain)


def _sheet_name(title: str) -> str:
    return _SHEET_NAME_FORBIDDEN.sub(" ", _clean(title))[:SHEET_NAME_LIMIT]


def _saved(book: Any, stamp: dt.datetime) -> bytes:
    """The workbook's bytes. `Workbook.save` stamps the document modified now, and zipfile dates each entry by the
    clock: written here with openpyxl's writer, then every entry dated the report date."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _stamped_zip(buffer.getvalue(), stamp)


def _stamped_zip(data: bytes, stamp: dt.datetime) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# ---------- Rows the sheets share ----------

def _summary_sheet(words: Words, rows: list[tuple[str, Any, str]]) -> Sheet:
    return Sheet(N_("Summary"), [Column(N_("Item"), lambda r: words.tr(r[0])),
                                 Column(N_("Value"), lambda r: r[1], lambda r: r[2])], rows)


def _side_rows(words: Words, label: str, side: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """The rows of one side; `label` is a catalogue entry (marked by the caller)."""
    name = words.tr(label)
    phase, as_of, reviewed = (words.tr(t) for t in (N_("Phase"), N_("Facts as of"), N_("Profile reviewed")))
    return [(name, side["display"], "text"), (f"{name}: {phase}", side["phase"], "text"),
            (f"{name}: {as_of}", side["as_of"], "date"), (f"{name}: {reviewed}", side["reviewed"], "date")]


def _assessment_rows(words: Words, x: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """The verdict, score and counts of one assessment, as the summary lists them."""
    best, worst = x["verdict_range"]
    completeness, differences, open_questions = (words.tr(t) for t in (
        N_("Completeness"), N_("Differences"), N_("Open questions")))
    rows = [(words.tr(N_("Verdict")), words.label(i18n.VERDICTS, x["verdict"]), "text"),
            (N_("Verdict range"), f"{words.label(i18n.VERDICTS, best)} – {words.label(i18n.VERDICTS, worst)}",
             "text"),
            (words.tr(N_("Overall score")), x["score"], "score"), (words.tr(N_("At worst")), x["score_floor"], "score"),
            (completeness, x["completeness"], "percent"),
            *((f"{completeness}: {x[s]['display']}", x["completeness_by_side"][s], "percent")
              for s in ("a", "b")),
            (N_("Minimum completeness for a verdict"), x["min_completeness"], "percent")]
    rows += [(f"{differences}: {words.label(i18n.SEVERITIES, s)}", x["counts"].get(s, 0), "count")
             for s in SEVERITY_ORDER]
    rows += [(f"{open_questions}: {words.label(i18n.SEVERITIES, s)}", x["open_counts"].get(s, 0), "count")
             for s in SEVERITY_ORDER]
    return rows


def _what_if_rows(words: Words, what_if: dict[str, dict[str, Any]]) -> list[tuple[str, Any, str]]:
    what_if_label = words.tr(N_("What-if:"))
    return [(f"{what_if_label} {side}.{path}", value if isinstance(value, int | float) and not
             isinstance(value, bool) else str(value), "amount")
            for side, changes in sorted(what_if.items()) for path, value in sorted(changes.items())]


def _report_rows(context: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """Who the report is by and for (as on the cover, where given), its date and the version that made it."""
    document = context.get("document", {})
    given = [(label, document.get(key), "text") for key, label in (("title", N_("Title")), ("author", N_("Author")),
             ("client", N_("Prepared for")), ("reference", N_("Reference"))) if document.get(key)]
    return [*given, (N_("Report date"), context["date"], "date"),
            (N_("linkcheck version"), context["version"], "text")]


def _adjust(words: Words, adjust: str | None, a: dict[str, Any], b: dict[str, Any]) -> str | None:
    return {"a": a["display"], "b": b["display"], "both": words.tr(N_("both sides"))}.get(adjust or "")


def _side_name(side: str, a: dict[str, Any], b: dict[str, Any]) -> str:
    return {"a": a, "b": b}[side]["display"] if side in ("a", "b") else side


def _facts(f: dict[str, Any], side: str, words: Words) -> str:
    """What the rule read on one side, one fact a line: 'field: value (status)'."""
    return "\n".join(f"{words.field(e['path'])}: {_fact_text(e[side], words)}" for e in f["evidence"])


def _fact_text(fact: dict[str, Any], words: Words) -> str:
    status = words.label(i18n.FACT_STATUSES, fact["status"])
    return status if fact["value"] is None else f"{fact['value']} ({status})"


def _finding_columns(words: Words, a: Callable[[Any], dict[str, Any]],
                     b: Callable[[Any], dict[str, Any]]) -> list[Column]:
    """Every field of a finding; rows are (finding, assessment) so a ranking can name each finding's partner."""
    def names(row: Any) -> dict[str, str]:
        return {"a": a(row)["display"], "b": b(row)["display"]}

    return [
        Column(N_("Type"), lambda r: words.tr(N_("Open question") if r[0]["kind"] in UNRESOLVED else N_("Finding"))),
        Column(N_("Kind"), lambda r: words.label(i18n.KINDS, r[0]["kind"])),
        Column(N_("Rule"), lambda r: r[0]["rule"]),
        Column(N_("Severity"), lambda r: words.label(i18n.SEVERITIES, r[0]["severity"])),
        Column(N_("Dimension"), lambda r: words.dimension(r[0]["dimension"])),
        Column(N_("Title"), lambda r: words.tr(r[0]["title"])),
        Column(N_("Finding"), lambda r: words.engine(r[0].get("message_template"), r[0]["message"])),
        Column(N_("Who must change"), lambda r: _adjust(words, r[0]["adjust"], a(r), b(r))),
        Column(N_("Weak side"), lambda r: _adjust(words, r[0]["weak_side"], a(r), b(r))),
        Column(N_("What to change"), lambda r: i18n.remedy_text(words.gettext, r[0]["remedy_msgid"], r[0]["adjust"],
                                                              names(r))),
        Column(N_("Citation"), lambda r: r[0]["citation"]),
        Column(N_("Paths read"), lambda r: "\n".join(e["path"] for e in r[0]["evidence"])),
        Column(N_("Facts of A"), lambda r: _facts(r[0], "a", words)),
        Column(N_("Facts of B"), lambda r: _facts(r[0], "b", words)),
        Column(N_("What is missing"), lambda r: "\n".join(
            f"{_side_name(m['side'], a(r), b(r))}: {m['path']} ({_missing_status(m, words)})"
            for m in r[0]["missing"])),
    ]


def _missing_status(m: dict[str, Any], words: Words) -> str:
    if m["state"] == "other":
        return words.engine(m.get("status_template"), m["status"])
    return words.label(i18n.FACT_STATUSES, m["state"])


def _open_question_columns(words: Words, a: Callable[[Any], dict[str, Any]],
                           b: Callable[[Any], dict[str, Any]]) -> list[Column]:
    """One row per missing fact of an open question; rows are (finding, missing fact, assessment)."""
    return [
        Column(N_("Rule"), lambda r: r[0]["rule"]),
        Column(N_("At stake"), lambda r: words.label(i18n.SEVERITIES, r[0]["severity"])),
        Column(N_("Dimension"), lambda r: words.dimension(r[0]["dimension"])),
        Column(N_("Title"), lambda r: words.tr(r[0]["title"])),
        Column(N_("Side"), lambda r: _side_name(r[1]["side"], a(r), b(r)) if r[1] else None),
        Column(N_("Path"), lambda r: r[1]["path"] if r[1] else None),
        Column(N_("Fact"), lambda r: words.field(r[1]["path"]) if r[1] else None),
        Column(N_("Status"), lambda r: _missing_status(r[1], words) if r[1] else None),
        Column(N_("Open question"), lambda r: words.engine(r[0].get("message_template"), r[0]["message"])),
        Column(N_("Next step:"), lambda r: i18n.remedy_text(words.gettext, r[0]["remedy_msgid"], r[0]["adjust"],
                                                         {"a": a(r)["display"], "b": b(r)["display"]})),
    ]


def _open_rows(x: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any] | None, dict[str, Any]]]:
    return [(f, m, x) for f in x["findings"] if f["kind"] in UNRESOLVED for m in (f["missing"] or [None])]


def _sources_sheet(context: dict[str, Any], phases: Iterable[dict[str, Any]]) -> Sheet:
    """Every source of the profiles involved, with the phases (sides) that use the profile."""
    users: dict[str, list[str]] = {}
    for phase in phases:
        users.setdefault(phase["file"], []).append(phase["display"])
    rows = [(origin, key, source, ", ".join(dict.fromkeys(users.get(origin, []))))
            for origin, entries in context["sources"].items() for key, source in entries.items()]
    return Sheet(N_("Sources"), [
        Column(N_("Used by"), lambda r: r[3]), Column(N_("Key"), lambda r: r[1]),
        Column(N_("Source"), lambda r: r[2]["citation"]), Column(N_("URL"), lambda r: r[2]["url"]),
        Column(N_("Accessed"), lambda r: r[2]["accessed"], "date"), Column(N_("Note"), lambda r: r[2]["note"]),
        Column(N_("Profile"), lambda r: r[0]),
    ], rows)


OPEN = N_("Open")  # open questions, in a column header: "Open: Blocker"


def _ranking_sheet(words: Words, partners: list[dict[str, Any]]) -> Sheet:
    return Sheet(N_("Ranking"), [
        Column(N_("Rank"), lambda p: p["place"] or words.tr(N_("not ranked"))),
        Column(N_("Rank (number)"), lambda p: p["rank"], "count"),
        Column(N_("Tie group"), lambda p: p["rank"] if p["tied_with"] else None, "count"),
        Column(N_("Partner"), lambda p: p["b"]["display"]), Column(N_("Reference"), lambda p: p["b"]["ref"]),
        Column(N_("Phase"), lambda p: p["b"]["phase"]),
        Column(N_("Facts as of"), lambda p: p["as_of"], "date"),
        Column(N_("Verdict"), lambda p: words.label(i18n.VERDICTS, p["verdict"])),
        Column(N_("Best verdict"), lambda p: words.label(i18n.VERDICTS, p["verdict_range"][0])),
        Column(N_("Worst verdict"), lambda p: words.label(i18n.VERDICTS, p["verdict_range"][1])),
        Column(N_("Score"), lambda p: p["score"], "score"), Column(N_("At worst"), lambda p: p["score_floor"], "score"),
        Column(N_("Completeness"), lambda p: p["completeness"], "percent"),
        *(Column(i18n.SEVERITIES[s], lambda p, s=s: p["counts"].get(s, 0), "count") for s in SEVERITY_ORDER),
        *(Column(f"{words.tr(OPEN)}: {words.label(i18n.SEVERITIES, s)}", lambda p, s=s: p["open_counts"].get(s, 0),
                 "count") for s in SEVERITY_ORDER),
        Column(N_("Tied with"), lambda p: ", ".join(p["tied_names"])),
        Column(N_("Reason"), lambda p: words.engine(p.get("reason_template"), p["reason"])),
    ], partners)


def _partner_findings(words: Words, partners: list[dict[str, Any]], candidate: dict[str, Any]) -> Sheet:
    partner = Column(N_("Partner"), lambda r: r[1]["b"]["display"])
    shared = Column(N_("Required for every partner"), lambda r: words.label(i18n.BOOLEANS, bool(r[0].get("shared"))))
    columns = [partner, *_finding_columns(words, lambda r: candidate, lambda r: r[1]["b"]), shared]
    return Sheet(N_("Findings"), columns, [(f, p) for p in partners for f in p["findings"]])


def _partner_questions(words: Words, partners: list[dict[str, Any]], candidate: dict[str, Any]) -> Sheet:
    columns = [Column(N_("Partner"), lambda r: r[2]["b"]["display"]),
               *_open_question_columns(words, lambda r: candidate, lambda r: r[2]["b"])]
    return Sheet(N_("Open questions"), columns, [row for p in partners for row in _open_rows(p)])


# ---------- The sheets of each kind ----------

def pairwise_sheets(context: dict[str, Any], words: Words) -> list[Sheet]:
    a, b = context["a"], context["b"]
    direction = DIRECTIONS.get(context["direction"], context["direction"].replace("_", " "))
    summary = [(N_("Question"), words.question("pairwise", context), "text"),
               *_side_rows(words, N_("A"), a), *_side_rows(words, N_("B"), b),
               (N_("Assessed as of"), context["as_of"], "date"), (N_("Direction"), words.tr(direction), "text"),
               *_assessment_rows(words, context), *_what_if_rows(words, context["what_if"]),
               *_report_rows(context)]
    findings = Sheet(N_("Findings"), _finding_columns(words, lambda r: a, lambda r: b),
                     [(f, context) for f in context["findings"]])
    comparison = Sheet(N_("Comparison"), [
        Column(N_("Path"), lambda r: r[1]["path"]), Column(N_("Dimension"), lambda r: words.dimension(r[0])),
        Column(N_("Fact"), lambda r: words.field(r[1]["path"])),
        *(column for side in ("a", "b") for column in _fact_columns(words, side, context[side]["display"])),
    ], [(group["dimension"], row) for group in context["comparison"] for row in group["rows"]])
    scorecard = Sheet(N_("Scorecard"), [
        Column(N_("Dimension"), lambda d: words.dimension(d["id"])), Column(N_("Dimension id"), lambda d: d["id"]),
        Column(N_("Weight"), lambda d: d["weight"], "amount"), Column(N_("Score"), lambda d: d["score"], "score"),
        Column(N_("At worst"), lambda d: d["floor"], "score"),
        Column(N_("Points lost"), lambda d: round(100 - d["score"], 1), "score"),
        Column(N_("At risk from open questions"), lambda d: round(d["score"] - d["floor"], 1), "score"),
        Column(N_("Worst difference"), lambda d: words.label(i18n.SEVERITIES, d["worst"])),
        Column(N_("Worst open question"), lambda d: words.label(i18n.SEVERITIES, d["worst_open"])),
        Column(N_("Deductions"), lambda d: "\n".join(_deduction(words, x) for x in d["deductions"])),
    ], context["dimensions"])
    questions = Sheet(N_("Open questions"), _open_question_columns(words, lambda r: a, lambda r: b), _open_rows(context))
    return [_summary_sheet(words, summary), findings, comparison, scorecard, questions, _sources_sheet(context, (a, b))]


def _fact_columns(words: Words, side: str, name: str) -> list[Column]:
    """A fact of one side, as the comparison shows it: value, its amount and unit when it is one, status, sources."""
    label = side.upper()
    value, amount_, unit, status, sources, note = (words.tr(t) for t in (
        N_("Value"), N_("Amount"), N_("Unit"), N_("Status"), N_("Sources"), N_("Note")))
    return [
        Column(f"{value} {label}", lambda r: r[1][side]["value"], "value"),
        Column(f"{amount_} {label}", lambda r: amount(r[1][side]["value"])[0], "amount"),
        Column(f"{unit} {label}", lambda r: amount(r[1][side]["value"])[1]),
        Column(f"{status} {label}", lambda r: words.label(i18n.FACT_STATUSES, r[1][side]["status"])),
        Column(f"{sources} {label}", lambda r: ", ".join(r[1][side]["sources"])),
        Column(f"{note} {label}", lambda r: r[1][side]["note"]),
    ]


def _deduction(words: Words, d: dict[str, Any]) -> str:
    at_risk = words.tr(N_("at risk from open questions"))
    return (f"{d['rule']} {words.label(i18n.SEVERITIES, d['severity'])} ({words.label(i18n.KINDS, d['kind'])}): "
            f"-{d['points']:g}, {at_risk} {d['at_risk']:g}")


def ranking_sheets(context: dict[str, Any], words: Words) -> list[Sheet]:
    candidate, partners = context["candidate"], context["partners"]
    ranked = [p for p in partners if p["rank"] is not None]
    best = [p["b"]["display"] for p in ranked if p["rank"] == ranked[0]["rank"]] if ranked else []
    summary = [(N_("Question"), words.question("ranking", context), "text"),
               *_side_rows(words, N_("Candidate"), candidate),
               (N_("Assessed as of"), context["as_of"], "date"), (N_("Partners"), len(partners), "count"),
               (N_("Best partner"), ", ".join(best), "text"), *_what_if_rows(words, context["what_if"]),
               *_report_rows(context)]
    return [_summary_sheet(words, summary), _ranking_sheet(words, partners), _partner_findings(words, partners, candidate),
            _partner_questions(words, partners, candidate),
            _sources_sheet(context, [candidate, *(p["b"] for p in partners)])]


def readiness_sheets(context: dict[str, Any], words: Words) -> list[Sheet]:
    phase, items, partners = context["phase"], context["items"], context["partners"]
    met = sum(item["state"] == "ready" for item in items)
    by_state = words.tr(N_("Checks by state"))
    summary = [(N_("Question"), words.question("readiness", context), "text"),
               *_side_rows(words, N_("Profile"), phase),
               (words.tr(N_("Readiness")),
                words.tr(N_("Ready to launch") if context["ready"] else N_("Not ready to launch")),
                "text"),
               (words.tr(N_("Prerequisites met")), met, "count"), (N_("Prerequisites"), len(items), "count"),
               *((f"{by_state}: {words.label(i18n.STATES, s)}", n, "count")
                 for s, n in context["check_counts"].items())]
    if partners:
        summary.append((words.tr(N_("Closest partner")), partners[0]["b"]["display"], "text"))
    summary += _report_rows(context)
    checklist = Sheet(N_("Checklist"), [
        Column(N_("Prerequisite"), lambda r: words.tr(r[0]["title"])),
        Column(N_("Prerequisite id"), lambda r: r[0]["id"]),
        Column(N_("Prerequisite state"), lambda r: words.label(i18n.STATES, r[0]["state"])),
        Column(N_("Dimension"), lambda r: words.dimension(_dimension_of(r[1]["path"]))),
        Column(N_("Path"), lambda r: r[1]["path"]), Column(N_("Fact"), lambda r: words.field(r[1]["path"])),
        Column(N_("Requirement"), lambda r: words.tr(r[1]["requirement"])),
        Column(N_("State"), lambda r: words.label(i18n.STATES, r[1]["state"])),
        Column(N_("What the profile states"), lambda r: r[1]["fact"]["value"], "value"),
        Column(N_("Status"), lambda r: words.label(i18n.FACT_STATUSES, r[1]["fact"]["status"])),
        Column(N_("Sources"), lambda r: ", ".join(r[1]["fact"]["sources"])),
        Column(N_("Note"), lambda r: r[1]["fact"]["note"]),
        Column(N_("Why:"), lambda r: words.tr(r[0]["why"])),
    ], [(item, check) for item in items for check in item["checks"]])
    sheets = [_summary_sheet(words, summary), checklist]
    if partners:
        sheets += [_ranking_sheet(words, partners), _partner_findings(words, partners, phase)]
    return [*sheets, _sources_sheet(context, [phase, *(p["b"] for p in partners)])]


def _dimension_of(path: str) -> str | None:
    spec = FIELDS_BY_PATH.get(path)
    return spec.dimension if spec else None


SHEETS: dict[str, Callable[[dict[str, Any], Words], list[Sheet]]] = {
    "pairwise": pairwise_sheets, "ranking": ranking_sheets, "readiness": readiness_sheets}
