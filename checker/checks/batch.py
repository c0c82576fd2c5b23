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
from checker.passages import gram_set, grams_meet, winnow_many
from checker.ruleset import Rule
from checker.thai import compact


@dataclass(frozen=True)
class BatchCheck:
    collect: Callable[[Document, Rule], object]
    judge: Callable[[Sequence, Rule], Iterator[tuple[int, Problem]]]


@dataclass(frozen=True)
class Passages:
    """What one file contributes to the search for copied passages: its long cells, their
    normalised texts, and their fingerprints (numpy arrays, small to send between
    processes: a fingerprint and the index of its cell)."""

    owner: str  # whose file it is: files of one agency may share text freely
    cells: tuple[tuple[str, int, int, str], ...]  # (sheet, row, column, field)
    texts: tuple[str, ...]
    fingerprints: object  # uint64 array
    cell_of: object  # int array: for each fingerprint, the index of its cell


def collect_passages(document: Document, rule: Rule) -> Passages:
    import numpy as np

    options = rule.options
    min_chars = int(options.get("min_chars", 80))
    cells, texts = [], []
    for table in document.tables_for(rule.applies_to):
        for field in fields_for(rule, document, table.kind):
            column = table.columns.get(field)
            if column is None:
                continue
            for row in table.rows:
                cell = row.cells[field]
                if cell.text and not cell.origin and not row.continuation:
                    key = compact(cell.text)
                    if len(key) >= min_chars:
                        cells.append((table.sheet, row.number, column, field))
                        texts.append(key)
    prints = winnow_many(texts, int(options.get("k", 40)), int(options.get("window", 41)))
    owner = compact(document.metadata.agency or "") or document.path
    return Passages(
        owner=owner, cells=tuple(cells), texts=tuple(texts),
        fingerprints=np.concatenate(prints) if prints else np.empty(0, dtype=np.uint64),
        cell_of=np.repeat(np.arange(len(prints)), [len(p) for p in prints]),
    )


def judge_passages(results: Sequence, rule: Rule) -> Iterator[tuple[int, Problem]]:
    import numpy as np

    max_agencies = int(rule.options.get("max_agencies", 3))
    min_chars = int(rule.options.get("min_chars", 80))
    files = [(i, r.collected[rule.id]) for i, r in enumerate(results) if r.collected.get(rule.id)]
    if not files:
        return
    collected = dict(files)
    fingerprints = np.concatenate([p.fingerprints for _, p in files])
    file_of = np.concatenate([np.full(len(p.fingerprints), i) for i, p in files])
    cell_of = np.concatenate([p.cell_of for _, p in files])
    # Equal fingerprints side by side; only runs of two or more say anything.
    order = np.argsort(fingerprints, kind="stable")
    runs = np.flatnonzero(np.diff(fingerprints[order])) + 1
    starts = np.concatenate([[0], runs])
    ends = np.concatenate([runs, [len(order)]])
    shared = ends - starts >= 2
    shares = _SharedPassage(collected, min_chars)
    # For each cell, the cell of each other file that shares a passage with it (the first).
    matches: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist()):
        places = sorted(set(zip(file_of[order[start:end]].tolist(), cell_of[order[start:end]].tolist())))
        agencies = {collected[i].owner for i, _ in places}
        # Text shared by many agencies is a stock phrase from the NACC guidance, not a copy.
        if not 2 <= len(agencies) <= max_agencies:
            continue
        for i, mine in places:
            for j, theirs in places:
                if collected[j].owner != collected[i].owner and shares(i, mine, j, theirs):
                    known = matches[(i, mine)].get(j)
                    matches[(i, mine)][j] = theirs if known is None else min(known, theirs)
    for i, mine in sorted(matches, key=lambda key: (key[0], collected[key[0]].cells[key[1]])):
        others = matches[(i, mine)]
        j = min(others)
        sheet, row, column, field = collected[i].cells[mine]
        their_sheet, their_row, their_column, _ = collected[j].cells[others[j]]
        other = results[j].report
        yield i, Problem(
            sheet=sheet, row=row, column=column, field=field,
            params={"other_file": other.path, "other_agency": other.metadata.agency or other.path,
                    "other_cell": f"{their_sheet}!{_letter(their_column)}{their_row}",
                    "more": len(others) - 1},
            variant="several" if len(others) > 1 else "default",
        )


class _SharedPassage:
    """Whether two cells share a passage of `min_chars` letters. A shared fingerprint only
    proposes a pair (it proves k letters in common); the pair is reported when the cells
    have one whole `min_chars`-letter gram in common. Each cell's grams are hashed once,
    and each pair of cells is judged once, however many fingerprints propose it."""

    def __init__(self, collected: dict[int, Passages], min_chars: int):
        self.collected = collected
        self.min_chars = min_chars
        self.grams: dict[tuple[int, int], object] = {}
        self.judged: dict[tuple, bool] = {}

    def _grams(self, file_index: int, cell: int):
        key = (file_index, cell)
        if key not in self.grams:
            self.grams[key] = gram_set(self.collected[file_index].texts[cell], self.min_chars)
        return self.grams[key]

    def __call__(self, i: int, mine: int, j: int, theirs: int) -> bool:
        pair = ((i, mine), (j, theirs)) if (i, mine) < (j, theirs) else ((j, theirs), (i, mine))
        if pair not in self.judged:
            self.judged[pair] = grams_meet(self._grams(i, mine), self._grams(j, theirs))
        return self.judged[pair]


def _letter(column: int) -> str:
    from checker.model import get_column_letter

    return get_column_letter(column)


SHARED_PASSAGES = BatchCheck(collect_passages, judge_passages)
