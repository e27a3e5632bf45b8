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
