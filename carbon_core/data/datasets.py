"""Loading the project's Frictionless data packages into labelled pandas objects.

Packages are folders holding ``datapackage.json`` and CSV resources. A resource is read
only from inside its package folder (no remote URLs, no ``..``) and only when its bytes
match the ``hash`` and ``bytes`` recorded in the descriptor, so an edited CSV cannot
slip into a result unnoticed. Full schema validation is Frictionless' job
(``frictionless validate``); loading checks what every calculation depends on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from ..errors import CarbonWarning, DataPackageError
from ..regions import find_region, resolve_region

from . import release
from .locations import ENV_PACKAGES, default_package_dir, find_package, shipped_package_dir, user_package_dirs  # noqa: F401


def available_packages(root: Path | None = None) -> list[str]:
    """Names of the package folders under ``root`` (default: the user folders and the shipped set)."""
    roots = [Path(root)] if root else user_package_dirs() + [shipped_package_dir()]
    names = set()
    for folder in roots:
        if not folder.is_dir():
            raise DataPackageError(f"'{folder}' is not a folder of data packages; give a folder holding package "
                                   "folders, a package folder or a .zip.")
        names |= {p.name for p in folder.iterdir() if (p / "datapackage.json").is_file()}
    return sorted(names)


@dataclass
class DataPackage:
    """A data package read from a folder or a zip file: its descriptor and verified resources.

    Parameters
    ----------
    location : Path
        The package folder, or the zip file holding it.
    descriptor : dict
        The parsed ``datapackage.json``.
    prefix : str
        Inside a zip, the folder holding ``datapackage.json`` ("" at the zip's root).
    allow_remote : bool
        Whether resources with an http(s) path may be fetched. Off by default.
    """

    location: Path
    descriptor: dict
    prefix: str = ""
    allow_remote: bool = False
    _frames: dict = field(default_factory=dict, repr=False)

    @property
    def folder(self) -> Path:
        return self.location

    @property
    def is_zip(self) -> bool:
        return self.location.is_file()

    @property
    def name(self) -> str:
        return self.descriptor.get("name", self.location.stem)

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    def resource_names(self) -> list[str]:
        return [r.get("name", "?") for r in self.descriptor.get("resources", [])]

    def resource_descriptor(self, name: str) -> dict:
        for res in self.descriptor.get("resources", []):
            if res.get("name") == name:
                return res
        raise DataPackageError(f"package '{self.name}' has no resource '{name}'; it has: "
                               f"{', '.join(self.resource_names())}.")

    def read_text(self, rel: str) -> str | None:
        """A small text file of the package (e.g. CHANGELOG.md), or None when absent."""
        try:
            return self._raw(rel).decode("utf-8")
        except DataPackageError:
            return None

    def _raw(self, rel: str) -> bytes:
        pure = _safe_relative(rel, self.name)
        if self.is_zip:
            import zipfile

            with zipfile.ZipFile(self.location) as zf:
                member = self.prefix + str(pure)
                try:
                    return zf.read(member)
                except KeyError:
                    raise DataPackageError(f"{self.name}: file '{rel}' is missing from {self.location.name}.") from None
        path = self.location / pure
        if not path.resolve().is_relative_to(self.location.resolve()):
            raise DataPackageError(f"{self.name}: path '{rel}' leaves the package folder.")
        if not path.is_file():
            raise DataPackageError(f"{self.name}: file '{rel}' is missing from the package folder.")
        return path.read_bytes()

    def resource_bytes(self, name: str, *, verify: bool = True) -> bytes:
        """The raw bytes of a resource, after checking hash and size against the descriptor.

        ``verify=False`` skips that check; only for showing what an edited copy holds
        (``carbon diff``), never for computing with it.
        """
        res = self.resource_descriptor(name)
        rel = res.get("path")
        if not isinstance(rel, str) or not rel:
            raise DataPackageError(f"{self.name}/{name}: the resource has no 'path'.")
        if "://" in rel:
            data = self._remote(rel, name)
        else:
            data = self._raw(rel)
        if verify:
            verify_bytes(data, res, self.name, PurePosixPath(rel).name)
        return data

    def _remote(self, url: str, name: str) -> bytes:
        if not self.allow_remote:
            raise DataPackageError(
                f"{self.name}/{name}: path '{url}' is a remote URL; remote data are not fetched unless "
                "allowed (allow_remote=True). Better: download the file into the package and refer to it "
                "by a relative path."
            )
        if not url.startswith(("https://", "http://")):
            raise DataPackageError(f"{self.name}/{name}: only http(s) URLs can be fetched, not '{url}'.")
        from urllib.request import urlopen

        with urlopen(url, timeout=30) as resp:  # noqa: S310 - scheme checked above, opt-in only
            return resp.read()

    def read(self, name: str, *, verify: bool = True) -> pd.DataFrame:
        """The resource as a DataFrame, string fields as text and numbers as float.

        ``verify=False`` reads a file whose hash no longer matches (see :meth:`resource_bytes`);
        such a frame is not cached.
        """
        if verify and name in self._frames:
            return self._frames[name].copy()
        res = self.resource_descriptor(name)
        data = self.resource_bytes(name, verify=verify)
        fields = res.get("schema", {}).get("fields", [])
        text_fields = [f["name"] for f in fields if f.get("type", "string") == "string"]
        other = [f["name"] for f in fields if f.get("type", "string") != "string"]
        # object dtype keeps plain Python strings: much faster to index than arrow strings
        if not data.strip():
            raise DataPackageError(f"{self.name}/{res.get('path')}: the file is empty; a resource needs at least its "
                                   "header row.")
        try:
            frame = pd.read_csv(io.BytesIO(data), dtype={k: object for k in text_fields}, keep_default_na=False,
                                na_values={k: [""] for k in other}, encoding=res.get("encoding", "utf-8"))
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise DataPackageError(f"{self.name}/{res.get('path')}: cannot be read as CSV ({exc}).") from None
        names = [f["name"] for f in fields]
        if names and list(frame.columns) != names:
            raise DataPackageError(
                f"{self.name}/{res.get('path')}: columns do not match the schema "
                f"(expected {names[:5]}..., found {list(frame.columns)[:5]}...)."
            )
        if verify:
            self._frames[name] = frame
        return frame.copy()


def _safe_relative(rel: str, package: str) -> PurePosixPath:
    pure = PurePosixPath(str(rel).replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise DataPackageError(f"{package}: path '{rel}' leaves the package folder; use a path inside it.")
    return pure


def verify_bytes(data: bytes, res: dict, package: str, fname: str) -> None:
    """Raise unless ``data`` matches the resource's recorded hash and byte count."""
    expected = res.get("hash")
    if expected is None:
        raise DataPackageError(f"{package}/{fname}: the descriptor records no hash, so the file cannot be verified.")
    algo, _, digest = expected.partition(":") if ":" in expected else ("md5", "", expected)
    if algo not in ("sha256", "md5"):
        raise DataPackageError(f"{package}/{fname}: unsupported hash algorithm '{algo}' (use sha256).")
    actual = hashlib.new(algo, data).hexdigest()
    if actual != digest:
        raise DataPackageError(
            f"{package}/{fname}: the file's {algo} hash does not match datapackage.json — the CSV was "
            "edited without updating the package. Restore the file, or publish the change as a new "
            "version with 'carbon revise'."
        )
    if "bytes" in res and res["bytes"] != len(data):
        raise DataPackageError(
            f"{package}/{fname}: {len(data)} bytes on disk but {res['bytes']} recorded in datapackage.json."
        )


_CACHE: dict[tuple, DataPackage] = {}


def load_package(name_or_path: str | os.PathLike, root: Path | None = None, *,
                 allow_remote: bool = False) -> DataPackage:
    """Load a package by name (a folder under the package root), folder path or zip path."""
    candidate = Path(name_or_path)
    if candidate.suffix.lower() == ".zip" and candidate.is_file():
        return _load_zip(candidate, allow_remote)
    if candidate.is_file():
        raise DataPackageError(f"'{name_or_path}' is a file, not a data package; give the package folder (the one "
                               "holding datapackage.json) or a .zip of it.")
    _recover_release(candidate)
    if not (candidate / "datapackage.json").is_file():
        base = Path(root) if root else default_package_dir()
        candidate = base / str(name_or_path)
        if root is None:
            candidate = find_package(str(name_or_path)) or candidate
        _recover_release(candidate)
        if not (candidate / "datapackage.json").is_file():
            known = ", ".join(available_packages(base)) if base.is_dir() else "none"
            raise DataPackageError(f"no data package '{name_or_path}' (looked in {base}); available: {known}.")
    desc_path = candidate / "datapackage.json"
    key = (str(desc_path.resolve()), desc_path.stat().st_mtime_ns, allow_remote)
    if key not in _CACHE:
        _CACHE[key] = DataPackage(candidate.resolve(), _parse_descriptor(desc_path.read_bytes(), str(desc_path)),
                                  allow_remote=allow_remote)
    return _CACHE[key]


def _recover_release(folder: Path) -> None:
    """Finish or roll back a release of this package that was interrupted (one stat when there is none)."""
    if release.journal_path(folder).exists():
        for line in release.recover(folder):
            warnings.warn(line, CarbonWarning, stacklevel=3)


def _load_zip(path: Path, allow_remote: bool) -> DataPackage:
    import zipfile

    key = (str(path.resolve()), path.stat().st_mtime_ns, allow_remote)
    if key in _CACHE:
        return _CACHE[key]
    try:
        with zipfile.ZipFile(path) as zf:
            names = [n for n in zf.namelist() if PurePosixPath(n).name == "datapackage.json"]
            for n in zf.namelist():
                _safe_relative(n, path.name)
            names.sort(key=lambda n: n.count("/"))
            if not names or names[0].count("/") > 1:
                raise DataPackageError(f"{path.name}: no datapackage.json at the top of the zip.")
            prefix = names[0][: -len("datapackage.json")]
            descriptor = _parse_descriptor(zf.read(names[0]), f"{path.name}:{names[0]}")
    except zipfile.BadZipFile:
        raise DataPackageError(f"{path}: not a readable zip file.") from None
    _CACHE[key] = DataPackage(path.resolve(), descriptor, prefix=prefix, allow_remote=allow_remote)
    return _CACHE[key]


def _parse_descriptor(data: bytes, where: str) -> dict:
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataPackageError(f"{where}: not valid JSON ({exc}).") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataPackageError(f"{where}: a data package descriptor needs a 'resources' list.")
    for i, res in enumerate(descriptor["resources"], start=1):
        if not isinstance(res, dict):
            raise DataPackageError(f"{where}: resource {i} is {type(res).__name__} {res!r:.60}, not an object with "
                                   "'name' and 'path'; fix the 'resources' list.")
        for key in ("name", "path"):
            if not isinstance(res.get(key), str) or not res.get(key):
                raise DataPackageError(f"{where}: resource {i} has no '{key}' text; every resource needs a name and "
                                       "a path.")
        schema = res.get("schema", {})
        if not isinstance(schema, dict) or not isinstance(schema.get("fields", []), list) or any(
                not isinstance(f, dict) or not isinstance(f.get("name"), str) for f in schema.get("fields", [])):
            raise DataPackageError(f"{where}: resource '{res['name']}' has a malformed schema; 'schema' must be an "
                                   "object whose 'fields' is a list of objects with a 'name'.")
    names = [r["name"] for r in descriptor["resources"]]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise DataPackageError(f"{where}: resource name(s) {', '.join(dup)} appear more than once.")
    carbon = descriptor.get("carbon")
    if carbon is not None and not isinstance(carbon, dict):
        raise DataPackageError(f"{where}: the 'carbon' section must be an object.")
    return descriptor


# ------------------------------------------------------------------ IO tables
@dataclass
class IOTable:
    """The Leontief inputs read from an IO-table resource.

    Attributes
    ----------
    Z : DataFrame
        Intermediate flows (product codes × product codes).
    x : Series
        Total output (GO).
    Y : DataFrame
        Final use by category; for competitive-import tables a negative ``IM`` column is
        included so that ``Y.sum(axis=1) = x - Z·1``.
    names : DataFrame
        ``name_zh`` and ``name_en`` per product code.
    unit : str
    source : str
        ``package/resource@version`` for citation in outputs.
    """

    Z: pd.DataFrame
    x: pd.Series
    Y: pd.DataFrame
    names: pd.DataFrame
    unit: str
    source: str


def read_io_table(spec: str, root: Path | None = None) -> IOTable:
    """Read ``"package/resource"`` (e.g. ``"china-io-42/io_2017"``) as an :class:`IOTable`.

    ``Y`` holds the final-use columns that are not subtotals (and ``ERR``), and for
    competitive-import tables a negative ``IM`` column, so that ``Y.sum(axis=1) = x - Z·1``.
    """
    from ..io.official_tables import SUPPLY_COLUMNS, subtotal_codes

    package, resource = _split_spec(spec)
    table = official_table_from_resource(load_package(package, root), resource)
    skip = subtotal_codes(table.final.columns) | set(SUPPLY_COLUMNS)
    Y = table.final[[c for c in table.final.columns if c not in skip]].copy()
    for c in SUPPLY_COLUMNS:
        if table.has(c):
            Y[c] = -table.column(c)
    return IOTable(Z=table.Z, x=table.x, Y=Y, names=table.names[["name_zh", "name_en"]], unit=table.unit,
                   source=table.source)


def read_table_spec(spec, root: Path | None = None, *, balance: str = "error", unit: str | None = None,
                    sheet=None):
    """An IO table as an :class:`~carbon_core.io.official_tables.OfficialTable` from a spec.

    ``spec`` is a path to an official ``.xls``/``.xlsx`` file as the bureau publishes it, or a
    packaged resource ``PACKAGE/RESOURCE`` (``china-provincial-io-42/guangdong_2017``,
    ``china-io-42/io_2017``). Packaged tables are kept as published: an imbalance recorded at
    build time is reported as a warning, never silently.
    """
    from ..io.official_tables import read_official_table

    text = str(spec)
    if Path(text).is_dir():
        what = ("a data package folder" if (Path(text) / "datapackage.json").is_file() else "a folder")
        raise DataPackageError(f"'{text}' is {what}, not an IO table; give the table file (.xls/.xlsx as the bureau "
                               "publishes it) or a packaged resource PACKAGE/RESOURCE (e.g. "
                               "china-provincial-io-42/guangdong_2017).")
    if Path(text).suffix.lower() in (".xls", ".xlsx", ".xlsm", ".ods"):
        table = read_official_table(text, balance=balance, unit=unit, sheet=sheet)
        table.classification = identify_classification(table.names["name_zh"], root)
        return table
    if Path(text).is_file():
        raise DataPackageError(f"'{text}' is a file but not an Excel workbook; give an official .xls/.xlsx table "
                               "or a packaged resource PACKAGE/RESOURCE (e.g. china-provincial-io-42/guangdong_2017).")
    package, resource = _split_spec(text)
    pkg = load_package(package, root)
    table = official_table_from_resource(pkg, resource)
    if unit:
        from ..io.official_tables import normal_unit

        if normal_unit(unit) != table.unit:
            raise DataPackageError(f"{table.source} is in {table.unit} as packaged; unit '{unit}' contradicts it "
                                   "(--unit is for official files whose title rows state none).")
    return table


def official_table_from_resource(pkg: DataPackage, resource: str):
    """An IO-table resource (columns block, row_code, names, product codes, final-use codes)."""
    from ..io.official_tables import OfficialTable, balance_report, check_balance, trade_layout

    res = pkg.resource_descriptor(resource)
    frame = pkg.read(resource)
    if "block" not in frame.columns or "row_code" not in frame.columns:
        raise DataPackageError(f"{pkg.name}/{resource} is not an IO-table resource (no 'block' and 'row_code' columns).")
    codes = [c for c in frame.columns if str(c).isdigit()]
    products = frame[frame["block"].isin(["domestic", "product"])].set_index("row_code")
    if list(products.index) != codes:
        raise DataPackageError(f"{pkg.name}/{resource}: product rows and columns differ; the table is not square.")
    if "TIU" not in frame.columns or "GO" not in frame.columns:
        raise DataPackageError(f"{pkg.name}/{resource}: the table needs TIU and GO columns.")
    start, stop = frame.columns.get_loc("TIU"), frame.columns.get_loc("GO")
    final = products[list(frame.columns[start:stop + 1])].astype(float).fillna(0.0)
    inputs = frame[frame["block"].isin(["value_added", "total"])].set_index("row_code")[codes].astype(float)
    zh = "row_name_zh" if "row_name_zh" in products.columns else None
    names = pd.DataFrame({"name_zh": products[zh] if zh else "",
                          "name_en": products["row_name_en"] if "row_name_en" in products.columns else ""})
    names.index.name = "code"
    imports_block = frame[frame["block"] == "imports"]
    layout = res.get("trade_layout") or ("non-competitive" if len(imports_block) else trade_layout(list(final.columns)))
    table = OfficialTable(
        Z=products[codes].astype(float), final=final, x=final["GO"].rename("x"), value_added=inputs, names=names,
        unit=str(res.get("unit", "10^4 yuan")).split(" (")[0].split(",")[0], region=res.get("region", ""),
        year=res.get("year"), title=res.get("title", resource), layout=layout,
        source=f"{pkg.name}/{resource}@{pkg.version}", price_basis=res.get("price_basis", ""))
    table.balance = balance_report(table)
    table.classification = res.get("classification") or identify_classification(names["name_zh"], root=None)
    if res.get("balance_findings"):
        check_balance(table, on_error="warn", where=f"{pkg.name}/{resource} (as published)")
    return table


CLASSIFICATIONS = "china-provincial-io-42/classifications"


def national_table_spec(year, root: Path | None = None) -> str:
    """The shipped national table of a year: 2017 from china-io-42, 2002/2007/2012 from the provincial package."""
    y = int(year)
    if y == 2017:
        return "china-io-42/io_2017"
    name = f"china_{y}"
    pkg = load_package("china-provincial-io-42", root)
    if name not in pkg.resource_names():
        raise DataPackageError(f"no national table for {y} is shipped; national tables: 2002, 2007, 2012, 2017 "
                               "(give one with --national-table).")
    return f"china-provincial-io-42/{name}"
PROVINCIAL_PACKAGE = "china-provincial-io-42"


def region_key(region, root: Path | None = None) -> str | None:
    """The pinyin key of a region given as key, Chinese (广东, 广东省) or English name; None if unknown.

    One resolver for the whole project (:mod:`carbon_core.regions`); ``root`` is accepted for
    symmetry with the other look-ups and not needed.
    """
    return find_region(region).key if find_region(region) else None


def provincial_table_spec(region, year, root: Path | None = None) -> str:
    """``china-provincial-io-42/<key>_<year>`` for a region given as key, Chinese or English name.

    >>> provincial_table_spec("广东省", 2017)
    'china-provincial-io-42/guangdong_2017'
    """
    pkg = load_package(PROVINCIAL_PACKAGE, root)
    key = resolve_region(region).key
    if isinstance(year, bool):  # TRUE from a cell is 1, never a year
        raise DataPackageError(f"{str(year).upper()} is not a year; give the table year (2002, 2007, 2012 or 2017).")
    try:
        y = float(year)
    except (TypeError, ValueError):
        raise DataPackageError(f"'{year}' is not a year; give the table year (2002, 2007, 2012 or 2017).") from None
    if not y.is_integer() or not 1900 <= y <= 2100:
        raise DataPackageError(f"{year:g} is not a year; give the table year (2002, 2007, 2012 or 2017).")
    y = int(y)
    name = f"{key}_{y}"
    if name not in pkg.resource_names():
        years = sorted(r.split("_")[1] for r in pkg.resource_names() if r.startswith(key + "_") and r[-4:].isdigit())
        raise DataPackageError(f"no {key} table for {y}; the package has {', '.join(years) or 'none'}.")
    return f"{PROVINCIAL_PACKAGE}/{name}"


def _plain(name: str) -> str:
    import re

    return re.sub(r"[\s、，,（）()和及与]+", "", str(name))


_CLASSIFICATION_NAMES: dict = {}


def identify_classification(names_zh, root: Path | None = None) -> str | None:
    """Which shipped 42-product classification a table's Chinese product names follow (None: none).

    Codes 01-42 mean different products in 2002, 2007, 2012 and 2017, so a concordance must be
    chosen by the products' names, never by the codes alone.
    """
    try:
        pkg = load_package(CLASSIFICATIONS.split("/")[0], root)
    except DataPackageError:
        return None
    key = (str(pkg.location), pkg.version)
    if key not in _CLASSIFICATION_NAMES:
        frame = pkg.read(CLASSIFICATIONS.split("/")[1])
        _CLASSIFICATION_NAMES[key] = {cls: [_plain(n) for n in rows.sort_values("code")["name_zh"]]
                                      for cls, rows in frame.groupby("classification", sort=True)}
    given = [_plain(n) for n in list(names_zh)]
    best, best_hits = None, 0
    for cls, ref in _CLASSIFICATION_NAMES[key].items():
        if len(ref) != len(given):
            continue
        hits = sum(a == b for a, b in zip(given, ref))
        if hits > best_hits:
            best, best_hits = cls, hits
    # a province may spell a name or two its own way; more differences mean another classification
    return best if best_hits >= len(given) - 3 else None


def _concordance_for(package: str, classification: str | None, root: Path | None):
    """(mapping, target names, order) of the resource of ``package`` made for ``classification``, or None."""
    pkg = load_package(package, root)
    for res in pkg.descriptor.get("resources", []):
        if res.get("classification") and res.get("classification") == classification:
            mapping, names = read_concordance(f"{package}/{res['name']}", root)
            return mapping, names, list(names.index)
    return None


def common_concordance(classification: str | None, root: Path | None = None):
    """(mapping, target names, order) to the 41 common products CP01-CP41 of the 2012 and 2017 tables."""
    found = _concordance_for("concordance-io42-2012-2017", classification, root)
    if found is None:
        raise DataPackageError(
            f"the common products CP01-CP41 join the 2012 and 2017 classifications only; this table's products are "
            f"{classification or 'not recognised'}. Aggregate to S1-S11 (s11) to compare other years.")
    return found


def s11_concordance(classification: str | None, root: Path | None = None):
    """(mapping, target names, order) of the S1-S11 concordance for a product classification."""
    found = _concordance_for("concordance-io42-s11", classification, root)
    if found is not None:
        return found
    pkg = load_package("concordance-io42-s11", root)
    known = sorted(r["classification"] for r in pkg.descriptor["resources"] if r.get("classification"))
    raise DataPackageError(
        f"no S1-S11 concordance for this table's products (classification: {classification or 'not recognised'}; "
        f"shipped: {', '.join(known)}). Codes 01-42 mean different products in different years, so the 2017 mapping "
        "cannot be assumed; give your own concordance (--concordance FILE).")


def read_concordance(spec: str = "concordance-io42-s11/io42_to_s11", root: Path | None = None):
    """A many-to-one concordance as (mapping Series source → target, target names DataFrame)."""
    package, resource = _split_spec(spec)
    pkg = load_package(package, root)
    frame = pkg.read(resource)
    mapping = pd.Series(frame.iloc[:, -1].to_numpy(), index=frame.iloc[:, 0].astype(str), name="target")
    names = None
    for fk in pkg.resource_descriptor(resource).get("schema", {}).get("foreignKeys", []):
        names = pkg.read(fk["reference"]["resource"]).set_index("code")[["name_zh", "name_en"]]
    return mapping, names


def read_ceads(region: str = "china", level: str = "s11", root: Path | None = None) -> pd.Series:
    """CEADs 2017 scope 1 CO2 (Mt CO2) by sector: ``level="s11"`` sums to S1-S11 (households
    excluded), ``level="ceads"`` keeps the 47 CEADs sectors."""
    pkg = load_package("ceads-co2-2017", root)
    name = f"{region.lower()}_2017"
    frame = pkg.read(name)
    conc = pkg.read("concordance").set_index("ceads_no")
    total = frame.set_index("ceads_no")["scope_1_total"]
    if level == "ceads":
        return total.rename(index=lambda i: str(i)).rename("CO2 (Mt)")
    if level != "s11":
        raise DataPackageError(f"unknown level '{level}'; use 's11' or 'ceads'.")
    s = conc["s11_code"].reindex(total.index)
    industry = s != "HH"
    by_s = total[industry].groupby(s[industry], sort=False).sum()
    order = [f"S{i}" for i in range(1, 12)]
    return by_s.reindex(order).fillna(0.0).rename("CO2 (Mt)")


def _split_spec(spec: str) -> tuple[str, str]:
    if "/" not in spec and ":" not in spec:
        raise DataPackageError(f"'{spec}': name a resource as PACKAGE/RESOURCE, e.g. china-io-42/io_2017.")
    package, resource = spec.replace(":", "/").rsplit("/", 1)
    return package, resource
