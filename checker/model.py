"""The records the checker passes around: what was read, and what was found.

All are frozen dataclasses. A `Problem` is what a check yields (where, and the values
for its message); the engine turns it into a `Finding`, the public record that carries
the rule id, severity and message in the user's language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Mapping, NamedTuple


SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


def get_column_letter(column: int) -> str:
    """1 -> "A", 28 -> "AB". Written here because importing openpyxl for it costs a quarter
    of a second on every run, and reading files no longer needs openpyxl."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_letter(column: int | None) -> str | None:
    return get_column_letter(column) if column else None


# A named tuple rather than a frozen dataclass: a 100,000-row table makes about a million
# cells, and a frozen dataclass takes three times as long to build (it sets each field
# through object.__setattr__).
class Cell(NamedTuple):
    """One worksheet cell as read: its value, its text, and where it is.

    `origin` is set on the cells of a merged range other than its top-left one: they
    show the top-left value, and findings about them belong to the top-left cell.
    """

    sheet: str
    row: int
    column: int
    value: object
    text: str
    origin: tuple[int, int] | None = None

    @property
    def letter(self) -> str:
        return get_column_letter(self.column)

    @property
    def ref(self) -> str:
        return f"{self.letter}{self.row}"


@dataclass(frozen=True, slots=True)
class Row:
    """A data row of a table. `measure` identifies the measure it belongs to, so that a
    continuation row "๙ (ต่อ)" or a row under a merged measure cell shares the measure
    of the row it continues."""

    number: int
    cells: Mapping[str, Cell]
    continuation: bool = False
    measure: int = 0  # index of the measure within its table, shared by continuation rows

    def text(self, field_key: str) -> str:
        cell = self.cells.get(field_key)
        return cell.text if cell else ""


@dataclass(frozen=True)
class Table:
    sheet: str
    kind: str | None  # "plan" or "report"
    header_row: int
    columns: Mapping[str, int]  # field key -> 1-based column
    header_text: Mapping[str, str]  # field key -> header cell text as written
    rows: tuple[Row, ...]
    title: tuple[tuple[int, str], ...] = ()  # (row, text) of the title rows above the header
    header_rows: tuple[int, ...] = ()  # every row holding this table's header (repeated per page)

    @property
    def first_row(self) -> int | None:
        return self.rows[0].number if self.rows else None

    @property
    def last_row(self) -> int | None:
        return self.rows[-1].number if self.rows else None

    def column_of(self, field_key: str) -> str | None:
        return column_letter(self.columns.get(field_key))

    def filled(self, field_key: str):
        """(row, cell) for each data row whose cell of this field holds text of its own
        (not empty, not a copy shown under a merged range)."""
        if field_key not in self.columns:
            return
        for row in self.rows:
            cell = row.cells[field_key]
            if cell.text and not cell.origin:
                yield row, cell


@dataclass(frozen=True)
class Statement:
    """A piece of metadata the workbook states, and where: several may disagree."""

    key: str  # agency, fiscal_year, round, kind, agency_type, district, province
    value: object
    source: str  # "metadata" (the metadata sheet) or "title" (title rows of a table)
    sheet: str
    row: int
    column: int


@dataclass(frozen=True)
class Metadata:
    agency: str | None = None
    agency_type: str | None = None
    district: str | None = None
    province: str | None = None
    fiscal_year: int | None = None
    round: int | None = None
    kind: str | None = None
    statements: tuple[Statement, ...] = ()


@dataclass(frozen=True)
class Problem:
    """What a check found. `variant` picks one of the rule's alternative messages;
    `params` fill the message template. A param may be a {"th": .., "en": ..} mapping."""

    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None
    value: str | None = None
    variant: str = "default"
    params: Mapping[str, object] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    hint: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    value: str | None = None

    @property
    def cell(self) -> str | None:
        if self.row is None or self.column is None:
            return None
        return f"{self.column}{self.row}"

    def sort_key(self) -> tuple:
        return (
            self.sheet or "",
            self.row or 0,
            _column_order(self.column),
            self.rule,
        )


def _column_order(letter: str | None) -> tuple[int, str]:
    return (len(letter), letter) if letter else (0, "")


@dataclass(frozen=True)
class TableInfo:
    """A table as reported: where it is and which column holds which field."""

    sheet: str
    kind: str | None
    header_row: int
    first_row: int | None
    last_row: int | None
    columns: Mapping[str, str]


@dataclass(frozen=True)
class FileReport:
    path: str
    sha256: str | None
    status: str  # passed, failed, unreadable
    metadata: Metadata
    tables: tuple[TableInfo, ...]
    findings: tuple[Finding, ...]
    rows_checked: int = 0

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass(frozen=True)
class RunReport:
    files: tuple[FileReport, ...]
    rules_count: int
    rules_digest: str
    checker_version: str
    fail_on: str = "error"
    interrupted: bool = False  # stopped by the user: `files` holds only what was checked
    requested: int = 0  # how many files the run was asked to check

    @property
    def failed(self) -> bool:
        return any(f.status != "passed" for f in self.files)
