"""``carbon inventory | stirpat | lmdi | benchmark``: accounting and driver commands."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from carbon_core.accounting.benchmarks import compare_to_benchmark
from carbon_core.errors import InputError
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.accounting.inventory import InventoryChoices, compute_inventory, intensity, period_changes
from carbon_core.accounting.uncertainty import inventory_uncertainty
from carbon_core import __version__
from carbon_core.drivers.lmdi import decompose
from carbon_core.drivers.lmdi_multilevel import multilevel_decompose
from carbon_core.drivers.scenarios import fit_for_scenarios, project
from carbon_core.drivers.stirpat import fit_ridge, fit_stirpat

from . import inputs
from .parsers import UsageError
from .tables import emit, render, write_xlsx

LINE_COLUMNS = ["entity", "period", "category", "scope", "activity", "quantity", "unit", "heat_GJ", "factor",
                "factor_unit", "factor_record", "ncv_record", "parameter_family", "tCO2", "tCO2e", "tce", "tce_basis",
                "tce_family"]


#: The header row each kind of input file needs, said when a file has none.
HEADERS = {"activity": "period,category,activity,quantity,unit[,entity,gas,factor,factor_unit,correction]",
           "STIRPAT data": "one name per column, e.g. year,co2,output,energy",
           "scenario": "the driver names of the fit, e.g. output,energy",
           "LMDI data": "period[,subcategory][,group] and one name per factor column"}


def read_table(path: str, what: str) -> pd.DataFrame:
    frame = inputs.read_csv(path, what, dtype=str, keep_default_na=False)
    inputs.require_header(frame.columns, path, what, HEADERS.get(what, "one name per column"))
    return frame


def _fmt(args) -> str:
    return args.format or (Path(args.output).suffix.lstrip(".") if args.output else "table")


# ------------------------------------------------------------------ inventory
def cmd_inventory(args) -> int:
    lines_in = read_table(args.file, "activity")
    choices = InventoryChoices(family=args.family, coal_equivalent_family=args.ce_family, grid_year=args.grid_year,
                               grid_region=args.grid_region, grid_type=args.grid_type, grid_record=args.grid_record,
                               heat_record=args.heat_record, gwp_report=args.gwp)
    result = compute_inventory(lines_in, FactorLibrary.load(), choices, fill_down=tuple(args.fill_down or ()))
    lines = result.lines
    by_period = lines.groupby("period", sort=True)[["tCO2", "tCO2e", "tce"]].sum()
    totals = {
        "by scope": result.totals(["period", "scope"]),
        "by category": result.totals(["period", "category"]),
        "by energy / activity": result.totals(["period", "activity_id"]),
        "by period": by_period,
    }
    out_values = _output_values(args.output_value)
    intensity_table = None
    if out_values is not None:
        periods = [p for p in by_period.index if str(p) in out_values]
        missing = sorted(set(map(str, by_period.index)) - set(out_values))
        if missing:
            raise InputError(f"--output-value lacks period(s) {', '.join(missing)}.")
        g = np.array([out_values[str(p)] for p in periods])
        intensity_table = pd.DataFrame({
            f"output ({args.output_unit})": g,
            f"CO2e intensity ({args.intensity_unit})": intensity(by_period.loc[periods, "tCO2e"], "t", g,
                                                                 args.output_unit, args.intensity_unit),
            f"energy intensity ({args.intensity_unit.replace('t/', 'tce/', 1)})": intensity(
                by_period.loc[periods, "tce"], "tce", g, args.output_unit, args.intensity_unit.replace("t/", "tce/", 1)),
        }, index=pd.Index(periods, name="period"))
        intensity_table = intensity_table.join(period_changes(intensity_table.iloc[:, 1]).iloc[:, 1:])
    fmt = _fmt(args)
    if fmt == "csv":
        frame = lines.assign(row_type="line")
        parts = [frame]
        for name, t in totals.items():
            parts.append(t.reset_index().assign(row_type=f"total {name}"))
        allrows = pd.concat(parts, ignore_index=True)
        cols = ["row_type"] + [c for c in allrows.columns if c != "row_type"]
        emit(allrows[cols].to_csv(index=False, lineterminator="\n"), args.output)
    elif fmt == "table":
        shown = lines[[c for c in LINE_COLUMNS if c in lines.columns]]
        text = [render(shown, 2, "Inventory lines (tCO2, tCO2e, tce; heat in GJ)", index=False)]
        for name, t in totals.items():
            text.append(render(t, 2, f"Totals {name}"))
        text.append(render(result.energy_structure(), 2, "Energy structure (tce and share %)"))
        if intensity_table is not None:
            text.append(render(intensity_table, 4, "Intensity"))
        text.append("Choices: " + "; ".join(f"{k} = {v}" for k, v in result.choices.items() if v not in (None, [], "")))
        emit("\n\n".join(text) + "\n", args.output)
    elif fmt == "xlsx":
        if not args.output:
            raise InputError("--format xlsx needs --output FILE.xlsx.")
        sheets = [("Lines", lines.set_index("period"), "Inventory lines")]
        sheets += [(f"Totals {k}"[:31], t, f"Totals {k}") for k, t in totals.items()]
        sheets.append(("Energy structure", result.energy_structure(), "Energy structure (tce, %)"))
        if intensity_table is not None:
            sheets.append(("Intensity", intensity_table, "Intensity"))
        notes = ["carbon inventory", f"Input: {args.file}"] + [f"{k}: {v}" for k, v in result.choices.items()]
        write_xlsx(Path(args.output), sheets, notes)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        raise InputError(f"unknown format '{fmt}'; use csv, table or xlsx.")
    return 0


def _output_values(items):
    if not items:
        return None
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            values[key.strip()] = float(value)
        except ValueError:
            raise InputError(f"--output-value '{item}': write PERIOD=VALUE, e.g. 2020=707.") from None
        if not sep:
            raise InputError(f"--output-value '{item}': write PERIOD=VALUE, e.g. 2020=707.")
        if not np.isfinite(values[key.strip()]) or values[key.strip()] <= 0:
            raise InputError(f"--output-value '{item}': output must be a finite number above zero.")
    return values


# -------------------------------------------------------------------- STIRPAT
def cmd_stirpat(args) -> int:
    data = read_table(args.file, "STIRPAT data")
    drivers = [d.strip() for d in args.drivers.split(",") if d.strip()]
    if args.ridge is not None:
        result = fit_ridge(data, args.response, drivers, args.ridge)
    else:
        result = fit_stirpat(data, args.response, drivers)
    print(render(result.summary().drop(index="verdict").astype(str), 0, "STIRPAT: ln I = a + Σ b_k ln X_k"))
    print()
    print(render(result.table, 4, "Coefficients (NaN = not reported)"))
    print(f"\nVerdict: {result.verdict}")
    if args.predict:
        scen = read_table(args.predict, "scenario")
        pred = result.predict(scen)
        print()
        print(render(scen.assign(**{pred.name: pred}), 4, "Scenario predictions", index=False))
    return 0


# ----------------------------------------------------------------------- LMDI
def cmd_lmdi(args) -> int:
    data = read_table(args.file, "LMDI data")
    factors = [f.strip() for f in args.factors.split(",") if f.strip()]
    res = decompose(data, factors, period=args.period, subcategory=args.subcategory or None, group=args.group,
                    mode=args.mode, fill_down=tuple(args.fill_down or ()))
    if args.format == "csv":
        out = pd.concat({"additive": res["additive"], "multiplicative": res["multiplicative"]}, names=["form"])
        sys.stdout.write(out.to_csv(lineterminator="\n"))
        return 0
    print(render(res["V"].to_frame(), 4, "Aggregate V by period"))
    print()
    print(render(res["additive"], 4, f"Additive LMDI-I ({args.mode}): ΔV by factor; total = V^T - V^0"))
    print()
    print(render(res["multiplicative"], 6, f"Multiplicative LMDI-I ({args.mode}): D by factor; total = V^T / V^0"))
    return 0


def cmd_uncertainty(args) -> int:
    lines_in = read_table(args.file, "activity")
    choices = InventoryChoices(family=args.family, coal_equivalent_family=args.ce_family, grid_year=args.grid_year,
                               grid_region=args.grid_region, grid_type=args.grid_type, grid_record=args.grid_record,
                               heat_record=args.heat_record, gwp_report=args.gwp)
    library = FactorLibrary.load()
    result = compute_inventory(lines_in, library, choices, fill_down=tuple(args.fill_down or ()))
    default = library.activity_uncertainty(args.activity_default) if args.activity_default else None
    res = inventory_uncertainty(lines_in, result, method=args.method, draws=args.draws, seed=args.seed,
                                value=args.value, library=library, activity_default=default)
    for note in res.notes:
        print(f"carbon: note: {note}", file=sys.stderr)
    how = "error propagation (IPCC Approach 1)" if res.method == "approach1" else f"Monte Carlo, {res.draws} draws"
    lines = res.lines.assign(row=res.lines["row"].astype(str))
    totals = res.totals.assign(row="total")
    table = pd.concat([lines, totals], ignore_index=True)[["row", "period", "activity", "estimate", "mean", "lower",
                                                          "upper", "uncertainty_pct", "variance_share"]]
    table = table.rename(columns={"estimate": f"emissions ({args.value})"})
    text = render(table, 2, f"Uncertainty of {args.value} by line and total: {how}; lower/upper = 95% interval",
                  index=False)
    if len(res.trend):
        text += "\n\n" + render(res.trend, 2, "Trend between periods (%), with its 95% interval", index=False)
    trend = res.trend.set_index(["from", "to"]) if len(res.trend) else res.trend
    return _write(args, table, text, [("Uncertainty", table.set_index("row"), how),
                                      ("Trend", trend, "Trend between periods (%)")],
                  [f"carbon {__version__} — inventory uncertainty", f"Input: {args.file}", how] + res.notes)


def _write(args, csv_table: pd.DataFrame, text: str, sheets: list, notes: list[str]) -> int:
    """A result as CSV, a text table or an xlsx workbook, by --format (or the --output suffix)."""
    fmt = _fmt(args)
    if fmt == "csv":
        emit(csv_table.to_csv(index=False, lineterminator="\n"), args.output)
    elif fmt == "table":
        emit(text + "\n", args.output)
    elif fmt == "xlsx":
        if not args.output:
            raise UsageError("--format xlsx needs --output FILE.xlsx.")
        write_xlsx(Path(args.output), sheets, notes)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        raise UsageError(f"unknown format '{fmt}'; use csv, table or xlsx.")
    return 0


def cmd_lmdi_multilevel(args) -> int:
    data = read_table(args.file, "multilevel data")
    levels = [c.strip() for c in args.levels.split(",") if c.strip()]
    table = multilevel_decompose(data, levels, energy=args.energy, activity=args.activity, period=args.period,
                                 group=args.group, approach=args.approach, mode=args.mode)
    approach = {"mp": "multilevel-parallel", "mh": "multilevel-hierarchical"}[args.approach]
    title = (f"Multilevel LMDI-I ({approach}, {args.mode}) of {args.energy}: delta additive (Σ = E^T − E^0), "
             f"D multiplicative (Π = E^T / E^0)")
    return _write(args, table, render(table, 4, title, index=False),
                  [("Multilevel LMDI", table.set_index(["period_from", "period_to"]), title)],
                  [f"carbon {__version__} — multilevel LMDI-I", f"Input: {args.file}", f"Levels: {', '.join(levels)}",
                   f"Approach: {approach} (Xu & Ang 2014); mode: {args.mode}"])


def cmd_scenario(args) -> int:
    table = read_table(args.file, "scenario table")
    model = None
    if args.stirpat:
        if not args.response:
            raise InputError("--stirpat needs --response: the emissions column of the history (e.g. --response CO2).")
        model = fit_for_scenarios(table, read_table(args.stirpat, "STIRPAT history"), args.response, ridge=args.ridge)
    elif args.response or args.ridge is not None:
        raise InputError("--response and --ridge go with --stirpat DATA.csv (the history to fit).")
    res = project(table, to_year=args.to, draws=args.draws, seed=args.seed, peak_by=args.peak_by, model=model)
    if model is not None:
        for note in [f"model: {res.model}"] + res.notes:
            print(f"carbon: note: {note}", file=sys.stderr)
    band = f"median and 95% band of {res.draws} draws" if res.draws else "central paths (no draws: no band)"
    shown = res.peaks if args.peaks else res.emissions
    title = "Peak of each scenario" if args.peaks else f"Emissions by scenario and year ({band})"
    return _write(args, shown, render(shown, 2, title, index=False),
                  [("Emissions", res.emissions.set_index(["scenario", "year"]), band),
                   ("Peaks", res.peaks.set_index("scenario"), "Peak year and probability")],
                  [f"carbon {__version__} — emission scenarios", f"Input: {args.file}", f"Model: {res.model}",
                   f"To {args.to}; {band}; seed {args.seed}"] + [f"Note: {n}" for n in res.notes])


# ------------------------------------------------------------------ benchmark
def cmd_benchmark(args) -> int:
    r = compare_to_benchmark(args.value, args.unit, args.record, basis=args.basis, kgce_per_kwh=args.kgce_per_kwh)
    for k, v in r.items():
        print(f"{k:>30}: {v}")
    return 0
