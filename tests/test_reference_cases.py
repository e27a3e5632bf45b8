"""IO results against published tables and derived reference values."""

import numpy as np
import pandas as pd
import pytest

from carbon_core import IOSystem
from carbon_core.io.hem import MEASURES, extraction_table, transfer_table
from conftest import DATA, load_case


def test_miller_blair_leontief_and_all_measures():
    case = load_case("tc1_miller_blair_2sector.json")
    i, d = case["inputs"], case["derived"]
    io = IOSystem(i["Z"], i["x"], labels=i["sectors"])
    np.testing.assert_allclose(io.A.to_numpy(), d["A"], rtol=1e-14)
    np.testing.assert_allclose(io.L.to_numpy(), d["L"], rtol=1e-13)
    np.testing.assert_allclose(io.y.to_numpy(), i["y"], rtol=1e-14)
    np.testing.assert_allclose(io.intensity(i["CO2"]).to_numpy(), d["w"], rtol=1e-14)
    table = extraction_table(i["Z"], i["x"], i["CO2"], labels=i["sectors"])
    assert list(table.columns) == MEASURES
    assert list(table.index) == i["sectors"]
    for measure in MEASURES:
        np.testing.assert_allclose(table[measure].to_numpy(), d[measure], rtol=1e-12, err_msg=measure)


def test_eurostat_germany_published_multipliers_to_4_decimals():
    case = load_case("tc2_eurostat_germany1995.json")
    i, pub = case["inputs"], case["published"]
    io = IOSystem(i["Z"], i["x_output"], labels=i["sectors"])
    np.testing.assert_allclose(io.y.to_numpy(), i["y_total"], atol=1e-6)
    assert np.round(io.L.sum(axis=0).to_numpy(), 4).tolist() == pub["L_column_sums"]
    assert np.round(np.diag(io.L.to_numpy())[:3], 4).tolist() == pub["L_diag_first3"]
    assert np.round(io.multipliers(i["gva"]).to_numpy(), 4).tolist() == pub["gva_multipliers"]
    assert np.round(io.multipliers(i["employment_domestic_total"]).to_numpy(), 4).tolist() == pub["employment_multipliers"]


@pytest.mark.parametrize("satellite,derived", [("employment_domestic_total", "derived_employment"), ("gva", "derived_gva")])
def test_eurostat_germany_derived_extraction(satellite, derived):
    case = load_case("tc2_eurostat_germany1995.json")
    i = case["inputs"]
    table = extraction_table(i["Z"], i["x_output"], i[satellite])
    for measure in MEASURES:
        if measure in case[derived]:
            np.testing.assert_allclose(table[measure].to_numpy(), case[derived][measure], rtol=1e-10, err_msg=measure)


def test_derived_csv_tables_agree_with_extraction():
    for case_file, csv_file, sat in [("tc1_miller_blair_2sector.json", "tc1_derived_single_sector.csv", "CO2"),
                                     ("tc2_eurostat_germany1995.json", "tc2_derived_single_sector.csv", "employment_domestic_total")]:
        i = load_case(case_file)["inputs"]
        expected = pd.read_csv(DATA / csv_file)
        table = extraction_table(i["Z"], i.get("x", i.get("x_output")), i[sat])
        for measure in MEASURES:
            np.testing.assert_allclose(table[measure].to_numpy(), expected[measure].to_numpy(), rtol=1e-10)


def test_seed000_table3_identities_hold_in_published_figures():
    """The seed's published Table 3 obeys the identities our measures are defined by."""
    t3 = pd.read_csv(DATA / "tc4_seed_table3_identities.csv")
    assert np.allclose(t3["IE"] + t3["ME"] + t3["NBL"], t3["VIC"], atol=0.02)
    assert np.allclose(t3["IE"] + t3["ME"] + t3["NFL"], t3["DC"], atol=0.02)
    assert np.allclose(t3["NFL"] - t3["NBL"], t3["T2_NT"], atol=0.02)
    assert abs(t3["NBL"].sum() - t3["NFL"].sum()) < 0.05
    assert abs(t3["VIC"].sum() - t3["DC"].sum()) < 0.05


def test_transfer_share_reproduces_seed000_table2():
    """Seed 000 Table 2's share column is NT/DC: recompute it from the published Table 3."""
    t3 = pd.read_csv(DATA / "tc4_seed_table3_identities.csv")
    t2 = pd.read_csv(DATA / "seed000_table2.csv")
    table = pd.DataFrame({"DC": t3["DC"].to_numpy(), "VIC": t3["VIC"].to_numpy()}, index=t2["sector"])
    table["NT"] = table["DC"] - table["VIC"]
    share = transfer_table(table)["NT/DC (%)"]
    np.testing.assert_allclose(share.to_numpy(), t2["NT_share_pct"].to_numpy(), atol=0.01)
    np.testing.assert_allclose(table["NT"].to_numpy(), t2["NT"].to_numpy(), atol=0.011)


def test_toy_3x3_balancing_and_identities():
    case = load_case("tc5_fio_toy_3x3.json")
    i = case["inputs"]
    io = IOSystem(i["Z"], i["x"])
    np.testing.assert_allclose(io.y.to_numpy(), i["y_balanced"])
    e = np.array([5.0, 7.0, 11.0])
    table = extraction_table(i["Z"], i["x"], e)
    w_x = float(io.intensity(e).to_numpy() @ np.asarray(i["x"]))
    assert table["VIC"].sum() == pytest.approx(w_x, rel=1e-13)
    assert table["NBL"].sum() == pytest.approx(table["NFL"].sum(), rel=1e-13)
    np.testing.assert_allclose(io.L.to_numpy() @ io.y.to_numpy(), i["x"], rtol=1e-13)
