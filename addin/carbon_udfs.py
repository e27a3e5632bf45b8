"""Excel worksheet functions (xlwings UDFs) for carbon accounting and IO analysis.

Each function converts cell values with :mod:`addin.excel`, calls carbon_core, and returns
a value or a spilled table. Any failure comes back as one line of text in the cell,
"Error: <what is wrong and how to fix it>" — never a traceback.

Set the xlwings add-in's "UDF Modules" to ``addin.carbon_udfs`` and click Import Functions.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd

try:  # the functions are plain Python too (workbook builder, tests); xlwings only registers them
    import xlwings as xw
except ImportError:  # pragma: no cover - xlwings is in the "excel" and "test" extras
    xw = None

from carbon_core import __version__
from carbon_core.io.aggregation import aggregate_matrix, aggregate_satellite
from carbon_core.errors import CarbonWarning, InputError
from carbon_core.io.hem import MEASURES, extraction_from_system
from carbon_core.io.spa import average_propagation_length, emission_stages, structural_paths
from carbon_core.accounting.inventory import InventoryChoices, compute_inventory, to_tce
from carbon_core.io.iosystem import IOSystem, direct_intensity
from carbon_core.drivers.lmdi import decompose
from carbon_core.drivers.lmdi_multilevel import multilevel_decompose
from carbon_core.drivers.scenarios import fit_for_scenarios, project
from carbon_core.accounting.uncertainty import check_method, inventory_uncertainty
from carbon_core.drivers.stirpat import fit_ridge, fit_stirpat
from carbon_core.resolve.tables import provincial_table_spec, read_table_spec, s11_concordance
from carbon_core.resolve.prepare import AGGREGATIONS as SDA_AGGREGATIONS, prepare, sda_between
from carbon_core.io.domestic import domestic_from_arrays
from carbon_core.io.regional_accounts import MULTIPLIERS as ACCOUNT_MULTIPLIERS, provincial_accounts
from carbon_core.resolve.prepare import national_counterpart
from carbon_core.resolve.satellites import read_satellite, satellite_for
from carbon_core.io.sda import METHODS as SDA_METHODS

from . import config
from . import excel as xl

CATEGORY = "Carbon 碳核算"

#: Text-keyed columns of an inventory table: an empty-like cell there is blank, never the key 0.
INVENTORY_KEYS = ("period", "entity", "category", "activity", "unit", "gas", "factor_unit", "correction")

#: Metadata of every worksheet function, for the function wizard and docs/functions.md.
REGISTRY: dict[str, dict] = {}


def udf(description: str, args: dict[str, str], example: str, returns: str, ranges: tuple[str, ...] = (),
        spills: bool = False):
    """Register a worksheet function with xlwings and in :data:`REGISTRY`.

    ``ranges`` name the arguments that take a range (always passed as rows, ``ndim=2``);
    ``spills`` says the result is a table, so an error also comes back as a 1×1 table.
    """
    def wrap(f):
        @functools.wraps(f)
        def safe(*a):
            try:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always", CarbonWarning)
                    result = f(*a)
            except Exception as exc:  # every failure becomes readable text in the cell
                msg = xl.error_text(exc)
                return [[msg]] if spills else msg
            notes = list(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, CarbonWarning)))
            if notes and spills:  # a result that needs a look says so below the table
                return xl.with_warnings(result, notes)
            return result

        safe.__doc__ = description
        REGISTRY[f.__name__] = {"description": description, "args": args, "example": example,
                                "returns": returns, "spills": spills}
        if xw is None:
            return safe
        g = safe
        for name, doc in args.items():  # arguments first: xw.func must come last to keep the category
            # err_to_str: an error cell arrives as "#N/A" (refused), not as None (which would read as blank)
            options = {"ndim": 2, "err_to_str": True} if name in ranges else {"err_to_str": True}
            g = xw.arg(name, doc=doc, **options)(g)
        return xw.func(category=CATEGORY)(g)

    return wrap


def _labelled(v: pd.Series) -> bool:
    return not isinstance(v.index, pd.RangeIndex)


def _system(Z, x) -> IOSystem:
    # Labels, when given, must match Z's exactly (the core refuses a mismatch); unlabelled values
    # go by position. An unlabelled Z takes the labels of a labelled x.
    Zf = xl.labelled_matrix(Z, "Z")
    xs = xl.labelled_vector(x, "x", blank=None)
    if not Zf.attrs.get("labelled") and _labelled(xs) and len(xs) == len(Zf):
        Zf = pd.DataFrame(Zf.to_numpy(), index=list(xs.index), columns=list(xs.index))
    return IOSystem(Zf, xs if _labelled(xs) else xs.to_numpy())


def _satellite(e, io: IOSystem, what="e") -> np.ndarray:
    es = xl.labelled_vector(e, what, blank=0.0)
    return io.satellite(es if _labelled(es) else es.to_numpy(), what)


# ------------------------------------------------------------------ IO analysis
@udf("Leontief model of an IO table: the Leontief inverse L = (I - A)^-1, technical coefficients A or "
     "balancing final demand y = x - Z·1. 列昂惕夫逆矩阵.",
     {"Z": "Intermediate flows, n × n (rows supply, columns use), optionally with a label row and column; "
           "blanks count as 0. Monetary unit, e.g. 10^4 yuan.",
      "x": "Total output of each sector (one column or row; labels allowed), same unit as Z.",
      "what": "Optional: \"L\" (default), \"A\" or \"y\".",
      "header": "Optional: TRUE (default) to spill sector labels with the result."},
     '=CARBON_LEONTIEF(B3:L13, M3:M13)', "n × n matrix (L or A) or n × 1 column (y), with labels", ("Z", "x"), True)
def CARBON_LEONTIEF(Z, x, what=None, header=None):
    io = _system(Z, x)
    kind = (xl.optional_text(what) or "L").upper()
    show = xl.flag(header, True)
    if kind == "L":
        return xl.table_out(io.L, header=show, index=show)
    if kind == "A":
        return xl.table_out(io.A, header=show, index=show)
    if kind == "Y":
        return xl.table_out(io.y.to_frame("y"), header=show, index=show)
    raise InputError("what must be \"L\", \"A\" or \"y\".")


@udf("Emission or energy intensity by sector: direct w = e/x, or complete (embodied) m = w'L, or the "
     "consumption-based account m∘y. 直接/完全排放强度.",
     {"e": "Emissions or energy use by sector (e.g. t CO2, tce), one column; labels allowed.",
      "x": "Total output by sector (e.g. 10^4 yuan).",
      "Z": "Optional for \"direct\"; required for \"complete\" and \"consumption\": the flows matrix.",
      "kind": "Optional: \"direct\" (default), \"complete\" or \"consumption\".",
      "header": "Optional: TRUE to spill labels and a header; FALSE (default) for a plain column."},
     '=CARBON_INTENSITY(N3:N13, M3:M13, B3:L13, "complete")',
     "one value per sector, in the unit of e per unit of x (consumption: unit of e)", ("e", "x", "Z"), True)
def CARBON_INTENSITY(e, x, Z=None, kind=None, header=None):
    k = (xl.optional_text(kind) or "direct").lower()
    if k not in ("direct", "complete", "consumption"):
        raise InputError("kind must be \"direct\", \"complete\" or \"consumption\".")
    if k == "direct" and not xl.present(Z):
        xs = xl.labelled_vector(x, "x", blank=None)
        es = xl.labelled_vector(e, "e", blank=0.0)
        labels = list(xs.index) if _labelled(xs) else list(es.index) if _labelled(es) else None
        series = direct_intensity(es if _labelled(es) else es.to_numpy(), xs if _labelled(xs) else xs.to_numpy(),
                                  labels)
    elif xl.present(Z):
        io = _system(Z, x)
        ev = _satellite(e, io)
        series = {"direct": io.intensity(ev), "complete": io.multipliers(ev),
                  "consumption": io.complete_consumption(ev)}[k]
    else:
        raise InputError(f"kind \"{k}\" needs the flows matrix Z (third argument).")
    show = xl.flag(header, False)
    return xl.table_out(series.to_frame(k), header=show, index=show)


@udf("Hypothetical extraction for every sector, or for sector groups each against the rest: IE, ME, NBL, NFL, VIC, "
     "DC, NT, BL, FL, TL in the unit of e. 假设抽取法.",
     {"Z": "Intermediate flows, n × n, optionally with labels.",
      "x": "Total output by sector.",
      "e": "Emissions or energy by sector (the result unit).",
      "groups": "Optional: two columns (sector, group name) to extract groups instead of single sectors.",
      "measures": "Optional: which measures, e.g. \"VIC,DC,NT\" (default all ten).",
      "header": "Optional: TRUE (default) to spill the header row and labels."},
     '=CARBON_HEM(B3:L13, M3:M13, N3:N13)', "table: sector or group × measures", ("Z", "x", "e", "groups"), True)
def CARBON_HEM(Z, x, e, groups=None, measures=None, header=None):
    io = _system(Z, x)
    ev = _satellite(e, io)
    group_map = None
    if xl.present(groups):
        group_map = {}
        for sector, name in xl.pairs(groups, "groups", "group name"):
            group_map.setdefault(name, []).append(sector)
    table = extraction_from_system(io, ev, group_map)
    chosen = [m.upper() for m in xl.text_list(measures)] or MEASURES
    unknown = [m for m in chosen if m not in MEASURES]
    if unknown:
        raise InputError(f"unknown measure(s) {', '.join(unknown)}; choose from {', '.join(MEASURES)}.")
    show = xl.flag(header, True)
    return xl.table_out(table[chosen], header=show, index=show, index_label="group" if group_map else "sector")


@udf("Structural path analysis: the supply chains (emitting sector > … > final-demand sector) carrying the "
     "most of e into final demand, best first, with value and share of the total. 结构路径分析.",
     {"Z": "Intermediate flows, n × n, optionally with labels.",
      "x": "Total output by sector.",
      "e": "Emissions or energy by sector (the result unit).",
      "sectors": "Optional: sector labels (a range or \"S7,S8\") whose final demand to analyse; default all.",
      "max_stage": "Optional: longest chain, in production stages (default 8, at most 50; 0 counts as empty).",
      "threshold": "Optional: leave out paths below this share of the total (default 0.0001).",
      "top": "Optional: most paths listed (default 100).",
      "what": "Optional: \"paths\" (default) or \"layers\" (the total of each production stage and the remainder).",
      "header": "Optional: TRUE (default) to spill the header row."},
     '=CARBON_SPA(B3:L13, M3:M13, N3:N13, , 8, 0.0001, 20)', "table: rank, stage, path, value, share",
     ("Z", "x", "e", "sectors"), True)
def CARBON_SPA(Z, x, e, sectors=None, max_stage=None, threshold=None, top=None, what=None, header=None):
    io = _system(Z, x)
    ev = _satellite(e, io)
    chosen = [xl.text(v) for row in xl.as_rows(sectors) for v in row if not xl.empty(v)] if xl.present(sectors) else []
    if len(chosen) == 1 and "," in chosen[0]:
        chosen = xl.text_list(chosen[0])
    stage = xl.optional_int(max_stage, "max_stage")
    share = None if xl.empty(xl.single(threshold)) else xl.number(threshold, what="threshold")
    count = xl.optional_int(top, "top")
    result = structural_paths(io, ev, sectors=chosen or None, max_stage=8 if stage is None else stage,
                              threshold=1e-4 if share is None else share, top=100 if count is None else count)
    kind = (xl.optional_text(what) or "paths").lower()
    if kind not in ("paths", "layers"):
        raise InputError(f"what must be \"paths\" or \"layers\", not \"{kind}\".")
    show = xl.flag(header, True)
    if kind == "layers":
        return xl.table_out(result.layers, header=show, index=True)
    table = result.paths[["rank", "stage", "path", "value", "share"]].set_index("rank")
    return xl.table_out(table, header=show, index=True)


@udf("Average propagation length (Dietzenbacher et al. 2005): production steps from final demand for each column "
     "sector to the output of each row sector; with e, the emission-weighted stages by sector. 平均传播长度.",
     {"Z": "Intermediate flows, n × n, optionally with labels.",
      "x": "Total output by sector.",
      "e": "Optional: emissions by sector; then two columns: stages to final demand, stages from emission.",
      "header": "Optional: TRUE (default) to spill labels."},
     '=CARBON_APL(B3:L13, M3:M13)', "matrix: from (rows) × to (columns), or sector × stage counts with e",
     ("Z", "x", "e"), True)
def CARBON_APL(Z, x, e=None, header=None):
    io = _system(Z, x)
    show = xl.flag(header, True)
    if xl.present(e):
        return xl.table_out(emission_stages(io, _satellite(e, io)), header=show, index=show, index_label="sector")
    return xl.table_out(average_propagation_length(io), header=show, index=show, index_label="from \\ to")


@udf("Aggregate an IO table or a satellite by a many-to-one concordance (e.g. 42 products → S1-S11): G'ZG for a "
     "labelled square matrix, G'v for a labelled column. 部门合并.",
     {"data": "A labelled n × n matrix (Z) or a labelled column (x, e).",
      "concordance": "Two columns: source code, target sector. Every source must be mapped exactly once.",
      "header": "Optional: TRUE (default) to spill labels."},
     '=CARBON_AGGREGATE(A2:AQ44, Concordance!A2:B43)', "aggregated matrix or column with target labels",
     ("data", "concordance"), True)
def CARBON_AGGREGATE(data, concordance, header=None):
    mapping = xl.pairs(concordance, "concordance")
    rows = xl.trim(xl.as_rows(data))
    show = xl.flag(header, True)
    # empty-like columns at the right edge (Office.js zeros of a generous selection) do not make a matrix
    width = max((len(r) for r in xl.strip_edges(rows, rows_too=False)), default=0)
    if width <= 2:
        v = xl.labelled_vector(data, "data")
        if isinstance(v.index, pd.RangeIndex):
            raise InputError("the column needs sector labels beside it to be aggregated.")
        out = aggregate_satellite(v, mapping)
        return xl.table_out(out.to_frame(v.name or "value"), header=show, index=show)
    return xl.table_out(aggregate_matrix(xl.labelled_matrix(data, "data"), mapping), header=show, index=show)


# --------------------------------------------------------- official tables
def _packaged_table(province, year):
    spec = provincial_table_spec(xl.text(xl.single(province, "province")), xl.single(year, "year"))
    return read_table_spec(spec)


def _s11(table, aggregate):
    choice = (xl.optional_text(aggregate) or "").lower()
    if choice in ("", "none"):
        return None, None
    if choice != "s11":
        raise InputError("aggregate must be \"s11\" (seed 000 Table 1) or empty.")
    mapping, _, order = s11_concordance(table.classification)
    return mapping, order


@udf("Fetch a packaged official IO table (31 provinces and China; 2002, 2007, 2012, 2017) or a part of it into cells. "
     "Values in 10^4 yuan as published (imports and inflows inside Z). 官方投入产出表.",
     {"province": "Region: key, Chinese or English name (guangdong, 广东, Guangdong; china for the national table).",
      "year": "2002, 2007, 2012 or 2017 (Tibet: 2012, 2017).",
      "part": "Optional: \"Z\" (default), \"x\", \"final\" (all final-use and trade columns), \"VA\" (value added), "
              "\"names\" (中文/English), or one column code such as \"EX\", \"OF\", \"IM\", \"IF\", \"TFU\".",
      "aggregate": "Optional: \"s11\" to aggregate to S1-S11 with the concordance of the table's classification.",
      "header": "Optional: TRUE (default) to spill codes as labels."},
     '=CARBON_IOTABLE("广东", 2017, "Z")', "the part as a labelled table, 10^4 yuan", (), True)
def CARBON_IOTABLE(province, year, part=None, aggregate=None, header=None):
    table = _packaged_table(province, year)
    kind = xl.optional_text(part) or "Z"
    mapping, order = _s11(table, aggregate)
    show = xl.flag(header, True)
    upper = kind.upper()
    if upper == "NAMES":
        if mapping is not None:
            raise InputError("names are listed for the table's products; leave aggregate empty.")
        return xl.table_out(table.names, header=show, index=show, index_label="code")
    if upper == "VA":
        va = table.value_added
        if mapping is not None:
            va = aggregate_satellite(va, mapping, order=order)
        return xl.table_out(va, header=show, index=show, index_label="row")
    if upper == "Z":
        frame = table.Z if mapping is None else aggregate_matrix(table.Z, mapping, order)
    elif upper in ("X", "GO"):
        frame = table.x.to_frame("x (GO)")
    elif upper == "FINAL":
        frame = table.final
    elif upper in table.final.columns:
        frame = table.final[[upper]]
    else:
        raise InputError(f"unknown part '{kind}'; use Z, x, final, VA, names or a column code "
                         f"({', '.join(table.final.columns)}).")
    if mapping is not None and upper != "Z":
        frame = pd.DataFrame({c: aggregate_satellite(frame[c], mapping, order=order) for c in frame.columns})
    return xl.table_out(frame, header=show, index=show, index_label="code")


@udf("Domestic adjustment of a competitive-import table: remove imports (and inflows) from each supplying row in "
     "proportion to its use, μ = (IM+IF)/(TIU+TFU), Z_d = diag(1-μ)·Z. 进口及调入剥离.",
     {"Z": "Intermediate flows as published (imports and inflows inside), n × n, optionally labelled. Aggregate first "
           "(CARBON_AGGREGATE) to compute μ after aggregation, as seed 000 did.",
      "x": "Total output GO by sector.",
      "final_use": "Total final use TFU by sector (including exports and outflows); TIU is taken as Z·1.",
      "imports": "Imports IM by sector.",
      "inflows": "Optional: inflows from other provinces IF by sector; when given, both are removed.",
      "what": "Optional: \"Z\" (default: the domestic flows), \"y\" (final demand x - Z_d·1) or \"mu\" (shares).",
      "header": "Optional: TRUE (default) to spill labels."},
     '=CARBON_DOMESTIC(B3:L13, M3:M13, N3:N13, O3:O13, P3:P13)', "n × n domestic flows, or one column",
     ("Z", "x", "final_use", "imports", "inflows"), True)
def CARBON_DOMESTIC(Z, x, final_use, imports, inflows=None, what=None, header=None):
    Zf = xl.labelled_matrix(Z, "Z")
    labels = list(Zf.index)

    def column(values, name, blank):
        v = xl.labelled_vector(values, name, blank=blank)
        return v if _labelled(v) else v.to_numpy()  # labelled: must match Z's labels (checked in the core)

    flows = column(inflows, "inflows", 0.0) if xl.present(inflows) else None
    system = domestic_from_arrays(Zf, column(x, "x", None), column(final_use, "final_use", 0.0),
                                  column(imports, "imports", 0.0), flows, labels=labels)
    kind = (xl.optional_text(what) or "Z").lower()
    show = xl.flag(header, True)
    if kind == "z":
        return xl.table_out(system.Z, header=show, index=show)
    if kind == "y":
        return xl.table_out(system.y.to_frame("y"), header=show, index=show)
    if kind == "mu":
        return xl.table_out(system.mu.to_frame("mu"), header=show, index=show)
    raise InputError("what must be \"Z\", \"y\" or \"mu\".")


@udf("Carbon accounts of a province from its packaged official table (imports and inflows removed): production-"
     "based emissions, the footprint of local final demand (consumption-based), embodied trade. 省级碳收支与碳足迹.",
     {"province": "Region: key, Chinese or English name (e.g. 广东, 广东省, guangdong).",
      "year": "Table year: 2007, 2012 or 2017 (2002 tables have only a net outflow).",
      "satellite": "\"ceads\" (CEADs CO2 of the same region and year, Mt CO2), \"seed000\" (Guangdong 2017 energy, "
                   "10^4 tce), or a range: S1-S11 labels and values.",
      "multipliers": "Optional: how imports and inflows are valued: \"own\" (default: the province's domestic "
                     "multipliers), \"national\" (national table and CEADs China, same year) or \"total\" (the "
                     "province's total-technology inverse).",
      "unit": "Optional: unit of a satellite range (e.g. \"t CO2\").",
      "header": "Optional: TRUE (default) to spill the header row and item names.",
      "what": "Optional: \"summary\" (default), \"sectors\" (by emitting sector) or \"products\" (footprint and "
              "trade by final product).",
      "allow_year_mismatch": "Optional: TRUE to accept a satellite of another year than the table's."},
     '=CARBON_ACCOUNTS("广东", 2017, "ceads")', "table: item, value, unit, import assumption, English and Chinese names",
     ("satellite",), True)
def CARBON_ACCOUNTS(province, year, satellite, multipliers=None, unit=None, header=None, what=None,
                    allow_year_mismatch=None):
    kind = (xl.optional_text(what) or "summary").lower()
    if kind not in ("summary", "sectors", "products"):
        raise InputError("what must be \"summary\", \"sectors\" or \"products\".")
    how = (xl.optional_text(multipliers) or "own").lower()
    if how not in ACCOUNT_MULTIPLIERS:
        raise InputError(f"multipliers must be {', '.join(chr(34) + k + chr(34) for k in ACCOUNT_MULTIPLIERS)}.")
    table = _packaged_table(province, year)
    rows = xl.trim(xl.as_rows(satellite))
    choice = xl.text(rows[0][0]).lower() if len(rows) == 1 and len(rows[0]) == 1 else None
    if choice is not None:
        if choice not in ("ceads", "seed000"):
            raise InputError("satellite must be \"ceads\", \"seed000\" or a range of labelled values.")
        sat = choice
    else:
        sat = xl.labelled_vector(satellite, "satellite", blank=0.0)
        if not _labelled(sat):
            raise InputError("label the satellite values with the sectors S1 … S11 in the first column.")
    prepared = prepare(table, sat, aggregate="s11", unit=xl.optional_text(unit),
                       allow_year_mismatch=xl.flag(allow_year_mismatch, False), what="the satellite")
    national = None
    if how == "national":
        if choice != "ceads":
            raise InputError("national multipliers are available with the CEADs satellite (national CEADs inventory).")
        nsys, nat = national_counterpart(table.year, aggregate_s11=True)
        ne, _ = satellite_for(read_satellite(f"ceads/china/{table.year}"), list(prepared.system.Z.index), nat)
        national = (nsys, ne)
    acc = provincial_accounts(prepared.system, prepared.e, unit=prepared.unit, multipliers=how, national=national)
    show = xl.flag(header, True)
    if kind == "sectors":
        return xl.table_out(acc.by_sector, header=show, index=show, index_label="sector")
    if kind == "products":
        return xl.table_out(acc.by_product, header=show, index=show, index_label="product")
    return xl.table_out(acc.summary[["value", "unit", "multipliers", "name_en", "name_zh"]], header=show, index=show,
                        index_label="item")


def _sda_table(province, year, what):
    """A packaged table of a year, or an official table file given instead of the year."""
    y = xl.single(year, what)
    if isinstance(y, str) and y.strip().lower().endswith((".xls", ".xlsx", ".xlsm")):
        return read_table_spec(y.strip())
    if xl.empty(y):
        raise InputError(f"{what} is empty; give a table year (2002, 2007, 2012, 2017) or an official table file.")
    return read_table_spec(provincial_table_spec(xl.text(xl.single(province, "province")), y))


def _sda_satellites(satellite):
    """"ceads" (the default) or three columns: sector label, emissions of year_from, emissions of year_to."""
    if not xl.present(satellite):
        return "ceads", "ceads"
    rows = xl.strip_edges(xl.trim(xl.as_rows(satellite)))
    if len(rows) == 1 and len(rows[0]) == 1:
        choice = xl.text(rows[0][0]).lower()
        if choice != "ceads":
            raise InputError("satellite must be \"ceads\" or a range of three columns: sector, emissions of year_from, "
                             "emissions of year_to.")
        return "ceads", "ceads"
    if any(len(r) != 3 for r in rows):
        raise InputError("a satellite range needs three columns: sector label (S1-S11 or CP01-CP41), emissions of "
                         "year_from, emissions of year_to.")
    if not any(xl.labelish(r[0]) for r in rows):
        raise InputError("label the satellite rows with the sectors (S1 … S11, or CP01 … CP41) in the first column.")
    body = [r for r in rows if xl.labelish(r[0])]
    for k, name in ((1, "year_from"), (2, "year_to")):  # an empty column is empty in every host's form
        if all(xl.empty(r[k]) for r in body):
            raise InputError(f"the satellite's {name} column (column {k + 1}) is empty; give the emissions of each "
                             f"sector in {name}.", code="empty-cell")
    return tuple(xl.labelled_vector([[r[0], r[k]] for r in rows], f"satellite {name}", blank=0.0)
                 for k, name in ((1, "year_from"), (2, "year_to")))


def _sda_deflator(deflator):
    if not xl.present(deflator):
        return None
    cells = [v for r in xl.as_rows(deflator) for v in r]
    if len(cells) == 1:
        return xl.number(cells[0], what="deflator")
    d = xl.labelled_vector(deflator, "deflator", blank=None)
    if not _labelled(d):
        raise InputError("deflators by sector need labels (S1 … S11) in the first column.")
    return d


@udf("What changed a province's emissions between two IO years (structural decomposition, exact): intensity, "
     "production structure, final-demand level, product mix, category mix. 结构分解分析.",
     {"province": "Region: key, Chinese or English name (e.g. 广东). Both tables are aggregated the same way, imports "
                  "and inflows removed the same way.",
      "year_from": "First year: 2002, 2007, 2012 or 2017, or the path of an official table file (.xls/.xlsx).",
      "year_to": "Second year, as year_from.",
      "satellite": "Optional: \"ceads\" (default: CEADs CO2 of each year, Mt CO2) or three columns: sector label, "
                   "emissions of year_from, emissions of year_to.",
      "aggregate": "Optional: \"s11\" (default: S1-S11, any years) or \"cp41\" (the 41 common products of the 2012 "
                   "and 2017 tables).",
      "method": "Optional: \"dl\" (default: average over all 120 orderings) or \"polar\" (average of the two polar "
                "decompositions).",
      "deflator": "Optional: price index of year_to relative to year_from (one number, or sector labels and values); "
                  "the result is then in constant prices of year_from.",
      "what": "Optional: \"effects\" (default), \"sectors\" (effects by sector of emission) or \"years\" "
              "(emissions of both years).",
      "unit": "Optional: unit of a satellite range (e.g. \"Mt CO2\").",
      "header": "Optional: TRUE (default) to spill the header row and labels."},
     '=CARBON_SDA("广东", 2012, 2017)', "table: effect, value, unit, prices, share, Chinese and English names",
     ("satellite", "deflator"), True)
def CARBON_SDA(province, year_from, year_to, satellite=None, aggregate=None, method=None, deflator=None, what=None,
               unit=None, header=None):
    kind = (xl.optional_text(what) or "effects").lower()
    if kind not in ("effects", "sectors", "years"):
        raise InputError("what must be \"effects\", \"sectors\" or \"years\".")
    how = (xl.optional_text(method) or "dl").lower()
    if how not in SDA_METHODS:
        raise InputError("method must be \"dl\" (all orderings) or \"polar\".")
    tables = _sda_table(province, year_from, "year_from"), _sda_table(province, year_to, "year_to")
    e0, e1 = _sda_satellites(satellite)
    level = (xl.optional_text(aggregate) or "s11").lower()
    if level not in SDA_AGGREGATIONS:
        raise InputError("aggregate must be \"s11\" or \"cp41\" (2012 and 2017 only).")
    result, first, second = sda_between(*tables, e0, e1, aggregate=level, method=how,
                                        deflator=_sda_deflator(deflator), unit=xl.optional_text(unit))
    show = xl.flag(header, True)
    if kind == "sectors":
        return xl.table_out(result.by_sector, header=show, index=show, index_label="sector")
    if kind == "years":
        years = pd.DataFrame({"emissions": [result.E0, result.E1], "unit": result.unit, "prices": result.prices,
                              "source": [first.where, second.where]},
                             index=pd.Index([first.year, second.year], name="year"))
        return xl.table_out(years, header=show, index=show, index_label="year")
    return xl.table_out(result.table(), header=show, index=show, index_label="effect")


# ----------------------------------------------------------------- factors
_FACTOR_ARGS = {
    "name": "Fuel, energy carrier, gas, region or record id, Chinese or English (e.g. 天然气, diesel, CH4, 广东). "
            "A range gives one result per cell.",
    "parameter": "ncv, carbon_content_per_heat, oxidation_rate, co2_ef_per_heat; or coal_equivalent, grid, "
                 "reporting_default, heat, footprint, gwp, record.",
    "family": "Optional: parameter family / edition (e.g. GBT32151.22-2024, SEED003); grid: factor type; gwp: report "
              "(AR5, AR6 …).",
    "year": "Optional: data year (grid and footprint factors); report year (reporting_default).",
    "region": "Optional: region for grid factors (全国, 华东, 广东 …).",
    "package": "Optional: path of another package folder or .zip to use instead of the shipped one.",
    "version": "Optional: the package version the workbook expects (e.g. \"1.0.0\"); a mismatch is reported.",
}


def _factor(name, parameter, family, year, region, package, version, allow_withdrawn=False):
    lib = config.library(xl.optional_text(package))
    f = lib.lookup(xl.text(name), xl.text(parameter), xl.optional_text(family),
                   xl.optional_int(year, "year"), xl.optional_text(region), allow_withdrawn=allow_withdrawn)
    return config.check_version(f, xl.optional_text(version))


@udf("Value of an emission factor or coefficient from the data packages (unit: see CARBON_FACTOR_INFO). 排放因子.",
     _FACTOR_ARGS, '=CARBON_FACTOR("天然气", "ncv")', "a number (or one per cell of a name range)", ("name",), False)
def CARBON_FACTOR(name, parameter, family=None, year=None, region=None, package=None, version=None):
    if (isinstance(name, list) and len(name) == 1 and len(name[0]) == 1 and isinstance(name[0][0], str)
            and isinstance(parameter, str) and family is year is region is package is version is None):
        return config.library().lookup(name[0][0].strip(), parameter.strip()).value  # the common case, kept short
    return _per_cell(name, lambda v: _factor(v, parameter, family, year, region, package, version).value)


def _per_cell(values, one):
    """``one`` applied to a single cell, or to every cell of a range: a blank stays blank, an error stays in its cell."""
    rows = xl.as_rows(values)
    if len(rows) == 1 and len(rows[0]) == 1:
        return one(rows[0][0])
    out = []
    for r in rows:
        line = []
        for v in r:
            try:
                line.append("" if xl.empty(v) else one(v))
            except Exception as exc:
                line.append(xl.error_text(exc))
        out.append(line)
    return out


@udf("A factor with its provenance: value, unit, record id, source citation, location in the source, verification "
     "level, package, version and hash. 因子来源.",
     {**_FACTOR_ARGS, "name": "Fuel, energy carrier, gas, region or record id (one cell)."},
     '=CARBON_FACTOR_INFO("柴油", "ncv")', "two columns: field, value", (), True)
def CARBON_FACTOR_INFO(name, parameter, family=None, year=None, region=None, package=None, version=None):
    return _info_rows(_factor(name, parameter, family, year, region, package, version, allow_withdrawn=True))


def _info_rows(f) -> list[list]:
    fields = [("value", f.value), ("unit", f.unit), ("record_id", f.record_id), ("quantity", f.quantity),
              ("subject", f.subject), ("family", f.family), ("value_as_printed", f.value_as_printed),
              ("source", f.citation), ("location", f.location), ("verification", f.verification),
              ("notes", f.notes), ("status", f.status), ("superseded_by", f.successor or f.superseded_by),
              ("package", f.package), ("version", f.version), ("hash", f.resource_hash)]
    return [["field", "value"]] + [[k, xl.cell(v)] for k, v in fields]


@udf("Electricity carbon-footprint factor (life-cycle, kgCO2e/kWh) of MEE/NBS/NEA, for product footprints and "
     "CBAM; not a scope-2 CO2 grid factor. 电力碳足迹因子.",
     {"year": "Data year (e.g. 2024); blank: the newest published.",
      "item": "Optional: 全国/national average (default), a generation type (煤电, 气电, 水电, 核电, 风电, 光伏, 光热, "
              "生物质) or 输配电 (transmission and distribution). A range gives one result per cell.",
      "info": "Optional: TRUE for two columns field, value with the source, status and successor.",
      "package": "Optional: path of another package folder or .zip to use instead of the shipped one.",
      "version": "Optional: the package version the workbook expects."},
     '=CARBON_ELECTRICITY_FOOTPRINT(2024)', "a number in kgCO2e/kWh (or the provenance table with info=TRUE)",
     ("item",), False)
def CARBON_ELECTRICITY_FOOTPRINT(year=None, item=None, info=None, package=None, version=None):
    lib = config.library(xl.optional_text(package))
    y = xl.optional_int(year, "year")
    pin = xl.optional_text(version)
    if xl.flag(info, False):
        cells = [v for r in xl.as_rows(item) for v in r] if xl.present(item) else [None]
        if len(cells) != 1:
            raise InputError("info=TRUE describes one factor: give one item cell.")
        return _info_rows(config.check_version(lib.electricity_footprint(y, xl.optional_text(cells[0]) or
                                                                         "national_average"), pin))
    return _per_cell(item, lambda v: config.check_version(
        lib.electricity_footprint(y, xl.optional_text(v) or "national_average"), pin).value)


@udf("Citation of a data record: source title, issuer, document number and date, location, verification. 引用.",
     {"record_id": "Record id, e.g. FUEL-SEED003-NG-ncv or SEED003-GRID-0.581.",
      "package": "Optional: path of another package folder or .zip."},
     '=CARBON_SOURCE("SEED003-GRID-0.581")', "one line of text", (), False)
def CARBON_SOURCE(record_id, package=None):
    f = config.library(xl.optional_text(package)).record(xl.text(record_id))
    return f"{f.citation} — {f.location} [{f.verification}; {f.package} {f.version}]"


@udf("The data packages in use: name, version, kind, descriptor hash, number of values. 数据包.",
     {"package": "Optional: path of another package folder, .zip or folder of packages."},
     '=CARBON_DATASETS()', "table: one row per package", (), True)
def CARBON_DATASETS(package=None):
    # no file locations: a saved workbook must not carry the paths of the machine that computed it
    table = config.library(xl.optional_text(package)).datasets().drop(columns=["location"])
    return xl.table_out(table.set_index("package"))


# ------------------------------------------------------------- accounting
def _one_line(category, activity, quantity, unit, family=None, grid_year=None, grid_region=None, grid_type=None,
              grid_record=None, ce_family=None):
    line = pd.DataFrame([{"period": "this line", "category": category, "activity": xl.text(activity),
                          "quantity": xl.number(quantity, what="quantity"), "unit": xl.text(unit)}])
    choices = InventoryChoices(family=xl.optional_text(family), coal_equivalent_family=xl.optional_text(ce_family),
                               grid_year=xl.optional_int(grid_year, "year"),
                               grid_region=xl.optional_text(grid_region) or "national",
                               grid_type=xl.optional_text(grid_type) or "avg_incl_all",
                               grid_record=xl.optional_text(grid_record))
    return compute_inventory(line, config.library(), choices).lines.iloc[0]


@udf("CO2 from burning a fuel (scope 1): quantity × NCV × carbon content × oxidation rate × 44/12, in t CO2. "
     "化石燃料燃烧排放.",
     {"fuel": "Fuel name, Chinese or English (柴油, 天然气, raw coal …).",
      "quantity": "Amount burned.",
      "unit": "Unit of the amount: t, kg, m3, 万立方米, 万Nm³ …",
      "family": "Optional: parameter family (default GBT32151.22-2024; SEED003 re-runs seed 003)."},
     '=CARBON_COMBUSTION("柴油", 120, "t")', "t CO2", (), False)
def CARBON_COMBUSTION(fuel, quantity, unit, family=None):
    return float(_one_line("combustion", fuel, quantity, unit, family)["tCO2"])


@udf("CO2 from purchased electricity (scope 2) with a grid factor by data year, region and type, in t CO2. "
     "外购电力排放.",
     {"quantity": "Electricity used.", "unit": "kWh, MWh, 万千瓦时 …",
      "year": "Data year of the grid factor (e.g. 2022); or give record.",
      "region": "Optional: 全国 (default), a regional grid (华东 …) or a province (广东 …).",
      "type": "Optional: factor type (default avg_incl_all).",
      "record": "Optional: a grid record id instead (e.g. SEED003-GRID-0.581)."},
     '=CARBON_ELECTRICITY(1000, "MWh", 2022, "广东")', "t CO2", (), False)
def CARBON_ELECTRICITY(quantity, unit, year=None, region=None, type=None, record=None):  # noqa: A002 - Excel name
    return float(_one_line("electricity", "electricity", quantity, unit, grid_year=year, grid_region=region,
                           grid_type=type, grid_record=record)["tCO2"])


@udf("Energy in tonnes of coal equivalent (tce) by the coal-equivalent coefficients (GB/T 2589; seed 003 Table 4). "
     "折标准煤.",
     {"energy": "Energy carrier: 电力, 天然气, 柴油, 原煤, 热力 …",
      "quantity": "Amount.", "unit": "Unit of the amount: kWh, m3, t, GJ …",
      "family": "Optional: coefficient family (default GB2589-2020; SEED003)."},
     '=CARBON_TCE("电力", 10000, "kWh")', "tce", (), False)
def CARBON_TCE(energy, quantity, unit, family=None):
    return to_tce(config.library(), xl.text(energy), xl.number(quantity, what="quantity"), xl.text(unit),
                  xl.optional_text(family))


@udf("Inventory of activity lines → one row per line with scope, heat, factor and record, t CO2, t CO2e and tce. "
     "碳排放清单.",
     {"lines": "Table with a header row: period, category (combustion|process|electricity|heat|other), activity, "
               "quantity, unit; optional entity, gas, factor, factor_unit, correction.",
      "family": "Optional: fuel-parameter family (default GBT32151.22-2024).",
      "grid_year": "Optional: data year of the electricity factor.",
      "grid_region": "Optional: region of the electricity factor (default 全国).",
      "grid_record": "Optional: record id of the electricity factor (e.g. SEED003-GRID-0.581).",
      "ce_family": "Optional: coal-equivalent family (default GB2589-2020; SEED003).",
      "gwp": "Optional: GWP report for non-CO2 gases (default AR5).",
      "header": "Optional: TRUE (default) to spill the header row."},
     '=CARBON_INVENTORY(A1:E10, "SEED003", , , "SEED003-GRID-0.581", "SEED003")', "table: one row per line",
     ("lines",), True)
def CARBON_INVENTORY(lines, family=None, grid_year=None, grid_region=None, grid_record=None, ce_family=None,
                     gwp=None, header=None):
    df = xl.frame(lines, "lines", keys=INVENTORY_KEYS)
    choices = InventoryChoices(family=xl.optional_text(family), coal_equivalent_family=xl.optional_text(ce_family),
                               grid_year=xl.optional_int(grid_year, "grid_year"),
                               grid_region=xl.optional_text(grid_region) or "national",
                               grid_record=xl.optional_text(grid_record), gwp_report=xl.optional_text(gwp) or "AR5")
    res = compute_inventory(df, config.library(), choices)
    cols = ["period", "category", "scope", "activity", "activity_id", "quantity", "unit", "heat_GJ", "factor",
            "factor_unit", "factor_record", "ncv_record", "parameter_family", "tCO2", "tCO2e", "tce", "tce_basis",
            "tce_family"]
    return xl.table_out(res.lines[cols], header=xl.flag(header, True), index=False)


@udf("Uncertainty of an inventory (IPCC 2006 Vol. 1 Ch. 3): per line and total, estimate, mean, 95% interval, "
     "uncertainty % and share of the variance; lines sharing factor records are fully correlated. 不确定性.",
     {"lines": "The inventory's activity table with optional columns activity_uncertainty_pct and "
               "factor_uncertainty_pct (half the 95% interval in % of the value).",
      "method": "Optional: \"approach1\" error propagation (default) or \"montecarlo\".",
      "draws": "Optional: Monte Carlo iterations (default 100000).",
      "seed": "Optional: seed of the draws.",
      "family": "Optional: fuel-parameter family (default GBT32151.22-2024).",
      "grid_year": "Optional: data year of the electricity factor.",
      "grid_region": "Optional: region of the electricity factor (default 全国).",
      "grid_record": "Optional: record id of the electricity factor.",
      "activity_default": "Optional: for lines without activity_uncertainty_pct, the IPCC 2006 Vol. 2 Table 2.15 "
                          "default as \"SECTOR,SYSTEM,METHOD\", e.g. \"industry-energy-intensive,well-developed,"
                          "surveys\" (the upper end of the printed range)."},
     '=CARBON_UNCERTAINTY(A1:G10, "montecarlo", 100000, 1, , 2022, "广东")', "table: one row per line, then totals",
     ("lines",), True)
def CARBON_UNCERTAINTY(lines, method=None, draws=None, seed=None, family=None, grid_year=None, grid_region=None,
                       grid_record=None, activity_default=None):
    how = check_method((xl.optional_text(method) or "approach1").lower())  # a wrong option fails first and alone
    df = xl.frame(lines, "lines", keys=INVENTORY_KEYS)
    choices = InventoryChoices(family=xl.optional_text(family), grid_year=xl.optional_int(grid_year, "grid_year"),
                               grid_region=xl.optional_text(grid_region) or "national",
                               grid_record=xl.optional_text(grid_record))
    library = config.library()
    spec = xl.optional_text(activity_default)
    default = library.activity_uncertainty(spec) if spec else None
    res = inventory_uncertainty(df, compute_inventory(df, library, choices), method=how, library=library,
                                activity_default=default,
                                draws=xl.optional_int(draws, "draws"), seed=xl.optional_int(seed, "seed"))
    table = pd.concat([res.lines.assign(row=res.lines["row"].astype(str)), res.totals.assign(row="total")],
                      ignore_index=True)[["row", "period", "activity", "estimate", "mean", "lower", "upper",
                                          "uncertainty_pct", "variance_share"]]
    for note in res.notes:  # unknown uncertainties are said in the cells below, never filled in
        warnings.warn(note, CarbonWarning)
    return xl.table_out(table, index=False)


@udf("STIRPAT regression ln I = a + Σ b ln X with honest statistics; says 'not identified' when the data cannot "
     "determine the coefficients. Optional ridge regression. STIRPAT 回归.",
     {"data": "Table with a header row, one row per observation (e.g. year).",
      "response": "Column name of the impact I (e.g. CO2).",
      "drivers": "Driver column names, comma-separated (or a range of names).",
      "ridge": "Optional: ridge penalty λ > 0 (fits ridge on standardized logarithms)."},
     '=CARBON_STIRPAT(A1:F4, "co2", "output,energy,elec_share")',
     "table: parameters × coef, std_err, t, p, VIF; then diagnostics and the verdict", ("data", "drivers"), True)
def CARBON_STIRPAT(data, response, drivers, ridge=None):
    df = xl.numeric_frame(data, "data")
    names = xl.text_list(drivers)
    # λ = 0 is ordinary least squares, which is also what an empty cell (0 under Office.js) asks for
    penalty = None if xl.empty(xl.single(ridge, "ridge")) else xl.number(ridge, what="ridge")
    res = fit_ridge(df, xl.text(response), names, penalty) if penalty is not None else \
        fit_stirpat(df, xl.text(response), names)
    rows = xl.table_out(res.table, index_label="parameter")
    width = len(rows[0])
    for k, v in res.summary().itertuples():
        rows.append([k, xl.cell(v)] + [""] * (width - 2))
    return rows


@udf("LMDI-I decomposition of V = Σ_i Π_k x_ik between periods: additive ΔV or multiplicative D by factor, "
     "chained or fixed-base; exact, zeros by analytical limits. LMDI 分解.",
     {"data": "Table with a header row: period, sub-category and one column per factor.",
      "factors": "Factor column names, comma-separated (their product is V).",
      "period": "Optional: name of the period column (default \"period\").",
      "subcategory": "Optional: name of the sub-category column (default \"subcategory\" when the table has one; "
                     "\"none\" for none).",
      "mode": "Optional: \"chained\" (default, year on year) or \"fixed\" (against the first period).",
      "form": "Optional: \"additive\" (default) or \"multiplicative\"."},
     '=CARBON_LMDI(A1:E9, "output,intensity,structure,factor", "year", "fuel")',
     "table: one row per step (from, to) × factors and total", ("data", "factors"), True)
def CARBON_LMDI(data, factors, period=None, subcategory=None, mode=None, form=None):
    period_col = xl.optional_text(period) or "period"
    sub = xl.optional_text(subcategory)
    df = xl.frame(data, "data", keys=(period_col, sub or "subcategory"))
    if sub is None:  # an empty cell in any host's form: the default column, if the table has it
        sub = "subcategory" if "subcategory" in df.columns else None
    elif sub.lower() in ("none", "-", "无"):
        sub = None
    res = decompose(df, xl.text_list(factors), period=period_col, subcategory=sub,
                    mode=(xl.optional_text(mode) or "chained").lower())
    kind = (xl.optional_text(form) or "additive").lower()
    if kind not in ("additive", "multiplicative"):
        raise InputError("form must be \"additive\" or \"multiplicative\".")
    table = res[kind].reset_index()
    # a year typed in Excel arrives as 2020.0: the step reads "2020→2021", as the periods were written
    label = lambda v: xl.text(v.item() if hasattr(v, "item") else v, "a period")  # noqa: E731
    table.insert(0, "step", table["from"].map(label) + "→" + table["to"].map(label))
    return xl.table_out(table.drop(columns=["from", "to"]).set_index("step"))


@udf("Multilevel LMDI-I (Xu & Ang 2014): activity, one structure effect per level of a hierarchy, intensity; "
     "additive delta and multiplicative D per pair of periods. 多层次LMDI分解.",
     {"data": "Long table with a header row: period, the level columns, energy and activity; a blank lower level "
              "makes the unit a leaf at the level above.",
      "levels": "Level columns, top first, e.g. \"sector,subsector\".",
      "energy": "Column of energy or emissions (what is decomposed).",
      "activity": "Column of activity (output, value added), ≥ 0.",
      "period": "Optional: column of the periods (default \"period\").",
      "approach": "Optional: \"mp\" multilevel-parallel (default) or \"mh\" multilevel-hierarchical.",
      "mode": "Optional: \"chained\" (default) or \"fixed\" (against the first period).",
      "group": "Optional: column of independent groups (e.g. region)."},
     '=CARBON_LMDI_MULTILEVEL(A1:F13, "sector,subsector", "energy", "output", "year")',
     "table: period from, period to, effect, level, D, delta", ("data",), True)
def CARBON_LMDI_MULTILEVEL(data, levels, energy, activity, period=None, approach=None, mode=None, group=None):
    period_col = xl.optional_text(period) or "period"
    level_cols = xl.text_list(levels)
    group_col = xl.optional_text(group)
    # every level is a key: an empty-like cell (0 from Office.js) ends the unit's path, never names a level "0"
    df = xl.frame(data, "data", keys=(period_col, *level_cols) + ((group_col,) if group_col else ()))
    table = multilevel_decompose(df, level_cols, energy=xl.text(energy, "energy"), activity=xl.text(activity, "activity"),
                                 period=period_col, group=group_col, approach=(xl.optional_text(approach) or "mp").lower(),
                                 mode=(xl.optional_text(mode) or "chained").lower())
    for col in ("period_from", "period_to"):  # a year typed in Excel arrives as 2020.0
        table[col] = table[col].map(lambda v: xl.text(v.item() if hasattr(v, "item") else v, "a period"))
    return xl.table_out(table, index=False)


_SCENARIO_ARGS = {
    "data": "Table with a header row: scenario, driver, base, from_year, to_year, annual_change_pct and optional "
            "uncertainty_pct (half the 95% interval of the annual change, percentage points).",
    "to_year": "Last year projected, e.g. 2060.",
    "draws": "Optional: Monte Carlo trajectories for the bands (empty: the central path only).",
    "seed": "Optional: seed of the draws (the same seed, the same result).",
}
_STIRPAT_ARGS = {
    "history": "Optional: a history with a header row (the response and the scenario's drivers, one row per year): "
               "STIRPAT is fitted on it and projects emissions instead of the product of the drivers; the bands "
               "then carry the fit's parameter covariance.",
    "response": "With history: the emissions column of the history, e.g. \"CO2\".",
    "ridge": "Optional, with history: ridge penalty λ > 0 instead of OLS (no covariance carried).",
}


def _scenario_frame(data) -> pd.DataFrame:
    return xl.frame(data, "data", keys=("scenario", "driver"))


def _scenario_model(frame: pd.DataFrame, history, response, ridge):
    if not xl.present(history):
        if xl.present(response) or xl.present(ridge):
            raise InputError("response and ridge go with history: give the history table to fit STIRPAT on.")
        return None
    penalty = None if xl.empty(xl.single(ridge, "ridge")) else xl.number(ridge, what="ridge")
    return fit_for_scenarios(frame, xl.numeric_frame(history, "history"), xl.text(response, "response"),
                             ridge=penalty)


@udf("Emission scenarios from driver paths (Kaya/IPAT): by scenario and year the median and 95% band of the "
     "emissions; or a STIRPAT fit on a history projects them. 情景预测.", {**_SCENARIO_ARGS, **_STIRPAT_ARGS},
     '=CARBON_SCENARIO(A1:G9, 2060, 10000, 1)',
     "table: scenario, year, emissions, lower, upper, central", ("data",), True)
def CARBON_SCENARIO(data, to_year, draws=None, seed=None, history=None, response=None, ridge=None):
    frame = _scenario_frame(data)
    res = project(frame, to_year=xl.number(to_year, what="to_year"), draws=xl.optional_int(draws, "draws"),
                  seed=xl.optional_int(seed, "seed"), model=_scenario_model(frame, history, response, ridge))
    return xl.table_out(res.emissions, index=False)


@udf("Peak of each emission scenario: peak year and emissions of the central path, the probability of peaking by "
     "a year (default 2030). 达峰年份.", {**_SCENARIO_ARGS, "peak_by": "Optional: year for the peak probability "
                                                                     "(default 2030).", **_STIRPAT_ARGS},
     '=CARBON_PEAK(A1:G9, 2060, 10000, 1, 2030)', "table: scenario, peak year, peak emissions, probability",
     ("data",), True)
def CARBON_PEAK(data, to_year, draws=None, seed=None, peak_by=None, history=None, response=None, ridge=None):
    frame = _scenario_frame(data)
    res = project(frame, to_year=xl.number(to_year, what="to_year"), draws=xl.optional_int(draws, "draws"),
                  seed=xl.optional_int(seed, "seed"), peak_by=xl.optional_int(peak_by, "peak_by") or 2030,
                  model=_scenario_model(frame, history, response, ridge))
    return xl.table_out(res.peaks, index=False)


@udf("Version of the add-in and the calculation core. 版本.", {}, '=CARBON_VERSION()', "text", (), False)
def CARBON_VERSION():
    return f"carbon {__version__}"


#: The worksheet functions, for ``from addin.carbon_udfs import *`` (xlwings Lite's main.py).
__all__ = sorted(REGISTRY)
