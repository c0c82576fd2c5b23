"""Checks on the shape of a workbook: is there a table, does it have rows and the
columns its kind needs, does the workbook say whose it is and for which year."""

from __future__ import annotations

from typing import Iterator

from checker.document import Document
from checker.model import Problem
from checker.ruleset import Rule


def fields_for(rule: Rule, document: Document, kind: str | None) -> tuple[str, ...]:
    """The fields a rule checks in a table of this kind."""
    if rule.fields == "required":
        return document.reference.required(kind)
    return tuple(rule.fields)


def reader_notes(document: Document, rule: Rule) -> Iterator[Problem]:
    """Problems the reader noticed, filed under this rule."""
    for rule_id, problem in document.reader_problems:
        if rule_id == rule.id:
            yield problem


def tables_found(document: Document, rule: Rule) -> Iterator[Problem]:
    if not document.tables:
        names = ", ".join(s.name for s in document.book.sheets)
        yield Problem(params={"sheets": names or "-"})


def table_has_rows(document: Document, rule: Rule) -> Iterator[Problem]:
    if rule.options.get("only_when_all_empty") and any(t.rows for t in document.tables):
        return
    for table in document.tables_for(rule.applies_to):
        if not table.rows:
            yield Problem(sheet=table.sheet, row=table.header_row, params={"header_row": str(table.header_row)})


def required_columns(document: Document, rule: Rule) -> Iterator[Problem]:
    for table in document.tables_for(rule.applies_to):
        for field in fields_for(rule, document, table.kind):
            if field not in table.columns:
                kind = document.reference.kinds[table.kind]["label"]
                yield Problem(sheet=table.sheet, row=table.header_row, field=field,
                              params={"kind": kind, "header_row": str(table.header_row)})


def metadata_present(document: Document, rule: Rule) -> Iterator[Problem]:
    if not any(t.rows for t in document.tables):
        return  # table-not-found or table-empty already say what to do first
    for key in rule.options.get("keys", ("agency", "fiscal_year")):
        if getattr(document.metadata, key) in (None, ""):
            yield Problem(variant=key)
