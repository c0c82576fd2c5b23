"""Fingerprints of long passages, to find text copied between agencies' files.

Winnowing (Schleimer, Wilkerson and Aiken, 2003, the method behind MOSS): hash every
k-character gram of the normalised text and keep the smallest hash of each window of w
grams. Any passage of at least k + w - 1 characters shared by two texts yields at least one
shared fingerprint, and a text of n characters keeps about 2n/(w+1) of them. Looking up
fingerprints in one index makes a batch of thousands of files linear in their text, with
no comparison of every pair of files.

The gram hashes are a polynomial rolling hash computed with numpy over the whole text at
once (a Python loop over grams cost more than reading the workbook). The hash is plain
arithmetic modulo 2**64, so every worker process computes the same fingerprints; Python's
own `hash` of a string is keyed per process and could not be compared across workers.
"""

from __future__ import annotations

from functools import lru_cache

_BASE = 0x100000001B3  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)


@lru_cache(maxsize=8)
def _powers(base: int, length: int):
    import numpy as np

    powers = np.full(length, base, dtype=np.uint64)
    powers[0] = 1
    return np.cumprod(powers, dtype=np.uint64)  # wraps modulo 2**64, which is the point


def _power_table(length: int):
    # Tables grow by doubling, so a long text costs one recomputation, not one per length.
    size = 1024
    while size < length:
        size *= 2
    return _powers(_BASE, size), _powers(_BASE_INVERSE, size)


def gram_hashes(text: str, k: int):
    """The hash of every k-character gram of `text`, in order (numpy uint64 array).

    h(i) = sum of c[t] * B**(i+k-1-t) for t in [i, i+k): with prefix sums S[j] of
    c[t] * B**-t, h(i) = B**(i+k-1) * (S[i+k] - S[i]), all modulo 2**64. A final mix
    spreads the bits so that the smallest hash of a window is a fair pick.
    """
    import numpy as np

    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes)
    if n < k:
        return np.empty(0, dtype=np.uint64)
    up, down = _power_table(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(codes * down[:n], dtype=np.uint64, out=prefix[1:])
    hashes = (prefix[k:] - prefix[:-k]) * up[k - 1:n]
    hashes ^= hashes >> np.uint64(31)
    hashes *= np.uint64(0x9E3779B97F4A7C15)
    hashes ^= hashes >> np.uint64(29)
    return hashes


def _sliding(values, window: int, reduce):
    """reduce (np.minimum or np.maximum) over each window of `window` consecutive values:
    windows of 2, 4, 8... values, each from two of half the size, then the window from two
    overlapping ones. log2(window) passes over the array, each one vectorised: five times
    faster at 41 than a pass of running results within blocks (van Herk / Gil-Werman),
    whose ufunc.accumulate along short rows numpy does not vectorise."""
    if len(values) < window:
        return values[:0]  # no window fits
    out, span = values, 1
    while span * 2 <= window:
        out = reduce(out[:-span], out[span:])
        span *= 2
    if span < window:
        out = reduce(out[: len(out) - (window - span)], out[window - span:])
    return out


def sliding_min(values, window: int):
    """The smallest value of each window of `window` consecutive values."""
    import numpy as np

    return _sliding(values, window, np.minimum)


def winnow_many(texts: list[str], k: int, window: int) -> tuple:
    """The fingerprints of several normalised texts, as three numpy arrays: each
    fingerprint, the index of its text, and where in that text its gram starts (one entry
    for every place where a picked gram stands).

    The texts are hashed as one string, because a gram's hash does not depend on where it
    stands; grams and windows that straddle two texts are left out. A gram is picked when
    it is the smallest of some window: the largest of the minima of the windows that hold
    it equals its own hash.
    """
    import numpy as np

    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64) if len(texts) else lengths
    grams = lengths - k + 1
    hashes = gram_hashes("".join(texts), k)
    picked = np.zeros(len(hashes), dtype=bool)
    if len(hashes) >= window:
        # Minima of the windows that lie inside one text; the others count as 0, which no
        # gram's hash beats.
        inside = np.zeros(len(hashes) - window + 1, dtype=bool)
        for start, count in zip(starts.tolist(), grams.tolist()):
            if count >= window:
                inside[start: start + count - window + 1] = True
        minima = np.where(inside, sliding_min(hashes, window), np.uint64(0))
        edge = np.zeros(window - 1, dtype=np.uint64)
        best = _sliding(np.concatenate([edge, minima, edge]), window, np.maximum)[: len(hashes)]
        picked = (best == hashes) & (best != 0)
    for start, count in zip(starts.tolist(), grams.tolist()):
        if 0 < count < window:  # a text shorter than one window: its smallest gram
            own = hashes[start: start + count]
            picked[start: start + count] = own == own.min()
    where = np.flatnonzero(picked)
    text_of = np.searchsorted(starts, where, side="right") - 1
    return hashes[where], text_of, where - starts[text_of]


def winnow(text: str, k: int, window: int) -> set[int]:
    """The fingerprints of one normalised text."""
    return set(winnow_many([text], k, window)[0].tolist())


def shared_run(a: str, p: int, b: str, q: int) -> int:
    """The length of the longest passage common to `a` and `b` that covers a[p] and b[q] at
    the same offset: how far a[p:] and b[q:] agree, plus how far the text before them
    agrees. Agreement of a prefix is monotone in its length, so each side is a binary
    search over slice comparisons (done in C), a few microseconds for a cell."""
    low, high = 0, min(len(a) - p, len(b) - q)
    while low < high:
        middle = (low + high + 1) // 2
        if a[p: p + middle] == b[q: q + middle]:
            low = middle
        else:
            high = middle - 1
    if low == 0:
        return 0
    right = low
    low, high = 0, min(p, q)
    while low < high:
        middle = (low + high + 1) // 2
        if a[p - middle: p] == b[q - middle: q]:
            low = middle
        else:
            high = middle - 1
    return low + right


def passage_reaches(a: str, p: int, b: str, q: int, k: int, length: int) -> bool:
    """Whether `shared_run(a, p, b, q)` is at least `length`, where a[p:p+k] and b[q:q+k] are
    a gram the two texts share. A passage that long reaches `length - k` letters beyond
    the gram, so at least half of that on one side: when neither side agrees that far,
    two slice comparisons settle it (most grams a batch shares are stock wording, no
    longer than a gram or two), before the binary searches of `shared_run`."""
    reach = -(-(length - k) // 2)
    if reach > 0 and (p < reach or q < reach or a[p - reach: p] != b[q - reach: q]) \
            and a[p + k: p + k + reach] != b[q + k: q + k + reach]:
        return False
    return shared_run(a, p, b, q) >= length


def grams_meet(a, b) -> bool:
    """Whether two arrays of gram hashes (`gram_hashes`) have a hash in common: whether the
    two texts share a passage of k characters (up to a hash collision, one chance in 2**64
    a pair)."""
    return len(a) > 0 and len(b) > 0 and not set(a.tolist()).isdisjoint(b.tolist())
