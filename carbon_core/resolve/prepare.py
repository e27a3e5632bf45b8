"""From what a user names to a table ready for analysis: one pipeline for every entry point.

Turning a specification (``china-provincial-io-42/guangdong_2017``, an official file, ``ceads``,
``ceads/hunan/2012``, ``seed000``, a region name) into a table and a satellite sits here, one
layer above the IO maths (:mod:`carbon_core.io`) and the data packages (:mod:`carbon_core.data`).
The command line, the worksheet functions and the workbook builder all call :func:`prepare`, so
they make the same choices: the same aggregation, the one default domestic adjustment (imports
and inflows removed wherever the table has them), and the same satellite mapping.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from ..io.aggregation import aggregate_satellite, satellite_at
from ..io.domestic import DomesticSystem, domestic_system
from ..io.layouts import layout_of
from ..io.official_tables import OfficialTable
from ..io.sda import decompose_between
from ..regions import region_key
from .tables import common_concordance, national_table_spec, read_table_spec, s11_concordance
from .satellites import read_satellite, satellite_for

#: Shipped aggregations: the 11 sectors of seed 000 (every classification since 2002) and the 41
#: common products of the 2012 and 2017 tables.
AGGREGATIONS = {"s11": s11_concordance, "cp41": common_concordance}


def aggregation_name(name) -> str | None:
    """``"s11"``, ``"cp41"`` or None from what a user wrote (``S11``, `` s11 ``, ``none``, empty)."""
    if name is None:
        return None
    text = str(name).strip().lower()
    if text in ("", "none", "-"):
        return None
    if text in AGGREGATIONS:
        return text
    close = difflib.get_close_matches(text, list(AGGREGATIONS), n=1, cutoff=0.5)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    raise InputError(f"unknown aggregation '{name}'.{hint} Use 's11' (S1-S11, any year) or 'cp41' (the 41 common "
                     "products of the 2012 and 2017 tables), or give a concordance of your own.", code="unknown-aggregation")


@dataclass
class Prepared:
    """A table brought to the sectors of the analysis, with its satellite.

    Attributes
    ----------
    table : OfficialTable
        The table as published.
    system : DomesticSystem
        ``Z``, ``x`` and final demand ``Y`` after aggregation and the domestic adjustment.
    e : Series
        The satellite at the system's sectors, in ``unit``.
    unit : str
        Unit of ``e`` (e.g. ``Mt CO2``).
    names : DataFrame or None
        Chinese and English names of the sectors, where known.
    source : str
        The table and the satellite, for titles.
    notes : list of str
        What was assumed on the way, first of all the domestic adjustment.
    """

    table: OfficialTable
    system: DomesticSystem
    e: pd.Series
    unit: str
    names: pd.DataFrame | None
    source: str
    notes: list = field(default_factory=list)

    @property
    def convention(self) -> str:
        """The domestic adjustment in words (the first line of every result it shapes)."""
        return self.system.convention


def open_table(table, *, balance: str = "error", unit: str | None = None, root=None) -> OfficialTable:
    """An :class:`OfficialTable` from a table or a spec (packaged resource or official file)."""
    if isinstance(table, OfficialTable):
        return table
    return read_table_spec(table, root, balance=balance, unit=unit)


def prepare(table, satellite=None, *, aggregate=None, concordance=None, remove: str | None = None,
            level: str = "aggregate", unit: str | None = None, allow_year_mismatch: bool = False,
            what: str = "the satellite", root=None) -> Prepared:
    """Aggregate, remove imports and inflows, and bring a satellite to the resulting sectors.

    Parameters
    ----------
    table : OfficialTable or str
        A table as read, or a spec for :func:`~carbon_core.data.datasets.read_table_spec`.
    satellite : str or Series
        ``"ceads"`` (CEADs CO2 of the table's region and year), ``"ceads/<region>[/<year>]"``,
        ``"seed000"``, or emissions labelled with the sectors or, when aggregating, the table's
        products (then summed by the concordance), in ``unit``.
    aggregate : {"s11", "cp41"}, optional
        A shipped aggregation, chosen by the table's own classification.
    concordance : mapping or Series, optional
        A user's concordance (product → sector) instead of ``aggregate``.
    remove : {"none", "imports", "imports+inflows"}, optional
        Default: imports and inflows removed wherever the table has the columns.
    level : {"aggregate", "detail"}
        Where the removed share μ is computed.
    allow_year_mismatch : bool
        Accept a satellite of another year than the table's (a note says so).
    """
    table = open_table(table, root=root)
    choice = aggregation_name(aggregate)
    if choice and concordance is not None:
        raise InputError("use a shipped aggregation or a concordance of your own, not both.")
    mapping = order = names = None
    if choice:
        mapping, names, order = AGGREGATIONS[choice](table.classification, root)
    elif concordance is not None:
        mapping = concordance
    system = domestic_system(table, remove=remove, level=level, concordance=mapping, order=order)
    if names is None and mapping is None:
        names = table.names
    labels = [str(s) for s in system.Z.index]
    notes = list(system.notes)
    source = f"{table.source}" + (f" ({table.region} {table.year})" if table.region else "")
    if isinstance(satellite, str):
        spec = satellite.strip()
        if spec.lower() == "ceads":
            if not table.region or not table.year:
                raise InputError(f"the CEADs satellite needs a table that names its region and year; {table.source} "
                                 "does not. Give the emissions by sector instead.")
            spec = f"ceads/{table.region}/{table.year}"
        sat = read_satellite(spec, year=table.year, root=root)
        if choice == "cp41" and sat.level == "ceads":  # CEADs reaches the common products through the table's own
            e, sat_notes = satellite_for(sat, list(table.products), table, root, allow_year_mismatch=allow_year_mismatch)
            e = aggregate_satellite(e, mapping, order=labels).reindex(labels)
        else:
            e, sat_notes = satellite_for(sat, labels, table, root, allow_year_mismatch=allow_year_mismatch)
        notes += sat_notes
        the_unit = sat.unit
        source += f"; satellite {sat.source} ({sat.unit})"
    elif isinstance(satellite, pd.Series):
        e = satellite_at(satellite, labels, list(table.products), mapping, what=what)
        the_unit = unit or "unit of e"
    else:
        raise InputError(f"{what} must be \"ceads\", a satellite spec such as ceads/guangdong/2017 or seed000, or "
                         f"emissions labelled by sector, not {type(satellite).__name__}.")
    return Prepared(table, system, e.astype(float), the_unit, names, source, notes)


# ------------------------------------------------------------------- two years, for SDA
@dataclass
class YearData:
    """One year's table ready for SDA.

    Attributes
    ----------
    system : DomesticSystem
        Domestic flows ``Z``, output ``x`` and final demand by category ``Y`` at the common sectors.
    e : Series
        The satellite (emissions) at those sectors, in ``unit``.
    unit, year, where : str
        Satellite unit; year label; where the table came from (source, region and year).
    notes : list of str
        What was assumed on the way (domestic adjustment, satellite mapping).
    """

    system: DomesticSystem
    e: pd.Series
    unit: str
    year: str
    where: str
    notes: list = field(default_factory=list)


def year_data(table, satellite="ceads", *, aggregate: str | None = "s11", remove: str | None = None,
              level: str = "aggregate", unit: str | None = None, label: str = "year",
              allow_year_mismatch: bool = False, root=None) -> YearData:
    """One year prepared for SDA by :func:`prepare`; codes mean different products in different
    years, so each year is aggregated with the concordance of its own classification."""
    if satellite is not None and not isinstance(satellite, (str, pd.Series)):
        raise InputError(f"the satellite of {label} must be \"ceads\" or emissions labelled by sector, "
                         f"not {type(satellite).__name__}.")
    p = prepare(table, satellite, aggregate=aggregate, remove=remove, level=level, unit=unit,
                allow_year_mismatch=allow_year_mismatch, what=f"the satellite of {label}", root=root)
    year = str(p.table.year) if p.table.year else label
    where = f"{p.table.source}" + (f" ({p.table.region} {p.table.year})" if p.table.region else "")
    return YearData(p.system, p.e, p.unit, year, where, p.notes)


def sda_between(table0, table1, satellite0="ceads", satellite1="ceads", *, aggregate: str | None = "s11",
                remove: str | None = None, level: str = "aggregate", method: str = "dl", deflator=None,
                unit: str | None = None, allow_year_mismatch: bool = False, root=None):
    """SDA of one region between two tables, both prepared by :func:`year_data` the same way.

    Returns ``(SDAResult, YearData, YearData)``; the result's ``notes`` start with the domestic
    adjustment and the preparation. Satellites in different units, tables of two regions and a
    year with no emissions are refused.
    """
    table0, table1 = open_table(table0, root=root), open_table(table1, root=root)
    if table0.region and table1.region:
        r0, r1 = region_key(table0.region) or table0.region, region_key(table1.region) or table1.region
        if r0 != r1:
            raise InputError(f"the tables are of two regions ({r0} and {r1}); structural decomposition compares one "
                             "region's tables of two years.")
    kw = dict(aggregate=aggregate, remove=remove, level=level, unit=unit, allow_year_mismatch=allow_year_mismatch,
              root=root)
    y0 = year_data(table0, satellite0, label="the first year", **kw)
    y1 = year_data(table1, satellite1, label="the second year", **kw)
    if y0.system.remove != y1.system.remove and not any(layout_of(y.system.layout).non_competitive for y in (y0, y1)):
        raise InputError(f"the two tables allow different domestic adjustments ({y0.year}: {y0.system.convention}; "
                         f"{y1.year}: {y1.system.convention}); decompose them with the same one (e.g. --domestic none "
                         "when one table has only a net outflow).", code="categories")
    if y0.unit != y1.unit:
        raise InputError(f"the satellites are in different units ({y0.unit} vs {y1.unit}); they cannot be compared.")
    if y0.year == y1.year:
        y0.year, y1.year = f"{y0.year} (from)", f"{y1.year} (to)"
    result = decompose_between(y0.system, y0.e, y1.system, y1.e, method=method, deflator=deflator, unit=y0.unit,
                               years=(y0.year, y1.year))
    result.notes = [f"domestic adjustment: {y0.system.convention}."] + list(dict.fromkeys(y0.notes + y1.notes)) \
        + result.notes
    return result, y0, y1


def national_counterpart(year, *, aggregate_s11: bool, level: str = "aggregate", spec: str | None = None,
                         root=None):
    """The national table of ``year`` (or ``spec``), imports removed, at S1-S11 or its products.

    Returns ``(DomesticSystem, OfficialTable)``; the system is what :func:`provincial_accounts`
    takes as ``national`` together with a national satellite in the province's unit.
    """
    table = read_table_spec(spec or national_table_spec(year, root), root, balance="warn")
    mapping = order = None
    if aggregate_s11:
        mapping, _, order = s11_concordance(table.classification, root)
    return domestic_system(table, remove="imports", level=level, concordance=mapping, order=order), table
