"""Class 10: hostile files and packages get one clear message — never a traceback or "unexpected"."""

import json

import pytest

from carbon_core.accounting.factors import FactorLibrary
from carbon_core.data.datasets import default_package_dir, load_package
from carbon_core.data.package_diff import diff_packages
from carbon_core.errors import CarbonError, DataPackageError
from conftest import one_error_line


@pytest.mark.parametrize("content", [b"", b"\n\n", b"   "])
@pytest.mark.parametrize("command", [
    ["inventory", "{f}"], ["lmdi", "{f}", "--factors", "x"], ["stirpat", "{f}", "--response", "co2", "--drivers", "p"],
    ["hem", "--Z", "{f}", "--x", "{f}", "--e", "{f}"],
])
def test_empty_files(cli, tmp_path, content, command):
    f = tmp_path / "empty.csv"
    f.write_bytes(content)
    code, _, err = cli(*[a.format(f=f) for a in command])
    assert code == 1 and one_error_line(err) and "empty" in err


def test_header_only_file(cli, tmp_path):
    f = tmp_path / "h.csv"
    f.write_text("period,category,activity,quantity,unit\n", encoding="utf-8")
    code, _, err = cli("inventory", f)
    assert code == 1 and one_error_line(err) and "no data rows" in err


def test_a_folder_given_as_input_file(cli, tmp_path):
    code, _, err = cli("inventory", tmp_path)
    assert code == 1 and one_error_line(err) and "folder" in err


def test_duplicate_record_ids_in_diff(cli, package_copy):
    from carbon_cli.packaging import stamp_hashes

    folder = package_copy("gwp-values")
    path = folder / "gwp.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    stamp_hashes(folder)
    with pytest.raises(DataPackageError, match="appear more than once"):
        diff_packages(default_package_dir() / "gwp-values", folder)
    code, _, err = cli("diff", default_package_dir() / "gwp-values", folder)
    assert code == 1 and one_error_line(err) and "more than once" in err


def test_dangling_source_id_in_factor_library(package_copy):
    from carbon_cli.packaging import stamp_hashes

    folder = package_copy("cn-grid-factors")
    path = folder / "factors.csv"
    text = path.read_text(encoding="utf-8")
    header, first, rest = text.split("\n", 2)
    cells = first.split(",")
    cells[header.split(",").index("source_id")] = "NOWHERE-1"
    path.write_text("\n".join([header, ",".join(cells), rest]), encoding="utf-8")
    stamp_hashes(folder)
    pkgs = [load_package(default_package_dir() / n) for n in ("cn-fuel-parameters", "gwp-values")]
    with pytest.raises(DataPackageError, match="NOWHERE-1"):
        FactorLibrary(pkgs + [load_package(folder)])


def test_package_argument_pointing_at_a_file(tmp_path):
    from addin import carbon_udfs as U

    f = tmp_path / "notes.txt"
    f.write_text("hello", encoding="utf-8")
    out = U.CARBON_FACTOR("天然气", "ncv", None, None, None, str(f))
    assert out.startswith("Error:") and "unexpected" not in out and "not a folder of data packages" in out
    with pytest.raises(DataPackageError, match="is a file, not a data package"):
        load_package(f)


@pytest.mark.parametrize("resources,message", [
    (["factors.csv"], "resource 1 is str"),
    ([{"name": "x"}], "has no 'path'"),
    ([{"name": "x", "path": "x.csv", "schema": {"fields": "a,b"}}], "malformed schema"),
    ([{"name": "x", "path": "a.csv"}, {"name": "x", "path": "b.csv"}], "appear more than once"),
])
def test_malformed_descriptor_list(cli, tmp_path, resources, message):
    folder = tmp_path / "pkg"
    folder.mkdir()
    (folder / "datapackage.json").write_text(json.dumps({"name": "pkg", "version": "1.0.0", "resources": resources}),
                                            encoding="utf-8")
    with pytest.raises(DataPackageError, match=message):
        load_package(folder)
    code, out, err = cli("validate", folder)
    assert code == 1 and message.split()[0] in out and "Traceback" not in err


def test_malformed_carbon_section(package_copy):
    folder = package_copy("gwp-values")
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    desc["carbon"] = {"kind": "gwp"}
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    with pytest.raises(DataPackageError, match="lacks valueResource"):
        FactorLibrary([load_package(folder)])


def test_empty_resource_file(package_copy):
    from carbon_cli.packaging import stamp_hashes

    folder = package_copy("gwp-values")
    (folder / "gwp.csv").write_bytes(b"")
    stamp_hashes(folder)
    with pytest.raises(CarbonError, match="empty"):
        load_package(folder).read("gwp")


def test_main_never_shows_a_traceback_for_an_unforeseen_error(cli, monkeypatch):
    import carbon_cli.data_commands as dc

    def boom(*a, **k):
        raise KeyError("x")

    monkeypatch.setattr(dc, "diff_packages", boom)
    code, _, err = cli("diff", "a", "b")
    assert code == 1 and "Traceback" not in err and "internal problem" in err


def test_validation_without_frictionless_says_so(monkeypatch, capsys):
    """Under Pyodide frictionless is not installed: validation refuses with one clear message, no traceback."""
    import sys

    from carbon_cli.main import main
    from carbon_core.data.package_checks import validate_package
    from carbon_core.errors import DataPackageError

    monkeypatch.setitem(sys.modules, "frictionless", None)  # import frictionless now raises ImportError
    with pytest.raises(DataPackageError, match="needs the frictionless library"):
        validate_package("gwp-values")
    assert main(["validate", "gwp-values"]) == 1
    err = capsys.readouterr().err
    assert "needs the frictionless library" in err and "Traceback" not in err
