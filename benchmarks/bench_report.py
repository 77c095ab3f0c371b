"""What a pairwise PDF report costs beyond WeasyPrint's own work, for the full report and the brief.

Run: `.venv/bin/python benchmarks/bench_report.py`. For the full report and for `--brief`, it times
`linkcheck report kazakhstan@phase2 eu-ets@phase3` end to end (loading, assessment, timeline, templates, PDF),
then WeasyPrint printing the same saved HTML alone, and prints both figures, their ratio and the page count.
Each figure is the best of three runs, after a warm-up run.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from click.testing import CliRunner  # noqa: E402
from weasyprint import HTML  # noqa: E402

from linkcheck.config import EngineConfig  # noqa: E402
from linkcheck.paths import report_templates_dir  # noqa: E402
from linkcheck.reports.writer import pairwise_context; from linkcheck.commands.report import report  # noqa: E402
from linkcheck.reports.assets import safe_fetcher  # noqa: E402
from linkcheck.reports.render import html  # noqa: E402

PAIR = ["kazakhstan@phase2", "eu-ets@phase3"]
DATE = "2026-11-26"


def best_of_three(action) -> float:
    action()  # warm-up: imports, profile cache, font configuration
    times = []
    for _ in range(3):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def measure(brief: bool) -> tuple[float, float, int]:
    from pypdf import PdfReader

    flags = ["--brief"] if brief else []
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def whole_report() -> None:
            result = CliRunner().invoke(report, [*PAIR, *flags, "-o", str(out / "report.pdf"), "--date", DATE])
            assert result.exit_code == 0, result.output

        # The HTML the PDF is printed from (the PDF flavour, which links the shipped fonts), saved to a file.
        context = {**pairwise_context(*PAIR, dt.date.fromisoformat(DATE), EngineConfig()), "brief": brief}
        (out / "report.html").write_text(html("pairwise", context, "en", for_pdf=True), encoding="utf-8")
        base = report_templates_dir().resolve().as_uri() + "/"

        def weasyprint_alone() -> None:
            saved = (out / "report.html").read_text(encoding="utf-8")
            HTML(string=saved, base_url=base, url_fetcher=safe_fetcher()).write_pdf()

        total = best_of_three(whole_report)
        alone = best_of_three(weasyprint_alone)
        pages = len(PdfReader(out / "report.pdf").pages)
    return total, alone, pages


def main() -> None:
    for name, brief in (("full report", False), ("brief", True)):
        total, alone, pages = measure(brief)
        print(f"pairwise {name} ({pages} pages), end to end:  {total:6.2f} s")
        print(f"WeasyPrint alone, same HTML:            {alone:6.2f} s")
        print(f"ratio (report / WeasyPrint):            {total / alone:6.2f}")


if __name__ == "__main__":
    main()
