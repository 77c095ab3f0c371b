"""Helpers for the hostile-input tests: results, the assertions every case makes, and a subprocess runner for
inputs that could block (a FIFO, a device), where a hang must fail the test instead of stopping the run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME_LIMIT = 20.0  # seconds: a hang; every case takes a fraction of one second alone, a few on a loaded machine


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str
    seconds: float


def assert_refused(result: Result, *fragments: str) -> None:
    """Exit 2 with a message a user can act on: no traceback, no "internal error", within the time limit."""
    assert result.code == 2, (result.code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert result.seconds < TIME_LIMIT, result.seconds


def assert_no_partial_files(folder: Path) -> None:
    left = [p.name for p in folder.iterdir() if "linkcheck-partial" in p.name or p.name.endswith(".tmp")]
    assert not left, left


def run_subprocess(*args: str, cwd: Path | None = None, timeout: float = 20.0, stdout=subprocess.PIPE) -> Result:
    """Run `python -m linkcheck ARGS...`; a hang fails the test through the timeout instead of blocking the run."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "linkcheck", *args], cwd=cwd or ROOT, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout)
    seconds = time.monotonic() - start
    out = done.stdout.decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    return Result(done.returncode, out, done.stderr.decode("utf-8", "replace"), seconds)
