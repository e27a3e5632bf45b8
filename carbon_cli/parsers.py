"""The ``carbon`` command line's options, kept apart from the code that runs each command.

Nothing here imports numpy, pandas or carbon_core's maths: ``carbon --version``, ``carbon --help``
and a mistyped option answer at once. Each command names its handler as ``"module:function"``
inside :mod:`carbon_cli`; :func:`handler` imports that module only when the command runs.
"""

from __future__ import annotations

import argparse
import importlib

from carbon_core import __version__
from carbon_core.errors import CarbonError

DEFAULT_TABLE = "china-io-42/io_2017"
PROVINCIAL = "china-provincial-io-42"
#: The example workbooks build-workbooks writes (addin.workbooks.BUILDERS; a test keeps both in step).
WORKBOOKS = ("io_extraction_china2017.xlsx", "park_inventory_ganzhou.xlsx", "factor_audit.xlsx",
             "io_extraction_guangdong2017.xlsx", "sda_guangdong_2012_2017.xlsx", "spa_guangdong2017.xlsx")


class UsageError(CarbonError):
    """A command-line combination that cannot work."""


def handler(target: str):
    """The function named ``"module:function"`` (a module of carbon_cli), imported now."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(f"carbon_cli.{module}"), name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="carbon", description="Input-output carbon analysis and inventory accounting.")
    parser.add_argument("--version", action="version", version=f"carbon {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_io_commands(sub)
    bw = sub.add_parser("build-workbooks", help="generate the example workbooks with live CARBON_* formulas and "
                                                 "saved values: " + ", ".join(WORKBOOKS),
                        description="Writes " + ", ".join(WORKBOOKS) + " (never edited by hand), and values-only "
                                    "copies of them in values/ for readers without the add-in (LibreOffice "
                                    "recalculates array formulas on opening and shows #NAME? for CARBON_*).")
    bw.add_argument("--output-dir", default="workbooks", help="folder to write to (default: workbooks)")
    bw.set_defaults(func="workbook_commands:cmd_build_workbooks")
    add_data_commands(sub)
    add_accounting_commands(sub)
    return parser


# ------------------------------------------------------------------ IO analysis
def _output_arguments(p) -> None:
    """--format csv|table|xlsx and --output FILE, the same on every command that writes a result table."""
    p.add_argument("--format", choices=["csv", "table", "xlsx"], help="default: from --output suffix, else table")
    p.add_argument("--output", help="file to write (default: standard output)")


def _table_arguments(p, *, accounts: bool = False) -> None:
    src = p.add_argument_group("input")
    src.add_argument("--table", help=f"IO table: a packaged resource PACKAGE/RESOURCE (e.g. {PROVINCIAL}/guangdong_2017; "
                                     f"default {DEFAULT_TABLE}) or the path of an official .xls/.xlsx table")
    src.add_argument("--province", help="packaged provincial table by region key (e.g. guangdong), with --year")
    src.add_argument("--year", type=int, help="year of the packaged provincial table (2002, 2007, 2012, 2017)")
    src.add_argument("--satellite", help="ceads/<region>/<year> (CEADs CO2, e.g. ceads/guangdong/2017), "
                                         "ceads-co2-2017/china, or seed000 (seed 000 Table 2 energy, 10^4 tce)")
    if not accounts:
        src.add_argument("--Z", help="CSV: intermediate flows, first column and header row are sector labels")
        src.add_argument("--x", help="CSV: sector label, total output")
    src.add_argument("--e", help="CSV: sector label, emissions or energy (labelled at the table's products or, "
                                 "with --aggregate, at the aggregated sectors)")
    src.add_argument("--e-unit", help="unit of e, shown in outputs (e.g. 'Mt CO2', '10^4 tce')")
    src.add_argument("--unit", help="the table's monetary unit when its title rows do not state it (e.g. '10^4 yuan')")
    src.add_argument("--allow-negative", action="store_true", help="accept negative intermediate flows")
    src.add_argument("--allow-imbalance", action="store_true",
                     help="analyse an official table whose rows or columns do not balance (warns instead)")
    src.add_argument("--allow-year-mismatch", action="store_true",
                     help="accept a satellite of another year than the table's (refused by default)")
    dom = p.add_argument_group("domestic adjustment")
    dom.add_argument("--domestic", choices=["none", "imports", "imports+inflows"],
                     help="remove imports (IM) and/or inflows (IF) from Z in proportion to use (default: "
                          "imports+inflows wherever the table has them; none keeps them inside Z)")
    dom.add_argument("--adjust-at", choices=["detail", "aggregate"],
                     help="compute the removed share at the table's products (detail) or after aggregation "
                          "(aggregate, seed 000's choice; default)")
    agg = p.add_argument_group("aggregation")
    agg.add_argument("--aggregate", help="'s11': aggregate to S1-S11 (seed 000 Table 1; the concordance matching the "
                                         "table's product classification is chosen)")
    agg.add_argument("--concordance", help="CSV: source sector, target sector (many-to-one)")


def add_io_commands(sub) -> None:
    hem = sub.add_parser("hem", help="hypothetical extraction (IE, ME, NBL, NFL, VIC, DC, NT, BL, FL, TL)",
                         description="Hypothetical extraction for every sector or for sector groups. Input: a packaged "
                                     "table or an official .xls/.xlsx file (--table) with a satellite (--satellite or "
                                     "--e), or plain CSV files --Z (labelled square matrix), --x and --e (label,value).")
    _table_arguments(hem)
    hem.add_argument("--group", action="append", metavar="NAME=S1,S2",
                     help="extract a group of sectors against the rest (repeatable); without it every sector")
    unc = hem.add_argument_group("uncertainty of the satellite (Monte Carlo)")
    unc.add_argument("--e-uncertainty", metavar="PCT|FILE",
                     help="half the 95%% interval of the satellite in %%: one number for every sector, or a CSV "
                          "(sector label, %%); gives each measure's median and 95%% interval per sector, and how "
                          "often each sector ranks first")
    unc.add_argument("--z-uncertainty", type=float, metavar="PCT",
                     help="also draw every flow of Z with this half 95%% interval (%%), x held so that final demand "
                          "and value added absorb the noise; each draw reruns the extraction (about 1-3 ms a draw)")
    unc.add_argument("--draws", type=int, help="Monte Carlo draws (default 10000; 1000 with --z-uncertainty)")
    unc.add_argument("--seed", type=int, help="seed of the draws (the same seed gives the same result)")
    out = hem.add_argument_group("output")
    _output_arguments(out)
    hem.set_defaults(func="io_commands:cmd_hem")

    spa = sub.add_parser("spa", help="structural path analysis: the supply chains that carry the most emissions "
                                     "into final demand, and the split by production stage",
                         description="Supply chains best first (emitting sector > … > final-demand sector), pruned "
                                     "so that the work grows with the paths listed. Same table and satellite options "
                                     "as hem. Example: carbon spa --province guangdong --year 2017 --aggregate s11 "
                                     "--satellite ceads --top 20")
    _table_arguments(spa)
    spa.add_argument("--sector", action="append", metavar="CODE",
                     help="analyse the final demand of this sector only (repeatable); without it all final demand")
    spa.add_argument("--max-stage", type=int, default=8,
                     help="longest chain listed, in production stages (0 = own direct emissions; default 8, at most 50)")
    spa.add_argument("--threshold", type=float, default=1e-4,
                     help="leave out paths worth less than this share of the total (default 0.0001)")
    spa.add_argument("--top", type=int, default=100, help="most paths listed (default 100)")
    spa.add_argument("--layers", action="store_true",
                     help="give the totals by production stage and the remainder instead of the paths")
    spa.add_argument("--apl", action="store_true",
                     help="give the emission-weighted average number of stages by sector instead of the paths")
    out = spa.add_argument_group("output")
    _output_arguments(out)
    spa.set_defaults(func="io_commands:cmd_spa")

    acc = sub.add_parser("accounts", help="provincial carbon accounts: production, the footprint of local final "
                                          "demand, emissions embodied in exports, outflows, imports and inflows",
                         description="Carbon accounts of one province from its own IO table (single-region model). "
                                     "Example: carbon accounts --province guangdong --year 2017 --aggregate s11 "
                                     "--satellite ceads/guangdong/2017")
    _table_arguments(acc, accounts=True)
    acc.add_argument("--multipliers", choices=["own", "national", "total"], default="own",
                     help="how imports and inflows are valued: own (the province's domestic multipliers, default), "
                          "national (the national table's, same year) or total (the province's total-technology "
                          "inverse of the competitive table)")
    acc.add_argument("--national-table", help="national table for --multipliers national (default: the same year's)")
    acc.add_argument("--national-satellite", help="national satellite (default with CEADs: ceads/china/<year>)")
    acc.add_argument("--national-e", help="CSV: national satellite by sector, in the unit of e")
    out = acc.add_argument_group("output")
    _output_arguments(out)
    acc.set_defaults(func="io_commands:cmd_accounts", Z=None, x=None)

    sda = sub.add_parser("sda", help="structural decomposition of emission change between two IO years "
                                     "(intensity, production structure, demand level, product mix, category mix)",
                         description="Exact decomposition of E = wᵀ L y between two tables of one region. Example: "
                                     "carbon sda --from china-provincial-io-42/guangdong_2012 --to "
                                     "china-provincial-io-42/guangdong_2017 --aggregate s11 --satellite ceads")
    src = sda.add_argument_group("input")
    src.add_argument("--from", dest="from_spec", required=True, metavar="SPEC",
                     help=f"the earlier table: a packaged resource (e.g. {PROVINCIAL}/guangdong_2012) or an official "
                          ".xls/.xlsx file")
    src.add_argument("--to", dest="to_spec", required=True, metavar="SPEC", help="the later table, likewise")
    src.add_argument("--satellite", choices=["ceads"], help="CEADs CO2 of each table's region and year")
    src.add_argument("--e-from", help="CSV: sector label, emissions of the earlier year")
    src.add_argument("--e-to", help="CSV: sector label, emissions of the later year (same unit)")
    src.add_argument("--e-unit", help="unit of --e-from/--e-to, shown in outputs (e.g. 'Mt CO2')")
    src.add_argument("--unit", help="the tables' monetary unit when their title rows do not state it")
    src.add_argument("--allow-imbalance", action="store_true",
                     help="analyse official tables whose rows or columns do not balance (warns instead)")
    prep = sda.add_argument_group("comparable tables")
    prep.add_argument("--aggregate", help="'s11': both years to S1-S11, each by its own classification's concordance "
                                          "(any years); 'cp41': the 41 common products of the 2012 and 2017 tables")
    prep.add_argument("--domestic", choices=["none", "imports", "imports+inflows"],
                      help="remove imports and/or inflows from both years the same way (default: imports+inflows "
                           "wherever the tables have them)")
    prep.add_argument("--adjust-at", choices=["detail", "aggregate"], default="aggregate",
                      help="compute the removed share at the products (detail) or after aggregation (default)")
    prep.add_argument("--deflator", help="price index of the later year relative to the earlier (e.g. 1.12), or a CSV "
                                         "of sector label, index; without it results are in current prices")
    how = sda.add_argument_group("method and output")
    how.add_argument("--method", choices=["dl", "polar"], default="dl",
                     help="dl: average over all orderings (Dietzenbacher & Los 1998, default); polar: average of the "
                          "two polar decompositions")
    _output_arguments(how)
    unc = sda.add_argument_group("uncertainty of the satellites (Monte Carlo)")
    unc.add_argument("--e-uncertainty", metavar="PCT|FILE",
                     help="half the 95%% interval of the satellite in %%, both years (or the earlier one with "
                          "--e-uncertainty-to): one number for every sector, or a CSV (sector label, %%); gives each "
                          "effect's median and 95%% interval and how often it keeps its sign")
    unc.add_argument("--e-uncertainty-to", metavar="PCT|FILE", help="the later year's, when it differs")
    unc.add_argument("--correlation", type=float, default=0.0,
                     help="correlation of a sector's relative error between the two years, 0 (independent, "
                          "default) to 1 (the same error, e.g. the same emission factors)")
    unc.add_argument("--draws", type=int, default=10_000, help="Monte Carlo draws with --e-uncertainty (default 10000)")
    unc.add_argument("--seed", type=int, help="seed of the draws (the same seed gives the same result)")
    sda.set_defaults(func="sda_commands:cmd_sda")

    demo = sub.add_parser("demo", help="seed 000 reproduced: Guangdong 2017 official table, S1-S11, Tables 2-3 vs "
                                       "published, CEADs CO2; writes an xlsx report and the example workbooks")
    demo.add_argument("--output-dir", default="carbon-output", help="folder for the xlsx report (default: carbon-output)")
    demo.set_defaults(func="io_commands:cmd_demo")


# ------------------------------------------------------------------ data packages
def add_data_commands(sub) -> None:
    v = sub.add_parser("validate", help="validate data packages (all shipped ones by default)")
    v.add_argument("paths", nargs="*", help="package folders or zip files")
    v.add_argument("--no-cache", action="store_true",
                   help="validate every resource with Frictionless again, ignoring verdicts remembered for "
                        "unchanged files (kept in CARBON_CACHE_DIR, or the user cache folder)")
    v.set_defaults(func="data_commands:cmd_validate")

    d = sub.add_parser("diff", help="added, removed and changed values between two package versions")
    d.add_argument("old", help="old version: folder or zip")
    d.add_argument("new", help="new version: folder or zip")
    d.add_argument("--format", choices=["table", "csv"], default="table", help="table on screen (default) or CSV")
    d.set_defaults(func="data_commands:cmd_diff")

    p = sub.add_parser("package", help="write shareable zips (NAME-VERSION.zip) of packages")
    p.add_argument("names", nargs="*", help="package names or folders (default: all shipped)")
    p.add_argument("--output-dir", default="carbon-output", help="where to write (default carbon-output)")
    p.set_defaults(func="data_commands:cmd_package")

    r = sub.add_parser("revise", help="release a new package version: change values, bump version, "
                                      "changelog and hashes in one step")
    r.add_argument("path", help="package folder of yours (a working copy: see carbon copy)")
    r.add_argument("--set", action="append", metavar="RECORD_ID=VALUE", help="new value of a record (repeatable)")
    r.add_argument("--message", required=True, help="why: goes into CHANGELOG.md")
    r.add_argument("--bump", choices=["patch", "minor", "major"], default="patch",
                   help="which part of the semantic version to raise (default patch)")
    r.add_argument("--adopt-edits", action="store_true",
                   help="release files edited by hand (they fail their recorded hashes); the changelog records "
                        "what changed. Without it such files are refused.")
    r.set_defaults(func="data_commands:cmd_revise")

    c = sub.add_parser("copy", help="make a working copy of a package to revise (the shipped copies are read-only)")
    c.add_argument("name", help="shipped package name (or a package folder)")
    c.add_argument("--to", required=True, help="folder to copy into (the copy is FOLDER/NAME)")
    c.set_defaults(func="data_commands:cmd_copy")

    f = sub.add_parser("factors", help="look up factors with provenance; list conflicts and datasets",
                       description="carbon factors get fuel 天然气 --parameter ncv --family SEED003 | "
                                   "carbon factors get grid --year 2022 --region 广东 | "
                                   "carbon factors get reporting-default --year 2022 | "
                                   "carbon factors get electricity-footprint --year 2024 [风电] | "
                                   "carbon factors get gwp CH4 --report AR6 | "
                                   "carbon factors get ipcc \"Natural gas\" --parameter ncv_default | carbon factors conflicts")
    f.add_argument("action", choices=["get", "conflicts", "datasets"],
                   help="get: one value with its provenance; conflicts: values that differ across sources; "
                        "datasets: the loaded packages")
    f.add_argument("kind", nargs="?", choices=["fuel", "coal-equivalent", "grid", "reporting-default",
                                               "electricity-footprint", "heat", "gwp", "ipcc"],
                   help="what to get: fuel parameter, coal-equivalent coefficient, grid factor, reporting default, "
                        "electricity carbon footprint, heat factor, GWP or an IPCC 2006 default (with its 95%% range "
                        "where shipped)")
    f.add_argument("name", nargs="?", help="fuel, energy carrier or gas (Chinese or English); for "
                                           "electricity-footprint the item (default: national average)")
    f.add_argument("--parameter", help="ncv, carbon_content_per_heat, oxidation_rate, co2_ef_per_heat …; for ipcc: "
                                       "ncv_default, carbon_content_default, co2_ef_default …")
    f.add_argument("--family", help="parameter family / edition, e.g. GBT32151.22-2024, SEED003")
    f.add_argument("--year", type=int, help="data year of a grid or footprint factor; report year of a "
                                            "reporting default")
    f.add_argument("--region", help="全国/national, a regional grid or a province (Chinese or English)")
    f.add_argument("--type", help="grid factor type (default avg_incl_all)")
    f.add_argument("--report", help="GWP report: SAR, TAR, AR4, AR5, AR5CCF, AR6 (default AR5)")
    f.add_argument("--record", help="a record id, instead of the search fields")
    f.add_argument("--format", choices=["table", "csv"], default="table", help="table on screen (default) or CSV")
    f.set_defaults(func="data_commands:cmd_factors")


# ------------------------------------------------------------------ accounting and drivers
def add_accounting_commands(sub) -> None:
    inv = sub.add_parser("inventory", help="inventory from activity lines: scope 1/2 CO2, CO2e, tce, structure",
                         description="Columns of FILE.csv: period, category (combustion|process|electricity|heat|"
                                     "other), activity (fuel or activity name, Chinese or English), quantity, unit; "
                                     "optional entity, gas, factor, factor_unit, correction.")
    inv.add_argument("file", help="activity CSV with the header row period,category,activity,quantity,unit "
                                   "(optional entity, gas, factor, factor_unit, correction)")
    inv.add_argument("--family", help="fuel-parameter family (default GBT32151.22-2024; SEED003 re-runs seed 003)")
    inv.add_argument("--ce-family", help="coal-equivalent family (default GB2589-2020; SEED003)")
    inv.add_argument("--grid-year", type=int, help="data year of the electricity factor")
    inv.add_argument("--grid-region", default="national", help="全国/national, a regional grid or a province")
    inv.add_argument("--grid-type", default="avg_incl_all", help="grid factor type (default avg_incl_all)")
    inv.add_argument("--grid-record", help="record id of the electricity factor (e.g. SEED003-GRID-0.581)")
    inv.add_argument("--heat-record", help="record id of the heat factor (default: the heat default)")
    inv.add_argument("--gwp", default="AR5", help="GWP report for non-CO2 gases (SAR, TAR, AR4, AR5, AR6)")
    inv.add_argument("--fill-down", action="append", choices=["period", "entity", "category"],
                     help="fill blank cells of this key column from the row above (merged cells in an Excel "
                          "export); repeatable. Without it a blank key is an error.")
    inv.add_argument("--output-value", action="append", metavar="PERIOD=VALUE",
                     help="economic output of a period, for intensities (repeatable)")
    inv.add_argument("--output-unit", default="亿元", help="unit of --output-value (亿元, 万元, 10^8 yuan …)")
    inv.add_argument("--intensity-unit", default="t/10^4 yuan", help="unit of CO2e intensity (default t/10^4 yuan)")
    _output_arguments(inv)
    inv.set_defaults(func="accounting_commands:cmd_inventory")

    un = sub.add_parser("uncertainty", help="inventory uncertainty: IPCC Approach 1 (error propagation) or "
                                            "Approach 2 (Monte Carlo), per line, per period and for the trend",
                        description="The activity CSV of carbon inventory, with optional columns "
                                    "activity_uncertainty_pct and factor_uncertainty_pct (half the 95%% interval in "
                                    "%% of the value). Lines sharing factor records are fully correlated. Example: "
                                    "carbon uncertainty docs/examples/inventory_uncertainty.csv --grid-year 2022 "
                                    "--grid-region 广东 --method montecarlo --draws 100000 --seed 1")
    un.add_argument("file", help="activity CSV (as for carbon inventory) with the uncertainty columns")
    for flag in ("--family", "--ce-family", "--grid-year", "--grid-region", "--grid-type", "--grid-record",
                 "--heat-record", "--gwp", "--fill-down"):
        action = next(a for a in inv._actions if flag in a.option_strings)
        un._add_action(action)  # the same options, defaults and help as carbon inventory
    un.add_argument("--method", choices=["approach1", "montecarlo"], default="approach1",
                    help="approach1: error propagation (default); montecarlo: Approach 2")
    un.add_argument("--draws", type=int, help="Monte Carlo iterations (default 100000)")
    un.add_argument("--seed", type=int, help="seed of the draws (the same seed gives the same result)")
    un.add_argument("--value", choices=["tCO2e", "tCO2"], default="tCO2e", help="emissions reported (default tCO2e)")
    un.add_argument("--activity-default", metavar="SECTOR,SYSTEM,METHOD",
                    help="for lines without activity_uncertainty_pct: the IPCC 2006 Vol. 2 Table 2.15 default, e.g. "
                         "industry-energy-intensive,well-developed,surveys (sectors electricity-heat, "
                         "commercial-residential, industry-energy-intensive, industry-other, biomass-small; the upper "
                         "end of the printed range is taken)")
    _output_arguments(un)
    un.set_defaults(func="accounting_commands:cmd_uncertainty")

    st = sub.add_parser("stirpat", help="STIRPAT regression with identification checks (or ridge)")
    st.add_argument("file", help="CSV with a header row, one row per observation (e.g. year), columns for the "
                                  "response and each driver")
    st.add_argument("--response", required=True, help="column of the impact I (e.g. CO2)")
    st.add_argument("--drivers", required=True, help="comma-separated driver columns")
    st.add_argument("--ridge", type=float, help="ridge penalty λ > 0 on standardized logarithms")
    st.add_argument("--predict", help="CSV of scenario driver values to predict I for")
    st.set_defaults(func="accounting_commands:cmd_stirpat")

    lm = sub.add_parser("lmdi", help="additive and multiplicative LMDI-I decomposition")
    lm.add_argument("file", help="CSV with a header row: period, optional sub-category and group, one column per "
                                 "factor")
    lm.add_argument("--factors", required=True, help="comma-separated factor columns (their product is V)")
    lm.add_argument("--period", default="period", help="column of the periods (default: period)")
    lm.add_argument("--subcategory", default="subcategory", help="sub-category column ('' for none)")
    lm.add_argument("--group", help="column of independent groups (e.g. region)")
    lm.add_argument("--mode", choices=["chained", "fixed"], default="chained",
                    help="chained: each period against the previous (default); fixed: each against the first")
    lm.add_argument("--fill-down", action="append", metavar="COLUMN",
                    help="fill blank cells of this key column (period, sub-category or group) from the row above; "
                         "repeatable. Without it a blank key is an error.")
    lm.add_argument("--format", choices=["table", "csv"], default="table", help="table on screen (default) or CSV")
    lm.set_defaults(func="accounting_commands:cmd_lmdi")

    ml = sub.add_parser("lmdi-multilevel", help="multilevel LMDI-I: activity, a structure effect per level of a "
                                                "hierarchy, intensity (Xu & Ang 2014)",
                        description="Energy or emissions over a hierarchy (sector, sub-sector, …), one row per period "
                                    "and finest unit; a blank lower level makes the unit a leaf at the level above. "
                                    "Example: carbon lmdi-multilevel units.csv --levels sector,subsector --energy "
                                    "energy --activity output --period year")
    ml.add_argument("file", help="CSV with a header row: period, the level columns, energy and activity")
    ml.add_argument("--levels", required=True, help="comma-separated level columns, top first (e.g. sector,subsector)")
    ml.add_argument("--energy", required=True, help="column of energy use or emissions (what is decomposed)")
    ml.add_argument("--activity", required=True, help="column of activity (output, value added), ≥ 0")
    ml.add_argument("--period", default="period", help="column of the periods (default: period)")
    ml.add_argument("--approach", choices=["mp", "mh"], default="mp",
                    help="mp: multilevel-parallel, one LMDI over the finest units (default); mh: multilevel-"
                         "hierarchical, level by level down the hierarchy")
    ml.add_argument("--mode", choices=["chained", "fixed"], default="chained",
                    help="chained: each period against the previous (default); fixed: each against the first")
    ml.add_argument("--group", help="column of independent groups (e.g. region)")
    _output_arguments(ml)
    ml.set_defaults(func="accounting_commands:cmd_lmdi_multilevel")

    sc = sub.add_parser("scenario", help="emission trajectories from driver paths (Kaya), with peak year and "
                                         "95%% bands",
                        description="Emissions as the product of drivers, each with a base value and an annual change "
                                    "per period, for several scenarios; optional uncertainty of each period's change "
                                    "(half the 95% interval, percentage points). Example: carbon scenario "
                                    "docs/examples/scenarios.csv --to 2060 --draws 10000 --seed 1")
    sc.add_argument("file", help="CSV: scenario, driver, base, from_year, to_year, annual_change_pct[, uncertainty_pct]")
    sc.add_argument("--to", type=int, required=True, help="last year projected (e.g. 2060)")
    sc.add_argument("--draws", type=int, help="Monte Carlo trajectories for the bands (at least 1; without it the "
                                              "central paths only)")
    sc.add_argument("--seed", type=int, help="seed of the draws (the same seed gives the same result)")
    sc.add_argument("--peaks", action="store_true", help="give each scenario's peak year, peak emissions and the "
                                                        "probability of peaking by --peak-by instead of the paths")
    sc.add_argument("--peak-by", type=int, default=2030, help="year for the peak probability (default 2030)")
    sc.add_argument("--stirpat", metavar="DATA.csv", help="fit STIRPAT (seed 003) on this history and project with it "
                                                          "instead of the product of the drivers; its columns are "
                                                          "--response and the scenario's drivers; the draws then "
                                                          "also carry the fit's parameter covariance")
    sc.add_argument("--response", help="with --stirpat: the emissions column of DATA.csv (e.g. CO2)")
    sc.add_argument("--ridge", type=float, help="with --stirpat: ridge penalty λ > 0 instead of OLS (no covariance "
                                                "is carried)")
    _output_arguments(sc)
    sc.set_defaults(func="accounting_commands:cmd_scenario")

    bm = sub.add_parser("benchmark", help="place a figure against a seed 002 sector benchmark")
    bm.add_argument("record", help="benchmark record id, e.g. BM-CEM-CLK-ELEC")
    bm.add_argument("value", type=float, help="your figure, in UNIT")
    bm.add_argument("unit", help="unit of the value, e.g. kWh/t, kgce/t, tCO2/t")
    bm.add_argument("--basis", choices=["calorific", "equivalent"],
                    help="how electricity and coal equivalent meet: calorific (当量值, 0.1229 kgce/kWh) or equivalent "
                         "(等价值, with --kgce-per-kwh); required only when one side is kWh and the other kgce")
    bm.add_argument("--kgce-per-kwh", type=float, help="coal burnt per kWh supplied, for --basis equivalent (e.g. 0.300)")
    bm.set_defaults(func="accounting_commands:cmd_benchmark")
