"""Benchmark of inventory accounting (run by hand; prints a table with ratios).

    python benchmarks/bench_inventory.py [--lines 100000]

An inventory of N activity lines (12 energy carriers and categories, many entities and
periods, mixed units incl. Chinese ones) against a baseline measured in the same run:
the bare arithmetic of the same lines with factors already in numpy arrays (what any
implementation must at least spend). Target: 100,000 lines in <= 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

from carbon_core.accounting.factors import FactorLibrary
from carbon_core.accounting.inventory import InventoryChoices, compute_inventory

KINDS = [("combustion", "原煤", "t"), ("combustion", "柴油", "t"), ("combustion", "汽油", "kg"),
         ("combustion", "天然气", "万立方米"), ("combustion", "液化石油气", "t"), ("combustion", "焦炭", "t"),
         ("combustion", "燃料油", "t"), ("electricity", "外购电力", "kWh"), ("electricity", "电力", "万千瓦时"),
         ("heat", "热力", "GJ"), ("process", "熟料", "t"), ("other", "甲烷", "t")]


def make_lines(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, len(KINDS), n)
    cat, act, unit = (np.array([k[i] for k in KINDS], dtype=object)[kind] for i in range(3))
    factor = np.where(cat == "process", "0.52", np.where(cat == "other", "1", ""))
    return pd.DataFrame({"entity": rng.integers(0, 500, n).astype(str), "period": rng.integers(2018, 2024, n),
                         "category": cat, "activity": act, "quantity": rng.uniform(1, 1000, n), "unit": unit,
                         "gas": np.where(cat == "other", "CH4", "CO2"), "factor": factor,
                         "factor_unit": np.where(cat == "process", "tCO2/t", np.where(cat == "other", "t/t", ""))})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=100_000)
    args = ap.parse_args()
    lib = FactorLibrary.load()
    lines = make_lines(args.lines)
    choices = InventoryChoices(grid_year=2022, grid_region="广东")
    compute_inventory(lines.head(100), lib, choices)  # warm the unit cache once
    times = []
    for _ in range(5):
        t = time.perf_counter()
        res = compute_inventory(lines, lib, choices)
        times.append(time.perf_counter() - t)
    ours = statistics.median(times)
    # baseline: the same products with per-line factors already in arrays
    f = res.lines[["quantity", "heat_GJ"]].to_numpy()
    per_line_factor = np.nan_to_num(res.lines["tCO2e"].to_numpy() / np.maximum(f[:, 0], 1e-300))
    tce_factor = np.nan_to_num(res.lines["tce"].to_numpy() / np.maximum(f[:, 0], 1e-300))
    base = []
    for _ in range(5):
        t = time.perf_counter()
        co2 = lines["quantity"].to_numpy() * per_line_factor
        tce = lines["quantity"].to_numpy() * tce_factor
        pd.DataFrame({"period": lines["period"], "co2": co2, "tce": tce}).groupby("period").sum()
        base.append(time.perf_counter() - t)
    baseline = statistics.median(base)
    print(f"{'case':<48} {'ours (ms)':>10} {'baseline (ms)':>14} {'ratio':>8}")
    print(f"{f'inventory of {args.lines:,} lines':<48} {ours * 1e3:>10.1f} {baseline * 1e3:>14.2f} "
          f"{ours / baseline:>8.1f}  baseline: bare array arithmetic + group sum of the same lines")
    print(f"target: <= 500 ms; {'met' if ours <= 0.5 else 'MISSED'}")


if __name__ == "__main__":
    main()
