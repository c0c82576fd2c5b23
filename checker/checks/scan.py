"""Walk the text cells of a workbook, and say where a cell is in an officer's words.

Rules about the text itself (another agency's name, conversion damage, broken links)
look at every cell an assessor sees: the tables, their title rows, the cover and the
notes around them. Hidden sheets are not published and are skipped; a merged range is
read once, at its first cell.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, NamedTuple

from checker.document import Document
from checker.model import Table, column_letter
from checker.thai import cell_text, text_key


class TextCell(NamedTuple):
    # A named tuple, not a dataclass: a large workbook has hundreds of thousands of these,
    # and a frozen dataclass is several times slower to build.
    sheet: str
    row: int
    column: int
    text: str  # as cell_text gives it: what thai.clean returns
    field: str | None  # the table field when the cell is in a data row


def _fields_by_row(document: Document) -> dict[tuple[str, int], dict[int, str]]:
    """(sheet, row) -> column -> the table field of the cell there. Looked up once a row,
    not once a cell."""
    fields: dict[tuple[str, int], dict[int, str]] = {}
    for t in document.tables:
        for row in t.rows:
            columns = fields.setdefault((t.sheet, row.number), {})
            for field, cell in row.cells.items():
                columns[cell.column] = field
    return fields


def text_cells(document: Document) -> tuple[TextCell, ...]:
    """Every text cell an assessor sees, once per document for all the rules that read them."""
    return _text_cells(document)


@lru_cache(maxsize=4)
def _text_cells(document: Document) -> tuple[TextCell, ...]:
    return tuple(_walk(document))


def _walk(document: Document) -> Iterator[TextCell]:
    fields = _fields_by_row(document)
    for sheet in document.book.sheets:
        if sheet.hidden:
            continue
        name, origins = sheet.name, sheet.origins
        for r, values in enumerate(sheet.rows, start=1):
            columns = fields.get((name, r), {})
            for c, value in enumerate(values, start=1):
                if value is None or isinstance(value, (int, float)) or origins and (r, c) in origins:
                    continue
                text = cell_text(value)
                if text:
                    yield TextCell(name, r, c, text, columns.get(c))


def where(document: Document, field: str | None, column: int, row: int) -> dict[str, str]:
    """"ช่องผลการดำเนินการ (F14)" for a table cell, "เซลล์ C57" for any other: the
    subject that starts a message."""
    ref = f"{column_letter(column)}{row}"
    if field:
        return {"th": f"ช่อง{document.reference.label(field, 'th')} ({ref})",
                "en": f"The {document.reference.label(field, 'en')} cell ({ref})"}
    return {"th": f"เซลล์ {ref}", "en": f"Cell {ref}"}


def measure_keys(table: Table) -> dict[int, str]:
    """Worksheet row -> which measure the row is about. Rows of one measure (continuation
    rows "(ต่อ)", rows under a merged measure cell) share `Row.measure`; a measure carried
    onto a new page without "(ต่อ)", its title written again, is the same measure too."""
    first_text: dict[int, str] = {}
    for row in table.rows:
        first_text.setdefault(row.measure, text_key(row.text("measure")))
    return {row.number: first_text[row.measure] or f"#{row.measure}" for row in table.rows}
