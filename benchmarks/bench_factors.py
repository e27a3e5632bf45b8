"""Benchmark of factor loading and lookup (run by hand; prints a table with ratios).

    python benchmarks/bench_factors.py

- first load of all five factor packages (hash checks, parsing, index) in a fresh
  process, against reading the same CSV files with plain ``pandas.read_csv`` in that
  process (the baseline); imports are timed separately;
- median time of one factor lookup after loading, against a plain ``dict`` lookup of a
  prepared key in the same run (the floor any lookup API pays).
Targets: first load <= 1 s, median lookup <= 20 µs.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import median_us as _median_us  # noqa: E402


def median_us(fn) -> float:
    return _median_us(fn, batches=31, per=2000)

CHILD = r"""
import json, time
t0 = time.perf_counter()
import pandas as pd
from carbon_core.accounting.factors import FactorLibrary, FACTOR_PACKAGES
from carbon_core.data.datasets import default_package_dir
t1 = time.perf_counter()
root = default_package_dir()
paths = []
for n in FACTOR_PACKAGES:
    desc = json.loads((root / n / "datapackage.json").read_text(encoding="utf-8"))
    paths += [root / n / r["path"] for r in desc["resources"]]
t2 = time.perf_counter()
for p in paths:
    pd.read_csv(p)
t3 = time.perf_counter()
lib = FactorLibrary.load()
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "plain_read": t3 - t2, "load": t4 - t3}))
"""


def lookups():
    from carbon_core.accounting.factors import FactorLibrary

    lib = FactorLibrary.load()
    cases = {
        "fuel_parameter('天然气', 'ncv')": lambda: lib.fuel_parameter("天然气", "ncv"),
        "fuel_parameter('diesel', 'carbon_content_per_heat')": lambda: lib.fuel_parameter("diesel", "carbon_content_per_heat"),
        "grid_factor(2022, '广东')": lambda: lib.grid_factor(2022, "广东"),
        "coal_equivalent('电力')": lambda: lib.coal_equivalent("电力"),
        "gwp('CH4', 'AR6')": lambda: lib.gwp("CH4", "AR6"),
    }
    plain = {("natural_gas", "ncv", "GBT32151.22-2024"): 1}
    key = ("natural_gas", "ncv", "GBT32151.22-2024")
    base = median_us(lambda: plain.get(key))
    return [(name, median_us(fn), base) for name, fn in cases.items()]


def main() -> None:
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True).stdout)
            for _ in range(5)]
    load = statistics.median(r["load"] for r in runs)
    plain = statistics.median(r["plain_read"] for r in runs)
    imports = statistics.median(r["imports"] for r in runs)
    print(f"{'case':<62} {'ours':>12} {'baseline':>12} {'ratio':>8}")
    from carbon_core.accounting.factors import FACTOR_PACKAGES

    label = f"first load of {len(FACTOR_PACKAGES)} factor packages (ms), fresh process"
    print(f"{label:<62} {load * 1e3:>12.1f} {plain * 1e3:>12.1f} "
          f"{load / plain:>8.2f}  baseline: plain pandas.read_csv of the same files")
    print(f"{'  (imports of pandas + carbon_core before it, ms)':<62} {imports * 1e3:>12.1f}")
    for name, ours, base in lookups():
        print(f"{'lookup ' + name + ' (µs, median)':<62} {ours:>12.2f} {base:>12.3f} {ours / base:>8.1f}  baseline: dict.get")


if __name__ == "__main__":
    main()
