"""`linkcheck diff`: what differs between two profiles or phases, fact by fact."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import LinkcheckError
from .shared import EXIT_FINDINGS, EXIT_OK, emit_csv, emit_json, emit_text, formats, handles_errors, say_if_moved


@click.command()
@click.argument("a")
@click.argument("b")
@formats("text", "json", "markdown", "csv")
@click.option("--all", "everything", is_flag=True,
              help="Every difference, sources and notes included; by default only the facts a linking rule reads.")
@click.option("--linking-only", is_flag=True, hidden=True)  # the default since 0.2; kept so scripts keep working
@click.option("--ignore", "patterns", multiple=True, metavar="GLOB",
              help="Leave out paths matching GLOB, e.g. 'coverage.*' or '*.note'. Repeatable.")
@click.option("--ignore-file", type=click.Path(path_type=Path),
              help="File of GLOB patterns, one per line; # starts a comment. At most 100,000 patterns, 1 MB.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", multiple=True,
              help="Date both sides are taken at; given twice, A's date then B's, to see one phase change over time.")
@handles_errors
def diff(a: str, b: str, fmt: str, everything: bool, linking_only: bool, patterns: tuple[str, ...],
         ignore_file: Path | None, as_of: tuple[str, ...]) -> None:
    """Semantic diff of two profiles or phases, as of a date: by default the differences a linking rule reads
    (values and statuses); --all adds sources, notes and facts no rule reads. Exit 0 same, 1 different (shown or
    not), 2 error."""
    from .. import api
    from ..dates import parse_day

    if everything and linking_only:
        raise LinkcheckError("choose one of --all and --linking-only")
    if len(as_of) > 2:
        raise LinkcheckError("--as-of is given once (both sides) or twice (A's date, then B's)")
    days = [parse_day(text) for text in as_of]
    ignore = list(patterns)
    if ignore_file is not None:
        from ..differences import read_ignore_file
        from ..loading.source_files import read_source
        from ..safe_text import printable

        name = printable(ignore_file)
        ignore += read_ignore_file(read_source(ignore_file, name), name)  # a regular file only, checked first
    day = tuple(days) if len(days) == 2 else (days[0] if days else None)
    differences = api.diff(a, b, as_of=day, ignore=ignore, linking_only=not everything)
    phase_a, phase_b = differences.a, differences.b
    for phase, asked in zip((phase_a, phase_b), days * 2 if len(days) == 1 else days):
        say_if_moved(phase, asked)
    hidden = 0 if everything else len(api.diff(phase_a, phase_b, ignore=ignore)) - len(differences)
    if fmt == "json":
        emit_json(differences.to_dict())
    elif fmt == "csv":
        from ..formats.tables import columns

        emit_csv(columns("diff"), differences.to_dict())
    elif fmt == "markdown":
        from ..formats.markdown import diff_markdown

        emit_text(diff_markdown(f"{phase_a.title} (as of {phase_a.as_of.isoformat()})",
                                f"{phase_b.title} (as of {phase_b.as_of.isoformat()})", differences))
    else:
        from ..formats.text import diff_text

        emit_text(diff_text(f"{phase_a.ref}  {phase_a.title}  as of {phase_a.as_of.isoformat()}",
                            f"{phase_b.ref}  {phase_b.title}  as of {phase_b.as_of.isoformat()}", differences))
    if hidden:  # on stderr, so that the JSON and CSV on stdout stay the documented table
        click.echo(f"{hidden} more difference{'s' if hidden != 1 else ''} in sources, notes or facts no linking rule "
                   "reads: `--all` shows them", err=True)
    sys.exit(EXIT_FINDINGS if differences or hidden else EXIT_OK)  # "same" means same, shown or not
