"""Factor packages: validation (and failure on each tampered case), versions, diff, zip, lookup."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from carbon_cli.main import main
from carbon_cli.packaging import make_zip, revise
from carbon_core.data.datasets import available_packages, default_package_dir, load_package
from carbon_core.errors import DataPackageError, InputError
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.data.package_checks import validate_package
from carbon_core.data.package_diff import diff_packages

FACTOR_PACKAGES = ["cn-fuel-parameters", "cn-coal-equivalent", "cn-grid-factors", "gwp-values",
                   "ipcc2006-energy-defaults"]


@pytest.fixture(scope="module")
def lib():
    return FactorLibrary.load()


@pytest.mark.parametrize("name", sorted(set(FACTOR_PACKAGES) | {"china-io-42", "ceads-co2-2017", "concordance-io42-s11",
                                                                 "concordance-io42-2012-2017", "factor-conflict-notes"}))
def test_shipped_package_validates(name):
    assert validate_package(default_package_dir() / name) == []


def test_no_unverified_memory_rows_shipped():
    for name in FACTOR_PACKAGES:
        pkg = load_package(name)
        rows = pkg.read(pkg.descriptor["carbon"]["valueResource"])
        assert "unverified_memory" not in set(rows["verification"])
        assert "UNVERIFIED-MEMORY" not in set(rows["source_id"])


# ---------------------------------------------------------------- tampering
def edit_rows(folder: Path, resource: str, fn, restamp: bool = True) -> None:
    """Edit a CSV with fn(header, rows) and, like a careful but wrong editor, re-stamp the hash."""
    path = folder / f"{resource}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    fn(header, body)
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([header] + body)
    path.write_bytes(buf.getvalue().encode("utf-8"))
    if restamp:
        from carbon_cli.packaging import stamp_hashes
        stamp_hashes(folder)


def checks_of(folder: Path) -> dict:
    out = {}
    for f in validate_package(folder):
        out.setdefault(f.check, []).append(f.message)
    return out


def test_tampered_hash(package_copy):
    folder = package_copy("cn-fuel-parameters")
    edit_rows(folder, "parameters", lambda h, rows: rows[0].__setitem__(h.index("value"), "26.8"), restamp=False)
    found = checks_of(folder)
    assert any("parameters.csv: the file's sha256 hash does not match" in m for m in found["integrity"])


def test_tampered_invalid_unit(package_copy):
    folder = package_copy("cn-fuel-parameters")
    edit_rows(folder, "parameters", lambda h, rows: rows[0].__setitem__(h.index("unit"), "GJ/tonn"))
    assert any("record FUEL-A-01-NCV: unit 'GJ/tonn' is not a valid unit" in m for m in checks_of(folder)["unit"])


def test_tampered_unit_of_wrong_dimension(package_copy):
    folder = package_copy("cn-fuel-parameters")
    edit_rows(folder, "parameters", lambda h, rows: rows[0].__setitem__(h.index("unit"), "tC/TJ"))
    assert any("FUEL-A-01-NCV: unit 'tC/TJ' has the wrong dimension for ncv" in m for m in checks_of(folder)["unit"])


def test_tampered_negative_ncv(package_copy):
    folder = package_copy("cn-fuel-parameters")
    edit_rows(folder, "parameters", lambda h, rows: rows[0].__setitem__(h.index("value"), "-26.7"))
    found = checks_of(folder)
    assert any("FUEL-A-01-NCV: value -26.7 is negative; ncv cannot be below zero" in m for m in found["value"])
    assert any("constraint-error" in m for m in found["frictionless"])


def test_tampered_dangling_source_id(package_copy):
    folder = package_copy("cn-grid-factors")
    edit_rows(folder, "factors", lambda h, rows: rows[0].__setitem__(h.index("source_id"), "MEE2099-1"))
    found = checks_of(folder)
    assert any("source id 'MEE2099-1' is not described" in m for m in found["source"])
    assert any("foreign-key" in m for m in found["frictionless"])


def test_tampered_duplicate_key(package_copy):
    folder = package_copy("gwp-values")
    edit_rows(folder, "gwp", lambda h, rows: rows[1].__setitem__(h.index("record_id"), rows[0][h.index("record_id")]))
    assert any("primary-key" in m or "unique" in m for m in checks_of(folder)["frictionless"])


def test_tampered_mixed_family(package_copy):
    folder = package_copy("cn-fuel-parameters")
    edit_rows(folder, "parameters", lambda h, rows: rows[0].__setitem__(h.index("source_id"), "FAMILY-T"))
    assert any("family 'GBT32151.22-2024' mixes documents" in m and "FUEL-A-01-NCV (FAMILY-T)" in m
               for m in checks_of(folder)["family"])


def test_version_and_changelog_rules(package_copy):
    folder = package_copy("gwp-values")
    desc = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    desc["version"] = "1.1"
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    assert "not a semantic version" in checks_of(folder)["version"][0]
    desc["version"] = "7.1.0"
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    assert "no entry '## 7.1.0'" in checks_of(folder)["changelog"][0]


def test_validate_cli_exit_codes(package_copy, capsys):
    assert main(["validate"]) == 0
    folder = package_copy("gwp-values")
    edit_rows(folder, "gwp", lambda h, rows: rows[0].__setitem__(h.index("unit"), "kgCO2e/banana"))
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"FAIL  gwp-values {load_package(folder).version}" in out and "kgCO2e/banana" in out


# --------------------------------------------------------- versions and sharing
def test_revise_diff_and_zip_round_trip(package_copy, tmp_path):
    old = package_copy("cn-grid-factors")
    new = tmp_path / "new" / "cn-grid-factors"
    shutil.copytree(old, new)
    before, after, lines = revise(new, {"GRID-2022-PROV-GUANGDONG": "0.4410"}, "corrected transcription", "minor",
                                  today="2026-11-23")
    minor = f"{int(before.split('.')[0])}.{int(before.split('.')[1]) + 1}.0"
    assert after == minor and before == load_package(default_package_dir() / "cn-grid-factors").version
    assert f"## {minor} (2026-11-23)\n- corrected transcription\n- GRID-2022-PROV-GUANGDONG: 0.4403 → 0.4410" in \
        (new / "CHANGELOG.md").read_text(encoding="utf-8")
    assert validate_package(new) == []
    table, summary = diff_packages(old, new)
    assert summary["changed"] == 1 and summary["added"] == 0 and summary["removed"] == 0
    changed = table[table["field"] == "value"].iloc[0]
    assert changed["key"] == "GRID-2022-PROV-GUANGDONG" and changed["old"] == 0.4403 and changed["new"] == 0.441
    assert changed["relative change"] == pytest.approx(0.0007 / 0.4403)
    assert set(table["field"]) == {"value", "value_as_printed"}
    zipped = make_zip(new, tmp_path / "zips")
    assert zipped.name == f"cn-grid-factors-{minor}.zip"
    assert validate_package(zipped) == []
    z = load_package(zipped)
    assert z.version == minor and z.read("factors").equals(load_package(new).read("factors"))
    lib = FactorLibrary([load_package(default_package_dir() / "cn-fuel-parameters"), z])
    assert lib.grid_factor(2022, "广东").value == 0.441
    assert lib.grid_factor(2022, "广东").version == minor


def test_diff_lists_added_and_removed(package_copy, tmp_path):
    old = package_copy("gwp-values")
    new = tmp_path / "n" / "gwp-values"
    shutil.copytree(old, new)
    def drop_first(h, rows):
        rows.pop(0)
    edit_rows(new, "gwp", drop_first)
    table, summary = diff_packages(old, new)
    assert summary["removed"] == 1 and table.iloc[0]["key"] == "GWP-CH4-SAR"
    table, summary = diff_packages(new, old)
    assert summary["added"] == 1


def test_revise_refuses_bad_input(package_copy):
    folder = package_copy("gwp-values")
    shipped = load_package(folder).version
    with pytest.raises(InputError, match="no record NOPE"):
        revise(folder, {"NOPE": "1"}, "x")
    with pytest.raises(InputError, match="negative"):
        revise(folder, {"GWP-CH4-SAR": "-1"}, "x")
    with pytest.raises(InputError, match="message"):
        revise(folder, {"GWP-CH4-SAR": "22"}, " ")
    assert load_package(folder).version == shipped


def test_zip_with_escaping_member_rejected(tmp_path):
    import zipfile
    bad = tmp_path / "evil.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("pkg/datapackage.json", json.dumps({"name": "x", "resources": []}))
        zf.writestr("../outside.csv", "a\n")
    with pytest.raises(DataPackageError, match="leaves the package folder"):
        load_package(bad)


# ----------------------------------------------------------------- lookup
def test_seed003_table5_values_exactly_as_printed(lib):
    expect = {("天然气", "ncv"): (389.31, "GJ/10^4 Nm3"), ("天然气", "carbon_content_per_heat"): (15.3, "tC/TJ"),
              ("天然气", "oxidation_rate"): (98, "%"), ("成品油", "ncv"): (43.07, "GJ/t"),
              ("成品油", "carbon_content_per_heat"): (19.6, "tC/TJ"), ("成品油", "oxidation_rate"): (99, "%")}
    for (fuel, param), (value, unit) in expect.items():
        f = lib.fuel_parameter(fuel, param, family="SEED003")
        assert (f.value, f.unit, f.verification) == (value, unit, "seed_document")
        assert f.value_as_printed == str(value) and f.location == "表5 能源碳排放核算相关参数取值"


def test_seed003_table4_and_grid_factor_exactly_as_printed(lib):
    assert lib.coal_equivalent("外购电力", family="SEED003").value == 0.1229
    assert lib.coal_equivalent("燃气(天然气)", family="SEED003").value == 1.33
    assert lib.coal_equivalent("成品油", family="SEED003").value == 1.47
    grid = lib.record("SEED003-GRID-0.581")
    assert (grid.value, grid.unit, grid.value_as_printed) == (0.581, "tCO2/MWh", "0.581")


def test_lookup_by_chinese_english_and_alias(lib):
    zh = lib.fuel_parameter("柴油", "ncv")
    en = lib.fuel_parameter("Diesel", "NCV")
    alias = lib.fuel_parameter("diesel oil", "低位发热量")
    assert zh == en == alias
    assert zh.family == "GBT32151.22-2024" and zh.package == "cn-fuel-parameters" and zh.version == load_package("cn-fuel-parameters").version
    assert zh.resource_hash.startswith("sha256:") and "GB/T 32151.22" in zh.citation
    assert lib.fuel_parameter("其它洗煤", "ncv") == lib.fuel_parameter("other washed coal", "ncv")
    assert lib.fuel_parameter("喷气煤油（航空煤油）", "co2_ef_per_heat", family="NCSC-EFDB-2025").subject == "jet_kerosene"


def test_grid_heat_gwp_lookups(lib):
    assert lib.grid_factor(2022, "全国").value == 0.5366
    assert lib.grid_factor(2022, "national").record_id == "GRID-2022-NAT-AVG"
    assert lib.grid_factor(2023, "华东") == lib.grid_factor(2023, "East China grid") == lib.grid_factor(2023, "east china")
    assert lib.heat_factor().value == 0.11 and lib.heat_factor().unit == "tCO2/GJ"
    assert lib.gwp("CH4", "SAR").value == 21 and lib.gwp("甲烷", "AR5").value == 28


@pytest.mark.parametrize("call,message", [
    (lambda lib: lib.fuel_parameter("天燃气", "ncv"), "unknown fuel '天燃气'. Did you mean: 天然气 / natural gas"),
    (lambda lib: lib.fuel_parameter("diesl", "ncv"), "Did you mean: 柴油 / diesel"),
    (lambda lib: lib.fuel_parameter("柴油", "ncvv"), "unknown parameter 'ncvv'. Did you mean: ncv"),
    (lambda lib: lib.fuel_parameter("柴油", "ncv", family="GB 99"), "unknown parameter family 'GB 99'"),
    (lambda lib: lib.fuel_parameter("raw coal", "ncv", family="SEED003"), "is not in family SEED003; it is in: CE-REFERENCE-DOC"),
    (lambda lib: lib.grid_factor(2019, "广东"), "available years: 2021, 2022, 2023"),
    (lambda lib: lib.grid_factor(2022, "广州"), "unknown region '广州'"),
    (lambda lib: lib.grid_factor(None, "national", "reporting_default"), "several values match (GRID-RULE-0.6101"),
    (lambda lib: lib.gwp("CH5"), "Did you mean: CH4"),
    (lambda lib: lib.gwp("CH4", "AR7"), "unknown GWP report 'AR7'"),
])
def test_lookup_errors_name_the_fix(lib, call, message):
    with pytest.raises(InputError) as err:
        call(lib)
    assert message in str(err.value)


def test_conflicts_show_the_two_ncv_families(lib):
    c = lib.conflicts()
    ncv = c[c["quantity"] == "bituminous_coal / ncv"]
    assert set(ncv["family"]) >= {"GBT32151.22-2024", "THIRD-PARTY-T"}
    assert ncv["spread (%)"].iloc[0] == pytest.approx(100 * (23.204 / 19.570 - 1))
    assert c["spread (%)"].max() > 18.5  # the up-to-18.6% NCV disagreement is visible


def test_factors_cli(capsys):
    assert main(["factors", "get", "fuel", "天然气", "--parameter", "ncv", "--family", "SEED003"]) == 0
    out = capsys.readouterr().out
    assert "389.31" in out and "FUEL-SEED003-NG-ncv" in out and "表5" in out
    assert main(["factors", "get", "fuel", "天燃气", "--parameter", "ncv"]) == 1
    assert "Did you mean: 天然气" in capsys.readouterr().err
    assert main(["factors", "conflicts", "--format", "csv"]) == 0
    assert "bituminous_coal / ncv" in capsys.readouterr().out


def test_conflict_notes_resolve_and_explain_the_computed_conflicts(lib):
    notes = lib.conflict_notes()
    assert len(notes) >= 30
    ids = [i for pair in zip(notes["record_a_id"], notes["record_b_id"]) for i in pair if i]
    for rid in ids:
        lib.record(rid)  # every cited record exists in the shipped packages
    assert notes.set_index("record_id").loc["CONF-031", "record_b_id"] == "GRID-RULE-0.5703"
    c = lib.conflicts().set_index("record_id")
    assert c.loc["FUEL-T-02-NCV", "note"].startswith("CONF-006:")
    assert "factor-conflict-notes" in set(lib.datasets()["package"])
