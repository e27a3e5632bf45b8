# Runs inside Pyodide (see run.mjs and tests/test_pyodide.py); the last expression is the answer.
# CHECK_INPUT (JSON) names the wheels in /wheels, and the units and conversions to compute.
import importlib.metadata
import json
import platform
import sys

import micropip

spec = json.loads(CHECK_INPUT)  # noqa: F821 - set by run.mjs
# deps=False: numpy, pandas, scipy and statsmodels are Pyodide's own builds, which an offline run
# cannot fetch; which requirements stay unmet is reported for the test to judge
await micropip.install(["emfs:/wheels/" + name for name in spec["install"]], deps=False)  # noqa: F704

import carbon_core  # noqa: E402
from carbon_core.accounting.units import conversion_factor, dimensionality, parse_unit  # noqa: E402
from carbon_core.data.locations import default_package_dir  # noqa: E402

requires = importlib.metadata.requires("carbon-toolkit") or []


def installed(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


root = default_package_dir()
packages, missing = {}, []
for descriptor in sorted(root.glob("*/datapackage.json")):
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    packages[meta["name"]] = meta.get("version")
    for resource in meta.get("resources", []):
        if not (descriptor.parent / resource["path"]).is_file():
            missing.append(f"{meta['name']}/{resource['path']}")


def attempt(fn):
    try:
        return fn()
    except Exception as exc:  # the host compares messages too: an error must be the same error
        return f"{type(exc).__name__}: {exc}"


units = {u: attempt(lambda u=u: [dimensionality(u), float(parse_unit(u).to_base_units().magnitude)])
         for u in spec["units"]}
conversions = [attempt(lambda a=a, b=b: conversion_factor(a, b)) for a, b in spec["conversions"]]

json.dumps({
    "version": carbon_core.__version__,
    "root": str(root),
    "packages": packages,
    "missing_files": missing,
    "environment": {"sys_platform": sys.platform, "platform_system": platform.system(),
                    "python_version": ".".join(platform.python_version_tuple()[:2]),
                    "python_full_version": platform.python_version(), "platform_machine": platform.machine(),
                    "implementation_name": sys.implementation.name, "os_name": __import__("os").name,
                    "platform_release": platform.release(), "platform_version": platform.version(),
                    "platform_python_implementation": platform.python_implementation(),
                    "implementation_version": platform.python_version()},
    "requires": requires,
    "installed": {name: installed(name) for name in spec["probe"]},
    "pint": installed("pint"),
    "units": units,
    "conversions": conversions,
    "numpy_loaded": "numpy" in sys.modules,
})
