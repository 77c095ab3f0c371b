"""What every command shares: turning bad input into a located message and exit 2, printing JSON and CSV, and the
options several commands take. Commands are thin: parse, call linkcheck.api, print."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import click

from ..errors import LinkcheckError, ProfileErrors

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def handles_errors(command: Callable) -> Callable:
    """Bad input becomes a message and exit 2, never a traceback.

    An OSError is the user's environment, not a bug (a path that cannot be read or written, a full disk): it is
    reported with the path it concerns. Messages are made printable, so text from a file or a path cannot drive
    the terminal.
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ProfileErrors as exc:
            for error in exc.errors:
                error_line(str(error))
            if exc.truncated:
                error_line(exc.omitted())
            shown = len(exc.errors)
            error_line(f"{shown}{'+' if exc.truncated else ''} error{'s' if shown != 1 else ''}")
            sys.exit(EXIT_INPUT)
        except LinkcheckError as exc:
            error_line(f"error: {exc}")
            sys.exit(EXIT_INPUT)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader of the output went away: click ends the run quietly
            error_line(f"error: {os_error_text(exc)}")
            sys.exit(EXIT_INPUT)

    return wrapper


def error_line(text: str) -> None:
    from ..safe_text import printable

    click.echo(printable(text, keep_newlines=True), err=True)


def os_error_text(exc: OSError) -> str:
    """`PATH: reason` for an OS error on a user's path; the reason alone when the error names no path."""
    reason = exc.strerror or str(exc)
    names = [os.fsdecode(n) if isinstance(n, bytes) else str(n) for n in (exc.filename, exc.filename2) if n is not None]
    if names:
        return f"{' -> '.join(names)}: {reason}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF):
        return f"cannot write the output: {reason}"
    return reason


def emit_json(data: Any) -> None:
    # Strict RFC 8259: a NaN or an infinity would be a bug, and must fail here rather than reach a client.
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def emit_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Rows as CSV (RFC 4180) on stdout, in the command's documented columns (docs/csv.md)."""
    from ..formats.tables import csv_text

    click.echo(csv_text(columns, rows), nl=False)


def emit_text(text: str) -> None:
    click.echo(text, nl=False)


def emit_result(fmt: str, result: Any, *, table: str, rows: str, markdown: str, text: str) -> None:
    """A result in the format asked for: its JSON, its CSV table (`rows`, a row builder of formats/tables.py), or
    the function of formats/markdown.py or formats/text.py named. Each format's module loads only when used."""
    import importlib

    if fmt == "json":
        emit_json(result.to_dict())
    elif fmt == "csv":
        from ..formats import tables

        emit_csv(tables.columns(table), getattr(tables, rows)(result.to_dict()))
    else:
        module = importlib.import_module(f"..formats.{'markdown' if fmt == 'markdown' else 'text'}", __package__)
        emit_text(getattr(module, markdown if fmt == "markdown" else text)(result))


def say_if_moved(phase: Any, asked: Any) -> None:
    """On stderr: the phase was not in force on the day asked for, so it is shown as it stood on its nearest day."""
    if asked is not None and phase.as_of != asked:
        click.echo(f"note: {phase.ref} ({phase.period}) is not in force on {asked.isoformat()}; it is shown as it "
                   f"stood on {phase.as_of.isoformat()}", err=True)


def parse_as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from ..dates import parse_day

    try:
        return parse_day(value)
    except LinkcheckError as exc:
        raise click.BadParameter(str(exc).removeprefix("--as-of ")) from None


def formats(*names: str) -> Callable:
    """The --format option with these choices, the first the default."""
    return click.option("--format", "fmt", type=click.Choice(list(names)), default=names[0], show_default=True)


AS_OF_OPTION = click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", callback=parse_as_of,
    help="Assessment date: each system as it stood that day. Default: today where the phases are in force, else a "
         "day inside the years they share.")
PHASE_AS_OF_HELP = ("Date: the phase as it stood that day, its dated changes up to then applied. Default: today, "
                    "else the nearest day inside the phase's years.")
CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                             help="YAML file with rule severities, options, weights and penalties.")
RATES_HELP = ("YAML table of exchange rates, US CPI or index values, each with its source, added to the shipped "
              "reference data (and replacing its figure for the same currency and year).")
RATES_OPTION = click.option("--rates", "rates_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                            metavar="FILE", help=RATES_HELP)
DIRECTION_CHOICE = click.Choice(["two-way", "a-accepts-b", "b-accepts-a"])
