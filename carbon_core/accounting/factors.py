"""Looking up emission factors and conversion coefficients with their provenance.

>>> lib = FactorLibrary.load()
>>> f = lib.fuel_parameter("天然气", "ncv", family="SEED003")
>>> f.value, f.unit, f.record_id
(389.31, 'GJ/10^4 Nm3', 'FUEL-SEED003-NG-ncv')

Every :class:`Factor` carries its value, unit and citation: source document, location in
it, verification level, and the package name, version and resource hash it came from.
Names may be Chinese or English or a known alias; an unknown name fails with the closest
suggestions. Lookups are dictionary reads on an index built once at load.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
import warnings
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CarbonWarning, DataPackageError, InputError
from ..regions import find_region
from .units import conversion_factor
from ..data.datasets import DataPackage, available_packages, default_package_dir, find_package, load_package

#: The packages a FactorLibrary reads by default, by their ``carbon.kind``.
#: Families a lookup without an explicit family may fall back to, after the package default, in this
#: order: official documents only. Every fallback is said in a FamilyFallbackWarning.
RESOLUTION_ORDER = {
    "fuel_parameters": ("GBT32151.22-2024", "NCSC-EFDB-2026", "NCSC-EFDB-2026-BIOMASS", "NCSC-EFDB-2025",
                        "GBT32151.34-2024"),
    "coal_equivalent": ("GB2589-2020",),
}


class FamilyFallbackWarning(CarbonWarning):
    """A value came from the next family of the resolution order, not the default family."""


FACTOR_PACKAGES = ["cn-fuel-parameters", "cn-coal-equivalent", "cn-grid-factors", "gwp-values",
                   "ipcc2006-energy-defaults", "cn-electricity-footprint"]
#: Curated explanations of known conflicts, read when present.
NOTES_PACKAGE = "factor-conflict-notes"


@dataclass(frozen=True)
class Factor:
    """One value with its unit and provenance."""

    value: float
    unit: str
    record_id: str
    quantity: str
    subject: str
    family: str
    value_as_printed: str
    source_id: str
    citation: str
    location: str
    verification: str
    notes: str
    package: str
    version: str
    resource_hash: str
    #: the package kind the value comes from (fuel_parameters, grid_factors, coal_equivalent, gwp …)
    kind: str = ""
    #: current, superseded (still valid for what it was issued for; see ``superseded_by``) or withdrawn
    status: str = "current"
    #: record id of the value that replaces this one, where superseded
    superseded_by: str = ""
    #: the successor in words: "GRID-RULE-0.5703 = 0.5703 tCO2/MWh (…)"
    successor: str = ""
    #: what a rule applies to, e.g. "report years 2021–2021" (reporting defaults); empty otherwise
    applies: str = ""
    #: source id(s) of the text the value was read in (the document itself, or the copy seen)
    read_from: str = ""
    #: lower and upper limits of the value's 95% confidence interval where the package ships them (NaN
    #: otherwise), with the record they come from (its own provenance: see the package's ranges)
    lower_95: float = float("nan")
    upper_95: float = float("nan")
    range_record: str = ""

    def describe(self) -> str:
        """What the value is, for messages: "ncv of diesel", "grid electricity factor (avg_incl_all)" …"""
        if self.kind == "grid_factors":
            return ("purchased-heat factor" if "heat" in self.subject else
                    f"grid electricity factor ({self.subject})")
        if self.kind == "fuel_parameters":
            return f"fuel parameter {self.quantity} of {self.subject}"
        if self.kind == "coal_equivalent":
            return f"coal-equivalent coefficient of {self.subject}"
        if self.kind == "gwp":
            return f"GWP of {self.subject}"
        if self.kind == "electricity_footprint":
            return f"electricity carbon-footprint factor ({self.subject}, life-cycle CO2e)"
        return f"{self.quantity} of {self.subject}"

    def as_dict(self) -> dict:
        return asdict(self)


def _applies(row: dict) -> str:
    """The report years a reporting default covers, in words ("" for other rows)."""
    lo, hi = (row.get(k) for k in ("report_year_from", "report_year_to"))
    have = [v == v and v not in (None, "") for v in (lo, hi)]
    if not any(have):
        return ""
    if not have[0]:
        return f"report years up to {int(float(hi))} (its first report year is printed in no text seen)"
    return f"report years {int(float(lo))}–{int(float(hi if have[1] else lo))}"


@dataclass(frozen=True)
class ActivityUncertainty:
    """A default uncertainty of activity data (IPCC 2006 Vol. 2 Table 2.15), with where it was read."""

    record_id: str
    sector: str
    statistical_system: str
    method: str
    as_printed: str
    #: the value used: the upper end of the printed range, in % of the activity (conservative)
    pct: float
    location: str
    package: str
    version: str

    def describe(self) -> str:
        return (f"IPCC 2006 Vol. 2 Table 2.15 ({self.sector}; {self.statistical_system.replace('-', ' ')} statistical "
                f"system; {self.method}): printed '{self.as_printed}', its upper end {self.pct:g}% taken "
                f"({self.record_id}, {self.package} {self.version})")


#: Words a user may give for the statistical system and the method of Table 2.15.
_SYSTEMS = {"well-developed": "well-developed", "well": "well-developed", "完善": "well-developed",
            "less-developed": "less-developed", "less": "less-developed", "不完善": "less-developed"}
_METHODS = {"surveys": "surveys", "survey": "surveys", "调查": "surveys", "extrapolation": "extrapolation",
            "外推": "extrapolation"}


@lru_cache(maxsize=4096)
def normalize(name) -> str:
    """Case-, width- and spacing-insensitive form of a name (（）→(), —→-, no spaces)."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = text.replace("—", "-").replace("–", "-").replace("/", "")
    return re.sub(r"\s+", "", text)


def _suggest(name: str, choices: dict, what: str) -> str:
    close = difflib.get_close_matches(normalize(name), list(choices), n=4, cutoff=0.5)
    shown = list(dict.fromkeys(choices[c] for c in close))
    hint = f" Did you mean: {', '.join(shown)}?" if shown else ""
    return f"unknown {what} '{name}'.{hint}"


class FactorLibrary:
    """All factor packages, indexed for fast lookup.

    Parameters
    ----------
    packages : list of DataPackage
        Loaded factor packages (each with a ``carbon`` section in its descriptor).
    """

    def __init__(self, packages: list[DataPackage], notes: DataPackage | None = None):
        self.packages = {}
        for p in packages:
            kind = p.descriptor.get("carbon", {}).get("kind")
            if kind in self.packages:  # which one answers must not depend on the order of the paths
                other = self.packages[kind]
                raise DataPackageError(f"two packages of {kind} are loaded: {other.name} {other.version} "
                                       f"({other.location}) and {p.name} {p.version} ({p.location}); keep one.", code="duplicate-source")
            self.packages[kind] = p
        self.notes = notes
        self._rows: dict[str, pd.DataFrame] = {}
        self._by_record: dict[str, Factor] = {}
        self._names: dict[str, dict[str, str]] = {}
        self._display: dict[str, dict[str, str]] = {}
        self._families: dict[str, dict[str, str]] = {}
        self._index: dict[str, dict[tuple, Factor]] = {}
        self._default: dict[str, str | None] = {}
        self._ambiguous: dict[tuple, list[Factor]] = {}
        self._withdrawn: dict[tuple, Factor] = {}
        for kind, pkg in self.packages.items():
            if kind:
                self._build(kind, pkg)
        self._link_successors()

    @classmethod
    def load(cls, root: Path | None = None, paths: list | None = None) -> "FactorLibrary":
        """Load the shipped factor packages (or the given folders/zips)."""
        if paths is None:
            if root:
                base = Path(root)
                have = set(available_packages(base))
                found = {n: base / n for n in FACTOR_PACKAGES + [NOTES_PACKAGE] if n in have}
            else:  # user folders first (CARBON_DATAPACKAGES), the shipped set for the rest
                base = default_package_dir()
                found = {n: p for n in FACTOR_PACKAGES + [NOTES_PACKAGE] if (p := find_package(n)) is not None}
            missing = set(FACTOR_PACKAGES) - set(found)
            if missing:
                raise DataPackageError(f"factor packages missing from {base}: {', '.join(sorted(missing))}.")
            notes = load_package(found[NOTES_PACKAGE]) if NOTES_PACKAGE in found else None
            return cls([load_package(found[n]) for n in FACTOR_PACKAGES], notes)
        return cls([load_package(p) for p in paths])

    # ---------------------------------------------------------------- indexing
    def _build(self, kind: str, pkg: DataPackage) -> None:
        meta = pkg.descriptor["carbon"]
        missing = [k for k in ("valueResource", "quantityKey") if k not in meta]
        if missing:
            raise DataPackageError(f"{pkg.name}: the 'carbon' section lacks {', '.join(missing)}; a factor package "
                                   "names its value resource and the fields that identify a quantity.")
        self._default[kind] = meta.get("defaultFamily")
        res_name = meta["valueResource"]
        rows = pkg.read(res_name)
        needed = ["record_id", "value", "unit", "source_id", "verification"] + list(meta["quantityKey"])
        lacking = [c for c in needed if c not in rows.columns]
        if lacking:
            raise DataPackageError(f"{pkg.name}/{res_name}: column(s) {', '.join(lacking)} missing.")
        sources = {r["source_id"]: r for r in pkg.read("sources").to_dict("records")}
        dangling = [(r, s) for r, s in zip(rows["record_id"], rows["source_id"]) if s not in sources]
        if dangling:
            listed = ", ".join(f"{r} → '{s}'" for r, s in dangling[:5])
            raise DataPackageError(f"{pkg.name}/{res_name}: source id(s) not described in resource 'sources': {listed}"
                                   f"{' and more' if len(dangling) > 5 else ''}. Add the sources or correct the ids "
                                   "('carbon validate' lists every problem).")
        values = pd.to_numeric(rows["value"], errors="coerce")
        bad = [r for r, v in zip(rows["record_id"], values) if not np.isfinite(v)]
        if bad:
            raise DataPackageError(f"{pkg.name}/{res_name}: value of {', '.join(map(str, bad[:5]))} is missing or "
                                   "not a finite number; such a package cannot be used.")
        dup = rows["record_id"][rows["record_id"].duplicated()].unique().tolist()
        if dup:
            raise DataPackageError(f"{pkg.name}/{res_name}: record id(s) {', '.join(map(str, dup[:5]))} appear more "
                                   "than once; every record needs its own id.")
        res_hash = pkg.resource_descriptor(res_name).get("hash", "")
        ranges = {}
        if meta.get("rangeResource") in pkg.resource_names():
            for q in pkg.read(meta["rangeResource"]).to_dict("records"):
                if str(q.get("status") or "current") != "withdrawn":
                    ranges[q["default_record_id"]] = q
        fam_field = meta.get("familyField")
        key_fields = meta["quantityKey"]
        self._rows[kind] = rows

        names: dict[str, str] = {}
        display: dict[str, str] = {}
        if meta.get("nameResource"):
            cat = pkg.read(meta["nameResource"])
            key = meta["nameKey"]
            for r in cat.itertuples(index=False):
                rid = getattr(r, key)
                display[rid] = f"{r.name_zh} / {r.name_en}"
                for n in [rid, r.name_zh, r.name_en] + [a for a in str(r.aliases or "").split("|") if a]:
                    names.setdefault(normalize(n), rid)
        if kind == "grid_factors":  # regions by Chinese or English name, with or without "grid"
            for zh, en in zip(rows["region_zh"], rows["region_en"]):
                for n in (zh, en, en.replace(" grid", "")):
                    names.setdefault(normalize(n), en)
            self._grid_types = sorted(set(rows["factor_type"]))
        elif kind == "gwp":
            for g in rows["gas"]:
                names.setdefault(normalize(g), g)
            self._gwp_reports = sorted(set(rows["report"]))
        self._names[kind] = names
        self._display[kind] = display
        if fam_field:
            fams = pkg.read("families")
            famnames = {}
            for r in fams.itertuples(index=False):
                for n in [r.family_id, getattr(r, "doc_number", "") or ""]:
                    if n:
                        famnames.setdefault(normalize(n), r.family_id)
            self._families[kind] = famnames

        index: dict[tuple, Factor] = {}
        for r in rows.to_dict("records"):
            src = sources[r["source_id"]]
            citation = "; ".join(str(v) for v in (src["title"], src["issuer"], src["doc_number"], src["date"])
                                 if isinstance(v, str) and v)
            family = r.get(fam_field, "") if fam_field else ""
            subject_field = key_fields[0]
            quantity = r.get("parameter") or kind
            status = str(r.get("status") or "current")
            f = Factor(value=float(r["value"]), unit=r["unit"], record_id=r["record_id"], quantity=str(quantity),
                       subject=str(r[subject_field]), family=family or "", value_as_printed=r.get("value_as_printed") or "",
                       source_id=r["source_id"], citation=citation, location=r.get("location") or "",
                       verification=r["verification"], notes=r.get("notes") or "", package=pkg.name,
                       version=pkg.version, resource_hash=res_hash, kind=kind, status=status,
                       superseded_by=str(r.get("superseded_by") or ""), applies=_applies(r),
                       read_from=str(r.get("read_from") or "") if r.get("read_from") == r.get("read_from") else "")
            if f.record_id in ranges:
                q = ranges[f.record_id]
                f = replace(f, lower_95=float(q["lower"]), upper_95=float(q["upper"]), range_record=q["record_id"])
            if f.record_id in self._by_record and self._by_record[f.record_id].package != pkg.name:
                other = self._by_record[f.record_id]
                raise DataPackageError(f"record {f.record_id} is in two loaded packages: {other.package} "
                                       f"{other.version} and {pkg.name} {pkg.version}; a record id must name one value. "
                                       "Rename it in one of them, or load only one.", code="duplicate-source")
            self._by_record[f.record_id] = f
            key = tuple(_key_value(r[k]) for k in key_fields) + ((family,) if fam_field else ())
            if status == "withdrawn":  # kept for the record and by id, never returned by name
                self._withdrawn[(kind, key)] = f
                continue
            if key in index:
                self._ambiguous.setdefault((kind, key), [index[key]]).append(f)
            index.setdefault(key, f)
        # keys shared by several rows must not silently resolve to one of them
        for (k, key), cands in self._ambiguous.items():
            if k == kind:
                index.pop(key, None)
        self._index[kind] = index

    def _link_successors(self) -> None:
        for rid, f in list(self._by_record.items()):
            if not f.superseded_by:
                continue
            nxt = self._by_record.get(f.superseded_by)
            if nxt is None:
                raise DataPackageError(f"{f.package}: record {rid} is superseded by '{f.superseded_by}', which is not "
                                       "a record of the package ('carbon validate' lists every problem).")
            text = f"{nxt.record_id} = {nxt.value:g} {nxt.unit} ({nxt.citation})"
            new = replace(f, successor=text)
            self._by_record[rid] = new
            index = self._index.get(f.kind, {})
            for key, g in index.items():
                if g is f:
                    index[key] = new

    def _withdrawn_error(self, kind: str, key: tuple) -> None:
        """Raise the reason when ``key`` names only a withdrawn value."""
        hits = [f for (k, wkey), f in self._withdrawn.items() if k == kind and wkey[:len(key)] == key]
        if hits:
            f = hits[0]
            raise InputError(f"the {f.describe()} ({f.record_id} = {f.value:g} {f.unit}) is withdrawn: {f.notes} "
                             f"It is kept only for the record (look it up by record id to see it); do not use it.")

    def _package(self, kind: str) -> DataPackage:
        if kind not in self.packages:
            raise DataPackageError(f"no {kind.replace('_', ' ')} package is loaded.")
        return self.packages[kind]

    def _resolve(self, kind: str, name: str, what: str) -> str:
        rid = self._names[kind].get(normalize(name))
        if rid is None:
            shown = {k: self._display[kind].get(v, v) for k, v in self._names[kind].items()}
            raise InputError(_suggest(name, shown, what))
        return rid

    def _family(self, kind: str, family) -> str | None:
        if family is None or family == "":
            return None
        fid = self._families[kind].get(normalize(family))
        if fid is None:
            raise InputError(_suggest(family, self._families[kind], "parameter family")
                             + f" Families: {', '.join(sorted(set(self._families[kind].values())))}.")
        return fid

    def _raise_if_ambiguous(self, kind: str, key: tuple) -> None:
        cands = self._ambiguous.get((kind, key))
        if cands:
            listed = "; ".join(f"{c.record_id} = {c.value:g} {c.unit}" for c in cands)
            raise InputError(f"several values match ({listed}); choose one by its record id "
                             "(e.g. CARBON_FACTOR_INFO / FactorLibrary.record).")

    def _pick(self, kind: str, key: tuple, family: str | None, what: str) -> Factor:
        index = self._index[kind]
        self._raise_if_ambiguous(kind, key + ((family,) if family is not None else ()))
        if family is not None:
            f = index.get(key + (family,))
            if f is None:
                self._withdrawn_error(kind, key + (family,))
                have = sorted(k[-1] for k in index if k[:-1] == key)
                raise InputError(f"{what} is not in family {family}"
                                 + (f"; it is in: {', '.join(have)}." if have else "; no family has it."))
            return f
        default = self._package(kind).descriptor["carbon"].get("defaultFamily")
        if default and key + (default,) in index:
            return index[key + (default,)]
        have = sorted(k[-1] for k in index if k[:-1] == key)
        if not have:
            self._withdrawn_error(kind, key)
            raise InputError(f"no value for {what} in any family.")
        order = self.resolution_order(kind)
        for fam in order[1:]:
            if fam in have:  # a documented fallback, said on the result, never silent
                f = index[key + (fam,)]
                warnings.warn(f"{what} is not in the default family {default}; taken from {fam} "
                              f"({f.record_id} = {f.value:g} {f.unit}), the next family in the resolution order "
                              f"({' → '.join(order)}).", FamilyFallbackWarning, stacklevel=3)
                return f
        raise InputError(f"{what} is not in the families a lookup may use without being told "
                         f"({' → '.join(order)}); it is in: {', '.join(have)}. Name one (--family, or the family "
                         "argument) if you accept its source; do not mix families within one calculation.", code="family")

    def resolution_order(self, kind: str) -> list[str]:
        """The families a lookup without an explicit family may use, in order: the package default, then
        the official documents of :data:`RESOLUTION_ORDER`; third-party transcriptions and a seed's own
        table are used only when named."""
        default = self._package(kind).descriptor["carbon"].get("defaultFamily")
        known = set(self._families.get(kind, {}).values())
        return list(dict.fromkeys([f for f in [default, *RESOLUTION_ORDER.get(kind, ())] if f and (f in known or
                                                                                                    f == default)]))

    # ----------------------------------------------------------------- lookups
    def fuel_parameter(self, fuel: str, parameter: str, family: str | None = None) -> Factor:
        """NCV, carbon content per heat, oxidation rate or CO2 factor of a fuel.

        ``family`` is a parameter family or edition (e.g. ``"GBT32151.22-2024"``, ``"SEED003"``,
        ``"NCSC-EFDB-2026"``); by default the package's default family, else the only family
        that has the value.
        """
        fid = self._resolve("fuel_parameters", fuel, "fuel")
        param = _PARAMETER_NAMES.get(normalize(parameter))
        if param is None:
            raise InputError(_suggest(parameter, _PARAMETER_NAMES, "parameter")
                             + f" Parameters: {', '.join(_FUEL_PARAMETERS)}.")
        fam = self._family("fuel_parameters", family)
        index = self._index["fuel_parameters"]
        key = (fid, param, fam if fam is not None else self._default["fuel_parameters"])
        if key in index:  # the common case, kept to a few dictionary reads
            return index[key]
        return self._pick("fuel_parameters", (fid, param), fam,
                          f"{param} of {self._display['fuel_parameters'].get(fid, fid)}")

    def coal_equivalent(self, energy: str, family: str | None = None) -> Factor:
        """Coefficient converting a physical quantity of an energy carrier to coal equivalent."""
        eid = self._resolve("coal_equivalent", energy, "energy carrier")
        return self._pick("coal_equivalent", (eid,), self._family("coal_equivalent", family),
                          f"the coal-equivalent coefficient of {self._display['coal_equivalent'].get(eid, eid)}")

    def grid_factor(self, year: int | None = None, region: str = "national",
                    factor_type: str = "avg_incl_all") -> Factor:
        """Electricity CO2 factor by data year, region (Chinese or English) and factor type."""
        names = self._names["grid_factors"]
        en = names.get(_REGION_ALIASES.get(normalize(region), normalize(region)))
        if en is None and find_region(region) is not None:  # 广东省, guangdong, Inner Mongolia …: one resolver
            found = find_region(region)
            en = names.get(_REGION_ALIASES.get(normalize(found.name_zh), normalize(found.name_zh)))
        if en is None:
            raise InputError(_suggest(region, names, "region") + " Regions: 全国/national, the six regional "
                             "grids (e.g. 华东/East China grid) and provinces (e.g. 广东/Guangdong).")
        if factor_type not in self._grid_types:
            raise InputError(_suggest(factor_type, {t: t for t in self._grid_types}, "factor type")
                             + f" Types: {', '.join(self._grid_types)}.")
        if factor_type == "reporting_default" and year is not None:
            # a reporting default is found by the report year it is prescribed for; no text prints its data year
            return self.reporting_default(year)
        key_year = None if year is None else _year(year, "data year")
        f = self._index["grid_factors"].get((factor_type, en, key_year))
        if f is None:
            self._raise_if_ambiguous("grid_factors", (factor_type, en, key_year))
            self._withdrawn_error("grid_factors", (factor_type, en, key_year))
            have = sorted({k[2] for k in self._index["grid_factors"] if k[0] == factor_type and k[1] == en and k[2]})
            types_here = sorted({k[0] for k in self._index["grid_factors"] if k[1] == en})
            raise InputError(
                f"no {factor_type} grid factor for {region} in {year}; available years: "
                f"{', '.join(map(str, have)) or 'none'}; factor types for this region: {', '.join(types_here)}."
            )
        return f

    def reporting_default(self, report_year: int) -> Factor:
        """The national grid factor prescribed for enterprise reports of ``report_year``.

        A default replaced for that year by a later notice is not returned for it: the rows
        carry the report years they apply to. Years without a published default fail with
        the known gap named, rather than falling back to the last value.
        """
        rows = self._rows["grid_factors"]
        if "report_year_from" not in rows.columns:
            raise DataPackageError("this grid-factor package does not say which report years its reporting defaults "
                                   "apply to (columns report_year_from/report_year_to); use cn-grid-factors ≥ 1.1.0.")
        y = _year(report_year, "report year")
        rules = rows[(rows["factor_type"] == "reporting_default") & (rows["status"] != "withdrawn")
                     & (rows["report_year_from"].notna() | rows["report_year_to"].notna())]
        # a blank bound is unknown, not open: only the years the row states are covered — except the first
        # year of the earliest default, which no text prints: it covers every report year up to its last
        first = pd.to_numeric(rules["report_year_from"], errors="coerce")
        last = pd.to_numeric(rules["report_year_to"], errors="coerce")
        lo, hi = first.fillna(last), last.fillna(first)
        earliest = hi == hi.min()
        lo = lo.where(~(earliest & first.isna() & last.notna()), -np.inf)
        hit = rules[(lo <= y) & (hi >= y)]
        if len(hit) == 1:
            return self._by_record[hit["record_id"].iloc[0]]
        if len(hit) > 1:
            listed = "; ".join(f"{r} = {v}" for r, v in zip(hit["record_id"], hit["value"]))
            raise InputError(f"several reporting defaults claim report year {y} ({listed}); choose one by record id.")
        gaps = self._gaps("reporting_default")
        covered = sorted({int(v) for v in pd.concat([lo, hi]) if np.isfinite(v)})
        span = f" (the shipped defaults cover report years {covered[0]}–{covered[-1]})" if covered else ""
        later = not covered or y > covered[-1]  # the known gap is about years after the last default
        parts = [f"no grid reporting default is shipped for report year {y}{span}.", gaps if later else "",
                 "Use the factor your reporting notice prescribes, as a user value or record id."]
        raise InputError(" ".join(p for p in parts if p))

    def _gaps(self, topic: str) -> str:
        pkg = self.packages.get("grid_factors")
        if pkg is None or "gaps" not in pkg.resource_names():
            return ""
        gaps = pkg.read("gaps")
        hit = gaps[gaps["topic"] == topic]
        return " ".join(f"Known gap {g.gap_id}: {g.what_is_missing}" for g in hit.itertuples())

    def electricity_footprint(self, year: int | None = None, item: str = "national_average") -> Factor:
        """Life-cycle electricity carbon-footprint factor (kgCO2e/kWh) of a data year.

        ``item`` is the national average (default), a generation type (coal, gas, hydro,
        nuclear, wind, solar PV, CSP, biomass …) or transmission and distribution, in
        Chinese or English. These factors are for product carbon footprints (GB/T 24067,
        CBAM, battery passports); they are never scope-2 CO2 grid factors.
        """
        kind = "electricity_footprint"
        if kind not in self.packages:
            raise DataPackageError("no electricity carbon-footprint package (cn-electricity-footprint) is loaded.")
        iid = self._resolve(kind, item or "national_average", "footprint item")
        year = None if year is None else _year(year, "data year")
        years = sorted({k[1] for k in self._index[kind] if k[0] == iid})
        if year is None:
            if not years:
                self._withdrawn_error(kind, (iid,))
                raise InputError(f"no footprint factor for {self._display[kind].get(iid, iid)}.")
            year = years[-1]
        f = self._index[kind].get((iid, year))
        if f is None:
            self._raise_if_ambiguous(kind, (iid, year))
            self._withdrawn_error(kind, (iid, year))
            all_years = sorted({k[1] for k in self._index[kind]})
            raise InputError(f"no electricity carbon-footprint factor for {self._display[kind].get(iid, iid)} in "
                             f"{year}; years with this item: {', '.join(map(str, years)) or 'none'}; years published: "
                             f"{', '.join(map(str, all_years))}.")
        return f

    def heat_factor(self) -> Factor:
        """Default CO2 factor of purchased heat (tCO2/GJ)."""
        return self.grid_factor(None, "national", "heat_default")

    def gwp(self, gas: str, report: str = "AR5") -> Factor:
        """GWP-100 of a gas (CH4, N2O, SF6 …) in an IPCC report (SAR, TAR, AR4, AR5, AR5CCF, AR6)."""
        gases = self._names["gwp"]
        g = gases.get(normalize(gas)) or gases.get(normalize(_GAS_ALIASES.get(normalize(gas), gas)))
        if g is None:
            raise InputError(_suggest(gas, gases, "gas"))
        r = report.upper().replace(" ", "")
        if r not in self._gwp_reports:
            raise InputError(f"unknown GWP report '{report}'; use one of {', '.join(self._gwp_reports)}.")
        f = self._index["gwp"].get((g, r))
        if f is None:
            have = sorted(k[1] for k in self._index["gwp"] if k[0] == g)
            raise InputError(f"no {r} GWP for {g}; reports with a value: {', '.join(have)}.")
        return f

    def ipcc_default(self, fuel: str, parameter: str) -> Factor:
        """An IPCC 2006 Vol. 2 default (ncv_default, co2_ef_default, carbon_content_default …)."""
        rows = self._rows["ipcc_defaults"]
        fuels = {normalize(v): v for v in rows["fuel_en"]}
        fu = fuels.get(normalize(fuel))
        if fu is None:
            raise InputError(_suggest(fuel, fuels, "IPCC fuel"))
        f = self._index["ipcc_defaults"].get((fu, parameter))
        if f is None:
            have = sorted(k[1] for k in self._index["ipcc_defaults"] if k[0] == fu)
            raise InputError(f"no IPCC default '{parameter}' for {fu}; it has: {', '.join(have)}.")
        return f

    def activity_uncertainty(self, spec: str) -> ActivityUncertainty:
        """The Table 2.15 default for ``"SECTOR,SYSTEM,METHOD"`` (e.g. ``"industry-energy-intensive,well-developed,
        surveys"``; sector by key, English or Chinese name; system well-developed / less-developed; method surveys /
        extrapolation). The upper end of the printed range is the value used."""
        pkg = self.packages.get("ipcc_defaults")
        if pkg is None or "activity_uncertainty" not in pkg.resource_names():
            raise DataPackageError("no table of activity-data uncertainties is loaded (ipcc2006-energy-defaults ≥ 1.5.0, "
                                   "resource activity_uncertainty).")
        table = pkg.read("activity_uncertainty")
        parts = [p.strip() for p in str(spec or "").split(",")]
        sectors = {}
        for r in table.itertuples(index=False):
            for name in (r.sector, r.sector_en, r.sector_zh):
                sectors[normalize(str(name))] = r.sector
        keys = ", ".join(dict.fromkeys(table["sector"]))
        if len(parts) != 3 or not all(parts):
            raise InputError(f"give the activity-data default as SECTOR,SYSTEM,METHOD (IPCC 2006 Vol. 2 Table 2.15), "
                             f"e.g. industry-energy-intensive,well-developed,surveys; sectors: {keys}; systems: "
                             f"well-developed, less-developed; methods: surveys, extrapolation. Got {spec!r}.")
        sector = sectors.get(normalize(parts[0]))
        system = _SYSTEMS.get(parts[1].lower())
        method = _METHODS.get(parts[2].lower())
        for got, what, choices in ((sector, f"sector '{parts[0]}'", keys),
                                   (system, f"statistical system '{parts[1]}'", "well-developed, less-developed"),
                                   (method, f"method '{parts[2]}'", "surveys, extrapolation")):
            if got is None:
                raise InputError(f"unknown {what} for Table 2.15; choose from {choices}.")
        row = table[(table["sector"] == sector) & (table["statistical_system"] == system) & (table["method"] == method)]
        r = row.iloc[0]
        return ActivityUncertainty(r["record_id"], str(r["sector_en"]), system, method, str(r["as_printed"]),
                                   float(r["high_pct"]), str(r["location"]), pkg.name, pkg.version)

    def lookup(self, name: str, parameter: str, family: str | None = None, year: int | None = None,
               region: str | None = None, *, allow_withdrawn: bool = False) -> Factor:
        """One entry point for every kind of value, as a worksheet function needs it.

        ``parameter`` selects the kind: a fuel parameter (``ncv``, ``carbon_content_per_heat``,
        ``oxidation_rate``, ``co2_ef_per_heat``, ``co2_ef_per_mass_or_volume`` and their
        Chinese/English names; ``name`` is the fuel), ``coal_equivalent`` (``name`` is the
        energy carrier), ``grid`` (``name`` is the region, ``year`` the data year, ``family``
        the factor type), ``reporting_default`` (``year`` is the report year), ``heat``,
        ``footprint`` (``name`` is the item, default the national average; ``year`` the data
        year), ``gwp`` (``name`` is the gas, ``family`` the report) or ``record`` (``name``
        is a record id; a withdrawn record only with ``allow_withdrawn=True``, for showing
        its provenance).
        """
        kind = normalize(parameter)
        if kind in ("coal_equivalent", "coalequivalent", "tce", "kgce", "折标准煤系数", "折标系数"):
            return self.coal_equivalent(name, family)
        if kind in ("grid", "electricity", "电力", "电网", "电网排放因子"):
            return self.grid_factor(year, region or name or "national", family or "avg_incl_all")
        if kind in ("heat", "热力"):
            return self.heat_factor()
        if kind in ("footprint", "electricity_footprint", "electricity-footprint", "碳足迹", "电力碳足迹",
                    "电力碳足迹因子"):
            return self.electricity_footprint(year, name or "national_average")
        if kind in ("reporting_default", "reporting-default", "报告缺省值"):
            if year is None:
                raise InputError("give the report year (the year whose emissions are reported) for a reporting default.")
            return self.reporting_default(year)
        if kind == "gwp":
            return self.gwp(name, family or "AR5")
        if kind in ("record", "record_id"):
            f = self.record(name)
            if f.status == "withdrawn" and not allow_withdrawn:
                raise InputError(f"record {f.record_id} is withdrawn and is not returned as a value: {f.notes} "
                                 "Its provenance stays readable (CARBON_FACTOR_INFO, CARBON_SOURCE, carbon factors get "
                                 "--record).")
            return f
        if kind in _PARAMETER_NAMES:
            return self.fuel_parameter(name, parameter, family)
        raise InputError(_suggest(parameter, {**_PARAMETER_NAMES, **{k: k for k in _KINDS}}, "parameter")
                         + f" Use a fuel parameter ({', '.join(_FUEL_PARAMETERS)}) or one of {', '.join(_KINDS)}.")

    def record(self, record_id: str) -> Factor:
        """A value by its record id."""
        f = self._by_record.get(str(record_id).strip())
        if f is None:
            raise InputError(_suggest(record_id, {normalize(k): k for k in self._by_record}, "record id"))
        return f

    # ------------------------------------------------------------------- views
    def datasets(self) -> pd.DataFrame:
        """Loaded factor packages with versions and descriptor hashes."""
        out = []
        for kind, pkg in self.packages.items():
            desc = pkg._raw("datapackage.json")
            out.append({"package": pkg.name, "version": pkg.version, "kind": kind,
                        "descriptor_sha256": hashlib.sha256(desc).hexdigest(),
                        "values": len(self._rows.get(kind, [])), "location": str(pkg.location)})
        if self.notes is not None:
            desc = self.notes._raw("datapackage.json")
            out.append({"package": self.notes.name, "version": self.notes.version, "kind": "conflict_notes",
                        "descriptor_sha256": hashlib.sha256(desc).hexdigest(),
                        "values": len(self.conflict_notes()), "location": str(self.notes.location)})
        # location is for people at their own machine; workbooks and reports leave it out
        return pd.DataFrame(out)

    def conflict_notes(self) -> pd.DataFrame:
        """Curated explanations of known conflicts (empty when the notes package is absent)."""
        if self.notes is None:
            return pd.DataFrame(columns=["record_id", "record_a_id", "record_b_id", "likely_explanation",
                                         "recommendation"])
        return self.notes.read("notes")

    def conflicts(self, tolerance: float = 1e-3) -> pd.DataFrame:
        """The same quantity with different values across sources/families.

        Values are compared after conversion to one unit per quantity; a group is a
        conflict when max/min - 1 exceeds ``tolerance``. One row per value in a
        conflicting group, so an auditor sees every source side by side.
        """
        out = []
        for kind, pkg in self.packages.items():
            meta = pkg.descriptor["carbon"]
            rows = self._rows[kind]
            key = [k for k in meta["quantityKey"]]
            fam = meta.get("familyField")
            labels = [rows[k].map(_label) for k in key]
            for gkey, grp in rows.groupby(labels, sort=True, dropna=False):
                if len(grp) < 2:
                    continue
                base = grp["unit"].iloc[0]
                try:
                    vals = np.array([v * conversion_factor(u, base) for v, u in zip(grp["value"], grp["unit"])])
                except InputError:
                    continue
                lo, hi = vals.min(), vals.max()
                if lo <= 0 or hi / lo - 1 <= tolerance:
                    continue
                label = " / ".join(map(str, gkey if isinstance(gkey, tuple) else (gkey,)))
                for (_, r), v in zip(grp.iterrows(), vals):
                    out.append({"package": pkg.name, "quantity": label, "record_id": r["record_id"],
                                "family": r[fam] if fam else "", "value": r["value"], "unit": r["unit"],
                                "common value": v, "common unit": base, "spread (%)": 100 * (hi / lo - 1),
                                "source_id": r["source_id"], "verification": r["verification"]})
        table = pd.DataFrame(out)
        notes = self.conflict_notes()
        by_record: dict[str, list[str]] = {}
        for n in notes.to_dict("records"):
            for rid in (n["record_a_id"], n["record_b_id"]):
                if rid:
                    by_record.setdefault(rid, []).append(f"{n['record_id']}: {n['likely_explanation']}")
        if len(table):
            table["note"] = [" | ".join(dict.fromkeys(by_record.get(r, []))) for r in table["record_id"]]
        return table


_FUEL_PARAMETERS = ["ncv", "carbon_content_per_heat", "oxidation_rate", "co2_ef_per_heat", "co2_ef_per_mass_or_volume"]
_PARAMETER_NAMES = {normalize(p): p for p in _FUEL_PARAMETERS} | {normalize(k): v for k, v in {
    "NCV": "ncv", "net calorific value": "ncv", "低位发热量": "ncv", "平均低位发热量": "ncv",
    "carbon content": "carbon_content_per_heat", "单位热值含碳量": "carbon_content_per_heat",
    "oxidation": "oxidation_rate", "oxidation rate": "oxidation_rate", "碳氧化率": "oxidation_rate",
}.items()}
_KINDS = ["coal_equivalent", "grid", "reporting_default", "heat", "footprint", "gwp", "record"]
_REGION_ALIASES = {normalize(k): normalize(v) for k, v in {
    "national": "China (national)", "china": "China (national)", "全国": "China (national)", "中国": "China (national)",
}.items()}
_GAS_ALIASES = {normalize(k): v for k, v in {"methane": "CH4", "甲烷": "CH4", "nitrous oxide": "N2O",
                                             "氧化亚氮": "N2O", "六氟化硫": "SF6"}.items()}


def _year(value, what: str) -> int:
    """A whole year such as 2024 (also 2024.0 from a worksheet), else an InputError naming it."""
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} '{value}' is not a year; write it like 2024.") from None
    if not f.is_integer() or not 1900 <= f <= 2100:
        raise InputError(f"{what} {value} is not a year; write it like 2024.")
    return int(f)


def _label(v) -> str:
    """Text of a key value for grouping: whole floats as integers, missing as '(none)'."""
    v = _key_value(v)
    return "(none)" if v is None else str(v)


def _key_value(v):
    if isinstance(v, float):
        return None if np.isnan(v) else int(v) if v.is_integer() else v
    return v
