"""Checks across the files of one run. Each has two halves: `collect` runs in the worker
beside the file's other rules and returns what the comparison needs (small and
picklable); `judge` runs once in the parent over every file's collection."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from checker.checks.structure import fields_for
from checker.document import Document
from checker.model import Problem, get_column_letter
from checker.passages import gram_hashes, grams_meet, passage_reaches, winnow_many
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
    processes: a fingerprint, the index of its cell, and where in the cell it stands)."""

    owner: str  # whose file it is: files of one agency may share text freely
    cells: tuple[tuple[str, int, int, str], ...]  # (sheet, row, column, field)
    texts: tuple[str, ...]
    fingerprints: object  # uint64 array
    cell_of: object  # int array: for each fingerprint, the index of its cell
    position: object  # int array: for each fingerprint, where its gram starts in the cell's text


def collect_passages(document: Document, rule: Rule) -> Passages:
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
    fingerprints, cell_of, position = winnow_many(texts, int(options.get("k", 40)), int(options.get("window", 41)))
    owner = compact(document.metadata.agency or "") or document.path
    return Passages(owner=owner, cells=tuple(cells), texts=tuple(texts),
                    fingerprints=fingerprints, cell_of=cell_of, position=position)


def judge_passages(results: Sequence, rule: Rule) -> Iterator[tuple[int, Problem]]:
    import numpy as np

    max_agencies = int(rule.options.get("max_agencies", 3))
    files = [(i, r.collected[rule.id]) for i, r in enumerate(results) if r.collected.get(rule.id)]
    if not files:
        return
    collected = dict(files)
    owner = {i: p.owner for i, p in files}
    agency = {name: number for number, name in enumerate(dict.fromkeys(owner.values()))}
    fingerprints = np.concatenate([p.fingerprints for _, p in files])
    file_of = np.concatenate([np.full(len(p.fingerprints), i) for i, p in files])
    agency_of = np.concatenate([np.full(len(p.fingerprints), agency[p.owner], dtype=np.int64) for _, p in files])
    cell_of = np.concatenate([p.cell_of for _, p in files])
    position = np.concatenate([p.position for _, p in files])
    # Equal fingerprints side by side: a run of them is a gram that many cells share.
    order = np.argsort(fingerprints, kind="stable")
    runs = np.flatnonzero(np.diff(fingerprints[order])) + 1
    starts = np.concatenate([[0], runs])
    ends = np.concatenate([runs, [len(order)]])
    # Text shared by many agencies is a stock phrase from the NACC guidance, not a copy;
    # text of one agency alone is its own. Each run's agencies are counted here, at once
    # for all runs: most grams that several cells share are stock phrases, which the loop
    # below would otherwise go through cell by cell only to skip them.
    run_of = np.repeat(np.arange(len(starts), dtype=np.int64), ends - starts)
    pairs = np.sort(run_of * len(agency) + agency_of[order])  # (run, agency), sorted
    distinct = np.concatenate([[True], pairs[1:] != pairs[:-1]])
    agencies = np.bincount(pairs[distinct] // len(agency), minlength=len(starts))
    shared = (agencies >= 2) & (agencies <= max_agencies)
    shares = _SharedPassage(collected, int(rule.options.get("k", 40)), int(rule.options.get("min_chars", 80)))
    # For each cell, the cell of each other file that shares a passage with it (the first).
    matches: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    # As lists in fingerprint order, made once: a run's slice of a list costs far less
    # than three small arrays and their conversion, for each of thousands of runs.
    file_of, cell_of, position = file_of[order].tolist(), cell_of[order].tolist(), position[order].tolist()
    for start, end in zip(starts[shared].tolist(), ends[shared].tolist()):
        anchors: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, cell, at in zip(file_of[start:end], cell_of[start:end], position[start:end]):
            anchors[(i, cell)].append(at)
        places = sorted(anchors)
        # Each pair of places once, for both directions: whether two cells share a
        # passage does not depend on which one asks.
        for x, (i, mine) in enumerate(places):
            found = matches[(i, mine)]
            ours = owner[i]
            for j, theirs in places[x + 1:]:
                if owner[j] == ours:
                    continue  # files of one agency may share text freely
                back = matches[(j, theirs)]
                # A pair that cannot change which of the other file's cells is named needs no answer.
                known = found.get(j)
                forth = known is None or known > theirs
                known = back.get(i)
                across = known is None or known > mine
                if (forth or across) and shares(i, mine, j, theirs, anchors):
                    if forth:
                        found[j] = theirs
                    if across:
                        back[i] = mine
    for i, mine in sorted((key for key, found in matches.items() if found),
                          key=lambda key: (key[0], collected[key[0]].cells[key[1]])):
        others = matches[(i, mine)]
        j = min(others)
        sheet, row, column, field = collected[i].cells[mine]
        their_sheet, their_row, their_column, _ = collected[j].cells[others[j]]
        other = results[j].report
        yield i, Problem(
            sheet=sheet, row=row, column=column, field=field,
            params={"other_file": other.path, "other_agency": other.metadata.agency or other.path,
                    "other_cell": f"{their_sheet}!{get_column_letter(their_column)}{their_row}",
                    "more": len(others) - 1},
            variant="several" if len(others) > 1 else "default",
        )


class _SharedPassage:
    """Whether two cells share a passage of `min_chars` letters.

    A shared fingerprint proposes a pair (the same k letters stand in both) and says where:
    the passage through those places is measured by comparing the texts outwards from
    them (`passage_reaches`, most often settled by the gram's two flanks alone). Any
    passage of `min_chars` = k + window - 1 letters holds a fingerprint that winnowing
    picks at the same offset in both texts, so trying every fingerprint the two cells
    share finds it; a cell that repeats a gram many times (a run of one letter) is judged
    by comparing all its grams instead. A pair found to share a passage is remembered;
    one that does not may still be proposed, at other places, by another fingerprint."""

    MAX_ANCHORS = 8

    def __init__(self, collected: dict, k: int, min_chars: int):
        self.collected = collected
        self.k, self.min_chars = k, min_chars
        self.verdicts: dict[tuple, bool] = {}

    def __call__(self, i: int, mine: int, j: int, theirs: int, anchors: dict) -> bool:
        pair = ((i, mine), (j, theirs)) if (i, mine) < (j, theirs) else ((j, theirs), (i, mine))
        if pair in self.verdicts:
            return self.verdicts[pair]
        a, b = self.collected[i].texts[mine], self.collected[j].texts[theirs]
        here, there = anchors[(i, mine)], anchors[(j, theirs)]
        for p in here[: self.MAX_ANCHORS]:
            for q in there[: self.MAX_ANCHORS]:
                if passage_reaches(a, p, b, q, self.k, self.min_chars):
                    self.verdicts[pair] = True
                    return True
        if len(here) > self.MAX_ANCHORS or len(there) > self.MAX_ANCHORS:
            self.verdicts[pair] = grams_meet(gram_hashes(a, self.min_chars), gram_hashes(b, self.min_chars))
            return self.verdicts[pair]
        return False


SHARED_PASSAGES = BatchCheck(collect_passages, judge_passages)
