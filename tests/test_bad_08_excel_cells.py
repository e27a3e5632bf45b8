"""Class 8: Excel error cells, TRUE/FALSE and dates inside numeric ranges are errors, not 0, 1 or serials."""

import datetime as dt

import pytest

from addin import carbon_udfs as U
from addin import excel as xl
from carbon_core.errors import InputError
from xlwings_standins import CELL_ERRORS, call, windows_standins

Z = [[None, "a", "b"], ["a", 150, 500], ["b", 200, 100]]
X = [["a", 1000], ["b", 2000]]
E = [["a", 10], ["b", 20]]


@pytest.mark.parametrize("bad", ["#N/A", "#DIV/0!", "#VALUE!", "#REF!", " #n/a "])
def test_error_cell_in_a_matrix(bad):
    z = [r[:] for r in Z]
    z[2][1] = bad
    out = U.CARBON_LEONTIEF(z, X)
    assert out[0][0].startswith("Error:") and "Excel error" in out[0][0]


@pytest.mark.parametrize("bad,word", [(True, "TRUE/FALSE"), (dt.datetime(2023, 1, 1), "date")])
def test_booleans_and_dates_in_numeric_ranges(bad, word):
    for args in ((Z, [["a", bad], ["b", 2000]]), ([[None, "a", "b"], ["a", bad, 500], ["b", 200, 100]], X)):
        out = U.CARBON_LEONTIEF(*args)
        assert out[0][0].startswith("Error:") and word in out[0][0]
    out = U.CARBON_HEM(Z, X, [["a", bad], ["b", 20]])
    assert out[0][0].startswith("Error:") and word in out[0][0]


@pytest.mark.parametrize("bad,word", [(True, "TRUE/FALSE"), (dt.date(2023, 1, 1), "date"), ("#N/A", "Excel error")])
def test_inventory_quantity_cells(bad, word):
    rows = [["period", "category", "activity", "quantity", "unit"], ["2023", "combustion", "柴油", bad, "t"]]
    out = U.CARBON_INVENTORY(rows)
    assert out[0][0].startswith("Error:") and word in out[0][0]


def test_lmdi_and_stirpat_boolean_cells():
    data = [["period", "subcategory", "x"], [2020, "a", 1.0], [2021, "a", True]]
    out = U.CARBON_LMDI(data, "x")
    assert out[0][0].startswith("Error:") and "TRUE/FALSE" in out[0][0]
    data = [["co2", "pop"], [1.0, 2.0], [2.0, True], [3.0, 5.0], [4.0, 7.0]]
    out = U.CARBON_STIRPAT(data, "co2", "pop")
    assert out[0][0].startswith("Error:") and "TRUE/FALSE" in out[0][0]


def test_error_in_a_label_or_scalar_argument():
    out = U.CARBON_HEM(Z, X, [["#N/A", 10], ["b", 20]])
    assert out[0][0].startswith("Error:") and "#N/A" in out[0][0]
    assert U.CARBON_TCE("电力", "#DIV/0!", "kWh").startswith("Error:")
    with pytest.raises(InputError, match="Excel error #NAME\\?"):
        xl.number("#NAME?")


def test_only_truly_empty_cells_are_blank():
    assert xl.number(None, blank=0.0) == 0.0 and xl.number("  ", blank=0.0) == 0.0
    z = [[None, "a", "b"], ["a", 150, None], ["b", 200, 100]]  # IO tables leave zero flows blank
    assert U.CARBON_LEONTIEF(z, X, "A")[1][2] == 0.0


def test_xlwings_passes_error_cells_as_text_to_our_functions():
    """Through xlwings' real call path an error cell (a COM error code) must not arrive as None (blank)."""
    code = next(k for k, v in CELL_ERRORS.items() if v == "#N/A")
    with windows_standins() as (udfs, _):
        out = call(udfs, "CARBON_LEONTIEF", [[None, "a", "b"], ["a", 150, code], ["b", 200, 100]], X)
    assert out[0][0].startswith("Error:") and "#N/A" in out[0][0]
