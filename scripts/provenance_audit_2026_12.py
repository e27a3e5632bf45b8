"""Apply the provenance fixes of the factor audit of 2026-12 (issue 27) to the factor packages.

Run once on the working copies in ``datapackages/``, then release each package with
``carbon revise PACKAGE --adopt-edits --bump minor --message …`` (the changelog records it).
What it does, by the audit's defect classes:

- every value row gains ``read_from``: the source whose text the value was actually read in;
  ``sources`` gain ``origin`` (repository or site of the text) and ``copy_of`` (sources the text
  copies), so that ``carbon validate`` can tell independent corroboration from a copy (D1–D4);
- the 80 grid rows of data years 2021 and 2022 are matched, value by value, to the CPCD export
  (``--cpcd``: ``core_electricity.csv`` written by ``scripts/cpcd_extract.py`` from GitHub
  leo21468/CarbonCalculator data/core.csv) and cite its line and record (D5);
- the 40 grid rows of 2023 name their annex table and row, matched to the annex copy
  (``--annex2023``: ``annex_2023.csv`` of the same script, from data/2023.pdf) (D9);
- locators, notes and labels of D6–D16 are corrected; ``corroborated_multi`` is lowered where
  fewer than two independent texts remain.

A value that does not match its new reading stops the script: nothing is written then.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "datapackages"
CPCD_REPO = "GitHub leo21468/CarbonCalculator"
CPCD_COMMIT = "e6231c6"  # = bebed062 for these files (the only commit that touches them)
VALUE_FILES = {"cn-grid-factors": "factors.csv", "cn-electricity-footprint": "factors.csv",
               "cn-coal-equivalent": "coefficients.csv", "cn-fuel-parameters": "parameters.csv",
               "gwp-values": "gwp.csv", "ipcc2006-energy-defaults": "defaults.csv"}


def read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def add_field(fields: list[str], name: str, after: str) -> list[str]:
    return fields if name in fields else fields[:fields.index(after) + 1] + [name] + fields[fields.index(after) + 1:]


def ids(cell: str) -> list[str]:
    return [s for s in (x.strip() for x in (cell or "").split("|")) if s]


def relabel(r: dict, independent: list[str]) -> None:
    r["corroborated_by"] = "|".join(independent)
    if r["verification"] == "corroborated_multi" and len(independent) < 2:
        r["verification"] = "secondary_single"


def schema_fields(pkg: str, resource: str, new: list[tuple[str, str, str]]) -> None:
    """Insert field descriptors ``(name, after, description)`` into a resource schema."""
    path = ROOT / pkg / "datapackage.json"
    d = json.loads(path.read_text(encoding="utf-8"))
    res = next(r for r in d["resources"] if r["name"] == resource)
    names = [f["name"] for f in res["schema"]["fields"]]
    for name, after, text in new:
        if name in names:
            continue
        at = names.index(after) + 1
        res["schema"]["fields"].insert(at, {"name": name, "type": "string", "description": text})
        names.insert(at, name)
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


READ_FROM = ("read_from", "location", "source id(s) of the text the value was actually read in: the document "
                                      "itself, or the copy or transcription seen ('|'-separated)")
ORIGIN = [("origin", "notes", "repository or site the text lives in (github:owner/name, a host name); two texts "
                              "of one origin do not corroborate each other"),
          ("copy_of", "origin", "source ids this text is a copy or transcription of ('|'-separated)")]


# ------------------------------------------------------------------ sources
NEW_SOURCES = {
    "cn-grid-factors": [
        {"source_id": "CPCD-CORE", "title": "Export of the national product carbon-footprint factor database (CPCD "
         "核心数据库), with the electricity CO2 factors of data years 2021, 2022 and 2023 (record ids 17100H…C)",
         "issuer": f"{CPCD_REPO} (third-party copy)", "date": "", "doc_number": "",
         "locator": f"{CPCD_REPO} data/core.csv @ {CPCD_COMMIT}", "source_type": "database_export (third-party copy)",
         "notes": "header 产品ID,产品名称,核算边界,碳足迹,企业名称,数据年份,数据类型,是否低碳; no document fields; lines 20–37 "
                  "repeat lines 2–19; units printed kgCO2e/千瓦时 although the notices print kgCO2/kWh",
         "origin": "github:leo21468/carboncalculator", "copy_of": ""},
        {"source_id": "ANNEX-2023-COPY", "title": "Copy of the annex of 公告2025年第47号: 2023 年电力二氧化碳排放因子, "
         "表1–表5, pages '— 3 —' and '— 4 —'", "issuer": f"{CPCD_REPO} (third-party copy)", "date": "2025-12-31",
         "doc_number": "", "locator": f"{CPCD_REPO} data/2023.pdf @ {CPCD_COMMIT}", "source_type": "document_copy",
         "notes": "表1 全国 (p. — 3 —), 表2 区域 (— 3 —), 表3 省级 (— 3 — 北京…江苏, — 4 — 浙江…新疆), 表4 不包括市场化交易的"
                  "非化石能源电量 (— 4 —), 表5 化石能源 (— 4 —); the notice number is not printed on these pages",
         "origin": "github:leo21468/carboncalculator", "copy_of": "MEE2025-47"},
    ],
    "cn-electricity-footprint": [
        {"source_id": "ANNEX-2024-COPY", "title": "Copy of the annex page of the 2024 electricity carbon-footprint "
         "notice: 2024 年全国电力碳足迹因子, 表1–表3, page '— 3 —'", "issuer": f"{CPCD_REPO} (third-party copy)",
         "date": "2025-09-28", "doc_number": "", "locator": f"{CPCD_REPO} data/2024.pdf @ {CPCD_COMMIT}",
         "source_type": "document_copy", "notes": "表1 2024 年全国电力平均碳足迹因子; 表2 2024 年主要发电类型电力碳足迹因子; "
                                                  "表3 2024 年输配电碳足迹因子",
         "origin": "github:leo21468/carboncalculator", "copy_of": "MEE2025-FP2024"},
    ],
}
ORIGINS = {  # origin and copy_of of the sources already shipped
    "CPCD-CORE": ("github:leo21468/carboncalculator", ""),
    "CODE-SSSQZH": ("github:sssqzh/carbon-emissions-calculation-tool", "MEE2025-3"),
    "NEWS-NENGY-2025": ("nengy.net", "MEE2025-3"), "NEWS-ZHB-2025": ("zhb.org.cn", ""),
    "NEWS-HASUGIAN-2025": ("hasugian.com", ""), "NEWS-2022EF": ("daydaynews.cc", ""),
    "NEWS-2023EF": ("reportify.ai", ""), "NEWS-SZCBN-2021EF": ("szcbn.com", ""),
    "FAQ-FD": ("github:montana0101/carbon-neutrality-new", "MEE2022-111"),
    "GHGTOOL": ("github:adgo07/ghgtool", ""), "SQL-FACTLIB": ("github:hqwssg/shuohuang", ""),
    "NCSC-EFDB": ("github:eziohelios/litestar-fullstack", ""),
    "GBT32151.22-2024": ("github:liuyunlong01/farm-ghg-web", ""), "GBT32151.34-2024": ("github:adgo07/ghgtool", ""),
    "FAMILY-T": ("github:felix0220170/ghg-accounting", ""), "CODE-GCCL": ("github:carbon-ledger/greenchaincarbonledger", ""),
    "BOOK118-CE": ("max.book118.com", ""), "NDRC-OM2016": ("max.book118.com", ""),
    "CE-TRANS": ("github:alex-mcavoy/building-carbon-stock", ""), "DB43-612-2015": ("wanglu.net", ""),
    "GWP-OCD": ("github:openclimatedata/globalwarmingpotentials", ""),
    "GWP-GHGP2024": ("github:carlostoledo1891/cert-machine", ""),
    "IPCC-EFDB": ("github:open-earth-foundation/citycatalyst", ""),
    "CODE-CARBONTRACE": ("github:ava-jahlee/carbontrace", ""),
    "SEED002": ("seed", ""), "SEED003": ("seed", ""),
}
SOURCE_EDITS = {
    "IPCC2006-V2C1": {"notes": "read in transcriptions: GitHub ava-jahlee/carbontrace scripts/build_verified_ipcc_ch1.py "
                               "@ 67d8af80 (stated checked against the PDF, pp. 1.18–1.24) and the IPCC EFDB export "
                               "(IPCC-EFDB); iClimate/ghgpy src/ghgpy/data/efs.py @ 341e94b5 prints placeholders only. "
                               "Three further transcriptions named earlier without a repository are no longer cited."},
    "PROV-CC": {"locator": "Li3379/oaiss docs/specs/CARBON-CALCULATION-SPEC (GitHub) and an SQL dump INSERT INTO "
                           "cec.tb_sys_emission_factor whose repository the public code index does not name (index id "
                           "21009522507): the dump cannot be reopened by a reader, so it is cited for the record only"},
    "NEWS-SZCBN-2021EF": {"locator": "https://www.szcbn.com/newsinfo/7157203.html (address recorded by the audit of "
                                     "2026-11 §5)"},
    "BOOK118-CE": {"locator": "https://max.book118.com/html/2020/1123/8133103033003020.shtm (the table text is in the "
                              "public page)"},
    "MEE2024-33": {"doc_number": "公告 of 2024-12-20 (the number 2024年第33号 is printed in no text seen; the source id "
                                 "keeps it as a key only)"},
}


def fix_sources(pkg: str) -> None:
    path = ROOT / pkg / "sources.csv"
    fields, rows = read(path)
    fields = fields + [f for f, _, _ in ORIGIN if f not in fields]
    known = {r["source_id"] for r in rows}
    rows += [dict(s) for s in NEW_SOURCES.get(pkg, []) if s["source_id"] not in known]
    for r in rows:
        origin, copy_of = ORIGINS.get(r["source_id"], ("", ""))
        r.setdefault("origin", "")
        r.setdefault("copy_of", "")
        r["origin"] = r["origin"] or origin
        r["copy_of"] = r["copy_of"] or copy_of
        r.update(SOURCE_EDITS.get(r["source_id"], {}))
    write(path, fields, rows)
    schema_fields(pkg, "sources", ORIGIN)


# ------------------------------------------------------------------ value rows
def grid(rows: list[dict], cpcd: list[dict], annex: list[dict]) -> None:
    kind = {"avg_incl_all": {"national": "national_avg", "regional": "regional", "provincial": "provincial"},
            "avg_excl_market_nonfossil": {"national": "national_avg_excl_market_nonfossil"},
            "fossil": {"national": "national_fossil"}}
    first = {}
    for c in cpcd:
        if c["duplicate_of_line"]:
            continue
        first.setdefault((c["data_year"], c["category"], c["region_or_type"].rstrip("省市")), c)
    table_of = {"national_avg": "表1", "regional": "表2", "provincial": "表3",
                "national_avg_excl_market_nonfossil": "表4", "national_fossil": "表5"}
    annex_by = {(a["table"], a["row_label"]): a for a in annex}
    for r in rows:
        rid, src = r["record_id"], r["source_id"]
        if src in ("MEE2024-12", "MEE2024-33"):
            cat = kind[r["factor_type"]][r["region_level"]]
            region = r["region_zh"].rstrip("省市")
            c = first.get((r["data_year"], cat, region))
            if c is None or abs(float(c["value"]) - float(r["value"])) > 1e-9:
                sys.exit(f"{rid}: no equal value in the CPCD export ({c and c['value']} vs {r['value']})")
            doc = "公告2024年第12号 附件1" if src == "MEE2024-12" else "公告 of 2024-12-20, 附件"
            r["location"] = (f"{doc} (the annex table itself was not seen: only secondary copies); read in CPCD-CORE "
                             f"({CPCD_REPO} data/core.csv @ {CPCD_COMMIT}) line {c['line']}, record {c['record_id']} "
                             f"'{c['name']}'")
            r["read_from"] = "CPCD-CORE"
            if src == "MEE2024-33":
                r["doc_number"] = "生态环境部 国家统计局 公告 of 2024-12-20 (number not printed in any text seen)"
            r["notes"] = r["notes"].replace("third-party code / mislabels", "one third-party code file of CODE-GRID "
                                                                              "mislabels")
        elif src == "MEE2025-47":
            cat = kind[r["factor_type"]][r["region_level"]]
            a = annex_by.get((table_of[cat], "全国" if r["region_level"] == "national" else r["region_zh"]))
            if a is None or abs(float(a["value"]) - float(r["value"])) > 1e-9:
                sys.exit(f"{rid}: no equal value in the 2023 annex copy ({a and a['value']} vs {r['value']})")
            ncsc = r["location"].split("; read in ", 1)[1] if "; read in " in r["location"] else ""
            r["location"] = (f"公告2025年第47号 附件 {a['table']} {a['table_title']}, row {a['row_label']} (page "
                             f"'{a['page']}'); read in {ncsc}")
            r["read_from"] = "NCSC-EFDB"
            r["corroborated_by"] = "|".join(dict.fromkeys(ids(r["corroborated_by"]) + ["ANNEX-2023-COPY"]))
        elif src == "NDRC-OM2016":
            r["read_from"] = "NDRC-OM2016"
        elif src in ("NDRC-AVG2012", "CODE-GRID"):
            r["read_from"] = "CODE-GRID"
            r["location"] = (r["location"].replace("((none seen))", "(no table of that document seen)")
                             .replace("; table not seen", "; its table not seen")
                             + "; read in CODE-GRID, the entry of this region")
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "CODE-GRID"])
        elif src == "SEED002":
            r["read_from"] = "SEED002"
            r["location"] += " (seed002 line 216)"
        elif src == "SEED003":
            r["read_from"] = "SEED003"
        elif rid == "GRID-RULE-0.6101":
            r["read_from"] = "FAQ-FD"
            r["location"] = (r["location"].replace("clause not read (value per an FAQ text)", "clause not seen")
                             + "; read in FAQ-FD (sub7.js), the FAQ entry on the grid factor")
        elif rid == "GRID-RULE-0.5810":
            r["read_from"] = "FAQ-FD"
            r["other_source_ids"] = ""
            r["location"] = ("环办气候函〔2022〕111号, grid factor for 2021 reports (clause not seen); read in FAQ-FD "
                             "(sub7.js), the entry on the change 0.6101 → 0.5810")
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "FAQ-FD"])
        elif rid == "GRID-RULE-0.5703":
            r["read_from"] = "MEE2023-FD"
            r["location"] = ("环办气候函〔2023〕43号, the sentence 2022年度全国电网平均排放因子为0.5703tCO2/MWh; read in the "
                             "tanpaifang.com news summary of 2023-02-15 (page text), not the notice itself")
        elif rid == "HEAT-DEFAULT-0.11":
            r["read_from"] = "GHGTOOL"
        if r["factor_type"] == "reporting_default":
            # the data year behind a reporting default is not printed; the report years say where it applies
            r["notes"] = (r["notes"] + " " if r["notes"] else "") + (
                f"data_year left blank: the electricity data year behind this default is not printed (it was "
                f"{r['data_year']}, the report year, before 2026-12).") if r["data_year"] else r["notes"]
            r["data_year"] = ""
        if not r.get("read_from"):
            sys.exit(f"{rid}: no read_from assigned")


EFP_ANNEX_TITLE = "2023年主要发电类型电力碳足迹因子"


def footprint(rows: list[dict]) -> None:
    for r in rows:
        rid = r["record_id"]
        if rid.startswith("EFP-2023-") and "sssqZh" in r["location"]:
            row = re.search(r"row ([^ (]+)", r["location"]).group(1)
            r["location"] = (f"公告2025年第3号 附件1 (annex not seen; CPCD names its table '{EFP_ANNEX_TITLE}'), row "
                             f"{row}; read in CODE-SSSQZH power-carbon-footprint-2023.html @ 832cfd73, the page's table "
                             f"'各类发电技术生命周期碳足迹因子' (its own heading), row {row}")
            r["read_from"] = "CODE-SSSQZH"
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "CODE-SSSQZH"])
        elif rid == "EFP-2023-NATIONAL-AVERAGE":
            r["location"] = ("公告2025年第3号 附件1 (annex not seen; the notice text itself carries no values); read in "
                             "NEWS-NENGY-2025, the lead of the news page (2025-01-24)")
            r["read_from"] = "NEWS-NENGY-2025"
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "NEWS-NENGY-2025"])
        elif rid.startswith("EFP-2023-"):
            r["read_from"] = "CPCD-CORE"
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "CPCD-CORE"])
            if "read in" not in r["location"]:
                r["location"] = r["location"].replace("table number not read", "annex table not seen") + \
                    f"; read in CPCD-CORE ({CPCD_REPO} data/core.csv), the record of this item"
        elif rid.startswith("EFP-2024-"):
            r["read_from"] = "ANNEX-2024-COPY"
            kept = [c for c in ids(r["corroborated_by"]) if c != "CPCD-CORE"]
            if "CPCD-CORE" in ids(r["corroborated_by"]):
                r["notes"] = ((r["notes"] + "; ") if r["notes"] else "") + (
                    "CPCD-CORE prints the same value but comes from the same repository as the annex copy, so it is "
                    "not counted as independent")
            relabel(r, kept)


D8 = {"CE-NAPHTHA", "CE-LUBE", "CE-PARAFFIN", "CE-SOLVENT", "CE-BITUMEN", "CE-PETCOKE", "CE-OTHERPET",
      "CE-OTHERCOKING", "CE-ETHANOL", "CE-LNG", "CE-BOFG", "CE-COAL-BRIQ", "CE-COAL-GANGUE"}


def coal_equivalent(rows: list[dict]) -> None:
    for r in rows:
        rid = r["record_id"]
        r["read_from"] = r["source_id"]
        others = ids(r["other_source_ids"])
        relabel(r, [c for c in ids(r["corroborated_by"]) if c not in others and c != r["source_id"]])
        if rid in D8:
            r["location"] = ("attributed to GB/T 2589—2020 附录A 表A.1 by the transcription CE-TRANS; no text of GB/T "
                             "2589 seen prints it (it reads like a 中国能源统计年鉴 appendix value); read in CE-TRANS, "
                             f"the entry {r['energy_name_as_printed']}")
        elif rid in ("CE-H2", "CE-METHANOL"):
            r["location"] = (f"not found in any text of GB/T 2589—2020 附录A; read in a transcription of the public code "
                             f"index (CE-TRANS, further transcriptions), the entry {r['energy_name_as_printed']}")
        elif "table number not read" in r["location"]:
            r["location"] = r["location"].replace("table number not read", "table number not seen") + \
                f"; read in {r['source_id']}, the entry {r['energy_name_as_printed']}"
        elif r["location"].startswith("附录A 表A.1 (table id per transcriptions)"):
            r["location"] = f"附录A 表A.1, row {r['energy_name_as_printed']} (table id as the transcriptions give it)"
        if rid == "CE-ETHANOL" and r["status"] == "current":
            r["status"] = "withdrawn"
            r["notes"] = ((r["notes"] + "; ") if r["notes"] else "") + (
                "withdrawn 2026-12 like CE-METHANOL: 0.9286 kgce/kg × 29.307 = 27.2 MJ/kg is above ethanol's lower "
                "heating value (26.8 MJ/kg) and no text of GB/T 2589 seen prints it")


def fuel_parameters(rows: list[dict]) -> None:
    for r in rows:
        rid = r["record_id"]
        r["read_from"] = {"GBT32151.34-2024": "GHGTOOL"}.get(r["source_id"], r["source_id"])
        relabel(r, [c for c in ids(r["corroborated_by"]) if c not in ids(r["other_source_ids"])
                    and c != r["read_from"]])
        if rid.startswith(("FUEL-NCSC2025-", "FUEL-NCSC2026-")) and "-BIO" not in rid:
            tail = ("IPCC basis: the value is IPCC 2006 carbon content × 44/12 with oxidation = 1 (already included); "
                    "never pair it with a GB/T 32151 NCV or oxidation rate: against GB/T 32151.22 CC × 44/12 it is up "
                    "to −13.7% (refinery dry gas) or −10.8% (coke-oven gas) off (audit 2026-12 §5 D)")
            if "IPCC basis" not in r["notes"]:
                r["notes"] = (r["notes"] + "; " if r["notes"] else "") + tail
        if rid in ("FUEL-P-01-C", "FUEL-P-02-C", "FUEL-P-03-C", "FUEL-P-08-C"):
            tail = ("attribution contradicted: SQL-FACTLIB (hqwssg/shuohuang schema.sql) attributes 天然气 15.3, 原油 20.1, "
                    "焦炭 29.5 to 《省级温室气体清单编制指南（2025）》, not 15.32 / 20.08 / 29.42; the document behind these "
                    "values is unknown")
            if "attribution contradicted" not in r["notes"]:
                r["notes"] = (r["notes"] + "; " if r["notes"] else "") + tail
        if rid == "FUEL-T-23-NCV":
            r["notes"] = ("withdrawn: 173.854 GJ/10^4 Nm3 disagrees with GB/T 32151 (179.81) and the CE range; the "
                          "typo theory is unproven: FAMILY-T prints it in a coherent 27-fuel table that also lists "
                          "密闭电石炉炉气 (111.19 / 39.51), which points to a chemical-industry guideline whose text was "
                          "not seen; it may be faithful to that guideline")
        if rid == "FUEL-P-09-C":
            r["location"] = ("attributed to the provincial guideline by PROV-CC, row 其他煤气; that attribution is "
                             "contradicted (12.2 is printed by GB/T 32151.22 and FAMILY-T)")


def gwp(rows: list[dict]) -> None:
    for r in rows:
        r["read_from"] = r["source_id"]
        relabel(r, [c for c in ids(r["corroborated_by"]) if c != r["source_id"]])
        if r["report"] == "AR6" and not r["gas"].upper().startswith("CH4"):
            r["location"] = r["location"].replace(" (fossil / non-fossil CH4: Table 7.15)", "")
        if "not seen" in r["location"] and "read in" not in r["location"]:
            r["location"] += f"; read in GWP-OCD globalwarmingpotentials.csv, row {r['gas']}"


def ipcc(rows: list[dict]) -> None:
    for r in rows:
        if r["source_id"] == "IPCC2006-V2C1":
            r["read_from"] = "CODE-CARBONTRACE"
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "CODE-CARBONTRACE"])
            if "read in" not in r["location"]:
                r["location"] += f"; read in CODE-CARBONTRACE build_verified_ipcc_ch1.py, the IPCC_FUELS entry of " \
                                 f"{r['fuel_en']}"
        else:  # Ch. 2 CH4/N2O: read in the EFDB export; no second public text found (audit 2026-12 §1)
            r["read_from"] = "IPCC-EFDB"
            relabel(r, [c for c in ids(r["corroborated_by"]) if c != "IPCC-EFDB"])


FIXERS = {"cn-electricity-footprint": footprint, "cn-coal-equivalent": coal_equivalent,
          "cn-fuel-parameters": fuel_parameters, "gwp-values": gwp, "ipcc2006-energy-defaults": ipcc}


def conflict_notes() -> None:
    path = ROOT / "factor-conflict-notes" / "notes.csv"
    fields, rows = read(path)
    for r in rows:
        if r["record_id"] in ("CONF-001", "CONF-002", "CONF-003"):
            r["likely_explanation"] = r["likely_explanation"].replace("(2013 family)", "(family THIRD-PARTY-PROV-CC)")
            r["likely_explanation"] += ("; the 15.32 / 20.08 / 29.42 family's attribution to the provincial guideline "
                                        "is contradicted by SQL-FACTLIB, which gives that guideline 15.3 / 20.1 / 29.5")
        if r["record_id"] == "CONF-010" and "withdrawn" not in r["likely_explanation"]:
            r["likely_explanation"] += "; FUEL-T-23-NCV is withdrawn (its typo theory unproven), so this compares " \
                                       "against a row no longer served"
    write(path, fields, rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cpcd", required=True, help="CSV extracted from the CPCD export (see the module notes)")
    ap.add_argument("--annex2023", required=True, help="CSV extracted from the 2023 annex copy")
    a = ap.parse_args()
    _, cpcd = read(Path(a.cpcd))
    _, annex = read(Path(a.annex2023))
    staged = {}
    for pkg, name in VALUE_FILES.items():
        fields, rows = read(ROOT / pkg / name)
        fields = add_field(fields, "read_from", "location")
        for r in rows:
            r.setdefault("read_from", "")
        if pkg == "cn-grid-factors":
            grid(rows, cpcd, annex)
        else:
            FIXERS[pkg](rows)
        missing = [r["record_id"] for r in rows if not r["read_from"]]
        if missing:
            sys.exit(f"{pkg}: rows without read_from: {missing[:5]}")
        staged[pkg] = (fields, rows, name)
    for pkg, (fields, rows, name) in staged.items():  # written only when every package passed
        write(ROOT / pkg / name, fields, rows)
        schema_fields(pkg, name[:-4], [READ_FROM])
        fix_sources(pkg)
    conflict_notes()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
