"""Remembered Frictionless verdicts: a changed byte, schema or foreign-key target is validated again,
a damaged cache is a miss, and validating in several processes finds what one process finds."""

import hashlib
import json
from pathlib import Path

import pytest

from carbon_core.data.package_checks import validate_package


def _rehash(folder: Path, name: str) -> None:
    """Record the new hash and size of an edited file, as a careless editor of a package would."""
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for res in desc["resources"]:
        if res["path"] == name:
            data = (folder / name).read_bytes()
            res["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
            res["bytes"] = len(data)
    (folder / "datapackage.json").write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")


def _make_package(folder: Path, n: int, bad: set[int] = frozenset()) -> Path:
    folder.mkdir()
    resources = []
    for i in range(n):
        name = f"t{i:02d}.csv"
        (folder / name).write_text("code,value\nA,1.5\nB,%s\n" % ("x" if i in bad else "2"), encoding="utf-8")
        resources.append({"name": f"t{i:02d}", "path": name, "format": "csv", "encoding": "utf-8",
                          "schema": {"fields": [{"name": "code", "type": "string"},
                                                {"name": "value", "type": "number", "unit": "tCO2"}],
                                     "primaryKey": ["code"]}})
    (folder / "datapackage.json").write_text(json.dumps({"name": "many", "version": "1.0.0", "resources": resources}),
                                             encoding="utf-8")
    (folder / "CHANGELOG.md").write_text("# Changelog\n\n## 1.0.0\n\nFirst.\n", encoding="utf-8")
    for i in range(n):
        _rehash(folder, f"t{i:02d}.csv")
    return folder


def _cache_files(root) -> list[Path]:
    return sorted(Path(root).rglob("*.json"))


def test_edited_bytes_are_validated_again(package_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("CARBON_CACHE_DIR", str(tmp_path / "cache"))
    folder = package_copy("concordance-io42-s11")
    assert validate_package(folder) == []
    assert _cache_files(tmp_path / "cache"), "a clean verdict is remembered"
    csv = folder / "io42_to_s11.csv"
    text = csv.read_text(encoding="utf-8")
    first_row = text.splitlines()[1]
    csv.write_text(text.replace(first_row, first_row + ",extra", 1), encoding="utf-8")
    _rehash(folder, "io42_to_s11.csv")
    found = validate_package(folder)
    assert any(f.check == "frictionless" and "extra-cell" in f.message for f in found), found


def test_edited_schema_is_validated_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CARBON_CACHE_DIR", str(tmp_path / "cache"))
    folder = _make_package(tmp_path / "pkg", 2)
    assert validate_package(folder) == []
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    desc["resources"][1]["schema"]["fields"][1]["constraints"] = {"maximum": 1.8}
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    found = validate_package(folder)
    assert [f.message.split(":")[0] for f in found] == ["t01"]
    assert "constraint-error" in found[0].message


def test_remembered_problems_are_reported_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CARBON_CACHE_DIR", str(tmp_path / "cache"))
    folder = _make_package(tmp_path / "pkg", 3, bad={1})
    first = validate_package(folder)
    assert first and validate_package(folder) == first


def test_damaged_cache_is_a_miss_and_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CARBON_CACHE_DIR", str(tmp_path / "cache"))
    folder = _make_package(tmp_path / "pkg", 2, bad={0})
    expected = validate_package(folder)
    for f in _cache_files(tmp_path / "cache"):
        f.write_text("[\"t00: all is well", encoding="utf-8")  # cut short
    assert validate_package(folder) == expected
    monkeypatch.setenv("CARBON_CACHE_DIR", "off")
    other = _make_package(tmp_path / "pkg2", 2)
    before = _cache_files(tmp_path / "cache")
    assert validate_package(other) == []
    assert _cache_files(tmp_path / "cache") == before


@pytest.mark.parametrize("cache", [False, True])
def test_several_processes_find_what_one_finds(tmp_path, monkeypatch, cache):
    monkeypatch.setenv("CARBON_CACHE_DIR", str(tmp_path / "cache"))
    folder = _make_package(tmp_path / "pkg", 20, bad={0, 7, 19})
    one = validate_package(folder, workers=1, cache=cache)
    two = validate_package(folder, workers=2, cache=cache)
    assert one == two
    assert [f.message.split(":")[0] for f in one] == ["t00", "t07", "t19"]


def test_cli_no_cache_option(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CARBON_CACHE_DIR", str(tmp_path / "cache"))
    folder = _make_package(tmp_path / "pkg", 2)
    code, out, _ = cli("validate", folder, "--no-cache")
    assert code == 0 and "ok    many 1.0.0" in out
    assert _cache_files(tmp_path / "cache") == []
    code, out, _ = cli("validate", folder)
    assert code == 0 and _cache_files(tmp_path / "cache")
