"""Add IPCC 2006 Vol. 2 Ch. 2 Table 2.15 (uncertainty of stationary-combustion activity data) to ipcc2006-energy-defaults.

Read in a copy of the published chapter: GitHub icra/ecam ``frontend/docs/2006-ipcc/2_Volume2/
V2_2_Ch2_Stationary_Combustion.pdf`` @ 3b6aab18 (blob bc397cf0), p. 2.41, with ``pdftotext -layout``.
Each of the 20 cells (5 sectors × well / less developed statistical systems × surveys / extrapolation) becomes
one record with the range as printed ("3-5%", "Less than 1%") and its numeric ends.

``python scripts/ipcc_activity_uncertainty.py CHAPTER.pdf PACKAGE_FOLDER``, then ``carbon revise … --adopt-edits``.
"""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

COPY = "GitHub icra/ecam frontend/docs/2006-ipcc/2_Volume2/V2_2_Ch2_Stationary_Combustion.pdf @ 3b6aab18 (blob bc397cf0)"
#: (key, printed first words, English name, Chinese name) of the five rows, in the table's order.
SECTORS = [("electricity-heat", "Main activity electricity", "Main activity electricity and heat production",
            "电力和热力生产"),
           ("commercial-residential", "Commercial, institutional,", "Commercial, institutional, residential combustion",
            "商业、机构和居民燃烧"),
           ("industry-energy-intensive", "Industrial combustion", "Industrial combustion (energy intensive industries)",
            "工业燃烧（高耗能行业）"),
           ("industry-other", "Industrial combustion", "Industrial combustion (others)", "工业燃烧（其他）"),
           ("biomass-small", "Biomass in small sources", "Biomass in small sources", "小型源生物质")]
COLUMNS = [("well-developed", "surveys"), ("well-developed", "extrapolation"), ("less-developed", "surveys"),
           ("less-developed", "extrapolation")]
CELL = re.compile(r"Less than \d+%|\d+-\d+%")
FIELDS = ["record_id", "sector", "sector_en", "sector_zh", "statistical_system", "method", "as_printed", "low_pct",
          "high_pct", "source_id", "location", "read_from", "verification", "corroborated_by", "notes", "status"]


def cells(text: str) -> list[list[str]]:
    start = text.index("LEVEL OF UNCERTAINTY ASSOCIATED WITH STATIONARY COMBUSTION ACTIVITY DATA")
    block = text[start:text.index("The inventory compiler should judge", start)]
    rows = [CELL.findall(line) for line in block.splitlines()]
    rows = [r for r in rows if r]
    if len(rows) != 5 or any(len(r) != 4 for r in rows):
        sys.exit(f"Table 2.15 not read as 5 rows of 4 cells: {rows}")
    return rows


def ends(printed: str) -> tuple[str, str]:
    if printed.startswith("Less than"):
        return "0", re.search(r"\d+", printed).group(0)
    lo, hi = re.findall(r"\d+", printed)
    return lo, hi


def main() -> int:
    pdf, folder = sys.argv[1], Path(sys.argv[2])
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
    out = []
    for (key, _, en, zh), row in zip(SECTORS, cells(text)):
        for (system, method), printed in zip(COLUMNS, row):
            lo, hi = ends(printed)
            out.append({"record_id": f"IPCC-T215-{key}-{system}-{method}".upper(), "sector": key, "sector_en": en,
                        "sector_zh": zh, "statistical_system": system, "method": method, "as_printed": printed,
                        "low_pct": lo, "high_pct": hi, "source_id": "IPCC2006-V2C2",
                        "location": f"Vol.2 Ch.2 Table 2.15 (p. 2.41), row {en}, column {system.replace('-', ' ')} "
                                    f"statistical systems / {method}; read in IPCC-PDF-V2C2",
                        "read_from": "IPCC-PDF-V2C2", "verification": "document_copy", "corroborated_by": "",
                        "notes": "the table's source: IPCC Good Practice Guidance (2000); no confidence level is "
                                 "printed (the chapter's §2.4.2 speaks of ±5% overall for most developed countries)",
                        "status": "current"})
    with (folder / "activity_uncertainty.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    path = folder / "sources.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        sfields, sources = list(reader.fieldnames), list(reader)
    if not any(s["source_id"] == "IPCC-PDF-V2C2" for s in sources):
        sources.append({"source_id": "IPCC-PDF-V2C2", "title": "IPCC 2006 Guidelines Vol. 2 Ch. 2 Stationary "
                        "Combustion, the PDF as published (V2_2_Ch2_Stationary_Combustion.pdf)", "issuer": "IPCC / "
                        "IGES (copy kept in GitHub icra/ecam)", "date": "2006", "doc_number": "", "locator": COPY,
                        "source_type": "document_copy", "notes": "Table 2.15 (p. 2.41) read with pdftotext -layout",
                        "origin": "github:icra/ecam", "copy_of": "IPCC2006-V2C2"})
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=sfields, lineterminator="\n")
        w.writeheader()
        w.writerows(sources)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    if not any(r["name"] == "activity_uncertainty" for r in descriptor["resources"]):
        verification = next(f for f in descriptor["resources"][0]["schema"]["fields"] if f["name"] == "verification")
        fields = []
        for f in FIELDS:
            spec = {"name": f, "type": "number" if f.endswith("_pct") else "string"}
            if f == "verification":
                spec = dict(verification)
            elif f in ("record_id",):
                spec["constraints"] = {"required": True, "unique": True}
            elif f in ("sector", "statistical_system", "method", "high_pct", "source_id", "location", "read_from"):
                spec["constraints"] = {"required": True}
            fields.append(spec)
        fields[[f["name"] for f in fields].index("high_pct")]["description"] = (
            "upper end of the printed range, % of the activity (the value the toolkit uses: conservative)")
        descriptor["resources"].insert(2, {
            "name": "activity_uncertainty", "title": "IPCC 2006 Vol. 2 Ch. 2 Table 2.15: uncertainty of stationary "
            "combustion activity data", "path": "activity_uncertainty.csv", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": fields, "primaryKey": ["record_id"],
                       "foreignKeys": [{"fields": "source_id", "reference": {"resource": "sources",
                                                                             "fields": "source_id"}}]}})
        descriptor["carbon"]["provenanceResources"] = ["activity_uncertainty"]
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    print(f"{len(out)} cells of Table 2.15 written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
