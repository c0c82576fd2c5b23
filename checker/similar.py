"""Find similar texts among many without comparing every pair.

Copy-paste rules compare rows with rows; on a 100,000-row sheet comparing every pair
(5 billion comparisons) is out of the question. Texts are compared as keys
(`checker.thai.text_key`), in three steps:

1. Equal keys are grouped by hashing: exact copies are always found, at any size.
2. Near copies are looked for only among keys that share a blocking key: their first
   `anchor` letters, or their last `anchor` letters. A copy edited slightly (a word
   added, a slip, a number changed) keeps its start or its end; a pair whose edits
   touch both ends is missed, which is the price of not comparing everything.
3. Inside a block, every pair is scored with rapidfuzz (`process.cdist`, in C). A block
   larger than `window` (a stock opening shared by thousands of rows) is sorted and cut
   into overlapping chunks of `window` keys, each compared within itself: keys close
   in sorted order, the likely near copies, still meet, and the work stays linear in
   the number of rows (at most 2 × window comparisons per key and blocking key).

`Stats` counts the comparisons made, so that tests can show the growth is linear
without timing anything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Hashable, Iterator, Sequence

from rapidfuzz import fuzz, process

ANCHOR = 12
WINDOW = 64


@dataclass
class Stats:
    comparisons: int = 0  # pairs scored (cells of the cdist matrices)
    chunks: int = 0


def candidate_chunks(keys: Sequence[str], anchor: int = ANCHOR, window: int = WINDOW,
                     stats: Stats | None = None) -> Iterator[list[int]]:
    """Lists of indexes into `keys` (distinct keys expected) within which every pair
    should be scored. Each index is in at most four lists (two per blocking key)."""
    blockings: tuple[Callable[[str], str], ...] = (lambda k: k[:anchor], lambda k: k[-anchor:])
    for number, blocking in enumerate(blockings):
        blocks: dict[str, list[int]] = defaultdict(list)
        for index, key in enumerate(keys):
            blocks[blocking(key)].append(index)
        for members in blocks.values():
            if len(members) < 2:
                continue
            if len(members) <= window:
                chunks = [members]
            else:
                order = (lambda i: keys[i]) if number == 0 else (lambda i: keys[i][::-1])
                members = sorted(members, key=order)
                step = window // 2
                chunks = [members[s: s + window] for s in range(0, len(members) - step, step)]
            for chunk in chunks:
                if stats is not None:
                    stats.chunks += 1
                    stats.comparisons += len(chunk) * len(chunk)
                yield chunk


def similar_pairs(keys: Sequence[str], threshold: float, scorer=fuzz.ratio, anchor: int = ANCHOR,
                  window: int = WINDOW, stats: Stats | None = None) -> dict[tuple[int, int], float]:
    """{(i, j): score} for distinct keys i < j scoring at least `threshold` (0-100),
    among the candidates `candidate_chunks` gives."""
    found: dict[tuple[int, int], float] = {}
    for chunk in candidate_chunks(keys, anchor, window, stats):
        texts = [keys[i] for i in chunk]
        matrix = process.cdist(texts, texts, scorer=scorer, score_cutoff=threshold)
        for a, b in zip(*(matrix >= threshold).nonzero()):
            if a < b:
                i, j = sorted((chunk[a], chunk[b]))
                found[(i, j)] = max(found.get((i, j), 0.0), float(matrix[a, b]))
    return found


def earlier_copies(keys: Sequence[str], owners: Sequence[Hashable], threshold: float,
                   stats: Stats | None = None) -> dict[int, tuple[int, float]]:
    """For each text that repeats (score >= threshold) an earlier text of another owner,
    the first such earlier text: {index: (earlier index, score)}.

    Owners are what may legitimately repeat itself: a measure's rows repeat its own
    text; another measure's rows must not.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        groups[key].append(index)
    distinct = list(groups)
    # Per distinct key: its first member, and its first member of another owner than
    # that one. Any member's earliest copy of another owner is one of these two.
    heads = {key: _heads(members, owners) for key, members in groups.items()}

    best: dict[int, tuple[int, float]] = {}

    def offer(index: int, earlier: int, score: float) -> None:
        if earlier < index and owners[earlier] != owners[index]:
            if index not in best or earlier < best[index][0]:
                best[index] = (earlier, score)

    def link(source_key: str, target_key: str, score: float) -> None:
        for index in groups[target_key]:
            for head in heads[source_key]:
                if owners[head] != owners[index]:
                    offer(index, head, score)
                    break

    for key in distinct:
        link(key, key, 100.0)
    for (i, j), score in similar_pairs(distinct, threshold, stats=stats).items():
        link(distinct[i], distinct[j], score)
        link(distinct[j], distinct[i], score)
    return best


def _heads(members: list[int], owners: Sequence[Hashable]) -> list[int]:
    first = members[0]
    other = next((m for m in members if owners[m] != owners[first]), None)
    return [first] if other is None else [first, other]
