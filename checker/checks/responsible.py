"""The responsible column must name an office, unit, collective, position or person."""

from __future__ import annotations

from typing import Iterator

from checker.checks.cells import is_placeholder
from checker.document import Document
from checker.model import Problem
from checker.offices import unknown_parts
from checker.ruleset import Rule
from checker.thai import compact


def known_responsible(document: Document, rule: Rule) -> Iterator[Problem]:
    placeholders = frozenset(compact(str(p)) for p in rule.options.get("placeholders", ()))
    for table in document.tables_for(rule.applies_to):
        column = table.columns.get("responsible")
        if column is None:
            continue
        for row in table.rows:
            cell = row.cells["responsible"]
            if not cell.text or cell.origin or is_placeholder(cell.text, placeholders):
                continue  # empty-cell and placeholder-text speak for these
            parts = unknown_parts(cell.text, document.reference)
            if not parts:
                continue
            first = parts[0]
            variant = "typo" if first.typo else "nearest" if first.nearest else "default"
            yield Problem(sheet=table.sheet, row=row.number, column=column, field="responsible",
                          value=cell.text, variant=variant,
                          params={"part": first.text, "nearest": first.nearest or ""})
