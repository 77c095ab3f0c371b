"""Pairs per second for `linkcheck matrix`: over the shipped profiles, and over 1,000 generated profiles; and the
shipped matrix end to end, as `linkcheck matrix` runs it.

Run: `.venv/bin/python benchmarks/bench_matrix.py` (or `make bench`). It prints figures; it asserts nothing.
Generated profiles mix, field by field, facts taken from the shipped library, so every rule has real work.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkcheck.engine import assess, collector_paused, matrix  # noqa: E402
from linkcheck.loading.library import load_file, shipped_files  # noqa: E402
from linkcheck.model.fields import FIELD_SPECS  # noqa: E402
from linkcheck.whatif import _replace  # noqa: E402


def shipped_phases():
    phases = []
    for path in shipped_files().values():
        loaded = load_file(path, f"system_profiles/{path.name}")
        phases += [loaded.resolve(p) for p in loaded.profile.phases]
    return phases


def generated(count: int, seed: int = 20261126):
    rng = random.Random(seed)
    library = shipped_phases()
    pool = {spec.path: [p.get(spec.path) for p in library if p.get(spec.path) is not None] for spec in FIELD_SPECS}
    out = []
    for i in range(count):
        phase = rng.choice(library).model_copy(update={"phase_id": f"g{i}", "system_id": f"generated-{i}"})
        for spec in rng.sample(FIELD_SPECS, k=20):
            if pool[spec.path]:
                phase = _replace(phase, spec.path.split("."), rng.choice(pool[spec.path]))
        out.append(phase)
    return out


def rate(phases, pairs_limit: int | None = None) -> tuple[int, float]:
    pairs = [(a, b) for i, a in enumerate(phases) for b in phases[i + 1:]]
    if pairs_limit:
        pairs = pairs[:pairs_limit]
    start = time.perf_counter()
    with collector_paused():  # as matrix() runs them
        for a, b in pairs:
            assess(a, b)
    return len(pairs), time.perf_counter() - start


def end_to_end(runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU seconds of `python -m linkcheck matrix` in a child process, its cache warm."""
    root = Path(__file__).resolve().parent.parent
    walls, cpus = [], []
    for run in range(runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "linkcheck", "matrix"], cwd=root, stdout=subprocess.DEVNULL)
        _, _, usage = os.wait4(child.pid, 0)
        if run:  # the first fills the cache, as a user's first run does
            walls.append(time.perf_counter() - start)
            cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    wall, cpu = end_to_end()
    print(f"`linkcheck matrix` end to end (shipped, latest phases): {wall:.2f} s wall, {cpu:.2f} s CPU (median of 5)")
    start = time.perf_counter()
    latest = [load_file(p, f"system_profiles/{p.name}").resolve() for p in shipped_files().values()]
    load_time = time.perf_counter() - start
    start = time.perf_counter()
    results = matrix(latest)
    elapsed = time.perf_counter() - start
    print(f"shipped, latest phases: {len(latest)} profiles, {len(results)} pairs in {elapsed:.3f} s "
          f"= {len(results) / elapsed:,.0f} pairs/s (loading {load_time:.3f} s)")
    every = shipped_phases()
    n, elapsed = rate(every)
    print(f"shipped, every phase:   {len(every)} profiles, {n} pairs in {elapsed:.3f} s = {n / elapsed:,.0f} pairs/s")
    profiles = generated(1000)
    for limit in (5_000, 20_000, 80_000):
        n, elapsed = rate(profiles, limit)
        print(f"generated (1,000 profiles), first {n:,} pairs: {elapsed:.2f} s = {n / elapsed:,.0f} pairs/s")
    total = 1000 * 999 // 2
    print(f"all {total:,} pairs of 1,000 profiles would take about {total / (n / elapsed):,.0f} s at that rate")


if __name__ == "__main__":
    main()
