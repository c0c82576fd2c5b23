"""Walk the text cells of a workbook, and say where a cell is in an officer's words.

Rules about the text itself (another agency's name, conversion damage, broken links)
look at every cell an assessor sees: the tables, their title rows, the cover and the
notes around them. Hidden sheets are not published and are skipped; a merged range is
read once, at its first cell.
"""

from __future__ import annotations

from functools import partial
from typing import Callable, Collection, Hashable, Iterator, Mapping, NamedTuple, TypeVar

from checker.document import Document
from checker.model import Row, Table, column_letter
from checker.thai import text_key

T = TypeVar("T")


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


def distinct_texts(document: Document) -> frozenset[str]:
    """Every text the visible sheets hold, once (a number's text too, and a merged range's
    under each of its cells: a few more than `cells_with` walks, never fewer). The rules
    about the text itself judge each distinct text once, then find the cells of the few
    they flag: a long table repeats its offices, periods and steps on row after row, and
    nearly every text is flagged by none of them."""
    return document.derived(_distinct_texts)


def _distinct_texts(document: Document) -> frozenset[str]:
    found: set[str] = set()
    add = found.update
    for sheet in document.book.sheets:
        if not sheet.hidden:
            for r in range(1, sheet.max_row + 1):
                add(sheet.texts(r))  # read once with the sheet (checker.reader.Sheet)
    found.discard("")
    return frozenset(found)


def cells_with(document: Document, texts: Collection[str]) -> Iterator[TextCell]:
    """The text cells an assessor sees whose text is one of `texts`, in reading order."""
    return _walk(document, frozenset(texts)) if texts else iter(())


def judged_cells(document: Document, judge: Callable[[str], T | None]) -> Iterator[tuple[TextCell, T]]:
    """(cell, verdict) for every text cell whose text `judge` finds something in (a verdict
    that is not empty): each distinct text judged once, then only its cells walked to.
    A long workbook's texts may have been judged already, by a helper process
    (`checker.judges`)."""
    found = document.derived(judged_elsewhere).get(judge_key(judge))
    if found is None:
        found = {text: verdict for text in distinct_texts(document) if (verdict := judge(text))}
    return ((cell, found[cell.text]) for cell in cells_with(document, found))


def judged_elsewhere(document: Document) -> Mapping[Hashable, dict]:
    """judge_key(judge) -> {text: verdict} of the texts it flags, for the judges whose
    verdicts came from elsewhere (`Document.provide`); none by default."""
    return {}


def judge_key(judge: Callable) -> Hashable:
    """What tells two judges apart: the function, and the arguments a partial binds (the
    agency rules' judges are two partials of one function with equal arguments)."""
    if isinstance(judge, partial):
        return judge.func, judge.args, tuple(sorted(judge.keywords.items()))
    return judge


def _walk(document: Document, wanted: frozenset[str] | None = None) -> Iterator[TextCell]:
    """Every text cell an assessor sees (those whose text is in `wanted`, when given)."""
    in_tables = None  # made on the first row walked to, once per document for all rules
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
            texts = sheet.texts(r)  # read once with the sheet (checker.reader.Sheet)
            if wanted is not None and wanted.isdisjoint(texts):
                continue
            if in_tables is None:
                in_tables = document.derived(table_rows)
            # Column -> field for a row of a table, made row by row: kept for the whole
            # walk, an entry per cell of a long table would keep the garbage collector busy
            # going through them.
            rows = in_tables.get((name, r))
            row_fields = {cell.column: field for row in rows for field, cell in row.cells.items()} if rows else no_fields
            merged = followers.get(r, ())
            for c, value in enumerate(values, start=1):
                if value is None or isinstance(value, (int, float)) or c in merged:
                    continue
                text = texts[c - 1]
                if text and (wanted is None or text in wanted):
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
