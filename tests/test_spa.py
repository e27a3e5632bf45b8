"""Structural path analysis and average propagation length: against brute force, by-hand
systems, the layer identity and series definitions; bad limits refused; the command line."""

import itertools
import io as _io

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carbon_core.errors import InputError
from carbon_core.io.iosystem import IOSystem
from carbon_core.io.spa import average_propagation_length, emission_stages, structural_paths


def _system(seed: int, n: int, density: float = 0.7, negative_y: bool = False):
    rng = np.random.default_rng(seed)
    Z = rng.uniform(0, 10, (n, n)) * (rng.random((n, n)) < density)
    y = rng.uniform(2, 20, n)
    if negative_y:
        y[0] = -3.0
    x = np.maximum(np.maximum(Z.sum(axis=1) + y, Z.sum(axis=0) * 1.25), 1.0)  # every sector produces
    e = rng.uniform(0, 5, n) * (rng.random(n) < 0.9)
    e[-1] = e[-1] or 1.0  # something is emitted (a system without emissions is refused, and tested apart)
    return Z, x, e


def _brute(io: IOSystem, e, stages: int, roots=None):
    A, w, y = io.A_values, np.asarray(e) / io.x_values, io.y_values
    roots = range(io.n) if roots is None else roots
    out = []
    for k in range(stages + 1):
        for chain in itertools.product(range(io.n), repeat=k + 1):
            if chain[-1] not in roots:
                continue
            v = w[chain[0]] * y[chain[-1]]
            for a, b in zip(chain[:-1], chain[1:]):
                v *= A[a, b]
            if v:
                out.append((v, chain))
    return sorted(out, key=lambda t: -abs(t[0]))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 5), negative=st.booleans())
def test_top_paths_equal_brute_force_to_stage_4(seed, n, negative):
    Z, x, e = _system(seed, n, negative_y=negative)
    io = IOSystem(Z, x)
    scale = float(np.abs(io.multipliers(e).to_numpy() * io.y_values).sum())
    brute = [(v, c) for v, c in _brute(io, e, 4) if abs(v) >= 1e-12 * scale]  # what the threshold lets through
    r = structural_paths(io, e, max_stage=4, threshold=1e-12, top=len(brute) + 10)
    got = list(zip(r.paths["value"], r.paths["sectors"]))
    assert len(got) == len(brute)
    for (v, chain), (bv, bchain) in zip(got, brute):
        assert v == pytest.approx(bv, rel=1e-12, abs=1e-15)
    values = np.abs(r.paths["value"].to_numpy())
    assert np.all(values[:-1] >= values[1:] * (1 - 1e-12))  # best first
    assert r.paths["path"].is_unique  # no path twice
    # every path to stage 4 above 1e-12 of the total listed: what is not listed is the remainder after stage 4
    assert r.coverage == pytest.approx(1 - r.layers.loc["remainder", "share"], rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("stages", [0, 1, 3, 8, 30])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stages_and_remainder_add_up_to_the_total(stages, seed):
    Z, x, e = _system(seed, 7)
    io = IOSystem(Z, x)
    r = structural_paths(io, e, max_stage=stages, threshold=1e-3)
    assert r.layers.index.tolist() == [str(k) for k in range(stages + 1)] + ["remainder"]
    total = float(io.multipliers(e).to_numpy() @ io.y_values)
    assert r.total == pytest.approx(total, rel=1e-12)
    assert r.layers["value"].sum() == pytest.approx(total, rel=1e-12)
    assert r.layers["share"].sum() == pytest.approx(1.0, rel=1e-12)


def test_a_system_worked_by_hand():
    # two sectors; A = [[0.1, 0.2], [0.3, 0]], w = (1, 2), y = (10, 0): only sector 1's final demand
    Z = np.array([[10.0, 20.0], [30.0, 0.0]])
    x = np.array([100.0, 100.0])
    io = IOSystem(Z, x)
    e = np.array([100.0, 200.0])  # w = (1, 2)
    y = np.array([10.0, 0.0])
    r = structural_paths(io, e, y, max_stage=2, threshold=1e-9, top=10)
    expected = {"1": 10.0,            # w1 y1
                "2>1": 2 * 0.3 * 10,   # w2 a21 y1 = 6
                "1>1": 1 * 0.1 * 10,   # 1
                "1>2>1": 1 * 0.2 * 0.3 * 10,  # 0.6
                "2>1>1": 2 * 0.3 * 0.1 * 10,  # 0.6
                "1>1>1": 1 * 0.1 * 0.1 * 10}  # 0.1
    assert dict(zip(r.paths["path"], r.paths["value"])) == pytest.approx(expected)
    assert r.paths["path"].tolist()[:3] == ["1", "2>1", "1>1"]
    assert r.paths.loc[r.paths["path"] == "2>1", "stage"].item() == 1


def test_threshold_prunes_and_reports_what_it_left_out():
    Z, x, e = _system(7, 8)
    io = IOSystem(Z, x)
    full = structural_paths(io, e, max_stage=6, threshold=1e-12, top=10**6)
    cut = structural_paths(io, e, max_stage=6, threshold=0.01, top=10**6)
    scale = float(np.abs(io.multipliers(e).to_numpy() * io.y_values).sum())
    assert (cut.paths["value"].abs() >= 0.01 * scale).all()
    assert cut.largest_omitted < 0.01 * scale
    # the paths listed are exactly the paths of the full listing above the threshold
    above = full.paths[full.paths["value"].abs() >= 0.01 * scale]
    assert cut.paths["path"].tolist() == above["path"].tolist()
    top = structural_paths(io, e, max_stage=6, threshold=1e-12, top=5)
    assert top.paths["path"].tolist() == full.paths["path"].tolist()[:5]
    assert top.largest_omitted >= abs(full.paths["value"].iloc[5]) * (1 - 1e-12)  # the 6th path was left out


def test_final_demand_of_chosen_sectors():
    Z, x, e = _system(11, 4)
    io = IOSystem(Z, x, labels=["a", "b", "c", "d"])
    r = structural_paths(io, e, sectors=["c"], max_stage=3, threshold=1e-12, top=10**5)
    assert all(chain[-1] == "c" for chain in r.paths["sectors"])
    brute = _brute(io, e, 3, roots=[2])
    assert len(r.paths) == len(brute)
    y_c = np.zeros(4)
    y_c[2] = io.y_values[2]
    assert r.total == pytest.approx(float(io.multipliers(e).to_numpy() @ y_c), rel=1e-12)


@pytest.mark.parametrize("kwargs, match", [
    ({"threshold": 0}, "threshold must be a share"), ({"threshold": 1}, "threshold must be a share"),
    ({"threshold": -0.1}, "threshold must be a share"), ({"threshold": "lots"}, "threshold must be a number"),
    ({"max_stage": 51}, "stage limit must be a whole number from 0 to 50"),
    ({"max_stage": -1}, "stage limit"), ({"max_stage": 2.5}, "stage limit"),
    ({"top": 0}, "top must be a whole number"), ({"sectors": ["S99"]}, "S99"),
])
def test_bad_limits_and_sectors_are_refused(kwargs, match):
    Z, x, e = _system(3, 3)
    io = IOSystem(Z, x, labels=["S1", "S2", "S3"])
    with pytest.raises(InputError, match=match):
        structural_paths(io, e, **kwargs)


def test_nothing_to_decompose_is_refused():
    Z, x, _ = _system(3, 3)
    io = IOSystem(Z, x)
    with pytest.raises(InputError, match="embodies nothing") as info:
        structural_paths(io, np.zeros(3))
    assert info.value.code == "zero-total"


def test_apl_and_stage_counts_equal_their_series():
    Z, x, e = _system(5, 5)
    io = IOSystem(Z, x)
    A = io.A_values
    powers = [np.linalg.matrix_power(A, k) for k in range(400)]
    weighted = sum(k * P for k, P in enumerate(powers))
    indirect = sum(powers[1:])
    apl = average_propagation_length(io).to_numpy()
    mask = indirect > 1e-12
    np.testing.assert_allclose(apl[mask], weighted[mask] / indirect[mask], rtol=1e-10)
    w, y = e / x, io.y_values
    stages = emission_stages(io, e)
    down = (weighted @ y) / (sum(powers) @ y)
    up = (w @ weighted) / (w @ sum(powers))
    np.testing.assert_allclose(stages["to_final_demand"].to_numpy()[w > 0], down[w > 0], rtol=1e-10)
    np.testing.assert_allclose(stages["from_emission"].to_numpy(), up, rtol=1e-10)


def test_command_line_paths_layers_and_names(cli):
    base = ["spa", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads"]
    code, out, err = cli(*base, "--top", "15", "--format", "csv")
    assert code == 0, err
    frame = pd.read_csv(_io.StringIO(out))
    assert list(frame.columns)[:5] == ["rank", "stage", "path", "value", "share"] and "名称" in frame.columns
    assert frame["rank"].tolist() == list(range(1, 16)) and frame["path"].iloc[0] == "S7"
    assert "cover" in err
    code, out, err = cli(*base, "--layers", "--format", "csv")
    assert code == 0, err
    layers = pd.read_csv(_io.StringIO(out), index_col=0)
    code, hem_out, _ = cli("hem", *base[1:], "--format", "csv")
    dc_total = pd.read_csv(_io.StringIO(hem_out), index_col=0)["DC"].sum()
    assert layers["value"].sum() == pytest.approx(dc_total, rel=1e-9)  # Σ stages + remainder = wᵀLy = Σ direct
    code, _, err = cli(*base, "--threshold", "2")
    assert code != 0 and "threshold must be a share" in err and err.count("\n") == 1


def test_the_sparse_route_lists_what_the_dense_route_lists():
    import scipy.sparse as sp

    from carbon_core.io.spa import sparse_structural_paths

    Z, x, e = _system(21, 30, density=0.2)
    io = IOSystem(Z, x)
    dense = structural_paths(io, e, max_stage=6, threshold=1e-5, top=300)
    sparse = sparse_structural_paths(sp.csr_matrix(io.A_values), e / x, io.y_values, max_stage=6, threshold=1e-5,
                                     top=300)
    assert sparse.paths["path"].tolist() == dense.paths["path"].tolist()
    np.testing.assert_allclose(sparse.paths["value"], dense.paths["value"], rtol=1e-12)
    np.testing.assert_allclose(sparse.layers["value"], dense.layers["value"], rtol=1e-10)
    assert sparse.total == pytest.approx(dense.total, rel=1e-12)
    A = sp.csr_matrix(np.array([[0.5, 0.6], [0.6, 0.5]]))
    with pytest.raises(Exception, match="column of \\|A\\| sums to 1.1"):
        sparse_structural_paths(A, [1, 1], [1, 1])


def test_command_line_stage_counts_and_xlsx(cli, tmp_path):
    base = ["spa", "--province", "guangdong", "--year", "2017", "--aggregate", "s11", "--satellite", "ceads"]
    code, out, err = cli(*base, "--apl", "--format", "csv")
    assert code == 0, err
    stages = pd.read_csv(_io.StringIO(out), index_col=0)
    assert list(stages.columns)[:2] == ["to_final_demand", "from_emission"] and len(stages) == 11
    assert (stages["from_emission"] >= 0).all() and (stages["from_emission"] < 10).all()
    target = tmp_path / "spa.xlsx"
    code, _, err = cli(*base, "--top", "10", "--output", str(target))
    assert code == 0, err
    import openpyxl

    wb = openpyxl.load_workbook(target)
    assert wb.sheetnames == ["About", "Paths", "Stages"]
    assert [c.value for c in wb["Paths"][3]] == ["rank", "stage", "path", "value", "share", "名称", "names"]
