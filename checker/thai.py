"""Thai text normalisation shared by every comparison the checker makes.

Real files carry text extracted from PDFs and typed on many keyboards: Thai and Arabic
digits mixed, line-wrap spaces inside words, zero-width characters, the sara am typed as
nikhahit + sara aa. Every comparison goes through these functions so that two texts an
officer would call "the same" compare equal. `clean` and `compact` are memoised: every
rule normalises the same cells, and real files repeat the same offices and periods
thousands of times.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_DIGIT_PAIRS = tuple(zip(THAI_DIGITS, "0123456789"))
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

# Zero-width and other invisible format characters that Word, PDF converters and web
# forms leave inside Thai text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
# Nikhahit followed by sara aa is how a broken sara am is typed or extracted; a space
# between them is the "ท าแบบ" damage seen in converted reports.
_DECOMPOSED_AM = re.compile("\u0e4d\\s*\u0e32")
_SPACED_AM = re.compile("(?<=[\u0e01-\u0e2e\u0e48-\u0e4b]) \u0e32(?=[\u0e01-\u0e2e])")
# Thai digits (U+0E50-0E59) are inside: the fast path turns them into ASCII digits first.
_OUTSIDE_THAI_AND_ASCII = re.compile("[^\x00-\x7f\u0e01-\u0e59]")
_ASCII_NON_WORD = bytes(c for c in range(128) if not chr(c).isalnum())
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
_THAI_DIGIT = re.compile("[\u0e50-\u0e59]")
# Python's \w leaves out combining marks, which Thai vowels and tone marks are: keep the
# whole Thai block explicitly.
_NON_WORD = re.compile(r"[^\w\u0e01-\u0e4f]+")


def to_arabic_digits(text: str) -> str:
    # str.translate looks every character up in a dict (10 us for a line of Thai); ten
    # C-speed scans take one.
    for thai, arabic in _DIGIT_PAIRS:
        if thai in text:
            text = text.replace(thai, arabic)
    return text


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def thai_number(number: int | str, lang: str = "th") -> str:
    """A number written for the reader: Thai digits in Thai messages."""
    text = str(number)
    return to_thai_digits(text) if lang == "th" else text


# White space other than the plain space: what str.isspace() and the regex \\s accept
# (tests/test_thai.py checks the list against every code point).
OTHER_WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
                     "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
# Anything `clean` would change besides two spaces in a row and the ends: an invisible
# character, a nikhahit (a broken sara am), white space other than a space. One character
# class is several times faster to scan for than an alternation.
_NEEDS_CLEANING = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0e4d" + re.escape(OTHER_WHITE_SPACE) + "]")


# Unbounded, and emptied by `forget_texts` when a chunk of files is done: a 100,000-row
# table has about 900,000 cell texts, and a bounded cache that cannot hold them all
# misses on every call, so that every rule normalises every cell again.
@lru_cache(maxsize=None)
def clean(text: str) -> str:
    """Text as a person reads it: invisible characters gone, white space folded to one
    space, sara am repaired. Keeps words and punctuation."""
    if "  " not in text and not _NEEDS_CLEANING.search(text) and unicodedata.is_normalized("NFC", text):
        return text.strip()  # most cells: one scan, and the same string object back
    # Invisible characters go first: one between a tone mark and a vowel would otherwise
    # keep them out of canonical order, and cleaning the result again would change it.
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
    text = _DECOMPOSED_AM.sub("\u0e33", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


@lru_cache(maxsize=None)
def compact(text: str) -> str:
    """Key for matching words regardless of line-wrap spaces, punctuation and digits'
    script: "ระยะเวลาในการ ดำเนินการ" and "ระยะเวลาในการดำเนินการ" give the same key.

    Thai is written without spaces between words, so dropping every space and
    punctuation mark loses nothing a match needs.
    """
    return _compact(clean(text), arabic=True)


def compact_letters(text: str) -> str:
    """`compact`, the digits left in the script they are written in: the same length and
    the same letters, for a test that no digit can change (whether the key holds or is a
    phrase without digits). Not memoised: the texts it is for are mostly read once."""
    return _compact(clean(text), arabic=False)


def _compact(text: str, arabic: bool) -> str:
    if _OUTSIDE_THAI_AND_ASCII.search(text) is None:
        # Every character is ASCII, a Thai digit or in the Thai block, which is kept whole:
        # with the digits made ASCII, lowering the ASCII letters and deleting the other
        # ASCII characters that are not letters or digits, in the UTF-8 bytes, gives what
        # lower() and the regular expression give, in a third of the time.
        if arabic and _THAI_DIGIT.search(text):
            text = to_arabic_digits(text)
        return text.encode("utf-8").translate(_ASCII_LOWER, _ASCII_NON_WORD).decode("utf-8")
    return _NON_WORD.sub("", to_arabic_digits(text).lower() if arabic else text.lower()).replace("_", "")


def forget_texts() -> None:
    """Empty the normalisation caches (between chunks of files, to bound memory)."""
    clean.cache_clear()
    compact.cache_clear()


def cell_text(value: object) -> str:
    """The text of a cell value as the checker reads it ('' for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


# ------------------------------------------------------------------ damage and keys
#
# Text extracted from PDFs arrives damaged in two typical ways: letters spaced apart
# ("ย ก ร ะ ตั บ") and a vowel or mark torn from its letter ("ท าแบบ" for "ทำแบบ"). The
# functions below find that damage and give keys that compare equal across it.

_THAI_CONSONANT = "\u0e01-\u0e2e"
# Characters that never begin a Thai syllable: the following vowels ะ า ำ ๅ and the
# combining marks (upper and lower vowels, tone marks, thanthakhat, nikhahit). Text
# with white space right before one of them has been torn apart.
NON_INITIAL = "\u0e30-\u0e3a\u0e45\u0e47-\u0e4e"
_TORN = re.compile(f"(?<=[\u0e01-\u0e4e])\\s+(?=[{NON_INITIAL}])")
_TOKEN = re.compile(r"\S+")
_THAI_ONLY = re.compile("^[\u0e01-\u0e4e]+$")
_CONSONANTS = re.compile(f"[{_THAI_CONSONANT}]")
# Marks that stand alone legitimately: mai yamok (ต่าง ๆ) and paiyannoi (ฯลฯ).
_STANDALONE = {"\u0e46", "\u0e2f"}
# A letter fragment (see `is_letter_fragment`) as a pattern, for finding runs of them
# with one regex instead of a Python test per token: a whole white-space separated token
# of Thai letters and marks, at most one of them a consonant, not a standalone mark
# alone. The quantifiers are possessive: a fragment has one way to match, so there is
# nothing to backtrack into.
_NOT_CONSONANT = "\u0e2f-\u0e4e"  # the rest of the _THAI_ONLY range
LETTER_FRAGMENT = (f"(?![\u0e46\u0e2f](?!\\S))(?=[\u0e01-\u0e4e])"
                   f"[{_NOT_CONSONANT}]*+[{_THAI_CONSONANT}]?+[{_NOT_CONSONANT}]*+(?!\\S)")
# Numbered items inside a cell: "๑." "1." "๒ ." "๓.." "1)" at the start or after white
# space, not followed by a digit (so "๑๐.๒" and "๑.๑" are not items). The pattern starts
# with the digit and then looks back past it for the white space (or the start of the
# text): a leading character class lets the regex engine skip straight to digits instead
# of trying the look-behind at every character.
_ITEM_MARKER = re.compile(r"([0-9๐-๙](?<!\S[0-9๐-๙])[0-9๐-๙]?)\s?(?:\.+|\))(?![0-9๐-๙])")
_LEADING_NUMBER = re.compile(r"^\s*\(?[0-9๐-๙]{1,3}\s?(?:\.+|\))?\s*")


def is_letter_fragment(token: str) -> bool:
    """A white-space separated piece of Thai that holds at most one consonant: what a
    word becomes when a PDF conversion spaces its letters apart ("ย", "ตั", "าย")."""
    if token in _STANDALONE or not _THAI_ONLY.match(token):
        return False
    return len(_CONSONANTS.findall(token)) <= 1


def spaced_letter_runs(text: str, min_run: int = 4) -> list[str]:
    """Runs of at least `min_run` letter fragments in a row, as written. Thai puts
    spaces between phrases, not words, so even short words rarely stand alone four
    times in a row; letters spaced apart do."""
    if min_run < 1:
        return _spaced_letter_runs_by_token(text, min_run)
    return [" ".join(match.group().split()) for match in _letter_runs(min_run).finditer(clean(text))]


@lru_cache(maxsize=8)
def _letter_runs(min_run: int) -> re.Pattern[str]:
    # Greedy repetition from the first fragment of a run takes the whole run, so each
    # match is one maximal run, as the token-by-token definition below finds them.
    return re.compile(f"(?<!\\S){LETTER_FRAGMENT}(?:\\s+{LETTER_FRAGMENT}){{{min_run - 1},}}")


def _spaced_letter_runs_by_token(text: str, min_run: int) -> list[str]:
    """`spaced_letter_runs` token by token: its definition, kept for a `min_run` below
    one, where empty runs count too."""
    runs: list[str] = []
    current: list[str] = []
    for token in _TOKEN.findall(clean(text)):
        if is_letter_fragment(token):
            current.append(token)
            continue
        if len(current) >= min_run:
            runs.append(" ".join(current))
        current = []
    if len(current) >= min_run:
        runs.append(" ".join(current))
    return runs


def torn_marks(text: str, reach: int = 12) -> list[str]:
    """Places where a vowel or mark is separated from its letter ("ท าแบบ"), each as the
    pieces on both sides of the gap (at most `reach` characters each), as written."""
    text = clean(text)
    found = []
    for match in _TORN.finditer(text):
        before = text[max(0, match.start() - reach): match.start()].split(" ")[-1]
        after = text[match.end(): match.end() + reach].split(" ")[0]
        found.append(f"{before} {after}")
    return found


def mend(text: str) -> str:
    """Text with torn marks rejoined and spaced-out letters closed up, white space
    otherwise kept: a form for word-level comparison."""
    text = _TORN.sub("", clean(text))
    tokens = _TOKEN.findall(text)
    out: list[str] = []
    glue = False
    for i, token in enumerate(tokens):
        fragment = is_letter_fragment(token)
        near = fragment and (
            (i + 1 < len(tokens) and is_letter_fragment(tokens[i + 1]))
            or (i > 0 and is_letter_fragment(tokens[i - 1]))
        )
        if out and near and glue:
            out[-1] += token
        else:
            out.append(token)
        glue = near
    return " ".join(out)


def item_markers(text: str) -> list[tuple[int, int, int]]:
    """(number, start, end) of the numbered items "๑. … ๒. …" in a cleaned text."""
    # int() reads Thai digits as it reads Arabic ones (any Unicode decimal digit).
    return [(int(m.group(1)), m.start(), m.end()) for m in _ITEM_MARKER.finditer(text)]


def item_numbers(text: str) -> list[int]:
    """The numbers of `item_markers`, without their places (no match objects to make)."""
    return [int(number) for number in _ITEM_MARKER.findall(text)]


def split_items(text: str) -> list[str]:
    """The numbered items of a cell without their numbers; the whole text when it holds
    fewer than two items."""
    text = clean(text)
    markers = item_markers(text)
    if len(markers) < 2:
        return [text] if text else []
    items = [text[: markers[0][1]]] if text[: markers[0][1]].strip() else []
    for (_, _, end), following in zip(markers, markers[1:] + [(0, len(text), len(text))]):
        items.append(text[end: following[1]])
    return [item.strip() for item in items if item.strip()]


def strip_numbering(text: str) -> str:
    """Text without a leading sequence number ("๑.", "1)", "(๒)", "๐๑")."""
    return _LEADING_NUMBER.sub("", clean(text), count=1)


def text_key(text: str) -> str:
    """The comparison key of a text: `compact` (digits, white space, zero-width
    characters, the sara am, line-wrap and spaced-out letters all folded away)."""
    return compact(text)
