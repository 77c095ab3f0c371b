"""Vector charts for the reports, as inline SVG: crisp in print, with every number printed on the chart.

Each series is told apart by a hatch pattern or marker shape and a text label as well as by colour, so charts read
in greyscale. All text drawn here goes through `escape`: system names are profile text, which is untrusted.
`Charts` draws the reports' four charts in one language; the functions above it know nothing of reports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..model.vocab import DIMENSION_LABELS
from . import i18n

FONT = "DejaVu Sans, Arial, sans-serif"
TEXT = 11  # font size in chart units; a chart is drawn about as many units wide as CSS pixels on the page
CHAR = 0.62 * TEXT  # a generous average glyph width, to size label columns without measuring text


@dataclass(frozen=True)
class Fill:
    colour: str
    pattern: str  # solid | dots | lines | cross


# Darker and denser means worse, so the order survives in greyscale too.
SEVERITY_FILLS = {"blocker": Fill("#8e1b1b", "cross"), "major": Fill("#b86200", "lines"),
                  "minor": Fill("#4d6a86", "dots"), "info": Fill("#2f6b4f", "solid"), None: Fill("#2f6b4f", "solid")}
# Undetermined: pale and dotted, apart from the three verdicts that are stated.
VERDICT_FILLS = {"blocked": SEVERITY_FILLS["blocker"], "adjustments_needed": SEVERITY_FILLS["major"],
                 "compatible": SEVERITY_FILLS["info"], "undetermined": Fill("#8a8f96", "dots")}
# The points an open question could still cost: a hollow, dashed segment at the end of a bar.
AT_RISK = Fill("#ffffff", "hollow")
STATE_FILLS = {"ready": Fill("#2f6b4f", "solid"), "not_met": Fill("#8e1b1b", "cross"),
               "under_development": Fill("#b86200", "lines"), "undefined": Fill("#4d6a86", "dots"),
               "unknown": Fill("#9a9a9a", "dots"), "not_stated": Fill("#c8c8c8", "solid")}
MARKERS = {"blocked": "square", "adjustments_needed": "triangle", "compatible": "circle", "undetermined": "diamond"}


def _defs(chart: str, fills: Sequence[Fill]) -> str:
    """One pattern per fill, with ids local to this chart so several charts can share an HTML page."""
    tiles = {
        "dots": '<circle cx="3" cy="3" r="1.3" fill="#fff"/>',
        "lines": '<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5" stroke="#fff" stroke-width="1.3"/>',
        "cross": '<path d="M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5 M0,0 L6,6 M-1,5 L1,7 M5,-1 L7,1" stroke="#fff" '
                 'stroke-width="1.1"/>',
    }
    patterns = [f'<pattern id="{_pattern_id(chart, f)}" width="6" height="6" patternUnits="userSpaceOnUse">'
                f'<rect width="6" height="6" fill="{f.colour}"/>{tiles[f.pattern]}</pattern>'
                for f in dict.fromkeys(fills) if f.pattern not in ("solid", "hollow")]
    return f"<defs>{''.join(patterns)}</defs>"


def _pattern_id(chart: str, fill: Fill) -> str:
    return f"{chart}-{fill.pattern}-{fill.colour[1:]}"


def _paint(chart: str, fill: Fill) -> str:
    return fill.colour if fill.pattern in ("solid", "hollow") else f"url(#{_pattern_id(chart, fill)})"


def _stroke(fill: Fill) -> str:
    return 'stroke="#222" stroke-width="0.8" stroke-dasharray="3,2"' if fill.pattern == "hollow" else \
        'stroke="#222" stroke-width="0.5"'



def _text(x: float, y: float, text: str, anchor: str = "start", size: float = TEXT, weight: str = "normal",
          colour: str = "#222") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-family="{FONT}" font-size="{size}" font-weight="{weight}" '
            f'fill="{colour}" text-anchor="{anchor}">{escape(text)}</text>')


def _svg(chart: str, width: float, height: float, title: str, body: list[str]) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart}" role="img" '
                  f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">'
                  f"<title>{escape(title)}</title>{''.join(body)}</svg>")


def _legend(chart: str, x: float, y: float, entries: Sequence[tuple[str, Fill]],
            width: float) -> tuple[list[str], float]:
    """Swatches with their labels, wrapped to `width`; returns the drawing and the height it takes."""
    body, cx, cy = [], x, y
    for label, fill in entries:
        step = 18 + len(label) * CHAR + 16
        if cx + step > x + width and cx > x:
            cx, cy = x, cy + 18
        body.append(f'<rect x="{cx:.1f}" y="{cy:.1f}" width="13" height="13" fill="{_paint(chart, fill)}" '
                    f'{_stroke(fill)}/>')
        body.append(_text(cx + 18, cy + 11, label))
        cx += step
    return body, cy - y + 18


def bars(chart: str, title: str, rows: Sequence[tuple[str, float, str, Fill]], legend: Sequence[tuple[str, Fill]],
         num: Callable[[float], str], width: float = 640, floors: Sequence[float | None] | None = None) -> Markup:
    """Horizontal bars on a 0-100 scale: each row is (label, value, note printed after the value, fill).

    With `floors`, the part of a bar above its floor (the points still at risk) is drawn hollow and dashed."""
    label_w = min(max((len(r[0]) for r in rows), default=10) * CHAR + 10, width * 0.42)
    note_w = max((len(r[2]) for r in rows), default=0) * CHAR + 48
    scale = (width - label_w - note_w) / 100
    row_h, top = 24, 6
    body = [_defs(chart, [r[3] for r in rows] + [f for _, f in legend])]
    for tick in (0, 25, 50, 75, 100):
        x = label_w + tick * scale
        body.append(f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{top + len(rows) * row_h:.1f}" '
                    f'stroke="#bbb" stroke-width="0.6" stroke-dasharray="{"none" if tick == 0 else "2,2"}"/>')
    for i, (label, value, note, fill) in enumerate(rows):
        y = top + i * row_h
        floor = max(0.0, min(value, floors[i])) if floors and floors[i] is not None else value
        body.append(_text(label_w - 8, y + 15, label, anchor="end"))
        if floor > 0 or floor == value:
            body.append(f'<rect x="{label_w:.1f}" y="{y + 3}" width="{max(floor, 0) * scale:.1f}" '
                        f'height="{row_h - 7}" fill="{_paint(chart, fill)}" stroke="#222" stroke-width="0.5"/>')
        if floor < value:
            body.append(f'<rect x="{label_w + floor * scale:.1f}" y="{y + 3}" width="{(value - floor) * scale:.1f}" '
                        f'height="{row_h - 7}" fill="{_paint(chart, AT_RISK)}" {_stroke(AT_RISK)}/>')
        end = label_w + max(value, 0) * scale
        body.append(_text(end + 5, y + 15, num(value), weight="bold"))
        if note:
            body.append(_text(end + 5 + (len(num(value)) + 1) * CHAR, y + 15, note, colour="#444"))
    axis_y = top + len(rows) * row_h + 12
    body += [_text(label_w + t * scale, axis_y, num(t), anchor="middle", size=9, colour="#555")
             for t in (0, 25, 50, 75, 100)]
    drawn, legend_h = _legend(chart, label_w, axis_y + 10, legend, width - label_w)
    body += drawn
    return _svg(chart, width, axis_y + 12 + legend_h, title, body)


def line(chart: str, title: str, points: Sequence[tuple[Sequence[str], float, str, float]],
         legend: Sequence[tuple[str, str]], num: Callable[[float], str], width: float = 640) -> Markup:
    """Scores over time: each point is (x-axis label lines, score, marker key, floor); the marker shape shows the
    verdict, and a dashed whisker runs down to the floor, the score if every open question resolved unfavourably.
    A legend key of "whisker" draws the whisker instead of a marker."""
    left, right, top, plot_h = 40, 20, 18, 130
    step = (width - left - right) / max(len(points), 1)
    body = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_h * (1 - tick / 100)
        body.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#bbb" '
                    f'stroke-width="0.6" stroke-dasharray="{"none" if tick == 0 else "2,2"}"/>')
        body.append(_text(left - 6, y + 4, num(tick), anchor="end", size=9, colour="#555"))
    xy = [(left + step * (i + 0.5), top + plot_h * (1 - score / 100)) for i, (_, score, _, _) in enumerate(points)]
    for (x, y), (_, score, _, floor) in zip(xy, points):
        if floor < score:
            low = top + plot_h * (1 - max(floor, 0) / 100)
            body.append(_whisker(x, y, low))
    body.append(f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in xy)}" fill="none" stroke="#222" '
                f'stroke-width="1.6"/>')
    fit = int(step / CHAR) - 1
    wrapped = [[(j, piece) for j, text in enumerate(labels) for piece in _wrap(text, fit)]
               for labels, _, _, _ in points]
    for (x, y), (_, score, marker, _), lines in zip(xy, points, wrapped):
        body.append(_marker(x, y, marker))
        body.append(_text(x, y - 10, num(score), anchor="middle", weight="bold"))
        for k, (j, piece) in enumerate(lines):
            body.append(_text(x, top + plot_h + 16 + k * 13, piece, anchor="middle", size=9.5 if j else TEXT,
                              weight="bold" if j == 0 else "normal", colour="#222" if j == 0 else "#444"))
    label_lines = max((len(lines) for lines in wrapped), default=1)
    y = top + plot_h + 16 + label_lines * 13 + 8
    cx = left
    for label, marker in legend:
        step_w = 16 + len(label) * CHAR + 20
        if cx + step_w > width and cx > left:
            cx, y = left, y + 18
        body.append(_whisker(cx + 6, y - 1, y + 13) if marker == "whisker" else _marker(cx + 6, y + 6, marker))
        body.append(_text(cx + 16, y + 10, label))
        cx += step_w
    return _svg(chart, width, y + 20, title, body)


def _whisker(x: float, high: float, low: float) -> str:
    return (f'<line x1="{x:.1f}" y1="{high:.1f}" x2="{x:.1f}" y2="{low:.1f}" stroke="#222" stroke-width="1" '
            f'stroke-dasharray="3,2"/><line x1="{x - 4:.1f}" y1="{low:.1f}" x2="{x + 4:.1f}" y2="{low:.1f}" '
            f'stroke="#222" stroke-width="1.2"/>')


def _wrap(text: str, width: int) -> list[str]:
    """Split text into lines of at most `width` characters, at spaces where it can."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _marker(x: float, y: float, shape: str) -> str:
    style = 'fill="#222" stroke="#fff" stroke-width="1"'
    if shape == "square":
        return f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" {style}/>'
    if shape == "diamond":
        return (f'<path d="M{x:.1f},{y - 6.5:.1f} L{x + 6.5:.1f},{y:.1f} L{x:.1f},{y + 6.5:.1f} '
                f'L{x - 6.5:.1f},{y:.1f} Z" {style}/>')
    if shape == "triangle":
        return f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y + 5:.1f} L{x - 6:.1f},{y + 5:.1f} Z" {style}/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" {style}/>'


def stacked(chart: str, title: str, parts: Sequence[tuple[str, int, Fill]], num: Callable[[float], str],
            width: float = 640) -> Markup:
    """One bar split into parts, each with its count printed inside and a legend entry with label and count."""
    total = sum(n for _, n, _ in parts) or 1
    body, x, h = [_defs(chart, [f for _, _, f in parts])], 0.0, 26
    for label, n, fill in parts:
        w = width * n / total
        body.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{h}" fill="{_paint(chart, fill)}" '
                    f'stroke="#222" stroke-width="0.5"/>')
        body.append(f'<rect x="{x + w / 2 - 9:.1f}" y="6" width="18" height="14" fill="#fff" rx="2"/>')
        body.append(_text(x + w / 2, 17, num(n), anchor="middle", weight="bold"))
        x += w
    drawn, legend_h = _legend(chart, 0, h + 10, [(f"{label}: {num(n)}", fill) for label, n, fill in parts], width)
    return _svg(chart, width, h + 10 + legend_h, title, body + drawn)


class Charts:
    """The report charts in one language: data from the report context, words from the catalogue."""

    def __init__(self, gettext: Callable[[str], str], num: Callable[[float], str]) -> None:
        self.gettext, self.num = gettext, num

    def scorecard(self, dimensions: list[dict]) -> Markup:
        _ = self.gettext
        rows, floors = [], []
        for d in dimensions:
            note = f"×{self.num(d['weight'])}"
            if d["floor"] < d["score"]:
                note += " · " + _("at worst %s") % self.num(d["floor"])
            rows.append((_(DIMENSION_LABELS[d["id"]]), d["score"], note, SEVERITY_FILLS[d["worst"]]))
            floors.append(d["floor"])
        legend = [(_("worst difference: %s") % _(i18n.SEVERITIES[s]).lower(), SEVERITY_FILLS[s])
                  for s in ("blocker", "major", "minor")] + [(_("no difference above info"), SEVERITY_FILLS[None])]
        if any(d["floor"] < d["score"] for d in dimensions):
            legend.append((_("at risk from open questions"), AT_RISK))
        return bars("scorecard", _("Score by dimension, out of 100 (× weight)"), rows, legend, self.num,
                    floors=floors)

    def ranking(self, partners: list[dict]) -> Markup:
        _ = self.gettext
        def place(p: dict) -> str:  # "1. X", tied "1= X", not ranked "– X"
            return "–" if not p["place"] else p["place"] if p["tied_with"] else f"{p['place']}."

        rows = [(f"{place(p)} {p['b']['display']}", p["score"],
                 _(i18n.VERDICTS[p["verdict"]]), VERDICT_FILLS[p["verdict"]]) for p in partners]
        shown = {p["verdict"] for p in partners}
        legend = [(_(label), VERDICT_FILLS[v]) for v, label in i18n.VERDICTS.items()
                  if v != "undetermined" or v in shown]
        if any(p["score_floor"] < p["score"] for p in partners):
            legend.append((_("at risk from open questions"), AT_RISK))
        return bars("ranking", _("Partners by overall score, out of 100"), rows, legend, self.num,
                    floors=[p["score_floor"] for p in partners])

    def timeline(self, steps: list[dict]) -> Markup:
        _ = self.gettext
        points = [((s["phase"]["phase"], s["phase"]["period"], _("against %s") % s["partner"]["display"]),
                   s["score"], MARKERS[s["verdict"]], s["score_floor"]) for s in steps]
        shown = {s["verdict"] for s in steps}
        legend = [(_(label), MARKERS[v]) for v, label in i18n.VERDICTS.items() if v != "undetermined" or v in shown]
        if any(s["score_floor"] < s["score"] for s in steps):
            legend.append((_("down to: every open question resolved unfavourably"), "whisker"))
        return line("timeline", _("Overall score of each phase against the partner phase in force"), points,
                    legend, self.num)

    def readiness(self, counts: dict[str, int]) -> Markup:
        _ = self.gettext
        parts = [(_(i18n.STATES[s]), n, STATE_FILLS[s]) for s, n in counts.items()]
        return stacked("readiness", _("Checks by state"), parts, self.num)
