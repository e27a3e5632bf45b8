"""Validation of data packages: Frictionless, plus the rules Frictionless cannot express.

:func:`validate_package` returns a list of :class:`Finding` (one per problem, each naming
the file, record and fix), empty when the package is sound. Checks:

- descriptor: name, semantic version, a CHANGELOG.md entry for the current version;
- integrity: every resource inside the package, its sha256 hash and byte count;
- Frictionless: types, constraints, primary and foreign keys of every resource;
- factor rules (packages with a ``carbon`` section): every unit parses and has the
  dimension its parameter needs; no family mixes rows from different documents; values
  are above zero;
- provenance (factor packages): every id in ``source_id``, ``other_source_ids`` and
  ``corroborated_by`` resolves to resource ``sources``; ``corroborated_multi`` lists at
  least two corroborating sources; a row with status ``superseded`` names an existing
  successor in ``superseded_by`` and a ``withdrawn`` row says why; every ``location``
  and every source's ``locator`` is non-empty and well formed (no empty parentheses,
  no stripped repository names, no truncated '|'-keys);
- no cell of any resource holds NaN or infinity.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .datasets import DataPackage, load_package
from ..accounting.units import has_dimension, parse_unit
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


#: Row statuses of factor packages: current (used by lookups), superseded (still returned,
#: with its successor named), withdrawn (kept for the record, never returned by name).
STATUSES = ("current", "superseded", "withdrawn")
_SOURCE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_MALFORMED = [
    (re.compile(r"[(（\[]\s*[|,;/]*\s*[)）\]]"), "empty brackets (a name was stripped)"),
    (re.compile(r"\|\s*(?:$|[;,)\]])|\|\s*\||^\s*\|"), "an empty item in a '|'-list (a key or id was cut off)"),
    (re.compile(r"(?:^|[,;])\s*[,;]"), "an empty item in a list (a name was stripped)"),
    (re.compile(r"/\.[A-Za-z]{2,5}\b"), "a URL with an empty file name (a document id was stripped)"),
    (re.compile(r"\b(?:the|a|an)\s+'s\b"), "a possessive without its name (a name was stripped)"),
]


def locator_problem(text) -> str | None:
    """What is wrong with a location or locator text, or None when it is well formed.

    A locator names a document (title, issuer, number, table/clause/page) or a repository as
    ``owner/name`` plus a path. The patterns below are what stripping names leaves behind.
    """
    if not isinstance(text, str) or not text.strip():
        return "it is empty"
    for pattern, what in _MALFORMED:
        if pattern.search(text):
            return f"it contains {what}"
    return None


def _ids(cell) -> list[str]:
    return [s.strip() for s in str(cell or "").split("|") if s.strip()]


_NON_FINITE = {"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"}


def _finite_numbers(pkg: DataPackage, readable: list[str]) -> list[Finding]:
    """No cell holds NaN or infinity; number fields hold a finite number or a blank.

    Frictionless (and pandas) accept "NaN" and "inf" as numbers, so a value could become
    non-finite without failing its schema; no calculation can use such a value.
    """

    out = []
    for name in readable:
        res = pkg.resource_descriptor(name)
        # text fields too: a "NaN" written into value_as_printed is as wrong as one in value
        numeric = [f["name"] for f in res.get("schema", {}).get("fields", [])]
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
    try:
        from frictionless import Checklist, Package  # heavy, and absent under Pyodide: only validation needs it
    except ImportError:  # not installed under Pyodide (xlwings Lite)
        raise DataPackageError("validating a package needs the frictionless library, which this Python does not "
                               "have; validate on the desktop (carbon validate) or pip install frictionless.") from None

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

    out += _provenance_rules(pkg, res, rows)
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


def _provenance_rules(pkg: DataPackage, res: str, rows) -> list[Finding]:
    """Ids resolve, verification labels match their evidence, successors exist, locators are whole."""
    out: list[Finding] = []
    counts: dict[str, int] = {}

    def add(check: str, msg: str) -> None:
        counts[check] = counts.get(check, 0) + 1
        if counts[check] <= MAX_PER_CHECK:
            out.append(Finding(pkg.name, check, f"{res}: {msg}"))

    sources = pkg.read("sources") if "sources" in pkg.resource_names() else None
    known = set(sources["source_id"]) if sources is not None else set()
    records = rows.to_dict("records")
    by_id = {r["record_id"]: r for r in records}
    for r in records:
        rid = r["record_id"]
        for field in ("source_id", "other_source_ids", "corroborated_by"):
            if field not in r:
                continue
            for sid in ([r[field] or ""] if field == "source_id" else _ids(r[field])):
                if not _SOURCE_ID.match(sid):
                    add("source", f"record {rid}: {field} '{sid}' is not a source id; list only ids of resource "
                                  "'sources', '|'-separated, and put remarks in 'notes'.")
                elif sid not in known:
                    where = "" if field == "source_id" else f" (in {field})"
                    add("source", f"record {rid}: source id '{sid}'{where} is not described in resource 'sources'; "
                                  "add the source or correct the id.")
        if r.get("verification") == "corroborated_multi":
            listed = {s for s in _ids(r.get("corroborated_by")) if s != r.get("source_id")}
            if len(listed) < 2:
                add("verification", f"record {rid}: verification 'corroborated_multi' needs at least two "
                                    f"corroborating sources in 'corroborated_by', it lists {len(listed)}; name them "
                                    "or lower the level to 'secondary_single'.")
        status = r.get("status")
        if "status" in r:
            successor = str(r.get("superseded_by") or "").strip()
            if status not in STATUSES:
                add("status", f"record {rid}: status '{status}' is not one of {', '.join(STATUSES)}.")
            elif status == "superseded":
                if not successor:
                    add("status", f"record {rid} is marked superseded but names no successor; put the record id of "
                                  "the value that replaces it in 'superseded_by'.")
                elif successor not in by_id or successor == rid:
                    add("status", f"record {rid}: successor '{successor}' in 'superseded_by' is not another record "
                                  "of this resource.")
                elif by_id[successor].get("status") == "withdrawn":
                    add("status", f"record {rid}: its successor {successor} is withdrawn; name a current record.")
            elif successor:
                add("status", f"record {rid} names a successor ({successor}) but its status is '{status}'; mark it "
                              "'superseded' or clear 'superseded_by'.")
            if status == "withdrawn" and not str(r.get("notes") or "").strip():
                add("status", f"record {rid} is withdrawn without a reason; say why in 'notes'.")
        if "location" in r:
            problem = locator_problem(r["location"])
            if problem:
                add("locator", f"record {rid}: location '{r['location']}': {problem}. Name the table, clause or page "
                               "of the document, or the repository as owner/name plus the file path.")
        for field in ("notes", "upstream_record_id"):
            text = r.get(field)
            if isinstance(text, str) and text.strip():
                problem = locator_problem(text)
                if problem:
                    add("locator", f"record {rid}: {field} '{text[:80]}': {problem}.")
    if sources is not None:
        for s in sources.to_dict("records"):
            for field in ("locator", "title"):
                if field in s:
                    problem = locator_problem(s[field])
                    if problem:
                        add("locator", f"source {s['source_id']}: {field} '{s[field]}': {problem}. Give the document's "
                                       "address, or the repository as owner/name plus the file path.")
    for check, n in counts.items():
        if n > MAX_PER_CHECK:
            out.append(Finding(pkg.name, check, f"{res}: {n - MAX_PER_CHECK} more '{check}' problems."))
    return out
