"""Column-level checks on data rows, run through pandera.

The data rows of every table of every document of a run become one DataFrame: a row per
data row, a column per (rule, field). One schema validates it in one call, so pandera's
fixed cost per call (and, in a batch, its import) is paid once per run, not once per
file, table and rule; each failure case's position maps back to a document, a table row
and so a cell. A continuation
row or a cell under a merged cell shows the value it carries on, so it is not reported as
empty. Fields a rule does not check in a table are NA, which checks skip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from checker.checks.structure import fields_for
from checker.document import Document
from checker.model import Problem, Table
from checker.ruleset import Rule
from checker.thai import compact

# Text with no letter or digit at all ("-", "...", "—", "?") holds nothing.
_NO_WORD = re.compile(r"^[\W_]*$")


def placeholder_key(text: str) -> str | None:
    """What a placeholder test compares: "" for a text with no letter or digit at all, else
    its compact key; None for an empty cell (empty, not a placeholder)."""
    if not text:
        return None
    return "" if _NO_WORD.match(text) else compact(text)


def is_placeholder(text: str, placeholders: frozenset[str]) -> bool:
    key = placeholder_key(text)
    return key is not None and (key == "" or key in placeholders)


def _placeholders(rule: Rule) -> frozenset[str]:
    return frozenset(compact(str(p)) for p in rule.options.get("placeholders", ()))


@dataclass(frozen=True)
class FrameCheck:
    """A column check: `series_check(rule)` returns a function of a pandas Series giving
    True where the cell passes. The Series holds the cells' texts, or what `prepare(rule)`
    makes of each text: preparing runs where the file was read, with its texts' normal
    forms at hand, so that the one validation of all files does not compute them again,
    and keeps no more of a text than the check looks at. `may_fail(rule)` tells from a
    prepared value whether the cell may fail: only such a cell's text is kept, for its
    finding to show. The rows of every file cross from the workers to one process: the
    texts that cannot fail were half of what a batch's workers sent."""

    series_check: Callable[[Rule], Callable]
    prepare: Callable[[Rule], Callable[[str], object]] | None = None
    may_fail: Callable[[Rule], Callable[[object], bool]] | None = None


def _not_empty(rule: Rule) -> Callable:
    return lambda series: series.str.len() > 0


def _not_placeholder(rule: Rule) -> Callable:
    # The cells come prepared by `placeholder_key`: the test of `is_placeholder`, on a column.
    placeholders = list(_placeholders(rule) | {""})
    return lambda series: ~series.isin(placeholders)


# What a filled cell becomes for `not_empty`: all its check needs is that it is not empty.
# One object for every cell, so that a pickle sends it once (an object it has seen goes as
# a reference) and no cell makes a string of its own.
_FILLED = "filled"


def _filled(text: str) -> str:
    return _FILLED if text else ""


def _is_empty(value: str) -> bool:
    return value == ""


def _longest_placeholder(rule: Rule) -> int:
    return max(map(len, _placeholders(rule)), default=0)


def _placeholder_keys(rule: Rule) -> Callable[[str], str | None]:
    """`placeholder_key`, or for a key longer than the longest placeholder (no placeholder,
    whatever it holds) one string of that length for every such cell."""
    longest = _longest_placeholder(rule)
    too_long = "#" * (longest + 1)  # longer than every placeholder, so none of them

    def make(text: str) -> str | None:
        key = placeholder_key(text)
        return key if key is None or len(key) <= longest else too_long

    return make


def _may_be_placeholder(rule: Rule) -> Callable[[str], bool]:
    longest = _longest_placeholder(rule)
    return lambda key: len(key) <= longest


NOT_EMPTY = FrameCheck(_not_empty, lambda rule: _filled, lambda rule: _is_empty)
NOT_PLACEHOLDER = FrameCheck(_not_placeholder, _placeholder_keys, _may_be_placeholder)


def carried_texts(table: Table, fields: tuple[str, ...]) -> dict[str, list[str]]:
    """The effective text of each field, row by row: a continuation row shows what its
    measure's first row holds for a field it leaves empty."""
    out = {}
    for field in fields:
        first: dict[int, str] = {}  # measure -> its first text in this field
        texts = []
        for row in table.rows:
            cell = row.cells.get(field)
            text = cell.text if cell is not None else ""
            if not text and row.continuation:
                text = first.get(row.measure, "")
            elif text and row.measure not in first:
                first[row.measure] = text
            texts.append(text)
        out[field] = texts
    return out


@dataclass(frozen=True)
class FrameRows:
    """One document's part of the column rules' DataFrame: small and picklable, so that a
    worker process gathers it and the process that collects the results validates the
    rows of every file in one call."""

    columns: dict[str, list]  # "rule|field" -> the text of each row (None where not checked, or cannot fail)
    prepared: dict[str, list]  # the same, prepared for the column's check (FrameCheck.prepare)
    places: list[tuple[str, int, int]]  # frame row -> (sheet, worksheet row, index into `tables`)
    tables: list[dict[str, int]]  # each table's field -> column


def frame_rows(document: Document, rules: Sequence[Rule], checks: dict[str, FrameCheck]) -> FrameRows:
    columns: dict[str, list] = {}
    places: list[tuple[str, int, int]] = []
    tables: list[dict[str, int]] = []
    for table in document.tables:
        if not table.rows:
            continue
        wanted = {rule.id: tuple(f for f in fields_for(rule, document, table.kind) if f in table.columns)
                  for rule in rules if table.kind in rule.applies_to}
        fields = tuple(sorted({f for fs in wanted.values() for f in fs}))
        texts = carried_texts(table, fields)
        start = len(places)
        places.extend((table.sheet, row.number, len(tables)) for row in table.rows)
        tables.append(dict(table.columns))
        for rule in rules:
            for field in wanted.get(rule.id, ()):
                column = columns.setdefault(f"{rule.id}|{field}", [])
                column.extend([None] * (start - len(column)))
                # A cell under a merged range is judged at the range's first cell.
                column.extend(None if row.cells[field].origin else text
                              for row, text in zip(table.rows, texts[field]))
    prepared = {}
    for name, values in columns.items():
        rule = next(r for r in rules if r.id == name.split("|", 1)[0])
        check = checks[rule.check]
        if check.prepare is not None:
            make = check.prepare(rule)
            prepared[name] = [None if value is None else make(value) for value in values]
            if check.may_fail is not None:
                fails = check.may_fail(rule)
                columns[name] = [text if value is not None and fails(value) else None
                                 for text, value in zip(values, prepared[name])]
    return FrameRows(columns, prepared, places, tables)


def validate_rows(parts: Sequence[FrameRows | None], rules: Sequence[Rule],
                  checks: dict[str, FrameCheck]) -> list[list[tuple[Rule, Problem]]]:
    """Problems of the column rules, per part (one per document), from one pandera
    validation of all their rows."""
    found: list[list[tuple[Rule, Problem]]] = [[] for _ in parts]
    names = sorted({name for part in parts if part for name in part.columns})
    total = sum(len(part.places) for part in parts if part)
    if not names or not total:
        return found
    import pandas as pd
    import pandera.pandas as pa

    columns: dict[str, list] = {name: [] for name in names}
    owners: list[int] = []  # frame row -> index of its part
    offsets: list[int] = []  # frame row of each part's first row
    for index, part in enumerate(parts):
        offsets.append(len(owners))
        if not part:
            continue
        owners.extend([index] * len(part.places))
        for name in names:
            values = part.prepared.get(name, part.columns.get(name, []))
            columns[name].extend(values)
            columns[name].extend([None] * (len(part.places) - len(values)))
    frame = pd.DataFrame(columns, dtype=object)
    by_id = {rule.id: rule for rule in rules}
    try:
        _schema(tuple(names), tuple(rules), checks).validate(frame, lazy=True)
        return found
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
    for case in cases.itertuples(index=False):
        if case.index is None or str(case.column) not in columns:
            raise RuntimeError(f"pandera could not run a column check: {case.check} {case.failure_case}")
        rule_id, field = str(case.column).split("|", 1)
        index = owners[int(case.index)]
        part = parts[index]
        position = int(case.index) - offsets[index]
        sheet, row, table = part.places[position]
        found[index].append((by_id[rule_id], Problem(sheet=sheet, row=row, column=part.tables[table][field],
                                                     field=field, value=part.columns[str(case.column)][position])))
    return found


def validate_frames(documents: Sequence[Document], rules: Sequence[Rule],
                    checks: dict[str, FrameCheck]) -> list[list[tuple[Rule, Problem]]]:
    """Problems of the column rules, per document, from one pandera validation."""
    return validate_rows([frame_rows(document, rules, checks) for document in documents], rules, checks)


_SCHEMAS: dict[tuple, object] = {}


def _schema(names: tuple[str, ...], rules: tuple[Rule, ...], checks: dict[str, FrameCheck]):
    """One schema for a set of (rule, field) columns; built once per process and reused.
    Keyed by the rules' identity: a process loads its rules once."""
    import pandera.pandas as pa

    key = (names, tuple((rule.id, id(rule)) for rule in rules))
    if key not in _SCHEMAS:
        by_id = {rule.id: rule for rule in rules}
        columns = {}
        for name in names:
            rule = by_id[name.split("|", 1)[0]]
            check = pa.Check(checks[rule.check].series_check(rule), name=rule.id)
            columns[name] = pa.Column(object, checks=[check], nullable=True)
        _SCHEMAS[key] = pa.DataFrameSchema(columns)
    return _SCHEMAS[key]


def not_empty(document: Document, rule: Rule) -> Iterator[Problem]:
    """A column rule checked alone on one document (the engine batches them instead)."""
    for _, problem in validate_frames([document], [rule], {rule.check: NOT_EMPTY})[0]:
        yield problem


def not_placeholder(document: Document, rule: Rule) -> Iterator[Problem]:
    for _, problem in validate_frames([document], [rule], {rule.check: NOT_PLACEHOLDER})[0]:
        yield problem
