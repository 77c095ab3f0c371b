"""`linkcheck rank`: the partners best first for one candidate (the PETER question)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .shared import AS_OF_OPTION, CONFIG_OPTION, DIRECTION_CHOICE, RATES_OPTION, emit_result, formats, handles_errors


@click.command()
@click.argument("candidate")
@click.argument("partners", nargs=-1, required=True)
@formats("text", "json", "markdown", "csv")
@CONFIG_OPTION
@RATES_OPTION
@click.option("--direction", type=DIRECTION_CHOICE, default="two-way", show_default=True,
              help="Two-way links, or one-way links in which the candidate (a) accepts each partner's (b) units, or "
                   "the reverse.")
@click.option("--set", "assignments", multiple=True, metavar="a.PATH=VALUE",
              help="What-if: change one fact of the candidate, e.g. a.offsets.domestic.limit_pct=10. Repeatable.")
@AS_OF_OPTION
@handles_errors
def rank(candidate: str, partners: tuple[str, ...], fmt: str, config_path: Path | None, rates_path: Path | None,
         direction: str, assignments: tuple[str, ...], as_of: Any) -> None:
    """Rank partners for one candidate system (the PETER question), with ties and the reasons.

    Partners whose order is not separated by a meaningful margin are tied; partners whose verdict is
    undetermined are listed last, not ranked. `--set a.PATH=VALUE` changes a fact of the candidate (a scenario,
    said so in every format).
    """
    from .. import api

    config = api.load_config(config_path, rates_path)
    ranking = api.rank(candidate, partners, as_of=as_of, config=config, direction=direction, what_if=assignments)
    emit_result(fmt, ranking, table="rank", rows="ranking_rows", markdown="ranking_markdown", text="ranking_text")
