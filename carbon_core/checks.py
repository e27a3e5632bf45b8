"""Input validation at the boundary of the IO calculations.

Functions here turn array-likes into labelled float arrays and raise one clear
:class:`~carbon_core.errors.InputError` per failure. The maths modules assume their
inputs passed through here.
"""

from __future__ import annotations

import warnings
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import InputError, NegativeFinalDemandWarning

#: How many offending labels an error message lists before it says "and N more".
_MAX_LISTED = 8


def list_labels(labels: Iterable) -> str:
    """Comma-separated labels for a message, shortened when there are many."""
    labels = [str(v) for v in labels]
    if len(labels) <= _MAX_LISTED:
        return ", ".join(labels)
    return ", ".join(labels[:_MAX_LISTED]) + f" and {len(labels) - _MAX_LISTED} more"


def check_labels(labels: Sequence, what: str = "sector labels") -> list:
    """Return labels as a list; reject duplicates and blanks."""
    labels = list(labels)
    blank = [i for i, v in enumerate(labels) if v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""]
    if blank:
        raise InputError(
            f"{what}: positions {list_labels(blank)} are blank; give every sector a label."
        )
    seen, dup = set(), []
    for v in labels:
        if v in seen and v not in dup:
            dup.append(v)
        seen.add(v)
    if dup:
        raise InputError(
            f"duplicate {what}: {list_labels(dup)}; each sector needs a unique label "
            "(rename or aggregate the duplicates first)."
        )
    return labels


def check_finite(values: np.ndarray, name: str, labels: Sequence | None = None) -> None:
    """Reject NaN and infinite values, naming where they are."""
    bad = ~np.isfinite(values)
    if bad.any():
        if values.ndim == 2:
            rows, cols = np.nonzero(bad)
            # without labels, positions are 1-based like spreadsheet rows and columns
            where = [f"({labels[r] if labels is not None else r + 1}, {labels[c] if labels is not None else c + 1})"
                     for r, c in zip(rows[:_MAX_LISTED], cols[:_MAX_LISTED])]
            n = int(bad.sum())
            extra = f" and {n - len(where)} more" if n > len(where) else ""
            raise InputError(
                f"{name} contains {n} missing or infinite value(s) at {', '.join(where)}{extra}; "
                "fill blanks with 0 and check for division errors in the source."
            )
        where = np.nonzero(bad)[0]
        names = [labels[i] for i in where] if labels is not None else [i + 1 for i in where]
        raise InputError(
            f"{name} contains missing or infinite values for {list_labels(names)}; "
            "fill blanks with 0 and check the source."
        )


def as_matrix(Z, name: str = "Z") -> tuple[np.ndarray, list | None]:
    """Z as a square float array plus its labels (None when Z had no labels)."""
    labels = None
    if isinstance(Z, pd.DataFrame):
        if list(Z.index) != list(Z.columns):
            if Z.shape[0] == Z.shape[1] and set(map(str, Z.index)) == set(map(str, Z.columns)):
                raise InputError(
                    f"{name}: row and column labels are the same sectors in a different order; "
                    "sort both the same way."
                )
            if Z.shape[0] == Z.shape[1]:
                raise InputError(
                    f"{name}: row labels and column labels differ "
                    f"(first rows {list_labels(list(Z.index)[:3])}; first columns "
                    f"{list_labels(list(Z.columns)[:3])}); an IO table needs the same sectors on both."
                )
        labels = check_labels(Z.index)
        values = Z.to_numpy()
    else:
        values = np.asarray(Z)
    try:
        values = values.astype(float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} contains values that are not numbers ({exc}); clean the table first.") from None
    if values.ndim != 2 or values.shape[0] != values.shape[1]:
        raise InputError(
            f"{name} must be a square matrix (n sectors × n sectors); got shape {values.shape}."
        )
    if values.shape[0] == 0:
        raise InputError(f"{name} is empty; an IO table needs at least one sector.")
    check_finite(values, name, labels)
    return values, labels


def as_vector(v, n: int, name: str, labels: Sequence | None = None) -> np.ndarray:
    """v as a 1-D float array of length n, aligned to labels when v is a labelled Series."""
    if isinstance(v, pd.DataFrame):
        if v.shape[1] != 1:
            raise InputError(f"{name} must be one column; got {v.shape[1]} columns.")
        v = v.iloc[:, 0]
    if isinstance(v, pd.Series) and labels is not None and not isinstance(v.index, pd.RangeIndex):
        missing = [lab for lab in labels if lab not in v.index]
        extra = [lab for lab in v.index if lab not in set(labels)]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"no value for {list_labels(missing)}")
            if extra:
                parts.append(f"unknown sectors {list_labels(extra)}")
            raise InputError(f"{name} does not match the sectors of Z: {'; '.join(parts)}.")
        if v.index.has_duplicates:
            raise InputError(f"{name} has duplicate labels {list_labels(v.index[v.index.duplicated()].unique())}.")
        v = v.reindex(labels)
    values = np.asarray(v)
    try:
        values = values.astype(float).reshape(-1) if values.ndim <= 1 or 1 in values.shape else values.astype(float)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{name} contains values that are not numbers ({exc}).") from None
    if values.ndim != 1:
        raise InputError(f"{name} must be a vector (one value per sector); got shape {values.shape}.")
    if values.shape[0] != n:
        raise InputError(f"{name} has {values.shape[0]} values but Z has {n} sectors; they must match.")
    check_finite(values, name, labels)
    return values


def check_flows(Z: np.ndarray, x: np.ndarray, labels: Sequence, *, allow_negative: bool = False) -> None:
    """Reject negative flows or outputs (unless allowed) and inputs to a zero-output sector."""
    if not allow_negative:
        if (Z < 0).any():
            rows, cols = np.nonzero(Z < 0)
            where = [f"({labels[r]}, {labels[c]})" for r, c in zip(rows[:_MAX_LISTED], cols[:_MAX_LISTED])]
            raise InputError(
                f"Z has {len(rows)} negative flow(s), e.g. at {', '.join(where)}; intermediate flows "
                "must be >= 0. If negatives are intended (e.g. subsidies), pass allow_negative=True "
                "(command line: --allow-negative)."
            )
        if (x < 0).any():
            raise InputError(
                f"total output x is negative for {list_labels([labels[i] for i in np.nonzero(x < 0)[0]])}; "
                "output must be >= 0."
            )
    zero = x == 0
    if zero.any():
        used = zero & (np.abs(Z).sum(axis=0) > 0)
        if used.any():
            raise InputError(
                f"sectors {list_labels([labels[i] for i in np.nonzero(used)[0]])} have zero total output "
                "but non-zero intermediate inputs, so their input coefficients are undefined; "
                "correct x or remove these sectors."
            )


def check_satellite(e: np.ndarray, x: np.ndarray, labels: Sequence, name: str = "e") -> None:
    """Reject emissions (or energy) in a sector that produces nothing."""
    bad = (x == 0) & (e != 0)
    if bad.any():
        raise InputError(
            f"{name} is non-zero for {list_labels([labels[i] for i in np.nonzero(bad)[0]])}, "
            "whose total output is zero, so their intensity e/x is undefined; "
            "correct x, move the emissions to the producing sector, or drop the sector."
        )


def warn_negative_final_demand(y: np.ndarray, labels: Sequence) -> None:
    """Warn (not fail) where balancing final demand is negative."""
    neg = y < -1e-9 * max(1.0, float(np.abs(y).max(initial=0.0)))
    if neg.any():
        warnings.warn(
            f"balancing final demand y = x - Z·1 is negative for {list_labels([labels[i] for i in np.nonzero(neg)[0]])} "
            "(inventory draw-downs or imports larger than domestic final use); results remain exact, "
            "but read these sectors' extraction measures with care.",
            NegativeFinalDemandWarning,
            stacklevel=3,
        )
