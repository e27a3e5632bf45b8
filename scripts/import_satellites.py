"""Build the satellite packages: CEADs CO2 1997-2019 (30 provinces and China) and seed 000's energy use.

Run from the repository root with the reference set beside the checkout:

    python scripts/import_satellites.py [--shared ../shared]

CEADs workbooks (one per year; one sheet per province, A1:W51) are read by their labels, not by
position: the header row is matched to the 17 fuels + process + scope 1 total whatever its spelling
(``Raw Coal``, ``Raw_Coal``, ``CleanedCoal``), the sector rows by name. Every sheet is checked:
each row's total equals its fuels plus process, and the total row equals the 47 rows (45 sectors,
urban and rural households). The always-zero scope 2 and "other energy" columns are not copied.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from package_files import fmt, write_csv, shared_folder, write_package  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "datapackages"

FUELS = ["Raw Coal", "Cleaned Coal", "Other Washed Coal", "Briquettes", "Coke", "Coke Oven Gas", "Other Gas",
         "Other Coking Products", "Crude Oil", "Gasoline", "Kerosene", "Diesel Oil", "Fuel Oil", "LPG", "Refinery Gas",
         "Other Petroleum Products", "Natural Gas"]
COLUMNS = FUELS + ["Process", "Scope 1 Total"]
ZERO_COLUMNS = ["Scope 2 Heat", "Scope 2 Electricity", "Other Energy"]

PROVINCES = {  # CEADs sheet name (without year) -> (region key, Chinese name)
    "Beijing": ("beijing", "北京"), "Tianjin": ("tianjin", "天津"), "Hebei": ("hebei", "河北"),
    "Shanxi": ("shanxi", "山西"), "InnerMongolia": ("neimenggu", "内蒙古"), "Liaoning": ("liaoning", "辽宁"),
    "Jilin": ("jilin", "吉林"), "Heilongjiang": ("heilongjiang", "黑龙江"), "Shanghai": ("shanghai", "上海"),
    "Jiangsu": ("jiangsu", "江苏"), "Zhejiang": ("zhejiang", "浙江"), "Anhui": ("anhui", "安徽"),
    "Fujian": ("fujian", "福建"), "Jiangxi": ("jiangxi", "江西"), "Shandong": ("shandong", "山东"),
    "Henan": ("henan", "河南"), "Hubei": ("hubei", "湖北"), "Hunan": ("hunan", "湖南"),
    "Guangdong": ("guangdong", "广东"), "Guangxi": ("guangxi", "广西"), "Hainan": ("hainan", "海南"),
    "Chongqing": ("chongqing", "重庆"), "Sichuan": ("sichuan", "四川"), "Guizhou": ("guizhou", "贵州"),
    "Yunnan": ("yunnan", "云南"), "Shaanxi": ("shaanxi", "陕西"), "Gansu": ("gansu", "甘肃"),
    "Qinghai": ("qinghai", "青海"), "Ningxia": ("ningxia", "宁夏"), "Xinjiang": ("xinjiang", "新疆"),
}

CEADS_SOURCES = [
    {"id": "SHAN2018", "title": "Shan Y, Guan D, Zheng H, et al. (2018). China CO2 emission accounts 1997-2015. "
                               "Scientific Data 5:170201", "path": "https://doi.org/10.1038/sdata.2017.201"},
    {"id": "SHAN2020", "title": "Shan Y, Huang Q, Guan D, Hubacek K (2020). China CO2 emission accounts 2016-2017. "
                               "Scientific Data 7:54", "path": "https://doi.org/10.1038/s41597-020-0393-y"},
    {"id": "GUAN2021", "title": "Guan Y, Shan Y, Huang Q, et al. (2021). Assessment to China's recent emission pattern "
                               "shifts. Earth's Future 9:e2021EF002241", "path": "https://doi.org/10.1029/2021EF002241"},
    {"id": "SHAN2016", "title": "Shan Y, Liu J, Liu Z, et al. (2016). New provincial CO2 emission inventories in China "
                               "based on apparent energy consumption data and updated emission factors. Applied "
                               "Energy 184:742-750", "path": "https://doi.org/10.1016/j.apenergy.2016.03.073"},
    {"id": "CEADS", "title": "CEADs: Emission Inventories for 30 Provinces 1997-2019 and China CO2 Inventory "
                             "1997-2019 (IPCC sectoral emissions), downloaded from ceads.net on 2023-05-02 and kept in "
                             "GitHub Open-Earth-Foundation/OpenClimate (commit 822037b, harmonize/data/raw/CEADS_*)",
     "publisher": "Carbon Emission Accounts & Datasets (CEADs)", "path": "https://www.ceads.net/"},
]

SEED_S11 = [
    ("S1", "农林牧渔业", "Agriculture, forestry, animal husbandry and fishery"), ("S2", "采掘业", "Mining"),
    ("S3", "食品制造和烟草加工业", "Food and tobacco"), ("S4", "纺织皮革木材造纸制造业", "Textiles, leather, wood, paper"),
    ("S5", "炼焦化工金属产品制造业", "Coking, chemicals, non-metallic minerals and metals"),
    ("S6", "机械设备制造业", "Machinery and equipment"), ("S7", "电力燃气及水的生产供应业", "Electricity, gas and water supply"),
    ("S8", "建筑业", "Construction"), ("S9", "交通运输、仓储和邮政业", "Transport, storage and post"),
    ("S10", "批发零售住宿餐饮业", "Wholesale, retail, accommodation and catering"), ("S11", "其他服务业", "Other services"),
]
# Seed 000 Table 2 (直接消耗量/万t，按标准煤), as printed, and the same values at full precision from the
# data behind its Figure 2 (the text's chart data, "S1 DC VIC 544.670825865483 ...").
SEED_TABLE2 = ["544.67", "203.20", "500.20", "2676.56", "9822.59", "3289.28", "2317.51", "767.84", "3607.82",
               "1683.23", "5291.06"]
SEED_CHART = ["544.670825865483", "203.19855290823", "500.202124858063", "2676.56258940623", "9822.58858771224",
              "3289.28139718988", "2317.51083759295", "767.838382446599", "3607.82379500776", "1683.23330314485",
              "5291.05709815261"]


def snake(name: str) -> str:
    return name.lower().replace(" ", "_")


def canon(label) -> str:
    return re.sub(r"[\s_]+", "", str(label)).lower()








def read_sheet(rows: list[list], sectors: list[str], where: str) -> list[list[float]]:
    """47 rows × COLUMNS (Mt CO2) from one CEADs sheet, checked."""
    header = {canon(c): j for j, c in enumerate(rows[0])}
    cols = []
    for c in COLUMNS + ZERO_COLUMNS:
        if canon(c) not in header:
            sys.exit(f"{where}: no column '{c}' in the header row")
        cols.append(header[canon(c)])
    labels = {str(r[0]).strip(): i for i, r in enumerate(rows) if str(r[0]).strip()}
    total_row = next((i for k, i in labels.items() if canon(k) in ("totalconsumption", "totalemissions")), None)
    if total_row is None:
        sys.exit(f"{where}: no total row")
    out = []
    for s in sectors:
        if s not in labels:
            sys.exit(f"{where}: sector '{s}' not found")
        r = rows[labels[s]]
        vals = [float(r[j]) for j in cols]
        if any(v != 0 for v in vals[len(COLUMNS):]):
            sys.exit(f"{where}: scope 2 / other energy is not zero for {s}; the package format must change")
        total = vals[COLUMNS.index("Scope 1 Total")]
        if abs(sum(vals[:len(FUELS) + 1]) - total) > 1e-9 * max(1.0, abs(total)):
            sys.exit(f"{where}: {s}: fuels + process != scope 1 total")
        out.append(vals[:len(COLUMNS)])
    t = [float(rows[total_row][j]) for j in cols[:len(COLUMNS)]]
    for k, name in enumerate(COLUMNS):
        s = sum(r[k] for r in out)
        if abs(s - t[k]) > 1e-9 * max(1.0, abs(t[k])):
            sys.exit(f"{where}: column {name}: rows sum to {s}, total row says {t[k]}")
    return out


def build_ceads(shared: Path) -> None:
    from python_calamine import CalamineWorkbook
    from tqdm import tqdm

    em = shared / "reference" / "emissions"
    conc = list(csv.DictReader(open(em / "concordance_ceads47_io42_s11.csv", encoding="utf-8")))
    sectors = [r["ceads_sector"] for r in conc]
    folder = OUT / "ceads-co2-1997-2019"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    value_fields = [{"name": snake(c), "type": "number", "unit": "Mt CO2",
                     "description": ("scope 1 CO2 of the sector (fuels + process)" if c == "Scope 1 Total" else
                                     "process CO2 (cement clinker)" if c == "Process" else f"CO2 from {c}")}
                    for c in COLUMNS]
    resources = []
    files = sorted((em / "ceads" / "provinces").glob("*.xlsx"), key=lambda p: p.stem[-4:])
    for path in tqdm(files, desc="CEADs provinces", unit="year"):
        year = int(path.stem[-4:])
        wb = CalamineWorkbook.from_path(str(path))
        rows_out = []
        seen = []
        for sheet in wb.sheet_names:
            if sheet == "NOTE":
                continue
            name = sheet[:-4] if sheet.endswith(str(year)) else sys.exit(f"{path.name}: sheet {sheet} lacks the year")
            if name not in PROVINCES:
                sys.exit(f"{path.name}: unknown province sheet {sheet}")
            key, _ = PROVINCES[name]
            seen.append(key)
            data = read_sheet(wb.get_sheet_by_name(sheet).to_python(), sectors, f"{path.name}:{sheet}")
            for c, vals in zip(conc, data):
                rows_out.append([key, c["ceads_no"], c["ceads_sector"]] + [fmt(v) for v in vals])
        if sorted(seen) != sorted(k for k, _ in PROVINCES.values()):
            sys.exit(f"{path.name}: provinces missing: {set(k for k, _ in PROVINCES.values()) - set(seen)}")
        rows_out.sort(key=lambda r: (r[0], int(r[1])))
        res = f"provinces_{year}"
        write_csv(folder / f"{res}.csv", ["region", "ceads_no", "sector_en"] + [snake(c) for c in COLUMNS], rows_out)
        resources.append({
            "name": res, "title": f"CEADs CO2 inventories of 30 provinces, {year}: 47 sectors × 17 fuels + process (Mt CO2)",
            "path": f"{res}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "unit": "Mt CO2",
            "year": year, "locator": f"Open-Earth-Foundation/OpenClimate@822037b:harmonize/data/raw/CEADS_*/{path.name}",
            "schema": {"fields": [
                {"name": "region", "type": "string", "constraints": {"required": True}, "description": "province key (pinyin)"},
                {"name": "ceads_no", "type": "integer", "constraints": {"required": True}},
                {"name": "sector_en", "type": "string"}] + value_fields,
                "primaryKey": ["region", "ceads_no"],
                "foreignKeys": [{"fields": "ceads_no", "reference": {"resource": "sectors", "fields": "ceads_no"}},
                                {"fields": "region", "reference": {"resource": "regions", "fields": "region"}}]},
        })
    # national inventory: one sheet per year, same layout
    nat_path = next((em / "ceads" / "national").glob("*.xlsx"))
    wb = CalamineWorkbook.from_path(str(nat_path))
    rows_out = []
    for sheet in wb.sheet_names:
        if not re.fullmatch(r"(19|20)\d\d", sheet):
            continue
        data = read_sheet(wb.get_sheet_by_name(sheet).to_python(), sectors, f"{nat_path.name}:{sheet}")
        for c, vals in zip(conc, data):
            rows_out.append([sheet, c["ceads_no"], c["ceads_sector"]] + [fmt(v) for v in vals])
    write_csv(folder / "china.csv", ["year", "ceads_no", "sector_en"] + [snake(c) for c in COLUMNS], rows_out)
    resources.append({
        "name": "china", "title": "CEADs China CO2 inventory 1997-2019 (IPCC sectoral emissions): 47 sectors × 17 fuels + process",
        "path": "china.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "unit": "Mt CO2",
        "description": "The national inventory is computed from national energy balances and is not the sum of the 30 "
                       "provinces (2017: 9,408 Mt national against 10,171 Mt summed over provinces).",
        "locator": f"Open-Earth-Foundation/OpenClimate@822037b:harmonize/data/raw/CEADS_*/{nat_path.name}",
        "schema": {"fields": [{"name": "year", "type": "integer", "constraints": {"required": True}},
                              {"name": "ceads_no", "type": "integer", "constraints": {"required": True}},
                              {"name": "sector_en", "type": "string"}] + value_fields,
                   "primaryKey": ["year", "ceads_no"],
                   "foreignKeys": [{"fields": "ceads_no", "reference": {"resource": "sectors", "fields": "ceads_no"}}]},
    })
    write_csv(folder / "sectors.csv", ["ceads_no", "ceads_sector", "s11_code", "io42_2017_codes", "note"],
              [[r["ceads_no"], r["ceads_sector"], r["S_code"], r["io42_codes"], r["note"]] for r in conc])
    resources.append({
        "name": "sectors", "title": "CEADs 47 sectors → S1-S11 (exact) and IO-42 products of the 2017 classification",
        "path": "sectors.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "description": "S1-S11 is exact for every CEADs line (HH: urban and rural households, final use, no industry). "
                       "Four lines list several IO-42 codes (';'-separated: 37 and 38 → 22;23, 44 → 28;30, 45 → 31-42); "
                       "carbon_core splits them with an allocation key from the IO table (the sectors' purchases of "
                       "energy products), documented in carbon_core.resolve.satellites.",
        "schema": {"fields": [{"name": "ceads_no", "type": "integer", "constraints": {"required": True, "unique": True}},
                              {"name": "ceads_sector", "type": "string"},
                              {"name": "s11_code", "type": "string", "constraints": {"required": True}},
                              {"name": "io42_2017_codes", "type": "string"},
                              {"name": "note", "type": "string"}], "primaryKey": ["ceads_no"]},
    })
    write_csv(folder / "regions.csv", ["region", "name_zh", "ceads_sheet"],
              [[k, zh, name] for name, (k, zh) in PROVINCES.items()])
    resources.append({
        "name": "regions", "title": "The 30 provinces (no Tibet): key, Chinese name, CEADs sheet name",
        "path": "regions.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [{"name": n, "type": "string"} for n in ("region", "name_zh", "ceads_sheet")],
                   "primaryKey": ["region"]}})
    descriptor = {
        "name": "ceads-co2-1997-2019",
        "title": "CEADs CO2 inventories 1997-2019: 30 provinces and China, 47 sectors × 17 fuels + process (Mt CO2)",
        "description": ("Scope 1 CO2 emissions (IPCC sectoral approach, apparent energy consumption) of 30 Chinese "
                        "provinces (no Tibet) and of China, 1997-2019, by 45 sectors plus urban and rural households "
                        "and 17 fuels plus process emissions (cement), Mt CO2, as CEADs distributes them. Power-plant "
                        "emissions sit in sector 39 (S7). Households are final use, not industries. The scope 2 and "
                        "'other energy' columns of the workbooks are zero throughout and are not copied. Terms: free to "
                        "use with citation of the papers listed in sources and mention of CEADs."),
        "version": "1.0.0",
        "licenses": [{"name": "other-at", "title": "CEADs conditions of data use: free for public and scientific use; "
                      "cite the listed papers and mention CEADs"}],
        "sources": CEADS_SOURCES,
        "keywords": ["CO2", "emission inventory", "CEADs", "provincial", "碳排放清单"],
        "resources": resources,
    }
    write_package(folder, descriptor,
        "# Changelog — ceads-co2-1997-2019\n\n## 1.0.0\n- First release: CEADs scope 1 CO2 of 30 provinces (1997-2019) and "
        "China (1997-2019), 47 lines × 17 fuels + process, Mt CO2; every sheet checked (row totals = fuels + process, "
        "total row = 47 lines); CEADs → S1-S11 and IO-42 (2017) concordance.\n")


# Seed 000 Table 2 as printed: VIC, NT and NT as a share of DC (%), 10^4 tce
SEED_T2_VIC = ["422.64", "37.97", "735.59", "3915.88", "5011.72", "7412.04", "938.97", "3159.50", "1713.08", "1971.93",
               "5384.63"]
SEED_T2_NT = ["122.03", "165.23", "-235.39", "-1239.32", "4810.87", "-4122.76", "1378.54", "-2391.66", "1894.75",
              "-288.70", "-93.57"]
SEED_T2_SHARE = ["22.40", "81.31", "-47.06", "-46.30", "48.98", "-125.34", "59.48", "-311.48", "52.52", "-17.15", "-1.77"]


def build_seed_energy(shared: Path) -> None:
    folder = OUT / "seed000-guangdong-energy-2017"
    folder.mkdir(parents=True, exist_ok=True)
    t3 = {r["sector"].split()[0]: r for r in csv.DictReader(
        open(shared / "reference" / "testcases" / "io" / "tc4_seed_table3_identities.csv", encoding="utf-8"))}
    write_csv(folder / "published_tables.csv",
              ["s11_code", "DC", "VIC", "NT", "NT_share_pct", "IE", "ME", "NBL", "NFL"],
              [[c, t, v, nt, sh, t3[c]["IE"], t3[c]["ME"], t3[c]["NBL"], t3[c]["NFL"]]
               for (c, _, _), t, v, nt, sh in zip(SEED_S11, SEED_TABLE2, SEED_T2_VIC, SEED_T2_NT, SEED_T2_SHARE)])
    for (c, _, _), v in zip(SEED_S11, SEED_T2_VIC):
        if abs(float(t3[c]["VIC"]) - float(v)) > 1e-9:
            sys.exit(f"seed Table 2 and Table 3 disagree on VIC of {c}")
    rows = [[c, zh, en, t, f] for (c, zh, en), t, f in zip(SEED_S11, SEED_TABLE2, SEED_CHART)]
    write_csv(folder / "direct_energy.csv", ["s11_code", "name_zh", "name_en", "energy_use", "energy_use_chart"], rows)
    resources = [{
        "name": "direct_energy", "title": "Guangdong 2017 direct energy use by sector S1-S11 (10^4 tce), seed 000 Table 2",
        "path": "direct_energy.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "unit": "10^4 tce", "year": 2017, "region": "guangdong", "verification": "seed_document",
        "location": "seed 000, Table 2 广东省产业部门能源转移情况, column 直接消耗量/万t（按标准煤）; full precision: the "
                    "data behind Figure 2 (chart data at the end of the text)",
        "schema": {"fields": [
            {"name": "s11_code", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "name_zh", "type": "string"}, {"name": "name_en", "type": "string"},
            {"name": "energy_use", "type": "number", "unit": "10^4 tce",
             "description": "direct energy use as printed in Table 2 (two decimals)"},
            {"name": "energy_use_chart", "type": "number", "unit": "10^4 tce",
             "description": "the same at full precision, from the Figure 2 chart data"}], "primaryKey": ["s11_code"]},
    }, {
        "name": "published_tables", "title": "Seed 000 Tables 2 and 3 as printed (10^4 tce; NT share in %)",
        "path": "published_tables.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "unit": "10^4 tce", "verification": "seed_document",
        "location": "seed 000, Table 2 广东省产业部门能源转移情况 (DC, VIC, NT, share) and Table 3 广东省行业部门内部能源消耗特征分析 "
                    "(VIC, IE, ME, NBL, NFL); transcription in the reference set's testcases/io/tc4_seed_table3_identities.csv",
        "schema": {"fields": [{"name": "s11_code", "type": "string", "constraints": {"required": True, "unique": True}}]
                   + [{"name": n, "type": "number", "unit": "%" if n == "NT_share_pct" else "10^4 tce"}
                      for n in ("DC", "VIC", "NT", "NT_share_pct", "IE", "ME", "NBL", "NFL")],
                   "primaryKey": ["s11_code"]},
    }]
    descriptor = {
        "name": "seed000-guangdong-energy-2017",
        "title": "Direct energy use of Guangdong's 11 sectors in 2017 (seed 000 Table 2), 10^4 tce",
        "description": ("The satellite of seed 000's study: direct (end-use) energy consumption of Guangdong's sectors "
                        "S1-S11 in 2017, in 10^4 tonnes of standard coal equivalent (万吨标准煤). With Guangdong's "
                        "official 2017 IO table aggregated to S1-S11 and imports and inflows removed after aggregation, "
                        "it reproduces the study's Table 3. Verification: transcribed from the seed document."),
        "version": "1.0.0",
        "licenses": [{"name": "other-at", "title": "Figures quoted from the published study; cite it"}],
        "sources": [{"id": "SEED000", "title": "基于产业关联的碳减排绿色科技发展路径研究——以广东省为例 (seed 000), Table 2 and Figure 2",
                     "path": "seed document 000"}],
        "resources": resources,
    }
    write_package(folder, descriptor,
        "# Changelog — seed000-guangdong-energy-2017\n\n## 1.0.0\n- First release: seed 000 Table 2 direct energy use "
        "of S1-S11 (as printed) and the Figure 2 chart values at full precision, 10^4 tce; Tables 2 and 3 as printed.\n")


def main() -> None:
    shared = shared_folder(__doc__.splitlines()[0])
    build_ceads(shared)
    build_seed_energy(shared)
    print("satellite packages written to", OUT)


if __name__ == "__main__":
    main()
