"""Domestic adjustment of competitive-import tables: take imports and inflows out of Z.

In the tables the bureaus publish, each product row of ``Z`` holds local production *and*
imports (``IM``) and inflows from other provinces (``IF``). Leontief models of the local economy
need the local part only; otherwise imported inputs count as local production and extraction
measures go wrong (Guangdong 2017: VIC turns negative for some sectors). The standard correction
assumes every use of a product has the same import share

    ``μ_i = (IM_i + IF_i) / (TIU_i + TFU_i)``,   ``Z_d = diag(1 − μ)·Z``,   ``y = x − Z_d·1``

(``TFU`` includes exports and outflows, so they carry the same share). Choices:

* ``remove``: ``"none"``, ``"imports"`` (``μ = IM/(TIU+TFU)``; inflows stay in Z) or
  ``"imports+inflows"``.
* ``level``: ``"detail"`` — μ at the table's products, then aggregate ``Z_d``;
  ``"aggregate"`` — aggregate ``Z``, ``IM``, ``IF``, ``TIU``, ``TFU`` first and take μ of the
  aggregated rows (seed 000's choice). Both are legitimate; they differ because the share of a
  group of products is not the share of each. On Guangdong 2017 (S1–S11) they differ by up to
  ~46% in IE/NBL/VIC.

Layouts limit the choices: 2007 provincial tables hold only inflows *including* imports (FU304),
so only ``imports+inflows``; 2002 provincial tables hold a net outflow, so only ``none``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import checks
from ..checks import list_labels
from ..errors import InputError
from .aggregation import concordance_matrix
from .layouts import DEFAULT_REMOVE, REMOVE_CHOICES, layout_of, lumped_columns
from .official_tables import SUPPLY_COLUMNS, OfficialTable, subtotal_codes

LEVEL_CHOICES = ("detail", "aggregate")


@dataclass
class DomesticSystem:
    """A table ready for Leontief analysis after the domestic adjustment.

    Attributes
    ----------
    Z : DataFrame
        Intermediate flows of local production (``diag(1 − μ)·Z``), in ``unit``.
    x : Series
        Total output.
    Y : DataFrame
        Final demand for local production by category; ``Y.sum(axis=1) = x − Z·1`` exactly.
        Categories as published (``FU101`` …, ``EX``, ``OF``, ``FU302`` or ``NOF``), plus ``ERR``,
        and, for every supply column left inside Z (``IM``, ``IF``, ``FU304``), its negative
        (``-IM``, ``-IF``, ``-FU304``).
    mu : Series
        The share removed from each supplying row (at the level it was computed).
    imports, inflows : Series
        ``IM`` and ``IF`` (or ``FU304``) by product at the output level (zeros where absent).
    Z_imported, Y_imported : DataFrame
        The part of the published ``Z`` and final use that was removed: intermediate and final
        use of imported and inflowing products (zeros when nothing was removed). With ``Z`` and
        ``Y`` they give back the published flows; footprints need them.
    remove, level : str
    notes : list of str
        What was done and what the layout did not allow, for reports.
    """

    Z: pd.DataFrame
    x: pd.Series
    Y: pd.DataFrame
    mu: pd.Series
    imports: pd.Series
    inflows: pd.Series
    remove: str
    level: str
    unit: str
    source: str
    layout: str
    names: pd.DataFrame | None = None
    notes: list = field(default_factory=list)
    Z_imported: pd.DataFrame | None = None
    Y_imported: pd.DataFrame | None = None

    @property
    def y(self) -> pd.Series:
        return (self.x - self.Z.sum(axis=1)).rename("y")

    @property
    def convention(self) -> str:
        """The domestic adjustment in words, for the first line of every result it shapes."""
        return describe_removal(self.remove, self.layout, self.level)


def describe_removal(remove: str, layout: str, level: str = "aggregate") -> str:
    """``imports and inflows removed (μ at the aggregated rows)`` and the like."""
    spec = layout_of(layout)
    if spec.non_competitive:
        return "non-competitive table: Z holds domestic flows only"
    if remove == "none" or not spec.removals.get(remove):
        if not spec.competitive:
            return f"no imports in the table ({layout} layout): nothing to remove"
        why = "" if remove == "none" and DEFAULT_REMOVE in spec.removals else f" (the {layout} layout allows no other)"
        return f"imports and inflows kept inside Z (no domestic adjustment{why}): imported inputs count as local production"
    what = {"imports+inflows": "imports and inflows", "imports": "imports (inflows kept inside Z)"}[remove]
    if spec.imports_only:
        what = "imports"
    return f"{what} removed in proportion to use, μ at the {'aggregated sectors' if level == 'aggregate' else 'products'}"


def allowed_removals(layout: str) -> tuple[str, ...]:
    """The ``remove`` choices a trade layout supports."""
    return layout_of(layout).choices


def default_removal(layout: str) -> str:
    """The one default: imports and inflows removed wherever the layout has them, else ``none``."""
    return layout_of(layout).default_remove


def _removed_columns(table: OfficialTable, remove: str) -> tuple[str, ...]:
    """The supply columns a choice takes out of Z; an InputError when the layout cannot."""
    spec = layout_of(table.layout)
    if remove not in spec.removals:
        raise InputError(f"{table.source}: {spec.why_not or f'the {table.layout} layout cannot remove {remove}.'}"
                         .replace("Use imports+inflows", "Use --domestic imports+inflows")
                         .replace("Only none is possible", "Only --domestic none is possible"), code="layout-choice")
    if remove == "imports" and "IM" in _lumped(table):
        raise InputError(f"{table.source}: the inflow column IF is empty and IM holds imports and inflows together (as "
                         "published), so imports cannot be removed on their own. Use --domestic imports+inflows "
                         "(removes both) or none.", code="layout-choice")
    return spec.removals[remove]


def _lumped(table: OfficialTable) -> dict:
    """Trade columns published with their partner's flows (e.g. EX holding all outflows, OF left empty)."""
    totals = {c: float(np.abs(table.final[c].to_numpy(dtype=float)).sum()) for c in ("EX", "OF", "IM", "IF")
              if c in table.final.columns}
    return lumped_columns(totals)


def domestic_system(table: OfficialTable, remove: str | None = None, level: str = "aggregate",
                    concordance=None, order=None) -> DomesticSystem:
    """Z, x and final demand of local production, optionally aggregated by a concordance.

    Parameters
    ----------
    table : OfficialTable
        As read by :func:`~carbon_core.io.official_tables.read_official_table` or from a package.
    remove : {"none", "imports", "imports+inflows"}, optional
        Default: ``imports+inflows`` wherever the layout has the columns (the one default of the
        project), else ``none`` with a note saying why.
    level : {"detail", "aggregate"}
        Where μ is computed when a concordance is given (ignored without one).
    concordance : mapping, Series or two-column DataFrame, optional
        Product code → target sector (many-to-one), e.g. S1–S11.
    order : sequence, optional
        Order of the target sectors.

    Raises
    ------
    InputError
        A choice the layout cannot support, an unknown choice, shares outside [0, 1], or a
        product with inputs but no output.
    """
    spec = layout_of(table.layout)
    if remove is None:
        remove = spec.default_remove
    if remove not in REMOVE_CHOICES:
        raise InputError(f"remove must be one of {', '.join(REMOVE_CHOICES)}, not '{remove}'.")
    if level not in LEVEL_CHOICES:
        raise InputError(f"level must be 'detail' or 'aggregate', not '{level}'.")
    products = table.products
    _inputs_without_output(table)
    skip = subtotal_codes(table.final.columns)
    categories = [c for c in table.final.columns if c not in skip and c not in SUPPLY_COLUMNS and c != "ERR"]
    notes = _layout_notes(table, spec, remove)
    removed_cols = _removed_columns(table, remove)
    kept_cols = [c for c in spec.supply if c not in removed_cols and table.has(c)]
    remove_eff = ("imports" if spec.imports_only else remove) if removed_cols else "none"

    G = None
    if concordance is not None:
        G = concordance_matrix(products, concordance, order)
        labels = list(G.columns)
    else:
        labels = products
    # the arithmetic on arrays, the frames built once at the end (pandas alignment dominated the time)
    g = G.to_numpy() if G is not None else None
    agg = (lambda v: g.T @ v) if g is not None else (lambda v: v)
    aggM = (lambda M: g.T @ M @ g) if g is not None else (lambda M: M)
    F, where = table.final.to_numpy(dtype=float), {c: i for i, c in enumerate(table.final.columns)}
    zero = np.zeros(len(products))
    col = lambda c: F[:, where[c]] if c in where else zero  # noqa: E731
    Zv, xv = table.Z.to_numpy(dtype=float), table.x.to_numpy(dtype=float)
    Yc = F[:, [where[c] for c in categories]]
    use = col("TIU") + col("TFU")
    removed = sum((col(c) for c in removed_cols), zero)
    Z_all, Y_all = aggM(Zv), agg(Yc)
    if remove_eff == "none":
        mu = np.zeros(len(labels))
        Z, Y = Z_all.copy(), Y_all.copy()
    elif level == "aggregate" and G is not None:
        mu = _share(agg(removed), agg(use), labels, agg(xv))
        Z, Y = (1.0 - mu)[:, None] * Z_all, (1.0 - mu)[:, None] * Y_all
    else:
        mu_p = _share(removed, use, products, xv)
        Z, Y = aggM((1.0 - mu_p)[:, None] * Zv), agg((1.0 - mu_p)[:, None] * Yc)
        mu = mu_p if G is None else _share(agg(removed), agg(use), labels, agg(xv))
        if G is not None:
            notes.append("μ applied at the table's products before aggregation (level 'detail'); the μ shown is "
                         "the aggregated rows' share, for reference.")
    # supply left inside Z enters final demand negatively, so that Y·1 = x − Z·1
    extra = [-agg(col(c)) for c in kept_cols] + [agg(col("ERR"))]
    if remove_eff != "none":
        notes.append(_removal_note(remove_eff, spec, "aggregated" if level == "aggregate" and G is not None
                                   else "product", kept_cols))
    index = pd.Index(labels, dtype=object)
    ycols = pd.Index(list(categories) + [f"-{c}" for c in kept_cols] + ["ERR"], dtype=object)
    inflows = col(spec.inflows) if spec.inflows else zero
    names = table.names if G is None and table.names is not None else None
    return DomesticSystem(Z=pd.DataFrame(Z, index=index, columns=index), x=pd.Series(agg(xv), index=index, name="x"),
                          Y=pd.DataFrame(np.column_stack([Y] + extra), index=index, columns=ycols),
                          mu=pd.Series(mu, index=index, name="mu"), imports=pd.Series(agg(col("IM")), index=index,
                                                                                      name="IM"),
                          inflows=pd.Series(agg(inflows), index=index, name="IF"), remove=remove_eff,
                          level=level if G is not None else "detail",  # unaggregated: μ is the products' own
                          unit=table.unit, source=table.source, layout=table.layout, names=names, notes=notes,
                          Z_imported=pd.DataFrame(Z_all - Z, index=index, columns=index),
                          Y_imported=pd.DataFrame(Y_all - Y, index=index, columns=pd.Index(categories, dtype=object)))


def _layout_notes(table: OfficialTable, spec, remove: str) -> list[str]:
    """What the layout means for this removal: lumped trade columns, non-competitive or national tables."""
    notes = []
    for full, pair in _lumped(table).items():
        notes.append(f"the {[p for p in pair if p != full][0]} column is empty: {full} holds "
                     f"{'outflows including exports' if full in ('EX', 'OF') else 'inflows including imports'} "
                     "(as published).")
    if spec.non_competitive and remove != "none":
        notes.append("the table is non-competitive: Z already holds domestic products only; nothing to remove.")
    if spec.imports_only and remove == "imports+inflows":
        notes.append("a national table has no interprovincial inflows: imports removed.")
    return notes


def _removal_note(remove: str, spec, where: str, kept_cols: list[str]) -> str:
    """The convention applied, in words, for the result's notes."""
    what = "imports" if spec.imports_only else {"imports+inflows": "imports and inflows", "imports": "imports"}[remove]
    return (f"{what} removed from each supplying row in proportion to its use (μ = removed/(TIU+TFU)), at the "
            f"{where} level" + (f"; {', '.join(kept_cols)} stay inside Z and enter final demand negatively."
                                if kept_cols else "."))


def _inputs_without_output(table: OfficialTable) -> None:
    """Refuse a product that buys inputs but has no output: its coefficients A = Z/x are undefined."""
    x = table.x.to_numpy(dtype=float)
    inputs = np.abs(table.Z.to_numpy(dtype=float)).sum(axis=0)
    bad = (x == 0) & (inputs > 0)
    if bad.any():
        items = [table.products[i] for i in np.nonzero(bad)[0]]
        raise InputError(f"{list_labels(items)} buy{'s' if len(items) == 1 else ''} intermediate inputs but "
                         f"{'has' if len(items) == 1 else 'have'} no output (x = 0), so input coefficients Z/x are "
                         "undefined and final demand would come out negative. Check the output (GO) of "
                         f"{'this sector' if len(items) == 1 else 'these sectors'}, or merge it with another.", code="no-output")


def _share(removed: np.ndarray, use: np.ndarray, labels, output: np.ndarray | None = None) -> np.ndarray:
    r, u = np.asarray(removed, dtype=float), np.asarray(use, dtype=float)
    mu = np.divide(r, u, out=np.zeros_like(r), where=u != 0)
    if output is not None:
        # a product not produced locally comes wholly from outside; the table's rounding (ERR) must not
        # push its share past 1
        none_local = (np.asarray(output, dtype=float) == 0) & (r > 0) & (mu > 1.0)
        mu[none_local] = 1.0
    bad = (u == 0) & (r != 0)
    if bad.any():
        raise InputError(f"imports/inflows are given for {list_labels([labels[i] for i in np.nonzero(bad)[0]])}, "
                         "whose total use (TIU + TFU) is zero; the share to remove is undefined. Check these rows.")
    out = (mu > 1.0 + 1e-6) | (mu < -1e-6)  # rounding where a product is wholly imported (x = 0)
    if out.any():
        items = [f"{labels[i]} ({mu[i]:.3f})" for i in np.nonzero(out)[0]]
        raise InputError(f"the removed share μ = (IM + IF)/(TIU + TFU) lies outside [0, 1] for {', '.join(items[:6])}: "
                         "imports and inflows exceed total use (often negative final use). Proportional removal is "
                         "not defined there; aggregate these products (level 'aggregate') or remove none.")
    return np.clip(mu, 0.0, 1.0)


def domestic_from_arrays(Z, x, final_use, imports, inflows=None, *, remove: str | None = None,
                         labels=None) -> DomesticSystem:
    """The domestic adjustment for a table given as arrays (e.g. worksheet ranges).

    Parameters
    ----------
    Z : DataFrame or array (n × n)
        Intermediate flows incl. imports and inflows (competitive layout).
    x : array-like (n)
        Total output (GO).
    final_use : array-like (n)
        Total final use ``TFU`` (including exports and outflows); ``TIU`` is ``Z·1``.
    imports, inflows : array-like (n); inflows optional
    remove : {"imports", "imports+inflows"}, optional
        Default: ``imports+inflows`` when inflows are given, else ``imports``.
    """
    Zv, zlabels = checks.as_matrix(Z, "Z")
    n = Zv.shape[0]
    labels = list(labels) if labels is not None else (zlabels or [str(i + 1) for i in range(n)])
    vec = lambda v, what: checks.as_vector(v, n, what, labels)  # noqa: E731
    xv, tfu, im = vec(x, "x (total output)"), vec(final_use, "final use (TFU)"), vec(imports, "imports (IM)")
    columns = {"TIU": Zv.sum(axis=1), "TFU": tfu, "IM": im}
    if inflows is not None:
        columns["IF"] = vec(inflows, "inflows (IF)")
    columns["GO"] = xv
    final = pd.DataFrame(columns, index=labels)
    layout = "EX/OF/IM/IF" if inflows is not None else "EX/IM"
    remove = remove or ("imports+inflows" if inflows is not None else "imports")
    if remove == "imports+inflows" and inflows is None:
        raise InputError("remove 'imports+inflows' needs the inflows column; give it or remove 'imports'.")
    table = OfficialTable(Z=pd.DataFrame(Zv, index=labels, columns=labels), final=final, x=final["GO"].rename("x"),
                          value_added=pd.DataFrame(), names=pd.DataFrame(index=labels), unit="", region="", year=None,
                          title="", layout=layout, source="worksheet table")
    return domestic_system(table, remove=remove)
