"""Carbon accounts of one province from its own IO table (single-region model).

With the domestic table (imports and inflows removed, :mod:`.domestic`), multipliers
``m = w'L`` give the emissions embodied in each final-demand category of local production:

* production-based emissions ``Σ e = w'x``;
* embodied in local final use ``m · y_local`` (consumption, capital formation), in exports
  ``m · EX_d`` and in outflows to other provinces ``m · OF_d`` (``_d``: the local part), plus the
  table's statistical discrepancy ``m · ERR``; these add up to the production-based total exactly,
  because ``x = L·y``;
* embodied in imports and inflows, ``m* · IM`` and ``m* · IF``, under a stated assumption for
  ``m*``: the province's own multipliers (same technology elsewhere), or national multipliers of the
  same year (the national table and a national satellite at the same sectors);
* the net transfer (the "carbon balance") ``(exports + outflows) − (imports + inflows)``: > 0 the
  province exports emissions embodied in goods; and the consumption-based total
  ``production − exports − outflows + imports + inflows``.

Households' direct emissions (cars, heating) belong to no sector and are not in ``e``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..errors import InputError
from .domestic import DomesticSystem
from .iosystem import IOSystem

CONSUMPTION = ("FU101", "FU102", "THC_", "FU103", "TC_")
CAPITAL = ("FU201", "FU202")

ITEMS = {
    "production": ("production-based emissions (direct, Σe = w'x)", "生产侧排放（直接排放）"),
    "local_consumption": ("embodied in local final consumption (households, government)", "本地最终消费隐含排放"),
    "local_capital": ("embodied in local capital formation", "本地资本形成隐含排放"),
    "local_other": ("embodied in other local final use", "其他本地最终使用隐含排放"),
    "exports": ("embodied in exports (EX)", "出口隐含排放"),
    "outflows": ("embodied in outflows to other provinces (OF)", "调出（省外流出）隐含排放"),
    "exports_outflows": ("embodied in outflows including exports (FU302)", "流出（含出口）隐含排放"),
    "discrepancy": ("statistical discrepancy (ERR)", "其他（误差项）"),
    "imports": ("embodied in imports (IM)", "进口隐含排放"),
    "inflows": ("embodied in inflows from other provinces (IF)", "调入（省外流入）隐含排放"),
    "imports_inflows": ("embodied in inflows including imports (FU304)", "流入（含进口）隐含排放"),
    "net_transfer": ("net transfer: exports + outflows − imports − inflows (> 0: net exporter)", "净转移（碳收支）"),
    "consumption": ("consumption-based emissions: production − exports − outflows + imports + inflows", "消费侧排放"),
}


def national_counterpart(year, *, aggregate_s11: bool, level: str = "aggregate", spec: str | None = None,
                         root=None):
    """The national table of ``year`` (or ``spec``), imports removed, at S1-S11 or its products.

    Returns ``(DomesticSystem, OfficialTable)``; the system is what :func:`provincial_accounts`
    takes as ``national`` together with a national satellite in the province's unit.
    """
    from ..data.datasets import national_table_spec, read_table_spec, s11_concordance
    from .domestic import domestic_system

    table = read_table_spec(spec or national_table_spec(year, root), root, balance="warn")
    mapping = order = None
    if aggregate_s11:
        mapping, _, order = s11_concordance(table.classification, root)
    return domestic_system(table, remove="imports", level=level, concordance=mapping, order=order), table


@dataclass
class ProvincialAccounts:
    """Result of :func:`provincial_accounts`.

    Attributes
    ----------
    summary : DataFrame
        One row per item (index: item key), columns ``value``, ``unit``, ``name_en``, ``name_zh``.
    by_sector : DataFrame
        The same items by sector (rows) where they are sector sums.
    assumption : str
        How imports and inflows were valued.
    """

    summary: pd.DataFrame
    by_sector: pd.DataFrame
    assumption: str
    unit: str
    notes: list


def provincial_accounts(system: DomesticSystem, e, *, unit: str | None = None, multipliers: str = "own",
                        national: tuple[DomesticSystem, object] | None = None,
                        allow_negative: bool = False, io: IOSystem | None = None) -> ProvincialAccounts:
    """Production- and consumption-based accounts and the net transfer of one province.

    Parameters
    ----------
    system : DomesticSystem
        The province's table after removing imports and inflows (``remove="imports+inflows"``).
    e : array-like or Series
        Satellite by sector (labels as ``system.Z``), e.g. Mt CO2 or 10^4 tce.
    unit : str, optional
        Unit of ``e`` (reported in every row).
    multipliers : {"own", "national"}
        Multipliers for imports and inflows: the province's own, or national ones (then
        ``national`` is required).
    national : (DomesticSystem, e), optional
        The national table of the same year, domestic, at the same sectors, and its satellite.
    io : IOSystem, optional
        The Leontief system of ``system`` when already built (saves a factorisation).

    Raises
    ------
    InputError
        Imports or inflows still inside Z, a layout without gross trade, mismatched sectors.
    """
    if system.layout == "NOF":
        raise InputError("this table has only a net outflow (NOF, 2002 provinces): gross exports, outflows, imports "
                         "and inflows are unknown, so embodied trade cannot be computed. Use a 2007 or later table.")
    if system.layout != "non-competitive" and system.remove != "imports+inflows" and system.layout != "EX/IM":
        raise InputError("provincial accounts need a domestic table with imports and inflows removed "
                         "(remove='imports+inflows'; command line: --domestic imports+inflows); otherwise "
                         "imported inputs count as local production.")
    if system.layout == "EX/IM" and system.remove == "none":
        raise InputError("remove imports from the national table first (remove='imports').")
    unit = unit or "unit of e"
    if io is None:
        io = IOSystem(system.Z, system.x, unit=system.unit, allow_negative=allow_negative)
    elif list(io.labels) != list(system.Z.index):
        raise InputError("the IOSystem given does not belong to this domestic table (its sectors differ).")
    ev_values = io.satellite(e)
    m_values = io.solver.solve_left(io.intensity(ev_values).to_numpy())
    m = pd.Series(m_values, index=io.labels)
    ev = pd.Series(ev_values, index=io.labels)
    Y = system.Y.reindex(io.labels)
    Yv = Y.to_numpy(dtype=float)
    ycol = {c: k for k, c in enumerate(Y.columns)}
    notes = list(system.notes)

    def embodied(cols) -> pd.Series:
        idx = [ycol[c] for c in cols if c in ycol]
        if not idx:
            return pd.Series(0.0, index=io.labels)
        return pd.Series(m_values * Yv[:, idx].sum(axis=1), index=io.labels)

    consumption_cols = [c for c in Y.columns if c in ("FU101", "FU102", "FU103")]
    capital_cols = [c for c in Y.columns if c in CAPITAL]
    trade_cols = {"EX", "OF", "FU302", "NOF", "ERR", "-IM", "-IF", "-FU304"}
    other_cols = [c for c in Y.columns if c not in trade_cols and c not in consumption_cols and c not in capital_cols]
    cols = {"production": ev, "local_consumption": embodied(consumption_cols),
            "local_capital": embodied(capital_cols)}
    if other_cols:
        cols["local_other"] = embodied(other_cols)
    combined = "FU302" in Y.columns
    if combined:
        cols["exports_outflows"] = embodied(["FU302"])
    else:
        cols["exports"] = embodied(["EX"])
        if system.layout != "EX/IM" and system.layout != "non-competitive":
            cols["outflows"] = embodied(["OF"])
    cols["discrepancy"] = embodied(["ERR"])

    if multipliers == "own":
        m_star = m
        assumption = ("imports and inflows valued with the province's own multipliers (the same technology and "
                      "emission intensity as local production)")
    elif multipliers == "national":
        if national is None:
            raise InputError("national multipliers need the national table of the same year and its satellite "
                             "(command line: --national-table and --national-satellite or --national-e).")
        nat_sys, nat_e = national
        nat_io = IOSystem(nat_sys.Z, nat_sys.x, unit=nat_sys.unit, allow_negative=allow_negative)
        if list(nat_io.labels) != list(io.labels):
            raise InputError(f"the national table's sectors ({', '.join(nat_io.labels[:5])} …) differ from the "
                             f"province's ({', '.join(io.labels[:5])} …); aggregate both to the same sectors.")
        if nat_sys.unit != system.unit:
            raise InputError(f"the national table is in {nat_sys.unit}, the province's in {system.unit}.")
        m_star = nat_io.multipliers(nat_e)
        assumption = (f"imports and inflows valued with national multipliers of the same year ({nat_sys.source})")
    else:
        raise InputError(f"multipliers must be 'own' or 'national', not '{multipliers}'.")
    if combined:
        cols["imports_inflows"] = m_star * system.inflows.reindex(io.labels)
    else:
        cols["imports"] = m_star * system.imports.reindex(io.labels)
        if system.layout != "EX/IM" and system.layout != "non-competitive":
            cols["inflows"] = m_star * system.inflows.reindex(io.labels)
    out_keys = [k for k in ("exports", "outflows", "exports_outflows") if k in cols]
    in_keys = [k for k in ("imports", "inflows", "imports_inflows") if k in cols]
    cols["net_transfer"] = sum(cols[k] for k in out_keys) - sum(cols[k] for k in in_keys)
    cols["consumption"] = cols["production"] - cols["net_transfer"]
    by_sector = pd.DataFrame(cols)
    by_sector.index.name = "sector"
    totals = by_sector.sum()
    local_keys = [k for k in ("local_consumption", "local_capital", "local_other") if k in cols]
    gap = totals["production"] - sum(totals[k] for k in local_keys + out_keys + ["discrepancy"])
    scale = max(abs(totals["production"]), 1e-300)
    if abs(gap) > 1e-8 * scale:  # x = L·y makes this exact; a gap means y does not match the table
        notes.append(f"production-based total differs from the sum of final-use parts by {gap:.6g} {unit}: the table's "
                     "rows do not balance.")
    summary = pd.DataFrame({"value": totals, "unit": unit,
                            "name_en": [ITEMS[k][0] for k in totals.index],
                            "name_zh": [ITEMS[k][1] for k in totals.index]})
    summary.index.name = "item"
    summary.attrs.update({"unit": unit, "assumption": assumption, "source": system.source})
    by_sector.attrs["unit"] = unit
    return ProvincialAccounts(summary=summary, by_sector=by_sector, assumption=assumption, unit=unit, notes=notes)
