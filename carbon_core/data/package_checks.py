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
- corroboration (factor packages with a ``read_from`` column): every row names the text its
  value was read in (``read_from``, source ids); a corroborator is never the row's source, never
  that text, never a copy of that text or a copy of what it copies (``copy_of`` in ``sources``;
  every text derives from the document itself, so that link alone does not count) nor from the
  same repository or site (``origin``), and never one of ``other_source_ids``; ``corroborated_multi`` needs two
  corroborators independent of the source and of each other; ``document_copy`` names in
  ``read_from`` a copy of the row's source; every ``location`` names a table,
  clause, page, line or entry, and one that says its table was not seen says where the value was
  read instead ("read in … line/record/row …");
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

import pandas as pd

from .datasets import DataPackage, load_package
from ..accounting.units import has_dimension, parse_unit
from ..errors import DataPackageError, InputError
from .validation_cache import ValidationCache, default_cache_dir, resource_key

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


def validate_package(location, *, frictionless: bool = True, cache: bool = True,
                     workers: int = 1) -> list[Finding]:
    """All problems of the package at ``location`` (folder, zip or shipped name).

    Parameters
    ----------
    location : str or path
        A package folder, a zip of one, or the name of a package (user folders, then shipped).
    frictionless : bool, default True
        Run Frictionless's checks of types, constraints and keys (needs the library).
    cache : bool, default True
        Reuse Frictionless's verdict on a resource whose descriptor, bytes and foreign-key
        targets are unchanged since it was last validated with the same library version
        (:mod:`carbon_core.data.validation_cache`; ``CARBON_CACHE_DIR=off`` turns it off).
    workers : int, default 1
        Processes to validate a large package with.
    """
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
        folder = default_cache_dir() if cache else None
        findings += _frictionless(pkg, readable, ValidationCache(folder) if folder else None, max(1, int(workers)))
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


#: A location must point somewhere inside a text: a table, annex, clause, page, line, entry or row.
_PLACE = re.compile(r"表|附录|附件|条|页|§|\b(?:table|annex|appendix|attachment|sheet|clause|line|page|p\.\s*\d|"
                    r"entry|row|record|key|field|column|dump)\b", re.I)
_NOT_SEEN = re.compile(r"not read|not seen|未见|未读", re.I)
_READ_IN = re.compile(r"read in\b.*\b(?:line|record|row|entry|page|p\.|表|table|key)", re.I | re.S)


def corroboration(pkg: DataPackage, resource: str | None = None) -> pd.DataFrame:
    """Per value row: its source, the text it was read in, and which corroborators are independent.

    Columns ``record_id, source_id, read_from, corroborated_by, independent, not_independent``
    (the last a '; '-list of ``id: reason``), ``verification`` and ``status``. Two sources are
    dependent when one is a copy of the other (``copy_of`` in ``sources``, followed through) or
    both come from the same repository or site (``origin``).
    """
    res = resource or pkg.descriptor["carbon"]["valueResource"]
    rows = pkg.read(res)
    sources = pkg.read("sources") if "sources" in pkg.resource_names() else None
    copies, origin = {}, {}
    if sources is not None:
        for s in sources.to_dict("records"):
            copies[s["source_id"]] = set(_ids(s.get("copy_of")))
            origin[s["source_id"]] = str(s.get("origin") or "").strip().lower()

    def family(sid: str) -> set:
        seen, todo = set(), [sid]
        while todo:
            cur = todo.pop()
            if cur not in seen:
                seen.add(cur)
                todo += list(copies.get(cur, ()))
        return seen

    def why_dependent(a: str, b: str, source: str) -> str | None:
        if a == b:
            return "is the same text"
        # every text of a value derives from its document: copies of other texts, not of the document, make two
        # texts one
        if (family(a) & family(b)) - {source}:
            return f"copies or shares a copy with {b}"
        if origin.get(a) and origin.get(a) == origin.get(b):
            return f"comes from the same repository or site as {b} ({origin[a]})"
        return None

    out = []
    for r in rows.to_dict("records"):
        source = str(r.get("source_id") or "")
        read = _ids(r.get("read_from"))
        others = set(_ids(r.get("other_source_ids")))
        independent, rejected = [], []
        for c in _ids(r.get("corroborated_by")):
            if c == source:
                rejected.append(f"{c}: is the row's own source")
                continue
            if c in read:
                rejected.append(f"{c}: is the text the value was read in")
                continue
            if c in others:
                rejected.append(f"{c}: is also in other_source_ids (the row relies on it)")
                continue
            reason = next((f"{c}: {w}" for t in read if (w := why_dependent(c, t, source))), None)
            if reason is None:
                reason = next((f"{c}: {w}" for t in independent if (w := why_dependent(c, t, source))), None)
            (rejected.append(reason) if reason else independent.append(c))
        out.append({"record_id": r["record_id"], "source_id": source, "read_from": "|".join(read),
                    "corroborated_by": "|".join(_ids(r.get("corroborated_by"))), "independent": "|".join(independent),
                    "not_independent": "; ".join(rejected), "verification": r.get("verification"),
                    "status": r.get("status")})
    return pd.DataFrame(out)


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


def _frictionless(pkg: DataPackage, readable: list[str], cache: ValidationCache | None, workers: int) -> list[Finding]:
    """Frictionless's findings for every readable resource, from the cache where it knows the answer.

    Resources still to check are split into ``workers`` groups validated side by side (each with
    the resources its foreign keys point to, so key checks still see their targets).
    """
    try:
        import frictionless  # heavy, and absent under Pyodide: only validation needs it
    except ImportError:  # not installed under Pyodide (xlwings Lite)
        raise DataPackageError("validating a package needs the frictionless library, which this Python does not "
                               "have; validate on the desktop (carbon validate) or pip install frictionless.") from None

    resources = {r["name"]: r for r in pkg.descriptor["resources"] if r.get("name") in readable}
    needs = {name: [name, *(t for t in _key_targets(res, name) if t in resources and t != name)]
             for name, res in resources.items()}
    keys = {name: _key(pkg, resources[name], needs[name], frictionless.__version__) for name in resources}
    found = {name: cache.get(keys[name]) if cache and keys[name] else None for name in resources}
    todo = [name for name in resources if found[name] is None]
    package_errors: list[str] = []
    if todo:
        with tempfile.TemporaryDirectory() as tmp:
            base = pkg.location
            if pkg.is_zip:
                with zipfile.ZipFile(pkg.location) as zf:
                    zf.extractall(tmp)
                base = Path(tmp) / pkg.prefix
            head = {k: v for k, v in pkg.descriptor.items() if k not in ("resources", "carbon")}
            n = max(1, min(workers, len(todo) // MIN_PER_WORKER))
            groups = [todo[i::n] for i in range(n)]
            jobs = [({**head, "resources": [resources[n] for n in dict.fromkeys(m for g in group for m in needs[g])]},
                     group, str(base)) for group in groups]
            for messages, errors in _run(jobs):
                found.update(messages)
                package_errors += errors
        if cache and not package_errors:  # a broken descriptor is reported, never remembered
            for name in todo:
                if keys[name]:
                    cache.put(keys[name], found[name])
    return [Finding(pkg.name, "frictionless", m) for name in resources for m in found[name]] + \
        [Finding(pkg.name, "frictionless", m) for m in package_errors]


#: Fewer resources than this per process and starting the process costs more than it saves.
MIN_PER_WORKER = 8


def _key(pkg: DataPackage, res: dict, needs: list[str], engine: str) -> str | None:
    """The cache key of a resource, or None when a file it names (a schema or dialect kept in
    a file of its own) cannot be read, so its verdict is neither looked up nor stored."""
    data = {f"resource:{n}": pkg.resource_bytes(n) for n in needs}
    for part in ("schema", "dialect"):
        if isinstance(res.get(part), str):
            try:
                data[f"{part}:{res[part]}"] = pkg.file_bytes(res[part])
            except (DataPackageError, OSError):
                return None
    return resource_key(res, data, engine)


def _key_targets(res: dict, own: str) -> list[str]:
    keys = res.get("schema", {}).get("foreignKeys", []) if isinstance(res.get("schema"), dict) else []
    return [fk.get("reference", {}).get("resource") or own for fk in keys if isinstance(fk, dict)]


def _run(jobs: list) -> list:
    if len(jobs) == 1:
        return [_validate_group(*jobs[0])]
    import multiprocessing  # only when a package is big enough to split
    from concurrent.futures import ProcessPoolExecutor  # (likewise)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(len(jobs), mp_context=context) as pool:
        return list(pool.map(_validate_group, *zip(*jobs)))


def _validate_group(descriptor: dict, names: list[str], base: str) -> tuple[dict[str, list[str]], list[str]]:
    """Frictionless messages per resource in ``names``, and the package-level ones."""
    from frictionless import Checklist, Package  # heavy and optional (see _frictionless)

    checklist = Checklist(skip_errors=["hash-count", "byte-count"])  # reported above, with the fix
    try:
        report = Package(descriptor, basepath=base).validate(checklist)
    except Exception as exc:  # frictionless raises its own types for broken descriptors
        return {n: [] for n in names}, [f"the descriptor cannot be read: {exc}"]
    messages: dict[str, list[str]] = {n: [] for n in names}
    for task in report.tasks:
        if task.name not in messages:  # a foreign-key target, validated in its own group
            continue
        out = messages[task.name]
        counts: dict[str, int] = {}
        for err in task.errors:
            counts[err.type] = counts.get(err.type, 0) + 1
            if counts[err.type] <= MAX_PER_CHECK:
                where = f"row {getattr(err, 'row_number', '')}" if getattr(err, "row_number", None) else ""
                field = f", field '{err.field_name}'" if getattr(err, "field_name", None) else ""
                out.append(f"{task.name}: {err.type} {where}{field}: {err.note}".replace("  ", " "))
        for typ, n in counts.items():
            if n > MAX_PER_CHECK:
                out.append(f"{task.name}: {n - MAX_PER_CHECK} more '{typ}' errors.")
    return messages, [f"{err.type}: {err.note}" for err in report.errors]


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
    ranges = meta.get("rangeResource")
    if ranges and ranges in pkg.resource_names():
        out += _range_rules(pkg, ranges, rows)
    for extra in meta.get("provenanceResources", []):  # other tables of values: the same provenance rules
        if extra in pkg.resource_names():
            out += _provenance_rules(pkg, extra, pkg.read(extra))
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


def _range_rules(pkg: DataPackage, res: str, values) -> list[Finding]:
    """A range brackets its default, in the default's unit, and carries the provenance of any value."""
    rows = pkg.read(res)
    out = _provenance_rules(pkg, res, rows)
    by_id = {r["record_id"]: r for r in values.to_dict("records")}
    for r in rows.to_dict("records"):
        rid, d = r["record_id"], by_id.get(r.get("default_record_id"))
        add = lambda msg: out.append(Finding(pkg.name, "range", f"{res}: record {rid}: {msg}"))  # noqa: E731
        if d is None:
            add(f"default_record_id '{r.get('default_record_id')}' is not a record of the values.")
            continue
        try:
            lo, hi, value = float(r["lower"]), float(r["upper"]), float(r["value"])
        except (TypeError, ValueError):
            continue  # not numbers: the schema check (Frictionless) reports it
        if value != float(d["value"]) or r.get("unit") != d.get("unit"):
            add(f"value {value:g} {r.get('unit')} is not its default's ({d['value']} {d.get('unit')}); a range belongs "
                "to one default, in its unit.")
        if not 0 <= lo <= value <= hi:
            add(f"the range {lo:g}–{hi:g} does not bracket its default {value:g}; check the transcription (lower ≤ "
                "default ≤ upper).")
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
    has_read_from = "read_from" in rows.columns
    copy_of = ({s["source_id"]: set(_ids(s.get("copy_of"))) for s in sources.to_dict("records")}
               if sources is not None and "copy_of" in sources.columns else {})
    independence = ({r["record_id"]: r for r in corroboration(pkg, res).to_dict("records")} if has_read_from else {})
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
        if r.get("verification") == "corroborated_multi" and not has_read_from:
            listed = {s for s in _ids(r.get("corroborated_by")) if s != r.get("source_id")}
            if len(listed) < 2:
                add("verification", f"record {rid}: verification 'corroborated_multi' needs at least two "
                                    f"corroborating sources in 'corroborated_by', it lists {len(listed)}; name them "
                                    "or lower the level to 'secondary_single'.")
        if has_read_from:
            read = _ids(r.get("read_from"))
            if not read:
                add("read-from", f"record {rid}: 'read_from' is empty; name the source whose text the value was read "
                                 "in (the document itself, or the copy or transcription actually seen).")
            for sid in read:
                if sid not in known:
                    add("source", f"record {rid}: source id '{sid}' (in read_from) is not described in resource "
                                  "'sources'; add the source or correct the id.")
            c = independence.get(rid, {})
            if c.get("not_independent"):
                add("corroboration", f"record {rid}: corroborated_by is not independent ({c['not_independent']}); "
                                     "drop it from corroborated_by (a copy of the source confirms only the copy).")
            n_ind = len(_ids(c.get("independent")))
            if r.get("verification") == "corroborated_multi" and n_ind < 2:
                add("verification", f"record {rid}: 'corroborated_multi' needs two corroborators independent of its "
                                    f"source, of the text it was read in and of each other; it has {n_ind}. Lower the "
                                    "level to 'secondary_single' or name another independent text.")
            if r.get("verification") == "document_copy" and not any(
                    r.get("source_id") in copy_of.get(sid, set()) for sid in read):
                add("verification", f"record {rid}: 'document_copy' means the value was read in a copy of its "
                                    f"source {r.get('source_id')}; name that copy in read_from (a source whose "
                                    "copy_of is the row's source) or choose another level.")
            place = str(r.get("location") or "")
            if place.strip() and not _PLACE.search(place):
                add("where", f"record {rid}: location '{place[:80]}' names no table, clause, page, line or entry; say "
                             "where in the text the value stands.")
            elif _NOT_SEEN.search(place) and not _READ_IN.search(place):
                add("where", f"record {rid}: location '{place[:80]}' says the table was not seen but not where the "
                             "value was read instead; add 'read in <text>, line/record/row …'.")
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
