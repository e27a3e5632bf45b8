"""Class 15 (issue 21.4): which value a lookup returns never depends on the order of package paths."""

from __future__ import annotations

import os
import shutil

import pytest

from carbon_core.accounting.factors import FactorLibrary
from carbon_core.data.datasets import load_package
from carbon_core.data.locations import ENV_PACKAGES, shipped_package_dir
from carbon_core.errors import DataPackageError


@pytest.fixture
def two_user_folders(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    for folder in (a, b):
        shutil.copytree(shipped_package_dir() / "cn-grid-factors", folder / "cn-grid-factors")
    monkeypatch.setenv(ENV_PACKAGES, f"{a}{os.pathsep}{b}")
    from addin import config

    config.clear()
    yield a, b
    config.clear()


def _patched(version: str) -> str:
    """The version a patch release makes of ``version``."""
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def test_a_package_in_two_user_folders_is_refused_naming_both(two_user_folders, cli):
    a, b = two_user_folders
    with pytest.raises(DataPackageError, match="in two folders of CARBON_DATAPACKAGES") as info:
        FactorLibrary.load()
    assert str(a / "cn-grid-factors") in str(info.value) and str(b / "cn-grid-factors") in str(info.value)
    code, out, err = cli("factors", "get", "grid", "--year", "2022", "--region", "广东")
    assert code == 1 and "in two folders" in err and not out
    from addin.carbon_udfs import CARBON_FACTOR

    assert CARBON_FACTOR("广东", "grid", None, 2022).startswith("Error: package cn-grid-factors is in two folders")


def test_a_user_folder_overrides_one_package_and_the_shipped_set_fills_the_rest(tmp_path, monkeypatch, cli):
    mine = tmp_path / "mine"
    shipped = load_package("cn-grid-factors").version
    code, _, _ = cli("copy", "cn-grid-factors", "--to", mine)
    code, _, err = cli("revise", mine / "cn-grid-factors", "--set", "GRID-2022-PROV-GUANGDONG=0.4410",
                       "--message", "test")
    assert code == 0, err
    monkeypatch.setenv(ENV_PACKAGES, str(mine))
    lib = FactorLibrary.load()
    f = lib.grid_factor(2022, "广东")
    assert f.value == pytest.approx(0.4410) and f.version == _patched(shipped)
    assert lib.fuel_parameter("天然气", "ncv").package == "cn-fuel-parameters"  # from the shipped set


def test_two_packages_of_one_kind_or_one_record_id_in_two_packages_are_refused(tmp_path):
    grid = load_package("cn-grid-factors")
    copy = tmp_path / "cn-grid-factors-copy"
    shutil.copytree(grid.location, copy)
    with pytest.raises(DataPackageError, match=f"two packages of grid_factors are loaded: cn-grid-factors {grid.version}"):
        FactorLibrary([grid, load_package(copy)])
    # a package of another kind that reuses a record id of the grid package
    fuel = load_package("cn-fuel-parameters")
    clash = tmp_path / "cn-fuel-parameters"
    shutil.copytree(fuel.location, clash)
    path = clash / fuel.resource_descriptor(fuel.descriptor["carbon"]["valueResource"])["path"]
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[1].split(",")[0]
    path.write_text(text.replace(first + ",", "GRID-2022-PROV-GUANGDONG,", 1), encoding="utf-8")
    from carbon_cli.packaging import stamp_hashes

    stamp_hashes(clash)
    with pytest.raises(DataPackageError, match="record GRID-2022-PROV-GUANGDONG is in two loaded packages"):
        FactorLibrary([grid, load_package(clash)])


# ------------------------------------------------ issue 21.9: one parameter family per inventory
def test_without_a_family_one_documented_order_and_every_line_names_its_records(cli, tmp_path):
    import warnings

    import pandas as pd

    from carbon_core.accounting.factors import FamilyFallbackWarning
    from carbon_core.accounting.inventory import InventoryChoices, compute_inventory
    from carbon_core.errors import InputError

    lib = FactorLibrary.load()
    assert lib.resolution_order("fuel_parameters")[0] == "GBT32151.22-2024"
    lines = pd.DataFrame({"period": [2022, 2022], "category": ["combustion", "combustion"],
                          "activity": ["天然气", "柴油"], "quantity": [1000.0, 10.0], "unit": ["m3", "t"]})
    res = compute_inventory(lines, lib, InventoryChoices(grid_year=2022))
    assert set(res.lines["parameter_family"]) == {"GBT32151.22-2024"}
    assert res.lines["ncv_record"].str.len().gt(0).all() and res.lines["tce_family"].str.len().gt(0).all()
    assert res.choices["family"].startswith("not named: the resolution order GBT32151.22-2024")
    assert "None" not in " ".join(map(str, res.choices.values()))
    # a fuel only third-party sources or the seed's table have is refused without a family, as with one
    oil = lines.assign(activity=["成品油", "成品油"], unit=["t", "t"])
    with pytest.raises(InputError, match="not in the families a lookup may use without being told"):
        compute_inventory(oil, lib, InventoryChoices(grid_year=2022))
    with pytest.raises(InputError, match="not in family GBT32151.22-2024"):
        compute_inventory(oil, lib, InventoryChoices(family="GBT32151.22-2024", grid_year=2022))
    seed = compute_inventory(oil, lib, InventoryChoices(family="SEED003", grid_year=2022))
    assert set(seed.lines["parameter_family"]) == {"SEED003"}
    # a value the default family lacks but the next documented family has: taken, and said
    index = lib._index["fuel_parameters"]
    order = lib.resolution_order("fuel_parameters")
    fallback = next(((fid, p) for (fid, p, fam) in index if fam == order[1]
                     and (fid, p, order[0]) not in index), None)
    if fallback is not None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            f = lib.fuel_parameter(fallback[0], fallback[1])
        assert f.family == order[1]
        assert any(issubclass(w.category, FamilyFallbackWarning) and "taken from" in str(w.message) for w in caught)
    from addin.carbon_udfs import CARBON_INVENTORY

    cells = CARBON_INVENTORY([["period", "category", "activity", "quantity", "unit"], [2022, "combustion", "天然气",
                                                                                      1000.0, "m3"]], None, 2022)
    assert "parameter family" in cells[0] and cells[1][cells[0].index("parameter family")] == "GBT32151.22-2024"
