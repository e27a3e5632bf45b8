"""Run xlwings' Windows UDF machinery (``xlwings.udfs``) on Linux with small stand-ins.

``xlwings.udfs`` imports ``pythoncom``, ``pywintypes`` and ``win32com.client`` and reads
values through the "excel" engine of ``xlwings._xlwindows``; none exist off Windows. The
stand-ins below provide only what registration (VBA wrapper generation, MacroOptions) and
the call path (``call_udf`` with its converters) touch. The engine's value cleaning mirrors
``xlwings._xlwindows.Engine`` (blank → None, COM error codes, number builder).

Used by the tests and by benchmarks/bench_addin.py. Everything is restored on exit.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types

UDF_MODULE = "addin.carbon_udfs"
MISSING = -2147352572  # what COM passes for an omitted optional argument
CELL_ERRORS = {-2146826281: "#DIV/0!", -2146826246: "#N/A", -2146826259: "#NAME?", -2146826288: "#NULL!",
               -2146826252: "#NUM!", -2146826265: "#REF!", -2146826273: "#VALUE!"}


class ComError(Exception):
    """Stand-in for pywintypes.com_error."""


class StandInEngine:
    """The parts of xlwings._xlwindows.Engine the converters use."""

    name = "excel"
    type = "desktop"
    apps = None

    @staticmethod
    def prepare_xl_data_element(x, date_format):
        import math

        import numpy as np

        if x is None:
            return ""
        if isinstance(x, (float, np.floating)) and math.isnan(x):
            return ""
        if isinstance(x, np.number):
            return float(x)
        return x

    @staticmethod
    def clean_value_data(data, datetime_builder, empty_as, number_builder, err_to_str):
        def clean(v):
            if v in ("", None):
                return empty_as
            if number_builder is not None and isinstance(v, float):
                return number_builder(v)
            if isinstance(v, int) and v in CELL_ERRORS:
                return CELL_ERRORS[v] if err_to_str else None
            return v

        return [[clean(c) for c in row] for row in data]


class CallerRange:
    """Stand-in for xlwings._xlwindows.Range (only wrapped, never used for synchronous UDFs)."""

    def __init__(self, xl=None):
        self.xl = xl


class BookImpl:
    """Stand-in for xlwings._xlwindows.Book: a workbook without embedded-code sheets."""

    def __init__(self, xl=None):
        self.xl = xl
        self.sheets = []


class Workbook:
    """A workbook as import_udfs sees it: VBProject.VBComponents and Application.MacroOptions."""

    def __init__(self, name: str = "Carbon.xlsm", version: str = "16.0"):
        self.Name = name
        self.imported_vba: list[str] = []
        self.macro_options: list[dict] = []
        book = self

        class Components:
            def Remove(self, component):
                raise ComError("no such component yet")

            def __call__(self, name):
                return name

            def Import(self, path):
                with open(path, encoding="utf-8", errors="replace") as fh:
                    book.imported_vba.append(fh.read())

        class Application:
            Version = version

            def MacroOptions(self, macro, **kwargs):
                book.macro_options.append({"Macro": macro, **kwargs})

            def Run(self, *args):
                raise AssertionError("the fallback import should not be needed")

        self.VBProject = types.SimpleNamespace(VBComponents=Components())
        self.Application = Application()


@contextlib.contextmanager
def windows_standins():
    """Yield (xlwings.udfs, the UDF module registered through xlwings' real decorators)."""
    import xlwings
    from xlwings.main import Engine, Engines

    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = ComError
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda obj: obj
    win32com.client = client
    xlwindows = types.ModuleType("xlwings._xlwindows")
    xlwindows.Range = CallerRange
    xlwindows.Book = BookImpl
    xlwindows.is_range_instance = lambda obj: False
    xlwindows.BOOK_CALLER = None
    com_server = types.ModuleType("xlwings.com_server")
    com_server.loop = None

    saved_modules = {k: sys.modules.get(k) for k in ("pythoncom", "pywintypes", "win32com", "win32com.client",
                                                      "xlwings._xlwindows", "xlwings.com_server", "xlwings.udfs",
                                                      UDF_MODULE)}
    saved_attrs = {k: getattr(xlwings, k, None) for k in ("func", "arg", "ret", "engines", "_xlwindows")}
    try:
        sys.modules.update({"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com,
                            "win32com.client": client, "xlwings._xlwindows": xlwindows,
                            "xlwings.com_server": com_server})
        sys.modules.pop("xlwings.udfs", None)
        engines = Engines()
        engines.add(Engine(impl=StandInEngine()))
        xlwings.engines = engines
        xlwings._xlwindows = xlwindows
        udfs = importlib.import_module("xlwings.udfs")
        xlwings.func, xlwings.arg, xlwings.ret = udfs.xlfunc, udfs.xlarg, udfs.xlret
        sys.modules.pop(UDF_MODULE, None)
        udfs.udf_modules.clear()
        module = importlib.import_module(UDF_MODULE)
        yield udfs, module
    finally:
        for k, v in saved_modules.items():
            if v is None:
                sys.modules.pop(k, None)
            else:
                sys.modules[k] = v
        for k, v in saved_attrs.items():
            if v is None:
                if hasattr(xlwings, k):
                    delattr(xlwings, k)
            else:
                setattr(xlwings, k, v)
        parent = sys.modules.get("addin")
        if parent is not None and saved_modules[UDF_MODULE] is not None:
            parent.carbon_udfs = saved_modules[UDF_MODULE]


def call(udfs, name: str, *args):
    """Call a UDF the way Excel's VBA wrapper does: positional values, MISSING for omitted optionals."""
    module = sys.modules[UDF_MODULE]
    n = len(getattr(module, name).__xlfunc__["args"])
    padded = tuple(args) + (MISSING,) * (n - len(args))
    return udfs.call_udf(UDF_MODULE, name, padded, None, None)
