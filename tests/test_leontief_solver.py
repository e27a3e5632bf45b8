"""The LU-based products with L agree with a plain inverse, with and without row pivoting."""

import numpy as np
import pytest

from carbon_core.io.leontief import LeontiefSolver


def _pivoting_A(n, seed):
    """Coefficients whose I - A forces row swaps (large off-diagonal entries, some negative)."""
    rng = np.random.default_rng(seed)
    A = rng.normal(0.0, 0.6, (n, n))
    A[np.diag_indices(n)] = rng.uniform(0.9, 1.1, n)  # diagonal of I - A near 0: partial pivoting swaps rows
    return A


@pytest.mark.parametrize("n", [1, 2, 7, 60])
@pytest.mark.parametrize("kind", ["leontief", "pivoting"])
def test_inverse_rows_columns_diagonal_match_a_plain_inverse(n, kind):
    rng = np.random.default_rng(n)
    if kind == "leontief":
        A = rng.uniform(0, 1, (n, n)) / (1.3 * n)
    else:
        A = _pivoting_A(n, n)
    solver = LeontiefSolver(A)
    if kind == "pivoting" and n > 2:
        assert (solver._permutation() != np.arange(n)).any(), "the case must exercise row swaps"
    L = np.linalg.inv(np.eye(n) - A)
    scale = np.abs(L).max()
    assert np.allclose(solver.inverse(), L, rtol=1e-10, atol=1e-12 * scale)
    assert np.allclose(solver.diagonal(), np.diag(L), rtol=1e-10, atol=1e-12 * scale)
    idx = [0, n - 1]
    assert np.allclose(solver.columns(idx), L[:, idx], rtol=1e-10, atol=1e-12 * scale)
    assert np.allclose(solver.rows(idx), L[idx, :], rtol=1e-10, atol=1e-12 * scale)
    w = rng.uniform(0, 1, n)
    assert np.allclose(solver.solve_left(w), w @ L, rtol=1e-10, atol=1e-12 * scale)


def test_inverse_leaves_the_factors_intact():
    A = np.random.default_rng(3).uniform(0, 1, (30, 30)) / 40
    solver = LeontiefSolver(A)
    first = solver.inverse()
    assert np.array_equal(solver.inverse(), first)
