"""Excel add-in: every UDF through xlwings' own registration and call path, Excel-shaped inputs, docs."""

import inspect
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from addin import carbon_udfs as U
from addin import config, docs
from carbon_core.data.datasets import default_package_dir
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.io.hem import extraction_table
from xlwings_standins import MISSING, Workbook, call, windows_standins

FUEL_VERSION = json.loads((default_package_dir() / "cn-fuel-parameters" / "datapackage.json").read_text("utf-8"))["version"]
GRID_VERSION = json.loads((default_package_dir() / "cn-grid-factors" / "datapackage.json").read_text("utf-8"))["version"]


def _minor(version: str) -> str:
    """The version 'carbon revise --bump minor' makes of ``version``."""
    major, minor, _ = map(int, version.split("."))
    return f"{major}.{minor + 1}.0"


Z_XL = ((None, "Agri", "Manu"), ("Agri", 150.0, 500.0), ("Manu", 200.0, "100"))  # a number stored as text
X_XL = (("Agri", 1000.0), ("Manu", "2,000"))
E_XL = (("CO2 (kt)",), (100.0,), (300.0,))  # with a header cell
LINES_XL = (("period", "category", "activity", "quantity", "unit"),
            (2020.0, "electricity", "外购电力", "882077299", "kWh"),
            (2020.0, "combustion", "天然气", 26760902.0, "m3"),
            (2020.0, "combustion", "成品油", 103810.0, "t"),
            (None, None, None, None, None))  # a blank row at the end of the selection
TABLE6_XL = (("year", "co2", "output", "energy", "elec", "industry"), (2020.0, 88.87, 707.0, 29.66, 36.55, 28.21),
             (2021.0, 97.5, 954.7, 32.5, 36.72, 28.21), (2022.0, 100.6, 1162.0, 32.76, 39.47, 28.21))
LMDI_XL = (("year", "fuel", "output", "intensity"), (2020.0, "gas", 10.0, 2.0), (2020.0, "oil", 10.0, 3.0),
           (2021.0, "gas", 12.0, 2.0), (2021.0, "oil", 12.0, 2.5))

SCENARIO_XL = (("scenario", "driver", "base", "from_year", "to_year", "annual_change_pct"),
               ("base", "GDP", 100.0, 2021.0, 2030.0, 5.0), ("base", "GDP", 100.0, 2031.0, 2040.0, 3.0),
               ("base", "intensity", 2.0, 2021.0, 2040.0, -4.0))

# one Excel-shaped call per function (positional, as the VBA wrapper passes them)
CALLS = {
    "CARBON_LEONTIEF": (Z_XL, X_XL),
    "CARBON_INTENSITY": (E_XL, X_XL, Z_XL, "complete"),
    "CARBON_HEM": (Z_XL, X_XL, E_XL),
    "CARBON_AGGREGATE": (Z_XL, (("Agri", "S1"), ("Manu", "S1"))),
    "CARBON_FACTOR": ("天然气", "ncv", "SEED003"),
    "CARBON_FACTOR_INFO": ("柴油", "ncv"),
    "CARBON_SOURCE": ("SEED003-GRID-0.581",),
    "CARBON_ELECTRICITY_FOOTPRINT": (2024.0, "全国"),
    "CARBON_DATASETS": (),
    "CARBON_COMBUSTION": ("柴油", "120", "t"),
    "CARBON_ELECTRICITY": (1000.0, "MWh", 2022.0, "广东"),
    "CARBON_TCE": ("电力", 10000.0, "kWh"),
    "CARBON_INVENTORY": (LINES_XL, "SEED003", None, None, "SEED003-GRID-0.581", "SEED003"),
    "CARBON_STIRPAT": (TABLE6_XL, "co2", "output,energy,elec,industry"),
    "CARBON_LMDI": (LMDI_XL, "output,intensity", "year", "fuel"),
    "CARBON_VERSION": (),
    "CARBON_IOTABLE": ("广东", 2017.0, "Z", "s11"),
    "CARBON_DOMESTIC": (Z_XL, X_XL, (("Agri", 350.0), ("Manu", 1700.0)), (("Agri", 100.0), ("Manu", 0.0)),
                        (("Agri", 50.0), ("Manu", 200.0))),
    "CARBON_ACCOUNTS": ("广东省", 2017.0, "ceads"),
    "CARBON_SDA": ("广东", 2012.0, 2017.0, "ceads", "s11", "polar"),
    "CARBON_SPA": (Z_XL, X_XL, E_XL, None, 3.0, 0.001, 5.0),
    "CARBON_APL": (Z_XL, X_XL),
    "CARBON_LMDI_MULTILEVEL": ((("year", "sector", "sub", "E", "A"), (2020.0, "S1", "a", 10.0, 5.0),
                                (2020.0, "S1", "b", 20.0, 10.0), (2020.0, "S2", None, 30.0, 20.0),
                                (2021.0, "S1", "a", 12.0, 6.0), (2021.0, "S1", "b", 18.0, 8.0),
                                (2021.0, "S2", None, 40.0, 30.0)), "sector,sub", "E", "A", "year", "mh"),
    "CARBON_SCENARIO": (SCENARIO_XL, 2040.0),
    "CARBON_PEAK": (SCENARIO_XL, 2040.0, None, None, 2030.0),
    "CARBON_UNCERTAINTY": (tuple(r + u for r, u in zip(LINES_XL[:4], (("activity_uncertainty_pct",
                                                                           "factor_uncertainty_pct"), (2.0, 10.0),
                                                                          (3.0, 5.0), (5.0, 5.0)))),
                           "montecarlo", 5000.0, 1.0, "SEED003", None, None, "SEED003-GRID-0.581"),
}


@pytest.fixture(scope="module")
def xlw():
    with windows_standins() as pair:
        yield pair


def test_every_function_is_covered():
    assert set(CALLS) == set(U.REGISTRY)
    for name in ["CARBON_LEONTIEF", "CARBON_INTENSITY", "CARBON_HEM", "CARBON_AGGREGATE", "CARBON_FACTOR",
                 "CARBON_FACTOR_INFO", "CARBON_COMBUSTION", "CARBON_ELECTRICITY", "CARBON_TCE", "CARBON_INVENTORY",
                 "CARBON_STIRPAT", "CARBON_LMDI", "CARBON_DATASETS", "CARBON_SOURCE"]:
        assert name in U.REGISTRY


# ------------------------------------------------------------ registration
def test_vba_wrappers_for_every_function(xlw, tmp_path):
    udfs, module = xlw
    with open(tmp_path / "udfs.bas", "w", encoding="utf-8") as fh:
        udfs.generate_vba_wrapper("addin.carbon_udfs", module, fh, Workbook("Carbon.xlsm"))
    vba = (tmp_path / "udfs.bas").read_text(encoding="utf-8")
    for name in U.REGISTRY:
        params = list(inspect.signature(getattr(module, name)).parameters.values())
        args = ", ".join(("Optional " if p.default is not inspect.Parameter.empty else "") + p.name for p in params)
        assert f"Function {name}({args})" in vba
        call_args = ", ".join(p.name for p in params)
        assert (f'{name} = XLPy.CallUDF("addin.carbon_udfs", "{name}", Array({call_args}), ThisWorkbook, '
                f"Application.Caller)") in vba
        assert f"{name} = Err.Description" in vba


def test_import_functions_registers_descriptions_and_argument_docs(xlw):
    udfs, module = xlw
    book = Workbook("Carbon.xlsm")
    udfs.import_udfs("addin.carbon_udfs", book)
    assert len(book.imported_vba) == 1 and 'Attribute VB_Name = "xlwings_udfs"' in book.imported_vba[0]
    options = {o["Macro"]: o for o in book.macro_options}
    assert set(options) == {f"'Carbon.xlsm'!{n}" for n in U.REGISTRY}
    for name, meta in U.REGISTRY.items():
        o = options[f"'Carbon.xlsm'!{name}"]
        assert o["Description"] == meta["description"] and len(meta["description"]) <= 255
        assert o["Category"] == U.CATEGORY
        expected = list(meta["args"].values()) or None
        assert o["ArgumentDescriptions"] == expected
        assert all(len(d) <= 255 for d in meta["args"].values())
        assert [a["name"] for a in module.__dict__[name].__xlfunc__["args"]] == list(meta["args"])


# --------------------------------------------------------------- call path
def test_every_function_through_the_xlwings_call_path(xlw):
    udfs, _ = xlw
    for name, args in CALLS.items():
        result = call(udfs, name, *args)
        flat = [v for row in result for v in row] if isinstance(result, list) else [result]
        assert not any(isinstance(v, str) and v.startswith("Error:") for v in flat), (name, result)


def test_call_path_values_match_the_core(xlw):
    udfs, _ = xlw
    lib = FactorLibrary.load()
    assert call(udfs, "CARBON_FACTOR", "天然气", "ncv", "SEED003") == [[389.31]]
    assert call(udfs, "CARBON_FACTOR", (("柴油",), ("汽油",)), "ncv") == [[lib.fuel_parameter("柴油", "ncv").value],
                                                                          [lib.fuel_parameter("汽油", "ncv").value]]
    hem = call(udfs, "CARBON_HEM", Z_XL, X_XL, E_XL)
    ref = extraction_table([[150, 500], [200, 100]], [1000, 2000], [100, 300])
    assert hem[0] == ["sector"] + list(ref.columns)
    np.testing.assert_allclose(np.array([r[1:] for r in hem[1:]], dtype=float), ref.to_numpy(), rtol=1e-12)
    inv = call(udfs, "CARBON_INVENTORY", *CALLS["CARBON_INVENTORY"])
    header = inv[0]
    total = sum(r[header.index("tCO2")] for r in inv[1:])
    assert len(inv) == 4 and total == pytest.approx(887874.16, rel=1e-6)
    stirpat = call(udfs, "CARBON_STIRPAT", *CALLS["CARBON_STIRPAT"])
    verdict = [r for r in stirpat if r[0] == "verdict"][0][1]
    assert verdict.startswith("not identified")
    info = dict((r[0], r[1]) for r in call(udfs, "CARBON_FACTOR_INFO", "SEED003-GRID-0.581", "record")[1:])
    assert info["value"] == 0.581 and info["unit"] == "tCO2/MWh" and info["version"] == GRID_VERSION


def test_call_path_errors_are_one_readable_line(xlw):
    udfs, _ = xlw
    out = call(udfs, "CARBON_FACTOR", "天燃气", "ncv")
    assert out == [["Error: unknown fuel '天燃气'. Did you mean: 天然气 / natural gas, 液化天然气 / LNG, "
                    "油田天然气 / natural gas (oil-field)? [input-error]"]]
    out = call(udfs, "CARBON_HEM", ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)), X_XL, E_XL)
    assert out[0][0].startswith("Error: Z must be square") and "\n" not in out[0][0]
    out = call(udfs, "CARBON_LEONTIEF", ((50.0, 1000.0), (1000.0, 50.0)), ((1000.0,), (1000.0,)))
    assert "not productive" in out[0][0]


# ---------------------------------------------------------- Excel semantics
def test_blank_cells_numbers_as_text_and_headers():
    with_labels = U.CARBON_LEONTIEF(Z_XL, X_XL)
    plain = U.CARBON_LEONTIEF([[150, 500], [200, None]], [[1000], [2000]], "L", False)
    assert with_labels[0] == ["", "Agri", "Manu"] and len(plain) == 2 and len(plain[0]) == 2
    assert U.CARBON_FACTOR(" 天然气 ", "NCV") == U.CARBON_FACTOR("natural gas", "低位发热量")
    assert U.CARBON_COMBUSTION("diesel", "1,000", "吨") == pytest.approx(U.CARBON_COMBUSTION("柴油", 1000, "t"))
    assert U.CARBON_ELECTRICITY("10", "万千瓦时", "2022", "Guangdong") == pytest.approx(100 * 0.4403)
    assert U.CARBON_FACTOR([["柴油", None]], "ncv")[0][1] == ""


def test_version_pin_and_package_override(tmp_path):
    assert U.CARBON_FACTOR("天然气", "ncv", None, None, None, None, FUEL_VERSION) == 389.31
    msg = U.CARBON_FACTOR("天然气", "ncv", None, None, None, None, "9.0.0")
    assert msg.startswith(f"Error: cn-fuel-parameters is version {FUEL_VERSION}, but the workbook pins 9.0.0")
    from carbon_cli.packaging import make_zip, revise

    folder = tmp_path / "cn-grid-factors"
    shutil.copytree(default_package_dir() / "cn-grid-factors", folder)
    revise(folder, {"GRID-2022-PROV-GUANGDONG": "0.4410"}, "test", "minor")
    zipped = make_zip(folder, tmp_path)
    assert U.CARBON_FACTOR("广东", "grid", None, 2022, None, str(zipped)) == 0.441
    assert U.CARBON_FACTOR("广东", "grid", None, 2022, None, str(zipped), _minor(GRID_VERSION)) == 0.441
    assert U.CARBON_FACTOR("广东", "grid", None, 2022) == 0.4403  # the default stays untouched
    assert "not found" in U.CARBON_FACTOR("广东", "grid", None, 2022, None, str(tmp_path / "nope"))
    datasets = U.CARBON_DATASETS(str(zipped))
    assert any(r[0] == "cn-grid-factors" and r[1] == _minor(GRID_VERSION) for r in datasets[1:])
    config.clear()


junk = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
    | st.integers(-10**6, 10**6),
    lambda inner: st.lists(st.lists(inner, max_size=4), max_size=4), max_leaves=20)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(sorted(U.REGISTRY)), st.lists(junk, max_size=8))
def test_nothing_a_user_passes_crashes_a_function(name, args):
    f = getattr(U, name)
    n = len(inspect.signature(f).parameters)
    result = f(*(list(args) + [None] * n)[:n])
    flat = [v for row in result for v in row] if isinstance(result, list) else [result]
    for v in flat:
        assert isinstance(v, (str, float, int, bool)), (name, args, result)
        if isinstance(v, str) and v.startswith("Error:"):
            assert "Traceback" not in v and "\n" not in v
            assert not v.startswith("Error: unexpected"), (name, args, v)


# -------------------------------------------------------------------- docs
def test_function_reference_is_up_to_date():
    committed = Path(__file__).resolve().parents[1] / "docs" / "functions.md"
    assert committed.read_text(encoding="utf-8") == docs.render(), "run: python -m addin.docs --write"
    text = docs.render()
    for name, meta in U.REGISTRY.items():
        assert f"## {name}(" in text and meta["example"] in text


def test_codes_with_leading_zeros_are_labels_not_numbers():
    """Sector codes such as "01" look numeric; treating them as data would shift the matrix silently."""
    Z = [[None, "01", "02"], ["01", 150, 500], ["02", 200, 100]]
    x = [["01", 1000], ["02", 2000]]
    assert U.CARBON_LEONTIEF(Z, x)[0] == ["", "01", "02"]
    numeric_codes = [[None, 1, 2], [1, 150, 500], [2, 200, 100]]  # numbers as codes, blank corner
    assert U.CARBON_LEONTIEF(numeric_codes, [[1000], [2000]])[1][1] == pytest.approx(1.254125412541254)
    hem = U.CARBON_HEM(Z, x, [["01", 100], ["02", 300]])
    assert [r[0] for r in hem[1:]] == ["01", "02"]


def test_hem_on_the_153_sector_table_matches_the_core():
    from carbon_core.resolve.tables import read_io_table

    t = read_io_table("china-io-detailed/io_2018_153")
    labels = list(t.Z.index)
    Z = [[None] + labels] + [[lab] + list(r) for lab, r in zip(labels, t.Z.to_numpy())]
    x = [[lab, v] for lab, v in zip(labels, t.x)]
    e = [[lab, v / 1e4] for lab, v in zip(labels, t.x)]
    out = U.CARBON_HEM(Z, x, e)
    ref = extraction_table(t.Z, t.x, t.x.to_numpy() / 1e4)
    # the table's negative balancing final demand is reported below the result, not hidden
    assert out[-1][0].startswith("Warning: balancing final demand y = x - Z·1 is negative for 002")
    out = [r for r in out if not str(r[0]).startswith("Warning:")]
    assert [r[0] for r in out[1:]] == labels
    np.testing.assert_allclose(np.array([r[1:] for r in out[1:]], dtype=float), ref.to_numpy(), rtol=1e-10)


def test_xlwings_pin_is_consistent():
    """The add-in (xlam) is installed from the xlwings Python package: one pinned version for both."""
    import xlwings

    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text(encoding="utf-8")
    pins = set(re.findall(r'"xlwings==([0-9.]+)"', pyproject))
    assert pins == {xlwings.__version__}


def test_fuzz_regression_repeated_header_and_self_driver():
    """Found by the fuzzing test in CI: must be a clear error, not an 'unexpected' one."""
    assert U.CARBON_STIRPAT([[False], [False]], False, False)[0][0] == \
        "Error: 'False' is both the response and a driver; a variable cannot explain itself. [input-error]"
    out = U.CARBON_STIRPAT([["y", "y"], [1, 2], [2, 3], [3, 4]], "y", "y")[0][0]
    assert out.startswith("Error: data: column name(s) y appear more than once")
    out = U.CARBON_STIRPAT([["y", "x"], [1, 2], [2, 3], [3, 4]], "y", "y,x")[0][0]
    assert "both the response and a driver" in out


def test_lmdi_steps_name_years_as_typed():
    """Excel passes a typed year as 2020.0; the step label reads 2020→2021, not 2020.0→2021.0."""
    table = U.CARBON_LMDI(*CALLS["CARBON_LMDI"])
    assert [r[0] for r in table[1:]] == ["2020→2021"]
