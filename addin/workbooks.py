"""Build the example workbooks (never edited by hand): ``carbon build-workbooks``.

Every add-in formula is written together with its computed result: the builder calls the
same worksheet function on the same Excel-shaped values it writes into the input cells, so
a user without the add-in sees the numbers, and recalculation with the add-in gives them
again (checked by tests/test_workbooks.py with the ``formulas`` package).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from . import carbon_udfs
from .excel import header_words
from carbon_core.io.aggregation import aggregate_table
from carbon_core.data.datasets import load_package
from carbon_core.data.package_checks import corroboration
from carbon_core.errors import InputError
from carbon_core.io.sda import EFFECT_NAMES, EFFECTS
from carbon_core.resolve.prepare import prepare, sda_between
from carbon_core.resolve.tables import (provincial_table_spec, read_ceads, read_concordance, read_io_table,
                                       read_table_spec)
from carbon_core.accounting.factors import FactorLibrary
from carbon_core.accounting.inventory import InventoryChoices, compute_inventory
from carbon_core.drivers.lmdi import kaya_factors

FIXED_TIME = _dt.datetime(2026, 1, 1)  # document properties: a fixed date keeps rebuilds identical
WORKBOOKS = ["io_extraction_china2017.xlsx", "park_inventory_ganzhou.xlsx", "factor_audit.xlsx",
             "io_extraction_guangdong2017.xlsx", "sda_guangdong_2012_2017.xlsx"]
ADDIN_SETTINGS = [
    "Add-in settings 加载项设置: xlwings add-in installed (xlwings addin install), UDF Modules = addin.carbon_udfs, "
    "then Import Functions; save the workbook as .xlsm. Recalculate with Ctrl+Alt+F9.",
    "没有加载项时也能看到数值: 文件中保存了每个公式的计算结果。装好加载项并导入函数后重新计算, 结果相同。",
    "Without the add-in the saved values remain visible; with it, recalculation gives the same values.",
]


@dataclass
class Ref:
    """A block of cells written by the builder: where it is and the values Excel would pass."""

    sheet: str
    row: int
    col: int
    rows: list

    @property
    def quoted(self) -> str:
        """The sheet name as a formula names it: quoted when it holds anything but letters, digits and _."""
        return self.sheet if self.sheet.replace("_", "").isalnum() else "'" + self.sheet.replace("'", "''") + "'"

    @property
    def address(self) -> str:
        last_r = self.row + len(self.rows) - 1
        last_c = self.col + max(len(r) for r in self.rows) - 1
        return f"{self.quoted}!{xl_rowcol_to_cell(self.row, self.col)}:{xl_rowcol_to_cell(last_r, last_c)}"

    def cell(self, r: int, c: int, absolute: bool = False) -> str:
        return f"{self.quoted}!{xl_rowcol_to_cell(self.row + r, self.col + c, absolute, absolute)}"

    def column(self, c: int, first: int = 0, absolute: bool = True) -> str:
        col = xl_col_to_name(self.col + c, absolute)
        r0, r1 = self.row + first + 1, self.row + len(self.rows)
        d = "$" if absolute else ""
        return f"{self.quoted}!{col}{d}{r0}:{col}{d}{r1}"


def _literal(v) -> str:
    if isinstance(v, Ref):
        return v.address
    if v is None:
        return '""'
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (int, float)):
        return repr(v)
    return '"' + str(v).replace('"', '""') + '"'


def _excel_value(v):
    """What a function receives for an argument: the cells' values, or "" for a skipped one."""
    if isinstance(v, Ref):
        return [list(r) for r in v.rows]
    return "" if v is None else v


#: calcId of the calculation engine of Excel 2019 and Microsoft 365 (16.0), written in workbook.xml.
EXCEL_CALC_ID = 191029

#: Folder, beside the workbooks, of their values-only copies for readers without the add-in.
VALUES_DIR = "values"


class Builder:
    """An XlsxWriter workbook plus helpers that keep formulas and cached results together."""

    def __init__(self, path: Path, title: str, values_only: bool = False):
        self.values_only = values_only  # previews: the saved values without formulas (LibreOffice shows #NAME?)
        self.wb = xlsxwriter.Workbook(str(path))
        self.wb.set_properties({"title": title, "author": "carbon build-workbooks", "created": FIXED_TIME})
        # No full recalculation on open: without the add-in Excel would replace the saved values
        # with #NAME?. Excel also recalculates everything in a file saved by an older calculation
        # engine (XlsxWriter's default calcId is Excel 2007's), so the file names the current one.
        # Calculation stays automatic; Ctrl+Alt+F9 recalculates with the add-in.
        self.wb.set_calc_mode("auto", calc_id=EXCEL_CALC_ID)
        self.wb.calc_on_load = False
        self.bold = self.wb.add_format({"bold": True})
        self.head = self.wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                        "valign": "top"})
        self.title = self.wb.add_format({"bold": True, "font_size": 13})
        self.guide_title = self.wb.add_format({"bold": True, "font_size": 13, "text_wrap": True, "valign": "top"})
        # the header of a spilled table: bold, and over a column of numbers right-aligned like them
        self.label = self.wb.add_format({"bold": True, "text_wrap": True, "valign": "bottom"})
        self.label_num = self.wb.add_format({"bold": True, "text_wrap": True, "valign": "bottom", "align": "right"})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})
        # XlsxWriter skips unformatted blanks; inside a spilled range that would leave its placeholder 0
        self.blank = self.wb.add_format({"num_format": "General"})
        self._numbers: dict[int, object] = {}
        self.percent = self.wb.add_format({"num_format": "0.00%"})
        self.num = self.number_format([1.0])  # a default for literal values written by the builders
        self.sheets = {}
        self._widths: dict[tuple[str, int], int] = {}  # characters the widest cell of a column needs
        self._paged: set[str] = set()

    # ------------------------------------------------------------------ formats and widths
    def number_format(self, values):
        """The format for a column of numbers: thousands separators, and the decimals that keep three
        significant digits of its smallest value (5.32, 0.0820, 4,971; at most six decimals)."""
        decimals = _decimals([v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)])
        if decimals not in self._numbers:
            self._numbers[decimals] = self.wb.add_format(
                {"num_format": "#,##0" + ("." + "0" * decimals if decimals else "")})
        return self._numbers[decimals]

    def _column_formats(self, rows: list, skip_first: bool) -> dict[int, object]:
        body = rows[1:] if skip_first else rows
        width = max((len(r) for r in body), default=0)
        return {j: self.number_format([r[j] for r in body if j < len(r)]) for j in range(width)}

    def _need(self, ws, col: int, v, fmt) -> None:
        """Remember the characters cell (row, col) needs, for the column widths set on closing."""
        if fmt in (self.title, self.guide_title) or v is None:
            return
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            decimals = next((d for d, f in self._numbers.items() if f is fmt), 2)
            n = len(f"{100 * float(v):.2f}%") if fmt is self.percent else len(f"{float(v):,.{decimals}f}")
        else:
            n = _display_width(str(v))
            if fmt in (self.head, self.label, self.label_num):
                n = min(n, 16)  # headers wrap
        key = (ws.name, col)
        self._widths[key] = max(self._widths.get(key, 0), min(n, 60))

    def sheet(self, name: str):
        ws = self.sheets.get(name) or self.wb.add_worksheet(name)
        self.sheets[name] = ws
        return ws

    def text(self, sheet: str, row: int, col: int, value, fmt=None) -> None:
        ws = self.sheet(sheet)
        if isinstance(value, float) and fmt is None:
            fmt = self.number_format([value])
        ws.write(row, col, value, fmt)
        self._need(ws, col, value, fmt)

    def table(self, sheet: str, row: int, col: int, rows: list, header: bool = True) -> Ref:
        ws = self.sheet(sheet)
        if header:
            ws.set_row(row, 45)  # room for wrapped bilingual headers
        formats = self._column_formats(rows, header)
        for i, r in enumerate(rows):
            for j, v in enumerate(r):
                fmt = self.head if header and i == 0 else (formats[j] if isinstance(v, float) else None)
                self._put(ws, row + i, col + j, v, fmt)
        return Ref(sheet, row, col, rows)

    def _put(self, ws, r, c, v, fmt=None):
        if v is None or v == "":
            ws.write_blank(r, c, None, fmt or self.blank)
        elif isinstance(v, bool):
            ws.write_boolean(r, c, v, fmt)
        elif isinstance(v, (int, float)):
            ws.write_number(r, c, float(v), fmt)
        else:
            ws.write_string(r, c, str(v), fmt)
        self._need(ws, c, v, fmt)

    def udf(self, sheet: str, row: int, col: int, name: str, *args) -> Ref:
        """Write ``=NAME(args)`` with its result; array results spill with every value cached."""
        raw = getattr(carbon_udfs, name).__wrapped__  # errors must stop the build, not land in a cell
        result = raw(*[_excel_value(a) for a in args])
        formula = f"={name}({', '.join(_literal(a) for a in args)})"
        ws = self.sheet(sheet)
        rows = result if isinstance(result, list) else [[result]]
        has_header = len(rows) > 1 and all(isinstance(v, str) or v is None for v in rows[0])
        formats = self._column_formats(rows, has_header)
        if has_header:  # a share (a fraction of a total) reads as a percentage
            formats.update({j: self.percent for j, h in enumerate(rows[0]) if h == "share"})
        fmt = lambda i, j, v: (formats[j] if isinstance(v, float) and not (has_header and i == 0) else None)  # noqa: E731
        if self.values_only:
            for i, r in enumerate(rows):
                for j, v in enumerate(r):
                    self._put(ws, row + i, col + j, v, self._header(rows, j, row) if i == 0 and has_header
                              else fmt(i, j, v))
        elif len(rows) == 1 and len(rows[0]) == 1:
            ws.write_formula(row, col, formula, fmt(0, 0, rows[0][0]), rows[0][0])
            self._need(ws, col, rows[0][0], fmt(0, 0, rows[0][0]))
        else:
            last_r, last_c = row + len(rows) - 1, col + len(rows[0]) - 1
            first = self._header(rows, 0, row) if has_header else fmt(0, 0, rows[0][0])
            ws.write_dynamic_array_formula(row, col, last_r, last_c, formula, first, rows[0][0])
            self._need(ws, col, rows[0][0], first)
            for i, r in enumerate(rows):
                for j, v in enumerate(r):
                    if i or j:
                        self._put(ws, row + i, col + j, v, self._header(rows, j, row) if i == 0 and has_header
                                  else fmt(i, j, v))
        return Ref(sheet, row, col, rows)

    def _header(self, rows: list, j: int, row: int):
        """The format of header cell j of a spilled table (row 0 of a sheet keeps the table style)."""
        if row == 0:
            return self.head
        numeric = any(isinstance(r[j], (int, float)) and not isinstance(r[j], bool) for r in rows[1:] if j < len(r))
        return self.label_num if numeric else self.label

    def formula(self, sheet: str, row: int, col: int, text: str, value) -> None:
        fmt = self.number_format([value]) if isinstance(value, float) else None
        if self.values_only:
            self._put(self.sheet(sheet), row, col, value, fmt)
        else:
            self.sheet(sheet).write_formula(row, col, text, fmt, value)
            self._need(self.sheet(sheet), col, value, fmt)

    def guide(self, lines: list[str]) -> None:
        ws = self.sheet("Guide")
        ws.set_column(0, 0, GUIDE_WIDTH)
        for i, line in enumerate(lines + [""] + ADDIN_SETTINGS):
            ws.write(i, 0, line, self.guide_title if i == 0 else self.wrap)
            # rows do not grow to wrapped text by themselves in every application: give each its lines
            lines_needed = max(1, -(-_display_width(line) // (GUIDE_WIDTH - 8 if i == 0 else GUIDE_WIDTH - 4)))
            ws.set_row(i, (18 if i == 0 else 15) * lines_needed + 2)
        self.page("Guide", tall=True)

    def page(self, sheet: str, tall: bool = False) -> None:
        """Print (and preview) a sheet landscape on one page, or one page wide when ``tall``."""
        ws = self.sheet(sheet)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0 if tall else 1)
        self._paged.add(sheet)

    def close(self) -> None:
        for name, ws in self.sheets.items():
            if name != "Guide":
                for (sheet, col), chars in self._widths.items():
                    if sheet == name:
                        pixels = int((chars + 2) * ws.max_digit_width + 0.5) + ws.cell_padding
                        info = ws.col_info.get(col)
                        if info is None or info.width is None or info.width < pixels:
                            ws.set_column_pixels(col, col, pixels)
            if name not in self._paged:  # every other sheet prints one page wide, landscape, on A4
                self.page(name, tall=True)
        self.wb.close()


#: Width of the Guide sheet's column, in characters.
GUIDE_WIDTH = 100


def _display_width(text: str) -> int:
    """Characters a text needs in a cell: CJK characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _decimals(values) -> int:
    """Decimals that keep three significant digits of the smallest value that counts (above a
    millionth of the largest); whole numbers get none; at most six."""
    import math

    magnitudes = [abs(float(v)) for v in values if math.isfinite(float(v))]
    if magnitudes and all(float(v).is_integer() for v in magnitudes):
        return 0
    top = max(magnitudes, default=0.0)
    small = [m for m in magnitudes if m > 1e-6 * top]
    if not small:
        return 2
    return max(0, min(6, 2 - math.floor(math.log10(min(small)))))


# --------------------------------------------------------------------------- 1
def build_io(path: Path, values_only: bool = False) -> None:
    table = read_io_table("china-io-42/io_2017")
    mapping, names = read_concordance()
    agg = aggregate_table(table.Z, table.x, mapping, order=list(names.index))
    e = read_ceads("china", "s11")
    codes = list(agg["Z"].index)
    b = Builder(path, "China 2017, S1-S11: hypothetical extraction of CO2", values_only)
    b.guide([
        "中国2017年投入产出表(42部门→11部门, 种子文献000表1) 与 CEADs 2017 CO2: 假设抽取法 / China 2017 IO table "
        "(42 products → S1-S11, seed 000 Table 1) with CEADs 2017 CO2: hypothetical extraction",
        "Inputs: Z (10^4 yuan, A1:L12 with labels), x (10^4 yuan), CO2 (Mt) and CO2 (t). Sources: National Bureau of "
        "Statistics of China (IO table 2017, package china-io-42); Shan et al. 2020 Sci. Data 7:54 (CEADs, package "
        "ceads-co2-2017); concordance: package concordance-io42-s11.",
        "Intensity: direct w = e/x and complete m = w'L in t CO2 per 10^4 yuan (cf. seed 000 Fig. 1).",
        "HEM: IE, ME, NBL, NFL, VIC, DC, NT, BL, FL, TL for every sector (Mt CO2). Table2 / Table3: seed 000 Tables 2-3 "
        "layout; Groups: four sector groups, each extracted against the rest.",
        "Note: CEADs scope 1 puts power-plant emissions in S7; seed 000 counts end-use energy, so S7 differs from the seed.",
        "说明: 输入在 Inputs 表; 结果公式调用 CARBON_* 函数; 表2、表3 的版式与种子文献000一致。",
    ])
    refs = _io_inputs(b, agg, e, codes, names)
    labels = [f"{c} {names.loc[c, 'name_zh']}" for c in codes]
    _io_intensity(b, refs, labels)
    hem = _IOHem(b.udf("HEM", 2, 0, "CARBON_HEM", refs.Z, refs.x, refs.e_mt))
    b.text("HEM", 0, 0, "Hypothetical extraction, every sector (Mt CO2) 假设抽取法", b.title)
    b.sheet("HEM").set_column(0, 10, 12)
    _io_table2(b, hem, labels)
    _io_table3(b, hem, labels)
    _io_groups(b, refs, codes)
    b.close()


@dataclass
class _IOInputs:
    """Where the inputs of the extraction workbook sit, for the formulas that use them."""

    Z: Ref
    x: Ref
    e_mt: Ref
    e_t: Ref


def _io_inputs(b: Builder, agg, e, codes: list, names) -> _IOInputs:
    """Sheet Inputs: Z, x, CO2 in Mt as published and in t by formula, with the sector names."""
    header = [None] + codes + [None, "x (10^4 yuan)", "CO2 (Mt)", "CO2 (t)", "名称", "Name"]
    rows = [header]
    for i, c in enumerate(codes):
        rows.append([c] + [float(v) for v in agg["Z"].iloc[i]] + [None, float(agg["x"].iloc[i]), float(e[c]), None,
                                                                      names.loc[c, "name_zh"], names.loc[c, "name_en"]])
    b.table("Inputs", 0, 0, rows)
    n = len(codes)
    et_rows = []
    for i in range(n):
        value = float(e[codes[i]]) * 1000000
        b.formula("Inputs", i + 1, 15, f"=O{i + 2}*1000000", value)
        et_rows.append([value])
    b.sheet("Inputs").set_column(16, 17, 24)
    return _IOInputs(Z=Ref("Inputs", 0, 0, [r[: n + 1] for r in rows]),
                     x=Ref("Inputs", 1, 13, [[r[13]] for r in rows[1:]]),
                     e_mt=Ref("Inputs", 1, 14, [[r[14]] for r in rows[1:]]),
                     e_t=Ref("Inputs", 1, 15, et_rows))


def _io_intensity(b: Builder, refs: _IOInputs, labels: list) -> None:
    """Sheet Intensity: direct and complete intensity by formula, with the seed's Fig. 1 as a chart."""
    n = len(labels)
    b.table("Intensity", 0, 0, [["sector 部门", "direct w (t CO2/10^4 yuan)", "complete m (t CO2/10^4 yuan)", "CO2 (Mt)"]])
    for i, lab in enumerate(labels):
        b.text("Intensity", i + 1, 0, lab)
        b.formula("Intensity", i + 1, 3, f"=Inputs!O{i + 2}", refs.e_mt.rows[i][0])
    b.udf("Intensity", 1, 1, "CARBON_INTENSITY", refs.e_t, refs.x)
    b.udf("Intensity", 1, 2, "CARBON_INTENSITY", refs.e_t, refs.x, refs.Z, "complete")
    b.sheet("Intensity").set_column(0, 0, 28)
    b.sheet("Intensity").set_column(1, 3, 18)
    chart = b.wb.add_chart({"type": "column"})
    chart.add_series({"name": "CO2 (Mt)", "categories": f"=Intensity!$A$2:$A${n + 1}", "values": f"=Intensity!$D$2:$D${n + 1}"})
    line = b.wb.add_chart({"type": "line"})
    line.add_series({"name": "direct intensity (t CO2/10^4 yuan)", "categories": f"=Intensity!$A$2:$A${n + 1}",
                     "values": f"=Intensity!$B$2:$B${n + 1}", "y2_axis": True, "marker": {"type": "circle"}})
    chart.combine(line)
    chart.set_title({"name": "CO2 and intensity by sector 行业排放与强度 (cf. seed 000 Fig. 1)"})
    chart.set_y_axis({"name": "CO2 (Mt)"})
    line.set_y2_axis({"name": "t CO2 / 10^4 yuan"})
    chart.set_size({"width": 900, "height": 420})
    b.sheet("Intensity").insert_chart("F2", chart)
    b.page("Intensity")


class _IOHem:
    """The spilled CARBON_HEM table: a formula pointing at one measure of one sector, and its value."""

    def __init__(self, ref: Ref):
        self.ref, self.cols = ref, ref.rows[0]

    def formula(self, i: int, measure: str) -> str:
        return f"=HEM!{xl_rowcol_to_cell(self.ref.row + 1 + i, self.ref.col + self.cols.index(measure))}"

    def value(self, i: int, measure: str) -> float:
        return self.ref.rows[1 + i][self.cols.index(measure)]


def _io_table2(b: Builder, hem: _IOHem, labels: list) -> None:
    """Sheet Table2: seed 000 Table 2 (direct, vertically integrated, transfer), with its Fig. 2."""
    n = len(labels)
    b.text("Table2", 0, 0, "Emission transfer 碳转移情况 (seed 000 Table 2 layout), Mt CO2", b.title)
    b.table("Table2", 2, 0, [["sector 部门", "DC direct 直接 (Mt)", "VIC vertically integrated 纵向集成 (Mt)",
                              "NT transfer 转移量 (Mt)", "NT/DC 转移量占比 (%)"]])
    for i, lab in enumerate(labels):
        r = 3 + i
        dc, vic = hem.value(i, "DC"), hem.value(i, "VIC")
        b.text("Table2", r, 0, lab)
        b.formula("Table2", r, 1, hem.formula(i, "DC"), dc)
        b.formula("Table2", r, 2, hem.formula(i, "VIC"), vic)
        b.formula("Table2", r, 3, f"=B{r + 1}-C{r + 1}", dc - vic)
        b.formula("Table2", r, 4, f"=D{r + 1}/B{r + 1}*100", (dc - vic) / dc * 100)
    b.sheet("Table2").set_column(0, 0, 28)
    b.sheet("Table2").set_column(1, 4, 18)
    fig2 = b.wb.add_chart({"type": "column"})
    for col, name in (("B", "DC 直接"), ("C", "VIC 纵向集成")):
        fig2.add_series({"name": name, "categories": f"=Table2!$A$4:$A${3 + n}", "values": f"=Table2!${col}$4:${col}${3 + n}"})
    fig2.set_title({"name": "Direct vs vertically integrated CO2 (cf. seed 000 Fig. 2)"})
    fig2.set_y_axis({"name": "Mt CO2"})
    fig2.set_size({"width": 900, "height": 420})
    b.sheet("Table2").insert_chart("G3", fig2)
    b.page("Table2")


def _io_table3(b: Builder, hem: _IOHem, labels: list) -> None:
    """Sheet Table3: seed 000 Table 3 (VIC = IE + ME + NBL, NFL, DC) with totals and a stacked chart."""
    n = len(labels)
    b.text("Table3", 0, 0, "Decomposition of vertically integrated emissions 内部特征分解 (seed 000 Table 3 layout), Mt CO2",
           b.title)
    measures = ["VIC", "IE", "ME", "NBL", "NFL", "DC"]
    b.table("Table3", 2, 0, [["sector 部门"] + measures])
    for i, lab in enumerate(labels):
        b.text("Table3", 3 + i, 0, lab)
        for j, m in enumerate(measures):
            b.formula("Table3", 3 + i, 1 + j, hem.formula(i, m), hem.value(i, m))
    b.text("Table3", 3 + n, 0, "Total 总计", b.bold)
    for j, m in enumerate(measures):
        col = xl_col_to_name(1 + j)
        b.formula("Table3", 3 + n, 1 + j, f"=SUM({col}4:{col}{3 + n})", float(sum(hem.value(i, m) for i in range(n))))
    b.sheet("Table3").set_column(0, 0, 28)
    b.sheet("Table3").set_column(1, 6, 14)
    fig3 = b.wb.add_chart({"type": "bar", "subtype": "stacked"})
    for m in ["IE", "ME", "NBL"]:
        col = xl_col_to_name(1 + measures.index(m))
        fig3.add_series({"name": m, "categories": f"=Table3!$A$4:$A${3 + n}", "values": f"=Table3!${col}$4:${col}${3 + n}"})
    fig3.set_title({"name": "VIC = IE + ME + NBL by sector"})
    fig3.set_size({"width": 900, "height": 480})
    b.sheet("Table3").insert_chart("I3", fig3)
    b.page("Table3")


#: The sector groups of the extraction workbook (seed 000 discusses groups of linked sectors).
IO_GROUPS = {"S1": "Primary & mining 农业与采掘", "S2": "Primary & mining 农业与采掘",
             "S3": "Light & machinery 轻工与装备", "S4": "Light & machinery 轻工与装备",
             "S6": "Light & machinery 轻工与装备", "S5": "Heavy industry & power 重化工与电力",
             "S7": "Heavy industry & power 重化工与电力", "S8": "Construction & services 建筑与服务",
             "S9": "Construction & services 建筑与服务", "S10": "Construction & services 建筑与服务",
             "S11": "Construction & services 建筑与服务"}


def _io_groups(b: Builder, refs: _IOInputs, codes: list) -> None:
    """Sheet Groups: the group table and CARBON_HEM of each group against the rest."""
    b.text("Groups", 0, 0, "Group extraction: each group against the rest (Mt CO2) 部门群抽取", b.title)
    b.table("Groups", 2, 0, [["sector 部门", "group 部门群"]])
    grp = b.table("Groups", 3, 0, [[c, IO_GROUPS[c]] for c in codes], header=False)
    b.udf("Groups", 2, 3, "CARBON_HEM", refs.Z, refs.x, refs.e_mt, grp)
    b.sheet("Groups").set_column(0, 0, 10)
    b.sheet("Groups").set_column(1, 1, 32)
    b.sheet("Groups").set_column(3, 3, 32)


# --------------------------------------------------------------------------- 2
def build_park(path: Path, values_only: bool = False) -> None:
    pkg = load_package("ganzhou-park-2020-2022")
    activity = pkg.read("activity")
    t6 = pkg.read("table6")
    b = Builder(path, "Ganzhou park 2020-2022: inventory, structure, STIRPAT, LMDI", values_only)
    b.guide([
        "赣州经开区 2020—2022 碳排放核算 (种子文献003) / Ganzhou ETDZ 2020-2022 park inventory (seed 003)",
        "Activity: reconstructed activity lines (electricity kWh, natural gas m3, refined oil t) — a RECONSTRUCTION from "
        "seed 003 Table 6 (energy total, electricity share, gas about 12%) and Table 4, not published statistics "
        "(package ganzhou-park-2020-2022).",
        "Factors: seed 003's own parameters (family SEED003: Table 5; 0.581 tCO2/MWh; Table 4 coefficients) with sources.",
        "Inventory: one row per line (scope, heat, factor, record, t CO2, tce). Summary: CO2 by year against Table 6, "
        "intensity in t per 10^4 yuan (output in 10^8 yuan), energy structure and chart.",
        "STIRPAT: Table 6 regression — 'not identified' (3 years, 5 parameters, a driver that never changes): the seed's "
        "R² = 1 is automatic. Ridge below. LMDI: Kaya decomposition of the CO2 change 2020 → 2022.",
        "Scenarios: three ILLUSTRATIVE driver paths to 2060 from 2022's output (Table 6, 10^8 yuan) and CO2 intensity "
        "(t per 10^4 yuan), with the uncertainty of each period's annual change; =CARBON_SCENARIO gives the median and "
        "95% band (2,000 draws, seed 1), =CARBON_PEAK the peak year and the probability of peaking by 2030; fan chart. "
        "The rates are assumptions for the example, not published projections.",
        "说明: 本工作簿由 carbon build-workbooks 生成, 请勿手工修改。",
    ])
    lines = _park_activity(b, activity)
    lib = FactorLibrary.load()
    _park_factors(b, lib)
    inv = _park_inventory(b, lines)
    _park_summary(b, inv, t6)
    _park_stirpat(b, t6)
    _park_lmdi(b, activity, lib, t6)
    _park_scenarios(b, t6)
    b.close()


def _park_activity(b: Builder, activity) -> Ref:
    """Sheet Activity: the reconstructed activity lines, as the inventory reads them."""
    cols = ["entity", "period", "category", "activity", "quantity", "unit"]
    rows = [cols] + [[r[c] if c != "period" else float(r[c]) for c in cols] for r in activity.to_dict("records")]
    lines = b.table("Activity", 0, 0, rows)
    b.sheet("Activity").set_column(0, 0, 24)
    b.sheet("Activity").set_column(1, 5, 14)

    return lines


def _park_factors(b: Builder, lib: FactorLibrary) -> None:
    """Sheet Factors: each factor the inventory uses, by CARBON_FACTOR, with its record and source."""
    b.table("Factors", 0, 0, [["factor 因子", "value 数值", "unit 单位", "record id 记录", "source 来源"]])
    factor_rows = [
        ("天然气 NCV 平均低位发热量", "天然气", "ncv", "SEED003"),
        ("天然气 carbon content 单位热值含碳量", "天然气", "carbon_content_per_heat", "SEED003"),
        ("天然气 oxidation 碳氧化率", "天然气", "oxidation_rate", "SEED003"),
        ("成品油 NCV 平均低位发热量", "成品油", "ncv", "SEED003"),
        ("成品油 carbon content 单位热值含碳量", "成品油", "carbon_content_per_heat", "SEED003"),
        ("成品油 oxidation 碳氧化率", "成品油", "oxidation_rate", "SEED003"),
        ("外购电力 grid factor 电网排放因子", "SEED003-GRID-0.581", "record", None),
        ("外购电力 coal equivalent 折标系数", "外购电力", "coal_equivalent", "SEED003"),
        ("天然气 coal equivalent 折标系数", "天然气", "coal_equivalent", "SEED003"),
        ("成品油 coal equivalent 折标系数", "成品油", "coal_equivalent", "SEED003"),
    ]
    for i, (label, name, param, family) in enumerate(factor_rows):
        f = lib.lookup(name, param, family)
        b.text("Factors", 1 + i, 0, label)
        args = ("CARBON_FACTOR", name, param) + ((family,) if family else ())
        b.udf("Factors", 1 + i, 1, *args)
        b.text("Factors", 1 + i, 2, f.unit)
        b.text("Factors", 1 + i, 3, f.record_id)
        b.udf("Factors", 1 + i, 4, "CARBON_SOURCE", Ref("Factors", 1 + i, 3, [[f.record_id]]))
    b.text("Factors", 13, 0, "Full provenance of one factor 因子完整来源:", b.bold)
    b.udf("Factors", 14, 0, "CARBON_FACTOR_INFO", "天然气", "ncv", "SEED003")
    b.sheet("Factors").set_column(0, 0, 34)
    b.sheet("Factors").set_column(1, 3, 22)
    b.sheet("Factors").set_column(4, 4, 90)



def _park_inventory(b: Builder, lines: Ref) -> Ref:
    """Sheet Inventory: CARBON_INVENTORY over the activity lines with the seed's own parameters."""
    b.text("Inventory", 0, 0, "Inventory 碳排放清单 (family SEED003, grid SEED003-GRID-0.581, coal equivalent SEED003)",
           b.title)
    inv = b.udf("Inventory", 2, 0, "CARBON_INVENTORY", lines, "SEED003", None, None, "SEED003-GRID-0.581", "SEED003")
    b.sheet("Inventory").set_column(0, 14, 13)
    return inv


def _park_summary(b: Builder, inv: Ref, t6) -> None:
    """Sheet Summary: by year, CO2 by formula against Table 6, intensity, energy structure and chart."""
    head = inv.rows[0]

    def at(name):  # the spilled header shows keys in words (activity_id → activity id)
        return head.index(header_words(name))

    def cell(i, name):
        return xl_rowcol_to_cell(inv.row + 1 + i, inv.col + at(name))

    b.text("Summary", 0, 0, "By year 按年份: CO2 against seed 003 Table 6, intensity and energy structure", b.title)
    b.table("Summary", 2, 0, [["year 年份", "CO2 computed (t)", "CO2 Table 6 (t; printed in 10^4 t)", "difference (%)",
                               "output 工业总产值 (10^8 yuan)", "intensity 强度 (t/10^4 yuan)", "energy 能耗 (tce)",
                               "electricity 电力 (tce)", "natural gas 天然气 (tce)", "refined oil 成品油 (tce)",
                               "electricity share 电力占比 (%)", "scope 1 范围一 (t CO2)", "scope 2 范围二 (t CO2)"]])
    body = inv.rows[1:]
    for k, year in enumerate(sorted({r[at("period")] for r in body})):
        r = 3 + k
        idx = [i for i, row in enumerate(body) if row[at("period")] == year]
        co2 = sum(body[i][at("tCO2")] for i in idx)
        t6row = t6[t6["year"] == int(year)].iloc[0]
        by = {body[i][at("activity_id")]: i for i in idx}
        tce = {a: body[i][at("tce")] for a, i in by.items()}
        total_tce = sum(tce.values())
        b.text("Summary", r, 0, int(year))
        b.formula("Summary", r, 1, "=" + "+".join(f"Inventory!{cell(i, 'tCO2')}" for i in idx), co2)
        printed = float(t6row["co2_1e4t"])  # one unit per table: the printed figure, times 10^4, in the formula
        b.formula("Summary", r, 2, f"={printed!r}*10000", printed * 10000)
        b.formula("Summary", r, 3, f"=(B{r + 1}/C{r + 1}-1)*100", (co2 / (printed * 10000) - 1) * 100)
        b.text("Summary", r, 4, float(t6row["output_1e8yuan"]))
        b.formula("Summary", r, 5, f"=B{r + 1}/(E{r + 1}*10000)", co2 / (float(t6row["output_1e8yuan"]) * 10000))
        b.formula("Summary", r, 6, f"=H{r + 1}+I{r + 1}+J{r + 1}", total_tce)
        for j, a in enumerate(["electricity", "natural_gas", "refined_oil_kerosene"]):
            b.formula("Summary", r, 7 + j, f"=Inventory!{cell(by[a], 'tce')}", tce[a])
        b.formula("Summary", r, 10, f"=H{r + 1}/G{r + 1}*100", tce["electricity"] / total_tce * 100)
        for j, scope in enumerate((1.0, 2.0)):
            in_scope = [i for i in idx if body[i][at("scope")] == scope]
            b.formula("Summary", r, 11 + j, "=" + ("+".join(f"Inventory!{cell(i, 'tCO2')}" for i in in_scope) or "0"),
                      float(sum(body[i][at("tCO2")] for i in in_scope)))
    b.sheet("Summary").set_column(0, 12, 16)
    chart = b.wb.add_chart({"type": "column", "subtype": "stacked"})
    for col, name in (("H", "electricity 电力"), ("I", "natural gas 天然气"), ("J", "refined oil 成品油")):
        chart.add_series({"name": name, "categories": "=Summary!$A$4:$A$6", "values": f"=Summary!${col}$4:${col}$6"})
    chart.set_title({"name": "Energy structure 用能结构 (tce)"})
    chart.set_size({"width": 720, "height": 400})
    b.sheet("Summary").insert_chart("B9", chart)
    b.page("Summary")



def _park_stirpat(b: Builder, t6) -> None:
    """Sheet STIRPAT: the seed's regression (not identified, said so) and the ridge alternative."""
    cols6 = ["year", "co2_1e4t", "output_1e8yuan", "energy_1e4tce", "electricity_share_pct", "industry_share_pct"]
    data6 = b.table("STIRPAT", 0, 0, [cols6] + [[float(r[c]) for c in cols6] for r in t6.to_dict("records")])
    b.text("STIRPAT", 5, 0, "OLS on logarithms (seed 003 eq. 8):", b.bold)
    b.udf("STIRPAT", 6, 0, "CARBON_STIRPAT", data6, "co2_1e4t",
          "output_1e8yuan,energy_1e4tce,electricity_share_pct,industry_share_pct")
    b.text("STIRPAT", 24, 0, "Ridge regression (λ = 1) on standardized logarithms, without the constant driver:", b.bold)
    b.udf("STIRPAT", 25, 0, "CARBON_STIRPAT", data6, "co2_1e4t", "output_1e8yuan,energy_1e4tce,electricity_share_pct", 1.0)
    b.sheet("STIRPAT").set_column(0, 0, 28)
    b.sheet("STIRPAT").set_column(1, 5, 16)



#: Illustrative annual changes (%, ± half the 95% interval) of the park's output and CO2 intensity by period.
PARK_SCENARIOS = {
    "baseline 基准": [("output", 2023, 2030, 6.0, 1.0), ("output", 2031, 2060, 3.5, 1.0),
                      ("intensity", 2023, 2030, -3.0, 1.5), ("intensity", 2031, 2060, -4.0, 1.5)],
    "low-carbon 低碳": [("output", 2023, 2030, 6.0, 1.0), ("output", 2031, 2060, 3.5, 1.0),
                       ("intensity", 2023, 2027, -5.0, 1.5), ("intensity", 2028, 2060, -6.5, 1.5)],
    "enhanced 强化": [("output", 2023, 2030, 5.5, 1.0), ("output", 2031, 2060, 3.0, 1.0),
                     ("intensity", 2023, 2025, -6.0, 1.5), ("intensity", 2026, 2060, -9.0, 1.5)],
}


def _park_scenarios(b: Builder, t6) -> None:
    """Sheet Scenarios: driver paths from 2022, CARBON_SCENARIO and CARBON_PEAK, and a fan chart."""
    ws = "Scenarios"
    last = t6.sort_values("year").iloc[-1]
    base = {"output": float(last["output_1e8yuan"]), "intensity": float(last["co2_1e4t"]) / float(last["output_1e8yuan"])}
    b.text(ws, 0, 0, f"Scenarios to 2060 from {int(last['year'])} (ILLUSTRATIVE rates): CO2 = output (10^8 yuan) × "
                     "intensity (10^4 t per 10^8 yuan), in 10^4 t 情景", b.title)
    header = ["scenario", "driver", "base", "from_year", "to_year", "annual_change_pct", "uncertainty_pct"]
    rows = [header] + [[name, d, base[d], float(f), float(t), r, u] for name, paths in PARK_SCENARIOS.items()
                       for d, f, t, r, u in paths]
    data = b.table(ws, 2, 0, rows)
    peaks_row = 2 + len(rows) + 1
    b.text(ws, peaks_row - 1, 0, "Peak of each scenario 达峰", b.bold)
    peaks = b.udf(ws, peaks_row, 0, "CARBON_PEAK", data, 2060.0, 2000.0, 1.0, 2030.0)
    col = 9
    paths = b.udf(ws, 2, col, "CARBON_SCENARIO", data, 2060.0, 2000.0, 1.0)
    head = paths.rows[0]
    chart = b.wb.add_chart({"type": "line"})
    colours = ["#4F81BD", "#9BBB59", "#C0504D"]
    for k, name in enumerate(PARK_SCENARIOS):
        idx = [i for i, r in enumerate(paths.rows) if r[0] == name]
        first, end = paths.row + idx[0], paths.row + idx[-1]
        cats = [ws, first, col + head.index("year"), end, col + head.index("year")]
        for what, dash, width in (("emissions", None, 2.25), ("lower", "dash", 1), ("upper", "dash", 1)):
            line = {"color": colours[k], "width": width, **({"dash_type": dash} if dash else {})}
            chart.add_series({"name": f"{name} {'median' if what == 'emissions' else what}", "categories": cats,
                              "values": [ws, first, col + head.index(what), end, col + head.index(what)],
                              "line": line})
    chart.set_title({"name": "CO2 to 2060, median and 95% band (10^4 t; illustrative)"})
    chart.set_y_axis({"name": "10^4 t CO2"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 820, "height": 460})
    b.sheet(ws).insert_chart(peaks.row + len(peaks.rows) + 2, 0, chart)
    b.page(ws, tall=True)


def _park_lmdi(b: Builder, activity, lib: FactorLibrary, t6) -> None:
    """Sheet LMDI: the Kaya factors by carrier and the additive and multiplicative decompositions 2020 → 2022."""
    res = compute_inventory(activity, lib, InventoryChoices(family="SEED003", coal_equivalent_family="SEED003",
                                                            grid_record="SEED003-GRID-0.581"))
    lines_df = res.lines.assign(output=res.lines["period"].map(t6.set_index("year")["output_1e8yuan"]))
    kaya = kaya_factors(lines_df.rename(columns={"activity_id": "carrier", "tce": "energy", "tCO2": "emissions"}))
    kaya = kaya[kaya["period"].isin([2020, 2022])]
    kcols = ["period", "subcategory", "output", "energy_intensity", "energy_structure", "emission_factor"]
    b.text("LMDI", 0, 0, "Kaya identity: CO2 = Σ output × energy/output × carrier share × CO2/energy "
                         "(output 10^8 yuan, energy tce, CO2 t)", b.title)
    kref = b.table("LMDI", 2, 0, [kcols] + [[float(v) if not isinstance(v, str) else v for v in r]
                                           for r in kaya[kcols].itertuples(index=False)])
    factors = "output,energy_intensity,energy_structure,emission_factor"
    b.text("LMDI", 10, 0, "Additive LMDI-I, 2020 → 2022 (t CO2):", b.bold)
    b.udf("LMDI", 11, 0, "CARBON_LMDI", kref, factors, "period", "subcategory", "fixed", "additive")
    b.text("LMDI", 14, 0, "Multiplicative LMDI-I, 2020 → 2022 (ratios):", b.bold)
    b.udf("LMDI", 15, 0, "CARBON_LMDI", kref, factors, "period", "subcategory", "fixed", "multiplicative")
    b.sheet("LMDI").set_column(0, 5, 20)


# --------------------------------------------------------------------------- 3
#: The packages of factor values, whose rows carry provenance.
FACTOR_PACKAGES = ("cn-fuel-parameters", "cn-grid-factors", "cn-electricity-footprint", "cn-coal-equivalent",
                   "gwp-values", "ipcc2006-energy-defaults")


def build_audit(path: Path, values_only: bool = False) -> None:
    lib = FactorLibrary.load()
    b = Builder(path, "Factor audit: packages, provenance, conflicts", values_only)
    b.guide([
        "因子审计 / Factor audit",
        "Datasets: the packages in use with versions and descriptor hashes (CARBON_DATASETS).",
        "FuelParameters, GridFactors, ElectricityFootprint: every value with its source, location, verification level, "
        "status (current / superseded / withdrawn) and successor; the column 'live value' re-reads each record "
        "through the add-in (CARBON_FACTOR with parameter \"record\"); withdrawn rows have no live value.",
        "ElectricityFootprint: the life-cycle factors (kgCO2e/kWh) of the MEE/NBS/NEA notices, for product "
        "footprints only — never scope-2 CO2 grid factors (CARBON_ELECTRICITY_FOOTPRINT).",
        "Conflicts: the same quantity with different values across sources or families, compared in one unit; "
        "KnownConflicts: curated explanations and recommendations (two parameter families, seed 003's swapped "
        "oxidation rates, the two '2022' grid factors, GWP editions).",
        "Provenance: for every row of the six factor packages, its source, the text its value was read in "
        "(read_from), the corroborators, which of them are independent (not the source, not the text read, not a "
        "copy of it, not from the same repository or site) and why the others are not, the level and status.",
        "Verification levels: document_copy (read in a copy of the primary document), official_db_projection, "
        "corroborated_multi (two independent corroborators), "
        "secondary_single, secondary_inferred, seed_document, derived. Values known only from memory are not shipped.",
    ])
    b.text("Datasets", 0, 0, "Data packages in use 数据包", b.title)
    b.udf("Datasets", 2, 0, "CARBON_DATASETS")
    b.sheet("Datasets").set_column(0, 5, 24)

    for sheet, kind, cols in (
        ("FuelParameters", "fuel_parameters", ["record_id", "family_id", "fuel_id", "fuel_name_as_printed", "parameter",
                                               "value", "unit", "source_id", "location", "verification", "status",
                                               "superseded_by"]),
        ("GridFactors", "grid_factors", ["record_id", "factor_type", "region_zh", "region_en", "data_year", "value",
                                         "unit", "source_id", "location", "verification", "status", "superseded_by"]),
        ("ElectricityFootprint", "electricity_footprint", ["record_id", "item_id", "data_year", "value", "unit",
                                                           "source_id", "location", "verification", "corroborated_by",
                                                           "status", "superseded_by"]),
    ):
        frame = lib._rows[kind]
        rows = [cols + ["live value"]]
        for r in frame[cols].itertuples(index=False):
            rows.append([("" if (isinstance(v, float) and v != v) else (float(v) if isinstance(v, (int, float)) else v))
                         for v in r])
        b.table(sheet, 0, 0, [rows[0]])
        data = b.table(sheet, 1, 0, [r for r in rows[1:]], header=False)
        for i in range(len(rows) - 1):
            if data.rows[i][cols.index("status")] == "withdrawn":  # kept for the record; never a live value
                b.text(sheet, 1 + i, len(cols), "withdrawn 已撤回 (see CARBON_FACTOR_INFO)")
                continue
            b.udf(sheet, 1 + i, len(cols), "CARBON_FACTOR", Ref(sheet, 1 + i, 0, [[data.rows[i][0]]]), "record")
        b.sheet(sheet).set_column(0, len(cols), 16)
        b.sheet(sheet).set_column(cols.index("location"), cols.index("location"), 40)

    # every value row: the text it was read in, its corroborators and which of them are independent
    prov = pd.concat([corroboration(load_package(name)).assign(package=name) for name in FACTOR_PACKAGES],
                     ignore_index=True)
    pcols = ["package", "record_id", "source_id", "read_from", "corroborated_by", "independent", "not_independent",
             "verification", "status"]
    b.text("Provenance", 0, 0, "Source, text read, corroboration and independence 来源与独立佐证", b.title)
    b.table("Provenance", 2, 0, [pcols] + [[("" if v is None or v != v else v) for v in r]
                                           for r in prov[pcols].itertuples(index=False)])
    b.sheet("Provenance").set_column(0, 8, 18)
    b.sheet("Provenance").set_column(6, 6, 60)

    conflicts = lib.conflicts()
    ccols = ["package", "quantity", "record_id", "family", "value", "unit", "common value", "common unit", "spread (%)",
             "source_id", "verification"]
    b.text("Conflicts", 0, 0, "Same quantity, different values 同一参数不同取值", b.title)
    b.table("Conflicts", 2, 0, [ccols] + [[float(v) if isinstance(v, (int, float)) else ("" if v is None else v)
                                           for v in r] for r in conflicts[ccols].itertuples(index=False)])
    b.sheet("Conflicts").set_column(0, 10, 16)
    b.sheet("Conflicts").set_column(1, 1, 40)
    b.page("Conflicts", tall=True)

    notes = lib.conflict_notes()
    ncols = ["record_id", "topic", "item", "parameter", "record_a", "value_a", "record_b", "value_b",
             "likely_explanation", "recommendation"]
    b.text("KnownConflicts", 0, 0, "Known conflicts explained 已知冲突说明 (package factor-conflict-notes)", b.title)
    b.table("KnownConflicts", 2, 0, [ncols] + [[("" if v is None else v) for v in r]
                                               for r in notes[ncols].itertuples(index=False)])
    b.sheet("KnownConflicts").set_column(0, 7, 14)
    b.sheet("KnownConflicts").set_column(8, 9, 60)
    b.close()


# --------------------------------------------------------------------------- 4
def build_guangdong(path: Path, values_only: bool = False) -> None:
    """Seed 000 reproduced from Guangdong's official 2017 table, with the published values beside."""
    published = load_package("seed000-guangdong-energy-2017").read("published_tables").set_index("s11_code")
    energy = load_package("seed000-guangdong-energy-2017").read("direct_energy").set_index("s11_code")
    b = Builder(path, "Guangdong 2017: seed 000 Tables 2-3 reproduced from the official IO table", values_only)
    b.guide([
        "广东省2017年投入产出表 → 11部门, 剥离进口及调入, 种子文献000表2—表3的复现 / Seed 000 reproduced: Guangdong's "
        "official 2017 IO table, S1-S11, imports and inflows removed",
        "Table: the official table as published (广东省统计局《2017年广东省投入产出表》, package china-provincial-io-42, "
        "fetched with CARBON_IOTABLE and aggregated to S1-S11 by seed 000 Table 1), 10^4 yuan: Z, x, TFU, IM, IF.",
        "Domestic: CARBON_DOMESTIC removes imports and inflows from each supplying row in proportion to its use, "
        "μ = (IM+IF)/(TIU+TFU), after aggregation (as seed 000 did); the shares μ beside.",
        "Energy: seed 000 Table 2 direct energy use by sector (10^4 tce, package seed000-guangdong-energy-2017).",
        "HEM: all ten measures (10^4 tce). Table2 / Table3: computed next to the published values and the deviation "
        "(the seed prints two decimals). Accounts: CARBON_ACCOUNTS with CEADs Guangdong 2017 CO2 (Mt).",
        "说明: 本工作簿由 carbon build-workbooks 生成, 请勿手工修改。偏差列 = 计算值 − 发表值。",
    ])
    Z, x, Zd = _gd_tables(b)
    codes = [r[0] for r in Z.rows[1:]]
    e = _gd_energy(b, energy, codes)
    hem = _IOHem(b.udf("HEM", 2, 0, "CARBON_HEM", Zd, x, e))
    b.text("HEM", 0, 0, "Hypothetical extraction, every sector (10^4 tce) 假设抽取法", b.title)
    b.sheet("HEM").set_column(0, 10, 12)
    labels = [f"{c} {energy.loc[c, 'name_zh']}" for c in codes]
    _gd_table2(b, hem, labels, codes, published)
    _gd_table3(b, hem, labels, codes, published)
    _gd_accounts(b)
    b.close()


def _gd_tables(b: Builder) -> tuple[Ref, Ref, Ref]:
    """Sheets Table and Domestic: the official table by CARBON_IOTABLE, and Z_d with the shares μ."""
    b.text("Table", 0, 0, "Guangdong 2017 official IO table, S1-S11, 10^4 yuan (imports and inflows inside Z)", b.title)
    Z = b.udf("Table", 2, 0, "CARBON_IOTABLE", "广东", 2017.0, "Z", "s11")
    n = len(Z.rows) - 1
    col = n + 2
    x = b.udf("Table", 2, col, "CARBON_IOTABLE", "广东", 2017.0, "x", "s11")
    tfu = b.udf("Table", 2, col + 3, "CARBON_IOTABLE", "广东", 2017.0, "TFU", "s11")
    im = b.udf("Table", 2, col + 6, "CARBON_IOTABLE", "广东", 2017.0, "IM", "s11")
    inflow = b.udf("Table", 2, col + 9, "CARBON_IOTABLE", "广东", 2017.0, "IF", "s11")
    b.sheet("Table").set_column(0, col + 11, 12)

    b.text("Domestic", 0, 0, "Domestic flows Z_d = diag(1 − μ)·Z (10^4 yuan) and the removed shares μ", b.title)
    Zd = b.udf("Domestic", 2, 0, "CARBON_DOMESTIC", Z, x, tfu, im, inflow)
    b.udf("Domestic", 2, n + 2, "CARBON_DOMESTIC", Z, x, tfu, im, inflow, "mu")
    b.sheet("Domestic").set_column(0, n + 3, 12)

    return Z, x, Zd


def _gd_energy(b: Builder, energy, codes: list) -> Ref:
    """Sheet Energy: seed 000 Table 2 direct energy use by sector."""
    rows = [["sector 部门", "energy 直接能耗 (10^4 tce)", "名称", "Name"]]
    for c in codes:
        rows.append([c, float(energy.loc[c, "energy_use"]), energy.loc[c, "name_zh"], energy.loc[c, "name_en"]])
    b.table("Energy", 0, 0, rows)
    e = Ref("Energy", 1, 0, [r[:2] for r in rows[1:]])
    b.sheet("Energy").set_column(0, 3, 22)

    return e


def _gd_table2(b: Builder, hem: _IOHem, labels: list, codes: list, published) -> None:
    """Sheet Table2: seed 000 Table 2 computed, beside the published values, with the deviation and Fig. 2."""
    n = len(labels)
    b.text("Table2", 0, 0, "Energy transfer 能源转移 (seed 000 Table 2), 10^4 tce: computed and published", b.title)
    b.table("Table2", 2, 0, [["sector 部门", "DC 直接", "VIC 纵向集成", "VIC published 发表值", "NT 转移量",
                              "NT published 发表值", "NT/DC (%)", "NT/DC published (%)", "deviation NT 偏差"]])
    for i, lab in enumerate(labels):
        r, c = 3 + i, codes[i]
        dc, vic = hem.value(i, "DC"), hem.value(i, "VIC")
        b.text("Table2", r, 0, lab)
        b.formula("Table2", r, 1, hem.formula(i, "DC"), dc)
        b.formula("Table2", r, 2, hem.formula(i, "VIC"), vic)
        b.text("Table2", r, 3, float(published.loc[c, "VIC"]), b.num)
        b.formula("Table2", r, 4, f"=B{r + 1}-C{r + 1}", dc - vic)
        b.text("Table2", r, 5, float(published.loc[c, "NT"]), b.num)
        b.formula("Table2", r, 6, f"=E{r + 1}/B{r + 1}*100", (dc - vic) / dc * 100)
        b.text("Table2", r, 7, float(published.loc[c, "NT_share_pct"]), b.num)
        b.formula("Table2", r, 8, f"=E{r + 1}-F{r + 1}", (dc - vic) - float(published.loc[c, "NT"]))
    b.sheet("Table2").set_column(0, 0, 28)
    b.sheet("Table2").set_column(1, 8, 14)
    fig = b.wb.add_chart({"type": "column"})
    for letter, name in (("B", "DC 直接"), ("C", "VIC 纵向集成"), ("D", "VIC published 发表值")):
        fig.add_series({"name": name, "categories": f"=Table2!$A$4:$A${3 + n}",
                        "values": f"=Table2!${letter}$4:${letter}${3 + n}"})
    fig.set_title({"name": "Direct vs vertically integrated energy, Guangdong 2017 (cf. seed 000 Fig. 2)"})
    fig.set_y_axis({"name": "10^4 tce"})
    fig.set_size({"width": 900, "height": 420})
    b.sheet("Table2").insert_chart("K3", fig)
    b.page("Table2")



def _gd_table3(b: Builder, hem: _IOHem, labels: list, codes: list, published) -> None:
    """Sheet Table3: seed 000 Table 3 computed, published and deviation, the largest deviation, and a chart."""
    n = len(labels)
    b.text("Table3", 0, 0, "Decomposition of VIC 内部特征分解 (seed 000 Table 3), 10^4 tce: computed, published, "
                           "deviation", b.title)
    measures = ["VIC", "IE", "ME", "NBL", "NFL"]
    head = ["sector 部门"]
    for m in measures:
        head += [m, f"{m} published", f"{m} dev."]
    b.table("Table3", 2, 0, [head])
    for i, lab in enumerate(labels):
        r, c = 3 + i, codes[i]
        b.text("Table3", r, 0, lab)
        for j, m in enumerate(measures):
            k = 1 + 3 * j
            b.formula("Table3", r, k, hem.formula(i, m), hem.value(i, m))
            b.text("Table3", r, k + 1, float(published.loc[c, m]), b.num)
            a, p = xl_col_to_name(k), xl_col_to_name(k + 1)
            b.formula("Table3", r, k + 2, f"={a}{r + 1}-{p}{r + 1}", hem.value(i, m) - float(published.loc[c, m]))
    last = 3 + n
    b.text("Table3", last + 1, 0, "largest |deviation| 最大偏差", b.bold)
    devs = [abs(hem.value(i, m) - float(published.loc[codes[i], m])) for i in range(n) for m in measures]
    dev_cols = ",".join(f"{xl_col_to_name(3 + 3 * j)}4:{xl_col_to_name(3 + 3 * j)}{last}" for j in range(len(measures)))
    b.formula("Table3", last + 1, 1, f"=MAX(MAX({dev_cols}),-MIN({dev_cols}))", float(max(devs)))
    b.sheet("Table3").set_column(0, 0, 28)
    b.sheet("Table3").set_column(1, 15, 11)
    fig3 = b.wb.add_chart({"type": "bar", "subtype": "stacked"})
    for m in ("IE", "ME", "NBL"):
        letter = xl_col_to_name(1 + 3 * measures.index(m))
        fig3.add_series({"name": m, "categories": f"=Table3!$A$4:$A${last}", "values": f"=Table3!${letter}$4:${letter}${last}"})
    fig3.set_title({"name": "VIC = IE + ME + NBL by sector, Guangdong 2017 (10^4 tce)"})
    fig3.set_size({"width": 900, "height": 480})
    b.sheet("Table3").insert_chart(f"A{last + 4}", fig3)
    b.page("Table3", tall=True)



def _gd_accounts(b: Builder) -> None:
    """Sheet Accounts: CARBON_ACCOUNTS with CEADs CO2, summary and by final product."""
    b.text("Accounts", 0, 0, "Guangdong 2017 carbon accounts with CEADs CO2 (Mt): production, the footprint of local "
                             "final demand, embodied trade 碳收支与碳足迹 (imports and inflows valued with the province's own "
                             "multipliers)", b.title)
    summary = b.udf("Accounts", 2, 0, "CARBON_ACCOUNTS", "广东", 2017.0, "ceads")
    below = 2 + len(summary.rows) + 2
    b.text("Accounts", below, 0, "By final product: the footprint of local final demand and embodied trade (Mt CO2) "
                                 "按最终产品", b.title)
    b.udf("Accounts", below + 1, 0, "CARBON_ACCOUNTS", "广东", 2017.0, "ceads", "own", None, None, "products")
    b.sheet("Accounts").set_column(0, 0, 26)
    b.sheet("Accounts").set_column(1, 2, 12)
    b.sheet("Accounts").set_column(3, 3, 10)
    b.sheet("Accounts").set_column(4, 5, 60)


def build_sda(path: Path, values_only: bool = False) -> None:
    """What changed Guangdong's CO2 between 2012 and 2017: CARBON_SDA, by sector, both methods, a waterfall."""

    tables = [read_table_spec(provincial_table_spec("guangdong", y)) for y in (2012, 2017)]
    core, first, second = sda_between(*tables)
    b = Builder(path, "Guangdong 2012 → 2017: structural decomposition of CO2 emissions", values_only)
    b.guide([
        "广东省2012—2017年碳排放变化的结构分解 / What changed Guangdong's CO2 emissions between 2012 and 2017 "
        "(structural decomposition analysis, SDA)",
        "Tables: Guangdong's official IO tables of 2012 and 2017 as the provincial statistics bureau publishes them "
        "(package china-provincial-io-42), each aggregated to S1-S11 with the concordance of its own classification, "
        "imports and inflows removed from each supplying row in proportion to its use, after aggregation.",
        "Emissions: CEADs CO2 inventories of Guangdong 2012 and 2017 (Mt CO2, package ceads-co2-1997-2019), mapped to "
        "S1-S11; households' direct emissions belong to no sector and are left out.",
        "E = wᵀ L B d s: intensity w (排放强度), production structure L (生产结构), final-demand level s (最终需求规模), "
        "product mix B (产品结构), category mix d (类别结构: consumption, capital formation, exports, outflows).",
        f"SDA: =CARBON_SDA(\"广东\", 2012, 2017), the {core.method_text}; the effects sum exactly to the observed "
        "change. Below it the two years' emissions and the average of the two polar decompositions for comparison.",
        "Sectors: the effects by sector of emission. Waterfall: from 2012's emissions through each effect to 2017's, "
        "with a chart.",
        "Multilevel: the same change by multilevel LMDI-I (Xu & Ang 2014) over sector (S1-S11) → product (the 41 "
        "common products, CEADs CO2 allocated, output in 10^4 yuan): output, structure among sectors, structure of "
        "products within each sector, intensity; =CARBON_LMDI_MULTILEVEL, parallel (mp) and hierarchical (mh).",
        "Prices: current prices — both tables in their own year's prices, so price change sits inside the effects "
        "(mostly intensity and demand level). Give CARBON_SDA a deflator to value 2017 in 2012 prices.",
        "说明: 本工作簿由 carbon build-workbooks 生成, 请勿手工修改。",
    ])
    title = "Guangdong 2012 → 2017, CO2 (Mt): structural decomposition 结构分解 (all 120 orderings)"
    b.text("SDA", 0, 0, title, b.title)
    effects = b.udf("SDA", 2, 0, "CARBON_SDA", "广东", 2012.0, 2017.0)
    top = effects.row + len(effects.rows) + 2
    b.text("SDA", top - 1, 0, "Emissions of both years 两年排放量", b.bold)
    years = b.udf("SDA", top, 0, "CARBON_SDA", "广东", 2012.0, 2017.0, None, None, None, None, "years")
    low = years.row + len(years.rows) + 2
    b.text("SDA", low - 1, 0, "For comparison: the average of the two polar decompositions 两极分解平均", b.bold)
    b.udf("SDA", low, 0, "CARBON_SDA", "广东", 2012.0, 2017.0, "ceads", None, "polar")
    b.sheet("SDA").set_column(0, 0, 22)
    b.sheet("SDA").set_column(1, 4, 16)
    b.sheet("SDA").set_column(5, 6, 30)
    b.page("SDA", tall=True)

    b.text("Sectors", 0, 0, "Effects by sector of emission, Mt CO2 (rows sum to the SDA totals) 分部门效应", b.title)
    b.udf("Sectors", 2, 0, "CARBON_SDA", "广东", 2012.0, 2017.0, None, None, None, None, "sectors")
    b.sheet("Sectors").set_column(0, 6, 18)

    # Waterfall: an invisible base carries each bar to where the previous step ended
    ws = "Waterfall"
    b.text(ws, 0, 0, "From 2012 to 2017 emissions through each effect, Mt CO2 排放变化瀑布图", b.title)
    b.table(ws, 2, 0, [["step 步骤", "effect 效应", "after 累计", "base 基线 (hidden)", "increase 增加",
                        "decrease 减少", "level 排放量"]])
    value_col = effects.rows[0].index("value")
    year_col = years.rows[0].index("emissions")
    start_ref = "=" + years.cell(1, year_col)
    end_ref = "=" + years.cell(2, year_col)
    r = 3
    b.text(ws, r, 0, f"{first.year} emissions 排放")
    b.formula(ws, r, 2, start_ref, core.E0)
    b.formula(ws, r, 6, f"=C{r + 1}", core.E0)
    after = core.E0
    for k, effect in enumerate(EFFECTS, start=1):
        r += 1
        v = float(core.effects.loc[effect, "value"])
        b.text(ws, r, 0, f"{EFFECT_NAMES[effect][0]} {effect}")
        b.formula(ws, r, 1, "=" + effects.cell(k, value_col), v)
        b.formula(ws, r, 2, f"=C{r}+B{r + 1}", after + v)
        b.formula(ws, r, 3, f"=MIN(C{r},C{r + 1})", min(after, after + v))
        b.formula(ws, r, 4, f"=MAX(B{r + 1},0)", max(v, 0.0))
        b.formula(ws, r, 5, f"=MAX(-B{r + 1},0)", max(-v, 0.0))
        after += v
    r += 1
    b.text(ws, r, 0, f"{second.year} emissions 排放")
    b.formula(ws, r, 2, end_ref, core.E1)
    b.formula(ws, r, 6, f"=C{r + 1}", core.E1)
    last = r
    b.text(ws, r + 2, 0, "check: 2017 − (2012 + Σ effects) 校验", b.bold)
    b.formula(ws, r + 2, 1, f"=C{last + 1}-C{last}", core.E1 - after)
    b.sheet(ws).set_column(0, 0, 46)
    b.sheet(ws).set_column(1, 6, 14)
    fig = b.wb.add_chart({"type": "column", "subtype": "stacked"})
    cats = f"={ws}!$A$4:$A${last + 1}"
    for letter, name, colour in (("D", "base", None), ("E", "increase 增加", "#C0504D"),
                                 ("F", "decrease 减少", "#9BBB59"), ("G", "emissions 排放量", "#4F81BD")):
        series = {"name": name, "categories": cats, "values": f"={ws}!${letter}$4:${letter}${last + 1}",
                  "gap": 60}
        series.update({"fill": {"none": True}, "border": {"none": True}} if colour is None
                      else {"fill": {"color": colour}})
        fig.add_series(series)
    fig.set_title({"name": f"Guangdong CO2 {first.year} → {second.year}, Mt CO2 (current prices)"})
    fig.set_y_axis({"name": "Mt CO2", "min": 0})
    fig.set_legend({"position": "bottom", "delete_series": [0]})
    fig.set_size({"width": 900, "height": 520})
    b.sheet(ws).insert_chart(f"A{last + 5}", fig)
    b.page(ws, tall=True)
    _sda_multilevel(b)
    b.close()


def multilevel_units(region: str = "guangdong", years=(2012, 2017)) -> pd.DataFrame:
    """One row per year and common product: its S1-S11 sector, CEADs CO2 (Mt) and output (10^4 yuan).

    The 41 products common to the 2012 and 2017 classifications (CP01-CP41), each under the S1-S11
    sector of its 2017 products (seed 000 Table 1), with the domestic system's output and the CEADs
    CO2 allocated to them: the hierarchy sector → product of a multilevel decomposition.
    """
    common = load_package("concordance-io42-2012-2017").read("cp41_products").set_index("code")
    s11 = read_concordance()[0]
    rows = []
    for year in years:
        p = prepare(provincial_table_spec(region, year), f"ceads/{region}/{year}", aggregate="cp41")
        for code in p.system.x.index:
            sectors = {s11[c.strip()] for c in str(common.loc[code, "io42_2017_codes"]).split(";") if c.strip()}
            if len(sectors) != 1:
                raise InputError(f"{code} spans sectors {sorted(sectors)}; it cannot sit under one S1-S11 sector.")
            rows.append({"year": year, "sector": sectors.pop(), "product": code,
                         "CO2 (Mt)": float(p.e[code]), "output (10^4 yuan)": float(p.system.x[code])})
    return pd.DataFrame(rows)


def _sda_multilevel(b: Builder) -> None:
    """Sheet Multilevel: the same change by multilevel LMDI (sector → product), both approaches, with a chart."""
    ws = "Multilevel"
    units = multilevel_units()
    b.text(ws, 0, 0, "Multilevel LMDI-I, Guangdong CO2 2012 → 2017: output, structure among S1-S11, structure of "
                     "products within each sector, intensity (Mt CO2) 多层次LMDI分解", b.title)
    data = b.table(ws, 2, 0, [list(units.columns)] + units.astype(object).values.tolist())
    col = 7
    b.text(ws, 1, col, "multilevel-parallel (mp) 并行", b.bold)
    mp = b.udf(ws, 2, col, "CARBON_LMDI_MULTILEVEL", data, "sector,product", "CO2 (Mt)", "output (10^4 yuan)", "year", "mp")
    below = 2 + len(mp.rows) + 2
    b.text(ws, below - 1, col, "multilevel-hierarchical (mh) 分层", b.bold)
    mh = b.udf(ws, below, col, "CARBON_LMDI_MULTILEVEL", data, "sector,product", "CO2 (Mt)", "output (10^4 yuan)",
               "year", "mh")
    head = mp.rows[0]
    chart = b.wb.add_chart({"type": "column"})
    for ref, name in ((mp, "mp"), (mh, "mh")):
        first, last = ref.row + 1, ref.row + len(ref.rows) - 2  # the effects, without the total row
        chart.add_series({"name": name, "categories": [ws, first, col + head.index("effect"), last, col + head.index("level")],
                          "values": [ws, first, col + head.index("delta"), last, col + head.index("delta")]})
    chart.set_title({"name": "Effects on CO2 2012 → 2017, Mt (current prices)"})
    chart.set_y_axis({"name": "Mt CO2"})
    chart.set_size({"width": 720, "height": 380})
    b.sheet(ws).insert_chart(below + len(mh.rows) + 1, col, chart)
    b.page(ws, tall=True)


# --------------------------------------------------------------------------- 6
def build_spa(path: Path, values_only: bool = False) -> None:
    """Guangdong 2017's supply chains: CARBON_SPA at S1-S11 and at the 42 products, with charts."""
    b = Builder(path, "Guangdong 2017: supply chains of CO2 (structural path analysis)", values_only)
    b.guide([
        "广东省2017年碳排放的供应链路径(结构路径分析) / Guangdong 2017: the supply chains that carry CO2 into final "
        "demand (structural path analysis, SPA)",
        "Tables: Guangdong's official 2017 IO table (广东省统计局《2017年广东省投入产出表》, package "
        "china-provincial-io-42), imports and inflows removed from each supplying row in proportion to its use; "
        "S11: aggregated to S1-S11 by seed 000 Table 1 first. Inputs sheets: Z_d and x (10^4 yuan), CO2 (Mt).",
        "Emissions: CEADs Guangdong 2017 CO2 (Mt, scope 1, package ceads-co2-1997-2019) at S1-S11 and allocated to "
        "the 42 products; households' direct emissions belong to no sector and are left out.",
        "Paths: =CARBON_SPA(Z, x, e, , 8, 0.0001, 20): the 20 chains worth most, emitting sector first "
        "(S7>S8: power-sector CO2 embodied in construction's final demand), value in Mt CO2 and share of the total. "
        "Stage 0 is a sector's own direct emissions for its own final demand.",
        "Stages: =CARBON_SPA(…, \"layers\"): CO2 by production stage, and the remainder after stage 8; they add up "
        "to the total. Charts: the top paths as bars labelled by their chain, and the stage totals.",
        "说明: 本工作簿由 carbon build-workbooks 生成, 请勿手工修改。",
    ])
    for level, aggregate in (("S11", "s11"), ("42", None)):
        p = prepare(provincial_table_spec("guangdong", 2017), "ceads/guangdong/2017", aggregate=aggregate)
        refs = _spa_inputs(b, f"Inputs {level}", p)
        _spa_sheet(b, f"Paths {level}", refs, level)
    b.close()


def _spa_inputs(b: Builder, sheet: str, p) -> _IOInputs:
    """An inputs sheet: Z_d (labelled), x and CO2, with the sectors' names."""
    codes = [str(c) for c in p.system.Z.index]
    names = p.names.rename(index=str) if p.names is not None else None
    n = len(codes)
    rows = [[None] + codes + [None, "x (10^4 yuan)", "CO2 (Mt)", "名称", "name"]]
    for i, c in enumerate(codes):
        rows.append([c] + [float(v) for v in p.system.Z.iloc[i]] + [None, float(p.system.x.iloc[i]), float(p.e.iloc[i]),
                                                                    names.loc[c, "name_zh"] if names is not None else c,
                                                                    names.loc[c, "name_en"] if names is not None else c])
    b.table(sheet, 0, 0, rows)
    return _IOInputs(Z=Ref(sheet, 0, 0, [r[: n + 1] for r in rows]), x=Ref(sheet, 1, n + 2, [[r[n + 2]] for r in rows[1:]]),
                     e_mt=Ref(sheet, 1, n + 3, [[r[n + 3]] for r in rows[1:]]), e_t=None)


def _spa_sheet(b: Builder, sheet: str, refs: _IOInputs, level: str) -> None:
    """The top 20 paths and the stage totals by CARBON_SPA, each with its chart."""
    b.text(sheet, 0, 0, f"Guangdong 2017 ({'S1-S11' if level == 'S11' else '42 products'}): the 20 supply chains "
                        "carrying the most CO2 into final demand, Mt CO2 供应链路径", b.title)
    paths = b.udf(sheet, 2, 0, "CARBON_SPA", refs.Z, refs.x, refs.e_mt, None, 8.0, 0.0001, 20.0)
    stages_row = 2 + len(paths.rows) + 2
    b.text(sheet, stages_row - 1, 0, "CO2 by production stage (0 = direct; remainder = stages above 8), Mt CO2 "
                                     "分生产层级", b.bold)
    stages = b.udf(sheet, stages_row, 0, "CARBON_SPA", refs.Z, refs.x, refs.e_mt, None, 8.0, 0.0001, 20.0, "layers")
    b.sheet(sheet).set_column(2, 2, 28 if level == "42" else 16)
    head = paths.rows[0]
    last = paths.row + len(paths.rows) - 1
    bars = b.wb.add_chart({"type": "bar"})
    bars.add_series({"name": "CO2 (Mt)", "categories": [sheet, paths.row + 1, head.index("path"), last, head.index("path")],
                     "values": [sheet, paths.row + 1, head.index("value"), last, head.index("value")],
                     "data_labels": {"value": True, "num_format": "0.0"}})
    bars.set_title({"name": f"Top 20 supply chains, Guangdong 2017 ({level}), Mt CO2"})
    bars.set_y_axis({"reverse": True})
    bars.set_legend({"none": True})
    bars.set_size({"width": 760, "height": 560})
    b.sheet(sheet).insert_chart(paths.row, 7, bars)
    cols = stages.rows[0]
    columns = b.wb.add_chart({"type": "column"})
    columns.add_series({"name": "CO2 (Mt)",
                        "categories": [sheet, stages.row + 1, 0, stages.row + len(stages.rows) - 1, 0],
                        "values": [sheet, stages.row + 1, cols.index("value"), stages.row + len(stages.rows) - 1,
                                   cols.index("value")]})
    columns.set_title({"name": "CO2 by production stage"})
    columns.set_legend({"none": True})
    columns.set_size({"width": 560, "height": 300})
    b.sheet(sheet).insert_chart(paths.row + 30, 7, columns)  # below the bars (560 px, about 28 rows)
    b.page(sheet, tall=True)


BUILDERS = {"io_extraction_china2017.xlsx": build_io, "park_inventory_ganzhou.xlsx": build_park,
            "factor_audit.xlsx": build_audit,
            "io_extraction_guangdong2017.xlsx": build_guangdong, "sda_guangdong_2012_2017.xlsx": build_sda,
            "spa_guangdong2017.xlsx": build_spa}


def build_all(out_dir: Path, values_only: bool = False, names=None, *, with_values: bool = False) -> list[Path]:
    """Write the workbooks (or those ``names``).

    ``values_only`` writes the saved values instead of formulas; ``with_values`` writes both, the
    values-only copies in ``out_dir/values``. Those are for readers without the add-in in
    applications that recalculate array formulas on opening (LibreOffice does, whatever its
    settings, so a spilled CARBON_* table shows #NAME? there); Excel shows the saved values of
    the formula workbooks themselves.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in BUILDERS.items():
        if names is None or name in names:
            build(out_dir / name, values_only)
            paths.append(out_dir / name)
            if with_values and not values_only:
                (out_dir / VALUES_DIR).mkdir(exist_ok=True)
                build(out_dir / VALUES_DIR / name, True)
                paths.append(out_dir / VALUES_DIR / name)
    return paths


def build_in_background(out_dir: Path):
    """Start building every workbook in two worker processes; returns a function that waits and gives the paths.

    Where processes can be forked (Linux), the workers inherit the loaded libraries and the demo's own
    work runs meanwhile; elsewhere the workbooks are built when the function is called.
    """
    import multiprocessing  # only the demo builds in the background
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return lambda: build_all(out_dir)
    heavy = ["park_inventory_ganzhou.xlsx"]  # statsmodels loads there: give it a worker of its own
    rest = [n for n in BUILDERS if n not in heavy]
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"))
    jobs = [pool.submit(build_all, out_dir, False, names) for names in (heavy, rest)]

    def wait() -> list[Path]:
        try:
            done = [path for job in jobs for path in job.result()]
        finally:
            pool.shutdown()
        return sorted(done, key=lambda p: list(BUILDERS).index(p.name))

    return wait
