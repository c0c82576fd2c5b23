"""The check kinds: a rule file names one of these in its `check` key.

A check is a function `(document, rule) -> iterable of Problem`. The registry is a
plain dict so that a newcomer can see every kind in one place.
"""

from __future__ import annotations

from typing import Callable, Iterable

from checker.checks import cells, responsible, structure
from checker.document import Document
from checker.model import Problem
from checker.ruleset import Rule

Check = Callable[[Document, Rule], Iterable[Problem]]

CHECKS: dict[str, Check] = {
    "reader": structure.reader_notes,
    "tables_found": structure.tables_found,
    "table_has_rows": structure.table_has_rows,
    "required_columns": structure.required_columns,
    "metadata_present": structure.metadata_present,
    "not_empty": cells.not_empty,
    "not_placeholder": cells.not_placeholder,
    "known_responsible": responsible.known_responsible,
}
