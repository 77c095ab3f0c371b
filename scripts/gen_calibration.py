"""README.md, "Calibration on linking history": the table of the calibration cases with what linkcheck says.

Run `python scripts/gen_calibration.py` to rewrite the table, or `--check` to fail (exit 1) when it is stale.
The cases themselves, with what each must report, live in tests/test_calibration.py.
"""

import datetime as dt
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("SOURCE_DATE_EPOCH", "1782777600")  # 2026-06-30, as the tests pin it

from linkcheck.engine import assess  # noqa: E402
from linkcheck.loading.library import load_references  # noqa: E402
from test_calibration import CASES  # noqa: E402

README = ROOT / "README.md"
HEADER = "| Case | As of | What happened | What linkcheck says |\n|---|---|---|---|\n"


def says(case) -> str:
    day = dt.date.fromisoformat(case.as_of)
    result = assess(*load_references([case.a, case.b], day), as_of=day)
    verdict = result.verdict.replace("_", " ")
    if result.verdict == "undetermined":
        best, worst = (v.replace("_", " ") for v in result.verdict_range)
        verdict += f" ({best} to {worst})" if best != worst else f" ({best})"
    parts = [verdict]
    blockers = sorted({f.rule for f in result.differences if f.severity == "blocker"})
    majors = sorted({f.rule for f in result.differences if f.severity == "major"})
    if blockers:
        parts.append("blocked by " + ", ".join(blockers))
    if majors:
        parts.append(f"{len(majors)} major: " + ", ".join(majors[:3]) + (" …" if len(majors) > 3 else ""))
    if not blockers and not majors:
        parts.append("no blocker or major difference")
    return "; ".join(parts)


def table() -> str:
    rows = [f"| {c.name} (`{c.a}`, `{c.b}`) | {c.as_of} | {c.happened} | {says(c)} |" for c in CASES]
    return HEADER + "\n".join(rows) + "\n"


def main() -> int:
    text = README.read_text(encoding="utf-8")
    start = text.index(HEADER)
    end = text.index("\n\n", start) + 1
    fresh = text[:start] + table() + text[end:]
    if "--check" in sys.argv:
        if fresh != text:
            print("README.md's calibration table is stale: run python scripts/gen_calibration.py", file=sys.stderr)
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    print("wrote the calibration table in README.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
