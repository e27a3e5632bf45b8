"""Benchmark of start-up time (run by hand; prints a table with ratios).

    python benchmarks/bench_startup.py

Each case is a fresh process, timed from outside over repeated runs (median), against a
baseline measured in the same run:
- ``carbon --version`` and ``carbon --help`` (the installed console script) against a bare
  ``python -c pass``; goal: <= 0.3 s, or <= 3x the bare interpreter;
- ``carbon factors get fuel 天然气 --parameter ncv`` (a command that needs pandas) against
  ``python -c "import numpy, pandas"``, to show what a command pays beyond its imports;
- ``import addin.carbon_udfs`` against ``import numpy, pandas, xlwings`` (what the worksheet
  functions cannot do without); scipy, statsmodels, pint and frictionless load on first use;
- ``carbon demo`` (seed 000's tables and the six workbooks) against ``import numpy, pandas``; goal <= 3 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15


def _carbon() -> list[str]:
    script = Path(sys.executable).with_name("carbon")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "carbon_cli.main"]  # not installed as a script: the same entry point


def median_s(cmd: list[str], runs: int = RUNS) -> float:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="0")
    subprocess.run(cmd, capture_output=True, env=env, check=True)  # warm the file cache and .pyc files
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    py = sys.executable
    carbon = _carbon()
    bare = median_s([py, "-c", "pass"])
    rows = [
        ("carbon --version", median_s(carbon + ["--version"]), bare, "baseline: python -c pass"),
        ("carbon --help", median_s(carbon + ["--help"]), bare, "baseline: python -c pass"),
    ]
    np_pd = median_s([py, "-c", "import numpy, pandas"])
    rows.append(("carbon factors get fuel <natural gas> --parameter ncv",
                 median_s(carbon + ["factors", "get", "fuel", "天然气", "--parameter", "ncv"]), np_pd,
                 "baseline: import numpy, pandas"))
    floor = median_s([py, "-c", "import numpy, pandas, xlwings"])
    rows.append(("import addin.carbon_udfs", median_s([py, "-c", "import addin.carbon_udfs"]), floor,
                 "baseline: import numpy, pandas, xlwings"))

    import tempfile

    with tempfile.TemporaryDirectory() as out:  # the first command a new user runs (5 runs: it writes 6 files)
        demo = median_s(carbon + ["demo", "--output-dir", out], runs=5)
    rows.append(("carbon demo (tables + 6 workbooks)", demo, np_pd, "baseline: import numpy, pandas; goal <= 3 s"))

    print(f"{'case (fresh process, median of %d)' % RUNS:<50} {'ours s':>8} {'base s':>8} {'ratio':>6}")
    for name, a, b, note in rows:
        print(f"{name:<50} {a:>8.3f} {b:>8.3f} {a / b:>6.2f}  {note}")
    fast = all(a <= 0.3 or a <= 3 * b for _, a, b, _ in rows[:2])
    print(f"goal: --version and --help <= 0.3 s or <= 3x bare python: {'met' if fast else 'MISSED'}")


if __name__ == "__main__":
    main()
