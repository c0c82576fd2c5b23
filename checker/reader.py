"""Open a workbook safely and turn each worksheet into a grid of values.

Values only: formulas are not evaluated (their cached value is read), macros are never
loaded, external links are not followed, and the XML parser is openpyxl's, which uses
defusedxml when it is installed (it is a dependency). The input file is only read.

A file that cannot be read raises `Unreadable` with a reason key; the engine turns it
into the `unreadable-file` finding, whose message explains the reason to the officer.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from checker.model import Cell
from checker.thai import cell_text

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An OOXML workbook saved with a password is an OLE2 file holding these streams.
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")


@dataclass(frozen=True)
class Limits:
    """Bounds checked before parsing; hitting one makes the file unreadable."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_uncompressed_bytes: int = 500 * 1024 * 1024
    max_compression_ratio: float = 200.0


class Unreadable(Exception):
    """The file cannot be read as a workbook. `reason` selects the message."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason, detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: tuple[tuple[object, ...], ...]  # values; a merged range shows its top-left value in every cell
    origins: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # merged follower -> top-left
    hidden: bool = False

    @property
    def max_row(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> object:
        if 1 <= row <= len(self.rows):
            values = self.rows[row - 1]
            if 1 <= column <= len(values):
                return values[column - 1]
        return None

    def cell(self, row: int, column: int) -> Cell:
        value = self.value(row, column)
        return Cell(self.name, row, column, value, cell_text(value), self.origins.get((row, column)))

    def texts(self, row: int) -> list[str]:
        if not 1 <= row <= len(self.rows):
            return []
        return [cell_text(v) for v in self.rows[row - 1]]


@dataclass(frozen=True)
class Book:
    path: str
    sheets: tuple[Sheet, ...]


def sniff(path: Path, limits: Limits) -> None:
    """Say why a file is not a readable .xlsx before handing it to the XML parser."""
    if not path.exists():
        raise Unreadable("missing")
    if path.is_dir():
        raise Unreadable("directory")
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(8)
            if head == OLE2_MAGIC:
                body = handle.read(min(size, 4 * 1024 * 1024))
                raise Unreadable("encrypted" if _ENCRYPTION_STREAM in body else "legacy_xls")
    except PermissionError as exc:
        raise Unreadable("permission", str(exc)) from None
    except OSError as exc:
        raise Unreadable("os_error", str(exc)) from None
    if size == 0:
        raise Unreadable("empty")
    if size > limits.max_file_bytes:
        raise Unreadable("too_large", f"{size} > {limits.max_file_bytes} bytes")
    if head[:4] != ZIP_MAGIC:
        raise Unreadable(_text_kind(path) or "not_spreadsheet")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable("corrupt_zip", str(exc)) from None
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise Unreadable("not_workbook", ", ".join(sorted(names)[:5]))
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > limits.max_uncompressed_bytes:
        raise Unreadable("too_large", f"{total} bytes uncompressed > {limits.max_uncompressed_bytes}")
    if total / packed > limits.max_compression_ratio:
        raise Unreadable("zip_bomb", f"ratio {total / packed:.0f} > {limits.max_compression_ratio:.0f}")


def _text_kind(path: Path) -> str | None:
    with open(path, "rb") as handle:
        sample = handle.read(4096)
    try:
        text = sample.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = sample.decode("cp874")  # Thai Windows code page, as old exports use
        except UnicodeDecodeError:
            return None
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html", "<table", "<?xml")):
        return "html"
    if "," in text or "\t" in text or ";" in text:
        return "csv"
    return "text"


def read_workbook(path: str | os.PathLike, limits: Limits | None = None) -> Book:
    from openpyxl import load_workbook  # heavy: imported only when a file is read

    path = Path(path)
    limits = limits or Limits()
    sniff(path, limits)
    try:
        workbook = load_workbook(path, read_only=False, data_only=True, keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many types on damaged parts
        raise Unreadable("corrupt", f"{type(exc).__name__}: {exc}") from None
    try:
        return Book(str(path), tuple(_read_sheet(ws) for ws in workbook.worksheets))
    except Exception as exc:
        raise Unreadable("corrupt", f"{type(exc).__name__}: {exc}") from None
    finally:
        workbook.close()


def _read_sheet(ws) -> Sheet:
    rows = [list(values) for values in ws.iter_rows(values_only=True)]
    while rows and all(v is None or v == "" for v in rows[-1]):
        rows.pop()
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for merged in ws.merged_cells.ranges:
        top, left = merged.min_row, merged.min_col
        if top > len(rows):
            continue
        value = rows[top - 1][left - 1] if left <= len(rows[top - 1]) else None
        # A range can cover a whole column; only the part with data matters.
        for r in range(top, min(merged.max_row, len(rows)) + 1):
            values = rows[r - 1]
            for c in range(left, merged.max_col + 1):
                if (r, c) == (top, left):
                    continue
                if c > len(values):
                    if value is None:
                        break
                    values.extend([None] * (c - len(values)))
                values[c - 1] = value
                origins[(r, c)] = (top, left)
    return Sheet(
        name=ws.title,
        rows=tuple(tuple(r) for r in rows),
        origins=origins,
        hidden=ws.sheet_state != "visible",
    )
