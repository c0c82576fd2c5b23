"""The responsible column must name an office, unit, collective, position or person."""

from __future__ import annotations

from typing import Iterator

from checker.checks.cells import is_placeholder
from checker.document import Document
from checker.model import Problem
from checker.offices import unknown_parts_remembered
from checker.ruleset import Rule
from checker.thai import compact, item_markers, split_items


def known_responsible(document: Document, rule: Rule) -> Iterator[Problem]:
    placeholders = frozenset(compact(str(p)) for p in rule.options.get("placeholders", ()))
    judged: dict[str, tuple] = {}  # a table names the same few offices on every row
    for table in document.tables_for(rule.applies_to):
        for row, cell in table.filled("responsible"):
            if is_placeholder(cell.text, placeholders):
                continue  # placeholder-text speaks for these
            parts = judged.get(cell.text)
            if parts is None:
                # Numbered steps are another column's text (column-shift says so): the
                # nearest office to a step would only mislead.
                parts = judged[cell.text] = (() if numbered_steps(cell.text, document)
                                             else unknown_parts_remembered(cell.text, document.reference))
            if not parts:
                continue
            first = parts[0]
            variant = "typo" if first.typo else "nearest" if first.nearest else "default"
            yield Problem(sheet=table.sheet, row=row.number, column=cell.column, field="responsible",
                          value=cell.text, variant=variant,
                          params={"part": first.text, "nearest": first.nearest or ""})


def numbered_steps(text: str, document: Document) -> bool:
    """Numbered items most of which name no office: steps, not responsible offices
    ("๑. สำนักปลัด ๒. กองคลัง" is a list of offices and fine)."""
    items = split_items(text)
    if len(item_markers(text)) < 2 or len(items) < 2:
        return False
    unknown = sum(1 for item in items if any(not u.typo for u in unknown_parts_remembered(item, document.reference)))
    return unknown * 2 > len(items)
