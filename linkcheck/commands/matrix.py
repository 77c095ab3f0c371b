"""`linkcheck matrix`: every pair's verdict and score."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .shared import AS_OF_OPTION, CONFIG_OPTION, RATES_OPTION, emit_csv, emit_json, emit_text, formats, handles_errors


@click.command()
@click.argument("profiles", nargs=-1)
@formats("text", "json", "csv")
@CONFIG_OPTION
@RATES_OPTION
@AS_OF_OPTION
@handles_errors
def matrix(profiles: tuple[str, ...], fmt: str, config_path: Path | None, rates_path: Path | None,
           as_of: Any) -> None:
    """Every pair's verdict and score. No arguments: the phase of every shipped system in force on --as-of (default
    today), else its latest, all on that one date. Named phases without --as-of: each pair on the date `assess`
    would choose for it."""
    from .. import api

    pairs = api.matrix(list(profiles) or None, as_of=as_of, config=api.load_config(config_path, rates_path))
    if pairs.left_out:
        click.echo(f"no phase in force on {as_of.isoformat()}, left out: {', '.join(pairs.left_out)}", err=True)
    if fmt == "json":
        emit_json(pairs.to_dict())
    elif fmt == "csv":
        from ..formats.tables import columns

        emit_csv(columns("matrix"), pairs.to_dict())
    else:
        from ..formats.text import matrix_text

        emit_text(matrix_text(pairs))
