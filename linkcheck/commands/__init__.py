"""The `linkcheck` command line: one module per command, each parsing its options, calling linkcheck.api and
printing. Exit 0 ok, 1 findings or differences, 2 bad input. Adding a command means adding its module and one line
in COMMANDS."""

from __future__ import annotations

import os
import sys

import click

from ..version import __version__
from . import (assess, coverage, diff, listing, matrix, new, rank, readiness, report, rules, schema, show, site,
               timeline, validate)
from .shared import EXIT_INPUT, error_line, os_error_text

COMMANDS = (validate.validate, show.show, listing.list_systems, schema.schema, new.new, assess.assess, rank.rank,
            matrix.matrix, readiness.readiness, rules.list_rules, rules.explain, diff.diff, timeline.timeline,
            coverage.coverage, report.report, site.site)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkcheck")
def main() -> None:
    """Can two emissions trading systems link? What blocks them, and who must change what?

    Profiles are named SYSTEM (latest phase), SYSTEM@PHASE, or a path to a YAML file (optionally
    path.yaml@PHASE). Exit codes: 0 success, 1 findings or differences, 2 invalid input or usage.
    """


for _command in COMMANDS:
    main.add_command(_command)


def run() -> None:
    """Console-script entry point; LINKCHECK_DEBUG=1 shows tracebacks of internal errors.

    "internal error" is kept for bugs in linkcheck. Errors of the environment that escape a command (an OSError
    while click opens a file, output to a full disk) are the user's to fix and are reported as such, exit 2.
    """
    try:
        main(standalone_mode=True)
    except OSError as exc:
        if os.environ.get("LINKCHECK_DEBUG"):
            raise
        error_line(f"error: {os_error_text(exc)}")
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # an internal error, not bad input: say so plainly
        if os.environ.get("LINKCHECK_DEBUG"):
            raise
        error_line(f"internal error: {exc!r}; rerun with LINKCHECK_DEBUG=1 and report it")
        sys.exit(EXIT_INPUT)
