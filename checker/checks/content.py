"""What the values alone do not show: formulas with no saved value, Excel error values,
and data someone hid. The reader notes these per sheet; these checks report the ones that
touch a plan or report table."""

from __future__ import annotations

from typing import Iterator

from checker.document import Document
from checker.model import Problem
from checker.reader import Sheet
from checker.ruleset import Rule


def _sheet(document: Document, name: str) -> Sheet:
    return next(s for s in document.book.sheets if s.name == name)


def _table_cells(document: Document, rule: Rule, notes: str) -> Iterator[Problem]:
    for table in document.tables_for(rule.applies_to):
        noted = getattr(_sheet(document, table.sheet), notes)
        if not noted:
            continue
        fields = {c: f for f, c in table.columns.items()}
        for row in table.rows:
            for column, field in fields.items():
                if (row.number, column) in noted:
                    yield Problem(sheet=table.sheet, row=row.number, column=column, field=field,
                                  value=noted[(row.number, column)])


def formula_values(document: Document, rule: Rule) -> Iterator[Problem]:
    yield from _table_cells(document, rule, "formulas")


def error_values(document: Document, rule: Rule) -> Iterator[Problem]:
    yield from _table_cells(document, rule, "errors")


def hidden_content(document: Document, rule: Rule) -> Iterator[Problem]:
    for table in document.tables_for(rule.applies_to):
        sheet = _sheet(document, table.sheet)
        if sheet.hidden and table.rows:
            yield Problem(sheet=table.sheet, variant="sheet")
            continue
        for row in table.rows:
            if row.number in sheet.hidden_rows:
                yield Problem(sheet=table.sheet, row=row.number, variant="row", params={"row": str(row.number)})
        for field, column in table.columns.items():
            if column in sheet.hidden_columns and any(row.text(field) for row in table.rows):
                yield Problem(sheet=table.sheet, row=table.header_row, column=column, field=field, variant="column")
