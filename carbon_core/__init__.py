"""carbon_core: input-output carbon analysis and inventory accounting.

Pure numpy/pandas; nothing here imports Excel or xlwings. Units travel with the data:
monetary tables in their stated unit (e.g. 10^4 yuan), satellites in theirs (e.g. Mt CO2).

Packages by domain, dependencies pointing one way (see the README's layout section):
:mod:`carbon_core.io` (IO maths on arrays and tables; reads no package), :mod:`carbon_core.accounting`
(factors and inventories), :mod:`carbon_core.drivers` (STIRPAT, LMDI), :mod:`carbon_core.data`
(data packages: load, validate, diff, release) and :mod:`carbon_core.resolve` (from a name or a path
to a table and a satellite, above io and data).
"""

from __future__ import annotations

from .errors import (CarbonError, CarbonWarning, DataPackageError, InputError, NegativeFinalDemandWarning,
                     NegativeValueAddedWarning, NotProductiveError)

__version__ = "0.1.0"


def __getattr__(name: str):
    if name == "IOSystem":  # imported on first use: keeps `import carbon_core` light (no numpy for --version)
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
