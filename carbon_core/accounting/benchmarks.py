"""Placing a user's figure against a sector benchmark (seed 002 figures).

>>> compare_to_benchmark(0.52, "tCO2/t", "BM-CEM-CLK-PROCESS")["position"]
'above'
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd

from ..data.datasets import load_package
from ..errors import InputError
from .units import conversion_factor


def benchmarks(root=None) -> pd.DataFrame:
    """All benchmark figures, one row per record."""
    return load_package("sector-benchmarks", root).read("benchmarks")


#: kgce per kWh of electricity on the calorific basis (当量值, GB/T 2589—2020 Table A.1)
CALORIFIC_KGCE_PER_KWH = 0.1229
BASES = ("calorific", "equivalent")


def _coal_equivalent(unit: str) -> bool:
    return bool(re.search(r"ce\b|ce/|标准煤|标煤", str(unit)))


def _electricity(unit: str) -> bool:
    return bool(re.search(r"Wh|千瓦时|度", str(unit)))


def compare_to_benchmark(value: float, unit: str, record_id: str, root=None, *, basis: str | None = None,
                         kgce_per_kwh: float | None = None) -> dict:
    """Compare ``value`` (in ``unit``) with a benchmark record.

    Returns a dict: the benchmark (low, high, unit, stage, region, year, source), the
    user's value in the benchmark's unit, ``position`` ("below", "within", "above" the
    range, or relative to a single figure: "below"/"equal"/"above") and the difference
    from the benchmark (its midpoint for a range) in %.

    Electricity (kWh) and coal equivalent (kgce) meet only on a named basis: ``basis="calorific"``
    (当量值, 0.1229 kgce/kWh) or ``basis="equivalent"`` (等价值, the coal a power system burns per kWh
    supplied, which varies by year and grid: give it as ``kgce_per_kwh``). Without one the
    comparison is refused: the two bases differ by a factor of about 2.5.
    """
    table = benchmarks(root).set_index("record_id")
    if record_id not in table.index:
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
    mine = number * _convert(unit, b["unit"], basis, kgce_per_kwh)
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
        "energy_basis": _basis_text(unit, b["unit"], basis, kgce_per_kwh),
    }


def _convert(unit: str, target: str, basis: str | None, kgce_per_kwh: float | None) -> float:
    crosses = (_coal_equivalent(unit) and _electricity(target)) or (_electricity(unit) and _coal_equivalent(target))
    if not crosses:
        return conversion_factor(unit, target)  # tC → tCO2 by 44/12; other gases refused
    if basis is None:
        raise InputError(f"'{unit}' and '{target}' meet only on a named basis: electricity in coal equivalent is "
                         "0.1229 kgce/kWh on the calorific basis (当量值) but about 0.3 kgce/kWh on the equivalent basis "
                         "(等价值, the coal burnt per kWh supplied). Say which: basis 'calorific', or 'equivalent' with "
                         "the year's kgce per kWh (command line --basis calorific | --basis equivalent --kgce-per-kwh "
                         "0.300).", code="energy-basis")
    if basis not in BASES:
        raise InputError(f"basis must be 'calorific' (当量值) or 'equivalent' (等价值), not '{basis}'.")
    rate = CALORIFIC_KGCE_PER_KWH
    if basis == "equivalent":
        if kgce_per_kwh is None or not np.isfinite(kgce_per_kwh) or not 0.1 < kgce_per_kwh < 1.0:
            raise InputError("the equivalent basis (等价值) needs the coal burnt per kWh supplied, e.g. 0.300 kgce/kWh "
                             "for the year and grid (a number between 0.1 and 1).")
        rate = float(kgce_per_kwh)
    # bring both sides to kWh-per-denominator and kgce-per-denominator through the rate
    if _electricity(unit):
        return conversion_factor(unit, _swap_energy(target, "kWh")) * rate * conversion_factor(
            _swap_energy(target, "kgce"), target)
    return conversion_factor(unit, _swap_energy(target, "kgce")) / rate * conversion_factor(
        _swap_energy(target, "kWh"), target)


def _swap_energy(unit: str, energy: str) -> str:
    """``target`` with its energy numerator replaced (kgce/t → kWh/t)."""
    _, sep, rest = str(unit).partition("/")
    return energy + (sep + rest if sep else "")


def _basis_text(unit: str, target: str, basis: str | None, rate: float | None) -> str:
    if basis is None:
        return "not needed (same kind of energy)"
    return ("calorific (当量值), 0.1229 kgce/kWh" if basis == "calorific"
            else f"equivalent (等价值), {rate:g} kgce/kWh")
