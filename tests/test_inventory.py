"""Inventory accounting: the Ganzhou case against seed 003 Table 6, formulas, units, bad inputs."""

import numpy as np
import pandas as pd
import pytest

from carbon_cli.main import main
from carbon_core.accounting.benchmarks import compare_to_benchmark
from carbon_core.data.datasets import default_package_dir, load_package
from carbon_core.errors import InputError
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.accounting.inventory import InventoryChoices, compute_inventory, intensity, money_factor
from carbon_core.data.package_checks import validate_package

SEED003 = InventoryChoices(family="SEED003", coal_equivalent_family="SEED003", grid_record="SEED003-GRID-0.581")


@pytest.fixture(scope="module")
def lib():
    return FactorLibrary.load()


@pytest.fixture(scope="module")
def ganzhou():
    pkg = load_package("ganzhou-park-2020-2022")
    return pkg.read("activity"), pkg.read("table6").set_index("year")


def test_ganzhou_package_validates():
    assert validate_package(default_package_dir() / "ganzhou-park-2020-2022") == []
    assert validate_package(default_package_dir() / "sector-benchmarks") == []


def test_ganzhou_reproduces_table6_within_half_percent(lib, ganzhou):
    activity, table6 = ganzhou
    result = compute_inventory(activity, lib, SEED003)
    by_year = result.totals("period")
    for year in (2020, 2021, 2022):
        published = table6.loc[year, "co2_1e4t"] * 1e4
        assert by_year.loc[year, "tCO2"] == pytest.approx(published, rel=0.005)
        assert by_year.loc[year, "tce"] == pytest.approx(table6.loc[year, "energy_1e4tce"] * 1e4, rel=1e-6)
    share = result.energy_structure().xs("electricity", level="activity_id")["share (%)"]
    np.testing.assert_allclose(share.to_numpy(), table6["electricity_share_pct"].to_numpy(), atol=1e-3)
    # intensity in t per 10^4 yuan with output in 10^8 yuan, as seed 003 reports it: 88.87/707 etc.
    r = intensity(by_year["tCO2"], "t", table6["output_1e8yuan"], "亿元", "t/10^4 yuan")
    expected = table6["co2_1e4t"].to_numpy() / table6["output_1e8yuan"].to_numpy()
    np.testing.assert_allclose(r, expected, rtol=0.005)
    assert expected[0] == pytest.approx(0.1257, abs=1e-4)


def test_line_formulas_and_provenance(lib):
    act = pd.DataFrame({"period": [2022] * 3, "category": ["combustion", "electricity", "heat"],
                        "activity": ["柴油", "电力", "热力"], "quantity": [10.0, 1000.0, 100.0], "unit": ["t", "MWh", "GJ"]})
    res = compute_inventory(act, lib, InventoryChoices(grid_year=2022, grid_region="广东"))
    d = res.lines.set_index("category")
    ncv = lib.fuel_parameter("柴油", "ncv")
    cc = lib.fuel_parameter("柴油", "carbon_content_per_heat")
    ox = lib.fuel_parameter("柴油", "oxidation_rate")
    expected = 10 * ncv.value / 1000 * cc.value * ox.value / 100 * 44 / 12  # t × GJ/t → TJ × tC/TJ × OF × 44/12
    assert d.loc["combustion", "tCO2"] == pytest.approx(expected, rel=1e-12)
    assert d.loc["combustion", "ncv_record"] == ncv.record_id and d.loc["combustion", "scope"] == 1
    assert d.loc["combustion", "carbon_content_record"] == cc.record_id
    assert d.loc["electricity", "tCO2"] == pytest.approx(1000 * 0.4403, rel=1e-12)
    assert d.loc["electricity", "factor_record"] == "GRID-2022-PROV-GUANGDONG" and d.loc["electricity", "scope"] == 2
    assert d.loc["electricity", "tce"] == pytest.approx(1000 * 1000 * 0.1229 / 1000, rel=1e-12)
    assert d.loc["heat", "tCO2"] == pytest.approx(100 * 0.11, rel=1e-12)
    assert d.loc["heat", "tce"] == pytest.approx(100 * 1000 * 0.03412 / 1000, rel=1e-12)
    assert res.choices["grid factor used"] == "GRID-2022-PROV-GUANGDONG = 0.4403 kgCO2/kWh"


def test_chinese_units_and_user_factor_and_non_co2(lib):
    act = pd.DataFrame({
        "period": ["2023"] * 4, "category": ["electricity", "combustion", "process", "other"],
        "activity": ["外购电力", "天然气", "熟料", "甲烷逸散"], "quantity": [10, 5, 1000, 2],
        "unit": ["万千瓦时", "万立方米", "吨", "吨"], "gas": ["", "", "CO2", "CH4"],
        "factor": ["0.5", "", "0.52", "1"], "factor_unit": ["tCO2/MWh", "", "tCO2/t", "t/t"],
    })
    res = compute_inventory(act, lib, InventoryChoices(gwp_report="SAR"))
    d = res.lines.set_index("category")
    assert d.loc["electricity", "tCO2"] == pytest.approx(100 * 0.5)  # 10 万千瓦时 = 100 MWh
    assert d.loc["electricity", "factor_record"] == "user"
    gas = lib.fuel_parameter("天然气", "ncv")
    assert d.loc["combustion", "heat_GJ"] == pytest.approx(5 * gas.value * (1e4 / 1e4 if "10^4" in gas.unit else 1e4))
    assert d.loc["process", "tCO2e"] == pytest.approx(520.0) and d.loc["process", "scope"] == 1
    assert d.loc["other", "tCO2"] == 0 and d.loc["other", "tCO2e"] == pytest.approx(2 * 21)
    assert d.loc["other", "gwp_record"] == "GWP-CH4-SAR"


def test_correction_lines_may_be_negative(lib):
    act = pd.DataFrame({"period": [1, 1], "category": ["combustion"] * 2, "activity": ["diesel"] * 2,
                        "quantity": [10, -2], "unit": ["t", "t"], "correction": ["", "true"]})
    res = compute_inventory(act, lib)
    assert res.lines["tCO2"].iloc[1] == pytest.approx(-0.2 * res.lines["tCO2"].iloc[0])


@pytest.mark.parametrize("row,choices,message", [
    ({"activity": "柴由", "unit": "t"}, None, "unknown fuel '柴由'. Did you mean: "),
    ({"activity": "柴油", "unit": "kWh"}, None, "unit 'kWh' has the wrong dimension"),
    ({"activity": "柴油", "unit": "t", "quantity": -1}, None, "negative quantity on line(s) 2"),
    ({"activity": "电力", "unit": "kWh", "category": "electricity"}, InventoryChoices(grid_year=2019, grid_region="广东"),
     "available years: 2021, 2022, 2023"),
    ({"activity": "电力", "unit": "kWh", "category": "electricity"}, InventoryChoices(), "choose the electricity factor"),
    ({"activity": "柴油", "unit": "t", "category": "burning"}, None, "unknown categor"),
    ({"activity": "熟料", "unit": "t", "category": "process"}, None, "process lines need an emission factor"),
    ({"activity": "柴油", "unit": "t", "quantity": "abc"}, None, "not a number on line(s) 2"),
    ({"activity": "coke", "unit": "t"}, InventoryChoices(family="SEED003"), "is not in family SEED003"),
])
def test_bad_inventory_inputs(lib, row, choices, message):
    # every message names the line and, for names, offers suggestions (checked in the factor tests)
    line = {"period": 2022, "category": "combustion", "quantity": 1.0, **row}
    with pytest.raises(InputError) as err:
        compute_inventory(pd.DataFrame([line]), lib, choices)
    assert message in str(err.value)


def test_intensity_units():
    assert intensity([88.87e4], "t", [707], "亿元", "t/10^4 yuan")[0] == pytest.approx(88.87 / 707)
    assert intensity([88.87], "10^4 t", [707e4], "万元", "t/万元")[0] == pytest.approx(88.87 / 707)
    assert money_factor("10^8 yuan") == 1e8
    with pytest.raises(InputError, match="unknown money unit"):
        intensity([1], "t", [1], "dollars", "t/万元")


def test_benchmark_comparison():
    r = compare_to_benchmark(55, "kWh/t", "BM-CEM-CLK-ELEC")
    assert (r["benchmark_low"], r["benchmark_high"], r["position"]) == (48, 61, "within")
    r = compare_to_benchmark(0.52, "tCO2/t", "BM-CEM-CLK-PROCESS")
    assert r["position"] == "above" and r["difference_from_benchmark_pct"] == pytest.approx(100 * (520 / 480 - 1))
    assert compare_to_benchmark(251, "kgce/t", "BM-STEEL-ENERGY-DE")["position"] == "equal"
    with pytest.raises(InputError, match="different things"):
        compare_to_benchmark(1, "kWh", "BM-CEM-CLK-ELEC")
    with pytest.raises(InputError, match="did you mean BM-CEM-CLK-ELEC"):
        compare_to_benchmark(1, "kWh/t", "BM-CEM-CLK-ELE")


def test_inventory_cli_reproduces_table6(capsys, tmp_path):
    path = default_package_dir() / "ganzhou-park-2020-2022" / "activity.csv"
    argv = ["inventory", str(path), "--family", "SEED003", "--ce-family", "SEED003", "--grid-record",
            "SEED003-GRID-0.581", "--output-value", "2020=707", "--output-value", "2021=954.7",
            "--output-value", "2022=1162"]
    assert main(argv + ["--format", "csv", "--output", str(tmp_path / "inv.csv")]) == 0
    out = pd.read_csv(tmp_path / "inv.csv")
    per = out[out["row_type"] == "total by period"].set_index("period")["tCO2"]
    np.testing.assert_allclose(per.to_numpy(), [888700, 975000, 1006000], rtol=0.005)
    assert (out["row_type"] == "line").sum() == 9
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "0.1256" in text and "SEED003-GRID-0.581" in text and "Energy structure" in text
    assert main(argv + ["--output", str(tmp_path / "inv.xlsx")]) == 0
    assert main(["inventory", str(path)]) == 1
    assert "choose the electricity factor" in capsys.readouterr().err


def test_unknown_fuel_on_a_line_suggests_the_right_fuel(lib):
    line = {"period": 2022, "category": "combustion", "activity": "柴由", "quantity": 1.0, "unit": "t"}
    with pytest.raises(InputError) as err:
        compute_inventory(pd.DataFrame([line]), lib)
    assert "line(s) 2" in str(err.value) and "柴油 / diesel" in str(err.value)
