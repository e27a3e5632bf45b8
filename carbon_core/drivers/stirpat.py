"""STIRPAT regression with honest statistics (seed 003 sec. 2).

``ln I = a + b ln A + c ln T1 + … + ε`` is fitted by OLS (statsmodels). When there are no
more observations than parameters, or the design is rank-deficient (e.g. a driver that
never changes is collinear with the intercept), the coefficients are not determined by the
data: R² = 1 is then automatic and means nothing. :func:`fit_stirpat` says so plainly and
reports no standard errors, t or p values. :func:`fit_ridge` offers ridge regression on
standardized log variables with a chosen penalty (for collinear drivers, after Liu et al.).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..checks import list_labels, numeric_column
from ..errors import CarbonError, InputError


@dataclass
class StirpatResult:
    """Coefficients and diagnostics of a STIRPAT fit.

    ``table`` has one row per parameter (``const`` and each driver) with columns
    ``coef, std_err, t, p`` (NaN where not identified) and ``VIF``.
    """

    table: pd.DataFrame
    identified: bool
    verdict: str
    nobs: int
    n_params: int
    rank: int
    df_resid: float
    r2: float
    r2_adj: float
    condition_number: float
    method: str = "OLS on logarithms"
    penalty: float | None = None
    means: dict = field(default_factory=dict)
    scales: dict = field(default_factory=dict)
    response: str = "I"
    #: covariance of (const, drivers…) for an OLS fit with residuals; None where there is none
    #: (not identified, exact fit, ridge)
    cov: pd.DataFrame | None = None

    def log_linear(self) -> tuple[list[str], np.ndarray, np.ndarray | None]:
        """``(drivers, coef, cov)`` of ``ln I = coef[0] + Σ_k coef[k] ln D_k`` in original logarithms.

        A ridge fit's standardized coefficients are mapped back (``b_k / s_k``, intercept
        ``m_I − Σ b_k m_k / s_k``); it has no covariance. An OLS fit that is not identified is
        refused, as by :meth:`predict`.
        """
        names = [n for n in self.table.index if n != "const"]
        coef = self.table["coef"].to_numpy(dtype=float)
        if self.penalty is not None:
            scale = np.array([self.scales[n] for n in names])
            mean = np.array([self.means[n] for n in names])
            b = coef[1:] / scale
            return names, np.concatenate([[self.means[self.response] - b @ mean], b]), None
        if not self.identified:
            raise InputError(f"the OLS fit is not identified ({self.verdict}); projections would be arbitrary. "
                             "Use the ridge fit, or more observations.")
        return names, coef, None if self.cov is None else self.cov.to_numpy(dtype=float)

    def summary(self) -> pd.DataFrame:
        """Diagnostics as a two-column table (statistic, value)."""
        rows = [("method", self.method), ("verdict", self.verdict), ("identified", self.identified),
                ("observations", self.nobs), ("parameters", self.n_params), ("rank", self.rank),
                ("residual degrees of freedom", self.df_resid), ("R²", self.r2), ("adjusted R²", self.r2_adj),
                ("condition number", self.condition_number)]
        if self.penalty is not None:
            rows.append(("ridge penalty (λ)", self.penalty))
        return pd.DataFrame(rows, columns=["statistic", "value"]).set_index("statistic")

    def predict(self, drivers: pd.DataFrame) -> pd.Series:
        """Predicted ``I`` (original units) for scenario driver values (one row per scenario)."""
        names = [n for n in self.table.index if n != "const"]
        missing = [n for n in names if n not in drivers.columns]
        if missing:
            raise InputError(f"scenario lacks driver column(s) {', '.join(missing)}.")
        X = _logs(drivers[names], "scenario")
        if self.penalty is not None:
            Z = (X - pd.Series(self.means)[names]) / pd.Series(self.scales)[names]
            ln_i = self.means[self.response] + Z.to_numpy() @ self.table.loc[names, "coef"].to_numpy()
        else:
            if not self.identified:
                raise InputError(f"the OLS fit is not identified ({self.verdict}); predictions would be arbitrary. "
                                 "Use the ridge fit, or more observations.")
            ln_i = self.table.loc["const", "coef"] + X.to_numpy() @ self.table.loc[names, "coef"].to_numpy()
        return pd.Series(np.exp(ln_i), index=drivers.index, name=f"predicted {self.response}")


def _check_columns(data: pd.DataFrame, response: str, drivers: list[str]) -> None:
    if data.columns.has_duplicates:
        raise InputError(f"column names repeat ({list_labels(data.columns[data.columns.duplicated()].unique())}); "
                         "give every column a unique name.")
    if not drivers:
        raise InputError("give at least one driver.")
    if response in drivers:
        raise InputError(f"'{response}' is both the response and a driver; a variable cannot explain itself.")
    repeated = sorted({d for d in drivers if drivers.count(d) > 1})
    if repeated:
        raise InputError(f"driver(s) {list_labels(repeated)} listed more than once.")
    missing = [c for c in [response] + list(drivers) if c not in data.columns]
    if missing:
        raise InputError(f"column(s) {', '.join(missing)} not in the data; it has {', '.join(map(str, data.columns))}.")


def _logs(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    # TRUE/FALSE, dates, Excel errors and inf are refused by row, not turned into 1, 0 or nanoseconds
    values = pd.DataFrame({c: numeric_column(frame[c], f"{what}: column '{c}'", blank_ok=True) for c in frame.columns},
                          index=frame.index)
    if values.isna().any().any():
        bad = [c for c in values.columns if values[c].isna().any()]
        raise InputError(f"{what}: column(s) {list_labels(bad)} hold missing or non-numeric values.")
    nonpos = [c for c in values.columns if (values[c] <= 0).any()]
    if nonpos:
        raise InputError(f"{what}: column(s) {list_labels(nonpos)} have zero or negative values, whose logarithm is "
                         "undefined; STIRPAT needs positive data (shift or rescale the variable, e.g. use 100 - share).")
    return np.log(values)


def _vif(X: np.ndarray, names: list[str]) -> list[float]:
    out = []
    for j in range(X.shape[1]):
        others = np.delete(X, j, axis=1)
        A = np.column_stack([np.ones(len(X)), others])
        y = X[:, j]
        if np.ptp(y) == 0:
            out.append(np.inf)
            continue
        beta, *_ = np.linalg.lstsq(A, y, rcond=None)
        resid = y - A @ beta
        r2 = 1 - resid @ resid / ((y - y.mean()) @ (y - y.mean()))
        out.append(np.inf if r2 >= 1 - 1e-12 else 1 / (1 - r2))
    return out


def fit_stirpat(data: pd.DataFrame, response: str, drivers: list[str]) -> StirpatResult:
    """OLS of ln(response) on ln(drivers) with an intercept, with identification checks.

    Parameters
    ----------
    data : DataFrame
        One row per observation (e.g. year).
    response : str
        Column of the impact I (e.g. CO2).
    drivers : list of str
        Columns of the drivers (e.g. output, energy, structure shares).
    """
    try:
        import statsmodels.api as sm  # heavy (~0.5 s) and absent under Pyodide: loaded when a fit runs
    except ImportError:
        raise CarbonError("STIRPAT needs the statsmodels library, which this Python lacks (Pyodide, and so xlwings "
                          "Lite, has no build of it); fit it on the desktop (carbon stirpat, or the add-in with "
                          "desktop Python), or pip install statsmodels.", code="missing-library") from None

    cols = [response] + list(drivers)
    _check_columns(data, response, list(drivers))
    logs = _logs(data[cols], "STIRPAT data")
    y = logs[response].to_numpy()
    X = sm.add_constant(logs[list(drivers)].to_numpy(), has_constant="add")
    names = ["const"] + list(drivers)
    n, k = X.shape
    rank = int(np.linalg.matrix_rank(X))
    # a rank-deficient design is singular: its smallest singular value is rounding noise, so
    # np.linalg.cond would give an arbitrary ~1e15 that changes with the BLAS build
    cond = float(np.linalg.cond(X)) if rank == k else np.inf
    constant = [d for d in drivers if np.ptp(logs[d].to_numpy()) == 0]
    problems = []
    if n <= k:
        problems.append(f"{n} observations for {k} parameters (needs more observations than parameters)")
    if rank < k:
        problems.append(f"the design has rank {rank} < {k} parameters"
                        + (f"; {list_labels(constant)} never change{'s' if len(constant) == 1 else ''} and "
                           "cannot be told apart from the intercept" if constant else ""))
    vif = _vif(X[:, 1:], list(drivers)) if n > 2 else [np.nan] * len(drivers)
    if problems:
        verdict = ("not identified: " + "; ".join(problems)
                   + ". The coefficients are not determined by the data, R² = 1 would be automatic, and no "
                     "significance can be reported. Add observations, drop drivers, or use ridge regression.")
        table = pd.DataFrame({"coef": np.nan, "std_err": np.nan, "t": np.nan, "p": np.nan,
                              "VIF": [np.nan] + vif}, index=names)
        return StirpatResult(table, False, verdict, n, k, rank, float(n - rank), np.nan, np.nan, cond,
                             response=response)
    model = sm.OLS(y, X).fit()
    table = pd.DataFrame({"coef": model.params, "std_err": model.bse, "t": model.tvalues, "p": model.pvalues,
                          "VIF": [np.nan] + vif}, index=names)
    # a fit without residual (an exact identity such as I = P·A·T) leaves the residual variance at
    # rounding noise: standard errors, t and p would be noise divided by noise
    ss_tot = float(((y - y.mean()) ** 2).sum())
    if float(model.ssr) <= 1e-20 * max(ss_tot, float((y ** 2).sum()), 1e-300):
        table[["std_err", "t", "p"]] = np.nan
        return StirpatResult(table, True, "exact fit: the residuals are zero within rounding (the response is an "
                                          "exact function of the drivers, e.g. an identity such as I = P·A·T), so "
                                          "the residual variance is zero and standard errors, t and p values are "
                                          "undefined; the coefficients reproduce the identity", n, k, rank,
                             float(model.df_resid), 1.0, 1.0, cond, response=response)
    cov = pd.DataFrame(np.asarray(model.cov_params()), index=names, columns=names)
    verdict = "identified"
    if cond > 1e3 or any(v > 10 for v in vif):
        verdict += " but collinear (condition number {:.3g}, max VIF {:.3g}): coefficients are unstable".format(
            cond, max(vif))
    return StirpatResult(table, True, verdict, n, k, rank, float(model.df_resid), float(model.rsquared),
                         float(model.rsquared_adj), cond, response=response, cov=cov)


def fit_ridge(data: pd.DataFrame, response: str, drivers: list[str], penalty: float) -> StirpatResult:
    """Ridge regression of ln(response) on standardized ln(drivers) with penalty ``λ``.

    Variables are centred and scaled to unit standard deviation, so ``coef`` are
    standardized elasticities; the intercept is the mean of ln(response). No standard errors
    are reported: ridge estimates are biased by design and their usual errors mislead.
    """
    if not (isinstance(penalty, (int, float)) and penalty > 0 and np.isfinite(penalty)):
        raise InputError(f"the ridge penalty must be a positive number, got {penalty!r}.")
    cols = [response] + list(drivers)
    _check_columns(data, response, list(drivers))
    logs = _logs(data[cols], "STIRPAT data")
    means = logs.mean()
    scales = logs.std(ddof=0)
    flat = [d for d in drivers if scales[d] == 0]
    if flat:
        raise InputError(f"driver(s) {list_labels(flat)} never change, so they carry no information; drop them.")
    Z = ((logs[list(drivers)] - means[list(drivers)]) / scales[list(drivers)]).to_numpy()
    yc = (logs[response] - means[response]).to_numpy()
    k = Z.shape[1]
    beta = np.linalg.solve(Z.T @ Z + penalty * np.eye(k), Z.T @ yc)
    fitted = Z @ beta
    ss_tot = yc @ yc
    r2 = 1 - ((yc - fitted) @ (yc - fitted)) / ss_tot if ss_tot > 0 else np.nan
    names = ["const"] + list(drivers)
    table = pd.DataFrame({"coef": np.concatenate([[means[response]], beta]), "std_err": np.nan, "t": np.nan,
                          "p": np.nan, "VIF": [np.nan] + _vif(Z, list(drivers))}, index=names)
    n = len(Z)
    # rank of the centred design, read off the uncentred one with its constant: centring leaves
    # rounding noise of the size of the means, which matrix_rank can take for a real direction
    rank = int(np.linalg.matrix_rank(np.column_stack([np.ones(len(Z)), logs[list(drivers)].to_numpy()]))) - 1
    cond = float(np.linalg.cond(Z)) if rank == k else np.inf  # singular: see fit_stirpat
    return StirpatResult(table, True, f"ridge (λ = {penalty:g}) on standardized logarithms: biased, stable "
                                      "coefficients; no significance tests", n, k + 1, rank,
                         float(n - 1 - k), float(r2), np.nan, cond, method="ridge",
                         penalty=float(penalty), means=means.to_dict(), scales=scales.to_dict(), response=response)
