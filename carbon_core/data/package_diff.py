"""Differences between two versions of a data package, record by record.

Rows are matched on each resource's primary key (``record_id`` for factor tables). For
every changed row the changed fields are listed; for the ``value`` field the relative
change is given too, and a change of ``source_id`` is flagged, because a new value from a
new document is a different matter from a corrected transcription.

A copy whose files no longer match the hashes in its ``datapackage.json`` (someone edited a
CSV by hand) is still compared, so an auditor sees exactly what was edited; the summary
marks that side as failing integrity and names the files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import DataPackageError
from .datasets import DataPackage, load_package

COLUMNS = ["resource", "key", "change", "field", "old", "new", "relative change", "old source", "new source"]


def diff_packages(old, new) -> tuple[pd.DataFrame, dict]:
    """Added, removed and changed rows between package versions ``old`` and ``new``.

    Parameters
    ----------
    old, new : str, Path or DataPackage
        Folders, zip files or shipped package names.

    Returns
    -------
    (DataFrame, dict)
        One row per added or removed record and per changed field (columns
        :data:`COLUMNS`), and a summary: names, versions, counts, resources added/removed,
        and ``integrity``: for "old" and "new", the list of files failing their recorded
        hash or size (empty when the copy is intact).
    """
    a = old if isinstance(old, DataPackage) else load_package(old)
    b = new if isinstance(new, DataPackage) else load_package(new)
    rows: list[dict] = []
    res_a, res_b = set(a.resource_names()), set(b.resource_names())
    integrity = {"old": _integrity(a), "new": _integrity(b)}
    for name in [n for n in b.resource_names() if n in res_a]:
        rows += _diff_resource(a, b, name)
    summary = {
        "old": f"{a.name} {a.version}", "new": f"{b.name} {b.version}",
        "resources added": sorted(res_b - res_a), "resources removed": sorted(res_a - res_b),
        "integrity": integrity,
    }
    table = pd.DataFrame(rows, columns=COLUMNS)
    for change in ("added", "removed", "changed"):
        summary[change] = int(table.loc[table["change"] == change, "key"].nunique()) if len(table) else 0
    return table, summary


def _integrity(pkg: DataPackage) -> list[str]:
    """Why the package's files fail their recorded hashes or sizes (empty when they match)."""
    problems = []
    for name in pkg.resource_names():
        try:
            pkg.resource_bytes(name)
        except DataPackageError as exc:
            problems.append(str(exc))
    return problems


def _key_of(res: dict) -> list[str]:
    pk = res.get("schema", {}).get("primaryKey")
    if isinstance(pk, str):
        return [pk]
    return list(pk or [])


def _diff_resource(a: DataPackage, b: DataPackage, name: str) -> list[dict]:
    key = _key_of(b.resource_descriptor(name)) or _key_of(a.resource_descriptor(name))
    fa, fb = a.read(name, verify=False), b.read(name, verify=False)
    if not key:
        key = [fa.columns[0]]
    for pkg, frame in ((a, fa), (b, fb)):
        missing = [k for k in key if k not in frame.columns]
        if missing:
            raise DataPackageError(f"{pkg.name} {pkg.version}/{name}: key column(s) {', '.join(missing)} missing; "
                                   "the versions cannot be compared record by record.")
        dup = frame[key].astype(str).agg("/".join, axis=1)
        repeated = sorted(set(dup[dup.duplicated()]))
        if repeated:
            raise DataPackageError(f"{pkg.name} {pkg.version}/{name}: record id(s) {', '.join(repeated[:5])} appear more "
                                   "than once, so records cannot be matched between versions; give every record its "
                                   "own id ('carbon validate' reports it too).")
    ia = fa.set_index(key)
    ib = fb.set_index(key)
    out: list[dict] = []
    label = lambda k: "/".join(map(str, k)) if isinstance(k, tuple) else str(k)  # noqa: E731
    src = lambda frame, k: frame.loc[k, "source_id"] if "source_id" in frame.columns else ""  # noqa: E731
    for k in ib.index.difference(ia.index, sort=False):
        out.append({"resource": name, "key": label(k), "change": "added", "field": "",
                    "old": "", "new": _brief(ib.loc[k]), "new source": src(ib, k)})
    for k in ia.index.difference(ib.index, sort=False):
        out.append({"resource": name, "key": label(k), "change": "removed", "field": "",
                    "old": _brief(ia.loc[k]), "new": "", "old source": src(ia, k)})
    common = ia.index.intersection(ib.index, sort=False)
    fields = [c for c in ib.columns if c in ia.columns]
    left, right = ia.loc[common, fields], ib.loc[common, fields]
    for f in fields:
        x, y = left[f], right[f]
        same = (x == y) | (x.isna() & y.isna())
        for k in same.index[~same.to_numpy()]:
            old_v, new_v = x.loc[k], y.loc[k]
            rel = np.nan
            if f == "value" or (isinstance(old_v, (int, float)) and isinstance(new_v, (int, float))):
                try:
                    rel = (float(new_v) - float(old_v)) / abs(float(old_v)) if float(old_v) else np.inf
                except (TypeError, ValueError):
                    rel = np.nan
            out.append({"resource": name, "key": label(k), "change": "changed", "field": f,
                        "old": old_v, "new": new_v, "relative change": rel,
                        "old source": src(ia, k), "new source": src(ib, k)})
    return out


def _brief(row: pd.Series) -> str:
    if "value" in row.index:
        return f"{row['value']} {row.get('unit', '')}".strip()
    return ", ".join(f"{k}={v}" for k, v in list(row.items())[:3])
