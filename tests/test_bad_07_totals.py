"""Class 7: totals rows and columns (合计, 总计, Total) left in an exported table are not sectors."""

import numpy as np
import pandas as pd
import pytest

from carbon_core.drivers.lmdi import decompose
from carbon_core.errors import InputError
from carbon_core.io.aggregation import aggregate_matrix
from carbon_core.io.hem import extraction_table
from conftest import one_error_line

Z3 = np.array([[10.0, 20, 5], [15, 40, 10], [5, 10, 20]])
X3 = np.array([100.0, 200.0, 150.0])
E3 = np.array([1.0, 8.0, 2.0])


def with_totals(Z, x):
    n = Z.shape[0]
    out = np.zeros((n + 1, n + 1))
    out[:n, :n] = Z
    out[n, :n] = Z.sum(axis=0)
    out[:n, n] = Z.sum(axis=1)
    out[n, n] = Z.sum()
    return out, np.append(x, x.sum())


@pytest.mark.parametrize("label", ["合计", "总计", "Total", " TOTAL ", "小计"])
def test_totals_label_is_refused(label):
    labels = ["a", "b", "c", label]
    Zt, xt = with_totals(Z3, X3)
    with pytest.raises(InputError, match="totals row or column"):
        extraction_table(pd.DataFrame(Zt, index=labels, columns=labels), xt, np.append(E3, E3.sum()))


def test_unlabelled_totals_row_and_column_are_detected():
    Zt, xt = with_totals(Z3, X3)
    with pytest.raises(InputError, match="sums of the other rows and columns"):
        extraction_table(Zt, xt, np.append(E3, E3.sum()))


def test_rounded_export_totals_are_detected():
    Zt, xt = with_totals(Z3 * 1.2345678, X3)
    Zt = np.round(Zt, 4)
    with pytest.raises(InputError, match="totals row and column"):
        extraction_table(Zt, np.round(xt, 4), np.append(E3, 1.0))


def test_a_real_sector_is_not_mistaken_for_totals():
    # the last sector's row equals the sum of the others, but its column does not
    Z = np.array([[1.0, 2, 3], [4, 5, 6], [5, 7, 2]])
    t = extraction_table(Z, [50.0, 60.0, 70.0], [1.0, 1.0, 1.0])
    assert t.shape == (3, 10)


def test_aggregation_refuses_totals_label():
    labels = ["01", "02", "合计"]
    with pytest.raises(InputError, match="totals"):
        aggregate_matrix(pd.DataFrame(np.eye(3), index=labels, columns=labels), {"01": "A", "02": "A", "合计": "A"})


def test_inventory_totals_line_is_refused(library):
    from carbon_core.accounting.inventory import compute_inventory

    act = pd.DataFrame({"period": ["2023"] * 2, "category": ["process"] * 2, "activity": ["熟料", "合计"],
                        "quantity": [1.0, 1.0], "unit": ["t"] * 2, "factor": [0.5, 0.5], "factor_unit": ["tCO2/t"] * 2})
    with pytest.raises(InputError, match="line\\(s\\) 3 are totals rows"):
        compute_inventory(act, library)


def test_lmdi_totals_subcategory_is_refused():
    data = pd.DataFrame({"period": [1, 1, 2, 2], "subcategory": ["a", "Total", "a", "Total"], "x": [1.0, 1, 2, 2]})
    with pytest.raises(InputError, match="totals row"):
        decompose(data, ["x"])


def test_cli_hem_with_totals_in_csv(cli, tmp_path):
    labels = ["a", "b", "c", "合计"]
    Zt, xt = with_totals(Z3, X3)
    pd.DataFrame(Zt, index=labels, columns=labels).to_csv(tmp_path / "Z.csv")
    pd.Series(xt, index=labels, name="x").to_csv(tmp_path / "x.csv")
    pd.Series(np.append(E3, E3.sum()), index=labels, name="e").to_csv(tmp_path / "e.csv")
    code, _, err = cli("hem", "--Z", tmp_path / "Z.csv", "--x", tmp_path / "x.csv", "--e", tmp_path / "e.csv")
    assert code == 1 and one_error_line(err) and "合计" in err


def test_worksheet_with_totals_row_and_column():
    from addin import carbon_udfs as U

    Zt, xt = with_totals(Z3, X3)
    out = U.CARBON_LEONTIEF(Zt.tolist(), [[v] for v in xt])
    assert out[0][0].startswith("Error:") and "totals" in out[0][0]
