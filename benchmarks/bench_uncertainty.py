"""Benchmark of inventory uncertainty and scenario trajectories (run by hand; prints ratios).

    python benchmarks/bench_uncertainty.py

1. Approach 2 (Monte Carlo), 100,000 draws of a 1,000-line inventory (goal <= 5 s), against the
   same run's baseline: one deterministic evaluation of the 1,000 lines (quantity × factor,
   numpy) repeated once per draw.
2. 10,000 trajectories × 41 years × 3 scenarios (goal <= 1 s), against the central paths alone.
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd

from carbon_core.accounting.factors import FactorLibrary
from carbon_core.accounting.inventory import compute_inventory
from carbon_core.accounting.uncertainty import inventory_uncertainty
from carbon_core.drivers.scenarios import project


def main() -> None:
    warnings.simplefilter("ignore")
    n, draws = 1000, 100_000
    rng = np.random.default_rng(0)
    act = pd.DataFrame({"period": [2022] * n, "category": ["process"] * n, "activity": [f"p{i}" for i in range(n)],
                        "quantity": rng.uniform(1, 100, n), "unit": ["t"] * n, "factor": rng.uniform(0.5, 2, n),
                        "factor_unit": ["tCO2/t"] * n, "activity_uncertainty_pct": rng.uniform(1, 10, n),
                        "factor_uncertainty_pct": rng.uniform(1, 20, n)})
    result = compute_inventory(act, FactorLibrary.load())
    t = time.perf_counter()
    inventory_uncertainty(act, result, method="montecarlo", draws=draws, seed=1)
    ours = time.perf_counter() - t
    q, f = act["quantity"].to_numpy(), act["factor"].to_numpy()
    t = time.perf_counter()
    for _ in range(draws):
        (q * f).sum()
    base = time.perf_counter() - t
    print(f"{'case':<62}{'ours s':>9}{'base s':>9}{'ratio':>8}")
    print(f"{'Monte Carlo, 100,000 draws × 1,000 lines (goal <= 5 s)':<62}{ours:>9.2f}{base:>9.2f}{ours / base:>8.2f}"
          "  baseline: one deterministic pass × draws")
    rows = [[s, d, b, 2023, 2030, r1, 1.0] for s in "abc" for d, b, r1 in (("GDP", 100.0, 5.0), ("intensity", 1.0, -4.0))]
    rows += [[s, d, b, 2031, 2063, r2, 1.0] for s in "abc" for d, b, r2 in (("GDP", 100.0, 3.0), ("intensity", 1.0, -5.0))]
    table = pd.DataFrame(rows, columns=["scenario", "driver", "base", "from_year", "to_year", "annual_change_pct",
                                        "uncertainty_pct"])
    t = time.perf_counter()
    project(table, to_year=2062, draws=10_000, seed=1)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    project(table, to_year=2062)
    base = time.perf_counter() - t
    print(f"{'Scenarios, 10,000 trajectories × 41 years × 3 (goal <= 1 s)':<62}{ours:>9.3f}{base:>9.3f}"
          f"{ours / base:>8.1f}  baseline: central paths only")


if __name__ == "__main__":
    main()
