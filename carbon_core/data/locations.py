"""Where the shipped data packages are, found without numpy or pandas.

Kept apart from :mod:`carbon_core.data.datasets` so that the lookup can run anywhere the
wheel is installed — in a bare interpreter, or under Pyodide (xlwings Lite), where the
packaging test checks it before any numerical library is available.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import DataPackageError

#: Environment variable naming a folder of data packages to use instead of the shipped ones.
ENV_PACKAGES = "CARBON_DATAPACKAGES"


def default_package_dir() -> Path:
    """Folder of the shipped data packages (or the one named by ``CARBON_DATAPACKAGES``)."""
    env = os.environ.get(ENV_PACKAGES)
    if env:
        return Path(env)
    return shipped_package_dir()


def shipped_package_dir() -> Path:
    """Folder of the packages that came with the toolkit (a checkout's ``datapackages/`` or the
    installed ``carbon_datapackages``), whatever ``CARBON_DATAPACKAGES`` says."""
    checkout = Path(__file__).resolve().parents[2] / "datapackages"
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
