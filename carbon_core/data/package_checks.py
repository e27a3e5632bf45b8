"""Validation of data packages: Frictionless, plus the rules Frictionless cannot express.

:func:`validate_package` returns a list of :class:`Finding` (one per problem, each naming
the file, record and fix), empty when the package is sound. Checks:

- descriptor: name, semantic version, a CHANGELOG.md entry for the current version;
- integrity: every resource inside the package, its sha256 hash and byte count;
- Frictionless: types, constraints, primary and foreign keys of every resource;
- factor rules (packages with a ``carbon`` section): every unit parses and has the
  dimension its parameter needs; every source id (also in ``other_source_ids``)
  resolves; no family mixes rows from different documents; values are not negative.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .datasets import DataPackage, load_package
from ..errors import DataPackageError, InputError

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
#: How many findings of one kind in one resource are listed before they are summarised.
MAX_PER_CHECK = 10


@dataclass(frozen=True)
class Finding:
    """One problem found in a package."""

    package: str
    check: str
    message: str

    def __str__(self) -> str:
        return f"{self.package}: [{self.check}] {self.message}"


def validate_package(location, *, frictionless: bool = True) -> list[Finding]:
    """All problems of the package at ``location`` (folder, zip or shipped name)."""
    try:
        pkg = load_package(location)
    except DataPackageError as exc:
        return [Finding(str(location), "descriptor", str(exc))]
    findings: list[Finding] = []
    add = lambda check, msg: findings.append(Finding(pkg.name, check, msg))  # noqa: E731

    version = pkg.descriptor.get("version")
    if not pkg.descriptor.get("name"):
        add("descriptor", "datapackage.json has no 'name'.")
    if not isinstance(version, str) or not SEMVER.match(version):
        add("version", f"version {version!r} is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.0.0).")
    changelog = pkg.read_text("CHANGELOG.md")
    if changelog is None:
        add("changelog", "CHANGELOG.md is missing; every package needs one with an entry per version.")
    elif isinstance(version, str) and not re.search(rf"^##\s+\[?{re.escape(version)}\]?(\s|$)", changelog, re.M):
        add("changelog", f"CHANGELOG.md has no entry '## {version}' for the current version.")

    readable = []
    for res in pkg.descriptor.get("resources", []):
        name = res.get("name", "?")
        try:
            pkg.resource_bytes(name)
            readable.append(name)
        except DataPackageError as exc:
            add("integrity", str(exc))
    findings += _finite_numbers(pkg, readable)
    if frictionless:
        findings += _frictionless(pkg, readable)
    if "carbon" in pkg.descriptor and pkg.descriptor["carbon"].get("valueResource") in readable:
        findings += _factor_rules(pkg)
    return findings


_NON_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


def _finite_numbers(pkg: DataPackage, readable: list[str]) -> list[Finding]:
    """Every number and integer field holds a finite number or a blank (NaN and inf are refused).

    Frictionless (and pandas) accept "NaN" and "inf" as numbers, so a value could become
    non-finite without failing its schema; no calculation can use such a value.
    """
    import csv
    import io

    out = []
    for name in readable:
        res = pkg.resource_descriptor(name)
        numeric = [f["name"] for f in res.get("schema", {}).get("fields", []) if f.get("type") in ("number", "integer")]
        if not numeric:
            continue
        text = pkg.resource_bytes(name).decode(res.get("encoding", "utf-8"), errors="replace")
        reader = csv.DictReader(io.StringIO(text))
        bad = 0
        for row_number, row in enumerate(reader, start=2):
            for field in numeric:
                v = (row.get(field) or "").strip().lower()
                if v in _NON_FINITE:
                    bad += 1
                    if bad <= MAX_PER_CHECK:
                        key = row.get("record_id") or f"row {row_number}"
                        out.append(Finding(pkg.name, "value", f"{name}: {key} (row {row_number}), field '{field}': "
                                                              f"'{row[field]}' is not a finite number."))
        if bad > MAX_PER_CHECK:
            out.append(Finding(pkg.name, "value", f"{name}: {bad - MAX_PER_CHECK} more non-finite values."))
    return out


def _frictionless(pkg: DataPackage, readable: list[str]) -> list[Finding]:
    from frictionless import Checklist, Package

    out = []
    checklist = Checklist(skip_errors=["hash-count", "byte-count"])  # reported above, with the fix
    with tempfile.TemporaryDirectory() as tmp:
        base = pkg.location
        if pkg.is_zip:
            with zipfile.ZipFile(pkg.location) as zf:
                zf.extractall(tmp)
            base = Path(tmp) / pkg.prefix
        descriptor = {**pkg.descriptor, "resources": [r for r in pkg.descriptor["resources"] if r.get("name") in readable]}
        descriptor.pop("carbon", None)
        try:
            report = Package(descriptor, basepath=str(base)).validate(checklist)
        except Exception as exc:  # frictionless raises its own types for broken descriptors
            return [Finding(pkg.name, "frictionless", f"the descriptor cannot be read: {exc}")]
        for task in report.tasks:
            counts: dict[str, int] = {}
            for err in task.errors:
                counts[err.type] = counts.get(err.type, 0) + 1
                if counts[err.type] <= MAX_PER_CHECK:
                    where = f"row {getattr(err, 'row_number', '')}" if getattr(err, "row_number", None) else ""
                    field = f", field '{err.field_name}'" if getattr(err, "field_name", None) else ""
                    out.append(Finding(pkg.name, "frictionless",
                                       f"{task.name}: {err.type} {where}{field}: {err.note}".replace("  ", " ")))
            for typ, n in counts.items():
                if n > MAX_PER_CHECK:
                    out.append(Finding(pkg.name, "frictionless", f"{task.name}: {n - MAX_PER_CHECK} more '{typ}' errors."))
        for err in report.errors:
            out.append(Finding(pkg.name, "frictionless", f"{err.type}: {err.note}"))
    return out


def _factor_rules(pkg: DataPackage) -> list[Finding]:
    from ..accounting.units import has_dimension, parse_unit

    meta = pkg.descriptor["carbon"]
    out: list[Finding] = []
    res = meta["valueResource"]
    rows = pkg.read(res)
    add = lambda check, msg: out.append(Finding(pkg.name, check, f"{res}: {msg}"))  # noqa: E731

    rules = meta.get("unitRules", {})
    by = rules.get("by")
    dims = rules.get("dimensions", {})
    bad_units = 0
    for r in rows.to_dict("records"):
        unit = r.get("unit") or ""
        try:
            parse_unit(unit)
        except InputError:
            bad_units += 1
            if bad_units <= MAX_PER_CHECK:
                add("unit", f"record {r['record_id']}: unit '{unit}' is not a valid unit; write it like "
                            "'GJ/t', 'tC/TJ', 'kgCO2/kWh' or '%'.")
            continue
        allowed = dims.get(r.get(by), dims.get("*")) if by else dims.get("*")
        if allowed and not any(has_dimension(unit, d) for d in allowed):
            what = r.get(by) if by else "value"
            add("unit", f"record {r['record_id']}: unit '{unit}' has the wrong dimension for {what} "
                        f"(needs {' or '.join(allowed)}).")
        try:
            value = float(r.get("value"))
        except (TypeError, ValueError):
            value = None  # not a number: the schema check (Frictionless) reports it
        if value is not None and value == value and value <= 0:
            what = r.get(by) or "this quantity"
            add("value", f"record {r['record_id']}: value {value:g} is negative; {what} cannot be below zero."
                if value < 0 else f"record {r['record_id']}: value 0 is zero; {what} must be above zero.")

    sources = set(pkg.read("sources")["source_id"]) if "sources" in pkg.resource_names() else set()
    for r in rows.to_dict("records"):
        ids = [r.get("source_id") or ""] + [s for s in str(r.get("other_source_ids") or "").split("|") if s]
        for sid in ids:
            if sid not in sources:
                add("source", f"record {r['record_id']}: source id '{sid}' is not described in resource "
                              "'sources'; add the source or correct the id.")
    fam_field = meta.get("familyField")
    if fam_field and "families" in pkg.resource_names():
        fams = pkg.read("families").set_index("family_id")
        for fam, grp in rows.groupby(fam_field):
            if fam not in fams.index:
                add("family", f"family '{fam}' is not described in resource 'families'.")
                continue
            expected = fams.loc[fam, "source_id"]
            strays = grp[grp["source_id"] != expected]
            if len(strays):
                listed = ", ".join(f"{rid} ({sid})" for rid, sid in zip(strays["record_id"], strays["source_id"]))
                add("family", f"family '{fam}' mixes documents: its rows must come from source {expected}, but "
                              f"{listed} do not. Move them to their own family; never combine parameters "
                              "across documents.")
    return out
