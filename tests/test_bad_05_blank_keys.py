"""Class 5: a blank period, sector, sub-category or group name is refused with its row (or filled on request)."""

import pandas as pd
import pytest

from carbon_core.accounting.inventory import compute_inventory
from carbon_core.drivers.lmdi import decompose
from carbon_core.errors import InputError
from carbon_core.io.aggregation import aggregate_matrix
from carbon_core.io.hem import extraction_table
from conftest import one_error_line

ACT = pd.DataFrame({"period": ["2022", None, "2023"], "category": ["combustion"] * 3,
                    "activity": ["柴油", "柴油", "柴油"], "quantity": [1.0, 2.0, 3.0], "unit": ["t"] * 3})


def test_inventory_blank_period_names_the_row(library):
    with pytest.raises(InputError, match="column 'period' is blank on row\\(s\\) 3"):
        compute_inventory(ACT, library)


def test_inventory_fill_down_when_asked(library):
    res = compute_inventory(ACT, library, fill_down=("period",))
    assert list(res.lines["period"]) == ["2022", "2022", "2023"]
    assert res.totals("period").loc["2022", "tCO2"] == pytest.approx(3 * res.lines["tCO2"].iloc[0])


@pytest.mark.parametrize("column", ["activity", "unit", "category"])
def test_inventory_other_blank_keys(library, column):
    act = ACT.assign(period="2022")
    act.loc[1, column] = "  "
    with pytest.raises(InputError, match=f"'{column}' is blank on row\\(s\\) 3"):
        compute_inventory(act, library)


def test_inventory_partly_blank_entity(library):
    act = ACT.assign(period="2022", entity=["厂A", "", "厂A"])
    with pytest.raises(InputError, match="'entity' is blank on row\\(s\\) 3"):
        compute_inventory(act, library)


def test_lmdi_blank_period_and_subcategory():
    data = pd.DataFrame({"period": ["2020", None, "2021", None], "subcategory": ["a", "b", "a", "b"],
                         "x": [1.0, 2.0, 3.0, 4.0]})
    with pytest.raises(InputError, match="'period' is blank on row\\(s\\) 3, 5"):
        decompose(data, ["x"])
    filled = decompose(data, ["x"], fill_down=("period",))
    assert list(filled["V"].index) == ["2020", "2021"] and filled["V"].loc["2021"] == 7.0
    with pytest.raises(InputError, match="'subcategory' is blank on row\\(s\\) 4"):
        decompose(data.assign(period=["2020", "2020", "2021", "2021"], subcategory=["a", "b", "", "b"]), ["x"])


def test_group_with_blank_name_or_member():
    Z = pd.DataFrame([[1.0, 2, 0], [0, 1, 1], [1, 0, 2]], index=list("abc"), columns=list("abc"))
    x, e = [10.0, 10.0, 10.0], [1.0, 1.0, 1.0]
    with pytest.raises(InputError, match="blank name"):
        extraction_table(Z, x, e, groups={"": ["a"]})
    with pytest.raises(InputError, match="blank member"):
        extraction_table(Z, x, e, groups={"G": ["a", None]})


def test_concordance_with_blank_source():
    Z = pd.DataFrame([[1.0, 2], [3, 4]], index=["a", "b"], columns=["a", "b"])
    with pytest.raises(InputError, match="row 2 has no source sector"):
        aggregate_matrix(Z, [("a", "X"), (None, "X")])


def test_cli_lmdi_blank_period_and_fill_down(cli, tmp_path):
    f = tmp_path / "l.csv"
    f.write_text("period,subcategory,x\n2020,a,1\n,b,2\n2021,a,3\n2021,b,4\n", encoding="utf-8")
    code, _, err = cli("lmdi", f, "--factors", "x")
    assert code == 1 and one_error_line(err) and "row(s) 3" in err
    code, out, err = cli("lmdi", f, "--factors", "x", "--fill-down", "period")
    assert code == 0, err


def test_worksheet_inventory_blank_period():
    from addin import carbon_udfs as U

    rows = [["period", "category", "activity", "quantity", "unit"], ["2022", "combustion", "柴油", 1, "t"],
            [None, "combustion", "柴油", 2, "t"]]
    out = U.CARBON_INVENTORY(rows)
    assert out[0][0].startswith("Error:") and "blank on row(s) 3" in out[0][0]
