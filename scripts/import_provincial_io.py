"""Build the data package ``china-provincial-io-42`` from the official provincial IO tables.

Run from the repository root with the reference set beside the checkout:

    python scripts/import_provincial_io.py [--shared ../shared]

Every ``.xls`` under ``reference/io/provincial/<year>/`` is read with the project's own reader
(``carbon_core.io.official_tables``: code row and code column found, never fixed positions),
its balances are checked, and it is written as one tidy CSV resource ``<pinyin>_<year>`` with the
columns that year's layout has. Imbalances found in a published table are kept as published and
recorded in the resource's ``balance_findings``. After writing, every resource is read back
through the package loader and compared with the raw file value by value.
"""

from __future__ import annotations

import csv
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from package_files import fmt, write_csv, shared_folder, write_package  # noqa: E402

from carbon_core.io.official_tables import (  # noqa: E402
    COLUMN_NAMES, TableBalanceWarning, check_balance, read_official_table)

OUT = ROOT / "datapackages" / "china-provincial-io-42"
VERSION = "1.0.0"
UPSTREAM = "common2016/CHNIO"
UPSTREAM_COMMIT = "2878da3"
UPSTREAM_DIR = "data-raw/中国31省区市42部门投入产出表1997-2017皮皮侠"

# NBS region order: pinyin key, short Chinese name, English name, issuing bureau (zh, en)
REGIONS = [
    ("china", "中国", "China (national)", "国家统计局", "National Bureau of Statistics of China"),
    ("beijing", "北京", "Beijing", "北京市统计局", "Beijing Municipal Bureau of Statistics"),
    ("tianjin", "天津", "Tianjin", "天津市统计局", "Tianjin Municipal Bureau of Statistics"),
    ("hebei", "河北", "Hebei", "河北省统计局", "Hebei Provincial Bureau of Statistics"),
    ("shanxi", "山西", "Shanxi", "山西省统计局", "Shanxi Provincial Bureau of Statistics"),
    ("neimenggu", "内蒙古", "Inner Mongolia", "内蒙古自治区统计局", "Inner Mongolia Autonomous Region Bureau of Statistics"),
    ("liaoning", "辽宁", "Liaoning", "辽宁省统计局", "Liaoning Provincial Bureau of Statistics"),
    ("jilin", "吉林", "Jilin", "吉林省统计局", "Jilin Provincial Bureau of Statistics"),
    ("heilongjiang", "黑龙江", "Heilongjiang", "黑龙江省统计局", "Heilongjiang Provincial Bureau of Statistics"),
    ("shanghai", "上海", "Shanghai", "上海市统计局", "Shanghai Municipal Bureau of Statistics"),
    ("jiangsu", "江苏", "Jiangsu", "江苏省统计局", "Jiangsu Provincial Bureau of Statistics"),
    ("zhejiang", "浙江", "Zhejiang", "浙江省统计局", "Zhejiang Provincial Bureau of Statistics"),
    ("anhui", "安徽", "Anhui", "安徽省统计局", "Anhui Provincial Bureau of Statistics"),
    ("fujian", "福建", "Fujian", "福建省统计局", "Fujian Provincial Bureau of Statistics"),
    ("jiangxi", "江西", "Jiangxi", "江西省统计局", "Jiangxi Provincial Bureau of Statistics"),
    ("shandong", "山东", "Shandong", "山东省统计局", "Shandong Provincial Bureau of Statistics"),
    ("henan", "河南", "Henan", "河南省统计局", "Henan Provincial Bureau of Statistics"),
    ("hubei", "湖北", "Hubei", "湖北省统计局", "Hubei Provincial Bureau of Statistics"),
    ("hunan", "湖南", "Hunan", "湖南省统计局", "Hunan Provincial Bureau of Statistics"),
    ("guangdong", "广东", "Guangdong", "广东省统计局", "Guangdong Provincial Bureau of Statistics"),
    ("guangxi", "广西", "Guangxi", "广西壮族自治区统计局", "Guangxi Zhuang Autonomous Region Bureau of Statistics"),
    ("hainan", "海南", "Hainan", "海南省统计局", "Hainan Provincial Bureau of Statistics"),
    ("chongqing", "重庆", "Chongqing", "重庆市统计局", "Chongqing Municipal Bureau of Statistics"),
    ("sichuan", "四川", "Sichuan", "四川省统计局", "Sichuan Provincial Bureau of Statistics"),
    ("guizhou", "贵州", "Guizhou", "贵州省统计局", "Guizhou Provincial Bureau of Statistics"),
    ("yunnan", "云南", "Yunnan", "云南省统计局", "Yunnan Provincial Bureau of Statistics"),
    ("xizang", "西藏", "Tibet (Xizang)", "西藏自治区统计局", "Tibet Autonomous Region Bureau of Statistics"),
    ("shaanxi", "陕西", "Shaanxi", "陕西省统计局", "Shaanxi Provincial Bureau of Statistics"),
    ("gansu", "甘肃", "Gansu", "甘肃省统计局", "Gansu Provincial Bureau of Statistics"),
    ("qinghai", "青海", "Qinghai", "青海省统计局", "Qinghai Provincial Bureau of Statistics"),
    ("ningxia", "宁夏", "Ningxia", "宁夏回族自治区统计局", "Ningxia Hui Autonomous Region Bureau of Statistics"),
    ("xinjiang", "新疆", "Xinjiang", "新疆维吾尔自治区统计局", "Xinjiang Uygur Autonomous Region Bureau of Statistics"),
]

# English names of the 42-sector classifications of 2002 and 2007 (the project's translations of
# the NBS names printed in the national tables); 2012 and 2017 use the 2012 product classification,
# whose English names come from the NBS 2017 table (package china-io-42).
EN_2002 = [
    "Agriculture, forestry, animal husbandry and fishery", "Mining and washing of coal",
    "Extraction of petroleum and natural gas", "Mining of metal ores", "Mining of non-metal ores",
    "Manufacture of food and tobacco", "Textiles", "Wearing apparel, leather, fur, feather and related products",
    "Processing of timber and manufacture of furniture", "Paper, printing and articles for culture and education",
    "Processing of petroleum, coking and nuclear fuel", "Chemical industry", "Non-metallic mineral products",
    "Smelting and rolling of metals", "Metal products", "General and special purpose machinery",
    "Transport equipment", "Electrical machinery and equipment",
    "Communication equipment, computers and other electronic equipment",
    "Measuring instruments and machinery for cultural and office work", "Other manufacturing",
    "Scrap and waste", "Production and supply of electricity and heat", "Production and supply of gas",
    "Production and supply of water", "Construction", "Transport and storage", "Post",
    "Information transmission, computer services and software", "Wholesale and retail trade",
    "Accommodation and catering", "Finance and insurance", "Real estate", "Leasing and business services",
    "Tourism", "Scientific research", "General technical services", "Other social services", "Education",
    "Health, social security and social welfare", "Culture, sports and entertainment",
    "Public administration and social organisations",
]
EN_2007 = [
    "Agriculture, forestry, animal husbandry and fishery", "Mining and washing of coal",
    "Extraction of petroleum and natural gas", "Mining of metal ores", "Mining of non-metal and other ores",
    "Manufacture of food and tobacco", "Textiles", "Textile wearing apparel, footwear, caps, leather, fur and feather products",
    "Processing of timber and manufacture of furniture",
    "Paper, printing and articles for culture, education and sports",
    "Processing of petroleum, coking and nuclear fuel", "Chemical industry", "Non-metallic mineral products",
    "Smelting and rolling of metals", "Metal products", "General and special purpose machinery",
    "Transport equipment", "Electrical machinery and equipment",
    "Communication equipment, computers and other electronic equipment",
    "Measuring instruments and machinery for cultural and office work", "Artwork and other manufacturing",
    "Scrap and waste", "Production and supply of electricity and heat", "Production and supply of gas",
    "Production and supply of water", "Construction", "Transport and storage", "Post",
    "Information transmission, computer services and software", "Wholesale and retail trade",
    "Accommodation and catering", "Finance", "Real estate", "Leasing and business services",
    "Research and experimental development", "General technical services",
    "Management of water conservancy, environment and public facilities",
    "Resident services and other services", "Education", "Health, social security and social welfare",
    "Culture, sports and entertainment", "Public administration and social organisations",
]
# 2012 differs from 2017: 22 other manufacturing and 23 scrap are separate, research and technical
# services one product (36); 2017 merges 22+23 and splits 35/36.
EN_2012_CHANGED = {
    "22": "Other manufacturing", "23": "Scrap and waste", "24": "Repair of metal products, machinery and equipment",
    "36": "Scientific research and technical services",
}
CLASSIFICATION = {2002: "io42-2002", 2007: "io42-2007", 2012: "io42-2012", 2017: "io42-2017"}

LAYOUT_NOTES = {
    "EX/OF/IM/IF": "exports (EX), outflows to other provinces (OF), imports (IM) and inflows from other provinces "
                   "(IF) each in its own column: every domestic adjustment is possible",
    "FU302/FU304": "outflows including exports (FU302, 流出) and inflows including imports (FU304, 流入): imports "
                   "and inflows can only be removed together (imports+inflows)",
    "NOF": "net outflow only (NOF, 净流出): gross imports and inflows are unknown, so no domestic adjustment "
           "is possible; Z still holds imported and inflowing products",
    "EX/IM": "national table: exports (EX) and imports (IM); no interprovincial columns",
}








def classification_names(shared: Path) -> dict[str, list[tuple[str, str, str]]]:
    """(code, name_zh, name_en) per classification, Chinese names from the national tables."""
    from carbon_core.io.official_tables import read_official_table as read

    en_2012 = {}
    for r in csv.DictReader(open(ROOT / "datapackages" / "china-io-42" / "sectors.csv", encoding="utf-8")):
        en_2012[r["code"]] = (r["name_zh"], r["name_en"])
    out = {}
    for year, en in ((2002, EN_2002), (2007, EN_2007)):
        t = read(shared / "reference" / "io" / "provincial" / str(year) / "0中国.xls")
        out[CLASSIFICATION[year]] = [(c, t.names.loc[c, "name_zh"], e) for c, e in zip(t.products, en)]
    t = read(shared / "reference" / "io" / "provincial" / "2012" / "0中国.xls")
    by_zh = {zh: e for zh, e in en_2012.values()}
    items = []
    for c in t.products:
        zh = t.names.loc[c, "name_zh"]
        en = EN_2012_CHANGED.get(c) or by_zh.get(zh)
        if en is None:
            sys.exit(f"no English name for 2012 product {c} {zh}; add it to EN_2012_CHANGED.")
        items.append((c, zh, en))
    out["io42-2012"] = items
    out["io42-2017"] = [(c, zh, en) for c, (zh, en) in en_2012.items()]
    return out


def region_of(name_zh: str) -> tuple:
    for r in REGIONS:
        if r[1] == name_zh:
            return r
    sys.exit(f"unknown region '{name_zh}' in a table title; add it to REGIONS.")


def build(shared: Path) -> None:
    from tqdm import tqdm

    base = shared / "reference" / "io" / "provincial"
    files = sorted(base.glob("*/*.xls"), key=lambda p: (p.parent.name, int(re.match(r"\d+", p.name).group(0))))
    if not files:
        sys.exit(f"no .xls files under {base}")
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.csv"):
        old.unlink()
    names = classification_names(shared)
    resources, index_rows, tables = [], [], {}
    for path in tqdm(files, desc="provincial IO tables", unit="file"):
        year = int(path.parent.name)
        with warnings.catch_warnings():  # imbalances are recorded in the resource, not printed
            warnings.simplefilter("ignore", TableBalanceWarning)
            t = read_official_table(path, balance="warn")
            findings = [f.replace("(10^4 yuan)", "") + " 万元" for f in check_balance(t, on_error="warn")]
        if t.year is None:  # the 2012 national file's title ("基本流量表") names no year: take the folder's
            t.year = year
        if t.year != year:
            sys.exit(f"{path}: the title says {t.year}, the folder {year}.")
        cls_names = {c: zh for c, zh, _ in names[CLASSIFICATION[year]]}
        odd = [c for c in t.products if t.names.loc[c, "name_zh"] != cls_names[c]]
        if odd and len(odd) > 2:  # a province spelling one name differently is fine; a shifted code list is not
            sys.exit(f"{path}: names of {odd} differ from classification {CLASSIFICATION[year]}")
        key, zh, en, bureau_zh, bureau_en = region_of(t.region)
        res_name = f"{key}_{year}"
        if res_name in tables:
            sys.exit(f"two files for {res_name}")
        tables[res_name] = (path, t)
        cls = CLASSIFICATION[year]
        en_names = {c: e for c, _, e in names[cls]}
        codes = t.products
        final_codes = list(t.final.columns)
        rows = []
        for c in codes:
            rows.append(["product", c, t.names.loc[c, "name_zh"], en_names[c]]
                        + [fmt(v) for v in t.Z.loc[c]] + [fmt(v) for v in t.final.loc[c]])
        va_names = {"TII": ("中间投入合计", "total intermediate input"), "VA001": ("劳动者报酬", "compensation of employees"),
                    "VA002": ("生产税净额", "net taxes on production"), "VA003": ("固定资产折旧", "depreciation of fixed assets"),
                    "VA004": ("营业盈余", "operating surplus"), "TVA": ("增加值合计", "total value added"),
                    "TI": ("总投入", "total input")}
        for r in t.value_added.index:
            block = "value_added" if r.startswith("VA") or r == "TVA" else "total"
            rows.append([block, r, va_names[r][0], va_names[r][1]] + [fmt(v) for v in t.value_added.loc[r]]
                        + [""] * len(final_codes))
        write_csv(OUT / f"{res_name}.csv", ["block", "row_code", "row_name_zh", "row_name_en"] + codes + final_codes, rows)
        fields = [
            {"name": "block", "type": "string", "constraints": {"required": True, "enum": ["product", "value_added", "total"]},
             "description": "product: product rows (competitive-import layout: imports and inflows inside); "
                            "value_added and total: input rows"},
            {"name": "row_code", "type": "string", "constraints": {"required": True},
             "description": "product code (01-42) or input-row code (TII, VA001-VA004, TVA, TI)"},
            {"name": "row_name_zh", "type": "string", "description": "row name as printed (中文名称)"},
            {"name": "row_name_en", "type": "string", "description": "row name, English"},
        ] + [{"name": c, "type": "number", "unit": "10^4 yuan", "description": f"intermediate use by product {c}"}
             for c in codes] + [
            {"name": c, "type": "number", "unit": "10^4 yuan",
             "description": f"{COLUMN_NAMES.get(c, (c, c))[1]} ({COLUMN_NAMES.get(c, (c, c))[0]})"} for c in final_codes]
        table_zh = f"《{year}年{bureau_zh[:-3]}投入产出表》" if key != "china" else f"《中国{year}年投入产出表》"
        locator = f"https://github.com/{UPSTREAM}/blob/{UPSTREAM_COMMIT}/{UPSTREAM_DIR}/{year}年各省份投入产出表/{path.name}"
        resources.append({
            "name": res_name,
            "title": f"{en} {year} input-output table, 42 products ({zh}{year}年投入产出表)",
            "path": f"{res_name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "region": key, "region_zh": zh, "region_en": en, "year": year,
            "unit": "10^4 yuan (万元), " + ("current producer prices" if "生产者价格" in t.price_basis else t.price_basis),
            "price_basis": t.price_basis, "trade_layout": t.layout, "trade_layout_note": LAYOUT_NOTES.get(t.layout, t.layout),
            "classification": cls, "title_as_printed": t.title,
            "sources": [{"title": f"{bureau_zh}{table_zh} / {bureau_en}, {en} input-output table {year}",
                         "publisher": bureau_en, "path": locator}],
            "locator": f"{UPSTREAM}@{UPSTREAM_COMMIT}:{UPSTREAM_DIR}/{year}年各省份投入产出表/{path.name}",
            "balance_findings": findings,
            "schema": {"fields": fields, "primaryKey": ["block", "row_code"]},
        })
        index_rows.append([res_name, key, zh, en, str(year), t.layout, cls, bureau_zh, bureau_en,
                           "; ".join(findings), resources[-1]["locator"]])

    write_csv(OUT / "tables.csv", ["resource", "region", "region_zh", "region_en", "year", "layout", "classification",
                                  "bureau_zh", "bureau_en", "balance_findings", "locator"], index_rows)
    resources.append({
        "name": "tables", "title": "Index of the tables: region, year, layout, issuing bureau, locator",
        "path": "tables.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": n, "type": "string"} for n in
                              ("resource", "region", "region_zh", "region_en", "year", "layout", "classification",
                               "bureau_zh", "bureau_en", "balance_findings", "locator")], "primaryKey": ["resource"]}})
    write_csv(OUT / "regions.csv", ["region", "name_zh", "name_en", "bureau_zh", "bureau_en"],
              [list(r) for r in REGIONS])
    resources.append({
        "name": "regions", "title": "Regions: pinyin key, Chinese and English names, statistics bureau",
        "path": "regions.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": n, "type": "string"} for n in ("region", "name_zh", "name_en", "bureau_zh", "bureau_en")],
                   "primaryKey": ["region"]}})
    cls_rows = [[cls, c, zh, en] for cls, items in names.items() for c, zh, en in items]
    write_csv(OUT / "classifications.csv", ["classification", "code", "name_zh", "name_en"], cls_rows)
    resources.append({
        "name": "classifications", "title": "The 42-product classifications of 2002, 2007, 2012 and 2017",
        "description": "Codes 01-42 mean different products in different classifications: compare years only "
                       "through a concordance. Chinese names as printed in the national tables; English names: "
                       "NBS 2017 table (io42-2017, and io42-2012 where the names agree) and the project's translations (io42-2002, io42-2007, the four changed io42-2012 products).",
        "path": "classifications.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": n, "type": "string"} for n in ("classification", "code", "name_zh", "name_en")],
                   "primaryKey": ["classification", "code"]}})
    write_csv(OUT / "columns.csv", ["code", "name_zh", "name_en"], [[c, zh, en] for c, (zh, en) in COLUMN_NAMES.items()])
    resources.append({
        "name": "columns", "title": "Final-use and trade column codes with Chinese and English names",
        "path": "columns.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": n, "type": "string"} for n in ("code", "name_zh", "name_en")], "primaryKey": ["code"]}})

    years = sorted({int(r["year"]) for r in resources if "year" in r})
    descriptor = {
        "name": "china-provincial-io-42",
        "title": "Official input-output tables of China's provinces, 42 products, " + ", ".join(map(str, years)),
        "description": (
            "The input-output tables of China's provinces (and the national tables of 2002, 2007 and 2012) as the "
            "statistics bureaus publish them, competitive-import layout, 42 products, values in 10^4 yuan (万元) at "
            "current producer prices. One resource per region and year, named <pinyin>_<year>, with the columns that "
            "year's layout has: 2012 and 2017 EX/OF/IM/IF; 2007 FU302 (outflows incl. exports) and FU304 (inflows "
            "incl. imports); 2002 NOF (net outflow) only. Rows balance as TIU + TFU - IM - IF + ERR = GO, columns as "
            "TII + TVA = TI = GO; imbalances in the published tables are kept and listed in balance_findings. "
            "Imports and inflows sit inside Z: remove them (carbon_core.io.domestic) before extraction analysis. "
            "Codes 01-42 follow four classifications (2002, 2007, 2012, 2017): the same code can mean different products in different years."),
        "version": VERSION,
        "licenses": [{"name": "other-at", "title": "Official statistics of the provincial statistics bureaus and the "
                      "National Bureau of Statistics of China; attribution required"}],
        "sources": [{"title": "Provincial input-output tables (各省投入产出表), 2002-2017, as collected in GitHub "
                     f"{UPSTREAM} (commit {UPSTREAM_COMMIT}, {UPSTREAM_DIR}); the collection's README says the tables "
                     "come from the provincial statistics bureaus", "path": f"https://github.com/{UPSTREAM}"}],
        "keywords": ["input-output", "provincial", "China", "投入产出表", "省级"],
        "resources": resources,
    }
    write_package(OUT, descriptor, CHANGELOG)
    verify(tables)
    print(f"{len(tables)} tables written to {OUT}")


def verify(tables) -> None:
    """Read every resource back through the package loader and compare with the raw file."""
    import numpy as np

    from carbon_core.resolve.tables import read_table_spec

    for res_name, (path, raw) in tables.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TableBalanceWarning)
            t = read_table_spec(f"china-provincial-io-42/{res_name}", root=OUT.parent)
        for a, b, what in ((t.Z, raw.Z, "Z"), (t.final, raw.final, "final use"), (t.value_added, raw.value_added, "VA")):
            if a.shape != b.shape or not np.array_equal(a.to_numpy(), b.to_numpy()):
                sys.exit(f"{res_name}: {what} read back differs from {path}")


CHANGELOG = """# Changelog — china-provincial-io-42

## 1.0.0
- First release: official IO tables of 31 provinces for 2012 and 2017, 30 for 2002 and 2007 (no Tibet), and the
  national tables of 2002, 2007 and 2012, 42 products, 10^4 yuan, as published; the three 42-product
  classifications with Chinese and English names; regions with their statistics bureaus; column codes.
- Balances checked at build time; two published 2002 tables do not balance beyond rounding (Jiangsu: TI of
  products 37 and 38 swapped by 1,790 万元; Fujian: product 38's row and column of Z exceed TIU and TII by
  6,876 万元). They are kept as published and listed in balance_findings.
"""


def main() -> None:
    shared = shared_folder(__doc__.splitlines()[0])
    build(shared)


if __name__ == "__main__":
    main()
