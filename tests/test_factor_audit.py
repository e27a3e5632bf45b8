"""Issue 11: the factor audit of November 2026 — corrected rows, provenance rules, new series, lookups, diff.

Each audit item (shared/reference/factors/audit-2026-11.md, § numbers below) is checked on the
shipped packages; each new validator rule fails a tampered copy with a message naming the row.
"""

from __future__ import annotations

import csv
import re

import pandas as pd
import pytest

from carbon_core.accounting.inventory import InventoryChoices, compute_inventory
from carbon_core.data.datasets import default_package_dir, load_package
from carbon_core.data.package_checks import locator_problem, validate_package
from carbon_core.data.package_diff import diff_packages
from carbon_core.errors import InputError
from test_factor_packages import checks_of, edit_rows

from conftest import one_error_line

FACTOR_PACKAGES = {"cn-fuel-parameters": "parameters", "cn-coal-equivalent": "coefficients",
                   "cn-grid-factors": "factors", "gwp-values": "gwp", "ipcc2006-energy-defaults": "defaults",
                   "cn-electricity-footprint": "factors"}


def rows_of(package: str) -> dict[str, dict]:
    pkg = load_package(package)
    return {r["record_id"]: r for r in pkg.read(FACTOR_PACKAGES[package]).to_dict("records")}


# ------------------------------------------------------------------ shipped packages
@pytest.mark.parametrize("package", sorted(FACTOR_PACKAGES))
def test_every_id_resolves_and_every_locator_is_whole(package):
    assert validate_package(default_package_dir() / package) == []
    pkg = load_package(package)
    sources = set(pkg.read("sources")["source_id"])
    for r in rows_of(package).values():
        ids = [r["source_id"]] + [s for f in ("other_source_ids", "corroborated_by")
                                  for s in str(r[f] or "").split("|") if s]
        assert set(ids) <= sources, r["record_id"]
        assert locator_problem(r["location"]) is None, r["record_id"]
        if r["verification"] == "corroborated_multi":
            assert len({s for s in str(r["corroborated_by"]).split("|") if s} - {r["source_id"]}) >= 2
    for s in pkg.read("sources").to_dict("records"):
        assert locator_problem(s["locator"]) is None, s["source_id"]


def test_no_truncated_ncsc_keys_and_record_ids_restored():
    fuel, grid = rows_of("cn-fuel-parameters"), rows_of("cn-grid-factors")
    ncsc = [r["location"] for r in fuel.values() if "ncsc_ghg_efdb" in r["location"]]
    ncsc += [r["upstream_record_id"] for r in grid.values() if r["upstream_record_id"]]
    assert len(ncsc) == 105
    assert all(re.search(r"ncsc_ghg_efdb\|G02\|(2025|2026)\|\d{19}$", k) for k in ncsc)
    # examples printed in the audit (§5)
    assert fuel["FUEL-NCSC2025-01-EF"]["location"].endswith("|1872120745805230082")
    assert grid["GRID-2023-NAT-AVG"]["upstream_record_id"].endswith("|1768710612812846125")


def test_suspect_rows_are_withdrawn_with_a_reason(library):
    """§4.1, §4.3, §4.4, §4.5, §8: kept for the record, never returned by name or used."""
    for rid in ["FUEL-T-23-NCV", "CE-H2", "CE-WATER-NEW", "CE-METHANOL", "GRID-AVG2012-NORTH", "GRID-OM2019-NORTH"]:
        f = library.record(rid)
        assert f.status == "withdrawn" and f.notes
    with pytest.raises(InputError, match="CE-H2 = 4.857 tce/10\\^4 m3\\) is withdrawn"):
        library.coal_equivalent("氢气")
    with pytest.raises(InputError, match="withdrawn"):
        library.fuel_parameter("焦炉煤气", "ncv", family="THIRD-PARTY-T")
    with pytest.raises(InputError, match="withdrawn"):
        library.lookup("CE-METHANOL", "record")
    assert library.lookup("CE-METHANOL", "record", allow_withdrawn=True).value == 0.7714
    # the default family still answers for coke-oven gas
    assert library.fuel_parameter("焦炉煤气", "ncv").record_id.startswith("FUEL-A-")
    lines = [{"period": 2023, "category": "electricity", "activity": "电力", "quantity": 10, "unit": "MWh"}]
    import pandas as pd
    with pytest.raises(InputError, match="GRID-OM2019-NORTH is withdrawn"):
        compute_inventory(pd.DataFrame(lines), library, InventoryChoices(grid_record="GRID-OM2019-NORTH"))


def test_family_that_mixed_documents_is_split():
    """§4.2: no family named for a document it does not come from; the false note is gone."""
    fuel = rows_of("cn-fuel-parameters")
    assert "PROV-2013-CC" not in {r["family_id"] for r in fuel.values()}
    assert {fuel[f"FUEL-P-0{i}-C"]["family_id"] for i in (4, 5, 6, 7)} == {"THIRD-PARTY-2013-STYLE"}
    assert {fuel[f"FUEL-P-0{i}-C"]["family_id"] for i in (1, 2, 3, 8)} == {"THIRD-PARTY-PROV-CC"}
    assert "FAMILY-T and another app print 12.1" not in fuel["FUEL-P-08-C"]["notes"]
    # audit 2026-12 D7: 13.58 is GB/T 32151.22's value, so it left the family (withdrawn, pointing to both homes)
    assert fuel["FUEL-P-08-C"]["status"] == "withdrawn" and "FUEL-T-23-C (13.6)" in fuel["FUEL-P-08-C"]["notes"]
    assert "FUEL-A-24-C" in fuel["FUEL-P-08-C"]["notes"]
    assert all("FAMILY-T" not in str(fuel[f"FUEL-P-0{i}-C"]["corroborated_by"]) for i in (4, 5, 6, 7))


def test_reporting_defaults_name_years_and_successors(library, cli):
    """§4.7, §6, §7.4."""
    grid = rows_of("cn-grid-factors")
    # the data year behind a reporting default is printed nowhere: blank, not the report year (audit 2026-12 D11)
    assert all(pd.isna(grid[r]["data_year"]) for r in ("GRID-RULE-0.5703", "GRID-RULE-0.5810", "GRID-RULE-0.6101"))
    assert (grid["GRID-RULE-0.5810"]["report_year_from"], grid["GRID-RULE-0.5703"]["report_year_from"]) == (2021, 2022)
    assert grid["GRID-RULE-0.5810"]["superseded_by"] == "GRID-RULE-0.5703"
    assert grid["GRID-RULE-0.6101"]["superseded_by"] == "GRID-RULE-0.5810"
    assert "43号" in grid["GRID-RULE-0.5703"]["doc_number"] and "UNVERIFIED" not in grid["GRID-RULE-0.5703"]["doc_number"]
    f2021, f2022 = library.reporting_default(2021), library.reporting_default(2022)
    assert (f2021.value, f2021.status) == (0.581, "superseded") and f2021.successor.startswith("GRID-RULE-0.5703 = 0.5703")
    assert (f2022.value, f2022.status) == (0.5703, "current")
    assert library.grid_factor(2021, "全国", "reporting_default").successor.startswith("GRID-RULE-0.5703")
    with pytest.raises(InputError, match="report year 2023.*GAP-REPORTING-2023"):
        library.reporting_default(2023)
    code, out, err = cli("factors", "get", "reporting-default", "--year", "2021")
    assert code == 0 and "GRID-RULE-0.5810" in out and "is the default prescribed for report years 2021–2021" in err
    assert "later ones use GRID-RULE-0.5703" in err and "stays valid only" not in err
    # the earliest default's first report year is printed nowhere: it covers the years before its last
    f2019 = library.reporting_default(2019)
    assert f2019.record_id == "GRID-RULE-0.6101" and "first report year is printed in no text seen" in f2019.applies
    code, out, err = cli("factors", "get", "reporting-default", "--year", "2019")
    assert code == 0 and "GRID-RULE-0.6101" in out and "first report year is printed in no text seen" in err
    code, _, err = cli("factors", "get", "reporting-default", "--year", "2024")
    assert code == 1 and one_error_line(err) and "GAP-REPORTING-2023" in err


def test_conflict_note_concluded():
    """§4.8: 26.334 vs 26.344 is a family difference; neither row corrected."""
    notes = {r["record_id"]: r for r in load_package("factor-conflict-notes").read("notes").to_dict("records")}
    assert "genuine family difference" in notes["CONF-008"]["recommendation"]


def test_ipcc_table_1_2_ncvs_added_and_rows_name_their_corroborations(library):
    """§7.5 and §5 ('multiple transcriptions' is not a source)."""
    assert library.ipcc_default("Refinery gas", "ncv_default").value == 49.5
    assert library.ipcc_default("Shale oil", "ncv_default").value == 38.1
    assert library.ipcc_default("Refinery feedstocks", "co2_ef_default").value == 73300
    rows = rows_of("ipcc2006-energy-defaults").values()
    assert not any("multiple transcriptions" in str(r["corroborated_by"]) for r in rows)
    assert not any("biomass values equal these" in str(r["notes"]) for r in rows)


# ------------------------------------------------------------------ electricity footprint
def test_electricity_footprint_lookup(library, cli):
    f = library.electricity_footprint(2024)
    assert (f.value, f.unit, f.kind) == (0.5777, "kgCO2e/kWh", "electricity_footprint")
    assert library.electricity_footprint(2023).value == 0.6205
    assert library.electricity_footprint(2024, "风电").value == 0.0324
    assert library.electricity_footprint(2024, "输配电").value == 0.0327
    assert library.electricity_footprint().record_id == "EFP-2024-NATIONAL-AVERAGE"  # newest by default
    with pytest.raises(InputError, match="years with this item: 2024"):
        library.electricity_footprint(2023, "td_incl_losses")
    with pytest.raises(InputError, match="unknown footprint item"):
        library.electricity_footprint(2024, "geothermal")
    code, out, _ = cli("factors", "get", "electricity-footprint", "--year", "2024")
    assert code == 0 and re.search(r"value: 0\.5777", out) and "kgCO2e/kWh" in out


def test_footprint_is_never_a_scope2_grid_factor(library):
    import pandas as pd

    lines = pd.DataFrame([{"period": 2024, "category": "electricity", "activity": "电力", "quantity": 10,
                           "unit": "MWh"}])
    with pytest.raises(InputError, match="electricity carbon-footprint factor.*not a grid electricity factor"):
        compute_inventory(lines, library, InventoryChoices(grid_record="EFP-2024-NATIONAL-AVERAGE"))


def test_worksheet_footprint_and_info_columns():
    from addin import carbon_udfs as U

    assert U.CARBON_ELECTRICITY_FOOTPRINT(2024) == 0.5777
    assert U.CARBON_ELECTRICITY_FOOTPRINT(2024.0, [["风电"], ["光伏"]]) == [[0.0324], [0.052]]
    info = dict(map(tuple, U.CARBON_ELECTRICITY_FOOTPRINT(2024, "全国", True)[1:]))
    assert info["record_id"] == "EFP-2024-NATIONAL-AVERAGE" and info["status"] == "current"
    assert U.CARBON_ELECTRICITY_FOOTPRINT(2019).startswith("Error: no electricity carbon-footprint factor")
    assert U.CARBON_ELECTRICITY_FOOTPRINT(2024, [["风电"], ["地热"]])[1][0].startswith("Error: unknown footprint item")
    old = dict(map(tuple, U.CARBON_FACTOR_INFO(None, "reporting_default", None, 2021)[1:]))
    assert old["status"] == "superseded" and old["superseded_by"].startswith("GRID-RULE-0.5703 = 0.5703")
    gone = dict(map(tuple, U.CARBON_FACTOR_INFO("CE-H2", "record")[1:]))
    assert gone["status"] == "withdrawn"
    assert U.CARBON_FACTOR("CE-H2", "record").startswith("Error: record CE-H2 is withdrawn")


# ------------------------------------------------------------------ validator rules
def _tamper(package_copy, package, fn):
    folder = package_copy(package)
    edit_rows(folder, FACTOR_PACKAGES[package], fn)
    return folder


def _set(key, field, value, key_field="record_id"):
    """An edit_rows function that sets ``field`` of the row whose ``key_field`` is ``key``."""
    def fn(h, rows):
        for r in rows:
            if r[h.index(key_field)] == key:
                r[h.index(field)] = value
    return fn


@pytest.mark.parametrize("package, record, field, value, check, text", [
    ("cn-grid-factors", "GRID-2021-NAT-AVG", "corroborated_by", "NEWS-2022EF|NOPE-9", "source",
     "record GRID-2021-NAT-AVG: source id 'NOPE-9' (in corroborated_by) is not described"),
    ("cn-grid-factors", "GRID-2021-NAT-AVG", "corroborated_by", "CODE-GRID", "verification",
     "record GRID-2021-NAT-AVG: 'corroborated_multi' needs two corroborators independent"),
    ("gwp-values", "GWP-CH4-SAR", "corroborated_by", "multiple transcriptions", "source",
     "record GWP-CH4-SAR: corroborated_by 'multiple transcriptions' is not a source id"),
    ("cn-grid-factors", "GRID-RULE-0.5810", "superseded_by", "", "status",
     "record GRID-RULE-0.5810 is marked superseded but names no successor"),
    ("cn-grid-factors", "GRID-RULE-0.5810", "superseded_by", "GRID-RULE-9.9", "status",
     "record GRID-RULE-0.5810: successor 'GRID-RULE-9.9'"),
    ("cn-grid-factors", "GRID-2022-NAT-AVG", "superseded_by", "GRID-2023-NAT-AVG", "status",
     "record GRID-2022-NAT-AVG names a successor (GRID-2023-NAT-AVG) but its status is 'current'"),
    ("cn-coal-equivalent", "CE-H2", "notes", "", "status", "record CE-H2 is withdrawn without a reason"),
    ("cn-grid-factors", "GRID-2022-NAT-AVG", "status", "old", "frictionless", "constraint"),
    ("cn-fuel-parameters", "FUEL-A-01-NCV", "location", "", "locator", "record FUEL-A-01-NCV: location '': it is empty"),
    ("cn-grid-factors", "GRID-2021-NAT-AVG", "location", "CODE-GRID(|)", "locator", "empty brackets"),
    ("cn-grid-factors", "GRID-2023-NAT-AVG", "upstream_record_id", "ncsc_ghg_efdb|G02|2026|", "locator",
     "record GRID-2023-NAT-AVG: upstream_record_id"),
    ("cn-fuel-parameters", "FUEL-A-01-NCV", "value_as_printed", "NaN", "value",
     "FUEL-A-01-NCV (row 2), field 'value_as_printed': 'NaN' is not a finite number"),
    ("cn-electricity-footprint", "EFP-2024-WIND", "value", "inf", "value", "EFP-2024-WIND"),
    # issue 27: corroboration that is not independent, rows that do not say where they were read
    ("cn-electricity-footprint", "EFP-2023-COAL", "corroborated_by", "CODE-SSSQZH|CPCD-CORE", "corroboration",
     "record EFP-2023-COAL: corroborated_by is not independent (CODE-SSSQZH: is the text the value was read in)"),
    ("cn-electricity-footprint", "EFP-2024-COAL", "corroborated_by", "CPCD-CORE", "corroboration",
     "CPCD-CORE: comes from the same repository or site as ANNEX-2024-COPY"),
    ("cn-electricity-footprint", "EFP-2024-COAL", "corroborated_by", "MEE2025-FP2024", "corroboration",
     "MEE2025-FP2024: is the row's own source"),
    ("cn-coal-equivalent", "CE-COAL-RAW", "corroborated_by", "BOOK118-CE|NDRC-OM2016", "corroboration",
     "BOOK118-CE: is also in other_source_ids"),
    ("cn-electricity-footprint", "EFP-2023-COAL", "verification", "corroborated_multi", "verification",
     "record EFP-2023-COAL: 'corroborated_multi' needs two corroborators independent"),
    ("cn-grid-factors", "GRID-2022-PROV-GUANGDONG", "read_from", "", "read-from",
     "record GRID-2022-PROV-GUANGDONG: 'read_from' is empty"),
    ("cn-grid-factors", "GRID-2022-PROV-GUANGDONG", "read_from", "NOPE-1", "source",
     "source id 'NOPE-1' (in read_from)"),
    ("cn-grid-factors", "GRID-2022-PROV-GUANGDONG", "location", "公告 of 2024-12-20, 附件 (table number not read)",
     "where", "says the table was not seen but not where the value was read instead"),
    ("ipcc2006-energy-defaults", "IPCC-CH4-01", "read_from", "IPCC-EFDB", "verification",
     "record IPCC-CH4-01: 'document_copy' means the value was read in a copy of its source IPCC2006-V2C2"),
    ("gwp-values", "GWP-CH4-AR5", "location", "IPCC AR5 WG1 via openclimatedata", "where",
     "names no table, clause, page, line or entry"),
])
def test_validator_rule_names_the_row(package_copy, package, record, field, value, check, text):
    folder = _tamper(package_copy, package, _set(record, field, value))
    found = checks_of(folder)
    assert any(text in m for m in found.get(check, [])), found


def test_stripped_source_locator_fails(package_copy):
    folder = package_copy("cn-grid-factors")
    edit_rows(folder, "sources", _set("CODE-GRID", "locator", "(ElectricityFactorCatalogTest.java), , , /", "source_id"))
    assert any("source CODE-GRID: locator" in m for m in checks_of(folder)["locator"])


@pytest.mark.parametrize("text, ok", [
    ("附件 表1, row 全国", True), ("GitHub owner/name path/file.csv @ 0123abcd", True),
    ("", False), ("code comment () + FAQ text ()", False), ("CODE-GRID(|)", False),
    ("https://max.book118.com/html/2020/1123/.shtm", False), ("ncsc_ghg_efdb|G02|2025|", False),
    ("attribution is the 's inference", False), ("(ElectricityFactorCatalogTest.java), , , /", False),
])
def test_locator_patterns(text, ok):
    assert (locator_problem(text) is None) is ok


# ------------------------------------------------------------------ auditor's diff
def test_diff_of_a_hand_edited_copy_shows_the_edit_and_fails_integrity(package_copy, cli):
    folder = package_copy("cn-grid-factors")
    edit_rows(folder, "factors", _set("GRID-2022-PROV-GUANGDONG", "value", "0.4500"), restamp=False)
    table, summary = diff_packages(default_package_dir() / "cn-grid-factors", folder)
    assert summary["integrity"]["old"] == [] and "hash does not match" in summary["integrity"]["new"][0]
    row = table[(table["key"] == "GRID-2022-PROV-GUANGDONG") & (table["field"] == "value")].iloc[0]
    assert (row["old"], row["new"]) == (0.4403, 0.45)
    code, out, err = cli("diff", default_package_dir() / "cn-grid-factors", folder)
    assert code == 1 and "INTEGRITY FAILED (new" in out and "GRID-2022-PROV-GUANGDONG" in out and "0.45" in out
    assert one_error_line(err.replace("carbon: integrity failure", "carbon: error: integrity failure"))
    # validation of the same copy still refuses it
    assert "integrity" in checks_of(folder)
    # an intact pair compares as before, exit 0
    code, out, _ = cli("diff", default_package_dir() / "gwp-values", default_package_dir() / "gwp-values")
    assert code == 0 and "INTEGRITY" not in out


def test_half_corrected_package_fails(package_copy):
    """Someone withdraws a row by hand but forgets the reason and re-stamps: validate names the row."""
    folder = package_copy("cn-grid-factors")
    edit_rows(folder, "factors", lambda h, rows: [r.__setitem__(h.index("status"), "superseded")
                                                   for r in rows if r[0] == "GRID-2021-NAT-AVG"])
    assert any("GRID-2021-NAT-AVG is marked superseded but names no successor" in m
               for m in checks_of(folder)["status"])


def test_curated_inputs_are_consistent():
    """The curated tables the import script reads cover exactly the rows they claim."""
    from pathlib import Path

    curated = Path(__file__).resolve().parents[1] / "scripts" / "curated"
    ids = list(csv.DictReader(open(curated / "ncsc_record_ids.csv", encoding="utf-8")))
    assert len(ids) == 105 and len({r["source_record_id"] for r in ids}) == 105
    fp = list(csv.DictReader(open(curated / "cn_electricity_footprint.csv", encoding="utf-8")))
    assert {r["record_id"] for r in fp} == set(rows_of("cn-electricity-footprint"))


# ------------------------------------------------------------------ bad inputs to the new entry points
@pytest.mark.parametrize("argv, text", [
    (("factors", "get", "reporting-default"), "give --year"),
    (("factors", "get", "electricity-footprint", "--year", "2019"), "no electricity carbon-footprint factor"),
    (("factors", "get", "electricity-footprint", "地热", "--year", "2024"), "unknown footprint item '地热'"),
    (("factors", "get", "electricity-footprint", "--year", "24"), "data year 24 is not a year"),
    (("factors", "get", "ipcc", "Natural gas"), "--parameter (ncv_default"),
    (("factors", "get", "ipcc", "Naturl gass", "--parameter", "ncv_default"), "IPCC fuel"),
    (("factors", "get", "ipcc", "Natural gas", "--parameter", "ncv"), "no IPCC default 'ncv' for Natural gas"),
])
def test_cli_lookup_refusals(cli, argv, text):
    code, out, err = cli(*argv)
    assert code == 1 and one_error_line(err) and text in err and "value:" not in out


@pytest.mark.parametrize("year", ["abc", 2024.5, True])
def test_core_year_arguments_are_checked(library, year):
    with pytest.raises(InputError, match="is not a year"):
        library.electricity_footprint(year)
    with pytest.raises(InputError, match="is not a year"):
        library.reporting_default(year)
    with pytest.raises(InputError, match="is not a year"):
        library.grid_factor(year, "广东")


def test_worksheet_footprint_refusals():
    from addin import carbon_udfs as U

    assert U.CARBON_ELECTRICITY_FOOTPRINT("abc").startswith("Error:")
    assert U.CARBON_ELECTRICITY_FOOTPRINT("#N/A").startswith("Error:")
    assert U.CARBON_ELECTRICITY_FOOTPRINT(2024, [["风电"], ["光伏"]], True).startswith("Error: info=TRUE describes one")
    assert "pins 9.9.9" in U.CARBON_ELECTRICITY_FOOTPRINT(2024, None, None, None, "9.9.9")
    assert U.CARBON_ELECTRICITY_FOOTPRINT(2024, [["风电"], [None]]) == [[0.0324], [""]]


def test_diff_with_a_resource_file_deleted(package_copy, cli):
    folder = package_copy("gwp-values")
    (folder / "gwp.csv").unlink()
    code, _, err = cli("diff", default_package_dir() / "gwp-values", folder)
    assert code == 1 and one_error_line(err) and "missing" in err


def test_independence_follows_copies_and_origins(package_copy):
    """A copy of the text read is no corroboration, even under another id; two texts of one origin count once."""
    from carbon_core.data.package_checks import corroboration
    folder = package_copy("cn-electricity-footprint")

    def more_sources(h, rows):
        rows.append(["MIRROR-SSSQZH", "a mirror of the sssqZh page", "x", "", "", "https://example.org/mirror",
                     "secondary_code", "", "example.org", "CODE-SSSQZH"])
        rows.append(["NEWS-ZHB-COPY", "a second article of zhb.org.cn", "x", "", "", "https://zhb.org.cn/other",
                     "news", "", "zhb.org.cn", ""])
    edit_rows(folder, "sources", more_sources)
    edit_rows(folder, "factors", _set("EFP-2023-COAL", "corroborated_by", "CPCD-CORE|MIRROR-SSSQZH"))
    edit_rows(folder, "factors", _set("EFP-2023-NATIONAL-AVERAGE", "corroborated_by", "NEWS-ZHB-2025|NEWS-ZHB-COPY"))
    table = corroboration(load_package(folder)).set_index("record_id")
    assert table.loc["EFP-2023-COAL", "independent"] == "CPCD-CORE"
    assert "MIRROR-SSSQZH: copies or shares a copy with CODE-SSSQZH" in table.loc["EFP-2023-COAL", "not_independent"]
    assert table.loc["EFP-2023-NATIONAL-AVERAGE", "independent"] == "NEWS-ZHB-2025"
    assert "same repository or site as NEWS-ZHB-2025" in table.loc["EFP-2023-NATIONAL-AVERAGE", "not_independent"]


def test_every_shipped_row_names_the_text_it_was_read_in_and_multi_means_two_independent():
    from carbon_core.data.package_checks import corroboration
    for package in FACTOR_PACKAGES:
        table = corroboration(load_package(package))
        assert (table["read_from"] != "").all(), package
        assert (table["not_independent"] == "").all(), (package, table.loc[table["not_independent"] != ""].head())
        multi = table[table["verification"] == "corroborated_multi"]
        assert all(len(v.split("|")) >= 2 for v in multi["independent"]), package
    grid = rows_of("cn-grid-factors")
    assert "line" in grid["GRID-2021-PROV-ANHUI"]["location"] and "17100H" in grid["GRID-2021-PROV-ANHUI"]["location"]
    assert "表3" in grid["GRID-2023-PROV-GUANGDONG"]["location"] and "row 广东" in grid["GRID-2023-PROV-GUANGDONG"]["location"]
    gwp = rows_of("gwp-values")
    assert "Table 7.15" not in gwp["GWP-N2O-AR6"]["location"]


def test_ipcc_ranges_bracket_their_defaults_and_carry_provenance(package_copy, cli):
    pkg = load_package("ipcc2006-energy-defaults")
    ranges = pkg.read("ranges")
    assert len(ranges) == 132 and (ranges["lower"] <= ranges["value"]).all() and (ranges["value"] <= ranges["upper"]).all()
    assert ranges["parameter"].value_counts().to_dict() == {"ncv_default": 46, "co2_ef_default": 46,
                                                           "carbon_content_default": 16, "ch4_ef_default": 12,
                                                           "n2o_ef_default": 12}
    assert set(ranges["read_from"]) == {"IPCC-PDF-V2C1", "IPCC-PDF-V2C2"}
    assert set(ranges["verification"]) == {"document_copy"}
    coal = ranges.set_index("record_id").loc["IPCC-CH4-12-R95"]  # residential coal CH4: 300 (100–900), Table 2.5
    assert (coal["value"], coal["lower"], coal["upper"]) == (300, 100, 900)
    # the chapter's own rows, e.g. residual fuel oil's carbon content 21.1 (20.6–21.5), which the APERC sheet garbled
    rfo = ranges.set_index("record_id").loc["IPCC-T13-05-R95"]
    assert (rfo["value"], rfo["lower"], rfo["upper"]) == (21.1, 20.6, 21.5)
    lignite = ranges.set_index("record_id").loc["IPCC-T14-05-R95"]
    assert (lignite["lower"], lignite["upper"]) == (90900, 115000)
    defaults = pkg.read("defaults")
    table = defaults[defaults["record_id"].str.match(r"IPCC-T1[234]-")]
    assert len(table) == 108 and set(table["verification"]) == {"document_copy"}
    assert table["location"].str.contains("IPCC EFDB EF ID").sum() >= 90  # the ids the EFDB export was checked by
    assert set(defaults["verification"]) == {"document_copy"}
    themis = ranges[ranges["corroborated_by"] == "APERC-NCV|CODE-THEMISIQ"]
    assert sorted(themis["fuel_en"]) == ["Gas/diesel oil", "Liquefied petroleum gases", "Motor gasoline",
                                         "Natural gas", "Residual fuel oil"]
    folder = package_copy("ipcc2006-energy-defaults")
    edit_rows(folder, "ranges", _set("IPCC-T12-23-R95", "upper", "47.0"))
    edit_rows(folder, "ranges", _set("IPCC-T12-01-R95", "read_from", ""))
    found = checks_of(folder)
    assert any("IPCC-T12-23-R95: the range 46.5–47 does not bracket its default 48" in m for m in found["range"])
    assert any("IPCC-T12-01-R95: 'read_from' is empty" in m for m in found["read-from"])
    code, out, err = cli("factors", "get", "ipcc", "Natural gas", "--parameter", "ncv_default")
    assert code == 0 and "lower_95: 46.5" in out and "IPCC-T12-23-R95" in out


def test_a_conflict_note_that_uses_a_withdrawn_row_says_so():
    """Audit 2026-12 D13: a note comparing against a row that is no longer served must say it."""
    status = {}
    for package in FACTOR_PACKAGES:
        status.update({rid: r["status"] for rid, r in rows_of(package).items()})
    notes = load_package("factor-conflict-notes").read("notes")
    uses = [(n.record_id, rid) for n in notes.itertuples() for rid in (n.record_a_id, n.record_b_id)
            if status.get(rid) == "withdrawn"]
    assert uses, "expected at least CONF-010"
    for note, rid in uses:
        text = notes.set_index("record_id").loc[note, "likely_explanation"]
        assert "withdrawn" in text and rid in text, (note, rid)
