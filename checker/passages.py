"""Fingerprints of long passages, to find text copied between agencies' files.

Winnowing (Schleimer, Wilkerson and Aiken, 2003, the method behind MOSS): hash every
k-character gram of the normalised text and keep the smallest hash of each window of w
grams. Any passage of at least k + w - 1 characters shared by two texts yields at least one
shared fingerprint, and a text of n characters keeps about 2n/(w+1) of them. Looking up
fingerprints in one index makes a batch of thousands of files linear in their text, with
no comparison of every pair of files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterable

from checker.thai import compact


@dataclass(frozen=True)
class Passage:
    """A fingerprint and the cell it was taken from."""

    fingerprint: int
    sheet: str
    row: int
    column: int
    field: str


def _gram_hash(gram: str) -> int:
    # A keyed hash is unstable across processes (PYTHONHASHSEED); workers must agree.
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big")


def winnow(text: str, k: int, window: int) -> set[int]:
    """The fingerprints of a normalised text (empty when it is shorter than k)."""
    if len(text) < k:
        return set()
    hashes = [_gram_hash(text[i:i + k]) for i in range(len(text) - k + 1)]
    if len(hashes) <= window:
        return {min(hashes)}
    return {min(hashes[i:i + window]) for i in range(len(hashes) - window + 1)}


def cell_passages(cells: Iterable[tuple[str, int, int, str, str]], k: int, window: int, min_chars: int) -> list[Passage]:
    """Fingerprints of cells given as (sheet, row, column, field, text); short texts are skipped."""
    out: list[Passage] = []
    for sheet, row, column, field, text in cells:
        key = compact(text)
        if len(key) < min_chars:
            continue
        out.extend(Passage(f, sheet, row, column, field) for f in sorted(winnow(key, k, window)))
    return out
