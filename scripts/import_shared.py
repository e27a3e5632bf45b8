"""Build the IO and emissions data packages from the project's shared reference set.

Run from the repository root with the reference set beside the checkout:

    python scripts/import_shared.py [--shared ../shared]

Values are copied as text, byte for byte as printed in the reference CSVs, so no float
formatting can change a figure. Each resource gets its sha256 hash and byte count; the
package descriptors, sources and units are written here so a rebuild is reproducible.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from package_files import write_csv, shared_folder, write_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "datapackages"

NBS_SOURCE = {
    "id": "NBS-IO",
    "title": "China Input-Output Tables (中国投入产出表), national, as distributed in the project's reference set",
    "publisher": "National Bureau of Statistics of China (国家统计局)",
    "path": "https://data.stats.gov.cn/",
}

CEADS_SOURCES = [
    {
        "id": "SHAN2020",
        "title": "Shan Y, Huang Q, Guan D, Hubacek K (2020). China CO2 emission accounts 2016-2017. "
                 "Scientific Data 7:54. doi:10.1038/s41597-020-0393-y",
        "path": "https://doi.org/10.1038/s41597-020-0393-y",
    },
    {
        "id": "SHAN2018",
        "title": "Shan Y, Guan D, Zheng H, et al. (2018). China CO2 emission accounts 1997-2015. "
                 "Scientific Data 5:170201. doi:10.1038/sdata.2017.201",
        "path": "https://doi.org/10.1038/sdata.2017.201",
    },
    {
        "id": "CEADS",
        "title": "CEADs China CO2 Inventory 1997-2019 (IPCC sectoral emissions, sheet 2017) and "
                 "Emission Inventories for 30 Provinces 2017 (sheet Guangdong2017)",
        "publisher": "Carbon Emission Accounts & Datasets (CEADs)",
        "path": "https://www.ceads.net/",
    },
]

S11_EN = {
    "S1": "Agriculture, forestry, animal husbandry and fishery",
    "S2": "Mining",
    "S3": "Food and tobacco",
    "S4": "Textiles, leather, wood, paper",
    "S5": "Coking, chemicals, non-metallic minerals and metals",
    "S6": "Machinery and equipment",
    "S7": "Electricity, gas and water supply",
    "S8": "Construction",
    "S9": "Transport, storage and post",
    "S10": "Wholesale, retail, accommodation and catering",
    "S11": "Other services",
}
S11_ZH = {
    "S1": "农林牧渔业", "S2": "采掘业", "S3": "食品制造和烟草加工业", "S4": "纺织皮革木材造纸制造业",
    "S5": "炼焦化工金属产品制造业", "S6": "机械设备制造业", "S7": "电力燃气及水的生产供应业",
    "S8": "建筑业", "S9": "交通运输、仓储和邮政业", "S10": "批发零售住宿餐饮业", "S11": "其他服务业",
}
# Seed 000 Table 1: IO-42 product codes in each of the 11 sectors.
S11_MEMBERS = {
    "S1": ["01"], "S2": ["02", "03", "04", "05"], "S3": ["06"], "S4": ["07", "08", "09", "10"],
    "S5": ["11", "12", "13", "14", "15"], "S6": [f"{i:02d}" for i in range(16, 24)],
    "S7": ["24", "25", "26"], "S8": ["27"], "S9": ["29"], "S10": ["28", "30"],
    "S11": [f"{i:02d}" for i in range(31, 43)],
}

# The same 11 sectors for the earlier 42-product classifications (codes mean other products there):
# assigned by product content following seed 000 Table 1. The project's mapping, not a published one.
S11_MEMBERS_BY_CLASSIFICATION = {
    "io42-2012": {
        "S1": ["01"], "S2": ["02", "03", "04", "05"], "S3": ["06"], "S4": ["07", "08", "09", "10"],
        "S5": ["11", "12", "13", "14", "15"], "S6": [f"{i:02d}" for i in range(16, 25)],
        "S7": ["25", "26", "27"], "S8": ["28"], "S9": ["30"], "S10": ["29", "31"],
        "S11": [f"{i:02d}" for i in range(32, 43)],
    },
    "io42-2007": {
        "S1": ["01"], "S2": ["02", "03", "04", "05"], "S3": ["06"], "S4": ["07", "08", "09", "10"],
        "S5": ["11", "12", "13", "14", "15"], "S6": [f"{i:02d}" for i in range(16, 23)],
        "S7": ["23", "24", "25"], "S8": ["26"], "S9": ["27", "28"], "S10": ["30", "31"],
        "S11": ["29"] + [f"{i:02d}" for i in range(32, 43)],
    },
}
S11_MEMBERS_BY_CLASSIFICATION["io42-2002"] = S11_MEMBERS_BY_CLASSIFICATION["io42-2007"]

FINAL_USE_NAMES = {
    "TIU": "total intermediate use", "FU101": "rural household consumption",
    "FU102": "urban household consumption", "THC": "household consumption",
    "FU103": "government consumption", "TC": "final consumption",
    "FU201": "gross fixed capital formation", "FU202": "changes in inventories",
    "GCF": "gross capital formation", "EX": "exports", "TFU": "total final use",
    "IM": "imports", "GO": "gross output",
}








def num_field(name: str, description: str, unit: str) -> dict:
    return {"name": name, "type": "number", "description": description, "unit": unit}


def io_table(shared: Path, src_name: str, folder: Path, res_name: str, year: int, layout: str) -> dict:
    rows = list(csv.reader(open(shared / "reference" / "io" / src_name, encoding="utf-8")))
    header = rows[0]
    has_origin = "Origin" in header
    value_cols = header[5:] if has_origin else header[4:]
    sector_codes = [c for c in value_cols if c.isdigit()]
    out = []
    for r in rows[1:]:
        code, en, zh = r[1], r[2], r[3]
        origin = r[4] if has_origin else ""
        vals = r[5:] if has_origin else r[4:]
        if code.isdigit():
            block = {"Domestic": "domestic", "Imports": "imports", "": "product"}[origin]
        elif code.startswith("VA") or code == "TVA":
            block = "value_added"
        else:
            block = "total"
        out.append([block, code, en, zh] + vals)
    _check_balance(out, value_cols, src_name)
    path = f"{res_name}.csv"
    write_csv(folder / path, ["block", "row_code", "row_name_en", "row_name_zh"] + value_cols, out)
    fields = [
        {"name": "block", "type": "string", "constraints": {"required": True,
                                                            "enum": ["domestic", "imports", "product", "value_added", "total"]},
         "description": "domestic / imports: products by origin (non-competitive-import layout); product: products "
                        "incl. imports (competitive-import layout); value_added and total: input rows"},
        {"name": "row_code", "type": "string", "constraints": {"required": True},
         "description": "product code (IO classification) or input-row code (TII, VA001-VA004, TVA, TI)"},
        {"name": "row_name_en", "type": "string", "description": "row name, English"},
        {"name": "row_name_zh", "type": "string", "description": "row name, Chinese (中文名称)"},
    ]
    for c in value_cols:
        desc = f"intermediate use by product {c}" if c.isdigit() else FINAL_USE_NAMES.get(c, c)
        fields.append(num_field(c, desc, "10^4 yuan"))
    return {
        "name": res_name,
        "title": f"China national input-output table {year}, {len(sector_codes)} products ({layout})",
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "unit": "10^4 yuan (万元), current prices",
        "year": year,
        "region": "china",
        "import_layout": layout,
        "sources": [{"title": NBS_SOURCE["title"], "path": NBS_SOURCE["path"]}],
        "schema": {"fields": fields, "primaryKey": ["block", "row_code"]},
    }


def _check_balance(rows: list[list[str]], cols: list[str], name: str) -> None:
    """Refuse to import a table whose product rows do not balance (GO = TIU + TFU [- IM])."""
    i_tiu, i_tfu, i_go = (cols.index(c) + 4 for c in ("TIU", "TFU", "GO"))
    i_im = cols.index("IM") + 4 if "IM" in cols else None
    for r in rows:
        if r[0] not in ("domestic", "product"):
            continue
        go = float(r[i_go])
        rhs = float(r[i_tiu]) + float(r[i_tfu]) - (float(r[i_im]) if i_im is not None and r[i_im] else 0.0)
        if abs(go - rhs) > 1e-6 * max(1.0, abs(go)):
            sys.exit(f"{name}: row {r[1]} does not balance: GO={go} vs TIU+TFU-IM={rhs}")


def build_io(shared: Path) -> None:
    folder = OUT / "china-io-42"
    folder.mkdir(parents=True, exist_ok=True)
    resources = [io_table(shared, f"china_{y}_42.csv", folder, f"io_{y}", y, "non-competitive imports")
                 for y in (2017, 2018, 2020)]
    # The 42-product classification with names, taken from the 2017 table's domestic rows.
    rows = list(csv.reader(open(shared / "reference" / "io" / "china_2017_42.csv", encoding="utf-8")))
    sectors = [[r[1], r[3], r[2]] for r in rows[1:] if r[4] == "Domestic"]
    write_csv(folder / "sectors.csv", ["code", "name_zh", "name_en"], sectors)
    resources.append({
        "name": "sectors", "title": "IO-42 product classification", "path": "sectors.csv", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [
            {"name": "code", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "name_zh", "type": "string", "description": "中文名称"},
            {"name": "name_en", "type": "string", "description": "English name"},
        ], "primaryKey": ["code"]},
    })
    descriptor = {
        "name": "china-io-42",
        "title": "China national input-output tables 2017, 2018, 2020 (42 products, non-competitive imports)",
        "description": (
            "National input-output tables of China with 42 products in the non-competitive-import layout: "
            "product rows by origin (domestic, imports), then total intermediate input, value-added rows "
            "and total input; columns 01-42 intermediate use, TIU, final use (TC, FU201, FU202, EX, TFU) "
            "and GO. Domestic rows balance: GO = TIU + TFU. All values in 10^4 yuan (万元), current prices. "
            "For IO analysis the domestic block is Z and GO is x. Source files: reference set "
            "reference/io/china_{2017,2018,2020}_42.csv."),
        "version": "1.0.1",
        "licenses": [{"name": "other-at", "title": "Official statistics of the National Bureau of Statistics of China; "
                      "attribution required"}],
        "sources": [NBS_SOURCE],
        "keywords": ["input-output", "China", "投入产出表"],
        "resources": resources,
    }
    write_package(folder, descriptor, CHANGELOG_IO42)

    folder = OUT / "china-io-detailed"
    folder.mkdir(parents=True, exist_ok=True)
    resources = [
        io_table(shared, "china_2017_149.csv", folder, "io_2017_149", 2017, "competitive imports"),
        io_table(shared, "china_2018_153.csv", folder, "io_2018_153", 2018, "competitive imports"),
        io_table(shared, "china_2020_153.csv", folder, "io_2020_153", 2020, "competitive imports"),
    ]
    descriptor = {
        "name": "china-io-detailed",
        "title": "China national input-output tables, detailed: 2017 (149 products), 2018 and 2020 (153 products)",
        "description": (
            "Detailed national input-output tables of China in the competitive-import layout: product rows "
            "(domestic and imported together), total intermediate input, value-added rows and total input; "
            "columns: intermediate use by product, TIU, final use, TFU, IM (imports) and GO, with "
            "GO = TIU + TFU - IM. Values in 10^4 yuan (万元), current prices. Because imports are inside Z, "
            "balancing final demand y = x - Z·1 = TFU - IM can be negative for import-heavy products."),
        "version": "1.0.1",
        "licenses": descriptor["licenses"],
        "sources": [NBS_SOURCE],
        "keywords": ["input-output", "China", "投入产出表"],
        "resources": resources,
    }
    write_package(folder, descriptor, CHANGELOG_DETAILED)


def build_concordance() -> None:
    folder = OUT / "concordance-io42-s11"
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "s11_sectors.csv", ["code", "name_zh", "name_en"],
              [[k, S11_ZH[k], S11_EN[k]] for k in S11_EN])
    io42 = {r[0]: r for r in csv.reader(open(OUT / "china-io-42" / "sectors.csv", encoding="utf-8"))}
    rows = []
    for s, members in S11_MEMBERS.items():
        for code in members:
            rows.append([code, io42[code][1], io42[code][2], s])
    rows.sort(key=lambda r: r[0])
    write_csv(folder / "io42_to_s11.csv", ["io42_code", "io42_name_zh", "io42_name_en", "s11_code"], rows)
    older = []
    cls_file = OUT / "china-provincial-io-42" / "classifications.csv"
    if not cls_file.is_file():
        sys.exit("run scripts/import_provincial_io.py first: the older classifications come from its package")
    names = {(r[0], r[1]): r for r in csv.reader(open(cls_file, encoding="utf-8"))}
    for cls, members in S11_MEMBERS_BY_CLASSIFICATION.items():
        crow = sorted([[code, names[(cls, code)][2], names[(cls, code)][3], s] for s, codes in members.items()
                       for code in codes])
        if [r[0] for r in crow] != [f"{i:02d}" for i in range(1, 43)]:
            sys.exit(f"{cls}: the S1-S11 members do not cover 01-42 exactly once")
        res = f"io42_{cls[-4:]}_to_s11"
        write_csv(folder / f"{res}.csv", ["io42_code", "io42_name_zh", "io42_name_en", "s11_code"], crow)
        older.append({"name": res, "title": f"IO-42 product ({cls} classification) → S1-S11", "path": f"{res}.csv",
                      "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "classification": cls,
                      "description": "Assigned by product content following seed 000 Table 1 (which is for the 2017 "
                                     "classification); the project's mapping, not a published one.",
                      "schema": {"fields": [
                          {"name": "io42_code", "type": "string", "constraints": {"required": True, "unique": True}},
                          {"name": "io42_name_zh", "type": "string"},
                          {"name": "io42_name_en", "type": "string"},
                          {"name": "s11_code", "type": "string", "constraints": {"required": True}},
                      ], "primaryKey": ["io42_code"],
                          "foreignKeys": [{"fields": "s11_code", "reference": {"resource": "s11_sectors", "fields": "code"}}]}})
    descriptor = {
        "name": "concordance-io42-s11",
        "title": "Concordance of the 42 IO products to the 11 sectors S1-S11 of seed 000 Table 1",
        "description": ("Many-to-one mapping of China's 42 IO products to 11 sectors for energy and carbon "
                        "analysis (seed 000, Table 1 行业部门分类, after Qian Mingxia et al.). Every IO-42 "
                        "code maps to exactly one sector. Seed 000 Table 1 is for the 2017 product classification "
                        "(io42_to_s11); the 2012, 2007 and 2002 classifications number their products differently "
                        "and have their own resources (io42_2012_to_s11 ...), chosen by a table's classification."),
        "version": "1.1.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"id": "SEED000", "title": "基于产业关联的碳减排绿色科技发展路径研究——以广东省为例, Table 1 行业部门分类",
                     "path": "seed document 000"}],
        "resources": [
            {"name": "s11_sectors", "title": "The 11 sectors S1-S11", "path": "s11_sectors.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [
                 {"name": "code", "type": "string", "constraints": {"required": True, "unique": True}},
                 {"name": "name_zh", "type": "string", "description": "中文名称 (seed 000 Table 1)"},
                 {"name": "name_en", "type": "string", "description": "English name"},
             ], "primaryKey": ["code"]}},
            {"name": "io42_to_s11", "title": "IO-42 product (2017 classification) → S1-S11 (seed 000 Table 1)",
             "path": "io42_to_s11.csv", "format": "csv", "classification": "io42-2017",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [
                 {"name": "io42_code", "type": "string", "constraints": {"required": True, "unique": True}},
                 {"name": "io42_name_zh", "type": "string"},
                 {"name": "io42_name_en", "type": "string"},
                 {"name": "s11_code", "type": "string", "constraints": {"required": True}},
             ], "primaryKey": ["io42_code"],
                 "foreignKeys": [{"fields": "s11_code", "reference": {"resource": "s11_sectors", "fields": "code"}}]}},
        ] + older,
    }
    write_package(folder, descriptor, CHANGELOG_CONC)


def build_ceads(shared: Path) -> None:
    folder = OUT / "ceads-co2-2017"
    folder.mkdir(parents=True, exist_ok=True)
    em = shared / "reference" / "emissions"
    resources = []
    for region, fname, sheet in (("china", "ceads_china_2017_47sectors_MtCO2.csv", "CEADs China CO2 Inventory, sheet 2017"),
                                 ("guangdong", "ceads_guangdong_2017_47sectors_MtCO2.csv", "CEADs provincial inventories, sheet Guangdong2017")):
        rows = list(csv.reader(open(em / fname, encoding="utf-8")))
        header = rows[0]
        keep = header.index("io42_codes")
        cols = ["ceads_no", "sector_en"] + [h.lower().replace(" ", "_") for h in header[2:keep]]
        write_csv(folder / f"{region}_2017.csv", cols, [r[:keep] for r in rows[1:]])
        fields = [{"name": "ceads_no", "type": "integer", "constraints": {"required": True, "unique": True}},
                  {"name": "sector_en", "type": "string", "description": "CEADs sector name"}]
        for h, c in zip(header[2:keep], cols[2:]):
            fields.append(num_field(c, f"CO2 from {h}" if "Total" not in h else "scope 1 total CO2 of the sector", "Mt CO2"))
        resources.append({
            "name": f"{region}_2017", "title": f"{region.capitalize()} 2017 CO2 by 47 sectors and fuels ({sheet})",
            "path": f"{region}_2017.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "unit": "Mt CO2", "year": 2017, "region": region,
            "schema": {"fields": fields, "primaryKey": ["ceads_no"],
                       "foreignKeys": [{"fields": "ceads_no", "reference": {"resource": "concordance", "fields": "ceads_no"}}]},
        })
    rows = list(csv.reader(open(em / "concordance_ceads47_io42_s11.csv", encoding="utf-8")))
    write_csv(folder / "concordance.csv", ["ceads_no", "ceads_sector", "io42_codes", "s11_code", "note"], rows[1:])
    resources.append({
        "name": "concordance", "title": "CEADs 47 sectors → IO-42 codes → S1-S11 (HH = households)",
        "path": "concordance.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "description": ("The S1-S11 assignment is exact; where one CEADs line lists several IO-42 codes "
                        "(separated by ';') the split among them needs an allocation key. HH marks household "
                        "final use, which belongs to no industry."),
        "schema": {"fields": [
            {"name": "ceads_no", "type": "integer", "constraints": {"required": True, "unique": True}},
            {"name": "ceads_sector", "type": "string"},
            {"name": "io42_codes", "type": "string", "description": "IO-42 product codes, ';'-separated"},
            {"name": "s11_code", "type": "string", "constraints": {"required": True,
                                                                  "enum": list(S11_EN) + ["HH"]}},
            {"name": "note", "type": "string"},
        ], "primaryKey": ["ceads_no"]},
    })
    descriptor = {
        "name": "ceads-co2-2017",
        "title": "CEADs CO2 inventories 2017, China and Guangdong, 47 sectors by fuel (Mt CO2)",
        "description": ("Scope 1 CO2 emissions (IPCC sectoral approach, apparent energy consumption) of China "
                        "and Guangdong in 2017 by 47 sectors and 17 fuels plus process emissions (cement), in "
                        "Mt CO2. Power-plant emissions sit in sector 39 (S7). Urban and rural households (46, 47) "
                        "are final use, not industries. Cite Shan et al. (2020) and Shan et al. (2018)."),
        "version": "1.0.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0 (Scientific Data articles and CEADs data)"}],
        "sources": CEADS_SOURCES,
        "keywords": ["CO2", "emission inventory", "CEADs", "碳排放清单"],
        "resources": resources,
    }
    write_package(folder, descriptor, CHANGELOG_CEADS)


CHANGELOG_IO42 = """# Changelog — china-io-42

## 1.0.1
- Each table states its region ("region": "china") in the descriptor, so a satellite of another region is
  refused. No value changed.

## 1.0.0
- First release: national IO tables 2017, 2018 and 2020, 42 products, non-competitive-import layout
  (domestic and imported product rows, value-added rows), values in 10^4 yuan; the 42-product
  classification with Chinese and English names. Every domestic row checked: GO = TIU + TFU.
"""
CHANGELOG_DETAILED = """# Changelog — china-io-detailed

## 1.0.1
- Each table states its region ("region": "china") in the descriptor, so a satellite of another region is
  refused. No value changed.

## 1.0.0
- First release: national IO tables 2017 (149 products), 2018 and 2020 (153 products),
  competitive-import layout, values in 10^4 yuan. Every product row checked: GO = TIU + TFU - IM.
"""
CHANGELOG_CONC = """# Changelog — concordance-io42-s11

## 1.1.0
- Added io42_2012_to_s11, io42_2007_to_s11 and io42_2002_to_s11: the 11 sectors for the earlier 42-product
  classifications, whose codes mean other products (e.g. 24 is repair services in 2012 but electricity in
  2017). Assigned by product content following seed 000 Table 1. io42_to_s11 now states its classification
  (io42-2017); its rows are unchanged.

## 1.0.0
- First release: seed 000 Table 1, 42 IO products → 11 sectors S1-S11, Chinese and English names.
"""
CHANGELOG_CEADS = """# Changelog — ceads-co2-2017

## 1.0.0
- First release: CEADs 2017 scope 1 CO2 for China and Guangdong, 47 sectors × 17 fuels plus
  process emissions, Mt CO2; concordance CEADs-47 → IO-42 → S1-S11.
"""


def main() -> None:
    shared = shared_folder(__doc__.splitlines()[0])
    build_io(shared)
    build_concordance()
    build_ceads(shared)
    print("data packages written to", OUT)


if __name__ == "__main__":
    main()
