"""`linkcheck assess`: can two systems link, what blocks them, and who must change what."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .shared import (AS_OF_OPTION, CONFIG_OPTION, DIRECTION_CHOICE, EXIT_FINDINGS, EXIT_OK, RATES_OPTION,
                     emit_result, formats, handles_errors)


@click.command()
@click.argument("a")
@click.argument("b")
@formats("text", "json", "markdown", "csv")
@CONFIG_OPTION
@RATES_OPTION
@click.option("--fail-on", type=click.Choice(["blocker", "major", "minor"]), default="blocker", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--direction", type=DIRECTION_CHOICE, default="two-way", show_default=True,
              help="A two-way link, or a one-way link in which one side accepts the other's units.")
@click.option("--set", "assignments", multiple=True, metavar="SIDE.PATH=VALUE",
              help="What-if: change one fact of side a or b, e.g. a.cost_containment.price_floor=none. Repeatable.")
@AS_OF_OPTION
@handles_errors
def assess(a: str, b: str, fmt: str, config_path: Path | None, rates_path: Path | None, fail_on: str,
           direction: str, assignments: tuple[str, ...], as_of: Any) -> None:
    """Assess whether A and B can link, as of a date: verdict, score, blockers, open questions, who must change what.

    Exit 1 when a difference reaches --fail-on, or when the verdict is undetermined.
    """
    from .. import api
    from ..rules.base import Severity

    config = api.load_config(config_path, rates_path)
    result = api.assess(a, b, as_of=as_of, config=config, direction=direction, what_if=assignments)
    emit_result(fmt, result, table="assess", rows="assessment_rows", markdown="assessment_markdown",
                text="assessment_text")
    threshold = Severity(fail_on).rank
    failing = any(Severity(f.severity).rank <= threshold for f in result.differences)
    sys.exit(EXIT_FINDINGS if failing or result.verdict == "undetermined" else EXIT_OK)
