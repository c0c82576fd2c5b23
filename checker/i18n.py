"""Words of the checker's own interface (report headings, summaries), Thai and English.

Rule messages live in the rule files; this is only the frame around them.
"""

from __future__ import annotations

import string

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
                     "en": "{error:error|errors} · {warning:warning|warnings} · {info} info"},
    "run_summary": {"th": "ตรวจ {files} ไฟล์: ผ่าน {passed} · ไม่ผ่าน {failed} · เปิดไม่ได้ {unreadable}",
                    "en": "Checked {files:file|files}: {passed} passed · {failed} failed · {unreadable} unreadable"},
    "rule_crashed": {"th": "กฎ {rule} ทำงานผิดพลาดกับไฟล์นี้ จึงตรวจเรื่องนี้ไม่ได้ ({error}) โปรดแจ้งผู้ดูแลโปรแกรม",
                     "en": "Rule {rule} crashed on this file, so this check was not done ({error}); please report it"},
    "sheet_files": {"th": "ไฟล์", "en": "files"},
    "sheet_findings": {"th": "ปัญหาทั้งหมด", "en": "findings"},
    "sheet_rules": {"th": "สรุปตามกฎ", "en": "rules"},
    "col_file": {"th": "ไฟล์", "en": "file"},
    "col_agency_type": {"th": "ประเภทหน่วยงาน", "en": "agency type"},
    "col_district": {"th": "อำเภอ", "en": "district"},
    "col_rows": {"th": "แถวที่ตรวจ", "en": "rows"},
    "col_status": {"th": "ผล", "en": "status"},
    "col_findings": {"th": "จำนวนที่พบ", "en": "findings"},
    "col_files": {"th": "จำนวนไฟล์", "en": "files"},
    # Short headings of the terminal's batch summary table.
    "h_type": {"th": "ประเภท", "en": "type"},
    "h_fy": {"th": "ปีงบ", "en": "FY"},
    "h_kind": {"th": "เอกสาร", "en": "doc"},
    "h_kind_plan": {"th": "แผน", "en": "plan"},
    "h_kind_report": {"th": "รายงาน", "en": "report"},
    "h_rows": {"th": "แถว", "en": "rows"},
    "h_errors": {"th": "ผิด", "en": "err"},
    "h_warnings": {"th": "เตือน", "en": "warn"},
    "batch_heading": {"th": "สรุปผลการตรวจทุกไฟล์ (เรียงจากที่มีปัญหามากที่สุด)", "en": "All files, worst first"},
    "top_rules": {"th": "กฎที่พบบ่อยที่สุด", "en": "Rules that fired most"},
    "interrupted": {"th": "หยุดตรวจกลางคันตามคำสั่งผู้ใช้: แสดงเฉพาะ {done} ไฟล์ที่ตรวจเสร็จ จากทั้งหมด {total} ไฟล์",
                    "en": "Stopped by the user: only the {done} of {total} files checked are shown"},
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
    # Reports for people (issue 5): the annotated workbook, the HTML page, the CLI's notes.
    "col_no": {"th": "ลำดับ", "en": "No."},
    "col_level": {"th": "ระดับ", "en": "Severity"},
    "col_sheet": {"th": "แผ่นงาน", "en": "Sheet"},
    "col_cell": {"th": "เซลล์", "en": "Cell"},
    "col_message": {"th": "ปัญหา", "en": "Problem"},
    "col_rule": {"th": "กฎ", "en": "Rule"},
    "col_value": {"th": "ค่าในเซลล์", "en": "Cell value"},
    "ann_title": {"th": "ผลการตรวจไฟล์ด้วย ita-check", "en": "ita-check results"},
    "ann_file": {"th": "ไฟล์ที่ตรวจ", "en": "File checked"},
    "ann_status": {"th": "ผลการตรวจ", "en": "Result"},
    "ann_summary": {"th": "สรุป", "en": "Summary"},
    "ann_checker": {"th": "ตรวจด้วย", "en": "Checked with"},
    "ann_notes": {"th": "หมายเหตุ", "en": "Note"},
    "ann_how": {"th": "เซลล์ที่มีปัญหาถูกระบายสีตามระดับและมีความเห็น (comment) อธิบาย "
                      "คลิกที่ชื่อเซลล์ในตารางด้านล่างเพื่อไปยังเซลล์นั้น",
                "en": "Flagged cells are coloured by severity and carry a comment; "
                      "click a cell reference below to go to the cell."},
    "ann_macros": {"th": "สำเนานี้เก็บแมโคร (VBA) ของไฟล์ต้นฉบับไว้ตามเดิม",
                   "en": "This copy keeps the original's macros (VBA) as they were."},
    "ann_lost": {"th": "ไฟล์ต้นฉบับมีรูปภาพ แผนภูมิ หรือรูปร่าง ที่สำเนานี้มีไม่ครบ ให้ดูส่วนนั้นจากไฟล์ต้นฉบับ",
                 "en": "The original holds pictures, charts or shapes that this copy lacks; see the original for them."},
    "ann_not_copied": {"th": "ส่วนที่คัดลอกมาไม่ได้: {detail}", "en": "Not copied: {detail}"},
    "ann_old_comment": {"th": "ความเห็นเดิมในเซลล์นี้", "en": "Comment already in this cell"},
    "ann_refuse_dir": {"th": "ไม่เขียนสำเนาลงใน {dir} เพราะเป็นโฟลเดอร์ของไฟล์ที่ตรวจ ({file}) "
                             "สำเนาอาจทับไฟล์ต้นฉบับได้ ให้เลือกโฟลเดอร์อื่น",
                       "en": "will not write annotated copies into {dir}: it is the folder of a checked file "
                             "({file}), and a copy could overwrite an original; choose another folder"},
    "ann_refuse_not_dir": {"th": "{dir} เป็นไฟล์ ไม่ใช่โฟลเดอร์", "en": "{dir} is a file, not a folder"},
    "ann_unreadable": {"th": "ไม่มีสำเนาพร้อมหมายเหตุของ {file} เพราะเปิดไฟล์ไม่ได้",
                       "en": "no annotated copy of {file}: the file could not be read"},
    "ann_failed": {"th": "เขียนสำเนาพร้อมหมายเหตุของ {file} ไม่ได้: {error}",
                   "en": "could not write the annotated copy of {file}: {error}"},
    "ann_crashed": {"th": "โปรแกรมหยุดทำงานระหว่างทำสำเนาไฟล์นี้ (ไฟล์อาจเสียหาย หรือใหญ่เกินหน่วยความจำของเครื่อง) "
                           "ลองบันทึกไฟล์ใหม่ด้วย Excel แล้วตรวจอีกครั้ง",
                    "en": "the program stopped while copying this file (the file may be damaged, or too large for "
                          "this computer's memory); save it again from Excel and check it again"},
    "ann_no_process": {"th": "โปรแกรมหยุดทำงานระหว่างทำสำเนาไฟล์ชุดที่มีไฟล์นี้ และเครื่องเริ่มโปรแกรมใหม่เพื่อทำสำเนาไฟล์นี้อีกครั้งไม่ได้ "
                              "(มีโปรแกรมทำงานอยู่มากเกินไป หรือหน่วยความจำไม่พอ) ปิดโปรแกรมอื่นแล้วตรวจอีกครั้ง",
                       "en": "the program stopped while copying a group of files with this one, and this computer "
                             "could not start another to copy it again (too many programs running, or too little "
                             "memory); close other programs and check it again"},
    "ann_renamed": {"th": "สำเนาของ {file} ชื่อ {target} เพราะชื่อเดิมซ้ำกับไฟล์อื่นในชุดนี้",
                    "en": "the copy of {file} is named {target}: its own name was taken by another file"},
    "ann_written": {"th": "เขียนสำเนาพร้อมหมายเหตุ {count} ไฟล์ลงใน {dir}",
                    "en": "wrote {count:annotated copy|annotated copies} to {dir}"},
    "output_is_input": {"th": "ไม่เขียนรายงานทับไฟล์ที่ตรวจ ({file}) ให้เลือกชื่อไฟล์อื่นสำหรับ --output",
                        "en": "will not write the report over a checked file ({file}); choose another --output"},
    "html_title": {"th": "รายงานผลการตรวจไฟล์มาตรการและรายงานผล ITA", "en": "ITA workbook check report"},
    "html_files": {"th": "สรุปรายไฟล์", "en": "Files"},
    "html_file": {"th": "ไฟล์", "en": "File"},
    "html_filter": {"th": "แสดง", "en": "Show"},
    "html_made_by": {"th": "สร้างโดย ita-check {version} · กฎ {rules} ข้อ · ไม่ผ่านเมื่อพบ{level}ขึ้นไป",
                     "en": "Made by ita-check {version} · {rules} rules · a file fails at {level} or above"},
    "html_back": {"th": "กลับไปตารางสรุป", "en": "Back to the summary"},
}


class _Counts(string.Formatter):
    """"{files:file|files}" writes the number and the word that goes with it (English only:
    Thai words do not change with the number)."""

    def format_field(self, value: object, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return f"{value} {one if str(value) == '1' else many}"
        return super().format_field(value, spec)


_COUNTS = _Counts()


def ui(key: str, lang: str = "th", **params: object) -> str:
    text = _UI[key][lang]
    if params:
        text = _COUNTS.format(text, **{k: thai_number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
                                       for k, v in params.items()})
    return text
