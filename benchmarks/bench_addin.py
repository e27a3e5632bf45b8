"""Benchmark of the worksheet functions through xlwings' own call path (run by hand).

    python benchmarks/bench_addin.py

Uses the Windows stand-ins of tests/xlwings_standins.py so that ``xlwings.udfs.call_udf``
(argument conversion, the function, result conversion) runs here as it does under Excel,
minus COM. Reports, each with a baseline from the same run:
- CARBON_FACTOR per call (median µs) vs calling the core lookup directly;
- one array call of 10,000 lookups vs 10,000 single calls;
- CARBON_HEM on the 2018 153-sector table vs carbon_core.io.hem.extraction_table on the same data;
- ``import addin.carbon_udfs`` in a fresh process vs ``import numpy, pandas, xlwings`` (its floor).
Target: CARBON_FACTOR <= 100 µs median per call.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_startup import median_s  # noqa: E402
from timing import median_us  # noqa: E402
from xlwings_standins import call, windows_standins  # noqa: E402


def main() -> None:
    from carbon_core.resolve.tables import read_io_table
    from carbon_core.accounting.factors import FactorLibrary
    from carbon_core.io.hem import extraction_table

    rows = []
    with windows_standins() as (udfs, module):
        call(udfs, "CARBON_FACTOR", "天然气", "ncv")  # load and cache the library
        lib = FactorLibrary.load()
        per_call = median_us(lambda: call(udfs, "CARBON_FACTOR", "天然气", "ncv"))
        core = median_us(lambda: lib.fuel_parameter("天然气", "ncv"))
        rows.append(("CARBON_FACTOR via xlwings call path (µs/call, median)", per_call, core,
                     "baseline: FactorLibrary.fuel_parameter"))

        names = ["天然气", "柴油", "汽油", "原煤", "焦炭"] * 2000
        column = tuple((n,) for n in names)
        t = time.perf_counter()
        out = call(udfs, "CARBON_FACTOR", column, "ncv")
        array_s = time.perf_counter() - t
        assert len(out) == 10_000
        t = time.perf_counter()
        for n in names:
            call(udfs, "CARBON_FACTOR", n, "ncv")
        single_s = time.perf_counter() - t
        rows.append(("10,000 lookups: one array call vs 10,000 single calls (ms)", array_s * 1e3, single_s * 1e3,
                     "baseline: the single calls"))

        table = read_io_table("china-io-detailed/io_2018_153")
        labels = list(table.Z.index)
        Z = ((None,) + tuple(labels),) + tuple((lab,) + tuple(float(v) for v in r) for lab, r in zip(labels, table.Z.to_numpy()))
        x = tuple((lab, float(v)) for lab, v in zip(labels, table.x))
        e = tuple((lab, float(v) / 1e4) for lab, v in zip(labels, table.x))  # a stand-in satellite
        times = []
        for _ in range(5):
            t = time.perf_counter()
            res = call(udfs, "CARBON_HEM", Z, x, e)
            times.append(time.perf_counter() - t)
        body = [r for r in res if not str(r[0]).startswith("Warning:")]  # the table's negative y is reported below
        assert len(body) == 154 and not str(res[0][0]).startswith("Error")
        core_times = []
        for _ in range(5):
            t = time.perf_counter()
            extraction_table(table.Z, table.x, [v for _, v in e])
            core_times.append(time.perf_counter() - t)
        rows.append(("CARBON_HEM, 2018 table, 153 sectors (ms)", statistics.median(times) * 1e3,
                     statistics.median(core_times) * 1e3, "baseline: extraction_table on the same data"))

    py = sys.executable
    rows.append(("import addin.carbon_udfs, fresh process (ms, median)",
                 median_s([py, "-c", "import addin.carbon_udfs"]) * 1e3,
                 median_s([py, "-c", "import numpy, pandas, xlwings"]) * 1e3,
                 "baseline: import numpy, pandas, xlwings"))

    print(f"{'case':<62} {'ours':>10} {'baseline':>10} {'ratio':>7}")
    for name, a, b, note in rows:
        print(f"{name:<62} {a:>10.1f} {b:>10.1f} {a / b:>7.2f}  {note}")
    print(f"target: CARBON_FACTOR <= 100 µs per call: {'met' if rows[0][1] <= 100 else 'MISSED'}")


if __name__ == "__main__":
    import warnings

    warnings.simplefilter("ignore")
    main()
