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


def sliding_min(values, window: int):
    """The smallest value of each window of `window` consecutive values, in linear time
    (van Herk / Gil-Werman: minima running forwards and backwards inside blocks of
    `window`; each window spans at most two blocks)."""
    import numpy as np

    n = len(values)
    pad = (-n) % window
    blocks = np.concatenate([values, np.full(pad, np.iinfo(values.dtype).max, dtype=values.dtype)]).reshape(-1, window)
    forwards = np.minimum.accumulate(blocks, axis=1).ravel()
    backwards = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].ravel()
    return np.minimum(backwards[: n - window + 1], forwards[window - 1: n])


def winnow_many(texts: list[str], k: int, window: int) -> list:
    """The fingerprints of each normalised text (a numpy array each, empty when the text is
    shorter than k). The texts are hashed as one string, because a gram's hash does not
    depend on where it stands; grams and windows that straddle two texts are left out."""
    import numpy as np

    hashes = gram_hashes("".join(texts), k)
    minima = sliding_min(hashes, window) if len(hashes) >= window else hashes[:0]
    out = []
    start = 0
    for text in texts:
        grams = len(text) - k + 1
        if grams <= 0:
            out.append(hashes[:0])
        elif grams <= window:
            out.append(np.unique(hashes[start: start + grams].min(keepdims=True)))
        else:
            out.append(np.unique(minima[start: start + grams - window + 1]))
        start += len(text)
    return out


def winnow(text: str, k: int, window: int) -> set[int]:
    """The fingerprints of one normalised text."""
    return set(winnow_many([text], k, window)[0].tolist())


def gram_set(text: str, k: int):
    """Every k-character gram of `text`, hashed, sorted and unique (a numpy array): two
    texts share a passage of k characters exactly when these meet (up to a hash
    collision, one chance in 2**64 a pair). An array takes 8 bytes a gram; a Python set
    of the same would take about 60."""
    import numpy as np

    return np.unique(gram_hashes(text, k))


def grams_meet(a, b) -> bool:
    """Whether two `gram_set`s have a hash in common."""
    import numpy as np

    if not len(a) or not len(b):
        return False
    return bool(np.intersect1d(a, b, assume_unique=True).size)
