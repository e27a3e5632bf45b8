"""Benchmark of the provincial workflow on the official 2017 tables (run by hand; prints ratios).

    python benchmarks/bench_provincial.py [--shared ../shared] [--repeat 3]

For all 31 provinces of 2017, from the bureaus' ``.xls`` files: read the table by its codes,
check balances, remove imports and inflows (at the 42 products), run the hypothetical
extraction for every product and the provincial accounts, with CEADs 2017 CO2 allocated to the 42
products (Tibet, which CEADs does not cover, gets a stand-in satellite of 0.1 t CO2 per 10^4
yuan of output, only so that its compute is timed). Baseline in the same run: pandas alone
reading the same 31 files (``pandas.read_excel``, calamine engine, whole sheet, no parsing of
codes). Goal: ratio <= 2.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from pathlib import Path

import pandas as pd

from carbon_core.resolve.tables import identify_classification
from carbon_core.io.domestic import domestic_system
from carbon_core.io.hem import extraction_from_system
from carbon_core.io.iosystem import IOSystem
from carbon_core.io.official_tables import read_official_table
from carbon_core.io.regional_accounts import provincial_accounts
from carbon_core.resolve.satellites import ceads_to_products, read_satellite
from carbon_core.regions import region_key


def pipeline(files: list[Path]) -> float:
    total = 0.0
    for path in files:
        t = read_official_table(path)
        t.classification = identify_classification(t.names["name_zh"])
        system = domestic_system(t, "imports+inflows", "detail")
        if region_key(t.region) not in (None, "xizang"):  # CEADs has no Tibet
            sat = read_satellite(f"ceads/{t.region}/2017")
            e = ceads_to_products(sat.values, t)[0]
        else:  # Tibet: not in CEADs
            e = system.x * 1e-5
        io = IOSystem(system.Z, system.x)
        hem = extraction_from_system(io, e.to_numpy())
        acc = provincial_accounts(system, e.to_numpy(), io=io)
        total += float(hem["VIC"].sum()) + float(acc.summary.loc["production", "value"])
    return total


def baseline(files: list[Path]) -> int:
    cells = 0
    for path in files:
        frame = pd.read_excel(path, sheet_name=0, header=None, engine="calamine")
        cells += frame.size
    return cells


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = sorted((args.shared / "reference" / "io" / "provincial" / "2017").glob("*.xls"))
    if len(files) != 31:
        raise SystemExit(f"expected 31 files of 2017 under {args.shared}; found {len(files)}")
    warnings.simplefilter("ignore")
    pipeline(files[:1])  # warm-up: imports and the CEADs package load, not timed
    baseline(files[:1])
    ours, base = [], []
    for _ in range(args.repeat):
        t = time.perf_counter()
        baseline(files)
        base.append(time.perf_counter() - t)
        t = time.perf_counter()
        pipeline(files)
        ours.append(time.perf_counter() - t)
    o, b = statistics.median(ours), statistics.median(base)
    print("Provincial workflow, 31 official tables of 2017 (median of %d runs)" % args.repeat)
    print(f"{'case':<68}{'seconds':>10}")
    print(f"{'read + balances + domestic (detail) + HEM (42) + accounts, all 31':<68}{o:>10.3f}")
    print(f"{'baseline: pandas.read_excel (calamine) of the same 31 files':<68}{b:>10.3f}")
    print(f"ratio ours / baseline: {o / b:.2f} (goal <= 2)")


if __name__ == "__main__":
    main()
