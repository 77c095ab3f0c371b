"""`python -m linkcheck` runs the command-line interface."""

from .cli import run

run()
