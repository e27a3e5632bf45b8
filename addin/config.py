"""Which data packages the add-in uses, cached between calls.

By default the shipped packages (or the folder named by the environment variable
``CARBON_DATAPACKAGES``). A function's ``package`` argument may name another package
folder or zip (it replaces the shipped package of the same kind) or a folder of packages.
A ``version`` argument pins the version the workbook was built with; a different version
is reported in the cell instead of giving a different number silently.
"""

from __future__ import annotations

import os
from pathlib import Path

from carbon_core.data.datasets import ENV_PACKAGES, load_package
from carbon_core.errors import DataPackageError, InputError
from carbon_core.accounting.factors import FACTOR_PACKAGES, Factor, FactorLibrary

_LIBRARIES: dict[tuple, FactorLibrary] = {}


def _stamp(path: Path) -> float:
    target = path / "datapackage.json" if path.is_dir() else path
    return target.stat().st_mtime_ns if target.exists() else 0


def library(package: str | None = None) -> FactorLibrary:
    """The factor library for a ``package`` argument (None: the default packages)."""
    if not package:
        # keyed by the setting, not the resolved folder: resolving paths on every cell call costs
        # more than the lookup itself
        key = ("default", os.environ.get(ENV_PACKAGES, ""))
        lib = _LIBRARIES.get(key)
        if lib is None:
            lib = _LIBRARIES[key] = FactorLibrary.load()
        return lib
    try:
        path = Path(package).expanduser()
        exists = path.exists()
    except (OSError, ValueError):  # e.g. a name too long for the file system
        exists = False
    if not exists:
        raise InputError(f"package '{package}' not found; give the full path of a package folder, a .zip or a "
                         "folder of packages.")
    key = (str(path.resolve()), _stamp(path))
    if key in _LIBRARIES:
        return _LIBRARIES[key]
    if (path / "datapackage.json").is_file() or path.suffix.lower() == ".zip":
        custom = load_package(path)
        kind = custom.descriptor.get("carbon", {}).get("kind")
        if not kind:
            raise DataPackageError(f"{path.name} is not a factor package (no 'carbon' section in datapackage.json).")
        others = [load_package(n) for n in FACTOR_PACKAGES]
        lib = FactorLibrary([p for p in others if p.descriptor["carbon"]["kind"] != kind] + [custom])
    else:
        lib = FactorLibrary.load(path)
    _LIBRARIES[key] = lib
    return lib


def check_version(factor: Factor, version) -> Factor:
    """Raise when the value's package version differs from the pinned ``version``."""
    if version in (None, ""):
        return factor
    want = str(version).strip()
    if factor.version != want:
        raise InputError(f"{factor.package} is version {factor.version}, but the workbook pins {want}; load the "
                         "pinned package (argument package) or update the pin after reviewing 'carbon diff'.")
    return factor


def clear() -> None:
    """Forget cached libraries (after packages were changed on disk)."""
    _LIBRARIES.clear()
