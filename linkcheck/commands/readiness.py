"""`linkcheck readiness`: the pre-launch checklist of a drafting state."""

from __future__ import annotations

from typing import Any

import click

from .shared import AS_OF_OPTION, emit_csv, emit_json, emit_text, formats, handles_errors, say_if_moved


@click.command()
@click.argument("profile")
@formats("text", "json", "markdown", "csv")
@click.option("--against", multiple=True, metavar="PARTNER",
              help="Partners to rank for the drafting state, as `rank` does. Repeatable.")
@AS_OF_OPTION
@handles_errors
def readiness(profile: str, fmt: str, against: tuple[str, ...], as_of: Any) -> None:
    """Pre-launch checklist for a drafting state: what is defined, under development or undefined; with --against,
    its partners ranked too."""
    from .. import api

    result = api.readiness(profile, against, as_of=as_of)
    say_if_moved(result.phase, as_of)
    ranking = result.ranking
    if result.departures_problem:
        click.echo(f"note: {result.departures_problem}", err=True)
    if fmt == "json":
        emit_json(result.to_dict())
    elif fmt == "csv":
        from ..formats.tables import columns, readiness_rows

        emit_csv(columns("readiness"), readiness_rows(result.to_dict()))
    elif fmt == "markdown":
        from ..formats.markdown import ranking_markdown, readiness_markdown

        emit_text(readiness_markdown(result) + (("\n" + ranking_markdown(ranking)) if ranking else ""))
    else:
        from ..formats.text import ranking_text, readiness_text

        emit_text(readiness_text(result) + (("\n" + ranking_text(ranking)) if ranking else ""))
