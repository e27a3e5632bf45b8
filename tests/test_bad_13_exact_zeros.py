"""Class 13: measures whose exact value is 0 come out as 0; small measures keep their relative accuracy.

The reference computes the literal definitions (seed 000 sec. 2.2) in exact rational arithmetic
(fractions.Fraction), so it is the true value of each measure for the given table.
"""

from fractions import Fraction as F

import numpy as np
import pytest

from carbon_core.io.hem import MEASURES, extraction_table


def inverse(M):
    n = len(M)
    aug = [list(row) + [F(int(i == j)) for j in range(n)] for i, row in enumerate(M)]
    for c in range(n):
        p = next(r for r in range(c, n) if aug[r][c] != 0)
        aug[c], aug[p] = aug[p], aug[c]
        piv = aug[c][c]
        aug[c] = [v / piv for v in aug[c]]
        for r in range(n):
            if r != c and aug[r][c] != 0:
                f = aug[r][c]
                aug[r] = [a - f * b for a, b in zip(aug[r], aug[c])]
    return [row[n:] for row in aug]


def exact_measures(Z, x, e, group):
    n = len(x)
    A = [[F(Z[i][j]) / F(x[j]) for j in range(n)] for i in range(n)]
    w = [F(e[j]) / F(x[j]) for j in range(n)]
    y = [F(x[i]) - sum(F(Z[i][j]) for j in range(n)) for i in range(n)]
    L = inverse([[F(int(i == j)) - A[i][j] for j in range(n)] for i in range(n)])
    s = list(group)
    r = [i for i in range(n) if i not in s]
    sub = lambda M, rows, cols: [[M[i][j] for j in cols] for i in rows]  # noqa: E731
    vec = lambda v, idx: [v[i] for i in idx]  # noqa: E731
    mv = lambda M, v: [sum(a * b for a, b in zip(row, v)) for row in M]  # noqa: E731
    dot = lambda a, b: sum(p * q for p, q in zip(a, b))  # noqa: E731
    Ds = inverse([[F(int(i == j)) - A[i][j] for j in s] for i in s])
    ws, wr, ys, yr = vec(w, s), vec(w, r), vec(y, s), vec(y, r)
    Lss = sub(L, s, s)
    IE = dot(ws, mv(Ds, ys))
    ME = dot(ws, mv([[Lss[i][j] - Ds[i][j] for j in range(len(s))] for i in range(len(s))], ys))
    NBL = dot(wr, mv(sub(L, r, s), ys)) if r else F(0)
    NFL = dot(ws, mv(sub(L, s, r), yr)) if r else F(0)
    Astar = [[A[i][j] if ((i in s) == (j in s)) else F(0) for j in range(n)] for i in range(n)]
    xstar = mv(inverse([[F(int(i == j)) - Astar[i][j] for j in range(n)] for i in range(n)]), y)
    TL = dot(w, [F(v) for v in x]) - dot(w, xstar)
    BL = ME + NBL
    DC = dot(ws, [F(x[i]) for i in s])
    VIC = IE + ME + NBL
    return [IE, ME, NBL, NFL, VIC, DC, DC - VIC, BL, TL - BL, TL]


def check(Z, x, e):
    t = extraction_table(np.array(Z, dtype=float), np.array(x, dtype=float), np.array(e, dtype=float))
    for j in range(len(x)):
        exact = exact_measures(Z, x, e, [j])
        for name, ref in zip(MEASURES, exact):
            got = t.iloc[j][name]
            if ref == 0:
                assert got == 0.0, (j, name, got)
            else:
                assert got == pytest.approx(float(ref), rel=1e-11), (j, name, got, float(ref))


def test_sector_that_sells_nothing_to_others_has_exact_zeros():
    # sector 3 sells only to itself and to final demand: ME = NFL = FL = 0 exactly
    Z = [[10_000_000, 2_000_000, 30_000_000], [5_000_000, 40_000_000, 7_000_000], [0, 0, 90_000_000]]
    x = [100_000_000, 120_000_000, 150_000_000]
    e = [300, 50, 9_000]
    t = extraction_table(np.array(Z, float), np.array(x, float), np.array(e, float))
    for m in ("ME", "NFL", "FL"):
        assert t.loc["3", m] == 0.0
    check(Z, x, e)


def test_sector_that_buys_nothing_from_others():
    Z = [[10, 0, 3], [5, 40, 7], [1, 0, 9]]  # sector 2 buys only from itself: ME = NBL = 0
    x = [100, 120, 150]
    e = [3, 5, 9]
    t = extraction_table(np.array(Z, float), np.array(x, float), np.array(e, float))
    assert t.loc["2", "ME"] == 0.0 and t.loc["2", "NBL"] == 0.0
    check(Z, x, e)


@pytest.mark.parametrize("seed", range(6))
def test_random_small_systems_against_exact_arithmetic(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 6))
    Z = (rng.integers(0, 50, (n, n)) * (rng.random((n, n)) > 0.4)).tolist()
    x = [int(sum(Z[i][j] for i in range(n)) + rng.integers(20, 200)) for j in range(n)]
    x = [max(xi, sum(Z[i]) + 1) for i, xi in enumerate(x)]  # keep final demand positive
    e = rng.integers(0, 100, n).tolist()
    check(Z, x, e)


def test_groups_against_exact_arithmetic():
    Z = [[10, 2, 3, 0], [5, 40, 7, 1], [0, 0, 90, 0], [3, 1, 2, 20]]
    x = [100, 120, 150, 60]
    e = [3, 5, 9, 2]
    groups = {"G1": ["1", "2"], "G2": ["3", "4"], "G3": ["3"]}
    t = extraction_table(np.array(Z, float), np.array(x, float), np.array(e, float), groups=groups)
    for name, members in groups.items():
        exact = exact_measures(Z, x, e, [int(m) - 1 for m in members])
        for m, ref in zip(MEASURES, exact):
            got = t.loc[name, m]
            assert (got == 0.0) if ref == 0 else got == pytest.approx(float(ref), rel=1e-11), (name, m, got)
