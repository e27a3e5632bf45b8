"""Leontief model: coefficients, the inverse and cheap products with it.

Notation follows Miller & Blair (2009) and pymrio: ``Z`` intermediate flows (n×n,
row = supplying sector, column = using sector), ``x`` total output, ``A = Z diag(x)^-1``,
``L = (I - A)^-1``, balancing final demand ``y = x - Z·1``.

:class:`LeontiefSolver` factorises ``I - A`` once (LU) and answers everything the
carbon measures need — ``w'L``, ``L·y``, chosen columns of ``L`` and ``diag(L)`` —
without forming the full inverse, which is what makes extraction for every sector
cost about one inversion in total.
"""

from __future__ import annotations

import warnings

import numpy as np
from ..checks import list_labels
from ..errors import NotProductiveError, ProductivityUnverifiedWarning

def _sla():
    """scipy.linalg, imported on first use: loading the add-in or the command line does not pay for it."""
    import scipy.linalg

    return scipy.linalg


#: Above this size the spectral radius is estimated iteratively instead of from all eigenvalues.
_DENSE_EIG_LIMIT = 1500


def technical_coefficients(Z: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``A = Z diag(x)^-1``; a column whose output is zero gets zeros (pymrio convention)."""
    inv_x = np.divide(1.0, x, out=np.zeros_like(x, dtype=float), where=x != 0)
    return Z * inv_x[np.newaxis, :]


def spectral_radius(A: np.ndarray, *, budget: int = 300) -> float | None:
    """Largest absolute eigenvalue of A; None when the iterative estimate (n > 1500) does not converge.

    ``budget`` bounds the Arnoldi iterations, so a hard matrix costs seconds, not minutes.
    """
    n = A.shape[0]
    if n <= _DENSE_EIG_LIMIT:
        return float(np.abs(np.linalg.eigvals(A)).max())
    from scipy.sparse.linalg import ArpackNoConvergence, eigs  # scipy loads on first use (fast start)

    try:
        vals = eigs(A, k=1, which="LM", return_eigenvectors=False, maxiter=budget, tol=1e-8)
    except ArpackNoConvergence:
        return None
    return float(np.abs(vals).max())


def _radius_lower_bound(A: np.ndarray, steps: int = 50) -> float:
    """Collatz–Wielandt lower bound ``min_i (A v)_i / v_i`` after a few power steps (A >= 0)."""
    v = np.ones(A.shape[0])
    lo = 0.0
    for _ in range(steps):
        w = A @ v
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(v > 0, w / v, np.inf)
        lo = max(lo, float(np.min(ratio)) if np.isfinite(ratio).any() else 0.0)
        norm = np.abs(w).max()
        if not norm > 0:
            break
        v = w / norm
    return lo


def _positive_solution(A: np.ndarray, solver: "LeontiefSolver | None" = None) -> tuple[bool, "LeontiefSolver | None"]:
    """Whether ``(I - A) z = 1`` has a strictly positive solution (A >= 0): exactly when ρ(A) < 1."""
    try:
        solver = solver or LeontiefSolver(A)
    except NotProductiveError:
        return False, None
    z = solver.solve(np.ones(A.shape[0]))
    return bool(np.all(np.isfinite(z)) and np.all(z > 0)), solver


def check_productive(A: np.ndarray, labels, solver: "LeontiefSolver | None" = None) -> "LeontiefSolver | None":
    """Raise :class:`NotProductiveError` unless the spectral radius of A is below 1.

    A column sum of |A| below 1 everywhere proves it at O(n²) cost (the 1-norm bounds the
    spectral radius). Otherwise, for A >= 0, the Collatz–Wielandt criterion decides it at the
    cost of the LU the Leontief model needs anyway: ρ(A) < 1 exactly when ``(I - A) z = 1`` has
    a strictly positive solution. With negative entries (allowed subsidies), ρ(A) <= ρ(|A|), so
    the same test on |A| proves productivity; failing that, eigenvalues decide, within a bounded
    budget (a warning says when the budget ran out).

    Returns the LU solver when one was built, for reuse.
    """
    nonnegative = A.min(initial=0.0) >= 0  # no |A| temporary for the usual table
    colsum = A.sum(axis=0) if nonnegative else np.abs(A).sum(axis=0)
    if colsum.max(initial=0.0) < 1.0:
        return solver
    heavy = [labels[i] for i in np.nonzero(colsum >= 1.0)[0]]
    if nonnegative:
        ok, solver = _positive_solution(A, solver)
        if ok:
            return solver
        rho = spectral_radius(A) if A.shape[0] <= _DENSE_EIG_LIMIT else None
        radius = f"is {rho:.6g}" if rho is not None else f"is at least {_radius_lower_bound(A):.6g}"
        raise NotProductiveError(_not_productive(radius, heavy))
    ok, _ = _positive_solution(np.abs(A))
    if ok:
        return solver
    rho = spectral_radius(A)
    if rho is None:
        warnings.warn(
            "could not establish within the iteration budget that the spectral radius of A is below 1 "
            "(the table has negative entries and more than 1,500 sectors); results are computed, but check "
            "that the table is productive.", ProductivityUnverifiedWarning, stacklevel=3)
        return solver
    if rho < 1.0 - 1e-12:
        return solver
    raise NotProductiveError(_not_productive(f"is {rho:.6g}", heavy))


def _not_productive(radius: str, heavy: list) -> str:
    return (
        f"the IO system is not productive: the spectral radius of A {radius} (must be < 1), "
        f"so (I - A) has no non-negative inverse. Sectors whose inputs reach or exceed their "
        f"output (column sum of A >= 1): {list_labels(heavy)}. Check that x is total output "
        "(not value added or final use) and that Z and x are in the same unit."
    )


class LeontiefSolver:
    """One LU factorisation of ``I - A`` and the products with ``L`` built from it.

    Parameters
    ----------
    A : ndarray of shape (n, n)
        Technical coefficients, already checked to be productive.
    """

    def __init__(self, A: np.ndarray):
        n = A.shape[0]
        M = np.negative(A, order="F")  # I - A, built in the order LAPACK factorises in place
        M[np.diag_indices(n)] += 1.0
        self.n = n
        sla = _sla()
        with warnings.catch_warnings():  # a singular matrix gets our own error below
            warnings.simplefilter("ignore", sla.LinAlgWarning)
            self._lu, self._piv = sla.lu_factor(M, overwrite_a=True, check_finite=False)
        pivots = np.abs(np.diag(self._lu))
        if pivots.min(initial=np.inf) <= np.finfo(float).eps * n * max(1.0, pivots.max(initial=0.0)):
            raise NotProductiveError(
                "(I - A) is singular: the Leontief inverse does not exist. A sector may use exactly "
                "its own output as input, or two sectors' columns may be proportional; check Z and x."
            )

    def solve(self, b: np.ndarray) -> np.ndarray:
        """``L·b``."""
        return _sla().lu_solve((self._lu, self._piv), b, check_finite=False)

    def solve_left(self, w: np.ndarray) -> np.ndarray:
        """``w'·L`` (w a vector or rows stacked in a matrix)."""
        w = np.asarray(w, dtype=float)
        return _sla().lu_solve((self._lu, self._piv), w.T, trans=1, check_finite=False).T

    def columns(self, idx) -> np.ndarray:
        """The columns ``L[:, idx]`` (n × len(idx))."""
        idx = np.asarray(idx, dtype=int)
        E = np.zeros((self.n, idx.size))
        E[idx, np.arange(idx.size)] = 1.0
        return self.solve(E)

    def rows(self, idx) -> np.ndarray:
        """The rows ``L[idx, :]`` (len(idx) × n)."""
        idx = np.asarray(idx, dtype=int)
        E = np.zeros((idx.size, self.n))
        E[np.arange(idx.size), idx] = 1.0
        return self.solve_left(E)

    def inverse(self) -> np.ndarray:
        """The full ``L`` (n × n, Fortran order) as ``U^-1 (L_f^-1 P)``.

        ``L_f^-1`` comes from a triangular inversion (a third of the work of solving against the
        identity, whose zeros it skips) and is overwritten by ``U^-1 L_f^-1`` in one triangular
        solve: about two thirds of the work of getri, with no n × n temporary besides L itself.
        """
        sla = _sla()
        G, info = sla.lapack.dtrtri(self._lu, lower=1, unitdiag=1)
        if info != 0:  # pragma: no cover - guarded in __init__
            raise NotProductiveError("(I - A) is singular: the Leontief inverse does not exist.")
        G = np.asfortranarray(G)
        for j in range(1, self.n):  # the upper part still holds U: clear it, column by column (contiguous)
            G[:j, j] = 0.0
        G[np.diag_indices(self.n)] = 1.0
        L = sla.blas.dtrsm(1.0, self._lu, G, lower=0, overwrite_b=1)
        perm = self._permutation()
        if (perm != np.arange(self.n)).any():  # rows were swapped: L = (U^-1 L_f^-1) P
            inv_perm = np.empty(self.n, dtype=int)
            inv_perm[perm] = np.arange(self.n)
            L = np.asfortranarray(L[:, inv_perm])
        return L

    def _permutation(self) -> np.ndarray:
        """LAPACK pivots are successive row swaps; the permutation P they make."""
        perm = np.arange(self.n)
        for i, p in enumerate(self._piv):
            if p != i:
                perm[i], perm[p] = perm[p], perm[i]
        return perm

    def diagonal(self) -> np.ndarray:
        """``diag(L)`` from the LU factors, without the full inverse.

        With ``P(I - A) = L_f U``, ``L = U^-1 L_f^-1 P``, so ``l_jj`` is the dot product of
        row j of ``U^-1`` with column j of ``L_f^-1 P``. Two triangular inversions cost
        about 2/3 of a general inverse.
        """
        n = self.n
        lapack = _sla().lapack
        u_inv, info_u = lapack.dtrtri(self._lu, lower=0, unitdiag=0)
        l_inv, info_l = lapack.dtrtri(self._lu, lower=1, unitdiag=1)
        if info_u != 0 or info_l != 0:  # pragma: no cover - guarded in __init__
            raise NotProductiveError("(I - A) is singular: the Leontief inverse does not exist.")
        u_inv = np.triu(u_inv)
        l_inv = np.tril(l_inv, -1)
        l_inv[np.diag_indices(n)] = 1.0
        perm = self._permutation()
        # (L_f^-1 P)[k, j] = l_inv[k, inv_perm[j]] where perm[inv_perm[j]] = j
        inv_perm = np.empty(n, dtype=int)
        inv_perm[perm] = np.arange(n)
        return np.einsum("jk,kj->j", u_inv, l_inv[:, inv_perm], optimize=False)
