"""CPU time of the commands that do not render, as a ratio to a floor: `python -c "import yaml, pydantic, click"`.

Run: `.venv/bin/python benchmarks/bench_cli.py [RUNS]` (default 7). Each command runs as `python -m linkcheck ...`
with this interpreter, in a child process; the floor and the commands run round-robin (interleaved), so load on
the machine weighs on all of them alike. The CPU time of a run is the child's user + system time (os.wait4).
It prints, per command, the median CPU seconds and the ratio to the floor's median; it asserts nothing.

Bytecode is cached as an installed linkcheck's is (pip compiles it): the children write and read .pyc files under
a temporary PYTHONPYCACHEPREFIX, whatever PYTHONDONTWRITEBYTECODE says, so no run pays for compiling sources and
the checkout is left clean.

The shipped library's cache (see linkcheck/loading/cache.py), in the same temporary folder, is warmed by one run of
each command before timing, as it is after a user's first run; LINKCHECK_NO_CACHE=1 in the environment measures
without it.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ("floor", ["-c", "import yaml, pydantic, click"])
# For scale, not a command: the floor plus one small pydantic model, built and used once (what any command that
# touches a model pays before linkcheck's own work).
ONE_MODEL = ("1 model", ["-c", "import yaml, pydantic, click\nfrom pydantic import BaseModel\n"
                          "class M(BaseModel):\n    x: int\nM(x=1)"])
TARGET = 1.5  # issue 15: each command at most 1.5 times the floor's CPU time
COMMANDS = [
    ("validate", ["validate", "eu-ets"]),
    ("show", ["show", "kazakhstan@phase2"]),
    ("list", ["list"]),
    ("diff", ["diff", "kazakhstan@pilot", "kazakhstan@phase2"]),
    ("assess", ["assess", "kazakhstan@phase2", "eu-ets@phase3"]),
    ("rank", ["rank", "kazakhstan", "eu-ets", "korea", "california"]),
    ("readiness", ["readiness", "georgia"]),
    ("explain", ["explain", "LK-OFF-01"]),
]


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def cpu_of(args: list[str]) -> float:
    """The child's CPU seconds (user + system)."""
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    scratch = tempfile.mkdtemp(prefix="linkcheck-bench-")
    ENV["PYTHONPYCACHEPREFIX"] = os.path.join(scratch, "pyc")
    ENV.setdefault("LINKCHECK_CACHE_DIR", os.path.join(scratch, "cache"))  # not the user's own cache
    jobs = [FLOOR, ONE_MODEL] + [(name, ["-m", "linkcheck", *args]) for name, args in COMMANDS]
    for _, args in jobs:  # warm the OS file cache, the .pyc files and linkcheck's own cache
        cpu_of(args)
    times: dict[str, list[float]] = {name: [] for name, _ in jobs}
    for _ in range(runs):
        for name, args in jobs:
            times[name].append(cpu_of(args))
    floor = statistics.median(times["floor"])
    print(f"{runs} runs each, interleaved; `{Path(sys.executable).name} -m linkcheck ...`; CPU = user + system")
    print(f"{'command':<10} {'median CPU s':>12} {'ratio':>6}   (target: ratio <= {TARGET:.2f})")
    for name, _ in jobs:
        median = statistics.median(times[name])
        mark = "" if name in ("floor", ONE_MODEL[0]) else ("  ok" if median / floor <= TARGET else "  over")
        print(f"{name:<10} {median:>12.3f} {median / floor:>6.2f}{mark}")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
