"""Benchmark of the extraction engine (run by hand; prints a table of ratios).

    python benchmarks/bench_hem.py [--quick]

Every ratio is against a baseline timed in the same run on the same machine:
1. fast all-sector extraction vs naive re-inversion (one inverse per sector) at
   n = 100, 300, 1000; the naive route at n = 1000 is timed on a sample of sectors
   and scaled to all n (said in the table);
2. fast all-sector extraction at n = 2000 and 5000 divided by one ``np.linalg.inv(I - A)``;
3. multipliers + footprints (ours) vs pymrio ``calc_all`` at n = 2000.
Times are the best of a few repeats (wall clock, seconds).
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

from carbon_core import IOSystem
from carbon_core.io.hem import extraction_table


def system(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0.0, 1.0, (n, n)) * (rng.random((n, n)) > 0.5)
    y = rng.uniform(1.0, 10.0, n) * n / 10
    x = np.maximum(Z.sum(axis=1) + y, Z.sum(axis=0) * 1.3)
    e = rng.uniform(0.0, 5.0, n)
    return Z, x, e


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def naive_setup(Z, x, e):
    """The shared part of the naive route: A, y, w and one full L."""
    n = len(x)
    A = Z / x
    return A, x - Z.sum(axis=1), e / x, np.linalg.inv(np.eye(n) - A)


def naive_per_sector(setup, x, sectors) -> None:
    """Definition-level extraction: for each sector, invert I - A_rr and solve the extracted system."""
    A, y, w, L = setup
    n = len(x)
    for j in sectors:
        r = np.arange(n) != j
        D_r = np.linalg.inv(np.eye(n - 1) - A[np.ix_(r, r)])
        # IE, ME, NBL, NFL, TL, BL, FL as in extraction_table_reference (single sector)
        d_s = 1.0 / (1.0 - A[j, j])
        _ = w[j] * d_s * y[j], w[j] * (L[j, j] - d_s) * y[j]
        _ = w[r] @ L[r, j] * y[j], w[j] * (L[j, r] @ y[r])
        x_star_r = D_r @ y[r]
        _ = w @ x - (w[j] * d_s * y[j] + w[r] @ x_star_r)


def ours_multipliers_footprints(Z, x, F, Y):
    io = IOSystem(Z, x, unit="M EUR")
    S = F / x
    M = io.solver.solve_left(S)
    return M, M @ Y


def pymrio_calc_all(Z, Y, F):
    import pymrio

    n = Z.shape[0]
    idx = pd.MultiIndex.from_product([["reg1"], [f"s{i}" for i in range(n)]], names=["region", "sector"])
    ycols = pd.MultiIndex.from_product([["reg1"], [f"fd{i}" for i in range(Y.shape[1])]], names=["region", "category"])
    sys_ = pymrio.IOSystem(Z=pd.DataFrame(Z, index=idx, columns=idx), Y=pd.DataFrame(Y, index=idx, columns=ycols))
    sys_.ext = pymrio.Extension(name="ext", F=pd.DataFrame(F, index=[f"f{k}" for k in range(F.shape[0])], columns=idx))
    sys_.calc_all()
    return sys_


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    rows = []

    sizes = (50, 100, 200) if args.quick else (100, 300, 1000)
    for n in sizes:
        Z, x, e = system(n)
        t_fast = best(lambda: extraction_table(Z, x, e))
        sample = list(range(n)) if n <= 300 else list(range(0, n, n // 50))[:50]
        t_setup = best(lambda: naive_setup(Z, x, e), repeat=1)
        setup = naive_setup(Z, x, e)
        # the one-off setup is counted once; only the per-sector work is scaled up
        t_naive = t_setup + best(lambda: naive_per_sector(setup, x, sample), repeat=1) * n / len(sample)
        note = "naive: all sectors" if len(sample) == n else f"naive: {len(sample)} sectors timed, scaled to {n}"
        rows.append((f"extraction vs naive re-inversion, n={n}", t_fast, t_naive, t_naive / t_fast, "speed-up", note))

    big = (500, 1000) if args.quick else (2000, 5000)
    for n in big:
        Z, x, e = system(n)
        A = Z / x
        t_inv = best(lambda: np.linalg.inv(np.eye(n) - A), repeat=2)
        t_fast = best(lambda: extraction_table(Z, x, e), repeat=2)
        rows.append((f"all-sector extraction / one inv(I-A), n={n}", t_fast, t_inv, t_fast / t_inv, "ratio (lower is better)",
                     "includes input checks, A, LU, L by triangular solves"))

    n = 500 if args.quick else 2000
    Z, x, _ = system(n)
    rng = np.random.default_rng(1)
    Y = np.column_stack([(x - Z.sum(axis=1)) * share for share in rng.dirichlet(np.ones(4), 1)[0]])
    F = rng.uniform(0.0, 5.0, (3, n))
    t_ours = best(lambda: ours_multipliers_footprints(Z, x, F, Y), repeat=2)
    try:
        t_pymrio = best(lambda: pymrio_calc_all(Z, Y, F), repeat=2)
        rows.append((f"multipliers + footprints vs pymrio calc_all, n={n}", t_ours, t_pymrio, t_ours / t_pymrio,
                     "ratio (lower is better)", "3 stressors, 4 final-demand columns"))
    except ImportError:
        rows.append((f"multipliers + footprints, n={n}", t_ours, float("nan"), float("nan"), "", "pymrio not installed"))

    print(f"{'case':<52} {'ours (s)':>10} {'baseline (s)':>13} {'ratio':>10}  meaning / note")
    for case, a, b, ratio, meaning, note in rows:
        print(f"{case:<52} {a:>10.4f} {b:>13.4f} {ratio:>10.3f}  {meaning}; {note}")


if __name__ == "__main__":
    main()
