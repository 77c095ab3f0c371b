"""Fuzz the loader, validator and engine with mutated shipped profiles; print how many inputs escaped.

    .venv/bin/python benchmarks/fuzz_profiles.py [EXAMPLES]   (default 10,000)

An escape is any exception other than linkcheck's own LinkcheckError: a located refusal is the right answer
to a broken file, anything else is a bug. The mutations are those of tests/hostile/mutations.py.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.hostile.mutations import load_and_assess, mutated_profile  # noqa: E402


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    outcomes: Counter[str] = Counter()
    escapes: list[str] = []

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(mutated_profile())
    def run(case):
        try:
            outcomes[load_and_assess(*case)] += 1
        except Exception:  # noqa: BLE001 - counting what escapes is the point
            outcomes["escaped"] += 1
            escapes.append(f"{case[0]}: {traceback.format_exc(limit=-3)}")

    started = time.monotonic()
    run()
    elapsed = time.monotonic() - started
    total = sum(outcomes.values())
    print(f"{total:,} mutated profiles in {elapsed:.0f} s: {outcomes['refused']:,} refused with located errors, "
          f"{outcomes['assessed']:,} loaded and assessed, {outcomes['escaped']:,} escaped")
    for escape in escapes[:5]:
        print(escape)
    return 1 if outcomes["escaped"] else 0


if __name__ == "__main__":
    sys.exit(main())
