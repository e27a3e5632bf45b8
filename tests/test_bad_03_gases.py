"""Class 3: every line's CO2e goes through the chosen GWP set, or the line is refused."""

import pandas as pd
import pytest

from carbon_core.accounting.inventory import InventoryChoices, compute_inventory
from carbon_core.errors import InputError
from conftest import one_error_line


def frame(**kw):
    base = {"period": "2023", "category": "other", "activity": "逸散", "quantity": 2.0, "unit": "t"}
    return pd.DataFrame([{**base, **kw}])


@pytest.mark.parametrize("cat,act,unit", [("combustion", "柴油", "t"), ("electricity", "电力", "MWh"),
                                           ("heat", "热力", "GJ")])
def test_non_co2_gas_on_energy_lines_is_refused(library, cat, act, unit):
    with pytest.raises(InputError, match="compute CO2 only"):
        compute_inventory(frame(category=cat, activity=act, unit=unit, gas="CH4", factor=0.1, factor_unit="t/t"),
                          library, InventoryChoices(grid_year=2022))


def test_non_co2_gas_uses_the_chosen_gwp(library):
    for report, gwp in (("SAR", 21), ("AR5", library.gwp("CH4", "AR5").value)):
        r = compute_inventory(frame(gas="CH4", factor=1, factor_unit="tCH4/t"), library,
                              InventoryChoices(gwp_report=report)).lines.iloc[0]
        assert r["tCO2"] == 0 and r["tCO2e"] == pytest.approx(2 * gwp) and r["gwp_record"].startswith("GWP-CH4")


def test_co2e_factor_on_a_gas_line_is_refused(library):
    with pytest.raises(InputError, match="already include a GWP"):
        compute_inventory(frame(gas="CH4", factor=25, factor_unit="tCO2e/t"), library)


def test_unknown_gas_is_refused(library):
    with pytest.raises(InputError, match="unknown gas"):
        compute_inventory(frame(gas="XYZ", factor=1, factor_unit="t/t"), library)


def test_blank_gas_on_a_process_line_among_named_gases(library):
    lines = pd.concat([frame(gas="CH4", factor=1, factor_unit="t/t"), frame(gas="", factor=1, factor_unit="t/t")])
    with pytest.raises(InputError, match="gas' is blank on line\\(s\\) 3"):
        compute_inventory(lines.reset_index(drop=True), library)


def test_cli_methane_on_a_combustion_line(cli, tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("period,category,activity,quantity,unit,gas\n2023,combustion,柴油,10,t,CH4\n", encoding="utf-8")
    code, _, err = cli("inventory", f)
    assert code == 1 and one_error_line(err) and "compute CO2 only" in err
