"""Words of the checker's own interface (report headings, summaries), Thai and English.

Rule messages live in the rule files; this is only the frame around them.
"""

from __future__ import annotations

from checker.thai import thai_number

_UI = {
    "agency": {"th": "หน่วยงาน", "en": "Agency"},
    "fiscal_year": {"th": "ปีงบประมาณ", "en": "Fiscal year"},
    "round": {"th": "รอบ", "en": "Round"},
    "round_value": {"th": "{n} เดือน", "en": "{n} months"},
    "kind": {"th": "ประเภทเอกสาร", "en": "Document"},
    "kind_plan": {"th": "มาตรการ (แผน)", "en": "measures plan"},
    "kind_report": {"th": "รายงานผลการดำเนินการ", "en": "results report"},
    "unknown": {"th": "ไม่ทราบ", "en": "unknown"},
    "tables": {"th": "ตารางที่พบ", "en": "Tables found"},
    "no_tables": {"th": "ไม่พบตาราง", "en": "none"},
    "table_at": {"th": "แผ่นงาน {sheet} หัวตารางแถว {header} ข้อมูลแถว {first}–{last}",
                 "en": "sheet {sheet}, header row {header}, data rows {first}–{last}"},
    "table_at_empty": {"th": "แผ่นงาน {sheet} หัวตารางแถว {header} (ไม่มีข้อมูล)",
                       "en": "sheet {sheet}, header row {header} (no data rows)"},
    "row": {"th": "แถว {row}", "en": "Row {row}"},
    "whole_file": {"th": "ทั้งไฟล์ / ทั้งตาราง", "en": "Whole file or table"},
    "hint": {"th": "วิธีแก้", "en": "Fix"},
    "status_passed": {"th": "ผ่าน", "en": "passed"},
    "status_failed": {"th": "ไม่ผ่าน", "en": "failed"},
    "status_unreadable": {"th": "เปิดไม่ได้", "en": "unreadable"},
    "error": {"th": "ข้อผิดพลาด", "en": "error"},
    "warning": {"th": "คำเตือน", "en": "warning"},
    "info": {"th": "ข้อสังเกต", "en": "info"},
    "no_findings": {"th": "ไม่พบปัญหา", "en": "No problems found"},
    "file_summary": {"th": "ข้อผิดพลาด {error} · คำเตือน {warning} · ข้อสังเกต {info}",
                     "en": "{error} errors · {warning} warnings · {info} info"},
    "run_summary": {"th": "ตรวจ {files} ไฟล์: ผ่าน {passed} · ไม่ผ่าน {failed} · เปิดไม่ได้ {unreadable}",
                    "en": "Checked {files} files: {passed} passed · {failed} failed · {unreadable} unreadable"},
    "rule_crashed": {"th": "กฎ {rule} ทำงานผิดพลาดกับไฟล์นี้ จึงตรวจเรื่องนี้ไม่ได้ ({error}) โปรดแจ้งผู้ดูแลโปรแกรม",
                     "en": "Rule {rule} crashed on this file, so this check was not done ({error}); please report it"},
    "rules_heading": {"th": "กฎการตรวจ", "en": "Rules"},
    "col_id": {"th": "รหัส", "en": "id"},
    "col_severity": {"th": "ระดับ", "en": "severity"},
    "col_title": {"th": "เรื่อง", "en": "title"},
    "why": {"th": "เหตุผล", "en": "Why"},
    "example_pass": {"th": "ตัวอย่างที่ผ่าน", "en": "Passing example"},
    "example_fail": {"th": "ตัวอย่างที่ไม่ผ่าน", "en": "Failing example"},
    "fires_at": {"th": "พบที่", "en": "fires at"},
    "applies_to": {"th": "ใช้กับ", "en": "applies to"},
    "fields": {"th": "ช่องที่ตรวจ", "en": "fields"},
}


def ui(key: str, lang: str = "th", **params: object) -> str:
    text = _UI[key][lang]
    if params:
        text = text.format(**{k: thai_number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
                              for k, v in params.items()})
    return text
