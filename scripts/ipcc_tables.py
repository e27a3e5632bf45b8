"""Read IPCC 2006 Vol. 2 Ch. 1 Tables 1.2–1.4 (defaults and 95% limits) in a copy of the published chapter.

The copy: GitHub icra/ecam ``frontend/docs/2006-ipcc/2_Volume2/V2_1_Ch1_Introduction.pdf`` at commit
3b6aab18 (blob 225cf900; the PDF as IPCC published it: Acrobat Distiller, 2006-10-23). ``pdftotext -layout``
(poppler) turns it into text; each of the package's fuels is found by its printed name in each table and its
numbers read off the row (Table 1.4 prints thousands with a space: "73 300").

``python scripts/ipcc_tables.py CHAPTER.pdf PACKAGE_FOLDER [--aperc WORKBOOK.xlsx] [--ch2 CH2.pdf] [--efdb EFDB.xlsx]``

1. checks every Table 1.2/1.3/1.4 default of the package against the printed one (a difference stops the run);
2. writes resource ``ranges``: the lower and upper 95% limits of every default that has them;
3. rewrites the defaults' provenance: read in the chapter copy (level ``document_copy``), corroborated by the
   transcriptions that print the same value (CODE-CARBONTRACE, IPCC-EFDB);
4. with ``--ch2``, the CH4 and N2O class-level defaults are read in Tables 2.2–2.5 of Ch. 2 (same copy) with their
   limits; with ``--efdb``, every EFDB EF ID a location names must be in the export with the package's value;
5. with ``--aperc``, the APERC workbook's NCV limits (sheet "Default NCV") must equal the chapter's: they then
   corroborate the NCV ranges. Its carbon-content sheet is not used: several rows have an upper limit below
   the default (residual fuel oil 21.1 with 20.6–17.9), unlike the chapter (20.6–21.5).

Then release with ``carbon revise PACKAGE_FOLDER --adopt-edits --bump minor --message …``.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

COPY = ("GitHub icra/ecam frontend/docs/2006-ipcc/2_Volume2/V2_1_Ch1_Introduction.pdf @ 3b6aab18 (blob 225cf900)")
TABLES = {"ncv_default": ("TABLE 1.2", 3, "1.18–1.19"), "carbon_content_default": ("TABLE 1.3", 3, "1.21–1.22"),
          "co2_ef_default": ("TABLE 1.4", 5, "1.23–1.24")}
#: The package's fuel names → the name the chapter prints (per table where it differs).
PRINTED = {"BKB and patent fuel": "Brown Coal Briquettes", "Coke oven coke": "Coke Oven Coke and Lignite Coke",
           "Coke oven coke / lignite coke":
           "Coke Oven Coke and Lignite Coke", "Wood / wood waste": "Wood/Wood Waste",
           "Biogasoline / Biodiesels": "Biogasoline", "Landfill / sludge / other biogas": "Landfill Gas"}
PER_TABLE = {("White spirit and SBP", "TABLE 1.3"): "White Spirit & SBP",
             ("White spirit and SBP", "TABLE 1.4"): "White Spirit & SBP",
             ("Waste oils", "TABLE 1.2"): "Waste Oil", ("Waste oils", "TABLE 1.4"): "Waste Oil",
             # Table 1.4 wraps these names over two lines
             ("Municipal wastes (non-biomass fraction)", "TABLE 1.4"): "Municipal Wastes (non-biomass",
             ("Municipal wastes (biomass fraction)", "TABLE 1.4"): "Municipal Wastes (biomass"}
NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])")
#: Printed with the NCV limits, read from the PDF (p. 1.18), in the themisiq research record.
THEMISIQ = {"Natural gas", "Gas/diesel oil", "Motor gasoline", "Liquefied petroleum gases", "Residual fuel oil"}
SOURCES = [
    {"source_id": "IPCC-PDF-V2C1", "title": "IPCC 2006 Guidelines Vol. 2 Ch. 1 Introduction, the PDF as published "
     "(V2_1_Ch1_Introduction.pdf, Acrobat Distiller 7.0.5, 2006-10-23)", "issuer": "IPCC / IGES (copy kept in GitHub "
     "icra/ecam)", "date": "2006", "doc_number": "", "locator": COPY, "source_type": "document_copy",
     "notes": "Tables 1.2 (p. 1.18–1.19), 1.3 (p. 1.21–1.22), 1.4 (p. 1.23–1.24) read with pdftotext -layout",
     "origin": "github:icra/ecam", "copy_of": "IPCC2006-V2C1"},
    {"source_id": "APERC-NCV", "title": "Default net calorific values (NCVs) and lower and upper limits of the 95% "
     "confidence interval (transcription of IPCC 2006 Vol. 2 Ch. 1 Table 1.2)", "issuer": "Asia Pacific Energy "
     "Research Centre (GitHub asia-pacific-energy-research-centre/aperc-emissions)", "date": "", "doc_number": "",
     "locator": "GitHub asia-pacific-energy-research-centre/aperc-emissions config/IPCC Methodology to EGEDA map.xlsx "
                "@ f4912c4a (blob 081419d9), sheet Default NCV (file removed from the repository in 77a966f)",
     "source_type": "secondary_spreadsheet", "notes": "its carbon-content sheet is not a faithful copy (upper limits "
     "below defaults) and is not used", "origin": "github:asia-pacific-energy-research-centre/aperc-emissions",
     "copy_of": ""},
    {"source_id": "CODE-THEMISIQ", "title": "Research record quoting IPCC 2006 Vol. 2 Ch. 1 Table 1.2 (page 1.18) "
     "with lower and upper limits for five fuels, read from the PDF", "issuer": "GitHub themisiqco/themisiq (third "
     "party)", "date": "2026-10-07", "doc_number": "", "locator": "GitHub themisiqco/themisiq docs/review/"
     "eu-fuel-properties.md @ 73e22b77", "source_type": "secondary_text", "notes": "natural gas, gas/diesel oil, "
     "motor gasoline, LPG, residual fuel oil", "origin": "github:themisiqco/themisiq", "copy_of": ""},
]
EFDB_SOURCE = {"source_id": "IPCC-EFDB", "locator": "GitHub Open-Earth-Foundation/CityCatalyst app/seed-data/"
               "emissions_factors/data_raw/EFDB_2006_IPCC_guidelines/EFDB_output.xlsx @ 47afbbb6 (blob 3867f835)",
               "notes": "export of the IPCC EFDB (EF ID, value, unit, source); every EF ID named in this package's "
                        "locations is in it with the package's value (checked by scripts/ipcc_tables.py --efdb)",
               "origin": "github:open-earth-foundation/citycatalyst", "copy_of": ""}
RANGE_FIELDS = ["record_id", "default_record_id", "fuel_en", "parameter", "value", "lower", "upper", "unit",
                "confidence_pct", "source_id", "other_source_ids", "location", "read_from", "verification",
                "corroborated_by", "notes", "status", "superseded_by"]


def numbers(line: str) -> list[float]:
    joined = re.sub(r"(?<=\d) (?=\d{3}\b)", "", line)  # "73 300" → "73300"
    return [float(v) for v in NUMBER.findall(joined)]


def table_lines(text: str, title: str) -> list[str]:
    """The lines of a table and its continuation, up to the notes."""
    lines, out, inside = text.splitlines(), [], False
    for line in lines:
        head = line.strip()
        if head.startswith(title):
            inside = True
            continue
        if inside and (head.startswith("Notes") or (head.startswith("TABLE ") and not head.startswith(title))):
            inside = False
        if inside:
            out.append(line)
    return out


def read_row(lines: list[str], printed: str, width: int) -> tuple[float, ...]:
    # the name as a whole: "Natural Gas" is not the start of "Natural Gas Liquids"
    words = r"\s+".join(re.escape(w) for w in printed.split())
    # (a single letter after the name is a table's mark, such as Ch. 2's "r": not part of a longer name)
    pattern = re.compile(r"(?<![A-Za-z])" + words + r"(?!\s*[A-Za-z]{2})", re.I)
    for i, line in enumerate(lines):
        found_at = pattern.search(line)
        if not found_at:
            continue
        here = numbers(line[found_at.end():])  # columns keep their wide gaps: "73 300" is one number
        if len(here) >= width:
            return tuple(here[-width:])
        # numbers on a line of their own just after (a wrapped name) or just before (a label printed lower)
        for j in list(range(i + 1, min(i + 4, len(lines)))) + list(range(i - 1, max(i - 9, -1), -1)):
            only = lines[j].strip()
            if only and not re.search(r"[A-Za-z]", only):
                found = numbers(only)
                if len(found) >= width:
                    return tuple(found[-width:])
        break
    raise SystemExit(f"'{printed}': no row with {width} numbers found")


EFDB_ID = re.compile(r"IPCC EFDB EF ID (\d+(?:[-–]\d+)?)")


def efdb_part(row: dict, ids: str | None, efdb: dict) -> str:
    """'; IPCC EFDB EF ID …' for the location, each id's value checked in the EFDB export when given."""
    if not ids:
        return ""
    if efdb:
        first, _, last = ids.replace("–", "-").partition("-")
        for i in range(int(first), int(last or first) + 1):
            if str(i) not in efdb:
                raise SystemExit(f"{row['record_id']}: EF ID {i} is not in the EFDB export")
            if not last and abs(float(efdb[str(i)]) - float(row["value"])) > 1e-9 * max(1.0, abs(float(row["value"]))):
                raise SystemExit(f"{row['record_id']}: EF ID {i} holds {efdb[str(i)]}, the package {row['value']}")
    return f"; IPCC EFDB EF ID {ids}"


def read_efdb(path: str | None) -> dict:
    """EF ID → value of the EFDB export (CityCatalyst EFDB_output.xlsx), or {} without one."""
    if not path:
        return {}
    import openpyxl  # only to check the EF ids against the export
    rows = openpyxl.load_workbook(path, read_only=True)["Sheet1"].iter_rows(values_only=True)
    head = next(rows)
    at = head.index("Value")
    return {str(r[0]): r[at] for r in rows if r[0] is not None}


#: Vol. 2 Ch. 2 tables of CH4 and N2O by sector, and the fuel row each class-level default is read in (the
#: EFDB ids of those rows name these fuels: natural gas, crude oil, anthracite).
CH2 = {"Energy industries": ("TABLE 2.2", "2.16–2.17"), "Manufacturing industries and construction":
       ("TABLE 2.3", "2.18–2.19"), "Commercial/institutional": ("TABLE 2.4", "2.20–2.21"),
       "Residential": ("TABLE 2.5", "2.22–2.23")}
CLASS_FUEL = {"gas": "Natural Gas", "liquid (oil)": "Crude Oil", "solid (coal)": "Anthracite"}


def read_ch2(text: str, rows: list[dict], ranges: list[dict], efdb_ids: dict, efdb: dict) -> int:
    """CH4 and N2O class-level defaults and their 95% limits from Tables 2.2–2.5 of the chapter copy."""
    checked = 0
    for r in rows:
        if r["parameter"] not in ("ch4_ef_default", "n2o_ef_default"):
            continue
        cls, _, sector = r["fuel_en"].partition(" - ")
        title, pages = CH2[sector]
        fuel = CLASS_FUEL[cls]
        got = read_row(table_lines(text, title), fuel, 9)
        at = 3 if r["parameter"] == "ch4_ef_default" else 6
        default, lo, hi = got[at:at + 3]
        if abs(default - float(r["value"])) > 1e-9:
            raise SystemExit(f"{r['record_id']}: {title} row {fuel} prints {default}, the package has {r['value']}")
        if not lo <= default <= hi:
            raise SystemExit(f"{r['record_id']}: limits {lo}–{hi} do not bracket {default}")
        checked += 1
        gas = "CH4" if at == 3 else "N2O"
        where = f"Vol.2 Ch.2 {title.title()} (p. {pages}), row {fuel}, {gas} columns"
        r["location"] = (f"{where} (the class-level default is the {fuel} row); read in IPCC-PDF-V2C2"
                         + efdb_part(r, efdb_ids.get(r["record_id"]), efdb))
        r["read_from"], r["verification"], r["corroborated_by"] = "IPCC-PDF-V2C2", "document_copy", "IPCC-EFDB"
        ranges.append({"record_id": r["record_id"] + "-R95", "default_record_id": r["record_id"],
                       "fuel_en": r["fuel_en"], "parameter": r["parameter"], "value": r["value"], "lower": f"{lo:g}",
                       "upper": f"{hi:g}", "unit": r["unit"], "confidence_pct": "95", "source_id": r["source_id"],
                       "other_source_ids": "", "location": f"{where}, Lower and Upper; read in IPCC-PDF-V2C2",
                       "read_from": "IPCC-PDF-V2C2", "verification": "document_copy", "corroborated_by": "",
                       "notes": "lower and upper limits of the 95% confidence interval as the table prints them",
                       "status": "current", "superseded_by": ""})
    return checked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf")
    ap.add_argument("package")
    ap.add_argument("--aperc", help="the APERC workbook (its NCV limits then corroborate)")
    ap.add_argument("--ch2", help="Vol. 2 Ch. 2 in the same copy (V2_2_Ch2_Stationary_Combustion.pdf): the CH4 and "
                                  "N2O defaults are then read in its Tables 2.2-2.5")
    ap.add_argument("--efdb", help="the EFDB export (EFDB_output.xlsx): every EF ID in a location is then checked")
    a = ap.parse_args()
    text = subprocess.run(["pdftotext", "-layout", a.pdf, "-"], capture_output=True, text=True, check=True).stdout
    folder = Path(a.package)
    efdb = read_efdb(a.efdb)
    aperc = {}
    if a.aperc:
        import openpyxl  # only needed to cross-check against the APERC transcription
        ws = openpyxl.load_workbook(a.aperc, data_only=True, read_only=True)["Default NCV"]
        for r in ws.iter_rows(min_row=3, values_only=True):
            if r[0] and all(isinstance(v, (int, float)) for v in r[1:4]):
                aperc[re.sub(r"\d+$", "", str(r[0])).strip().lower().replace("&", "and")] = tuple(map(float, r[1:4]))
    with (folder / "defaults.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = list(reader.fieldnames), list(reader)
    efdb_ids = {r["record_id"]: (m.group(1) if (m := EFDB_ID.search(r["location"])) else None) for r in rows}
    ranges, checked = [], 0
    if a.ch2:
        ch2 = subprocess.run(["pdftotext", "-layout", a.ch2, "-"], capture_output=True, text=True, check=True).stdout
        checked += read_ch2(ch2, rows, ranges, efdb_ids, efdb)
    for r in rows:
        spec = TABLES.get(r["parameter"])
        if spec is None or not r["record_id"].startswith(("IPCC-T12", "IPCC-T13", "IPCC-T14")):
            continue
        title, width, pages = spec
        printed = PER_TABLE.get((r["fuel_en"], title), PRINTED.get(r["fuel_en"], r["fuel_en"]))
        got = read_row(table_lines(text, title), printed, width)
        default, lo, hi = (got[0], got[1], got[2]) if width == 3 else (got[2], got[3], got[4])
        if abs(default - float(r["value"])) > 1e-9:
            raise SystemExit(f"{r['record_id']} {r['fuel_en']}: the chapter prints {default}, the package has "
                             f"{r['value']}")
        checked += 1
        where = f"Vol.2 Ch.1 {title.title()} (p. {pages}), row {printed.rstrip('(').strip()}"
        r["location"] = f"{where}; read in IPCC-PDF-V2C1 (the published chapter, pdftotext -layout)" + \
            efdb_part(r, efdb_ids.get(r["record_id"]), efdb)
        r["read_from"] = "IPCC-PDF-V2C1"
        r["verification"] = "document_copy"
        r["corroborated_by"] = "CODE-CARBONTRACE|IPCC-EFDB"
        if not lo <= default <= hi:
            raise SystemExit(f"{r['fuel_en']} {title}: limits {lo}–{hi} do not bracket {default}")
        corroborated = []
        if r["parameter"] == "ncv_default":
            key = printed.lower().replace("&", "and")
            if aperc and aperc.get(key, aperc.get(r["fuel_en"].lower())) not in (None, (default, lo, hi)):
                raise SystemExit(f"{r['fuel_en']}: APERC prints {aperc.get(key)}, the chapter {(default, lo, hi)}")
            if aperc and (key in aperc or r["fuel_en"].lower() in aperc):
                corroborated.append("APERC-NCV")
            if r["fuel_en"] in THEMISIQ:
                corroborated.append("CODE-THEMISIQ")
        ranges.append({"record_id": r["record_id"] + "-R95", "default_record_id": r["record_id"],
                       "fuel_en": r["fuel_en"], "parameter": r["parameter"], "value": r["value"], "lower": f"{lo:g}",
                       "upper": f"{hi:g}", "unit": r["unit"], "confidence_pct": "95", "source_id": "IPCC2006-V2C1",
                       "other_source_ids": "", "location": f"{where}, columns Lower and Upper; read in IPCC-PDF-V2C1",
                       "read_from": "IPCC-PDF-V2C1", "verification": "document_copy",
                       "corroborated_by": "|".join(corroborated),
                       "notes": "lower and upper limits of the 95% confidence interval of the default (the table's "
                                "note: lognormal distributions fitted to national inventory, IEA and national data; "
                                "some ranges are expert judgement, see the table's footnotes)",
                       "status": "current", "superseded_by": ""})
    if any(r["record_id"] == "IPCC-OXID-DEFAULT" for r in rows):
        ox = next(r for r in rows if r["record_id"] == "IPCC-OXID-DEFAULT")
        ox["location"] = ("Vol.2 Ch.1 Table 1.4 (p. 1.23–1.24), column B 'Default carbon oxidation factor' (1 on every "
                          "row); read in IPCC-PDF-V2C1" + efdb_part(ox, efdb_ids.get(ox["record_id"]), efdb))
        ox["read_from"], ox["verification"], ox["corroborated_by"] = "IPCC-PDF-V2C1", "document_copy", \
            "CODE-CARBONTRACE|IPCC-EFDB"
    with (folder / "defaults.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with (folder / "ranges.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=RANGE_FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(ranges)
    path = folder / "sources.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        sfields, sources = list(reader.fieldnames), list(reader)
    known = {s["source_id"]: s for s in sources}
    if efdb and "IPCC-EFDB" in known:
        known["IPCC-EFDB"].update(EFDB_SOURCE)
    for s in SOURCES:
        if s["source_id"] in known:
            known[s["source_id"]].update(s)
        else:
            sources.append(dict(s))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=sfields, lineterminator="\n")
        w.writeheader()
        w.writerows(sources)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    res = next(x for x in descriptor["resources"] if x["name"] == "ranges")
    res["title"] = "95% ranges of IPCC 2006 Vol. 2 Ch. 1 Tables 1.2–1.4 defaults"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    print(f"{checked} defaults equal the chapter; {len(ranges)} ranges written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
