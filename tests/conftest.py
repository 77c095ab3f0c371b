"""Shared helpers: run the CLI in-process, write YAML fixtures to temporary files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from linkcheck.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


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
