"""Writing data packages: re-stamping hashes, releasing a revised version, zipping to share.

A value never changes by hand editing alone: :func:`revise` edits the records, bumps the
semantic version, writes the changelog entry and updates every hash and byte count, then
validates the result before it replaces the package.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import math
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from carbon_core.data.datasets import load_package
from carbon_core.errors import DataPackageError, InputError
from carbon_core.data.package_checks import SEMVER, validate_package


def stamp_hashes(folder: Path) -> dict:
    """Recompute ``hash`` and ``bytes`` of every local resource and rewrite datapackage.json."""
    desc_path = folder / "datapackage.json"
    descriptor = json.loads(desc_path.read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        data = (folder / res["path"]).read_bytes()
        res["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
        res["bytes"] = len(data)
    desc_path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return descriptor


def bump_version(version: str, part: str) -> str:
    m = SEMVER.match(version or "")
    if not m:
        raise DataPackageError(f"the package version {version!r} is not semantic (MAJOR.MINOR.PATCH); fix it first.")
    major, minor, patch = (int(g) for g in m.groups()[:3])
    if part == "major":
        return f"{major + 1}.0.0"
    if part == "minor":
        return f"{major}.{minor + 1}.0"
    if part == "patch":
        return f"{major}.{minor}.{patch + 1}"
    raise InputError(f"--bump must be major, minor or patch, not '{part}'.")


def revise(folder: Path, changes: dict[str, str], message: str, bump: str = "patch",
           today: str | None = None) -> tuple[str, str, list[str]]:
    """Release a new version of the package in ``folder`` with the given value changes.

    Parameters
    ----------
    folder : Path
        Package folder (zips are read-only: unzip, revise, re-package).
    changes : dict
        record_id → new value (as text, written exactly so). Empty: only re-stamp hashes
        after files were edited, still as a new version with a changelog line.
    message : str
        Why the values change (goes to the changelog).
    bump : {"patch", "minor", "major"}

    Returns
    -------
    (old version, new version, changelog lines)
    """
    folder = Path(folder)
    if not (folder / "datapackage.json").is_file():
        raise DataPackageError(f"{folder} is not a package folder (no datapackage.json).")
    if not message or not message.strip():
        raise InputError("give a --message saying why the values change; it goes into CHANGELOG.md.")
    pkg = load_package(folder)
    old_version = pkg.version
    new_version = bump_version(old_version, bump)
    res_name = pkg.descriptor.get("carbon", {}).get("valueResource")
    lines: list[str] = [message.strip()]
    # Work on a copy beside the package and swap folders only once it validates: a failure at any
    # point (bad value, validation, disk) leaves the package exactly as it was.
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.revise-", dir=folder.parent))
    try:
        work = staging / folder.name
        shutil.copytree(folder, work)
        if changes:
            if not res_name:
                raise DataPackageError(f"{pkg.name} declares no value resource; edit its CSV and run revise "
                                       "without --set to re-stamp it.")
            path = work / pkg.resource_descriptor(res_name)["path"]
            lines += _apply(path, changes)
        desc = json.loads((work / "datapackage.json").read_text(encoding="utf-8"))
        desc["version"] = new_version
        (work / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        stamp_hashes(work)
        _changelog(work / "CHANGELOG.md", new_version, today or _dt.date.today().isoformat(), lines)
        problems = validate_package(work)
        if problems:
            raise DataPackageError("the revised package would not validate, nothing was changed:\n  "
                                   + "\n  ".join(str(p) for p in problems))
        _swap(folder, work, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return old_version, new_version, lines


def _swap(folder: Path, work: Path, staging: Path) -> None:
    """Replace ``folder`` by ``work`` with two renames on the same file system; undo on failure."""
    backup = staging / (folder.name + ".previous")
    os.replace(folder, backup)
    try:
        os.replace(work, folder)
    except OSError:
        os.replace(backup, folder)
        raise


def _apply(path: Path, changes: dict[str, str]) -> list[str]:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    i_id, i_val = header.index("record_id"), header.index("value")
    i_printed = header.index("value_as_printed") if "value_as_printed" in header else None
    found, lines = set(), []
    for r in rows[1:]:
        rid = r[i_id]
        if rid in changes:
            new = str(changes[rid]).strip()
            try:
                number = float(new)
            except ValueError:
                raise InputError(f"new value '{new}' for {rid} is not a number.") from None
            if not math.isfinite(number):
                raise InputError(f"new value '{new}' for {rid} is not a finite number; nothing was changed.")
            if number < 0:
                raise InputError(f"new value {new} for {rid} is negative; factors cannot be below zero.")
            if number == 0:
                raise InputError(f"new value {new} for {rid} is zero; a factor or coefficient must be above zero.")
            lines.append(f"{rid}: {r[i_val]} → {new}")
            # a straight transcription keeps value and printed value equal; a unit-converted
            # value keeps its printed original
            if i_printed is not None and r[i_printed] == r[i_val]:
                r[i_printed] = new
            r[i_val] = new
            found.add(rid)
    missing = sorted(set(changes) - found)
    if missing:
        raise InputError(f"no record {', '.join(missing)} in {path.name}; check the record ids.")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return lines


def _changelog(path: Path, version: str, date: str, lines: list[str]) -> None:
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Changelog\n"
    head, sep, rest = old.partition("\n## ")
    entry = f"## {version} ({date})\n" + "".join(f"- {line}\n" for line in lines)
    path.write_text(head.rstrip("\n") + "\n\n" + entry + (("\n## " + rest) if sep else ""), encoding="utf-8")


def make_zip(location, out_dir: Path) -> Path:
    """A shareable zip ``NAME-VERSION.zip`` of a valid package; loads exactly like the folder."""
    pkg = load_package(location)
    problems = validate_package(location)
    if problems:
        raise DataPackageError(f"{pkg.name} does not validate; fix it before sharing:\n  "
                               + "\n  ".join(str(p) for p in problems))
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{pkg.name}-{pkg.version}.zip"
    files = ["datapackage.json", "CHANGELOG.md"] + [r["path"] for r in pkg.descriptor["resources"]]
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for rel in files:
            info = zipfile.ZipInfo(f"{pkg.name}/{rel}", date_time=(2020, 1, 1, 0, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, (pkg.location / rel).read_bytes())
    return target
