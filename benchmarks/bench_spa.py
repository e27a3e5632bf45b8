"""Benchmark of structural path analysis (run by hand; prints times and ratios).

    python benchmarks/bench_spa.py [--quick]

1. Guangdong 2017, 42 products, CEADs CO2, imports and inflows removed: the top 1,000 paths to
   stage 8 (goal <= 0.5 s), against one all-sector extraction of the same system (same run).
2. n = 10,000 (EXIOBASE size), sparse A with 5% density, the top 1,000 paths, threshold 1e-6
   of the total (goal <= 60 s and <= 4 GB peak): time, time per reported path, peak memory of the
   process (a fresh one, so nothing else counts), and the ratio to one dense np.linalg.inv(I - A)
   at that size, timed in the same run. ``--quick`` uses n = 2,000.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import warnings


def province() -> tuple[float, float, int]:
    from carbon_core.io.hem import extraction_from_system
    from carbon_core.io.iosystem import IOSystem
    from carbon_core.io.spa import structural_paths
    from carbon_core.resolve.prepare import prepare

    p = prepare("china-provincial-io-42/guangdong_2017", "ceads/guangdong/2017")
    io = IOSystem(p.system.Z, p.system.x)
    e = p.e.to_numpy()
    structural_paths(io, e, max_stage=8, threshold=1e-9, top=10)  # warm-up
    t = time.perf_counter()
    r = structural_paths(io, e, max_stage=8, threshold=1e-9, top=1000)
    ours = time.perf_counter() - t
    t = time.perf_counter()
    extraction_from_system(io, e)
    base = time.perf_counter() - t
    return ours, base, len(r.paths)


def large(n: int, seed: int = 0) -> dict:
    """Runs in a fresh process: the peak memory is this case's alone."""
    import numpy as np
    import scipy.sparse as sp

    from carbon_core.io.spa import sparse_structural_paths

    rng = np.random.default_rng(seed)
    A = sp.random(n, n, density=0.05, random_state=seed, format="csc", data_rvs=rng.random)
    A = A @ sp.diags(0.8 / np.asarray(A.sum(axis=0)).ravel())  # every column sums to 0.8: value added 20%
    w = rng.uniform(0.0, 5.0, n)
    y = rng.uniform(1.0, 10.0, n)
    t = time.perf_counter()
    r = sparse_structural_paths(A, w, y, max_stage=8, threshold=1e-6, top=1000)
    ours = time.perf_counter() - t
    peak_spa = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MB (Linux: kB)
    dense = np.eye(n) - A.toarray()
    t = time.perf_counter()
    np.linalg.inv(dense)
    inv = time.perf_counter() - t
    return {"n": n, "paths": len(r.paths), "seconds": ours, "inv": inv, "coverage": r.coverage,
            "peak_mb_spa": peak_spa}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="n = 2,000 for the large case")
    ap.add_argument("--large-only", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    warnings.simplefilter("ignore")
    if args.large_only:
        print(json.dumps(large(args.large_only)))
        return
    ours, base, count = province()
    print(f"{'case':<66}{'ours s':>9}{'base s':>9}{'ratio':>8}")
    print(f"{'Guangdong 2017, 42 products: top %d paths to stage 8 (goal <= 0.5 s)' % count:<66}"
          f"{ours:>9.3f}{base:>9.3f}{ours / base:>8.1f}  baseline: all-sector extraction")
    n = 2000 if args.quick else 10000
    done = subprocess.run([sys.executable, __file__, "--large-only", str(n)], capture_output=True, text=True,
                          check=True)
    r = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"{'n = %d, 5%% dense sparse A: top %d paths, threshold 1e-6 (goal <= 60 s)' % (n, r['paths']):<66}"
          f"{r['seconds']:>9.2f}{r['inv']:>9.2f}{r['seconds'] / r['inv']:>8.2f}  baseline: one dense inv(I - A)")
    print(f"  {1000 * r['seconds'] / max(1, r['paths']):.2f} ms per reported path; coverage {100 * r['coverage']:.2f}%; "
          f"peak memory of the SPA {r['peak_mb_spa']:.0f} MB (goal <= 4096)")


if __name__ == "__main__":
    main()
