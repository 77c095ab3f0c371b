"""`linkcheck report`: a linking-readiness report as PDF, HTML, Word, Markdown or JSON.

Importing this module costs only click: Jinja2, WeasyPrint and Babel load when the command runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import LinkcheckError
from ..reports.i18n import LANGUAGES
from ..reports.writer import FORMATS, PDF_VARIANTS
from .shared import AS_OF_OPTION, CONFIG_OPTION, DIRECTION_CHOICE, RATES_OPTION, handles_errors


@click.command(name="report", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("profiles", nargs=-1, required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="File to write; its extension picks the format.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Override the format the extension implies.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the report.")
@click.option("--rank", is_flag=True, help="Rank PARTNERs for a CANDIDATE (the PETER question).")
@click.option("--readiness", is_flag=True, help="Pre-launch self-assessment of a drafting state.")
@click.option("--against", multiple=True, metavar="PARTNER",
              help="With --readiness: partners to find the closest of. Repeatable.")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date printed on the report (YYYY-MM-DD).")
@CONFIG_OPTION
@RATES_OPTION
@AS_OF_OPTION
@click.option("--set", "assignments", multiple=True, metavar="SIDE.PATH=VALUE",
              help="Scenario (pairwise reports): change one fact of side a or b, as `assess --set` does. The report "
                   "is labelled a scenario and lists every change. Repeatable.")
@click.option("--direction", type=DIRECTION_CHOICE, default="two-way",
              show_default=True, help="Pairwise reports: a two-way link, or a one-way link.")
@click.option("--title", help="Title on the cover and in the document's metadata (default: the report's question).")
@click.option("--author", help="Author, on the cover and in the document's metadata.")
@click.option("--client", help="Client the report is prepared for, on the cover.")
@click.option("--reference", help="Report number or reference, on the cover and in every page's footer.")
@click.option("--logo", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="PNG or JPEG image (at most 2 MB) for the cover.")
@click.option("--draft", is_flag=True, help="Mark every page DRAFT.")
@click.option("--brief", is_flag=True, help="A brief for a meeting, at most four pages: the verdict, what blocks, who "
              "must change what, what is still unknown, and the dates.")
@click.option("--pdf-variant", type=click.Choice(PDF_VARIANTS),
              help="Archival PDF: PDF/A-3b or PDF/UA-1 (both rendered and checked by the tests).")
@handles_errors
def report(**options: Any) -> None:
    """Write a linking-readiness report.

    \b
    linkcheck report A B -o report.pdf
        can A and B link, and what must each change?
    linkcheck report --rank CANDIDATE PARTNER... -o ranking.pdf
        which partner suits CANDIDATE best?
    linkcheck report --readiness PROFILE [--against PARTNER]... -o readiness.pdf
        what must a drafting state define before launch?

    The format follows the extension of -o (.pdf, .html, .docx, .xlsx, .md, .json) unless --format says otherwise. The date is
    --date, else SOURCE_DATE_EPOCH, else today; the same inputs and date give a byte-identical PDF.
    """
    from ..api import report as write

    profiles, output = options.pop("profiles"), options.pop("output")
    rank, readiness = options.pop("rank"), options.pop("readiness")
    if rank and readiness:
        raise LinkcheckError("choose one of --rank and --readiness")
    kind = "ranking" if rank else "readiness" if readiness else "pairwise"
    write(profiles, output, kind=kind, **options)
    click.echo(f"wrote {output}", err=True)


