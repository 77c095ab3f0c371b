"""Shared helpers: run the CLI in-process, write YAML fixtures to temporary files."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkcheck.commands import main

FIXTURES = Path(__file__).parent / "fixtures"
# "Today" for every test and every subprocess it starts: results never depend on the day the suite runs.
TODAY = dt.date(2026, 6, 30)
os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2026, 6, 30, tzinfo=dt.timezone.utc).timestamp()))
# The shipped library's cache (linkcheck/loading/cache.py) lives in a folder of the run's own, for every test and
# subprocess: the suite neither reads nor fills the user's cache.
os.environ["LINKCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="linkcheck-test-cache-")
atexit.register(shutil.rmtree, os.environ["LINKCHECK_CACHE_DIR"], ignore_errors=True)


@pytest.fixture
def run_cli():
    def run(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return run


@pytest.fixture
def write_yaml(tmp_path):
    def write(text: str, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
