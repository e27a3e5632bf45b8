"""Inventory uncertainty: IPCC eqs. 3.1 and 3.2, shared factors fully correlated, Monte Carlo
converging to Approach 1, the trend keeping the factors' correlation, unknowns reported as unknown,
bad inputs refused; the command line."""

import io as _io

import numpy as np
import pandas as pd
import pytest

from carbon_core.accounting import uncertainty as U
from carbon_core.accounting.inventory import InventoryChoices, compute_inventory
from carbon_core.accounting.uncertainty import inventory_uncertainty
from carbon_core.errors import InputError
from conftest import one_error_line

CHOICES = InventoryChoices(grid_year=2022, grid_region="广东")


def _run(act, library, **kw):
    return inventory_uncertainty(act, compute_inventory(act, library, CHOICES), **kw)


def _user_lines(ua, uf, e):
    """Lines with their own user factors: no factor shared, so every line is independent."""
    n = len(e)
    return pd.DataFrame({"period": [2022] * n, "category": ["process"] * n, "activity": [f"p{i}" for i in range(n)],
                         "quantity": e, "unit": ["t"] * n, "factor": [1.0] * n, "factor_unit": ["tCO2/t"] * n,
                         "activity_uncertainty_pct": ua, "factor_uncertainty_pct": uf})


def test_approach1_equals_ipcc_equations_3_1_and_3_2(library):
    ua, uf, e = [4.0, 10.0, 2.0], [3.0, 20.0, 7.0], [100.0, 30.0, 250.0]
    r = _run(_user_lines(ua, uf, e), library)
    line_u = np.sqrt(np.square(ua) + np.square(uf))  # eq. 3.1, product of two quantities
    np.testing.assert_allclose(r.lines["uncertainty_pct"], line_u, rtol=1e-12)
    total_u = np.sqrt(np.sum((line_u * e) ** 2)) / np.sum(e)  # eq. 3.2, sum of independent quantities
    assert r.totals["uncertainty_pct"].iloc[0] == pytest.approx(total_u, rel=1e-12)
    assert r.lines["variance_share"].sum() == pytest.approx(1.0)


def test_lines_sharing_a_record_are_fully_correlated(library):
    act = pd.DataFrame({"period": [2022, 2022], "category": ["combustion"] * 2, "activity": ["柴油", "柴油"],
                        "quantity": [100.0, 300.0], "unit": ["t", "t"], "activity_uncertainty_pct": [5.0, 5.0],
                        "factor_uncertainty_pct": [8.0, 8.0]})
    r = _run(act, library)
    E = r.lines["estimate"].to_numpy()
    expected = np.sqrt((0.05 * E[0]) ** 2 + (0.05 * E[1]) ** 2 + (0.08 * E.sum()) ** 2) / E.sum() * 100
    assert r.totals["uncertainty_pct"].iloc[0] == pytest.approx(expected, rel=1e-12)
    independent = np.sqrt(np.sum((np.hypot(5, 8) / 100 * E) ** 2)) / E.sum() * 100
    assert r.totals["uncertainty_pct"].iloc[0] > independent  # not the uncertainty of independent lines
    mc = _run(act, library, method="montecarlo", draws=200_000, seed=2)
    assert mc.totals["uncertainty_pct"].iloc[0] == pytest.approx(expected, rel=0.02)


def test_montecarlo_converges_to_approach1_and_is_reproducible(library, monkeypatch):
    act = _user_lines([2.0, 1.0, 3.0], [1.5, 2.0, 1.0], [100.0, 30.0, 250.0])
    a1 = _run(act, library)
    mc = _run(act, library, method="montecarlo", draws=200_000, seed=5)
    np.testing.assert_allclose(mc.lines["uncertainty_pct"], a1.lines["uncertainty_pct"], rtol=0.02)
    assert mc.totals["uncertainty_pct"].iloc[0] == pytest.approx(a1.totals["uncertainty_pct"].iloc[0], rel=0.02)
    again = _run(act, library, method="montecarlo", draws=30_000, seed=9)
    monkeypatch.setattr(U, "CHUNK", 7_000)
    chunked = _run(act, library, method="montecarlo", draws=30_000, seed=9)
    pd.testing.assert_frame_equal(again.totals, chunked.totals)
    pd.testing.assert_frame_equal(again.lines, chunked.lines)


def test_a_shared_factor_cancels_in_the_trend(library):
    act = pd.DataFrame({"period": [2021, 2022], "category": ["combustion"] * 2, "activity": ["柴油", "柴油"],
                        "quantity": [100.0, 130.0], "unit": ["t", "t"], "activity_uncertainty_pct": [0.0, 0.0],
                        "factor_uncertainty_pct": [10.0, 10.0]})
    for method in ("approach1", "montecarlo"):
        r = _run(act, library, method=method, draws=20_000, seed=1)
        t = r.trend.iloc[0]
        assert t["trend_pct"] == pytest.approx(30.0, rel=1e-12)
        # the same factor both years: no width (Monte Carlo draws in single precision: 1e-5 points of rounding),
        # where independent factors would give about ±18 points
        assert t["upper_pct"] - t["lower_pct"] == pytest.approx(0.0, abs=1e-3)
        assert r.totals["uncertainty_pct"].iloc[0] == pytest.approx(10.0, rel=0.03)


def test_unknown_uncertainty_is_reported_as_unknown(library):
    act = _user_lines([2.0, None], [1.0, 3.0], [10.0, 20.0])
    r = _run(act, library)
    assert np.isnan(r.lines["uncertainty_pct"].iloc[1]) and np.isnan(r.totals["uncertainty_pct"].iloc[0])
    assert np.isfinite(r.lines["uncertainty_pct"].iloc[0])
    assert any("unknown" in n for n in r.notes)


@pytest.mark.parametrize("change, kwargs, match", [
    (lambda a: a.assign(activity_uncertainty_pct=[-1.0, 2.0]), {}, "negative"),
    (lambda a: a.assign(factor_uncertainty_pct=["a lot", 2.0]), {}, "not a number"),
    (lambda a: a, {"method": "montecarlo", "draws": 0}, "at least 1"),
    (lambda a: a, {"method": "bootstrap"}, "approach1"),
])
def test_bad_inputs_are_refused(library, change, kwargs, match):
    with pytest.raises(InputError, match=match):
        _run(change(_user_lines([2.0, 1.0], [1.0, 2.0], [10.0, 20.0])), library, **kwargs)


def test_one_record_with_two_uncertainties_is_refused(library):
    act = pd.DataFrame({"period": [2022, 2022], "category": ["combustion"] * 2, "activity": ["柴油", "柴油"],
                        "quantity": [100.0, 300.0], "unit": ["t", "t"], "activity_uncertainty_pct": [5.0, 5.0],
                        "factor_uncertainty_pct": [8.0, 9.0]})
    with pytest.raises(InputError, match="same factor records"):
        _run(act, library)


def test_command_line(cli):
    code, out, err = cli("uncertainty", "docs/examples/inventory_uncertainty.csv", "--grid-year", "2022",
                         "--grid-region", "广东", "--method", "montecarlo", "--draws", "20000", "--seed", "1",
                         "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame.columns)[:4] == ["row", "period", "activity", "emissions (tCO2e)"]
    assert frame["row"].tolist()[-2:] == ["total", "total"] and (frame["upper"] > frame["lower"]).all()
    code, _, err = cli("uncertainty", "docs/examples/inventory_uncertainty.csv", "--grid-year", "2022",
                       "--method", "montecarlo", "--draws", "-3")
    assert code != 0 and "at least 1" in err


def test_large_uncertainty_correction_and_lognormal_range():
    """IPCC 2006 Vol. 1 Ch. 3 §3.7.3 and its own worked examples (pp. 3.60–3.62)."""
    from carbon_core.accounting.uncertainty import corrected_range
    lo, hi, half = corrected_range([10.0, 10.0], [30.0, 50.0])
    assert (lo[0], hi[0], half[0]) == pytest.approx((7.0, 13.0, 30.0))
    assert (lo[1], hi[1]) == pytest.approx((5.0, 15.0))  # 50% itself stays normal
    # "Suppose the mean is 1.0 and the ½-range ... is 100 percent ... the geometric mean is 0.89 and the geometric
    # standard deviation is 1.60 ... the result is -65% to +126%" (no correction at U = 100 itself)
    lo, hi, _ = corrected_range(1.0, 100.0)
    assert (round(float(lo) - 1, 2), round(float(hi) - 1, 2)) == (-0.65, 1.26)
    s2 = np.log1p(0.5 ** 2)
    assert (round(np.exp(-s2 / 2), 2), round(np.exp(np.sqrt(s2)), 2)) == (0.89, 1.60)
    # "if U is 73 percent, then the estimated probability range is approximately -50% to +100%, or a factor of two"
    # (read off the guidelines' Figure 3.9: approximate)
    lo, hi, _ = corrected_range(1.0, 73.0)
    assert 1 / float(lo) == pytest.approx(2.0, abs=0.15) and float(hi) == pytest.approx(2.0, abs=0.15)
    # above 100%: U is corrected first; "the correction factor produces values from 1.06 to 1.69 as U varies from
    # 100% to 230%"
    fc = lambda u: ((-0.720 + 1.0921 * u - 1.63e-3 * u ** 2 + 1.11e-5 * u ** 3) / u) ** 2  # noqa: E731
    assert (round(fc(100.0), 2), round(fc(230.0), 2)) == (1.07, 1.69)
    lo, hi, _ = corrected_range(1.0, 150.0)
    s2 = np.log1p((150 * fc(150.0) / 200) ** 2)
    assert float(hi) == pytest.approx(np.exp(-s2 / 2 + 1.96 * np.sqrt(s2)), rel=1e-12)
    lo, hi, _ = corrected_range(10.0, 250.0)
    assert np.isnan(lo) and np.isnan(hi)  # beyond the correction's calibration: no range at all


def test_approach1_corrects_a_large_total_and_says_so(library):
    res = _run(_user_lines([90.0, 5.0], [20.0, 2.0], [100.0, 50.0]), library)
    line = res.lines.iloc[0]
    assert line["uncertainty_pct_uncorrected"] == pytest.approx(np.hypot(90, 20))
    assert line["lower"] > 0 and line["upper"] - line["estimate"] > line["estimate"] - line["lower"]  # lognormal
    assert res.lines.iloc[1]["uncertainty_pct"] == pytest.approx(np.hypot(5, 2))
    assert any("asymmetric (lognormal) range" in n and "corrected" not in n for n in res.notes)
    big = _run(_user_lines([140.0, 5.0], [20.0, 2.0], [100.0, 50.0]), library)
    assert any("first corrected for large uncertainty (eqs. 3.3–3.4)" in n for n in big.notes)


def test_factor_uncertainty_from_the_packages_shipped_ranges(library):
    """A line whose every factor record has a shipped 95% range takes its factor uncertainty from them (eq. 3.1);
    a stated column wins; a record without a range leaves the factor uncertainty unknown."""
    from dataclasses import replace

    class WithRanges:
        def __init__(self, lib, ranges):
            self.lib, self.ranges = lib, ranges

        def record(self, rid):
            f = self.lib.record(rid)
            lo, hi = self.ranges.get(rid, (np.nan, np.nan))
            return replace(f, lower_95=lo * f.value, upper_95=hi * f.value, range_record=f"{rid}-R95")

    act = pd.DataFrame({"period": [2022] * 3, "category": ["fuel", "fuel", "fuel"], "activity": ["天然气", "天然气", "柴油"],
                        "quantity": [10.0, 20.0, 5.0], "unit": ["10^4 Nm3", "10^4 Nm3", "t"],
                        "activity_uncertainty_pct": [2.0, 2.0, 2.0], "factor_uncertainty_pct": [None, None, None]})
    inv = compute_inventory(act, library, CHOICES)
    rec = inv.lines.iloc[0]
    ranges = {rec["ncv_record"]: (0.94, 1.06), rec["carbon_content_record"]: (0.98, 1.02),
              rec["oxidation_record"]: (0.99, 1.01)}
    res = inventory_uncertainty(act, inv, library=WithRanges(library, ranges))
    expected = np.sqrt(6.0 ** 2 + 2.0 ** 2 + 1.0 ** 2)
    u_line = np.hypot(2.0, expected)
    assert res.lines["uncertainty_pct"].iloc[0] == pytest.approx(u_line, rel=1e-9)
    assert np.isnan(res.lines["uncertainty_pct"].iloc[2])  # diesel's records carry no range: unknown, said so
    assert any("packages' 95% ranges" in n for n in res.notes) and any("unknown" in n for n in res.notes)
    # one line of a shared factor states its uncertainty: the shipped range does not fill its sibling (one factor,
    # one uncertainty), so there is no conflict to refuse
    partly = act.assign(factor_uncertainty_pct=[4.0, None, None])
    res3 = inventory_uncertainty(partly, compute_inventory(partly, library, CHOICES), library=WithRanges(library, ranges))
    assert not any("packages' 95% ranges" in n for n in res3.notes)
    stated = act.assign(factor_uncertainty_pct=[3.0, 3.0, 3.0])
    res2 = inventory_uncertainty(stated, compute_inventory(stated, library, CHOICES), library=WithRanges(library, ranges))
    assert res2.lines["uncertainty_pct"].iloc[0] == pytest.approx(np.hypot(2.0, 3.0))
    # the shipped packages: IPCC Table 1.2 ranges reach lookups; the Chinese families' records have none
    f = library.ipcc_default("Natural gas", "ncv_default")
    assert (f.lower_95, f.upper_95, f.range_record) == (46.5, 50.4, "IPCC-T12-23-R95")
    assert np.isnan(library.record(rec["ncv_record"]).lower_95)


def test_activity_uncertainty_defaults_of_ipcc_table_2_15(library, cli, tmp_path):
    """Table 2.15 (p. 2.41) as printed; a line without its own activity uncertainty takes the chosen cell's upper end."""
    d = library.activity_uncertainty("industry-energy-intensive,well-developed,surveys")
    assert (d.as_printed, d.pct, d.record_id) == ("2-3%", 3.0, "IPCC-T215-INDUSTRY-ENERGY-INTENSIVE-WELL-DEVELOPED-SURVEYS")
    assert library.activity_uncertainty("电力和热力生产,完善,调查").as_printed == "Less than 1%"
    assert library.activity_uncertainty("Biomass in small sources,less,extrapolation").pct == 100.0
    for bad, text in (("industry", "SECTOR,SYSTEM,METHOD"), ("mining,well-developed,surveys", "unknown sector 'mining'"),
                      ("industry-other,good,surveys", "unknown statistical system 'good'"),
                      ("industry-other,well,guess", "unknown method 'guess'")):
        with pytest.raises(InputError, match=text):
            library.activity_uncertainty(bad)
    act = _user_lines([np.nan, 4.0], [5.0, 5.0], [100.0, 100.0])
    res = _run(act, library, activity_default=d)
    assert res.lines["uncertainty_pct"].tolist() == pytest.approx([np.hypot(3, 5), np.hypot(4, 5)])
    assert any("row" in n and "Table 2.15" in n and "'2-3%'" in n for n in res.notes)
    path = tmp_path / "a.csv"
    act.to_csv(path, index=False)
    code, out, err = cli("uncertainty", path, "--activity-default", "industry-energy-intensive,well-developed,surveys",
                         "--format", "csv")
    assert code == 0 and "Table 2.15" in err, err
    code, _, err = cli("uncertainty", path, "--activity-default", "industry,well")
    assert code == 1 and one_error_line(err) and "SECTOR,SYSTEM,METHOD" in err
    from addin import carbon_udfs as UDF
    rows = [list(act.columns)] + act.astype(object).where(act.notna(), None).values.tolist()
    cells = UDF.CARBON_UNCERTAINTY(rows, None, None, None, None, None, None, None,
                                   "industry-energy-intensive,well-developed,surveys")
    header = cells[0]
    assert cells[1][header.index("uncertainty pct")] == pytest.approx(np.hypot(3, 5))
    refused = UDF.CARBON_UNCERTAINTY(rows, None, None, None, None, None, None, None, "x")
    assert len(refused) == 1 and refused[0][0].startswith("Error: give the activity-data default as SECTOR,SYSTEM,METHOD")


def test_monte_carlo_draws_large_uncertainties_lognormal_and_agrees_with_approach1(library):
    """Above 50% Approach 2 draws lognormal (mean and sd kept), so it no longer refuses what Approach 1's large-
    uncertainty note sends it; for one quantity of U = 100% both give about −65% / +126% (IPCC Vol. 1 p. 3.62)."""
    act = _user_lines([100.0, 2.0], [0.0, 1.0], [10.0, 20.0])
    mc = _run(act, library, method="montecarlo", draws=200_000, seed=3)
    a1 = _run(act, library)
    line_mc, line_a1 = mc.lines.iloc[0], a1.lines.iloc[0]
    assert line_mc["lower"] > 0 and line_mc["mean"] == pytest.approx(10.0, rel=0.01)
    assert line_mc["lower"] == pytest.approx(line_a1["lower"], rel=0.04)
    assert line_mc["upper"] == pytest.approx(line_a1["upper"], rel=0.04)
    assert any("drawn lognormal" in n for n in mc.notes)
    # the small line stays normal and matches its closed form
    assert mc.lines.iloc[1]["uncertainty_pct"] == pytest.approx(np.hypot(2, 1), rel=0.03)
