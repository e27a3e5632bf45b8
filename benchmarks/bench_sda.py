"""Benchmark of structural decomposition for every province, 2012 → 2017 (run by hand; prints ratios).

    python benchmarks/bench_sda.py [--repeat 3]

For the 31 provinces of the shipped package china-provincial-io-42: both years' official tables
aggregated to S1–S11 with each year's own concordance, imports and inflows removed, CEADs CO2 of
each year, and the exact decomposition into the five effects averaged over all 5! = 120
orderings. Tibet, which CEADs does not cover, gets a stand-in satellite of 0.1 t CO2 per 10^4
yuan of output, only so that its compute is timed.

Baseline in the same run: one extraction table (all ten measures for every sector) of the same
provinces, 2017, prepared the same way (S1–S11, imports and inflows removed, CEADs CO2). Both
routes read the packaged tables; the second table pair shows the decomposition alone against
the extraction alone, with the prepared systems in memory. Goal: ratio <= 3 end to end.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

import pandas as pd

from carbon_core.data.datasets import load_package
from carbon_core.resolve.tables import provincial_table_spec, read_table_spec
from carbon_core.errors import InputError
from carbon_core.resolve.prepare import sda_between, year_data
from carbon_core.io.hem import extraction_from_system
from carbon_core.io.iosystem import IOSystem
from carbon_core.io.sda import decompose_between


def _satellite(table):
    """CEADs, or for Tibet a stand-in at the table's products (timed, not a result)."""
    try:
        year_data(table, "ceads")
        return "ceads"
    except InputError:
        return pd.Series(table.x.to_numpy() * 1e-5, index=table.products)


def regions() -> list[str]:
    names = load_package("china-provincial-io-42").resource_names()
    return sorted(r[:-5] for r in names if r.endswith("_2017") and not r.startswith("china"))


def tables(region: str, year: int):
    return read_table_spec(provincial_table_spec(region, year))


def sda_all(keys, satellites) -> float:
    total = 0.0
    for key in keys:
        t0, t1 = tables(key, 2012), tables(key, 2017)
        result, _, _ = sda_between(t0, t1, *satellites[key], unit="Mt CO2")
        total += result.change
    return total


def hem_all(keys, satellites) -> float:
    total = 0.0
    for key in keys:
        year = year_data(tables(key, 2017), satellites[key][1], unit="Mt CO2")
        hem = extraction_from_system(IOSystem(year.system.Z, year.system.x), year.e.to_numpy())
        total += float(hem["VIC"].sum())
    return total


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    keys = regions()
    if len(keys) != 31:
        raise SystemExit(f"expected 31 provinces with a 2017 table; found {len(keys)}")
    satellites = {k: (_satellite(tables(k, 2012)), _satellite(tables(k, 2017))) for k in keys}
    stand_ins = [k for k, s in satellites.items() if not isinstance(s[0], str)]
    sda_all(keys[:1], satellites)  # warm-up: imports, packages and concordances loaded once
    hem_all(keys[:1], satellites)

    ours = best_of(lambda: sda_all(keys, satellites), args.repeat)
    base = best_of(lambda: hem_all(keys, satellites), args.repeat)

    prepared = {k: (year_data(tables(k, 2012), satellites[k][0], unit="Mt CO2"),
                    year_data(tables(k, 2017), satellites[k][1], unit="Mt CO2")) for k in keys}

    def sda_compute():
        for y0, y1 in prepared.values():
            decompose_between(y0.system, y0.e, y1.system, y1.e, method="dl")

    def hem_compute():
        for _, y1 in prepared.values():
            extraction_from_system(IOSystem(y1.system.Z, y1.system.x), y1.e.to_numpy())

    only_sda = best_of(sda_compute, args.repeat)
    only_hem = best_of(hem_compute, args.repeat)
    print(f"SDA 2012 → 2017, {len(keys)} provinces, S1–S11, five effects, all 120 orderings "
          f"(median of {args.repeat}; stand-in satellite: {', '.join(stand_ins) or 'none'})")
    print(f"{'case':<76}{'seconds':>10}")
    print(f"{'read both years + S1–S11 + domestic + CEADs + SDA (dl), all provinces':<76}{ours:>10.3f}")
    print(f"{'baseline: read 2017 + S1–S11 + domestic + CEADs + one extraction table':<76}{base:>10.3f}")
    print(f"ratio ours / baseline: {ours / base:.2f} (goal <= 3)")
    print(f"{'decomposition alone (prepared systems)':<76}{only_sda:>10.4f}")
    print(f"{'extraction table alone (prepared systems)':<76}{only_hem:>10.4f}")
    print(f"ratio: {only_sda / only_hem:.2f}")


if __name__ == "__main__":
    main()
