"""Recalculate a workbook on Linux with the ``formulas`` package and the add-in functions.

Each CARBON_* function is registered under its Excel name. Arguments arrive from
``formulas`` as ranges (``Ranges``) or literals and are turned into what Excel passes
(rows of values, None for blank cells). The signature is bound first, so a formula with the
wrong number of arguments fails; the undecorated function is called, so an error fails the
recalculation instead of becoming text in a cell; an unknown function name fails in
``formulas`` itself.
"""

from __future__ import annotations

import inspect
import tempfile
from pathlib import Path

import numpy as np


def _excel_value(a):
    import formulas
    import schedula as sh

    if isinstance(a, formulas.ranges.Ranges):
        a = a.value
    if isinstance(a, np.ndarray):
        return [[_cell(v, sh) for v in row] for row in np.atleast_2d(a)]
    return _cell(a, sh)


def _cell(v, sh):
    if v is sh.EMPTY:
        return None
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (int, np.integer, np.floating)):
        return float(v)
    return v


def register_addin_functions() -> None:
    import formulas

    from addin import carbon_udfs

    table = formulas.get_functions()
    for name in carbon_udfs.REGISTRY:
        raw = getattr(carbon_udfs, name).__wrapped__
        sig = inspect.signature(raw)

        def fn(*args, _raw=raw, _sig=sig):
            values = [_excel_value(a) for a in args]
            _sig.bind(*values)
            out = _raw(*values)
            return np.array(out, dtype=object) if isinstance(out, list) else out

        table[name] = fn


EXCEL_ERRORS = {"#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}


class RecalculationError(AssertionError):
    """A workbook did not recalculate cleanly."""


def recalculate(path: Path) -> dict:
    """{(sheet, cell): value} of every cell after recalculation (formula cells recomputed).

    Raises RecalculationError when any cell ends in an Excel error (e.g. #NAME? for an
    unknown function) and lets a function's own error propagate.
    """
    import formulas
    import openpyxl

    register_addin_functions()
    model = formulas.ExcelModel().loads(str(path)).finish()
    solution = model.calculate()
    with tempfile.TemporaryDirectory() as tmp:
        written = model.write(dirpath=tmp, solution=solution)
        out = {}
        for fname in written:
            wb = openpyxl.load_workbook(Path(tmp) / fname, data_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows():
                    for c in row:
                        out[(ws.title.upper(), c.coordinate)] = c.value
    errors = {k: v for k, v in out.items() if isinstance(v, str) and v.strip() in EXCEL_ERRORS}
    if errors:
        raise RecalculationError(f"{len(errors)} cell(s) recalculate to Excel errors, e.g. {list(errors.items())[:5]}")
    return out


def formula_cells(path: Path) -> dict:
    """{(SHEET, cell): cached value} for every formula cell and every cell of a spilled range."""
    import openpyxl
    from openpyxl.worksheet.formula import ArrayFormula

    formulas_wb = openpyxl.load_workbook(path)
    values_wb = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in formulas_wb.worksheets:
        vs = values_wb[ws.title]
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, ArrayFormula):
                    for rng_row in ws[c.value.ref]:
                        for cc in (rng_row if isinstance(rng_row, tuple) else (rng_row,)):
                            out[(ws.title.upper(), cc.coordinate)] = vs[cc.coordinate].value
                elif isinstance(c.value, str) and c.value.startswith("="):
                    out[(ws.title.upper(), c.coordinate)] = vs[c.coordinate].value
    return out
