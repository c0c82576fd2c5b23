"""Checks across the files of one run. Each has two halves: `collect` runs in the worker
beside the file's other rules and returns what the comparison needs (small and
picklable); `judge` runs once in the parent over every file's collection."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from checker.checks.structure import fields_for
from checker.document import Document
from checker.model import Problem
from checker.passages import Passage, cell_passages, compact_long, gram_set, grams_meet
from checker.ruleset import Rule
from checker.thai import compact


@dataclass(frozen=True)
class BatchCheck:
    collect: Callable[[Document, Rule], object]
    judge: Callable[[Sequence, Rule], Iterator[tuple[int, Problem]]]


def collect_passages(document: Document, rule: Rule) -> tuple[str, list[Passage], dict]:
    """(whose file this is, fingerprints of its long cells, each such cell's normalised text)."""
    options = rule.options
    cells = []
    for table in document.tables_for(rule.applies_to):
        for field in fields_for(rule, document, table.kind):
            column = table.columns.get(field)
            if column is None:
                continue
            for row in table.rows:
                cell = row.cells[field]
                if cell.text and not cell.origin and not row.continuation:
                    cells.append((table.sheet, row.number, column, field, cell.text))
    # Files of one agency (its plan and its report, or two years) may share text freely.
    owner = compact(document.metadata.agency or "") or document.path
    long_cells = compact_long(cells, int(options.get("min_chars", 80)))
    texts = {(sheet, row, column): key for sheet, row, column, _, key in long_cells}
    return owner, cell_passages(long_cells, int(options.get("k", 40)), int(options.get("window", 41))), texts


def judge_passages(results: Sequence, rule: Rule) -> Iterator[tuple[int, Problem]]:
    max_agencies = int(rule.options.get("max_agencies", 3))
    min_chars = int(rule.options.get("min_chars", 80))
    index: dict[int, list[tuple[int, Passage]]] = defaultdict(list)
    owners: dict[int, str] = {}
    texts: dict[int, dict] = {}
    for file_index, result in enumerate(results):
        collected = result.collected.get(rule.id)
        if not collected:
            continue
        owners[file_index], passages, texts[file_index] = collected
        for passage in passages:
            index[passage.fingerprint].append((file_index, passage))
    shares = _SharedPassage(texts, min_chars)
    # For each cell, the other files' cells that share a passage with it.
    matches: dict[tuple[int, str, int, int, str], dict[int, Passage]] = defaultdict(dict)
    for places in index.values():
        agencies = {owners[i] for i, _ in places}
        # Text shared by many agencies is a stock phrase from the NACC guidance, not a copy.
        if not 2 <= len(agencies) <= max_agencies:
            continue
        for i, mine in places:
            for j, theirs in places:
                if owners[j] != owners[i]:
                    key = (i, mine.sheet, mine.row, mine.column, mine.field)
                    if j not in matches[key] and shares(i, mine, j, theirs):
                        matches[key][j] = theirs
    matches = {key: others for key, others in matches.items() if others}
    for (i, sheet, row, column, field), others in sorted(matches.items()):
        j, theirs = next(iter(sorted(others.items())))
        other = results[j].report
        yield i, Problem(
            sheet=sheet, row=row, column=column, field=field,
            params={"other_file": other.path, "other_agency": other.metadata.agency or other.path,
                    "other_cell": f"{theirs.sheet}!{_letter(theirs.column)}{theirs.row}",
                    "more": len(others) - 1},
            variant="several" if len(others) > 1 else "default",
        )


class _SharedPassage:
    """Whether two cells share a passage of `min_chars` letters. A shared fingerprint only
    proposes a pair (it proves k letters in common); the pair is reported when the cells
    have one whole `min_chars`-letter gram in common. Each cell's grams are hashed once,
    and each pair of cells is judged once, however many fingerprints propose it."""

    def __init__(self, texts: dict[int, dict], min_chars: int):
        self.texts = texts
        self.min_chars = min_chars
        self.grams: dict[tuple, object] = {}
        self.judged: dict[tuple, bool] = {}

    def _grams(self, file_index: int, passage: Passage):
        key = (file_index, passage.sheet, passage.row, passage.column)
        if key not in self.grams:
            self.grams[key] = gram_set(self.texts[file_index][key[1:]], self.min_chars)
        return self.grams[key]

    def __call__(self, i: int, mine: Passage, j: int, theirs: Passage) -> bool:
        pair = frozenset({(i, mine.sheet, mine.row, mine.column), (j, theirs.sheet, theirs.row, theirs.column)})
        if pair not in self.judged:
            self.judged[pair] = grams_meet(self._grams(i, mine), self._grams(j, theirs))
        return self.judged[pair]


def _letter(column: int) -> str:
    from checker.model import get_column_letter

    return get_column_letter(column)


SHARED_PASSAGES = BatchCheck(collect_passages, judge_passages)
