"""Aggregation of IO tables and satellites by a many-to-one concordance.

A concordance maps every source sector to exactly one target sector (seed 000 Table 1:
42 products → S1–S11). Aggregating with the 0/1 matrix ``G`` (source × target) gives
``Z_agg = G' Z G``, ``x_agg = G' x`` and ``e_agg = G' e``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Sequence

import numpy as np
import pandas as pd

from ..checks import align, as_matrix, as_vector, check_finite, is_blank, label_key, list_labels
from ..errors import InputError


def concordance_matrix(source: Sequence, mapping, order: Sequence | None = None) -> pd.DataFrame:
    """The 0/1 matrix ``G`` (source sectors × target sectors) of a many-to-one concordance.

    Parameters
    ----------
    source : sequence of str
        Source sector labels in table order.
    mapping : mapping, Series or two-column DataFrame
        Source label → target label. A DataFrame is read as (source, target) columns.
        Targets keep the order of their first appearance in ``mapping`` unless ``order``
        lists them.
    order : sequence of str, optional
        Order of the target sectors; must name exactly the targets of ``mapping``.

    Raises
    ------
    InputError
        A source sector is unmapped, mapped more than once, or the mapping names
        sectors that are not in the table.
    """
    pairs = _pairs(mapping)
    src = [label_key(s) for s in source]
    counts: dict[str, int] = {}
    for s, _ in pairs:
        counts[s] = counts.get(s, 0) + 1
    duplicated = [s for s, c in counts.items() if c > 1]
    unmapped = [s for s in src if s not in counts]
    unknown = [s for s in counts if s not in set(src)]
    problems = []
    if unmapped:
        problems.append(f"unmapped source sectors: {list_labels(unmapped)}")
    if duplicated:
        problems.append(f"source sectors mapped more than once: {list_labels(duplicated)}")
    if unknown:
        problems.append(f"sectors in the concordance but not in the table: {list_labels(unknown)}")
    if problems:
        raise InputError(
            "the concordance must map every sector of the table exactly once; "
            + "; ".join(problems) + ". Fix the concordance rows for these codes."
        )
    target_of = dict(pairs)
    targets = list(dict.fromkeys(t for _, t in pairs))
    if order is not None:
        order = [label_key(t) for t in order]
        if sorted(order) != sorted(targets):
            raise InputError(
                f"the target order {list_labels(order)} does not list exactly the concordance's "
                f"targets {list_labels(targets)}."
            )
        targets = order
    G = np.zeros((len(src), len(targets)))
    col = {t: j for j, t in enumerate(targets)}
    for i, s in enumerate(src):
        G[i, col[target_of[s]]] = 1.0
    return pd.DataFrame(G, index=src, columns=targets)


def _pairs(mapping) -> list[tuple[str, str]]:
    if isinstance(mapping, pd.DataFrame):
        if mapping.shape[1] < 2:
            raise InputError("a concordance table needs two columns: source code and target code.")
        frame = mapping.iloc[:, :2]
        pairs = list(zip(frame.iloc[:, 0], frame.iloc[:, 1]))
    elif isinstance(mapping, pd.Series):
        pairs = list(mapping.items())
    elif isinstance(mapping, Mapping):
        pairs = list(mapping.items())
    else:
        pairs = [tuple(p) for p in mapping]
    clean = []
    for row, (s, t) in enumerate(pairs, start=1):
        if is_blank(s):
            raise InputError(f"concordance: row {row} has no source sector (maps to '{t}'); fill it in "
                             "(merged cells in Excel leave blanks).")
        if is_blank(t):
            raise InputError(f"concordance: source sector '{s}' has no target; map it to a sector.")
        clean.append((label_key(s), label_key(t)))
    return clean


def aggregate_matrix(Z, mapping, order: Sequence | None = None) -> pd.DataFrame:
    """``G' Z G`` for a labelled square matrix (flows between target sectors)."""
    Zv, labels = as_matrix(Z, "Z")
    if labels is None:
        raise InputError("aggregation needs a labelled Z (a DataFrame with sector codes).")
    G = concordance_matrix(labels, mapping, order)
    Gv = G.to_numpy()
    return pd.DataFrame(Gv.T @ Zv @ Gv, index=G.columns, columns=G.columns)


def aggregate_table(Z, x, mapping, *, Y=None, F=None, order: Sequence | None = None):
    """Aggregate ``Z`` and ``x`` (and optionally final demand ``Y`` and stressors ``F``).

    Parameters
    ----------
    Z : DataFrame (n × n), labelled by source sector
    x : Series of length n
    mapping, order : see :func:`concordance_matrix`
    Y : DataFrame (n × k), optional
    F : Series (n) or DataFrame (stressors × n), optional

    Returns
    -------
    dict with keys ``Z``, ``x`` (and ``Y``, ``F`` when given), labelled by target sector.
    """
    Zv, labels = as_matrix(Z, "Z")
    if labels is None:
        raise InputError("aggregation needs a labelled Z (a DataFrame with sector codes).")
    G = concordance_matrix(labels, mapping, order)
    Gv = G.to_numpy()
    targets = list(G.columns)
    out = {
        "Z": aggregate_matrix(pd.DataFrame(Zv, index=labels, columns=labels), mapping, order),
        "x": pd.Series(Gv.T @ as_vector(x, len(labels), "x (total output)", labels), index=targets, name="x"),
    }
    if Y is not None:
        if isinstance(Y, pd.DataFrame) and not isinstance(Y.index, pd.RangeIndex):  # by label, never by position
            Yf = pd.DataFrame({c: align(Y[c], labels, f"Y[{c}]") for c in Y.columns})
        else:
            Yf = pd.DataFrame(np.asarray(Y, dtype=float), index=labels)
        check_finite(Yf.to_numpy(dtype=float), "Y")
        out["Y"] = pd.DataFrame(Gv.T @ Yf.to_numpy(dtype=float), index=targets, columns=Yf.columns)
    if F is not None:
        out["F"] = aggregate_satellite(F, mapping, labels, order)
    return out


def aggregate_satellite(F, mapping, source: Sequence | None = None, order: Sequence | None = None):
    """Sum a satellite (Series by sector, or stressors × sectors DataFrame) to target sectors."""
    if isinstance(F, pd.Series):
        G = concordance_matrix(list(F.index) if source is None else list(source), mapping, order)
        values = align(F, list(G.index), F.name or "satellite").to_numpy()
        check_finite(values.astype(float), F.name or "satellite", list(G.index))
        return pd.Series(G.to_numpy().T @ values.astype(float), index=G.columns, name=F.name)
    if isinstance(F, pd.DataFrame):
        G = concordance_matrix(list(F.columns) if source is None else list(source), mapping, order)
        rows = pd.DataFrame({i: align(r, list(G.index), f"F[{i}]") for i, r in F.iterrows()}).T
        values = rows.to_numpy(dtype=float)
        check_finite(values, "F")
        return pd.DataFrame(values @ G.to_numpy(), index=F.index, columns=G.columns)
    raise InputError("the satellite must be a Series by sector or a DataFrame of stressors × sectors.")


def satellite_at(e: pd.Series, labels: list[str], products: list[str], mapping=None, what: str = "e") -> pd.Series:
    """A labelled satellite at the system's sectors; labelled at the table's products, it is aggregated.

    The labels decide: values labelled with ``labels`` are taken in that order; values labelled
    with the table's ``products`` are summed by ``mapping`` (product → sector) when aggregating.
    Anything else is refused, naming the missing and unknown labels.
    """
    keys = [str(k).strip() for k in e.index]
    by_case = {str(k).casefold(): k for k in list(products) + list(labels)}
    if len(by_case) == len(set(products) | set(labels)):  # codes in another case (s1 for S1) when unambiguous
        keys = [k if k in labels or k in products else by_case.get(k.casefold(), k) for k in keys]
    e = pd.Series(e.to_numpy(dtype=float), index=keys, name=e.name)
    if set(keys) == set(labels) and len(keys) == len(labels):
        return e.reindex(labels)
    if mapping is not None and set(keys) == set(products) and len(keys) == len(products):
        return aggregate_satellite(e, mapping, order=labels).reindex(labels)
    missing = [k for k in labels if k not in keys]
    extra = [k for k in keys if k not in labels]
    raise InputError(f"the labels of {what} match neither the table's sectors"
                     + (" nor its products" if mapping is not None else "")
                     + f": missing {missing[:6]}, not in the table {extra[:6]}. Label {what} with the sector codes "
                     f"({labels[0]} … {labels[-1]}).")
