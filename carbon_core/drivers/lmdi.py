"""LMDI-I decomposition (Ang 2005, 2015) of V = Σ_i Π_k x_ik, additive and multiplicative.

Additive: ``ΔV_k = Σ_i L(V_i^T, V_i^0) ln(x_ik^T / x_ik^0)`` with the logarithmic mean
``L(a, b) = (a - b)/(ln a - ln b)``, ``L(a, a) = a``. Multiplicative:
``D_k = exp(ΔV_k / L(V^T, V^0))``. Both are exact (no residual).

Zeros take their analytical limits (Ang, Zhang & Choi 1998; Ang & Liu 2007) instead of a
small-number substitution: a sub-category that appears (V_i^0 = 0 < V_i^T) contributes
V_i^T, one that disappears (V_i^T = 0 < V_i^0) contributes -V_i^0, both to the factor(s)
that are zero at that end (shared equally if several are); all other zero cases give 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import check_keys, is_total_label, list_labels, numeric_column
from ..errors import InputError


def log_mean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Logarithmic mean L(a, b) elementwise, with L(a, a) = a and L(a, 0) = 0."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    out = np.zeros(np.broadcast(a, b).shape)
    both = (a > 0) & (b > 0)
    equal = both & np.isclose(a, b, rtol=1e-12, atol=0)
    diff = both & ~equal
    out[equal] = np.broadcast_to(a, out.shape)[equal]
    with np.errstate(divide="ignore", invalid="ignore"):
        num = np.broadcast_to(a - b, out.shape)[diff]
        den = np.log(np.broadcast_to(a, out.shape)[diff]) - np.log(np.broadcast_to(b, out.shape)[diff])
    out[diff] = num / den
    return out


def contributions(x0: np.ndarray, xT: np.ndarray) -> np.ndarray:
    """Additive LMDI-I contributions ``Z[i, k]`` (sub-category × factor) between two periods.

    Parameters
    ----------
    x0, xT : ndarray of shape (n_sub, n_factors)
        Factor values at the base and the target period; must be >= 0.
    """
    x0 = np.asarray(x0, dtype=float)
    xT = np.asarray(xT, dtype=float)
    if x0.shape != xT.shape or x0.ndim != 2:
        raise InputError(f"factor tables must have the same shape (sub-categories × factors); got {x0.shape} and {xT.shape}.")
    if (x0 < 0).any() or (xT < 0).any() or not (np.isfinite(x0).all() and np.isfinite(xT).all()):
        raise InputError("LMDI factors must be finite and >= 0 (logarithms of negative values are undefined).")
    v0, vT = x0.prod(axis=1), xT.prod(axis=1)
    Z = np.zeros_like(x0)
    regular = (v0 > 0) & (vT > 0)
    if regular.any():
        w = log_mean(vT[regular], v0[regular])[:, None]
        Z[regular] = w * np.log(xT[regular] / x0[regular])
    appear = (v0 == 0) & (vT > 0)
    for i in np.nonzero(appear)[0]:
        zero = x0[i] == 0
        Z[i, zero] = vT[i] / zero.sum()
    vanish = (vT == 0) & (v0 > 0)
    for i in np.nonzero(vanish)[0]:
        zero = xT[i] == 0
        Z[i, zero] = -v0[i] / zero.sum()
    return Z


def decompose(data: pd.DataFrame, factors: list[str], *, period: str = "period", subcategory: str | None = "subcategory",
              group: str | None = None, mode: str = "chained", fill_down: tuple[str, ...] = ()) -> dict[str, pd.DataFrame]:
    """Additive and multiplicative LMDI-I over several periods.

    Parameters
    ----------
    data : DataFrame
        Long table: one row per (period, sub-category), one column per factor; optional
        ``group`` column (e.g. country, region) decomposed separately.
    factors : list of str
        Factor columns whose product is V for each row.
    period, subcategory, group : str
        Column names. ``subcategory=None`` means one sub-category per period.
    mode : {"chained", "fixed"}
        chained: each period against the previous one (year on year); fixed: each period
        against the first.
    fill_down : tuple of str
        Key columns whose blank cells take the value above (merged cells in an Excel export);
        any other blank period, sub-category or group is refused with its row number.

    Returns
    -------
    dict of DataFrames
        ``additive`` (ΔV by factor and total, per step), ``multiplicative`` (D by factor
        and total), ``contributions`` (per sub-category and factor), ``V`` (aggregate by period).
    """
    if mode not in ("chained", "fixed"):
        raise InputError("mode must be 'chained' (year on year) or 'fixed' (against the first period).")
    if not factors:
        raise InputError("name at least one factor column.")
    needed = [period] + ([subcategory] if subcategory else []) + ([group] if group else []) + list(factors)
    missing = [c for c in needed if c not in data.columns]
    if missing:
        raise InputError(f"LMDI data lacks column(s) {', '.join(missing)}; it has {', '.join(map(str, data.columns))}.")
    frame = check_keys(data.reset_index(drop=True), [c for c in (period, subcategory, group) if c], "LMDI data",
                       fill_down)
    if subcategory:
        totals = sorted({str(v) for v in frame[subcategory] if is_total_label(v)})
        if totals:
            raise InputError(f"sub-categor(y/ies) {list_labels(totals)} look like a totals row; the total is computed "
                             "from the sub-categories, so remove that row.")
    for f in factors:
        values = numeric_column(frame[f], f"factor '{f}'", blank_ok=True)
        if np.isnan(values).any():
            raise InputError(f"factor '{f}' has missing or non-numeric values.")
        frame[f] = values
    if subcategory is None:
        frame["_sub"] = "all"
        subcategory = "_sub"
    groups = frame.groupby(group, sort=False) if group else [(None, frame)]
    add_rows, mul_rows, contrib_rows, v_rows = [], [], [], []
    for gname, g in groups:
        periods = list(dict.fromkeys(g[period]))
        if len(periods) < 2:
            raise InputError(f"LMDI needs at least two periods{f' for {gname}' if gname is not None else ''}.")
        dup = g.duplicated([period, subcategory])
        if dup.any():
            raise InputError(f"duplicate rows for (period, sub-category) {list_labels(g.loc[dup, [period, subcategory]].astype(str).agg('/'.join, axis=1))}.")
        subs = list(dict.fromkeys(g[subcategory]))
        tables = {}
        for p in periods:
            t = g[g[period] == p].set_index(subcategory).reindex(subs)
            if t[factors].isna().any().any():
                absent = [s for s in subs if t.loc[s, factors].isna().any()]
                raise InputError(f"period {p} lacks sub-categor(y/ies) {list_labels(absent)}; every period needs the "
                                 "same sub-categories (use zeros for absent ones).")
            tables[p] = t[factors].to_numpy(dtype=float)
        for p in periods:
            v_rows.append({**({"group": gname} if group else {}), "period": p, "V": tables[p].prod(axis=1).sum()})
        steps = list(zip(periods[:-1], periods[1:])) if mode == "chained" else [(periods[0], p) for p in periods[1:]]
        for p0, pT in steps:
            V0, VT = tables[p0].prod(axis=1).sum(), tables[pT].prod(axis=1).sum()
            for p, V in ((p0, V0), (pT, VT)):
                if V == 0 or abs(V) <= 1e-12 * max(abs(V0), abs(VT)):
                    raise InputError(f"V is zero in period {p}{f' for {gname}' if gname is not None else ''}: a change "
                                     "from or to nothing has no factors to attribute it to. Check that period's data, "
                                     "or leave it out.", code="zero-total")
            Z = contributions(tables[p0], tables[pT])
            dv = Z.sum(axis=0)
            key = {**({"group": gname} if group else {}), "from": p0, "to": pT}
            add_rows.append({**key, **dict(zip(factors, dv)), "total": VT - V0})
            Lagg = log_mean(np.array(VT), np.array(V0)).item()
            if Lagg > 0:
                D = np.exp(dv / Lagg)
                mul_rows.append({**key, **dict(zip(factors, D)), "total": VT / V0})
            else:
                mul_rows.append({**key, **dict.fromkeys(factors, np.nan), "total": np.nan})
            for s, row in zip(subs, Z):
                contrib_rows.append({**key, "subcategory": s, **dict(zip(factors, row))})
    idx = (["group"] if group else []) + ["from", "to"]
    return {
        "additive": pd.DataFrame(add_rows).set_index(idx),
        "multiplicative": pd.DataFrame(mul_rows).set_index(idx),
        "contributions": pd.DataFrame(contrib_rows).set_index(idx + ["subcategory"]),
        "V": pd.DataFrame(v_rows).set_index((["group"] if group else []) + ["period"])["V"],
    }


def kaya_factors(data: pd.DataFrame, *, period: str = "period", carrier: str = "carrier", output: str = "output",
                 energy: str = "energy", emissions: str = "emissions") -> pd.DataFrame:
    """Kaya-style factors of a park's emissions for :func:`decompose`.

    ``C = Σ_f G × (E/G) × (E_f/E) × (C_f/E_f)``: output G, energy intensity E/G, energy
    structure E_f/E and emission factor C_f/E_f per carrier f. Input: one row per (period,
    carrier) with energy E_f, emissions C_f and the period's output G (repeated per row).
    """
    missing = [c for c in (period, carrier, output, energy, emissions) if c not in data.columns]
    if missing:
        raise InputError(f"Kaya data lacks column(s) {', '.join(missing)}.")
    d = data.copy()
    totals = d.groupby(period)[energy].transform("sum")
    g = d.groupby(period)[output].transform("first")
    if (g <= 0).any() or (totals <= 0).any():
        raise InputError("output and total energy must be positive in every period.")
    return pd.DataFrame({
        period: d[period], "subcategory": d[carrier],
        "output": g, "energy_intensity": totals / g, "energy_structure": d[energy] / totals,
        "emission_factor": np.divide(d[emissions], d[energy], out=np.zeros(len(d)), where=d[energy].to_numpy() > 0),
    })
