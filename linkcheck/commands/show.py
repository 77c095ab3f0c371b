"""`linkcheck show`: one resolved phase, each fact with its status and sources."""

from __future__ import annotations

from typing import Any

import click

from .shared import PHASE_AS_OF_HELP, emit_json, emit_text, formats, handles_errors, parse_as_of, say_if_moved


@click.command()
@click.argument("profile")
@formats("text", "json", "yaml")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_as_of, help=PHASE_AS_OF_HELP)
@handles_errors
def show(profile: str, fmt: str, as_of: Any) -> None:
    """Show a resolved phase (inheritance applied), each fact with its status and sources, as of a date."""
    from .. import api
    from ..model.phases import phase_to_dict

    phase = api.load(profile, as_of)
    say_if_moved(phase, as_of)
    if fmt == "json":
        emit_json(phase_to_dict(phase))
    elif fmt == "yaml":
        import yaml

        emit_text(yaml.safe_dump(phase_to_dict(phase), sort_keys=False, allow_unicode=True))
    else:
        from ..formats.profile_text import phase_text

        emit_text(phase_text(phase))
