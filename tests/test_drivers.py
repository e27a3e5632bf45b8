"""STIRPAT and LMDI."""

import json

import numpy as np
import pandas as pd
import pytest

from carbon_cli.main import main
from carbon_core.data.datasets import load_package
from carbon_core.errors import InputError
from carbon_core.drivers.lmdi import contributions, decompose, kaya_factors, log_mean
from carbon_core.drivers.stirpat import fit_ridge, fit_stirpat
from conftest import DATA

TABLE6_DRIVERS = ["output_1e8yuan", "energy_1e4tce", "electricity_share_pct", "industry_share_pct"]


@pytest.fixture(scope="module")
def table6():
    return load_package("ganzhou-park-2020-2022").read("table6")


def test_stirpat_on_seed003_table6_is_not_identified(table6):
    r = fit_stirpat(table6, "co2_1e4t", TABLE6_DRIVERS)
    assert not r.identified
    assert r.verdict.startswith("not identified: 3 observations for 5 parameters")
    assert "industry_share_pct never changes" in r.verdict
    assert r.table[["coef", "std_err", "t", "p"]].isna().all().all()
    assert np.isnan(r.r2)  # no fake R² = 1
    assert (r.nobs, r.n_params, r.rank) == (3, 5, 3)
    with pytest.raises(InputError, match="not identified"):
        r.predict(table6)


def test_stirpat_identified_recovers_known_elasticities():
    rng = np.random.default_rng(0)
    n = 40
    A = rng.uniform(50, 500, n)
    T = rng.uniform(1, 10, n)
    I = np.exp(0.3) * A ** 0.8 * T ** -0.4 * np.exp(rng.normal(0, 0.01, n))
    r = fit_stirpat(pd.DataFrame({"I": I, "A": A, "T": T}), "I", ["A", "T"])
    assert r.identified and r.df_resid == n - 3 and r.rank == 3
    assert r.table.loc["A", "coef"] == pytest.approx(0.8, abs=0.01)
    assert r.table.loc["T", "coef"] == pytest.approx(-0.4, abs=0.01)
    assert r.table.loc["A", "p"] < 1e-10 and r.r2 > 0.99 and r.r2_adj <= r.r2
    assert r.table.loc["A", "VIF"] < 2
    pred = r.predict(pd.DataFrame({"A": [100.0], "T": [2.0]}))
    assert pred.iloc[0] == pytest.approx(np.exp(0.3) * 100 ** 0.8 * 2 ** -0.4, rel=0.02)


def test_ridge_on_table6_and_prediction(table6):
    r = fit_ridge(table6, "co2_1e4t", TABLE6_DRIVERS[:3], penalty=1.0)
    assert r.method == "ridge" and r.penalty == 1.0
    assert r.table[["std_err", "t", "p"]].isna().all().all()
    pred = r.predict(table6)
    np.testing.assert_allclose(pred.to_numpy(), table6["co2_1e4t"].to_numpy(), rtol=0.05)
    with pytest.raises(InputError, match="never change"):
        fit_ridge(table6, "co2_1e4t", TABLE6_DRIVERS, penalty=1.0)
    with pytest.raises(InputError, match="positive number"):
        fit_ridge(table6, "co2_1e4t", TABLE6_DRIVERS[:2], penalty=0)


def test_singular_designs_report_an_infinite_condition_number(table6):
    """A rank-deficient design has no finite condition number; rounding noise must not stand in for one."""
    ols = fit_stirpat(table6, "co2_1e4t", TABLE6_DRIVERS)
    assert ols.rank < ols.n_params and np.isinf(ols.condition_number)
    # 3 years and 3 centred drivers: rank at most 2, whatever the rounding of the centred logarithms
    ridge = fit_ridge(table6, "co2_1e4t", TABLE6_DRIVERS[:3], penalty=1.0)
    assert ridge.rank == 2 and np.isinf(ridge.condition_number)
    ridge2 = fit_ridge(table6, "co2_1e4t", TABLE6_DRIVERS[:2], penalty=1.0)
    assert ridge2.rank == 2 and np.isfinite(ridge2.condition_number)


def test_stirpat_rejects_zero_or_negative_under_log():
    data = pd.DataFrame({"I": [1.0, 2.0, 3.0, 4.0], "A": [1.0, 0.0, 2.0, 3.0]})
    with pytest.raises(InputError, match="zero or negative values, whose logarithm is undefined"):
        fit_stirpat(data, "I", ["A"])


def test_lmdi_reproduces_lmdir_cases():
    data = pd.read_csv(DATA / "lmdi" / "lmdir_simple_input.csv")
    expected = json.loads((DATA / "lmdi" / "lmdir_simple_expected.json").read_text())
    factors = ["factor_1", "factor_2", "factor_3"]
    res = decompose(data, factors, period="year", subcategory="subcat", group="country")
    for (_, p0, pT), row in res["additive"].iterrows():
        e = expected["periods"][f"{p0}-{pT}"]
        np.testing.assert_allclose(row[factors].to_numpy(dtype=float), e["dV_factor"], rtol=1e-12)
        assert row["total"] == pytest.approx(e["dV_agg"])
        np.testing.assert_allclose(res["multiplicative"].loc[("AB", p0, pT), factors].to_numpy(dtype=float),
                                   e["D_factor"], rtol=1e-12)
        assert res["multiplicative"].loc[("AB", p0, pT), "total"] == pytest.approx(e["D_agg"])
        Z = res["contributions"].loc[("AB", p0, pT)][factors].to_numpy(dtype=float)
        np.testing.assert_allclose(Z, e["Z_subcat_x_factor"], rtol=1e-12, atol=1e-12)
    rounded = expected["published_in_tests_rounded"]
    x0 = data[data.year == 1971][factors].to_numpy(dtype=float)
    xT = data[data.year == 1972][factors].to_numpy(dtype=float)
    z = x0.copy()
    z[0, 0] = 0
    np.testing.assert_allclose(contributions(z, xT), rounded["zero_case_X0_11_eq_0_Z_1972"], rtol=1e-8)
    z = xT.copy()
    z[1, 2] = 0
    np.testing.assert_allclose(contributions(x0, z), rounded["zero_case_XT_23_eq_0_Z_1972"], rtol=1e-8)


def test_lmdi_fixed_base_and_exactness():
    data = pd.read_csv(DATA / "lmdi" / "lmdir_simple_input.csv")
    factors = ["factor_1", "factor_2", "factor_3"]
    res = decompose(data, factors, period="year", subcategory="subcat", mode="fixed")
    add, mul = res["additive"], res["multiplicative"]
    assert list(add.index.get_level_values("from")) == [1971] * 3
    np.testing.assert_allclose(add[factors].sum(axis=1), add["total"], rtol=1e-12)  # no residual
    np.testing.assert_allclose(mul[factors].prod(axis=1), mul["total"], rtol=1e-12)
    assert add.loc[(1971, 1974), "total"] == pytest.approx(258)


def test_lmdi_bad_inputs():
    data = pd.read_csv(DATA / "lmdi" / "lmdir_simple_input.csv")
    with pytest.raises(InputError, match="same shape"):
        contributions(np.ones((2, 3)), np.ones((2, 2)))
    with pytest.raises(InputError, match=">= 0"):
        contributions(-np.ones((1, 2)), np.ones((1, 2)))
    with pytest.raises(InputError, match="lacks column"):
        decompose(data, ["factor_9"], period="year", subcategory="subcat")
    with pytest.raises(InputError, match="lacks sub-categor"):
        decompose(data.drop(index=7), ["factor_1"], period="year", subcategory="subcat")
    assert log_mean(np.array([2.0]), np.array([2.0]))[0] == 2.0
    assert log_mean(np.array([0.0]), np.array([2.0]))[0] == 0.0


def test_kaya_decomposition_of_ganzhou_is_exact():
    from carbon_core.accounting.factors import FactorLibrary
    from carbon_core.accounting.inventory import InventoryChoices, compute_inventory

    pkg = load_package("ganzhou-park-2020-2022")
    res = compute_inventory(pkg.read("activity"), FactorLibrary.load(),
                            InventoryChoices(family="SEED003", coal_equivalent_family="SEED003",
                                             grid_record="SEED003-GRID-0.581"))
    t6 = pkg.read("table6").set_index("year")
    lines = res.lines.assign(output=lambda d: d["period"].map(t6["output_1e8yuan"]))
    kaya = kaya_factors(lines.rename(columns={"activity_id": "carrier", "tce": "energy", "tCO2": "emissions"}))
    dec = decompose(kaya, ["output", "energy_intensity", "energy_structure", "emission_factor"], mode="fixed")
    step = dec["additive"].loc[(2020, 2022)]
    totals = res.totals("period")["tCO2"]
    assert step["total"] == pytest.approx(totals[2022] - totals[2020], rel=1e-10)
    assert step[["output", "energy_intensity", "energy_structure", "emission_factor"]].sum() == pytest.approx(step["total"])
    assert step["output"] > 0 > step["energy_intensity"]


def test_stirpat_and_lmdi_cli(capsys):
    from carbon_core.data.datasets import default_package_dir

    t6 = default_package_dir() / "ganzhou-park-2020-2022" / "table6.csv"
    assert main(["stirpat", str(t6), "--response", "co2_1e4t", "--drivers", ",".join(TABLE6_DRIVERS)]) == 0
    out = capsys.readouterr().out
    assert "Verdict: not identified" in out and "R²" in out
    assert main(["lmdi", str(DATA / "lmdi" / "lmdir_simple_input.csv"), "--factors", "factor_1,factor_2,factor_3",
                 "--period", "year", "--subcategory", "subcat", "--format", "csv"]) == 0
    assert "additive" in capsys.readouterr().out
    assert main(["stirpat", str(t6), "--response", "co2", "--drivers", "energy_1e4tce"]) == 1
    assert "column(s) co2 not in the data" in capsys.readouterr().err


def test_stirpat_rejects_response_among_drivers_and_repeated_columns(table6):
    with pytest.raises(InputError, match="both the response and a driver"):
        fit_stirpat(table6, "co2_1e4t", ["co2_1e4t", "energy_1e4tce"])
    with pytest.raises(InputError, match="listed more than once"):
        fit_ridge(table6, "co2_1e4t", ["energy_1e4tce", "energy_1e4tce"], 1.0)
    dup = pd.DataFrame([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0]], columns=["a", "a"])
    with pytest.raises(InputError, match="column names repeat"):
        fit_stirpat(dup, "a", ["b"])
