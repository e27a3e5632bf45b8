"""Loading the project's Frictionless data packages into labelled pandas objects.

Packages are folders holding ``datapackage.json`` and CSV resources. A resource is read
only from inside its package folder (no remote URLs, no ``..``) and only when its bytes
match the ``hash`` and ``bytes`` recorded in the descriptor, so an edited CSV cannot
slip into a result unnoticed. Full schema validation is Frictionless' job
(``frictionless validate``); loading checks what every calculation depends on.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from .errors import DataPackageError

#: Environment variable naming a folder of data packages to use instead of the shipped ones.
ENV_PACKAGES = "CARBON_DATAPACKAGES"


def default_package_dir() -> Path:
    """Folder of the shipped data packages (or the one named by ``CARBON_DATAPACKAGES``)."""
    env = os.environ.get(ENV_PACKAGES)
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[1] / "datapackages"
    if checkout.is_dir():
        return checkout
    # Installed: the packages ship as the data-only namespace folder `carbon_datapackages`.
    from importlib.util import find_spec

    spec = find_spec("carbon_datapackages")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    raise DataPackageError(
        "the shipped data packages were not found; reinstall the package or set "
        f"{ENV_PACKAGES} to a folder of data packages."
    )


def available_packages(root: Path | None = None) -> list[str]:
    """Names of the package folders under ``root``."""
    root = Path(root) if root else default_package_dir()
    return sorted(p.name for p in root.iterdir() if (p / "datapackage.json").is_file())


@dataclass
class DataPackage:
    """A data package read from a folder: its descriptor and verified resources."""

    folder: Path
    descriptor: dict
    _frames: dict = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.descriptor.get("name", self.folder.name)

    @property
    def version(self) -> str:
        return self.descriptor.get("version", "")

    def resource_descriptor(self, name: str) -> dict:
        for res in self.descriptor.get("resources", []):
            if res.get("name") == name:
                return res
        known = ", ".join(r.get("name", "?") for r in self.descriptor.get("resources", []))
        raise DataPackageError(f"package '{self.name}' has no resource '{name}'; it has: {known}.")

    def read(self, name: str) -> pd.DataFrame:
        """The resource as a DataFrame, string fields as text and numbers as float."""
        if name in self._frames:
            return self._frames[name].copy()
        res = self.resource_descriptor(name)
        path = _safe_path(self.folder, res.get("path"), self.name, name)
        data = path.read_bytes()
        _verify(data, res, self.name, path.name)
        fields = res.get("schema", {}).get("fields", [])
        dtypes = {f["name"]: ("string" if f.get("type", "string") == "string" else None) for f in fields}
        frame = pd.read_csv(path, dtype={k: str for k, v in dtypes.items() if v == "string"},
                            keep_default_na=False, na_values={k: [""] for k, v in dtypes.items() if v is None},
                            encoding=res.get("encoding", "utf-8"))
        names = [f["name"] for f in fields]
        if names and list(frame.columns) != names:
            raise DataPackageError(
                f"{self.name}/{path.name}: columns do not match the schema "
                f"(expected {names[:5]}..., found {list(frame.columns)[:5]}...)."
            )
        self._frames[name] = frame
        return frame.copy()


def _safe_path(folder: Path, rel, package: str, resource: str) -> Path:
    if not isinstance(rel, str) or not rel:
        raise DataPackageError(f"{package}/{resource}: the resource has no local 'path'.")
    if "://" in rel:
        raise DataPackageError(
            f"{package}/{resource}: path '{rel}' is a remote URL; remote data are not fetched. "
            "Download the file into the package folder and refer to it by a relative path."
        )
    pure = PurePosixPath(rel.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts:
        raise DataPackageError(f"{package}/{resource}: path '{rel}' leaves the package folder; use a path inside it.")
    path = (folder / pure).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise DataPackageError(f"{package}/{resource}: path '{rel}' leaves the package folder.")
    if not path.is_file():
        raise DataPackageError(f"{package}/{resource}: file '{rel}' is missing from the package folder.")
    return path


def _verify(data: bytes, res: dict, package: str, fname: str) -> None:
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
            "package version with its hash updated."
        )
    if "bytes" in res and res["bytes"] != len(data):
        raise DataPackageError(
            f"{package}/{fname}: {len(data)} bytes on disk but {res['bytes']} recorded in datapackage.json."
        )


_CACHE: dict[tuple[str, float], DataPackage] = {}


def load_package(name_or_path: str | os.PathLike, root: Path | None = None) -> DataPackage:
    """Load a package by name (a folder under the package root) or by folder path."""
    candidate = Path(name_or_path)
    if not (candidate / "datapackage.json").is_file():
        base = Path(root) if root else default_package_dir()
        candidate = base / str(name_or_path)
        if not (candidate / "datapackage.json").is_file():
            known = ", ".join(available_packages(base)) if base.is_dir() else "none"
            raise DataPackageError(
                f"no data package '{name_or_path}' (looked in {base}); available: {known}."
            )
    desc_path = candidate / "datapackage.json"
    key = (str(desc_path.resolve()), desc_path.stat().st_mtime)
    if key in _CACHE:
        return _CACHE[key]
    try:
        descriptor = json.loads(desc_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataPackageError(f"{desc_path}: not valid JSON ({exc}).") from None
    pkg = DataPackage(candidate.resolve(), descriptor)
    _CACHE[key] = pkg
    return pkg


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


_SUBTOTALS = {"TIU", "THC", "GCF", "TFU", "GO", "IM"}


def read_io_table(spec: str, root: Path | None = None) -> IOTable:
    """Read ``"package/resource"`` (e.g. ``"china-io-42/io_2017"``) as an :class:`IOTable`."""
    package, resource = _split_spec(spec)
    pkg = load_package(package, root)
    res = pkg.resource_descriptor(resource)
    frame = pkg.read(resource)
    if "block" not in frame.columns:
        raise DataPackageError(f"{spec} is not an IO-table resource (no 'block' column).")
    products = frame[frame["block"].isin(["domestic", "product"])].set_index("row_code")
    codes = [c for c in frame.columns if c.isdigit()]
    if list(products.index) != codes:
        raise DataPackageError(f"{spec}: product rows and columns differ; the table is not square.")
    Z = products[codes].astype(float)
    x = products["GO"].astype(float).rename("x")
    fu_cols = [c for c in frame.columns[frame.columns.get_loc("TIU") + 1:] if c not in _SUBTOTALS]
    if "FU101" in fu_cols:  # detailed tables: TC is the subtotal of household and government consumption
        fu_cols = [c for c in fu_cols if c != "TC"]
    Y = products[fu_cols].astype(float).fillna(0.0)
    if "IM" in products.columns:
        Y["IM"] = -products["IM"].astype(float).fillna(0.0)
    names = products[["row_name_zh", "row_name_en"]].rename(columns={"row_name_zh": "name_zh", "row_name_en": "name_en"})
    return IOTable(Z=Z, x=x, Y=Y, names=names, unit=res.get("unit", "10^4 yuan").split(" (")[0].split(",")[0],
                   source=f"{pkg.name}/{resource}@{pkg.version}")


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
