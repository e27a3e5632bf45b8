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

from .errors import InputError, NegativeFinalDemandWarning, NegativeValueAddedWarning

#: How many offending labels an error message lists before it says "and N more".
_MAX_LISTED = 8

#: Labels that name a totals row or column of an exported table, compared without spaces and case.
TOTAL_LABELS = frozenset({"合计", "总计", "小计", "总和", "共计", "全部合计", "部门合计", "total", "totals", "sum",
                          "grandtotal", "subtotal", "alltotal", "allsectors", "全部部门"})


def list_labels(labels: Iterable) -> str:
    """Comma-separated labels for a message, shortened when there are many."""
    labels = [str(v) for v in labels]
    if len(labels) <= _MAX_LISTED:
        return ", ".join(labels)
    return ", ".join(labels[:_MAX_LISTED]) + f" and {len(labels) - _MAX_LISTED} more"


def is_blank(v) -> bool:
    """A missing key: None, NaN, NaT or text of spaces only (what merged Excel cells leave)."""
    if v is None:
        return True
    if isinstance(v, str):
        return not v.strip()
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def blank_mask(values) -> np.ndarray:
    """:func:`is_blank` for each value of a column, evaluated once per distinct value."""
    codes, uniques = pd.factorize(pd.Series(values), use_na_sentinel=False)
    return np.array([is_blank(u) for u in uniques], dtype=bool)[codes] if len(codes) else np.zeros(0, bool)


def label_key(v) -> str:
    """A label as compared across inputs: text, trimmed; 3.0 (a code read from a cell) as "3"."""
    if isinstance(v, (float, np.floating)) and float(v).is_integer():
        v = int(v)
    return str(v).strip()


def is_total_label(v) -> bool:
    """Whether a label names a totals row or column (合计, 总计, Total …)."""
    text = "".join(label_key(v).casefold().split()).replace("_", "").replace("-", "")
    return text in TOTAL_LABELS


def check_labels(labels: Sequence, what: str = "sector labels") -> list:
    """Return labels as a list; reject blanks, duplicates (after trimming) and totals labels."""
    labels = list(labels)
    blank = [i + 1 for i, v in enumerate(labels) if is_blank(v)]
    if blank:
        raise InputError(
            f"{what}: positions {list_labels(blank)} are blank; give every sector a label "
            "(merged cells in Excel leave blanks: unmerge and fill them)."
        )
    totals = [label_key(v) for v in labels if is_total_label(v)]
    if totals:
        raise InputError(
            f"{what}: {list_labels(totals)} is a totals row or column, not a sector; "
            "remove it from the selection (select the sector rows and columns only)."
        )
    seen, dup = set(), []
    for v in labels:
        k = label_key(v)
        if k in seen and k not in dup:
            dup.append(k)
        seen.add(k)
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
        if [label_key(v) for v in Z.index] != [label_key(v) for v in Z.columns]:
            if Z.shape[0] == Z.shape[1] and set(map(label_key, Z.index)) == set(map(label_key, Z.columns)):
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
    _refuse_flags(values, name)
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
    refuse_totals(values, labels, name=name)
    return values, labels


def _refuse_flags(values: np.ndarray, name: str) -> None:
    """TRUE/FALSE and dates would silently become 1/0 or nanoseconds; refuse them."""
    if values.dtype == bool or values.dtype.kind in "mM":
        raise InputError(f"{name} holds TRUE/FALSE or dates, not numbers; give numbers.")
    if values.dtype == object:
        for v in values.reshape(-1):
            if isinstance(v, (bool, np.bool_)) or hasattr(v, "isoformat"):
                raise InputError(f"{name} holds {'TRUE/FALSE' if isinstance(v, (bool, np.bool_)) else 'a date'} "
                                 f"({v!r}) where a number is expected; give numbers.")


def as_vector(v, n: int, name: str, labels: Sequence | None = None) -> np.ndarray:
    """v as a 1-D float array of length n, aligned to labels when v is a labelled Series."""
    if isinstance(v, pd.DataFrame):
        if v.shape[1] != 1:
            raise InputError(f"{name} must be one column; got {v.shape[1]} columns.")
        v = v.iloc[:, 0]
    if isinstance(v, pd.Series) and not isinstance(v.index, pd.RangeIndex):
        v = align(v, labels, name) if labels is not None else v
    values = np.asarray(v)
    _refuse_flags(values, name)
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


def align(v: pd.Series, labels: Sequence, name: str) -> pd.Series:
    """A labelled Series put in the order of ``labels``; labels must match exactly (after trimming).

    Never falls back to position: a typo, a missing or an extra sector is an error naming them.
    """
    keys = [label_key(k) for k in v.index]
    if len(set(keys)) != len(keys):
        dup = sorted({k for k in keys if keys.count(k) > 1})
        raise InputError(f"{name} has duplicate labels {list_labels(dup)}.")
    want = [label_key(lab) for lab in labels]
    missing = [k for k in want if k not in set(keys)]
    extra = [k for k in keys if k not in set(want)]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"no value for {list_labels(missing)}")
        if extra:
            parts.append(f"unknown sectors {list_labels(extra)}")
        raise InputError(f"{name} does not match the sectors of Z: {'; '.join(parts)}. Labels must match Z's "
                         "exactly (spaces at the ends are ignored). Correct the labels, or give plain values "
                         "without labels to match by position.")
    position = {k: i for i, k in enumerate(keys)}
    return pd.Series(v.to_numpy()[[position[k] for k in want]], index=list(labels), name=v.name)


def totals_at_end(Z: np.ndarray, x: np.ndarray | None = None) -> bool:
    """Whether the last row and column of Z (and the last x) are the sums of the others.

    That is the shape of an exported table whose 合计/Total row and column were selected
    along with the sectors. Rounding in exports is allowed for (relative 1e-4).
    """
    n = Z.shape[0]
    if n < 3:
        return False
    body = Z[:-1, :-1]
    scale = max(float(body.max()), -float(body.min()))  # no |Z| temporary: a large Z costs one read each
    if not scale > 0:
        return False

    def close(a, b):
        return bool(np.all(np.abs(a - b) <= 1e-4 * np.maximum(np.abs(a), np.abs(b)) + 1e-9 * scale))

    if not close(Z[-1, :1], body[:, :1].sum(axis=0)):  # one column decides almost every table
        return False

    rows_ok = close(Z[-1, :-1], body.sum(axis=0)) and close(Z[:-1, -1], body.sum(axis=1))
    corner_ok = close(np.array([Z[-1, -1]]), np.array([body.sum()]))
    x_ok = x is None or close(np.array([x[-1]]), np.array([x[:-1].sum()]))
    return rows_ok and corner_ok and x_ok


def refuse_totals(Z: np.ndarray, labels: Sequence | None, x: np.ndarray | None = None, name: str = "Z") -> None:
    """Refuse a totals row and column left at the end of a flows matrix."""
    if totals_at_end(Z, x):
        which = f"'{labels[-1]}'" if labels is not None else f"row and column {Z.shape[0]}"
        raise InputError(
            f"{name}: the last {which} holds the sums of the other rows and columns — a totals row and column "
            "(合计/Total), not a sector. Select the sector rows and columns only."
        )


def warn_negative_value_added(Z: np.ndarray, x: np.ndarray, labels: Sequence, unit: str = "") -> None:
    """Warn where a sector's intermediate inputs exceed its output (negative value added)."""
    inputs = Z.sum(axis=0)
    bad = inputs > x * (1 + 1e-9) + 1e-12 * max(1.0, float(np.abs(x).max(initial=0.0)))
    if bad.any():
        shown = [f"{labels[i]} (inputs {inputs[i]:,.6g} > output {x[i]:,.6g}{' ' + unit if unit else ''})"
                 for i in np.nonzero(bad)[0][:_MAX_LISTED]]
        more = f" and {int(bad.sum()) - len(shown)} more" if bad.sum() > len(shown) else ""
        warnings.warn(
            f"negative value added: intermediate inputs exceed total output for {', '.join(shown)}{more}. "
            "A balanced table cannot have this; check that x is total output (not value added or final use) "
            "and that Z and x are in the same unit.",
            NegativeValueAddedWarning,
            stacklevel=3,
        )


def check_keys(frame: pd.DataFrame, columns: Sequence[str], what: str, fill_down: Sequence[str] = ()) -> pd.DataFrame:
    """Refuse blank keys (period, sector, group …), naming the rows; fill down only the columns asked for.

    Row numbers are as in a file with a header line (first data row = 2).
    """
    frame = frame.copy()
    for col in columns:
        if col not in frame.columns:
            continue
        blank = blank_mask(frame[col])
        if not blank.any():
            continue
        if col in set(fill_down):
            if blank[0]:
                raise InputError(f"{what}: column '{col}' is blank on the first row, so there is nothing to fill "
                                 "down from; give it a value.")
            frame[col] = frame[col].where(~blank).ffill()
            continue
        rows = list_labels((np.nonzero(blank)[0] + 2).tolist())
        raise InputError(
            f"{what}: column '{col}' is blank on row(s) {rows}; a blank would silently form its own group. "
            f"Fill it in (merged cells in Excel leave blanks), or ask to fill down from the row above "
            f"(fill_down=['{col}'], command line --fill-down {col})."
        )
    return frame


def numeric_column(values, what: str, *, blank_ok: bool = False) -> np.ndarray:
    """Numbers from a table column; TRUE/FALSE, dates, text and inf are refused with row numbers.

    Blanks become NaN when ``blank_ok``, else they are refused too. Row numbers are as in a
    file with a header line (first data row = 2).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    series = series.reset_index(drop=True)
    if series.dtype != bool and series.dtype.kind not in "iufmM":
        series = series.astype(object)  # arrow or extension strings: parse like text
    kinds: dict[str, list[int]] = {}
    if series.dtype == bool:
        kinds["TRUE/FALSE"] = list(range(len(series)))
    elif series.dtype.kind in "mM":
        kinds["a date"] = list(range(len(series)))
    if series.dtype == object:
        types = {type(v) for v in series}
        flagged = [t for t in types if issubclass(t, (bool, np.bool_)) or hasattr(t, "isoformat")]
        if flagged:
            for i, v in enumerate(series):
                if isinstance(v, (bool, np.bool_)):
                    kinds.setdefault("TRUE/FALSE", []).append(i)
                elif hasattr(v, "isoformat"):
                    kinds.setdefault("a date", []).append(i)
        text = series.map(lambda v: v.strip().replace(",", "") if isinstance(v, str) else v)
        numbers = pd.to_numeric(text.where(~text.map(lambda v: isinstance(v, (bool, np.bool_)) or hasattr(v, "isoformat"))),
                                errors="coerce").to_numpy(dtype=float)
        blank = blank_mask(series) if np.isnan(numbers).any() else np.zeros(len(series), bool)
    elif not kinds:
        numbers = series.to_numpy(dtype=float)
        blank = np.isnan(numbers)
    else:
        numbers, blank = np.full(len(series), np.nan), np.zeros(len(series), bool)
    flagged_rows = {i for rows in kinds.values() for i in rows}
    nan = np.isnan(numbers)
    for i in np.nonzero(nan & ~blank)[0]:
        if int(i) not in flagged_rows:
            kinds.setdefault("text", []).append(int(i))
    if not blank_ok and blank.any():
        kinds["blank"] = np.nonzero(blank)[0].tolist()
    inf = np.isinf(numbers)
    if inf.any():
        kinds["infinite"] = np.nonzero(inf)[0].tolist()
    if kinds:
        rows = sorted({i for r in kinds.values() for i in r})
        raise InputError(f"{what} is not a finite number on row(s) {list_labels([i + 2 for i in rows])} "
                         f"({', '.join(sorted(kinds))}); give a number on every row.")
    return numbers


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
            "but read these sectors' results (extraction measures, demand effects) with care.",
            NegativeFinalDemandWarning,
            stacklevel=3,
        )
