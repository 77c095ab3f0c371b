"""Fills the templates in report_templates/ (HTML, Markdown) and prints the HTML to PDF with WeasyPrint.

Profile text is untrusted: HTML templates autoescape, Markdown output escapes HTML, and WeasyPrint may fetch nothing
but the package's own assets. The same context, language and date give a byte-identical PDF.
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import json
import mimetypes
import os
import re
from functools import cache, partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from markupsafe import Markup

from ..model.vocab import DIMENSION_LABELS
from ..messages import render as render_message
from ..paths import report_templates_dir
from ..safe_text import md_text
from . import i18n
from .charts import Charts
from .prose import Prose


def report_date(explicit: dt.date | None = None) -> dt.date:
    """The date printed on a report: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    from ..dates import today

    return explicit if explicit is not None else today()


KIND_TITLES = {"pairwise": i18n.N_("Linking readiness report"), "ranking": i18n.N_("Partner ranking"),
               "readiness": i18n.N_("Readiness self-assessment")}
NO_DOCUMENT_META = {"title": None, "author": None, "client": None, "reference": None, "logo": None, "draft": False}


PHASE_NUMBER = i18n.N_("phase {n}")  # a numbered phase in a system's short name: "EU ETS phase 3"
PERIOD_NUMBER = i18n.N_("period {n}")  # Tokyo's and Saitama's compliance periods
# Phase ids that are words, as the shipped profiles name their phases; other ids are shown as written.
PHASE_WORDS = {
    "draft": i18n.N_("draft"), "pilot": i18n.N_("pilot"), "first": i18n.N_("first"), "second": i18n.N_("second"),
    "full": i18n.N_("full phase"), "framework": i18n.N_("framework"), "official": i18n.N_("official phase"),
    "preparation": i18n.N_("preparation"), "trading": i18n.N_("trading phase"), "transition": i18n.N_("transition"),
    "first-trajectory": i18n.N_("first trajectory"), "quota-period": i18n.N_("quota period"),
    "mrv": i18n.N_("MRV phase"),
}


def _local_phase(phase_id: str, gettext: Any) -> str:
    if match := re.fullmatch(r"phase(\d+)", phase_id):
        return gettext(PHASE_NUMBER).format(n=match.group(1))
    if match := re.fullmatch(r"period(\d+)", phase_id):
        return gettext(PERIOD_NUMBER).format(n=match.group(1))
    return gettext(PHASE_WORDS[phase_id]) if phase_id in PHASE_WORDS else phase_id


def localized(context: dict[str, Any], lang: str) -> dict[str, Any]:
    """The context with every system named in `lang` where its profile gives a name in it; `_names` maps each
    English name and short name to the local one, for the engine's messages that name systems."""
    if lang == "en":
        return {**context, "_names": {}}
    gettext = i18n.translations(lang).gettext
    names: dict[str, str] = {}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            node = {key: walk(value) for key, value in node.items()}
            local = node.get("names", {}).get(lang) if "display" in node and "ref" in node else None
            if local:
                display = f"{local['short_name']} {_local_phase(node.get('phase_id', ''), gettext)}".strip()
                names[node["display"]], names[node["name"]] = display, local["name"]
                # The profile's phase label is English prose; the phase is named in the language instead.
                phase = _local_phase(node.get("phase_id", ""), gettext)
                node = {**node, "display": display, "name": local["name"], "phase": phase[:1].upper() + phase[1:]}
            return node
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    walked = walk(context)

    def rename(node: Any) -> Any:  # lists of names the context keeps apart, such as the partners tied with one
        if isinstance(node, dict):
            return {key: rename(value) for key, value in node.items()}
        if isinstance(node, list):
            return [rename(item) for item in node]
        return names.get(node, node) if isinstance(node, str) else node

    return {**rename(walked), "_names": dict(sorted(names.items(), key=lambda item: -len(item[0])))}


def _local_names(text: str, names: dict[str, str]) -> str:
    """English system names in engine text replaced by the report language's, longest first."""
    for english, local in names.items():
        text = text.replace(english, local)
    return text


def render(kind: str, context: dict[str, Any], fmt: str, lang: str, pdf_variant: str | None = None) -> bytes | str:
    """The report of `kind` (pairwise, ranking, readiness) in one format and language."""
    context = {"brief": False, **context, "document": {**NO_DOCUMENT_META, **context.get("document", {})}}
    if fmt != "json":
        context = localized(context, lang)
    if fmt == "json":
        logo = context["document"]["logo"]
        shown = {**context, "document": {**context["document"], "logo": logo.split(";")[0][5:] if logo else None}}
        return json.dumps(shown, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        template = _environment(lang, markdown=True).get_template(f"{kind}.md")
        return template.render(context, cite=Citations(context), ctx=context)
    page = html(kind, context, lang, for_pdf=fmt == "pdf")
    if fmt == "docx":
        from .docx import docx

        document = context["document"]
        return docx(page, {**document, "date": dt.date.fromisoformat(context["date"]),
                           "subject": i18n.translations(lang).gettext(KIND_TITLES[kind])}, lang)
    return page if fmt == "html" else pdf(page, dt.date.fromisoformat(context["date"]), pdf_variant)


def html(kind: str, context: dict[str, Any], lang: str, for_pdf: bool = False) -> str:
    """The HTML report; the PDF flavour links the shipped fonts, the screen flavour is one self-contained file."""
    context = {"brief": False, **context, "document": {**NO_DOCUMENT_META, **context.get("document", {})}}
    if "_names" not in context:
        context = localized(context, lang)
    template = _environment(lang, markdown=False).get_template(f"{kind}.html")
    return template.render(context, pdf=for_pdf, cite=Citations(context), ctx=context)


class Citations:
    """Numbers sources in the order the document first cites them, as it is rendered, so the list of sources holds
    exactly what the reader has seen: `cite(profile, key)` gives a number, `cite.entries()` the list."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.sources: dict[str, dict[str, Any]] = context["sources"]
        self.numbers: dict[tuple[str, str], int] = {}

    def __call__(self, profile: str, key: str) -> int:
        return self.numbers.setdefault((profile, key), len(self.numbers) + 1)

    def entries(self) -> list[dict[str, Any]]:
        return [{"n": n, "key": key, "system": "", "citation": key, "url": None, "accessed": None, "note": None,
                 **self.sources.get(profile, {}).get(key, {})} for (profile, key), n in self.numbers.items()]


def pdf(html: str, date: dt.date, variant: str | None = None) -> bytes:
    """Print HTML made by `render`. Its <meta> tags give the PDF's metadata and dates, so nothing reads the clock,
    except fontTools, which stamps each embedded font subset with SOURCE_DATE_EPOCH, else the time: pin it."""
    from weasyprint import HTML

    base = report_templates_dir().resolve().as_uri() + "/"
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(date.timetuple()))
    try:
        return HTML(string=html, base_url=base, url_fetcher=safe_fetcher()).write_pdf(pdf_variant=variant)
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


IMAGE_DATA_URLS = ("data:image/png;base64,", "data:image/jpeg;base64,")


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
            if url.startswith(IMAGE_DATA_URLS):  # the cover logo, embedded by the report command
                mime, _, data = url[5:].partition(";base64,")
                return URLFetcherResponse(url[:40], base64.b64decode(data, validate=True), {"Content-Type": mime})
            path = asset_path(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return SafeFetcher()


# Numbers as the engine writes them: with a thousands comma (1,571.58) or a decimal point (4.3). Plain integers,
# such as years and article numbers, and anything inside a code or a date are left alone.
_ENGLISH_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w.,]*\d)(?![\w-])")


PRICE_YEAR = i18n.N_("{year} prices")  # how money names its price year: "56.55 USD/t (2023 prices)"
_PRICE_YEAR = re.compile(r"\b(\d{4}) prices\b")


def local_words(text: str, gettext: Any) -> str:
    """The few words the engine writes inside amounts, in the report's language."""
    return _PRICE_YEAR.sub(lambda m: gettext(PRICE_YEAR).format(year=m.group(1)), text)


def local_numbers(text: str, lang: str) -> str:
    """Engine text with its numbers in the report's locale: 1,571.58 reads 1 571,58 in Russian."""
    if lang == "en":
        return text
    from babel.numbers import format_decimal

    def localize(match: re.Match) -> str:
        digits = match.group(1).replace(",", "")
        places = len(digits.split(".")[1]) if "." in digits else 0
        return format_decimal(float(digits), format="#,##0." + "0" * places if places else "#,##0", locale=lang)

    return _ENGLISH_NUMBER.sub(localize, text)


def _path_breaks(path: str) -> Markup:
    """A dotted field path that may wrap after each dot or underscore, and nowhere else."""
    from markupsafe import escape

    return Markup("".join(f"{escape(c)}<wbr>" if c in "._" else str(escape(c)) for c in str(path)))


def _css_counters(text: str) -> str:
    """A translated 'Page {page} of {pages}' as CSS `content`: quoted text around page counters."""
    pieces = re.split(r"(\{page\}|\{pages\})", text)
    return " ".join(f"counter({p[1:-1]})" if p in ("{page}", "{pages}") else _css_string(p) for p in pieces if p)


def _css_string(text: str) -> str:
    """A CSS string literal; anything but letters, digits and spaces is escaped, so it cannot end the <style>."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _markdown_safe(value: Any) -> str:
    """Profile text in Markdown: no live links, images or HTML, no broken table rows or list items.

    Macro output arrives marked safe (`|safe`): it was escaped piece by piece inside the macro.
    """
    if isinstance(value, Markup):
        return str(value)
    return md_text("" if value is None else value).replace("\r", " ").replace("\n", " ")


@cache
def _stylesheet() -> str:
    return (report_templates_dir() / "report.css").read_text(encoding="utf-8")


@cache
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
        tr=gettext,
        date=lambda iso: format_date(dt.date.fromisoformat(iso), format="long", locale=lang),
        css_counters=lambda text: Markup(_css_counters(str(text))),
        css_string=lambda text: Markup(_css_string(str(text))),
        path_breaks=_path_breaks,
    )
    env.globals.update(
        lang=lang,
        # `tr` translates data (rule texts, labels); the i18n extension's `_` is for literals in templates, and
        # would treat a % in data as a format directive.
        tr=gettext,
        remedy=partial(i18n.remedy_text, gettext),
        message=jinja2.pass_context(lambda ctx, f: local_numbers(local_words(_local_names(
            render_message(f.get("message_template"), f["message"], gettext), ctx.get("_names", {})), gettext), lang)),
        local=lambda text: local_numbers(local_words(str(text), gettext), lang),
        stylesheet=Markup(_stylesheet()),
        dimension_labels=DIMENSION_LABELS, verdicts=i18n.VERDICTS, severities=i18n.SEVERITIES,
        statuses=i18n.FACT_STATUSES, states=i18n.STATES, kinds=i18n.KINDS, matches=i18n.MATCHES,
        booleans=i18n.BOOLEANS, language_names=i18n.LANGUAGE_NAMES, transitions=i18n.TRANSITIONS, transition_marks=i18n.TRANSITION_MARKS,
        charts=Charts(gettext, num),
        prose=Prose(gettext, translations.ngettext, num),
    )
    return env
