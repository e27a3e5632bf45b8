"""Class 12: the productivity check decides large tables from the LU (Collatz–Wielandt), never hangs."""

import warnings

import numpy as np
import pytest

from carbon_core.errors import NotProductiveError, ProductivityUnverifiedWarning
from carbon_core.io import leontief
from carbon_core.io.iosystem import IOSystem


def big_table(n, seed=0, heavy=1.05):
    """A productive n-sector table where one column's inputs exceed its output (column sum of A > 1)."""
    rng = np.random.default_rng(seed)
    A = rng.random((n, n)) * (rng.random((n, n)) < 0.05)
    A *= 0.6 / A.sum(axis=0).clip(min=1e-9)
    A[:, 0] *= heavy / 0.6  # column 0 sums to `heavy`
    return A


@pytest.mark.parametrize("seed", [0, 1])
def test_collatz_wielandt_agrees_with_eigenvalues(seed):
    for scale in (0.9, 1.5, 3.0):
        A = big_table(60, seed) * scale
        rho = np.abs(np.linalg.eigvals(A)).max()
        ok, _ = leontief._positive_solution(A)
        assert ok == (rho < 1), (scale, rho)


def test_large_productive_table_with_a_heavy_column_is_accepted(monkeypatch):
    A = big_table(1600)
    monkeypatch.setattr(leontief, "spectral_radius", lambda *a, **k: pytest.fail("no eigenvalues needed"))
    x = np.full(A.shape[0], 100.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        io = IOSystem(A * x, x)
    assert "solver" in io.__dict__  # the LU of the check is the model's LU


def test_large_unproductive_table_is_refused_with_a_bound():
    A = big_table(1600) * 2.0
    x = np.full(A.shape[0], 100.0)
    with pytest.raises(NotProductiveError, match="spectral radius of A is at least 1\\.[0-9]"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            IOSystem(A * x, x)


def test_negative_entries_use_the_absolute_bound_first(monkeypatch):
    A = big_table(1600)
    A[1, 2] = -0.01
    monkeypatch.setattr(leontief, "spectral_radius", lambda *a, **k: pytest.fail("|A| bound suffices"))
    x = np.full(A.shape[0], 100.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        IOSystem(A * x, x, allow_negative=True)


def test_negative_entries_with_a_failing_iteration_warn(monkeypatch):
    A = big_table(1600) * 2.0
    A[1, 2] = -0.01
    monkeypatch.setattr(leontief, "spectral_radius", lambda *a, **k: None)  # the bounded iteration gave up
    with pytest.warns(ProductivityUnverifiedWarning):
        leontief.check_productive(A, [str(i) for i in range(A.shape[0])])


def test_spectral_radius_budget_is_bounded():
    A = big_table(1600)
    rho = leontief.spectral_radius(A, budget=5)
    assert rho is None or rho > 0
