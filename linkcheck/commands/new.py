"""`linkcheck new`: a starter profile for a state drafting its own ETS."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from ..errors import LinkcheckError
from .shared import handles_errors, parse_as_of


@click.command()
@click.argument("jurisdiction")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists (it keeps its permissions).")
@click.option("--id", "system_id", metavar="ID",
              help="System id, e.g. ukraine (default: made from JURISDICTION's Latin letters and digits).")
@click.option("--from", "model", metavar="SYSTEM[@PHASE]",
              help="Start from an existing design: every fact it decides is copied as under_development, with its "
                   "sources, for the drafting state to decide; `readiness` then shows the departures from it.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_as_of,
              help="With --from: the day the model is copied as it stood (default: today, else the nearest day "
                   "inside its phase's years).")
@handles_errors
def new(jurisdiction: str, output: Path, force: bool, system_id: str | None, model: str | None, as_of: Any) -> None:
    """Write a starter profile for a state drafting its own ETS: every field present and `undefined`, or, with
    --from, the design of an existing system to decide on, fact by fact.

    The file is checked with linkcheck's own loader before it is written. It names its schema for editors by a
    relative path when it is written inside a linkcheck checkout; elsewhere a comment says how to add one.
    """
    import shlex

    from ..safe_text import printable
    from .. import api
    from ..starter import schema_reference
    from ..writing import write_atomic

    # os.path's tests say False on any OSError (a name too long...), which write_atomic then reports.
    plain_target = not os.path.islink(output) and (os.path.isfile(output) or not os.path.lexists(output))
    if plain_target and not output.name.lower().endswith((".yaml", ".yml")):
        # The starter is YAML; under another name editors and tools would read it as something it is not. Devices,
        # streams and links are left to write_atomic, which says what they are.
        raise LinkcheckError(f"new writes a YAML profile: name the file .yaml or .yml (got '{printable(output)}')")
    if as_of is not None and model is None:
        raise LinkcheckError("--as-of goes with --from: the day the model is copied as it stood")
    text = api.new_profile(jurisdiction, model=model, filename=output.name, as_of=as_of, system_id=system_id,
                           schema=schema_reference(output))
    write_atomic(output, text, overwrite=force)
    shown = printable(output)
    click.echo(f"wrote {shown}; fill it in, then run `linkcheck readiness {shlex.quote(shown)}`", err=True)
