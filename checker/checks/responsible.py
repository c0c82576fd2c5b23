"""The responsible column must name an office, unit, collective, position or person."""

from __future__ import annotations

from typing import Iterator

from checker.checks.cells import is_placeholder
from checker.document import Document
from checker.model import Problem
from checker.offices import unknown_parts_remembered
from checker.ruleset import Rule
from checker.thai import compact


def known_responsible(document: Document, rule: Rule) -> Iterator[Problem]:
    placeholders = frozenset(compact(str(p)) for p in rule.options.get("placeholders", ()))
    judged: dict[str, tuple] = {}  # a table names the same few offices on every row
    for table in document.tables_for(rule.applies_to):
        for row, cell in table.filled("responsible"):
            if is_placeholder(cell.text, placeholders):
                continue  # placeholder-text speaks for these
            parts = judged.get(cell.text)
            if parts is None:
                parts = judged[cell.text] = unknown_parts_remembered(cell.text, document.reference)
            if not parts:
                continue
            first = parts[0]
            variant = "typo" if first.typo else "nearest" if first.nearest else "default"
            yield Problem(sheet=table.sheet, row=row.number, column=cell.column, field="responsible",
                          value=cell.text, variant=variant,
                          params={"part": first.text, "nearest": first.nearest or ""})
