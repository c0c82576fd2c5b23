"""Sample workbooks: the bundled examples and the workbooks of the rules' own examples.

A rule example in a rule file describes a workbook in a few lines; this module builds it
on the template with realistic sample rows, so that an example only says what differs
from a correct file. Example keys:

- `meta`: metadata values merged over the sample's (`null` for an empty metadata sheet);
- `plan`, `report`: rows, each a mapping field -> value laid over the sample row of the
  same position (`null` or "" empties a cell); `[]` leaves the table empty;
- `sheets`: {sheet name: [[cell, ...], ...]}: a workbook of raw sheets instead of the template;
- `raw`: text written as the file's bytes (a file that is not a workbook), with
  `name` the file name to use (default example.xlsx);
- `hide`: {rows: {sheet: [row, ...]}, columns: {sheet: [letter, ...]}, sheets: [name, ...]}
  hides those rows, columns and sheets;
- `expect` (fail examples): the cells where the rule fires, `~` for a finding about the
  whole file or table.

`ita-check examples OUT_DIR` writes the bundled examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping

from checker.thai import to_thai_digits

SAMPLE_META = {
    "agency": "องค์การบริหารส่วนตำบลตัวอย่าง",
    "agency_type": "องค์การบริหารส่วนตำบล",
    "district": "เมืองอ่างทอง",
    "province": "อ่างทอง",
    "fiscal_year": 2568,
    "round": 12,
    "prepared_by": "นางสาวสมใจ ตั้งใจงาน",
    "prepared_on": "๑๕ ตุลาคม ๒๕๖๘",
}

_MEASURES = [
    {
        "measure": "มาตรการยกระดับกระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
        "steps": "๑. ให้แต่ละส่วนงานทบทวนคู่มือการให้บริการ ระบุขั้นตอนและระยะเวลา ๒. เผยแพร่คู่มือทางเว็บไซต์และบอร์ดประชาสัมพันธ์",
        "period": "๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘",
        "responsible": "- สำนักปลัด - กองคลัง - กองช่าง",
        "output": "จัดทำคู่มือการให้บริการ ๓ งาน และเผยแพร่ ๒ ช่องทาง คือ เว็บไซต์และบอร์ดประชาสัมพันธ์",
        "outcome": "ประชาชนทราบขั้นตอนและระยะเวลาการให้บริการ เตรียมเอกสารได้ครบในการติดต่อครั้งเดียว",
        "monitoring": "หัวหน้าส่วนราชการตรวจคู่มือก่อนเผยแพร่ และรายงานนายกทุกไตรมาส",
        "evidence": "https://www.example.go.th/ita/manual",
    },
    {
        "measure": "มาตรการเสริมสร้างมาตรฐานทางจริยธรรมของหน่วยงาน",
        "steps": "๑. จัดทำประมวลจริยธรรมและแนวทาง Do's and Don'ts ๒. แจกเวียนให้ผู้บริหาร สมาชิกสภา และพนักงานทุกคน",
        "period": "ต.ค. ๒๕๖๗ - มี.ค. ๒๕๖๘",
        "responsible": "สำนักปลัด (งานการเจ้าหน้าที่)",
        "output": "อบรมพนักงาน ๖๐ คน ๑ ครั้ง และเผยแพร่ประมวลจริยธรรมให้บุคลากรครบทุกคน",
        "outcome": "บุคลากรรับทราบแนวทางการประพฤติตนตามประมวลจริยธรรม ไม่มีเรื่องร้องเรียนด้านจริยธรรม",
        "monitoring": "งานการเจ้าหน้าที่สรุปผลการอบรมเสนอปลัด",
        "evidence": "https://www.example.go.th/ita/ethics",
    },
    {
        "measure": "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ",
        "steps": "จัดให้มีการประชาสัมพันธ์ข้อมูลข่าวสารทางเว็บไซต์ Facebook และ LINE ของหน่วยงาน พร้อมกำหนดผู้รับผิดชอบแต่ละช่องทาง",
        "period": "๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘",
        "responsible": "ทุกส่วนราชการ",
        "output": "ออกประกาศมาตรการเผยแพร่ข้อมูลต่อสาธารณะ ๓ ฉบับ และปรับปรุงเว็บไซต์ให้เป็นปัจจุบันทุกเดือน",
        "outcome": "ประชาชนเข้าถึงข้อมูลการดำเนินงานได้สะดวกโดยไม่ต้องเดินทางมาที่สำนักงาน",
        "monitoring": "งานประชาสัมพันธ์ตรวจความเป็นปัจจุบันของข้อมูลทุกเดือน",
        "evidence": "https://www.example.go.th/ita/news",
    },
    {
        "measure": "มาตรการกำกับดูแลการใช้ทรัพย์สินของทางราชการ",
        "steps": "๑. ตรวจสอบวัสดุและครุภัณฑ์ในแต่ละส่วนงานเป็นระยะ ๒. เผยแพร่คู่มือการยืมทรัพย์สินของทางราชการให้เจ้าหน้าที่ทุกคน",
        "period": "๑ มกราคม - ๓๐ มิถุนายน ๒๕๖๘",
        "responsible": "กองคลัง (งานพัสดุ)",
        "output": "จัดทำคู่มือการยืมทรัพย์สินของทางราชการ ๑ ฉบับ และตรวจสอบพัสดุประจำปีครบทุกรายการ",
        "outcome": "เจ้าหน้าที่ยืมทรัพย์สินของทางราชการตามขั้นตอนในคู่มือ ไม่มีทรัพย์สินสูญหาย",
        "monitoring": "กองคลังรายงานผลการตรวจสอบพัสดุต่อผู้บริหาร",
        "evidence": "https://www.example.go.th/ita/assets",
    },
    {
        "measure": "มาตรการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
        "steps": "๑. จัดทำแผนการจัดซื้อจัดจ้างประจำปี ๒. ประกาศผลการจัดซื้อจัดจ้างและสรุปผลรายเดือนทางเว็บไซต์",
        "period": "ตลอดปีงบประมาณ ๒๕๖๘",
        "responsible": "กองคลัง",
        "output": "เผยแพร่แผนการจัดซื้อจัดจ้าง ๑ ฉบับ และสรุปผลการจัดซื้อจัดจ้างครบ ๑๒ เดือน",
        "outcome": "ไม่มีเรื่องทักท้วงกระบวนการจัดซื้อจัดจ้าง ประชาชนตรวจสอบการใช้งบประมาณได้",
        "monitoring": "หน่วยตรวจสอบภายในสุ่มตรวจเอกสารจัดซื้อจัดจ้างรายไตรมาส",
        "evidence": "https://www.example.go.th/ita/procurement",
    },
    {
        "measure": "มาตรการยกระดับกลไกการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
        "steps": "๑. วิเคราะห์ผลการประเมิน ITA ปีที่ผ่านมา ๒. รายงานผลการดำเนินการตามแผนป้องกันการทุจริตต่อผู้บริหาร",
        "period": "๑ เม.ย. ๒๕๖๘ - ๓๐ ก.ย. ๒๕๖๘",
        "responsible": "หน่วยตรวจสอบภายใน",
        "output": "จัดทำรายงานการวิเคราะห์ผลการประเมิน ITA ๑ ฉบับ และรายงานผลต่อผู้บริหาร ๒ ครั้ง",
        "outcome": "ผู้บริหารนำผลการวิเคราะห์ไปปรับปรุงการทำงาน และไม่มีเรื่องร้องเรียนการทุจริต",
        "monitoring": "ปลัดติดตามความก้าวหน้าในการประชุมประจำเดือน",
        "evidence": "https://www.example.go.th/ita/anticorruption",
    },
]

PLAN_FIELDS = ("seq", "measure", "steps", "period", "responsible", "monitoring")
REPORT_FIELDS = ("seq", "measure", "steps", "period", "responsible", "output", "outcome", "monitoring", "evidence")


def sample_rows(kind: str, count: int | None = None) -> list[dict]:
    fields = REPORT_FIELDS if kind == "report" else PLAN_FIELDS
    count = len(_MEASURES) if count is None else count
    rows = []
    for i in range(count):
        source = _MEASURES[i % len(_MEASURES)]
        row = {f: source[f] for f in fields if f in source}
        row["seq"] = to_thai_digits(str(i + 1))
        rows.append(row)
    return rows


def _rows(kind: str, overrides: list) -> list[dict]:
    rows = sample_rows(kind, len(overrides))
    for row, override in zip(rows, overrides):
        for key, value in (override or {}).items():
            row[key] = None if value in (None, "") else value
    return rows


def build_example(case: Mapping, directory: Path) -> Path:
    """Write the workbook an example describes into `directory`; return its path."""
    from checker import template

    path = directory / str(case.get("name", "example.xlsx"))
    if "raw" in case:
        path.write_bytes(str(case["raw"]).encode("utf-8"))
        return path
    if "sheets" in case:
        from openpyxl import Workbook

        workbook = Workbook()
        workbook.remove(workbook.active)
        for name, rows in case["sheets"].items():
            sheet = workbook.create_sheet(str(name))
            for values in rows or []:
                sheet.append(list(values))
        template.save_workbook(workbook, path)
        return path
    meta = case.get("meta", {})
    meta = None if meta is None else {**SAMPLE_META, **meta}
    workbook = template.fill(
        meta=meta,
        plan=_rows("plan", case["plan"]) if "plan" in case else None,
        report=_rows("report", case["report"]) if "report" in case else None,
    )
    _hide(workbook, case.get("hide") or {})
    template.save_workbook(workbook, path)
    return path


def _hide(workbook, hide: Mapping) -> None:
    for sheet, rows in (hide.get("rows") or {}).items():
        for row in rows:
            workbook[sheet].row_dimensions[row].hidden = True
    for sheet, letters in (hide.get("columns") or {}).items():
        for letter in letters:
            workbook[sheet].column_dimensions[letter].hidden = True
    for sheet in hide.get("sheets") or ():
        workbook[sheet].sheet_state = "hidden"


# The bundled examples: a correct report and one with the defects officers make most.
EXAMPLES: dict[str, dict] = {
    "report-ok.xlsx": {"report": [{}] * 6, "plan": [{}] * 6},
    "report-defects.xlsx": {
        "report": [
            {},
            {"output": None},
            {"outcome": "-"},
            {"responsible": None},
            {"responsible": "กองครัง"},
            {},
        ],
    },
}


def write_examples(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [build_example({**case, "name": name}, directory) for name, case in EXAMPLES.items()]

