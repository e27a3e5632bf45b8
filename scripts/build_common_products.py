"""Build the package concordance-io42-2012-2017: one product classification for the 2012 and 2017 tables.

    python scripts/build_common_products.py

The 42 products of the 2012 and 2017 IO tables share 40 products under other codes (from code 22
on), and differ twice: 2012 lists 其他制造产品 (22) and 废品废料 (23) separately, which 2017 merges
(22); 2012's 科学研究和技术服务 (36) is 2017's 研究和试验发展 (35) plus 综合技术服务 (36). The common
classification has 41 products, CP01–CP41. It is derived here from the products' Chinese names
as the bureaus print them (package china-provincial-io-42, resource classifications): equal names
pair up, the two merges are stated below, and anything else stops the build.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from package_files import write_csv, write_package

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "datapackages" / "concordance-io42-2012-2017"
CLASSIFICATIONS = ROOT / "datapackages" / "china-provincial-io-42" / "classifications.csv"

#: (2012 codes, 2017 codes) that become one common product; every other product pairs by its name.
MERGES = [(("22", "23"), ("22",)), (("36",), ("35", "36"))]

CHANGELOG = """# Changelog — concordance-io42-2012-2017

## 1.0.0
- First release: the 41 common products CP01–CP41 of the 2012 and 2017 42-product IO classifications,
  and one concordance per classification (io42_2012_to_cp41, io42_2017_to_cp41). Derived from the products'
  Chinese names; two merges: 2012's 22 + 23 = 2017's 22, and 2012's 36 = 2017's 35 + 36.
"""


def _plain(name: str) -> str:
    return re.sub(r"[\s、，,（）()和及与]+", "", name)


def main() -> None:
    if not CLASSIFICATIONS.is_file():
        sys.exit(f"{CLASSIFICATIONS} is missing: run scripts/import_provincial_io.py first")
    rows = list(csv.DictReader(open(CLASSIFICATIONS, encoding="utf-8")))
    names = {cls: {r["code"]: (r["name_zh"], r["name_en"]) for r in rows if r["classification"] == cls}
             for cls in ("io42-2012", "io42-2017")}
    old, new = names["io42-2012"], names["io42-2017"]
    merged12 = {c for m in MERGES for c in m[0]}
    merged17 = {c for m in MERGES for c in m[1]}
    by_name12 = {_plain(v[0]): c for c, v in old.items() if c not in merged12}
    groups = []  # (2012 codes, 2017 codes), in the order of the 2017 codes
    for code in sorted(new):
        if code in merged17:
            merge = next(m for m in MERGES if code in m[1])
            if code == merge[1][0]:
                groups.append(merge)
            continue
        match = by_name12.pop(_plain(new[code][0]), None)
        if match is None:
            sys.exit(f"2017 product {code} {new[code][0]} has no 2012 product of the same name")
        groups.append(((match,), (code,)))
    if by_name12:
        sys.exit(f"2012 products without a 2017 partner: {sorted(by_name12.values())}")
    common = []
    for i, (c12, c17) in enumerate(groups, start=1):
        code = f"CP{i:02d}"
        if len(c12) == 1:  # the 2012 name when 2017 split it; otherwise 2017's
            zh, en = old[c12[0]] if len(c17) > 1 else new[c17[0]]
        else:
            zh, en = new[c17[0]]
        common.append([code, zh, en, ";".join(c12), ";".join(c17)])
    OUT.mkdir(parents=True, exist_ok=True)
    write_csv(OUT / "cp41_products.csv", ["code", "name_zh", "name_en", "io42_2012_codes", "io42_2017_codes"], common)
    resources = [{
        "name": "cp41_products", "title": "The 41 common products of the 2012 and 2017 classifications",
        "path": "cp41_products.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
        "schema": {"fields": [
            {"name": "code", "type": "string", "constraints": {"required": True, "unique": True}},
            {"name": "name_zh", "type": "string", "description": "中文名称 (as printed in the 2017 table, or 2012 where "
                                                                 "2017 split the product)"},
            {"name": "name_en", "type": "string"},
            {"name": "io42_2012_codes", "type": "string", "description": "2012 product codes, ';'-separated"},
            {"name": "io42_2017_codes", "type": "string", "description": "2017 product codes, ';'-separated"},
        ], "primaryKey": ["code"]}}]
    for cls, column in (("io42-2012", 3), ("io42-2017", 4)):
        table = names[cls]
        out = sorted([[c, table[c][0], table[c][1], row[0]] for row in common for c in row[column].split(";")])
        if [r[0] for r in out] != [f"{i:02d}" for i in range(1, 43)]:
            sys.exit(f"{cls}: the common products do not cover 01-42 exactly once")
        res = f"io42_{cls[-4:]}_to_cp41"
        write_csv(OUT / f"{res}.csv", ["io42_code", "io42_name_zh", "io42_name_en", "cp41_code"], out)
        resources.append({
            "name": res, "title": f"IO-42 product ({cls} classification) → common product CP01-CP41",
            "path": f"{res}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "classification": cls,
            "schema": {"fields": [
                {"name": "io42_code", "type": "string", "constraints": {"required": True, "unique": True}},
                {"name": "io42_name_zh", "type": "string"},
                {"name": "io42_name_en", "type": "string"},
                {"name": "cp41_code", "type": "string", "constraints": {"required": True}},
            ], "primaryKey": ["io42_code"],
                "foreignKeys": [{"fields": "cp41_code", "reference": {"resource": "cp41_products", "fields": "code"}}]}})
    descriptor = {
        "name": "concordance-io42-2012-2017",
        "title": "Common products of the 2012 and 2017 42-product IO classifications (41 products)",
        "description": ("The provincial and national IO tables of 2012 and 2017 both have 42 products, but the codes "
                        "mean other products from code 22 on, and two products differ: 2012 separates other "
                        "manufacturing (22) and scrap (23), which 2017 merges; 2012's scientific research and "
                        "technical services (36) is 2017's R&D (35) plus comprehensive technical services (36). "
                        "CP01-CP41 is the finest classification both years can be brought to; use it to compare "
                        "the two years product by product (e.g. structural decomposition). Derived from the Chinese "
                        "product names printed in the tables (scripts/build_common_products.py)."),
        "version": "1.0.0",
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
                      "title": "Creative Commons Attribution 4.0"}],
        "sources": [{"id": "NBS-IO-CLASS",
                     "title": "Product classification of the 2012 and 2017 input-output tables (42 products), as printed "
                              "in the provincial and national tables",
                     "publisher": "National Bureau of Statistics of China (国家统计局) and the provincial bureaus",
                     "path": "datapackages/china-provincial-io-42/classifications.csv"}],
        "resources": resources,
    }
    write_package(OUT, descriptor, CHANGELOG)
    print(f"wrote {OUT}: {len(common)} common products")


if __name__ == "__main__":
    main()
