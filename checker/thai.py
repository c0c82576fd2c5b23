"""Thai text normalisation shared by every comparison the checker makes.

Real files carry text extracted from PDFs and typed on many keyboards: Thai and Arabic
digits mixed, line-wrap spaces inside words, zero-width characters, the sara am typed as
nikhahit + sara aa. Every comparison goes through these functions so that two texts an
officer would call "the same" compare equal.
"""

from __future__ import annotations

import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)

# Zero-width and other invisible format characters that Word, PDF converters and web
# forms leave inside Thai text.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
# Nikhahit followed by sara aa is how a broken sara am is typed or extracted; a space
# between them is the "ท าแบบ" damage seen in converted reports.
_DECOMPOSED_AM = re.compile("\u0e4d\\s*\u0e32")
_SPACED_AM = re.compile("(?<=[\u0e01-\u0e2e\u0e48-\u0e4b]) \u0e32(?=[\u0e01-\u0e2e])")
# Python's \w leaves out combining marks, which Thai vowels and tone marks are: keep the
# whole Thai block explicitly.
_NON_WORD = re.compile(r"[^\w\u0e01-\u0e4f]+")


def to_arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def to_thai_digits(text: str) -> str:
    return text.translate(_TO_THAI)


def thai_number(number: int | str, lang: str = "th") -> str:
    """A number written for the reader: Thai digits in Thai messages."""
    text = str(number)
    return to_thai_digits(text) if lang == "th" else text


def clean(text: str) -> str:
    """Text as a person reads it: invisible characters gone, white space folded to one
    space, sara am repaired. Keeps words and punctuation."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _DECOMPOSED_AM.sub("\u0e33", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def compact(text: str) -> str:
    """Key for matching words regardless of line-wrap spaces, punctuation and digits'
    script: "ระยะเวลาในการ ดำเนินการ" and "ระยะเวลาในการดำเนินการ" give the same key.

    Thai is written without spaces between words, so dropping every space and
    punctuation mark loses nothing a match needs.
    """
    text = to_arabic_digits(clean(text)).lower()
    return _NON_WORD.sub("", text).replace("_", "")


def cell_text(value: object) -> str:
    """The text of a cell value as the checker reads it ('' for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))
