"""Reading China's official input-output tables as the statistics bureaus publish them.

The national and provincial bureaus publish each table as one worksheet: title rows, merged
Chinese headers, a row of column codes (``01``–``42``, ``TIU``, ``FU101`` …, ``GO``), a column
of row codes (``01``–``42``, ``TII``, ``VA001``–``VA004``, ``TVA``, ``TI``) and the values.
Positions, file names and the trade columns change between years, so the reader never relies on
fixed positions: it finds the code row (the row holding ``TIU`` and ``GO``) and the code column
(the column holding the product codes of that row), then reads every block by its codes.

Trade columns by layout (``TradeLayout``):

============  =====================================================================
``EX/OF/IM/IF``  2012, 2017 provinces: exports, outflows to other provinces, imports,
                 inflows from other provinces, each on its own.
``FU302/FU304``  2007 provinces: outflows *including* exports (流出) and inflows
                 *including* imports (流入); imports cannot be told from inflows.
``NOF``          2002 provinces: net outflow only (净流出); gross imports and inflows
                 are unknown, so no domestic adjustment is possible.
``EX/IM``        national tables: exports and imports.
============  =====================================================================

Rows balance as ``TIU + TFU − IM − IF + ERR = GO`` (with the layout's columns), columns as
``TII + TVA = TI = GO``. Imbalances beyond rounding are reported with sectors and amounts.
"""

from __future__ import annotations

import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import CarbonWarning, InputError
from .layouts import detect_layout

#: Codes of value-added and total rows, in the published order.
VALUE_ADDED_ROWS = ["TII", "VA001", "VA002", "VA003", "VA004", "TVA", "TI"]

#: Final-use and trade column codes the bureaus use, with Chinese and English names.
COLUMN_NAMES = {
    "TIU": ("中间使用合计", "total intermediate use"),
    "FU101": ("农村居民消费", "rural household consumption"),
    "FU102": ("城镇居民消费", "urban household consumption"),
    "THC": ("居民消费小计", "household consumption"),
    "FU103": ("政府消费", "government consumption"),
    "TC": ("最终消费合计", "final consumption"),
    "FU201": ("固定资本形成总额", "gross fixed capital formation"),
    "FU202": ("存货增加", "changes in inventories"),
    "GCF": ("资本形成总额", "gross capital formation"),
    "EX": ("出口", "exports"),
    "OF": ("国内省外流出", "outflows to other provinces"),
    "NOF": ("净流出", "net outflow (exports and outflows less imports and inflows)"),
    "FU302": ("流出", "outflows including exports"),
    "TFU": ("最终使用合计", "total final use"),
    "IM": ("进口", "imports"),
    "IF": ("国内省外流入", "inflows from other provinces"),
    "FU304": ("流入", "inflows including imports"),
    "ERR": ("其他", "other (statistical discrepancy)"),
    "GO": ("总产出", "total output"),
}

#: Columns that are always totals: kept for checks, never part of final demand.
TOTALS = {"TIU", "TFU", "GO"}
#: Columns that are subtotals only when a table also has their components (national 42-product
#: tables print TC, FU201, FU202 without FU101-FU103, so there TC is the consumption column itself).
SUBTOTAL_PARTS = {"THC": ("FU101", "FU102"), "TC": ("FU101", "FU102", "THC", "FU103"), "GCF": ("FU201", "FU202")}
#: Columns subtracted in the row balance (supply from outside the region).
SUPPLY_COLUMNS = ("IM", "IF", "FU304")

_UNITS = {"万元": "10^4 yuan", "亿元": "10^8 yuan", "千元": "10^3 yuan", "元": "yuan"}
_PRODUCT_CODE = re.compile(r"^\d{2,6}$")


class TableBalanceWarning(CarbonWarning):
    """An official table's rows or columns do not add up beyond rounding."""


@dataclass
class OfficialTable:
    """An official IO table read by its codes.

    Attributes
    ----------
    Z : DataFrame
        Intermediate use (products × products), rows supplying, in ``unit``.
    final : DataFrame
        Every column between ``TIU`` and ``GO`` as published (final-use items, subtotals,
        trade columns and ``ERR``), indexed by product code.
    x : Series
        Total output ``GO``.
    value_added : DataFrame
        Rows ``TII``, ``VA001``–``VA004``, ``TVA``, ``TI`` (those present) × product codes.
    names : DataFrame
        ``name_zh`` per product code (as printed; ``name_en`` when known).
    unit : str
        Monetary unit stated in the title rows (e.g. ``10^4 yuan`` for 万元).
    region, year, title : str, int, str
        From the title row (or the file name when the title does not say).
    layout : str
        ``EX/OF/IM/IF``, ``FU302/FU304``, ``NOF`` or ``EX/IM`` (see the module notes).
    source : str
        Where the table came from (file path, or ``package/resource@version``).
    balance : DataFrame
        Per product: row residual ``TIU + TFU − supply + ERR − GO`` and column residual
        ``TI − GO`` (and ``TII − ΣZ``), in ``unit``.
    """

    Z: pd.DataFrame
    final: pd.DataFrame
    x: pd.Series
    value_added: pd.DataFrame
    names: pd.DataFrame
    unit: str
    region: str
    year: int | None
    title: str
    layout: str
    source: str
    price_basis: str = ""
    balance: pd.DataFrame = field(default_factory=pd.DataFrame)
    classification: str | None = None

    @property
    def products(self) -> list[str]:
        return list(self.Z.index)

    def column(self, code: str) -> pd.Series:
        """A final-use or trade column by code, zeros where the layout lacks it."""
        if code in self.final.columns:
            return self.final[code].astype(float)
        return pd.Series(0.0, index=self.Z.index, name=code)

    def has(self, code: str) -> bool:
        return code in self.final.columns

    @property
    def final_demand(self) -> pd.DataFrame:
        """Final-use items without subtotals, ``ERR`` or supply columns (exports and outflows included)."""
        skip = subtotal_codes(self.final.columns)
        keep = [c for c in self.final.columns if c not in skip and c not in SUPPLY_COLUMNS and c != "ERR"]
        return self.final[keep].astype(float)

    @property
    def is_competitive(self) -> bool:
        """True when imports (or inflows) sit inside Z, i.e. the table has supply columns or only net trade."""
        return any(self.has(c) for c in SUPPLY_COLUMNS) or self.has("NOF")


# ----------------------------------------------------------------------------- reading
def read_official_table(path, *, sheet: str | int | None = None, region: str | None = None,
                        year: int | None = None, unit: str | None = None,
                        balance: str = "error", tolerance: float = 1e-4) -> OfficialTable:
    """Read an official IO table (``.xls``, ``.xlsx``) by its code row and code column.

    Parameters
    ----------
    path : str or Path
        The workbook as published.
    sheet : str or int, optional
        Sheet name or 0-based position; default: the first sheet that holds a code row.
    region, year : optional
        Override what the title row says.
    unit : str, optional
        The table's monetary unit when the title rows do not state it (e.g. ``"10^4 yuan"``).
        Refused when it contradicts the stated unit.
    balance : {"error", "warn"}, default "error"
        What an imbalance beyond ``tolerance`` gets: an :class:`InputError`, or a
        :class:`TableBalanceWarning` naming sectors and amounts (the table is still returned,
        with the residuals in ``balance``).
    tolerance : float, default 1e-4
        Largest residual accepted as rounding, relative to the sector's total output
        (with a floor of 1 unit of the table, e.g. 1 万元).

    Raises
    ------
    InputError
        Unreadable file, no code row or column, products missing from rows or columns,
        text in a number cell, or (``balance="error"``) an unbalanced table.
    """
    path = Path(path)
    grid, sheet_name, head = _read_grid(path, sheet)
    shown = display_name(path)
    return parse_official_grid(grid, head=head, source=str(path.parent / shown) if shown != path.name else str(path),
                               region=region, year=year, unit=unit, balance=balance, tolerance=tolerance,
                               fallback_name=Path(shown.split(" (file name in")[0]).stem,
                               where=f"{shown}, sheet '{sheet_name}'")


def display_name(path: Path) -> str:
    """The file name as a person wrote it: a name whose bytes are GBK (Chinese Windows, unpacked on Linux)
    is shown decoded, never as surrogate escapes that cannot even be printed."""
    name = Path(path).name
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = os.fsencode(name)
        for encoding in ("gb18030", "big5"):
            try:
                return raw.decode(encoding) + f" (file name in {encoding.upper()} bytes)"
            except UnicodeDecodeError:
                continue
        return raw.decode("utf-8", "replace")


def _read_grid(path: Path, sheet) -> tuple[list[list], str, int]:
    if not path.is_file():
        raise InputError(f"IO table file '{path}' does not exist.")
    if path.suffix.lower() not in (".xls", ".xlsx", ".xlsm", ".ods"):
        raise InputError(f"'{display_name(path)}' is not an Excel workbook (.xls or .xlsx); save the table as one.")
    try:
        from python_calamine import CalamineWorkbook  # compiled (Pyodide builds it from 314 on): only to read files
    except ImportError:  # pragma: no cover - a declared dependency
        raise InputError("reading .xls/.xlsx needs the package python-calamine (pip install python-calamine; under "
                         "xlwings Lite it comes with Pyodide 314 and later, not 0.27). The packaged official tables "
                         "(CARBON_IOTABLE) need no reader.", code="missing-library") from None
    try:  # from bytes: a file name in GBK (a Windows archive unpacked on Linux) is no UTF-8 path for calamine
        with open(path, "rb") as handle:
            wb = CalamineWorkbook.from_filelike(io.BytesIO(handle.read()))
    except OSError as exc:
        raise InputError(f"'{display_name(path)}' could not be opened ({exc.strerror or exc}).") from None
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise InputError(f"'{display_name(path)}' could not be read as a workbook ({type(exc).__name__}: {exc}); "
                         "it may be truncated or damaged — download it again.") from None
    names = list(wb.sheet_names)
    if sheet is not None:
        if isinstance(sheet, int):
            if not 0 <= sheet < len(names):
                raise InputError(f"'{display_name(path)}' has {len(names)} sheet(s); sheet {sheet} does not exist.")
            names = [names[sheet]]
        elif sheet not in names:
            raise InputError(f"'{display_name(path)}' has no sheet '{sheet}'; it has: {', '.join(names)}.")
        else:
            names = [sheet]
    for name in names:
        try:
            grid = wb.get_sheet_by_name(name).to_python()
        except Exception as exc:
            raise InputError(f"'{display_name(path)}', sheet '{name}' could not be read ({exc}); the file may be damaged.") from None
        head = _find_code_row(grid)
        if head is not None:
            return grid, name, head
    raise InputError(
        f"'{display_name(path)}': no sheet holds a code row. Expected, within the first 40 rows, a row of column codes "
        "with the product codes (01, 02, …) followed by TIU … GO, as in the bureaus' published tables."
    )


def _code(value) -> str:
    """A cell as a code: numbers without a decimal part become integers ('41.0' → '41')."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value).strip().replace("\u3000", "")
    if re.fullmatch(r"\d+\.0+", text):
        text = text.split(".")[0]
    return text


def _find_code_row(grid) -> int | None:
    for i, row in enumerate(grid[:40]):
        codes = {c.strip().upper() for c in row if isinstance(c, str)}
        if "GO" in codes and "TIU" in codes:
            return i
    return None


def _number(value, where: str) -> float:
    if value is None or value == "":
        return 0.0
    if isinstance(value, bool):
        raise InputError(f"{where}: a logical value ({value}) stands where a number is expected; "
                         "correct the cell in the workbook.")
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
    else:
        text = str(value).strip().replace(",", "").replace("\u3000", "")
        if text in ("", "-", "—", "–"):
            return 0.0
        try:
            v = float(text)
        except ValueError:
            raise InputError(f"{where}: the cell holds text '{str(value)[:30]}' where a number is expected; "
                             "correct the cell (blank means 0).") from None
    if not np.isfinite(v):
        raise InputError(f"{where}: the cell is not a finite number ({value}).")
    return v


def _block(grid, row_idx: list[int], col_idx: list[int], where: str) -> np.ndarray:
    """Numbers of a block of cells; blanks are 0; any other cell is checked one by one."""
    try:  # the common case: floats (calamine's numbers) and blanks — one conversion in C
        cells = [[grid[i][j] for j in col_idx] for i in row_idx]
        plain = True
        for row in cells:
            for k, v in enumerate(row):
                if type(v) is not float:
                    if type(v) is int:  # calamine gives whole numbers as int
                        continue
                    if v == "" and type(v) is str:
                        row[k] = 0.0
                    else:
                        plain = False
                        break
            if not plain:
                break
        if plain:
            out = np.array(cells, dtype=float).reshape(len(row_idx), len(col_idx))
            if np.isfinite(out).all():
                return out
    except IndexError:  # a short row: checked cell by cell below
        pass
    out = np.empty((len(row_idx), len(col_idx)))
    for a, i in enumerate(row_idx):
        row = grid[i]
        for b, j in enumerate(col_idx):
            v = row[j] if j < len(row) else None
            if type(v) is float:  # the common case, kept fast
                out[a, b] = v
            else:
                out[a, b] = _number(v, f"{where}, cell {_cell_name(i, j)}")
    if not np.isfinite(out).all():
        a, b = np.argwhere(~np.isfinite(out))[0]
        raise InputError(f"{where}, cell {_cell_name(row_idx[a], col_idx[b])}: the cell is not a finite number.")
    return out


def subtotal_codes(columns) -> set[str]:
    """The columns of a table that sum others present in the same table (never final demand)."""
    present = set(columns)
    return TOTALS | {c for c, parts in SUBTOTAL_PARTS.items() if c in present and present & set(parts)}


def _cell_name(row: int, col: int) -> str:
    letters, c = "", col + 1
    while c:
        c, r = divmod(c - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row + 1}"


def parse_official_grid(grid: list[list], *, head: int | None = None, source: str = "table", region: str | None = None,
                        year: int | None = None, unit: str | None = None, balance: str = "error",
                        tolerance: float = 1e-4, fallback_name: str = "", where: str | None = None) -> OfficialTable:
    """:func:`read_official_table` for a sheet already read into a list of rows."""
    where = where or source
    if balance not in ("error", "warn"):
        raise InputError(f"balance must be 'error' or 'warn', not '{balance}'.")
    head = _find_code_row(grid) if head is None else head  # given when the sheet was chosen by it
    if head is None:
        raise InputError(f"{where}: no code row found. Expected, within the first 40 rows, a row of column codes "
                         "with the product codes (01, 02, …) followed by TIU … GO.")
    code_row = [_code(c) for c in grid[head]]
    upper = [c.upper() for c in code_row]
    go_col = upper.index("GO")
    tiu_col = upper.index("TIU")
    product_cols = [j for j in range(tiu_col) if _PRODUCT_CODE.match(code_row[j])]
    if not product_cols:
        raise InputError(f"{where}: the code row (row {head + 1}) has no product codes before TIU.")
    products = [code_row[j] for j in product_cols]
    if len(set(products)) != len(products):
        raise InputError(f"{where}: the code row repeats product codes.")
    # the code column: left of the products, the one holding most of the product codes below the code row
    best, best_hits = None, 0
    wanted = set(products) | {int(p) for p in products if p.isdigit()}
    for j in range(product_cols[0]):
        hits = sum(1 for row in grid[head + 1:] if j < len(row) and row[j] != ""
                   and (row[j] in wanted or _code(row[j]) in wanted))
        if hits > best_hits:
            best, best_hits = j, hits
    if best is None:
        raise InputError(f"{where}: no code column found left of the first product column; expected a column "
                         f"holding the row codes {products[0]} … {products[-1]}, TII, VA001 … TI.")
    code_col = best
    final_cols = [(j, upper[j]) for j in range(tiu_col, go_col + 1) if upper[j] and upper[j] not in ("-", "—")]
    final_codes = [c for _, c in final_cols]
    if len(set(final_codes)) != len(final_codes):
        raise InputError(f"{where}: the code row repeats final-use codes {final_codes}.")

    rows: dict[str, int] = {}
    for i in range(head + 1, len(grid)):
        row = grid[i]
        code = _code(row[code_col]) if code_col < len(row) else ""
        if not code:
            continue
        key = code.upper() if not code.isdigit() else code
        if key in rows:
            raise InputError(f"{where}: row code '{code}' appears twice (rows {rows[key] + 1} and {i + 1}).")
        rows[key] = i
    # codes printed as 1..9 in the column but 01..09 in the row: match by integer value
    if any(p not in rows for p in products) and all(p.isdigit() for p in products):
        by_int = {int(k): v for k, v in rows.items() if k.isdigit()}
        rows.update({p: by_int[int(p)] for p in products if p not in rows and int(p) in by_int})
    missing = [p for p in products if p not in rows]
    if missing:
        raise InputError(f"{where}: products {', '.join(missing[:8])} have a column but no row in the code column "
                         f"(column {_cell_name(head, code_col)[:-len(str(head + 1))]}); the table is not square.")
    extra = [k for k in rows if _PRODUCT_CODE.match(k) and k not in products]
    if extra:
        raise InputError(f"{where}: rows {', '.join(extra[:8])} have no matching column; the table is not square.")

    Zv = _block(grid, [rows[p] for p in products], product_cols, where)
    Fv = _block(grid, [rows[p] for p in products], [j for j, _ in final_cols], where)
    va_codes = [c for c in VALUE_ADDED_ROWS if c in rows]
    VAv = _block(grid, [rows[c] for c in va_codes], product_cols, where).reshape(len(va_codes), len(products))
    # object-dtype labels: pandas' arrow strings make every alignment of these small tables slow
    labels = pd.Index(products, dtype=object)
    Z = pd.DataFrame(Zv, index=labels, columns=labels)
    final = pd.DataFrame(Fv, index=labels, columns=pd.Index(final_codes, dtype=object))
    value_added = pd.DataFrame(VAv, index=pd.Index(va_codes, dtype=object), columns=labels)
    name_col = _name_column(grid, rows, products, code_col)
    names = pd.DataFrame({"name_zh": [_clean_name(grid[rows[p]][name_col]) if name_col is not None else ""
                                      for p in products]}, index=pd.Index(products, name="code", dtype=object))

    title_lines = [str(c) for r in grid[:head] for c in r if str(c).strip()]
    stated = _stated_unit(title_lines)
    if stated and unit and normal_unit(unit) != stated:
        raise InputError(f"{where}: the table states its unit as {stated}, but unit='{unit}' was given.")
    if not stated and not unit:
        raise InputError(f"{where}: the title rows do not state the unit (e.g. 单位：万元); give it explicitly "
                         "(unit='10^4 yuan'; command line: --unit).")
    the_unit = stated or normal_unit(unit)
    title = next((t.strip() for t in title_lines if "投入产出" in t), title_lines[0].strip() if title_lines else "")
    t_region, t_year = _region_year(title, fallback_name)
    layout = trade_layout(final_codes)
    basis = next((t.strip(" ()（）") for t in title_lines if "价格" in t), "")
    table = OfficialTable(Z=Z, final=final, x=final["GO"].rename("x"), value_added=value_added, names=names,
                          unit=the_unit, region=region or t_region, year=year or t_year, title=title,
                          layout=layout, source=source, price_basis=basis.replace(" ", ""))
    table.balance = balance_report(table)
    check_balance(table, tolerance=tolerance, on_error=balance, where=where)
    return table


def _name_column(grid, rows, products, code_col) -> int | None:
    """The column left of the code column holding Chinese names for the product rows."""
    best, hits = None, 0
    for j in range(code_col):
        k = sum(1 for p in products if j < len(grid[rows[p]]) and re.search(r"[\u4e00-\u9fff]", str(grid[rows[p]][j])))
        if k > hits:
            best, hits = j, k
    return best


def _clean_name(text) -> str:
    return re.sub(r"\s+", "", str(text))


def normal_unit(unit: str) -> str:
    """A monetary unit in the project's spelling (万元 → 10^4 yuan)."""
    u = str(unit).strip()
    return _UNITS.get(u, u)


def _stated_unit(lines: list[str]) -> str | None:
    for line in lines:
        m = re.search(r"单\s*位\s*[:：]\s*(\S+?)(?:[)）,，\s]|$)", line)
        if m:
            return _UNITS.get(m.group(1), m.group(1))
    return None


def _region_year(title: str, fallback: str) -> tuple[str, int | None]:
    m = re.match(r"\s*(\D*?)\s*(\d{4})\s*年", title)
    if m and m.group(1):
        return m.group(1).strip(), int(m.group(2))
    region = re.sub(r"[\d\-_\s.]+", "", fallback)
    y = re.search(r"(19|20)\d{2}", title) or re.search(r"(19|20)\d{2}", fallback)
    return region, int(y.group(0)) if y else None


def trade_layout(codes: list[str]) -> str:
    """The trade layout a set of column codes follows (described in :mod:`.layouts`)."""
    return detect_layout(codes)


# --------------------------------------------------------------------------- balances
def balance_report(table: OfficialTable) -> pd.DataFrame:
    """Residuals per product: row ``TIU + TFU − supply + ERR − GO``, ``ΣZ − TIU``, column ``TI − GO``, ``ΣZ − TII``."""
    F, where = table.final.to_numpy(dtype=float), {c: i for i, c in enumerate(table.final.columns)}
    col = lambda c: F[:, where[c]] if c in where else 0.0  # noqa: E731
    Z, x = table.Z.to_numpy(dtype=float), table.x.to_numpy(dtype=float)
    report = {}
    if "TIU" in where and "TFU" in where:
        supply = sum((col(c) for c in SUPPLY_COLUMNS if c in where), 0.0)
        report["row: TIU+TFU-supply+ERR-GO"] = col("TIU") + col("TFU") - supply + col("ERR") - x
        report["row: sum(Z)-TIU"] = Z.sum(axis=1) - col("TIU")
    va, rows = table.value_added.to_numpy(dtype=float), {c: i for i, c in enumerate(table.value_added.index)}
    if "TI" in rows:
        report["column: TI-GO"] = va[rows["TI"]] - x
    if "TII" in rows:
        report["column: sum(Z)-TII"] = Z.sum(axis=0) - va[rows["TII"]]
    return pd.DataFrame(report, index=table.Z.index)


def check_balance(table: OfficialTable, *, tolerance: float = 1e-4, on_error: str = "error",
                  where: str | None = None) -> list[str]:
    """Report residuals above rounding; raise or warn per ``on_error``. Returns the findings."""
    report = table.balance if not table.balance.empty else balance_report(table)
    tiu = table.final["TIU"].to_numpy(dtype=float) if "TIU" in table.final.columns else 0.0
    scale = np.maximum(np.abs(table.x.to_numpy(dtype=float)), np.abs(tiu))
    limit = np.maximum(tolerance * scale, 1.0)
    findings = []
    for name in report.columns:
        r = report[name].to_numpy()
        bad = np.abs(r) > limit
        if bad.any():
            items = [f"{code} {r[i]:+,.2f}" for i, code in zip(np.nonzero(bad)[0], report.index[bad])]
            findings.append(f"{name} off for {len(items)} product(s): {', '.join(items[:6])}"
                            + (" …" if len(items) > 6 else ""))
    if findings:
        message = (f"{where or table.source}: the table does not balance beyond rounding "
                   f"(tolerance {tolerance:g} of each product's output, at least 1 {table.unit}): "
                   + "; ".join(findings) + f" ({table.unit}).")
        if on_error == "error":
            raise InputError(message + " Check the file against the published table; to analyse it anyway, "
                                       "read it with balance='warn' (command line: --allow-imbalance).")
        warnings.warn(message, TableBalanceWarning, stacklevel=3)
    return findings
