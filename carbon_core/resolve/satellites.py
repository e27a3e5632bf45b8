"""Satellites for IO tables: CEADs CO2 by province and year, and seed 000's energy use.

CEADs inventories have 45 industry lines plus urban and rural households. Their mapping to the
11 sectors S1–S11 is exact. Mapping to the 42 products (2017 classification) is exact for most
lines; four lines cover several products (37 Other manufacturing and 38 Scrap → 22, 23;
44 Wholesale, retail and catering → 28, 30; 45 Others → 31–42). Those are split with an
allocation key taken from the province's own IO table: each product's purchases of energy
products (coal 02, oil and gas 03, refined petroleum and coke 11, electricity and heat 24, gas
25), which follow fuel use more closely than output does; a group with no energy purchases is
split by output. Households' emissions belong to no product and are left out (reported apart).

Satellite specs (command line ``--satellite``):

* ``ceads/<region>/<year>`` — e.g. ``ceads/guangdong/2017``, ``ceads/china/2012``;
  ``ceads/<region>`` takes the year from the IO table.
* ``ceads-co2-2017/china`` and ``ceads-co2-2017/guangdong`` — the 2017 package.
* ``seed000`` (or ``seed000-guangdong-energy-2017``) — Guangdong 2017 direct energy use,
  10^4 tce, S1–S11.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..data.datasets import load_package
from ..errors import InputError
from ..regions import region_key, resolve_region

CEADS_PACKAGE = "ceads-co2-1997-2019"
SEED_ENERGY_PACKAGE = "seed000-guangdong-energy-2017"
ENERGY_PRODUCTS_2017 = ["02", "03", "11", "24", "25"]
COMMON_PACKAGE = "concordance-io42-2012-2017"
S11_ORDER = [f"S{i}" for i in range(1, 12)]


@dataclass
class Satellite:
    """A satellite vector with its unit, level and provenance."""

    values: pd.Series      # by sector label (S1..S11) or CEADs line number (as text)
    unit: str
    level: str             # "s11" or "ceads"
    source: str
    households: float = 0.0   # emissions of households (not in any sector), same unit
    region: str | None = None  # region key, e.g. "guangdong"; None when not tied to one
    year: int | None = None


def ceads_lines(region: str, year: int, root: Path | None = None) -> pd.DataFrame:
    """The CEADs inventory of one province (or ``china``) and year: 47 lines × fuels, Mt CO2."""
    pkg = load_package(CEADS_PACKAGE, root)
    region = resolve_region(region).key
    if region == "china":
        frame = pkg.read("china")
        rows = frame[frame["year"] == int(year)]
        if rows.empty:
            years = sorted(frame["year"].unique())
            raise InputError(f"CEADs has no national inventory for {year}; it covers {years[0]}-{years[-1]}.")
        return rows.drop(columns="year").set_index("ceads_no")
    res = f"provinces_{int(year)}"
    if res not in pkg.resource_names():
        years = sorted(int(r.split("_")[1]) for r in pkg.resource_names() if r.startswith("provinces_"))
        raise InputError(f"CEADs has no provincial inventories for {year}; it covers {years[0]}-{years[-1]}.")
    key = (str(pkg.location), pkg.version, res)
    if key not in _BY_REGION:
        frame = pkg.read(res)
        _BY_REGION[key] = {r: rows.drop(columns="region").set_index("ceads_no") for r, rows in frame.groupby("region")}
    by_region = _BY_REGION[key]
    if region not in by_region:
        hint = " (CEADs has no inventory for Tibet)" if region == "xizang" else ""
        raise InputError(f"CEADs has no province '{region}'{hint}; known: {', '.join(sorted(by_region))}.")
    return by_region[region].copy()


_BY_REGION: dict = {}


def ceads_sectors(root: Path | None = None) -> pd.DataFrame:
    return load_package(CEADS_PACKAGE, root).read("sectors").set_index("ceads_no")


def ceads_to_s11(total: pd.Series, root: Path | None = None) -> tuple[pd.Series, float]:
    """CEADs line totals → S1–S11 (exact) and the households' total, excluded from sectors."""
    sectors = ceads_sectors(root)
    s = sectors["s11_code"].reindex(total.index)
    if s.isna().any():
        raise InputError(f"CEADs lines without a sector mapping: {list(total.index[s.isna()])}.")
    hh = float(total[s == "HH"].sum())
    industry = s != "HH"
    by_s = total[industry].groupby(s[industry]).sum().reindex(S11_ORDER).fillna(0.0)
    return by_s, hh


def ceads_to_products(total: pd.Series, table, root: Path | None = None) -> tuple[pd.Series, float, list[str]]:
    """CEADs line totals → the 42 products of the 2017 classification, with the split documented.

    Parameters
    ----------
    total : Series
        CEADs line totals (index: line number).
    table : OfficialTable
        The province's IO table of the 2017 classification, for the allocation key.

    Returns
    -------
    (Series by product code, households' total, notes on each split)
    """
    products = list(table.products)
    if products != [f"{i:02d}" for i in range(1, 43)] or table.classification not in ("io42-2017", "io42-2012", None):
        raise InputError(
            f"CEADs lines map to the 42 products of the 2017 and 2012 classifications only; this table is "
            f"{table.classification or 'of another classification'}. Aggregate to S1-S11 (--aggregate s11) instead.")
    lines = _line_map(root)
    energy = ENERGY_PRODUCTS_2017
    if table.classification == "io42-2012":  # the line map names 2017 codes: carried over by the common products
        to2012 = _codes_2017_to_2012(root)
        lines = {k: (name, sorted({c for code in codes for c in to2012[code]}), hh)
                 for k, (name, codes, hh) in lines.items()}
        energy = sorted({c for code in ENERGY_PRODUCTS_2017 for c in to2012[code]})
    position = {c: i for i, c in enumerate(products)}
    Zv = table.Z.to_numpy()
    key_all = Zv[[position[c] for c in energy]].sum(axis=0)
    xv = table.x.to_numpy()
    out = np.zeros(len(products))
    notes = []
    hh = 0.0
    for line, value in zip(total.index, total.to_numpy(dtype=float)):
        if line not in lines:
            raise InputError(f"CEADs line {line} has no sector mapping.")
        name, codes, household = lines[line]
        if household or not codes:
            hh += value
            continue
        idx = [position[c] for c in codes]
        if len(idx) == 1:
            out[idx[0]] += value
            continue
        key, basis = np.clip(key_all[idx], 0.0, None), "energy purchases"
        if key.sum() <= 0:
            key, basis = np.clip(xv[idx], 0.0, None), "output"
        if key.sum() <= 0:
            key, basis = np.ones(len(idx)), "equal shares"
        shares = key / key.sum()
        out[idx] += value * shares
        notes.append(f"CEADs line {line} ({name}) split over {', '.join(codes)} by {basis}: "
                     + ", ".join(f"{c} {s:.1%}" for c, s in zip(codes, shares)))
    return pd.Series(out, index=products), hh, notes


def _codes_2017_to_2012(root) -> dict[str, list[str]]:
    """Each 2017 product code → the 2012 codes of the same common product (package concordance-io42-2012-2017)."""
    common = load_package(COMMON_PACKAGE, root).read("cp41_products")
    out: dict[str, list[str]] = {}
    for row in common.itertuples():
        old = [c.strip() for c in str(row.io42_2012_codes).split(";") if c.strip()]
        for code in str(row.io42_2017_codes).split(";"):
            out[code.strip()] = old
    return out


def _line_map(root) -> dict:
    """CEADs line → (name, IO-42 codes, is household), cached per package descriptor."""
    pkg = load_package(CEADS_PACKAGE, root)
    key = (str(pkg.location), pkg.version)
    if key not in _LINE_MAPS:
        sectors = pkg.read("sectors")
        _LINE_MAPS[key] = {int(r.ceads_no): (r.ceads_sector, [c.strip() for c in str(r.io42_2017_codes or "").split(";")
                                                               if c.strip()], r.s11_code == "HH")
                           for r in sectors.itertuples()}
    return _LINE_MAPS[key]


_LINE_MAPS: dict = {}


def seed_energy(column: str = "energy_use", root: Path | None = None) -> pd.Series:
    """Seed 000 Table 2: Guangdong 2017 direct energy use by S1–S11, 10^4 tce."""
    frame = load_package(SEED_ENERGY_PACKAGE, root).read("direct_energy").set_index("s11_code")
    if column not in frame.columns:
        raise InputError(f"no column '{column}'; use energy_use (Table 2 as printed) or energy_use_chart.")
    return frame[column].astype(float).rename("energy (10^4 tce)")


def read_satellite(spec: str, *, year: int | None = None, root: Path | None = None) -> Satellite:
    """A satellite by spec (see the module notes). ``year`` fills ``ceads/<region>``."""
    text = str(spec).strip().replace(":", "/")
    parts = [p for p in text.split("/") if p]
    if not parts:
        raise InputError("empty satellite spec; use e.g. ceads/guangdong/2017 or seed000.")
    head = parts[0].lower()
    if head in ("seed000", SEED_ENERGY_PACKAGE):
        return Satellite(seed_energy(root=root), "10^4 tce", "s11",
                         f"{SEED_ENERGY_PACKAGE}/direct_energy (seed 000 Table 2)", region="guangdong", year=2017)
    if head == "ceads-co2-2017":
        parts = ["ceads", parts[1] if len(parts) > 1 else "china", "2017"]
        head = "ceads"
    if head in ("ceads", CEADS_PACKAGE):
        if len(parts) < 2:
            raise InputError("name the region: ceads/<region>/<year>, e.g. ceads/guangdong/2017.")
        region = resolve_region(parts[1], what="CEADs region").key
        y = parts[2] if len(parts) > 2 else year
        if y is None:
            raise InputError(f"satellite '{spec}' needs a year (ceads/{region}/YEAR) when the table has none.")
        try:
            y = int(y)
        except ValueError:
            raise InputError(f"satellite '{spec}': '{y}' is not a year.") from None
        lines = ceads_lines(region, y, root)
        total = lines["scope_1_total"].astype(float)
        total.index = total.index.astype(int)
        return Satellite(total.rename("CO2 (Mt)"), "Mt CO2", "ceads",
                         f"{CEADS_PACKAGE} {region} {y} (CEADs, scope 1)", region=region, year=y)
    raise InputError(f"unknown satellite '{spec}'; use ceads/<region>/<year> (e.g. ceads/guangdong/2017), "
                     "ceads-co2-2017/china, seed000, or a CSV file with --e.")


def satellite_for(sat: Satellite, labels: list[str], table=None, root: Path | None = None, *,
                  allow_year_mismatch: bool = False) -> tuple[pd.Series, list[str]]:
    """The satellite at the system's sectors: S1–S11 or the table's 42 products (CEADs only).

    A satellite of another region than the table's is refused (another province's emissions
    through this province's table give numbers for neither). A satellite of another year than
    the table's is refused too, naming both years, unless ``allow_year_mismatch`` (then a note
    says so on the result).
    """
    notes = []
    if table is not None and sat.region:
        table_region = region_key(table.region) if table.region else None
        if table_region and table_region != sat.region:
            raise InputError(f"the satellite {sat.source} is for {sat.region}, but the table is {table_region}'s; "
                             f"use the table's own satellite (e.g. ceads/{table_region}/{table.year or 'YEAR'}) or --e.")
    if table is not None and table.year and sat.year and int(table.year) != int(sat.year):
        if not allow_year_mismatch:
            raise InputError(f"the satellite is of {sat.year} but the table of {table.year}: emissions of one year "
                             "through the economy of another give numbers for neither. Use the satellite of "
                             f"{table.year}, or allow it explicitly (command line --allow-year-mismatch; "
                             "worksheet argument allow_year_mismatch TRUE).", code="year-mismatch")
        notes.append(f"the satellite is of {sat.year}, the table of {table.year}: emissions and the economy of "
                     "different years are combined (allowed explicitly).")
    if sat.level == "s11":
        if list(labels) != S11_ORDER:
            raise InputError(f"the satellite {sat.source} is given for S1-S11; aggregate the table with --aggregate s11.")
        return sat.values.reindex(labels), notes
    if list(labels) == S11_ORDER:
        values, hh = ceads_to_s11(sat.values, root)
        notes.append(f"households' direct emissions ({hh:,.2f} {sat.unit}) belong to no sector and are left out.")
        return values, notes
    if table is None:
        raise InputError("CEADs lines map to products only with the province's IO table at hand.")
    values, hh, split = ceads_to_products(sat.values, table, root)
    notes += split
    notes.append(f"households' direct emissions ({hh:,.2f} {sat.unit}) belong to no product and are left out.")
    if list(values.index) != list(labels):
        raise InputError("the CEADs products do not match the table's sectors; aggregate to S1-S11 instead.")
    return values, notes
