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

from ..checks import list_labels
from ..errors import InputError
from .aggregation import concordance_matrix
from .official_tables import OfficialTable, subtotal_codes

REMOVE_CHOICES = ("none", "imports", "imports+inflows")
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
        Categories as published (``FU101`` …, ``EX``, ``OF`` or ``FU302``), plus ``ERR``, and,
        where imports or inflows stay in Z, ``-IM`` / ``-IF`` as negative columns.
    mu : Series
        The share removed from each supplying row (at the level it was computed).
    imports, inflows : Series
        ``IM`` and ``IF`` (or ``FU304``) by product at the output level (zeros where absent).
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

    @property
    def y(self) -> pd.Series:
        return (self.x - self.Z.sum(axis=1)).rename("y")


def allowed_removals(layout: str) -> tuple[str, ...]:
    """The ``remove`` choices a trade layout supports."""
    return {
        "EX/OF/IM/IF": REMOVE_CHOICES,
        "FU302/FU304": ("none", "imports+inflows"),
        "NOF": ("none",),
        "EX/IM": REMOVE_CHOICES,
        "EX": ("none",),
        "closed": ("none",),
        "non-competitive": REMOVE_CHOICES,
    }.get(layout, ("none",))


def _supply(table: OfficialTable, remove: str) -> tuple[pd.Series, pd.Series]:
    """(imports, inflows) to remove, by product; raise when the layout cannot tell them."""
    zero = pd.Series(0.0, index=table.Z.index)
    if table.layout == "FU302/FU304":
        if remove == "imports":
            raise InputError(
                f"{table.source}: this table ({table.layout} layout, e.g. 2007 provinces) has only inflows "
                "including imports (FU304, 流入), so imports cannot be removed on their own. Use "
                "--domestic imports+inflows (removes both) or none.")
        return zero, table.column("FU304")
    if table.layout == "NOF":
        raise InputError(
            f"{table.source}: this table has only a net outflow column (NOF, 净流出; e.g. 2002 provinces), so gross "
            "imports and inflows are unknown and cannot be removed from Z. Only --domestic none is possible; "
            "results then treat imported and inflowing products as local production.")
    if remove == "imports":
        return table.column("IM"), zero
    return table.column("IM"), table.column("IF")


def domestic_system(table: OfficialTable, remove: str = "imports+inflows", level: str = "aggregate",
                    concordance=None, order=None) -> DomesticSystem:
    """Z, x and final demand of local production, optionally aggregated by a concordance.

    Parameters
    ----------
    table : OfficialTable
        As read by :func:`~carbon_core.io.official_tables.read_official_table` or from a package.
    remove : {"none", "imports", "imports+inflows"}
    level : {"detail", "aggregate"}
        Where μ is computed when a concordance is given (ignored without one).
    concordance : mapping, Series or two-column DataFrame, optional
        Product code → target sector (many-to-one), e.g. S1–S11.
    order : sequence, optional
        Order of the target sectors.

    Raises
    ------
    InputError
        A choice the layout cannot support, an unknown choice, or shares outside [0, 1].
    """
    if remove not in REMOVE_CHOICES:
        raise InputError(f"remove must be one of {', '.join(REMOVE_CHOICES)}, not '{remove}'.")
    if level not in LEVEL_CHOICES:
        raise InputError(f"level must be 'detail' or 'aggregate', not '{level}'.")
    notes: list[str] = []
    products = table.products
    skip = subtotal_codes(table.final.columns)
    categories = [c for c in table.final.columns if c not in skip and c not in ("IM", "IF", "FU304", "ERR")]
    Yc = table.final[categories].astype(float)
    err = table.column("ERR")
    use = table.column("TIU") + table.column("TFU")
    if table.layout == "non-competitive":
        if remove != "none":
            notes.append("the table is non-competitive: Z already holds domestic products only; nothing to remove.")
        remove_eff = "none"
        imports = inflows = pd.Series(0.0, index=products)
    elif remove == "none":
        remove_eff = "none"
        if table.layout == "NOF":
            imports = inflows = pd.Series(0.0, index=products)
        elif table.layout == "FU302/FU304":
            imports, inflows = pd.Series(0.0, index=products), table.column("FU304")
        else:
            imports, inflows = table.column("IM"), table.column("IF")
    else:
        remove_eff = remove
        imports, inflows = _supply(table, remove)
        if table.layout == "EX/IM" and remove == "imports+inflows":
            notes.append("a national table has no interprovincial inflows: imports removed.")
    if remove_eff == "none" and table.is_competitive:
        notes.append("imports and inflows are still inside Z (no domestic adjustment): multipliers count "
                     "imported inputs as local production.")

    G = None
    if concordance is not None:
        G = concordance_matrix(products, concordance, order)
        labels = list(G.columns)
    else:
        labels = products
    agg = (lambda v: pd.Series(G.to_numpy().T @ v.to_numpy(), index=labels)) if G is not None else (lambda v: v)
    aggM = (lambda M: pd.DataFrame(G.to_numpy().T @ M.to_numpy() @ G.to_numpy(), index=labels, columns=labels)) \
        if G is not None else (lambda M: M)
    aggY = (lambda M: pd.DataFrame(G.to_numpy().T @ M.to_numpy(), index=labels, columns=M.columns)) \
        if G is not None else (lambda M: M)

    removed = imports + inflows
    if remove_eff == "none":
        mu = pd.Series(0.0, index=labels)
        Z = aggM(table.Z)
        Y = aggY(Yc)
        if table.layout == "FU302/FU304":
            Y["-FU304"] = -agg(inflows)
        elif table.layout != "NOF" and table.layout != "non-competitive":
            if table.has("IM"):
                Y["-IM"] = -agg(imports)
            if table.has("IF"):
                Y["-IF"] = -agg(inflows)
        Y["ERR"] = agg(err)
    else:
        if level == "aggregate" and G is not None:
            mu = _share(agg(removed), agg(use), labels, agg(table.x))
            Z = aggM(table.Z).mul(1.0 - mu, axis=0)
            Y = aggY(Yc).mul(1.0 - mu, axis=0)
        else:
            mu_p = _share(removed, use, products, table.x)
            Z = aggM(table.Z.mul(1.0 - mu_p, axis=0))
            Y = aggY(Yc.mul(1.0 - mu_p, axis=0))
            mu = mu_p if G is None else _share(agg(removed), agg(use), labels, agg(table.x))
            if G is not None:
                notes.append("μ applied at the table's products before aggregation (level 'detail'); the μ shown is "
                             "the aggregated rows' share, for reference.")
        Y["ERR"] = agg(err)
        what = "imports and inflows" if remove_eff == "imports+inflows" else "imports"
        notes.append(f"{what} removed from each supplying row in proportion to its use "
                     f"(μ = removed/(TIU+TFU)), at the {'aggregated' if level == 'aggregate' and G is not None else 'product'} level.")
    x = agg(table.x).rename("x")
    # Y sums to x - Z·1 by construction; any gap is the table's own imbalance
    names = None
    if G is None and table.names is not None:
        names = table.names
    return DomesticSystem(Z=Z, x=x, Y=Y, mu=mu.rename("mu"), imports=agg(imports).rename("IM"),
                          inflows=agg(inflows).rename("IF"), remove=remove_eff, level=level, unit=table.unit,
                          source=table.source, layout=table.layout, names=names, notes=notes)


def _share(removed: pd.Series, use: pd.Series, labels, output: pd.Series | None = None) -> pd.Series:
    r, u = removed.to_numpy(dtype=float), use.to_numpy(dtype=float)
    mu = np.divide(r, u, out=np.zeros_like(r), where=u != 0)
    if output is not None:
        # a product not produced locally comes wholly from outside; the table's rounding (ERR) must not
        # push its share past 1
        none_local = (output.to_numpy(dtype=float) == 0) & (r > 0) & (mu > 1.0)
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
    return pd.Series(np.clip(mu, 0.0, 1.0), index=labels)


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
    from .. import checks

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
