"""Fills the templates in report_templates/ (HTML, Markdown) and prints the HTML to PDF with WeasyPrint.

Profile text is untrusted: HTML templates autoescape, Markdown output escapes HTML, and WeasyPrint may fetch nothing
but the package's own assets. The same context, language and date give a byte-identical PDF.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
from functools import cache, partial
from typing import Any

from markupsafe import Markup

from ..model.vocab import DIMENSION_LABELS
from ..messages import render as render_message
from ..paths import report_templates_dir
from ..safe_text import md_text
from . import i18n
from .assets import safe_fetcher
from .charts import Charts
from .localize import local_names, local_numbers, local_value, local_words, localized
from .prose import Prose


def report_date(explicit: dt.date | None = None) -> dt.date:
    """The date printed on a report: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    from ..dates import today

    return explicit if explicit is not None else today()


KIND_TITLES = {"pairwise": i18n.N_("Linking readiness report"), "ranking": i18n.N_("Partner ranking"),
               "readiness": i18n.N_("Readiness self-assessment")}
NO_DOCUMENT_META = {"title": None, "author": None, "client": None, "reference": None, "logo": None, "draft": False}


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
    if fmt == "xlsx":
        from .workbook import workbook

        return workbook(kind, context, lang)
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
        message=jinja2.pass_context(lambda ctx, f: local_numbers(local_words(local_names(
            render_message(f.get("message_template"), f["message"], gettext), ctx.get("_names", {})), gettext), lang)),
        local=lambda text: local_value(str(text), gettext, lang),
        stylesheet=Markup(_stylesheet()),
        dimension_labels=DIMENSION_LABELS, verdicts=i18n.VERDICTS, severities=i18n.SEVERITIES,
        statuses=i18n.FACT_STATUSES, states=i18n.STATES, kinds=i18n.KINDS, matches=i18n.MATCHES,
        booleans=i18n.BOOLEANS, language_names=i18n.LANGUAGE_NAMES, transitions=i18n.TRANSITIONS, transition_marks=i18n.TRANSITION_MARKS,
        charts=Charts(gettext, num),
        prose=Prose(gettext, translations.ngettext, num),
    )
    return env
