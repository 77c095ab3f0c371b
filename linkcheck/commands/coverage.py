"""`linkcheck coverage`: how much of each shipped phase is known, and how recently each file was reviewed."""

from __future__ import annotations

import click

from .shared import emit_csv, emit_json, emit_text, formats, handles_errors


@click.command()
@formats("text", "json", "markdown", "csv")
@handles_errors
def coverage(fmt: str) -> None:
    """The library's coverage: for each system and phase, facts per dimension by status, and the date each file
    was last reviewed with its age in days, so a stale file shows at a glance."""
    from .. import api

    rows = api.coverage()
    if fmt == "json":
        emit_json(rows)
    elif fmt == "csv":
        from ..formats.tables import columns, coverage_rows

        emit_csv(columns("coverage"), coverage_rows(rows))
    elif fmt == "markdown":
        from ..formats.markdown import coverage_markdown

        emit_text(coverage_markdown(rows))
    else:
        from ..formats.text import coverage_text

        emit_text(coverage_text(rows))
