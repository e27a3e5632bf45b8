"""Two IO years made comparable for structural decomposition, and the decomposition between them.

SDA compares one region's tables of two years, so both must be prepared the same way: the same
classification (each year's products aggregated with the concordance of *its own* classification,
because codes 01–42 mean different products in different years), the same domestic adjustment
(imports, or imports and inflows, removed in proportion to use, at the same level), and a
satellite of each year at those sectors. This module does that once, for the command line, the
worksheet function and the workbook builder alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..errors import InputError
from ..regions import region_key
from .aggregation import aggregate_satellite
from .domestic import DomesticSystem, domestic_system
from .satellites import read_satellite, satellite_at, satellite_for
from .sda import SDAResult, decompose_between

#: Aggregations both years can be brought to with shipped concordances: the 11 sectors of seed 000
#: (every classification since 2002) and the 41 common products of the 2012 and 2017 tables.
AGGREGATIONS = ("s11", "cp41")


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


def year_data(table, satellite="ceads", *, aggregate: str | None = "s11", remove: str = "imports+inflows",
              level: str = "aggregate", unit: str | None = None, label: str = "year", root=None) -> YearData:
    """Prepare one year: aggregation, domestic adjustment and satellite.

    Parameters
    ----------
    table : OfficialTable
        The region's table of the year, as published (competitive imports, inflows inside Z).
    satellite : "ceads" or Series
        ``"ceads"``: CEADs CO2 of the table's region and year (Mt CO2), mapped to the sectors.
        A Series: emissions labelled with the sectors, or with the table's products when
        aggregating (then summed by the concordance), in ``unit``.
    aggregate : "s11" or None
        Bring the table to S1–S11 with the concordance of its own classification.
    remove, level
        Domestic adjustment, as in :func:`~carbon_core.io.domestic.domestic_system`.
    label : str
        How to call this year in messages (e.g. "2012" or "year from").
    """
    from ..data.datasets import common_concordance, s11_concordance

    mapping = order = None
    choice = str(aggregate).strip().lower() if aggregate else ""
    if choice:
        if choice not in AGGREGATIONS:
            raise InputError(f"unknown aggregation '{aggregate}'; use 's11' (S1-S11, any year), 'cp41' (the 41 common "
                             "products of 2012 and 2017) or none, when both tables share a classification.")
        concordance = s11_concordance if choice == "s11" else common_concordance
        mapping, _, order = concordance(table.classification, root)
    system = domestic_system(table, remove=remove, level=level, concordance=mapping, order=order)
    labels = [str(s) for s in system.Z.index]
    notes = list(system.notes)
    if isinstance(satellite, str):
        if satellite.strip().lower() != "ceads":
            raise InputError(f"unknown satellite '{satellite}'; use \"ceads\" or give the emissions by sector.")
        if not table.region or not table.year:
            raise InputError(f"the CEADs satellite needs a table that names its region and year; {table.source} does "
                             "not. Give the emissions of each year by sector instead.")
        sat = read_satellite(f"ceads/{table.region}/{table.year}", root=root)
        if choice == "cp41":  # CEADs goes to the table's own products first, then to the common ones
            e, sat_notes = satellite_for(sat, list(table.products), table, root)
            e = aggregate_satellite(e, mapping, order=labels).reindex(labels)
        else:
            e, sat_notes = satellite_for(sat, labels, table, root)
        notes += sat_notes
        the_unit = sat.unit
    elif isinstance(satellite, pd.Series):
        e = satellite_at(satellite, labels, list(table.products), mapping, what=f"the satellite of {label}")
        the_unit = unit or "unit of e"
    else:
        raise InputError(f"the satellite of {label} must be \"ceads\" or emissions labelled by sector, "
                         f"not {type(satellite).__name__}.")
    year = str(table.year) if table.year else label
    where = f"{table.source}" + (f" ({table.region} {table.year})" if table.region else "")
    return YearData(system, e.astype(float), the_unit, year, where, notes)


def sda_between(table0, table1, satellite0="ceads", satellite1="ceads", *, aggregate: str | None = "s11",
                remove: str = "imports+inflows", level: str = "aggregate", method: str = "dl", deflator=None,
                unit: str | None = None, root=None) -> tuple[SDAResult, YearData, YearData]:
    """SDA of one region between two tables, both prepared by :func:`year_data` the same way.

    Returns the decomposition (its ``notes`` start with those of the preparation) and the two
    prepared years. Satellites in different units are refused: the change would mean nothing.
    """
    if table0.region and table1.region:
        r0, r1 = region_key(table0.region) or table0.region, region_key(table1.region) or table1.region
        if r0 != r1:
            raise InputError(f"the tables are of two regions ({r0} and {r1}); structural decomposition compares one "
                             "region's tables of two years.")
    y0 = year_data(table0, satellite0, aggregate=aggregate, remove=remove, level=level, unit=unit,
                   label="the first year", root=root)
    y1 = year_data(table1, satellite1, aggregate=aggregate, remove=remove, level=level, unit=unit,
                   label="the second year", root=root)
    if y0.unit != y1.unit:
        raise InputError(f"the satellites are in different units ({y0.unit} vs {y1.unit}); they cannot be compared.")
    if y0.year == y1.year:
        y0.year, y1.year = f"{y0.year} (from)", f"{y1.year} (to)"
    result = decompose_between(y0.system, y0.e, y1.system, y1.e, method=method, deflator=deflator, unit=y0.unit,
                               years=(y0.year, y1.year))
    result.notes = list(dict.fromkeys(y0.notes + y1.notes)) + result.notes
    return result, y0, y1
