"""Benchmark of inventory uncertainty and scenario trajectories (run by hand; prints ratios).

    python benchmarks/bench_uncertainty.py

1. Approach 2 (Monte Carlo), 100,000 draws of a 1,000-line inventory (goal <= 5 s), against the
   same run's baseline: one deterministic evaluation of the 1,000 lines (quantity × factor,
   numpy) repeated once per draw.
2. 10,000 trajectories × 41 years × 3 scenarios (goal <= 1 s), against the central paths alone; the same
   driven by a fitted STIRPAT model whose covariance is drawn per trajectory, against the Kaya run.
3. SDA effects over 10,000 satellite draws (Guangdong 2012 → 2017, S1–S11), against the core's own SDA rerun on
   each drawn satellite (timed for 200 draws in the same run and scaled to 10,000).
4. Extraction measures over 1,000 draws of Z and the satellite (Guangdong 2017, S1–S11), against one extraction
   of the core per draw (what each draw must do): the ratio is the Monte Carlo's own overhead.
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
from carbon_core.drivers.stirpat import fit_stirpat
from carbon_core.io.hem import extraction_from_system
from carbon_core.io.io_uncertainty import sda_montecarlo, table_montecarlo
from carbon_core.io.iosystem import IOSystem
from carbon_core.io.sda import structural_decomposition
from carbon_core.resolve.prepare import sda_between
from carbon_core.resolve.tables import read_table_spec


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
    kaya = ours
    years = np.arange(1990, 2020)
    hist = pd.DataFrame({"CO2": np.exp(0.1 + 0.9 * np.log(100 * 1.05 ** (years - 1990)) + rng.normal(0, 0.03, 30)),
                         "GDP": 100 * 1.05 ** (years - 1990) * np.exp(rng.normal(0, 0.02, 30)),
                         "intensity": 1.0 * 0.98 ** (years - 1990) * np.exp(rng.normal(0, 0.02, 30))})
    fit = fit_stirpat(hist, "CO2", ["GDP", "intensity"])
    t = time.perf_counter()
    project(table, to_year=2062, draws=10_000, seed=1, model=fit)
    ours = time.perf_counter() - t
    print(f"{'  the same driven by STIRPAT, covariance drawn (goal <= 1 s)':<62}{ours:>9.3f}{kaya:>9.3f}"
          f"{ours / kaya:>8.1f}  baseline: the Kaya run")

    spec = "china-provincial-io-42/guangdong_{}"
    tables = [read_table_spec(spec.format(y)) for y in (2012, 2017)]
    result, _, _ = sda_between(*tables, "ceads", "ceads", aggregate="s11")
    t = time.perf_counter()
    sda_montecarlo(result, 10.0, draws=10_000, seed=1)
    ours = time.perf_counter() - t
    (w0, w1), (L0, L1), (Y0, Y1) = result.inputs["w"], result.inputs["L"], result.inputs["Y"]
    n = len(w0)
    t = time.perf_counter()
    for _ in range(200):
        structural_decomposition(w0 * (1 + 0.05 * rng.standard_normal(n)), L0, Y0,
                                 w1 * (1 + 0.05 * rng.standard_normal(n)), L1, Y1)
    base = (time.perf_counter() - t) * 10_000 / 200
    print(f"{'SDA effects, 10,000 satellite draws, S1-S11':<62}{ours:>9.3f}{base:>9.2f}{ours / base:>8.3f}"
          "  baseline: core SDA per draw (200 timed, scaled)")

    from carbon_core.resolve.prepare import prepare  # the same preparation as carbon hem
    prepared = prepare(tables[1], "ceads", aggregate="s11")
    system = prepared.system
    io = IOSystem(system.Z, system.x, allow_negative=True)
    e = prepared.e.to_numpy()
    t = time.perf_counter()
    table_montecarlo(io, e, 5.0, 10.0, draws=1000, seed=1)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(1000):
        extraction_from_system(IOSystem(system.Z.to_numpy() * 1.0, system.x.to_numpy(), allow_negative=True), e)
    base = time.perf_counter() - t
    print(f"{'Extraction, 1,000 draws of Z and satellite, S1-S11':<62}{ours:>9.2f}{base:>9.2f}{ours / base:>8.2f}"
          "  baseline: one core extraction per draw")


if __name__ == "__main__":
    main()
