"""The generated reference pages in docs/ match the code they are generated from."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_case_study_quotes_current_output():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_case_study.py"), "--check"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_readme_calibration_table_is_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_calibration.py"), "--check"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_readme_coverage_table_is_the_librarys():
    from click.testing import CliRunner

    from linkcheck.commands import main

    table = CliRunner().invoke(main, ["coverage", "--format", "markdown"]).stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, "README's table differs: paste `linkcheck coverage --format markdown` into 'What ships'"


def test_the_readme_notebook_example_runs():
    """The README's notebook session runs as a doctest: every output it shows is what linkcheck gives."""
    import doctest
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- notebook example[^>]*-->\n```python\n(.*?)```", readme, re.S)
    assert block, "README lost its notebook example"
    test = doctest.DocTestParser().get_doctest(block.group(1), {}, "README notebook example", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0 and len(test.examples) >= 10
