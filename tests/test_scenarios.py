"""Emission scenarios: the closed form, the peak, bands and peak probability, reproducibility and
bounded chunks, bad tables refused; the command line and the worksheet functions."""

import io as _io

import numpy as np
import pandas as pd
import pytest

from carbon_core.drivers import scenarios
from carbon_core.drivers.scenarios import project
from carbon_core.errors import InputError

COLS = ["scenario", "driver", "base", "from_year", "to_year", "annual_change_pct", "uncertainty_pct"]
TABLE = pd.DataFrame([
    ["base", "GDP", 100.0, 2021, 2030, 5.0, 0.5], ["base", "GDP", 100.0, 2031, 2060, 3.0, 0.5],
    ["base", "intensity", 2.0, 2021, 2030, -3.0, 1.0], ["base", "intensity", 2.0, 2031, 2060, -4.0, 1.0],
    ["low", "GDP", 100.0, 2021, 2060, 4.0, 0.0], ["low", "intensity", 2.0, 2021, 2025, -2.0, 0.0],
    ["low", "intensity", 2.0, 2026, 2060, -6.0, 0.0]], columns=COLS)


def test_central_paths_equal_the_closed_form_and_its_peak():
    r = project(TABLE, to_year=2060)
    base = r.emissions[r.emissions.scenario == "base"].set_index("year")["central"]
    years = np.arange(2020, 2061)
    t1 = np.minimum(years - 2020, 10)
    t2 = np.maximum(years - 2030, 0)
    expected = 200.0 * 1.05 ** t1 * 1.03 ** t2 * 0.97 ** t1 * 0.96 ** t2
    np.testing.assert_allclose(base.to_numpy(), expected, rtol=1e-12)
    # 1.05 × 0.97 > 1 until 2030, 1.03 × 0.96 < 1 after: the peak is 2030, analytically
    peaks = r.peaks.set_index("scenario")
    assert peaks.loc["base", "peak_year"] == 2030
    assert peaks.loc["base", "peak_emissions"] == pytest.approx(200 * (1.05 * 0.97) ** 10, rel=1e-12)
    # low: 1.04 × 0.98 > 1 to 2025, then 1.04 × 0.94 < 1
    assert peaks.loc["low", "peak_year"] == 2025 and peaks.loc["low", "p_peak_by_2030"] == 1.0
    assert (r.emissions["lower"] == r.emissions["upper"]).all()  # no draws, no band


def test_bands_probability_and_reproducibility():
    a = project(TABLE, to_year=2060, draws=4000, seed=7)
    b = project(TABLE, to_year=2060, draws=4000, seed=7)
    pd.testing.assert_frame_equal(a.emissions, b.emissions)
    e = a.emissions[a.emissions.scenario == "base"].set_index("year")
    assert (e["lower"] <= e["emissions"]).all() and (e["emissions"] <= e["upper"]).all()
    assert e.loc[2060, "upper"] - e.loc[2060, "lower"] > e.loc[2030, "upper"] - e.loc[2030, "lower"] > 0
    low = a.emissions[a.emissions.scenario == "low"]
    np.testing.assert_allclose(low["lower"], low["central"], rtol=1e-12)  # no uncertainty: no band
    p = a.peaks.set_index("scenario").loc["base", "p_peak_by_2030"]
    assert 0.5 < p < 1.0


def test_small_uncertainty_converges_to_the_central_path_and_chunks_do_not_matter(monkeypatch):
    tiny = TABLE.assign(uncertainty_pct=TABLE["uncertainty_pct"] * 1e-4)
    r = project(tiny, to_year=2060, draws=2000, seed=3)
    np.testing.assert_allclose(r.emissions["emissions"], r.emissions["central"], rtol=1e-5)
    whole = project(TABLE, to_year=2060, draws=2500, seed=11)
    monkeypatch.setattr(scenarios, "CHUNK", 700)
    chunked = project(TABLE, to_year=2060, draws=2500, seed=11)
    pd.testing.assert_frame_equal(whole.emissions, chunked.emissions)


@pytest.mark.parametrize("change, match", [
    (lambda t: t.assign(uncertainty_pct=[-1.0] + [0.5] * 6), "negative"),
    (lambda t: t.assign(from_year=[2021, 2030, 2021, 2031, 2021, 2021, 2026]), "overlaps"),
    (lambda t: t.assign(from_year=[2021, 2032, 2021, 2031, 2021, 2021, 2026]), "uncovered"),
    (lambda t: t[~((t.scenario == "low") & (t.driver == "GDP"))], "same drivers"),
    (lambda t: t.assign(base=[100.0, 100.0, 0.0, 0.0, 100.0, 2.0, 2.0]), "positive"),
    (lambda t: t.assign(base=[100.0, 90.0, 2.0, 2.0, 100.0, 2.0, 2.0]), "different base"),
    (lambda t: t.drop(columns="to_year"), "lacks column"),
])
def test_bad_tables_are_refused(change, match):
    with pytest.raises(InputError, match=match):
        project(change(TABLE.copy()), to_year=2060)


@pytest.mark.parametrize("kwargs, match", [({"draws": 0}, "at least 1"), ({"draws": -5}, "at least 1"),
                                           ({"to_year": 2050.5}, "year"), ({"to_year": 2070}, "before --to")])
def test_bad_arguments_are_refused(kwargs, match):
    with pytest.raises(InputError, match=match):
        project(TABLE, **{"to_year": 2060, **kwargs})


def test_command_line_and_worksheet(cli, tmp_path):
    path = tmp_path / "s.csv"
    TABLE.to_csv(path, index=False)
    code, out, err = cli("scenario", path, "--to", "2060", "--draws", "500", "--seed", "1", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame.columns)[:5] == ["scenario", "year", "emissions", "lower", "upper"]
    code, out, err = cli("scenario", path, "--to", "2060", "--peaks", "--format", "csv")
    assert code == 0 and pd.read_csv(_io.StringIO(out))["peak_year"].tolist() == [2030, 2025]
    code, _, err = cli("scenario", path, "--to", "2060", "--draws", "0")
    assert code != 0 and "at least 1" in err
    from addin import carbon_udfs as U

    rows = [COLS] + TABLE.astype(object).values.tolist()
    peaks = U.CARBON_PEAK(rows, 2060.0)
    assert peaks[0][:3] == ["scenario", "peak year", "peak emissions"] and peaks[1][1] == 2030
    paths = U.CARBON_SCENARIO(rows, 2060.0, 200.0, 1.0)
    assert paths[0][:5] == ["scenario", "year", "emissions", "lower", "upper"] and len(paths) == 1 + 2 * 41


# ------------------------------------------------------------------ STIRPAT-driven scenarios
def _stirpat_data(noise=0.02, n=24, seed=3):
    rng = np.random.default_rng(seed)
    years = np.arange(1998, 1998 + n)
    P = 100 * 1.01 ** (years - 1998) * np.exp(rng.normal(0, 0.01, n))
    A = 2.0 * 1.07 ** (years - 1998) * np.exp(rng.normal(0, 0.05, n))
    T = 1.5 * 0.97 ** (years - 1998) * np.exp(rng.normal(0, 0.05, n))
    I = np.exp(0.3 + 0.9 * np.log(P) + 0.6 * np.log(A) + 1.1 * np.log(T) + rng.normal(0, noise, n))
    return pd.DataFrame({"year": years, "CO2": I, "P": P, "A": A, "T": T})


def _stirpat_paths(base_row, changes=(0.5, 5.0, -4.0), sigma=0.0):
    return pd.DataFrame([["s", d, float(base_row[d]), 2022, 2060, r, sigma]
                         for d, r in zip(("P", "A", "T"), changes)], columns=COLS)


def test_stirpat_scenario_with_the_drivers_of_a_fitted_year_reproduces_its_fitted_value():
    from carbon_core.drivers.stirpat import fit_ridge, fit_stirpat
    data = _stirpat_data()
    for fit in (fit_stirpat(data, "CO2", ["P", "A", "T"]), fit_ridge(data, "CO2", ["P", "A", "T"], 0.5)):
        row = data.iloc[-1]
        r = project(_stirpat_paths(row, changes=(0.0, 0.0, 0.0)), to_year=2030, model=fit)
        fitted = fit.predict(data[["P", "A", "T"]].iloc[[-1]]).iloc[0]
        np.testing.assert_allclose(r.emissions["central"], fitted, rtol=1e-12)
        assert r.model.startswith("STIRPAT (")
        # with changes: ln E moves by Σ b_k ln(1 + r_k) a year, the fitted elasticities at work
        r2 = project(_stirpat_paths(row), to_year=2030, model=fit)
        names, coef, _ = fit.log_linear()
        step = sum(c * np.log1p(g / 100) for c, g in zip(coef[1:], (0.5, 5.0, -4.0)))
        got = np.diff(np.log(r2.emissions["central"].to_numpy()))
        np.testing.assert_allclose(got, step, rtol=1e-12)


def test_stirpat_band_carries_the_parameter_covariance():
    from carbon_core.drivers.stirpat import fit_stirpat
    data = _stirpat_data(noise=0.05)
    fit = fit_stirpat(data, "CO2", ["P", "A", "T"])
    assert fit.cov is not None
    paths = _stirpat_paths(data.iloc[-1], changes=(0.0, 0.0, 0.0))
    r = project(paths, to_year=2025, draws=40_000, seed=11, model=fit)
    # at fixed drivers the spread of ln E is that of a + b·x: sqrt(x' Σ x)
    x = np.concatenate([[1.0], np.log(data[["P", "A", "T"]].iloc[-1].to_numpy(dtype=float))])
    sd = float(np.sqrt(x @ fit.cov.to_numpy() @ x))
    row = r.emissions.iloc[0]
    np.testing.assert_allclose(np.log(row["upper"] / row["lower"]) / (2 * 1.959964), sd, rtol=0.03)
    assert any("covariance" in n for n in r.notes)
    # the same seed, the same band; an exact identity carries no covariance and says so
    again = project(paths, to_year=2025, draws=40_000, seed=11, model=fit)
    pd.testing.assert_frame_equal(r.emissions, again.emissions)
    exact = data.assign(CO2=data["P"] * data["A"] * data["T"])
    fe = fit_stirpat(exact, "CO2", ["P", "A", "T"])
    re = project(paths, to_year=2025, draws=100, seed=1, model=fe)
    assert fe.cov is None and (re.emissions["lower"] == re.emissions["upper"]).all()
    assert "drivers' uncertainty only" in re.notes[0]


def test_stirpat_scenario_refuses_mismatched_drivers_and_unidentified_fits():
    from carbon_core.drivers.stirpat import fit_stirpat
    data = _stirpat_data()
    fit = fit_stirpat(data, "CO2", ["P", "A", "T"])
    paths = _stirpat_paths(data.iloc[-1])
    with pytest.raises(InputError, match="missing: T"):
        project(paths[paths.driver != "T"], to_year=2030, model=fit)
    with pytest.raises(InputError, match="not in the fit: GDP"):
        project(pd.concat([paths, paths.iloc[[0]].assign(driver="GDP")]), to_year=2030, model=fit)
    tiny = fit_stirpat(data.iloc[:3], "CO2", ["P", "A", "T"])
    with pytest.raises(InputError, match="not identified"):
        project(paths, to_year=2030, model=tiny)
    with pytest.raises(InputError, match="STIRPAT fit"):
        project(paths, to_year=2030, model="fit")


def test_stirpat_scenarios_on_the_command_line_and_in_the_worksheet(cli, tmp_path):
    from addin import carbon_udfs as U
    from carbon_core.drivers.scenarios import fit_for_scenarios

    data = _stirpat_data()
    paths = _stirpat_paths(data.iloc[-1])
    hist, scen = tmp_path / "h.csv", tmp_path / "s.csv"
    data.to_csv(hist, index=False)
    paths.to_csv(scen, index=False)
    fit = fit_for_scenarios(paths, data, "CO2")
    core = project(paths, to_year=2040, draws=300, seed=2, model=fit)
    code, out, err = cli("scenario", scen, "--to", "2040", "--draws", "300", "--seed", "2", "--stirpat", hist,
                         "--response", "CO2", "--format", "csv")
    assert code == 0, err
    assert "model: STIRPAT (OLS on logarithms, 24 observations)" in err and "covariance" in err
    np.testing.assert_allclose(pd.read_csv(_io.StringIO(out))["emissions"], core.emissions["emissions"], rtol=1e-12)
    code, _, err = cli("scenario", scen, "--to", "2040", "--stirpat", hist)
    assert code != 0 and "--stirpat needs --response" in err
    code, _, err = cli("scenario", scen, "--to", "2040", "--response", "CO2")
    assert code != 0 and "go with --stirpat" in err

    rows = [COLS] + paths.astype(object).values.tolist()
    history = [list(data.columns)] + data.astype(object).values.tolist()
    got = U.CARBON_SCENARIO(rows, 2040.0, 300.0, 2.0, history, "CO2")
    np.testing.assert_allclose([r[2] for r in got[1:]], core.emissions["emissions"], rtol=1e-12)
    peak = U.CARBON_PEAK(rows, 2040.0, None, None, None, history, "CO2", 0.5)
    ridge = project(paths, to_year=2040, model=fit_for_scenarios(paths, data, "CO2", ridge=0.5))
    assert peak[1][2] == pytest.approx(ridge.peaks["peak_emissions"].iloc[0], rel=1e-12)
    assert "go with history" in str(U.CARBON_SCENARIO(rows, 2040.0, None, None, None, "CO2"))
    assert "emissions column" in str(U.CARBON_SCENARIO(rows, 2040.0, None, None, history, ""))
