"""Writing data-package files the same way in every import script: CSV bytes, hashes, descriptor."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """UTF-8 CSV with LF line ends, so rebuilds are byte-identical on every platform."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def fmt(v: float) -> str:
    """Shortest text that reads back as the same float."""
    if v == 0:
        return "0"
    r = repr(float(v))
    return r[:-2] if r.endswith(".0") else r


def stamp(resource: dict, folder: Path) -> dict:
    """Record the resource file's sha256 hash and byte count in its descriptor."""
    data = (folder / resource["path"]).read_bytes()
    resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    resource["bytes"] = len(data)
    return resource


def write_package(folder: Path, descriptor: dict, changelog: str) -> None:
    """Stamp every resource, then write datapackage.json and CHANGELOG.md."""
    for res in descriptor["resources"]:
        stamp(res, folder)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (folder / "CHANGELOG.md").write_text(changelog, encoding="utf-8")


def shared_folder(description: str) -> Path:
    """The ``--shared`` reference-set folder from the command line (default: ../shared beside the checkout)."""
    import argparse
    import sys

    default = Path(__file__).resolve().parents[2] / "shared"
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--shared", type=Path, default=default,
                    help="folder of the shared reference set (default: ../shared beside the checkout)")
    shared = ap.parse_args().shared
    if not (shared / "reference").is_dir():
        sys.exit(f"no reference set at {shared}; pass --shared PATH")
    return shared


# Fields every factor package shares (value and provenance columns; the sources resource).
VERIFICATION_LEVELS = ["document_copy", "official_db_projection", "corroborated_multi", "secondary_single",
                       "secondary_inferred", "seed_document", "derived"]
VERIFICATION_NOTE = (
    "how far the value was checked: document_copy (read in a copy of the primary document itself, named in "
    "read_from), official_db_projection (read in a machine-readable copy of the official "
    "national factor database), corroborated_multi (two or more independent transcriptions agree; primary "
    "not yet checked), secondary_single (one transcription only), secondary_inferred (deduced, not printed "
    "with its own label), seed_document (printed in a seed document), derived (computed from other rows)")

COMMON_FIELDS = [
    {"name": "value", "type": "number", "constraints": {"required": True, "minimum": 0},
     "description": "the value in the unit of column 'unit'"},
    {"name": "unit", "type": "string", "constraints": {"required": True},
     "description": "unit of 'value' (pint-readable; checked by carbon validate)"},
    {"name": "value_as_printed", "type": "string", "description": "the value exactly as printed in the source"},
    {"name": "unit_as_printed", "type": "string", "description": "the unit exactly as printed in the source"},
    {"name": "source_id", "type": "string", "constraints": {"required": True},
     "description": "the source document (key into resource 'sources')"},
    {"name": "other_source_ids", "type": "string",
     "description": "further sources the value was read from, '|'-separated (keys into 'sources')"},
    {"name": "location", "type": "string", "description": "where in the source: table, clause, page or line"},
    {"name": "verification", "type": "string",
     "constraints": {"required": True, "enum": VERIFICATION_LEVELS}, "description": VERIFICATION_NOTE},
    {"name": "corroborated_by", "type": "string",
     "description": "ids of the sources (keys into 'sources', '|'-separated) whose texts print the same value; "
                    "corroborated_multi needs at least two"},
    {"name": "notes", "type": "string", "description": "remarks, caveats and known conflicts"},
    {"name": "status", "type": "string", "constraints": {"required": True, "enum": ["current", "superseded", "withdrawn"]},
     "description": "current; superseded (valid for what it was issued for, replaced since: see superseded_by; "
                    "lookups return it with the successor named); withdrawn (cannot be supported by a public text "
                    "or suspect: kept for the record, never returned by name; the reason is in notes)"},
    {"name": "superseded_by", "type": "string", "description": "record id of the value that replaces this one"},
]
COMMON_NAMES = [f["name"] for f in COMMON_FIELDS]

SOURCE_FIELDS = [
    {"name": "source_id", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "title", "type": "string", "constraints": {"required": True}},
    {"name": "issuer", "type": "string"},
    {"name": "date", "type": "string", "description": "date of issue as known (free text)"},
    {"name": "doc_number", "type": "string", "description": "document number (文号 / standard number / DOI)"},
    {"name": "locator", "type": "string", "description": "where the document or its transcription can be found"},
    {"name": "source_type", "type": "string"},
    {"name": "notes", "type": "string"},
]
