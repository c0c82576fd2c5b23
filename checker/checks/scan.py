"""Walk the text cells of a workbook, and say where a cell is in an officer's words.

Rules about the text itself (another agency's name, conversion damage, broken links)
look at every cell an assessor sees: the tables, their title rows, the cover and the
notes around them. Hidden sheets are not published and are skipped; a merged range is
read once, at its first cell.
"""

from __future__ import annotations

from typing import Iterator, NamedTuple

from checker.document import Document
from checker.model import Row, Table, column_letter
from checker.thai import text_key


# A named tuple rather than a frozen dataclass: a workbook has hundreds of thousands of
# text cells, and a tuple is made in a third of the time.
class TextCell(NamedTuple):
    sheet: str
    row: int
    column: int
    text: str
    field: str | None  # the table field when the cell is in a data row


def table_rows(document: Document) -> dict[tuple[str, int], list[Row]]:
    """(sheet, worksheet row) -> the data rows of tables read from it."""
    rows: dict[tuple[str, int], list[Row]] = {}
    for t in document.tables:
        for row in t.rows:
            rows.setdefault((t.sheet, row.number), []).append(row)
    return rows


def text_cells(document: Document) -> tuple[TextCell, ...]:
    """Every text cell an assessor sees, once per document for all the rules that read them."""
    return document.derived(_text_cells)


def _text_cells(document: Document) -> tuple[TextCell, ...]:
    return tuple(_walk(document))


def _walk(document: Document) -> Iterator[TextCell]:
    in_tables = table_rows(document)
    no_fields: dict[int, str] = {}
    make = tuple.__new__  # a TextCell without the named tuple's Python-level __new__
    for sheet in document.book.sheets:
        if sheet.hidden:
            continue
        name = sheet.name
        followers: dict[int, set[int]] = {}  # row -> columns of merged cells shown from another cell
        for r, c in sheet.origins:
            followers.setdefault(r, set()).add(c)
        for r, values in enumerate(sheet.rows, start=1):
            # Column -> field for a row of a table, made row by row: kept for the whole
            # walk, an entry per cell of a long table would keep the garbage collector busy
            # going through them.
            rows = in_tables.get((name, r))
            row_fields = {cell.column: field for row in rows for field, cell in row.cells.items()} if rows else no_fields
            merged = followers.get(r, ())
            texts = sheet.texts(r)  # read once with the sheet (checker.reader.Sheet)
            for c, value in enumerate(values, start=1):
                if value is None or isinstance(value, (int, float)) or c in merged:
                    continue
                text = texts[c - 1]
                if text:
                    yield make(TextCell, (name, r, c, text, row_fields.get(c)))


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
