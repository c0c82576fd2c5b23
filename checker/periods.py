"""Reading the period column (ระยะเวลาดำเนินการ) the way a Thai reader would.

Officers type the period in dozens of ways: "๑ ต.ค. ๖๕ - ๓๐ มี.ค. ๖๖", "ภายในเดือน ม.ค.๖๖",
"ไตรมาสที่ ๒", "๗ วัน", a real Excel date, ... This module turns one cell value into a
start date, an end date and the *form* it was written in, so that the rules can judge
it (is it inside the fiscal year? is it only a duration?).

How it reads
------------
1. The text is cleaned (checker.thai.clean), Thai digits become Arabic digits, every
   dash (–, —, ~ ...) becomes "-" and ASCII letters are lowered. All of these keep the
   length, so a token's span still points at the text as written (used for notes).
2. A scanner cuts the text into tokens: numbers, numeric dates (1/10/2566, 2023-10-01),
   months (full, spoken, abbreviated with any dots, English), year marks (พ.ศ., ค.ศ., ปี),
   keywords (ปีงบประมาณ, ไตรมาส, รอบ, ภายใน, ตลอด, ทุก, ...), connectors (-, ถึง, จนถึง,
   ระหว่าง, ตั้งแต่, และ) and unknown words.
3. A reader walks the tokens: fiscal-year clauses, quarter clauses, round clauses and
   "whole year" phrases first; then date expressions ([day] month [year], numeric
   dates, a bare start day "๑ - ๓๑ มี.ค."); then stray years; then durations and
   frequencies. Missing years come from the other end of the range (keeping the range
   in order within twelve months), then from a fiscal year written in the cell, then
   from the fiscal year the caller passes.
4. The form is chosen in this order: invalid date > deadline (ภายใน + a date) >
   quarter > round > explicit dates/months > fiscal year > vague > none.

The module is pure: no I/O, nothing done at import time beyond compiling regexes.
read_period never raises.
"""

from __future__ import annotations

import calendar
import math
import numbers
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from checker.thai import clean, to_arabic_digits, to_thai_digits

__all__ = [
    "FORMS",
    "Period",
    "describe",
    "fiscal_year_bounds",
    "fiscal_year_of",
    "read_period",
    "read_period_pair",
    "read_period_remembered",
    "thai_date",
]

FORMS = (
    "dates",
    "months",
    "quarter",
    "fiscal_year",
    "round",
    "deadline",
    "vague",
    "none",
    "invalid",
)


@dataclass(frozen=True)
class Period:
    start: date | None
    end: date | None
    form: str
    note: str = ""
    assumed_year: bool = False


# --------------------------------------------------------------------------- calendar


def fiscal_year_of(d: date) -> int:
    """B.E. fiscal year of a date: October to December belong to the next year."""
    return d.year + 543 + (1 if d.month >= 10 else 0)


def fiscal_year_bounds(fy: int) -> tuple[date, date]:
    """FY 2568 -> (2024-10-01, 2025-09-30)."""
    return date(fy - 544, 10, 1), date(fy - 543, 9, 30)


def _last_day(ce_year: int, month: int) -> int:
    return calendar.monthrange(ce_year, month)[1]


def _be_of_month_in_fy(month: int, fy: int) -> int:
    """Calendar (B.E.) year of a month of fiscal year fy."""
    return fy - 1 if month >= 10 else fy


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


# Quarter q of a fiscal year starts in this month.
_QUARTER_START = {1: 10, 2: 1, 3: 4, 4: 7}


def _quarter_bounds(fy: int, q: int) -> tuple[date, date]:
    first = _QUARTER_START[q]
    be = _be_of_month_in_fy(first, fy)
    ce = be - 543
    last = first + 2
    return date(ce, first, 1), date(ce, last, _last_day(ce, last))


def _months_of_fy(fy: int, first_index: int, count: int) -> tuple[date, date]:
    """Months first_index .. first_index+count-1 of fiscal year fy (0 = October)."""
    ce_start = fy - 544
    y1, m1 = _add_months(ce_start, 10, first_index)
    y2, m2 = _add_months(ce_start, 10, first_index + count - 1)
    return date(y1, m1, 1), date(y2, m2, _last_day(y2, m2))


# Plausible years: C.E. 1900..2300 (B.E. 2443..2843).
_MIN_BE, _MAX_BE = 2443, 2843


def _be_year(value: int, digits: int, ce_mark: bool, hint: int | None) -> int | None:
    """B.E. year of a written year, or None when the number cannot be a year.

    4 digits: below 2400 it is C.E. (+543). 2 digits: B.E. in the century nearest the
    fiscal year (2500+yy without one), or C.E. 20yy after ค.ศ.
    """
    if digits == 4:
        be = value + 543 if (ce_mark or value < 2400) else value
    elif digits == 2:
        if ce_mark:
            be = 2543 + value
        elif hint:
            be = min((c + value for c in (2400, 2500, 2600)), key=lambda y: abs(y - hint))
        else:
            be = 2500 + value
    else:
        return None
    return be if _MIN_BE <= be <= _MAX_BE else None


# --------------------------------------------------------------------------- words

_TH_FULL = {
    "มกราคม": 1,
    "กุมภาพันธ์": 2,
    "กุมภาพันธ": 2,
    "มีนาคม": 3,
    "เมษายน": 4,
    "พฤษภาคม": 5,
    "มิถุนายน": 6,
    "กรกฎาคม": 7,
    "กรกฏาคม": 7,
    "สิงหาคม": 8,
    "กันยายน": 9,
    "ตุลาคม": 10,
    "พฤศจิกายน": 11,
    "ธันวาคม": 12,
}
_TH_SPOKEN = {
    "มกรา": 1,
    "กุมภา": 2,
    "มีนา": 3,
    "เมษา": 4,
    "พฤษภา": 5,
    "มิถุนา": 6,
    "กรกฎา": 7,
    "กรกฏา": 7,
    "สิงหา": 8,
    "กันยา": 9,
    "ตุลา": 10,
    "พฤศจิกา": 11,
    "ธันวา": 12,
}
_TH_ABBR = {
    "มค": 1,
    "กพ": 2,
    "มีค": 3,
    "เมย": 4,
    "พค": 5,
    "มิย": 6,
    "กค": 7,
    "สค": 8,
    "กย": 9,
    "ตค": 10,
    "พย": 11,
    "ธค": 12,
}
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

TH_MONTH_ABBR = ("", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                 "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")  # fmt: skip
EN_MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")  # fmt: skip


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_A = r"(?<![a-z])"  # ASCII word start
_Z = r"(?![a-z])"  # ASCII word end

# Order matters: the first alternative that matches wins.
_TOKEN_SPECS = [
    ("ISO", r"(?<![0-9])(?P<iy>[0-9]{4})(?P<isep>[-/.])(?P<im>[0-9]{1,2})(?P=isep)(?P<id>[0-9]{1,2})(?![0-9])"),
    ("NDATE", r"(?<![0-9])(?P<nd>[0-9]{1,2})(?P<nsep>[-/.])(?P<nm>[0-9]{1,2})(?P=nsep)(?P<ny>[0-9]{4}|[0-9]{2})(?![0-9])"),
    ("NUM", r"[0-9]+"),
    ("FY", r"ปี\s?งบ(?:\s?ประมาณ|ฯ)?|" + _A + r"(?:fiscal\s?year|fy)" + _Z),
    ("EVERYUNIT", r"(?:วัน|สัปดาห์|อาทิตย์|เดือน|ไตรมาส|ปี)\s?ละ|" + _A
     + r"(?:daily|weekly|monthly|quarterly|yearly|annually)" + _Z),
    ("DAYMARK", r"วันที่?"),
    ("MFULL", _alt(_TH_FULL)),
    ("MSPOKEN", _alt(_TH_SPOKEN)),
    ("MABBR", r"(?:มี|มิ|เม|ม|ก|พ|ส|ต|ธ)(?:\s?\.+\s?)?[คพย]\.*"),
    ("MEN", _A + "(?:" + _alt(_EN_MONTHS) + ")" + _Z + r"\.?"),
    ("BE", r"พ\s?\.?\s?ศ\.*|" + _A + r"b\.\s?e\.?"),
    ("CE", r"ค\s?\.?\s?ศ\.*|" + _A + r"(?:c\.\s?e|a\.\s?d)\.?"),
    ("QTR", r"ไตรมาส|" + _A + r"(?:quarters?|qtr)" + _Z + "|" + _A + r"q(?=\s?[0-9])"),
    ("ROUND", r"รอบ|" + _A + r"round" + _Z),
    ("WITHIN", r"ภายใน|ไม่เกิน|ก่อน|" + _A + r"(?:by|within|before)" + _Z),
    ("WHOLE", r"ตลอด|ทั้ง|" + _A + r"(?:whole|entire|throughout|all|full)" + _Z),
    ("EVERY", r"ทุก\s?ๆ?|(?:เป็น)?ราย(?=\s?(?:วัน|สัปดาห์|เดือน|ไตรมาส|ปี))"
     r"|ประจำ(?=\s?(?:วัน|สัปดาห์|เดือน|ไตรมาส))|" + _A + r"(?:every|each)" + _Z),
    ("UNIT", r"วันทำการ|วัน|สัปดาห์|อาทิตย์|เดือน|" + _A + r"(?:days?|weeks?|months?)" + _Z),
    ("PI", r"ปี|" + _A + r"years?" + _Z),
    ("FIRST", r"แรก|" + _A + r"first" + _Z),
    ("LAST", r"หลัง|สุดท้าย|" + _A + r"(?:last|second)" + _Z),
    ("OPEN", r"เป็นต้นไป|ต้นไป|ปัจจุบัน|" + _A + r"(?:onwards?|present|ongoing)" + _Z),
    ("FROM", r"ตั้งแต่|เริ่ม(?:ตั้งแต่)?|" + _A + r"(?:from|since|starting)" + _Z),
    ("TO", r"จนถึง|ถึง|จนกว่า|จน|-|" + _A + r"(?:to|until|till|through|thru)" + _Z),
    ("BETWEEN", r"ระหว่าง|" + _A + r"between" + _Z),
    ("AND", r"และ|,|&|" + _A + r"and" + _Z),
    ("FILL", r"ที่|ๆ|ฯ|ประจำ|ช่วง|ณ|" + _A + r"(?:the|of|in|on)" + _Z),
    ("LPAR", r"[(\[{]"),
    ("RPAR", r"[)\]}]"),
    ("SLASH", r"/"),
    ("SPACE", r"\s+"),
    ("PUNCT", r"[.:;*'\"!?#_+=|\\]"),
]
_TOKEN = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _TOKEN_SPECS))

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d~\u301c\uff5e"})
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_TH_LETTER = re.compile(r"[\u0e01-\u0e4f]")
# Words that may follow a dotless abbreviation or a spoken month without a space.
_FOLLOWERS = ("ถึง", "จน", "ปี", "พ.ศ", "พ ศ", "พศ", "ค.ศ", "คศ", "และ", "เป็นต้นไป", "ต้นไป", "ก่อน")
_ACRONYM_TAIL = re.compile(r"[\u0e01-\u0e2e]\s?\.")
_YEAR_MARKS = ("พ.ศ", "พ. ศ", "ค.ศ", "ค. ศ")
_DROPPED = frozenset({"FILL", "DAYMARK", "PUNCT", "SPACE"})
_MONTH_KINDS = {"MFULL", "MSPOKEN", "MABBR", "MEN"}
_UNIT_WORDS = {
    "วันทำการ": "day", "วัน": "day", "day": "day", "days": "day",
    "สัปดาห์": "week", "อาทิตย์": "week", "week": "week", "weeks": "week",
    "เดือน": "month", "month": "month", "months": "month",
}  # fmt: skip
_EVERYUNIT_WORDS = {
    "วัน": "day", "สัปดาห์": "week", "อาทิตย์": "week", "เดือน": "month", "ไตรมาส": "quarter",
    "ปี": "year", "daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
    "yearly": "year", "annually": "year",
}  # fmt: skip
_MAX_TEXT = 2000  # a period is a short text; a longer cell is cut


class _Tok:
    __slots__ = ("kind", "val", "start", "end")

    def __init__(self, kind: str, val, start: int, end: int):
        self.kind, self.val, self.start, self.end = kind, val, start, end

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{self.kind}({self.val!r})"


def _normalise(text: str) -> tuple[str, str]:
    """(text as written, cleaned; the same text prepared for scanning, same length)."""
    shown = clean(text)
    work = to_arabic_digits(shown).translate(_DASHES).translate(_ASCII_LOWER)
    return shown, work


def _boundary_ok(work: str, start: int, end: int, recognised_end: int) -> bool:
    """A dotless abbreviation or spoken month must not sit inside a Thai word."""
    if start > 0 and _TH_LETTER.match(work[start - 1]) and recognised_end != start:
        return False
    if end < len(work) and _TH_LETTER.match(work[end]) and not work.startswith(_FOLLOWERS, end):
        return False
    return True


def _make_token(kind: str, m: re.Match, start: int, end: int) -> _Tok | None:
    text = m.group(kind)
    if kind == "NUM":
        if len(text) > 8:
            return _Tok("WORD", None, start, end)
        return _Tok("NUM", (int(text), len(text)), start, end)
    if kind == "ISO":
        return _Tok("NDATE", (int(m.group("id")), int(m.group("im")), m.group("iy")), start, end)
    if kind == "NDATE":
        return _Tok("NDATE", (int(m.group("nd")), int(m.group("nm")), m.group("ny")), start, end)
    if kind == "MFULL":
        return _Tok("MONTH", (_TH_FULL[text], False), start, end)
    if kind == "MSPOKEN":
        return _Tok("MONTH", (_TH_SPOKEN[text], False), start, end)
    if kind == "MABBR":
        month = _TH_ABBR.get(re.sub(r"[\s.]", "", text))
        return None if month is None else _Tok("MONTH", (month, False), start, end)
    if kind == "MEN":
        return _Tok("MONTH", (_EN_MONTHS[text.rstrip(".")], True), start, end)
    if kind == "UNIT":
        return _Tok("UNIT", _UNIT_WORDS[text], start, end)
    if kind == "EVERYUNIT":
        word = re.sub(r"\s?ละ$", "", text)
        return _Tok("EVERYUNIT", _EVERYUNIT_WORDS[word], start, end)
    return _Tok(kind, text, start, end)


def _tokenize(work: str) -> list[_Tok]:
    toks: list[_Tok] = []
    pos, n = 0, len(work)
    word_start = -1
    recognised_end = -1
    while pos < n:
        m = _TOKEN.match(work, pos)
        tok = None
        if m is not None and m.end() > pos:
            kind = m.lastgroup
            end = m.end()
            if kind in ("MSPOKEN", "MABBR") and "." not in m.group(kind):
                if not _boundary_ok(work, pos, end, recognised_end):
                    kind = None
            elif kind == "MABBR" and _ACRONYM_TAIL.match(work, end) and not work.startswith(_YEAR_MARKS, end):
                kind = None  # ก.พ.ร., ส.ค.ส., ก.ค.ศ.: an agency's initials, not a month
            if kind is not None:
                tok = _make_token(kind, m, pos, end)
        if tok is None:
            if word_start < 0:
                word_start = pos
            pos += 1
            continue
        if word_start >= 0:
            toks.append(_Tok("WORD", None, word_start, pos))
            word_start = -1
        if tok.kind not in _DROPPED:
            toks.append(tok)
        recognised_end = tok.end
        pos = tok.end
    if word_start >= 0:
        toks.append(_Tok("WORD", None, word_start, n))
    # "เดือน" before a month name is just the word "month": เดือนมกราคม.
    return [
        t
        for i, t in enumerate(toks)
        if not (t.kind == "UNIT" and t.val == "month" and i + 1 < len(toks) and toks[i + 1].kind == "MONTH")
    ]


# --------------------------------------------------------------------------- reader


class _Item:
    """One date expression: [day] month [year], or a bare start day."""

    __slots__ = ("day", "month", "year", "start", "end", "first_tok", "bare")

    def __init__(self, day, month, year, start, end, first_tok, bare=False):
        self.day, self.month, self.year = day, month, year
        self.start, self.end, self.first_tok, self.bare = start, end, first_tok, bare


class _Invalid(Exception):
    def __init__(self, item: _Item):
        super().__init__()
        self.item = item


_UNIT_PLURAL = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters", "year": "years"}


class _Reader:
    def __init__(self, toks: list[_Tok], shown: str, fiscal_year: int | None):
        self.t = toks
        self.used = [False] * len(toks)
        self.shown = shown
        self.fy_param = fiscal_year
        self.text_fys: list[tuple[int, int]] = []
        self.fy_mention = False
        self.whole_year = False
        self.quarter: tuple[int, int, int | None, int] | None = None
        self.round: tuple | None = None
        self.items: list[_Item] = []
        self.years: list[int] = []
        self.vague: str | None = None
        self.bad: str | None = None  # a quarter that does not exist, as written

    # token helpers -------------------------------------------------------------
    def kind(self, i: int) -> str | None:
        return self.t[i].kind if 0 <= i < len(self.t) else None

    def free(self, i: int) -> bool:
        return 0 <= i < len(self.t) and not self.used[i]

    def fkind(self, i: int) -> str | None:
        """Kind of a token not yet used by another clause."""
        return self.t[i].kind if self.free(i) else None

    def use(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.used[k] = True

    def text(self, start: int, end: int) -> str:
        return self.shown[start:end].strip()

    def year_after(self, j: int) -> tuple[int | None, int]:
        """A year written after a phrase, directly or behind a slash ("ไตรมาสที่ ๒/๒๕๖๗");
        with the index after it (after the slash only when a year follows it)."""
        if self.fkind(j) == "SLASH":
            year, k = self.year_at(j + 1)
            return (year, k) if year is not None else (None, j)
        return self.year_at(j)

    def year_at(self, j: int, need_marker: bool = False) -> tuple[int | None, int]:
        """A year at token j ([พ.ศ.|ค.ศ.|ปี] number): (B.E. year, index after) or (None, j)."""
        k, ce, marked = j, False, False
        if self.fkind(k) in ("BE", "CE", "PI"):
            ce, marked, k = self.kind(k) == "CE", True, k + 1
        if need_marker and not marked:
            return None, j
        if self.fkind(k) != "NUM":
            return None, j
        value, digits = self.t[k].val
        if digits == 2 and not marked:
            after = self.kind(k + 1)
            if after == "MONTH" and value <= 31:  # the day of the next date
                return None, j
            if after in ("UNIT", "PI", "EVERYUNIT"):  # a duration
                return None, j
        if digits == 4 and not marked and self.kind(k + 1) in ("UNIT", "EVERYUNIT"):
            return None, j
        be = _be_year(value, digits, ce, self.fy_param)
        return (be, k + 1) if be is not None else (None, j)

    # clauses -------------------------------------------------------------------
    def read_fiscal_year_clauses(self) -> None:
        for i, t in enumerate(self.t):
            if t.kind != "FY" or self.used[i]:
                continue
            self.used[i] = True
            self.fy_mention = True
            first, j = self.year_at(i + 1)
            if first is None:
                continue
            last = first
            if self.fkind(j) in ("TO", "AND"):
                second, k = self.year_at(j + 1)
                if second is not None:
                    last, j = second, k
            self.use(i, j)
            self.text_fys.append((first, last))

    def quarter_number(self, j: int) -> int | None:
        if self.fkind(j) != "NUM":
            return None
        value, digits = self.t[j].val
        if digits != 1 or not 1 <= value <= 4:
            return None
        if self.kind(j + 1) == "MONTH" and self.t[j + 1].val[0] != _QUARTER_START[value]:
            return None  # "1 ต.ค." after ไตรมาส is quarter 1; "15 ต.ค." is a date
        return value

    def read_quarter_clauses(self) -> None:
        for i, t in enumerate(self.t):
            if t.kind != "QTR" or self.used[i]:
                continue
            j = i + 1
            numbers_: list[int] = []
            if self.fkind(j) == "FIRST":
                numbers_, j = [1], j + 1
            elif self.fkind(j) == "LAST":
                numbers_, j = [4], j + 1
            else:
                q = self.quarter_number(j)
                if q is not None:
                    numbers_.append(q)
                    j += 1
                    while self.fkind(j) in ("TO", "AND"):
                        k = j + 1
                        if self.fkind(k) == "QTR":
                            k += 1
                        q = self.quarter_number(k)
                        if q is None:
                            break
                        numbers_.append(q)
                        j = k + 1
            if not numbers_:
                if (
                    self.fkind(j) == "NUM"
                    and self.t[j].val[1] == 1
                    and self.kind(j + 1) != "MONTH"
                    and self.bad is None
                ):
                    self.bad = self.text(t.start, self.t[j].end)  # ไตรมาส 5: no such quarter
                    self.use(i, j + 1)
                continue
            year = None
            year, j = self.year_after(j)
            self.use(i, j)
            if self.quarter is None:
                self.quarter = (numbers_[0], numbers_[-1], year, i)

    def read_round_clauses(self) -> None:
        for i, t in enumerate(self.t):
            if self.used[i]:
                continue
            spec = None
            if t.kind == "ROUND":
                j = i + 1
                if self.fkind(j) == "NUM" and self.t[j].val[1] <= 2 and self.kind(j + 1) != "MONTH":
                    n = self.t[j].val[0]
                    j += 1
                    unit = self.fkind(j) == "UNIT" and self.t[j].val == "month"
                    if unit:
                        j += 1
                    last = self.fkind(j) == "LAST"
                    if self.fkind(j) in ("FIRST", "LAST"):
                        j += 1
                    if (unit or n in (6, 12)) and 1 <= n <= 12:
                        spec = ("months", n, last)
                    elif 1 <= n <= 12:
                        spec = ("number", n, False)
                elif self.fkind(j) == "MONTH":
                    spec = ("report", self.t[j].val[0], False)
                    j += 1
            elif (
                t.kind == "NUM"
                and t.val[0] == 6
                and self.fkind(i + 1) == "UNIT"
                and self.t[i + 1].val == "month"
                and self.fkind(i + 2) in ("FIRST", "LAST")
            ):
                spec = ("months", 6, self.kind(i + 2) == "LAST")
                j = i + 3
            if spec is None:
                continue
            year, j = self.year_after(j)
            if spec[0] == "report" and year is not None and spec[1] in (11, 12):
                year += 1  # a report in Nov/Dec covers the fiscal year that just began
            self.use(i, j)
            if self.round is None:
                self.round = (*spec, year)

    def read_whole_year(self) -> None:
        for i, t in enumerate(self.t):
            if t.kind != "WHOLE" or self.used[i]:
                continue
            j = i + 1
            while self.kind(j) == "WHOLE":
                j += 1
            if self.kind(j) in ("PI", "FY"):
                self.whole_year = True
                self.use(i, j)
                if self.kind(j) == "PI" and self.year_at(j, need_marker=True)[0] is None:
                    self.used[j] = True

    def read_dates(self) -> None:
        i, n = 0, len(self.t)
        while i < n:
            if not self.free(i):
                i += 1
                continue
            t = self.t[i]
            if t.kind == "NDATE":
                d, m, ytext = t.val
                year = _be_year(int(ytext), len(ytext), False, self.fy_param)
                if year is None:  # a year no one writes: keep the date, flag it
                    year = -1
                self.items.append(_Item(d, m, year, t.start, t.end, i))
                self.used[i] = True
                i += 1
                continue
            if (
                t.kind == "NUM"
                and t.val[1] <= 2
                and 1 <= t.val[0] <= 12
                and self.fkind(i + 1) == "SLASH"
                and self.fkind(i + 2) == "NUM"
                and self.t[i + 2].val[1] == 4
            ):
                year, j = self.year_at(i + 2)  # 10/2566: a month and its year
                if year is not None:
                    self.items.append(_Item(None, t.val[0], year, t.start, self.t[j - 1].end, i))
                    self.use(i, j)
                    i = j
                    continue
            if t.kind == "NUM" and t.val[1] <= 2:
                # a bare start day: "๑ - ๓๑ มีนาคม ๒๕๖๗"
                if (
                    1 <= t.val[0] <= 31
                    and self.fkind(i + 1) in ("TO", "AND")
                    and self.fkind(i + 2) == "NUM"
                    and self.t[i + 2].val[1] <= 2
                    and self.fkind(i + 3) == "MONTH"
                ):
                    self.items.append(_Item(t.val[0], None, None, t.start, t.end, i, bare=True))
                    self.use(i, i + 2)
                    i += 2
                    continue
                if self.fkind(i + 1) == "MONTH":
                    month = self.t[i + 1].val[0]
                    year, j = self.year_at(i + 2)
                    end = self.t[j - 1].end
                    self.items.append(_Item(t.val[0], month, year, t.start, end, i))
                    self.use(i, j)
                    i = j
                    continue
            if t.kind == "MONTH":
                month, english = t.val
                day, j = None, i + 1
                if english and self.fkind(j) == "NUM" and self.t[j].val[1] <= 2:
                    # October 1, 2023: the day follows the month when a 4-digit year follows
                    k = j + 2 if self.fkind(j + 1) == "AND" else j + 1
                    if self.fkind(k) == "NUM" and self.t[k].val[1] == 4:
                        day, j = self.t[j].val[0], k
                year, j = self.year_at(j)
                end = self.t[j - 1].end
                self.items.append(_Item(day, month, year, t.start, end, i))
                self.use(i, j)
                i = j
                continue
            i += 1

    def read_stray_years(self) -> None:
        for i, t in enumerate(self.t):
            if self.used[i]:
                continue
            if t.kind in ("BE", "CE", "PI"):
                year, j = self.year_at(i, need_marker=True)
            elif t.kind == "NUM" and t.val[1] == 4:
                year, j = self.year_at(i)
            else:
                continue
            if year is not None:
                self.years.append(year)
                self.use(i, j)

    def read_vague(self) -> None:
        for i, t in enumerate(self.t):
            if self.used[i] or self.vague is not None:
                continue
            if t.kind == "EVERY":
                j, count = i + 1, None
                if self.fkind(j) == "NUM":
                    count, j = self.t[j].val[0], j + 1
                unit = self._unit(j)
                if unit is None:
                    self.vague = "recurring"
                elif count is None or count == 1:
                    self.vague = f"every {unit}"
                else:
                    self.vague = f"every {count} {_UNIT_PLURAL[unit]}"
            elif t.kind == "EVERYUNIT":
                self.vague = f"every {t.val}"
            elif t.kind == "NUM":
                unit = self._unit(i + 1)
                if unit is not None and unit != "quarter":
                    count = t.val[0]
                    self.vague = f"duration {count} {unit if count == 1 else _UNIT_PLURAL[unit]}"
            elif t.kind == "QTR":
                self.vague = "every quarter"

    def _unit(self, j: int) -> str | None:
        k = self.fkind(j)
        if k == "UNIT":
            return self.t[j].val
        if k == "PI":
            return "year"
        if k == "QTR":
            return "quarter"
        return None

    # resolution ----------------------------------------------------------------
    def fy_context(self) -> tuple[int | None, bool]:
        """The fiscal year that supplies missing years, and whether it is the caller's."""
        if self.text_fys:
            return self.text_fys[0][0], False
        if self.years:
            return self.years[0], False
        return self.fy_param, self.fy_param is not None

    def resolve(self, items: list[_Item], fy: int | None) -> tuple[date | None, date | None, bool]:
        """Start and end of a list of date expressions; raises _Invalid for a bad date.

        Returns (start, end, year_from_fiscal_year)."""
        first = items[0]
        last = items[-1] if len(items) > 1 else None
        for item in items:  # dates that cannot exist in any year
            if item.year == -1 or (item.month is not None and not 1 <= item.month <= 12):
                raise _Invalid(item)
            limit = 29 if item.month == 2 else (_last_day(2000, item.month) if item.month else 31)
            if item.day is not None and not 1 <= item.day <= limit:
                raise _Invalid(item)
        from_fy = False
        if last is None:
            year = first.year
            if year is None and fy is not None:
                year, from_fy = _be_of_month_in_fy(first.month, fy), True
            if year is None:
                return None, None, False
            start = self.make(first, year, start=True)
            end = self.make(first, year, start=False)
            return start, end, from_fy

        if first.bare:
            first_month = last.month
        else:
            first_month = first.month
        s_key = (first_month, first.day or 0)
        e_key = (last.month, last.day or 99)
        ys, ye = first.year, last.year
        if ys is None and ye is None and fy is not None:
            from_fy = True
            if first.bare:
                ys = ye = _be_of_month_in_fy(last.month, fy)
            else:
                ys = _be_of_month_in_fy(first_month, fy)
                ye = ys + (1 if e_key < s_key else 0)
        elif ys is None and ye is not None:
            ys = ye if first.bare else ye - (1 if s_key > e_key else 0)
        elif ye is None and ys is not None:
            ye = ys + (1 if e_key < s_key else 0)
        for item, year in ((first, ys), (last, ye)):  # e.g. 29 Feb in a common year
            month = first_month if item is first else item.month
            if year is not None and item.day is not None and item.day > _last_day(year - 543, month):
                raise _Invalid(item)
        if ys is None or ye is None:
            return None, None, False
        start = self.make(first, ys, start=True, month=first_month)
        end = self.make(last, ye, start=False)
        return start, end, from_fy

    @staticmethod
    def make(item: _Item, be: int, start: bool, month: int | None = None) -> date:
        ce = be - 543
        month = month or item.month
        if item.day is not None:
            if item.day > _last_day(ce, month):
                raise _Invalid(item)
            return date(ce, month, item.day)
        return date(ce, month, 1 if start else _last_day(ce, month))

    # the reading -----------------------------------------------------------------
    def read(self) -> Period:
        self.read_fiscal_year_clauses()
        self.read_quarter_clauses()
        self.read_round_clauses()
        self.read_whole_year()
        self.read_dates()
        self.read_stray_years()
        self.read_vague()

        fy, fy_is_param = self.fy_context()
        items = self.items
        start = end = None
        from_fy = False
        try:
            if items:
                start, end, from_fy = self.resolve(items, fy)
        except _Invalid as bad:
            return Period(None, None, "invalid", note=self.text(bad.item.start, bad.item.end))
        if self.bad is not None:
            return Period(None, None, "invalid", note=self.bad)
        assumed = from_fy and fy_is_param
        written_year = any(item.year is not None for item in items) and start is not None

        # ภายใน + a date or a quarter: a deadline
        starts = {item.first_tok for item in items}
        if self.quarter is not None:
            starts.add(self.quarter[3])
        deadline_at = next(
            (i + 1 for i, t in enumerate(self.t) if t.kind == "WITHIN" and i + 1 in starts), None
        )
        if deadline_at is not None:
            if self.quarter is not None and self.quarter[3] == deadline_at:
                qfy, q_param = self._clause_fy(self.quarter[2], fy, fy_is_param)
                if qfy is None:
                    return Period(None, None, "deadline", note="no year")
                end = _quarter_bounds(qfy, self.quarter[1])[1]
                assumed = q_param
            if end is None:
                return Period(None, None, "deadline", note="no year")
            # from the start of the fiscal year, unless the deadline falls before it
            deadline_start = fiscal_year_bounds(fy)[0] if fy is not None else None
            if deadline_start is not None and deadline_start > end:
                deadline_start = None
            return Period(deadline_start, end, "deadline", assumed_year=assumed)

        if self.quarter is not None:
            qa, qb, qyear, _ = self.quarter
            note = f"quarter {qa}" if qa == qb else f"quarters {qa}-{qb}"
            if written_year:
                return Period(start, end, "quarter", note=note)
            qfy, q_param = self._clause_fy(qyear, fy, fy_is_param)
            if qfy is None:
                return Period(None, None, "quarter", note=note)
            return Period(
                _quarter_bounds(qfy, qa)[0], _quarter_bounds(qfy, qb)[1], "quarter", note=note, assumed_year=q_param
            )

        if self.round is not None:
            kind, n, last, ryear = self.round
            if kind == "number":
                return Period(None, None, "round", note=f"round {n}")
            if kind == "report":
                n = (n - 10) % 12 or 12
                last = False
            note = f"{'last ' if last else ''}{n}-month round"
            if written_year:
                return Period(start, end, "round", note=note)
            rfy, r_param = self._clause_fy(ryear, fy, fy_is_param)
            if rfy is None:
                return Period(None, None, "round", note=note)
            s, e = _months_of_fy(rfy, 12 - n if last else 0, n)
            return Period(s, e, "round", note=note, assumed_year=r_param)

        if items:
            form = "dates" if (items[0].day is not None or (len(items) > 1 and items[-1].day is not None)) else "months"
            if start is None:
                return Period(None, None, form, note="no year")
            open_end = any(t.kind == "OPEN" for t in self.t) or (
                len(items) == 1 and any(t.kind == "FROM" for t in self.t[: items[0].first_tok])
            )
            if len(items) == 1 and open_end:
                return Period(start, None, form, note="open end", assumed_year=assumed)
            if len(items) == 1 and self.kind(items[0].first_tok - 1) == "TO":
                return Period(None, end, form, note="no start", assumed_year=assumed)
            return Period(start, end, form, assumed_year=assumed)

        # "ปีงบประมาณ" with no year and no ตลอด beside a duration is a reference point
        # ("ภายใน 30 วันหลังสิ้นปีงบประมาณ"), not the period
        fy_only_named = self.fy_mention and not (self.text_fys or self.years or self.whole_year)
        if (self.text_fys or self.years or self.whole_year or self.fy_mention) and not (
            fy_only_named and self.vague is not None
        ):
            if self.text_fys:
                first, last = self.text_fys[0]
            elif self.years:
                first, last = self.years[0], self.years[-1] if len(self.years) == 2 else self.years[0]
            elif self.fy_param is not None:
                first = last = self.fy_param
            else:
                return Period(None, None, "fiscal_year", note="fiscal year")
            assumed = not self.text_fys and not self.years
            return Period(
                fiscal_year_bounds(first)[0], fiscal_year_bounds(last)[1], "fiscal_year",
                note="fiscal year", assumed_year=assumed,
            )  # fmt: skip

        if self.vague is not None:
            return Period(None, None, "vague", note=self.vague)
        return Period(None, None, "none")

    def _clause_fy(self, clause_year: int | None, fy: int | None, fy_is_param: bool) -> tuple[int | None, bool]:
        if clause_year is not None:
            return clause_year, False
        return fy, fy_is_param and fy is not None


# --------------------------------------------------------------------------- API

_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 36526, 73051  # 2000-01-01 .. 2099-12-31


def _norm_fiscal_year(fy: object) -> int | None:
    if fy is None or isinstance(fy, bool):
        return None
    try:
        if isinstance(fy, str):
            fy = int(to_arabic_digits(fy).strip())
        elif isinstance(fy, numbers.Real):
            if not math.isfinite(float(fy)) or float(fy) != int(fy):
                return None
            fy = int(fy)
        else:
            return None
    except (ValueError, TypeError, OverflowError):
        return None
    if 0 <= fy < 100:
        fy += 2500
    elif 1900 <= fy < 2400:
        fy += 543
    return fy if _MIN_BE + 1 <= fy <= _MAX_BE - 1 else None


def _serial_date(value: object) -> date | None:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if not math.isfinite(number) or not _SERIAL_MIN <= number < _SERIAL_MAX + 1:
        return None
    return _EXCEL_EPOCH + timedelta(days=int(number))


def _read_text(text: str, fiscal_year: int | None = None) -> Period:
    """Read a text (no safety net: used by the tests to find real bugs)."""
    shown, work = _normalise(text[:_MAX_TEXT])
    if not work:
        return Period(None, None, "none")
    return _Reader(_tokenize(work), shown, fiscal_year).read()


def _read(value: object, fy: int | None) -> Period:
    if value is None or isinstance(value, bool):
        return Period(None, None, "none")
    if isinstance(value, datetime):
        return Period(value.date(), value.date(), "dates")
    if isinstance(value, date):
        return Period(value, value, "dates")
    if isinstance(value, time):
        return Period(None, None, "none", note="a time of day")
    if isinstance(value, numbers.Real):
        serial = _serial_date(value)
        if serial is not None:
            return Period(serial, serial, "dates")
        try:
            number = float(value)
            if not math.isfinite(number) or number != int(number):
                return Period(None, None, "none")
            return _read_text(str(int(number)), fy)
        except (TypeError, ValueError, OverflowError):
            return Period(None, None, "none")
    text = value if isinstance(value, str) else str(value)
    return _read_text(text, fy)


def read_period(value: object, fiscal_year: int | None = None) -> Period:
    """Read one period cell. Never raises."""
    try:
        return _read(value, _norm_fiscal_year(fiscal_year))
    except Exception:  # pragma: no cover - a safety net; the tests fuzz _read_text without it
        return Period(None, None, "none", note="unreadable")


# Tables, and the files of one district, repeat the same few periods ("ต.ค. ๖๗ - ก.ย. ๖๘",
# "ตลอดปีงบประมาณ"): each is read once per process. A value's type is part of the key
# because True == 1 == 1.0 in a dict. Bounded: the cache holds small immutable Periods.
@lru_cache(maxsize=1 << 12)
def _remembered(kind: type, value: object, end_kind: type, end: object, fiscal_year: int | None) -> Period:
    return read_period(value, fiscal_year) if end_kind is type(None) else read_period_pair(value, end, fiscal_year)


def read_period_remembered(value: object, end: object = None, fiscal_year: int | None = None) -> Period:
    """`read_period(value)`, or `read_period_pair(value, end)` when `end` is given, read once
    for each distinct value in a process."""
    return _remembered(type(value), value, type(end), end, fiscal_year)


def _pair_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    serial = _serial_date(value)
    if serial is not None:
        return serial.isoformat()
    text = value if isinstance(value, str) else str(value)
    return text if clean(text) else None


def read_period_pair(start: object, end: object, fiscal_year: int | None = None) -> Period:
    """A period given as two cells (start date, end date). Never raises."""
    try:
        fy = _norm_fiscal_year(fiscal_year)
        first, second = read_period(start, fy), read_period(end, fy)
        separate = first.start is not None and second.end is not None
        assumed = first.assumed_year or second.assumed_year
        form = "months" if {first.form, second.form} == {"months"} else "dates"
        if separate and not assumed:  # each cell complete on its own (real dates, full texts)
            return Period(first.start, second.end, form)
        # a cell without a year takes it from the other cell, as in one text; this also
        # judges "29 ก.พ." in the end's year rather than in a year guessed from the fiscal year
        a, b = _pair_text(start), _pair_text(end)
        if a is not None and b is not None:
            both = _read_text(f"{a} ถึง {b}", fy)
            if both.form == "invalid" or (both.start is not None and both.end is not None):
                return both
        for p in (first, second):
            if p.form == "invalid":
                return p
        if separate:
            return Period(first.start, second.end, form, assumed_year=assumed)
        if first.form == "none" and second.form == "none":
            return Period(None, None, "none")
        form = first.form if first.form != "none" else second.form
        return Period(first.start, second.end, form, note="incomplete", assumed_year=first.assumed_year)
    except Exception:  # pragma: no cover - safety net
        return Period(None, None, "none", note="unreadable")


# --------------------------------------------------------------------------- messages


def thai_date(d: date, lang: str = "th") -> str:
    """"๑ ต.ค. ๒๕๖๖" in Thai (Thai digits, B.E.); "1 Oct 2023" in English (C.E.)."""
    if lang == "th":
        return to_thai_digits(f"{d.day} {TH_MONTH_ABBR[d.month]} {d.year + 543}")
    return f"{d.day} {EN_MONTH_ABBR[d.month]} {d.year}"


_TH_UNITS = {"day": "วัน", "week": "สัปดาห์", "month": "เดือน", "quarter": "ไตรมาส", "year": "ปี"}
_EN_SINGULAR = {v: k for k, v in _UNIT_PLURAL.items()}
_FORM_TH = {
    "dates": "วันที่", "months": "เดือน", "quarter": "ไตรมาส", "fiscal_year": "ปีงบประมาณ",
    "round": "รอบการรายงาน", "deadline": "ภายในกำหนด",
}  # fmt: skip
_FORM_EN = {
    "dates": "dates", "months": "months", "quarter": "quarter", "fiscal_year": "fiscal year",
    "round": "reporting round", "deadline": "deadline",
}  # fmt: skip


def _note_th(note: str) -> str:
    """The notes this module writes, in Thai."""
    m = re.fullmatch(r"duration (\d+) (\w+)", note)
    if m:
        unit = _EN_SINGULAR.get(m.group(2), m.group(2))
        return f"ระยะเวลา {m.group(1)} {_TH_UNITS.get(unit, unit)}"
    m = re.fullmatch(r"every (\d+ )?(\w+)", note)
    if m:
        unit = _EN_SINGULAR.get(m.group(2), m.group(2))
        count = f" {m.group(1).strip()} " if m.group(1) else ""
        return f"ทุก{count}{_TH_UNITS.get(unit, unit)}"
    m = re.fullmatch(r"quarters? (\d)(?:-(\d))?", note)
    if m:
        return f"ไตรมาสที่ {m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
    m = re.fullmatch(r"(last )?(\d+)-month round", note)
    if m:
        return f"รอบ {m.group(2)} เดือน" + ("หลัง" if m.group(1) else "")
    m = re.fullmatch(r"round (\d+)", note)
    if m:
        return f"รอบที่ {m.group(1)}"
    fixed = {
        "recurring": "ดำเนินการเป็นประจำ",
        "fiscal year": "ปีงบประมาณ",
        "no year": "ไม่ระบุปี",
        "open end": "ไม่ระบุวันสิ้นสุด",
        "no start": "ไม่ระบุวันเริ่มต้น",
        "incomplete": "ระบุไม่ครบ",
    }
    return fixed.get(note, note)


def _describe(p: Period, lang: str) -> str:
    th = lang == "th"
    if p.form == "invalid":
        return f"วันที่ไม่มีอยู่จริง: {p.note}" if th else f"date that does not exist: {p.note}"
    if p.form == "none":
        return "ไม่ระบุระยะเวลา" if th else "no period given"
    if p.form == "vague":
        if th:
            return to_thai_digits(f"{_note_th(p.note)} (ไม่ระบุวันที่)")
        return f"{p.note or 'period'} (no dates)"
    if p.start is not None and p.end is not None and p.form != "deadline":
        if p.start == p.end:
            return thai_date(p.start, lang)
        return f"{thai_date(p.start, lang)} – {thai_date(p.end, lang)}"
    if p.end is not None and (p.start is None or p.form == "deadline"):
        return f"ภายใน {thai_date(p.end, lang)}" if th else f"by {thai_date(p.end, lang)}"
    if p.start is not None:
        return f"ตั้งแต่ {thai_date(p.start, lang)} เป็นต้นไป" if th else f"from {thai_date(p.start, lang)} on"
    what = (_note_th(p.note) if th else p.note) or (_FORM_TH if th else _FORM_EN).get(p.form, p.form)
    return to_thai_digits(f"{what} (ไม่ทราบปี)") if th else f"{what} (year unknown)"


def describe(p: Period, lang: str = "th") -> str:
    """How a period was read, for messages. Never raises."""
    try:
        return _describe(p, lang)
    except Exception:  # pragma: no cover - safety net
        return str(getattr(p, "form", "?"))
