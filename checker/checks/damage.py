"""Damage and form: text broken by a conversion (garbled-text), links that cannot work
(bad-url), numbering that skips or jumps (numbering), and cells whose content belongs in
another column (column-shift)."""

from __future__ import annotations

import re
from functools import lru_cache, partial
from typing import Callable, Iterator

from checker.checks.responsible import numbered_steps
from checker.checks.scan import judged_cells, where
from checker.document import Document
from checker.model import Problem
from checker.ruleset import Rule
from checker.thai import (LETTER_FRAGMENT, OTHER_WHITE_SPACE, compact, item_numbers, spaced_letter_runs,
                          to_arabic_digits, torn_marks)

# ------------------------------------------------------------------ garbled-text

# UTF-8 Thai read as Latin-1 or Windows-1252 ("à¸à¸²à¸£" for "การ").
_MOJIBAKE = re.compile("[àÃ][\u0080-\u00bf¸¹º]|à¸|à¹")
# Thai lost to "?" by a wrong code page: several in a row.
_LOST = re.compile(r"\?{3,}")


def garbled_text(document: Document, rule: Rule) -> Iterator[Problem]:
    for cell, (variant, sample) in judged_cells(document, garbled_judge(document, rule)):
        yield Problem(sheet=cell.sheet, row=cell.row, column=cell.column, field=cell.field, value=cell.text,
                      variant=variant, params={"sample": sample, "where": where(document, cell.field, cell.column, cell.row)})


def garbled_judge(document: Document, rule: Rule) -> partial:
    """What garbled-text judges each distinct text with (`checker.checks.JUDGES`)."""
    return partial(garbled, int(rule.options.get("min_run", 4)))


def garbled(min_run: int, text: str) -> tuple[str, str] | None:
    """(variant, sample) of the damage in a cell text, None for a clean text."""
    # Nearly every text is clean: a few substring tests and one regex say so before
    # `_garbled` looks at it in detail.
    suspect = _suspect(min_run)
    if not ("\ufffd" in text or "???" in text or "à" in text or "Ã" in text
            or suspect is None or suspect.search(text) is not None):
        return None
    return _garbled(text, min_run)


def _garbled(text: str, min_run: int) -> tuple[str, str] | None:
    if "\ufffd" in text:
        index = text.index("\ufffd")
        return "replacement", text[max(0, index - 10): index + 10]
    if (match := _MOJIBAKE.search(text)) is not None:
        return "mojibake", text[max(0, match.start() - 5): match.start() + 15]
    if (match := _LOST.search(text)) is not None:
        return "lost", text[max(0, match.start() - 10): match.end() + 10]
    if runs := spaced_letter_runs(text, min_run):
        return "spaced", runs[0][:60]
    if torn := torn_marks(text):
        return "torn", torn[0]
    return None


# White space as re's \s and str.isspace() see it, spelt out for a character class: a
# class of characters is scanned faster than the \s category (tests check the two agree).
_WHITE = re.escape(" " + OTHER_WHITE_SPACE)
# What may follow white space in undamaged text: ASCII and the Latin letters below the
# combining marks (U+0300), Thai letters that can begin a syllable, Thai digits and signs,
# and general punctuation. Anything else after white space may be a torn mark.
_MAY_FOLLOW_SPACE = "\x00-\u02ff\u0e01-\u0e2f\u0e3f-\u0e44\u0e46\u0e4f-\u0e5b\u2000-\u206f"


@lru_cache(maxsize=8)
def _suspect(min_run: int) -> re.Pattern[str] | None:
    """What white space is followed by in every cell where `spaced_letter_runs` or
    `torn_marks` find something: a necessary condition, checked with one regex.

    - A run of `min_run` fragments has white space before each fragment after the first:
      the pattern asks for `min_run - 1` of them. (For a `min_run` below two there is no
      such white space: no shortcut, every cell is checked.)
    - A torn mark is white space followed by a mark that cannot begin a syllable
      (NON_INITIAL). The pattern accepts anything but the characters that can be seen
      after white space in undamaged text, which NON_INITIAL is not one of.

    Cell texts are already clean, and cleaning a clean text again, as the two functions
    do, changes nothing.
    """
    if min_run < 2:
        return None
    fragment = LETTER_FRAGMENT.replace("\\S", f"[^{_WHITE}]")  # its \S spelt out the same way
    run = f"{fragment}(?:[{_WHITE}]+{fragment}){{{min_run - 2}}}"
    return re.compile(f"[{_WHITE}](?:{run}|[^{_WHITE}{_MAY_FOLLOW_SPACE}])")


# ---------------------------------------------------------------------- bad-url

# Where a link starts: a scheme (also misspelt: "htps://", "http//", "http:/"), "www.",
# or a bare host under a common suffix ("nakhok.go.th/ita").
_URL_START = re.compile(
    r"(?i)(?<![\w@.\-/])(?:"
    r"(?P<scheme>h+t+p+s*\s?[:;]?\s?/+|ftp://)"
    r"|(?P<www>www\.)"
    r"|(?P<bare>(?=[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:(?:go|or|ac|co|in|mi|net)\.th|com|org|net|info)(?:[/:?#]|\b)))"
    r")"
)
_URL_BODY = re.compile(r"[^\s\u0e00-\u0e7f<>\"'“”]*")
_GOOD_SCHEME = re.compile(r"(?i)^(https?|ftp)://$")
# A link cut by a space or line break: the part before the cut ends like this...
_OPEN_END = re.compile(r"[/\-_.=?&%#:]$")
# ... and the part after it is more of a link (ASCII, no white space).
_ASCII_TOKEN = re.compile(r"[!-~]+")
_TRAILING = ".,;:)]}>"
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
# Found inside every match of _URL_START: the "tp" of a scheme, "www." or the dot of a
# host's suffix, with the same case folding. A cell without one has no link. The
# pattern starts with a class of characters (no other character folds to t or w), which
# the regex engine scans for quickly, then looks back to see which of the three it is at.
_URL_HINT = re.compile(r"[tTwW.](?i:(?<=t)p|(?<=w)ww\.|(?<=\.)(?:th|com|org|net|info))")
_LABEL = re.compile(r"(?i)^[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?$")
_HOST_END = re.compile(r"[/?#]")
# A cell that is one well-formed link and nothing else, the usual evidence cell: an http(s)
# scheme, a host `_good_host` accepts ("www." then at least two labels, the last one
# letters), and a path of ASCII letters, digits and "_.-/". Such a text holds no other
# start of a link (every character after the scheme follows a letter, digit or one of
# "_.-/", which _URL_START does not start after), nothing follows it, so it has no problem.
_PLAIN_LINK = re.compile(r"(?i)https?://(?:www\.)?+(?:[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?\.)+[a-z]{2,}"
                         r"(?:/[a-z0-9_.\-/]*)?")


def bad_url(document: Document, rule: Rule) -> Iterator[Problem]:
    for cell, (variant, link) in judged_cells(document, url_problem):
        yield Problem(sheet=cell.sheet, row=cell.row, column=cell.column, field=cell.field, value=cell.text,
                      variant=variant, params={"link": link, "where": where(document, cell.field, cell.column, cell.row)})


def url_judge(document: Document, rule: Rule) -> Callable[[str], tuple[str, str] | None]:
    """What bad-url judges each distinct text with (`checker.checks.JUDGES`)."""
    return url_problem


def url_problem(text: str) -> tuple[str, str] | None:
    """The first malformed link in a text, as (variant, link as written)."""
    if "/" not in text and "." not in text or _URL_HINT.search(text) is None or _PLAIN_LINK.fullmatch(text):
        return None
    return _first_bad_link(text)


def _first_bad_link(text: str) -> tuple[str, str] | None:
    for match in _URL_START.finditer(text):
        body = _URL_BODY.match(text, match.start())
        link = body.group(0) if body else ""
        if "@" in link or not link:
            continue  # an e-mail address
        after = text[match.start() + len(link):]
        trimmed = link.rstrip(_TRAILING) or link
        # A cut needs white space right after the link: most links end the cell or a
        # phrase and need no look at what follows.
        if after[:1].isspace():
            following = after.lstrip()
            word = following.split(maxsplit=1)[0] if following.strip() else ""
            next_token = _ASCII_TOKEN.fullmatch(word) if word and (word[0].isalnum() or word[0] in "/?#&=%_~") else None
            # Only "https://" or "www." before the break: whatever follows is the rest of it.
            stub = link == match.group(0) and (match.group("scheme") or match.group("www"))
            cut = next_token is not None and (stub or not _URL_START.match(following) and (
                _OPEN_END.search(link) is not None or "/" in next_token.group(0)
                or (trimmed.lower().startswith("www.") and "." not in trimmed[4:])))
            if cut:
                return "split", (link + " " + next_token.group(0))[:80]
        scheme = match.group("scheme")
        if scheme is not None and not _GOOD_SCHEME.match(scheme.replace(" ", "")):
            return "scheme", trimmed[:80]
        host = _host(trimmed, scheme)
        if host is not None and not _good_host(host):
            return "host", trimmed[:80]
    return None


def _host(link: str, scheme: str | None) -> str | None:
    rest = link[len(scheme):] if scheme else link
    host = _HOST_END.split(rest, maxsplit=1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    return host


def _good_host(host: str) -> bool:
    if _IPV4.match(host):
        return True
    labels = host.split(".")
    if labels and labels[0].lower() == "www":
        labels = labels[1:]
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return False
    return labels[-1].isalpha() and len(labels[-1]) >= 2


# -------------------------------------------------------------------- numbering

_SUB_NUMBER = re.compile(r"^\s*[0-9๐-๙]+\s*\.\s*[0-9๐-๙]")
# The number a sequence cell starts with: "๙", "9.", "1)", "๐๑", "๙ (ต่อ)".
_SEQ = re.compile(r"^\s*\(?([0-9๐-๙]+)")


def seq_number(text: str) -> int | None:
    match = _SEQ.match(text)
    return int(to_arabic_digits(match.group(1))) if match else None


def numbering(document: Document, rule: Rule) -> Iterator[Problem]:
    in_cell = tuple(rule.options.get("in_cell_fields", ()))
    for table in document.tables_for(rule.applies_to):
        yield from _sequence(table)
        for field in in_cell:
            column = table.columns.get(field)
            if column is None:
                continue
            for row, cell in table.filled(field):
                jump = _jump(cell.text)
                if jump:
                    yield Problem(sheet=table.sheet, row=row.number, column=column, field=field, value=cell.text,
                                  variant="in_cell", params={"expected": jump[0], "found": jump[1]})


def _sequence(table) -> Iterator[Problem]:
    column = table.columns.get("seq")
    if column is None:
        return
    previous: int | None = None
    previous_measure = ""  # as written: its key is needed only when a number repeats
    for row in table.rows:
        cell = row.cells["seq"]
        if row.continuation or cell.origin or not cell.text or _SUB_NUMBER.match(cell.text):
            continue
        number = seq_number(cell.text)
        if number is None:
            continue
        measure = row.text("measure")
        variant = None
        if previous is None or number == 1 or number == previous + 1:
            pass
        elif number == previous:
            # The same measure written again on a new page, without "(ต่อ)", is not a repeat.
            key = compact(measure)
            variant = None if key and key == compact(previous_measure) else "repeat"
        elif number < previous:
            variant = "backwards"
        else:
            variant = "skip"
        if variant:
            yield Problem(sheet=table.sheet, row=row.number, column=column, field="seq", value=cell.text,
                          variant=variant, params={"expected": previous + 1, "found": number, "previous": previous})
        if variant != "backwards" and variant != "repeat":
            previous = number
        previous_measure = measure


def _jump(text: str) -> tuple[int, int] | None:
    """(expected, found) at the first numbered item inside a cell that does not follow
    the one before it; a list may start again at ๑ (two lists in one cell)."""
    # Every item marker ends in its own "." or ")": a cell with fewer than two of them
    # (most cells) has no pair of items to compare.
    if text.count(".") + text.count(")") < 2:
        return None
    numbers = item_numbers(text)
    for before, number in zip(numbers, numbers[1:]):
        if number != 1 and number != before + 1:
            return before + 1, number
    return None


# ------------------------------------------------------------------ column-shift

_MONTHS = re.compile(
    "มกรา|กุมภา|มีนา|เมษา|พฤษภา|มิถุนา|กรกฎา|สิงหา|กันยา|ตุลา|พฤศจิกา|ธันวา"
    r"|(?<![\u0e01-\u0e4e])(?:ม\.?ค|ก\.?พ|มี\.?ค|เม\.?ย|พ\.?ค|มิ\.?ย|ก\.?ค|ส\.?ค|ก\.?ย|ต\.?ค|พ\.?ย|ธ\.?ค)\."
    "|ไตรมาส|ปีงบประมาณ|เดือน|ตลอดปี|ทุกปี|รายปี|สัปดาห์"
)
_DIGIT = re.compile("[0-9๐-๙]")


def column_shift(document: Document, rule: Rule) -> Iterator[Problem]:
    period_chars = int(rule.options.get("period_chars", 60))
    for table in document.tables_for(rule.applies_to):
        for row, cell in table.filled("period"):
            if len(compact(cell.text)) > period_chars and not _DIGIT.search(cell.text) \
                    and not _MONTHS.search(cell.text):
                yield Problem(sheet=table.sheet, row=row.number, column=cell.column, field="period",
                              value=cell.text, variant="period")
        for row, cell in table.filled("responsible"):
            if numbered_steps(cell.text, document):
                yield Problem(sheet=table.sheet, row=row.number, column=cell.column, field="responsible",
                              value=cell.text, variant="responsible")
