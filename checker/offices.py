"""Recognise who is named in a responsible cell.

A cell may name one office, an office with its sub-unit in brackets, several offices
("- สำนักปลัด - กองคลัง"), a collective answer ("ทุกส่วนราชการ"), a position or a person.
Known names are consumed greedily from the compacted text; what is left is accepted when
it has the shape of an office, position or person (real LAOs have offices no list has),
unless it is a near miss of a known name: "กองครัง" is a typo of กองคลัง, not a new office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from checker.reference import Reference
from checker.thai import clean, compact

# Strong separators between the names in one cell. "-" and numbers only count at the
# start of a line or after white space, as bullets: "สำนักปลัด-กองคลัง" is rare, hyphenated
# office names are rarer still.
_SEPARATORS = re.compile(r"[\n;,，、•●▪·]|(?:^|\s)[-–—*]+\s*|(?:^|\s)\(?[0-9๐-๙]{1,2}[.)]\s*")
_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_CONNECTORS = ("ร่วมกับ", "และ", "หรือ", "กับ", "โดย")
# A near miss is at most this many edits from a known name of at least MIN_TYPO_LENGTH
# letters: one edit for short names (กองคลัง), two for long ones.
MIN_TYPO_LENGTH = 5


@dataclass(frozen=True)
class Unknown:
    text: str  # the part of the cell (as written) that names nothing known
    nearest: str | None  # the closest known name, for the hint
    typo: bool  # a near miss of `nearest`, not merely unlisted


@dataclass(frozen=True)
class _Vocabulary:
    names: tuple[str, ...]  # compacted known names, longest first
    display: dict[str, str]  # compacted -> name as an officer writes it
    prefixes: tuple[str, ...]  # compacted words that start an acceptable unlisted name
    whole: tuple[str, ...]  # words that make the whole part acceptable: a group or a person


@lru_cache(maxsize=4)
def _vocabulary(reference: Reference) -> _Vocabulary:
    display: dict[str, str] = {}
    for office in reference.offices:
        display.setdefault(compact(office["name"]), office["name"])
        for alias in office.get("aliases", ()):
            display.setdefault(compact(alias), office["name"])
    for name in (*reference.units, *reference.collectives):
        display.setdefault(compact(name), name)
    prefixes = tuple(compact(p) for group in reference.prefixes.values() for p in group)
    agencies = ("องค์การบริหารส่วน", "เทศบาล", "อบต", "อบจ", "ทต", "ทม", "ทน")
    names = tuple(sorted(display, key=len, reverse=True))
    whole = tuple(compact(p) for key in ("groups", "people") for p in reference.prefixes.get(key, ()))
    return _Vocabulary(names, display, prefixes + agencies, whole)


def _max_edits(name: str) -> int:
    return 1 if len(name) <= 8 else 2


def _near_miss(chunk: str, vocabulary: _Vocabulary) -> str | None:
    if len(chunk) < MIN_TYPO_LENGTH:
        return None
    for name in vocabulary.names:
        if abs(len(name) - len(chunk)) <= 2 and Levenshtein.distance(chunk, name, score_cutoff=_max_edits(name)) <= _max_edits(name):
            return vocabulary.display[name]
    return None


def _nearest(chunk: str, vocabulary: _Vocabulary) -> str | None:
    best = process.extractOne(chunk, vocabulary.names, scorer=fuzz.WRatio, score_cutoff=60)
    return vocabulary.display[best[0]] if best else None


def _consume(text: str, vocabulary: _Vocabulary) -> list[str]:
    """The parts of a compacted text that are not known names or connectors."""
    leftovers: list[str] = []
    pending = ""
    i = 0
    while i < len(text):
        step = _known_at(text, i, vocabulary)
        if not step:
            connector = next((c for c in _CONNECTORS if text.startswith(c, i)), "")
            # "และ" joins two names only when a name follows; inside an unlisted office
            # ("กองส่งเสริมคุณภาพชีวิตและสิ่งแวดล้อม") it is part of the name.
            if connector and (not pending or _starts_name(text, i + len(connector), vocabulary)):
                step = len(connector)
        if step:
            if pending:
                leftovers.append(pending)
                pending = ""
            i += step
        else:
            pending += text[i]
            i += 1
    if pending:
        leftovers.append(pending)
    return leftovers


def _known_at(text: str, i: int, vocabulary: _Vocabulary) -> int:
    return next((len(n) for n in vocabulary.names if text.startswith(n, i)), 0)


def _starts_name(text: str, i: int, vocabulary: _Vocabulary) -> bool:
    return bool(_known_at(text, i, vocabulary)) or text.startswith(vocabulary.prefixes, i)


# The files of one run name the same few offices on row after row: each text is judged
# once per process (bounded; Unknowns are immutable).
@lru_cache(maxsize=1 << 12)
def unknown_parts_remembered(cell: str, reference: Reference) -> tuple[Unknown, ...]:
    """`unknown_parts`, read once for each distinct text in a process."""
    return tuple(unknown_parts(cell, reference))


def unknown_parts(cell: str, reference: Reference) -> list[Unknown]:
    vocabulary = _vocabulary(reference)
    unknown: list[Unknown] = []
    for part in _SEPARATORS.split(clean(cell)):
        if not part or not part.strip():
            continue
        # A sub-unit in brackets is accepted as written: offices name their งาน freely.
        main = compact(_BRACKETS.sub(" ", part))
        # "คณะทำงานขับเคลื่อนจริยธรรม", "นายสมชาย ใจดี": the rest of the part is their name.
        if main.startswith(vocabulary.whole):
            continue
        # Messages quote the part as the officer wrote it, not its compacted key.
        written = part.strip(" -–—*")
        # A slip inside one name ("กองช่างง") is judged on the whole name, before known
        # names are consumed from it and leave a meaningless letter behind.
        if main not in vocabulary.display and (typo := _near_miss(main, vocabulary)) is not None:
            unknown.append(Unknown(written, typo, True))
            continue
        for chunk in _consume(main, vocabulary):
            if (typo := _near_miss(chunk, vocabulary)) is not None:
                unknown.append(Unknown(written, typo, True))
            elif not chunk.startswith(vocabulary.prefixes):
                unknown.append(Unknown(written, _nearest(chunk, vocabulary), False))
    return unknown
