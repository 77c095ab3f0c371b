"""`linkcheck report`: a linking-readiness report as PDF, HTML, Markdown or JSON.

Importing this module costs only click: Jinja2, WeasyPrint and Babel load when the command runs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from .i18n import LANGUAGES

FORMATS = ("pdf", "html", "md", "json")
EXTENSIONS = {".pdf": "pdf", ".html": "html", ".htm": "html", ".md": "md", ".json": "json"}


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
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML file with rule severities, options, weights and penalties.")
@click.option("--rates", "rates_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE",
              help="YAML table of exchange rates, US CPI or index values, each with its source, added to the shipped "
                   "reference data (and replacing its figure for the same currency and year).")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Assessment date: each system as it stood that day (default: see `linkcheck assess --help`).")
def report(profiles: tuple[str, ...], output: Path, fmt: str | None, lang: str, rank: bool, readiness: bool,
           against: tuple[str, ...], date: dt.datetime | None, config_path: Path | None, rates_path: Path | None,
           as_of: str | None) -> None:
    """Write a linking-readiness report.

    \b
    linkcheck report A B -o report.pdf
        can A and B link, and what must each change?
    linkcheck report --rank CANDIDATE PARTNER... -o ranking.pdf
        which partner suits CANDIDATE best?
    linkcheck report --readiness PROFILE [--against PARTNER]... -o readiness.pdf
        what must a drafting state define before launch?

    The format follows the extension of -o (.pdf, .html, .md, .json) unless --format says otherwise. The date is
    --date, else SOURCE_DATE_EPOCH, else today; the same inputs and date give a byte-identical PDF.
    """
    from ..cli import _handles_errors  # imported here: cli.py imports this module to register the command

    _handles_errors(_write)(profiles, output, fmt, lang, rank, readiness, against, date, config_path, rates_path,
                            as_of)


def _write(profiles: tuple[str, ...], output: Path, fmt: str | None, lang: str, rank: bool, readiness: bool,
           against: tuple[str, ...], date: dt.datetime | None, config_path: Path | None, rates_path: Path | None,
           as_of_text: str | None) -> None:
    from ..config import load_config
    from ..dates import parse_day
    from ..errors import LinkcheckError
    from ..loading.library import locate_reference
    from ..paths import reference_data_dir, report_templates_dir
    from ..writing import write_atomic
    from .render import render, report_date

    fmt = fmt or EXTENSIONS.get(output.suffix.lower())
    if fmt is None:
        raise LinkcheckError(f"{output}: cannot tell the format from '{output.suffix}'; pass --format "
                             f"{'|'.join(FORMATS)}")
    config = load_config(config_path, rates_path)
    as_of = parse_day(as_of_text) if as_of_text else None
    day = report_date(date.date() if date else None)
    if rank and readiness:
        raise LinkcheckError("choose one of --rank and --readiness")
    if against and not readiness:
        raise LinkcheckError("--against goes with --readiness; use --rank to rank partners")
    if rank:
        if len(profiles) < 2:
            raise LinkcheckError("--rank needs a candidate and at least one partner")
        kind, context = "ranking", ranking_context(profiles[0], list(profiles[1:]), day, config, as_of)
    elif readiness:
        if len(profiles) > 1 and not against:
            raise LinkcheckError("--readiness takes one profile; name partners with --against")
        kind, context = "readiness", readiness_context(profiles[0], [*against, *profiles[1:]], day, config, as_of)
    else:
        if len(profiles) != 2:
            raise LinkcheckError(f"a pairwise report compares two profiles (got {len(profiles)}); "
                                 "see --rank and --readiness for more")
        kind, context = "pairwise", pairwise_context(profiles[0], profiles[1], day, config, as_of)
    document = render(kind, context, fmt, lang)  # all in memory first: an error leaves no partial file
    inputs = [locate_reference(p)[0].path for p in (*profiles, *against)]
    inputs += [p for folder in (report_templates_dir(), reference_data_dir()) for p in folder.rglob("*") if p.is_file()]
    write_atomic(output, document, inputs=[*inputs, *(p for p in (config_path, rates_path) if p)])
    click.echo(f"wrote {output}", err=True)


def pairwise_context(ref_a: str, ref_b: str, day: dt.date, config: Any, as_of: dt.date | None = None) -> dict[str, Any]:
    from ..engine import assess
    from ..loading.library import load_references, locate_reference
    from ..timeline import timeline
    from . import context

    a, b = load_references([ref_a, ref_b], as_of)
    system, partner = (locate_reference(ref)[0] for ref in (ref_a, ref_b))
    steps = timeline(system, partner, config=config, as_of=as_of) if len(system.profile.phases) > 1 else None
    return context.pairwise(assess(a, b, config, as_of=as_of), day, steps)


def ranking_context(candidate: str, partners: list[str], day: dt.date, config: Any,
                    as_of: dt.date | None = None) -> dict[str, Any]:
    from ..loading.library import load_references
    from ..ranking import rank
    from . import context

    phases = load_references([candidate, *partners], as_of)
    ranked = rank(phases[0], phases[1:], config, as_of=as_of)
    return context.ranking(phases[0], ranked.partners, day, config, ranked.as_of)


def readiness_context(profile: str, partners: list[str], day: dt.date, config: Any,
                      as_of: dt.date | None = None) -> dict[str, Any]:
    from ..loading.library import load_references
    from ..ranking import rank
    from ..readiness import readiness
    from . import context

    phases = load_references([profile, *partners], as_of)
    ranked = rank(phases[0], phases[1:], config, as_of=as_of).partners if partners else None
    return context.readiness(readiness(phases[0]), day, ranked, config)
