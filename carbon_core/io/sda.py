"""Structural decomposition analysis (SDA): what changed emissions between two IO years.

Emissions of one region in year t are ``E_t = w_tᵀ L_t y_t`` (Miller & Blair 2009, ch. 13), with
``w`` the emission intensity (satellite per unit of output), ``L`` the Leontief inverse and
``y = Y·1`` final demand for local production. Final demand ``Y`` (products × categories:
consumption, capital formation, exports, outflows …) is split into its level, its category mix
and the product mix within each category,

    ``s = 1ᵀ Y 1``,   ``d_k = 1ᵀ Y_k / s``,   ``B_{ik} = Y_{ik} / 1ᵀ Y_k``,   so ``y = B d s`` exactly,

and ``E = wᵀ L B d s`` is linear in each of the five factors, taken in this order:

    ``intensity`` (w), ``production_structure`` (L), ``demand_level`` (s), ``product_mix`` (B),
    ``category_mix`` (d).

The change ``E_1 − E_0`` is split exactly (no residual) by either method:

* ``"dl"`` — the average over all k! orderings of the factors (Dietzenbacher & Los 1998). In an
  ordering, a factor's effect is its change with the factors before it at year 1 and those after
  it at year 0. Averaged over orderings, each subset S of the other factors being at year 1
  carries the weight ``|S|! (k−1−|S|)! / k!``; the code sums over the 2^(k−1) subsets, which is
  the k! average exactly (the tests compare it with a literal enumeration of the orderings).
* ``"polar"`` — the average of the two polar decompositions (the orderings 1…k and k…1), the
  common short cut; it is also exact, but it weighs the orderings differently.

Effects come per sector of emission (``f_j x_j``) too; by linearity they sum to the totals.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from itertools import combinations
from math import factorial

import numpy as np
import pandas as pd

from ..errors import CarbonWarning, InputError
from .iosystem import IOSystem
from .layouts import CATEGORY_NAMES, common_trade_categories, lumped_columns

#: The effects, in the order the factors enter ``E = wᵀ L B d s``.
EFFECTS = ("intensity", "production_structure", "demand_level", "product_mix", "category_mix")
#: The factor order, stated on every result: the polar forms depend on it.
FACTOR_ORDER = "w (intensity), L (production structure), s (demand level), B (product mix), d (category mix)"
#: Chinese and English names of the effects, for tables people read.
EFFECT_NAMES = {
    "intensity": ("排放强度效应", "emission intensity"),
    "production_structure": ("生产结构效应", "production structure (Leontief)"),
    "demand_level": ("最终需求规模效应", "final-demand level"),
    "product_mix": ("最终需求产品结构效应", "final-demand product mix"),
    "category_mix": ("最终需求类别结构效应", "final-demand category mix"),
}
#: Final-demand columns that are statistical discrepancy, not demand (spread over the real categories).
DISCREPANCY = ("ERR",)
METHODS = {"dl": "average over all orderings of the factors (Dietzenbacher & Los 1998)",
           "polar": "average of the two polar decompositions"}


@dataclass
class SDAResult:
    """An exact decomposition of ``E_1 − E_0``.

    Attributes
    ----------
    effects : DataFrame
        One row per effect plus ``total``: ``value`` (in ``unit``), ``share`` of the change,
        ``name_zh``, ``name_en``.
    by_sector : DataFrame
        Sectors × effects (and ``total``): each sector's emissions ``f_j x_j`` decomposed.
    E0, E1 : float
        Emissions in the two years, in ``unit``.
    method : str
        ``"dl"`` or ``"polar"``; ``method_text`` says it in words.
    """

    effects: pd.DataFrame
    by_sector: pd.DataFrame
    E0: float
    E1: float
    method: str
    unit: str = ""
    notes: list = field(default_factory=list)
    #: "current prices" or "constant prices of <year 0>"
    prices: str = "current prices"
    #: What was decomposed: ``w``, ``L``, ``Y`` (each a pair of arrays, year 0 and year 1) and the
    #: common ``categories`` of ``Y``'s columns, for checks and for users who want to see them.
    inputs: dict = field(default_factory=dict)

    @property
    def method_text(self) -> str:
        return METHODS[self.method]

    @property
    def change(self) -> float:
        return self.E1 - self.E0

    def table(self) -> pd.DataFrame:
        """The effects with their unit and price basis on every row (what the command line prints as CSV)."""
        table = self.effects.copy()
        table.insert(1, "unit", self.unit)
        table.insert(2, "prices", self.prices)
        return table


def demand_factors(Y: np.ndarray, categories, what: str) -> tuple[float, np.ndarray, np.ndarray]:
    """``s``, ``d`` and ``B`` of a final-demand matrix ``Y`` (products × categories), with ``B d s = Y·1``."""
    Y = np.asarray(Y, dtype=float)
    totals = Y.sum(axis=0)
    s = float(totals.sum())
    scale = max(1.0, float(np.abs(Y).sum()))
    if abs(s) <= 1e-12 * scale:
        raise InputError(f"{what}: total final demand is zero, so its level and mixes are undefined.")
    empty = np.abs(totals) <= 1e-12 * scale
    lost = [str(c) for c, e, col in zip(categories, empty, Y.T) if e and np.abs(col).max(initial=0) > 1e-12 * scale]
    if lost:
        raise InputError(f"{what}: final-demand category {', '.join(lost)} sums to zero but is not zero by product, so "
                         "its product mix is undefined; merge it with another category (e.g. inventory changes with "
                         "capital formation) before decomposing.")
    safe = np.where(empty, 1.0, totals)
    B = np.where(empty[np.newaxis, :], 0.0, Y / safe[np.newaxis, :])
    return s, totals / s, B


def _check(name: str, a: np.ndarray, shape: tuple) -> np.ndarray:
    a = np.asarray(a, dtype=float)
    if a.shape != shape:
        raise InputError(f"{name} has shape {a.shape}; expected {shape} (same sectors and categories in both years).")
    if not np.isfinite(a).all():
        raise InputError(f"{name} holds NaN or infinite values.")
    return a


def structural_decomposition(w0, L0, Y0, w1, L1, Y1, *, method: str = "dl", sectors=None, categories=None,
                             unit: str = "") -> SDAResult:
    """Decompose ``E_1 − E_0`` with ``E_t = w_tᵀ L_t Y_t 1`` into the five effects of :data:`EFFECTS`.

    Parameters
    ----------
    w0, w1 : array of shape (n,)
        Emission intensity by sector (satellite per unit of output) in each year.
    L0, L1 : array of shape (n, n)
        Leontief inverses.
    Y0, Y1 : array or DataFrame of shape (n, c)
        Final demand for local production by product and category; the same categories in the
        same order in both years.
    method : {"dl", "polar"}
    sectors, categories : sequence of str, optional
        Labels (taken from ``Y0`` when it is a DataFrame).
    unit : str
        Unit of the satellite (and so of the effects).
    """
    if method not in METHODS:
        raise InputError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
    if isinstance(Y0, pd.DataFrame):
        sectors = list(Y0.index) if sectors is None else sectors
        categories = list(Y0.columns) if categories is None else categories
        if isinstance(Y1, pd.DataFrame) and (list(Y1.columns) != list(Y0.columns) or list(Y1.index) != list(Y0.index)):
            raise InputError("the two years' final demand must have the same products and categories in the same "
                             f"order; year 0 has {list(Y0.columns)}, year 1 {list(Y1.columns)}.")
    Y0 = np.asarray(Y0, dtype=float)
    n, c = Y0.shape if Y0.ndim == 2 else (Y0.shape[0], 1)
    Y0 = Y0.reshape(n, c)
    sectors = [str(s) for s in (sectors if sectors is not None else range(1, n + 1))]
    categories = [str(k) for k in (categories if categories is not None else [f"F{k + 1}" for k in range(c)])]
    arrays = [(_check("w (year 0)", w0, (n,)), _check("L (year 0)", L0, (n, n)), _check("Y (year 0)", Y0, (n, c))),
              (_check("w (year 1)", w1, (n,)), _check("L (year 1)", L1, (n, n)),
               _check("Y (year 1)", np.asarray(Y1, dtype=float).reshape(n, c), (n, c)))]
    factors = []
    for t, (w, L, Y) in enumerate(arrays):
        s, d, B = demand_factors(Y, categories, f"final demand (year {t})")
        factors.append((w, L, s, B, d))

    def emissions(pick: tuple[int, ...]) -> np.ndarray:
        w, L, s, B, d = (factors[t][i] for i, t in enumerate(pick))
        return w * (L @ (B @ d) * s)  # by sector of emission

    k = len(EFFECTS)
    cache: dict[tuple[int, ...], np.ndarray] = {}

    def E(pick):
        if pick not in cache:
            cache[pick] = emissions(pick)
        return cache[pick]

    by_effect = np.zeros((k, n))
    for i in range(k):
        others = [j for j in range(k) if j != i]
        if method == "dl":
            weighted = [(S, factorial(len(S)) * factorial(k - 1 - len(S)) / factorial(k))
                        for size in range(k) for S in combinations(others, size)]
        else:  # forward polar: earlier factors at year 1; backward: later ones at year 1
            weighted = [(tuple(j for j in others if j < i), 0.5), (tuple(j for j in others if j > i), 0.5)]
        for S, w in weighted:
            at1 = tuple(1 if (j in S or j == i) else 0 for j in range(k))
            at0 = tuple(1 if j in S else 0 for j in range(k))
            by_effect[i] += w * (E(at1) - E(at0))

    E0, E1 = float(E((0,) * k).sum()), float(E((1,) * k).sum())
    scale = max(abs(E0), abs(E1))
    for t, Et in enumerate((E0, E1)):
        if abs(Et) <= 1e-12 * scale or scale == 0:
            raise InputError(f"the emissions of year {t} are zero: a change from or to nothing has no structure to "
                             "decompose (every effect would be an artefact of the other year). Check that year's "
                             "satellite.", code="zero-total")
    change = E1 - E0
    values = by_effect.sum(axis=1)
    notes = []
    # shares of a change that is zero within rounding would be noise divided by noise
    rounding = 1e-9 * max(scale, float(np.abs(values).sum()))
    if abs(change) > rounding:
        share, total_share = values / change, 1.0
    else:
        share, total_share = np.full(k, np.nan), np.nan
        notes.append(f"the change ({change:.3g} {unit}) is zero within rounding, so shares of it are not computed; "
                     "the effects in absolute terms still show what moved in each direction.")
    effects = pd.DataFrame({"value": np.append(values, change), "share": np.append(share, total_share),
                            "name_zh": [EFFECT_NAMES[e][0] for e in EFFECTS] + ["总变化"],
                            "name_en": [EFFECT_NAMES[e][1] for e in EFFECTS] + ["total change"]},
                           index=pd.Index(list(EFFECTS) + ["total"], name="effect"))
    by_sector = pd.DataFrame(by_effect.T, index=pd.Index(sectors, name="sector"), columns=list(EFFECTS))
    by_sector["total"] = E((1,) * k) - E((0,) * k)
    return SDAResult(effects, by_sector, E0, E1, method, unit, notes=notes)


def _deflate(Z: pd.DataFrame, x: pd.Series, Y: pd.DataFrame, deflator, labels) -> tuple:
    """Year-1 values in year-0 prices: each product row divided by its price index (year 1 / year 0)."""
    if isinstance(deflator, (pd.Series, dict)):
        p = pd.Series(deflator, dtype=float)
        p.index = [str(i).strip() for i in p.index]
        missing = [s for s in labels if s not in p.index]
        extra = [s for s in p.index if s not in labels]
        if missing or extra:
            raise InputError("the deflators must be labelled with the sectors of the tables: "
                             + (f"missing {', '.join(missing[:5])}" if missing else "")
                             + ("; " if missing and extra else "") + (f"unknown {', '.join(extra[:5])}" if extra else "")
                             + ".")
        p = p.reindex(labels).to_numpy()
    else:
        try:
            p = np.full(len(labels), float(deflator))
        except (TypeError, ValueError):
            raise InputError(f"a deflator is one price index or one per sector, not {deflator!r}.") from None
    if not (np.isfinite(p).all() and (p > 0).all()):
        raise InputError("deflators must be positive, finite price indices (year-1 prices relative to year 0, "
                         "e.g. 1.12 for 12% higher).")
    return Z.div(p, axis=0), x / p, Y.div(p, axis=0), p


def _same_products(system0, system1, labels: list[str], years: tuple) -> None:
    """Refuse equal codes that name different products (the 42-product codes of 2012 and 2017 shift from 22 on)."""
    n0, n1 = getattr(system0, "names", None), getattr(system1, "names", None)
    if not (isinstance(n0, pd.DataFrame) and isinstance(n1, pd.DataFrame)):
        return
    column = next((c for c in ("name_zh", "name_en") if c in n0.columns and c in n1.columns), None)
    if column is None:
        return
    a = n0[column].reindex(labels).astype(str).str.strip()
    b = n1[column].reindex(labels).astype(str).str.strip()
    differ = [code for code in labels if a[code] != b[code] and a[code] not in ("", "nan") and b[code] not in ("", "nan")]
    if differ:
        shown = "; ".join(f"{c}: {a[c]} ({years[0]}) vs {b[c]} ({years[1]})" for c in differ[:3])
        raise InputError(f"the two tables use the same codes for different products ({len(differ)} codes differ: {shown}"
                         f"{' …' if len(differ) > 3 else ''}). Bring both to a common classification first "
                         "(--aggregate s11 on the command line, or cp41 between 2012 and 2017; the concordance of each "
                         "year's own classification is used).")


def _fold_discrepancy(Y: pd.DataFrame, y: np.ndarray, x: np.ndarray, year) -> tuple[pd.DataFrame, str | None]:
    """Final demand by real categories that sums to ``y = x − Z·1`` exactly.

    The published discrepancy column (ERR, 误差/其他) is no demand category: its entries have mixed
    signs and may sum to about zero, so it has no product mix of its own. It is spread, together
    with the table's own rounding (within the tolerance of the balance check), over each product's
    real categories in proportion to their absolute size; a product with no final demand gets it
    in proportion to the categories' totals. A larger gap is an error in the input.
    """
    real = [c for c in Y.columns if c not in DISCREPANCY]
    R = Y[real].to_numpy(dtype=float)
    err = Y[[c for c in Y.columns if c in DISCREPANCY]].to_numpy(dtype=float).sum(axis=1)
    gap = y - R.sum(axis=1) - err
    xs = np.abs(np.asarray(x, dtype=float))
    limit = 1e-4 * np.maximum(xs, 1e-3 * xs.max(initial=0.0))
    if (np.abs(gap) > limit).any():
        worst = int(np.argmax(np.abs(gap) - limit))
        raise InputError(f"{year}: final demand by category does not add up to x − Z·1 (off by {gap[worst]:.6g} in row "
                         f"{Y.index[worst]}, more than rounding); the decomposition would not reproduce the year's "
                         "emissions. Check the table's final-demand columns.")
    r = err + gap
    scale = float(np.abs(R).sum())
    if not real or np.abs(r).sum() <= 1e-12 * max(1.0, scale):
        return Y[real], None
    W = np.abs(R)
    rows = W.sum(axis=1)
    fallback = W.sum(axis=0) / max(W.sum(), 1e-300)
    shares = np.where(rows[:, np.newaxis] > 0, W / np.where(rows > 0, rows, 1.0)[:, np.newaxis], fallback[np.newaxis, :])
    folded = pd.DataFrame(R + r[:, np.newaxis] * shares, index=Y.index, columns=real)
    pct = 100.0 * float(np.abs(r).sum()) / max(scale, 1e-300)
    what = []
    if np.abs(err).sum() > 0:
        what.append(f"the discrepancy column ERR (Σ|ERR| = {np.abs(err).sum():,.4g})")
    if np.abs(gap).max(initial=0.0) > 1e-9 * max(1.0, xs.max(initial=0.0)):
        what.append(f"the table's rounding (up to {np.abs(gap).max():.4g} in a row)")
    note = (f"{year}: {' and '.join(what) or 'a residual'}, {pct:.2f}% of final demand, spread over each product's "
            "final-demand categories in proportion to their size, so that they add up to x − Z·1 exactly.")
    if pct > 1.0:
        warnings.warn(f"{year}: {pct:.1f}% of final demand is statistical discrepancy (ERR) spread over the categories; "
                      "read the product-mix and category-mix effects with that in mind.", CarbonWarning, stacklevel=3)
    return folded, note


def common_final_demand(Y0: pd.DataFrame, Y1: pd.DataFrame, years=("year 0", "year 1")
                        ) -> tuple[tuple[pd.DataFrame, pd.DataFrame], list]:
    """Both years' final demand over the same categories (Miller & Blair 2009, §13.1: ``B`` is n×p
    and ``d`` has p entries for the same p categories in both years).

    Trade columns of different layouts are brought to their common meaning (``EX`` + ``OF`` →
    ``EX+OF`` against a year with ``FU302``; ``−IM`` + ``−IF`` → ``−(IM+IF)`` against ``−FU304``;
    all four → ``NOF`` against a year with a net outflow). A category that one year has and the
    other cannot be brought to is refused, naming it. ``ERR`` is kept for folding.
    """
    lumped, frames = [], []
    for Y in (Y0, Y1):
        totals = {c: float(np.abs(Y[c].to_numpy(dtype=float)).sum()) for c in Y.columns}
        lumped.append(lumped_columns(totals))
        Y = Y.astype(float)
        for full, pair in lumped[-1].items():  # an empty partner column is no category of its own
            empty = [p for p in pair if p != full][0]
            Y = Y.assign(**{full: Y[full] + Y[empty]}).drop(columns=empty)
        frames.append(Y)
    Y0, Y1 = frames
    real0 = [c for c in Y0.columns if c not in DISCREPANCY]
    real1 = [c for c in Y1.columns if c not in DISCREPANCY]
    g0, g1, only = common_trade_categories(real0, real1, *lumped)
    if only:
        which = "; ".join(f"{k} ({CATEGORY_NAMES.get(k, (k, k))[1]}) only in {years[0] if k in g0 else years[1]}"
                          for k in only)
        raise InputError(f"the two years' final demand has categories the other year lacks: {which}. Final demand is "
                         "decomposed over the same categories in both years; use the same domestic adjustment for "
                         "tables of the same kind (e.g. --domestic imports+inflows for both), or tables whose trade "
                         "columns can be matched.", code="categories")
    notes = []
    merged = {k: v for k, v in {**g0, **g1}.items() if len(g0[k]) > 1 or len(g1[k]) > 1 or g0[k] != g1[k]}
    for t, year in enumerate(years):
        for full, pair in lumped[t].items():
            empty = [p for p in pair if p != full][0]
            notes.append(f"{year}: the {empty} column is empty, so {full} holds {' and '.join(pair)} together.")
    if merged:
        notes.append("categories brought to their common meaning: " + "; ".join(
            f"{k} = {' + '.join(g0[k])} ({years[0]}), {' + '.join(g1[k])} ({years[1]})" for k in merged) + ".")
    out = []
    for Y, groups in ((Y0, g0), (Y1, g1)):
        frame = pd.DataFrame({k: Y[cols].sum(axis=1) for k, cols in groups.items()}, index=Y.index)
        err = [c for c in Y.columns if c in DISCREPANCY]
        frame["ERR"] = Y[err].sum(axis=1) if err else 0.0
        out.append(frame.astype(float))
    return (out[0], out[1]), notes


def _decomposable(Ys: list, categories: list, years) -> list:
    """Categories with final demand in both years; one that is empty in one year only is refused."""
    keep, lost = [], []
    for c in categories:
        empty = [float(np.abs(Y[c].to_numpy()).sum()) <= 1e-12 * max(1.0, float(np.abs(Y.to_numpy()).sum()))
                 for Y in Ys]
        if all(empty):
            continue
        if any(empty):
            lost.append(f"{c} (empty in {years[0] if empty[0] else years[1]})")
        keep.append(c)
    if lost:
        raise InputError(f"final-demand category {', '.join(lost)} has final demand in one year only; its mix cannot "
                         "change between the years, so it is not decomposed. Use tables that both have it, or the same "
                         "domestic adjustment for both.", code="categories")
    return keep


def decompose_between(system0, e0, system1, e1, *, method: str = "dl", deflator=None, unit: str = "",
                      years: tuple = ("year 0", "year 1")) -> SDAResult:
    """SDA between two tables of one region brought to the same sectors.

    Parameters
    ----------
    system0, system1
        Tables ready for Leontief analysis, with ``Z`` (DataFrame), ``x`` (Series) and ``Y`` (final
        demand by product and category, ``Y·1 = x − Z·1``), e.g. :class:`~carbon_core.io.domestic.DomesticSystem`
        after the same domestic adjustment and aggregation in both years.
    e0, e1 : Series or array
        The satellite (emissions) by sector in each year, in ``unit``.
    deflator : float or Series, optional
        Price index of year 1 relative to year 0, one for all products or one per sector; the
        year-1 table is then valued in year-0 prices. Without it both tables are in current prices
        and price change sits inside the effects (mostly ``intensity`` and ``demand_level``).
    years : (str, str)
        Labels of the two years, used in notes.
    """
    labels0, labels1 = [str(s) for s in system0.Z.index], [str(s) for s in system1.Z.index]
    if labels0 != labels1:
        only0 = [s for s in labels0 if s not in labels1]
        only1 = [s for s in labels1 if s not in labels0]
        raise InputError(
            f"the tables of {years[0]} and {years[1]} are not in the same classification"
            + (f" ({years[0]} only: {', '.join(only0[:6])}{' …' if len(only0) > 6 else ''}; "
               f"{years[1]} only: {', '.join(only1[:6])}{' …' if len(only1) > 6 else ''})" if only0 or only1
               else " (same sectors in a different order)")
            + ". Aggregate both to a common classification first (e.g. S1–S11).")
    _same_products(system0, system1, labels0, years)
    common, notes = common_final_demand(system0.Y, system1.Y, years)
    categories = [c for c in common[0].columns if c not in DISCREPANCY]
    parts = []
    folded = []
    for t, (system, e) in enumerate(((system0, e0), (system1, e1))):
        Z, x, Y = system.Z, system.x, common[t]
        if t == 1 and deflator is not None:
            Z, x, Y, _ = _deflate(Z, x, Y, deflator, labels0)
        io = IOSystem(Z, x)
        Y, note = _fold_discrepancy(Y, io.y_values, io.x_values, years[t])
        folded.append(Y)
        if note:
            notes.append(note)
        gap = np.abs(Y.to_numpy().sum(axis=1) - io.y_values).max(initial=0.0)
        if gap > 1e-9 * max(1.0, float(np.abs(io.x_values).max(initial=0.0))):  # pragma: no cover - exact by folding
            raise InputError(f"{years[t]}: final demand by category does not add up to x − Z·1 (off by up to {gap:.6g}).")
        w = io.intensity(e).to_numpy()
        parts.append([w, io.solver.inverse(), Y])
        observed = float(np.sum(io.satellite(e)))
        modelled = float(w @ io.x_values)
        if not np.isclose(observed, modelled, rtol=1e-9, atol=1e-12):  # pragma: no cover - guarded by intensity()
            raise InputError(f"{years[t]}: the satellite is not reproduced by the table ({observed} vs {modelled}).")
    categories = _decomposable(folded, categories, years)
    for part in parts:
        part[2] = part[2][categories].to_numpy()
    result = structural_decomposition(*parts[0], *parts[1], method=method, sectors=labels0, categories=categories,
                                      unit=unit)
    notes = result.notes + notes
    result.inputs = {"w": (parts[0][0], parts[1][0]), "L": (parts[0][1], parts[1][1]),
                     "Y": (parts[0][2], parts[1][2]), "categories": list(categories), "sectors": list(labels0)}
    result.prices = "current prices" if deflator is None else f"constant prices of {years[0]}"
    if deflator is None:
        notes.append(f"current prices: both tables in their own year's prices, so price change between {years[0]} and "
                     f"{years[1]} sits inside the effects (mostly intensity and demand level).")
    else:
        kind = "one index" if not isinstance(deflator, (pd.Series, dict)) else "one index per sector"
        notes.append(f"constant prices of {years[0]}: {years[1]} deflated by {kind} (rows of Z, x and Y divided by the "
                     "price index).")
    notes.append(f"method: {METHODS[method]}; factors in the order {FACTOR_ORDER}.")
    notes.append("final-demand categories common to both years: "
                 + ", ".join(f"{c} ({CATEGORY_NAMES[c][1]})" if c in CATEGORY_NAMES else c for c in categories) + ".")
    result.notes = notes
    return result
