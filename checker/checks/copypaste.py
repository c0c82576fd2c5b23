"""Text copied where it does not belong: one result pasted under several measures
(duplicate-text), or a row whose output only repeats its steps (copied-text)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from rapidfuzz import fuzz

from checker.checks.scan import measure_keys
from checker.checks.structure import fields_for
from checker.document import Document
from checker.model import Problem, Row, column_letter
from checker.ruleset import Rule
from checker.similar import Stats, earlier_copies
from checker.thai import split_items, text_key


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Unit:
    row: Row
    key: str
    part: str | None  # the numbered item, when the unit is one item of the cell


def duplicate_text(document: Document, rule: Rule, stats: Stats | None = None) -> Iterator[Problem]:
    threshold = float(rule.options.get("threshold", 93))
    min_chars = int(rule.options.get("min_chars", 40))
    item_fields = set(rule.options.get("item_fields", ()))
    item_min_chars = int(rule.options.get("item_min_chars", 60))
    for table in document.tables_for(rule.applies_to):
        measures = measure_keys(table)
        for field in fields_for(rule, document, table.kind):
            column = table.columns.get(field)
            if column is None:
                continue
            units: list[_Unit] = []
            for row, cell in table.filled(field):
                key = text_key(cell.text)
                if len(key) >= min_chars:
                    units.append(_Unit(row, key, None))
                if field in item_fields:
                    items = split_items(cell.text)
                    if len(items) >= 2:
                        for item in items:
                            item_key = text_key(item)
                            if len(item_key) >= item_min_chars and item_key != key:
                                units.append(_Unit(row, item_key, item))
            copies = earlier_copies([u.key for u in units], [measures[u.row.number] for u in units], threshold, stats)
            # One finding per cell: its copy of the earliest row, a whole-cell copy first.
            first: dict[int, tuple[int, int, _Unit, _Unit]] = {}
            for index, (earlier, _) in copies.items():
                unit, source = units[index], units[earlier]
                rank = (source.row.number, unit.part is not None)
                if unit.row.number not in first or rank < first[unit.row.number][:2]:
                    first[unit.row.number] = (*rank, unit, source)
            for number in sorted(first):
                _, _, unit, source = first[number]
                yield Problem(
                    sheet=table.sheet, row=number, column=column, field=field, value=unit.row.cells[field].text,
                    variant="part" if unit.part or source.part else "default",
                    params={"other": f"{column_letter(column)}{source.row.number}",
                            "other_measure": shorten(source.row.text("measure"), 60) or "-",
                            "part": shorten(unit.part or source.part or "", 80)},
                )


def copied_text(document: Document, rule: Rule) -> Iterator[Problem]:
    threshold = float(rule.options.get("threshold", 93))
    min_chars = int(rule.options.get("min_chars", 40))
    pairs = [tuple(pair) for pair in rule.options.get("pairs", (("steps", "output"), ("output", "outcome")))]
    for table in document.tables_for(rule.applies_to):
        for source, target in pairs:
            if source not in table.columns or target not in table.columns:
                continue
            for row in table.rows:
                cell = row.cells[target]
                if cell.origin or not cell.text or not row.text(source):
                    continue
                a, b = text_key(row.text(source)), text_key(cell.text)
                shorter, longer = sorted((a, b), key=len)
                if len(shorter) < min_chars:
                    continue
                if shorter in longer or fuzz.ratio(a, b, score_cutoff=threshold) >= threshold:
                    yield Problem(sheet=table.sheet, row=row.number, column=table.columns[target], field=target,
                                  value=cell.text, variant=target,
                                  params={"other": {lang: document.reference.label(source, lang) for lang in ("th", "en")},
                                          "other_cell": f"{column_letter(table.columns[source])}{row.number}"})
