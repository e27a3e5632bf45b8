"""Rendering result tables for people: terminal text, CSV and xlsx.

Kept out of carbon_core so the core stays free of file and presentation concerns.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd


def _width(text: str) -> int:
    """Display width in a terminal: CJK characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def emit(text: str, output: str | None) -> None:
    """Write text to a file (saying so on stderr) or to standard output."""
    import sys

    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"wrote {output}", file=sys.stderr)
    else:
        sys.stdout.write(text)


#: Significant digits a number keeps however small it is (0.581, not 0.58; 0.0412, not 0.04), and
#: the most decimals that may take.
SIGNIFICANT, MAX_DECIMALS = 3, 6


def format_number(v, decimals: int) -> str:
    """``v`` with at least ``decimals`` decimals, more where that would leave it fewer than
    ``SIGNIFICANT`` significant digits; whole numbers of an integer type (counts, years) as they are."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return str(v)
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if isinstance(v, (float, np.floating)):
        if np.isfinite(v) and abs(v) >= 0.5 * 10.0 ** -MAX_DECIMALS:  # what rounds to 0 anyway shows as 0.00
            decimals = min(max(decimals, SIGNIFICANT - 1 - int(np.floor(np.log10(abs(v))))), max(decimals, MAX_DECIMALS))
        text = f"{v:,.{decimals}f}"
        # a tiny negative rounds to "-0.00": people read that as a sign that means something
        return text[1:] if text.startswith("-") and not text.strip("-0.,") else text
    return str(v)


def render(frame: pd.DataFrame, decimals: dict | int = 2, title: str | None = None,
           index: bool = True) -> str:
    """A fixed-width text table; numbers right-aligned with thousands separators.

    ``decimals`` (one for all columns, or by column) is the least shown; a small value gets more,
    to keep its significant digits (:func:`format_number`).
    """
    df = frame.reset_index() if index else frame
    cols = [str(c) for c in df.columns]
    shown = {c: decimals.get(c, 2) if isinstance(decimals, dict) else decimals for c in df.columns}
    cells = []
    for _, row in df.iterrows():
        cells.append([format_number(v, shown[c]) for c, v in zip(df.columns, row)])
    numeric = [pd.api.types.is_numeric_dtype(df[c]) for c in df.columns]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(cols)]
    lines = []
    if title:
        lines.append(title)
    lines.append("  ".join(_pad(h, w, num) for h, w, num in zip(cols, widths, numeric)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        lines.append("  ".join(_pad(v, w, num) for v, w, num in zip(r, widths, numeric)).rstrip())
    return "\n".join(lines)


def write_xlsx(path: Path, sheets: list[tuple[str, pd.DataFrame, str]], notes: list[str],
               decimals: int = 4, charts: dict | None = None) -> None:
    """Write result tables to an xlsx workbook, one sheet each, with a title row and notes.

    ``sheets`` holds (sheet name, table, title) triples; ``notes`` go to a first sheet
    named "About" (sources, units, choices). ``charts`` maps a sheet name to (chart title,
    columns): a clustered column chart of those columns by row, beside the table.
    """
    import xlsxwriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    bold = wb.add_format({"bold": True})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"})
    formats: dict[int, object] = {}

    def number_format(values) -> object:
        """At least ``decimals`` decimals, more where a column's smallest value would lose its three
        significant digits (as on screen), at most six."""
        small = [abs(float(v)) for v in values if isinstance(v, (int, float, np.floating, np.integer))
                 and not isinstance(v, bool) and np.isfinite(v) and v != 0]
        top = max(small, default=0.0)
        small = [v for v in small if v > 1e-6 * top]
        d = decimals if not small else min(max(decimals, SIGNIFICANT - 1 - int(np.floor(np.log10(min(small))))),
                                           max(decimals, MAX_DECIMALS))
        if d not in formats:
            formats[d] = wb.add_format({"num_format": "#,##0" + ("." + "0" * d if d else "")})
        return formats[d]

    about = wb.add_worksheet("About")
    about.set_column(0, 0, 120)
    for i, line in enumerate(notes):
        about.write(i, 0, line, bold if i == 0 else None)
    for name, table, title in sheets:
        ws = wb.add_worksheet(re.sub(r"[\[\]:*?/\\]", "-", name)[:31])  # Excel forbids []:*?/\ in sheet names
        ws.write(0, 0, title, bold)
        df = table.reset_index()
        column_formats = [number_format(df[c].tolist()) for c in df.columns]
        for j, c in enumerate(df.columns):
            ws.write(2, j, str(c), head)
            ws.set_column(j, j, 16 if j else 12)
        for i, row in enumerate(df.itertuples(index=False), start=3):
            for j, v in enumerate(row):
                if isinstance(v, (float, int, np.floating, np.integer)) and not isinstance(v, bool):
                    ws.write_number(i, j, float(v), column_formats[j])
                else:
                    ws.write(i, j, "" if v is None else str(v))
        ws.freeze_panes(3, 1)
        if charts and name in charts:
            chart_title, columns = charts[name]
            sheet_ref = ws.get_name()
            chart = wb.add_chart({"type": "column"})
            last = 2 + len(df)
            for c in columns:
                j = list(df.columns).index(c)
                chart.add_series({"name": str(c), "categories": [sheet_ref, 3, 0, last, 0],
                                  "values": [sheet_ref, 3, j, last, j]})
            chart.set_title({"name": chart_title})
            chart.set_size({"width": 900, "height": 420})
            ws.insert_chart(last + 2, 1, chart)
    wb.close()
