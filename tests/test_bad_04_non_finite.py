"""Class 4: inf, NaN, negative or zero where impossible — refused wherever they can enter."""

import json
import math

import numpy as np
import pandas as pd
import pytest

from carbon_core.accounting.benchmarks import compare_to_benchmark
from carbon_core.accounting.inventory import compute_inventory, intensity
from carbon_core.drivers.lmdi import decompose
from carbon_core.drivers.stirpat import fit_stirpat
from carbon_core.errors import InputError
from carbon_core.io.hem import extraction_table
from carbon_core.io.iosystem import direct_intensity
from conftest import one_error_line

Z2 = [[150.0, 500.0], [200.0, 100.0]]


@pytest.mark.parametrize("quantity", ["inf", "-inf", "nan", math.inf, np.nan, "", None])
def test_inventory_quantity(library, quantity):
    act = pd.DataFrame([{"period": "2023", "category": "combustion", "activity": "柴油", "quantity": quantity,
                         "unit": "t"}])
    with pytest.raises(InputError, match="line\\(s\\) 2"):
        compute_inventory(act, library)


@pytest.mark.parametrize("factor,message", [("inf", "finite number >= 0"), ("nan", "not a number|finite"),
                                            ("-0.5", "finite number >= 0")])
def test_inventory_user_factor(library, factor, message):
    act = pd.DataFrame([{"period": "2023", "category": "process", "activity": "熟料", "quantity": 1.0, "unit": "t",
                         "factor": factor, "factor_unit": "tCO2/t"}])
    with pytest.raises(InputError, match=message):
        compute_inventory(act, library)


@pytest.mark.parametrize("value", [math.inf, math.nan, -0.1, "inf"])
def test_benchmark_value(value):
    with pytest.raises(InputError, match="finite number >= 0|not a number"):
        compare_to_benchmark(value, "tCO2/t", "BM-CEM-CLK-PROCESS")


def test_cli_benchmark_inf(cli):
    code, _, err = cli("benchmark", "BM-CEM-CLK-PROCESS", "inf", "tCO2/t")
    assert code == 1 and one_error_line(err) and "finite" in err


@pytest.mark.parametrize("bad", [np.inf, -np.inf, np.nan])
def test_io_vectors(bad):
    with pytest.raises(InputError, match="missing or infinite"):
        extraction_table(Z2, [1000.0, 2000.0], [1.0, bad])
    with pytest.raises(InputError, match="missing or infinite"):
        direct_intensity([1.0, 2.0], [10.0, bad])


def test_intensity_of_infinite_amount():
    with pytest.raises(InputError, match="finite"):
        intensity([np.inf], "t", [1.0], "万元", "t/万元")


def test_lmdi_infinite_factor():
    data = pd.DataFrame({"period": [1, 2], "subcategory": ["a", "a"], "x": [1.0, "inf"]})
    with pytest.raises(InputError, match="finite"):
        decompose(data, ["x"])


def test_stirpat_infinite_value():
    data = pd.DataFrame({"co2": [1.0, 2.0, 3.0, 4.0, 5.0], "pop": [1.0, 2.0, np.inf, 4.0, 6.0]})
    with pytest.raises(InputError, match="infinite"):
        fit_stirpat(data, "co2", ["pop"])


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "Infinity", "0"])
def test_revise_refuses_non_finite_and_zero(cli, package_copy, value):
    folder = package_copy("cn-fuel-parameters")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _, err = cli("revise", folder, "--set", f"FUEL-A-01-NCV={value}", "--message", "test")
    assert code == 1 and one_error_line(err)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_validate_rejects_non_finite_in_any_package(cli, package_copy):
    from carbon_cli.packaging import stamp_hashes

    folder = package_copy("sector-benchmarks")
    path = folder / "benchmarks.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("value")] = "NaN"
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stamp_hashes(folder)
    code, out, _ = cli("validate", folder)
    assert code == 1 and "'NaN' is not a finite number" in out
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["name"] in out
