# Runs inside Pyodide (see run.mjs and tests/test_pyodide.py): every worksheet function on its
# real numerics (Pyodide's own numpy, pandas and scipy). The last expression is the answer.
# CHECK_INPUT (JSON) names the wheels in /wheels and the calls {function: [arguments]}.
import json
import math
import sys

import micropip

spec = json.loads(CHECK_INPUT)  # noqa: F821 - set by run.mjs
# deps=False: numpy, pandas and scipy were loaded from Pyodide's own builds (checked against its
# lock file); statsmodels has no build in that set, and nothing else may be fetched
await micropip.install(["emfs:/wheels/" + name for name in spec["install"]], deps=False)  # noqa: F704

import numpy  # noqa: E402
import pandas  # noqa: E402
import scipy  # noqa: E402
from addin import carbon_udfs  # noqa: E402


def plain(value):
    """JSON has no NaN or infinity: they travel as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float:{value}"
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


results = {}
for name, args in spec["calls"].items():
    try:
        results[name] = plain(getattr(carbon_udfs, name)(*args))
    except Exception as exc:  # a cell must never see one; reported for the test to fail on
        results[name] = f"EXCEPTION {type(exc).__name__}: {exc}"

json.dumps({"results": results, "numpy": numpy.__version__, "pandas": pandas.__version__, "scipy": scipy.__version__,
            "platform": sys.platform, "statsmodels": "statsmodels" in sys.modules})
