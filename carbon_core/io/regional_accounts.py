"""Carbon accounts of one province from its own IO table (single-region model).

With the domestic table (imports and inflows removed, :mod:`.domestic`), domestic multipliers
``m = wᵀL_d`` (``w = e/x``) split production-based emissions ``Σe`` exactly over the final demand
for local products: local final demand (consumption FU101–FU103, capital formation FU201–FU202),
exports ``EX``, outflows ``OF`` and the statistical discrepancy ``ERR`` (``x = L_d·y``).

**The footprint** (consumption-based emissions, 消费侧排放) is what local final demand causes,
wherever it is emitted (Peters 2008, Ecological Economics 65: 13–23):

    ``footprint = m·y_dl + m*·y_ml + m*·A_m L_d y_dl``

with ``y_dl`` local final demand for local products, ``y_ml`` local final demand met by imports
and inflows (imported final goods), and ``A_m = Z_m/x`` the imported intermediate inputs. Imports
and inflows that are worked up and sent on as exports or outflows are not in it. ``m*`` is the
**import assumption**, named on every result:

* ``own`` (default): the province's domestic multipliers ``m``;
* ``national``: domestic multipliers of the national table of the same year;
* ``total``: the province's total-technology multipliers ``wᵀ(I − A)⁻¹``, ``A`` from the
  competitive table (the domestic technology assumption in its textbook form); then the footprint
  equals ``wᵀ(I − A)⁻¹·(local final demand)`` exactly, since ``(I − A)⁻¹ = L_d + (I − A)⁻¹A_mL_d``.

For each assumption: ``production − footprint = exports + outflows + discrepancy − (embodied in the
imports and inflows that serve local final demand)``, checked on every result.

The balance of emissions embodied in bilateral trade (EEBT, 贸易隐含排放平衡) stays under its own
name: ``production − (exports + outflows) + (all imports + inflows)·m*``; it counts imports that are
re-exported as local consumption and is no footprint.

Households' direct emissions (cars, heating) belong to no sector and are not in ``e``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputError
from .domestic import DomesticSystem
from .iosystem import IOSystem
from .layouts import CAPITAL, CONSUMPTION, layout_of
from .leontief import LeontiefSolver

MULTIPLIERS = {
    "own": "the province's own domestic multipliers wᵀL_d (imports made as the province makes them, with its "
           "emission intensity)",
    "national": "national multipliers of the same year (wᵀL_d of the national table, imports removed)",
    "total": "the province's total-technology multipliers wᵀ(I − A)⁻¹ of the competitive table (domestic technology "
             "assumption)",
}

ITEMS = {
    "production": ("production-based emissions (direct, Σe = wᵀx)", "生产侧排放（直接排放）"),
    "local_consumption": ("  of which for local final consumption", "其中：本地最终消费"),
    "local_capital": ("  of which for local capital formation", "其中：本地资本形成"),
    "local_other": ("  of which for other local final use", "其中：其他本地最终使用"),
    "exports": ("  of which embodied in exports (EX)", "其中：出口隐含排放"),
    "outflows": ("  of which embodied in outflows to other provinces (OF)", "其中：调出隐含排放"),
    "exports_outflows": ("  of which embodied in outflows including exports", "其中：流出（含出口）隐含排放"),
    "net_outflows": ("  of which embodied in net outflows (NOF)", "其中：净流出隐含排放"),
    "discrepancy": ("  of which statistical discrepancy (ERR)", "其中：误差项"),
    "footprint": ("footprint: emissions caused by local final demand (consumption-based)", "消费侧排放（碳足迹）"),
    "footprint_local": ("  of which emitted in the province", "其中：本地生产排放"),
    "footprint_imported_final": ("  of which embodied in imported final goods (imports and inflows for local final "
                                 "use)", "其中：进口及调入最终产品隐含排放"),
    "footprint_imported_inputs": ("  of which embodied in imported intermediate inputs for local final demand",
                                  "其中：进口及调入中间投入隐含排放"),
    "imports": ("embodied in all imports (IM), incl. those re-exported", "进口隐含排放（全部）"),
    "inflows": ("embodied in all inflows from other provinces (IF), incl. those sent on", "调入隐含排放（全部）"),
    "imports_inflows": ("embodied in all inflows including imports (FU304)", "流入（含进口）隐含排放（全部）"),
    "net_transfer": ("net transfer: exports + outflows − all imports − all inflows (> 0: net exporter)",
                     "净转移（碳收支）"),
    "eebt_balance": ("EEBT balance: production − net transfer (no footprint: counts re-exported imports)",
                     "贸易隐含排放平衡"),
}


@dataclass
class ProvincialAccounts:
    """Result of :func:`provincial_accounts`.

    Attributes
    ----------
    summary : DataFrame
        One row per item (index: item key), columns ``value``, ``unit``, ``multipliers`` (the import
        assumption the trade and footprint lines depend on), ``name_en``, ``name_zh``.
    by_sector : DataFrame
        Emitting-sector view: each sector's direct emissions and what final demand they serve
        (local, exports and outflows, discrepancy); rows add up to ``production``.
    by_product : DataFrame
        Final-product view: the footprint of local final demand by the product bought, and the
        emissions embodied in exports, outflows, imports and inflows by product.
    multipliers : str
        The import assumption (``own``, ``national`` or ``total``); ``assumption`` says it in words.
    """

    summary: pd.DataFrame
    by_sector: pd.DataFrame
    by_product: pd.DataFrame
    multipliers: str
    assumption: str
    unit: str
    notes: list = field(default_factory=list)


def _columns(Y: pd.DataFrame, layout: str) -> dict:
    """Final-demand columns by role: local (consumption, capital, other), outgoing, discrepancy."""
    spec = layout_of(layout)
    outgoing = [c for c in Y.columns if c in spec.outgoing]
    negative = [c for c in Y.columns if str(c).startswith("-")]
    local = [c for c in Y.columns if c not in outgoing and c not in negative and c != "ERR"]
    return {"consumption": [c for c in local if c in CONSUMPTION], "capital": [c for c in local if c in CAPITAL],
            "other": [c for c in local if c not in CONSUMPTION and c not in CAPITAL], "outgoing": outgoing,
            "negative": negative}


def provincial_accounts(system: DomesticSystem, e, *, unit: str | None = None, multipliers: str = "own",
                        national: tuple[DomesticSystem, object] | None = None,
                        allow_negative: bool = False, io: IOSystem | None = None) -> ProvincialAccounts:
    """Production-based emissions, the footprint of local final demand and embodied trade of one province.

    Parameters
    ----------
    system : DomesticSystem
        The province's table with imports and inflows removed (the default of
        :func:`~carbon_core.io.domestic.domestic_system`); it carries the removed flows
        ``Z_imported`` and ``Y_imported`` the footprint needs.
    e : array-like or Series
        Satellite by sector (labels as ``system.Z``), e.g. Mt CO2 or 10^4 tce.
    unit : str, optional
        Unit of ``e`` (reported in every row).
    multipliers : {"own", "national", "total"}
        The import assumption (see the module notes).
    national : (DomesticSystem, e), optional
        The national table of the same year, domestic, at the same sectors, and its satellite
        (required for ``multipliers="national"``).
    io : IOSystem, optional
        The Leontief system of ``system`` when already built (saves a factorisation).

    Raises
    ------
    InputError
        Imports or inflows still inside Z, a layout without gross trade, mismatched sectors.
    """
    _check_accountable(system, multipliers)
    unit = unit or "unit of e"
    if io is None:
        io = IOSystem(system.Z, system.x, unit=system.unit, allow_negative=allow_negative)
    elif list(io.labels) != list(system.Z.index):
        raise InputError("the IOSystem given does not belong to this domestic table (its sectors differ).")
    labels = io.labels
    ev = io.satellite(e)
    w = io.intensity(ev).to_numpy()
    m = io.solver.solve_left(w)
    d = _final_demand(system, labels)
    notes = list(system.notes)
    m_star = _import_multipliers(multipliers, system, io, w, d.Z_imported, national, allow_negative)
    assumption = MULTIPLIERS[multipliers] + (f" ({national[0].source})" if multipliers == "national" else "")
    x = io.x_values
    A_m = np.divide(d.Z_imported, x[np.newaxis, :], out=np.zeros_like(d.Z_imported), where=x != 0)
    k = io.solver.solve_left(m_star @ A_m)  # m*·A_m·L_d, per unit of local final demand for each local product

    # emitting-sector view: w ∘ L_d·(y of each destination); rows add up to e exactly (one solve for all)
    destinations = {"for_local_final_demand": d.local, **{f"for_{_key(c)}": v for c, v in d.outgoing.items()},
                    "for_discrepancy": d.discrepancy}
    solved = io.solver.solve(np.column_stack(list(destinations.values())))
    by_sector = _block({"production": ev, **{name: w * solved[:, i] for i, name in enumerate(destinations)}},
                       pd.Index(labels, name="sector", dtype=object))
    # final-product view
    parts = {"footprint_local": m * d.local, "footprint_imported_final": m_star * d.local_imported,
             "footprint_imported_inputs": k * d.local}
    imports = _imports(system, m_star, labels)
    by_product = _block({**parts, "footprint": sum(parts.values()),
                         **{_key(c): m * v for c, v in d.outgoing.items()}, **imports},
                        pd.Index(labels, name="product", dtype=object))

    totals = _totals(float(ev.sum()), m, d, parts, imports)
    _check_identities(totals, sum(totals[_key(c)] for c in d.outgoing), unit, notes)
    _sanity(totals, unit, notes)
    words = lambda values: np.array(values, dtype=object)  # noqa: E731
    summary = pd.DataFrame({"value": np.fromiter(totals.values(), float, len(totals)),
                            "unit": words([unit] * len(totals)), "multipliers": words([multipliers] * len(totals)),
                            "name_en": words([ITEMS[k][0] for k in totals]),
                            "name_zh": words([ITEMS[k][1] for k in totals])},
                           index=pd.Index(list(totals), name="item", dtype=object))
    summary.attrs.update({"unit": unit, "multipliers": multipliers, "assumption": assumption,
                          "source": system.source})
    by_sector.attrs.update({"unit": unit, "view": "emitting sector (where the emissions occur)"})
    by_product.attrs.update({"unit": unit, "view": "final product (what local final demand, exports and trade buy)",
                             "multipliers": multipliers})
    return ProvincialAccounts(summary, by_sector, by_product, multipliers, assumption, unit, notes)


def _block(columns: dict[str, np.ndarray], index: pd.Index) -> pd.DataFrame:
    """Float columns as one 2-D block: a third of the cost of a frame built column by column,
    which counts when all 31 provinces are accounted in one go."""
    return pd.DataFrame(np.column_stack(list(columns.values())), index=index,
                        columns=pd.Index(list(columns), dtype=object))


def _check_accountable(system: DomesticSystem, multipliers: str) -> None:
    """Refuse what accounts cannot be computed from: net trade only, imports inside Z, an unknown assumption."""
    if layout_of(system.layout).net_only:
        raise InputError("this table has only a net outflow (NOF, 2002 provinces): gross exports, outflows, imports "
                         "and inflows are unknown, so embodied trade and footprints cannot be computed. Use a 2007 or "
                         "later table.", code="layout-choice")
    if layout_of(system.layout).competitive and (system.remove == "none" or any(
            str(c).startswith("-") for c in system.Y.columns)):
        raise InputError("provincial accounts need imports and inflows removed from Z (the default; command line "
                         "--domestic imports+inflows); otherwise imported inputs count as local production.",
                         code="imports-inside")
    if multipliers not in MULTIPLIERS:
        raise InputError(f"multipliers must be {', '.join(repr(k) for k in MULTIPLIERS)}, not '{multipliers}'.")


@dataclass
class _Demand:
    """Final demand of one province by role, as arrays in the order of the sectors."""

    consumption: np.ndarray    # local final consumption of local products
    capital: np.ndarray        # local capital formation of local products
    other: np.ndarray | None   # other local final use, where a table has it
    local: np.ndarray          # all local final demand of local products, y_dl
    local_imported: np.ndarray  # local final demand met by imports and inflows, y_ml
    outgoing: dict             # exports, outflows (or FU302, NOF) by column
    discrepancy: np.ndarray    # ERR
    Z_imported: np.ndarray     # imported intermediate inputs, Z_m


def _final_demand(system: DomesticSystem, labels) -> _Demand:
    Y = system.Y if list(system.Y.index) == list(labels) else system.Y.reindex(labels)
    roles = _columns(Y, system.layout)
    n = len(labels)
    Yv, ycol = Y.to_numpy(dtype=float), {c: i for i, c in enumerate(Y.columns)}
    Ym = system.Y_imported
    Ymv = np.zeros((n, 0)) if Ym is None else _values(Ym, labels)
    ymcol = {} if Ym is None else {c: i for i, c in enumerate(Ym.columns)}
    Zm = system.Z_imported

    def col(cols, values=Yv, where=ycol):
        idx = [where[c] for c in cols if c in where]
        return values[:, idx].sum(axis=1) if idx else np.zeros(n)

    local_cols = roles["consumption"] + roles["capital"] + roles["other"]
    return _Demand(consumption=col(roles["consumption"]), capital=col(roles["capital"]),
                   other=col(roles["other"]) if roles["other"] else None, local=col(local_cols),
                   local_imported=col(local_cols, Ymv, ymcol), outgoing={c: col([c]) for c in roles["outgoing"]},
                   discrepancy=col(["ERR"]),
                   Z_imported=np.zeros((n, n)) if Zm is None else _values(Zm, labels, columns=True))


def _totals(production: float, m: np.ndarray, d: _Demand, parts: dict, imports: dict) -> dict:
    """The summary lines, in the order people read them."""
    totals = {"production": production, "local_consumption": float(m @ d.consumption),
              "local_capital": float(m @ d.capital)}
    if d.other is not None:
        totals["local_other"] = float(m @ d.other)
    for c, v in d.outgoing.items():
        totals[_key(c)] = float(m @ v)
    totals["discrepancy"] = float(m @ d.discrepancy)
    totals["footprint"] = float(sum(parts.values()).sum())
    for key, values in parts.items():
        totals[key] = float(values.sum())
    for key, values in imports.items():
        totals[key] = float(values.sum())
    totals["net_transfer"] = sum(totals[_key(c)] for c in d.outgoing) - sum(totals[k] for k in imports)
    totals["eebt_balance"] = totals["production"] - totals["net_transfer"]
    return totals


def _values(data, labels, columns: bool = False) -> np.ndarray:
    """``data`` (Series or frame) as floats in the order of ``labels``; aligned only when it is not already."""
    same = list(data.index) == list(labels) and (not columns or list(data.columns) == list(labels))
    if not same:
        data = data.reindex(index=labels, columns=labels) if columns else data.reindex(labels)
    return data.to_numpy(dtype=float)


def _key(column: str) -> str:
    return {"EX": "exports", "OF": "outflows", "FU302": "exports_outflows", "NOF": "net_outflows"}.get(column, column)


def _imports(system: DomesticSystem, m_star: np.ndarray, labels) -> dict:
    """Emissions embodied in all imports and inflows (the EEBT import lines), by product."""
    imports, inflows = _values(system.imports, labels), _values(system.inflows, labels)
    spec = layout_of(system.layout)
    if spec.inflows and spec.supply == (spec.inflows,):  # inflows published with imports (FU304)
        return {"imports_inflows": m_star * inflows}
    out = {"imports": m_star * imports}
    if spec.inflows:
        out["inflows"] = m_star * inflows
    return out


def _import_multipliers(kind, system, io, w, Zm, national, allow_negative) -> np.ndarray:
    if kind == "own":
        return io.solver.solve_left(w)
    if kind == "total":
        Z_total = io.Z_values + Zm
        x = io.x_values
        A = np.divide(Z_total, x[np.newaxis, :], out=np.zeros_like(Z_total), where=x != 0)
        return LeontiefSolver(A).solve_left(w)
    if national is None:
        raise InputError("national multipliers need the national table of the same year and its satellite "
                         "(command line: --national-table and --national-satellite or --national-e).")
    nat_sys, nat_e = national
    with warnings.catch_warnings():  # the national table's own warnings are not this province's
        warnings.simplefilter("ignore")
        nat_io = IOSystem(nat_sys.Z, nat_sys.x, unit=nat_sys.unit, allow_negative=allow_negative)
    if list(nat_io.labels) != list(io.labels):
        raise InputError(f"the national table's sectors ({', '.join(nat_io.labels[:5])} …) differ from the "
                         f"province's ({', '.join(io.labels[:5])} …); aggregate both to the same sectors.")
    if nat_sys.unit != system.unit:
        raise InputError(f"the national table is in {nat_sys.unit}, the province's in {system.unit}.")
    return nat_io.multipliers(nat_e).to_numpy()


def _check_identities(t: dict, out_total: float, unit: str, notes: list) -> None:
    """production = its destinations; production − footprint = outgoing + discrepancy − imported for local use."""
    scale = max(abs(t["production"]), abs(t["footprint"]), 1e-300)
    local = sum(t.get(k, 0.0) for k in ("local_consumption", "local_capital", "local_other"))
    gap = t["production"] - (local + out_total + t["discrepancy"])
    if abs(gap) > 1e-8 * scale:  # x = L·y makes this exact; a gap means y does not match the table
        notes.append(f"production-based total differs from the sum of its destinations by {gap:.6g} {unit}: the "
                     "table's rows do not balance.")
    imported = t["footprint_imported_final"] + t["footprint_imported_inputs"]
    gap = (t["production"] - t["footprint"]) - (out_total + t["discrepancy"] - imported)
    if abs(gap) > 1e-8 * scale:  # pragma: no cover - an identity of the definitions
        raise InputError(f"internal check failed: production − footprint is off its identity by {gap:.6g} {unit}.")


def _sanity(t: dict, unit: str, notes: list) -> None:
    """A footprint more than twice or less than half of production gets a note naming its main driver."""
    p, fp = t["production"], t["footprint"]
    if p <= 0 or 0.5 * p <= fp <= 2.0 * p:
        return
    imported = t["footprint_imported_final"] + t["footprint_imported_inputs"]
    if fp > 2.0 * p:
        notes.append(f"sanity: the footprint ({fp:,.4g} {unit}) is {fp / p:.1f}× production: {100 * imported / fp:.0f}% "
                     "of it is embodied in imports and inflows for local final demand (the main driver); check the "
                     "import assumption.")
    else:
        outgoing = p - t["footprint_local"] - t["discrepancy"]
        notes.append(f"sanity: the footprint ({fp:,.4g} {unit}) is {fp / p:.2f}× production: {100 * outgoing / p:.0f}% "
                     "of production is embodied in exports and outflows (the main driver).")
