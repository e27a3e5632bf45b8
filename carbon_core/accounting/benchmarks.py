"""Placing a user's figure against a sector benchmark (seed 002 figures).

>>> compare_to_benchmark(0.52, "tCO2/t", "BM-CEM-CLK-PROCESS")["position"]
'above'
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..data.datasets import load_package
from ..errors import InputError
from .units import conversion_factor


def benchmarks(root=None) -> pd.DataFrame:
    """All benchmark figures, one row per record."""
    return load_package("sector-benchmarks", root).read("benchmarks")


def compare_to_benchmark(value: float, unit: str, record_id: str, root=None) -> dict:
    """Compare ``value`` (in ``unit``) with a benchmark record.

    Returns a dict: the benchmark (low, high, unit, stage, region, year, source), the
    user's value in the benchmark's unit, ``position`` ("below", "within", "above" the
    range, or relative to a single figure: "below"/"equal"/"above") and the difference
    from the benchmark (its midpoint for a range) in %.
    """
    table = benchmarks(root).set_index("record_id")
    if record_id not in table.index:
        import difflib

        close = difflib.get_close_matches(record_id, list(table.index), n=3)
        raise InputError(f"unknown benchmark '{record_id}'" + (f"; did you mean {', '.join(close)}?" if close else
                                                               f"; known: {', '.join(table.index)}."))
    b = table.loc[record_id]
    if isinstance(value, (bool, np.bool_)):
        raise InputError(f"value {value} is TRUE/FALSE, not a number.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InputError(f"value '{value}' is not a number.") from None
    if not np.isfinite(number) or number < 0:
        raise InputError(f"value {number:g} cannot be compared with a benchmark: an emission or energy intensity "
                         "is a finite number >= 0.")
    mine = number * conversion_factor(unit, b["unit"])  # tC → tCO2 by 44/12; other gases refused
    lo = float(b["value"])
    hi = float(b["value_high"]) if pd.notna(b["value_high"]) else lo
    mid = (lo + hi) / 2
    if mine < lo * (1 - 1e-9):
        position = "below"
    elif mine > hi * (1 + 1e-9):
        position = "above"
    else:
        position = "within" if hi > lo else "equal"
    return {
        "record_id": record_id, "sector": b["sector"], "stage": b["stage"], "metric": b["metric"],
        "benchmark_low": lo, "benchmark_high": hi, "unit": b["unit"], "approximate": bool(b["approximate"]),
        "year": None if pd.isna(b["year"]) else int(b["year"]), "region": b["region"],
        "your_value": mine, "position": position,
        "difference_from_benchmark_pct": 100.0 * (mine / mid - 1) if mid else np.nan,
        "source": f"{b['source_id']}, {b['location']}; {b['notes']}",
    }
