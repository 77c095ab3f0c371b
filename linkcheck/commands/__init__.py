"""The `linkcheck` command line: one module per command, each parsing its options, calling linkcheck.api and
printing. Exit 0 ok, 1 findings or differences, 2 bad input. Adding a command means adding its module and one line
in COMMANDS."""

from __future__ import annotations

import importlib
import os
import sys

import click

from ..version import __version__
from .shared import EXIT_INPUT, error_line, os_error_text

# name -> (module, function). Modules are imported when their command runs (or `--help` lists them all), so a
# command pays for its own imports only.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "validate"), "show": ("show", "show"), "list": ("listing", "list_systems"),
    "schema": ("schema", "schema"), "new": ("new", "new"), "assess": ("assess", "assess"), "rank": ("rank", "rank"),
    "matrix": ("matrix", "matrix"), "readiness": ("readiness", "readiness"), "rules": ("rules", "list_rules"),
    "explain": ("rules", "explain"), "diff": ("diff", "diff"), "timeline": ("timeline", "timeline"),
    "coverage": ("coverage", "coverage"), "report": ("report", "report"), "site": ("site", "site"),
}


class _LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attr = COMMANDS[cmd_name]
            self.add_command(getattr(importlib.import_module(f"{__name__}.{module}"), attr), cmd_name)
        return self.commands.get(cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkcheck")
def main() -> None:
    """Can two emissions trading systems link? What blocks them, and who must change what?

    Profiles are named SYSTEM (the phase in force on the assessment date, else its latest), SYSTEM@PHASE, or a
    path to a YAML file (optionally path.yaml@PHASE). Exit codes: 0 success, 1 findings or differences, 2 invalid input or usage.
    """


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
