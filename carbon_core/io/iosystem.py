"""A labelled input-output system and its demand-side (Leontief) accounts.

>>> import numpy as np
>>> io = IOSystem(Z=[[150, 500], [200, 100]], x=[1000, 2000], labels=["Agri", "Manu"])
>>> io.L.round(4).values.tolist()
[[1.2541, 0.33], [0.264, 1.1221]]
"""

from __future__ import annotations

from functools import cached_property
from typing import Sequence

import numpy as np
import pandas as pd

from .. import checks
from ..errors import InputError
from .leontief import LeontiefSolver, check_productive, technical_coefficients


class IOSystem:
    """An IO table ``(Z, x)`` with sector labels and its Leontief model.

    Parameters
    ----------
    Z : array-like or DataFrame of shape (n, n)
        Intermediate flows, rows supplying and columns using sectors, in ``unit``.
    x : array-like or Series of length n
        Total output of each sector, in ``unit``. Balancing final demand
        ``y = x - Z·1`` is derived from it so that ``x = L·y`` holds exactly.
    labels : sequence of str, optional
        Sector labels; taken from ``Z`` when it is a DataFrame, else ``"1".."n"``.
    unit : str, default "10^4 yuan"
        Monetary unit of ``Z`` and ``x``; carried into result metadata.
    allow_negative : bool, default False
        Accept negative flows (e.g. subsidies). Otherwise they are an error.
    names : DataFrame, optional
        Extra per-sector descriptions (e.g. Chinese and English names) indexed by label.

    Warns
    -----
    NegativeFinalDemandWarning
        When ``y`` is negative for some sectors.
    NegativeValueAddedWarning
        When a sector's intermediate inputs exceed its output.
    """

    def __init__(self, Z, x, *, labels: Sequence | None = None, unit: str = "10^4 yuan",
                 allow_negative: bool = False, names: pd.DataFrame | None = None):
        Zv, zlabels = checks.as_matrix(Z, "Z")
        n = Zv.shape[0]
        if labels is not None:
            labels = checks.check_labels(labels)
            if len(labels) != n:
                raise InputError(f"{len(labels)} labels given for {n} sectors; they must match.")
        else:
            labels = zlabels if zlabels is not None else [str(i + 1) for i in range(n)]
        #: whether the sectors are named (False for the default labels "1".."n", given or implied)
        self.labels_given = [checks.label_key(v) for v in labels] != [str(i + 1) for i in range(n)]
        xv = checks.as_vector(x, n, "x (total output)", labels)
        # as_matrix has refused a totals row and column already (x adds no case: it is one more condition)
        checks.check_flows(Zv, xv, labels, allow_negative=allow_negative)
        self.Z_values = Zv
        self.x_values = xv
        self.labels = list(labels)
        self.unit = unit
        self.names = names
        self.A_values = technical_coefficients(Zv, xv)
        self.y_values = xv - Zv.sum(axis=1)
        solver = check_productive(self.A_values, self.labels)
        if solver is not None:
            self.__dict__["solver"] = solver  # the LU the check built is the one the model uses
        checks.warn_negative_value_added(Zv, xv, self.labels, unit)
        checks.warn_negative_final_demand(self.y_values, self.labels)

    # ------------------------------------------------------------------ basics
    @property
    def n(self) -> int:
        """Number of sectors."""
        return len(self.labels)

    @cached_property
    def index(self) -> pd.Index:
        """The sector labels as an index, built once (building one costs more than a 42-sector solve).
        Results get shallow copies, so renaming one result's index never renames another's."""
        return pd.Index(self.labels)

    def _frame(self, values: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(values, index=self.index.copy(), columns=self.index.copy())

    def _series(self, values: np.ndarray, name: str) -> pd.Series:
        return pd.Series(values, index=self.index.copy(), name=name)

    @property
    def Z(self) -> pd.DataFrame:
        """Intermediate flows (in ``unit``)."""
        return self._frame(self.Z_values)

    @property
    def x(self) -> pd.Series:
        """Total output (in ``unit``)."""
        return self._series(self.x_values, "x")

    @property
    def y(self) -> pd.Series:
        """Balancing final demand ``x - Z·1`` (in ``unit``)."""
        return self._series(self.y_values, "y")

    @property
    def A(self) -> pd.DataFrame:
        """Technical (direct-requirement) coefficients."""
        return self._frame(self.A_values)

    @cached_property
    def solver(self) -> LeontiefSolver:
        """LU factorisation of ``I - A``, shared by all products with L."""
        return LeontiefSolver(self.A_values)

    @cached_property
    def L(self) -> pd.DataFrame:
        """Leontief inverse ``(I - A)^-1`` (total requirement coefficients)."""
        return self._frame(self.solver.inverse())

    # ------------------------------------------------------------- satellites
    def satellite(self, e, name: str = "e") -> np.ndarray:
        """Check a satellite vector (emissions or energy by sector) against this system."""
        ev = checks.as_vector(e, self.n, name, self.labels)
        checks.check_satellite(ev, self.x_values, self.labels, name)
        return ev

    def intensity(self, e) -> pd.Series:
        """Direct intensity ``w = e / x`` (unit of e per ``unit``); 0 where x = 0."""
        ev = self.satellite(e)
        w = np.divide(ev, self.x_values, out=np.zeros(self.n), where=self.x_values != 0)
        return self._series(w, "w")

    def multipliers(self, e) -> pd.Series:
        """Total (complete) intensity ``m = w'L``: unit of e per ``unit`` of final demand."""
        return self._series(self.solver.solve_left(self.intensity(e).to_numpy()), "m")

    def complete_consumption(self, e) -> pd.Series:
        """Consumption-based account ``m ∘ y`` (seed 000 eq. 3; VIC), in the unit of e."""
        return self._series(self.multipliers(e).to_numpy() * self.y_values, "VIC")

    def footprints(self, F, Y=None) -> pd.DataFrame:
        """Footprints ``M·Y`` of final-demand categories for one or several stressors.

        Parameters
        ----------
        F : Series, DataFrame or array-like
            Stressors by sector: a Series/1-D array for one, or a DataFrame with one row per
            stressor and one column per sector (pymrio layout).
        Y : DataFrame or array-like of shape (n, k), optional
            Final demand by category (sectors × categories). Default: balancing ``y``.

        Returns
        -------
        DataFrame
            Stressors × final-demand categories, in the stressors' units.
        """
        F_frame = self._stressors(F)
        S = F_frame.to_numpy() / np.where(self.x_values != 0, self.x_values, np.inf)
        M = self.solver.solve_left(S)
        if Y is None:
            Yv, ycols = self.y_values[:, None], ["y"]
        else:
            if isinstance(Y, pd.DataFrame):
                if not isinstance(Y.index, pd.RangeIndex):  # labelled rows must match; never by position
                    Y = pd.DataFrame({c: checks.align(Y[c], self.labels, f"Y[{c}]") for c in Y.columns})
                ycols = list(Y.columns)
            Yv = np.asarray(Y, dtype=float)
            if Yv.ndim == 1:
                Yv = Yv[:, None]
            if Yv.shape[0] != self.n:
                raise InputError(f"Y has {Yv.shape[0]} rows but the system has {self.n} sectors.")
            if not isinstance(Y, pd.DataFrame):
                ycols = [str(j + 1) for j in range(Yv.shape[1])]
            checks.check_finite(Yv, "Y")
        return pd.DataFrame(M @ Yv, index=F_frame.index, columns=ycols)

    def _stressors(self, F) -> pd.DataFrame:
        if isinstance(F, pd.DataFrame):
            if not isinstance(F.columns, pd.RangeIndex):  # labelled columns must match; never by position
                F = pd.DataFrame({i: checks.align(row, self.labels, f"F[{i}]") for i, row in F.iterrows()}).T
            frame = F
        else:
            arr = np.asarray(F, dtype=float)
            if arr.ndim == 1:
                arr = arr[None, :]
            frame = pd.DataFrame(arr, index=[getattr(F, "name", None) or f"stressor {i + 1}"
                                             for i in range(arr.shape[0])], columns=self.labels)
        if frame.shape[1] != self.n:
            raise InputError(f"F has {frame.shape[1]} sector columns but the system has {self.n} sectors.")
        for name, row in frame.iterrows():
            self.satellite(row.to_numpy(dtype=float), f"F[{name}]")
        return frame


def sector_accounts(io: IOSystem, e) -> pd.DataFrame:
    """Per-sector output, direct emissions, intensities and consumption-based account.

    Columns: ``x`` (system unit), ``e`` and ``share of e (%)``, ``w = e/x`` and
    ``m = w'L`` (unit of e per system unit), ``VIC = m ∘ y`` (unit of e).
    """
    ev = io.satellite(e)
    w = io.intensity(ev)
    m = io.multipliers(ev)
    total = ev.sum()
    return pd.DataFrame({
        "x": io.x_values,
        "e": ev,
        "share of e (%)": 100.0 * ev / total if total else np.nan,
        "w": w.to_numpy(),
        "m": m.to_numpy(),
        "VIC": m.to_numpy() * io.y_values,
    }, index=pd.Index(io.labels, name="sector"))


def direct_intensity(e, x, labels: Sequence | None = None) -> pd.Series:
    """Direct intensity ``w = e / x`` without an IO table (unit of e per unit of x; 0 where x = 0).

    Raises
    ------
    InputError
        Mismatched lengths, missing values, negative output, or emissions where output is zero.
    """
    n = len(labels) if labels is not None else np.asarray(x).reshape(-1).shape[0]
    labels = checks.check_labels(labels) if labels is not None else [str(i + 1) for i in range(n)]
    xv = checks.as_vector(x, n, "x (total output)", labels)
    if (xv < 0).any():
        raise InputError(f"total output x is negative for {checks.list_labels([labels[i] for i in np.nonzero(xv < 0)[0]])}.")
    ev = checks.as_vector(e, n, "e", labels)
    checks.check_satellite(ev, xv, labels)
    return pd.Series(np.divide(ev, xv, out=np.zeros(n), where=xv != 0), index=labels, name="w")
