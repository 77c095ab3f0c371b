"""The `cli` fixture: `linkcheck ARGS...` in-process through the console entry point, so that the path an
unexpected exception would take ("internal error") is the one under test."""

from __future__ import annotations

import sys
import time

import pytest

from linkcheck.commands import run as console_entry

from .support import Result


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `linkcheck ARGS...` in-process through the console entry point (so its internal-error path is used)."""

    def run(*args: str) -> Result:
        monkeypatch.setattr(sys, "argv", ["linkcheck", *args])
        monkeypatch.setenv("NO_COLOR", "1")
        start = time.monotonic()
        try:
            console_entry()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        seconds = time.monotonic() - start
        out, err = capsys.readouterr()
        return Result(code, out, err, seconds)

    return run
