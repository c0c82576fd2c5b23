"""Column-level checks on data rows, run through pandera.

Each table becomes a DataFrame indexed by worksheet row with one column per field, so
a failure case maps straight to a cell. A continuation row or a cell under a merged
cell shows the value it carries on, so it is not reported as empty.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from checker.checks.structure import fields_for
from checker.document import Document
from checker.model import Problem, Table
from checker.ruleset import Rule
from checker.thai import compact

# Text with no letter or digit at all ("-", "...", "—", "?") holds nothing.
_NO_WORD = re.compile(r"^[\W_]*$")


def table_frame(table: Table, fields: tuple[str, ...]):
    """The effective text of each field per data row; index = worksheet row."""
    import pandas as pd

    data: dict[str, list[str]] = {f: [] for f in fields}
    carried: dict[int, dict[str, str]] = {}
    for row in table.rows:
        measure = carried.setdefault(row.measure, {})
        for f in fields:
            text = row.text(f)
            if not text and row.continuation:
                text = measure.get(f, "")
            elif text:
                measure.setdefault(f, text)
            data[f].append(text)
    return pd.DataFrame(data, index=[r.number for r in table.rows], dtype=object)


def _origins(table: Table) -> dict[tuple[int, str], bool]:
    """Cells under a merged range: their value is judged at the range's first cell."""
    return {(row.number, f): True for row in table.rows for f, c in row.cells.items() if c.origin}


@lru_cache(maxsize=64)
def _schema(kind: str, fields: tuple[str, ...], placeholders: frozenset[str]):
    import pandera.pandas as pa

    if kind == "not_empty":
        check = pa.Check(lambda s: s.str.len() > 0, name="not_empty")
    else:
        check = pa.Check(lambda s: ~s.map(lambda t: is_placeholder(t, placeholders)), name="not_placeholder")
    return pa.DataFrameSchema({f: pa.Column(object, checks=[check], nullable=False) for f in fields})


def is_placeholder(text: str, placeholders: frozenset[str]) -> bool:
    if not text:
        return False
    return bool(_NO_WORD.match(text)) or compact(text) in placeholders


def _failures(document: Document, rule: Rule, kind: str) -> Iterator[Problem]:
    import pandera.pandas as pa

    placeholders = frozenset(compact(str(p)) for p in rule.options.get("placeholders", ()))
    for table in document.tables_for(rule.applies_to):
        fields = tuple(f for f in fields_for(rule, document, table.kind) if f in table.columns)
        if not fields or not table.rows:
            continue
        frame = table_frame(table, fields)
        try:
            _schema(kind, fields, placeholders).validate(frame, lazy=True)
            continue
        except pa.errors.SchemaErrors as errors:
            cases = errors.failure_cases
        followers = _origins(table)
        for case in cases.itertuples(index=False):
            row, field = int(case.index), str(case.column)
            if (row, field) in followers:
                continue
            yield Problem(sheet=table.sheet, row=row, column=table.columns[field], field=field,
                          value=str(case.failure_case))


def not_empty(document: Document, rule: Rule) -> Iterator[Problem]:
    yield from _failures(document, rule, "not_empty")


def not_placeholder(document: Document, rule: Rule) -> Iterator[Problem]:
    yield from _failures(document, rule, "not_placeholder")
