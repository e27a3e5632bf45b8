"""Extract the electricity factors of the CPCD export and the 2023 grid-factor annex for provenance_audit_2026_12.py.

Inputs, from GitHub leo21468/CarbonCalculator @ e6231c6 (the files are identical at bebed062):
``data/core.csv`` (export of the national product carbon-footprint factor database, CPCD; header
产品ID,产品名称,核算边界,碳足迹,企业名称,数据年份,数据类型,是否低碳) and ``data/2023.pdf`` (the annex of
公告2025年第47号, pages "— 3 —" and "— 4 —").

``python scripts/cpcd_extract.py core.csv 2023.pdf OUTDIR`` writes ``OUTDIR/core_electricity.csv`` (line, record_id,
name, region_or_type, data_year, value, unit, category, duplicate_of_line) and ``OUTDIR/annex_2023.csv`` (table,
table_title, page, row_label, value, unit), the two inputs of ``provenance_audit_2026_12.py``.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

REGIONS = ("华北", "东北", "华东", "华中", "西北", "南方", "西南")


def category(name: str) -> tuple[str | None, str | None]:
    """(category, region or type) of a CPCD product name, or (None, None) for what is not a grid factor."""
    n = name.replace(" ", "")
    if "基准线" in n:  # CCER baseline factors are another series
        return None, None
    # one 2022 row is named without 电: "2022年全国区域平均二氧化碳排放因子-华东"
    if "二氧化碳排放因子" in n and ("电" in n or "区域平均" in n):
        if "不包括市场化" in n:
            return "national_avg_excl_market_nonfossil", "全国"
        if "化石能源" in n:
            return "national_fossil", "全国"
        m = re.search(r"-(.+)$", n) or re.match(r"\d{4}年(.+?)电力平均", n)
        place = re.sub(r"(区域|省|市)$", "", m.group(1))
        if place == "全国":
            return "national_avg", "全国"
        return ("regional" if place in REGIONS else "provincial"), place
    if "碳足迹因子" in n and "电" in n:
        return "footprint", n.split("-", 1)[-1]
    return None, None


def core(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    rows = list(csv.reader(lines))
    if len(rows) != len(lines):
        sys.exit("core.csv has records over several lines: line numbers would not be file lines")
    head, out, seen = rows[0], [], {}
    for line, r in enumerate(rows[1:], start=2):
        d = dict(zip(head, r))
        cat, place = category(d["产品名称"])
        if cat is None:
            continue
        value, unit = re.match(r"^\s*(-?[\d.]+)\s*(.*)$", d["碳足迹"]).groups()
        out.append({"line": line, "record_id": d["产品ID"], "name": d["产品名称"], "region_or_type": place,
                    "data_year": d["数据年份"], "value": value, "unit": unit, "category": cat,
                    "duplicate_of_line": seen.get(tuple(r), "")})
        seen.setdefault(tuple(r), line)
    return out


def annex(pdf: Path) -> list[list[str]]:
    """Rows of the annex tables: the page label is printed at the foot of its page."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    out = []
    table = title = unit = None  # a table may run on over the next page without its heading
    for page_text in text.split("\f"):
        label = re.search(r"—\s*(\d+)\s*—", page_text)
        page = f"— {label.group(1)} —" if label else ""
        for raw in page_text.splitlines():
            s = " ".join(raw.replace("\xa0", " ").split())
            if m := re.fullmatch(r"表\s?(\d+)\s+(.+)", s):
                table, title = f"表{m.group(1)}", m.group(2)
            elif m := re.search(r"因子\s*[（(](.+?)[)）]$", s):
                unit = m.group(1)
            elif table:
                for row_label, value in re.findall(r"(\S+?)\s+(\d+\.\d+)", s):
                    out.append([table, title, page, row_label, value, unit])
    return out


def main() -> int:
    core_csv, pdf, outdir = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    outdir.mkdir(parents=True, exist_ok=True)
    rows = core(core_csv)
    with (outdir / "core_electricity.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with (outdir / "annex_2023.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["table", "table_title", "page", "row_label", "value", "unit"])
        w.writerows(annex(pdf))
    print(f"{len(rows)} CPCD electricity rows; annex rows written to {outdir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
