"""Find similar texts among many without comparing every pair.

Copy-paste rules compare rows with rows; on a 100,000-row sheet scoring every pair
(5 billion) is out of the question. Texts are compared as keys (`checker.thai.text_key`),
with rapidfuzz's `fuzz.ratio` (the Indel similarity), in three steps:

1. Equal keys are grouped by hashing: exact copies are always found, at any size.
2. Near copies are looked for among neighbours in a few orders of the keys (views):
   sorted as they read (a copy edited near its end keeps its start), sorted read
   backwards (a copy edited near its start keeps its end), and sorted as they read from
   an anchor round to their start, the anchor being the first place of the key's
   lowest-ranked letter pair under a fixed random ranking (a copy edited at both ends
   keeps most of its letter pairs, very likely the anchor's, and reads the same from
   there up to the next edit). Each key meets the `window` keys that follow it in each
   view, so the work is linear in the number of keys. The first two views hold every
   pair the former blocking compared: they sort keys exactly as Python sorts them (for
   Thai and ASCII letters), keys sharing their first letters are together in the forward
   view, and a chunk of `window` keys in sorted order is a window of it.
3. Each such pair goes through a screen that cannot turn away a near copy (see
   `_LetterCounts`) and costs a few machine operations, done with numpy over a whole view
   at once. In report text it lets through a few pairs in ten thousand; only those are
   scored with rapidfuzz, which is what used to take the time.

With small inputs (a real report's column) every pair is screened: nothing is missed.

`Stats` counts the pairs screened and scored, so that tests can show the growth is linear
without timing anything.

`candidate_chunks` is the former blocking (first and last letters, sorted windows), which
plan-report still uses to pair titles with a scorer the screen does not bound.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Hashable, Iterator, Sequence

from rapidfuzz import fuzz

ANCHOR = 12
WINDOW = 64
ANCHORED_VIEWS = 2  # views read from an anchor, besides the forward and backward ones
SORT_WIDTH = 128  # letters the forward and backward views sort on (keys equal that far keep their order)
ROTATED_WIDTH = 64  # letters the anchored views sort on
SMALL = 2 * WINDOW  # up to this many keys, every pair is screened
_SLICE = 1024  # keys handled at once when building arrays, to bound memory
_PAIRS = 1 << 16  # pairs screened on all classes at once
_PAD = max(SORT_WIDTH, ROTATED_WIDTH)


@dataclass
class Stats:
    comparisons: int = 0  # pairs scored (rapidfuzz), or cells of candidate_chunks' matrices
    chunks: int = 0
    screened: int = 0  # pairs put through the letter-count screen


def candidate_chunks(keys: Sequence[str], anchor: int = ANCHOR, window: int = WINDOW,
                     stats: Stats | None = None) -> Iterator[list[int]]:
    """Lists of indexes into `keys` (distinct keys expected) within which every pair
    should be scored: keys that share their first or last `anchor` letters, a large
    block cut into overlapping chunks of `window` keys in sorted order. Each index is in
    at most four lists (two per blocking key)."""
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


class _LetterCounts:
    """Keys as numpy arrays: their letters as bytes, and a screen on letter counts.

    The screen: ratio = 100 * (1 - D / (len a + len b)), D the number of insertions and
    deletions turning a into b. Each one changes one letter's count by one, so D is at
    least the sum over letters of |count in a - count in b|. Counting letters in classes
    (several letters to a class) only lowers that sum, and so does capping counts or
    differences. A pair whose class difference exceeds the D the threshold allows cannot
    score at the threshold: turning it away never loses a near copy.

    Letters fall in 32 classes balanced by how often they occur. Counts (capped at 127)
    are bytes packed eight to a 64-bit word: 32 classes in four words, and their 16
    unions of two classes in two words. Neighbours are screened on the 16 (a few
    operations on two words a pair, over whole views at once), the one in fifty or so
    that pass, on the 32.
    """

    FINE = 32

    def __init__(self, keys: Sequence[str], threshold: float):
        import numpy as np

        self.np = np
        self.keys = keys
        n = len(keys)
        self.lengths = np.array(list(map(len, keys)), dtype=np.int64)
        # Each key is followed by a 0 byte, so a key sorts before any longer key it starts;
        # zeros before the first key and after the last let the views read past them.
        self.starts = np.full(n, _PAD, dtype=np.int64)
        np.cumsum(self.lengths[:-1] + 1, out=self.starts[1:])
        self.starts[1:] += _PAD
        self.codes = np.zeros(2 * _PAD + int(self.lengths.sum()) + n, dtype=np.uint8)
        for s in range(0, n, _SLICE):
            letters = _letter_bytes("\0".join(keys[s: s + _SLICE]) + "\0")
            begin = int(self.starts[s])
            self.codes[begin: begin + len(letters)] = letters
        self.fine, self.coarse = self._class_counts()
        # Edits each key may bring to a pair: floor of (1 - t) * length. The pair's
        # allowance (1 - t) * (la + lb) is at most the two floors plus one, which
        # `budget_1` carries, so that a pair's budget is one addition.
        allowance = (1 - threshold / 100) * self.lengths
        self.budget = np.floor(allowance + 1e-9).astype(np.uint64)
        self.budget_1 = self.budget + np.uint64(1)

    def _class_counts(self):
        np = self.np
        # How often letters occur, from a sample of about a million of them (this only
        # shapes the classes, and so the screen's strength, never its safety).
        frequency = np.bincount(self.codes[:: max(1, len(self.codes) >> 20)], minlength=256)
        frequency[0] = 0
        # Letters dealt to classes from the most frequent down, to and fro (0…31, 31…0,
        # …), so that classes hold about as many letters each.
        deal = np.arange(256) % (2 * self.FINE)
        table = np.empty(256, dtype=np.intp)
        table[np.argsort(-frequency, kind="stable")] = np.minimum(deal, 2 * self.FINE - 1 - deal)
        table[0] = self.FINE  # separators are counted in a class of their own, dropped
        width = self.FINE + 1
        n = len(self.keys)
        # Class c's count sits in byte c of the fine words; the coarse words' byte k
        # counts classes k and k + 16. Capping counts at 127 only lowers differences.
        fine = np.empty((n, self.FINE), dtype=np.int8)
        coarse = np.empty((n, self.FINE // 2), dtype=np.int8)
        for s in range(0, n, _SLICE):
            lengths = self.lengths[s: s + _SLICE]
            begin = int(self.starts[s])
            end = begin + int(lengths.sum()) + len(lengths)
            cell = np.repeat(np.arange(0, len(lengths) * width, width), lengths + 1)
            cell += np.take(table, self.codes[begin:end])
            counts = np.bincount(cell, minlength=len(lengths) * width).reshape(-1, width)[:, : self.FINE]
            fine[s: s + _SLICE] = np.minimum(counts, 127)
            coarse[s: s + _SLICE] = np.minimum(counts[:, : self.FINE // 2] + counts[:, self.FINE // 2:], 127)
        return fine, coarse

    def _differences(self, x, y, cap: bool):
        """Per pair, the summed byte differences of two arrays of counts (one row of
        bytes a pair, eight bytes a word).

        Counts are at most 127, so their difference fits a signed byte. Multiplying a
        word by 0x0101…01 adds its eight bytes into the top one, exactly when no partial
        sum passes 255. With `cap`, differences are capped at 31, so eight sum to at most
        248: exact. Without, a word whose sum passes 255 comes out as some byte, below
        its true sum. Either way the result is never above the true sum, so the screen
        may let a pair through that it should not, never the other way; going without
        the cap spares a pass over the arrays where most pairs are.
        """
        np = self.np
        difference = np.subtract(x, y)
        np.abs(difference, out=difference)
        if cap:
            np.minimum(difference, 31, out=difference)
        words = difference.view(np.uint64)
        words *= np.uint64(0x0101010101010101)
        words >>= np.uint64(56)
        return words.sum(axis=1) if words.shape[1] > 2 else words[:, 0] + words[:, 1]

    def passes(self, i, j):
        """Which pairs (index arrays) may score at the threshold, by all 32 classes."""
        budget = self.budget[i] + self.budget_1[j]
        return self._differences(self.fine[i], self.fine[j], cap=True) <= budget

    def neighbours(self, order, window: int, stats: Stats | None):
        """The pairs at most `window` apart in `order` that pass the screen."""
        np = self.np
        n = len(order)
        coarse, budget, budget_1 = self.coarse[order], self.budget[order], self.budget_1[order]
        near_i, near_j = [], []
        for distance in range(1, min(window, n - 1) + 1):
            sums = self._differences(coarse[:-distance], coarse[distance:], cap=False)
            keep = np.flatnonzero(sums <= budget[:-distance] + budget_1[distance:])
            near_i.append(order[keep])
            near_j.append(order[keep + distance])
            if stats is not None:
                stats.screened += n - distance
        i, j = np.concatenate(near_i), np.concatenate(near_j)
        keep = np.zeros(len(i), dtype=bool)
        for s in range(0, len(i), _PAIRS):  # in slices, to bound the gathered counts' memory
            keep[s: s + _PAIRS] = self.passes(i[s: s + _PAIRS], j[s: s + _PAIRS])
        return i[keep], j[keep]

    def forward_order(self, width: int, backward: bool = False):
        """The keys in the order Python sorts them (or their reversals): by their first
        `width` letters with numpy, and keys equal that far by the whole key. Byte order
        is code point order for Thai and ASCII (the Thai code page keeps the Thai block's
        order, above ASCII). A key shorter than `width` is followed by its 0 separator,
        which sorts it before the longer keys it starts."""
        np = self.np
        codes = self.codes[::-1] if backward else self.codes
        begin = len(self.codes) - self.starts - self.lengths if backward else self.starts
        windows = np.lib.stride_tricks.sliding_window_view(codes, width)
        rows = self._rows(width)
        for s in range(0, len(self.keys), _SLICE):
            rows[s: s + _SLICE, :width] = windows[begin[s: s + _SLICE]]
        order = self._order(rows)
        same = np.empty(max(len(order) - 1, 0), dtype=bool)
        for s in range(0, len(same), _SLICE):
            head = np.ascontiguousarray(rows[order[s: s + _SLICE + 1], :width]).view(f"S{width}").ravel()
            same[s: s + _SLICE] = head[1:] == head[:-1]
        if same.any():
            keys = self.keys
            whole = (lambda i: keys[i][::-1]) if backward else keys.__getitem__
            edges = np.flatnonzero(np.diff(np.concatenate(([False], same, [False])).astype(np.int8)))
            for first, last in zip(edges[::2].tolist(), edges[1::2].tolist()):
                order[first: last + 1] = sorted(order[first: last + 1].tolist(), key=whole)
        return order

    def rotated_order(self, anchors, width: int):
        """The keys in the order of `width` letters read from their anchor on, and round
        again from their start."""
        np = self.np
        step = np.arange(width)
        rows = self._rows(width)
        for s in range(0, len(self.keys), _SLICE):
            lengths = np.maximum(self.lengths[s: s + _SLICE, None], 1)
            place = anchors[s: s + _SLICE, None] + step
            place %= lengths
            place += self.starts[s: s + _SLICE, None]
            rows[s: s + _SLICE, :width] = self.codes[place]
        return self._order(rows)

    def _rows(self, width: int):
        """Room for `width` bytes a key to sort on, followed by the key's index
        (big-endian): rows are then all distinct, so numpy's quicker unstable sort gives
        the order a stable one would, equal letters in input order."""
        np = self.np
        n = len(self.keys)
        rows = np.empty((n, width + 4), dtype=np.uint8)
        rows[:, width:] = np.arange(n, dtype=">u4").view(np.uint8).reshape(n, 4)
        return rows

    def _order(self, rows):
        """The order of the rows, compared as unsigned bytes."""
        return self.np.argsort(rows.view(f"S{rows.shape[1]}").ravel())

    def anchors(self, seeds: Sequence[int]):
        """Per seed, per key, the first place of its lowest-ranked letter pair under a
        fixed random ranking of the 65,536 byte pairs."""
        np = self.np
        # Rank in the high bits, place in the low ones: the least value of a key is the
        # first place of its least-ranked pair. Pairs with a separator rank last.
        ranks = [_pair_ranking(seed) << np.uint64(32) for seed in seeds]
        out: list[list] = [[] for _ in seeds]
        for s in range(0, len(self.keys), _SLICE):
            lengths = self.lengths[s: s + _SLICE]
            begin = int(self.starts[s])
            codes = self.codes[begin: begin + int(lengths.sum()) + len(lengths)]
            # The pair starting at each place; the last place (the last key's separator)
            # pairs with a 0, which keeps an empty last key's segment in the array.
            pairs = np.zeros(len(codes), dtype=np.uint16)
            pairs[:-1] = codes[1:]
            pairs |= codes.astype(np.uint16) << 8
            places = np.arange(len(codes), dtype=np.uint64)
            starts = self.starts[s: s + _SLICE] - begin
            last = np.maximum(lengths - 1, 0)
            for rank, found in zip(ranks, out):
                value = np.take(rank, pairs)
                value |= places
                least = np.minimum.reduceat(value, starts)
                place = (least & np.uint64(0xFFFFFFFF)).astype(np.int64) - starts
                found.append(np.minimum(place, last))
        return [np.concatenate(found) for found in out]


@lru_cache(maxsize=None)
def _pair_ranking(seed: int):
    """A fixed permutation of 0..65535 (as uint64) made with integer arithmetic only,
    so that every numpy version and process ranks letter pairs alike. Pairs with a 0
    byte (a separator) rank after all others."""
    import numpy as np

    x = np.arange(1 << 16, dtype=np.uint64) + np.uint64((seed + 1) * 0x9E3779B97F4A7C15 % (1 << 64))
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    rank = np.empty(1 << 16, dtype=np.uint64)
    rank[np.argsort(x, kind="stable")] = np.arange(1 << 16, dtype=np.uint64)
    pairs = np.arange(1 << 16)
    rank[((pairs >> 8) == 0) | ((pairs & 0xFF) == 0)] = 1 << 16
    return rank


def _letter_bytes(text: str):
    """The letters of `text` as bytes, one a letter: Thai in the Thai code page (TIS-620,
    as Windows extends it) and ASCII as itself, any other letter as "?" (only the screen's
    classes and the sort orders see the bytes, and folding letters together keeps the
    screen safe). The codec runs in C, several times faster than numpy on code points."""
    import numpy as np

    return np.frombuffer(text.encode("cp874", errors="replace"), dtype=np.uint8)


def _candidate_pairs(letters: _LetterCounts, window: int, stats: Stats | None):
    """(i, j) index arrays, i < j, of the pairs that pass the screen among neighbours."""
    np = letters.np
    n = len(letters.keys)
    if n <= SMALL:
        i, j = _all_pairs(n)
        if stats is not None:
            stats.screened += len(i)
        keep = letters.passes(i, j)
        return i[keep], j[keep]
    views = [lambda: letters.forward_order(SORT_WIDTH), lambda: letters.forward_order(SORT_WIDTH, backward=True)]
    views += [lambda a=a: letters.rotated_order(a, ROTATED_WIDTH) for a in letters.anchors(range(ANCHORED_VIEWS))]
    found = []
    for view in views:  # one at a time, to hold one view's rows in memory
        i, j = letters.neighbours(view(), window, stats)
        found.append(np.minimum(i, j) * n + np.maximum(i, j))
    unique = np.unique(np.concatenate(found))
    return unique // n, unique % n


@lru_cache(maxsize=SMALL + 1)
def _all_pairs(n: int):
    import numpy as np

    return np.triu_indices(n, 1)


def similar_pairs(keys: Sequence[str], threshold: float, window: int = WINDOW,
                  stats: Stats | None = None) -> dict[tuple[int, int], float]:
    """{(i, j): score} for distinct keys i < j whose `fuzz.ratio` is at least `threshold`
    (0-100), among the neighbours step 2 of the module's description gives (every pair
    of a small input)."""
    if len(keys) < 2:
        return {}
    letters = _LetterCounts(keys, threshold)
    first, second = _candidate_pairs(letters, window, stats)
    if not len(first):
        return {}
    if stats is not None:
        stats.comparisons += len(first)
    found = {}
    for i, j in zip(first.tolist(), second.tolist()):
        score = fuzz.ratio(keys[i], keys[j], score_cutoff=threshold)
        if score >= threshold:
            found[(i, j)] = score
    return found


def earlier_copies(keys: Sequence[str], owners: Sequence[Hashable], threshold: float,
                   stats: Stats | None = None) -> dict[int, tuple[int, float]]:
    """For each text that repeats (score >= threshold) an earlier text of another owner,
    the first such earlier text: {index: (earlier index, score)}.

    Owners are what may legitimately repeat itself: a measure's rows repeat its own
    text; another measure's rows must not.
    """
    groups: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        members = groups.get(key)
        if members is None:
            groups[key] = [index]
        else:
            members.append(index)
    distinct = list(groups)
    member_lists = list(groups.values())
    # Per distinct key: its first member, and its first member of another owner than
    # that one. Any member's earliest copy of another owner is one of these two.
    heads = [members if len(members) == 1 else _heads(members, owners) for members in member_lists]

    best: dict[int, tuple[int, float]] = {}

    def link(targets: list[int], sources: list[int], score: float) -> None:
        for index in targets:
            for head in sources:
                if owners[head] != owners[index]:
                    if head < index and (index not in best or head < best[index][0]):
                        best[index] = (head, score)
                    break

    for members, sources in zip(member_lists, heads):
        if len(members) > 1:  # a key alone cannot repeat itself
            link(members, sources, 100.0)
    for (i, j), score in similar_pairs(distinct, threshold, stats=stats).items():
        link(member_lists[j], heads[i], score)
        link(member_lists[i], heads[j], score)
    return best


def _heads(members: list[int], owners: Sequence[Hashable]) -> list[int]:
    first = members[0]
    other = next((m for m in members if owners[m] != owners[first]), None)
    return [first] if other is None else [first, other]
