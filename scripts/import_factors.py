"""Build the emission-factor and coefficient data packages from the shared reference set.

    python scripts/import_factors.py [--shared ../shared]

One row per value, with a stable record id, the value as printed, its source (foreign key
into the package's ``sources`` resource), the location in the source and a verification
level. Rows marked ``unverified_memory`` in the reference set are left out: they are
recollections, not facts. Values are copied as text, so nothing is reformatted.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_shared import OUT, ROOT, write_csv, write_package  # noqa: E402
import factor_audit as audit  # noqa: E402
from package_files import COMMON_FIELDS, SOURCE_FIELDS  # noqa: E402

EXCLUDED_VERIFICATION = {"unverified_memory"}

# Canonical fuels: id, 中文名, English name, class, aliases (other spellings used by sources).
FUELS = [
    ("raw_coal", "原煤", "raw coal", "solid", []),
    ("anthracite", "无烟煤", "anthracite", "solid", []),
    ("bituminous_coal", "烟煤", "bituminous coal", "solid", []),
    ("bituminous_coal_general", "一般烟煤", "bituminous coal (general)", "solid", []),
    ("coking_coal", "炼焦烟煤", "coking coal", "solid", []),
    ("lignite", "褐煤", "lignite", "solid", []),
    ("washed_coal", "洗精煤", "washed (clean) coal", "solid", ["washed coal", "clean coal"]),
    ("other_washed_coal", "其他洗煤", "other washed coal", "solid", ["其它洗煤"]),
    ("briquettes", "型煤", "briquettes", "solid", []),
    ("coal_products", "煤制品", "coal products (briquettes)", "solid", ["coal products"]),
    ("other_coal_products", "其他煤制品", "other coal products", "solid", ["其它煤制品"]),
    ("coal_power", "电煤", "coal for power generation", "solid", []),
    ("coke", "焦炭", "coke", "solid", []),
    ("petroleum_coke", "石油焦", "petroleum coke", "solid", []),
    ("crude_oil", "原油", "crude oil", "liquid", []),
    ("gasoline", "汽油", "gasoline", "liquid", ["petrol"]),
    ("aviation_gasoline", "航空汽油", "aviation gasoline", "liquid", []),
    ("kerosene", "煤油", "kerosene", "liquid", ["一般煤油", "kerosene (general)"]),
    ("jet_kerosene", "喷气煤油", "jet kerosene", "liquid", ["喷气煤油(航空煤油)", "航空煤油", "jet fuel"]),
    ("diesel", "柴油", "diesel", "liquid", ["diesel oil"]),
    ("fuel_oil", "燃料油", "fuel oil", "liquid", []),
    ("lpg", "液化石油气", "LPG", "liquid", ["liquefied petroleum gas"]),
    ("lng", "液化天然气", "LNG", "liquid", ["liquefied natural gas"]),
    ("naphtha", "石脑油", "naphtha", "liquid", []),
    ("lubricants", "润滑油", "lubricants", "liquid", []),
    ("paraffin_wax", "石蜡", "paraffin wax", "liquid", []),
    ("solvent_oil", "溶剂油", "solvent oil", "liquid", []),
    ("petroleum_bitumen", "石油沥青", "petroleum bitumen", "liquid", []),
    ("other_petroleum_products", "其他石油制品", "other petroleum products", "liquid", ["其它石油制品"]),
    ("refined_oil_kerosene", "成品油(煤油)", "refined oil product (kerosene)", "liquid", ["成品油"]),
    ("coal_tar", "焦油", "coal tar", "liquid", []),
    ("crude_benzene", "粗苯", "crude benzene", "liquid", []),
    ("natural_gas", "天然气", "natural gas", "gas", ["燃气(天然气)", "燃气"]),
    ("natural_gas_oilfield", "油田天然气", "natural gas (oil-field)", "gas", []),
    ("refinery_dry_gas", "炼厂干气", "refinery dry gas", "gas", ["refinery gas"]),
    ("coke_oven_gas", "焦炉煤气", "coke oven gas", "gas", []),
    ("blast_furnace_gas", "高炉煤气", "blast furnace gas", "gas", []),
    ("converter_gas", "转炉煤气", "converter (BOF) gas", "gas", ["converter gas", "BOF gas"]),
    ("other_coal_gas", "其他煤气", "other coal gas", "gas", ["其它煤气"]),
    ("closed_carbide_furnace_gas", "密闭电石炉炉气", "closed calcium-carbide furnace gas", "gas", []),
    ("biogas", "沼气", "biogas", "biomass", []),
    ("other_biogas", "其他生物气体", "other biogas", "biomass", []),
    ("biodiesel", "生物柴油", "biodiesel", "biomass", []),
    ("bio_gasoline", "生物汽油", "bio-gasoline", "biomass", []),
    ("other_liquid_biofuels", "其他液体生物质燃料", "other liquid biofuels", "biomass", []),
    ("firewood", "薪柴", "firewood", "biomass", []),
    ("charcoal", "木炭", "charcoal", "biomass", []),
    ("agricultural_residues", "农业废弃物", "agricultural residues", "biomass", []),
    ("animal_dung", "动物粪便", "animal dung", "biomass", []),
    ("msw_biogenic", "城市生活垃圾(生物成因)", "MSW (biogenic fraction)", "biomass", []),
]

# Families of fuel parameters: record-id prefix → (family id, title); each is one document.
FUEL_FAMILIES = {
    "A": ("GBT32151.22-2024", "GB/T 32151.22—2024 附录C 表C.1 常用化石燃料相关参数缺省值"),
    "G34": ("GBT32151.34-2024", "GB/T 32151.34—2024 附录C 表C.1"),
    "B": ("CE-REFERENCE-DOC", "各种能源折标准煤及碳排放参考系数 (reference document; NCV columns per 综合能耗计算通则)"),
    "T": ("THIRD-PARTY-T", "Third-party constants DEFAULT_FUEL_TYPES (document attribution unknown)"),
    "P": ("THIRD-PARTY-PROV-CC", "Carbon contents attributed to 《省级温室气体清单编制指南》 (year not printed) by "
                                 "third-party transcriptions (formerly PROV-2013-CC)"),
    "NCSC2025": ("NCSC-EFDB-2025", "国家温室气体排放因子数据库 G02 行业企业排放因子, 2025 edition"),
    "NCSC2026": ("NCSC-EFDB-2026", "国家温室气体排放因子数据库 G02 行业企业排放因子, 2026 edition"),
    "NCSC2026BIO": ("NCSC-EFDB-2026-BIOMASS", "国家温室气体排放因子数据库 G02 (2026 edition), 生物质燃料燃烧"),
    "SEED003": ("SEED003", "Seed 003 Table 5 能源碳排放核算相关参数取值, exactly as printed (for re-running the study)"),
}

FUEL_UNIT_RULES = {
    "ncv": ["[energy]/[mass]", "[energy]/[volume]"],
    "carbon_content_per_heat": ["[mass]/[energy]"],
    "oxidation_rate": ["dimensionless"],
    "co2_ef_per_heat": ["[mass]/[energy]"],
    "co2_ef_per_mass_or_volume": ["dimensionless", "[mass]/[volume]"],
}



def read(shared: Path, name: str) -> list[dict]:
    with open(shared / "reference" / "factors" / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def split_sources(field: str) -> tuple[str, str]:
    ids = [s.strip() for s in (field or "").split("|") if s.strip()]
    return ids[0], "|".join(ids[1:])


def common(row: dict, value: str, unit: str, printed: str, unit_printed: str, location: str,
           family_source: str | None = None) -> list[str]:
    ids = [s for s in row["source_id"].split("|") if s]
    if family_source in ids:  # the family's document first; other transcriptions after it
        ids.remove(family_source)
        ids.insert(0, family_source)
    src, others = ids[0], "|".join(ids[1:])
    return [value, unit, printed, unit_printed, src, others, location, row["verification"],
            row.get("corroborated_by", "") or "", row.get("notes", "") or "", "current", ""]


def sources_resource(folder: Path, shared: Path, package: str, rows: list[dict]) -> dict:
    """The package's 'sources' resource: every source a row names, with the audit's restored locators."""
    used = set()
    for r in rows:
        for f in ("source_id", "other_source_ids", "corroborated_by"):
            used.update(s for s in r.get(f, "").split("|") if s)
    described = {s["source_id"]: s for s in read(shared, "sources.csv")} | audit.new_sources()
    table = []
    for sid in [s for s in described if s in used]:
        s = {**described[sid], **audit.SOURCE_UPDATES.get(sid, {})}
        table.append([sid, s["title"], s["issuer"], s["date"], s["doc_number"], s["url_or_locator"],
                      s["source_type"], s["notes"]])
    missing = used - {t[0] for t in table}
    if missing:
        sys.exit(f"{package}: sources not described in sources.csv or the audit module: {sorted(missing)}")
    write_csv(folder / "sources.csv", [f["name"] for f in SOURCE_FIELDS], table)
    return {"name": "sources", "title": "Source documents", "path": "sources.csv", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": SOURCE_FIELDS, "primaryKey": ["source_id"]}}


def value_resource(name: str, title: str, key_fields: list[dict], rows: list[list[str]], folder: Path,
                   extra_fks: list[dict] | None = None, package: str = "") -> tuple[dict, list[dict]]:
    """Write the value resource after the audit's corrections; return its descriptor and final rows."""
    fields = [{"name": "record_id", "type": "string", "constraints": {"required": True, "unique": True},
               "description": "stable record id; diffs between versions are keyed on it"}] + key_fields + COMMON_FIELDS
    names = [f["name"] for f in fields]
    dicts = [dict(zip(names, r)) for r in rows]
    dicts = audit.apply(package, dicts)
    write_csv(folder / f"{name}.csv", names, [[d.get(n, "") for n in names] for d in dicts])
    fks = [{"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}] + (extra_fks or [])
    return ({"name": name, "title": title, "path": f"{name}.csv", "format": "csv", "mediatype": "text/csv",
             "encoding": "utf-8", "schema": {"fields": fields, "primaryKey": ["record_id"], "foreignKeys": fks}},
            dicts)


def string_field(name: str, description: str = "", required: bool = False) -> dict:
    f = {"name": name, "type": "string", "description": description}
    if required:
        f["constraints"] = {"required": True}
    return f


# ------------------------------------------------------------------ fuel parameters
def fuel_family_key(record_id: str, document: str) -> str:
    prefix = record_id.split("-")[1]
    if prefix == "NCSC2026" and "生物质" in document:
        return "NCSC2026BIO"
    return prefix


def build_fuels(shared: Path) -> None:
    folder = OUT / "cn-fuel-parameters"
    folder.mkdir(parents=True, exist_ok=True)
    by_name = {}
    for fid, zh, en, _, aliases in FUELS:
        for n in [zh, en] + aliases:
            by_name[n] = fid
    rows, families = [], {}
    for r in read(shared, "china_fuel_parameters.csv"):
        if r["verification"] in EXCLUDED_VERIFICATION:
            continue
        key = fuel_family_key(r["record_id"], r["document"])
        fam_id, fam_title = FUEL_FAMILIES[key]
        src, _ = split_sources(r["source_id"])
        fam = families.setdefault(fam_id, {"document": r["document"], "doc_number": r["doc_number"],
                                           "source_id": src, "title": fam_title})
        if (fam["document"], fam["source_id"]) != (r["document"], src):
            sys.exit(f"{r['record_id']}: family {fam_id} would mix documents")
        fid = by_name.get(r["fuel_zh"]) or by_name.get(r["fuel_en"])
        if fid is None:
            sys.exit(f"{r['record_id']}: fuel '{r['fuel_zh']}' / '{r['fuel_en']}' has no catalogue entry")
        loc = r["table_or_clause"] + (f"; upstream record {r['upstream_record_id']}" if r["upstream_record_id"] else "")
        rows.append([r["record_id"], fam_id, fid, r["fuel_zh"], r["parameter"]]
                    + common(r, r["value"], r["unit"], r["value_as_printed"], r["unit_as_printed"], loc))
    fuels = [[fid, zh, en, cls, "|".join(al)] for fid, zh, en, cls, al in FUELS]
    write_csv(folder / "fuels.csv", ["fuel_id", "name_zh", "name_en", "fuel_class", "aliases"], fuels)
    fam_rows = [[fid, f["title"], f["document"], f["doc_number"], f["source_id"]] for fid, f in families.items()]
    fam_rows += audit.EXTRA_FAMILIES
    write_csv(folder / "families.csv", ["family_id", "title", "document", "doc_number", "source_id"], fam_rows)
    value_res, final = value_resource("parameters", "Fuel parameters: NCV, carbon content per heat, oxidation rate, CO2 factors", [
            string_field("family_id", "parameter family / edition (key into 'families'); never pair an NCV "
                                      "from one family with a carbon content from another", True),
            string_field("fuel_id", "canonical fuel (key into 'fuels')", True),
            string_field("fuel_name_as_printed", "fuel name as printed in the source"),
            {"name": "parameter", "type": "string", "constraints": {"required": True, "enum": list(FUEL_UNIT_RULES)},
             "description": "ncv: net calorific value; carbon_content_per_heat; oxidation_rate; co2_ef_per_heat; "
                            "co2_ef_per_mass_or_volume"},
        ], rows, folder, [
            {"fields": "family_id", "reference": {"resource": "families", "fields": "family_id"}},
            {"fields": "fuel_id", "reference": {"resource": "fuels", "fields": "fuel_id"}},
        ], package="cn-fuel-parameters")
    resources = [
        value_res,
        {"name": "fuels", "title": "Fuel catalogue with Chinese and English names and aliases", "path": "fuels.csv",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [
             {"name": "fuel_id", "type": "string", "constraints": {"required": True, "unique": True}},
             string_field("name_zh", "中文名称", True), string_field("name_en", "English name", True),
             {"name": "fuel_class", "type": "string", "constraints": {"enum": ["solid", "liquid", "gas", "biomass"]}},
             string_field("aliases", "other names used by sources, '|'-separated"),
         ], "primaryKey": ["fuel_id"]}},
        {"name": "families", "title": "Parameter families (one document each)", "path": "families.csv",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [
             {"name": "family_id", "type": "string", "constraints": {"required": True, "unique": True}},
             string_field("title"), string_field("document", "the one document every row of the family comes from"),
             string_field("doc_number"), string_field("source_id", "key into 'sources'", True),
         ], "primaryKey": ["family_id"],
             "foreignKeys": [{"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}]}},
    ]
    resources.append(sources_resource(folder, shared, "cn-fuel-parameters", final))
    descriptor = {
        "name": "cn-fuel-parameters",
        "title": "Chinese fuel parameters for CO2 accounting: NCV, carbon content, oxidation rate (by family)",
        "description": (
            "Net calorific values, carbon content per unit heat, oxidation rates and CO2 factors of fuels, one row "
            "per value and per parameter family (a family = one document or database edition). Two Chinese "
            "families differ by up to 18.6% in NCV: never combine parameters across families. Family SEED003 "
            "reproduces seed 003 Table 5 exactly as printed (its oxidation rates look swapped relative to the "
            "guidelines) so that the published study can be re-run. Recollection-only values are excluded."),
        "version": audit.version("cn-fuel-parameters"),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Compilation: Creative Commons Attribution 4.0; values belong to their sources"}],
        "keywords": ["emission factors", "排放因子", "低位发热量", "单位热值含碳量", "碳氧化率"],
        "carbon": {"kind": "fuel_parameters", "valueResource": "parameters", "familyField": "family_id",
                   "defaultFamily": "GBT32151.22-2024", "quantityKey": ["fuel_id", "parameter"],
                   "unitRules": {"by": "parameter", "dimensions": FUEL_UNIT_RULES},
                   "nameResource": "fuels", "nameKey": "fuel_id"},
        "resources": resources,
    }
    write_package(folder, descriptor, audit.changelog("cn-fuel-parameters", "First release: "
                  f"{len(rows)} values in {len(families)} families for {len({r[2] for r in rows})} fuels; "
                  "seed 003 Table 5 as family SEED003.\n"))


# ------------------------------------------------------------------ coal equivalent
ENERGY_IDS = {
    "原煤": "raw_coal", "洗精煤": "washed_coal", "其他洗煤—洗中煤": "middlings", "其他洗煤—煤泥": "coal_slime",
    "煤制品 (型煤)": "briquettes", "煤矸石": "coal_gangue", "焦炭": "coke", "原油": "crude_oil",
    "燃料油": "fuel_oil", "汽油": "gasoline", "煤油": "kerosene", "柴油": "diesel", "煤焦油": "coal_tar",
    "渣油": "residual_oil", "液化石油气": "lpg", "炼厂干气": "refinery_dry_gas",
    "油田天然气": "natural_gas_oilfield", "气田天然气": "natural_gas_gasfield", "液化天然气": "lng",
    "焦炉煤气": "coke_oven_gas", "高炉煤气": "blast_furnace_gas", "转炉煤气": "converter_gas",
    "发生炉煤气": "producer_gas", "重油催化裂解煤气": "heavy_oil_catalytic_gas",
    "重油热裂解煤气": "heavy_oil_thermal_gas", "焦炭制气": "coke_made_gas", "压力气化煤气": "pressure_gasification_gas",
    "水煤气": "water_gas", "煤矿瓦斯": "coal_mine_methane", "石脑油": "naphtha", "润滑油": "lubricants",
    "石蜡": "paraffin_wax", "溶剂油": "solvent_oil", "石油沥青": "petroleum_bitumen", "石油焦": "petroleum_coke",
    "其他石油制品": "other_petroleum_products", "其他焦化产品": "other_coking_products", "生物乙醇": "bio_ethanol",
    "甲醇": "methanol", "氢气": "hydrogen", "电力(当量值)": "electricity", "热力": "heat",
    "蒸汽(低压)": "steam_low_pressure", "新水": "fresh_water", "软水": "softened_water", "除氧水": "deaerated_water",
    "标准煤定义": "kgce_definition",
    "燃气(天然气)": "natural_gas", "成品油(煤油)": "refined_oil_kerosene", "外购电力": "electricity",
}
ENERGY_ALIASES = {
    "electricity": ["电力", "外购电力", "电", "purchased electricity"], "heat": ["热力", "外购热力", "蒸汽"],
    "natural_gas": ["天然气", "燃气", "燃气(天然气)"], "refined_oil_kerosene": ["成品油"], "briquettes": ["煤制品", "型煤"],
    "lpg": ["liquefied petroleum gas"], "lng": ["liquefied natural gas"], "middlings": ["洗中煤"], "coal_slime": ["煤泥"],
}


def build_coal_equivalent(shared: Path) -> None:
    folder = OUT / "cn-coal-equivalent"
    folder.mkdir(parents=True, exist_ok=True)
    rows, energies = [], {}
    for r in read(shared, "coal_equivalent_coefficients.csv"):
        if r["verification"] in EXCLUDED_VERIFICATION:
            continue
        fam = "SEED003" if r["record_id"].startswith("SEED003") else "GB2589-2020"
        eid = ENERGY_IDS[r["energy_zh"]]
        en = r["energy_en"].split(" (seed003")[0]
        energies.setdefault(eid, [eid, r["energy_zh"] if fam != "SEED003" or eid not in energies else "", en])
        unit, printed_unit = r["unit"], r["unit"]
        if r["record_id"] == "CE-DEF-KGCE":  # the definition row: 29307 kJ per kgce
            unit = "kJ/kgce"
        ncv = f"{r['ncv_value_as_printed']} {r['ncv_unit']}".strip()
        rows.append([r["record_id"], fam, eid, r["energy_zh"], ncv, r["value_range_max"]]
                    + common(r, r["value"], unit, r["value"], printed_unit, r["table_or_clause"],
                             "SEED003" if fam == "SEED003" else "CE-TRANS"))
    for eid in ("natural_gas", "refined_oil_kerosene"):  # seed-only names: take the canonical fuel names
        energies[eid][1] = {"natural_gas": "天然气", "refined_oil_kerosene": "成品油(煤油)"}[eid]
        energies[eid][2] = {"natural_gas": "natural gas", "refined_oil_kerosene": "refined oil product (kerosene)"}[eid]
    energies["electricity"][1:3] = ["电力", "electricity"]
    erows = [[e[0], e[1], e[2], "|".join(ENERGY_ALIASES.get(e[0], []))] for e in energies.values()]
    write_csv(folder / "energies.csv", ["energy_id", "name_zh", "name_en", "aliases"], erows)
    fam_rows = [["GB2589-2020", "GB/T 2589—2020 综合能耗计算通则 附录A 各种能源折标准煤参考系数 (via transcriptions)",
                 "GB/T 2589—2020", "CE-TRANS"],
                ["SEED003", "Seed 003 Table 4 不同能源折标煤的系数, exactly as printed", "", "SEED003"]]
    write_csv(folder / "families.csv", ["family_id", "title", "doc_number", "source_id"], fam_rows)
    value_res, final = value_resource("coefficients", "Coal-equivalent coefficients (kgce per physical unit)", [
            string_field("family_id", "GB2589-2020 (national standard reference coefficients) or SEED003", True),
            string_field("energy_id", "key into 'energies'", True),
            string_field("energy_name_as_printed", "energy name as printed"),
            string_field("ncv_as_printed", "the calorific value printed beside the coefficient"),
            string_field("value_range_max", "upper end where the source prints a range"),
        ], rows, folder, [
            {"fields": "family_id", "reference": {"resource": "families", "fields": "family_id"}},
            {"fields": "energy_id", "reference": {"resource": "energies", "fields": "energy_id"}},
        ], package="cn-coal-equivalent")
    resources = [
        value_res,
        {"name": "energies", "title": "Energy carriers with Chinese and English names", "path": "energies.csv",
         "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [{"name": "energy_id", "type": "string", "constraints": {"required": True, "unique": True}},
                               string_field("name_zh", "中文名称", True), string_field("name_en", "English name", True),
                               string_field("aliases", "'|'-separated")], "primaryKey": ["energy_id"]}},
        {"name": "families", "title": "Coefficient families", "path": "families.csv", "format": "csv",
         "mediatype": "text/csv", "encoding": "utf-8",
         "schema": {"fields": [{"name": "family_id", "type": "string", "constraints": {"required": True, "unique": True}},
                               string_field("title"), string_field("doc_number"),
                               string_field("source_id", "key into 'sources'", True)], "primaryKey": ["family_id"],
                    "foreignKeys": [{"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}]}},
    ]
    resources.append(sources_resource(folder, shared, "cn-coal-equivalent", final))
    descriptor = {
        "name": "cn-coal-equivalent",
        "title": "Coal-equivalent conversion coefficients (折标准煤系数), GB/T 2589 and seed 003 Table 4",
        "description": ("Coefficients converting physical quantities of energy to coal equivalent (1 kgce = 29 307 kJ). "
                        "Electricity 0.1229 kgce/kWh is the calorific-equivalent basis (当量值); the primary-energy "
                        "basis (等价值) is a different quantity. Family SEED003 reproduces seed 003 Table 4 exactly."),
        "version": audit.version("cn-coal-equivalent"),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Compilation: Creative Commons Attribution 4.0; values belong to their sources"}],
        "keywords": ["coal equivalent", "折标准煤系数", "GB/T 2589"],
        "carbon": {"kind": "coal_equivalent", "valueResource": "coefficients", "familyField": "family_id",
                   "defaultFamily": "GB2589-2020", "quantityKey": ["energy_id"],
                   "unitRules": {"dimensions": {"*": ["[energy]/[mass]", "[energy]/[volume]", "dimensionless"]}},
                   "nameResource": "energies", "nameKey": "energy_id"},
        "resources": resources,
    }
    write_package(folder, descriptor, audit.changelog("cn-coal-equivalent", "First release: "
                  f"{len(rows)} coefficients (GB/T 2589—2020 reference table via transcriptions; seed 003 Table 4).\n"))


# ------------------------------------------------------------------ grid factors
def build_grid(shared: Path) -> None:
    folder = OUT / "cn-grid-factors"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for r in read(shared, "china_grid_emission_factors.csv"):
        if r["verification"] in EXCLUDED_VERIFICATION:
            continue
        year = r["data_year"] if r["data_year"].isdigit() else ""
        loc = f"{r['issuing_document']}" + (f" ({r['doc_number']})" if r["doc_number"] else "")
        rows.append([r["record_id"], r["factor_type"], r["region_level"], r["region_zh"], r["region_en"], year,
                     r["data_year"], r["issuing_document"], r["doc_number"], r["publication_date"], r["applies_to"],
                     r["upstream_record_id"], "", ""] + common(r, r["value"], r["unit"], r["value"], r["unit"], loc))
    types = sorted({r[1] for r in rows})
    value_res, final = value_resource("factors", "Electricity (and heat) CO2 emission factors", [
        {"name": "factor_type", "type": "string", "constraints": {"required": True, "enum": types},
         "description": "avg_incl_all: average factor incl. all generation (location-based scope 2); "
                        "avg_excl_market_nonfossil: excluding market-traded non-fossil power; fossil: fossil "
                        "generation only; baseline_OM: CDM/CCER operating-margin baseline; regional_avg_2012; "
                        "reporting_default: factor prescribed for enterprise reporting; heat_default: purchased heat; "
                        "sector_intensity_generation: generation-side intensity (not a scope-2 factor)"},
        {"name": "region_level", "type": "string", "constraints": {"required": True,
                                                                  "enum": ["national", "regional", "provincial"]}},
        string_field("region_zh", "区域/省份", True), string_field("region_en", "region or province", True),
        {"name": "data_year", "type": "integer", "description": "year the factor describes (blank where not a single year)"},
        string_field("data_year_as_printed", "the year statement as printed"),
        string_field("issuing_document"), string_field("doc_number", "文号"), string_field("publication_date"),
        string_field("applies_to", "what the factor is meant for"),
        string_field("upstream_record_id", "record id in the official database, where read from it"),
        {"name": "report_year_from", "type": "integer",
         "description": "reporting defaults: first report year (year whose emissions are reported) it applies to "
                        "(blank: not known; lookups then cover report_year_to only)"},
        {"name": "report_year_to", "type": "integer",
         "description": "reporting defaults: last report year it applies to (blank: not known)"},
    ], rows, folder, package="cn-grid-factors")
    resources = [value_res, audit.gaps_resource(folder),
                 sources_resource(folder, shared, "cn-grid-factors", final)]
    descriptor = {
        "name": "cn-grid-factors",
        "title": "China electricity CO2 emission factors (national, regional, provincial) and the heat default",
        "description": ("Electricity CO2 factors by data year, region and factor type with the issuing document and "
                        "number (MEE/NBS announcements 2024-12, 2024-33, 2025-47; NDRC OM baselines; reporting "
                        "defaults), plus the purchased-heat default 0.11 tCO2/GJ. Note two different '2022' "
                        "factors: 0.5366 describes data year 2022, 0.5703 is the reporting default of 2023. "
                        "SEED003-GRID-0.581 reproduces seed 003's 0.581 tCO2/MWh as printed."),
        "version": audit.version("cn-grid-factors"),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Compilation: Creative Commons Attribution 4.0; values belong to their sources"}],
        "keywords": ["grid emission factor", "电力二氧化碳排放因子", "scope 2"],
        "carbon": {"kind": "grid_factors", "valueResource": "factors", "familyField": None,
                   "quantityKey": ["factor_type", "region_en", "data_year"],
                   "unitRules": {"dimensions": {"*": ["[mass]/[energy]"]}}},
        "resources": resources,
    }
    write_package(folder, descriptor, audit.changelog("cn-grid-factors", "First release: "
                  f"{len(rows)} factors, data years 2012-2023, national/regional/provincial; heat default.\n"))


# ------------------------------------------------------------------ GWP
def build_gwp(shared: Path) -> None:
    folder = OUT / "gwp-values"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [[r["record_id"], r["gas"], r["report"], r["time_horizon_years"]]
            + common(r, r["value"], r["unit"], r["value"], r["unit"], "GWP-100 table")
            for r in read(shared, "gwp_values.csv") if r["verification"] not in EXCLUDED_VERIFICATION]
    value_res, final = value_resource("gwp", "GWP-100 by gas and IPCC assessment report", [
        string_field("gas", "gas (CH4, N2O, SF6, HFCs, PFCs, NF3)", True),
        {"name": "report", "type": "string", "constraints": {"required": True,
                                                             "enum": ["SAR", "TAR", "AR4", "AR5", "AR5CCF", "AR6"]},
         "description": "IPCC assessment report; AR5CCF = AR5 with climate-carbon feedbacks"},
        {"name": "time_horizon_years", "type": "integer"},
    ], rows, folder, package="gwp-values")
    resources = [value_res, sources_resource(folder, shared, "gwp-values", final)]
    descriptor = {
        "name": "gwp-values", "title": "Global warming potentials (GWP-100) for SAR, TAR, AR4, AR5, AR6",
        "description": ("100-year GWP by gas for the IPCC SAR, TAR, AR4, AR5 (with and without climate-carbon "
                        "feedbacks) and AR6, in kg CO2e per kg of gas. China's older guidelines use SAR "
                        "(CH4 = 21, as seed 002); national reporting moves to AR5/AR6 — state the set used."),
        "version": audit.version("gwp-values"),
        "licenses": [{"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
                      "title": "CC0 (openclimatedata compilation); values from IPCC reports"}],
        "keywords": ["GWP", "全球增温潜势"],
        "carbon": {"kind": "gwp", "valueResource": "gwp", "familyField": None, "quantityKey": ["gas", "report"],
                   "unitRules": {"dimensions": {"*": ["dimensionless"]}}},
        "resources": resources,
    }
    write_package(folder, descriptor, audit.changelog("gwp-values", "First release: "
                  f"{len(rows)} GWP-100 values.\n"))


# ------------------------------------------------------------------ IPCC defaults
IPCC_RULES = {
    "ncv_default": ["[energy]/[mass]"], "co2_ef_default": ["[mass]/[energy]"], "carbon_content_default": ["[mass]/[energy]"],
    "ch4_ef_default": ["[mass]/[energy]"], "n2o_ef_default": ["[mass]/[energy]"], "oxidation_factor_default": ["dimensionless"],
}


def build_ipcc(shared: Path) -> None:
    folder = OUT / "ipcc2006-energy-defaults"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [[r["record_id"], r["fuel_en"], r["parameter"]]
            + common(r, r["value"], r["unit"], r["value"], r["unit"], r["ipcc_table"])
            for r in read(shared, "ipcc2006_fuel_defaults.csv") if r["verification"] not in EXCLUDED_VERIFICATION]
    value_res, final = value_resource("defaults", "IPCC 2006 Vol. 2 energy defaults", [
        string_field("fuel_en", "fuel (IPCC name) or fuel class and sector for CH4/N2O", True),
        {"name": "parameter", "type": "string", "constraints": {"required": True, "enum": list(IPCC_RULES)}},
    ], rows + audit.ipcc_new_rows(), folder, package="ipcc2006-energy-defaults")
    resources = [value_res, sources_resource(folder, shared, "ipcc2006-energy-defaults", final)]
    descriptor = {
        "name": "ipcc2006-energy-defaults", "title": "IPCC 2006 Guidelines Vol. 2 energy defaults",
        "description": ("Default net calorific values (Table 1.2), carbon contents (1.3), CO2 emission factors (1.4, "
                        "oxidation factor 1) and stationary-combustion CH4/N2O factors (Ch. 2, Tables 2.2-2.5)."),
        "version": audit.version("ipcc2006-energy-defaults"),
        "licenses": [{"name": "other-at", "title": "IPCC Guidelines values; attribution required"}],
        "keywords": ["IPCC 2006", "default emission factors"],
        "carbon": {"kind": "ipcc_defaults", "valueResource": "defaults", "familyField": None,
                   "quantityKey": ["fuel_en", "parameter"],
                   "unitRules": {"by": "parameter", "dimensions": IPCC_RULES}},
        "resources": resources,
    }
    write_package(folder, descriptor, audit.changelog("ipcc2006-energy-defaults", "First release: "
                  f"{len(rows)} default values.\n"))


# ------------------------------------------------------------------ conflict notes
def build_conflict_notes(shared: Path) -> None:
    """Curated explanations of known disagreements between sources, keyed to record ids."""
    import re

    folder = OUT / "factor-conflict-notes"
    folder.mkdir(parents=True, exist_ok=True)
    cols = ["record_id", "topic", "item", "parameter", "record_a", "value_a", "record_b", "value_b",
            "relative_difference_pct", "likely_explanation", "recommendation"]
    rows = []
    for r in read(shared, "conflicts.csv"):
        ids = []
        for side in ("record_a", "record_b"):
            m = re.match(r"^([A-Z][A-Z0-9]*(?:[-.][A-Za-z0-9_.]+)+)", r[side].strip())
            ids.append(m.group(1) if m else "")
        rows.append([r[c] for c in cols] + ids)
    names = cols + ["record_a_id", "record_b_id"]
    rows = [[d[n] for n in names] for d in audit.apply("factor-conflict-notes", [dict(zip(names, r)) for r in rows])]
    write_csv(folder / "notes.csv", names, rows)
    fields = [{"name": "record_id", "type": "string", "constraints": {"required": True, "unique": True}},
              string_field("topic"), string_field("item", "fuel, energy carrier, region or gas"), string_field("parameter"),
              string_field("record_a", "first record as cited (may carry a note, e.g. '(x44/12)')"),
              string_field("value_a"), string_field("record_b", "second record as cited"), string_field("value_b"),
              string_field("relative_difference_pct", "(b - a) / a in %, as computed by the curator"),
              string_field("likely_explanation"), string_field("recommendation"),
              string_field("record_a_id", "record id of record_a in the factor packages ('' if none)"),
              string_field("record_b_id", "record id of record_b in the factor packages ('' if none)")]
    descriptor = {
        "name": "factor-conflict-notes",
        "title": "Known conflicts between factor sources, explained",
        "description": ("Curated notes on disagreements between sources for the same quantity — the two Chinese "
                        "parameter families, seed 003's swapped oxidation rates, the two different '2022' grid factors, "
                        "GWP editions — with the likely explanation and a recommendation. Record ids refer to the factor "
                        "packages; 'carbon factors conflicts' shows these notes beside the computed conflicts."),
        "version": audit.version("factor-conflict-notes"),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "resources": [{"name": "notes", "title": "Conflict notes", "path": "notes.csv", "format": "csv",
                       "mediatype": "text/csv", "encoding": "utf-8",
                       "schema": {"fields": fields, "primaryKey": ["record_id"]}}],
    }
    write_package(folder, descriptor, audit.changelog("factor-conflict-notes", "First release: "
                  f"{len(rows)} curated notes.\n"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    if not (args.shared / "reference" / "factors").is_dir():
        sys.exit(f"no reference set at {args.shared}; pass --shared PATH")
    build_fuels(args.shared)
    build_coal_equivalent(args.shared)
    build_grid(args.shared)
    build_gwp(args.shared)
    build_ipcc(args.shared)
    build_conflict_notes(args.shared)
    audit.build_footprint(OUT / "cn-electricity-footprint")
    print("factor packages written to", OUT)


if __name__ == "__main__":
    main()
