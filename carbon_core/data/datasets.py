"""Loading the project's Frictionless data packages into labelled pandas objects.

Packages are folders holding ``datapackage.json`` and CSV resources. A resource is read
only from inside its package folder (no remote URLs, no ``..``) and only when its bytes
match the ``hash`` and ``bytes`` recorded in the descriptor, so an edited CSV cannot
slip into a result unnoticed. Full schema validation is Frictionless' job
(``frictionless validate``); loading checks what every calculation depends on.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pandas as pd

from ..errors import CarbonWarning, DataPackageError

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
        names = self.resource_names()
        if len(names) <= 12:
            raise DataPackageError(f"package '{self.name}' has no resource '{name}'; it has: {', '.join(names)}.")
        raise DataPackageError(f"package '{self.name}' has no resource '{name}'.{_closest(name, names)} It has "
                               f"{len(names)} resources.")

    def read_text(self, rel: str) -> str | None:
        """A small text file of the package (e.g. CHANGELOG.md), or None when absent."""
        try:
            return self._raw(rel).decode("utf-8")
        except DataPackageError:
            return None

    def file_bytes(self, rel: str) -> bytes:
        """The bytes of file ``rel`` of the package (a schema kept in a file, a README)."""
        return self._raw(rel)

    def _raw(self, rel: str) -> bytes:
        pure = _safe_relative(rel, self.name)
        if self.is_zip:
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
        from urllib.request import urlopen  # only for packages that opt in to remote resources

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
            names = available_packages(None if root is None else base) if base.is_dir() else []
            raise DataPackageError(f"no data package '{name_or_path}' (looked in {base}).{_closest(name_or_path, names)}"
                                   " 'carbon factors datasets' lists the packages.")
    desc_path = candidate / "datapackage.json"
    key = (str(desc_path.resolve()), desc_path.stat().st_mtime_ns, allow_remote)
    if key not in _CACHE:
        _CACHE[key] = DataPackage(candidate.resolve(), _parse_descriptor(desc_path.read_bytes(), str(desc_path)),
                                  allow_remote=allow_remote)
    return _CACHE[key]


def _closest(name, names: list[str]) -> str:
    """' Did you mean a, b?' for the closest names (never a dump of every name)."""
    close = difflib.get_close_matches(str(name).strip().lower(), [n.lower() for n in names], n=3, cutoff=0.5)
    by_lower = {n.lower(): n for n in names}
    return f" Did you mean {', '.join(by_lower[c] for c in close)}?" if close else ""


def _recover_release(folder: Path) -> None:
    """Finish or roll back a release of this package that was interrupted (one stat when there is none)."""
    if release.journal_path(folder).exists():
        for line in release.recover(folder):
            warnings.warn(line, CarbonWarning, stacklevel=3)


def _load_zip(path: Path, allow_remote: bool) -> DataPackage:
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
