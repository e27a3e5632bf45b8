"""Class 11: a failing `carbon revise` never leaves a package half-written; resources may sit in sub-folders."""

import json
import os
import shutil

import pytest

from carbon_cli import packaging
from carbon_core.data.package_checks import validate_package
from conftest import one_error_line


def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def nested(package_copy):
    """cn-grid-factors with its value resource moved into a sub-folder data/."""
    folder = package_copy("cn-grid-factors")
    (folder / "data").mkdir()
    shutil.move(folder / "factors.csv", folder / "data" / "factors.csv")
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["name"] == "factors":
            res["path"] = "data/factors.csv"
    (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
    packaging.stamp_hashes(folder)
    assert validate_package(folder) == []
    return folder


def test_revise_with_a_resource_in_a_subfolder(cli, nested):
    code, out, err = cli("revise", nested, "--set", "SEED003-GRID-0.581=0.5811", "--message", "typo fixed")
    assert code == 0, err
    assert (nested / "data" / "factors.csv").is_file() and not (nested / "factors.csv").exists()
    assert "0.5811" in (nested / "data" / "factors.csv").read_text(encoding="utf-8")
    assert validate_package(nested) == []
    assert not [p for p in nested.parent.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_failure_during_the_swap_restores_the_package(nested, monkeypatch):
    from carbon_core.data import release

    before = snapshot(nested)
    monkeypatch.setattr(release, "_exchange_syscall", lambda: None)  # the two-rename path
    calls = {"n": 0}
    real = os.replace

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:  # journal written, the package moved aside; putting the new one in place fails
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(release.os, "replace", flaky)
    with pytest.raises(OSError, match="disk full"):
        packaging.revise(nested, {"SEED003-GRID-0.581": "0.59"}, "test")
    assert snapshot(nested) == before
    assert not [p for p in nested.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("setting", ["SEED003-GRID-0.581=abc", "NO-SUCH-ID=1", "SEED003-GRID-0.581=nan",
                                     "SEED003-GRID-0.581=-1"])
def test_refused_revisions_change_nothing(cli, nested, setting):
    before = snapshot(nested)
    code, _, err = cli("revise", nested, "--set", setting, "--message", "x")
    assert code == 1 and one_error_line(err)
    assert snapshot(nested) == before


def test_revision_that_would_not_validate_changes_nothing(nested, monkeypatch):
    before = snapshot(nested)
    from carbon_core.data.package_checks import Finding

    monkeypatch.setattr(packaging, "validate_package", lambda p: [Finding("x", "value", "made to fail")])
    with pytest.raises(Exception, match="would not validate, nothing was changed"):
        packaging.revise(nested, {"SEED003-GRID-0.581": "0.59"}, "test")
    assert snapshot(nested) == before
