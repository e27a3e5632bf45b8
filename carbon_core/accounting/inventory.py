"""Inventory accounting: activity lines → heat, CO2, CO2e and coal equivalent, with provenance.

Formulas (seed 003 eqs. 1-5; methods.md):

- combustion (scope 1): heat = quantity × NCV; CO2 = heat × carbon content per heat ×
  oxidation rate × 44/12;
- electricity (scope 2): CO2 = quantity × grid factor;
- heat (scope 2): CO2 = quantity × heat factor (tCO2/GJ);
- process and other (scope 1): emission = quantity × factor, for the line's gas;
  CO2e = emission × GWP of the gas in the chosen report;
- coal equivalent: quantity × coefficient (kgce per unit); for a carrier without a
  coefficient in the chosen family, heat / 29.3076 GJ per tce, said so on the line.

Every factor used is named on the line by its record id (or "user" for a factor given on
the line). Lines are grouped by (category, activity, unit, gas) so factors are resolved once
per group and the arithmetic is vectorised.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from ..checks import blank_mask, check_keys, is_total_label, list_labels, numeric_column
from ..errors import InputError
from .factors import Factor, FactorLibrary
from .units import parse_unit, substance, substance_factor

CATEGORIES = ("combustion", "process", "electricity", "heat", "other")
SCOPE = {"combustion": 1, "process": 1, "other": 1, "electricity": 2, "heat": 2}
C_TO_CO2 = 44.0 / 12.0
GJ_PER_TCE = 29.3076
_CATEGORY_ALIASES = {
    "燃烧": "combustion", "化石燃料燃烧": "combustion", "fuel": "combustion", "过程": "process",
    "工业过程": "process", "电力": "electricity", "外购电力": "electricity", "electric": "electricity",
    "热力": "heat", "外购热力": "heat", "其他": "other",
}
REQUIRED = ["period", "category", "activity", "quantity", "unit"]
OUTPUT_COLUMNS = ["entity", "period", "category", "scope", "activity", "activity_id", "quantity", "unit", "gas",
                  "heat_GJ", "ncv", "ncv_unit", "ncv_record", "carbon_content_tC_per_TJ", "carbon_content_record",
                  "oxidation_rate", "oxidation_record", "parameter_family", "factor", "factor_unit", "factor_record",
                  "emission_t", "gwp", "gwp_record", "tCO2", "tCO2e", "tce", "tce_basis", "tce_coefficient",
                  "tce_family"]


@dataclass
class InventoryChoices:
    """The choices an inventory depends on; returned with the result.

    Parameters
    ----------
    family : str, optional
        Fuel-parameter family (default: the package default, GB/T 32151.22—2024).
    coal_equivalent_family : str, optional
        Coal-equivalent family (default GB/T 2589—2020; "SEED003" for seed 003 Table 4).
    grid_year, grid_region, grid_type : int, str, str
        Which electricity factor to use; or ``grid_record`` naming one record id.
    heat_record : str, optional
        Record id of the purchased-heat factor (default: the package's heat default).
    gwp_report : str, default "AR5"
        IPCC report of the GWP-100 values for non-CO2 gases.
    """

    family: str | None = None
    coal_equivalent_family: str | None = None
    grid_year: int | None = None
    grid_region: str = "national"
    grid_type: str = "avg_incl_all"
    grid_record: str | None = None
    heat_record: str | None = None
    gwp_report: str = "AR5"


@dataclass
class InventoryResult:
    """Lines with factors and results, totals, and the choices used."""

    lines: pd.DataFrame
    choices: dict

    def totals(self, by: str | list[str]) -> pd.DataFrame:
        """tCO2, tCO2e and tce summed by the given line columns (e.g. "scope", ["period", "category"])."""
        return self.lines.groupby(by, sort=True)[["tCO2", "tCO2e", "tce"]].sum()

    def energy_structure(self, by: str = "period") -> pd.DataFrame:
        """Coal equivalent by energy carrier and its share (%) within each ``by`` group."""
        return energy_structure(self.lines, by)


def compute_inventory(activity: pd.DataFrame, library: FactorLibrary,
                      choices: InventoryChoices | None = None, *, fill_down: tuple[str, ...] = ()) -> InventoryResult:
    """Compute an inventory from activity lines.

    Parameters
    ----------
    activity : DataFrame
        Columns ``period, category, activity, quantity, unit`` and optionally ``entity``,
        ``gas`` (process/other lines; default CO2), ``factor`` and ``factor_unit`` (a user
        factor, recorded with provenance "user"), ``correction`` (true allows a negative
        quantity). Categories: combustion, process, electricity, heat, other.
    library : FactorLibrary
    choices : InventoryChoices, optional
    fill_down : tuple of str
        Key columns (``period``, ``entity``, ``category``) whose blank cells take the value
        above (merged cells in an Excel export). Other blank keys are refused.

    Returns
    -------
    InventoryResult

    Raises
    ------
    InputError
        Naming the line: blank keys, numbers that are not finite or are impossible, a user
        factor whose unit does not fit the line's activity and gas (tC is converted to tCO2
        by 44/12 and said so; CO2e and other gases are refused on CO2 lines), a non-CO2 gas
        on a combustion, electricity or heat line, or a record id of the wrong kind.
    """
    choices = choices or InventoryChoices()
    lines = _prepare(activity, fill_down)
    n = len(lines)
    out = {c: np.full(n, np.nan) for c in ("heat_GJ", "ncv", "carbon_content_tC_per_TJ", "oxidation_rate",
                                           "factor", "emission_t", "gwp", "tCO2", "tCO2e", "tce", "tce_coefficient")}
    text = {c: np.full(n, "", dtype=object) for c in ("activity_id", "ncv_unit", "ncv_record", "carbon_content_record",
                                                      "oxidation_record", "parameter_family", "factor_unit",
                                                      "factor_record", "gwp_record", "tce_basis", "tce_family")}
    resolved = {"fuel families": set(), "grid factor": None, "heat factor": None, "coal-equivalent basis": set()}
    keys = ["category", "activity", "unit", "gas", "factor", "factor_unit"]
    # dropna=False keeps lines without a user factor (NaN in column factor) as their own groups
    groups = lines[keys].groupby(keys, sort=False, dropna=False).indices
    quantity = lines["quantity"].to_numpy()
    for (cat, act, unit, gas, factor, factor_unit), idx in groups.items():
        q = quantity[idx]
        try:
            user = None if pd.isna(factor) else _user_factor(float(factor), factor_unit, gas, cat)
            if cat in ("combustion", "electricity", "heat") and _gas_key(gas) != "CO2":
                raise InputError(f"the gas is {gas}, but {cat} lines compute CO2 only. Book non-CO2 emissions as an "
                                 "'other' (or 'process') line with gas, factor and factor_unit (e.g. CH4, 0.003, "
                                 "t/t of fuel), so that the chosen GWP set is applied.")
            if cat == "combustion":
                _combustion(library, choices, act, unit, user, q, idx, out, text, resolved)
            elif cat == "electricity":
                _electricity(library, choices, unit, user, q, idx, out, text, resolved)
            elif cat == "heat":
                _heat(library, choices, unit, user, q, idx, out, text, resolved)
            else:
                _direct(library, choices, cat, act, unit, gas, user, q, idx, out, text)
        except InputError as exc:
            where = f"line(s) {list_labels((idx[:9] + 2).tolist())}{' and more' if len(idx) > 9 else ''}"  # CSV lines
            raise InputError(f"{where} ({cat}, {act}, {unit}): {exc}") from None
    # object dtype: converting these columns to pandas' arrow strings costs more than the arithmetic
    result = lines.assign(scope=lines["category"].map(SCOPE), **out,
                          **{k: pd.Series(v, dtype=object, index=lines.index) for k, v in text.items()})
    used = asdict(choices)
    if choices.family is None:  # never "None": the families actually used, in the documented order
        used["family"] = (f"not named: the resolution order {' → '.join(library.resolution_order('fuel_parameters'))}"
                          " (a fallback is warned)")
    if choices.coal_equivalent_family is None:
        used["coal_equivalent_family"] = (f"not named: the resolution order "
                                          f"{' → '.join(library.resolution_order('coal_equivalent'))}")
    used.update({"fuel families used": sorted(resolved["fuel families"]),
                 "grid factor used": resolved["grid factor"], "heat factor used": resolved["heat factor"],
                 "coal-equivalent basis": sorted(resolved["coal-equivalent basis"])})
    used = {k: ("not given" if v is None and k in ("grid_year", "grid_record", "heat_record") else
                "not used (no such lines)" if v is None else v) for k, v in used.items()}
    return InventoryResult(result[[c for c in OUTPUT_COLUMNS if c in result.columns]], used)


# --------------------------------------------------------------------- lines
def _by_unique(series: pd.Series, fn) -> np.ndarray:
    """Apply ``fn`` to each distinct value only: activity columns repeat a few values many times."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    return np.array([fn(u) for u in uniques], dtype=object)[codes]


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()


def _lines_where(mask: np.ndarray) -> str:
    return list_labels((np.nonzero(mask)[0] + 2).tolist())  # CSV line numbers: the header is line 1


def _gas_key(gas: str) -> str:
    g = _text(gas).upper().replace(" ", "")
    return "CO2" if g in ("CO2", "二氧化碳") else g


def _user_factor(value: float, funit: str, gas: str, cat: str) -> tuple[float, str, float, str]:
    """(value, unit, value per mass of the line's gas, note) of a factor given on a line.

    The unit's substance must fit the gas: a CO2 line takes tCO2 or tC (× 44/12, noted); a
    plain mass (t/t) is ambiguous there. A CH4 line takes tCH4 or a plain mass; CO2e is refused
    everywhere (it already holds a GWP, and the chosen GWP set must be the one applied).
    """
    sub = substance(funit)
    gas_key = _gas_key(gas)
    if gas_key == "CO2":
        if sub is None:
            raise InputError(f"factor unit '{funit}' does not say whether it counts carbon or CO2; write it as "
                             "tCO2/… or tC/… (a carbon factor is converted with 44/12).")
        if sub == "CO2e":
            raise InputError(f"factor unit '{funit}' is CO2-equivalent (it already includes other gases through a "
                             "GWP), but this line computes CO2; give a CO2 factor (tCO2/…) — life-cycle or footprint "
                             "factors in CO2e do not belong in a CO2 inventory line.")
        if sub not in ("CO2", "C"):
            raise InputError(f"factor unit '{funit}' counts {sub}, but the line's gas is CO2; set column gas to {sub} "
                             "or give a CO2 factor.")
    elif sub is not None and sub != gas_key:
        hint = (" CO2e factors already include a GWP; give the factor in mass of the gas so the chosen GWP set "
                "is applied." if sub == "CO2e" else "")
        raise InputError(f"factor unit '{funit}' counts {sub}, but the line's gas is {gas}.{hint}")
    mult = substance_factor(sub, "CO2" if gas_key == "CO2" else sub)
    note = "user; tC converted to tCO2 × 44/12" if mult != 1.0 else "user"
    return value, funit, value * mult, note


def _prepare(activity: pd.DataFrame, fill_down=()) -> pd.DataFrame:
    if not isinstance(activity, pd.DataFrame):
        raise InputError("activity lines must be a table (DataFrame) with columns " + ", ".join(REQUIRED) + ".")
    cols = {str(c).strip().lower(): c for c in activity.columns}
    missing = [c for c in REQUIRED if c not in cols]
    if missing:
        raise InputError(f"activity table lacks column(s) {', '.join(missing)}; required: {', '.join(REQUIRED)} "
                         "(optional: entity, gas, factor, factor_unit, correction).")
    if activity.empty:
        raise InputError("the activity table has no lines.")
    activity = activity.rename(columns={c: str(c).strip().lower() for c in activity.columns})
    unknown_fill = sorted(set(fill_down) - {"period", "entity", "category"})
    if unknown_fill:
        raise InputError(f"fill_down takes period, entity or category, not {', '.join(unknown_fill)}.")
    keys = ["period", "category", "activity", "unit"]
    if "entity" in activity.columns and not blank_mask(activity["entity"]).all():
        keys.append("entity")  # an entity column in use must name every line's entity
    activity = check_keys(activity, keys, "activity table", fill_down)
    n = len(activity)
    col = lambda name, default: activity[name] if name in activity.columns else pd.Series([default] * n)  # noqa: E731
    totals = _by_unique(col("activity", ""), is_total_label).astype(bool)
    if totals.any():
        raise InputError(f"line(s) {_lines_where(totals)} are totals rows (合计/Total), not activities; remove them — "
                         "totals are computed from the lines.")
    # object dtype on purpose: pandas would convert to arrow strings, slow to build and to iterate
    frame = pd.DataFrame(index=pd.RangeIndex(n))
    frame["entity"] = pd.Series(_by_unique(col("entity", ""), _text), dtype=object)
    frame["period"] = col("period", "").to_numpy()
    category = _by_unique(col("category", ""), lambda v: _CATEGORY_ALIASES.get(_text(v).lower(), _text(v).lower()))
    bad = sorted(set(pd.unique(category)) - set(CATEGORIES))
    if bad:
        raise InputError(f"unknown categor(y/ies) {list_labels(bad)}; use one of {', '.join(CATEGORIES)}.")
    frame["category"] = pd.Series(category, dtype=object)
    gas_text = _by_unique(col("gas", ""), _text)
    named = gas_text != ""
    odd = ~named & np.isin(category, ["process", "other"])
    if named.any() and odd.any():
        raise InputError(f"column 'gas' is blank on line(s) {_lines_where(odd)} of a process or other line while "
                         "other lines name their gas; name it (CO2, CH4, N2O …) so no gas is taken as CO2 by default.")
    for name in ("activity", "unit", "factor_unit"):
        frame[name] = pd.Series(_by_unique(col(name, ""), _text), dtype=object)
    frame["gas"] = pd.Series(_by_unique(col("gas", ""), lambda v: _text(v) or "CO2"), dtype=object)
    try:
        q = numeric_column(col("quantity", np.nan), "quantity")
    except InputError as exc:
        raise InputError(str(exc).replace("is not a finite number on row(s)", "is missing or not a number on line(s)")) from None
    correction = _by_unique(col("correction", ""), lambda v: _text(v).lower() in ("true", "1", "yes", "y", "是"))
    negative = (q < 0) & ~correction.astype(bool)
    if negative.any():
        raise InputError(f"negative quantity on line(s) {_lines_where(negative)}; quantities must be >= 0 unless "
                         "the line is a correction (set column correction = true).")
    frame["quantity"] = q

    def number(v):
        t = _text(v)
        if t == "":
            return np.nan
        if isinstance(v, (bool, np.bool_)) or hasattr(v, "isoformat"):
            raise InputError(f"column 'factor' holds {v!r}, which is not a number; leave it blank or give a number.")
        try:
            f = float(t.replace(",", ""))
        except ValueError:
            raise InputError(f"column 'factor' holds '{t}', which is not a number; leave it blank or give a number.") from None
        if not np.isfinite(f) or f < 0:
            raise InputError(f"column 'factor' holds {t}; a factor is a finite number >= 0 (a negative emission is a "
                             "correction line with a negative quantity).")
        return f

    frame["factor"] = _by_unique(col("factor", ""), number).astype(float)
    if (~np.isnan(frame["factor"].to_numpy()) & (frame["factor_unit"].to_numpy() == "")).any():
        raise InputError("a line gives a factor without factor_unit; say its unit (e.g. tCO2/t, tCO2/MWh).")
    return frame


def _multiplier(*units: str, to: str) -> float:
    """Scale so that the product of values in ``units`` is in ``to`` (pint checks the dimension)."""
    q = parse_unit(units[0])
    for u in units[1:]:
        q = q * parse_unit(u)
    try:
        return float(q.to(to).magnitude)
    except Exception:
        raise InputError(f"unit '{units[0]}' has the wrong dimension here: with {', '.join(units[1:]) or 'this factor'} "
                         f"it must give {to}, but gives {q.units:~}.") from None


def _coal_equivalent(library, choices, name, unit, q, heat_gj, idx, out, text, resolved) -> None:
    try:
        f = library.coal_equivalent(name, choices.coal_equivalent_family)
    except InputError:
        f = None
    if f is not None:
        out["tce"][idx] = q * f.value * _multiplier(unit, f.unit, to="tce")
        text["tce_basis"][idx] = f.record_id
        out["tce_coefficient"][idx] = f.value
        text["tce_family"][idx] = f.family or f.package
        resolved["coal-equivalent basis"].add(f"coefficients ({f.family or f.package})")
    elif heat_gj is not None:
        out["tce"][idx] = heat_gj / GJ_PER_TCE
        text["tce_basis"][idx] = "calorific value (heat / 29.3076 GJ per tce)"
        text["tce_family"][idx] = "calorific value (no coefficient in the chosen family)"
        resolved["coal-equivalent basis"].add("calorific value where no coefficient")
    else:
        raise InputError(f"no coal-equivalent coefficient for '{name}' in the chosen family.")


def _combustion(library, choices, act, unit, user, q, idx, out, text, resolved) -> None:
    ncv = library.fuel_parameter(act, "ncv", choices.family)
    fam = ncv.family
    text["activity_id"][idx] = ncv.subject
    heat = q * ncv.value * _multiplier(unit, ncv.unit, to="GJ")
    out["heat_GJ"][idx], out["ncv"][idx] = heat, ncv.value
    text["ncv_unit"][idx], text["ncv_record"][idx] = ncv.unit, ncv.record_id
    text["parameter_family"][idx] = fam
    resolved["fuel families"].add(fam)
    if user is None:
        cc = _same_family(library, act, "carbon_content_per_heat", fam)
        ox = _same_family(library, act, "oxidation_rate", fam)
        cc_t_per_tj = cc.value * _multiplier(cc.unit, to="tC/TJ")
        ox_frac = ox.value * _multiplier(ox.unit, to="dimensionless")
        co2 = heat / 1000.0 * cc_t_per_tj * ox_frac * C_TO_CO2
        out["carbon_content_tC_per_TJ"][idx], out["oxidation_rate"][idx] = cc_t_per_tj, ox_frac
        text["carbon_content_record"][idx], text["oxidation_record"][idx] = cc.record_id, ox.record_id
        out["factor"][idx] = cc_t_per_tj * ox_frac * C_TO_CO2
        text["factor_unit"][idx], text["factor_record"][idx] = "tCO2/TJ", "derived: C × OF × 44/12"
    else:
        value, funit, per_gas, note = user
        dims = parse_unit(funit).dimensionality
        if dims == parse_unit("t/GJ").dimensionality:  # per heat: apply to the heat
            co2 = heat * per_gas * _multiplier("GJ", funit, to="tCO2")
        else:  # per physical unit
            co2 = q * per_gas * _multiplier(unit, funit, to="tCO2")
        out["factor"][idx] = value
        text["factor_unit"][idx], text["factor_record"][idx] = funit, note
    out["emission_t"][idx] = out["tCO2"][idx] = out["tCO2e"][idx] = co2
    _coal_equivalent(library, choices, act, unit, q, heat, idx, out, text, resolved)


def _same_family(library, fuel, parameter, family) -> Factor:
    try:
        return library.fuel_parameter(fuel, parameter, family)
    except InputError as exc:
        raise InputError(f"{exc} The NCV came from family {family}; carbon content and oxidation rate must come "
                         "from the same family — choose a family that has all three, or give a factor on the line.") from None


def _electricity(library, choices, unit, user, q, idx, out, text, resolved) -> None:
    if user is not None:
        value, funit, per_gas, record = user
    else:
        f = _grid(library, choices)
        value, funit, record = f.value, f.unit, f.record_id
        per_gas = value * substance_factor(substance(funit), "CO2", f.record_id)
        resolved["grid factor"] = f"{f.record_id} = {f.value:g} {f.unit}"
    co2 = q * per_gas * _multiplier(unit, funit, to="tCO2")
    out["factor"][idx], text["factor_unit"][idx], text["factor_record"][idx] = value, funit, record
    out["emission_t"][idx] = out["tCO2"][idx] = out["tCO2e"][idx] = co2
    out["heat_GJ"][idx] = q * _multiplier(unit, to="GJ")
    text["activity_id"][idx] = "electricity"
    _coal_equivalent(library, choices, "electricity", unit, q, None, idx, out, text, resolved)


def _of_kind(f: Factor, ok: bool, wanted: str, example: str) -> Factor:
    """Refuse a record chosen for a purpose it does not serve (e.g. the heat factor as grid factor)."""
    if not ok:
        raise InputError(f"record {f.record_id} is a {f.describe()} ({f.value:g} {f.unit}), not a {wanted}; "
                         f"choose a {wanted} record (e.g. {example}).")
    if f.status == "withdrawn":  # kept in the package for the record only
        raise InputError(f"record {f.record_id} is withdrawn and cannot be used: {f.notes}")
    return f


def _grid(library, choices) -> Factor:
    if choices.grid_record:
        f = library.record(choices.grid_record)
        return _of_kind(f, f.kind == "grid_factors" and "heat" not in f.subject, "grid electricity factor",
                        "SEED003-GRID-0.581, or a grid year and region")
    if choices.grid_year is None:
        years = sorted({k[2] for k in library._index["grid_factors"] if k[0] == choices.grid_type and k[2]})
        raise InputError("choose the electricity factor: a grid year (available for "
                         f"{choices.grid_type}: {', '.join(map(str, years))}) and region, or a grid record id "
                         "(e.g. SEED003-GRID-0.581 to re-run seed 003).")
    return library.grid_factor(choices.grid_year, choices.grid_region, choices.grid_type)


def _heat(library, choices, unit, user, q, idx, out, text, resolved) -> None:
    if user is not None:
        value, funit, per_gas, record = user
    else:
        if choices.heat_record:
            f = library.record(choices.heat_record)
            _of_kind(f, f.kind == "grid_factors" and "heat" in f.subject, "purchased-heat factor", "HEAT-DEFAULT-0.11")
        else:
            f = library.heat_factor()
        value, funit, record = f.value, f.unit, f.record_id
        per_gas = value * substance_factor(substance(funit), "CO2", f.record_id)
        resolved["heat factor"] = f"{f.record_id} = {f.value:g} {f.unit}"
    gj = q * _multiplier(unit, to="GJ")
    co2 = gj * per_gas * _multiplier("GJ", funit, to="tCO2")
    out["factor"][idx], text["factor_unit"][idx], text["factor_record"][idx] = value, funit, record
    out["emission_t"][idx] = out["tCO2"][idx] = out["tCO2e"][idx] = co2
    out["heat_GJ"][idx] = gj
    text["activity_id"][idx] = "heat"
    _coal_equivalent(library, choices, "heat", unit, q, gj, idx, out, text, resolved)


def _direct(library, choices, cat, act, unit, gas, user, q, idx, out, text) -> None:
    if user is None:
        raise InputError(f"{cat} lines need an emission factor on the line (columns factor and factor_unit, "
                         "e.g. 0.52 tCO2/t clinker written as 0.52 and tCO2/t); the packages hold no process factors.")
    value, funit, per_gas, note = user
    emission = q * per_gas * _multiplier(unit, funit, to="t")
    out["factor"][idx], text["factor_unit"][idx], text["factor_record"][idx] = value, funit, note
    out["emission_t"][idx] = emission
    text["activity_id"][idx] = act
    if _gas_key(gas) == "CO2":
        out["gwp"][idx], text["gwp_record"][idx] = 1.0, "CO2"
        out["tCO2"][idx] = out["tCO2e"][idx] = emission
    else:
        g = library.gwp(gas, choices.gwp_report)
        out["gwp"][idx], text["gwp_record"][idx] = g.value, g.record_id
        out["tCO2"][idx] = 0.0
        out["tCO2e"][idx] = emission * g.value
    out["tce"][idx] = 0.0
    text["tce_basis"][idx] = "not energy"


def to_tce(library: FactorLibrary, energy: str, quantity: float, unit: str, family: str | None = None) -> float:
    """Tonnes of coal equivalent of ``quantity`` ``unit`` of an energy carrier, by its coefficient."""
    f = library.coal_equivalent(energy, family)
    return float(quantity) * f.value * _multiplier(unit, f.unit, to="tce")


# ------------------------------------------------------------ energy views
def energy_structure(lines: pd.DataFrame, by: str = "period") -> pd.DataFrame:
    """Coal equivalent (tce) by energy carrier and share (%) of the group total."""
    energy = lines[lines["category"].isin(["combustion", "electricity", "heat"])]
    table = energy.groupby([by, "activity_id"], sort=True)["tce"].sum().rename("tce").to_frame()
    table["share (%)"] = 100.0 * table["tce"] / table.groupby(level=0)["tce"].transform("sum")
    return table


_MONEY = {"yuan": 1.0, "元": 1.0, "10^4 yuan": 1e4, "万元": 1e4, "10^8 yuan": 1e8, "亿元": 1e8,
          "million yuan": 1e6, "百万元": 1e6, "billion yuan": 1e9}


def money_factor(unit: str) -> float:
    """Yuan per unit of a monetary unit (元, 万元, 亿元, 10^4 yuan, 10^8 yuan …)."""
    key = str(unit).strip()
    if key not in _MONEY:
        raise InputError(f"unknown money unit '{unit}'; use one of {', '.join(_MONEY)}.")
    return _MONEY[key]


def intensity(amount, amount_unit: str, output, output_unit: str, result_unit: str) -> np.ndarray:
    """Intensity ``amount / output`` in ``result_unit`` (e.g. "t/10^4 yuan", "tce/万元").

    Parameters
    ----------
    amount : array-like
        Emissions or energy, in ``amount_unit`` (e.g. "10^4 t", "t", "10^4 tce").
    output : array-like
        Output value, in ``output_unit`` (e.g. "亿元", "10^8 yuan").
    result_unit : str
        "<physical>/<money>", e.g. "t/10^4 yuan" (seed 003: t per 万元 with G in 亿元).
    """
    num_unit, sep, money_unit = result_unit.partition("/")
    if not sep:
        raise InputError(f"result unit '{result_unit}' must be '<amount unit>/<money unit>', e.g. 't/10^4 yuan'.")
    a = np.asarray(amount, dtype=float) * float((parse_unit(amount_unit) / parse_unit(num_unit)).to("dimensionless").magnitude) \
        if parse_unit(amount_unit).dimensionality == parse_unit(num_unit).dimensionality else None
    if a is None:
        raise InputError(f"cannot express '{amount_unit}' in '{num_unit}': different dimensions.")
    g = np.asarray(output, dtype=float) * money_factor(output_unit) / money_factor(money_unit)
    if not (np.isfinite(g).all() and np.isfinite(a).all()):
        raise InputError("amount and output must be finite numbers to compute an intensity.")
    if (g <= 0).any():
        raise InputError("output must be positive to compute an intensity.")
    return a / g


def period_changes(series: pd.Series) -> pd.DataFrame:
    """A series by period with the change from the previous period, absolute and in %."""
    s = series.sort_index()
    return pd.DataFrame({s.name or "value": s, "change": s.diff(), "change (%)": 100.0 * s.pct_change()})
