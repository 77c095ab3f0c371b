"""Write a linking-readiness report (PDF, HTML, Word, Markdown or JSON) from what `linkcheck report` was asked.

Importing this module costs nothing: Jinja2, WeasyPrint and Babel load when a report is written.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sys

FORMATS = ("pdf", "html", "docx", "xlsx", "md", "json")
EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".docx": "docx", ".xlsx": "xlsx", ".md": "md", ".json": "json"}


PDF_VARIANTS = ("pdf/a-3b", "pdf/ua-1")  # the archival variants the tests render and check
LOGO_BYTES = 2_000_000
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}


@dataclass(frozen=True)
class ReportRequest:
    """Everything `linkcheck report` was asked for, as the command line gave it."""

    profiles: tuple[str, ...]
    output: Path
    fmt: str | None = None
    lang: str = "en"
    rank: bool = False
    readiness: bool = False
    against: tuple[str, ...] = ()
    date: dt.datetime | None = None
    config_path: Path | None = None
    rates_path: Path | None = None
    as_of: str | None = None
    assignments: tuple[str, ...] = ()
    direction: str = "two-way"
    title: str | None = None
    author: str | None = None
    client: str | None = None
    reference: str | None = None
    logo: Path | None = None
    draft: bool = False
    pdf_variant: str | None = None
    brief: bool = False


def write_report(request: ReportRequest) -> None:
    from ..config import load_config
    from ..dates import parse_day
    from ..errors import LinkcheckError
    from ..loading.library import locate_reference
    from ..paths import reference_data_dir, report_templates_dir
    from ..writing import write_atomic
    from .render import render, report_date

    r = request
    progress = Progress()
    fmt = r.fmt or EXTENSIONS.get(r.output.suffix.lower())
    if fmt is None:
        raise LinkcheckError(f"{r.output}: cannot tell the format from '{r.output.suffix}'; pass --format "
                             f"{'|'.join(FORMATS)}")
    if r.pdf_variant and fmt != "pdf":
        raise LinkcheckError(f"--pdf-variant applies to PDF output, not {fmt}")
    # A workbook is data for sorting and filtering: it has no cover, no pages and no brief to lay out.
    for flag, given in (("--brief", r.brief), ("--logo", r.logo), ("--draft", r.draft)):
        if given and fmt == "xlsx":
            raise LinkcheckError(f"{flag} applies to PDF, HTML and Word reports, not to a workbook (xlsx)")
    config = load_config(r.config_path, r.rates_path)
    as_of = parse_day(r.as_of) if r.as_of else None
    day = report_date(r.date.date() if r.date else None)
    if r.rank and r.readiness:
        raise LinkcheckError("choose one of --rank and --readiness")
    if r.against and not r.readiness:
        raise LinkcheckError("--against goes with --readiness; use --rank to rank partners")
    if r.readiness and (r.assignments or r.direction != "two-way"):
        raise LinkcheckError("--set and --direction go with a pairwise report or a ranking, not with --readiness")
    progress.say("assessing")
    if r.rank:
        if len(r.profiles) < 2:
            raise LinkcheckError("--rank needs a candidate and at least one partner")
        kind, context = "ranking", ranking_context(r.profiles[0], list(r.profiles[1:]), day, config, as_of,
                                                   r.assignments, r.direction.replace("-", "_"))
    elif r.readiness:
        if len(r.profiles) > 1 and not r.against:
            raise LinkcheckError("--readiness takes one profile; name partners with --against")
        kind, context = "readiness", readiness_context(r.profiles[0], [*r.against, *r.profiles[1:]], day, config,
                                                       as_of)
    else:
        if len(r.profiles) != 2:
            raise LinkcheckError(f"a pairwise report compares two profiles (got {len(r.profiles)}); "
                                 "see --rank and --readiness for more")
        kind, context = "pairwise", pairwise_context(r.profiles[0], r.profiles[1], day, config, as_of,
                                                     r.assignments, r.direction.replace("-", "_"))
    context["document"] = document_meta(r)
    context["brief"] = r.brief
    progress.say({"pdf": "printing the PDF", "docx": "writing the Word document", "xlsx": "writing the workbook"}.get(fmt, f"writing {fmt.upper()}"))
    document = render(kind, context, fmt, r.lang, pdf_variant=r.pdf_variant)  # in memory first: no partial file
    inputs = [locate_reference(p)[0].path for p in (*r.profiles, *r.against)]
    inputs += [p for folder in (report_templates_dir(), reference_data_dir()) for p in folder.rglob("*") if p.is_file()]
    inputs += [p for p in (r.config_path, r.rates_path, r.logo) if p]
    write_atomic(r.output, document, inputs=inputs)
    progress.done()


class Progress:
    """Signs of life on a terminal: each stage of a long render on stderr, with the time it took. Silent when stderr
    is not a terminal, so logs, pipes and tests see only the final line."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.live = sys.stderr.isatty()
        self.started = self.clock()
        self.stage: str | None = None

    def say(self, stage: str) -> None:
        if self.live:
            self._close()
            sys.stderr.write(f"linkcheck report: {stage}…")
            sys.stderr.flush()
            self.stage, self.since = stage, self.clock()

    def _close(self) -> None:
        if self.stage is not None:
            sys.stderr.write(f" {self.clock() - self.since:.1f} s\n")
            self.stage = None

    def done(self) -> None:
        if self.live:
            self._close()


def document_meta(r: ReportRequest) -> dict[str, Any]:
    """Who the report is by and for, as the reader and the document's metadata see it."""
    from ..errors import LinkcheckError
    from ..safe_text import refuse_unusable

    fields = {}
    for name, value in (("title", r.title), ("author", r.author), ("client", r.client), ("reference", r.reference)):
        if value is not None:
            refuse_unusable(value, f"--{name}", 300, LinkcheckError, "give one line of text")
        fields[name] = value
    logo = None
    if r.logo is not None:
        from ..loading.source_files import read_source_bytes

        data = read_source_bytes(r.logo, limit=LOGO_BYTES, expected="a PNG or JPEG image")
        mime = next((m for magic, m in LOGO_TYPES.items() if data.startswith(magic)), None)
        if mime is None:
            raise LinkcheckError(f"{r.logo}: --logo takes a PNG or JPEG image")
        logo = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return {**fields, "logo": logo, "draft": r.draft}


def pairwise_context(ref_a: str, ref_b: str, day: dt.date, config: Any, as_of: dt.date | None = None,
                     assignments: tuple[str, ...] = (), direction: str = "two_way") -> dict[str, Any]:
    from ..engine import assess
    from ..loading.library import locate_reference
    from ..whatif import load_pair
    from ..timelines import timeline
    from . import context

    a, b, changed = load_pair(ref_a, ref_b, assignments, as_of)
    system, partner = (locate_reference(ref)[0] for ref in (ref_a, ref_b))
    # The timeline shows the published phases: a scenario changes the facts of the day assessed, not history.
    steps = timeline(system, partner, config=config, as_of=as_of) if len(system.profile.phases) > 1 else None
    result = assess(a, b, config, direction, as_of=as_of)
    result.what_if = changed
    return context.pairwise(result, day, steps)


def ranking_context(candidate: str, partners: list[str], day: dt.date, config: Any,
                    as_of: dt.date | None = None, assignments: tuple[str, ...] = (),
                    direction: str = "two_way") -> dict[str, Any]:
    from ..loading.library import load_references
    from ..ranking import rank
    from ..whatif import change_candidate
    from . import context

    phases = load_references([candidate, *partners], as_of)
    phases[0], changed = change_candidate(phases[0], assignments)
    ranked = rank(phases[0], phases[1:], config, direction, as_of=as_of)
    for entry in ranked.partners:
        entry.assessment.what_if = {"a": changed} if changed else {}
    return {**context.ranking(phases[0], ranked.partners, day, config, ranked.as_of), "what_if": {"a": changed}
            if changed else {}}


def readiness_context(profile: str, partners: list[str], day: dt.date, config: Any,
                      as_of: dt.date | None = None) -> dict[str, Any]:
    from ..loading.library import load_references
    from ..ranking import rank
    from ..prerequisites import readiness
    from . import context

    phases = load_references([profile, *partners], as_of)
    ranked = rank(phases[0], phases[1:], config, as_of=as_of).partners if partners else None
    return context.readiness(readiness(phases[0]), day, ranked, config)
