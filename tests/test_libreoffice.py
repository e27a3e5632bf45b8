"""Every shipped workbook as LibreOffice shows it to a reader without the add-in.

LibreOffice (headless, a profile of its own) converts each sheet of each workbook to CSV with
full precision. The values-only copies (``workbooks/values``) must show every saved value and no
error anywhere. The formula workbooks must show the saved value of every single-cell formula;
LibreOffice recalculates every array formula on opening, whatever its recalculation setting
(checked on 7.4), so a spilled CARBON_* table shows #NAME? there and nothing else: that is the
reason the values-only copies exist, and the test keeps the limitation exact. Then one page per
workbook is rendered to PNG by the function that makes the README previews.

``.ci/run`` installs LibreOffice and poppler from the Debian packages when they are missing; on
CI a missing tool fails the test, elsewhere it skips.
"""

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from render_previews import PREVIEWS, TOOLS, render, soffice_command  # noqa: E402

from addin.workbooks import BUILDERS, VALUES_DIR  # noqa: E402

WORKBOOKS = ROOT / "workbooks"
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "#NULL!", "Err:")
# all sheets (-1), UTF-8 (76), values as stored rather than as shown (full precision)
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@pytest.fixture(scope="module")
def tools():
    missing = [t for t in TOOLS if not (shutil.which(t) or (t == "soffice" and shutil.which("libreoffice")))]
    if missing:
        message = f"LibreOffice/poppler missing ({', '.join(missing)}); .ci/run installs them from Debian packages"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def shown(tools, tmp_path_factory):
    """{(kind, workbook): {sheet: rows of text}} as LibreOffice exports them; kind 'formulas' or 'values'."""
    out = {}
    tmp = tmp_path_factory.mktemp("lo")
    for kind, folder in (("formulas", WORKBOOKS), ("values", WORKBOOKS / VALUES_DIR)):
        target = tmp / kind
        done = subprocess.run(soffice_command(tmp / "profile") + ["--convert-to", CSV_FILTER, "--outdir", str(target)]
                              + [str(folder / name) for name in BUILDERS], capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
        for name in BUILDERS:
            sheets = openpyxl.load_workbook(folder / name, read_only=True).sheetnames
            out[(kind, name)] = {}
            for sheet in sheets:
                path = target / f"{Path(name).stem}-{sheet}.csv"
                assert path.is_file(), f"LibreOffice exported no sheet {sheet} of {kind}/{name}"
                with path.open(encoding="utf-8", newline="") as fh:
                    out[(kind, name)][sheet] = list(csv.reader(fh))
    return out


def _at(rows, r: int, c: int) -> str:
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""


def _same(text: str, saved) -> bool:
    if saved is None or saved == "":
        return text == ""
    if isinstance(saved, bool):
        return text.upper() in ("TRUE", "FALSE") and (text.upper() == "TRUE") == saved
    if isinstance(saved, (int, float)):
        try:  # a percentage format is exported with its % sign, the value times 100
            shown = float(text[:-1]) / 100 if text.endswith("%") else float(text)
            return abs(shown - saved) <= 1e-12 * max(1.0, abs(saved))
        except ValueError:
            return False
    return text == str(saved)


def _array_cells(ws) -> set:
    cells = set()
    for row in ws.iter_rows():
        for c in row:
            ref = getattr(c.value, "ref", None)
            if ref:
                for line in ws[ref] if ":" in ref else ((ws[ref],),):
                    cells.update((x.row, x.column) for x in line)
    return cells


@pytest.mark.parametrize("name", list(BUILDERS))
def test_values_copy_shows_every_saved_value(shown, name):
    saved = openpyxl.load_workbook(WORKBOOKS / name, data_only=True)
    for ws in saved.worksheets:
        rows = shown[("values", name)][ws.title]
        wrong = [(c.coordinate, c.value, _at(rows, c.row - 1, c.column - 1)) for line in ws.iter_rows() for c in line
                 if not _same(_at(rows, c.row - 1, c.column - 1), c.value)]
        assert not wrong, f"values/{name} sheet {ws.title}: LibreOffice shows {wrong[:3]} (cell, saved, shown)"
        errors = [v for line in rows for v in line if v.startswith(ERRORS)]
        assert not errors, f"values/{name} sheet {ws.title} shows {errors[:3]}"


@pytest.mark.parametrize("name", list(BUILDERS))
def test_formula_workbook_keeps_saved_values_outside_array_formulas(shown, name):
    formulas = openpyxl.load_workbook(WORKBOOKS / name)
    saved = openpyxl.load_workbook(WORKBOOKS / name, data_only=True)
    n_formulas = n_arrays = 0
    for ws in formulas.worksheets:
        rows = shown[("formulas", name)][ws.title]
        arrays = _array_cells(ws)
        n_arrays += len(arrays)
        for line in saved[ws.title].iter_rows():
            for c in line:
                text = _at(rows, c.row - 1, c.column - 1)
                if (c.row, c.column) in arrays:
                    assert text == "#NAME?" or _same(text, c.value), (name, ws.title, c.coordinate, text, c.value)
                    continue
                if isinstance(ws.cell(c.row, c.column).value, str) and str(ws.cell(c.row, c.column).value).startswith("="):
                    n_formulas += 1
                assert _same(text, c.value), f"{name} {ws.title}!{c.coordinate}: saved {c.value!r}, shown {text!r}"
    assert n_formulas + n_arrays, f"{name}: no formula was checked"


def test_previews_render_from_the_values_copies(tools, tmp_path):
    images = render(WORKBOOKS / VALUES_DIR, tmp_path)
    assert [p.name for p in images] == [p[2] for p in PREVIEWS]
    import numpy as np
    from PIL import Image

    for path in images:
        img = Image.open(path).convert("L")
        dark = float((np.asarray(img) < 200).mean())
        assert img.width > 300 and img.height > 150 and dark > 0.01, f"{path.name} looks blank ({img.size}, {dark:.3f})"
