"""Our structural paths against pyspa on pyspa's own template system (run by hand).

    python -m venv /tmp/pyspa-venv && /tmp/pyspa-venv/bin/pip install pyspa
    python benchmarks/bench_spa_pyspa.py --pyspa-python /tmp/pyspa-venv/bin/python [--target 70] [--max-stage 6]

pyspa is GPL-3.0: it is never imported here nor a dependency of the package. It runs in its own
interpreter (a subprocess) on its template input files (the 114-sector Australian A matrix, its
infosheet with direct GHG intensities, threshold 0.1% of the target's total intensity), and
hands back its pathways as JSON. pyspa keeps a pathway whose *total* (subtree) intensity is above
the threshold and records its direct value; we list the paths whose own value is above it. So the
comparison is: pyspa's pathways whose direct value is at or above the threshold must be exactly our
paths, with the same values. Times of both are printed, with their ratio.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

PYSPA_RUN = r"""
import json, sys, time, io, contextlib
from importlib import resources
import pyspa
folder = resources.files("template_input_files")
target, max_stage = int(sys.argv[1]), int(sys.argv[2])
with contextlib.redirect_stdout(io.StringIO()):
    t = time.perf_counter()
    sc = pyspa.get_spa(target_ID=target, max_stage=max_stage, a_matrix=str(folder / "A_matrix_template.csv"),
                       infosheet=str(folder / "Infosheet_template.csv"),
                       thresholds=str(folder / "Thresholds_template_perc.csv"), thresholds_as_percentages=True,
                       breakdown_remainder=False)
    seconds = time.perf_counter() - t
flow = sc.chosen_flows_list[0]
paths = []
for p in sc.pathways_list:
    v = p.nodes[-1].direct_intensities[flow]
    if v:
        paths.append([[int(n.index_reference) for n in p.nodes], float(v)])
print(json.dumps({"paths": paths, "threshold": float(sc.thresholds_dict[flow]), "seconds": seconds,
                  "folder": str(folder)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pyspa-python", required=True, help="a Python interpreter with pyspa installed")
    ap.add_argument("--target", type=int, default=70, help="target sector ID, 1-based as in pyspa (default 70)")
    ap.add_argument("--max-stage", type=int, default=6)
    args = ap.parse_args()
    done = subprocess.run([args.pyspa_python, "-c", PYSPA_RUN, str(args.target), str(args.max_stage)],
                          capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"pyspa failed:\n{done.stderr[-2000:]}")
    theirs = json.loads(done.stdout.strip().splitlines()[-1])
    folder = Path(theirs["folder"])

    from carbon_core.io.iosystem import IOSystem
    from carbon_core.io.spa import structural_paths

    def run():
        """Read the template files and list the paths: what pyspa's timed call does too."""
        A = pd.read_csv(folder / "A_matrix_template.csv").to_numpy(dtype=float)
        info = pd.read_csv(folder / "Infosheet_template.csv")
        w = info[[c for c in info.columns if c.startswith("DR_")][0]].to_numpy(dtype=float)
        n = len(w)
        y = np.zeros(n)
        y[args.target - 1] = 1.0  # one unit of the target's output, as pyspa analyses it
        total = float(np.linalg.solve((np.eye(n) - A).T, w) @ y)
        io = IOSystem(A, np.ones(n))  # x = 1: Z = A, and e = w
        return total, structural_paths(io, w, y, max_stage=args.max_stage, threshold=min(0.999, threshold / total),
                                       top=10**7)

    threshold = theirs["threshold"]
    warnings.simplefilter("ignore")  # the template's balancing final demand is negative for some sectors
    run()  # imports (scipy.linalg, …) are not what is compared
    times = []
    for _ in range(3):
        t = time.perf_counter()
        total, ours = run()
        times.append(time.perf_counter() - t)
    seconds = min(times)

    # pyspa's nodes run from the target (stage 0) upstream; ours from the emitting sector to the target
    theirs_kept = {tuple(str(i + 1) for i in reversed(nodes)): v for nodes, v in theirs["paths"] if v >= threshold}
    mine = {tuple(s): v for s, v in zip(ours.paths["sectors"], ours.paths["value"])}
    only_theirs = set(theirs_kept) - set(mine)
    only_ours = set(mine) - set(theirs_kept)
    worst = max((abs(mine[k] - theirs_kept[k]) / abs(theirs_kept[k]) for k in set(mine) & set(theirs_kept)), default=0)
    print(f"pyspa template, target {args.target}, stages 0-{args.max_stage}, threshold {threshold:.4g} "
          f"(0.1% of the target's total intensity {total:.6g})")
    print(f"pyspa: {len(theirs['paths'])} pathways kept, {len(theirs_kept)} with direct value >= threshold; "
          f"ours: {len(mine)} paths")
    print(f"same paths: {not only_theirs and not only_ours} (only pyspa: {len(only_theirs)}, only ours: "
          f"{len(only_ours)}); largest relative difference of values: {worst:.2e}")
    print(f"{'case':<40}{'seconds':>10}")
    print(f"{'pyspa get_spa (no remainder breakdown)':<40}{theirs['seconds']:>10.3f}")
    print(f"{'ours':<40}{seconds:>10.3f}")
    print(f"ratio ours / pyspa: {seconds / theirs['seconds']:.3f}")
    if only_theirs or only_ours or worst > 1e-9:
        sys.exit(1)


if __name__ == "__main__":
    main()
