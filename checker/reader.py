"""Open a workbook safely and turn each worksheet into a grid of values.

Before any parsing, the file is sniffed (what kind of file is it really?) and its zip
members are held to limits: size, uncompressed size, compression ratio, number of sheets,
rows and cells. Every XML part is refused if it declares a DTD, so entity tricks such as
"billion laughs" never reach a parser. A byte scan of each sheet's XML (no XML parser)
counts rows and cells and notes what values alone do not show: hidden rows and columns,
formulas without a saved value, Excel error values.

Values then come from python-calamine, a Rust reader about ten times faster than
openpyxl on large sheets. It reads saved values only: formulas are never evaluated,
macros never loaded, links never followed. The input file is only ever opened for reading.

A file that cannot be read raises `Unreadable` with a reason key; the engine turns it into
the `unreadable-file` finding, whose message explains the reason to the officer.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from checker.model import Cell, get_column_letter
from checker.thai import cell_text, clean

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An OOXML workbook saved with a password is an OLE2 file holding these streams.
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_SCAN_CHUNK = 1 << 20
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    """Bounds checked before parsing; hitting one makes the file unreadable, quickly and
    in little memory. Each can be raised from the command line (--limit NAME=VALUE)."""

    file_mb: float = 50.0  # the file as stored
    unpacked_mb: float = 500.0  # all zip members uncompressed, by their headers
    ratio: float = 200.0  # uncompressed / compressed size of any member over 1 MB
    sheets: int = 200
    rows: int = 1_000_000  # per sheet
    cells: int = 20_000_000  # all sheets
    cell_chars: int = 32_767  # Excel's own limit; longer text is cut for the rules

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(cls.__dataclass_fields__)


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
    hidden_rows: frozenset[int] = frozenset()
    hidden_columns: frozenset[int] = frozenset()
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # formulas with no saved value
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # Excel error values (#REF!, #N/A...)

    @property
    def max_row(self) -> int:
        return len(self.rows)

    def value(self, row: int, column: int) -> object:
        if 1 <= row <= len(self.rows):
            values = self.rows[row - 1]
            if 1 <= column <= len(values):
                return values[column - 1]
        return None

    @cached_property
    def _texts(self) -> list[list[str]]:
        # Every cell's text, read once: finding tables, building rows and several rules
        # all read the same cells.
        # (`cell_text` written out for the usual cases: a million calls in a long table.)
        return [["" if v is None else clean(v) if v.__class__ is str else cell_text(v) for v in values]
                for values in self.rows]

    def cell(self, row: int, column: int) -> Cell:
        return self.row_cells(row, ((None, column),))[None]

    def row_cells(self, row: int, columns) -> dict:
        """{key: Cell} of one row for (key, column) pairs: a table's fields, read for every
        row of the table, so the row's values and texts are looked up once."""
        values = self.rows[row - 1] if 1 <= row <= len(self.rows) else ()
        texts = self._texts[row - 1] if values else ()
        width, origins, name = len(values), self.origins, self.name
        # tuple.__new__ makes the named tuple without the Python-level __new__ it would
        # otherwise call, a third of the time of a long table's nine hundred thousand cells.
        make = tuple.__new__
        return {key: make(Cell, (name, row, column, values[column - 1], texts[column - 1],
                                 origins.get((row, column)) if origins else None))
                if 1 <= column <= width and values[column - 1] is not None
                else make(Cell, (name, row, column, None, "", origins.get((row, column)) if origins else None))
                for key, column in columns}

    def texts(self, row: int) -> list[str]:
        if not 1 <= row <= len(self.rows):
            return []
        return self._texts[row - 1]


@dataclass(frozen=True)
class Book:
    path: str
    sheets: tuple[Sheet, ...]


# ---------------------------------------------------------------- what is this file?

def sniff(path: Path, limits: Limits) -> None:
    """Say why a file is not a readable .xlsx before any parser sees it (`members` then
    checks what the zip holds)."""
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
    if size > limits.file_mb * 1024 * 1024:
        raise Unreadable("too_large", f"{size / 1048576:.3g} MB > {limits.file_mb:g} MB")
    if head[:4] != ZIP_MAGIC:
        raise Unreadable(_text_kind(path) or "not_spreadsheet")


def members(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    """The zip's members, held to the size limits by what their headers declare."""
    infos = archive.infolist()
    names = {m.filename for m in infos}
    if "xl/workbook.xml" not in names:
        raise Unreadable("not_workbook", ", ".join(sorted(names)[:5]))
    total = sum(m.file_size for m in infos)
    if total > limits.unpacked_mb * 1024 * 1024:
        raise Unreadable("too_large", f"{total / 1048576:.0f} MB unpacked > {limits.unpacked_mb:g} MB")
    for member in infos:
        if member.file_size > 1024 * 1024 and member.file_size / max(member.compress_size, 1) > limits.ratio:
            raise Unreadable("zip_bomb", f"{member.filename}: {member.file_size // max(member.compress_size, 1)}:1")
    return infos


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


# ---------------------------------------------------------------- the byte scan

_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_COL = re.compile(rb"<(?:\w+:)?col\b([^>]*)>")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_ATTR = re.compile(rb'(\w+)="([^"]*)"')
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_VALUE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.DOTALL)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
# A cell formula element, not <formula1> of a data validation or <firstFooter>, which
# every filled template has: those would send every sheet to the slow detailed scan.
# (Searched for at once: the engine's search for the literal "<f" of the plain pattern
# is twice as fast as `b"<f" in data` on these sheets, and most have a "<formula1>".)
_FORMULA_MARK = re.compile(rb"<(?:\w+:)?f\b")
_PLAIN_FORMULA_MARK = re.compile(rb"<f\b")
# The same engine search, for the same reason (a third less time than `in`).
_HIDDEN_MARK, _ERROR_MARK = re.compile(rb"hidden="), re.compile(rb't="e"')
_PREFIXED_ROOT = re.compile(rb"<(\w+):worksheet\b")
# calamine builds a sheet as one grid from A1 to its farthest value, so a single value at
# XFD1048576 asks for 17 billion cells (and aborts the process). References that reach
# beyond column Z or row 99,999 are the only ones that can make the grid large, and few
# cells have one.
_FAR = rb'([A-Z]{2,3}\d+|[A-Z]?\d{6,})"'
_REF_PARTS = re.compile(rb"([A-Z]*)(\d+)")
NEAR_ROWS, NEAR_COLUMNS = 99_999, 26  # what a reference not found far can reach
# A cell written without its reference ("<c>", "<c t=...>"): calamine places it after the
# cell before it, so nothing bounds where it lands but the cells before it (Excel and the
# other writers put r= first in every cell). Then the grid is measured exactly.
# One search finds both kinds of cell, far and unplaced, in one pass of the engine's
# literal search for "<c". A row's own reference need not be read: calamine places a
# cell by the row only when the cell has no reference, and then the grid is measured.
_CELL_MARK = re.compile(rb'<c(?: r="' + _FAR + rb'|(?![^\s>/])(?! r="))')
_CELL_MARK_PREFIXED = re.compile(rb'<(?:\w+:)?c(?:\s+r="' + _FAR + rb'|(?![^\s>/])(?!\s+r="))')
# Rows and cells in document order, to place them as calamine does (`_check_grid`).
_PLACES = re.compile(rb"<(?:\w+:)?(?:(row)\b([^>]*)>|c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>))", re.DOTALL)


@dataclass
class _SheetScan:
    rows: int = 0
    cells: int = 0
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    far: set[bytes] = field(default_factory=set)  # references beyond column Z or row 99,999
    unplaced: bool = False  # a cell without a reference


def _column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    return dict(_ATTR.findall(raw))


def _scan_sheet(archive: zipfile.ZipFile, part: str, limits: Limits, cells_so_far: int,
                count: bool = True) -> _SheetScan:
    """Count rows and cells in bounded memory (unless `count` is False: the caller knows
    the sheet's size cannot hold too many), and find what values alone do not show."""
    scan = _SheetScan()
    markers = {"hidden": False, "formula": False, "error": False}
    tail = b""
    with archive.open(part) as stream:
        head = stream.read(4096)
        if _DTD.search(head):
            raise Unreadable("xml_entities", part)
        # Elements carry a prefix ("<x:row") when the root does; looking for both spellings
        # in every megabyte doubles the cost of the scan, so the prefixed ones are looked
        # for only then. (A file that mixes the two could hide rows from the count, not
        # from the size limits, which bound the rows too.)
        root = _PREFIXED_ROOT.search(head)
        prefixed = root is not None
        cell_tag = b"<" + root.group(1) + b":c" if root else b""
        chunk = head
        while chunk:
            window = tail + chunk
            if count:
                scan.rows += chunk.count(b"<row") + (chunk.count(b":row ") if prefixed else 0)
                # "<c" counts the cells written without attributes too ("<c>", "<c/>"), and
                # a few other elements (<cols>, <cfRule>): a bound, which is what a limit needs.
                scan.cells += chunk.count(b"<c") + (chunk.count(cell_tag) if prefixed else 0)
            if not scan.unplaced:  # once one is found, the grid is measured cell by cell
                for hit in (_CELL_MARK_PREFIXED if prefixed else _CELL_MARK).finditer(window):
                    if hit.group(1):
                        scan.far.add(hit.group(1))
                    elif hit.start() < len(window) - 16:  # a tag cut by the window's end is whole in the next
                        scan.unplaced = True
                        break
            markers["hidden"] = markers["hidden"] or _HIDDEN_MARK.search(window) is not None
            markers["formula"] = markers["formula"] or (
                (_FORMULA_MARK if prefixed else _PLAIN_FORMULA_MARK).search(window) is not None)
            markers["error"] = markers["error"] or _ERROR_MARK.search(window) is not None
            if scan.rows > limits.rows:
                raise Unreadable("too_many_rows", f"{part}: > {limits.rows:,} rows")
            if cells_so_far + scan.cells > limits.cells:
                raise Unreadable("too_many_cells", f"> {limits.cells:,} cells")
            tail = window[-64:]  # a reference or a marker cut in two by the chunk is whole in the window
            chunk = stream.read(_SCAN_CHUNK)
    if scan.unplaced or _grid_size(scan.far) > limits.cells:
        _check_grid(archive, part, limits)
    if any(markers.values()):
        _scan_details(archive, part, scan, markers)
    return scan


def _reference(ref: bytes) -> tuple[int, int] | None:
    """(row, column) of b"XFD1048576"; a row number alone is in column A; None when `ref`
    is not a reference."""
    match = _REF_PARTS.fullmatch(ref)
    if match is None:
        return None
    letters, digits = match.groups()
    return int(digits), _column_number(letters.decode("ascii")) if letters else 1


def _grid_size(far: set[bytes]) -> int:
    """At most how many cells calamine's grid of the sheet holds: every reference not
    found far stays within row 99,999 and column Z."""
    rows, columns = NEAR_ROWS, NEAR_COLUMNS
    for ref in far:  # each matched _FAR, so each is a reference
        row, column = _reference(ref)
        rows, columns = max(rows, row), max(columns, column)
    return rows * columns


def _check_grid(archive: zipfile.ZipFile, part: str, limits: Limits) -> None:
    """The exact grid, from the cells that hold something (calamine skips an empty cell,
    such as one that only carries a format): refuse the sheet when it is too large. A row
    or cell without a reference is placed as calamine places it, after the one before."""
    rows = columns = 0
    farthest = (0, b"")  # the value farthest from A1: the one to tell the officer about
    row = column = 0
    for is_row, row_attrs, cell_attrs, body in _PLACES.findall(archive.read(part)):
        if is_row:
            number = _attrs(row_attrs).get(b"r", b"")
            # max(): where rows go backwards, the bound stays above calamine's count.
            row, column = (int(number) if number.isdigit() else max(row, rows) + 1), 0
            continue
        ref = _attrs(cell_attrs).get(b"r", b"")
        row, column = _reference(ref) or (max(row, 1), column + 1)
        if body.strip():
            rows, columns = max(rows, row), max(columns, column)
            farthest = max(farthest, (row * column, ref or f"{get_column_letter(column)}{row}".encode("ascii")))
    if rows * columns > limits.cells:
        raise Unreadable("far_cell", f"{part}: {farthest[1].decode('ascii')}, "
                                     f"{rows:,} × {columns:,} > {limits.cells:,}")


def _scan_details(archive: zipfile.ZipFile, part: str, scan: _SheetScan, markers: dict[str, bool]) -> None:
    data = archive.read(part)
    if markers["hidden"]:
        for raw in _ROW.findall(data):
            attrs = _attrs(raw)
            if attrs.get(b"hidden") in (b"1", b"true") and attrs.get(b"r", b"").isdigit():
                scan.hidden_rows.add(int(attrs[b"r"]))
        for raw in _COL.findall(data):
            attrs = _attrs(raw)
            if attrs.get(b"hidden") in (b"1", b"true"):
                first, last = int(attrs.get(b"min", b"0") or 0), int(attrs.get(b"max", b"0") or 0)
                scan.hidden_columns.update(range(first, min(last, 16384) + 1))
    if markers["formula"] or markers["error"]:
        for raw_attrs, body in _CELL.findall(data):
            if not body:
                continue
            attrs = _attrs(raw_attrs)
            ref = _REF.fullmatch(attrs.get(b"r", b"").decode("ascii", "replace"))
            if not ref:
                continue
            where = (int(ref.group(2)), _column_number(ref.group(1)))
            value = _VALUE.search(body)
            saved = value.group(1).strip() if value else b""
            if attrs.get(b"t") == b"e":
                scan.errors[where] = saved.decode("utf-8", "replace") or "#ERROR"
            elif not saved and (formula := _FORMULA.search(body)) is not None:
                scan.formulas[where] = "=" + (formula.group(1) or b"").decode("utf-8", "replace")


_SHEET_ENTRY = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")


_WORKBOOK, _WORKBOOK_RELS = "xl/workbook.xml", "xl/_rels/workbook.xml.rels"


def _sheet_parts(archive: zipfile.ZipFile, names: set[str]) -> list[str | None]:
    """The XML part of each sheet, in workbook order (None for a chart sheet)."""
    workbook = archive.read(_WORKBOOK)
    rels = archive.read(_WORKBOOK_RELS) if _WORKBOOK_RELS in names else b""
    for part in (workbook, rels):
        if _DTD.search(part[:4096]):
            raise Unreadable("xml_entities", _WORKBOOK)
    targets = {}
    for raw in _RELATION.findall(rels):
        attrs = _attrs(raw)
        target = attrs.get(b"Target", b"").decode("utf-8", "replace")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        targets[attrs.get(b"Id", b"")] = os.path.normpath(path).replace(os.sep, "/")
    parts = []
    for raw in _SHEET_ENTRY.findall(workbook):
        attrs = {k.split(b":")[-1]: v for k, v in _ATTR.findall(raw)}
        target = targets.get(attrs.get(b"id", b""))
        parts.append(target if target and "worksheets/" in target else None)
    return parts


# ---------------------------------------------------------------- reading

def read_workbook(path: str | os.PathLike, limits: Limits | None = None) -> Book:
    path = Path(path)
    limits = limits or Limits()
    sniff(path, limits)
    scans: list[_SheetScan | None] = []
    try:
        with zipfile.ZipFile(path) as archive:
            held = members(archive, limits)
            sizes = {member.filename: member.file_size for member in held}
            parts = _sheet_parts(archive, set(sizes))
            if len(parts) > limits.sheets:
                raise Unreadable("too_many_sheets", f"{len(parts)} > {limits.sheets}")
            # No part may declare entities, sheet or not: the sheets' heads are read by the
            # scan, the workbook and its relations' by _sheet_parts.
            checked = {*parts, _WORKBOOK, _WORKBOOK_RELS}
            for member in held:
                if member.filename.endswith((".xml", ".rels")) and member.file_size and member.filename not in checked:
                    with archive.open(member) as stream:
                        if _DTD.search(stream.read(4096)):
                            raise Unreadable("xml_entities", member.filename)
            # A row takes 6 bytes at least ("<row/>") and a cell 4 ("<c/>"): sheets whose
            # declared sizes cannot hold too many need not be counted (the zip readers stop
            # at the declared size).
            sheet_sizes = [sizes[part] for part in parts if part in sizes]
            count = sum(sheet_sizes) // 4 > limits.cells or max(sheet_sizes, default=0) // 6 > limits.rows
            cells = 0
            for part in parts:
                scan = _scan_sheet(archive, part, limits, cells, count) if part in sizes else None
                cells += scan.cells if scan else 0
                scans.append(scan)
    except Unreadable:
        raise
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, EOFError, RuntimeError) as exc:
        raise Unreadable("corrupt_zip", f"{type(exc).__name__}: {exc}") from None
    return Book(str(path), _read_values(path, scans, limits))


def _read_values(path: Path, scans: list[_SheetScan | None], limits: Limits) -> tuple[Sheet, ...]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum  # only when a file is read

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for index, meta in enumerate(workbook.sheets_metadata):
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            scan = scans[index] if index < len(scans) else None
            sheet = workbook.get_sheet_by_index(index)
            sheets.append(_sheet(meta.name, sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or [],
                                 meta.visible != SheetVisibleEnum.Visible, scan, limits))
        return tuple(sheets)
    except Unreadable:
        raise
    except Exception as exc:  # calamine raises its own error types on damaged parts
        raise Unreadable("corrupt", f"{type(exc).__name__}: {exc}") from None


def _sheet(name: str, grid: list[list], merged, hidden: bool, scan: _SheetScan | None, limits: Limits) -> Sheet:
    cap = limits.cell_chars
    # One string object per distinct text: calamine makes a new one for every cell, yet
    # a long table repeats its offices, periods and steps on row after row (half the
    # strings of the benchmark's 100,000-row table, 110 MB, are copies). A helper process
    # that shares the rules copies every page of strings it reads (`checker.sharing`).
    same = {}
    one = same.setdefault
    # Inline rather than a call per cell: a 100,000-row sheet has a million of them.
    rows = [[None if v == "" else (one(v, v) if len(v) <= cap else v[:cap]) if v.__class__ is str else v
             for v in values]
            for values in grid]
    scan = scan or _SheetScan()
    # A formula with no saved value is unknown, not empty: show the formula itself so
    # that no rule calls the cell empty, and let `formula-without-value` say so.
    for (r, c), text in {**scan.formulas, **scan.errors}.items():
        while len(rows) < r:
            rows.append([])
        if len(rows[r - 1]) < c:
            rows[r - 1].extend([None] * (c - len(rows[r - 1])))
        if rows[r - 1][c - 1] is None:
            rows[r - 1][c - 1] = text
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    origins: dict[tuple[int, int], tuple[int, int]] = {}
    for (top, left), (bottom, right) in merged:
        top, left, bottom, right = top + 1, left + 1, bottom + 1, right + 1
        if top > len(rows):
            continue
        value = rows[top - 1][left - 1] if left <= len(rows[top - 1]) else None
        # A range can cover a whole column; only the part with data matters.
        for r in range(top, min(bottom, len(rows)) + 1):
            values = rows[r - 1]
            for c in range(left, right + 1):
                if (r, c) == (top, left):
                    continue
                if c > len(values):
                    if value is None:
                        break
                    values.extend([None] * (c - len(values)))
                values[c - 1] = value
                origins[(r, c)] = (top, left)
    return Sheet(
        name=name,
        rows=tuple(tuple(r) for r in rows),
        origins=origins,
        hidden=hidden,
        hidden_rows=frozenset(scan.hidden_rows),
        hidden_columns=frozenset(scan.hidden_columns),
        formulas=dict(scan.formulas),
        errors=dict(scan.errors),
    )
