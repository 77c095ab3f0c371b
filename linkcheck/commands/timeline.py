"""`linkcheck timeline`: every phase of a system against a partner, and what changed between them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .shared import AS_OF_OPTION, CONFIG_OPTION, RATES_OPTION, emit_csv, emit_json, emit_text, formats, handles_errors


@click.command()
@click.argument("system")
@click.option("--against", "partner", required=True,
              help="PARTNER@PHASE to hold the partner fixed, or PARTNER to follow the partner phase in force.")
@formats("text", "json", "markdown", "csv")
@CONFIG_OPTION
@RATES_OPTION
@AS_OF_OPTION
@handles_errors
def timeline(system: str, partner: str, fmt: str, config_path: Path | None, rates_path: Path | None,
             as_of: Any) -> None:
    """Every phase of SYSTEM assessed against PARTNER: which differences opened, closed, or became open questions.

    Each phase is assessed on the day nearest --as-of (default today) inside the years it shares with its partner.
    """
    from .. import api

    steps = api.timeline(system, partner, as_of=as_of, config=api.load_config(config_path, rates_path))
    name = steps.system.profile.name
    if fmt == "json":
        emit_json(steps.to_dict())
    elif fmt == "csv":
        from ..formats.tables import columns, timeline_rows

        emit_csv(columns("timeline"), timeline_rows(steps.to_dict()))
    elif fmt == "markdown":
        from ..formats.markdown import timeline_markdown

        emit_text(timeline_markdown(name, steps.partner_label, steps))
    else:
        from ..formats.text import timeline_text

        emit_text(timeline_text(name, steps.partner_label, steps))
