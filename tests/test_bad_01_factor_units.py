"""Class 1: units of user factors — carbon mass and CO2 mass are different quantities."""

import pandas as pd
import pytest

from carbon_core.accounting.benchmarks import compare_to_benchmark
from carbon_core.accounting.inventory import compute_inventory
from carbon_core.accounting.units import C_TO_CO2, conversion_factor, substance
from carbon_core.errors import InputError
from conftest import one_error_line


def line(**kw):
    base = {"period": "2023", "category": "combustion", "activity": "柴油", "quantity": 10.0, "unit": "t"}
    return pd.DataFrame([{**base, **kw}])


def test_substance_is_read_from_the_numerator():
    assert substance("tC/TJ") == "C" and substance("kgCO2/kWh") == "CO2" and substance("t/t") is None
    assert substance("tCO2e/t") == "CO2e" and substance("kg CH4/TJ") == "CH4" and substance("吨二氧化碳/吨") == "CO2"
    with pytest.raises(InputError, match="several substances"):
        substance("tCO2 tC/t")


def test_conversion_keeps_carbon_and_co2_apart():
    assert conversion_factor("tC/t", "tCO2/t") == pytest.approx(44 / 12)
    assert conversion_factor("kgCO2/t", "tC/t") == pytest.approx(12 / 44 / 1000)
    for a, b in (("tCO2e/t", "tCO2/t"), ("tCH4/t", "tCO2/t")):
        with pytest.raises(InputError, match="cannot be converted"):
            conversion_factor(a, b)


def test_carbon_factor_per_heat_is_converted_and_said(library):
    co2 = compute_inventory(line(factor=74.1, factor_unit="tCO2/TJ"), library).lines.iloc[0]
    carbon = compute_inventory(line(factor=74.1 / C_TO_CO2, factor_unit="tC/TJ"), library).lines.iloc[0]
    assert carbon["tCO2"] == pytest.approx(co2["tCO2"], rel=1e-12)
    assert "44/12" in carbon["factor_record"] and carbon["factor_unit"] == "tC/TJ"


@pytest.mark.parametrize("cat,act,unit,funit", [
    ("combustion", "柴油", "t", "tC/t"), ("electricity", "电力", "MWh", "tC/MWh"), ("heat", "热力", "GJ", "tC/GJ"),
    ("process", "熟料", "t", "tC/t"),
])
def test_carbon_factor_on_every_co2_line_kind(library, cat, act, unit, funit):
    res = compute_inventory(line(category=cat, activity=act, unit=unit, quantity=3.0, factor=0.5, factor_unit=funit),
                            library).lines.iloc[0]
    assert res["tCO2"] == pytest.approx(3.0 * 0.5 * 44 / 12, rel=1e-12)


@pytest.mark.parametrize("funit,message", [
    ("t/t", "does not say whether it counts carbon or CO2"),
    ("tCO2e/t", "CO2-equivalent"),
    ("tCH4/t", "counts CH4, but the line's gas is CO2"),
])
def test_ambiguous_or_wrong_substance_on_co2_lines_is_refused(library, funit, message):
    with pytest.raises(InputError, match=message):
        compute_inventory(line(factor=3.1, factor_unit=funit), library)


def test_user_factor_must_fit_the_activity_dimension(library):
    with pytest.raises(InputError, match="wrong dimension"):
        compute_inventory(line(category="electricity", activity="电力", unit="MWh", factor=0.5, factor_unit="tCO2/t"),
                          library)


def test_benchmark_compares_carbon_with_co2_by_44_12():
    as_co2 = compare_to_benchmark(0.52, "tCO2/t", "BM-CEM-CLK-PROCESS")
    as_c = compare_to_benchmark(0.52 * 12 / 44, "tC/t", "BM-CEM-CLK-PROCESS")
    assert as_c["your_value"] == pytest.approx(as_co2["your_value"], rel=1e-12)


def test_cli_inventory_refuses_plain_mass_on_co2_line(cli, tmp_path):
    f = tmp_path / "a.csv"
    f.write_text("period,category,activity,quantity,unit,factor,factor_unit\n2023,process,熟料,10,t,0.5,t/t\n",
                 encoding="utf-8")
    code, _, err = cli("inventory", f)
    assert code == 1 and one_error_line(err) and "carbon or CO2" in err


def test_worksheet_inventory_converts_carbon(library):
    from addin import carbon_udfs as U

    rows = [["period", "category", "activity", "quantity", "unit", "factor", "factor_unit"],
            ["2023", "process", "熟料", 10, "t", 0.12, "tC/t"]]
    out = U.CARBON_INVENTORY(rows)
    header = out[0]
    assert out[1][header.index("tCO2")] == pytest.approx(10 * 0.12 * 44 / 12)
    assert "44/12" in out[1][header.index("factor record")]  # keys in words in a spilled header
