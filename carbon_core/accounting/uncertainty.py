"""Uncertainty of an inventory (IPCC 2006 Vol. 1 Ch. 3): Approach 1 and Approach 2 (Monte Carlo).

Each line's uncertainty comes from two optional columns of the activity table, each half the 95%
interval in % of the value: ``activity_uncertainty_pct`` (the quantity) and
``factor_uncertainty_pct`` (the line's emission factor, as a whole). A line without them has no
known uncertainty: it is reported as such, and so is any total it enters — never a silent default.

Lines that use the same factor records (the same NCV, carbon content, oxidation, grid or user
factor record, and GWP) share one factor: they are fully correlated, in both approaches. Two
such lines must state the same factor uncertainty.

- Approach 1 (error propagation, IPCC eqs. 3.1 and 3.2 with the shared factors kept together):
  ``Var = Σ_lines (U_A E)² + Σ_factors (U_F Σ_{lines of the factor} E)²``, with U as fractions.
  Large uncertainties follow IPCC 2006 Vol. 1 Ch. 3 §3.7.3 (pp. 3.60–3.62): above 100% the
  half-range is corrected, ``U_c = U·F_C`` with ``F_C = [(−0.720 + 1.0921U − 1.63·10⁻³U² +
  1.11·10⁻⁵U³)/U]²`` (eqs. 3.3–3.4, calibrated to 230%: beyond it no range is given — use Monte
  Carlo); above 50%, where a normal range stops being accurate for a non-negative quantity, the
  range is the asymmetric lognormal one of eqs. 3.5–3.7: ``μ_g = μ·exp(−½ln(1 + (U/200)²))``,
  ``σ_g = exp(√ln(1 + (U/200)²))``, bounds ``exp(ln μ_g ∓ 1.96 ln σ_g)``.
- Approach 2: each activity and each shared factor drawn once per iteration, normal with the
  stated 95% half-width (above 50%, where a normal would reach zero, lognormal with the same mean
  and standard deviation), in chunks so memory
  stays bounded; line percentiles from fine histograms (±6σ in 4,000 bins), the total's and each
  period's from their draws. Between two periods, the trend ``E_T/E_0 − 1`` keeps the correlation
  of the factors both periods use (Ch. 3.2.3).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import DataPackageError, InputError
from .inventory import InventoryResult

COLUMNS = ("activity_uncertainty_pct", "factor_uncertainty_pct")
RECORDS = ("ncv_record", "carbon_content_record", "oxidation_record", "factor_record", "gwp_record", "gas")
METHODS = ("approach1", "montecarlo")
Z95 = 1.959963984540054
#: Above LARGE (%) an Approach 1 range is lognormal (IPCC eqs. 3.5–3.7); above CORRECT (%) its half-range is
#: first corrected (eqs. 3.3–3.4), which holds up to CORRECTION_MAX (%).
LARGE = 50.0
CORRECT = 100.0
CORRECTION_MAX = 230.0
CHUNK = 10_000
BINS = 4000


@dataclass
class UncertaintyResult:
    """Per line and total: estimate, mean, 2.5th and 97.5th percentiles, uncertainty_pct, variance share."""

    lines: pd.DataFrame
    totals: pd.DataFrame
    trend: pd.DataFrame
    method: str
    draws: int
    notes: list[str] = field(default_factory=list)


def inventory_uncertainty(activity: pd.DataFrame, result: InventoryResult, *, method: str = "approach1",
                          draws: int | None = None, seed: int | None = None, value: str = "tCO2e",
                          library=None, activity_default=None) -> UncertaintyResult:
    """Uncertainty of ``result`` (from :func:`compute_inventory` on ``activity``).

    Parameters
    ----------
    activity : DataFrame
        The activity table the inventory was computed from, with the uncertainty columns.
    result : InventoryResult
    method : {"approach1", "montecarlo"}
    draws : int, optional
        Monte Carlo iterations (default 100,000); only for ``montecarlo``.
    seed : int, optional
        Seed of the draws.
    value : {"tCO2e", "tCO2"}
        The emissions whose uncertainty is reported.
    library : FactorLibrary, optional
        Where a line states no factor uncertainty, the 95% ranges its packages ship for every
        record the line's factor is made of (NCV, carbon content, oxidation, factor, GWP) give it:
        ``U = √Σ U_record²`` (IPCC eq. 3.1), each ``U_record`` half its range in % of the value.
        A line with any record without a shipped range keeps an unknown factor uncertainty.
    activity_default : ActivityUncertainty, optional
        For lines that state no activity uncertainty: a default of IPCC 2006 Vol. 2 Table 2.15
        (:meth:`FactorLibrary.activity_uncertainty`); named in the notes.
    """
    check_method(method)
    if value not in ("tCO2e", "tCO2"):
        raise InputError(f"value must be tCO2e or tCO2, not '{value}'.")
    lines = result.lines.reset_index(drop=True)
    if len(activity) != len(lines):
        raise InputError(f"the activity table has {len(activity)} rows but the inventory {len(lines)}; give the table "
                         "the inventory was computed from.")
    ua, uf = (_percent(activity, c) for c in COLUMNS)
    notes = []
    if activity_default is not None:
        take = ~np.isfinite(ua)
        if take.any():
            ua = np.where(take, float(activity_default.pct), ua)
            notes.append(f"rows {', '.join(str(i + 2) for i in np.flatnonzero(take)[:10])}"
                         f"{' …' if take.sum() > 10 else ''}: activity uncertainty {activity_default.pct:g}% from "
                         + activity_default.describe())
    if library is not None:
        shipped, used = _shipped_ranges(lines, library)
        # a factor some line states an uncertainty for keeps it on all its lines: shipped ranges fill only
        # factors nobody stated
        stated_key, _ = _shared_factors(lines, uf)
        stated = {k for k in np.unique(stated_key) if np.isfinite(uf[stated_key == k]).any()}
        take = ~np.isfinite(uf) & np.isfinite(shipped) & ~np.isin(stated_key, list(stated))
        if take.any():
            uf = np.where(take, shipped, uf)
            notes.append(f"rows {', '.join(str(i + 2) for i in np.flatnonzero(take)[:10])}: factor uncertainty from the "
                         f"packages' 95% ranges ({', '.join(sorted(used)[:6])}), half the range in % of the value, "
                         "combined by IPCC eq. 3.1")
    E = lines[value].to_numpy(dtype=float)
    key, uf_key = _shared_factors(lines, uf)
    known = np.isfinite(ua) & np.isfinite(uf)
    if not known.all():
        notes.append(f"{int((~known).sum())} line(s) without a stated activity or factor uncertainty (rows "
                     f"{', '.join(str(i + 2) for i in np.flatnonzero(~known)[:10])}): their uncertainty, and that of "
                     "any total they enter, is unknown.")
    if method == "approach1":
        line_table, totals, trend = _approach1(lines, E, ua, uf, key, uf_key, known)
        n_draws = 0
        for what, frame in (("rows", line_table), ("totals of periods", totals)):
            big = frame["uncertainty_pct_uncorrected"] > LARGE
            if big.any():
                label = (", ".join(str(r) for r in frame.loc[big, "row"][:10]) if "row" in frame
                         else ", ".join(str(p) for p in frame.loc[big, "period"][:10]))
                beyond = frame["uncertainty_pct_uncorrected"] > CORRECTION_MAX
                corrected = frame["uncertainty_pct_uncorrected"] > CORRECT
                notes.append(f"{what} {label}: uncertainty above {LARGE:g}%, given an asymmetric (lognormal) range "
                             "(IPCC 2006 Vol. 1 eqs. 3.5–3.7)"
                             + (f"; above {CORRECT:g}% first corrected for large uncertainty (eqs. 3.3–3.4)"
                                if corrected.any() else "")
                             + (f"; above {CORRECTION_MAX:g}% the correction does not hold and no range is given — "
                                "use --method montecarlo" if beyond.any() else ""))
    else:
        if draws is None:
            draws = 100_000
        if isinstance(draws, float) and draws.is_integer():
            draws = int(draws)
        if not isinstance(draws, (int, np.integer)) or isinstance(draws, bool) or draws < 1:
            raise InputError(f"draws must be a whole number of iterations, at least 1, not {draws!r}.")
        over = np.flatnonzero(known & ((ua > LARGE) | (uf > LARGE)))
        if len(over):
            notes.append(f"rows {', '.join(str(i + 2) for i in over[:10])}: an uncertainty above {LARGE:g}% is drawn "
                         "lognormal with the same mean and standard deviation (a normal would reach below zero)")
        line_table, totals, trend = _montecarlo(lines, E, ua, uf, key, uf_key, known, int(draws), seed)
        n_draws = int(draws)
    return UncertaintyResult(line_table, totals, trend, method, n_draws, notes)


def _shipped_ranges(lines: pd.DataFrame, library) -> tuple[np.ndarray, set]:
    """Each line's factor uncertainty (%) from the shipped ranges of all its records, NaN if any lacks one."""
    out = np.full(len(lines), np.nan)
    used: set = set()
    for i, row in enumerate(lines[[c for c in RECORDS[:5] if c in lines]].astype(str).itertuples(index=False)):
        parts, ranges = [], []
        for rid in row:
            rid = rid.strip()
            if not rid or rid.lower() in ("nan", "none") or rid.lower().startswith(("derived", "user")):
                continue
            try:
                f = library.record(rid)
            except (InputError, DataPackageError):  # a label that is no record id: no shipped range for it
                parts = None
                break
            if not (np.isfinite(f.lower_95) and np.isfinite(f.upper_95)) or f.value <= 0:
                parts = None
                break
            parts.append((f.upper_95 - f.lower_95) / 2 / f.value * 100)
            ranges.append(f.range_record)
        if parts:
            out[i] = float(np.sqrt(np.sum(np.square(parts))))
            used.update(ranges)
    return out, used


def check_method(method: str) -> str:
    """The method, or one clear error (callers check it before the inventory is computed)."""
    if method not in METHODS:
        raise InputError(f"method must be 'approach1' (error propagation) or 'montecarlo', not '{method}'.")
    return method


def _percent(activity: pd.DataFrame, column: str) -> np.ndarray:
    if column not in activity.columns:
        return np.full(len(activity), np.nan)
    values = pd.to_numeric(activity[column].replace("", np.nan), errors="coerce").to_numpy(dtype=float)
    bad = activity[column].notna() & (activity[column].astype(str).str.strip() != "") & np.isnan(values)
    if bad.any():
        raise InputError(f"column '{column}', row {int(np.flatnonzero(bad)[0]) + 2}: not a number.")
    if (values < 0).any():
        raise InputError(f"column '{column}', row {int(np.flatnonzero(values < 0)[0]) + 2}: a negative uncertainty; it is "
                         "half the 95% interval in % of the value, ≥ 0.")
    return values


def _shared_factors(lines: pd.DataFrame, uf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index of each line's shared factor, and the factor uncertainty of each (NaN: unknown)."""
    ids = []
    for i, row in enumerate(lines[list(RECORDS)].astype(str).itertuples(index=False)):
        rec = tuple(row)
        # a user factor (or one typed on the line) is the line's own: never shared by accident
        ids.append(rec + ((i,) if str(row[3]).lower().startswith("user") else ()))
    keys = {k: j for j, k in enumerate(dict.fromkeys(ids))}
    key = np.array([keys[k] for k in ids])
    uf_key = np.full(len(keys), np.nan)
    for j in range(len(keys)):
        members = uf[key == j]
        stated = members[np.isfinite(members)]
        if len(stated) and not np.allclose(stated, stated[0]):
            rows = ", ".join(str(i + 2) for i in np.flatnonzero(key == j)[:10])
            raise InputError(f"rows {rows} use the same factor records but state different factor uncertainties "
                             f"({', '.join(f'{v:g}' for v in sorted(set(stated)))} %); one factor has one uncertainty.")
        if len(stated) == len(members):
            uf_key[j] = stated[0]
    return key, uf_key


def corrected_range(estimate, u_pct):
    """``(lower, upper, uncertainty_pct)`` of Approach 1 for large uncertainties (IPCC 2006 Vol. 1 §3.7.3).

    Up to :data:`LARGE` % the range is the symmetric ``E(1 ± U)``. Above it the range is lognormal
    (eqs. 3.5–3.7) with ``U``, corrected first by eqs. 3.3–3.4 where ``U`` exceeds :data:`CORRECT` %;
    above :data:`CORRECTION_MAX` % there is no range (NaN). ``uncertainty_pct`` is half the range
    in % of the estimate.
    """
    E = np.asarray(estimate, dtype=float)
    u = np.asarray(u_pct, dtype=float)
    lower, upper = E * (1 - u / 100), E * (1 + u / 100)
    big = u > LARGE
    if np.any(big):
        ub = np.where(big, u, 100.0)
        fc = ((-0.720 + 1.0921 * ub - 1.63e-3 * ub ** 2 + 1.11e-5 * ub ** 3) / ub) ** 2
        uc = np.where(ub > CORRECT, ub * fc, ub)
        s2 = np.log1p((uc / 200) ** 2)
        mu_g = E * np.exp(-s2 / 2)
        lo, hi = mu_g * np.exp(-1.96 * np.sqrt(s2)), mu_g * np.exp(1.96 * np.sqrt(s2))
        beyond = u > CORRECTION_MAX
        lower = np.where(big, np.where(beyond, np.nan, lo), lower)
        upper = np.where(big, np.where(beyond, np.nan, hi), upper)
    with np.errstate(invalid="ignore", divide="ignore"):
        half = np.where(big, (upper - lower) / 2 / np.abs(E) * 100, u)
    return lower, upper, half


def _approach1(lines, E, ua, uf, key, uf_key, known):
    sa = ua / 100 * E  # absolute 95% half-widths
    line_u = np.hypot(ua, uf)
    lo, hi, half = corrected_range(E, line_u)
    rows = pd.DataFrame({"row": np.arange(len(E)) + 2, "activity": lines["activity"], "period": lines["period"],
                         "estimate": E, "mean": E, "lower": lo, "upper": hi, "uncertainty_pct": half,
                         "uncertainty_pct_uncorrected": line_u})
    contrib = np.where(known, sa ** 2, np.nan)
    for j in np.unique(key):
        m = key == j
        contrib[m] += (uf_key[j] / 100) ** 2 * E[m] * E[m].sum() if np.isfinite(uf_key[j]) else np.nan
    totals, trend = [], []
    by_period = {}
    for p in dict.fromkeys(lines["period"]):
        m = (lines["period"] == p).to_numpy()
        total = E[m].sum()
        var = (sa[m] ** 2).sum() + sum((uf_key[j] / 100 * E[m & (key == j)].sum()) ** 2 for j in np.unique(key[m]))
        u = np.sqrt(var) / abs(total) * 100 if known[m].all() and total else np.nan
        by_period[p] = (total, var, m)
        lo, hi, half = (float(v) for v in corrected_range(total, u))
        totals.append({"period": p, "estimate": total, "mean": total, "lower": lo, "upper": hi,
                       "uncertainty_pct": half, "uncertainty_pct_uncorrected": u})
    rows["variance_share"] = _shares(contrib, lines["period"])
    periods = list(by_period)
    for p0, p1 in zip(periods[:-1], periods[1:]):
        (t0, _, m0), (t1, _, m1) = by_period[p0], by_period[p1]
        # trend t = E1/E0 − 1: first-order propagation with the shared factors correlated across periods
        grad = np.where(m1, 1 / t0, 0.0) - np.where(m0, t1 / t0 ** 2, 0.0)
        var = ((grad * ua / 100 * E) ** 2).sum()
        for j in np.unique(key[m0 | m1]):
            var += (uf_key[j] / 100 * (grad * E)[key == j].sum()) ** 2
        ok = known[m0 | m1].all()
        half = np.sqrt(var) * 100 if ok else np.nan
        trend.append({"from": p0, "to": p1, "trend_pct": (t1 / t0 - 1) * 100, "lower_pct": (t1 / t0 - 1) * 100 - half,
                      "upper_pct": (t1 / t0 - 1) * 100 + half})
    return rows, pd.DataFrame(totals), pd.DataFrame(trend)


def _shares(contrib: np.ndarray, periods: pd.Series) -> np.ndarray:
    out = np.full(len(contrib), np.nan)
    for p in dict.fromkeys(periods):
        m = (periods == p).to_numpy()
        total = contrib[m].sum()
        if np.isfinite(total) and total > 0:
            out[m] = contrib[m] / total
    return out


def _montecarlo(lines, E, ua, uf, key, uf_key, known, draws: int, seed):
    # activities and factors from streams of their own: the draws do not depend on the chunk size
    rng_a, rng_f = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))
    n, k = len(E), len(uf_key)
    sa = np.nan_to_num(ua) / 100 / Z95
    sf = np.nan_to_num(uf_key) / 100 / Z95
    spread = np.hypot(sa, sf[key]) * np.abs(E)
    lo = E - 6 * spread - 1e-300
    width = np.maximum(12 * spread, 1e-300) / BINS
    hist = np.zeros((n, BINS), dtype=np.int64)  # counts; bin indices below are intp (32-bit under Pyodide)
    sums = np.zeros(n)
    periods = list(dict.fromkeys(lines["period"]))
    masks = [(lines["period"] == p).to_numpy() for p in periods]
    period_draws = [[] for _ in periods]
    # the hot loop in single precision (7 digits are ample for a 95% interval; it halves the time)
    E32, sa32, sf32 = E.astype(np.float32), sa.astype(np.float32), sf.astype(np.float32)
    lo32, inv_w = lo.astype(np.float32), (1 / width).astype(np.float32)
    offsets = (np.arange(n) * BINS).astype(np.intp)
    whole = [mask.all() for mask in masks]
    own = k == n and np.array_equal(key, np.arange(n))  # every line its own factor: no gather needed
    for start in range(0, draws, CHUNK):
        m = min(CHUNK, draws - start)
        a = _multipliers(rng_a.standard_normal((m, n), dtype=np.float32), sa32)
        f = _multipliers(rng_f.standard_normal((m, k), dtype=np.float32), sf32)
        e = a
        e *= E32
        e *= f if own else f[:, key]
        sums += e.sum(axis=0, dtype=np.float64)
        b = ((e - lo32) * inv_w).astype(np.intp)
        np.clip(b, 0, BINS - 1, out=b)
        b += offsets
        hist += np.bincount(b.ravel(), minlength=n * BINS).reshape(n, BINS)
        for q, mask in enumerate(masks):
            period_draws[q].append(e.sum(axis=1, dtype=np.float64) if whole[q] else e[:, mask].sum(axis=1, dtype=np.float64))
    lower, upper = _hist_percentiles(hist, lo, width, draws)
    u = np.where(known, (upper - lower) / 2 / np.abs(E) * 100, np.nan)
    rows = pd.DataFrame({"row": np.arange(n) + 2, "activity": lines["activity"], "period": lines["period"],
                         "estimate": E, "mean": sums / draws, "lower": np.where(known, lower, np.nan),
                         "upper": np.where(known, upper, np.nan), "uncertainty_pct": u})
    var = (sa * E) ** 2
    for j in range(k):
        var[key == j] += sf[j] ** 2 * E[key == j] * E[key == j].sum()
    rows["variance_share"] = _shares(np.where(known, var, np.nan), lines["period"])
    totals, trend, drawn = [], [], {}
    for p, mask, chunks in zip(periods, masks, period_draws):
        t = np.concatenate(chunks)
        drawn[p] = t
        lo_t, hi_t = np.percentile(t, [2.5, 97.5])
        ok = known[mask].all()
        totals.append({"period": p, "estimate": E[mask].sum(), "mean": t.mean(), "lower": lo_t if ok else np.nan,
                       "upper": hi_t if ok else np.nan,
                       "uncertainty_pct": (hi_t - lo_t) / 2 / abs(E[mask].sum()) * 100 if ok else np.nan})
    for (p0, m0), (p1, m1) in zip(zip(periods[:-1], masks[:-1]), zip(periods[1:], masks[1:])):
        ratio = (drawn[p1] / drawn[p0] - 1) * 100
        ok = known[m0 | m1].all()
        lo_r, hi_r = np.percentile(ratio, [2.5, 97.5])
        trend.append({"from": p0, "to": p1, "trend_pct": (E[m1].sum() / E[m0].sum() - 1) * 100,
                      "lower_pct": lo_r if ok else np.nan, "upper_pct": hi_r if ok else np.nan})
    return rows, pd.DataFrame(totals), pd.DataFrame(trend)


def _multipliers(z: np.ndarray, s: np.ndarray) -> np.ndarray:
    """``1 + s·z`` in place (normal, relative sd ``s``); above LARGE % lognormal with mean 1 and the same sd."""
    big = s * 100 * Z95 > LARGE
    if big.any():
        ln = np.sqrt(np.log1p(s[big].astype(np.float64) ** 2)).astype(np.float32)
        z[:, big] = np.exp(ln * z[:, big] - ln ** 2 / 2) - 1
        z[:, ~big] *= s[~big]
    else:
        z *= s
    z += 1
    return z


def _hist_percentiles(hist, lo, width, draws: int):
    """2.5th and 97.5th percentiles of each line from its histogram (linear inside a bin)."""
    cum = np.cumsum(hist, axis=1)
    out = []
    for q in (0.025, 0.975):
        target = q * draws
        idx = np.argmax(cum >= target, axis=1)
        before = np.where(idx > 0, cum[np.arange(len(idx)), idx - 1], 0)
        inside = hist[np.arange(len(idx)), idx]
        frac = np.divide(target - before, inside, out=np.zeros(len(idx)), where=inside > 0)
        out.append(lo + (idx + frac) * width)
    return out
