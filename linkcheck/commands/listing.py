"""`linkcheck list`: the shipped systems and phases."""

from __future__ import annotations

import click

from .shared import emit_csv, emit_json, formats, handles_errors

COLUMNS = ("ref", "name", "jurisdiction", "phase", "start", "end", "status")


@click.command(name="list")
@formats("text", "json", "csv")
@handles_errors
def list_systems(fmt: str) -> None:
    """List the shipped systems and phases: reference, name, jurisdiction, period, status."""
    from .. import api

    rows = api.systems()
    if fmt == "json":
        emit_json(rows)
        return
    if fmt == "csv":
        emit_csv(COLUMNS, rows)
        return
    width = max((len(r["ref"]) for r in rows), default=10)
    for r in rows:
        period = f"{r['start']}–{r['end'] or ''}"
        click.echo(f"{r['ref']:<{width}}  {period:<10} {r['status'] or '':<10} {r['name']} ({r['phase']})")
