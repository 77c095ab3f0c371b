"""Fills the templates in report_templates/ (HTML, Markdown) and prints the HTML to PDF with WeasyPrint.

Profile text is untrusted: HTML templates autoescape, Markdown output escapes HTML, and WeasyPrint may fetch nothing
but the package's own assets. The same context, language and date give a byte-identical PDF.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
import os
import re
from functools import lru_cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from markupsafe import Markup

from ..errors import LinkcheckError
from ..model.vocab import DIMENSION_LABELS
from ..paths import report_templates_dir
from . import i18n
from .charts import MARKERS, SEVERITY_FILLS, STATE_FILLS, VERDICT_FILLS, bars, line, stacked

FORMATS = ("pdf", "html", "md", "json")
EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".json": "json"}


def report_date(explicit: dt.date | None = None) -> dt.date:
    """The date printed on a report: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return dt.date.today()
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    except (ValueError, OverflowError, OSError):
        raise LinkcheckError(f"SOURCE_DATE_EPOCH must be a number of seconds (got {epoch!r})") from None


def render(kind: str, context: dict[str, Any], fmt: str, lang: str) -> bytes | str:
    """The report of `kind` (pairwise, ranking, readiness) in one format and language."""
    if fmt == "json":
        return json.dumps(context, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return _environment(lang, markdown=True).get_template(f"{kind}.md").render(context)
    html = _environment(lang, markdown=False).get_template(f"{kind}.html").render(context, pdf=fmt == "pdf")
    return html if fmt == "html" else pdf(html)


def pdf(html: str) -> bytes:
    """Print HTML made by `render`; metadata come from its <meta> tags, so nothing depends on the clock."""
    from weasyprint import HTML

    base = report_templates_dir().resolve().as_uri() + "/"
    return HTML(string=html, base_url=base, url_fetcher=safe_fetcher()).write_pdf()


class AssetRefused(ValueError):
    """WeasyPrint asked for something other than one of the package's own assets."""


def asset_path(url: str) -> Path:
    """The file a URL names, if it is a file inside report_templates/ (after symlinks and `..` are resolved)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise AssetRefused(f"refused {url[:80]!r}: reports fetch nothing from outside report_templates/")
    root = report_templates_dir().resolve()
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise AssetRefused(f"refused {url[:80]!r}: not a file in {root}")
    return path


def safe_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the package's assets and refuses everything else.

    Nothing is ever opened through urllib, so there is no network access and no redirect to follow.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = asset_path(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return SafeFetcher()


def output_format(path: Path, explicit: str | None) -> str:
    if explicit:
        return explicit
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise LinkcheckError(f"{path}: cannot tell the format from '{path.suffix}'; pass --format {'|'.join(FORMATS)}")
    return fmt


def _css_counters(text: str) -> str:
    """A translated 'Page {page} of {pages}' as CSS `content`: quoted text around page counters."""
    pieces = re.split(r"(\{page\}|\{pages\})", text)
    return " ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else _css_string(p) for p in pieces if p)


def _css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and spaces is escaped, so it cannot end the <style>."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _markdown_safe(value: Any) -> str:
    """Profile text in Markdown: no live HTML, no broken table rows or list items."""
    text = "" if value is None else str(value)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("|", "\\|").replace("\r", " ").replace("\n", " "))


@lru_cache(maxsize=None)
def _stylesheet() -> str:
    return (report_templates_dir() / "report.css").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _environment(lang: str, markdown: bool) -> Any:
    import jinja2
    from babel.dates import format_date
    from babel.numbers import format_decimal

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(report_templates_dir()),
        autoescape=not markdown,
        finalize=_markdown_safe if markdown else None,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translations = i18n.translations(lang)
    env.install_gettext_translations(translations, newstyle=True)
    gettext = translations.gettext

    def num(value: float) -> str:
        return format_decimal(value, format="#,##0.#", locale=lang)

    env.filters.update(
        num=num,
        date=lambda iso: format_date(dt.date.fromisoformat(iso), format="long", locale=lang),
        css_counters=lambda text: Markup(_css_counters(str(text))),
    )
    env.globals.update(
        lang=lang,
        # `tr` translates data (rule texts, labels); the i18n extension's `_` is for literals in templates, and
        # would treat a % in data as a format directive.
        tr=gettext,
        remedy=partial(i18n.remedy_text, gettext),
        stylesheet=Markup(_stylesheet()),
        dimension_labels=DIMENSION_LABELS, verdicts=i18n.VERDICTS, severities=i18n.SEVERITIES,
        statuses=i18n.FACT_STATUSES, states=i18n.STATES, kinds=i18n.KINDS, matches=i18n.MATCHES,
        booleans=i18n.BOOLEANS,
        charts=Charts(gettext, num),
    )
    return env


class Charts:
    """The report charts in one language: data from the report context, words from the catalogue."""

    def __init__(self, gettext: Any, num: Any) -> None:
        self.gettext, self.num = gettext, num

    def scorecard(self, dimensions: list[dict[str, Any]]) -> Any:
        _ = self.gettext
        rows = [(_(DIMENSION_LABELS[d["id"]]), d["score"], f"×{self.num(d['weight'])}", SEVERITY_FILLS[d["worst"]])
                for d in dimensions]
        legend = [(_("worst finding: %s") % _(i18n.SEVERITIES[s]).lower(), SEVERITY_FILLS[s])
                  for s in ("blocker", "major", "minor")] + [(_("no finding above info"), SEVERITY_FILLS[None])]
        return bars("scorecard", _("Score by dimension, out of 100 (× weight)"), rows, legend, self.num)

    def ranking(self, partners: list[dict[str, Any]]) -> Any:
        _ = self.gettext
        rows = [(f"{p['rank']}. {p['b']['display']}", p["score"], _(i18n.VERDICTS[p["verdict"]]),
                 VERDICT_FILLS[p["verdict"]]) for p in partners]
        legend = [(_(label), VERDICT_FILLS[v]) for v, label in i18n.VERDICTS.items()]
        return bars("ranking", _("Partners by overall score, out of 100"), rows, legend, self.num)

    def timeline(self, steps: list[dict[str, Any]]) -> Any:
        _ = self.gettext
        points = [((s["phase"]["phase"], s["phase"]["period"], _("against %s") % s["partner"]["display"]),
                   s["score"], MARKERS[s["verdict"]]) for s in steps]
        legend = [(_(label), MARKERS[v]) for v, label in i18n.VERDICTS.items()]
        return line("timeline", _("Overall score of each phase against the partner phase in force"), points,
                    legend, self.num)

    def readiness(self, counts: dict[str, int]) -> Any:
        _ = self.gettext
        parts = [(_(i18n.STATES[s]), n, STATE_FILLS[s]) for s, n in counts.items()]
        return stacked("readiness", _("Checks by state"), parts, self.num)
