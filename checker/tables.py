"""Find the plan and report tables in a workbook by their header words.

Real files put the header anywhere: under title rows, repeated at the top of every
printed page, with line-wrap spaces inside words, in any column order and with extra
columns. A header row is a row whose cells name at least `header.min_fields` known
fields, one of them an anchor (measure or steps). Everything between one header and the
next is the table's body, where rows are data, blank, or "bands": title, section and
signature rows that carry no data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.model import Cell, Row, Table
from checker.reader import Book, Sheet
from checker.reference import Reference
from checker.thai import compact, compact_letters, to_arabic_digits

# A header cell is a label, not prose: longer compacted text is data. So is a longer
# text as written, which could compact to 90 letters only if one character in three were
# a space or a punctuation mark (no label is written so); it is rejected before being
# compacted, which most cells of a long table would otherwise be, only to be rejected.
MAX_HEADER_CHARS = 90
MAX_HEADER_TEXT = MAX_HEADER_CHARS * 3 // 2
# Rows above a header (other than the sheet's first) that may hold its title.
TITLE_ROWS = 12

_CONTINUATION = re.compile(r"\(?\s*ต่อ\s*\)?\s*$")
# A cell that starts with a number (\d is any script's digit, Thai too): a measure's, not a label.
_SEQ = re.compile(r"^\s*\d")
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")
_SECTION = re.compile(r"^(ประเด็นที่|ประเด็น|ด้านที่|ส่วนที่|หมวดที่|ยุทธศาสตร์ที่|มิติที่|ตัวชี้วัดที่)\s*\d")
_FOOTER = re.compile(r"(ลงชื่อ|ผู้รายงาน|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้อนุมัติ|ผู้เห็นชอบ|ผู้รับรอง|หมายเหตุ|ตำแหน่ง)")
_TITLE = re.compile(r"(รายงานผล|มาตรการส่งเสริม|ประจำปีงบประมาณ|ปีงบประมาณ|องค์การบริหารส่วน|เทศบาล|อบต|อบจ)")


@dataclass(frozen=True)
class HeaderMatch:
    row: int
    columns: dict[str, int]  # field -> column (leftmost when several match)
    texts: dict[str, str]


@lru_cache(maxsize=1 << 14)
def match_header_cell(text: str, reference: Reference) -> tuple[str, int] | None:
    """The field a header cell names, with the length of the phrase that matched.
    Memoised: data rows repeat their short texts (offices, periods) on every row. Texts
    over MAX_HEADER_TEXT never get here (`match_header`), so prose stays out of the memo."""
    exact, contained, digit_free = _header_words(reference)
    # Whether a key holds or is a phrase without digits does not depend on the digits'
    # script: the key is made without turning them (a long table's short cells, its dates
    # and numbers, are compacted for this search alone).
    key = compact_letters(text) if digit_free else compact(text)
    if not key or len(key) > MAX_HEADER_CHARS or key.isdigit():
        return None
    if key not in exact and contained.search(key) is None:
        return None  # most cells of a table: one search instead of a test per phrase
    best: tuple[str, int] | None = None
    for field in reference.fields.values():
        for phrase in field.exact:
            if key == phrase and (best is None or len(phrase) > best[1]):
                best = (field.key, len(phrase))
        for phrase in field.contains:
            if phrase and phrase in key and (best is None or len(phrase) > best[1]):
                best = (field.key, len(phrase))
    return best


@lru_cache(maxsize=4)
def _header_words(reference: Reference) -> tuple[frozenset[str], re.Pattern[str], bool]:
    """Every exact phrase, one pattern finding any contained phrase, and whether no phrase
    holds a digit."""
    exact = frozenset(p for field in reference.fields.values() for p in field.exact)
    contained = sorted({p for field in reference.fields.values() for p in field.contains if p}, key=len, reverse=True)
    digit_free = not any(ch.isdigit() for phrase in (*exact, *contained) for ch in phrase)
    return exact, re.compile("|".join(map(re.escape, contained)) or "(?!)"), digit_free


def match_header(sheet: Sheet, row: int, reference: Reference) -> HeaderMatch | None:
    row_texts = sheet.texts(row)
    need = reference.header_min_fields
    # Every row is tried; most hold too few texts to name enough fields.
    if len(row_texts) - row_texts.count("") < need:
        return None
    origins = sheet.origins
    # Not prose, nor a merged header cell's follower (the cell names one column, its first).
    labels = [(column, text) for column, text in enumerate(row_texts, start=1)
              if text and len(text) <= MAX_HEADER_TEXT and not (origins and (row, column) in origins)]
    columns: dict[str, int] = {}
    texts: dict[str, str] = {}
    for index, (column, text) in enumerate(labels):
        # A data row stops here after a few cells, instead of having every cell compacted:
        # each cell left can name one field more at the most.
        if len(columns) + len(labels) - index < need:
            return None
        found = match_header_cell(text, reference)
        if found and found[0] not in columns:
            columns[found[0]] = column
            texts[found[0]] = text
    if len(columns) < need:
        return None
    if not any(f in columns for f in reference.header_anchor_fields):
        return None
    return HeaderMatch(row, columns, texts)


def find_tables(book: Book, reference: Reference) -> list[Table]:
    tables: list[Table] = []
    for sheet in book.sheets:
        tables.extend(_sheet_tables(sheet, reference))
    return tables


def _sheet_tables(sheet: Sheet, reference: Reference) -> list[Table]:
    headers = [m for r in range(1, sheet.max_row + 1) if (m := match_header(sheet, r, reference))]
    if not headers:
        return []
    # A header with the same columns as the one before is the same table, repeated at
    # the top of a printed page.
    groups: list[list[HeaderMatch]] = []
    for header in headers:
        if groups and groups[-1][-1].columns == header.columns:
            groups[-1].append(header)
        else:
            groups.append([header])
    tables = []
    previous_end = 0
    for index, group in enumerate(groups):
        end = groups[index + 1][0].row - 1 if index + 1 < len(groups) else sheet.max_row
        # Above the first table lies the cover and title of the whole sheet; above a later
        # one, only a few rows after the previous table belong to it.
        first = 1 if index == 0 else max(previous_end + 1, group[0].row - TITLE_ROWS)
        title = _title_lines(sheet, first, group[0].row - 1)
        tables.append(_build_table(sheet, group, end, title))
        previous_end = end
    return tables


def _title_lines(sheet: Sheet, first: int, last: int) -> tuple[tuple[int, str], ...]:
    """Rows holding one text (often merged across the table): a row of several texts
    above the header is another table's row, not a title."""
    lines = []
    for r in range(first, last + 1):
        distinct = {t for t in sheet.texts(r) if t}
        if len(distinct) == 1:
            lines.append((r, distinct.pop()))
    return tuple(lines)


def _build_table(sheet: Sheet, group: list[HeaderMatch], end: int, title: tuple[tuple[int, str], ...]) -> Table:
    header = group[0]
    columns = dict(header.columns)
    period = columns.get("period")
    # "ระยะเวลา" merged over two columns, "เริ่ม | สิ้นสุด" below it: a start and an end column.
    if period and "period_end" not in columns and sheet.origins.get((header.row, period + 1)) == (header.row, period):
        columns["period_end"] = period + 1
    header_rows = {h.row for h in group}
    rows: list[Row] = []
    measure = 0
    skip_subheader = {h.row + 1 for h in group}
    fields = tuple(columns.items())
    merged = bool(sheet.origins)
    for r in range(header.row + 1, end + 1):
        if r in header_rows:
            continue
        cells = sheet.row_cells(r, fields)
        kind = _row_kind(r, cells, columns, header_rows, r in skip_subheader, merged)
        if kind != "data":
            continue
        continuation = _is_continuation(cells, rows)
        if not continuation:
            measure += 1
        rows.append(Row(number=r, cells=cells, continuation=continuation, measure=measure))
    kind = _table_kind(columns, title)
    return Table(
        sheet=sheet.name,
        kind=kind,
        header_row=header.row,
        columns=dict(columns),
        header_text=dict(header.texts),
        rows=tuple(rows),
        title=title,
        header_rows=tuple(sorted(header_rows)),
    )


def _row_kind(r: int, cells: dict[str, Cell], columns: dict[str, int], header_rows: set[int],
              after_header: bool, merged: bool) -> str:
    # Cells under a header merged downwards belong to the header, not to this row (in a
    # sheet without merged cells, `merged` False, no cell has an origin).
    if merged:
        cells = {f: c for f, c in cells.items() if not (c.origin and c.origin[0] in header_rows)}
    texts = [c.text for c in cells.values() if c.text]
    if not texts:
        return "blank"
    distinct = set(texts)
    if after_header and _is_subheader(texts):
        return "subheader"
    if len(distinct) == 1:
        text = texts[0]
        only = [c for c in cells.values() if c.text]
        spans = len(only) > 1 and all(c.origin or c is only[0] for c in only)
        in_label_column = all(c.column in (columns.get("seq"), columns.get("issue")) for c in only) \
            and not _SEQ.match(text)
        before_header = _just_before_header(r, header_rows)
        if spans or in_label_column or _SECTION.match(text) or _FOOTER.search(text) \
                or (before_header and _TITLE.search(text)):
            return "band"
    if len(distinct) <= 2 and all(_FOOTER.search(t) for t in distinct):
        return "band"
    return "data"


def _is_subheader(texts: list[str]) -> bool:
    """The row under a header: column numbers "(1) (2) (3)" or short sub-labels."""
    arabic = [to_arabic_digits(t) for t in texts]
    if len(arabic) >= 3 and all(_COLUMN_NUMBER.match(t.replace(" ", "")) for t in arabic):
        return True
    labels = ("เริ่ม", "สิ้นสุด", "ตั้งแต่", "ถึง", "วันที่", "เดือน", "ปี")
    return all(len(t) <= 20 and any(w in t for w in labels) and not any(ch.isdigit() for ch in t) for t in arabic)


def _just_before_header(r: int, header_rows: set[int]) -> bool:
    """One of the four rows right above a repeated header, where a page's title stands."""
    return any(below in header_rows for below in range(r + 1, r + 5))


def _is_continuation(cells: dict[str, Cell], previous: list[Row]) -> bool:
    if not previous:
        return False
    seq = cells.get("seq")
    measure = cells.get("measure")
    # "ต่อ" first: the pattern is anchored at the end, and searching a long measure for it
    # from every position costs more than the substring test that rules most rows out.
    if seq is not None and "ต่อ" in seq.text and _CONTINUATION.search(seq.text):
        return True
    if measure is not None and "ต่อ" in measure.text and _CONTINUATION.search(measure.text):
        return True
    if measure is not None and measure.origin is not None:
        return True  # under a measure cell merged down over several rows
    seq_empty = seq is None or not seq.text or seq.origin is not None
    measure_empty = measure is None or not measure.text
    return seq_empty and measure_empty


def _table_kind(columns: dict[str, int], title: tuple[tuple[int, str], ...]) -> str:
    if "output" in columns or "outcome" in columns:
        return "report"
    if any(compact(line).startswith("รายงาน") for _, line in title if len(line) <= 120):
        return "report"
    return "plan"
