"""Class 2: a record id chosen for one purpose is refused for another."""

import pandas as pd
import pytest

from carbon_core.accounting.inventory import InventoryChoices, compute_inventory
from carbon_core.errors import InputError
from conftest import one_error_line

ELECTRICITY = pd.DataFrame([{"period": "2023", "category": "electricity", "activity": "电力", "quantity": 100.0,
                             "unit": "MWh"}])
HEAT = pd.DataFrame([{"period": "2023", "category": "heat", "activity": "热力", "quantity": 100.0, "unit": "GJ"}])


@pytest.mark.parametrize("record,kind", [
    ("HEAT-DEFAULT-0.11", "purchased-heat factor"),
    ("FUEL-SEED003-NG-ncv", "fuel parameter ncv"),
    ("GWP-CH4-SAR", "GWP of CH4"),
])
def test_grid_record_of_another_kind_is_refused(library, record, kind):
    with pytest.raises(InputError, match=f"record {record} is a {kind}.*not a grid electricity factor"):
        compute_inventory(ELECTRICITY, library, InventoryChoices(grid_record=record))


@pytest.mark.parametrize("record", ["SEED003-GRID-0.581", "FUEL-SEED003-NG-ncv"])
def test_heat_record_of_another_kind_is_refused(library, record):
    with pytest.raises(InputError, match="not a purchased-heat factor"):
        compute_inventory(HEAT, library, InventoryChoices(heat_record=record))


def test_right_kinds_are_accepted(library):
    e = compute_inventory(ELECTRICITY, library, InventoryChoices(grid_record="SEED003-GRID-0.581")).lines.iloc[0]
    h = compute_inventory(HEAT, library, InventoryChoices(heat_record="HEAT-DEFAULT-0.11")).lines.iloc[0]
    assert e["tCO2"] == pytest.approx(100 * 0.581) and h["tCO2"] == pytest.approx(100 * 0.11)


def test_cli_heat_record_as_grid_record(cli, tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("period,category,activity,quantity,unit\n2023,electricity,电力,100,MWh\n", encoding="utf-8")
    code, _, err = cli("inventory", f, "--grid-record", "HEAT-DEFAULT-0.11")
    assert code == 1 and one_error_line(err) and "not a grid electricity factor" in err


def test_worksheet_electricity_with_a_heat_record():
    from addin import carbon_udfs as U

    out = U.CARBON_ELECTRICITY(100, "MWh", None, None, None, "HEAT-DEFAULT-0.11")
    assert out.startswith("Error:") and "not a grid electricity factor" in out
