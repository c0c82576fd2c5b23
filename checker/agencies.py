"""Find the agencies, districts and provinces a text names, and judge each against the
workbook's own (rules agency-name-mismatch and foreign-agency).

A report copied from another agency's keeps that agency's name somewhere; a report
typed in a hurry misspells its own. Both show in free text, written every way: in full
("องค์การบริหารส่วนตำบลนาโคก"), short ("อบต.นาโคก", "อบต. นาโคก"), split by a line wrap
("องค์การ บริหารส่วนตำบลหลักสอง") or with the type word itself misspelt
("ของคการบริหารส่วนตำบลนาโคก").

Thai writes no space between words, so where a name ends cannot be read off a pattern:
"ตามองค์การบริหารส่วนตำบลกำหนด" is the agency's generic self-reference followed by a verb,
not an agency called กำหนด. A mention is therefore judged by comparing what follows the
type word with the agency's own name first (by prefix, then by edit distance), then with
words that start ordinary text (`generic_words` in data/places.yaml); only what is left
is another agency's name. Provinces are matched against the list of the 77 provinces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

from checker.metadata import AGENCY_TYPES, agency_from_text
from checker.model import Metadata
from checker.reference import load_yaml
from checker.thai import clean, compact

_DATA = Path(__file__).resolve().parent / "data" / "places.yaml"
_THAI = "\u0e01-\u0e4e"
_NAME_RUN = re.compile(f"[{_THAI}]+")
# A name ends at these words even when they are glued to it ("หลักสองอำเภอ…").
_NAME_END = ("อำเภอ", "จังหวัด", "ประจำปี", "ปีงบประมาณ", "โทร")
# How far before a mention a context word ("เช่น") is looked for, in compacted letters.
CONTEXT_REACH = 14
# The type word องค์การ misspelt: at most this many edits ("องคการ", "องค์กร").
TYPE_WORD_EDITS = 2
_ORGAN = "องค์การ"


def _spaced(word: str) -> str:
    """A pattern for a word with white space allowed between its letters (PDF line wraps
    and spaced-out letters)."""
    return r"\s*".join(re.escape(ch) for ch in word)


def _starting_with(letters: str, pattern: str) -> re.Pattern:
    """`pattern`, whose every match starts with one of `letters`, compiled with that said
    first: at any other position the engine then gives up after one letter test instead
    of trying each spaced-out branch (most positions of a Thai text)."""
    return re.compile(f"(?=[{letters}])(?:{pattern})")


_FULL_TYPES = sorted(set(AGENCY_TYPES.values()), key=len, reverse=True)
# Short forms: อบต/อบจ with or without a dot; ทต/ทม/ทน with a dot or a space after, as
# the two letters glued to more letters begin ordinary words ("ทนาย", "ทมิฬ").
_SHORT_FORM = r"(?<![\u0e01-\u0e4e.])(?:อบจ|อบต)\.?|(?<![\u0e01-\u0e4e.])(?:ทน|ทม|ทต)(?:\.|(?=\s))"
_ANCHOR = "บริหารส่วน"
_AGENCY = _starting_with(
    "".join(sorted({t[0] for t in _FULL_TYPES} | {"อ", "ท", _ANCHOR[0]})),  # อ ท: the short forms
    "(?P<full>" + "|".join(_spaced(t) for t in _FULL_TYPES) + ")"
    "|(?P<short>" + _SHORT_FORM + ")"
    # The rest of an อบต/อบจ type word, when its start is misspelt ("ของคการบริหาร…").
    "|(?P<anchor>" + _spaced(_ANCHOR) + r"\s*(?:" + _spaced("ตำบล") + "|" + _spaced("จังหวัด") + "))"
)
_PROVINCE = "จังหวัด"
_DISTRICT = "อำเภอ"
_PROVINCE_WORD = _starting_with("จ", "(?:" + _spaced(_PROVINCE) + r"|(?<![\u0e01-\u0e4e.])จ\.)\s*")
_DISTRICT_WORD = _starting_with("อ", "(?:" + _spaced(_DISTRICT) + r"|(?<![\u0e01-\u0e4e.])อ\.)\s*")

# Which of the three scans can find anything in a text, told cheaply. The scans allow white
# space between every letter of a word, which makes the regex engine try many ways at
# every position, and most cells name no agency, district or province. A match of a
# spaced word is, with the white space taken out, that word as a plain substring; every
# full type word and the misspelt-start anchor hold one of `_AGENCY_WORDS`; a short form
# starts with อบจ, อบต, ทน, ทม or ทต, and "จ." and "อ." are matched as written. Taking
# white space out breaks none of these up, so a text whose letters hold none of them cannot
# give a scan a match, and skipping the scan loses nothing (tests/test_agency_names.py
# checks this on generated text).
_AGENCY_WORDS = (_ANCHOR, "เทศบาล")
assert all(any(w in t for w in _AGENCY_WORDS) for t in _FULL_TYPES), "a type word the agency hint would miss"
# All of these in one pattern, for the letters of a text: บริหารส่วน เทศบาล, อบจ อบต อำเภอ อ.,
# ทน ทม ทต, จังหวัด จ. (grouped by first letter, so that at each อ or จ the engine tries one
# branch, not three).
_HINT = re.compile(r"บริหารส่วน|เทศบาล|อ(?:บ[จต]|ำเภอ|\.)|ท[นมต]|จ(?:ังหวัด|\.)")
_SHORT = re.compile(_SHORT_FORM)


def _letters(text: str) -> str:
    return text.replace(" ", "")  # `clean` folds all white space to plain spaces


def _may_name(text: str, letters: str) -> tuple[bool, bool, bool]:
    """Whether the agency, province and district scans can each match in a cleaned
    text that `_HINT` let through (`letters`: its `_letters`): False only when they cannot."""
    return (any(w in letters for w in _AGENCY_WORDS) or _SHORT.search(text) is not None,
            _PROVINCE in letters or "จ." in text,
            _DISTRICT in letters or "อ." in text)


@dataclass(frozen=True)
class Places:
    provinces: dict[str, str]  # compacted name or alias -> province name
    province_keys: tuple[str, ...]  # the keys of `provinces`, longest first
    generic: tuple[str, ...]  # compacted, longest first
    context: tuple[str, ...]
    name_cut: re.Pattern  # any word a name ends at: `_NAME_END` and the generic words


@lru_cache(maxsize=1)
def places() -> Places:
    data = load_yaml(_DATA)
    provinces = {compact(p): p for p in data["provinces"]}
    for alias, name in (data.get("province_aliases") or {}).items():
        provinces[compact(alias)] = name
    generic = tuple(sorted({compact(w) for w in data["generic_words"]}, key=len, reverse=True))
    keys = tuple(sorted(provinces, key=len, reverse=True))
    name_cut = re.compile("|".join(re.escape(w) for w in (*_NAME_END, *generic)))
    return Places(provinces, keys, generic, tuple(compact(w) for w in data["context_words"]), name_cut)


@dataclass(frozen=True)
class Own:
    """Whose workbook this is, as its metadata says; names compacted."""

    agency: str | None = None  # full name as stated
    agency_type: str | None = None
    name: str | None = None
    district: str | None = None
    province: str | None = None
    district_text: str | None = None
    province_text: str | None = None

    @classmethod
    def from_metadata(cls, metadata: Metadata) -> "Own":
        agency = agency_type = name = None
        if metadata.agency:
            found = agency_from_text(str(metadata.agency))
            if found:
                agency, agency_type = found
                name = compact(agency[len(agency_type):]) or None
        district = _strip_level(metadata.district, ("อำเภอ", "อ."))
        province = _strip_level(metadata.province, ("จังหวัด", "จ."))
        return cls(agency, agency_type, name, compact(district) if district else None,
                   compact(province) if province else None, district, province)


def _strip_level(value: object, words: tuple[str, ...]) -> str | None:
    text = clean(str(value)) if value else ""
    for word in words:
        if text.startswith(word):
            text = text[len(word):].strip()
    return text or None


@dataclass(frozen=True)
class Mention:
    kind: str  # agency, district, province
    written: str  # as written, type word and name
    name: str  # the name part as written
    verdict: str  # own, generic, exempt, misspelt, foreign
    variant: str = "default"  # misspelt: default (name), type, type_word; foreign: default
    expected: str = ""  # the right spelling, for a misspelt mention


def _max_edits(name: str) -> int:
    return 1 if len(name) <= 6 else 2


def _near(name: str, tail: str) -> int:
    """The length of the near miss of `name` that `tail` starts with (0: none)."""
    if len(name) < 3:
        return 0
    limit = _max_edits(name)
    best = (limit + 1, 0)
    lengths = range(max(2, len(name) - limit), min(len(tail), len(name) + limit) + 1)
    for length in sorted(lengths, key=lambda n: abs(n - len(name))):  # ties: the name's own length
        distance = Levenshtein.distance(name, tail[:length], score_cutoff=limit)
        if distance < best[0]:
            best = (distance, length)
    return best[1]


def _written(text: str, start: int, letters: int) -> str:
    """The text from `start` that holds `letters` compacted letters, as written."""
    end = start
    while end < len(text) and len(compact(text[start:end])) < letters:
        end += 1
    return text[start:end]


def _name_part(text: str, start: int, vocabulary: Places) -> str:
    """The name written from `start`: Thai letters up to white space, punctuation, a
    word that ends a name, or a generic word glued on after the first two letters."""
    match = _NAME_RUN.match(text, start)
    if not match:
        return ""
    run = match.group(0)
    # A search finds the leftmost place any of the words starts: the first cut.
    cut = vocabulary.name_cut.search(run, 2)
    return run[:cut.start()] if cut else run


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _in_context(text: str, start: int, vocabulary: Places) -> bool:
    before = compact(text[max(0, start - 3 * CONTEXT_REACH): start])[-CONTEXT_REACH:]
    return any(word in before for word in vocabulary.context)


def _type_word_slip(text: str, start: int) -> tuple[int, int] | None:
    """Before "บริหารส่วนตำบล": how far what stands there is from "องค์การ" (edits) and
    where it starts, or None when it is not a near miss of it."""
    best: tuple[int, int] | None = None
    position = start
    while position > 0:
        position -= 1
        key = compact(text[position:start])
        if len(key) > len(_ORGAN) + TYPE_WORD_EDITS:
            break
        if len(key) < len(_ORGAN) - TYPE_WORD_EDITS or text[position].isspace():
            continue
        distance = Levenshtein.distance(key, _ORGAN)
        if best is None or distance < best[0]:
            best = (distance, position)
    if best is None or best[0] > TYPE_WORD_EDITS:
        return None
    return best


def agency_mentions(text: str, own: Own, vocabulary: Places | None = None, *,
                    cleaned: bool = False) -> list[Mention]:
    """Every agency, district and province the text names, judged against `own`.
    `cleaned`: the text is what `clean` returned (a scan.TextCell's is), and cleaning it
    again would change nothing."""
    if not cleaned:
        text = clean(text)
    letters = _letters(text)
    if _HINT.search(letters) is None:
        return []  # most cells
    return _scan(text, own, vocabulary or places(), *_may_name(text, letters))


def _scan(text: str, own: Own, vocabulary: Places, agency: bool = True, province: bool = True,
          district: bool = True) -> list[Mention]:
    """The mentions in a cleaned text; a scan told False is skipped (see `_may_name`)."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []  # spans of agency type words (they hold "จังหวัด")
    if own.name and agency:
        for match in _AGENCY.finditer(text):
            mention = _judge_agency(text, match, own, vocabulary)
            taken.append(match.span())
            if mention:
                found.append(mention)
    if own.province and province:
        for match in _PROVINCE_WORD.finditer(text):
            if any(a <= match.start() < b for a, b in taken):
                continue
            mention = _judge_province(text, match, own, vocabulary)
            if mention:
                found.append(mention)
    if own.district and district:
        for match in _DISTRICT_WORD.finditer(text):
            mention = _judge_district(text, match, own, vocabulary)
            if mention:
                found.append(mention)
    return found


def _judge_agency(text: str, match: re.Match, own: Own, vocabulary: Places) -> Mention | None:
    start = match.start()
    slip = False
    if match.group("full"):
        agency_type = compact(match.group("full"))
    elif match.group("short"):
        agency_type = AGENCY_TYPES[compact(match.group("short"))]
    else:
        found = _type_word_slip(text, start)
        if found is None:
            return None
        slip = found[0] > 0  # zero: "องค์การ-บริหารส่วนตำบล", odd punctuation only
        start = found[1]
        agency_type = "องค์การบริหารส่วน" + compact(match.group("anchor"))[len("บริหารส่วน"):]
    name_start = _skip_space(text, match.end())
    tail = compact(text[name_start: name_start + 80])
    name = _name_part(text, name_start, vocabulary)
    written = (text[start: name_start] + name).strip()

    def mention(verdict: str, variant: str = "default", expected: str = "") -> Mention:
        return Mention("agency", written, name, verdict, variant, expected)

    if _in_context(text, start, vocabulary):
        return mention("exempt")
    near = 0 if tail.startswith(own.name) else _near(own.name, tail)
    if tail.startswith(own.name) or near:
        # The name as written is as long as the own name (or its near miss): what is glued
        # after it ("นาโคกได้…") is the sentence going on.
        name = _written(text, name_start, near or len(own.name))
        written = (text[start: name_start] + name).strip()
    if tail.startswith(own.name):
        if slip:
            return mention("misspelt", "type_word", own.agency or "")
        if agency_type != own.agency_type:
            return mention("misspelt", "type", own.agency or "")
        return mention("own")
    if near:
        return mention("misspelt", "type_word" if slip else "default", own.agency or "")
    if not tail or tail.startswith(vocabulary.generic) or len(compact(name)) < 2:
        if slip and agency_type == own.agency_type:
            return mention("misspelt", "type_word", agency_type)
        return mention("generic")
    key = compact(name)
    if own.province and key.startswith(own.province) or own.district and key.startswith(own.district):
        # The provincial organisation of the agency's own province, the town named after
        # its own district: neighbours it works with, not a sign of copying.
        return mention("exempt")
    return mention("foreign")


def _judge_province(text: str, match: re.Match, own: Own, vocabulary: Places) -> Mention | None:
    tail = compact(text[match.end(): match.end() + 60])
    if not tail:
        return None
    known = next((key for key in vocabulary.province_keys if tail.startswith(key)), None)
    if known is not None:
        name = vocabulary.provinces[known]
        if compact(name) == own.province or known == own.province:
            return None
        written = text[match.start(): match.end()] + _written_prefix(text, match.end(), known)
        verdict = "exempt" if _in_context(text, match.start(), vocabulary) else "foreign"
        return Mention("province", written.strip(), name, verdict, "province")
    if tail.startswith(vocabulary.generic):
        return None
    if own.province and (near := _near(own.province, tail)):
        name = _written(text, match.end(), near)
        return Mention("province", (text[match.start(): match.end()] + name).strip(), name, "misspelt",
                       "province", "จังหวัด" + (own.province_text or ""))
    return None


def _judge_district(text: str, match: re.Match, own: Own, vocabulary: Places) -> Mention | None:
    tail = compact(text[match.end(): match.end() + 60])
    name = _name_part(text, match.end(), vocabulary)
    key = compact(name)
    if not tail or tail.startswith(own.district):
        return None
    if len(key) >= 2 and own.district.startswith(key):
        return None  # "อ.เมือง" for อำเภอเมืองสมุทรสาคร
    if near := _near(own.district, tail):
        name = _written(text, match.end(), near)
        return Mention("district", (text[match.start(): match.end()] + name).strip(), name, "misspelt",
                       "district", "อำเภอ" + (own.district_text or ""))
    if tail.startswith(vocabulary.generic) or len(key) < 2 or key == "เมือง":
        return None  # a level ("ระดับอำเภอ"), or "อำเภอเมือง" of an unnamed province
    verdict = "exempt" if _in_context(text, match.start(), vocabulary) else "foreign"
    return Mention("district", (text[match.start(): match.end()] + name).strip(), name, verdict, "district")


def _written_prefix(text: str, start: int, key: str) -> str:
    """The shortest text from `start` whose compacted form is `key`."""
    for end in range(start + len(key), min(len(text), start + 3 * len(key)) + 1):
        if compact(text[start:end]) == key:
            return text[start:end]
    return key
