"""Render preview images of the example workbooks' main sheets for the README.

    python scripts/render_previews.py        # needs LibreOffice (soffice) and poppler (pdftoppm, pdftotext)

Each workbook is built in its values-only form (the saved values, without formulas: LibreOffice
shows #NAME? for functions it does not know), converted to PDF by LibreOffice, the page
that holds the main sheet is found by a marker text, and that page is rendered to PNG in
docs/images/ with the blank margin cropped (Pillow).
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
    ("park_inventory_ganzhou.xlsx", "By year", "preview_park_summary.png"),
    ("factor_audit.xlsx", "Same quantity, different values", "preview_audit_conflicts.png"),
    ("sda_guangdong_2012_2017.xlsx", "check: 2017", "preview_sda_waterfall.png"),
]


def _crop(path: Path, margin: int = 12) -> None:
    from PIL import Image, ImageChops

    img = Image.open(path).convert("RGB")
    box = ImageChops.difference(img, Image.new("RGB", img.size, (255, 255, 255))).getbbox()
    if box:
        l, t, r, b = box
        img = img.crop((max(0, l - margin), max(0, t - margin), min(img.width, r + margin), min(img.height, b + margin)))
    img.save(path, optimize=True)


def main() -> int:
    for tool in ("soffice", "pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            sys.exit(f"{tool} not found: install LibreOffice and poppler-utils")
    out_dir = ROOT / "docs" / "images"
    out_dir.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from addin.workbooks import build_all

    with tempfile.TemporaryDirectory() as tmp:
        build_all(Path(tmp) / "values", values_only=True)
        for book in sorted({p[0] for p in PREVIEWS}):
            subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp,
                            str(Path(tmp) / "values" / book)], check=True, capture_output=True)
        for book, marker, image in PREVIEWS:
            pdf = Path(tmp) / (Path(book).stem + ".pdf")
            pages = int(next(line.split()[-1] for line in subprocess.run(
                ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
                if line.startswith("Pages:")))
            page = next((p for p in range(1, pages + 1) if marker in subprocess.run(
                ["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True, text=True).stdout), None)
            if page is None:
                sys.exit(f"{book}: no page shows '{marker}'")
            stem = out_dir / Path(image).stem
            subprocess.run(["pdftoppm", "-png", "-r", "120", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                            str(stem)], check=True)
            _crop(Path(f"{stem}.png"))
            print(f"{book} page {page} → {stem}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
