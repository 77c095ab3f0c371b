"""`python -m linkcheck` runs the command-line interface."""

from .commands import run

run()
