"""Cross-check against pymrio, the peer library, on its own test MRIO."""

import numpy as np
import pandas as pd
import pytest

pymrio = pytest.importorskip("pymrio")

from carbon_core import IOSystem  # noqa: E402


@pytest.fixture(scope="module")
def mrio():
    io = pymrio.load_test()
    io.calc_all()
    return io


def _ours(mrio):
    labels = [f"{r}/{s}" for r, s in mrio.Z.index]
    Z = pd.DataFrame(mrio.Z.to_numpy(), index=labels, columns=labels)
    x = mrio.Z.sum(axis=1).to_numpy() + mrio.Y.sum(axis=1).to_numpy()
    return IOSystem(Z, x, unit="M EUR"), labels


def rel_err(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.abs(a - b).max() / max(np.abs(b).max(), 1e-300)


def test_leontief_inverse_matches(mrio):
    io, _ = _ours(mrio)
    np.testing.assert_allclose(io.x.to_numpy(), mrio.x.to_numpy().ravel(), rtol=1e-12)
    assert rel_err(io.L.to_numpy(), mrio.L.to_numpy()) <= 1e-10


def test_multipliers_and_footprints_match(mrio):
    io, labels = _ours(mrio)
    ext = mrio.emissions
    F = pd.DataFrame(ext.F.to_numpy(), index=[s for s, _ in ext.F.index], columns=labels)
    for k, stressor in enumerate(F.index):
        assert rel_err(io.multipliers(F.loc[stressor]).to_numpy(), ext.M.to_numpy()[k]) <= 1e-10
    regions = list(mrio.get_regions())
    Y_reg = pd.DataFrame({r: mrio.Y[r].sum(axis=1).to_numpy() for r in regions}, index=labels)
    ours = io.footprints(F, Y_reg)
    # pymrio's regional footprint also holds the final users' own direct emissions F_Y
    F_Y_reg = np.column_stack([ext.F_Y[r].sum(axis=1).to_numpy() for r in regions])
    assert rel_err(ours.to_numpy() + F_Y_reg, ext.D_cba_reg[regions].to_numpy()) <= 1e-10
    # consumption-based total equals production-based total (x = L y)
    vic = sum(io.complete_consumption(F.loc[s]).sum() for s in F.index)
    assert vic == pytest.approx(ext.D_cba.to_numpy().sum(), rel=1e-10)
