"""Turning Excel cell values into core inputs and core results into cell values.

Excel hands Python lists of lists (rows), floats, strings (also numbers typed or imported as
text, e.g. "1,234.5"), booleans and dates. An empty cell arrives as ``None`` from classic
(Windows, COM) xlwings, but as ``""`` or ``0`` from Office.js hosts (xlwings Lite in Excel on
the Mac and the web; some Excel builds pass 0 for an empty cell). So the rules are:

- *strictly blank* (:func:`_blank`): None, whitespace text or NaN. Inside numeric matrices and
  vectors only these count as empty; 0 there is data.
- *empty-like* (:func:`empty`): strictly blank or the number 0. Optional arguments, the key
  and label cells of text-keyed tables, whole rows and columns at the edge of a labelled
  selection, and header cells are empty when empty-like, so every function gives the same
  result whichever form an empty cell takes.

Nothing here does arithmetic on the data beyond parsing numbers; the calculations live in
carbon_core.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from carbon_core.errors import CarbonError, InputError

_NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?([eE][+-]?\d+)?$")

#: Excel's error values as xlwings passes them with ``err_to_str=True`` (and Office.js always).
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
                          "#PYTHON!", "#TIMEOUT!"})


def excel_error(v) -> str | None:
    """The Excel error a cell holds ("#N/A" …), or None."""
    if isinstance(v, str):
        t = v.strip().upper()
        if t in EXCEL_ERRORS:
            return t
    return None


def _refuse_error(v, what: str) -> None:
    err = excel_error(v)
    if err:
        raise InputError(f"{what} holds the Excel error {err}; fix the formula or value it comes from "
                         "(an error is never read as 0 or blank).")


def as_rows(values) -> list[list]:
    """Any cell value or range value as a list of rows (a single cell becomes [[v]])."""
    if values is None:
        return [[None]]
    if isinstance(values, (list, tuple)):
        if not values:
            return [[None]]
        if all(isinstance(r, (list, tuple)) for r in values):
            return [list(r) for r in values]
        return [list(values)]  # one row
    return [[values]]


def trim(rows: list[list]) -> list[list]:
    """Drop trailing blank rows and columns (ranges selected generously)."""
    rows = [list(r) for r in rows]
    while rows and all(_blank(v) for v in rows[-1]):
        rows.pop()
    if not rows:
        return []
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    while width and all(_blank(r[width - 1]) for r in rows):
        width -= 1
    return [r[:width] for r in rows]


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v))


def empty(v) -> bool:
    """An empty cell in any host's form: None (classic), "" or whitespace, NaN, or the number 0 (Office.js)."""
    if _blank(v):
        return True
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)) and v == 0


def present(values) -> bool:
    """Whether an optional argument (a cell or a range) holds anything: not every cell is empty-like."""
    return any(not empty(v) for r in as_rows(values) for v in r)


def strip_edges(rows: list[list], rows_too: bool = True, cols_too: bool = True) -> list[list]:
    """Drop trailing rows and columns whose every cell is empty-like (a generous selection under Office.js)."""
    while rows_too and rows and all(empty(v) for v in rows[-1]):
        rows.pop()
    width = max((len(r) for r in rows), default=0)
    while cols_too and width and all(empty(r[width - 1]) for r in rows):
        width -= 1
    return [r[:width] for r in rows]


def number(v, *, blank=None, what: str = "value"):
    """A cell as a float: numbers, numeric text ("1,234.5", " 12 ", "5%"); blank → ``blank``."""
    v = single(v, what)
    _refuse_error(v, what)
    if _blank(v):
        if blank is None:
            raise InputError(f"{what} is blank; enter a number.")
        return blank
    if isinstance(v, bool):
        raise InputError(f"{what} is TRUE/FALSE, not a number.")
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    if isinstance(v, (_dt.date, _dt.datetime)):
        raise InputError(f"{what} is a date, not a number; format the cell as a number.")
    text = str(v).strip().replace("\u00a0", "").replace("，", ",")
    pct = text.endswith("%")
    core = text[:-1].strip() if pct else text
    if _NUMBER.match(core) and any(ch.isdigit() for ch in core):
        value = float(core.replace(",", ""))
        return value / 100.0 if pct else value
    raise InputError(f"{what} '{text}' is not a number.")


def is_numberlike(v) -> bool:
    if _blank(v):
        return False
    try:
        number(v)
        return True
    except InputError:
        return False


def single(v, what: str = "this argument"):
    """The value of a one-cell argument; a range of several cells is an error."""
    if isinstance(v, (list, tuple)):
        cells = [c for r in as_rows(v) for c in r]
        if len(cells) == 1:
            return cells[0]
        raise InputError(f"{what} takes one cell, but a range of {len(cells)} cells was given.")
    return v


def labelish(v) -> bool:
    """A cell that reads as a label: text that is not a number, or a code with a leading zero ("01")."""
    if _blank(v) or isinstance(v, (bool, np.bool_, _dt.date, _dt.datetime)):
        return False  # TRUE/FALSE and dates are (bad) values, never labels or headers
    if isinstance(v, str) and re.match(r"^\s*0\d", v):
        return True
    return not is_numberlike(v)


def text(v, what: str = "a label cell") -> str:
    v = single(v)
    _refuse_error(v, what)
    if _blank(v):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # 2017.0 typed as a year or code → "2017"
    return str(v).strip()


def _labelled_both_sides(rows: list[list]) -> bool:
    """An (n+1) × (n+1) block with an empty corner and full first row and column: labels on both sides.

    Numeric sector codes count as labels only this way. A corner of 0 (an empty cell under
    Office.js) is taken as empty only when the first row and column hold the same codes in the
    same order, as an IO table's labels do; a data row and column never match like that.
    """
    if not (len(rows) > 1 and len(rows) == len(rows[0])):
        return False
    if not (all(not _blank(v) for v in rows[0][1:]) and all(not _blank(r[0]) for r in rows[1:])):
        return False
    if _blank(rows[0][0]):
        return True
    return empty(rows[0][0]) and [text(v) for v in rows[0][1:]] == [text(r[0]) for r in rows[1:]]


def labelled_matrix(values, what: str = "Z") -> pd.DataFrame:
    """A square numeric block, with sector labels in the first row and column when present.

    Blank cells inside the block count as 0 (IO tables leave zero flows blank).
    """
    rows = trim(as_rows(values))
    if not rows:
        raise InputError(f"{what} is empty; select the matrix (optionally with its label row and column).")
    if _labelled_both_sides(rows):
        has_row_labels = has_col_labels = True
    else:
        has_row_labels = any(labelish(r[0]) for r in rows[1:]) or (
            len(rows) > 1 and empty(rows[0][0]) and any(labelish(v) for v in rows[0][1:]))
        has_col_labels = any(labelish(v) for v in rows[0][1 if has_row_labels else 0:])
    # a labelled selection taken too generously: its extra rows and columns are empty, labels included
    rows = strip_edges(rows, rows_too=has_row_labels, cols_too=has_col_labels)
    body = rows[1:] if has_col_labels else rows
    col_labels = [text(v) for v in rows[0][1 if has_row_labels else 0:]] if has_col_labels else None
    row_labels = [text(r[0]) for r in body] if has_row_labels else None
    data = [[number(v, blank=0.0, what=f"{what} cell") for v in (r[1:] if has_row_labels else r)] for r in body]
    n_rows, n_cols = len(data), len(data[0]) if data else 0
    if n_rows != n_cols:
        raise InputError(f"{what} must be square (n × n sectors); the selection holds {n_rows} rows and {n_cols} "
                         "columns of numbers. Select exactly the flows, with or without one label row and column.")
    labels = row_labels or col_labels or [str(i + 1) for i in range(n_rows)]
    if row_labels and col_labels and row_labels != col_labels:
        raise InputError(f"{what}: row labels and column labels differ; an IO table has the same sectors on both.")
    out = pd.DataFrame(data, index=labels, columns=labels)
    out.attrs["labelled"] = bool(row_labels or col_labels)
    return out


def labelled_vector(values, what: str, blank=0.0) -> pd.Series:
    """A row or column of numbers, with labels in the first column (or row) when present."""
    rows = trim(as_rows(values))
    if not rows:
        raise InputError(f"{what} is empty.")
    if len(rows) == 1 and len(rows[0]) > 2:  # a single row: transpose
        rows = [[v] for v in rows[0]]
    if rows and len(rows[0]) > 2 and any(labelish(r[0]) for r in rows):
        rows = strip_edges(rows, rows_too=False)  # label, value and empty-like columns beyond
    if rows and all(len(r) == 2 for r in rows) and any(labelish(r[0]) for r in rows):
        rows = strip_edges(rows, cols_too=False)  # trailing label-less, value-less rows
        # label, value pairs (maybe under a header row)
        if isinstance(rows[0][1], str) and labelish(rows[0][1]) and not excel_error(rows[0][1]):
            rows = rows[1:]
        return pd.Series([number(r[1], blank=blank, what=f"{what} for {text(r[0])}") for r in rows],
                         index=[text(r[0]) for r in rows], name=what)
    if any(len(r) != 1 for r in rows):
        raise InputError(f"{what} must be one column (or one row) of numbers, optionally with labels beside it.")
    cells = [r[0] for r in rows]
    if cells and labelish(cells[0]):
        cells = cells[1:]  # a header cell
    return pd.Series([number(v, blank=blank, what=what) for v in cells], name=what)


def frame(values, what: str = "table", keys=()) -> pd.DataFrame:
    """A table whose first row holds column names; numeric text stays text for the core to parse.

    Rows and edge columns whose cells are all empty-like are blank. ``keys`` name text-keyed
    columns (period, category …) in which an empty-like cell is blank (None), never the key 0.
    """
    rows = strip_edges(trim(as_rows(values)))
    if len(rows) < 2:
        raise InputError(f"{what} needs a header row and at least one data row.")
    header = ["" if empty(v) else text(v, f"{what} header") for v in rows[0]]
    if any(h == "" for h in header):
        raise InputError(f"{what}: every column needs a name in the first row (blank header in column "
                         f"{header.index('') + 1}).")
    repeated = sorted({h for h in header if header.count(h) > 1})
    if repeated:
        raise InputError(f"{what}: column name(s) {', '.join(repeated)} appear more than once in the header row.")
    body = [r for r in rows[1:] if not all(empty(v) for v in r)]
    for i, r in enumerate(body, start=2):
        for j, v in enumerate(r):
            _refuse_error(v, f"{what}, row {i} column '{header[j]}'")
    keyed = {k.strip().lower() for k in keys if k}
    data = {h: [(None if _blank(r[j]) or (h.strip().lower() in keyed and empty(r[j])) else r[j]) for r in body]
            for j, h in enumerate(header)}
    return pd.DataFrame(data)


def numeric_frame(values, what: str = "table", keys=()) -> pd.DataFrame:
    """Like :func:`frame`, with numeric text turned into numbers where a whole column allows it."""
    df = frame(values, what, keys)
    for c in df.columns:
        if all(is_numberlike(v) for v in df[c]):
            df[c] = [number(v) for v in df[c]]
    return df


def pairs(values, what: str, second: str = "target") -> list[tuple[str, str]]:
    """Two columns (source, target) as text pairs, skipping a header row of names."""
    rows = [r for r in strip_edges(trim(as_rows(values))) if not all(empty(v) for v in r)]
    if not rows or any(len(r) < 2 for r in rows):
        raise InputError(f"{what} must be two columns: code and target.")
    # text-keyed on both sides: an empty-like cell (None, "" or an Office.js 0) is empty, never a key "0"
    out = [("" if empty(r[0]) else text(r[0]), "" if empty(r[1]) else text(r[1])) for r in rows]
    start = 0
    if out and out[0][0].lower() in ("source", "from", "code", "sector", "源", "部门", "代码"):
        start = 1
    for i, (a, b) in enumerate(out[start:], start=start + 1):
        if not a or not b:
            side = "code (first column)" if not a else f"{second} (second column)"
            raise InputError(f"row {i} of {what} has an empty {side}; fill every row (merged cells in Excel leave "
                             "blanks).", code="empty-cell")
    return out[start:]


def text_list(value) -> list[str]:
    """A comma-separated cell or a range of cells as a list of non-blank strings."""
    cells = [v for r in as_rows(value) for v in r] if isinstance(value, (list, tuple)) else [value]
    return [t.strip() for v in cells if not empty(v) for t in re.split(r"[,，;；]", text(v)) if t.strip()]


def flag(value, default: bool) -> bool:
    """TRUE/FALSE (or the text true/false, yes/no, 是/否, 1/0); an empty-like cell, the number 0 included,
    gives ``default`` — Office.js may pass an empty cell as 0, so type FALSE to turn an option off."""
    value = single(value, "a TRUE/FALSE argument")
    if empty(value):
        return default
    if isinstance(value, bool):
        return value
    t = text(value).lower()
    if t in ("true", "1", "yes", "y", "是", "t"):
        return True
    if t in ("false", "0", "no", "n", "否", "f"):
        return False
    raise InputError(f"'{value}' is not TRUE or FALSE.")


def optional_int(value, what: str):
    """A whole number (a year), or None for an empty-like cell (0 is never a year)."""
    value = single(value, what)
    if empty(value):
        return None
    v = number(value, what=what)
    if not float(v).is_integer():
        raise InputError(f"{what} must be a whole number, got {v}.")
    return int(v)


def optional_text(value):
    """Text of an optional argument, or None for an empty-like cell (0 names no option, unit or column)."""
    value = single(value)
    return None if empty(value) else text(value)


# ------------------------------------------------------------------ results
def cell(v):
    """A Python value as something Excel shows: NaN/None → "", numpy → float."""
    if v is None:
        return ""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        f = float(v)
        return "" if math.isnan(f) else ("Inf" if math.isinf(f) and f > 0 else "-Inf" if math.isinf(f) else f)
    return str(v)


#: Column keys shown in words in a spilled table's header (other keys: underscores become spaces).
HEADER_WORDS = {"name_en": "name", "name_zh": "名称"}


def header_words(label) -> str:
    """A column key as people read it: ``for_local_final_demand`` → ``for local final demand``."""
    text = str(label)
    if text in HEADER_WORDS:
        return HEADER_WORDS[text]
    return text.replace("_", " ") if text.isascii() and text.replace("_", "").isalnum() else text


def table_out(df: pd.DataFrame, header: bool = True, index: bool = True, index_label: str | None = None) -> list[list]:
    """A DataFrame as rows for a spilled array, with a header row in words and the index as first column."""
    rows = []
    if header:
        first = [index_label if index_label is not None else header_words(df.index.name or "")] if index else []
        rows.append(first + [header_words(c) for c in df.columns])
    for idx, r in zip(df.index, df.itertuples(index=False)):
        label = [cell(idx if not isinstance(idx, tuple) else " / ".join(map(str, idx)))] if index else []
        rows.append(label + [cell(v) for v in r])
    return rows


def with_warnings(rows, notes: list[str]) -> list[list]:
    """A spilled result with one "Warning: …" row per warning below it (cells padded to the width)."""
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], list):
        rows = [[rows]]
    width = max(len(r) for r in rows)
    return rows + [["Warning: " + " ".join(n.split())[:1000]] + [""] * (width - 1) for n in notes]


def error_text(exc: BaseException) -> str:
    """One readable line for a cell: the message of a known error, the type for anything else."""
    if isinstance(exc, CarbonError):  # the message, then its stable code to key on (=ISNUMBER(SEARCH("[year-mismatch]", A1)))
        return "Error: " + " ".join(str(exc).split())[:1000] + f" [{exc.code}]"
    msg = f"unexpected {type(exc).__name__}: {exc}. Please report this with the inputs that caused it."
    return "Error: " + " ".join(msg.split())[:1000]
