"""`linkcheck site`: the atlas, a static site of every system, phase and pair."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..reports.i18n import LANGUAGES
from .shared import AS_OF_OPTION, CONFIG_OPTION, RATES_OPTION, handles_errors


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write: new, empty, or an earlier site (which is replaced whole).")
@click.argument("systems", nargs=-1)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True, help="Language of the site.")
@CONFIG_OPTION
@RATES_OPTION
@AS_OF_OPTION
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), help="Date printed on the pages (YYYY-MM-DD).")
@click.option("--full-pairs", is_flag=True,
              help="Each pair's page is the full report (with its timeline), not the brief: about ten times larger.")
@handles_errors
def site(output: Path, systems: tuple[str, ...], lang: str, config_path: Path | None, rates_path: Path | None,
         as_of: Any, date: Any, full_pairs: bool) -> None:
    """Write the atlas: every system (or the SYSTEMS named) as factsheets, the matrix of current phases as a heat
    map linking to each pair's report, each system's partners ranked, the rule catalogue and the changes between
    phases. Open DIR/index.html in a browser: no server, no network."""
    from .. import api
    from ..atlas import build_site

    summary = build_site(output, lang=lang, as_of=as_of, config=api.load_config(config_path, rates_path), systems=list(systems) or None,
                         date=date.date() if date else None, full_pair_reports=full_pairs)
    click.echo(f"wrote {summary.pages} pages ({summary.systems} systems, {summary.pairs} pairs) to {output} in "
               f"{summary.seconds:.1f} s; open {output / 'index.html'}", err=True)
