"""From a name or a path to an IO table: packaged official tables, official files, concordances.

One layer above the IO maths (:mod:`carbon_core.io`, which never reads files) and the data
packages (:mod:`carbon_core.data`): a spec such as ``china-provincial-io-42/guangdong_2017``, the
path of a bureau's ``.xls``, or a region and a year becomes an :class:`OfficialTable` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data.datasets import DataPackage, load_package
from ..errors import DataPackageError
from ..io.official_tables import (SUPPLY_COLUMNS, OfficialTable, balance_report, check_balance, normal_unit,
                                  read_official_table, subtotal_codes, trade_layout)
from ..regions import find_region, resolve_region


@dataclass
class IOTable:
    """The Leontief inputs read from an IO-table resource.

    Attributes
    ----------
    Z : DataFrame
        Intermediate flows (product codes × product codes).
    x : Series
        Total output (GO).
    Y : DataFrame
        Final use by category; for competitive-import tables a negative ``IM`` column is
        included so that ``Y.sum(axis=1) = x - Z·1``.
    names : DataFrame
        ``name_zh`` and ``name_en`` per product code.
    unit : str
    source : str
        ``package/resource@version`` for citation in outputs.
    """

    Z: pd.DataFrame
    x: pd.Series
    Y: pd.DataFrame
    names: pd.DataFrame
    unit: str
    source: str


def read_io_table(spec: str, root: Path | None = None) -> IOTable:
    """Read ``"package/resource"`` (e.g. ``"china-io-42/io_2017"``) as an :class:`IOTable`.

    ``Y`` holds the final-use columns that are not subtotals (and ``ERR``), and for
    competitive-import tables a negative ``IM`` column, so that ``Y.sum(axis=1) = x - Z·1``.
    """
    package, resource = _split_spec(spec)
    table = official_table_from_resource(load_package(package, root), resource)
    skip = subtotal_codes(table.final.columns) | set(SUPPLY_COLUMNS)
    Y = table.final[[c for c in table.final.columns if c not in skip]].copy()
    for c in SUPPLY_COLUMNS:
        if table.has(c):
            Y[c] = -table.column(c)
    return IOTable(Z=table.Z, x=table.x, Y=Y, names=table.names[["name_zh", "name_en"]], unit=table.unit,
                   source=table.source)


def read_table_spec(spec, root: Path | None = None, *, balance: str = "error", unit: str | None = None,
                    sheet=None):
    """An IO table as an :class:`~carbon_core.io.official_tables.OfficialTable` from a spec.

    ``spec`` is a path to an official ``.xls``/``.xlsx`` file as the bureau publishes it, or a
    packaged resource ``PACKAGE/RESOURCE`` (``china-provincial-io-42/guangdong_2017``,
    ``china-io-42/io_2017``). Packaged tables are kept as published: an imbalance recorded at
    build time is reported as a warning, never silently.
    """
    text = str(spec)
    if Path(text).is_dir():
        what = ("a data package folder" if (Path(text) / "datapackage.json").is_file() else "a folder")
        raise DataPackageError(f"'{text}' is {what}, not an IO table; give the table file (.xls/.xlsx as the bureau "
                               "publishes it) or a packaged resource PACKAGE/RESOURCE (e.g. "
                               "china-provincial-io-42/guangdong_2017).")
    if Path(text).suffix.lower() in (".xls", ".xlsx", ".xlsm", ".ods"):
        table = read_official_table(text, balance=balance, unit=unit, sheet=sheet)
        table.classification = identify_classification(table.names["name_zh"], root)
        return table
    if Path(text).is_file():
        raise DataPackageError(f"'{text}' is a file but not an Excel workbook; give an official .xls/.xlsx table "
                               "or a packaged resource PACKAGE/RESOURCE (e.g. china-provincial-io-42/guangdong_2017).")
    package, resource = _split_spec(text)
    pkg = load_package(package, root)
    table = official_table_from_resource(pkg, resource)
    if unit:
        if normal_unit(unit) != table.unit:
            raise DataPackageError(f"{table.source} is in {table.unit} as packaged; unit '{unit}' contradicts it "
                                   "(--unit is for official files whose title rows state none).")
    return table


def official_table_from_resource(pkg: DataPackage, resource: str):
    """An IO-table resource (columns block, row_code, names, product codes, final-use codes)."""
    res = pkg.resource_descriptor(resource)
    frame = pkg.read(resource)
    if "block" not in frame.columns or "row_code" not in frame.columns:
        raise DataPackageError(f"{pkg.name}/{resource} is not an IO-table resource (no 'block' and 'row_code' columns).")
    codes = [c for c in frame.columns if str(c).isdigit()]
    products = frame[frame["block"].isin(["domestic", "product"])].set_index("row_code")
    if list(products.index) != codes:
        raise DataPackageError(f"{pkg.name}/{resource}: product rows and columns differ; the table is not square.")
    if "TIU" not in frame.columns or "GO" not in frame.columns:
        raise DataPackageError(f"{pkg.name}/{resource}: the table needs TIU and GO columns.")
    start, stop = frame.columns.get_loc("TIU"), frame.columns.get_loc("GO")
    final = products[list(frame.columns[start:stop + 1])].astype(float).fillna(0.0)
    inputs = frame[frame["block"].isin(["value_added", "total"])].set_index("row_code")[codes].astype(float)
    zh = "row_name_zh" if "row_name_zh" in products.columns else None
    names = pd.DataFrame({"name_zh": products[zh] if zh else "",
                          "name_en": products["row_name_en"] if "row_name_en" in products.columns else ""})
    names.index.name = "code"
    imports_block = frame[frame["block"] == "imports"]
    layout = res.get("trade_layout") or ("non-competitive" if len(imports_block) else trade_layout(list(final.columns)))
    table = OfficialTable(
        Z=products[codes].astype(float), final=final, x=final["GO"].rename("x"), value_added=inputs, names=names,
        unit=str(res.get("unit", "10^4 yuan")).split(" (")[0].split(",")[0], region=res.get("region", ""),
        year=res.get("year"), title=res.get("title", resource), layout=layout,
        source=f"{pkg.name}/{resource}@{pkg.version}", price_basis=res.get("price_basis", ""))
    table.balance = balance_report(table)
    table.classification = res.get("classification") or identify_classification(names["name_zh"], root=None)
    if res.get("balance_findings"):
        check_balance(table, on_error="warn", where=f"{pkg.name}/{resource} (as published)")
    return table


CLASSIFICATIONS = "china-provincial-io-42/classifications"


def national_table_spec(year, root: Path | None = None) -> str:
    """The shipped national table of a year: 2017 from china-io-42, 2002/2007/2012 from the provincial package."""
    y = int(year)
    if y == 2017:
        return "china-io-42/io_2017"
    name = f"china_{y}"
    pkg = load_package("china-provincial-io-42", root)
    if name not in pkg.resource_names():
        raise DataPackageError(f"no national table for {y} is shipped; national tables: 2002, 2007, 2012, 2017 "
                               "(give one with --national-table).")
    return f"china-provincial-io-42/{name}"
PROVINCIAL_PACKAGE = "china-provincial-io-42"


def region_key(region, root: Path | None = None) -> str | None:
    """The pinyin key of a region given as key, Chinese (广东, 广东省) or English name; None if unknown.

    One resolver for the whole project (:mod:`carbon_core.regions`); ``root`` is accepted for
    symmetry with the other look-ups and not needed.
    """
    return find_region(region).key if find_region(region) else None


def provincial_table_spec(region, year, root: Path | None = None) -> str:
    """``china-provincial-io-42/<key>_<year>`` for a region given as key, Chinese or English name.

    >>> provincial_table_spec("广东省", 2017)
    'china-provincial-io-42/guangdong_2017'
    """
    pkg = load_package(PROVINCIAL_PACKAGE, root)
    key = resolve_region(region).key
    if isinstance(year, bool):  # TRUE from a cell is 1, never a year
        raise DataPackageError(f"{str(year).upper()} is not a year; give the table year (2002, 2007, 2012 or 2017).", code="not-a-year")
    try:
        y = float(year)
    except (TypeError, ValueError):
        raise DataPackageError(f"'{year}' is not a year; give the table year (2002, 2007, 2012 or 2017).", code="not-a-year") from None
    if not y.is_integer() or not 1900 <= y <= 2100:
        raise DataPackageError(f"{year:g} is not a year; give the table year (2002, 2007, 2012 or 2017).", code="not-a-year")
    y = int(y)
    name = f"{key}_{y}"
    if name not in pkg.resource_names():
        years = sorted(r.split("_")[1] for r in pkg.resource_names() if r.startswith(key + "_") and r[-4:].isdigit())
        raise DataPackageError(f"no {key} table for {y}; the package has {', '.join(years) or 'none'}.")
    return f"{PROVINCIAL_PACKAGE}/{name}"


def _plain(name: str) -> str:
    return re.sub(r"[\s、，,（）()和及与]+", "", str(name))


_CLASSIFICATION_NAMES: dict = {}


def identify_classification(names_zh, root: Path | None = None) -> str | None:
    """Which shipped 42-product classification a table's Chinese product names follow (None: none).

    Codes 01-42 mean different products in 2002, 2007, 2012 and 2017, so a concordance must be
    chosen by the products' names, never by the codes alone.
    """
    try:
        pkg = load_package(CLASSIFICATIONS.split("/")[0], root)
    except DataPackageError:
        return None
    key = (str(pkg.location), pkg.version)
    if key not in _CLASSIFICATION_NAMES:
        frame = pkg.read(CLASSIFICATIONS.split("/")[1])
        _CLASSIFICATION_NAMES[key] = {cls: [_plain(n) for n in rows.sort_values("code")["name_zh"]]
                                      for cls, rows in frame.groupby("classification", sort=True)}
    given = [_plain(n) for n in list(names_zh)]
    best, best_hits = None, 0
    for cls, ref in _CLASSIFICATION_NAMES[key].items():
        if len(ref) != len(given):
            continue
        hits = sum(a == b for a, b in zip(given, ref))
        if hits > best_hits:
            best, best_hits = cls, hits
    # a province may spell a name or two its own way; more differences mean another classification
    return best if best_hits >= len(given) - 3 else None


def _concordance_for(package: str, classification: str | None, root: Path | None):
    """(mapping, target names, order) of the resource of ``package`` made for ``classification``, or None."""
    pkg = load_package(package, root)
    for res in pkg.descriptor.get("resources", []):
        if res.get("classification") and res.get("classification") == classification:
            mapping, names = read_concordance(f"{package}/{res['name']}", root)
            return mapping, names, list(names.index)
    return None


def common_concordance(classification: str | None, root: Path | None = None):
    """(mapping, target names, order) to the 41 common products CP01-CP41 of the 2012 and 2017 tables."""
    found = _concordance_for("concordance-io42-2012-2017", classification, root)
    if found is None:
        raise DataPackageError(
            f"the common products CP01-CP41 join the 2012 and 2017 classifications only; this table's products are "
            f"{classification or 'not recognised'}. Aggregate to S1-S11 (s11) to compare other years.")
    return found


def s11_concordance(classification: str | None, root: Path | None = None):
    """(mapping, target names, order) of the S1-S11 concordance for a product classification."""
    found = _concordance_for("concordance-io42-s11", classification, root)
    if found is not None:
        return found
    pkg = load_package("concordance-io42-s11", root)
    known = sorted(r["classification"] for r in pkg.descriptor["resources"] if r.get("classification"))
    raise DataPackageError(
        f"no S1-S11 concordance for this table's products (classification: {classification or 'not recognised'}; "
        f"shipped: {', '.join(known)}). Codes 01-42 mean different products in different years, so the 2017 mapping "
        "cannot be assumed; give your own concordance (--concordance FILE).")


def read_concordance(spec: str = "concordance-io42-s11/io42_to_s11", root: Path | None = None):
    """A many-to-one concordance as (mapping Series source → target, target names DataFrame)."""
    package, resource = _split_spec(spec)
    pkg = load_package(package, root)
    frame = pkg.read(resource)
    mapping = pd.Series(frame.iloc[:, -1].to_numpy(), index=frame.iloc[:, 0].astype(str), name="target")
    names = None
    for fk in pkg.resource_descriptor(resource).get("schema", {}).get("foreignKeys", []):
        names = pkg.read(fk["reference"]["resource"]).set_index("code")[["name_zh", "name_en"]]
    return mapping, names


def read_ceads(region: str = "china", level: str = "s11", root: Path | None = None) -> pd.Series:
    """CEADs 2017 scope 1 CO2 (Mt CO2) by sector: ``level="s11"`` sums to S1-S11 (households
    excluded), ``level="ceads"`` keeps the 47 CEADs sectors."""
    pkg = load_package("ceads-co2-2017", root)
    name = f"{region.lower()}_2017"
    frame = pkg.read(name)
    conc = pkg.read("concordance").set_index("ceads_no")
    total = frame.set_index("ceads_no")["scope_1_total"]
    if level == "ceads":
        return total.rename(index=lambda i: str(i)).rename("CO2 (Mt)")
    if level != "s11":
        raise DataPackageError(f"unknown level '{level}'; use 's11' or 'ceads'.")
    s = conc["s11_code"].reindex(total.index)
    industry = s != "HH"
    by_s = total[industry].groupby(s[industry], sort=False).sum()
    order = [f"S{i}" for i in range(1, 12)]
    return by_s.reindex(order).fillna(0.0).rename("CO2 (Mt)")


def _split_spec(spec: str) -> tuple[str, str]:
    if "/" not in spec and ":" not in spec:
        raise DataPackageError(f"'{spec}': name a resource as PACKAGE/RESOURCE, e.g. china-io-42/io_2017.")
    package, resource = spec.replace(":", "/").rsplit("/", 1)
    return package, resource
