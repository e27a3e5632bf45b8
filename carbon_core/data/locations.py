"""Where the shipped data packages are, found without numpy or pandas.

Kept apart from :mod:`carbon_core.data.datasets` so that the lookup can run anywhere the
wheel is installed — in a bare interpreter, or under Pyodide (xlwings Lite), where the
packaging test checks it before any numerical library is available.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

from ..errors import DataPackageError

#: Environment variable naming a folder of data packages to use instead of the shipped ones.
ENV_PACKAGES = "CARBON_DATAPACKAGES"


def user_package_dirs() -> list[Path]:
    """The folders named by ``CARBON_DATAPACKAGES`` (several separated by ``os.pathsep``), in order."""
    env = os.environ.get(ENV_PACKAGES, "")
    return [Path(p) for p in env.split(os.pathsep) if p.strip()]


def default_package_dir() -> Path:
    """The first folder packages are looked up in: the first ``CARBON_DATAPACKAGES`` folder, else the
    shipped packages. Packages a user folder lacks come from the shipped set (:func:`find_package`)."""
    users = user_package_dirs()
    return users[0] if users else shipped_package_dir()


def find_package(name: str) -> Path | None:
    """The folder of package ``name``: from a ``CARBON_DATAPACKAGES`` folder, else the shipped one.

    A package found in two user folders is refused, naming both: which one a lookup would use must
    not depend on the order of the paths.
    """
    found = [d / name for d in user_package_dirs() if (d / name / "datapackage.json").is_file()]
    if len(found) > 1:
        raise DataPackageError(f"package {name} is in two folders of {ENV_PACKAGES}: {found[0]} and {found[1]}; "
                               "keep one (remove the other folder from the variable, or the package from it).", code="duplicate-source")
    if found:
        return found[0]
    try:
        shipped = shipped_package_dir() / name
    except DataPackageError:
        return None
    return shipped if (shipped / "datapackage.json").is_file() else None


def shipped_package_dir() -> Path:
    """Folder of the packages that came with the toolkit (a checkout's ``datapackages/`` or the
    installed ``carbon_datapackages``), whatever ``CARBON_DATAPACKAGES`` says."""
    if _SHIPPED:  # where the toolkit lives does not change while it runs; looked up once
        return _SHIPPED[0]
    _SHIPPED.append(_find_shipped())
    return _SHIPPED[0]


_SHIPPED: list = []


def _find_shipped() -> Path:
    checkout = Path(__file__).resolve().parents[2] / "datapackages"
    if checkout.is_dir():
        return checkout
    # Installed: the packages ship as the data-only namespace folder `carbon_datapackages`.
    spec = find_spec("carbon_datapackages")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    raise DataPackageError(
        "the shipped data packages were not found; reinstall the package or set "
        f"{ENV_PACKAGES} to a folder of data packages."
    )
