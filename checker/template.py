"""The fill-in Excel template for the ITA measures plan and results report.

`build_template()` makes the empty workbook an agency fills in; `fill()` makes the same
workbook with values (for tests and examples); `write_template()` writes the committed
``templates/ita_template.xlsx``; `content_of()` summarises a workbook's content so that
the generator and the committed file can be compared without comparing bytes (an xlsx
carries save times in its zip entries and properties).

The template holds no formulas: files written by openpyxl carry no cached values, and a
reader opening them with ``data_only=True`` would see empty cells.

Nothing here reads a file at import time; the office list (``data/offices.yaml``) and the
field keys (``data/fields.yaml``) are loaded on first use and cached.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
from copy import copy
from importlib import resources
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "META_SHEET", "PLAN_SHEET", "REPORT_SHEET", "GUIDE_SHEET", "LISTS_SHEET",
    "HEADER_ROW", "FIRST_DATA_ROW", "REPORT_COLUMNS", "PLAN_COLUMNS", "META_FIELDS",
    "REPORT_TITLE", "PLAN_TITLE", "SUBTITLE", "FISCAL_YEARS", "ROUNDS", "AGENCY_TYPES",
    "FONT_NAME", "build_template", "fill", "save_workbook", "write_template", "content_of",
    "office_names", "meta_row",
]

# --------------------------------------------------------------------------- layout

META_SHEET = "ข้อมูลหน่วยงาน"
PLAN_SHEET = "มาตรการ"
REPORT_SHEET = "รายงานผล"
GUIDE_SHEET = "คำแนะนำ"
LISTS_SHEET = "รายการ"

HEADER_ROW = 4  # header row of the plan and report sheets
FIRST_DATA_ROW = 5

# (field_key, header text) in column order, starting at column A
REPORT_COLUMNS = [
    ("seq", "ลำดับ"),
    ("measure", "มาตรการ/กิจกรรม"),
    ("steps", "วิธีการปฏิบัติ"),
    ("period", "ระยะเวลาดำเนินการ"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("output", "ผลการดำเนินการ (output)"),
    ("outcome", "ผลลัพธ์ (outcome)"),
    ("monitoring", "แนวทางการกำกับติดตามและการรายงานผล (ถ้ามี)"),
    ("evidence", "หลักฐาน / ลิงก์ (ถ้ามี)"),
]
PLAN_COLUMNS = [
    ("seq", "ลำดับ"),
    ("measure", "มาตรการ/กิจกรรม"),
    ("steps", "ขั้นตอนหรือวิธีการปฏิบัติ"),
    ("period", "ระยะเวลาดำเนินการ"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("monitoring", "แนวทางการกำกับติดตามให้นำไปสู่การปฏิบัติและการรายงานผล"),
    ("issue", "ประเด็นที่ต้องยกระดับผลการประเมิน (ถ้ามี)"),
]
# metadata: (key, Thai label) in rows 3..10, label in column A, value in column B
META_FIELDS = [
    ("agency", "ชื่อหน่วยงาน"),
    ("agency_type", "ประเภทหน่วยงาน"),
    ("district", "อำเภอ"),
    ("province", "จังหวัด"),
    ("fiscal_year", "ปีงบประมาณ (พ.ศ.)"),
    ("round", "รอบการรายงาน"),
    ("prepared_by", "ผู้จัดทำ"),
    ("prepared_on", "วันที่จัดทำ"),
]
META_FIRST_ROW = 3
META_LABEL_COL = 1  # A
META_VALUE_COL = 2  # B
META_HINT_COL = 3   # C

REPORT_TITLE = "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
PLAN_TITLE = "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
SUBTITLE = "ประจำปีงบประมาณ พ.ศ. ........ (กรอกชื่อหน่วยงานและปีงบประมาณในแผ่นงาน ข้อมูลหน่วยงาน)"
META_TITLE = "ข้อมูลหน่วยงาน"
GUIDE_TITLE = "คำแนะนำการกรอกแบบฟอร์มมาตรการและรายงานผลการดำเนินการ (ITA)"

FISCAL_YEARS = tuple(range(2566, 2576))  # B.E. 2566..2575
ROUNDS = ("๖ เดือน", "๑๒ เดือน")
AGENCY_TYPES = (
    "องค์การบริหารส่วนตำบล",
    "เทศบาลตำบล",
    "เทศบาลเมือง",
    "เทศบาลนคร",
    "องค์การบริหารส่วนจังหวัด",
    "กรุงเทพมหานคร",
    "เมืองพัทยา",
)

# Rows below the header that carry borders and wrap in the empty template, and how far
# down the responsible-column dropdown reaches (longer tables keep the dropdown).
PREFORMATTED_ROWS = 50
VALIDATION_LAST_ROW = 1000

FONT_NAME = "TH Sarabun New"
FONT_SIZE = 16
TITLE_SIZE = 18

_COLUMN_WIDTHS = {
    "plan": {"seq": 7, "measure": 28, "steps": 36, "period": 17, "responsible": 19,
             "monitoring": 30, "issue": 20},
    "report": {"seq": 7, "measure": 24, "steps": 30, "period": 17, "responsible": 17,
               "output": 28, "outcome": 26, "monitoring": 22, "evidence": 18},
}

# ---------------------------------------------------------------- reference data


def _data_file(name: str):
    return resources.files("checker") / "data" / name


@functools.lru_cache(maxsize=None)
def office_names() -> tuple[str, ...]:
    """The office names offered by the responsible-column dropdown (offices.yaml)."""
    data = yaml.safe_load(_data_file("offices.yaml").read_text(encoding="utf-8"))
    names = tuple(str(o["name"]).strip() for o in data.get("offices") or [] if o.get("name"))
    if not names:
        raise RuntimeError("checker/data/offices.yaml lists no offices")
    return names


@functools.lru_cache(maxsize=None)
def _fields() -> dict:
    return yaml.safe_load(_data_file("fields.yaml").read_text(encoding="utf-8"))


def _required_fields(kind: str) -> frozenset[str]:
    return frozenset((_fields().get("kinds") or {}).get(kind, {}).get("required") or ())


def _check_column_keys() -> None:
    known = set((_fields().get("fields") or {}).keys())
    for kind, columns in (("plan", PLAN_COLUMNS), ("report", REPORT_COLUMNS)):
        unknown = [k for k, _ in columns if k not in known]
        missing = sorted(_required_fields(kind) - {k for k, _ in columns})
        if unknown or missing:
            raise RuntimeError(
                f"template {kind} columns out of step with fields.yaml: "
                f"unknown keys {unknown}, required fields without a column {missing}"
            )


def meta_row(key: str) -> int:
    """The row of a metadata field on the metadata sheet (value in column B)."""
    for i, (k, _) in enumerate(META_FIELDS):
        if k == key:
            return META_FIRST_ROW + i
    raise KeyError(key)


# ------------------------------------------------------------------------ styles

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9E1F2", end_color="D9E1F2")
_INPUT_FILL = PatternFill(fill_type="solid", start_color="FFF2CC", end_color="FFF2CC")
_SECTION_FILL = PatternFill(fill_type="solid", start_color="E2EFDA", end_color="E2EFDA")


def _font(*, bold: bool = False, size: int = FONT_SIZE, italic: bool = False,
          color: str | None = None) -> Font:
    return Font(name=FONT_NAME, sz=size, b=bold, i=italic, color=color, family=2, charset=222)


_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_WRAP_TOP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def _set_default_font(wb: Workbook) -> None:
    """Make TH Sarabun New 16 the workbook's default (Normal) font.

    Cells a user types into later, outside any cell openpyxl styles, take the Normal
    style; column widths are measured in that font's digit width too. openpyxl has no
    public API for this: font 0 of the stylesheet is the default, and the Normal named
    style must point at it.
    """
    base = _font()
    wb._fonts = IndexedList([base])
    normal = wb._named_styles["Normal"]
    normal.font = copy(base)  # re-binds the named style to font 0


def _page_setup(ws: Worksheet, *, landscape: bool, title_rows: str | None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.page_margins.header = ws.page_margins.footer = 0.25
    ws.oddFooter.center.text = "หน้า &P / &N"
    if title_rows:
        ws.print_title_rows = title_rows


# ------------------------------------------------------------------------ sheets

_COLUMN_HELP = {
    "seq": "ลำดับที่ของมาตรการ เช่น ๑, ๒, ๓ หนึ่งแถวต่อหนึ่งมาตรการหรือกิจกรรม",
    "measure": "ชื่อมาตรการหรือกิจกรรม ให้ตรงกันทั้งในแผ่นงาน มาตรการ และ รายงานผล",
    "steps": "ขั้นตอนหรือวิธีการปฏิบัติ เขียนเป็นข้อ ๑. ... ๒. ... ในเซลล์เดียวกันได้ "
             "(กด Alt+Enter เพื่อขึ้นบรรทัดใหม่ในเซลล์)",
    "period": "ช่วงเวลาที่มีวันเริ่มต้นและวันสิ้นสุด อยู่ภายในปีงบประมาณ เช่น ๑ ต.ค. ๒๕๖๗ - ๓๐ ก.ย. ๒๕๖๘ "
              "(ดูหัวข้อ การเขียนระยะเวลา ด้านล่าง)",
    "responsible": "ชื่อส่วนราชการ (สำนัก/กอง) ที่รับผิดชอบ เลือกจากรายการหรือพิมพ์เองได้ ห้ามเว้นว่าง "
                   "(ดูหัวข้อ ผู้รับผิดชอบ ด้านล่าง)",
    "output": "สิ่งที่ได้ดำเนินการจริง พร้อมตัวเลข (จำนวนครั้ง คน เรื่อง ร้อยละ) และวันที่ เช่น "
              "\"จัดอบรมส่งเสริมคุณธรรม ๑ ครั้ง เมื่อ ๑๕ ม.ค. ๒๕๖๘ มีผู้เข้าร่วม ๔๕ คน\" "
              "ห้ามคัดลอกข้อความเดียวกันไปใส่หลายมาตรการ",
    "outcome": "ผลที่เกิดขึ้นจากการดำเนินการ (ไม่ใช่สิ่งที่ทำ) เช่น \"บุคลากรร้อยละ ๙๒ ผ่านแบบทดสอบ"
               "ความรู้เรื่องผลประโยชน์ทับซ้อน\" หรือ \"ไม่มีเรื่องร้องเรียนการทุจริตในปีงบประมาณ\"",
    "monitoring": "วิธีกำกับติดตามให้มาตรการนำไปสู่การปฏิบัติ และการรายงานผล เช่น "
                  "\"รายงานผลต่อนายกองค์การบริหารส่วนตำบลทุกไตรมาส\"",
    "issue": "ประเด็นหรือข้อคำถามการประเมิน ITA ที่มาตรการนี้ยกระดับ เช่น o12, i10, e7",
    "evidence": "ลิงก์หน้าเว็บไซต์ของหน่วยงาน หรือชื่อเอกสาร ที่แสดงหลักฐานการดำเนินการ",
}

_META_HINTS = {
    "agency": "ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลคลองขนาก",
    "agency_type": "เลือกจากรายการ",
    "district": "เช่น วิเศษชัยชาญ",
    "province": "เช่น อ่างทอง",
    "fiscal_year": "เลือกจากรายการ เช่น 2568",
    "round": "เลือก ๖ เดือน หรือ ๑๒ เดือน",
    "prepared_by": "ชื่อ - ตำแหน่ง ผู้จัดทำ",
    "prepared_on": "เช่น ๑๕ ตุลาคม ๒๕๖๘",
}


def _guide_rows() -> list[tuple[str, str, str]]:
    """(kind, column A, column B); kind is 'section', 'item' or 'text'."""
    rows: list[tuple[str, str, str]] = [
        ("text", "แฟ้มนี้ใช้จัดทำ \"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\" และ "
                 "\"รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\" "
                 "เพื่อเผยแพร่บนเว็บไซต์ของหน่วยงานตามการประเมิน ITA "
                 "ทุกข้อในตารางมีผลต่อคะแนน หากขาดองค์ประกอบใดจะไม่ได้คะแนนในข้อนั้นทั้งข้อ", ""),
        ("section", "ขั้นตอนการกรอก", ""),
        ("item", "๑. แผ่นงาน ข้อมูลหน่วยงาน",
         "กรอกช่องสีเหลืองในคอลัมน์ B ให้ครบทุกช่อง ชื่อหน่วยงานเขียนเต็ม ไม่ย่อ "
         "เลือกประเภทหน่วยงาน ปีงบประมาณ (พ.ศ.) และรอบการรายงาน (๖ เดือน หรือ ๑๒ เดือน) จากรายการ"),
        ("item", "๒. แผ่นงาน มาตรการ",
         "กรอกหนึ่งแถวต่อหนึ่งมาตรการ เริ่มที่แถว ๕ ใต้หัวตาราง ห้ามแก้ไขข้อความหัวตารางในแถว ๔ "
         "ห้ามแทรกแถวเหนือหัวตาราง และไม่ผสานเซลล์ (merge) ในตาราง "
         "ถ้าข้อความยาวให้เขียนต่อในเซลล์เดิม ไม่แยกไปแถวใหม่"),
        ("item", "๓. แผ่นงาน รายงานผล",
         "ใช้มาตรการชุดเดียวกับแผ่นงาน มาตรการ (ลำดับ ชื่อมาตรการ และผู้รับผิดชอบตรงกัน) "
         "แล้วกรอกผลการดำเนินการ (output) และผลลัพธ์ (outcome) ของแต่ละมาตรการ "
         "ตามปีงบประมาณและรอบการรายงานที่ระบุในแผ่นงาน ข้อมูลหน่วยงาน"),
        ("item", "๔. ตรวจสอบก่อนเผยแพร่",
         "ตรวจแฟ้มด้วยคำสั่ง  ita-check check FILE.xlsx  (แทน FILE.xlsx ด้วยชื่อแฟ้มนี้) "
         "แก้ไขทุกข้อที่รายงานว่าผิด แล้วจึงแปลงเป็น PDF และเผยแพร่บนเว็บไซต์ของหน่วยงาน"),
    ]
    for kind, sheet, columns in (("plan", PLAN_SHEET, PLAN_COLUMNS),
                                 ("report", REPORT_SHEET, REPORT_COLUMNS)):
        required = _required_fields(kind)
        rows.append(("section", f"คอลัมน์ในแผ่นงาน {sheet}", "ช่องที่มีคำว่า (ต้องกรอก) ห้ามเว้นว่าง"))
        for key, header in columns:
            mark = " (ต้องกรอก)" if key in required else ""
            rows.append(("item", header + mark, _COLUMN_HELP[key]))
    rows += [
        ("section", "การเขียนระยะเวลา", ""),
        ("item", "ปีงบประมาณ",
         "ปีงบประมาณ พ.ศ. ๒๕๖๘ เริ่ม ๑ ตุลาคม ๒๕๖๗ และสิ้นสุด ๓๐ กันยายน ๒๕๖๘ "
         "ระยะเวลาทุกแถวต้องอยู่ภายในปีงบประมาณที่รายงาน"),
        ("item", "รูปแบบที่แนะนำ",
         "เขียนวันเริ่มต้น - วันสิ้นสุด พร้อมปี พ.ศ. เช่น \"๑ ต.ค. ๒๕๖๗ - ๓๐ ก.ย. ๒๕๖๘\" (ทั้งปี) "
         "หรือ \"๑ ต.ค. ๒๕๖๗ - ๓๑ มี.ค. ๒๕๖๘\" (รอบ ๖ เดือน) หรือ \"๑ ม.ค. ๒๕๖๘ - ๓๑ มี.ค. ๒๕๖๘\" (ไตรมาสที่ ๒)"),
        ("item", "สิ่งที่ควรหลีกเลี่ยง",
         "ไม่เขียนเพียงจำนวนวัน เช่น \"๗ วัน\" หรือ \"ตลอดปี\" โดยไม่มีวันที่ "
         "ตรวจชื่อเดือนให้ถูก (มี.ค. กับ ม.ค.) และปี พ.ศ. ให้ตรงกับปีงบประมาณ"),
        ("section", "ผู้รับผิดชอบ", ""),
        ("item", "ระบุส่วนราชการ",
         "ต้องระบุชื่อส่วนราชการ (สำนัก/กอง) ที่รับผิดชอบทุกแถว เลือกจากรายการในเซลล์ "
         "หรือพิมพ์ชื่อเองหากไม่มีในรายการ เช่น \"สำนักปลัด (งานนิติการ)\" "
         "หากมีหลายส่วนราชการให้คั่นด้วยเครื่องหมายจุลภาค เช่น \"สำนักปลัด, กองคลัง\" "
         "ห้ามเว้นว่างหรือเขียนเพียงชื่อบุคคล"),
        ("section", "ข้อควรระวัง", ""),
        ("item", "คัดลอกจากแฟ้มอื่น",
         "หากเริ่มจากแฟ้มของหน่วยงานอื่นหรือของปีก่อน ให้ตรวจชื่อหน่วยงาน อำเภอ จังหวัด "
         "และปีงบประมาณทุกจุด ไม่ให้มีชื่อหน่วยงานอื่นหรือปีเก่าหลงเหลือ"),
        ("item", "ผลการดำเนินการ",
         "เขียนผลของแต่ละมาตรการแยกกัน ไม่คัดลอกข้อความเดียวกันไปหลายแถว "
         "และไม่ทิ้งช่องผลการดำเนินการหรือผลลัพธ์ว่างไว้"),
    ]
    return rows


def _build_guide(ws: Worksheet) -> None:
    ws.title = GUIDE_SHEET
    ws.column_dimensions["A"].width = 32
    ws.column_dimensions["B"].width = 100
    ws["A1"] = GUIDE_TITLE
    ws["A1"].font = _font(bold=True, size=TITLE_SIZE)
    ws["A1"].alignment = Alignment(vertical="center")
    ws.merge_cells("A1:B1")
    ws.row_dimensions[1].height = 32
    row = 3
    for kind, a, b in _guide_rows():
        if kind == "text":
            ws.cell(row, 1, a).font = _font()
            ws.cell(row, 1).alignment = _WRAP_TOP
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
            ws.row_dimensions[row].height = 72
        elif kind == "section":
            row += 1  # a blank line before each section
            ws.cell(row, 1, a).font = _font(bold=True)
            if b:
                ws.cell(row, 2, b).font = _font(italic=True)
            for col in (1, 2):
                ws.cell(row, col).fill = _SECTION_FILL
                ws.cell(row, col).alignment = _WRAP_TOP
        else:
            ws.cell(row, 1, a).font = _font(bold=True)
            ws.cell(row, 2, b).font = _font()
            for col in (1, 2):
                ws.cell(row, col).alignment = _WRAP_TOP
        row += 1
    _page_setup(ws, landscape=False, title_rows=None)


def _build_meta(ws: Worksheet) -> None:
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 55
    ws.column_dimensions["C"].width = 40
    ws["A1"] = META_TITLE
    ws["A1"].font = _font(bold=True, size=TITLE_SIZE)
    ws.merge_cells("A1:C1")
    ws.row_dimensions[1].height = 32
    ws["A2"] = "กรอกข้อมูลในช่องสีเหลือง (คอลัมน์ B)"
    ws["A2"].font = _font(italic=True)
    for key, label in META_FIELDS:
        r = meta_row(key)
        a = ws.cell(r, META_LABEL_COL, label)
        a.font = _font(bold=True)
        a.alignment = Alignment(vertical="center")
        a.border = _BORDER
        b = ws.cell(r, META_VALUE_COL)
        b.font = _font()
        b.fill = _INPUT_FILL
        b.border = _BORDER
        b.alignment = Alignment(vertical="center", wrap_text=True, horizontal="left")
        b.protection = Protection(locked=False)
        c = ws.cell(r, META_HINT_COL, _META_HINTS[key])
        c.font = _font(italic=True, color="7F7F7F")
        c.alignment = Alignment(vertical="center", wrap_text=True)
    # Protect the labels (no password) so a user cannot retype them by mistake; the
    # input cells are unlocked. Formatting columns and rows stays allowed.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    _page_setup(ws, landscape=False, title_rows=None)


def _build_table(ws: Worksheet, kind: str, title: str, columns: list[tuple[str, str]]) -> None:
    ncols = len(columns)
    last = get_column_letter(ncols)
    for i, (key, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = _COLUMN_WIDTHS[kind][key]
    ws["A1"] = title
    ws["A1"].font = _font(bold=True, size=TITLE_SIZE)
    ws["A1"].alignment = _WRAP_CENTER
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 32
    ws["A2"] = SUBTITLE
    ws["A2"].font = _font(bold=True)
    ws["A2"].alignment = _WRAP_CENTER
    ws.merge_cells(f"A2:{last}2")
    ws.row_dimensions[2].height = 28
    for i, (_, header) in enumerate(columns, start=1):
        c = ws.cell(HEADER_ROW, i, header)
        c.font = _font(bold=True)
        c.fill = _HEADER_FILL
        c.border = _BORDER
        c.alignment = _WRAP_CENTER
    ws.row_dimensions[HEADER_ROW].height = 84
    for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + PREFORMATTED_ROWS):
        _style_data_row(ws, r, columns)
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    _page_setup(ws, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")


def _style_data_row(ws: Worksheet, row: int, columns: list[tuple[str, str]]) -> None:
    for i, (key, _) in enumerate(columns, start=1):
        c = ws.cell(row, i)
        c.font = _font()
        c.border = _BORDER
        c.alignment = _WRAP_TOP_CENTER if key == "seq" else _WRAP_TOP


def _build_lists(ws: Worksheet) -> dict[str, str]:
    """Write the dropdown lists; return list name -> absolute range on this sheet."""
    lists = [
        ("fiscal_year", "ปีงบประมาณ (พ.ศ.)", list(FISCAL_YEARS)),
        ("round", "รอบการรายงาน", list(ROUNDS)),
        ("agency_type", "ประเภทหน่วยงาน", list(AGENCY_TYPES)),
        ("responsible", "ส่วนราชการ (ผู้รับผิดชอบ)", list(office_names())),
    ]
    ranges = {}
    for col, (name, header, values) in enumerate(lists, start=1):
        letter = get_column_letter(col)
        ws.cell(1, col, header).font = _font(bold=True)
        for r, v in enumerate(values, start=2):
            ws.cell(r, col, v).font = _font()
        ws.column_dimensions[letter].width = 36 if name == "responsible" else 26
        ranges[name] = f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def _add_validations(meta: Worksheet, plan: Worksheet, report: Worksheet,
                     ranges: dict[str, str]) -> None:
    def strict(key: str, title: str, message: str, style: str = "stop") -> None:
        dv = DataValidation(type="list", formula1=ranges[key], allow_blank=True,
                            showDropDown=False, showErrorMessage=True, errorStyle=style,
                            errorTitle=title, error=message,
                            showInputMessage=True, promptTitle=title, prompt=message)
        dv.add(f"B{meta_row(key)}")
        meta.add_data_validation(dv)

    strict("fiscal_year", "ปีงบประมาณ", "เลือกปีงบประมาณ (พ.ศ.) จากรายการ")
    strict("round", "รอบการรายงาน", "เลือก ๖ เดือน หรือ ๑๒ เดือน")
    # A warning, not a stop: other public agencies may use the template too.
    strict("agency_type", "ประเภทหน่วยงาน", "เลือกประเภทหน่วยงานจากรายการ", style="warning")

    for ws, columns in ((plan, PLAN_COLUMNS), (report, REPORT_COLUMNS)):
        col = get_column_letter([k for k, _ in columns].index("responsible") + 1)
        # The office list is a suggestion: any other text (a sub-unit, several offices,
        # an office no list has) must still be accepted.
        dv = DataValidation(type="list", formula1=ranges["responsible"], allow_blank=True,
                            showDropDown=False, showErrorMessage=False, errorStyle="information",
                            showInputMessage=True, promptTitle="ผู้รับผิดชอบ",
                            prompt="เลือกส่วนราชการจากรายการ หรือพิมพ์ชื่อเอง "
                                   "เช่น สำนักปลัด (งานนิติการ)")
        dv.add(f"{col}{FIRST_DATA_ROW}:{col}{VALIDATION_LAST_ROW}")
        ws.add_data_validation(dv)


# -------------------------------------------------------------------- public API


def build_template() -> Workbook:
    """The empty template. Deterministic: two calls give the same content."""
    _check_column_keys()
    wb = Workbook()
    _set_default_font(wb)
    wb.properties.creator = "ita-check"
    wb.properties.title = "ITA: มาตรการและรายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"
    wb.properties.created = _dt.datetime(2025, 1, 1)
    wb.properties.modified = _dt.datetime(2025, 1, 1)

    guide = wb.active
    _build_guide(guide)
    meta = wb.create_sheet(META_SHEET)
    _build_meta(meta)
    plan = wb.create_sheet(PLAN_SHEET)
    _build_table(plan, "plan", PLAN_TITLE, PLAN_COLUMNS)
    report = wb.create_sheet(REPORT_SHEET)
    _build_table(report, "report", REPORT_TITLE, REPORT_COLUMNS)
    lists = wb.create_sheet(LISTS_SHEET)
    ranges = _build_lists(lists)
    _add_validations(meta, plan, report, ranges)
    wb.active = 0
    return wb


_ROUND_TEXT = {"6": ROUNDS[0], "12": ROUNDS[1]}
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _round_text(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and float(value).is_integer():
        return _ROUND_TEXT.get(str(int(value)), value)
    if isinstance(value, str):
        return _ROUND_TEXT.get(value.strip().translate(_THAI_TO_ARABIC), value)
    return value


def _put(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Write a value as data: text that starts with "=" stays text, never a formula."""
    cell = ws.cell(row, col, value)
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def _write_rows(ws: Worksheet, columns: list[tuple[str, str]], rows: list[dict], what: str) -> None:
    index = {key: i for i, (key, _) in enumerate(columns, start=1)}
    for n, row in enumerate(rows):
        unknown = sorted(set(row) - set(index))
        if unknown:
            raise ValueError(f"{what} row {n + 1}: unknown field(s) {unknown}; "
                             f"the {what} columns are {list(index)}")
        r = FIRST_DATA_ROW + n
        if r >= FIRST_DATA_ROW + PREFORMATTED_ROWS:
            _style_data_row(ws, r, columns)
        for key, value in row.items():
            if value is not None:
                _put(ws, r, index[key], value)


def fill(*, meta: dict | None = None, plan: list[dict] | None = None,
         report: list[dict] | None = None) -> Workbook:
    """A new template workbook with values.

    `meta` maps META_FIELDS keys to values written in column B of the metadata sheet
    (`round` given as 6 or 12 is written as the dropdown text). `plan` and `report` are
    rows written from FIRST_DATA_ROW down, each a dict field_key -> value; missing keys
    (and None values) are left empty. Unknown keys raise ValueError.
    """
    wb = build_template()
    if meta:
        keys = [k for k, _ in META_FIELDS]
        unknown = sorted(set(meta) - set(keys))
        if unknown:
            raise ValueError(f"unknown metadata field(s) {unknown}; the fields are {keys}")
        ws = wb[META_SHEET]
        for key, value in meta.items():
            if value is None:
                continue
            if key == "round":
                value = _round_text(value)
            _put(ws, meta_row(key), META_VALUE_COL, value)
    if plan:
        _write_rows(wb[PLAN_SHEET], PLAN_COLUMNS, plan, "plan")
    if report:
        _write_rows(wb[REPORT_SHEET], REPORT_COLUMNS, report, "report")
    return wb


def save_workbook(wb: Workbook, path: str | os.PathLike) -> None:
    """Save atomically (checker.files.write_bytes_atomic): if the save fails, an existing
    file at `path` is left as it was."""
    import io

    from checker.files import write_bytes_atomic

    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomic(Path(path), buffer.getvalue())


def write_template(path: str | os.PathLike) -> None:
    """Write the empty template to `path` (atomically)."""
    save_workbook(build_template(), path)


# ------------------------------------------------------------------ comparison


def _norm_value(v: Any) -> Any:
    # A date written by openpyxl reads back as a midnight datetime.
    if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
        return _dt.datetime(v.year, v.month, v.day)
    return v


def _int_or_none(v: Any) -> int | None:
    return None if v is None else int(v)


def _sheet_content(ws: Worksheet) -> dict:
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None and c.value != "":
                cells[c.coordinate] = _norm_value(c.value)
    validations = []
    for dv in ws.data_validations.dataValidation:
        validations.append({
            "type": dv.type,
            "formula1": dv.formula1,
            "formula2": dv.formula2,
            "ranges": " ".join(sorted(str(r) for r in dv.sqref.ranges)),
            "allow_blank": bool(dv.allow_blank),
            "showErrorMessage": bool(dv.showErrorMessage),
            "errorStyle": dv.errorStyle or "stop",
        })
    validations.sort(key=lambda d: (d["ranges"], d["formula1"] or ""))
    widths = {}
    for dim in ws.column_dimensions.values():
        if dim.width is None or not dim.customWidth:
            continue
        lo = dim.min or openpyxl.utils.column_index_from_string(dim.index)
        hi = dim.max or lo
        for i in range(lo, hi + 1):
            widths[get_column_letter(i)] = round(float(dim.width), 2)
    ps = ws.page_setup
    header_fonts = {}
    for c in ws[HEADER_ROW] if ws.max_row >= HEADER_ROW else ():
        if c.value is not None and c.value != "":
            header_fonts[c.coordinate] = c.font.name if c.font else None
    return {
        "state": ws.sheet_state,
        "cells": cells,
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "validations": validations,
        "freeze_panes": ws.freeze_panes,
        "print": {
            "orientation": ps.orientation,
            "paperSize": _int_or_none(ps.paperSize),
            "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
            "fitToWidth": _int_or_none(ps.fitToWidth),
            "fitToHeight": _int_or_none(ps.fitToHeight),
            "title_rows": ws.print_title_rows,
        },
        "column_widths": dict(sorted(widths.items())),
        "header_fonts": header_fonts,
        "protected": bool(ws.protection.sheet),
    }


def content_of(path_or_workbook: str | os.PathLike | Workbook) -> dict:
    """A comparable summary of a workbook's content (not its bytes).

    Sheet names (in order) and states; per sheet every non-empty cell value, merged
    ranges, data validations (type, formulas, ranges, whether other text is accepted),
    freeze panes, print settings, custom column widths and the font of the header-row
    cells; and the workbook's default font.
    """
    if isinstance(path_or_workbook, Workbook):
        wb = path_or_workbook
    else:
        wb = openpyxl.load_workbook(path_or_workbook)
    try:
        default_font = wb._named_styles["Normal"].font.name
    except (KeyError, AttributeError):  # pragma: no cover - foreign files
        default_font = None
    return {
        "sheets": [(ws.title, ws.sheet_state) for ws in wb.worksheets],
        "default_font": default_font,
        "content": {ws.title: _sheet_content(ws) for ws in wb.worksheets},
    }
