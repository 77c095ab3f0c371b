"""`linkcheck validate`: check profile files or shipped systems, every problem located."""

from __future__ import annotations

import sys

import click

from ..errors import Located
from .shared import EXIT_INPUT, EXIT_OK, emit_json, formats, handles_errors


@click.command()
@click.argument("profiles", nargs=-1, required=True)
@formats("text", "json")
@click.option("--strict", is_flag=True,
              help="Also refuse defined facts that cite no source (the shipped library passes this).")
@handles_errors
def validate(profiles: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check profile files (or shipped systems) and report every problem, located."""
    from .. import api

    results = [api.validate(reference, strict=strict) for reference in profiles]
    failed = any(not r["valid"] for r in results)
    if fmt == "json":
        emit_json(results)
    else:
        for result in results:
            _print(result)
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


def _print(result: dict) -> None:
    if result["valid"]:
        remarks = []
        if result["not_stated"]:
            count = sum(len(p) for p in result["not_stated"].values())
            remarks.append(f"{count} fields not stated: write `unknown` or `undefined` for them")
        if result["unsourced"]:
            remarks.append(f"{result['unsourced']} defined facts cite no source: "
                           "`linkcheck validate --strict` lists them")
        note = f" ({'; '.join(remarks)})" if remarks else ""
        click.echo(f"{result['file']}: ok, phases {', '.join(result['phases'])}{note}")
        return
    for error in result["errors"]:
        if "file" in error:
            click.echo(str(Located(**error)), err=True)
        else:
            click.echo(f"error: {error['message']}", err=True)
    if result.get("truncated"):
        click.echo(f"{result['profile']}: {result['omitted']}", err=True)
