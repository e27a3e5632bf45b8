"""``carbon build-workbooks``: the example workbooks are Excel artefacts, built by :mod:`addin.workbooks`."""

from __future__ import annotations

from pathlib import Path

from addin.workbooks import build_all


def cmd_build_workbooks(args) -> int:
    """Write every example workbook, and its values-only copy for readers without the add-in."""
    for path in build_all(Path(args.output_dir), with_values=True):
        print(f"wrote {path}")
    return 0
