"""Structural path analysis (SPA) and average propagation length (APL).

Emissions embodied in final demand, ``wᵀLy = wᵀ(I + A + A² + …)y``, split two ways:

- by production layer (stage k holds ``wᵀAᵏy``), with the remainder after the last stage
  computed directly as ``(wᵀL)·A^{K+1}y``, so that the stages and the remainder add up to
  ``wᵀLy`` (Lenzen 2003; Peters & Hertwich 2006);
- by supply chain: the path ``i₀ → i₁ → … → i_k`` (``i₀`` emits, ``i_k`` meets final demand) is
  worth ``w_{i₀} a_{i₀i₁} … a_{i_{k−1}i_k} y_{i_k}`` (Defourny & Thorbecke 1984).

Paths are listed best first without enumerating ``nᵏ`` of them: the tree grows upstream from
each final-demand sector, and every branch carries the total of everything above it,
``(m_i − w_i)·q`` with ``m = wᵀL`` (the total multipliers) and ``q`` the output the chain asks
of sector ``i``. A priority queue holds paths by value and branches by that total; a path is
reported when nothing left in the queue can beat it, and a branch whose total is under the
threshold is never opened. The work grows with the paths reported, not with ``nᵏ``.

Signs: with negative final demand (inventory draw-downs) or negative flows, values are ranked
by their absolute size and bounded with ``|w|ᵀ(I − |A|)⁻¹``.

APL (Dietzenbacher, Romero & Bosma 2005): the average number of steps a unit of final demand
for ``j`` travels to reach ``i``, ``[L(L − I)]_ij / [L − I]_ij``.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import checks
from ..errors import InputError, NotProductiveError
from .hem import resolve_groups
from .iosystem import IOSystem
from .leontief import LeontiefSolver, check_productive

#: The most production stages a path or the layer split may have. Past it, a chain's share of any
#: real economy is below every threshold worth listing, and the layers converge long before.
MAX_STAGE = 50


@dataclass
class SPAResult:
    """Paths best first, the layer split, and what the listing leaves out.

    Attributes
    ----------
    paths : DataFrame
        ``rank, stage, path, value, share`` and ``sectors`` (the codes, emitting sector first).
    layers : DataFrame
        ``value`` and ``share`` by stage 0 … K, then ``remainder`` (stages above K).
    total : float
        ``wᵀLy`` of the final demand analysed, in the unit of the satellite.
    coverage : float
        Sum of the listed paths / total.
    largest_omitted : float
        The largest value a path not listed (within the stage limit) could have.
    """

    paths: pd.DataFrame
    layers: pd.DataFrame
    total: float
    coverage: float
    largest_omitted: float
    threshold: float
    unit: str | None = None
    notes: list[str] = field(default_factory=list)


def structural_paths(io: IOSystem, e, y=None, *, sectors=None, max_stage: int = 8, threshold: float = 1e-4,
                     top: int = 100, unit: str | None = None) -> SPAResult:
    """The supply chains that carry the most emissions into final demand.

    Parameters
    ----------
    io : IOSystem
        The (domestic) system.
    e : array-like or Series
        Satellite by sector (emissions or energy use); results are in its unit.
    y : array-like or Series, optional
        Final demand by sector; default the balancing final demand ``x − Z·1``.
    sectors : sequence of labels, optional
        Analyse the final demand of these sectors only; default all.
    max_stage : int, default 8
        Longest path listed, in production stages (0 = a sector's own direct emissions for its
        own final demand); also the last stage of the layer split.
    threshold : float, default 1e-4
        Paths worth less than this share of the total (in absolute value) are not listed.
    top : int, default 100
        Most paths listed.
    unit : str, optional
        Unit of ``e``, carried to the result.

    Raises
    ------
    InputError
        A threshold outside (0, 1), a stage limit outside 0 … 50, ``top`` below 1, an unknown
        sector, or final demand that embodies nothing.
    """
    max_stage, top, threshold = _check_limits(max_stage, top, threshold)
    w = io.intensity(e).to_numpy()
    yv = io.y_values if y is None else _vector(y, io, "y (final demand)")
    roots = np.arange(io.n) if sectors is None else _positions(sectors, io.labels)
    m = io.solver.solve_left(w)
    return _analyse(io.A_values, w, yv, m, _absolute_multipliers(io, w, m), roots, [str(v) for v in io.labels],
                    max_stage, threshold, top, unit)


def sparse_structural_paths(A, w, y, *, labels=None, sectors=None, max_stage: int = 8, threshold: float = 1e-4,
                            top: int = 100, unit: str | None = None) -> SPAResult:
    """:func:`structural_paths` for a large sparse coefficient matrix (EXIOBASE size), never made dense.

    Parameters
    ----------
    A : scipy.sparse matrix of shape (n, n)
        Technical coefficients; every column of ``|A|`` must sum below 1 (value added in every
        sector), which bounds the Leontief inverse without forming it.
    w : array-like of length n
        Direct intensity (satellite per unit of output).
    y : array-like of length n
        Final demand.
    labels : sequence, optional
        Sector labels (default "1" … "n").

    Notes
    -----
    ``m = wᵀL`` is solved iteratively (GMRES) on ``(I − A)ᵀ``; branches are bounded with
    ``m + ‖r‖∞ / (1 − α)``, ``r`` the residual and ``α`` the largest column sum of ``|A|``, so that
    the bound holds whatever the solver's last digits (a looser bound only prunes less).
    """
    import scipy.sparse as sp  # sparse work only
    import scipy.sparse.linalg as spla

    max_stage, top, threshold = _check_limits(max_stage, top, threshold)
    if not sp.issparse(A) or A.shape[0] != A.shape[1]:
        raise InputError("A must be a square scipy.sparse matrix (n × n technical coefficients).")
    n = A.shape[0]
    A = sp.csr_matrix(A, dtype=float)
    w, y = (np.asarray(v, dtype=float).reshape(-1) for v in (w, y))
    if w.shape != (n,) or y.shape != (n,):
        raise InputError(f"w and y must have {n} values, one per sector; got {w.size} and {y.size}.")
    if not (np.isfinite(A.data).all() and np.isfinite(w).all() and np.isfinite(y).all()):
        raise InputError("A, w and y must hold finite numbers only.")
    A_abs = abs(A)
    alpha = float(np.asarray(A_abs.sum(axis=0)).max(initial=0.0))
    if not alpha < 1:
        raise NotProductiveError(f"a column of |A| sums to {alpha:.6g} (≥ 1): the sparse route bounds L by the "
                                 "column sums and needs every sector to have value added. Use structural_paths "
                                 "on an IOSystem for this table.")
    labels = [str(i + 1) for i in range(n)] if labels is None else [str(v) for v in labels]
    if len(labels) != n:
        raise InputError(f"{len(labels)} labels for {n} sectors.")
    roots = np.arange(n) if sectors is None else _positions(sectors, labels)
    M = (sp.identity(n, format="csr") - A).T.tocsr()
    m = _solve(spla, M, w)
    w_abs = np.abs(w)
    m_abs = m if (A.data.min(initial=0.0) >= 0 and w.min(initial=0.0) >= 0) else \
        _solve(spla, (sp.identity(n, format="csr") - A_abs).T.tocsr(), w_abs)
    residual = w_abs - (sp.identity(n, format="csr") - A_abs).T @ m_abs
    m_bound = m_abs + float(np.abs(residual).max(initial=0.0)) / (1.0 - alpha)
    return _analyse(A.tocsc(), w, y, m, m_bound, roots, labels, max_stage, threshold, top, unit)


def _solve(spla, M, b: np.ndarray) -> np.ndarray:
    x, info = spla.gmres(M, b, rtol=1e-14, atol=0.0, restart=50, maxiter=2000)
    if info != 0:
        raise NotProductiveError("the multipliers wᵀL did not converge (GMRES); check that the table is productive.")
    return x


def _analyse(A, w, yv, m, m_abs, roots, labels: list[str], max_stage: int, threshold: float, top: int,
             unit: str | None) -> SPAResult:
    """Layers and paths of the final demand of ``roots``, given the multipliers and their bound."""
    n = len(labels)
    y_sel = np.zeros(n)
    y_sel[roots] = yv[roots]
    total = float(m @ y_sel)
    scale = float(m_abs @ np.abs(y_sel))
    if not scale > 0:
        raise InputError("the final demand analysed embodies nothing (its total is 0): choose sectors with final "
                         "demand and emissions upstream.", code="zero-total")
    layers = _layers(A, w, m, y_sel, max_stage, total)
    found, omitted = _best_first(A, w, m_abs, y_sel, roots, max_stage, threshold * scale, top)
    rows = [(k + 1, len(chain) - 1, ">".join(labels[i] for i in chain), value,
             value / total if total else np.nan, [labels[i] for i in chain]) for k, (value, chain) in enumerate(found)]
    paths = pd.DataFrame(rows, columns=["rank", "stage", "path", "value", "share", "sectors"])
    listed = float(sum(v for v, _ in found))
    notes = []
    negative_flows = (A.data.min(initial=0.0) < 0) if hasattr(A, "data") and not isinstance(A, np.ndarray) \
        else bool(np.any(np.asarray(A) < 0))
    if negative_flows or np.any(w < 0) or np.any(y_sel < 0):
        notes.append("negative entries (final demand, flows or the satellite): paths are ranked by absolute value "
                     "and bounded with |w|ᵀ(I − |A|)⁻¹.")
    result = SPAResult(paths, layers, total, listed / total if total else np.nan, omitted, threshold, unit, notes)
    paths.attrs["unit"] = layers.attrs["unit"] = unit
    return result


def _check_limits(max_stage, top, threshold) -> tuple[int, int, float]:
    try:
        threshold = float(threshold)
    except (TypeError, ValueError):
        raise InputError(f"threshold must be a number between 0 and 1 (a share of the total), not {threshold!r}.") from None
    if not 0 < threshold < 1:
        raise InputError(f"threshold must be a share of the total between 0 and 1 (e.g. 0.0001), not {threshold}.")
    if isinstance(max_stage, float) and max_stage.is_integer():
        max_stage = int(max_stage)
    if not isinstance(max_stage, (int, np.integer)) or isinstance(max_stage, bool) or not 0 <= max_stage <= MAX_STAGE:
        raise InputError(f"the stage limit must be a whole number from 0 to {MAX_STAGE}, not {max_stage!r}: "
                         "longer chains carry too little to list, and the layers have converged.")
    if isinstance(top, float) and top.is_integer():
        top = int(top)
    if not isinstance(top, (int, np.integer)) or isinstance(top, bool) or top < 1:
        raise InputError(f"top must be a whole number of paths, at least 1, not {top!r}.")
    return int(max_stage), int(top), threshold


def _vector(v, io: IOSystem, name: str) -> np.ndarray:
    values = checks.as_vector(v, io.n, name, io.labels)
    if not np.all(np.isfinite(values)):
        raise InputError(f"{name} holds values that are not finite numbers.")
    return values


def _positions(sectors, labels) -> np.ndarray:
    members = [sectors] if isinstance(sectors, str) else list(sectors)
    return np.unique(resolve_groups({"final demand": members}, labels)["final demand"])


def _absolute_multipliers(io: IOSystem, w: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``|w|ᵀ(I − |A|)⁻¹``: a bound on every branch whatever the signs (equal to m when all is ≥ 0)."""
    A = io.A_values
    if A.min(initial=0.0) >= 0:
        return io.solver.solve_left(np.abs(w)) if w.min(initial=0.0) < 0 else m
    A_abs = np.abs(A)
    solver = check_productive(A_abs, io.labels) or LeontiefSolver(A_abs)
    return solver.solve_left(np.abs(w))


def _layers(A, w, m, y, max_stage: int, total: float) -> pd.DataFrame:
    """wᵀAᵏy for k = 0 … K and the remainder mᵀA^{K+1}y (no subtraction: it keeps its own digits)."""
    values, v = [], y.copy()
    for _ in range(max_stage + 1):
        values.append(float(w @ v))
        v = A @ v
    values.append(float(m @ v))
    index = pd.Index([str(k) for k in range(max_stage + 1)] + ["remainder"], name="stage", dtype=object)
    frame = pd.DataFrame({"value": values, "share": [x / total if total else np.nan for x in values]}, index=index)
    return frame


def _best_first(A, w, m_abs, y, roots, max_stage: int, floor: float, top: int):
    """Paths by decreasing |value| down to ``floor``: [(value, chain)], and the largest value left out."""
    A_csc = _columns(A)
    sector, parent, q_of = [], [], []
    heap: list = []
    omitted = 0.0
    seq = 0

    def node(i: int, up: int, q: float) -> int:
        sector.append(i)
        parent.append(up)
        q_of.append(q)
        return len(sector) - 1

    def offer(k: int, stage: int, value: float, below: float) -> None:
        nonlocal seq, omitted
        if abs(value) >= floor:
            heapq.heappush(heap, (-abs(value), seq, 0, k, stage, value))
            seq += 1
        elif value:
            omitted = max(omitted, abs(value))
        if stage < max_stage:
            if below >= floor:
                heapq.heappush(heap, (-below, seq, 1, k, stage, 0.0))
                seq += 1
            elif below:
                omitted = max(omitted, below)

    for j in roots:
        if y[j]:
            k = node(int(j), -1, float(y[j]))
            offer(k, 0, w[j] * y[j], (m_abs[j] - abs(w[j])) * abs(y[j]))
    found = []
    while heap and len(found) < top:
        key, _, kind, k, stage, value = heapq.heappop(heap)
        if kind == 0:
            chain, at = [], k
            while at >= 0:
                chain.append(sector[at])
                at = parent[at]
            found.append((value, chain))
            continue
        j = sector[k]
        rows, a = A_csc(j)
        q = a * q_of[k]
        values = w[rows] * q
        below = (m_abs[rows] - np.abs(w[rows])) * np.abs(q)
        keep = (np.abs(values) >= floor) | ((below >= floor) & (stage + 1 < max_stage))
        dropped = ~keep
        if dropped.any():
            omitted = max(omitted, float(np.abs(values[dropped]).max(initial=0.0)),
                          float(below[dropped].max(initial=0.0)) if stage + 1 < max_stage else 0.0)
        for i, qi, vi, bi in zip(rows[keep], q[keep], values[keep], below[keep]):
            offer(node(int(i), k, float(qi)), stage + 1, float(vi), float(bi))
    if heap:
        omitted = max(omitted, -heap[0][0])
    return found, omitted


def _columns(A):
    """A function giving the rows and values of the nonzeros of column j (sparse or dense A)."""
    try:
        import scipy.sparse as sp  # a sparse A (EXIOBASE size) stays sparse
    except ImportError:  # pragma: no cover - scipy is a dependency
        sp = None
    if sp is not None and sp.issparse(A):
        C = sp.csc_matrix(A)
        return lambda j: (C.indices[C.indptr[j]:C.indptr[j + 1]], C.data[C.indptr[j]:C.indptr[j + 1]])
    dense = np.asarray(A)
    nonzero = [np.flatnonzero(dense[:, j]) for j in range(dense.shape[1])]
    return lambda j: (nonzero[j], dense[nonzero[j], j])


def average_propagation_length(io: IOSystem) -> pd.DataFrame:
    """APL (Dietzenbacher, Romero & Bosma 2005): rows supplying sector i, columns final-demand sector j.

    ``[L(L − I)]_ij / [L − I]_ij``, the average number of production steps between final demand
    for j and the output of i it requires; NaN where j's final demand needs nothing of i.
    """
    L = io.solver.inverse()
    indirect = L - np.eye(io.n)
    num = L @ indirect
    with np.errstate(divide="ignore", invalid="ignore"):
        apl = np.where(indirect > 0, num / np.where(indirect > 0, indirect, 1.0), np.nan)
    return pd.DataFrame(apl, index=pd.Index(io.labels, name="from"), columns=pd.Index(io.labels, name="to"))


def emission_stages(io: IOSystem, e, y=None) -> pd.DataFrame:
    """Emission-weighted average number of production stages, by sector.

    ``to_final_demand``: for the emissions a sector emits, the average number of stages they
    travel before final demand buys them, ``[(L − I)Ly]_i / (Ly)_i`` weighted by ``wᵢ``;
    ``from_emission``: for the emissions embodied in a sector's final demand, the average number
    of stages back to where they were emitted, ``[wᵀ(L − I)L]_j / (wᵀL)_j``. Stage 0 counts a
    sector's own direct emissions; NaN where there is nothing to average.
    """
    w = io.intensity(e).to_numpy()
    yv = io.y_values if y is None else _vector(y, io, "y (final demand)")
    solver = io.solver
    out = solver.solve(yv)  # Ly
    stages_down = solver.solve(out) - out  # (L − I)Ly = L(Ly) − Ly
    m = solver.solve_left(w)
    stages_up = solver.solve_left(m) - m  # wᵀL(L − I) = (wᵀL)L − wᵀL
    with np.errstate(divide="ignore", invalid="ignore"):
        down = np.where((w != 0) & (out != 0), stages_down / out, np.nan)
        up = np.where(m != 0, stages_up / m, np.nan)
    return pd.DataFrame({"to_final_demand": down, "from_emission": up}, index=pd.Index(io.labels, name="sector"))

