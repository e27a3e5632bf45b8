"""Add the 95% ranges of IPCC 2006 Vol. 2 Ch. 1 Table 1.2 (net calorific values) to ipcc2006-energy-defaults.

Read from the one public transcription of the whole table found (GitHub asia-pacific-energy-research-centre/
aperc-emissions, ``config/IPCC Methodology to EGEDA map.xlsx`` at commit f4912c4a, sheet "Default NCV", titled
"Default net calorific values (NCVs) and lower and upper limits of the 95% confidence interval"; the file was
removed from the repository in 77a966f). Its defaults must equal the package's Table 1.2 rows, every range must
bracket its default, or nothing is written. Five rows are also printed, read from the IPCC PDF (p. 1.18), in
GitHub themisiqco/themisiq docs/review/eu-fuel-properties.md @ 73e22b77: they corroborate.

Not taken: the workbook's carbon-content ranges (sheet "Emission Factors"): several of its rows have an upper
bound below the default (residual fuel oil 21.1 with 20.6–17.9, petroleum coke, bitumen, refinery feedstocks),
so that sheet is not a faithful copy and no carbon-content or CO2-factor range is shipped.

Run: ``python scripts/ipcc_ranges.py WORKBOOK.xlsx PACKAGE_FOLDER`` on a working copy, then
``carbon revise PACKAGE_FOLDER --adopt-edits --bump minor --message …``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import openpyxl

APERC = ("GitHub asia-pacific-energy-research-centre/aperc-emissions config/IPCC Methodology to EGEDA map.xlsx @ "
         "f4912c4a (blob 081419d9), sheet Default NCV")
#: The workbook's names where they differ from the package's.
NAMES = {"Refinery gas2": "Refinery gas", "White spirit & SBP": "White spirit and SBP",
         "Coke oven coke and lignite coke": "Coke oven coke / lignite coke", "Wood/wood waste": "Wood / wood waste",
         "Brown coal briquettes": "BKB and patent fuel", "Biogasoline": "Biogasoline / Biodiesels",
         "Landfill gas": "Landfill / sludge / other biogas", "Crude Oil": "Crude oil", "Gas/Diesel oil": "Gas/diesel oil"}
#: Rows of the workbook that the package folds into one row (they print the same default and range).
SAME_AS = {"Patent fuel": "Brown coal briquettes", "Biodiesels": "Biogasoline", "Sludge gas": "Landfill gas",
           "Other biogas": "Landfill gas"}
#: Printed, read from the PDF (p. 1.18), by the themisiq research record: (default, lower, upper).
THEMISIQ = {"Natural gas": (48.0, 46.5, 50.4), "Gas/diesel oil": (43.0, 41.4, 43.3),
            "Motor gasoline": (44.3, 42.5, 44.8), "Liquefied petroleum gases": (47.3, 44.8, 52.2),
            "Residual fuel oil": (40.4, 39.8, 41.7)}
FIELDS = ["record_id", "default_record_id", "fuel_en", "parameter", "value", "lower", "upper", "unit",
          "confidence_pct", "source_id", "other_source_ids", "location", "read_from", "verification",
          "corroborated_by", "notes", "status", "superseded_by"]
SOURCES = [
    {"source_id": "APERC-NCV", "title": "Default net calorific values (NCVs) and lower and upper limits of the 95% "
     "confidence interval (transcription of IPCC 2006 Vol. 2 Ch. 1 Table 1.2)", "issuer": "Asia Pacific Energy "
     "Research Centre (GitHub asia-pacific-energy-research-centre/aperc-emissions)", "date": "", "doc_number": "",
     "locator": APERC + " (file removed from the repository in commit 77a966f)", "source_type": "secondary_spreadsheet",
     "notes": "the whole of Table 1.2 with its 95% limits; its carbon-content sheet is not a faithful copy (upper "
              "bounds below defaults) and is not used", "origin": "github:asia-pacific-energy-research-centre/"
                                                                  "aperc-emissions", "copy_of": ""},
    {"source_id": "CODE-THEMISIQ", "title": "Research record quoting IPCC 2006 Vol. 2 Ch. 1 Table 1.2 (page 1.18) "
     "with lower and upper limits for five fuels, read from the PDF", "issuer": "GitHub themisiqco/themisiq (third "
     "party)", "date": "2026-10-07", "doc_number": "", "locator": "GitHub themisiqco/themisiq docs/review/"
     "eu-fuel-properties.md @ 73e22b77", "source_type": "secondary_text", "notes": "natural gas, gas/diesel oil, "
     "motor gasoline, LPG, residual fuel oil", "origin": "github:themisiqco/themisiq", "copy_of": ""},
]


def read_workbook(path: Path) -> dict[str, tuple[float, float, float]]:
    ws = openpyxl.load_workbook(path, data_only=True, read_only=True)["Default NCV"]
    rows = list(ws.iter_rows(values_only=True))
    if not str(rows[0][0]).startswith("Default net calorific values (NCVs) and lower and upper limits of the 95%"):
        sys.exit("the sheet does not carry the Table 1.2 title; not the expected transcription")
    out = {}
    for r in rows[2:]:
        name = r[0]
        if not name or not all(isinstance(v, (int, float)) for v in r[1:4]):
            continue
        if name in SAME_AS:
            if tuple(r[1:4]) != out.get(NAMES.get(SAME_AS[name], SAME_AS[name])):
                sys.exit(f"{name}: differs from {SAME_AS[name]}, which the package folds it into")
            continue
        out[NAMES.get(name, name)] = tuple(float(v) for v in r[1:4])
    return out


def main() -> int:
    workbook, folder = Path(sys.argv[1]), Path(sys.argv[2])
    table = read_workbook(workbook)
    with (folder / "defaults.csv").open(encoding="utf-8", newline="") as fh:
        defaults = [r for r in csv.DictReader(fh) if r["parameter"] == "ncv_default"]
    rows = []
    for d in defaults:
        fuel = d["fuel_en"]
        if fuel not in table:
            sys.exit(f"{d['record_id']} {fuel}: not in the transcription")
        default, lo, hi = table[fuel]
        if abs(default - float(d["value"])) > 1e-9:
            sys.exit(f"{d['record_id']} {fuel}: default {default} in the transcription, {d['value']} in the package")
        if not lo <= default <= hi or lo <= 0:
            sys.exit(f"{fuel}: range {lo}–{hi} does not bracket {default}")
        corroborated = THEMISIQ.get(fuel)
        if corroborated and corroborated != (default, lo, hi):
            sys.exit(f"{fuel}: themisiq prints {corroborated}, the workbook {(default, lo, hi)}")
        rows.append({"record_id": d["record_id"] + "-R95", "default_record_id": d["record_id"], "fuel_en": fuel,
                     "parameter": "ncv_default", "value": d["value"], "lower": f"{lo:g}", "upper": f"{hi:g}",
                     "unit": d["unit"], "confidence_pct": "95", "source_id": "IPCC2006-V2C1", "other_source_ids": "",
                     "location": f"Vol.2 Ch.1 Table 1.2 (p. 1.18–1.19), row {fuel}, columns Lower and Upper; read in "
                                 f"APERC-NCV, sheet Default NCV, row {fuel}",
                     "read_from": "APERC-NCV", "verification": "secondary_single",
                     "corroborated_by": "CODE-THEMISIQ" if corroborated else "",
                     "notes": "lower and upper limits of the 95% confidence interval of the default; asymmetric",
                     "status": "current", "superseded_by": ""})
    with (folder / "ranges.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    path = folder / "sources.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, sources = list(reader.fieldnames), list(reader)
    have = {s["source_id"] for s in sources}
    sources += [s for s in SOURCES if s["source_id"] not in have]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(sources)
    # the defaults' notes carried the ranges before there was a place for them
    with (folder / "defaults.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        dfields, drows = list(reader.fieldnames), list(reader)
    for r in drows:
        if "(APERC-NCV only)" in r["notes"]:
            r["notes"] = r["notes"].split("; 95% range")[0] + "; 95% range in resource ranges (" + r["record_id"] + \
                "-R95)" + r["notes"].split("(APERC-NCV only)")[1]
        r["notes"] = r["notes"].replace("; ranges (lower/upper 95%) not transcribed here",
                                        "; no public transcription of Table 1.4's 95% range found that is faithful")
    with (folder / "defaults.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=dfields, lineterminator="\n")
        w.writeheader()
        w.writerows(drows)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    if not any(r["name"] == "ranges" for r in descriptor["resources"]):
        text = {"lower": "lower limit of the 95% confidence interval, in 'unit'",
                "upper": "upper limit of the 95% confidence interval, in 'unit'",
                "default_record_id": "the default (resource defaults) whose range this is",
                "read_from": "source id(s) of the text the range was read in"}
        fields = []
        for f in FIELDS:
            spec = {"name": f, "type": "number" if f in ("value", "lower", "upper", "confidence_pct") else "string"}
            if f in ("record_id",):
                spec["constraints"] = {"required": True, "unique": True}
            elif f in ("default_record_id", "value", "lower", "upper", "unit", "source_id", "location", "read_from"):
                spec["constraints"] = {"required": True}
            if f in text:
                spec["description"] = text[f]
            fields.append(spec)
        descriptor["resources"].insert(1, {
            "name": "ranges", "title": "95% ranges of IPCC 2006 Vol. 2 Ch. 1 Table 1.2 defaults", "path": "ranges.csv",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "primaryKey": ["record_id"],
                       "foreignKeys": [{"fields": "default_record_id",
                                        "reference": {"resource": "defaults", "fields": "record_id"}},
                                       {"fields": "source_id", "reference": {"resource": "sources",
                                                                             "fields": "source_id"}}]}})
        descriptor["carbon"]["rangeResource"] = "ranges"
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    print(f"{len(rows)} ranges written to {folder / 'ranges.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
