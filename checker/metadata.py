"""What the workbook says about itself: agency, fiscal year, round, kind.

Two sources: the metadata sheet (labelled cells, as in the template) and the title rows
above each table (as in agencies' own layouts). Every statement is kept with its place,
so that rules can point at disagreements; the resolved value prefers the metadata sheet.
"""

from __future__ import annotations

import re

from checker.model import Metadata, Statement, Table
from checker.reader import Book, Sheet
from checker.thai import cell_text, compact, to_arabic_digits

AGENCY_TYPES = {
    "องค์การบริหารส่วนจังหวัด": "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล": "องค์การบริหารส่วนตำบล",
    "เทศบาลนคร": "เทศบาลนคร",
    "เทศบาลเมือง": "เทศบาลเมือง",
    "เทศบาลตำบล": "เทศบาลตำบล",
    "อบจ": "องค์การบริหารส่วนจังหวัด",
    "อบต": "องค์การบริหารส่วนตำบล",
    "ทน": "เทศบาลนคร",
    "ทม": "เทศบาลเมือง",
    "ทต": "เทศบาลตำบล",
}
_THAI_WORD = "[\u0e01-\u0e4e]+"
# Full forms first, so that "องค์การบริหารส่วนตำบล" is not read as a short form.
_AGENCY = re.compile(
    r"(องค์การบริหารส่วนจังหวัด|องค์การบริหารส่วนตำบล|เทศบาลนคร|เทศบาลเมือง|เทศบาลตำบล"
    r"|(?<![\u0e01-\u0e4e])(?:อบจ|อบต|ทน|ทม|ทต)\.?)\s?(" + _THAI_WORD + ")"
)
# Words that end an agency name written without a space before them.
_NAME_END = re.compile(r"(อำเภอ|จังหวัด|ประจำปี|ปีงบประมาณ|โทร)")
_DISTRICT = re.compile(r"(?:อำเภอ|(?<![\u0e01-\u0e4e])อ\.)\s?(" + _THAI_WORD + ")")
_PROVINCE = re.compile(r"(?:จังหวัด|(?<![\u0e01-\u0e4e])จ\.)\s?(" + _THAI_WORD + ")")
_FISCAL_YEAR = re.compile(r"(?:ปี\s*งบ(?:ประมาณ)?|ประจำปี)\s*(?:พ\s*\.?\s*ศ\s*\.?)?\s*(\d{4}|\d{2})(?!\d)")
_ROUND_6 = re.compile(r"รอบ\s*(?:ระยะเวลา\s*)?6\s*เดือน|รอบ\s*เดือน\s*(?:มีนาคม|เมษายน)|ครึ่งปี|รอบ\s*ที่\s*1(?!\d)")
_ROUND_12_STATED = re.compile(r"รอบ\s*(?:ระยะเวลา\s*)?12\s*เดือน|รอบ\s*ที่\s*2(?!\d)")
_ROUND_12 = re.compile(r"ประจำปี")

# Metadata sheet labels (compacted), longest first so "ประเภทหน่วยงาน" is not "หน่วยงาน".
_LABELS = sorted(
    [
        ("ชื่อหน่วยงาน", "agency"),
        ("ชื่อองค์กรปกครองส่วนท้องถิ่น", "agency"),
        ("หน่วยงาน", "agency"),
        ("ประเภทหน่วยงาน", "agency_type"),
        ("อำเภอ", "district"),
        ("จังหวัด", "province"),
        ("ปีงบประมาณ", "fiscal_year"),
        ("รอบการรายงาน", "round"),
        ("รอบรายงาน", "round"),
        ("ประเภทเอกสาร", "kind"),
    ],
    key=lambda pair: -len(pair[0]),
)
_LABEL_WORDS = tuple(word for word, _ in _LABELS)  # one test in C rules out most cells
MAX_LABEL_CHARS = 30
MAX_TITLE_CHARS = 120


def is_title_line(text: str) -> bool:
    return len(text) <= MAX_TITLE_CHARS


def year_from_text(text: str) -> int | None:
    """A B.E. year from "๒๕๖๘", "2568", "68" or a C.E. year (below 2400)."""
    digits = re.sub(r"\D", "", to_arabic_digits(text))
    if not digits or len(digits) not in (2, 4):
        return None
    year = int(digits)
    if len(digits) == 2:
        return 2500 + year
    return year + 543 if year < 2400 else year


def round_from_text(text: str) -> int | None:
    text = to_arabic_digits(text)
    if _ROUND_6.search(text) or re.fullmatch(r"\s*6\s*(เดือน)?\s*", text):
        return 6
    if re.search(r"12\s*เดือน", text) or re.fullmatch(r"\s*12\s*", text):
        return 12
    return None


def agency_from_text(text: str) -> tuple[str, str] | None:
    """(full agency name, agency type) of the first agency named in a text."""
    match = _AGENCY.search(text)
    if not match:
        return None
    prefix = match.group(1).rstrip(".")
    name = _NAME_END.split(match.group(2))[0]
    if not name:
        return None
    agency_type = AGENCY_TYPES[prefix]
    return agency_type + name, agency_type


def read_metadata(book: Book, tables: list[Table]) -> Metadata:
    statements: list[Statement] = []
    table_sheets = {t.sheet for t in tables}
    for sheet in book.sheets:
        if sheet.name not in table_sheets:
            statements.extend(_sheet_statements(sheet))
    for table in tables:
        statements.extend(_title_statements(table))

    def resolve(key: str) -> object:
        for source in ("metadata", "title"):
            for s in statements:
                if s.key == key and s.source == source:
                    return s.value
        return None

    agency = resolve("agency")
    agency_type = resolve("agency_type")
    if agency and not agency_type:
        found = agency_from_text(str(agency))
        agency_type = found[1] if found else None
    # Which document this is: the kind of the tables that hold rows, else what the
    # metadata or titles say when they agree (an untouched template holds both kinds).
    stated = {s.value for s in statements if s.key == "kind"}
    kind = _kind(tables) or (stated.pop() if len(stated) == 1 else None)
    round_ = resolve("round") if kind != "plan" else None
    if round_ is None and kind == "report":  # "ประจำปี" hints a full year only for a report with rows
        round_ = resolve("round_hint")
    return Metadata(
        agency=agency,
        agency_type=agency_type,
        district=resolve("district"),
        province=resolve("province"),
        fiscal_year=resolve("fiscal_year"),
        round=round_,
        kind=kind,
        statements=tuple(statements),
    )


def _kind(tables: list[Table]) -> str | None:
    filled = {t.kind for t in tables if t.rows}
    for kind in ("report", "plan"):
        if kind in filled:
            return kind
    return None


def _sheet_statements(sheet: Sheet) -> list[Statement]:
    """Label-value pairs of a metadata sheet. A sheet with a single label-like cell is
    prose (the instructions sheet), not a form."""
    out = []
    for r, values in enumerate(sheet.rows[:60], start=1):
        for c, value in enumerate(values[:6], start=1):
            label = compact(cell_text(value))
            if not label or len(label) > MAX_LABEL_CHARS or not label.startswith(_LABEL_WORDS) \
                    or (r, c) in sheet.origins:
                continue
            key = next((k for word, k in _LABELS if label.startswith(word)), None)
            if key is None:
                continue
            column = _value_column(sheet, r, c)
            parsed = _parse_value(key, sheet.value(r, column))
            if parsed is not None:
                out.append(Statement(key, parsed, "metadata", sheet.name, r, column))
            break
    return out if len({s.key for s in out}) >= 2 else []


def _value_column(sheet: Sheet, row: int, column: int) -> int:
    """The value of a form field is in the cell right after its label (after the label's
    merged range). Further cells hold help text, not the value."""
    next_column = column + 1
    while sheet.origins.get((row, next_column)) == (row, column):
        next_column += 1
    return next_column


def _parse_value(key: str, raw: object) -> object:
    text = cell_text(raw)
    if key == "fiscal_year":
        return year_from_text(text)
    if key == "round":
        return round_from_text(text)
    if key == "kind":
        return "report" if "รายงาน" in text else "plan" if "มาตรการ" in text or "แผน" in text else None
    if key == "agency":
        found = agency_from_text(text)
        return found[0] if found else text or None
    return text or None


def _title_statements(table: Table) -> list[Statement]:
    """Statements from the title rows above a table, nearest to the header first."""
    out: list[Statement] = []
    seen: set[str] = set()
    nearest_first = list(reversed(table.title))
    # A title is a short line; a paragraph above the table may mention other years
    # ("จากการวิเคราะห์ผลการประเมิน ... ปีงบประมาณ ๒๕๖๗ ...") and only speaks when no title does.
    lines = [x for x in nearest_first if is_title_line(x[1])] + [x for x in nearest_first if not is_title_line(x[1])]
    for r, line in lines:
        arabic = to_arabic_digits(line)
        found = {}
        if (agency := agency_from_text(line)) is not None:
            found["agency"] = agency[0]
            found["agency_type"] = agency[1]
        if (m := _DISTRICT.search(line)) is not None:
            found["district"] = m.group(1)
        if (m := _PROVINCE.search(line)) is not None:
            found["province"] = m.group(1)
        if (m := _FISCAL_YEAR.search(arabic)) is not None and (year := year_from_text(m.group(1))):
            found["fiscal_year"] = year
        if _ROUND_6.search(arabic):
            found["round"] = 6
        elif _ROUND_12_STATED.search(arabic):
            found["round"] = 12
        elif table.kind == "report" and _ROUND_12.search(arabic):
            # "รายงานผล ... ประจำปีงบประมาณ" is a full-year report unless a round is stated:
            # a hint that fills the round, never a statement that contradicts one.
            found["round_hint"] = 12
        for key, value in found.items():
            if key not in seen:  # the nearest statement of each key speaks for this table
                seen.add(key)
                out.append(Statement(key, value, "title", table.sheet, r, 1))
    if "kind" not in seen and table.kind:
        out.append(Statement("kind", table.kind, "title", table.sheet, table.header_row, 1))
    return out
