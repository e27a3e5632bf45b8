"""Property tests: the one-LU route equals literal re-inversion; identities hold."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carbon_core.errors import NegativeFinalDemandWarning
from carbon_core.io.hem import extraction_table, extraction_table_reference


def random_system(seed: int, n: int, sparsity: float = 0.3):
    """A productive system: every column's inputs stay below its output."""
    rng = np.random.default_rng(seed)
    Z = rng.lognormal(0.0, 2.0, (n, n)) * (rng.random((n, n)) > sparsity)
    y = rng.lognormal(2.0, 1.5, n)
    va = rng.uniform(0.02, 1.5, n)
    x = np.maximum(Z.sum(axis=1) + y, Z.sum(axis=0) * (1 + va))
    e = rng.lognormal(0.0, 2.0, n) * (rng.random(n) > 0.1)
    return Z, x, e, rng


def random_partition(rng, n: int):
    k = int(rng.integers(1, min(n, 4) + 1))
    assign = rng.permutation(np.arange(n) % k)
    return {f"G{g}": [str(i + 1) for i in range(n) if assign[i] == g] for g in range(k)}


def _close(a, b, scale):
    np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9 * scale)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 14))
def test_single_sector_fast_route_equals_reinversion(seed, n):
    Z, x, e, _ = random_system(seed, n)
    fast = extraction_table(Z, x, e)
    ref = extraction_table_reference(Z, x, e)
    _close(fast.to_numpy(), ref.to_numpy(), float(e @ np.ones(n)) + 1.0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(2, 14))
def test_group_fast_route_equals_reinversion(seed, n):
    Z, x, e, rng = random_system(seed, n)
    groups = random_partition(rng, n)
    fast = extraction_table(Z, x, e, groups=groups)
    ref = extraction_table_reference(Z, x, e, groups=groups)
    _close(fast.to_numpy(), ref.to_numpy(), float(e.sum()) + 1.0)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 14), st.booleans())
def test_identities_over_a_partition(seed, n, use_groups):
    Z, x, e, rng = random_system(seed, n)
    groups = random_partition(rng, n) if use_groups else None
    t = extraction_table(Z, x, e, groups=groups)
    w_x = float(e.sum())  # w'x = Σ e for sectors with output
    tol = 1e-10 * (w_x + 1.0)
    np.testing.assert_allclose(t["IE"] + t["ME"] + t["NBL"], t["VIC"], atol=tol)
    np.testing.assert_allclose(t["IE"] + t["ME"] + t["NFL"], t["DC"], atol=tol)
    np.testing.assert_allclose(t["NFL"] - t["NBL"], t["NT"], atol=tol)
    np.testing.assert_allclose(t["BL"] + t["FL"], t["TL"], atol=tol)
    assert abs(t["NBL"].sum() - t["NFL"].sum()) <= tol
    assert abs(t["VIC"].sum() - w_x) <= tol
    assert abs(t["DC"].sum() - w_x) <= tol


def test_single_sector_equals_group_of_one():
    Z, x, e, _ = random_system(7, 9)
    single = extraction_table(Z, x, e)
    groups = {str(i + 1): [str(i + 1)] for i in range(9)}
    grouped = extraction_table(Z, x, e, groups=groups)
    np.testing.assert_allclose(single.to_numpy(), grouped.to_numpy(), rtol=1e-11, atol=1e-11)


def test_negative_final_demand_is_exact_and_warned():
    Z = np.array([[10.0, 60.0, 5.0], [20.0, 10.0, 30.0], [5.0, 5.0, 10.0]])
    x = np.array([70.0, 100.0, 80.0])  # sector 1: row sum 75 > 70, so y_1 = -5
    e = np.array([3.0, 2.0, 1.0])
    with pytest.warns(NegativeFinalDemandWarning, match="negative for 1"):
        fast = extraction_table(Z, x, e)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NegativeFinalDemandWarning)
        ref = extraction_table_reference(Z, x, e)
    np.testing.assert_allclose(fast.to_numpy(), ref.to_numpy(), rtol=1e-10, atol=1e-12)
