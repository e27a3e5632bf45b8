"""carbon_core: input-output carbon analysis and inventory accounting.

Pure numpy/pandas; nothing here imports Excel or xlwings. Units travel with the data:
monetary tables in their stated unit (e.g. 10^4 yuan), satellites in theirs (e.g. Mt CO2).

Modules are grouped by domain: :mod:`carbon_core.io` (IO tables and analysis),
:mod:`carbon_core.accounting` (factors and inventories), :mod:`carbon_core.drivers`
(STIRPAT, LMDI) and :mod:`carbon_core.data` (data packages). The earlier flat module
paths (``carbon_core.hem``, ``carbon_core.lmdi``, ``carbon_core.datasets`` ...) stay
importable: they name the same module objects, loaded only when first used.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

from .errors import (CarbonError, CarbonWarning, DataPackageError, InputError, NegativeFinalDemandWarning,
                     NegativeValueAddedWarning, NotProductiveError)

__version__ = "0.1.0"

#: flat module name -> domain package that now holds it
_MOVED = {
    "leontief": "io", "iosystem": "io", "hem": "io", "aggregation": "io",
    "inventory": "accounting", "factors": "accounting", "units": "accounting", "benchmarks": "accounting",
    "stirpat": "drivers", "lmdi": "drivers",
    "datasets": "data", "package_checks": "data", "package_diff": "data",
}


# Plain classes with the finder and loader protocols: importlib.abc would pull in importlib.resources,
# pathlib and tempfile, tripling the start-up of `carbon --version`.
class _AliasLoader:
    def __init__(self, target: str):
        self.target = target

    def create_module(self, spec):
        # the alias is the very module object, so state and monkeypatching are shared
        return importlib.import_module(self.target)

    def exec_module(self, module):
        pass


class _MovedModuleFinder:
    def find_spec(self, fullname, path=None, target=None):
        package, _, name = fullname.rpartition(".")
        if package == __name__ and name in _MOVED:
            return importlib.util.spec_from_loader(fullname, _AliasLoader(f"{__name__}.{_MOVED[name]}.{name}"))
        return None


if not any(isinstance(f, _MovedModuleFinder) for f in sys.meta_path):
    sys.meta_path.insert(0, _MovedModuleFinder())


def __getattr__(name: str):
    if name in _MOVED:
        return importlib.import_module(f"{__name__}.{name}")
    if name == "IOSystem":  # imported on first use: keeps `import carbon_core` light
        from .io.iosystem import IOSystem

        return IOSystem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CarbonError",
    "CarbonWarning",
    "DataPackageError",
    "InputError",
    "IOSystem",
    "NegativeFinalDemandWarning",
    "NegativeValueAddedWarning",
    "NotProductiveError",
    "__version__",
]
