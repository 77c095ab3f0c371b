"""`linkcheck schema`: the JSON Schema of a profile file."""

from __future__ import annotations

import click

from .shared import emit_json, handles_errors


@click.command()
@handles_errors
def schema() -> None:
    """Print the JSON Schema of a profile file, for editors and other tools."""
    from .. import api

    emit_json(api.schema())
