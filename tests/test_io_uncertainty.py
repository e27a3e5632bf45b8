"""Monte Carlo of IO results over an uncertain satellite: the linear map reproduces the core, the
spread matches the analytic variance of a linear map, ranking stability, refusals, the command line."""

import io as _io

import numpy as np
import pandas as pd
import pytest

from carbon_core.errors import InputError
from carbon_core.io.hem import extraction_from_system
from carbon_core.io.io_uncertainty import Z95, _linear_maps, satellite_montecarlo
from carbon_core.io.iosystem import IOSystem


def _sys(seed=1, n=6):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n))
    x = Z.sum(axis=1) + rng.uniform(5, 30, n)
    x = np.maximum(x, Z.sum(axis=0) * 1.2)
    return IOSystem(Z, x), rng.uniform(1, 10, n)


def test_estimates_equal_the_core_and_zero_uncertainty_has_no_spread():
    io, e = _sys()
    r = satellite_montecarlo(io, e, 0.0, draws=50, seed=1, measures=("VIC", "NT", "m"))
    core = extraction_from_system(io, e)
    t = r.table.set_index(["measure", "sector"])
    np.testing.assert_allclose(t.loc["VIC", "estimate"], core["VIC"], rtol=1e-12)
    np.testing.assert_allclose(t.loc["NT", "estimate"], core["NT"], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(t.loc["m", "estimate"], io.multipliers(e), rtol=1e-12)
    assert np.allclose(t["lower"], t["estimate"]) and np.allclose(t["upper"], t["estimate"])
    assert (r.first["p_stays_first"] == 1.0).all()


def test_spread_matches_the_analytic_variance_of_the_linear_map():
    io, e = _sys(3)
    u = np.array([5.0, 10.0, 2.0, 20.0, 8.0, 1.0])
    r = satellite_montecarlo(io, e, u, draws=100_000, seed=4, measures=("VIC", "DC"))
    T = _linear_maps(io, ["VIC"])["VIC"]
    half = Z95 * np.sqrt(((u / 100 / Z95 * e)[:, None] ** 2 * T ** 2).sum(axis=0))
    t = r.table[r.table.measure == "VIC"]
    np.testing.assert_allclose((t["upper"] - t["lower"]).to_numpy() / 2, half, rtol=0.03)
    dc = r.table[r.table.measure == "DC"]  # DC = e: its interval is each sector's own
    np.testing.assert_allclose((dc["upper"] - dc["lower"]).to_numpy() / 2, u / 100 * e, rtol=0.03)


def test_ranking_stability_is_reported():
    io, e = _sys(5)
    e = e.copy()
    order = np.argsort(-e)
    e[order[1]] = e[order[0]] * 0.999  # two sectors nearly tied on DC
    r = satellite_montecarlo(io, e, 10.0, draws=20_000, seed=2, measures=("DC",))
    p = r.first.set_index("measure").loc["DC", "p_stays_first"]
    assert 0.3 < p < 0.7  # a coin toss, and said so
    assert r.table.groupby("measure")["p_first"].sum().iloc[0] == pytest.approx(1.0)


@pytest.mark.parametrize("kwargs, match", [({"uncertainty_pct": -1}, "≥ 0"), ({"uncertainty_pct": 60}, "above 50%"),
                                           ({"uncertainty_pct": [1, 2]}, "one per sector"),
                                           ({"draws": 0}, "at least 1"), ({"measures": ("XX",)}, "unknown measure")])
def test_bad_inputs_are_refused(kwargs, match):
    io, e = _sys()
    with pytest.raises(InputError, match=match):
        satellite_montecarlo(io, e, **{"uncertainty_pct": 5.0, **kwargs})


def test_command_line(cli):
    code, out, err = cli("hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite",
                         "ceads", "--e-uncertainty", "10", "--draws", "2000", "--seed", "1", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame.columns)[:7] == ["sector", "measure", "estimate", "median", "lower", "upper", "p_first"]
    assert set(frame["measure"]) == {"VIC", "DC", "NT", "NBL", "NFL"} and len(frame) == 55
    assert "S7" in err and "first" in err
