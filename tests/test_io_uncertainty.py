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


# ------------------------------------------------------------------ SDA over uncertain satellites
def _sda(seed=1, n=5, method="dl"):
    from carbon_core.io.sda import structural_decomposition
    rng = np.random.default_rng(seed)

    def L():
        return np.linalg.inv(np.eye(n) - rng.uniform(0, 0.15, (n, n)))
    w0, w1 = rng.uniform(0.5, 2, n), rng.uniform(0.5, 2, n)
    L0, L1 = L(), L()
    Y0, Y1 = rng.uniform(1, 10, (n, 3)), rng.uniform(1, 10, (n, 3))
    r = structural_decomposition(w0, L0, Y0, w1, L1, Y1, method=method)
    r.inputs = {"w": (w0, w1), "L": (L0, L1), "Y": (Y0, Y1)}
    return r


@pytest.mark.parametrize("method", ["dl", "polar"])
def test_sda_draws_equal_the_core_run_on_the_drawn_satellites(method, monkeypatch):
    from carbon_core.io import io_uncertainty as U
    from carbon_core.io.sda import structural_decomposition
    r = _sda(method=method)
    (w0, w1), (L0, L1), (Y0, Y1) = r.inputs["w"], r.inputs["L"], r.inputs["Y"]
    # keep every draw's relative errors, then recompute those draws with the core itself
    seen = []
    real = np.random.default_rng

    class Spy:
        def __init__(self, seed):
            self.g = real(seed)

        def standard_normal(self, size):
            seen.append(self.g.standard_normal(size))
            return seen[-1]

    spy = Spy
    monkeypatch.setattr(U.np.random, "default_rng", spy)
    mc = U.sda_montecarlo(r, 8.0, 12.0, draws=3, seed=5, correlation=0.4)
    z0, e1 = seen
    z1 = 0.4 * z0 + np.sqrt(1 - 0.16) * e1
    drawn = []
    for k in range(3):
        f0, f1 = 1 + z0[k] * 8 / 100 / Z95, 1 + z1[k] * 12 / 100 / Z95
        core = structural_decomposition(w0 * f0, L0, Y0, w1 * f1, L1, Y1, method=method)
        drawn.append(core.by_sector.sum().to_numpy())
    drawn = np.array(drawn)
    np.testing.assert_allclose(mc.effects["median"], np.median(drawn, axis=0), rtol=1e-10)
    np.testing.assert_allclose(mc.effects["estimate"], r.by_sector.sum().to_numpy(), rtol=1e-12)


def test_sda_spread_correlation_and_stability():
    r = _sda(2)
    from carbon_core.io.io_uncertainty import sda_montecarlo
    zero = sda_montecarlo(r, 0.0, draws=200, seed=1)
    assert np.allclose(zero.effects["lower"], zero.effects["estimate"]) and zero.largest["p_stays_largest"][0] == 1
    ind = sda_montecarlo(r, 10.0, draws=40_000, seed=1)
    same = sda_montecarlo(r, 10.0, draws=40_000, seed=1, correlation=1.0)
    # the total change's variance in closed form: Σ_j (σ a_j)² + (σ b_j)² + 2ρ σ² a_j b_j
    (w0, w1) = r.inputs["w"]
    L0, L1 = r.inputs["L"]
    Y0, Y1 = r.inputs["Y"]
    a, b = -w0 * (L0 @ Y0.sum(axis=1)), w1 * (L1 @ Y1.sum(axis=1))
    s = 0.10 / Z95
    for res, rho in ((ind, 0.0), (same, 1.0)):
        sd = np.sqrt(np.sum((s * a) ** 2 + (s * b) ** 2 + 2 * rho * s * s * a * b))
        t = res.effects.loc["total"]
        assert (t["upper"] - t["lower"]) / (2 * Z95) == pytest.approx(sd, rel=0.03)
    again = sda_montecarlo(r, 10.0, draws=40_000, seed=1)
    pd.testing.assert_frame_equal(ind.effects, again.effects)
    assert set(ind.by_sector["effect"]) == set(r.by_sector.columns) and len(ind.by_sector) == 5 * 6


@pytest.mark.parametrize("kwargs, match", [
    (dict(uncertainty0=-1), "≥ 0"), (dict(uncertainty0=60), "above 50%"), (dict(uncertainty0=[1, 2]), "one per sector"),
    (dict(uncertainty0=5, draws=0), "at least 1"), (dict(uncertainty0=5, correlation=1.5), "correlation"),
])
def test_sda_montecarlo_refuses_bad_inputs(kwargs, match):
    from carbon_core.io.io_uncertainty import sda_montecarlo
    with pytest.raises(InputError, match=match):
        sda_montecarlo(_sda(), **kwargs)
    bare = _sda()
    bare.inputs = {}
    with pytest.raises(InputError, match="no inputs"):
        sda_montecarlo(bare, 5.0)


def test_sda_uncertainty_on_the_command_line(cli):
    args = ("sda", "--from", "china-provincial-io-42/guangdong_2012", "--to", "china-provincial-io-42/guangdong_2017",
            "--aggregate", "s11", "--satellite", "ceads")
    code, out, err = cli(*args, "--e-uncertainty", "10", "--e-uncertainty-to", "5", "--draws", "2000", "--seed", "3",
                         "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame.columns) == ["effect", "unit", "estimate", "median", "lower", "upper", "p_positive"]
    code0, out0, _ = cli(*args, "--format", "csv")
    plain = pd.read_csv(_io.StringIO(out0)).set_index("effect")["value"]
    np.testing.assert_allclose(frame.set_index("effect")["estimate"], plain.reindex(frame["effect"]), rtol=1e-12)
    assert "10% (year 0) and 5% (year 1)" in err and "stays the largest" in err
    code, _, err = cli(*args, "--e-uncertainty-to", "5")
    assert code != 0 and "goes with --e-uncertainty" in err
    code, _, err = cli(*args, "--e-uncertainty", "5", "--correlation", "-0.2")
    assert code != 0 and "correlation" in err
    for bad, text in (("60", "above 50%"), ("-3", "≥ 0"), ("nofile.csv", "nofile.csv")):
        code, out, err = cli(*args, "--e-uncertainty", bad)
        assert code != 0 and out == "" and text in err and "Traceback" not in err, err
    code, _, err = cli(*args, "--e-uncertainty", "5", "--draws", "0")
    assert code != 0 and "at least 1" in err


# ------------------------------------------------------------------ noise on Z, balances kept
def test_table_montecarlo_reduces_to_the_satellite_one_and_spreads_with_z():
    from carbon_core.io.io_uncertainty import table_montecarlo
    io, e = _sys(5)
    still = table_montecarlo(io, e, 0.0, 0.0, draws=20, seed=1, measures=("VIC", "NT", "m"))
    core = extraction_from_system(io, e)
    t = still.table.set_index(["measure", "sector"])
    np.testing.assert_allclose(t.loc["VIC", "lower"], core["VIC"], rtol=1e-12)
    np.testing.assert_allclose(t.loc["m", "upper"], io.multipliers(e), rtol=1e-12)
    # Z held: the same spread as the linear-map Monte Carlo over the satellite alone
    a = table_montecarlo(io, e, 0.0, 10.0, draws=4000, seed=2, measures=("VIC",)).table
    b = satellite_montecarlo(io, e, 10.0, draws=40_000, seed=3, measures=("VIC",)).table
    np.testing.assert_allclose(a["upper"] - a["lower"], b["upper"] - b["lower"], rtol=0.06)
    # noise on Z widens the intervals and leaves the medians near the estimates
    z = table_montecarlo(io, e, 10.0, 10.0, draws=2000, seed=4, measures=("VIC",)).table
    assert ((z["upper"] - z["lower"]) > (a["upper"] - a["lower"])).all()
    np.testing.assert_allclose(z["median"], z["estimate"], rtol=0.03)
    again = table_montecarlo(io, e, 10.0, 10.0, draws=2000, seed=4, measures=("VIC",)).table
    pd.testing.assert_frame_equal(z, again)


@pytest.mark.parametrize("kwargs, match", [
    (dict(z_uncertainty_pct=60), "from 0 to 50"), (dict(z_uncertainty_pct=-1), "from 0 to 50"),
    (dict(z_uncertainty_pct=[1, 2]), "one number"), (dict(z_uncertainty_pct=5, draws=0), "at least 1"),
    (dict(z_uncertainty_pct=5, e_uncertainty_pct=80), "above 50%"),
    (dict(z_uncertainty_pct=5, measures=("XX",)), "unknown measure"),
])
def test_table_montecarlo_refuses_bad_inputs(kwargs, match):
    from carbon_core.io.io_uncertainty import table_montecarlo
    io, e = _sys()
    with pytest.raises(InputError, match=match):
        table_montecarlo(io, e, **kwargs)


def test_z_uncertainty_on_the_command_line(cli):
    args = ("hem", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads")
    code, out, err = cli(*args, "--z-uncertainty", "5", "--e-uncertainty", "10", "--draws", "100", "--seed", "1",
                         "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame.columns) == ["sector", "measure", "estimate", "median", "lower", "upper", "p_first"]
    assert "every flow of Z drawn with ±5%" in err and "balances hold in every draw" in err
    code, _, err = cli(*args, "--z-uncertainty", "70", "--draws", "10")
    assert code != 0 and "from 0 to 50" in err
