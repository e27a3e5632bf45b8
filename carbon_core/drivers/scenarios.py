"""Emission scenarios from driver paths (Kaya/IPAT), with peak year and confidence bands.

Emissions are the product of drivers (population × GDP per person × energy per GDP × CO2 per
energy, or any such set). Each driver has a base value (the year before its first period) and
an annual change per period; within a period the driver grows geometrically:
``D_t = D_{t−1} (1 + r_p)``. Without uncertainty the trajectory is the closed form
``E_t = Π_k D_k,base Π_p (1 + r_{k,p})^{years of p up to t}``.

Uncertainty: ``uncertainty_pct`` on a row is half the 95% interval of that period's annual
change, in percentage points (``2`` on ``annual_change_pct = −3`` means −5 % to −1 % a year,
normal). A trajectory draws each row once, so a period's change holds for all its years (a
policy that holds, not noise that averages out); rows are independent. The band of a year is the
2.5th–97.5th percentile of the draws, the peak year of a trajectory its year of largest
emissions, and ``p_peak_by`` the share of trajectories whose peak is at or before a year.

A fitted STIRPAT model (seed 003) can take the place of the product: ``ln E = a + Σ_k b_k ln D_k``
with the fit's coefficients, the drivers' paths as above. With draws, each trajectory also draws
its coefficients from the normal with the OLS covariance (large-sample; the residual scatter of
single years is not added: the band is that of the expected path). A ridge fit has no honest
covariance and carries none; the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..checks import list_labels, numeric_column
from ..errors import InputError
from .stirpat import StirpatResult, fit_ridge, fit_stirpat

COLUMNS = ("scenario", "driver", "base", "from_year", "to_year", "annual_change_pct")
#: Trajectories are drawn in chunks of this many, so memory stays bounded however many are asked for.
CHUNK = 20_000


@dataclass
class ScenarioResult:
    """Emissions by scenario and year (median and 95% band) and each scenario's peak."""

    emissions: pd.DataFrame   # scenario, year, emissions, lower, upper
    peaks: pd.DataFrame       # scenario, peak_year, peak_emissions, p_peak_by_<year>
    draws: int
    #: how emissions follow from the drivers (the Kaya product, or the STIRPAT fit used)
    model: str = "Kaya/IPAT: emissions = product of the drivers"
    notes: list = field(default_factory=list)


def project(table: pd.DataFrame, *, to_year: int, draws: int | None = None, seed: int | None = None,
            peak_by: int = 2030, model: StirpatResult | None = None) -> ScenarioResult:
    """Trajectories of every scenario to ``to_year``.

    Parameters
    ----------
    table : DataFrame
        Columns ``scenario, driver, base, from_year, to_year, annual_change_pct`` and optional
        ``uncertainty_pct``; one row per scenario, driver and period. The periods of a driver
        must follow each other without gap or overlap; the base (the same on every row of a
        driver) is the value in the year before its first period; every driver of a scenario
        must start in the same year.
    to_year : int
        Last year projected; the periods must reach it.
    draws : int, optional
        Monte Carlo trajectories (at least 1); None projects the central path only (no band,
        peak probability 1 or 0).
    seed : int, optional
        Seed of the random draws (the same seed, the same result).
    peak_by : int, default 2030
        Year for the probability of peaking at or before it.
    model : StirpatResult, optional
        A STIRPAT fit whose drivers are the scenario's drivers (same names); emissions are then
        its prediction ``exp(a + Σ b_k ln D_k)`` instead of the product of the drivers. Its
        response must be in the units wanted for emissions.
    """
    frame = _checked(table)
    to_year = _year(to_year, "to_year")
    peak_by = _year(peak_by, "peak_by")
    if isinstance(draws, float) and draws.is_integer():
        draws = int(draws)
    if draws is not None and (not isinstance(draws, (int, np.integer)) or isinstance(draws, bool) or draws < 1):
        raise InputError(f"draws must be a whole number of trajectories, at least 1 (leave it out for the central "
                         f"path only), not {draws!r}.")
    drivers = frame.groupby("scenario", sort=False)["driver"].apply(lambda d: tuple(sorted(set(d))))
    if drivers.nunique() > 1:
        first = drivers.iloc[0]
        odd = next(name for name, d in drivers.items() if d != first)
        raise InputError(f"scenario '{odd}' has drivers {', '.join(drivers[odd])} but '{drivers.index[0]}' has "
                         f"{', '.join(first)}; every scenario needs the same drivers (their product is emissions).")
    draws = draws or 0
    link, label, notes = _link(model, drivers.iloc[0])
    rng = np.random.default_rng(seed)
    rows, peaks = [], []
    for name, sc in frame.groupby("scenario", sort=False):
        start, rates, sigma, bases = _paths(sc, name, to_year, link.names)
        years = np.arange(start, to_year + 1)
        log_d = np.log(bases)[:, None] + np.concatenate([np.zeros((len(bases), 1)),
                                                          np.cumsum(np.log1p(rates), axis=1)], axis=1)
        central = np.exp(link.coef[0] + link.coef[1:] @ log_d)
        if draws:
            draws_e, peak_years = _simulate(rng, bases, rates, sigma, draws, link)
            lower, median, upper = np.percentile(draws_e, [2.5, 50, 97.5], axis=0)
            p_by = float(np.mean(years[peak_years] <= peak_by))
        else:
            lower = median = upper = central
            p_by = float(years[int(np.argmax(central))] <= peak_by)
        top = int(np.argmax(central))
        rows += [{"scenario": name, "year": int(y), "emissions": float(m), "lower": float(lo), "upper": float(hi),
                  "central": float(c)} for y, m, lo, hi, c in zip(years, median, lower, upper, central)]
        peaks.append({"scenario": name, "peak_year": int(years[top]), "peak_emissions": float(central[top]),
                      f"p_peak_by_{peak_by}": p_by, "peaked": bool(top < len(years) - 1)})
    return ScenarioResult(pd.DataFrame(rows), pd.DataFrame(peaks), int(draws), label, notes)


def fit_for_scenarios(table: pd.DataFrame, history: pd.DataFrame, response: str, *,
                      ridge: float | None = None) -> StirpatResult:
    """STIRPAT fit of ``response`` on the scenario table's drivers over ``history``, for :func:`project`.

    OLS by default (its covariance is carried into the bands); ``ridge`` > 0 fits ridge
    regression instead (no covariance).
    """
    if not isinstance(response, str) or not response.strip():
        raise InputError("name the emissions column of the history (the STIRPAT response), e.g. CO2.")
    drivers = list(dict.fromkeys(_checked(table)["driver"]))
    return (fit_ridge(history, response.strip(), drivers, ridge) if ridge is not None
            else fit_stirpat(history, response.strip(), drivers))


@dataclass(frozen=True)
class _Link:
    """``ln E = coef[0] + Σ_k coef[k] ln D_k`` over ``names``; ``cov`` of coef, or None."""

    names: tuple
    coef: np.ndarray
    cov: np.ndarray | None


def _link(model: StirpatResult | None, drivers: tuple) -> tuple[_Link, str, list]:
    if model is None:
        return _Link(tuple(drivers), np.concatenate([[0.0], np.ones(len(drivers))]), None), \
            "Kaya/IPAT: emissions = product of the drivers", []
    if not isinstance(model, StirpatResult):
        raise InputError(f"model must be a STIRPAT fit (fit_stirpat or fit_ridge), not {type(model).__name__}.")
    names, coef, cov = model.log_linear()
    missing, extra = sorted(set(names) - set(drivers)), sorted(set(drivers) - set(names))
    if missing or extra:
        raise InputError("the scenarios' drivers must be the STIRPAT fit's drivers"
                         + (f"; missing: {list_labels(missing)}" if missing else "")
                         + (f"; not in the fit: {list_labels(extra)}" if extra else "") + ".")
    terms = " ".join(f"{c:+.4g}·ln {n}" for n, c in zip(names, coef[1:]))
    label = f"STIRPAT ({model.method}, {model.nobs} observations): ln {model.response} = {coef[0]:.4g} {terms}"
    notes = []
    if cov is None:
        notes.append("the fit carries no parameter covariance (" + ("ridge estimates are biased by design"
                     if model.penalty is not None else model.verdict.split(":")[0]) + "): the band holds the "
                     "drivers' uncertainty only")
    elif not np.all(np.isfinite(cov)):
        raise InputError("the STIRPAT fit's covariance is not finite; refit with more observations or fewer drivers.")
    else:
        notes.append("the band carries the fit's parameter covariance (normal, large-sample), not the residual "
                     "scatter of single years")
    return _Link(tuple(names), coef, cov), label, notes


def _checked(table: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"the scenario table lacks column(s) {', '.join(missing)}; it needs {', '.join(COLUMNS)} "
                         "and may have uncertainty_pct.")
    frame = table.reset_index(drop=True).copy()
    for c in ("scenario", "driver"):
        blank = frame[c].isna() | (frame[c].astype(str).str.strip() == "")
        if blank.any():
            raise InputError(f"row {int(np.flatnonzero(blank)[0]) + 2}: the {c} is blank; name every row's {c}.")
        frame[c] = frame[c].astype(str).str.strip()
    for c in ("base", "from_year", "to_year", "annual_change_pct"):
        frame[c] = numeric_column(frame[c], f"column '{c}'", blank_ok=False)
    frame["uncertainty_pct"] = (numeric_column(frame["uncertainty_pct"], "column 'uncertainty_pct'", blank_ok=True)
                                if "uncertainty_pct" in frame.columns else np.nan)
    frame["uncertainty_pct"] = frame["uncertainty_pct"].fillna(0.0)
    bad = frame[(frame["uncertainty_pct"] < 0)]
    if len(bad):
        raise InputError(f"row {bad.index[0] + 2}: uncertainty_pct is negative ({bad['uncertainty_pct'].iloc[0]}); it "
                         "is half the 95% interval of the annual change, in percentage points, ≥ 0.")
    if (frame["base"] <= 0).any():
        row = int(np.flatnonzero(frame["base"] <= 0)[0])
        raise InputError(f"row {row + 2}: base {frame['base'].iloc[row]} of driver '{frame['driver'].iloc[row]}' must be "
                         "positive (emissions are the product of the drivers).")
    if (frame["annual_change_pct"] <= -100).any():
        raise InputError("an annual change of −100 % or less leaves nothing to grow from; check annual_change_pct.")
    for c in ("from_year", "to_year"):
        if not np.all(frame[c] == np.round(frame[c])):
            raise InputError(f"column '{c}' holds years: whole numbers only.")
    if (frame["to_year"] < frame["from_year"]).any():
        row = int(np.flatnonzero(frame["to_year"] < frame["from_year"])[0])
        raise InputError(f"row {row + 2}: to_year {int(frame['to_year'].iloc[row])} is before from_year "
                         f"{int(frame['from_year'].iloc[row])}.")
    return frame


def _year(v, what: str) -> int:
    try:
        f = float(v)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a year, not {v!r}.", code="not-a-year") from None
    if not f.is_integer() or not 1900 <= f <= 2200:
        raise InputError(f"{what} must be a year between 1900 and 2200, not {v!r}.", code="not-a-year")
    return int(f)


def _paths(sc: pd.DataFrame, name: str, to_year: int, drivers: tuple):
    """(base year, annual rates [driver × year], their σ [driver × year], base values [driver]) in ``drivers`` order."""
    starts = {d: int(sc.loc[sc.driver == d, "from_year"].min()) for d in drivers}
    if len(set(starts.values())) > 1:
        raise InputError(f"scenario '{name}': drivers start in different years "
                         f"({', '.join(f'{d} {y}' for d, y in starts.items())}); give every driver the same first period.")
    first = next(iter(starts.values()))
    n_years = to_year - first + 1
    if n_years < 1:
        raise InputError(f"scenario '{name}' starts in {first}, after --to {to_year}.")
    rates = np.zeros((len(drivers), n_years))
    sigma = np.zeros((len(drivers), n_years))
    row_of = -np.ones((len(drivers), n_years), dtype=int)
    base = np.ones(len(drivers))
    for k, d in enumerate(drivers):
        rows = sc[sc.driver == d].sort_values("from_year")
        bases = rows["base"].unique()
        if len(bases) > 1:
            raise InputError(f"scenario '{name}', driver '{d}': different base values on its rows "
                             f"({', '.join(map(str, bases))}); the base is the value before the first period.")
        base[k] = float(bases[0])
        expected = first
        for idx, r in rows.iterrows():
            f, t = int(r["from_year"]), int(r["to_year"])
            if f != expected:
                what = "overlaps the previous one" if f < expected else f"leaves {expected}–{f - 1} uncovered"
                raise InputError(f"scenario '{name}', driver '{d}': the period {f}–{t} {what}; periods must follow "
                                 "each other without gap or overlap.")
            lo, hi = f - first, min(t, to_year) - first
            if lo < n_years:
                rates[k, lo:hi + 1] = r["annual_change_pct"] / 100.0
                sigma[k, lo:hi + 1] = r["uncertainty_pct"] / 100.0 / 1.959963984540054
                row_of[k, lo:hi + 1] = idx
            expected = t + 1
        if expected <= to_year:
            raise InputError(f"scenario '{name}', driver '{d}': the periods end in {expected - 1}, before --to "
                             f"{to_year}; extend the last period or project to an earlier year.")
    return first - 1, rates, _RowSigma(sigma, row_of), base


class _RowSigma:
    """σ by driver and year, and which row (period) each year belongs to: a draw is per row."""

    def __init__(self, sigma, row_of):
        self.sigma, self.row_of = sigma, row_of

    def any(self) -> bool:
        return bool(np.any(self.sigma > 0))


def _simulate(rng, bases: np.ndarray, rates: np.ndarray, sigma: _RowSigma, draws: int, link: _Link):
    """Emissions [draw × year incl. the base year] and each draw's peak-year index, in bounded chunks."""
    out, peaks = [], []
    rows = np.unique(sigma.row_of[sigma.row_of >= 0])
    position = {r: i for i, r in enumerate(rows)}
    index = np.vectorize(lambda r: position.get(r, -1))(sigma.row_of) if len(rows) else None
    log_base = np.log(bases)
    for start in range(0, draws, CHUNK):
        m = min(CHUNK, draws - start)
        shocks = rng.standard_normal((m, len(rows))) if len(rows) else np.zeros((m, 0))
        drawn = np.broadcast_to(rates, (m, *rates.shape)).copy()
        if sigma.any():
            z = shocks[:, index]  # one draw per row, repeated over its years
            drawn += z * sigma.sigma
        if (drawn <= -1).any():
            drawn = np.maximum(drawn, -0.999999)  # a drawn decline beyond 100 % a year is a collapse, not a sign flip
        log_d = np.concatenate([np.broadcast_to(log_base[None, :, None], (m, len(bases), 1)),
                                log_base[None, :, None] + np.cumsum(np.log1p(drawn), axis=2)], axis=2)
        if link.cov is None:
            log_e = link.coef[0] + np.einsum("k,mkt->mt", link.coef[1:], log_d)
        else:
            coef = rng.multivariate_normal(link.coef, link.cov, size=m, method="eigh")
            log_e = coef[:, :1] + np.einsum("mk,mkt->mt", coef[:, 1:], log_d)
        path = np.exp(log_e)
        out.append(path)
        peaks.append(np.argmax(path, axis=1))
    return np.concatenate(out), np.concatenate(peaks)
