"""Build the Ganzhou park 2020-2022 data package: seed 003 Table 6 as printed, and activity
quantities reconstructed from it.

    python scripts/reconstruct_ganzhou.py

Seed 003 publishes, per year, total energy (10^4 tce), the electricity share of it (%),
CO2 (10^4 t) and industrial output (10^8 yuan), and says natural gas stays "about 12%"
of energy; the rest is refined oil. The activity quantities follow from seed 003 Table 4
(0.1229 kgce/kWh, 1.33 kgce/m3, 1.47 kgce/kg):

    electricity kWh = E × share_e / 0.1229;  gas m3 = E × 0.12 / 1.33;
    refined oil t = E × (1 - share_e - 0.12) / 1.47 / 1000     (E in kgce)

They are a reconstruction, not published statistics; the CO2 they give with seed 003's
factors is compared with Table 6 in the tests (within 0.5%).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_shared import OUT, write_csv, write_package  # noqa: E402

# Seed 003 Table 6 (赣州经开区碳排放分解模型的训练数据), as printed.
TABLE6 = [
    # year, CO2 10^4 t, output 10^8 yuan, energy 10^4 tce, electricity share %, industry share %
    ("2020", "88.87", "707", "29.66", "36.55", "28.21"),
    ("2021", "97.50", "954.7", "32.50", "36.72", "28.21"),
    ("2022", "100.60", "1162", "32.76", "39.47", "28.21"),
]
GAS_SHARE = 0.12
KGCE = {"electricity": 0.1229, "gas": 1.33, "oil": 1.47}


def main() -> None:
    folder = OUT / "ganzhou-park-2020-2022"
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "table6.csv", ["year", "co2_1e4t", "output_1e8yuan", "energy_1e4tce", "electricity_share_pct",
                                      "industry_share_pct"], [list(r) for r in TABLE6])
    rows = []
    for year, _, _, energy, share_e, _ in TABLE6:
        kgce = float(energy) * 1e7
        e = float(share_e) / 100
        rows.append(["赣州经开区 Ganzhou ETDZ", year, "electricity", "外购电力", f"{kgce * e / KGCE['electricity']:.0f}", "kWh"])
        rows.append(["赣州经开区 Ganzhou ETDZ", year, "combustion", "天然气", f"{kgce * GAS_SHARE / KGCE['gas']:.0f}", "m3"])
        rows.append(["赣州经开区 Ganzhou ETDZ", year, "combustion", "成品油",
                     f"{kgce * (1 - e - GAS_SHARE) / KGCE['oil'] / 1000:.1f}", "t"])
    write_csv(folder / "activity.csv", ["entity", "period", "category", "activity", "quantity", "unit"], rows)
    source = {"id": "SEED003", "title": "王仲 等 (2024) 工业园区碳排放核算与“双碳”转型路径研究. 南方能源建设 11(5):1-9, "
                                        "DOI 10.16516/j.ceec.2023-311: Tables 4-6 and §4.2-4.3"}
    descriptor = {
        "name": "ganzhou-park-2020-2022",
        "title": "Ganzhou Economic and Technological Development Zone 2020-2022: seed 003 Table 6 and reconstructed activity",
        "description": ("Resource table6 is seed 003 Table 6 as printed. Resource activity is a RECONSTRUCTION, not "
                        "published statistics: purchased electricity, natural gas and refined oil per year derived "
                        "from Table 6 (energy total and electricity share), the text's 'natural gas about 12%' and "
                        "Table 4's coal-equivalent coefficients; see scripts/reconstruct_ganzhou.py. With seed 003's "
                        "own factors (family SEED003, 0.581 tCO2/MWh) it reproduces Table 6's CO2 within 0.5%."),
        "version": "1.0.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [source],
        "resources": [
            {"name": "table6", "title": "Seed 003 Table 6 as printed", "path": "table6.csv", "format": "csv",
             "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [
                 {"name": "year", "type": "integer", "constraints": {"required": True, "unique": True}},
                 {"name": "co2_1e4t", "type": "number", "unit": "10^4 t CO2", "description": "碳排放量/10^4 t"},
                 {"name": "output_1e8yuan", "type": "number", "unit": "10^8 yuan", "description": "工业总产值/亿元"},
                 {"name": "energy_1e4tce", "type": "number", "unit": "10^4 tce", "description": "能源消耗量/10^4 tce"},
                 {"name": "electricity_share_pct", "type": "number", "unit": "%",
                  "description": "能源结构: electricity share of energy (coal equivalent)"},
                 {"name": "industry_share_pct", "type": "number", "unit": "%",
                  "description": "产业结构: share of the two leading industries in large firms"},
             ], "primaryKey": ["year"]}},
            {"name": "activity", "title": "Reconstructed activity lines (inventory input)", "path": "activity.csv",
             "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": [
                 {"name": "entity", "type": "string"},
                 {"name": "period", "type": "integer", "constraints": {"required": True}},
                 {"name": "category", "type": "string", "constraints": {"enum": ["combustion", "electricity"]}},
                 {"name": "activity", "type": "string", "description": "energy carrier as named in seed 003"},
                 {"name": "quantity", "type": "number", "constraints": {"minimum": 0},
                  "unit": "see column unit", "description": "reconstructed quantity"},
                 {"name": "unit", "type": "string"},
             ], "primaryKey": ["period", "activity"]}},
        ],
    }
    write_package(folder, descriptor, "# Changelog — ganzhou-park-2020-2022\n\n## 1.0.0\n- First release: seed 003 "
                  "Table 6 as printed; activity reconstructed with natural gas at 12% of energy each year.\n")
    print("wrote", folder)


if __name__ == "__main__":
    main()
