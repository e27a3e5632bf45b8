"""Writing data packages: re-stamping hashes, releasing a revised version, zipping to share.

A value never changes by hand editing alone: :func:`revise` edits the records, bumps the
semantic version, writes the changelog entry and updates every hash and byte count, then
validates the result before it replaces the package (:mod:`carbon_core.data.release` makes the
replacement safe against any interruption). The packages that came with the toolkit are never
written; :func:`working_copy` makes a copy to revise.
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

from carbon_core.data import release
from carbon_core.data.datasets import load_package
from carbon_core.data.locations import ENV_PACKAGES, shipped_package_dir
from carbon_core.data.package_checks import SEMVER, validate_package
from carbon_core.data.package_diff import diff_packages
from carbon_core.errors import DataPackageError, InputError


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
           today: str | None = None, *, adopt_edits: bool = False, report=None) -> tuple[str, str, list[str]]:
    """Release a new version of the package in ``folder`` with the given value changes.

    Parameters
    ----------
    folder : Path
        A package folder of the user's (zips are read-only: unzip, revise, re-package). The copy
        that came with the toolkit is never written: make a working copy first
        (:func:`working_copy`, command line ``carbon copy``).
    changes : dict
        record_id → new value (as text, written exactly so).
    message : str
        Why the values change (goes to the changelog).
    bump : {"patch", "minor", "major"}
    adopt_edits : bool
        Files that no longer match their recorded hashes were edited by hand; they are refused
        unless adopted, and then the changelog records what changed (old → new where the
        original release is at hand).
    report : callable, optional
        Receives a line for each thing done to leftovers of an earlier interrupted release.

    Returns
    -------
    (old version, new version, changelog lines)
    """
    folder = Path(folder).absolute()
    _refuse_shipped(folder)
    for line in release.recover(folder):  # an earlier interrupted release first
        (report or (lambda _: None))(line)
    if not (folder / "datapackage.json").is_file():
        raise DataPackageError(f"{folder} is not a package folder (no datapackage.json).")
    if not message or not message.strip():
        raise InputError("give a --message saying why the values change; it goes into CHANGELOG.md.")
    pkg = load_package(folder)
    old_version = pkg.version
    new_version = bump_version(old_version, bump)
    res_name = pkg.descriptor.get("carbon", {}).get("valueResource")
    lines: list[str] = [message.strip()]
    edited = _hand_edits(pkg)
    if edited and not adopt_edits:
        raise DataPackageError(
            f"{', '.join(edited)} no longer match{'es' if len(edited) == 1 else ''} the hash recorded in "
            f"{pkg.name} {old_version}: edited by hand, outside 'carbon revise'. Restore the file from the release, "
            "or adopt the edit explicitly with --adopt-edits (the changelog then records what changed).", code="hand-edit")
    if edited:
        lines += _adopted(pkg, edited)
    if not changes and not edited:
        raise InputError("nothing to release: give --set RECORD_ID=VALUE (or --adopt-edits for files edited by hand).")
    # The release is prepared and validated in a staging folder beside the package; the journal is the
    # commit point, after which any interruption is finished or rolled back by the next command.
    staging = Path(tempfile.mkdtemp(prefix=release.STAGING_PREFIX.format(name=folder.name), dir=folder.parent))
    try:
        work = staging / folder.name
        shutil.copytree(folder, work)
        release.step("copied")
        if changes:
            if not res_name:
                raise DataPackageError(f"{pkg.name} declares no value resource; edit its CSV and run revise "
                                       "with --adopt-edits.")
            path = work / pkg.resource_descriptor(res_name)["path"]
            lines += _apply(path, changes)
            release.step("values written")
        desc = json.loads((work / "datapackage.json").read_text(encoding="utf-8"))
        desc["version"] = new_version
        (work / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        stamp_hashes(work)
        release.step("hashes stamped")
        _changelog(work / "CHANGELOG.md", new_version, today or _dt.date.today().isoformat(), lines)
        release.step("changelog written")
        problems = validate_package(work)
        if problems:
            raise DataPackageError("the revised package would not validate, nothing was changed:\n  "
                                   + "\n  ".join(str(p) for p in problems))
        release.write_journal(folder, staging, old_version, new_version)
        release.exchange(folder, work)
        shutil.rmtree(staging, ignore_errors=True)
        release.step("old release removed")
        release.journal_path(folder).unlink(missing_ok=True)
        release.step("journal removed")
    except BaseException:
        if release.journal_path(folder).exists():  # committed: finish or roll back now (the next command would)
            for line in release.recover(folder):
                (report or (lambda _: None))(line)
        else:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    return old_version, new_version, lines


def _refuse_shipped(folder: Path) -> None:
    """The packages that came with the toolkit are read-only: every later lookup depends on them."""
    try:
        shipped = shipped_package_dir().resolve()
    except DataPackageError:
        return
    target = folder.resolve()
    if target == shipped or shipped in target.parents:
        raise DataPackageError(
            f"{target} is the copy of {target.name} that came with the toolkit; revising it would change every later "
            f"lookup. Make a working copy first (carbon copy {target.name} --to FOLDER), revise that, and point "
            f"{ENV_PACKAGES} at its folder to use it.", code="shipped-copy")


def working_copy(name: str, destination: Path) -> Path:
    """Copy a shipped package (or any package folder) to ``destination/NAME`` for revising."""
    pkg = load_package(Path(name) if (Path(name) / "datapackage.json").is_file() else name)
    target = Path(destination) / pkg.name
    if target.exists():
        raise DataPackageError(f"{target} exists already; choose another --to folder or remove it.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{pkg.name}.copy-", dir=target.parent))
    try:
        shutil.copytree(pkg.location, staging / pkg.name)
        os.replace(staging / pkg.name, target)  # the copy appears whole or not at all
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _hand_edits(pkg) -> list[str]:
    """Resource files whose bytes no longer match the recorded hash or size."""
    edited = []
    for res in pkg.descriptor["resources"]:
        path = pkg.location / res["path"]
        if "hash" not in res or not path.is_file():
            continue
        data = path.read_bytes()
        if "sha256:" + hashlib.sha256(data).hexdigest() != res["hash"] or res.get("bytes", len(data)) != len(data):
            edited.append(res["path"])
    return edited


def _adopted(pkg, edited: list[str]) -> list[str]:
    """Changelog lines for adopted hand edits: old → new values where the original release is at hand."""
    original = None
    try:
        candidate = load_package(shipped_package_dir() / pkg.name)
        if candidate.version == pkg.version and not _hand_edits(candidate) and all(
                _recorded_hash(candidate, p) == _recorded_hash(pkg, p) for p in edited):
            original = candidate
    except DataPackageError:
        pass
    if original is None:
        return [f"{path}: a hand edit adopted (sha256 {(_recorded_hash(pkg, path) or '?')[7:19]}… → "
                f"{hashlib.sha256((pkg.location / path).read_bytes()).hexdigest()[:12]}…); the release it was made "
                "from is not on this machine, so the earlier values are not listed." for path in edited]
    table, _ = diff_packages(original, pkg)
    lines = []
    for row in table.itertuples(index=False):
        if row.change == "changed":
            lines.append(f"{row.key}: {row.field} {row.old} → {row.new} (hand edit adopted)")
        else:
            lines.append(f"{row.key}: {row.change} (hand edit adopted)")
    return lines or [f"{', '.join(edited)}: a hand edit adopted (no value changed)."]


def _recorded_hash(pkg, path: str) -> str | None:
    return next((r.get("hash") for r in pkg.descriptor["resources"] if r["path"] == path), None)


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
