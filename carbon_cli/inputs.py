"""Reading the user's CSV files: encodings Chinese Excel writes, empty files, clear refusals.

Excel in a Chinese locale saves "CSV" in GB18030/GBK; "CSV UTF-8" adds a byte-order mark.
Both are read as they are; a file in neither encoding is refused with the fix.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from carbon_core.errors import InputError

#: Tried in order: UTF-8 (with or without BOM), then GB18030 (a superset of GBK and GB2312).
ENCODINGS = ("utf-8-sig", "gb18030")


def decode(data: bytes, what: str, path: str) -> tuple[str, str]:
    """(text, encoding) of a file's bytes; refuses UTF-16 and bytes no known encoding reads."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{what} file '{path}' is UTF-16 (Excel's 'Unicode text'); save it as 'CSV UTF-8' or "
                         "'CSV (comma delimited)' instead.")
    if b"\x00" in data[:4096]:
        raise InputError(f"{what} file '{path}' is not a text file (it holds NUL bytes; an .xlsx renamed to .csv?); "
                         "save it from Excel as 'CSV UTF-8'.")
    for enc in ENCODINGS:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise InputError(f"{what} file '{path}' is neither UTF-8 nor GB18030/GBK text; save it from Excel as "
                     "'CSV UTF-8' and try again.")


def read_text(path: str, what: str) -> str:
    """The decoded text of an input file, refusing a missing, unreadable or empty file."""
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} file '{path}' does not exist" + (" (it is a folder)." if p.is_dir() else "."))
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{what} file '{path}' cannot be read ({exc.strerror or exc}).") from None
    text, _ = decode(data, what, path)
    if not text.strip():
        raise InputError(f"{what} file '{path}' is empty; it needs a header row and data rows.")
    return text


def read_csv(path: str, what: str, **kwargs) -> pd.DataFrame:
    """A CSV input file as a DataFrame (pandas options passed on), in UTF-8, UTF-8 with BOM or GB18030."""
    text = read_text(path, what)
    try:
        frame = pd.read_csv(io.StringIO(text), **kwargs)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
        raise InputError(f"{what} file '{path}' could not be read as CSV ({' '.join(str(exc).split())}); check "
                         "the separators (commas) and quotes.") from None
    if frame.shape[0] == 0:
        raise InputError(f"{what} file '{path}' has a header but no data rows.")
    return frame


def _numberlike(text) -> bool:
    try:
        float(str(text).replace(",", ""))
        return True
    except ValueError:
        return False


def require_header(names, path: str, what: str, expected: str) -> None:
    """Refuse a file whose first line is data: pandas would take it for the header and lose that row.

    ``names`` are the header cells that must be names (not numbers) in a file of this kind.
    """
    numeric = [str(n) for n in names if _numberlike(n)]
    if numeric:
        raise InputError(f"{what} file '{path}' has no header row: its first line holds {', '.join(numeric[:4])} "
                         f"where column names belong. Add the header row ({expected}) as the first line.")
