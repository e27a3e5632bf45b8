"""Hypothetical extraction method (HEM): traditional linkages and the improved decomposition.

For a group ``s`` of sectors (one sector or a user-chosen cluster) against the rest ``r``
(Cella 1984; Duarte et al. 2002; seed 000 sec. 2.2), in the unit of the satellite ``e``:

==== ====================================== =============================================
IE   ``w_s Δ_s y_s``                         internal effect, ``Δ_s = (I - A_ss)^-1``
ME   ``w_s (L_ss - Δ_s) y_s``                mixed effect
NBL  ``w_r L_rs y_s``                        net backward linkage (emissions imported)
NFL  ``w_s L_sr y_r``                        net forward linkage (emissions exported)
VIC  ``IE + ME + NBL``                       vertically integrated (consumption-based)
DC   ``IE + ME + NFL = w_s x_s``             direct (production-based)
NT   ``DC - VIC = NFL - NBL``                net transfer (> 0 exports emissions)
TL   ``w'x - w'x*``                          total linkage, x* with A_sr = A_rs = 0
BL   ``ME + NBL``                            backward linkage
FL   ``TL - BL``                             forward linkage
==== ====================================== =============================================

Everything follows from one LU factorisation of ``I - A`` (see :mod:`.leontief`) and the
partitioned inverse, in forms without subtraction so that a measure whose exact value is 0
(a sector that sells nothing to others has ME = NFL = 0) comes out as 0, not as the residue of
two large numbers: ``L_ss - Δ_s = Δ_s A_sr L_rs``, ``L_rr - Δ_r = L_rs L_ss^-1 L_sr``, so
``ME = w_s Δ_s A_sr L_rs y_s``, ``FL = NFL + (w_r L_rs) L_ss^-1 (L_sr y_r)``, ``TL = BL + FL``
and ``NT = NFL - NBL``. No sector needs its own inverse.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Sequence

import numpy as np
import pandas as pd

from ..checks import is_blank, label_key, list_labels
from ..errors import InputError
from .iosystem import IOSystem

#: Column order of :func:`extraction_table` (a stable public contract).
MEASURES = ["IE", "ME", "NBL", "NFL", "VIC", "DC", "NT", "BL", "FL", "TL"]
_MEASURE_INDEX = pd.Index(MEASURES)  # built once; each table gets a shallow copy (a name set on one stays there)

#: Short descriptions (English / Chinese) for report headers and help text.
MEASURE_NAMES = {
    "IE": ("internal effect", "内部效应"),
    "ME": ("mixed effect", "复合效应"),
    "NBL": ("net backward linkage", "净后项关联"),
    "NFL": ("net forward linkage", "净前项关联"),
    "VIC": ("vertically integrated consumption", "纵向集成消耗"),
    "DC": ("direct consumption", "直接消耗"),
    "NT": ("net transfer (DC - VIC)", "净转移"),
    "BL": ("backward linkage", "后项关联"),
    "FL": ("forward linkage", "前项关联"),
    "TL": ("total linkage", "总关联"),
}


def extraction_table(Z, x, e, groups=None, *, labels: Sequence | None = None,
                     allow_negative: bool = False, unit: str | None = None) -> pd.DataFrame:
    """Extraction measures for every sector, or for each sector group against the rest.

    Parameters
    ----------
    Z : array-like or DataFrame of shape (n, n)
        Intermediate flows (monetary).
    x : array-like or Series of length n
        Total output, same monetary unit as Z.
    e : array-like or Series of length n
        Satellite by sector (emissions or energy use). Results are in its unit.
    groups : None, mapping or sequence of sequences, optional
        None: every single sector. A mapping ``{name: [labels]}`` or a list of label lists
        (named by joining the labels with "+"): each group is extracted against all other
        sectors. Groups may overlap; the sums over groups equal system totals only when
        the groups partition the sectors.
    labels : sequence of str, optional
        Sector labels when Z is not a DataFrame.
    allow_negative : bool, default False
        Accept negative intermediate flows.
    unit : str, optional
        Unit of ``e``; stored in ``result.attrs["unit"]``.

    Returns
    -------
    DataFrame
        One row per sector (or group, labelled by its name), columns
        ``IE, ME, NBL, NFL, VIC, DC, NT, BL, FL, TL``.

    Raises
    ------
    InputError
        Bad shapes, values or labels, or unknown group members (with suggestions).
    NotProductiveError
        ``I - A`` is singular or has spectral radius >= 1.
    """
    io = IOSystem(Z, x, labels=labels, allow_negative=allow_negative)
    return extraction_from_system(io, e, groups, unit=unit)


def extraction_from_system(io: IOSystem, e, groups=None, *, unit: str | None = None) -> pd.DataFrame:
    """:func:`extraction_table` for an already built :class:`IOSystem`."""
    w = io.intensity(e).to_numpy()
    if groups is None:
        values = _single_sectors(io, w)
        index = io.index.rename("sector")
    else:
        named = resolve_groups(groups, io.labels, labels_given=io.labels_given)
        values = np.array([_group(io, w, idx) for idx in named.values()]).reshape(-1, len(MEASURES))
        index = pd.Index(list(named), name="group")
    table = pd.DataFrame(values, index=index, columns=_MEASURE_INDEX.copy())
    table.attrs["unit"] = unit
    return table


def _single_sectors(io: IOSystem, w: np.ndarray) -> np.ndarray:
    # Subtraction-free forms (exact zeros stay zero; small measures keep their relative accuracy).
    # For sector j with r = the others: L_ss - Δ_s = Δ_s A_sr L_rs, w_r L_rs = Σ_{k≠j} w_k L_kj,
    # L_sr y_r = Σ_{k≠j} L_jk y_k and L_rr - Δ_r = L_rs L_ss^-1 L_sr (Schur complement).
    A, x, y = io.A_values, io.x_values, io.y_values
    L = io.solver.inverse()
    l = np.diag(L).copy()
    own = 1.0 / (1.0 - np.diag(A))  # Δ_j for a single sector
    A_off = A.copy()
    np.fill_diagonal(A_off, 0.0)
    L_off = L
    np.fill_diagonal(L_off, 0.0)  # L is ours to change: diag kept in l
    IE = w * own * y
    ME = w * own * np.einsum("jk,kj->j", A_off, L_off, optimize=False) * y
    b = w @ L_off  # w_r L_rs
    f = L_off @ y  # L_sr y_r
    NBL = b * y
    NFL = w * f
    FL = NFL + b * f / l
    VIC = IE + ME + NBL
    DC = w * x
    BL = ME + NBL
    return np.column_stack([IE, ME, NBL, NFL, VIC, DC, NFL - NBL, BL, FL, BL + FL])


def _group(io: IOSystem, w: np.ndarray, idx: np.ndarray) -> list[float]:
    A, y = io.A_values, io.y_values
    rest = np.ones(io.n, dtype=bool)
    rest[idx] = False
    L_s = io.solver.columns(idx)  # L[:, s]
    unit = np.zeros((idx.size, io.n))
    unit[np.arange(idx.size), idx] = 1.0
    L_s_rows = io.solver.solve_left(unit)  # L[s, :]
    L_ss, L_rs, L_sr = L_s[idx], L_s[rest], L_s_rows[:, rest]
    ws, ys = w[idx], y[idx]
    delta_t = np.linalg.solve((np.eye(idx.size) - A[np.ix_(idx, idx)]).T, ws)  # w_s Δ_s
    IE = delta_t @ ys
    ME = delta_t @ (A[np.ix_(idx, rest)] @ (L_rs @ ys))
    b = w[rest] @ L_rs  # w_r L_rs
    f = L_sr @ y[rest]  # L_sr y_r
    NBL = b @ ys
    NFL = ws @ f
    FL = NFL + b @ np.linalg.solve(L_ss, f)
    DC = ws @ io.x_values[idx]
    VIC = IE + ME + NBL
    BL = ME + NBL
    return [IE, ME, NBL, NFL, VIC, DC, NFL - NBL, BL, FL, BL + FL]


def resolve_groups(groups, labels: Sequence, *, labels_given: bool = True) -> dict[str, np.ndarray]:
    """Map group names to sector positions; reject unknown, repeated or empty members.

    ``labels_given=False`` says the sectors carry only the default labels "1".."n": then an
    integer member is ambiguous (0-based position or 1-based label?) and refused.
    """
    if isinstance(groups, Mapping):
        items = [(k, v) for k, v in groups.items()]
    elif isinstance(groups, (list, tuple)):
        items = []
        for g in groups:
            members = [g] if isinstance(g, str) else list(g)
            items.append(("+".join(map(str, members)), members))
    else:
        raise InputError("groups must be a mapping {name: [sector labels]} or a list of label lists.")
    if not items:
        raise InputError("groups is empty; give at least one group or pass groups=None for single sectors.")
    position = {label_key(lab): i for i, lab in enumerate(labels)}
    resolved: dict[str, np.ndarray] = {}
    for name, members in items:
        if isinstance(members, str):
            members = [members]
        if is_blank(name):
            raise InputError("a group has a blank name; name every group (merged cells in Excel leave blanks).")
        name = label_key(name)
        if isinstance(members, (int, np.integer)) or not isinstance(members, (list, tuple, np.ndarray, pd.Index)):
            members = [members]
        numbers = [mb for mb in members if isinstance(mb, (int, np.integer, float, np.floating))
                   and not isinstance(mb, (bool, np.bool_))]
        if numbers and not labels_given:
            raise InputError(
                f"group '{name}' lists sectors by number ({list_labels(numbers)}), but Z has no sector labels, so "
                "a number could mean a 0-based position or a 1-based label. Give Z labels (a DataFrame, or "
                "labels=[...]) and name the sectors by label, or write the default labels as text ('1', '2' …).")
        blank = [i + 1 for i, mb in enumerate(members) if is_blank(mb)]
        if blank:
            raise InputError(f"group '{name}' has blank member(s) at position(s) {list_labels(blank)}; "
                             "name every member sector.")
        members = [label_key(mb) for mb in members]
        if not members:
            raise InputError(f"group '{name}' has no members; list at least one sector.")
        # codes in another case (s5 for S5) mean the same sector where that is unambiguous
        folded: dict[str, list] = {}
        for label in position:
            folded.setdefault(str(label).casefold(), []).append(label)
        members = [mb if mb in position or len(folded.get(str(mb).casefold(), [])) != 1
                   else folded[str(mb).casefold()][0] for mb in members]
        unknown = [mb for mb in members if mb not in position]
        if unknown:
            hints = []
            for mb in unknown[:3]:
                close = difflib.get_close_matches(mb, list(position), n=3)
                if close:
                    hints.append(f"'{mb}' → did you mean {', '.join(close)}?")
            raise InputError(
                f"group '{name}' names unknown sectors {list_labels(unknown)}"
                + (f" ({'; '.join(hints)})" if hints else "")
                + f". Known sectors: {list_labels(list(position))}."
            )
        repeated = sorted({mb for mb in members if members.count(mb) > 1})
        if repeated:
            raise InputError(f"group '{name}' lists {list_labels(repeated)} more than once.")
        if name in resolved:
            raise InputError(f"two groups are named '{name}'; give each group a unique name.")
        resolved[name] = np.array([position[mb] for mb in members], dtype=int)
    return resolved


def extraction_table_reference(Z, x, e, groups=None, *, labels: Sequence | None = None,
                               allow_negative: bool = False) -> pd.DataFrame:
    """The same measures by literal re-inversion (one inverse per sector or group).

    A slow reference that follows the definitions term by term, for audits, tests and
    benchmarks; use :func:`extraction_table` for work.
    """
    io = IOSystem(Z, x, labels=labels, allow_negative=allow_negative)
    A, xv, y, n = io.A_values, io.x_values, io.y_values, io.n
    w = io.intensity(e).to_numpy()
    L = np.linalg.inv(np.eye(n) - A)
    if groups is None:
        named = {lab: np.array([i]) for i, lab in enumerate(io.labels)}
    else:
        named = resolve_groups(groups, io.labels, labels_given=io.labels_given)
    rows = []
    for idx in named.values():
        s = np.zeros(n, dtype=bool)
        s[idx] = True
        r = ~s
        D_s = np.linalg.inv(np.eye(s.sum()) - A[np.ix_(s, s)])
        D_r = np.linalg.inv(np.eye(r.sum()) - A[np.ix_(r, r)])
        ws, wr, ys, yr = w[s], w[r], y[s], y[r]
        IE = ws @ D_s @ ys
        ME = ws @ (L[np.ix_(s, s)] - D_s) @ ys
        NBL = wr @ L[np.ix_(r, s)] @ ys
        NFL = ws @ L[np.ix_(s, r)] @ yr
        A_star = A.copy()
        A_star[np.ix_(s, r)] = 0.0
        A_star[np.ix_(r, s)] = 0.0
        x_star = np.linalg.solve(np.eye(n) - A_star, y)
        TL = w @ xv - w @ x_star
        BL = ME + NBL
        FL = NFL + wr @ (L[np.ix_(r, r)] - D_r) @ yr
        DC = ws @ xv[s]
        VIC = IE + ME + NBL
        rows.append([IE, ME, NBL, NFL, VIC, DC, DC - VIC, BL, FL, TL])
    index = pd.Index(list(named), name="sector" if groups is None else "group")
    return pd.DataFrame(rows, index=index, columns=MEASURES)


def transfer_table(table: pd.DataFrame) -> pd.DataFrame:
    """Seed 000 Table 2 layout: DC, VIC, NT and NT as a share of DC (%).

    ``NT/DC`` is the share of a sector's direct emissions (or energy) that it passes to
    the rest of the system (> 0) or, when negative, how much it absorbs relative to its own.
    """
    out = table[["DC", "VIC", "NT"]].copy()
    out["NT/DC (%)"] = np.divide(100.0 * out["NT"].to_numpy(), out["DC"].to_numpy(),
                                 out=np.full(len(out), np.nan), where=out["DC"].to_numpy() != 0)
    return out
