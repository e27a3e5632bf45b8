"""The ``carbon`` command line: a thin adapter over carbon_core.

Errors reach the user as one line on stderr (``carbon: error: ...``) with exit status 1;
warnings as ``carbon: warning: ...``. No traceback is shown for problems with the input.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

from carbon_core import __version__
from carbon_core.io.aggregation import aggregate_satellite, aggregate_table
from carbon_core.data.datasets import read_ceads, read_concordance, read_io_table
from carbon_core.errors import CarbonError, InputError
from carbon_core.io.hem import MEASURE_NAMES, MEASURES, extraction_from_system, transfer_table
from carbon_core.io.iosystem import IOSystem, sector_accounts

from . import accounting_commands, data_commands
from .tables import emit, render, write_xlsx

DEFAULT_TABLE = "china-io-42/io_2017"
S11_CONCORDANCE = "concordance-io42-s11/io42_to_s11"


class UsageError(CarbonError):
    """A command-line combination that cannot work."""


# ---------------------------------------------------------------- input files
def _read_csv(path: str, what: str) -> pd.DataFrame:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{what} file '{path}' does not exist.")
    try:
        frame = pd.read_csv(p, index_col=0, dtype={0: str}, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(f"{what} file '{path}' could not be read as CSV ({exc}); save it as UTF-8 CSV.") from None
    frame.index = frame.index.map(lambda v: str(v).strip())
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _read_vector(path: str, what: str) -> pd.Series:
    frame = _read_csv(path, what)
    if frame.shape[1] < 1:
        raise InputError(f"{what} file '{path}' needs two columns: sector label and value.")
    col = frame.columns[0]
    values = pd.to_numeric(frame[col], errors="coerce")
    bad = values.isna() & frame[col].notna()
    if bad.any():
        raise InputError(f"{what} file '{path}': non-numeric values for {', '.join(frame.index[bad][:5])}.")
    return values.rename(col)


def _parse_groups(items: list[str] | None):
    if not items:
        return None
    groups: dict[str, list[str]] = {}
    for item in items:
        name, sep, members = item.partition("=")
        if not sep:
            name, members = item, item
        members_list = [m.strip() for m in members.split(",") if m.strip()]
        if not name.strip() or not members_list:
            raise UsageError(f"--group '{item}': write NAME=SECTOR1,SECTOR2 (or one sector label).")
        if name.strip() in groups:
            raise UsageError(f"--group: the name '{name.strip()}' is used twice.")
        groups[name.strip()] = members_list
    return groups


# ------------------------------------------------------------------ commands
def _build_system(args):
    """Z, x, e (and names, unit labels) from a package or from plain CSV files."""
    names = None
    if args.Z or args.x:
        if not (args.Z and args.x and args.e):
            raise UsageError("plain CSV input needs all of --Z, --x and --e.")
        if args.table or args.satellite:
            raise UsageError("use either --table/--satellite or --Z/--x/--e, not both.")
        Z = _read_csv(args.Z, "Z")
        x = _read_vector(args.x, "x")
        e = _read_vector(args.e, "e")
        source = f"Z={args.Z}, x={args.x}, e={args.e}"
    else:
        table = read_io_table(args.table or DEFAULT_TABLE)
        Z, x, names = table.Z, table.x, table.names
        source = table.source
        if args.satellite:
            package, _, region = args.satellite.replace(":", "/").partition("/")
            if package != "ceads-co2-2017":
                raise UsageError(f"unknown satellite '{args.satellite}'; use ceads-co2-2017/china or ceads-co2-2017/guangdong, or --e FILE.")
            if args.aggregate != "s11":
                raise UsageError("the CEADs satellite maps exactly only to the 11 sectors S1-S11; add --aggregate s11.")
            e = read_ceads(region or "china", "s11")
            source += f"; satellite {args.satellite} (Mt CO2)"
        elif args.e:
            e = _read_vector(args.e, "e")
            source += f"; e={args.e}"
        else:
            raise UsageError("give a satellite: --satellite ceads-co2-2017/china or --e FILE.")
    if args.aggregate or args.concordance:
        if args.aggregate and args.concordance:
            raise UsageError("use --aggregate or --concordance, not both.")
        if args.aggregate and args.aggregate != "s11":
            raise UsageError(f"unknown --aggregate '{args.aggregate}'; the shipped concordance is 's11'.")
        if args.concordance:
            conc = _read_csv(args.concordance, "concordance")
            mapping = conc.iloc[:, 0]
            order = None
            names = None
        else:
            mapping, names = read_concordance(S11_CONCORDANCE)
            order = list(names.index)
        agg = aggregate_table(Z, x, mapping, order=order)
        Z, x = agg["Z"], agg["x"]
        if set(map(str, e.index)) != set(Z.index):
            e = aggregate_satellite(e, mapping, order=order)
    return Z, x, e, names, source


def cmd_hem(args) -> int:
    Z, x, e, names, source = _build_system(args)
    io = IOSystem(Z, x, allow_negative=args.allow_negative)
    result = extraction_from_system(io, e, _parse_groups(args.group), unit=args.e_unit)
    fmt = args.format or (Path(args.output).suffix.lstrip(".") if args.output else "table")
    if fmt == "csv":
        text = result.to_csv(lineterminator="\n")
        emit(text, args.output)
    elif fmt == "table":
        title = f"Hypothetical extraction ({source}); unit: {args.e_unit or 'unit of e'}"
        emit(render(result, 2, title) + "\n", args.output)
    elif fmt == "xlsx":
        if not args.output:
            raise UsageError("--format xlsx needs --output FILE.xlsx.")
        write_xlsx(Path(args.output), [("HEM", result, f"Hypothetical extraction, unit: {args.e_unit or 'unit of e'}")],
                   _hem_notes(source, args.e_unit))
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        raise UsageError(f"unknown format '{fmt}'; use csv, table or xlsx.")
    return 0


def _hem_notes(source: str, unit: str | None) -> list[str]:
    return [f"carbon {__version__} — hypothetical extraction", f"Input: {source}",
            f"Unit of all measures: {unit or 'the unit of e'}"] + [
        f"{k}: {MEASURE_NAMES[k][0]} / {MEASURE_NAMES[k][1]}" for k in MEASURES]


def cmd_demo(args) -> int:
    table = read_io_table(DEFAULT_TABLE)
    mapping, names = read_concordance(S11_CONCORDANCE)
    agg = aggregate_table(table.Z, table.x, mapping, order=list(names.index))
    e_mt = read_ceads("china", "s11")
    io = IOSystem(agg["Z"], agg["x"])
    acc = sector_accounts(io, e_mt)
    hem = extraction_from_system(io, e_mt, unit="Mt CO2")

    label = pd.Index([f"{c} {names.loc[c, 'name_zh']}" for c in io.labels], name="sector 部门")
    overview = pd.DataFrame({
        "English": names["name_en"].reindex(io.labels).to_numpy(),
        "output x (10^8 yuan)": acc["x"].to_numpy() / 1e4,
        "CO2 (Mt)": acc["e"].to_numpy(),
        "share (%)": acc["share of e (%)"].to_numpy(),
        "direct w (t CO2/10^4 yuan)": acc["w"].to_numpy() * 1e6,
        "complete m (t CO2/10^4 yuan)": acc["m"].to_numpy() * 1e6,
    }, index=label)
    transfer = transfer_table(hem).set_axis(label)
    transfer.columns = ["DC direct (Mt)", "VIC vertically integrated (Mt)", "NT transfer (Mt)", "NT/DC (%)"]
    decomposition = hem[["VIC", "IE", "ME", "NBL", "NFL", "DC"]].set_axis(label)
    decomposition.loc["Total 合计"] = decomposition.sum()
    linkages = hem[["BL", "FL", "TL"]].set_axis(label)

    w_x = float((acc["w"] * acc["x"]).sum())
    checks = (f"identities: ΣVIC = {hem['VIC'].sum():,.4f}, ΣDC = {hem['DC'].sum():,.4f}, w'x = {w_x:,.4f} Mt; "
              f"ΣNBL = {hem['NBL'].sum():,.4f}, ΣNFL = {hem['NFL'].sum():,.4f} Mt")
    header = (f"China 2017: national IO table (42 products, {table.source}) aggregated to S1-S11 by seed 000 Table 1; "
              f"CO2 = CEADs 2017 scope 1 (Mt), households excluded.")
    print(header)
    print()
    print(render(overview, {"output x (10^8 yuan)": 1, "CO2 (Mt)": 2, "share (%)": 2,
                            "direct w (t CO2/10^4 yuan)": 4, "complete m (t CO2/10^4 yuan)": 4},
                 "Sector emissions and intensity (cf. seed 000 Fig. 1) 行业排放与强度"))
    print()
    print(render(transfer, 2, "Emission transfer (cf. seed 000 Table 2) 碳转移, Mt CO2"))
    print()
    print(render(decomposition, 2, "Decomposition of vertically integrated emissions (cf. seed 000 Table 3) 内部特征分解, Mt CO2"))
    print()
    print(render(linkages, 2, "Traditional linkages (Cella): BL + FL = TL, Mt CO2"))
    print()
    print(checks)
    print("Note: scope 1 inventories put power-plant emissions in S7; seed 000 counts end-use energy instead.")

    out_dir = Path(args.output_dir)
    xlsx = out_dir / "demo_china_2017_s11.xlsx"
    notes = [f"carbon {__version__} — demo: China 2017, S1-S11, CEADs 2017 CO2", header,
             "Sources: National Bureau of Statistics of China, China Input-Output Table 2017 (42 products); "
             "Shan et al. (2020) Sci. Data 7:54 and Shan et al. (2018) Sci. Data 5:170201 (CEADs); "
             "seed 000 Table 1 concordance.", checks,
             "Units: x in 10^8 yuan; CO2 and all extraction measures in Mt CO2; intensities in t CO2 per 10^4 yuan."]
    write_xlsx(xlsx, [("Overview", overview, "Sector emissions and intensity"),
                      ("Transfer", transfer, "Emission transfer (seed 000 Table 2 layout), Mt CO2"),
                      ("Decomposition", decomposition, "IE/ME/NBL/NFL decomposition (seed 000 Table 3 layout), Mt CO2"),
                      ("Linkages", linkages, "Traditional linkages, Mt CO2"),
                      ("HEM all measures", hem.set_axis(label), "All ten extraction measures, Mt CO2")], notes)
    print(f"\nwrote {xlsx}")
    from .workbooks import build_all

    for path in build_all(out_dir):
        print(f"wrote {path}")
    return 0


def cmd_build_workbooks(args) -> int:
    from .workbooks import build_all

    for path in build_all(Path(args.output_dir)):
        print(f"wrote {path}")
    return 0


# ---------------------------------------------------------------- entry point
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="carbon", description="Input-output carbon analysis and inventory accounting.")
    parser.add_argument("--version", action="version", version=f"carbon {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="China 2017, S1-S11, CEADs CO2: print seed-000-style tables, write an xlsx report "
                                       "and the example workbooks")
    demo.add_argument("--output-dir", default="carbon-output", help="folder for the xlsx report (default: carbon-output)")
    demo.set_defaults(func=cmd_demo)

    bw = sub.add_parser("build-workbooks", help="generate the example workbooks (IO extraction, park inventory, "
                                                 "factor audit) with live CARBON_* formulas and saved values")
    bw.add_argument("--output-dir", default="workbooks", help="folder to write to (default: workbooks)")
    bw.set_defaults(func=cmd_build_workbooks)

    hem = sub.add_parser("hem", help="hypothetical extraction (IE, ME, NBL, NFL, VIC, DC, NT, BL, FL, TL)",
                         description="Hypothetical extraction for every sector or for sector groups. Input either a "
                                     "data-package table (--table) with a satellite (--satellite or --e), or plain "
                                     "CSV files --Z (labelled square matrix), --x and --e (label,value).")
    src = hem.add_argument_group("input")
    src.add_argument("--table", help=f"IO table resource PACKAGE/RESOURCE (default {DEFAULT_TABLE})")
    src.add_argument("--satellite", help="ceads-co2-2017/china or ceads-co2-2017/guangdong (needs --aggregate s11)")
    src.add_argument("--Z", help="CSV: intermediate flows, first column and header row are sector labels")
    src.add_argument("--x", help="CSV: sector label, total output")
    src.add_argument("--e", help="CSV: sector label, emissions or energy")
    src.add_argument("--e-unit", help="unit of e, shown in outputs (e.g. 'Mt CO2', 'tce')")
    src.add_argument("--allow-negative", action="store_true", help="accept negative intermediate flows")
    agg = hem.add_argument_group("aggregation and groups")
    agg.add_argument("--aggregate", help="'s11': aggregate 42 products to S1-S11 (seed 000 Table 1)")
    agg.add_argument("--concordance", help="CSV: source sector, target sector (many-to-one)")
    agg.add_argument("--group", action="append", metavar="NAME=S1,S2",
                     help="extract a group of sectors against the rest (repeatable); without it every sector")
    out = hem.add_argument_group("output")
    out.add_argument("--format", choices=["csv", "table", "xlsx"], help="default: from --output suffix, else table")
    out.add_argument("--output", help="file to write (default: standard output)")
    hem.set_defaults(func=cmd_hem)
    data_commands.add_commands(sub)
    accounting_commands.add_commands(sub)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None):
    print(f"carbon: warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    warnings.showwarning = _show_warning
    try:
        return args.func(args)
    except (CarbonError, OSError) as exc:
        print(f"carbon: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
