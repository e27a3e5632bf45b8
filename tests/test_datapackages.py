"""The shipped data packages: Frictionless-valid, and the loader refuses tampered copies."""

import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package

from carbon_core.data.datasets import available_packages, default_package_dir, load_package
from carbon_core.resolve.tables import read_io_table
from carbon_core.errors import DataPackageError

PACKAGES = ["ceads-co2-2017", "china-io-42", "china-io-detailed", "concordance-io42-s11", "concordance-io42-2012-2017"]


def test_all_packages_shipped():
    assert set(PACKAGES) <= set(available_packages())


@pytest.mark.parametrize("name", PACKAGES)
def test_frictionless_validates_package(name):
    folder = default_package_dir() / name
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["version"].count(".") == 2
    assert f"## {desc['version']}" in (folder / "CHANGELOG.md").read_text(encoding="utf-8")
    for res in desc["resources"]:
        assert res["hash"].startswith("sha256:") and res["bytes"] > 0


@pytest.mark.parametrize("name", PACKAGES)
def test_numeric_fields_declare_units(name):
    desc = json.loads((default_package_dir() / name / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        for field in res["schema"]["fields"]:
            if field["type"] == "number":
                assert field.get("unit"), f"{name}/{res['name']}/{field['name']} has no unit"


def test_edited_csv_fails_on_hash_in_loader_and_frictionless(package_copy):
    folder = package_copy("concordance-io42-s11")
    csv = folder / "io42_to_s11.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",S7\n", ",S8\n", 1), encoding="utf-8")
    with pytest.raises(DataPackageError, match="io42_to_s11.csv: the file's sha256 hash does not match"):
        load_package(folder).read("io42_to_s11")
    report = Package(str(folder / "datapackage.json")).validate()
    assert not report.valid
    assert "hash-count" in {e.type for t in report.tasks for e in t.errors}


def test_remote_and_escaping_paths_are_rejected(package_copy):
    folder = package_copy("concordance-io42-s11")
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][0]["path"] = "https://example.org/s11.csv"
    desc["resources"][1]["path"] = "../../etc/passwd"
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    pkg = load_package(folder)
    with pytest.raises(DataPackageError, match="remote URL; remote data are not fetched"):
        pkg.read("s11_sectors")
    with pytest.raises(DataPackageError, match="leaves the package folder"):
        pkg.read("io42_to_s11")


def test_unknown_package_and_resource_named_in_errors():
    with pytest.raises(DataPackageError, match="no data package 'china-io-99'.*Did you mean china-io-42"):
        load_package("china-io-99")
    with pytest.raises(DataPackageError, match="has no resource 'io_2016'; it has: io_2017, io_2018"):
        read_io_table("china-io-42/io_2016")


@pytest.mark.parametrize("spec,n", [("china-io-42/io_2017", 42), ("china-io-42/io_2018", 42), ("china-io-42/io_2020", 42),
                                    ("china-io-detailed/io_2017_149", 149), ("china-io-detailed/io_2018_153", 153),
                                    ("china-io-detailed/io_2020_153", 153)])
def test_io_tables_balance(spec, n):
    t = read_io_table(spec)
    assert t.Z.shape == (n, n)
    resid = (t.x - t.Z.sum(axis=1) - t.Y.sum(axis=1)).abs().max()
    assert resid <= 1e-6 * t.x.max()
    assert t.names.loc[t.Z.index[0], "name_zh"]


def test_values_copied_exactly_from_source():
    # first domestic flow of the 2017 table as printed in the NBS-derived source CSV
    t = read_io_table("china-io-42/io_2017")
    assert t.Z.loc["01", "01"] == 145853072.82364976
    assert t.names.loc["24", "name_zh"] == "电力、热力的生产和供应"
