"""Multilevel LMDI-I (Ang 1995; Xu & Ang 2014): a structure effect at every level of a hierarchy.

Over units grouped by levels (sector, sub-sector, …), energy or emissions are written as

    E = Σ_u  A · S₁(u) · S₂(u) · … · S_d(u) · I_u,

with ``A`` the total activity, ``S_k`` the activity share of the level-k group within its parent
(1 below a unit that is a leaf at an upper level) and ``I_u = E_u/A_u`` the finest intensity.
The change ``E^T − E^0`` splits exactly into an activity effect, one structure effect per level
and an intensity effect, additively (ΔE) and multiplicatively (D = exp(ΔE / L(E^T, E^0))).

Two approaches (Xu & Ang 2014):

- multilevel-parallel (``mp``): one LMDI-I over the finest units with all factors at once;
- multilevel-hierarchical (``mh``): LMDI-I at the top level (activity, level-1 structure, the
  intensity of each level-1 group); each group's intensity index ``I_g = Σ_c S_c I_c`` is then
  decomposed into its children's structure and intensities, and so on down the hierarchy. A
  group's intensity effect is shared among its children's effects in proportion to their
  LMDI-I contributions to the change of that index.

With one level both are the single-level LMDI-I of :func:`carbon_core.drivers.lmdi.decompose`.
Zeros take the analytical limits of :func:`carbon_core.drivers.lmdi.contributions`; the
intensity of a unit without activity in one period is taken from the other period, so that its
appearance or disappearance counts as structure, never as intensity.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..checks import check_keys, list_labels, numeric_column
from ..errors import InputError
from .lmdi import contributions, log_mean

APPROACHES = ("mp", "mh")


def multilevel_decompose(data: pd.DataFrame, levels: list[str], *, energy: str, activity: str,
                         period: str = "period", group: str | None = None, approach: str = "mp",
                         mode: str = "chained") -> pd.DataFrame:
    """Activity, per-level structure and intensity effects between periods.

    Parameters
    ----------
    data : DataFrame
        Long table: one row per period and finest unit, with the level columns (a blank lower
        level makes the unit a leaf at the level above), the energy (or emissions) and the
        activity columns; optionally a group column (region) decomposed separately.
    levels : list of str
        Level columns, top first (e.g. ``["sector", "subsector"]``).
    energy, activity : str
        Column names; activity must be ≥ 0, and a unit with energy needs activity.
    approach : {"mp", "mh"}
        Multilevel-parallel or multilevel-hierarchical.
    mode : {"chained", "fixed"}
        Each period against the previous one, or against the first.

    Returns
    -------
    DataFrame
        Columns ``[group,] period_from, period_to, effect, level, D, delta``; ``effect`` is
        ``activity``, ``structure`` (``level`` names its level), ``intensity`` or ``total``.
    """
    approach = str(approach).lower()
    if approach not in APPROACHES:
        raise InputError(f"approach must be 'mp' (multilevel-parallel) or 'mh' (multilevel-hierarchical), not '{approach}'.")
    if mode not in ("chained", "fixed"):
        raise InputError("mode must be 'chained' (period on period) or 'fixed' (against the first period).")
    levels = [str(v).strip() for v in levels if str(v).strip()]
    if not levels:
        raise InputError("name at least one level column (e.g. sector).")
    needed = [period, *levels, energy, activity] + ([group] if group else [])
    missing = [c for c in dict.fromkeys(needed) if c not in data.columns]
    if missing:
        raise InputError(f"the data lacks column(s) {', '.join(missing)}; it has {', '.join(map(str, data.columns))}.")
    frame = check_keys(data.reset_index(drop=True), [period] + ([group] if group else []) + levels[:1], "multilevel data")
    for c in (energy, activity):
        values = numeric_column(frame[c], f"column '{c}'", blank_ok=False)
        if (values < 0).any():
            bad = frame.loc[values < 0, levels[0]].astype(str).tolist()
            raise InputError(f"column '{c}' is negative for {list_labels(bad)}; activity and energy must be ≥ 0.")
        frame[c] = values
    frame["_unit"] = [_path(row, levels, i) for i, row in enumerate(frame[levels].itertuples(index=False), start=2)]
    rows = []
    for gname, g in (frame.groupby(group, sort=False) if group else [(None, frame)]):
        rows += _group_rows(g, gname, group, period, energy, activity, levels, approach, mode)
    return pd.DataFrame(rows)


def _path(values, levels: list[str], row_number: int) -> tuple[str, ...]:
    """The unit's path down the levels; a blank ends it, and nothing may follow a blank."""
    parts = ["" if pd.isna(v) else str(v).strip() for v in values]
    depth = next((k for k, p in enumerate(parts) if not p), len(parts))
    if any(parts[depth:]):
        below = next(levels[k] for k in range(depth, len(parts)) if parts[k])
        raise InputError(f"row {row_number}: level '{levels[depth]}' is blank but '{below}' below it is filled; a unit "
                         "is a leaf at the last filled level, so fill the levels above.")
    return tuple(parts[:depth])


def _group_rows(g, gname, group, period, energy, activity, levels, approach, mode) -> list[dict]:
    periods = list(dict.fromkeys(g[period]))
    where = f" for {gname}" if gname is not None else ""
    if len(periods) < 2:
        raise InputError(f"a decomposition needs at least two periods{where}.")
    dup = g.duplicated([period, "_unit"])
    if dup.any():
        raise InputError(f"units listed twice in one period{where}: "
                         f"{list_labels(['/'.join(u) for u in g.loc[dup, '_unit']])}.")
    units = list(dict.fromkeys(g["_unit"]))
    _check_tree(units, levels)
    data = {}
    for p in periods:
        t = g[g[period] == p].set_index("_unit")
        absent = [u for u in units if u not in t.index]
        if absent:
            raise InputError(f"period {p}{where} lacks unit(s) {list_labels(['/'.join(u) for u in absent])}; every "
                             "period needs the same units at the same levels (use zeros for absent ones).")
        data[p] = (t.loc[units, energy].to_numpy(dtype=float), t.loc[units, activity].to_numpy(dtype=float))
        no_activity = [u for u, e, a in zip(units, *data[p]) if e > 0 and a == 0]
        if no_activity:
            raise InputError(f"period {p}{where}: {list_labels(['/'.join(u) for u in no_activity])} ha(s/ve) energy "
                             "but no activity, so no intensity; correct the activity or move the energy.")
    steps = list(zip(periods[:-1], periods[1:])) if mode == "chained" else [(periods[0], p) for p in periods[1:]]
    out = []
    for p0, pT in steps:
        (e0, a0), (eT, aT) = data[p0], data[pT]
        E0, ET = e0.sum(), eT.sum()
        if E0 <= 0 or ET <= 0:
            raise InputError(f"energy totals zero in period {p0 if E0 <= 0 else pT}{where}: a change from or to nothing "
                             "has no effects to attribute.", code="zero-total")
        tree = _Tree(units, e0, a0, eT, aT)
        effects = tree.parallel(len(levels)) if approach == "mp" else tree.hierarchical(len(levels))
        L = log_mean(np.array(ET), np.array(E0)).item()
        key = {**({"group": gname} if group else {}), "period_from": p0, "period_to": pT}
        for name, level in [("activity", "")] + [("structure", lv) for lv in levels] + [("intensity", "")]:
            delta = effects[("structure", levels.index(level)) if name == "structure" else (name, None)]
            out.append({**key, "effect": name, "level": level, "D": float(np.exp(delta / L)), "delta": float(delta)})
        out.append({**key, "effect": "total", "level": "", "D": float(ET / E0), "delta": float(ET - E0)})
    return out


def _check_tree(units: list[tuple], levels: list[str]) -> None:
    """No unit is both a leaf and a group (e.g. 'S1' alone and 'S1/a' below it)."""
    paths = set(units)
    groups = {u[:k] for u in units for k in range(1, len(u))}
    both = sorted(paths & groups)
    if both:
        raise InputError(f"unit(s) {list_labels(['/'.join(u) for u in both])} appear both as a leaf and with units "
                         f"below them; at level '{levels[len(both[0]) - 1]}' a unit is either a leaf (the lower "
                         "levels blank in every row) or a group, the same in every period.")


class _Tree:
    """Energy and activity of every node (prefix) of the hierarchy, at the two periods."""

    def __init__(self, units, e0, a0, eT, aT):
        self.units = units
        self.E = {0: {}, 1: {}}
        self.A = {0: {}, 1: {}}
        for t, (e, a) in enumerate(((e0, a0), (eT, aT))):
            for u, ev, av in zip(units, e, a):
                for k in range(len(u) + 1):
                    node = u[:k]
                    self.E[t][node] = self.E[t].get(node, 0.0) + ev
                    self.A[t][node] = self.A[t].get(node, 0.0) + av
        self.children: dict[tuple, list[tuple]] = {}
        for u in units:
            for k in range(len(u)):
                kids = self.children.setdefault(u[:k], [])
                if u[:k + 1] not in kids:
                    kids.append(u[:k + 1])

    def intensity(self, node) -> tuple[float, float]:
        """E/A at both periods; a period without activity takes the other period's intensity."""
        i = [self.E[t][node] / self.A[t][node] if self.A[t][node] > 0 else np.nan for t in (0, 1)]
        if np.isnan(i[0]):
            i[0] = 0.0 if np.isnan(i[1]) else i[1]
        if np.isnan(i[1]):
            i[1] = i[0]
        return i[0], i[1]

    def share(self, node, t: int) -> float:
        parent = self.A[t][node[:-1]]
        return self.A[t][node] / parent if parent > 0 else 0.0

    def parallel(self, depth: int) -> dict:
        """One LMDI-I over the finest units: factors A, S₁ … S_d, I."""
        x = np.ones((2, len(self.units), depth + 2))
        for j, u in enumerate(self.units):
            i0, iT = self.intensity(u)
            for t, iv in ((0, i0), (1, iT)):
                x[t, j, 0] = self.A[t][()]
                for k in range(1, len(u) + 1):
                    x[t, j, k] = self.share(u[:k], t)
                x[t, j, depth + 1] = iv
        Z = contributions(x[0], x[1]).sum(axis=0)
        return {("activity", None): Z[0], **{("structure", k): Z[k + 1] for k in range(depth)},
                ("intensity", None): Z[depth + 1]}

    def hierarchical(self, depth: int) -> dict:
        """LMDI-I at the top, then each group's intensity index decomposed into its children."""
        effects = {("activity", None): 0.0, **{("structure", k): 0.0 for k in range(depth)}, ("intensity", None): 0.0}
        kids = self.children[()]
        x0 = np.array([[self.A[0][()], self.share(c, 0), self.intensity(c)[0]] for c in kids])
        xT = np.array([[self.A[1][()], self.share(c, 1), self.intensity(c)[1]] for c in kids])
        Z = contributions(x0, xT)
        effects[("activity", None)] += Z[:, 0].sum()
        effects[("structure", 0)] += Z[:, 1].sum()
        for c, z in zip(kids, Z[:, 2]):
            self._split(c, z, effects)
        return effects

    def _split(self, node, z: float, effects: dict) -> None:
        """Share ``z``, the effect of ``node``'s intensity index, among its children's structure and intensities."""
        kids = self.children.get(node)
        if not kids:
            effects[("intensity", None)] += z
            return
        i0, iT = self.intensity(node)
        x0 = np.array([[self.share(c, 0), self.intensity(c)[0]] for c in kids])
        xT = np.array([[self.share(c, 1), self.intensity(c)[1]] for c in kids])
        Zs = contributions(x0, xT)  # in units of the node's intensity; sums to iT - i0
        if abs(iT - i0) > 1e-14 * max(abs(iT), abs(i0)):
            per_unit = z / (iT - i0)
        else:  # an unchanged index: its children's offsetting changes weighed as LMDI-I would weigh them
            e_mean = log_mean(np.array(self.E[1][node]), np.array(self.E[0][node])).item()
            per_unit = e_mean / i0 if i0 > 0 else 0.0
        effects[("structure", len(node))] += per_unit * Zs[:, 0].sum()
        for c, zc in zip(kids, Zs[:, 1]):
            self._split(c, per_unit * zc, effects)
