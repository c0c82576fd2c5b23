"""Periods judged against the fiscal year (issue 3's "done when")."""

from __future__ import annotations

import datetime

from checker.document import load_document
from checker.thai import to_thai_digits
from conftest import check, rows
from seeds import HANNANGAM, seed_workbook

PERIOD_RULES = {"period-unparseable", "period-outside-fiscal-year", "period-reversed", "period-vague",
                "round-mismatch", "fiscal-year-mismatch"}


def period_rows(report):
    return [(rule, cell) for rule, cell in rows(report) if rule in PERIOD_RULES]


def fy2567(build, periods, **meta):
    return build({"meta": {"fiscal_year": 2567, **meta}, "report": [{"period": p} for p in periods]})


def test_each_wrong_period_gets_its_rule_on_its_cell_and_nowhere_else(build):
    path = fy2567(build, ["๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘", "๓๐ ก.ย. ๖๗ - ๑ ต.ค. ๖๖", "ตามความเหมาะสม", "๗ วัน"])
    report = check(path)
    assert period_rows(report) == [
        ("period-outside-fiscal-year", "D5"),
        ("period-reversed", "D6"),
        ("period-unparseable", "D7"),
        ("period-vague", "D8"),
    ]
    outside, reversed_, _, vague = (f for f in report.findings if f.rule in PERIOD_RULES)
    # Every message says how the cell was read, in Thai dates.
    assert "อ่านได้ว่า ๑ ต.ค. ๒๕๖๗ – ๓๐ ก.ย. ๒๕๖๘" in outside.message
    assert "ปีงบประมาณ ๒๕๖๗ (๑ ต.ค. ๒๕๖๖ – ๓๐ ก.ย. ๒๕๖๗)" in outside.message
    assert "อ่านได้ว่า ๓๐ ก.ย. ๒๕๖๗ – ๑ ต.ค. ๒๕๖๖" in reversed_.message
    assert "๗ วัน" in vague.message


def test_messages_in_english_read_the_dates_too(build):
    report = check(fy2567(build, ["๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘"]), lang="en")
    (finding,) = [f for f in report.findings if f.rule == "period-outside-fiscal-year"]
    assert "reads as 1 Oct 2024 – 30 Sep 2025" in finding.message and "fiscal year 2567" in finding.message


TWENTY_FORMS = [
    "๑ ตุลาคม ๒๕๖๖ ถึง ๓๐ กันยายน ๒๕๖๗",
    "1 ต.ค. 66 - 30 ก.ย. 67",
    "๑ ต.ค..๖๖-๓๐ ก.ย.. ๖๗",
    "ต.ค. ๒๕๖๖ - มี.ค. ๒๕๖๗",
    "ระหว่างวันที่ ๑ ธันวาคม ๒๕๖๖ ถึงวันที่ ๓๑ มกราคม ๒๕๖๗",
    "ไตรมาสที่ ๒",
    "ไตรมาส 3-4",
    "ไตรมาส 1 (ต.ค. - ธ.ค.)",
    "ตลอดปีงบประมาณ",
    "ปีงบประมาณ ๒๕๖๗",
    "รอบ ๖ เดือน",
    "ภายในเดือนมกราคม",
    "ภายใน ๓๑ มีนาคม ๒๕๖๗",
    "1/10/2566 - 31/3/2567",
    "2023-10-01 – 2024-09-30",
    "๑ - ๓๑ มีนาคม ๒๕๖๗",
    "มกรา - มิถุนา 67",
    "พ.ย. 2566 (รายงานผลทุกไตรมาส)",
    "ตั้งแต่ ๑ พ.ย. ๖๖ จนถึง ๓๐ เม.ย. ๖๗",
    "October 2023 - September 2024",
]


def test_twenty_correct_written_forms_get_no_period_finding(build):
    assert len(set(TWENTY_FORMS)) == 20
    report = check(fy2567(build, TWENTY_FORMS))
    assert period_rows(report) == []
    assert report.rows_checked == 20


def test_excel_date_cells_and_a_pair_of_date_columns(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["รายงานผลการดำเนินการ ประจำปีงบประมาณ ๒๕๖๗ องค์การบริหารส่วนตำบลตัวอย่าง"])
    ws.append(["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", None, "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลลัพธ์"])
    ws.append([None, None, None, "เริ่มต้น", "สิ้นสุด", None, None, None])
    ws.merge_cells("D2:E2")
    ws.append(["1", "มาตรการ ก", "ทำ ก", datetime.date(2023, 10, 1), datetime.date(2024, 3, 31), "กองคลัง", "ทำแล้ว ๓ ครั้ง", "สำเร็จ"])
    ws.append(["2", "มาตรการ ข", "ทำ ข", datetime.date(2024, 9, 1), datetime.date(2024, 10, 31), "กองคลัง", "ทำแล้ว ๒ ครั้ง", "สำเร็จ"])
    ws.append(["3", "มาตรการ ค", "ทำ ค", datetime.date(2024, 5, 1), datetime.date(2024, 2, 1), "กองคลัง", "ทำแล้ว ๑ ครั้ง", "สำเร็จ"])
    path = tmp_path / "dates.xlsx"
    wb.save(path)
    table = load_document(str(path)).tables[0]
    assert (table.column_of("period"), table.column_of("period_end")) == ("D", "E")
    assert [r.number for r in table.rows] == [4, 5, 6]  # the "เริ่มต้น | สิ้นสุด" row is part of the header
    assert period_rows(check(path)) == [("period-outside-fiscal-year", "D5"), ("period-reversed", "D6")]


def test_title_and_metadata_disagree_on_the_fiscal_year(build):
    from checker import template
    from checker.samples import SAMPLE_META, sample_rows

    workbook = template.fill(meta={**SAMPLE_META, "fiscal_year": 2567},
                             report=[{**r, "period": "๑ ต.ค. ๖๖ - ๓๐ ก.ย. ๖๗"} for r in sample_rows("report", 3)])
    workbook[template.REPORT_SHEET]["A2"] = "ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
    path = build({"raw": ""})
    template.save_workbook(workbook, path)
    report = check(path)
    assert period_rows(report) == [("fiscal-year-mismatch", "A2")]
    assert "๒๕๖๖" in report.findings[0].message and "๒๕๖๗" in report.findings[0].message


def test_periods_all_in_another_year_than_the_one_stated(build):
    periods = ["๑ ต.ค. ๖๗ - ๓๑ ธ.ค. ๖๗", "๑ ม.ค. ๖๘ - ๓๑ มี.ค. ๖๘", "เม.ย. ๖๘", "๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘"]
    report = check(fy2567(build, periods), select=("fiscal-year-mismatch",))
    (finding,) = report.findings
    assert "ปีงบประมาณ ๒๕๖๘" in finding.message and "๒๕๖๗" in finding.message


def test_six_month_round_in_the_title_against_twelve_in_the_metadata(build):
    from checker import template
    from checker.samples import SAMPLE_META, sample_rows

    workbook = template.fill(meta=SAMPLE_META, report=sample_rows("report", 2))
    workbook[template.REPORT_SHEET]["A2"] = "รอบ ๖ เดือน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"
    path = build({"raw": ""})
    template.save_workbook(workbook, path)
    assert period_rows(check(path)) == [("round-mismatch", "A2")]


def test_hannangam_plan_durations_are_vague(tmp_path):
    report = check(seed_workbook(HANNANGAM, tmp_path / "h.xlsx"), select=tuple(PERIOD_RULES))
    vague = [f for f in report.findings if f.rule == "period-vague"]
    assert [f.value for f in vague] == ["๗ วัน", "๑๕ วัน", "๗ วัน"]
    assert {r for r, _ in rows(report)} == {"period-vague"}  # "๑ ต.ค..๖๘-๓๐ ก.ย.. ๖๙" and ไตรมาสที่ ๒ are fine in FY 2569


def test_thai_digits_in_every_number(build):
    report = check(fy2567(build, [to_thai_digits("1 ต.ค. 2566 - 31 มี.ค. 2567"), "1 ต.ค. ๖๖ - 3๑ มี.ค. 6๗"]))
    assert period_rows(report) == []
