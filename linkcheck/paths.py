"""Where the shipped data lives: inside the installed wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # A wheel carries the data under linkcheck/_data/; a checkout keeps it beside the package.
    installed = _PACKAGE / "_data" / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def shipped_profiles_dir() -> Path:
    return _data_dir("system_profiles")


def report_templates_dir() -> Path:
    return _data_dir("report_templates")


def reference_data_dir() -> Path:
    return _data_dir("reference_data")
