"""``carbon sda``: what changed a region's emissions between two IO years (thin over carbon_core.io.sda)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from carbon_core import __version__
from carbon_core.resolve.tables import read_table_spec
from carbon_core.resolve.prepare import aggregation_name, sda_between
from carbon_core.io.io_uncertainty import sda_montecarlo
from carbon_core.io.sda import EFFECTS

from .io_commands import output_format, read_vector, say_notes, uncertainty_pct
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


def _satellite(which: str, args, e_file: str | None):
    if e_file:
        return read_vector(e_file, f"--e-{which}")
    if args.satellite == "ceads":
        return "ceads"
    raise UsageError("give the satellite of both years: --satellite ceads, or --e-from FILE --e-to FILE.")


def cmd_sda(args) -> int:
    fmt = output_format(args)
    if bool(args.e_from) != bool(args.e_to):
        raise UsageError("--e-from and --e-to go together (one satellite CSV per year).")
    if args.e_from and args.satellite:
        raise UsageError("use --satellite or --e-from/--e-to, not both.")
    aggregate = aggregation_name(args.aggregate)
    balance = "warn" if args.allow_imbalance else "error"
    satellites = [_satellite("from", args, args.e_from), _satellite("to", args, args.e_to)]
    with warnings.catch_warnings(record=True) as caught:  # an error comes alone; notes before warnings
        tables = [read_table_spec(spec, balance=balance, unit=args.unit) for spec in (args.from_spec, args.to_spec)]
        if any(isinstance(s, str) for s in satellites):
            for spec, table in zip((args.from_spec, args.to_spec), tables):
                if not table.region or not table.year:
                    raise UsageError(f"--satellite ceads needs tables that name their region and year; {spec} does "
                                     "not. Give --e-from and --e-to instead.")
        result, first, second = sda_between(*tables, *satellites, aggregate=aggregate, remove=args.domestic,
                                            level=args.adjust_at, method=args.method,
                                            deflator=_deflator(args.deflator), unit=args.e_unit)
    if args.e_uncertainty is None and args.e_uncertainty_to is not None:
        raise UsageError("--e-uncertainty-to goes with --e-uncertainty (the earlier year's).")
    if args.e_uncertainty is not None:
        return _sda_uncertainty(args, fmt, result, first, second, caught)
    say_notes(result.notes, caught)
    y0, y1, w0, w1, unit = first.year, second.year, first.where, second.where, result.unit
    table = result.table()
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
        write_xlsx(Path(args.output), [("SDA", table, f"Structural decomposition {y0} → {y1}, {unit}"),
                                       ("SDA by sector", result.by_sector, f"Effects by sector of emission, {unit}")],
                   [f"carbon {__version__} — structural decomposition analysis", f"From: {w0}", f"To: {w1}",
                    f"Effects: {', '.join(EFFECTS)} (E = wᵀ L B d s)"] + result.notes)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _sda_uncertainty(args, fmt, result, first, second, caught) -> int:
    """carbon sda --e-uncertainty: each effect's median and 95% interval over satellite draws."""
    labels = list(result.by_sector.index)
    u0 = uncertainty_pct(args.e_uncertainty, labels, "--e-uncertainty")
    u1 = None if args.e_uncertainty_to is None else uncertainty_pct(args.e_uncertainty_to, labels, "--e-uncertainty-to")
    res = sda_montecarlo(result, u0, u1, draws=args.draws, seed=args.seed, correlation=args.correlation)
    say_notes(result.notes + res.notes, caught)
    top = res.largest.iloc[0]
    print(f"carbon: note: {top.largest_by_estimate} is the largest effect by the estimate and stays the largest in "
          f"{100 * top.p_stays_largest:.1f}% of {res.draws} draws.", file=sys.stderr)
    table = res.effects.reset_index()
    table.insert(1, "unit", result.unit)
    if fmt == "csv":
        emit(table.to_csv(index=False, lineterminator="\n"), args.output)
    elif fmt == "table":
        emit(render(table, 2, f"SDA effects {first.year} → {second.year} over {res.draws} satellite draws "
                              f"({result.unit}): median, 95% interval, share of draws above zero", index=False)
             + "\n", args.output)
    else:
        sheets = [("SDA uncertainty", res.effects, f"Effects over {res.draws} draws, {result.unit}")]
        if len(res.by_sector):
            sheets.append(("By sector", res.by_sector.set_index(["sector", "effect"]), "Per sector of emission"))
        write_xlsx(Path(args.output), sheets, [f"carbon {__version__} — SDA over satellite draws",
                                               f"From: {first.where}", f"To: {second.where}"]
                   + result.notes + res.notes)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
