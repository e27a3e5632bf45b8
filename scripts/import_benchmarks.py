"""Build the sector-benchmarks package from seed 002 (figures typed from the seed, with line numbers).

    python scripts/import_benchmarks.py

Seed 002 (重点工业行业碳达峰碳中和需求洞察报告, 2022) prints stage-level energy and CO2
figures for cement (its Table 4, estimated from GB 16780-2021), aluminium (Table 6, China
Nonferrous Metals Industry Association), steel (text) and power generation (text, CEC).
Ranges are stored as value (low) and value_high; "about" figures are marked approximate.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_factors import string_field  # noqa: E402
from package_files import COMMON_FIELDS  # noqa: E402
from import_shared import OUT, write_csv, write_package  # noqa: E402

SEED = "seed file 002_87016821e982b80a.txt"
# record_id, sector, stage, metric, value, value_high, unit, approx, year, region, printed, line, cited
ROWS = [
    ("BM-CEM-QUARRY-ELEC", "cement", "limestone quarrying and crushing 石灰石开采破碎", "electricity", "1.5", "", "kWh/t", "yes", "", "China", "~1.5kW·h/t", "l.378 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CLK-ELEC", "cement", "clinker production 熟料生产", "electricity", "48", "61", "kWh/t", "", "", "China", "48~61kW·h/t", "l.378 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-GRIND-ELEC", "cement", "cement grinding 水泥粉磨", "electricity", "26", "34", "kWh/t", "", "", "China", "26~34kW·h/t", "l.378 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CONCRETE-ELEC", "cement", "ready-mixed concrete 混凝土预拌", "electricity", "1.3", "2", "kWh/m3", "", "", "China", "1.3~2kW·h/m³", "l.378 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-QUARRY-FUEL", "cement", "limestone quarrying and crushing 石灰石开采破碎", "fuel", "1.36", "", "kgce/t", "yes", "", "China", "~1.36kgce/t", "l.381 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CLK-FUEL", "cement", "clinker production 熟料生产", "fuel", "94", "109", "kgce/t", "", "", "China", "94 ~ 109kgce/t", "l.381 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CLK-FUEL-CO2", "cement", "clinker production 熟料生产", "fuel_co2", "261", "302", "kgCO2/t", "", "", "China", "261 ~ 302kgCO₂/t", "l.381 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CLK-PROCESS", "cement", "clinker calcination 熟料煅烧碳酸盐分解", "process_co2", "480", "", "kgCO2/t", "yes", "", "China", "~ 480kgCO₂/t", "l.382 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CLK-TOTAL", "cement", "clinker production 熟料生产", "total_co2", "757", "803", "kgCO2/t", "", "", "China", "757 ~ 803 kgCO₂/t", "l.383 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-CEM-CEMENT-TOTAL", "cement", "cement (per t of cement) 水泥", "total_co2", "463", "654", "kgCO2/t", "", "", "China", "463 ~ 654 kgCO₂/t", "l.383 (表4)", "GB 16780-2021 (estimate)"),
    ("BM-AL-BAUXITE", "aluminium", "bauxite 铝土矿", "total_co2", "0.01", "", "tCO2/t", "", "2020", "China", "0.01", "l.524 (表6)", "中国有色金属工业协会"),
    ("BM-AL-ALUMINA", "aluminium", "alumina 氧化铝", "total_co2", "1.08", "", "tCO2/t", "", "2020", "China", "1.08", "l.525 (表6)", "中国有色金属工业协会"),
    ("BM-AL-PRIMARY", "aluminium", "primary aluminium (electrolysis) 电解铝", "total_co2", "11.7", "", "tCO2/t", "", "2020", "China", "11.7", "l.526 (表6)", "中国有色金属工业协会"),
    ("BM-AL-SECONDARY", "aluminium", "secondary aluminium 再生铝", "total_co2", "0.2", "", "tCO2/t", "", "2020", "China", "0.2", "l.527 (表6)", "中国有色金属工业协会"),
    ("BM-AL-PRODUCTS", "aluminium", "aluminium products 铝材", "total_co2", "1.1", "", "tCO2/t", "", "2020", "China", "1.1", "l.528 (表6)", "中国有色金属工业协会"),
    ("BM-STEEL-ENERGY-CN", "steel", "crude steel, key enterprises 重点钢铁企业吨钢能耗", "energy", "555", "", "kgce/t", "", "2018", "China", "555千克标准煤/吨", "l.279", "(not named)"),
    ("BM-STEEL-ENERGY-DE", "steel", "crude steel 吨钢能耗", "energy", "251", "", "kgce/t", "", "2018", "Germany", "德国251千克标准煤/吨", "l.279", "(not named)"),
    ("BM-STEEL-ENERGY-US", "steel", "crude steel 吨钢能耗", "energy", "276", "", "kgce/t", "", "2018", "United States", "美国276千克标准煤/吨", "l.279", "(not named)"),
    ("BM-STEEL-CO2-CN", "steel", "crude steel 每吨钢", "total_co2", "2", "", "tCO2/t", "yes", "2017", "China", "2吨左右", "l.279", "(not named)"),
    ("BM-STEEL-ELEC-CN", "steel", "crude steel, key enterprises 吨钢耗电量", "electricity", "456.9", "", "kWh/t", "", "2020", "China", "456.9千瓦/吨 (sic: kWh/t)", "l.319", "(not named)"),
    ("BM-POWER-THERMAL", "power", "thermal generation 单位火电发电量", "generation_co2", "828", "", "gCO2/kWh", "yes", "2021", "China", "约为 828 克/千瓦时", "l.216", "中电联《中国电力行业年度发展报告2022》"),
    ("BM-POWER-ALL", "power", "all generation 单位发电量", "generation_co2", "558", "", "gCO2/kWh", "yes", "2021", "China", "约为 558 克/千瓦时", "l.216", "中电联《中国电力行业年度发展报告2022》"),
]
RULES = {
    "electricity": ["[energy]/[mass]", "[energy]/[volume]"], "fuel": ["[energy]/[mass]"], "energy": ["[energy]/[mass]"],
    "fuel_co2": ["dimensionless"], "process_co2": ["dimensionless"], "total_co2": ["dimensionless"],
    "generation_co2": ["[mass]/[energy]"],
}


def main() -> None:
    folder = OUT / "sector-benchmarks"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for rid, sector, stage, metric, v, hi, unit, approx, year, region, printed, line, cited in ROWS:
        notes = f"cited by the seed: {cited}" + ("; approximate ('about')" if approx else "")
        rows.append([rid, sector, stage, metric, hi, "true" if approx else "false", year, region,
                     v, unit, printed, unit, "SEED002", "", f"{SEED} {line}", "seed_document", "", notes])
    fields = [{"name": "record_id", "type": "string", "constraints": {"required": True, "unique": True}},
              string_field("sector", "cement, aluminium, steel, power", True),
              string_field("stage", "process stage (English 中文)", True),
              {"name": "metric", "type": "string", "constraints": {"required": True, "enum": list(RULES)},
               "description": "electricity, fuel, energy: use per unit of product; *_co2: CO2 per unit of product; "
                              "generation_co2: CO2 per kWh generated"},
              {"name": "value_high", "type": "number", "unit": "same as value",
               "description": "upper end where the source prints a range (value is then the lower end)"},
              {"name": "approximate", "type": "boolean", "description": "the source says 'about' (约, ~)"},
              {"name": "year", "type": "integer"}, string_field("region")] + COMMON_FIELDS
    write_csv(folder / "benchmarks.csv", [f["name"] for f in fields], rows)
    write_csv(folder / "sources.csv", ["source_id", "title", "issuer", "date", "doc_number", "locator", "source_type", "notes"],
              [["SEED002", "重点工业行业碳达峰碳中和需求洞察报告（2022年）", "工业互联网产业联盟 / 中国信通院", "2022-12", "",
                SEED, "seed_report", "cement table estimated from GB 16780-2021; aluminium from 中国有色金属工业协会; "
                                     "power from 中电联"]])
    descriptor = {
        "name": "sector-benchmarks",
        "title": "Sector benchmark figures of seed 002: cement, aluminium, steel, power generation",
        "description": ("Stage-level energy and CO2 figures printed in seed 002 for placing a plant's own figures: cement "
                        "electricity (kWh/t), clinker fuel (kgce/t) and process CO2 (~480 kg/t clinker), aluminium "
                        "stage intensities (tCO2/t, 2020), steel energy (kgce/t, China vs Germany and the US, 2018), "
                        "generation-side grid intensity (gCO2/kWh, 2021; not a scope-2 factor). Ranges: value = low "
                        "end, value_high = high end. Benchmarks, not emission factors for inventories."),
        "version": "1.0.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Compilation: Creative Commons Attribution 4.0; figures belong to their sources"}],
        "carbon": {"kind": "benchmarks", "valueResource": "benchmarks", "familyField": None,
                   "quantityKey": ["sector", "stage", "metric", "region", "year"],
                   "unitRules": {"by": "metric", "dimensions": RULES}},
        "resources": [
            {"name": "benchmarks", "title": "Benchmark figures", "path": "benchmarks.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": fields, "primaryKey": ["record_id"],
                        "foreignKeys": [{"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}]}},
            {"name": "sources", "title": "Source documents", "path": "sources.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [{"name": "source_id", "type": "string", "constraints": {"required": True, "unique": True}},
                                   {"name": "title", "type": "string"}, {"name": "issuer", "type": "string"},
                                   {"name": "date", "type": "string"}, {"name": "doc_number", "type": "string"},
                                   {"name": "locator", "type": "string"}, {"name": "source_type", "type": "string"},
                                   {"name": "notes", "type": "string"}], "primaryKey": ["source_id"]}},
        ],
    }
    write_package(folder, descriptor, "# Changelog — sector-benchmarks\n\n## 1.0.0\n- First release: "
                  f"{len(rows)} figures from seed 002 (cement, aluminium, steel, power).\n")
    print("wrote", folder)


if __name__ == "__main__":
    main()
