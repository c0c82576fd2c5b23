"""Periods judged against the fiscal year the workbook states, and the fiscal years and
rounds it states judged against each other.

Every message says how the cell was read ("อ่านได้ว่า ๑ ต.ค. ๒๕๖๖ – ๓๐ ก.ย. ๒๕๖๗"), so that an
officer sees a misreading at once.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from checker.document import Document
from checker.model import Problem, Row, Table
from checker.periods import Period, describe, fiscal_year_bounds, fiscal_year_of, read_period_remembered, thai_date
from checker.ruleset import Rule


@dataclass(frozen=True)
class Reading:
    table: Table
    row: Row
    column: int
    text: str
    period: Period


def readings(document: Document) -> tuple[Reading, ...]:
    """How every period cell of every table reads, once per document for all the rules."""
    return document.derived(_readings)


def _readings(document: Document) -> tuple[Reading, ...]:
    year = document.metadata.fiscal_year
    out = []
    # Tables and files repeat a few periods over and over: each is read once. A table's own
    # are kept here too, so that however many it has, none is read twice.
    known: dict[tuple, Period] = {}
    for table in document.tables:
        end_column = table.columns.get("period_end")
        for row, cell in table.filled("period"):
            end = row.cells.get("period_end") if end_column else None
            end_value = end.value if end is not None and end.text else None
            key = (type(cell.value), cell.value, type(end_value), end_value)
            period = known.get(key)
            if period is None:
                period = known[key] = read_period_remembered(cell.value, end_value, year)
            text = cell.text + (f" – {end.text}" if end is not None and end.text else "")
            out.append(Reading(table, row, cell.column, text, period))
    return tuple(out)


def _read(period: Period) -> dict[str, str]:
    return {lang: describe(period, lang) for lang in ("th", "en")}


def _range(start: date, end: date) -> dict[str, str]:
    return {lang: f"{thai_date(start, lang)} – {thai_date(end, lang)}" for lang in ("th", "en")}


def _problem(reading: Reading, variant: str = "default", **params) -> Problem:
    return Problem(sheet=reading.table.sheet, row=reading.row.number, column=reading.column, field="period",
                   value=reading.text, variant=variant, params={"reading": _read(reading.period), **params})


def _mine(document: Document, rule: Rule) -> Iterator[Reading]:
    for reading in readings(document):
        if reading.table.kind in rule.applies_to:
            yield reading


def unparseable(document: Document, rule: Rule) -> Iterator[Problem]:
    for reading in _mine(document, rule):
        if reading.period.form == "none":
            yield _problem(reading)
        elif reading.period.form == "invalid":
            yield _problem(reading, "invalid", date=reading.period.note)


def vague(document: Document, rule: Rule) -> Iterator[Problem]:
    for reading in _mine(document, rule):
        if reading.period.form == "vague":
            yield _problem(reading)


def reversed_range(document: Document, rule: Rule) -> Iterator[Problem]:
    for reading in _mine(document, rule):
        period = reading.period
        if period.start and period.end and period.start > period.end:
            yield _problem(reading)


def outside_year(document: Document, rule: Rule) -> Iterator[Problem]:
    year = document.metadata.fiscal_year
    if not year:
        return  # metadata-missing says what to fill in first
    first, last = fiscal_year_bounds(year)
    for reading in _mine(document, rule):
        period = reading.period
        if period.start and period.end and period.start > period.end:
            continue  # period-reversed speaks for it
        if (period.start and period.start < first) or (period.end and period.end > last):
            yield _problem(reading, year=year, bounds=_range(first, last))


def round_mismatch(document: Document, rule: Rule) -> Iterator[Problem]:
    meta = document.metadata
    rounds = [s for s in meta.statements if s.key == "round"]
    stated = next((s for s in rounds if s.source == "metadata"), None)
    for statement in rounds:
        if stated is not None and statement.source != "metadata" and statement.value != stated.value:
            yield Problem(sheet=statement.sheet, row=statement.row or None, column=statement.column or None,
                          variant="stated", params={"title": statement.value, "metadata": stated.value})
    if meta.round != 6 or not meta.fiscal_year:
        return
    first, _ = fiscal_year_bounds(meta.fiscal_year)
    round_end = date(first.year + 1, 3, 31)
    for reading in _mine(document, rule):
        if reading.table.kind == "report" and reading.period.start and reading.period.start > round_end:
            yield _problem(reading, round_end=_range(first, round_end))


def fiscal_year_mismatch(document: Document, rule: Rule) -> Iterator[Problem]:
    meta = document.metadata
    years = [s for s in meta.statements if s.key == "fiscal_year"]
    stated = next((s for s in years if s.source == "metadata"), None) or (years[0] if years else None)
    if stated is None:
        return
    for statement in years:
        if statement is not stated and statement.value != stated.value:
            yield Problem(sheet=statement.sheet, row=statement.row or None, column=statement.column or None,
                          variant="stated", params={"found": statement.value, "stated": stated.value,
                                                    "where": _where(stated)})
    # Periods that all sit in one other fiscal year: the year stated is likely the wrong one.
    dated = [r for r in readings(document) if r.period.start and r.period.end and r.period.start <= r.period.end
             and not r.period.assumed_year]
    minimum = int(rule.options.get("min_periods", 3))
    share = float(rule.options.get("share", 0.8))
    counts = Counter(fiscal_year_of(r.period.start) for r in dated if fiscal_year_of(r.period.start) == fiscal_year_of(r.period.end))
    if not counts:
        return
    year, count = counts.most_common(1)[0]
    if year != meta.fiscal_year and count >= minimum and count >= share * len(dated):
        first = dated[0]
        yield Problem(sheet=first.table.sheet, row=first.table.header_row, column=first.column, field="period",
                      variant="periods", params={"found": year, "stated": meta.fiscal_year,
                                                 "count": count, "total": len(dated)})


def _where(statement) -> dict[str, str]:
    if statement.source == "metadata":
        return {"th": f"แผ่นงาน {statement.sheet}", "en": f"sheet {statement.sheet}"}
    return {"th": f"หัวเรื่องแผ่นงาน {statement.sheet}", "en": f"the title of sheet {statement.sheet}"}
