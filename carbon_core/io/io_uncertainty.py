"""Uncertainty of IO results from an uncertain satellite (Monte Carlo).

Every extraction measure and the multipliers are linear in the satellite ``e`` for a given
table: ``measure(e) = Σ_i e_i · measure(unit_i)``. The linear map is built once from the core's
own extraction (one evaluation per sector, so it is the same arithmetic as every other result),
then each draw of ``e`` is one matrix product. Each sector's satellite is drawn independently,
normal with the stated half 95% interval (in % of its value; refused above 50%, where a normal
reaches zero), in chunks so memory stays bounded.

The result gives, for every sector and measure, the estimate, median and 95% interval, and for
each measure how often each sector ranks first: whether "the sector with the largest NT" is a
finding or an accident of the satellite.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from .hem import MEASURES, extraction_from_system
from .iosystem import IOSystem
from .sda import structural_decomposition

Z95 = 1.959963984540054
CHUNK = 5_000
#: Beyond this many sectors the linear map (n × n per measure) is too large to hold.
MAX_SECTORS = 600


@dataclass
class IOUncertaintyResult:
    """``table``: sector × measure rows with estimate, median, lower, upper, p_first (share of draws
    in which the sector ranks first on that measure); ``first``: per measure, the sector first by
    the estimate and how often it stays first."""

    table: pd.DataFrame
    first: pd.DataFrame
    draws: int
    notes: list = field(default_factory=list)


def satellite_montecarlo(io: IOSystem, e, uncertainty_pct, *, draws: int = 10_000, seed: int | None = None,
                         measures=("VIC", "DC", "NT", "NBL", "NFL")) -> IOUncertaintyResult:
    """Monte Carlo of extraction measures (and multipliers ``m``) over an uncertain satellite.

    Parameters
    ----------
    io : IOSystem
    e : array-like or Series
        Satellite by sector.
    uncertainty_pct : float or array-like
        Half the 95% interval of each sector's satellite, in % (one number for all sectors, or
        one per sector).
    draws : int, default 10,000
    seed : int, optional
    measures : sequence of str
        Extraction measures (of IE, ME, NBL, NFL, VIC, DC, NT, BL, FL, TL) and/or ``m`` (multipliers).
    """
    if io.n > MAX_SECTORS:
        raise InputError(f"{io.n} sectors: the Monte Carlo here holds an n × n map per measure and stops at "
                         f"{MAX_SECTORS} sectors; aggregate the table first (e.g. --aggregate s11).")
    draws, chosen = _draws(draws), _measures(measures)
    ev = io.satellite(e)
    u = _pct(uncertainty_pct, io.n, "satellite", io.labels)
    maps = _linear_maps(io, chosen)
    estimate = {k: ev @ T for k, T in maps.items()}
    sigma = u / 100 / Z95 * ev
    rng = np.random.default_rng(seed)
    drawn = {k: [] for k in chosen}
    firsts = {k: np.zeros(io.n, dtype=np.int64) for k in chosen}
    for start in range(0, draws, CHUNK):
        m = min(CHUNK, draws - start)
        E = ev + rng.standard_normal((m, io.n)) * sigma
        for k, T in maps.items():
            values = E @ T
            drawn[k].append(values)
            firsts[k] += np.bincount(np.argmax(values, axis=1), minlength=io.n)
    rows, first = [], []
    for k in chosen:
        values = np.concatenate(drawn[k])
        lo, med, hi = np.percentile(values, [2.5, 50, 97.5], axis=0)
        p_first = firsts[k] / draws
        for i, label in enumerate(io.labels):
            rows.append({"sector": label, "measure": k, "estimate": float(estimate[k][i]), "median": float(med[i]),
                         "lower": float(lo[i]), "upper": float(hi[i]), "p_first": float(p_first[i])})
        top = int(np.argmax(estimate[k]))
        first.append({"measure": k, "first_by_estimate": io.labels[top], "p_stays_first": float(p_first[top])})
    return IOUncertaintyResult(pd.DataFrame(rows), pd.DataFrame(first), int(draws))


def table_montecarlo(io: IOSystem, e, z_uncertainty_pct: float, e_uncertainty_pct=0.0, *, draws: int = 1_000,
                     seed: int | None = None, measures=("VIC", "DC", "NT", "NBL", "NFL"),
                     progress=None) -> IOUncertaintyResult:
    """Monte Carlo of extraction measures (and multipliers ``m``) over noise on Z and the satellite.

    Each draw multiplies every flow ``Z_ij`` by its own ``1 + σ ε`` (normal, ``σ`` from the stated
    half 95% interval in %, refused above 50%) with total output ``x`` held: final demand
    ``y = x − Z·1`` and value added ``v = x − 1ᵀZ`` absorb the noise, so both balances hold exactly in
    every draw. The satellite is drawn as in :func:`satellite_montecarlo`. The measures are not
    linear in Z, so every draw runs the core's extraction on its own table (about 1–3 ms a draw for
    11–42 sectors). A draw that leaves a table unproductive stops the run with that message.

    Parameters
    ----------
    io : IOSystem
    e : array-like or Series
    z_uncertainty_pct : float
        Half the 95% interval of every flow, in % (one number).
    e_uncertainty_pct : float or array-like, default 0
    draws : int, default 1,000
    seed : int, optional
    measures : sequence of str
    progress : callable, optional
        Called with (done, draws) every 100 draws (long runs show progress).
    """
    if io.n > MAX_SECTORS:
        raise InputError(f"{io.n} sectors: aggregate the table first (e.g. --aggregate s11).")
    draws, chosen = _draws(draws), _measures(measures)
    uz = float(np.asarray(z_uncertainty_pct, dtype=float)) if np.ndim(z_uncertainty_pct) == 0 else np.nan
    if not np.isfinite(uz) or uz < 0 or uz > 50:
        raise InputError(f"the uncertainty of Z must be one number from 0 to 50 (half the 95% interval in %; above 50% "
                         f"a normal draw reaches zero), not {z_uncertainty_pct!r}.")
    ev = io.satellite(e)
    ue = _pct(e_uncertainty_pct, io.n, "satellite", io.labels)
    Z, x = io.Z.to_numpy(dtype=float), io.x_values
    base = extraction_from_system(io, ev)
    estimate = {k: (io.multipliers(ev).to_numpy() if k == "m" else base[k].to_numpy()) for k in chosen}
    rng = np.random.default_rng(seed)
    values = {k: np.empty((draws, io.n)) for k in chosen}
    for d in range(draws):
        Zd = Z * (1 + rng.standard_normal(Z.shape) * uz / 100 / Z95)
        ed = ev * (1 + rng.standard_normal(io.n) * ue / 100 / Z95)
        try:
            sd = IOSystem(Zd, x, labels=list(io.labels), allow_negative=True)
        except InputError as exc:
            raise InputError(f"draw {d + 1} of Z (±{uz:g}%) gives a table the Leontief model cannot use ({exc}); "
                             "lower the uncertainty of Z.") from None
        table = extraction_from_system(sd, ed)
        for k in chosen:
            values[k][d] = sd.multipliers(ed).to_numpy() if k == "m" else table[k].to_numpy()
        if progress is not None and (d + 1) % 100 == 0:
            progress(d + 1, draws)
    rows, first = [], []
    for k in chosen:
        lo, med, hi = np.percentile(values[k], [2.5, 50, 97.5], axis=0)
        p_first = np.bincount(np.argmax(values[k], axis=1).astype(np.intp), minlength=io.n) / draws
        for i, label in enumerate(io.labels):
            rows.append({"sector": label, "measure": k, "estimate": float(estimate[k][i]), "median": float(med[i]),
                         "lower": float(lo[i]), "upper": float(hi[i]), "p_first": float(p_first[i])})
        top = int(np.argmax(estimate[k]))
        first.append({"measure": k, "first_by_estimate": io.labels[top], "p_stays_first": float(p_first[top])})
    notes = [f"every flow of Z drawn with ±{uz:g}% (half the 95% interval, normal, independent), x held: final "
             "demand and value added absorb the noise, so both balances hold in every draw; the satellite "
             + (f"drawn with {_describe(ue)}" if np.any(ue > 0) else "held")]
    return IOUncertaintyResult(pd.DataFrame(rows), pd.DataFrame(first), int(draws), notes)


def _linear_maps(io: IOSystem, chosen: list[str]) -> dict[str, np.ndarray]:
    """measure → matrix T (n_in × n_out) with measure(e) = e @ T, from the core's own extraction."""
    n = io.n
    maps = {k: np.zeros((n, n)) for k in chosen}
    wanted = [k for k in chosen if k != "m"]
    for i in range(n):
        if io.x_values[i] == 0:  # a sector without output has no satellite to draw (the core refuses one)
            continue
        unit = np.zeros(n)
        unit[i] = 1.0
        if wanted:
            table = extraction_from_system(io, unit)
            for k in wanted:
                maps[k][i] = table[k].to_numpy()
        if "m" in chosen:
            maps["m"][i] = io.solver.solve_left(np.divide(unit, io.x_values, out=np.zeros(n), where=io.x_values != 0))
    return maps


@dataclass
class SDAUncertaintyResult:
    """``effects``: per effect (and ``total``) estimate, median, lower, upper and ``p_positive``;
    ``by_sector``: the same per sector of emission and effect; ``largest``: the effect largest in
    size by the estimate and how often it stays the largest; ``notes`` name the draw convention."""

    effects: pd.DataFrame
    by_sector: pd.DataFrame
    largest: pd.DataFrame
    draws: int
    notes: list


def sda_montecarlo(result, uncertainty0, uncertainty1=None, *, draws: int = 10_000, seed: int | None = None,
                   correlation: float = 0.0) -> SDAUncertaintyResult:
    """Monte Carlo of SDA effects over uncertain satellites of both years.

    Every effect is linear in the two years' intensities jointly, sector by sector
    (``effect_j = α_j w0_j + β_j w1_j``), so the two linear parts are read off the core's own
    decomposition run once more with each year's satellite doubled; each draw is then one
    product. A sector's satellite in year 0 and year 1 is drawn with correlation
    ``correlation`` (0: independent, the default; 1: the same relative error in both years, as
    when both come from the same emission factors).

    Parameters
    ----------
    result : SDAResult
        From :func:`~carbon_core.io.sda.decompose_between` or :func:`structural_decomposition`
        with its ``inputs``.
    uncertainty0, uncertainty1 : float or array-like
        Half the 95% interval of each sector's satellite in %, year 0 and year 1 (year 1 defaults
        to year 0's).
    draws : int, default 10,000
    seed : int, optional
    correlation : float in [0, 1]
    """
    inputs = getattr(result, "inputs", None) or {}
    if not {"w", "L", "Y"} <= set(inputs):
        raise InputError("the SDA result carries no inputs (w, L, Y); decompose with decompose_between first.")
    draws = _draws(draws)
    if not isinstance(correlation, (int, float)) or isinstance(correlation, bool) or not 0 <= correlation <= 1:
        raise InputError(f"correlation must be a number from 0 (independent years) to 1 (the same relative error in "
                         f"both years), not {correlation!r}.")
    (w0, w1), (L0, L1), (Y0, Y1) = inputs["w"], inputs["L"], inputs["Y"]
    n = len(w0)
    u0 = _pct(uncertainty0, n, "year 0")
    u1 = u0 if uncertainty1 is None else _pct(uncertainty1, n, "year 1")
    kw = dict(method=result.method, sectors=inputs.get("sectors"), categories=inputs.get("categories"),
              unit=result.unit)
    base = result.by_sector.to_numpy()
    # linear in (w0, w1) sector by sector: doubling one year's w adds exactly its part
    A = structural_decomposition(2 * w0, L0, Y0, w1, L1, Y1, **kw).by_sector.to_numpy() - base
    B = structural_decomposition(w0, L0, Y0, 2 * w1, L1, Y1, **kw).by_sector.to_numpy() - base
    columns = list(result.by_sector.columns)
    s0, s1 = u0 / 100 / Z95, u1 / 100 / Z95
    rng = np.random.default_rng(seed)
    totals, sectors = [], []
    keep_sectors = draws * n * len(columns) <= 60_000_000  # ~0.5 GB of float64 at most
    for start in range(0, draws, CHUNK):
        m = min(CHUNK, draws - start)
        z0 = rng.standard_normal((m, n))
        z1 = correlation * z0 + np.sqrt(1 - correlation ** 2) * rng.standard_normal((m, n))
        f0, f1 = 1 + z0 * s0, 1 + z1 * s1
        totals.append(f0 @ A + f1 @ B)
        if keep_sectors:
            sectors.append(f0[:, :, None] * A + f1[:, :, None] * B)
    values = np.concatenate(totals)
    estimate = base.sum(axis=0)
    lo, med, hi = np.percentile(values, [2.5, 50, 97.5], axis=0)
    effects = pd.DataFrame({"estimate": estimate, "median": med, "lower": lo, "upper": hi,
                            "p_positive": (values > 0).mean(axis=0)}, index=pd.Index(columns, name="effect"))
    k = [c for c in columns if c != "total"]
    idx = [columns.index(c) for c in k]
    top = int(np.argmax(np.abs(estimate[idx])))
    stays = float(np.mean(np.argmax(np.abs(values[:, idx]), axis=1) == top))
    largest = pd.DataFrame([{"largest_by_estimate": k[top], "p_stays_largest": stays}])
    notes = [f"satellites drawn normal, half 95% interval {_describe(u0)} (year 0) and {_describe(u1)} (year 1); "
             f"a sector's two years drawn with correlation {correlation:g}"
             + (" (independent, the default)" if correlation == 0 else "")]
    by_sector = pd.DataFrame()
    if keep_sectors:
        cube = np.concatenate(sectors)
        slo, smed, shi = np.percentile(cube, [2.5, 50, 97.5], axis=0)
        labels = list(result.by_sector.index)
        by_sector = pd.DataFrame({"sector": np.repeat(labels, len(columns)), "effect": columns * n,
                                  "estimate": base.ravel(), "median": smed.ravel(), "lower": slo.ravel(),
                                  "upper": shi.ravel()})
    else:
        notes.append("per-sector intervals left out: draws × sectors × effects would not fit in bounded memory; "
                     "the effects' totals are complete")
    return SDAUncertaintyResult(effects, by_sector, largest, int(draws), notes)


def _draws(draws) -> int:
    if isinstance(draws, float) and draws.is_integer():
        draws = int(draws)
    if not isinstance(draws, (int, np.integer)) or isinstance(draws, bool) or draws < 1:
        raise InputError(f"draws must be a whole number of iterations, at least 1, not {draws!r}.")
    return int(draws)


def _measures(measures) -> list[str]:
    chosen = [str(m).strip() for m in measures]
    unknown = [m for m in chosen if m not in MEASURES and m != "m"]
    if unknown or not chosen:
        raise InputError(f"unknown measure(s) {', '.join(unknown) or '(none)'}; choose from {', '.join(MEASURES)} or m.")
    return chosen


def _pct(u, n: int, what: str, labels=None) -> np.ndarray:
    """Half 95% intervals in %: one for every sector or one per sector, each from 0 to 50."""
    u = np.broadcast_to(np.asarray(u, dtype=float), (n,)).copy() if np.ndim(u) == 0 else np.asarray(u, dtype=float)
    if u.shape != (n,):
        raise InputError(f"{what}: give one uncertainty for all sectors or one per sector ({n}), not {u.size}.")
    if not np.all(np.isfinite(u)) or (u < 0).any():
        raise InputError(f"{what}: uncertainties must be finite and ≥ 0 (half the 95% interval in %).")
    if (u > 50).any():
        where = (f" (sector(s) {', '.join(str(labels[i]) for i in np.flatnonzero(u > 50)[:5])})"
                 if labels is not None else "")
        raise InputError(f"{what}{where}: an uncertainty above 50% makes a normal draw reach zero; Monte Carlo here "
                         "draws normals only.")
    return u


def _describe(u: np.ndarray) -> str:
    return f"{u[0]:g}%" if np.all(u == u[0]) else f"{u.min():g}–{u.max():g}% by sector"
