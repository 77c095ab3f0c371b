"""`linkcheck rules` and `linkcheck explain`: the rule catalogue, and one rule in full."""

from __future__ import annotations

import click

from .shared import emit_csv, emit_json, emit_text, formats, handles_errors

COLUMNS = ("code", "name", "dimension", "severity", "title", "checks", "rationale", "citation", "remedy", "reads")


@click.command(name="rules")
@formats("text", "json", "csv")
@handles_errors
def list_rules(fmt: str) -> None:
    """The rule catalogue: code, default severity, dimension, title."""
    from .. import api

    catalogue = api.catalogue()
    if fmt == "json":
        emit_json([r.to_dict() for r in catalogue])
    elif fmt == "csv":
        emit_csv(COLUMNS, (r.to_dict() for r in catalogue))
    else:
        from ..formats.text import rules_text

        emit_text(rules_text(catalogue))


@click.command()
@click.argument("code")
@formats("text", "json")
@handles_errors
def explain(code: str, fmt: str) -> None:
    """Explain one rule: what it checks, why, its citation, options and remedy."""
    from .. import api

    rule = api.rule(code)
    if fmt == "json":
        emit_json({**rule.to_dict(), "question": rule.question, "at_stake": rule.gravest.value})
    else:
        from ..formats.text import rule_explanation

        emit_text(rule_explanation(rule))
