"""The atlas: a static site of every system, phase and pair, opened from disk with no server and no network.

`build_site(out_dir)` writes it (the `linkcheck site` command is its client); pages are rendered from
report_templates/site/ with the reports' Jinja2 environment, stylesheet and translations.
"""

from __future__ import annotations

from .build import MARKER, SiteSummary, build_site

__all__ = ["MARKER", "SiteSummary", "build_site"]
