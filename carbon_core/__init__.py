"""carbon_core: input-output carbon analysis and inventory accounting.

Pure numpy/pandas; nothing here imports Excel or xlwings. Units travel with the data:
monetary tables in their stated unit (e.g. 10^4 yuan), satellites in theirs (e.g. Mt CO2).
"""

from .errors import CarbonError, DataPackageError, InputError, NegativeFinalDemandWarning, NotProductiveError
from .iosystem import IOSystem

__version__ = "0.1.0"

__all__ = [
    "CarbonError",
    "DataPackageError",
    "InputError",
    "IOSystem",
    "NegativeFinalDemandWarning",
    "NotProductiveError",
    "__version__",
]
