"""Office.js cell semantics (xlwings Lite on the Mac and the web): an empty cell may arrive as None
(classic COM xlwings), "" or 0. Every worksheet function must give the classic result in each form.

The classic result is computed through xlwings' own Windows call path (tests/xlwings_standins.py);
the Office.js forms call our functions with the values an Office.js host hands over: ranges as
lists of rows, empty cells replaced by the form under test. xlwings' Office.js runtime itself
(under xlwings/pro, licensed separately) is not used.
"""

from __future__ import annotations

import inspect

import pytest

from addin import carbon_udfs as U
from addin import excel as xl
from test_addin import CALLS
from xlwings_standins import call, windows_standins

FORMS = [None, "", 0]


def _is_range(a) -> bool:
    return isinstance(a, (list, tuple)) and bool(a) and all(isinstance(r, (list, tuple)) for r in a)


def _labelled(a) -> bool:
    """A range whose first column holds labels or keys: its empty edge rows and columns are not data."""
    return any(xl.labelish(r[0]) for r in a) if a and len(a[0]) > 1 else False


def _office(a, blank, generous: bool):
    """An argument as an Office.js host passes it: rows as lists, every empty cell as ``blank``.

    ``generous``: a labelled or text-keyed range gains one empty row and one empty column, as when
    a user selects more than the table (classic hosts trim these as blanks).
    """
    if a is None:
        return blank
    if not _is_range(a):
        return a
    rows = [[blank if v is None else v for v in r] for r in a]
    if generous and _labelled(a):
        rows = [r + [blank] for r in rows] + [[blank] * (len(rows[0]) + 1)]
    return rows


def _classic(a, generous: bool):
    if _is_range(a) and generous and _labelled(a):
        return tuple(tuple(r) + (None,) for r in a) + ((None,) * (len(a[0]) + 1),)
    return a


def _as_rows(result):
    return result if isinstance(result, list) else [[result]]


@pytest.fixture(scope="module")
def xlw():
    with windows_standins() as pair:
        yield pair


def _cases():
    for name in sorted(CALLS):
        for generous in (False, True):
            yield pytest.param(name, generous, id=f"{name}{'-generous' if generous else ''}")


@pytest.mark.parametrize("name,generous", list(_cases()))
@pytest.mark.parametrize("blank", FORMS, ids=["None", "empty-text", "zero"])
def test_every_function_agrees_across_blank_forms(xlw, name, generous, blank):
    udfs, _ = xlw
    args = CALLS[name]
    n = len(inspect.signature(getattr(U, name)).parameters)
    classic = _as_rows(call(udfs, name, *[_classic(a, generous) for a in args]))
    assert not any(isinstance(v, str) and v.startswith("Error:") for r in classic for v in r), classic
    # the call table's own empty cells in the blank form, and every optional argument left out
    # of the call passed as a reference to an empty cell
    office = [_office(a, blank, generous) for a in args] + [blank] * (n - len(args))
    assert _as_rows(getattr(U, name)(*office)) == classic


# ----------------------------------------------------------- the rules, one by one
LINES = [["period", "entity", "category", "activity", "quantity", "unit"],
         [2020, "A", "combustion", "柴油", 10.0, "t"],
         [2020, "B", "combustion", "天然气", 1000.0, "m3"],
         [None, None, None, None, None, None]]


@pytest.mark.parametrize("blank", FORMS[1:])
def test_inventory_blank_key_cells_and_trailing_rows(blank):
    classic = U.CARBON_INVENTORY(LINES)
    office = [[blank if v is None else v for v in r] for r in LINES]
    assert U.CARBON_INVENTORY(office) == classic
    assert len(classic) == 3 and not str(classic[0][0]).startswith("Error")
    # a blank key inside the table is refused with the same message, never read as the key 0
    holed = [r[:] for r in LINES]
    holed[2][1] = None
    refused = U.CARBON_INVENTORY(holed)
    assert refused[0][0].startswith("Error:") and "column 'entity' is blank" in refused[0][0]
    assert U.CARBON_INVENTORY([[blank if v is None else v for v in r] for r in holed]) == refused


def test_a_zero_quantity_is_data_not_blank():
    lines = [r[:] for r in LINES[:3]]
    lines[1][4] = 0.0
    out = U.CARBON_INVENTORY(lines)
    header = out[0]
    assert out[1][header.index("quantity")] == 0.0 and out[1][header.index("tCO2")] == 0.0
    assert len(out) == 3


NUMERIC_CODES = [[None, 1, 2], [1, 150.0, 500.0], [2, 200.0, 100.0]]


@pytest.mark.parametrize("blank", FORMS[1:])
def test_numeric_sector_codes_with_an_empty_corner(blank):
    classic = U.CARBON_LEONTIEF(NUMERIC_CODES, [[1000.0], [2000.0]])
    z = [r[:] for r in NUMERIC_CODES]
    z[0][0] = blank
    assert U.CARBON_LEONTIEF(z, [[1000.0], [2000.0]]) == classic
    assert classic[0] == ["", "1", "2"]


def test_a_zero_corner_of_plain_data_stays_data():
    # a 3 × 3 block of flows whose first row and column differ: the 0 is a flow, not an empty corner
    z = [[0.0, 10.0, 20.0], [30.0, 40.0, 50.0], [60.0, 70.0, 80.0]]
    out = U.CARBON_LEONTIEF(z, [[1000.0], [1000.0], [1000.0]], "A", False)
    assert len(out) == 3 and len(out[0]) == 3 and out[0][0] == 0.0


def test_numeric_matrices_keep_zero_as_data():
    z = [[150.0, 0.0], [200.0, 100.0]]
    out = U.CARBON_LEONTIEF(z, [[1000.0], [2000.0]], "A", False)
    assert out[0][1] == 0.0 and len(out) == 2
    # an unlabelled column's trailing 0 is a value: a third sector, so x no longer matches Z
    bad = U.CARBON_LEONTIEF(z, [[1000.0], [2000.0], [0.0]])
    assert bad[0][0].startswith("Error:")


@pytest.mark.parametrize("blank", FORMS)
def test_optional_arguments_from_empty_cells(blank):
    assert U.CARBON_FACTOR("天然气", "ncv", blank, blank, blank, blank, blank) == U.CARBON_FACTOR("天然气", "ncv")
    assert U.CARBON_INTENSITY([[10.0], [20.0]], [[100.0], [100.0]], blank, blank, blank) == \
        U.CARBON_INTENSITY([[10.0], [20.0]], [[100.0], [100.0]])
    table6 = CALLS["CARBON_STIRPAT"]
    assert U.CARBON_STIRPAT([list(r) for r in table6[0]], "co2", "output,energy", blank) == \
        U.CARBON_STIRPAT([list(r) for r in table6[0]], "co2", "output,energy")


@pytest.mark.parametrize("blank", FORMS)
def test_a_name_range_with_empty_cells(blank):
    out = U.CARBON_FACTOR([["柴油"], [blank], ["汽油"]], "ncv")
    assert out[1] == [""] and isinstance(out[0][0], float) and isinstance(out[2][0], float)


def test_flags_take_true_false_and_read_zero_as_empty():
    assert xl.flag(False, True) is False and xl.flag("FALSE", True) is False and xl.flag("0", True) is False
    assert xl.flag(0, True) is True and xl.flag(0.0, False) is False  # an empty cell under Office.js: the default
    assert xl.flag(1.0, False) is True


@pytest.mark.parametrize("blank", FORMS)
def test_lmdi_subcategory_defaults_and_none(blank):
    data = [list(r) for r in CALLS["CARBON_LMDI"][0]]
    data[0][1] = "subcategory"
    with_default = U.CARBON_LMDI(data, "output,intensity", "year", blank)
    assert with_default == U.CARBON_LMDI(data, "output,intensity", "year", "subcategory")
    assert not str(with_default[0][0]).startswith("Error")
    # "none": one sub-category per period, so the fuel rows collide and are refused
    no_sub = U.CARBON_LMDI(data, "output,intensity", "year", "none")
    assert no_sub[0][0].startswith("Error:")


def test_empty_like_definition():
    for v in (None, "", "  ", float("nan"), 0, 0.0):
        assert xl.empty(v)
    for v in (False, "0", 1, -0.5, "a", "#N/A"):
        assert not xl.empty(v)
    assert not xl.present([[None, 0], ["", 0.0]]) and xl.present([[None, 0], ["", 2.0]])
