"""The project's corrections to the shared factor reference set, after the audit of November 2026.

``import_factors.py`` copies the shared reference set row by row; this module holds what the
project changed on top of it, each item with its reason, so that a rebuild reproduces the
published packages and an auditor can read every decision in one place:

- ``SOURCE_UPDATES`` / ``NEW_SOURCES``: restored locators and document numbers, new sources;
- ``ROW_UPDATES``: per-record corrections (status, successor, location, verification, notes);
- generic rules in :func:`apply`: ``corroborated_by`` holds source ids only (remarks move to
  notes), ``corroborated_multi`` needs two named corroborations or is lowered to
  ``secondary_single``, stripped fragments are removed from notes;
- the new series (electricity carbon-footprint factors, IPCC Table 1.2 NCVs) and the
  known gaps, each value with document, number, date, table and public locator;
- versions and changelog entries.

The audit is ``shared/reference/factors/audit-2026-11.md``; section numbers (§) refer to it.
"""

from __future__ import annotations

import re
from pathlib import Path

AUDIT = "audit 2026-11"
CURATED = Path(__file__).resolve().parent / "curated"
TODAY = "2026-11-23"

# ----------------------------------------------------------------------------- versions
VERSIONS = {
    "cn-fuel-parameters": "2.0.0",      # family PROV-2013-CC renamed: a breaking change for family lookups
    "cn-coal-equivalent": "2.0.0",      # hydrogen and fresh water withdrawn: lookups that worked now refuse
    "cn-grid-factors": "2.0.0",         # legacy rows withdrawn, new columns, reporting-default years
    "gwp-values": "1.1.0",
    "ipcc2006-energy-defaults": "1.1.0",  # new NCV rows, provenance fixes
    "factor-conflict-notes": "1.1.0",
    "cn-electricity-footprint": "1.0.0",
}

COMMON_CHANGES = [
    "New columns status (current / superseded / withdrawn) and superseded_by; 'carbon validate' now checks that "
    "every id resolves, that corroborated_multi names two corroborating sources, that superseded rows name their "
    "successor and that every location and locator is whole.",
    "corroborated_by lists source ids only (remarks moved to notes); dangling ids are now described in sources.csv.",
    "Rows labelled corroborated_multi with fewer than two named corroborations are lowered to secondary_single "
    f"({AUDIT} §5, 'Overstated').",
]

CHANGES = {
    "cn-fuel-parameters": [
        "Family PROV-2013-CC renamed THIRD-PARTY-CC: it mixes values of the 2013-style enterprise table and of "
        f"GB/T 32151 Table C.1, and nothing ties it to the 2013 provincial guideline ({AUDIT} §4.2).",
        "FUEL-P-08-C: the note claiming FAMILY-T prints 12.1 was false (FAMILY-T prints 13.6) and is replaced.",
        "FUEL-P-04…07-C: FAMILY-T removed as corroboration (same code-constant lineage, not independent).",
        f"FUEL-T-23-NCV (coke-oven gas 173.854 GJ/10^4 Nm3) withdrawn as suspect ({AUDIT} §4.1).",
        "NCSC G02 rows: upstream database record ids restored in location.",
        "GB/T 32151.22—2024 rows: GB/T 32151.34—2024 Table C.1 (independent transcription) named as "
        "corroboration where it prints the same value.",
        "Raw coal: note that it is not in GB/T 32151 Table C.1 (only the reference document has it).",
    ],
    "cn-coal-equivalent": [
        f"CE-H2 (hydrogen 4.857 tce/10^4 m3) withdrawn: above hydrogen's heating value, probably a row shift "
        f"({AUDIT} §4.3).",
        f"CE-WATER-NEW (fresh water 0.2571 kgce/t) withdrawn: conflicts with 0.0857 kgce/t, unresolved ({AUDIT} §4.4).",
        "Working media (新水, 软水, 除氧水) no longer located in fuel table A.1.",
        f"CE-METHANOL: note on its heating-value basis (22.6 MJ/kg = HHV) ({AUDIT} §4.5).",
        "BOOK118-CE locator restored (document id).",
    ],
    "cn-grid-factors": [
        "GRID-RULE-0.6101 and GRID-RULE-0.5810 marked superseded, with successors GRID-RULE-0.5810 and "
        f"GRID-RULE-0.5703; data years and report years filled on every rule row ({AUDIT} §4.7, §6).",
        "GRID-RULE-0.5703: 环办气候函〔2023〕43号 confirmed (issued 2023-02-07); the 'number from memory' flag removed.",
        "Reporting defaults for report years 2023 and later: recorded as a known gap (resource gaps), not "
        f"filled with 0.5703 ({AUDIT} §7.4).",
        "Legacy 2012 regional averages and the unlabelled '2019' OM values withdrawn: no public text ties the values "
        f"to the documents they were attributed to ({AUDIT} §8).",
        "NCSC G02 record ids restored for the 40 data-year-2023 rows; locations name the notice's attachment "
        "and table.",
        "Verification levels corrected where the evidence is stronger or weaker than the label "
        f"({AUDIT} §5).",
    ],
    "gwp-values": [
        "Locations cite the IPCC tables (SAR WG1 Table 2.9, TAR WG1 Table 6.7, AR4 WG1 Table 2.14, AR5 WG1 "
        "Table 8.A.1, AR6 WG1 Table 7.SM.7) instead of 'GWP-100 table'.",
        "SEED002 described in sources.csv; GHG Protocol 2024 locator restored.",
    ],
    "ipcc2006-energy-defaults": [
        "'multiple transcriptions' is not a source: rows that name no two corroborations are lowered to "
        "secondary_single.",
        "The note 'NCSC G02 biomass values equal these' kept only on the biomass rows (copy-paste error on fossil "
        f"rows, {AUDIT} §5).",
        "IPCC-T13-D-BLAST location says it is derived from NCSC G02, not read from Table 1.3.",
        "New: Table 1.2 NCVs for fuels whose Table 1.4 factors were shipped without them.",
    ],
    "factor-conflict-notes": [
        "CONF-008 concluded: 26.334 (GB/T 32151 family, printed by .22 and .34) and 26.344 (GB/T 2589) are a "
        f"genuine family difference; neither row is corrected ({AUDIT} §4.8).",
    ],
}


def version(package: str) -> str:
    return VERSIONS.get(package, "1.0.0")


def changelog(package: str, first_release: str) -> str:
    """CHANGELOG.md: the audit release on top of the first release."""
    text = f"# Changelog — {package}\n\n"
    v = version(package)
    if v != "1.0.0":
        lines = CHANGES.get(package, []) + (COMMON_CHANGES if package != "factor-conflict-notes" else [])
        text += f"## {v} ({TODAY})\n" + "".join(f"- {line}\n" for line in lines) + "\n"
    return text + "## 1.0.0\n- " + first_release


# ----------------------------------------------------------------------------- sources
SOURCE_UPDATES: dict[str, dict[str, str]] = {
    "MEE2023-FD": {
        "date": "2023-02-07",
        "doc_number": "环办气候函〔2023〕43号",
        "url_or_locator": "http://tanpaifang.com/tanguwen/2023/0215/94510.html (news summary, 2023-02-15); number "
                          "confirmed by csrcare.com LawShow id 229476",
        "notes": "States 2022年度全国电网平均排放因子为0.5703 tCO2/MWh for power-sector reporting and that the factor "
                 "will be updated; no later value has been found in a public text.",
    },
    "BOOK118-CE": {
        "url_or_locator": "https://max.book118.com/html/2020/1123/8133103033003020.shtm",
    },
    "NDRC-OM2016": {
        "notes": "Document-sharing copy of 附件2 编制说明; table 区域电网OM排放因子 with columns 2012, 2013, 2014 and "
                 "三年平均值; no document number printed.",
    },
}

NEW_SOURCES_LIST: list[dict[str, str]] = []


def new_sources() -> dict[str, dict]:
    return {s["source_id"]: s for s in NEW_SOURCES_LIST}


# ----------------------------------------------------------------------------- rows
WITHDRAWN = "withdrawn"

ROW_UPDATES: dict[str, dict[str, dict[str, str]]] = {
    "cn-fuel-parameters": {
        "FUEL-T-23-NCV": {
            "status": WITHDRAWN,
            "notes": f"Suspect ({AUDIT} §4.1): 173.854 is printed only by this upstream; the 2013-style table prints "
                     "173.540, the midpoint of GB/T 2589's coke-oven-gas range 16 726–17 981 kJ/m3 (CE-COG), so a "
                     "digit was probably inserted. Withdrawn until the primary guideline table has been read.",
        },
        "FUEL-P-08-C": {
            "notes": "13.58 is the GB/T 32151 Table C.1 value (FUEL-A-24-C); the 2013-style enterprise table prints "
                     "12.10 instead, so this family mixes documents. FAMILY-T prints 13.6 (FUEL-T-23-C).",
        },
    },
    "cn-coal-equivalent": {
        "CE-H2": {
            "status": WITHDRAWN,
            "location": "not found in any text of GB/T 2589—2020 附录A; value from one third-party transcription",
            "notes": f"Physically implausible ({AUDIT} §4.3): 0.4857 kgce/m3 × 29.307 MJ/kgce = 14.2 MJ/m3, above "
                     "hydrogen's LHV (~10.8 MJ/Nm3) and HHV (~12.7 MJ/Nm3); the same digits are the 软水 coefficient "
                     "(CE-WATER-SOFT), so a row shift in the transcription is likely. Withdrawn.",
        },
        "CE-WATER-NEW": {
            "status": WITHDRAWN,
            "location": "耗能工质 (working media) table as transcribed; not in fuel table A.1; table number not read",
            "notes": f"Conflict unresolved ({AUDIT} §4.4): one code source cites 0.2571 to GB/T 2589-2020, a web page "
                     "gives 0.0857 kgce/t, the classic 2008-edition figure. Withdrawn until the printed standard is read.",
        },
        "CE-METHANOL": {
            "notes": f"Check before use ({AUDIT} §4.5): 0.7714 × 29.307 = 22.6 MJ/kg, methanol's higher heating value; "
                     "its LHV (~19.9 MJ/kg) would give ~0.679, and GB/T 2589 is LHV-based elsewhere.",
        },
    },
    "cn-grid-factors": {
        "GRID-RULE-0.6101": {
            "status": "superseded", "superseded_by": "GRID-RULE-0.5810", "report_year_to": "2020",
            "notes": "FAQ: changed from 0.6101 to 0.5810 for 2021 and 2022 reporting. Unit in the guideline is "
                     "tCO2/MWh (numerically equal to kgCO2/kWh). The year the value describes is not printed.",
        },
        "GRID-RULE-0.5810": {
            "status": "superseded", "superseded_by": "GRID-RULE-0.5703", "data_year": "2021",
            "report_year_from": "2021", "report_year_to": "2021",
            "applies_to": "enterprise reports of 2021 (issued for 2021 and 2022; replaced for 2022 by "
                          "GRID-RULE-0.5703 under 环办气候函〔2023〕43号)",
            "notes": "seed003 uses 0.581 but attributes it to 环办气候〔2021〕9号, which prescribed 0.6101 (attribution "
                     "conflict). Superseded for report year 2022 by 0.5703.",
        },
        "GRID-RULE-0.5703": {
            "data_year": "2022", "report_year_from": "2022", "report_year_to": "2022",
            "doc_number": "环办气候函〔2023〕43号", "publication_date": "2023-02-07",
            "applies_to": "power-sector and key-emitter reports of 2022 (2022年度全国电网平均排放因子)",
            "notes": "NOT the same series as the MEE/NBS 2022 average (0.5366, published 2024-12). The notice says the "
                     "factor will be updated; no value for report years 2023 and later has been found (see gaps).",
        },
    },
    "ipcc2006-energy-defaults": {
        "IPCC-T13-D-BLAST": {
            "location": "derived from NCSC G02 259.6 tCO2/TJ × 12/44; not read from Table 1.3",
        },
    },
    "factor-conflict-notes": {
        "CONF-008": {
            "recommendation": "Resolved: GB/T 32151.34—2024 Table C.1 (independent GHGTOOL transcription) also prints "
                              "26.334 for 洗精煤, so 26.334 is what the GB/T 32151 family prints and 26.344 is GB/T "
                              "2589. A genuine family difference: keep both rows, never correct one to the other, "
                              "never mix families.",
        },
    },
}

# groups withdrawn by rule: same evidence as the sampled member
WITHDRAWN_PREFIXES = {
    "cn-grid-factors": {
        "GRID-AVG2012-": "The 2012 regional averages appear only in unlabelled code; the release (NDRC, 2014) is "
                         "confirmed by news but no public text prints these values with it "
                         f"({AUDIT} §8). Withdrawn; use the MEE/NBS series.",
        "GRID-OM2019-": "Unlabelled code values attributed to a '2019' OM release by inference; no public text with "
                        f"2019-release OM values was found ({AUDIT} §8). Withdrawn.",
    },
}

_ID = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\((.*)\))?\s*$")


def _split_corroboration(cell: str) -> tuple[list[str], list[str]]:
    """Source ids and the remarks written beside them ("BOOK118-CE|SEED003 (1.47)")."""
    ids, remarks = [], []
    for part in [p.strip() for p in str(cell or "").replace(";", "|").split("|") if p.strip()]:
        m = _ID.match(part)
        if m and not part.startswith("multiple"):
            ids.append(m.group(1))
            if m.group(2):
                remarks.append(f"{m.group(1)} prints {m.group(2)}")
        else:
            remarks.append(part)
    return list(dict.fromkeys(ids)), remarks


def _clean_note(text: str) -> str:
    text = re.sub(r"\s*\(\s*[|,;]*\s*\)", "", text)
    text = text.replace("is the 's inference", "is an inference").replace("( recollection)", "(recollection)")
    return re.sub(r"\s{2,}", " ", text).strip()


def apply(package: str, rows: list[dict]) -> list[dict]:
    """The rows of one resource after the audit's corrections (generic rules, then per-record)."""
    updates = ROW_UPDATES.get(package, {})
    unknown = set(updates) - {r["record_id"] for r in rows}
    if unknown:
        raise SystemExit(f"{package}: audit corrections name unknown records {sorted(unknown)}")
    out = []
    for r in rows:
        r = dict(r)
        rid = r["record_id"]
        hook = PACKAGE_HOOKS.get(package)
        if hook:
            hook(r)
        if "corroborated_by" in r:
            ids, remarks = _split_corroboration(r["corroborated_by"])
            r["corroborated_by"] = "|".join(ids)
            if remarks:
                r["notes"] = "; ".join(x for x in [r["notes"], "corroboration: " + "; ".join(remarks)] if x)
        for prefix, why in WITHDRAWN_PREFIXES.get(package, {}).items():
            if rid.startswith(prefix):
                r["status"], r["notes"] = WITHDRAWN, why
        r.update(updates.get(rid, {}))
        if "notes" in r:
            r["notes"] = _clean_note(r["notes"])
        if r.get("verification") == "corroborated_multi":
            named = [s for s in r["corroborated_by"].split("|") if s and s != r["source_id"]]
            if len(named) < 2:
                r["verification"] = "secondary_single"
                r["notes"] = "; ".join(x for x in [r["notes"], f"level lowered from corroborated_multi: {len(named)} "
                                                   f"corroborating source(s) named ({AUDIT} §5)"] if x)
        out.append(r)
    return out + EXTRA_ROWS.get(package, [])


def _ncsc_ids() -> dict[str, tuple[str, str, str]]:
    """Record id → (edition, database record id, factor name) of the NCSC G02 rows (restored, §5)."""
    import csv

    with open(CURATED / "ncsc_record_ids.csv", encoding="utf-8") as fh:
        return {r["record_id"]: (r["edition"], r["source_record_id"], r["factor_name_in_projection"])
                for r in csv.DictReader(fh)}


NCSC_KEY = re.compile(r"ncsc_ghg_efdb\|G02\|(\d{4})\|$")


def _restore_ncsc(r: dict, field: str) -> None:
    m = NCSC_KEY.search(r.get(field, ""))
    if not m:
        return
    edition, rec, _ = NCSC_IDS[r["record_id"]]
    if edition != m.group(1):
        raise SystemExit(f"{r['record_id']}: edition {m.group(1)} in the row, {edition} in ncsc_record_ids.csv")
    r[field] = r[field] + rec


#: Where in each grid-factor document the values are (the row's location), by source id.
GRID_LOCATIONS = {
    "MEE2024-12": "公告2024年第12号 附件1 (2021年电力二氧化碳排放因子 tables; table number not read; notice and "
                  "attachments seen in the hfyfsb.com copy, 2024-04-12)",
    "MEE2024-33": "公告 of 2024-12-20, 附件 (2022年电力二氧化碳排放因子 tables; table number not read)",
    "MEE2025-47": "公告2025年第47号 附件 tables 1–5 (national, excl. market non-fossil, fossil, regional, provincial), "
                  "as listed in GitHub adgo07/GHGTOOL data-source/carbon_accounting/catalog.json",
    "NDRC-OM2016": "附件2 编制说明, table 区域电网OM排放因子 (columns 2012, 2013, 2014, 三年平均值)",
    "NDRC-AVG2012": "2011年和2012年中国区域电网平均二氧化碳排放因子 (release confirmed by news; table not seen)",
    "MEE2021-9": "企业温室气体排放核算方法与报告指南 发电设施 (环办气候〔2021〕9号), purchased-electricity factor; "
                 "clause not read (value per an FAQ text)",
    "MEE2022-111": "环办气候函〔2022〕111号, grid factor for 2021 and 2022 reports; clause not read",
    "MEE2023-FD": "环办气候函〔2023〕43号, text of the notice: 2022年度全国电网平均排放因子为0.5703tCO2/MWh",
    "GBT32150-2025": "GB/T 32150—2025 第7.5.6～7.5.7条 (PDF p.16)",
    "SEED003": "seed 003 §4.3 (scope-2 factor of the park inventory)",
}


def _grid_hook(r: dict) -> None:
    _restore_ncsc(r, "upstream_record_id")
    if r["source_id"] in GRID_LOCATIONS and not r["record_id"].startswith("GRID-OM2019"):
        r["location"] = GRID_LOCATIONS[r["source_id"]]
    if r["upstream_record_id"]:
        r["location"] += f"; read in NCSC G02 {NCSC_IDS[r['record_id']][0]} edition, record " \
                         f"{NCSC_IDS[r['record_id']][1]}"


def _fuel_hook(r: dict) -> None:
    _restore_ncsc(r, "location")


NCSC_IDS = _ncsc_ids()
PACKAGE_HOOKS: dict = {"cn-grid-factors": _grid_hook, "cn-fuel-parameters": _fuel_hook}
EXTRA_ROWS: dict[str, list[dict]] = {}


# ----------------------------------------------------------------------------- gaps
GAP_FIELDS = ["gap_id", "topic", "what_is_missing", "what_was_searched", "status"]
GAPS = [
    ["GAP-REPORTING-2023", "reporting_default",
     "the national grid factor prescribed for enterprise reports of 2023 and later. 环办气候函〔2023〕43号 set 0.5703 "
     "for 2022 and said it would be updated; no later value has been found in a public text, so none is shipped "
     "and 0.5703 is not extended to later years.",
     f"news pages, document-sharing copies and code transcriptions ({AUDIT} §7.4)", "open"],
    ["GAP-CCER-BM-CM", "baseline",
     "CCER/CDM build-margin and combined-margin factors, and OM for data years 2020–2022 (the 2024 OM 计算说明 "
     "exists; its values were not retrievable from stored text).", f"{AUDIT} §7.2", "open"],
    ["GAP-ETS-COAL-CC", "ets_defaults",
     "the 发电设施 guideline's default carbon content of coal (2021 edition, 2022 revision); two numbers known "
     "only from memory (0.03356 and 0.03085 tC/GJ) are not shipped.", f"{AUDIT} §7.3", "open"],
    ["GAP-NAT-2019-2020", "avg_incl_all",
     "no official MEE/NBS national average for data years 2019 or 2020 exists in any source found; the series "
     "starts with 2021.", f"{AUDIT} §6", "not published"],
    ["GAP-GBT32151-NEW-PARTS", "fuel_parameters",
     "appendix tables of GB/T 32151.4—2026, .5—2026, .7, .8 and .13—2023 (sector-specific gases may differ from "
     "the .22/.34 table shipped).", f"{AUDIT} §7.6", "open"],
]


def gaps_resource(folder: Path) -> dict:
    from package_files import write_csv

    write_csv(folder / "gaps.csv", GAP_FIELDS, GAPS)
    return {"name": "gaps", "title": "Known gaps: official values users expect that are not shipped, and why",
            "path": "gaps.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": f, "type": "string"} for f in GAP_FIELDS], "primaryKey": ["gap_id"]}}


# ----------------------------------------------------------------------------- IPCC Table 1.2
def ipcc_new_rows() -> list[list[str]]:
    return []


# ----------------------------------------------------------------------------- footprint
#: Footprint items: id, 中文名, English name, aliases.
FOOTPRINT_ITEMS = [
    ("national_average", "全国电力平均碳足迹因子", "national average (consumption side)",
     ["national", "全国", "china", "average", "全国平均", "平均"]),
    ("coal", "燃煤发电", "coal-fired generation", ["煤电", "火电(燃煤)", "coal power"]),
    ("gas", "燃气发电", "gas-fired generation", ["气电", "天然气发电", "gas power"]),
    ("hydro", "水力发电", "hydropower", ["水电"]),
    ("nuclear", "核能发电", "nuclear power", ["核电"]),
    ("wind", "风力发电", "wind power", ["风电"]),
    ("solar_pv", "光伏发电", "solar photovoltaic", ["光伏", "pv", "photovoltaic", "solar"]),
    ("csp", "光热发电", "concentrated solar power", ["光热", "solar thermal", "csp"]),
    ("biomass", "生物质发电", "biomass power", ["生物质"]),
    ("td_incl_losses", "输配电(含线损)", "transmission and distribution, incl. losses",
     ["输配电", "输配电含损耗", "t&d", "td", "transmission and distribution"]),
    ("td_excl_losses", "输配电(不含线损)", "transmission and distribution, excl. losses",
     ["输配电不含损耗", "t&d excl. losses"]),
]

FOOTPRINT_VALUE_FIELDS = ["record_id", "item_id", "data_year", "value", "unit", "value_as_printed",
                          "unit_as_printed", "source_id", "other_source_ids", "location", "verification",
                          "corroborated_by", "notes", "status", "superseded_by"]


def build_footprint(folder: Path) -> None:
    """cn-electricity-footprint: the official electricity carbon-footprint factors, their own package.

    Life-cycle CO2e factors answer a different question from the CO2-only grid factors (what one
    kWh carries over its life cycle, for product footprints), so they never share a package,
    a kind or a lookup with them.
    """
    import csv

    from import_factors import COMMON_FIELDS, SOURCE_FIELDS, VERIFICATION_LEVELS  # noqa: F401
    from package_files import write_csv, write_package

    folder.mkdir(parents=True, exist_ok=True)
    with open(CURATED / "cn_electricity_footprint.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known_items = {i[0] for i in FOOTPRINT_ITEMS}
    for r in rows:
        if r["item_id"] not in known_items:
            raise SystemExit(f"{r['record_id']}: unknown footprint item {r['item_id']}")
    write_csv(folder / "factors.csv", FOOTPRINT_VALUE_FIELDS, [[r.get(f, "") for f in FOOTPRINT_VALUE_FIELDS]
                                                                for r in rows])
    write_csv(folder / "items.csv", ["item_id", "name_zh", "name_en", "aliases"],
              [[i, zh, en, "|".join(al)] for i, zh, en, al in FOOTPRINT_ITEMS])
    used = {s for r in rows for f in ("source_id", "other_source_ids", "corroborated_by") for s in r[f].split("|") if s}
    srcs = [s for s in NEW_SOURCES_LIST if s["source_id"] in used]
    write_csv(folder / "sources.csv", [f["name"] for f in SOURCE_FIELDS],
              [[s["source_id"], s["title"], s["issuer"], s["date"], s["doc_number"], s["url_or_locator"],
                s["source_type"], s["notes"]] for s in srcs])
    common = {f["name"]: f for f in COMMON_FIELDS}
    fields = [{"name": "record_id", "type": "string", "constraints": {"required": True, "unique": True}},
              {"name": "item_id", "type": "string", "constraints": {"required": True},
               "description": "national average, generation type or transmission and distribution (key into 'items')"},
              {"name": "data_year", "type": "integer", "constraints": {"required": True},
               "description": "the year the factor describes (not the year of publication)"}]
    fields += [common[n] for n in FOOTPRINT_VALUE_FIELDS[3:]]
    years = sorted({r["data_year"] for r in rows})
    descriptor = {
        "name": "cn-electricity-footprint",
        "title": "China electricity carbon-footprint factors (电力碳足迹因子, life-cycle, kgCO2e/kWh)",
        "description": ("Official life-cycle carbon-footprint factors of electricity published by 生态环境部, 国家统计局 "
                        "and 国家能源局: national average, by generation type, and transmission and distribution, "
                        f"data years {', '.join(years)}. For product carbon footprints (GB/T 24067, CBAM, battery "
                        "passports). They include upstream and non-CO2 emissions and are NOT scope-2 CO2 grid factors "
                        "(package cn-grid-factors); the two are never mixed."),
        "version": version("cn-electricity-footprint"),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Compilation: Creative Commons Attribution 4.0; values belong to their sources"}],
        "keywords": ["electricity carbon footprint", "电力碳足迹因子", "life cycle", "CBAM", "GB/T 24067"],
        "carbon": {"kind": "electricity_footprint", "valueResource": "factors", "familyField": None,
                   "quantityKey": ["item_id", "data_year"],
                   "unitRules": {"dimensions": {"*": ["[mass]/[energy]"]}},
                   "nameResource": "items", "nameKey": "item_id"},
        "resources": [
            {"name": "factors", "title": "Electricity carbon-footprint factors", "path": "factors.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": fields, "primaryKey": ["record_id"], "foreignKeys": [
                 {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}},
                 {"fields": "item_id", "reference": {"resource": "items", "fields": "item_id"}}]}},
            {"name": "items", "title": "Footprint items with Chinese and English names", "path": "items.csv",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": "item_id", "type": "string", "constraints": {"required": True,
                                                                                       "unique": True}},
                                   {"name": "name_zh", "type": "string"}, {"name": "name_en", "type": "string"},
                                   {"name": "aliases", "type": "string"}], "primaryKey": ["item_id"]}},
            {"name": "sources", "title": "Source documents", "path": "sources.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": SOURCE_FIELDS, "primaryKey": ["source_id"]}},
        ],
    }
    write_package(folder, descriptor, f"# Changelog — cn-electricity-footprint\n\n## 1.0.0 ({TODAY})\n- First "
                  f"release: {len(rows)} factors, data years {', '.join(years)}, from the MEE/NBS/NEA notices "
                  f"(see sources.csv); audit 2026-11 §7.1.\n")
