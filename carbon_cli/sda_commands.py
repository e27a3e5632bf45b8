"""``carbon sda``: what changed a region's emissions between two IO years (thin over carbon_core.io.sda)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from carbon_core import __version__
from carbon_core.data.datasets import read_table_spec, s11_concordance
from carbon_core.errors import InputError
from carbon_core.io.domestic import domestic_system
from carbon_core.io.satellites import read_satellite, satellite_for
from carbon_core.io.sda import EFFECTS, decompose_between

from .io_commands import match_satellite, output_format, read_vector
from .parsers import UsageError
from .tables import emit, render, write_xlsx


def _deflator(text: str | None):
    """A number (one price index) or a CSV of sector label, index."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    if not Path(text).exists():
        raise UsageError(f"--deflator '{text}' is neither a number nor a file; give e.g. 1.12 or a CSV of "
                         "sector label, price index.")
    return read_vector(text, "deflator")


def _year_system(spec: str, which: str, args, e_file: str | None):
    table = read_table_spec(spec, balance="warn" if args.allow_imbalance else "error", unit=args.unit)
    mapping = order = None
    if args.aggregate:
        if args.aggregate != "s11":
            raise UsageError(f"unknown --aggregate '{args.aggregate}'; the shipped concordance is 's11'.")
        mapping, _, order = s11_concordance(table.classification)
    system = domestic_system(table, remove=args.domestic, level=args.adjust_at, concordance=mapping, order=order)
    labels = list(system.Z.index)
    notes = list(system.notes)
    if e_file:
        e = match_satellite(read_vector(e_file, f"--e-{which}"), labels, table.products, mapping)
        unit = args.e_unit
    elif args.satellite == "ceads":
        if not table.region or not table.year:
            raise UsageError(f"--satellite ceads needs packaged tables that name their region and year; {spec} does "
                             f"not. Give --e-from and --e-to instead.")
        sat = read_satellite(f"ceads/{table.region}/{table.year}")
        e, sat_notes = satellite_for(sat, labels, table)
        notes += sat_notes
        unit = sat.unit
    else:
        raise UsageError("give the satellite of both years: --satellite ceads, or --e-from FILE --e-to FILE.")
    year = str(table.year or which)
    where = f"{table.source}" + (f" ({table.region} {table.year})" if table.region else "")
    return system, e, unit, year, where, notes


def cmd_sda(args) -> int:
    fmt = output_format(args)
    if bool(args.e_from) != bool(args.e_to):
        raise UsageError("--e-from and --e-to go together (one satellite CSV per year).")
    if args.e_from and args.satellite:
        raise UsageError("use --satellite or --e-from/--e-to, not both.")
    s0, e0, u0, y0, w0, n0 = _year_system(args.from_spec, "from", args, args.e_from)
    s1, e1, u1, y1, w1, n1 = _year_system(args.to_spec, "to", args, args.e_to)
    if u0 != u1 and not args.e_from:
        raise InputError(f"the satellites are in different units ({u0} vs {u1}); they cannot be compared.")
    unit = u0 or "unit of e"
    result = decompose_between(s0, e0, s1, e1, method=args.method, deflator=_deflator(args.deflator), unit=unit,
                               years=(y0, y1))
    notes = list(dict.fromkeys(n0 + n1)) + result.notes
    for n in notes:
        print(f"carbon: note: {n}", file=sys.stderr)
    table = frame_of(result)
    if fmt == "csv":
        emit(table.to_csv(lineterminator="\n"), args.output)
    elif fmt == "table":
        shown = table.copy()
        shown["share"] = 100.0 * shown["share"]
        shown = shown.rename(columns={"share": "share (%)"})
        title = (f"Structural decomposition {y0} → {y1} ({w0} → {w1}); {unit}; "
                 f"{result.E0:,.2f} → {result.E1:,.2f}; {result.prices}; {result.method_text}")
        emit(render(shown, 2, title) + "\n", args.output)
    else:
        by_sector = result.by_sector.copy()
        write_xlsx(Path(args.output), [("SDA", table, f"Structural decomposition {y0} → {y1}, {unit}"),
                                       ("SDA by sector", by_sector, f"Effects by sector of emission, {unit}")],
                   [f"carbon {__version__} — structural decomposition analysis", f"From: {w0}", f"To: {w1}",
                    f"Effects: {', '.join(EFFECTS)} (E = fᵀ L B d s)"] + notes)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def frame_of(result) -> pd.DataFrame:
    """The effects table as the command prints it in CSV (for tests and the workbook builder)."""
    table = result.effects.copy()
    table.insert(1, "unit", result.unit)
    table.insert(2, "prices", result.prices)
    return table
