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

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from package_files import COMMON_FIELDS, SOURCE_FIELDS, write_csv, write_package  # noqa: E402

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
        f"({AUDIT} §5): GRID-2021-NAT-EXMKT now secondary_single (a news report prints 0.5942 with its label).",
    ],
    "gwp-values": [
        "Locations cite the IPCC tables (SAR WG1 SPM/TS p. 26, TAR WG1 Table 6.7, AR4 WG1 Table 2.14, AR5 WG1 "
        "Table 8.A.1, AR5 with feedbacks Table 8.7 / 8.SM.16, AR6 WG1 Table 7.SM.7) instead of 'GWP-100 table'.",
        "SEED002 described in sources.csv; GHG Protocol 2024 locator restored.",
    ],
    "ipcc2006-energy-defaults": [
        "'multiple transcriptions' is not a source: every row now names the transcriptions that print the same "
        "value, checked row by row against the IPCC EFDB export (IPCC-EFDB) and a transcription checked against "
        "the IPCC PDF (CODE-CARBONTRACE); rows printed by only one are secondary_single. Locations give the EFDB "
        "EF ID.",
        "The note 'NCSC G02 biomass values equal these' kept only on the biomass rows (copy-paste error on fossil "
        f"rows, {AUDIT} §5).",
        "IPCC-T13-D-* (coke, blast furnace gas, oxygen steel furnace gas, petroleum coke): first derived from NCSC "
        "G02; now found printed as Table 1.3 values by IPCC-EFDB and CODE-CARBONTRACE, and the location says so.",
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

SOURCE_UPDATES.update({
    "CODE-GRID": {
        "issuer": "GitHub edg127117/building-energy-carbon-platform, felix0220170/ghg-accounting, hqwssg/shuohuang "
                  "(third parties)",
        "url_or_locator": "GitHub edg127117/building-energy-carbon-platform src/main/resources/carbon/"
                          "electricity-average-factors.csv @ 13b65986 and src/test/java/com/platform/carbon/"
                          "ElectricityFactorCatalogTest.java @ 838679db; GitHub felix0220170/ghg-accounting "
                          "src/config/emissionConstants.js @ 765f1886; GitHub hqwssg/shuohuang "
                          "tpfhs-9/backend/src/main/resources/schema.sql @ 08aa5fe8",
        "notes": "Used for values and cross-checks. Some code mislabels years: xiejianjun000/steel-carbon-ai-platform "
                 "ai-agent/app/agents/knowledge_base.py @ 43f37e97 calls 0.5568 the 2022 factor and 0.5810 a 华中 "
                 "value; hqwssg/shuohuang labels 2022 provincial values with later years.",
    },
    "MEE2022-111": {
        "title": "关于做好2022年企业温室气体排放报告管理相关重点工作的通知",
        "url_or_locator": "code comment: GitHub chen-1314-yang/waste-heat-demo app.py lines 23–26 @ 230494d6; "
                          "interpretation (解读, 信息来源：生态环境部): GitHub Montana0101/carbon-neutrality-new "
                          "src/page/consult/sub/sub7.js @ 0e47e349",
        "notes": "The 解读 page is titled with this notice and states: 在核算2021及2022年度碳排放量时，全国电网排放因子由"
                 "0.6101tCO2/MWh调整为最新的0.5810tCO2/MWh. The document number is printed only in the code comment.",
    },
    "MEE2021-9": {
        "url_or_locator": "FAQ text: GitHub Montana0101/carbon-neutrality-new src/page/consult/sub/sub7.js @ 0e47e349",
    },
    "FAQ-FD": {
        "title": "Interpretation (解读) of 《关于做好2022年企业温室气体排放报告管理相关重点工作的通知》, 信息来源：生态环境部 "
                 "(copy in a GitHub file)",
        "issuer": "GitHub Montana0101/carbon-neutrality-new (third-party copy)",
        "url_or_locator": "GitHub Montana0101/carbon-neutrality-new src/page/consult/sub/sub7.js @ 0e47e349",
    },
    "FAMILY-T": {
        "issuer": "GitHub felix0220170/ghg-accounting (third party)",
        "url_or_locator": "GitHub felix0220170/ghg-accounting src/config/fossilFuelConstants.js @ 765f1886 "
                          "(DEFAULT_FUEL_TYPES)",
    },
    "PROV-CC": {
        "title": "Carbon contents per heat attributed to 《省级温室气体清单编制指南》 in third-party transcriptions "
                 "(15.32, 20.08, 29.42, 13.58 tC/TJ)",
        "issuer": "third-party code and documents (see locator)",
        "url_or_locator": "SQL dump INSERT INTO cec.tb_sys_emission_factor (public code index id 21009522507; "
                          "repository name not returned), attributing 15.32 / 20.08 / 29.42 / 13.58 to 《省级温室气体"
                          "清单编制指南》; GitHub Li3379/oaiss docs/specs/CARBON-CALCULATION-SPEC.md @ 1466ec5d (原油 20.08, "
                          "天然气 15.32, 焦炉煤气 13.58)",
        "notes": "The texts name the provincial guideline without a year or '(试行)': tying the values to the 2011 试行 "
                 "edition is an inference. The 2013-style enterprise table prints other values (see CODE-GCCL).",
    },
    "SQL-FACTLIB": {
        "issuer": "GitHub hqwssg/shuohuang (third party; 朔黄铁路 carbon accounting app)",
        "url_or_locator": "GitHub hqwssg/shuohuang tpfhs-9/backend/src/main/resources/schema.sql @ 08aa5fe8 "
                          "(table 化石燃料排放因子库表)",
    },
    "CE-TRANS": {
        "url_or_locator": "GitHub Alex-McAvoy/Building-Carbon-Stock building_carbon_stock.sql @ 0c46692e (各种能源折标准煤"
                          "参考系数: 电力 0.1229, 蒸汽(低压) 0.1286); further transcriptions seen in the public code index "
                          "without a resolvable repository name (软水 0.4857, 除氧水 0.9714, 新水 0.0857 kgce/t)",
        "notes": "Several transcriptions have unit errors (gas and electricity off by 10×) or dropped digits; none "
                 "names the GB/T 2589 edition for the working media. Used for values and corroboration.",
    },
    "GBT32151.22-2024": {
        "url_or_locator": "GitHub LIUYUNLONG01/farm-ghg-web src/data/factors/appendixCDefaults.ts @ d1fbace7 (title "
                          "confirmed by src/data/standardOptions.ts and src/types/ghg.ts of the same repository)",
    },
    "GWP-GHGP2024": {
        "url_or_locator": "https://ghgprotocol.org/sites/default/files/2024-08/Global-Warming-Potential-Values%20"
                          "(August%202024).pdf (not read directly); values as cited in GitHub carlostoledo1891/"
                          "cert-machine apps/abatimento/page.js @ 722c84d1 (CH4 27,0 / 29,8 AR6; N2O 273)",
    },
    "BOOK118-CE": {
        "url_or_locator": "https://max.book118.com/html/2020/1123/8133103033003020.shtm (document id as given by the "
                          "audit of 2026-11; not in any stored text)",
    },
    "NEWS-2022EF": {
        "notes": "national, regional, top-5 and bottom-5 provinces for 2022; 2021 national 0.5568 and fossil 0.8426",
    },
})

NEW_SOURCES_LIST: list[dict[str, str]] = [
    {"source_id": "MEE2025-3", "title": "关于发布2023年电力碳足迹因子数据的公告", "issuer": "生态环境部、国家统计局、国家能源局",
     "date": "2025-01-17", "doc_number": "公告2025年第3号", "url_or_locator":
     "https://nengy.net/a/xinnenyuanzixun/2025/0124/1821.html (news copy); https://sthjt.jl.gov.cn/ywdt/szyw/202502/"
     "t20250214_3363365.html (吉林省生态环境厅)", "source_type": "official_notice (via web copies)",
     "notes": "electricity carbon-footprint factors (life cycle, kgCO2e/kWh), data year 2023; no value for "
              "transmission and distribution including losses was found for 2023"},
    {"source_id": "MEE2025-FP2024", "title": "关于发布2024年电力碳足迹因子数据的公告", "issuer": "生态环境部、国家统计局、"
     "国家能源局", "date": "2025-09-28 (印发 2025-10-23)", "doc_number": "(number not printed in any stored text)",
     "url_or_locator": "annex page '— 3 —' (附件 2024年全国电力碳足迹因子, 表1–表3): copy in GitHub leo21468/"
     "CarbonCalculator data/2024.pdf @ bebed062; notice: http://www.tanpaifang.com/zhengcefagui/2025/1024115022.html",
     "source_type": "official_notice (via copies)",
     "notes": "electricity carbon-footprint factors (life cycle, kgCO2e/kWh), data year 2024"},
    {"source_id": "CPCD-CORE", "title": "Export of the national product carbon-footprint factor database (CPCD 核心数据库) "
     "with the electricity carbon-footprint factors of 2023 and 2024", "issuer": "GitHub leo21468/CarbonCalculator "
     "(third-party copy)", "date": "", "doc_number": "", "url_or_locator": "GitHub leo21468/CarbonCalculator "
     "data/core.csv @ bebed062", "source_type": "database_export (third-party copy)",
     "notes": "same repository as the copy of the 2024 annex page; rows e.g. 17100H3502023C"},
    {"source_id": "CODE-SSSQZH", "title": "Reference page reproducing the 2023 table 各类发电技术生命周期碳足迹因子",
     "issuer": "GitHub sssqZh/Carbon-Emissions-Calculation-Tool (third party)", "date": "", "doc_number": "",
     "url_or_locator": "GitHub sssqZh/Carbon-Emissions-Calculation-Tool public/references/"
     "power-carbon-footprint-2023.html @ 832cfd73", "source_type": "secondary_code", "notes": ""},
    {"source_id": "NEWS-NENGY-2025", "title": "News copy of 《关于发布2023年电力碳足迹因子数据的公告》 (text of the notice)",
     "issuer": "nengy.net", "date": "2025-01-24", "doc_number": "", "url_or_locator":
     "http://nengy.net/a/xinnenyuanzixun/2025/0124/1821.html", "source_type": "news", "notes": ""},
    {"source_id": "NEWS-ZHB-2025", "title": "Article on the 2024 electricity carbon-footprint factors with the 2023 "
     "values for comparison", "issuer": "中国环境保护协会 (zhb.org.cn)", "date": "2025-11-03", "doc_number": "",
     "url_or_locator": "http://www.zhb.org.cn/hbzx/news_2/2025-11-03/24141.html", "source_type": "news", "notes": ""},
    {"source_id": "NEWS-HASUGIAN-2025", "title": "News on the 2024 electricity carbon-footprint factors",
     "issuer": "hasugian.com", "date": "2025-10-27", "doc_number": "", "url_or_locator":
     "http://hasugian.com/tanzuji/2025/1027/115039.html", "source_type": "news", "notes": ""},
    {"source_id": "DB43-612-2015", "title": "DB43/T 612—2015 (Hunan local standard), 附录A 折标煤参考系数, 表A.2 常用耗能工质"
     "折标准煤参考系数", "issuer": "湖南省质量技术监督局", "date": "2015", "doc_number": "DB43/T 612—2015",
     "url_or_locator": "https://wanglu.net/thread/t12-331250-3.html (copy of the appendix)", "source_type":
     "local_standard (via web copy)", "notes": "prints 新水 0.0857, 软水 0.4857, 除氧水 0.9714 kgce/t in a working-media "
     "table separate from the fuel table A.1"},
    {"source_id": "IPCC-EFDB", "title": "IPCC Emission Factor Database, export of the '2006 IPCC Guidelines' defaults "
     "(rows cite Volume 2 Table 1.2 for NCVs and Tables 1.4 and 2.2 for CO2)", "issuer": "IPCC TFI (via Open Earth "
     "Foundation)", "date": "accessed 2023-09-05", "doc_number": "", "url_or_locator": "GitHub Open-Earth-Foundation/"
     "CityCatalyst app/seed-data/emissions_factors/data_raw/EFDB_2006_IPCC_guidelines/EFDB_2006_IPCC_guidelines.xlsx "
     "@ 1c750733", "source_type": "official_database (via third-party copy)", "notes": "defaults only, no ranges"},
    {"source_id": "CODE-CARBONTRACE", "title": "Transcription of IPCC 2006 Vol. 2 Ch. 1 Tables 1.2-1.4 checked "
     "against the IPCC PDF by its author (p.1.18-1.19, p.1.23-1.24)", "issuer": "GitHub ava-jahlee/carbontrace "
     "(third party)", "date": "", "doc_number": "", "url_or_locator": "GitHub ava-jahlee/carbontrace scripts/"
     "build_verified_ipcc_ch1.py @ 67d8af80", "source_type": "secondary_code", "notes": ""},
    {"source_id": "APERC-NCV", "title": "Default NCVs with lower and upper limits of the 95% confidence interval "
     "(transcription of IPCC 2006 Vol. 2 Table 1.2)", "issuer": "Asia Pacific Energy Research Centre (GitHub "
     "asia-pacific-energy-research-centre/aperc-emissions)", "date": "", "doc_number": "", "url_or_locator":
     "GitHub asia-pacific-energy-research-centre/aperc-emissions config/IPCC Methodology to EGEDA map.xlsx @ f4912c4a, "
     "sheet Default NCV", "source_type": "secondary_spreadsheet", "notes": "the only transcription of the ranges found"},
    {"source_id": "CODE-GCCL", "title": "SQL_CARBON_ITEM_LIST constants of a carbon-ledger app (2013-style "
     "enterprise-guideline parameters: NCV, carbon content per heat)", "issuer": "GitHub carbon-ledger/"
     "GreenChainCarbonLedger (third party)", "date": "", "doc_number": "",
     "url_or_locator": "GitHub carbon-ledger/GreenChainCarbonLedger src/main/kotlin/com/frontleaves/"
     "greenchaincarbonledger/common/constants/SqlPrepareData.kt @ cac05d88",
     "source_type": "secondary_code", "notes": "prints 无烟煤 27.49, 烟煤 26.18, 洗精煤 25.40, 其他煤制品 33.60, 焦炭 29.50, "
     "原油 20.10, 焦炉煤气 12.10 (NCV 173.540), 天然气 15.30 (NCV 389.310)"},
    {"source_id": "NEWS-SZCBN-2021EF", "title": "News report on the 2021 electricity CO2 factors naming 0.5942 the "
     "剩余组合排放因子 (national factor excluding market-traded non-fossil electricity)", "issuer": "szcbn.com (news)",
     "date": "", "doc_number": "", "url_or_locator": "szcbn.com news page, as reported by the audit of 2026-11 §5 "
     "(page address not recorded there)", "source_type": "news", "notes": ""},
]


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
        "CE-COG": {
            "notes": "range 16 726–17 981 kJ/m3; one file prints 0.5928 (midpoint-like). One text attributes the 17981 "
                     "upper end to GB/T 2589-2008 附录A (SQL dump, public code index id 21009522507); the 2020 edition "
                     "revised 附录A. GB/T 32151 uses NCV 179.81 GJ/10^4 Nm3 (= 17981 kJ/m3, the upper end).",
        },
        "CE-WATER-NEW": {
            "status": WITHDRAWN,
            "location": "耗能工质 (working media) table as transcribed; not in fuel table A.1; table number not read",
            "notes": f"Conflict unresolved ({AUDIT} §4.4): one code source cites 0.2571 to GB/T 2589-2020, a web page "
                     "gives 0.0857 kgce/t, the classic 2008-edition figure. Withdrawn until the printed standard is read.",
        },
        "CE-METHANOL": {
            "status": WITHDRAWN,
            "location": "not found in any stored public text; value from one third-party transcription",
            "notes": f"Withdrawn ({AUDIT} §4.5): 0.7714 × 29.307 = 22.6 MJ/kg, methanol's higher heating value; its LHV "
                     "(~19.9 MJ/kg) would give ~0.679, GB/T 2589 is LHV-based elsewhere, and no public text prints "
                     "0.7714 for 甲醇.",
        },
        "CE-WATER-SOFT": {
            "location": "耗能工质 (working media) table of GB/T 2589 per transcriptions, not fuel table A.1; table number "
                        "not read",
            "corroborated_by": "DB43-612-2015",
        },
        "CE-WATER-DEOX": {
            "location": "耗能工质 (working media) table of GB/T 2589 per transcriptions, not fuel table A.1; table number "
                        "not read",
            "corroborated_by": "DB43-612-2015",
        },
    },
    "cn-grid-factors": {
        "GRID-2021-NAT-EXMKT": {
            "verification": "secondary_single", "corroborated_by": "NEWS-SZCBN-2021EF",
            "notes": "national factor excluding market-traded non-fossil electricity; a news report (szcbn.com) prints "
                     f"0.5942 with this label ({AUDIT} §5), so the value is no longer only inferred by elimination",
        },
        "GRID-2021-NAT-FOSSIL": {"corroborated_by": "NEWS-2022EF"},
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
    "ipcc2006-energy-defaults": {},
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


#: The former PROV-2013-CC family, split by the text that prints each value (§4.2).
PROV_GUIDE_ROWS = {  # attributed to 《省级温室气体清单编制指南》 by a public SQL dump
    "FUEL-P-01-C": "天然气", "FUEL-P-02-C": "原油", "FUEL-P-03-C": "焦炭", "FUEL-P-08-C": "焦炉煤气"}
STYLE_2013_ROWS = {  # printed by the 2013-style enterprise table (GreenChainCarbonLedger)
    "FUEL-P-04-C": "无烟煤", "FUEL-P-05-C": "烟煤", "FUEL-P-06-C": "洗精煤", "FUEL-P-07-C": "其他煤制品"}
EXTRA_FAMILIES = [
    ["THIRD-PARTY-2013-STYLE", "2013-style enterprise-guideline carbon contents as printed by third-party code "
     "(document not named there)", "unknown (2013-style enterprise table)", "", "CODE-GCCL"],
]


#: Where each IPCC report prints its GWP-100 values (as cited by openclimatedata and other texts, §5).
GWP_TABLES = {
    "SAR": "IPCC SAR WG1 (1995), SPM and Technical Summary p. 26 (table number not seen in a stored text)",
    "TAR": "IPCC TAR WG1 (2001), Table 6.7, p. 388",
    "AR4": "IPCC AR4 WG1 (2007), Table 2.14",
    "AR5": "IPCC AR5 WG1 (2013), Table 8.A.1 (without climate-carbon feedbacks)",
    "AR5CCF": "IPCC AR5 WG1 (2013), Table 8.7 p. 714 and Table 8.SM.16 (with climate-carbon feedbacks)",
    "AR6": "IPCC AR6 WG1 (2021), Table 7.SM.7 (fossil / non-fossil CH4: Table 7.15)",
}


def _gwp_hook(r: dict) -> None:
    via = {"GWP-OCD": "via openclimatedata/globalwarmingpotentials",
           "GWP-GHGP2024": "via GHG Protocol GWP values (August 2024)"}.get(r["source_id"], "")
    r["location"] = f"{GWP_TABLES[r['report']]}; {via}".strip("; ")


def _fuel_hook(r: dict) -> None:
    _restore_ncsc(r, "location")
    rid = r["record_id"]
    if r["source_id"] == "FAMILY-T" and not r["location"]:
        r["location"] = (f"DEFAULT_FUEL_TYPES entry '{r['fuel_name_as_printed']}' in GitHub felix0220170/ghg-accounting "
                         "src/config/fossilFuelConstants.js @ 765f1886")
    if rid in PROV_GUIDE_ROWS:
        r["location"] = (f"row {PROV_GUIDE_ROWS[rid]} of the SQL dump tb_sys_emission_factor (public code index id "
                         "21009522507), attributed there to 《省级温室气体清单编制指南》")
    elif rid in STYLE_2013_ROWS:
        # FAMILY-T is the same code-constant lineage, not an independent corroboration (§5)
        r["family_id"], r["source_id"], r["corroborated_by"] = "THIRD-PARTY-2013-STYLE", "CODE-GCCL", ""
        r["verification"] = "secondary_single"
        r["location"] = (f"SQL_CARBON_ITEM_LIST entry {STYLE_2013_ROWS[rid]}, GitHub carbon-ledger/GreenChainCarbonLedger "
                         "…/common/constants/SqlPrepareData.kt @ cac05d88")
        r["notes"] = "; ".join(x for x in [r["notes"], "moved from PROV-2013-CC: the provincial-guideline texts print "
                                           "other values (e.g. 无烟煤 27.40)"] if x)
    elif rid == "FUEL-P-09-C":
        r["location"] = "locator not restorable: no stored public text prints 12.2 tC/TJ for 其他煤气"
        r["status"] = WITHDRAWN
        r["notes"] = (f"Withdrawn ({AUDIT} §4.2, §5): the transcription it was copied from cannot be named; the one "
                      "provincial-guideline text found prints 12.20 for 高炉煤气, not for 其他煤气.")
    if r["fuel_id"] == "raw_coal" and r.get("family_id") == "CE-REFERENCE-DOC":
        r["notes"] = "; ".join(x for x in [r["notes"], "raw coal (原煤) is not in GB/T 32151 Table C.1: this reference "
                                           "document is its only source here"] if x)


def _ipcc_corroboration() -> dict[str, dict]:
    """Record id → which transcriptions print the same value (checked programmatically, 2026-11-23)."""
    with open(CURATED / "ipcc_corroboration.csv", encoding="utf-8") as fh:
        return {r["record_id"]: r for r in csv.DictReader(fh)}


def _ipcc_hook(r: dict) -> None:
    c = IPCC_CORROBORATION.get(r["record_id"])
    if c is None:
        return
    ids = []
    if c["efdb_match"] == "yes":
        ids.append("IPCC-EFDB")
    # carbontrace states the oxidation factor only in prose, not as a value
    if c["carbontrace_match"] == "yes" and r["parameter"] != "oxidation_factor_default":
        ids.append("CODE-CARBONTRACE")
    r["corroborated_by"] = "|".join(ids)
    r["notes"] = re.sub(r";?\s*corroboration: multiple transcriptions(; NCSC G02 biomass values equal these)?", "",
                        r["notes"])
    if c["efdb_ef_id"]:
        r["location"] += f"; IPCC EFDB EF ID {c['efdb_ef_id']}"
    if len(ids) >= 2:
        r["verification"] = "corroborated_multi"
    if r["record_id"].startswith("IPCC-T13-D-"):
        r["location"] = ("Vol.2 Ch.1 Table 1.3 as printed by IPCC-EFDB and CODE-CARBONTRACE (first derived from NCSC G02 "
                         "CO2 factors × 12/44, not read from Table 1.3 itself)")
        r["notes"] = ""


NCSC_IDS = _ncsc_ids()
IPCC_CORROBORATION = _ipcc_corroboration()
PACKAGE_HOOKS: dict = {"cn-grid-factors": _grid_hook, "cn-fuel-parameters": _fuel_hook,
                       "ipcc2006-energy-defaults": _ipcc_hook, "gwp-values": _gwp_hook}
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

    write_csv(folder / "gaps.csv", GAP_FIELDS, GAPS)
    return {"name": "gaps", "title": "Known gaps: official values users expect that are not shipped, and why",
            "path": "gaps.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": f, "type": "string"} for f in GAP_FIELDS], "primaryKey": ["gap_id"]}}


# ----------------------------------------------------------------------------- IPCC Table 1.2
#: Table 1.2 defaults (TJ/Gg) with the 95% range, and Table 1.4 CO2 factors (kg/TJ) for fuels that had none
#: (§7.5). Defaults printed identically by IPCC-EFDB, CODE-CARBONTRACE and APERC-NCV; ranges by APERC-NCV only.
IPCC_NEW_NCV = [
    ("IPCC-T12-43", "Refinery gas", "49.5", "47.5", "50.6"),
    ("IPCC-T12-44", "Ethane", "46.4", "44.9", "48.8"),
    ("IPCC-T12-45", "Natural gas liquids", "44.2", "40.9", "46.9"),
    ("IPCC-T12-46", "Orimulsion", "27.5", "27.5", "28.3"),
    ("IPCC-T12-47", "Aviation gasoline", "44.3", "42.5", "44.8"),
    ("IPCC-T12-48", "Jet gasoline", "44.3", "42.5", "44.8"),
    ("IPCC-T12-49", "Shale oil", "38.1", "32.1", "45.2"),
    ("IPCC-T12-50", "Paraffin waxes", "40.2", "33.7", "48.2"),
    ("IPCC-T12-51", "White spirit and SBP", "40.2", "33.7", "48.2"),
    ("IPCC-T12-52", "Other petroleum products", "40.2", "33.7", "48.2"),
    ("IPCC-T12-53", "Refinery feedstocks", "43.0", "36.3", "46.4"),
]
IPCC_NEW_EF = [
    ("IPCC-T14-43", "Paraffin waxes", "73300"),
    ("IPCC-T14-44", "White spirit and SBP", "73300"),
    ("IPCC-T14-45", "Other petroleum products", "73300"),
    ("IPCC-T14-46", "Refinery feedstocks", "73300"),
]


def ipcc_new_rows() -> list[list[str]]:
    rows = []
    for rid, fuel, v, lo, hi in IPCC_NEW_NCV:
        rows.append([rid, fuel, "ncv_default", v, "TJ/Gg", v, "TJ/Gg", "IPCC2006-V2C1", "", "Vol.2 Ch.1 Table 1.2",
                     "corroborated_multi", "IPCC-EFDB|CODE-CARBONTRACE|APERC-NCV",
                     f"TJ/Gg = GJ/t; 95% range {lo}–{hi} (APERC-NCV only); added {TODAY} ({AUDIT} §7.5)", "current", ""])
    for rid, fuel, v in IPCC_NEW_EF:
        rows.append([rid, fuel, "co2_ef_default", v, "kgCO2/TJ", v, "kgCO2/TJ", "IPCC2006-V2C1", "",
                     "Vol.2 Ch.1 Table 1.4", "corroborated_multi", "IPCC-EFDB|CODE-CARBONTRACE",
                     f"carbon content 20.0 kgC/GJ × 44/12; range not found in any transcription; added {TODAY} "
                     f"({AUDIT} §7.5)", "current", ""])
    return rows


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
