"""The example workbooks: rebuilt identically, recalculated without Excel, checked against the core."""

import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from addin.workbooks import BUILDERS, build_all
from carbon_core.data.datasets import load_package
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.io.hem import MEASURES, extraction_table
from recalc import formula_cells, recalculate

pytest.importorskip("formulas")

COMMITTED = Path(__file__).resolve().parents[1] / "workbooks"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("wb")
    build_all(out)
    return out


def _cells(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                v = c.value
                out[(ws.title, c.coordinate)] = v.text if hasattr(v, "text") else v
    return out


def _same(a, b) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a))
    return (a == b) or (a in (None, "") and b in (None, ""))


@pytest.mark.parametrize("name", list(BUILDERS))
def test_committed_workbook_equals_a_rebuild(name, rebuilt, tmp_path):
    """Same formulas and values as a fresh build; a second build in one run is byte-identical."""
    committed, fresh = _cells(COMMITTED / name), _cells(rebuilt / name)
    assert committed.keys() == fresh.keys()
    diff = [k for k in committed if not _same(committed[k], fresh[k])]
    assert not diff, f"{name} differs from a rebuild at {diff[:5]}: run 'carbon build-workbooks'"
    again = tmp_path / name
    BUILDERS[name](again)
    assert again.read_bytes() == (rebuilt / name).read_bytes()


@pytest.mark.parametrize("name", list(BUILDERS))
def test_committed_values_copy_equals_the_saved_values(name, tmp_path):
    """The values-only copy holds, in every cell, the value the formula workbook saved, and no formula."""
    fresh = tmp_path / name
    BUILDERS[name](fresh, True)
    committed = _cells(COMMITTED / "values" / name)
    assert committed.keys() == _cells(fresh).keys(), f"values/{name} differs from a rebuild: run 'carbon build-workbooks'"
    saved = openpyxl.load_workbook(COMMITTED / name, data_only=True)
    for (sheet, cell), v in committed.items():
        assert not (isinstance(v, str) and v.startswith("=")), f"values/{name} {sheet}!{cell} holds a formula"
        assert _same(v, saved[sheet][cell].value), (name, sheet, cell, v, saved[sheet][cell].value)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_recalculation_reproduces_every_saved_value(name):
    cached = formula_cells(COMMITTED / name)
    assert len(cached) > 100
    recalculated = recalculate(COMMITTED / name)
    bad = {k: (v, recalculated.get(k)) for k, v in cached.items() if not _same(v, recalculated.get(k))}
    assert not bad, f"{len(bad)} cells differ after recalculation, e.g. {list(bad.items())[:3]}"
    assert not any(isinstance(v, str) and v.startswith("Error") for v in cached.values())


def _sheet_block(path, sheet, top_left_row, n_rows, n_cols, col0=1):
    ws = openpyxl.load_workbook(path, data_only=True)[sheet]
    return [[ws.cell(top_left_row + i, col0 + j).value for j in range(n_cols)] for i in range(n_rows)]


def test_io_workbook_matches_the_core():
    path = COMMITTED / "io_extraction_china2017.xlsx"
    inputs = _sheet_block(path, "Inputs", 1, 12, 15)
    Z = pd.DataFrame([r[1:12] for r in inputs[1:]], index=[r[0] for r in inputs[1:]], columns=inputs[0][1:12])
    x = [r[13] for r in inputs[1:]]
    e = [r[14] for r in inputs[1:]]
    ref = extraction_table(Z, x, e)
    hem = _sheet_block(path, "HEM", 3, 12, 11)
    assert hem[0] == ["sector"] + MEASURES
    np.testing.assert_allclose(np.array([r[1:] for r in hem[1:]], dtype=float), ref.to_numpy(), rtol=1e-12)
    t3 = _sheet_block(path, "Table3", 4, 12, 7)
    assert t3[-1][0] == "Total 总计"
    assert t3[-1][1] == pytest.approx(t3[-1][6])  # ΣVIC = ΣDC
    groups = _sheet_block(path, "Groups", 3, 5, 11, col0=4)
    assert sum(r[4] for r in groups[1:]) == pytest.approx(sum(r[3] for r in groups[1:]))  # ΣNBL = ΣNFL


def test_park_workbook_matches_the_core_and_table6():
    path = COMMITTED / "park_inventory_ganzhou.xlsx"
    summary = _sheet_block(path, "Summary", 4, 3, 13)
    t6 = load_package("ganzhou-park-2020-2022").read("table6")
    for row, published in zip(summary, t6["co2_1e4t"]):
        assert row[1] == pytest.approx(published * 1e4, rel=0.005)
        assert row[2] == pytest.approx(published * 1e4, rel=1e-12)  # one unit (t) in the table
        assert abs(row[3]) < 0.5
    assert summary[0][5] == pytest.approx(88.87 / 707, rel=0.005)
    for row in summary:  # scope 1 + scope 2 = total
        assert row[11] + row[12] == pytest.approx(row[1], rel=1e-12) and row[12] > row[11] > 0
    ws = openpyxl.load_workbook(path, data_only=True)["STIRPAT"]
    verdicts = [ws.cell(r, 2).value for r in range(1, 45) if ws.cell(r, 1).value == "verdict"]
    assert verdicts[0].startswith("not identified") and verdicts[1].startswith("ridge")


def test_audit_workbook_live_values_equal_the_listed_values():
    path = COMMITTED / "factor_audit.xlsx"
    wb = openpyxl.load_workbook(path, data_only=True)
    lib = FactorLibrary.load()
    for sheet, least in (("FuelParameters", 100), ("GridFactors", 100), ("ElectricityFootprint", 20)):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        i_id, i_val, i_live = header.index("record_id"), header.index("value"), header.index("live value")
        i_status = header.index("status")
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        assert len(rows) > least
        for r in rows:
            f = lib.record(r[i_id])
            assert r[i_val] == f.value and r[i_status] == f.status
            if f.status == "withdrawn":  # never offered as a live value
                assert r[i_live].startswith("withdrawn")
            else:
                assert r[i_live] == f.value
    datasets = [r for r in wb["Datasets"].iter_rows(min_row=4, values_only=True) if r[0]]
    assert {r[0] for r in datasets} >= {"cn-fuel-parameters", "cn-grid-factors"}


def test_recalculation_fails_on_unknown_function_and_wrong_argument_count(tmp_path):
    import xlsxwriter

    for formula in ('=CARBON_NOPE("天然气")', '=CARBON_FACTOR("天然气")', '=CARBON_VERSION(1)'):
        path = tmp_path / "bad.xlsx"
        wb = xlsxwriter.Workbook(str(path))
        wb.add_worksheet("S").write_formula("A1", formula, None, 1.0)
        wb.close()
        with pytest.raises(Exception):
            recalculate(path)


def _chart_refs(path: Path) -> list[list[str]]:
    with zipfile.ZipFile(path) as z:
        names = sorted(n for n in z.namelist() if re.match(r"xl/charts/chart\d+\.xml", n))
        return [re.findall(r"<c:f>([^<]+)</c:f>", z.read(n).decode()) for n in names]


def test_charts_reference_the_right_ranges():
    io_refs = _chart_refs(COMMITTED / "io_extraction_china2017.xlsx")
    assert io_refs[0] == ["Intensity!$A$2:$A$12", "Intensity!$D$2:$D$12", "Intensity!$A$2:$A$12", "Intensity!$B$2:$B$12"]
    assert io_refs[1] == ["Table2!$A$4:$A$14", "Table2!$B$4:$B$14", "Table2!$A$4:$A$14", "Table2!$C$4:$C$14"]
    assert io_refs[2][1::2] == ["Table3!$C$4:$C$14", "Table3!$D$4:$D$14", "Table3!$E$4:$E$14"]
    wb = openpyxl.load_workbook(COMMITTED / "io_extraction_china2017.xlsx", data_only=True)
    assert [wb["Intensity"].cell(1, c).value for c in (2, 4)] == ["direct w (t CO2/10^4 yuan)", "CO2 (Mt)"]
    assert [wb["Table2"].cell(3, c).value for c in (2, 3)][0].startswith("DC")
    assert [wb["Table3"].cell(3, c).value for c in (3, 4, 5)] == ["IE", "ME", "NBL"]
    park = _chart_refs(COMMITTED / "park_inventory_ganzhou.xlsx")
    assert park[0][1::2] == ["Summary!$H$4:$H$6", "Summary!$I$4:$I$6", "Summary!$J$4:$J$6"]
    ws = openpyxl.load_workbook(COMMITTED / "park_inventory_ganzhou.xlsx", data_only=True)["Summary"]
    assert [ws.cell(3, c).value for c in (8, 9, 10)] == ["electricity 电力 (tce)", "natural gas 天然气 (tce)",
                                                          "refined oil 成品油 (tce)"]
    assert [ws.cell(r, 1).value for r in (4, 5, 6)] == [2020, 2021, 2022]


def test_each_workbook_explains_itself_in_chinese_and_english():
    for name in BUILDERS:
        ws = openpyxl.load_workbook(COMMITTED / name)["Guide"]
        text = "\n".join(str(c.value) for c in ws["A"] if c.value)
        assert "addin.carbon_udfs" in text and "Import Functions" in text
        assert re.search(r"[\u4e00-\u9fff]", text) and re.search(r"[A-Za-z]{5}", text)


def test_guangdong_workbook_reproduces_seed000():
    path = COMMITTED / "io_extraction_guangdong2017.xlsx"
    wb = openpyxl.load_workbook(path, data_only=True)
    ws = wb["Table3"]
    assert ws["B3"].value == "VIC" and ws["C3"].value == "VIC published"
    assert ws["A16"].value.startswith("largest") and ws["B16"].value <= 0.005 + 1e-9
    t2 = wb["Table2"]
    devs = [abs(t2.cell(r, 9).value) for r in range(4, 15)]
    assert max(devs) <= 0.01
    acc = wb["Accounts"]
    items = {acc.cell(r, 1).value: acc.cell(r, 2).value for r in range(4, 14)}
    assert items["production"] == pytest.approx(items["local_consumption"] + items["local_capital"] + items["exports"]
                                                 + items["outflows"] + items["discrepancy"], rel=1e-9)
    refs = _chart_refs(path)
    assert any("Table2!$D$4:$D$14" in r for r in refs) and all(any(f"Table3!${c}$4:${c}$14" in r for r in refs) for c in "EHK")


def test_sda_workbook_walks_from_2012_to_2017():
    path = COMMITTED / "sda_guangdong_2012_2017.xlsx"
    wb = openpyxl.load_workbook(path, data_only=True)
    sda = wb["SDA"]
    assert sda["A3"].value == "effect" and sda["B3"].value == "value"
    effects = {sda.cell(r, 1).value: sda.cell(r, 2).value for r in range(4, 10)}
    assert list(effects) == ["intensity", "production_structure", "demand_level", "product_mix", "category_mix",
                             "total"]
    assert all(sda.cell(r, 4).value == "current prices" for r in range(4, 10))
    years = {sda.cell(r, 1).value: sda.cell(r, 2).value for r in range(13, 15)}
    assert set(years) == {"2012", "2017"}
    assert sum(v for k, v in effects.items() if k != "total") == pytest.approx(years["2017"] - years["2012"], rel=1e-9)
    fall = wb["Waterfall"]
    steps = [[fall.cell(r, c).value for c in range(1, 8)] for r in range(4, 11)]
    assert steps[0][6] == pytest.approx(years["2012"]) and steps[-1][6] == pytest.approx(years["2017"])
    for (_, _, before, *_), (_, v, after, base, up, down, _) in zip(steps[:-1], steps[1:-1]):
        assert after == pytest.approx(before + v) and base == pytest.approx(min(before, after))
        assert up - down == pytest.approx(v) and min(up, down) == 0
    assert fall["A12"].value.startswith("check") and abs(fall["B12"].value) < 1e-9
    refs = [r for r in _chart_refs(path) if any("Waterfall!" in x for x in r)]  # the other chart is Multilevel's
    assert len(refs) == 1 and all(f"Waterfall!${c}$4:${c}$10" in refs[0] for c in "ADEFG")
    sectors = wb["Sectors"]
    header = [sectors.cell(3, c).value for c in range(1, 8)]
    assert header[0] == "sector" and header[-1] == "total"
    column = header.index("intensity") + 1
    assert sum(sectors.cell(r, column).value for r in range(4, 15)) == pytest.approx(effects["intensity"], rel=1e-9)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_workbook_does_not_ask_for_recalculation_on_opening(name):
    """No fullCalcOnLoad, and the current Excel engine's calcId (an older one makes Excel recalculate everything)."""
    with zipfile.ZipFile(COMMITTED / name) as zf:
        calc = re.search(r"<calcPr[^>]*>", zf.read("xl/workbook.xml").decode()).group(0)
    assert "fullCalcOnLoad" not in calc and 'calcId="191029"' in calc, calc


def test_spa_workbook_lists_the_core_paths_and_stages():
    from carbon_core.io.iosystem import IOSystem
    from carbon_core.io.spa import structural_paths
    from carbon_core.resolve.prepare import prepare

    wb = openpyxl.load_workbook(COMMITTED / "spa_guangdong2017.xlsx", data_only=True)
    for level, aggregate in (("S11", "s11"), ("42", None)):
        p = prepare("china-provincial-io-42/guangdong_2017", "ceads/guangdong/2017", aggregate=aggregate)
        core = structural_paths(IOSystem(p.system.Z, p.system.x), p.e.to_numpy(), max_stage=8, threshold=1e-4, top=20)
        ws = wb[f"Paths {level}"]
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=3, max_row=23, max_col=5)]
        assert rows[0] == ["rank", "stage", "path", "value", "share"]
        assert [r[2] for r in rows[1:]] == core.paths["path"].tolist()
        np.testing.assert_allclose([r[3] for r in rows[1:]], core.paths["value"], rtol=1e-12)
        stages = [[c.value for c in r] for r in ws.iter_rows(min_row=26, max_row=36, max_col=3)]
        assert stages[0][:2] == ["stage", "value"] and stages[-1][0] == "remainder"
        assert sum(r[1] for r in stages[1:]) == pytest.approx(core.total, rel=1e-12)


def test_sda_workbook_multilevel_sheet_equals_the_core():
    from addin.workbooks import multilevel_units
    from carbon_core.drivers.lmdi_multilevel import multilevel_decompose

    units = multilevel_units()
    ws = openpyxl.load_workbook(COMMITTED / "sda_guangdong_2012_2017.xlsx", data_only=True)["Multilevel"]
    blocks = [[c.value for c in r][7:13] for r in ws.iter_rows(min_row=3, max_row=17)]
    for approach, first in (("mp", 1), ("mh", 9)):  # after each block's header row
        core = multilevel_decompose(units, ["sector", "product"], energy="CO2 (Mt)", activity="output (10^4 yuan)",
                                    period="year", approach=approach)
        shown = blocks[first:first + 5]
        assert [r[2] for r in shown] == core["effect"].tolist()
        np.testing.assert_allclose([r[5] for r in shown], core["delta"], rtol=1e-12)
    assert shown[-1][5] == pytest.approx(units.loc[units.year == 2017, "CO2 (Mt)"].sum()
                                         - units.loc[units.year == 2012, "CO2 (Mt)"].sum(), rel=1e-12)


def test_park_workbook_scenarios_equal_the_core():
    from addin.workbooks import PARK_SCENARIOS
    from carbon_core.drivers.scenarios import project

    t6 = load_package("ganzhou-park-2020-2022").read("table6").sort_values("year")
    last = t6.iloc[-1]
    base = {"output": last["output_1e8yuan"], "intensity": last["co2_1e4t"] / last["output_1e8yuan"]}
    table = pd.DataFrame([[n, d, base[d], f, t, r, u] for n, paths in PARK_SCENARIOS.items() for d, f, t, r, u in paths],
                         columns=["scenario", "driver", "base", "from_year", "to_year", "annual_change_pct",
                                  "uncertainty_pct"])
    core = project(table, to_year=2060, draws=2000, seed=1)
    ws = openpyxl.load_workbook(COMMITTED / "park_inventory_ganzhou.xlsx", data_only=True)["Scenarios"]
    peaks = [[c.value for c in r][:4] for r in ws.iter_rows(min_row=18, max_row=20)]
    assert [p[0] for p in peaks] == list(PARK_SCENARIOS) and [p[1] for p in peaks] == core.peaks["peak_year"].tolist()
    np.testing.assert_allclose([p[3] for p in peaks], core.peaks["p_peak_by_2030"], rtol=1e-12)
    paths = [[c.value for c in r][9:15] for r in ws.iter_rows(min_row=4, max_row=3 + len(core.emissions))]
    np.testing.assert_allclose([p[2] for p in paths], core.emissions["emissions"], rtol=1e-12)
    assert peaks[0][2] == pytest.approx(float(last["co2_1e4t"]) * (1.06 * 0.97) ** 8, rel=1e-9)  # 2022 → 2030
