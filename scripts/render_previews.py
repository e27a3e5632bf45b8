"""Render preview images of the example workbooks' main sheets for the README.

    python scripts/render_previews.py        # needs LibreOffice (soffice) and poppler (pdftoppm, pdftotext)

The values-only copies of the workbooks (``workbooks/values``: the saved values without
formulas, because LibreOffice recalculates array formulas on opening and shows #NAME? for
functions it does not know) are converted to PDF by LibreOffice, the page that holds each
main sheet is found by a marker text, and that page is rendered to PNG in docs/images/ with
the blank margin cropped (Pillow). ``tests/test_libreoffice.py`` runs the same :func:`render`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PREVIEWS = [  # workbook, marker text on the main sheet's page, image name
    ("io_extraction_china2017.xlsx", "Emission transfer", "preview_io_table2.png"),
    ("io_extraction_china2017.xlsx", "CO2 and intensity by sector", "preview_io_intensity.png"),
    ("io_extraction_guangdong2017.xlsx", "Energy transfer", "preview_guangdong_table2.png"),
    ("park_inventory_ganzhou.xlsx", "By year", "preview_park_summary.png"),
    ("factor_audit.xlsx", "Same quantity, different values", "preview_audit_conflicts.png"),
    ("sda_guangdong_2012_2017.xlsx", "check: 2017", "preview_sda_waterfall.png"),
    ("spa_guangdong2017.xlsx", "(S1-S11): the 20 supply chains", "preview_spa_paths.png"),
]
TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo")


class RenderError(RuntimeError):
    """A tool is missing, a conversion failed, or no page shows a marker."""


def soffice_command(profile: Path) -> list[str]:
    """LibreOffice headless with a profile of its own (no clash with a running instance or user settings)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RenderError("soffice not found: install LibreOffice (Debian: libreoffice-calc-nogui)")
    return [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless"]


def _crop(path: Path, margin: int = 12) -> None:
    from PIL import Image, ImageChops

    img = Image.open(path).convert("RGB")
    box = ImageChops.difference(img, Image.new("RGB", img.size, (255, 255, 255))).getbbox()
    if box:
        l, t, r, b = box
        img = img.crop((max(0, l - margin), max(0, t - margin), min(img.width, r + margin), min(img.height, b + margin)))
    img.save(path, optimize=True)


def _run(args: list[str]) -> str:
    done = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RenderError(f"{Path(args[0]).name} failed ({done.returncode}): {done.stderr.strip()[:300]}")
    return done.stdout


def render(values_dir: Path, out_dir: Path, previews=PREVIEWS) -> list[Path]:
    """PNG of the page showing each marker, from the workbooks in ``values_dir``; the paths written."""
    for tool in TOOLS[1:]:
        if not shutil.which(tool):
            raise RenderError(f"{tool} not found: install poppler-utils")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        books = sorted({p[0] for p in previews})
        _run(soffice_command(Path(tmp) / "profile") + ["--convert-to", "pdf", "--outdir", tmp]
             + [str(Path(values_dir) / b) for b in books])
        for book, marker, image in previews:
            pdf = Path(tmp) / (Path(book).stem + ".pdf")
            if not pdf.is_file():
                raise RenderError(f"{book}: LibreOffice wrote no PDF")
            pages = int(next(line.split()[-1] for line in _run(["pdfinfo", str(pdf)]).splitlines()
                             if line.startswith("Pages:")))
            page = next((p for p in range(1, pages + 1)
                         if marker in _run(["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"])), None)
            if page is None:
                raise RenderError(f"{book}: no page shows '{marker}'")
            stem = out_dir / Path(image).stem
            _run(["pdftoppm", "-png", "-r", "120", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)])
            _crop(Path(f"{stem}.png"))
            written.append(Path(f"{stem}.png"))
    return written


def main() -> int:
    try:
        for path in render(ROOT / "workbooks" / "values", ROOT / "docs" / "images"):
            print(f"wrote {path.relative_to(ROOT)}")
    except RenderError as exc:
        print(f"render_previews: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
