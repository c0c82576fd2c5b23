"""Tests for checker.periods: the period reader.

Expected values below are written by hand from how a Thai reader reads the text
(domain.md sections 3 and 4), not copied from the reader's output.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.periods import (
    FORMS,
    Period,
    _read_text,
    describe,
    fiscal_year_bounds,
    fiscal_year_of,
    read_period,
    read_period_pair,
    thai_date,
)
from checker.thai import to_arabic_digits, to_thai_digits


def D(be_year: int, month: int, day: int) -> date:
    """A date written with a B.E. year, to keep the table readable."""
    return date(be_year - 543, month, day)


def FY(fy: int) -> tuple[date, date]:
    return D(fy - 1, 10, 1), D(fy, 9, 30)


OCT66_SEP67 = (D(2566, 10, 1), D(2567, 9, 30))

# (text, fiscal year given, expected start, expected end, expected form)
TABLE = [
    # --- every form quoted in domain.md section 4
    ("๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘", 2568, D(2567, 10, 1), D(2568, 9, 30), "dates"),
    ("๑ ต.ค..๖๘-๓๐ ก.ย.. ๖๙", 2569, D(2568, 10, 1), D(2569, 9, 30), "dates"),
    ("๑ ต.ค. ๖๕ - ๓๐ มี.ค. ๖๖", 2566, D(2565, 10, 1), D(2566, 3, 30), "dates"),
    ("๑ ต.ค. ๖๕ - ๓๐ ก.ย. ๖๖", 2566, D(2565, 10, 1), D(2566, 9, 30), "dates"),
    ("๑ ต.ค. ๖๕ - ๓๐ ม.ค. ๖๖", 2566, D(2565, 10, 1), D(2566, 1, 30), "dates"),
    ("ภายในเดือน ม.ค.๖๖", 2566, D(2565, 10, 1), D(2566, 1, 31), "deadline"),
    ("๗ วัน", 2569, None, None, "vague"),
    ("๑๕ วัน", 2569, None, None, "vague"),
    ("ไตรมาสที่ ๒", 2569, D(2569, 1, 1), D(2569, 3, 31), "quarter"),
    ("เป็นรายไตรมาส", 2568, None, None, "vague"),
    ("ไตรมาส 1 (ต.ค. - ธ.ค.)", 2568, D(2567, 10, 1), D(2567, 12, 31), "quarter"),
    ("ตลอดปีงบประมาณ", 2568, *FY(2568), "fiscal_year"),
    ("ทุกเดือน", 2568, None, None, "vague"),
    ("ภายในเดือนมกราคม", 2568, D(2567, 10, 1), D(2568, 1, 31), "deadline"),
    # the same without a fiscal year: the form is still told
    ("ไตรมาสที่ ๒", None, None, None, "quarter"),
    ("ไตรมาส 1 (ต.ค. - ธ.ค.)", None, None, None, "quarter"),
    ("ตลอดปีงบประมาณ", None, None, None, "fiscal_year"),
    ("ภายในเดือนมกราคม", None, None, None, "deadline"),
    ("๗ วัน", None, None, None, "vague"),
    # --- digits and numeric dates
    ("1 ต.ค. 2566 - 30 ก.ย. 2567", 2567, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 2๕66 - 30 ก.ย. ๒567", None, *OCT66_SEP67, "dates"),
    ("๐๑/๑๐/๒๕๖๖ - ๓๐/๐๙/๒๕๖๗", None, *OCT66_SEP67, "dates"),
    ("1/10/2566-30/9/2567", None, *OCT66_SEP67, "dates"),
    ("01/10/66 - 30/09/67", None, *OCT66_SEP67, "dates"),
    ("1-10-2566 ถึง 30-9-2567", None, *OCT66_SEP67, "dates"),
    ("1.10.66 - 30.9.67", None, *OCT66_SEP67, "dates"),
    ("2023-10-01 - 2024-09-30", None, *OCT66_SEP67, "dates"),
    ("2023-10-01 ถึง 2024-09-30", None, *OCT66_SEP67, "dates"),
    ("2566-10-01 ถึง 2567-09-30", None, *OCT66_SEP67, "dates"),
    ("1/10/2023 - 30/9/2024", None, *OCT66_SEP67, "dates"),
    ("2023-10-01 00:00:00", None, D(2566, 10, 1), D(2566, 10, 1), "dates"),
    # --- C.E. years and English
    ("1 ตุลาคม 2023 - 30 กันยายน 2024", None, *OCT66_SEP67, "dates"),
    ("1 Oct 2023 - 30 Sep 2024", None, *OCT66_SEP67, "dates"),
    ("1 October 2023 to 30 September 2024", None, *OCT66_SEP67, "dates"),
    ("October 1, 2023 - September 30, 2024", None, *OCT66_SEP67, "dates"),
    ("1 OCT 2023 until 30 SEPT 2024", None, *OCT66_SEP67, "dates"),
    ("Oct 2023 - Sep 2024", None, *OCT66_SEP67, "months"),
    # --- year marks
    ("1 ต.ค. พ.ศ. 2566 - 30 ก.ย. พ.ศ. 2567", None, *OCT66_SEP67, "dates"),
    ("1 ตุลาคม พ.ศ.2566 ถึง 30 กันยายน พ.ศ.2567", None, *OCT66_SEP67, "dates"),
    ("๑ ต.ค. พ.ศ ๒๕๖๖ - ๓๐ ก.ย. พ.ศ ๒๕๖๗", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. พศ.66 - 30 ก.ย. พศ.67", None, *OCT66_SEP67, "dates"),
    ("ต.ค. ปี 66 - ก.ย. ปี 67", None, *OCT66_SEP67, "months"),
    ("1 ต.ค. ค.ศ. 2023 - 30 ก.ย. ค.ศ. 2024", None, *OCT66_SEP67, "dates"),
    # --- month spellings
    ("1 ต.ค 66 - 30 ก.ย 67", None, *OCT66_SEP67, "dates"),
    ("1 ตค 66 - 30 กย 67", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค.. 66 - 30 ก.ย.. 67", None, *OCT66_SEP67, "dates"),
    ("1 ตค.66-30 กย.67", None, *OCT66_SEP67, "dates"),
    ("1 ตุลา 66 - 30 กันยา 67", None, *OCT66_SEP67, "dates"),
    ("1 พฤศจิกา 66 - 31 ธันวา 66", None, D(2566, 11, 1), D(2566, 12, 31), "dates"),
    ("1 มกรา - 28 กุมภา 67", None, D(2567, 1, 1), D(2567, 2, 28), "dates"),
    ("1 มีนา - 30 เมษา 67", None, D(2567, 3, 1), D(2567, 4, 30), "dates"),
    ("1 พฤษภา 67 - 30 มิถุนา 67", None, D(2567, 5, 1), D(2567, 6, 30), "dates"),
    ("1 กรกฎา - 31 สิงหา 67", None, D(2567, 7, 1), D(2567, 8, 31), "dates"),
    ("1 มิ.ย. 67 - 31 ก.ค. 67", None, D(2567, 6, 1), D(2567, 7, 31), "dates"),
    ("1 เม.ย. 67 - 31 พ.ค. 67", None, D(2567, 4, 1), D(2567, 5, 31), "dates"),
    ("1 ก.พ. 67 - 29 ก.พ. 67", None, D(2567, 2, 1), D(2567, 2, 29), "dates"),
    ("1 ส.ค. 67 - 30 พ.ย. 67", None, D(2567, 8, 1), D(2567, 11, 30), "dates"),
    ("๑ ธ.ค. ๖๖ - ๓๑ มี.ค. ๖๗", None, D(2566, 12, 1), D(2567, 3, 31), "dates"),
    ("1 กรกฏาคม 2567 - 31 สิงหาคม 2567", None, D(2567, 7, 1), D(2567, 8, 31), "dates"),
    ("เดือนตุลาคม 2566 ถึงเดือนกันยายน 2567", None, *OCT66_SEP67, "months"),
    # --- range connectors
    ("1 ต.ค. 66 – 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 66 — 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 66 ~ 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 66 จนถึง 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 66 ถึงวันที่ 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("ระหว่าง 1 ต.ค. 66 ถึง 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("ระหว่างวันที่ ๑ ตุลาคม ๒๕๖๖ ถึงวันที่ ๓๐ กันยายน ๒๕๖๗", None, *OCT66_SEP67, "dates"),
    ("ตั้งแต่ 1 ต.ค. 66 ถึง 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("ตั้งแต่วันที่ 1 ต.ค. 66 จนถึงวันที่ 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("ระหว่าง 1 ต.ค. 66 และ 30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    # --- a start that takes its month or year from the end, or from the fiscal year
    ("๑ - ๓๑ มีนาคม ๒๕๖๗", None, D(2567, 3, 1), D(2567, 3, 31), "dates"),
    ("วันที่ 1 - 15 ต.ค. 66", None, D(2566, 10, 1), D(2566, 10, 15), "dates"),
    ("๑ มกราคม - ๓๐ มิถุนายน ๒๕๖๗", None, D(2567, 1, 1), D(2567, 6, 30), "dates"),
    ("ต.ค. - ธ.ค. ๒๕๖๖", None, D(2566, 10, 1), D(2566, 12, 31), "months"),
    ("ตุลาคม - ธันวาคม ๒๕๖๖", None, D(2566, 10, 1), D(2566, 12, 31), "months"),
    ("ต.ค. ๖๖ - ก.ย. ๖๗", None, *OCT66_SEP67, "months"),
    ("ตุลาคม ๒๕๖๖ - มีนาคม", None, D(2566, 10, 1), D(2567, 3, 31), "months"),
    ("1 ต.ค. - 30 ก.ย. 2567", None, *OCT66_SEP67, "dates"),
    ("ต.ค. - มี.ค. 67", None, D(2566, 10, 1), D(2567, 3, 31), "months"),
    ("1 ต.ค. - 31 ธ.ค.", 2567, D(2566, 10, 1), D(2566, 12, 31), "dates"),
    ("ต.ค. - ก.ย.", 2568, *FY(2568), "months"),
    ("มกราคม - มีนาคม", 2567, D(2567, 1, 1), D(2567, 3, 31), "months"),
    ("เมษายน", 2567, D(2567, 4, 1), D(2567, 4, 30), "months"),
    ("พฤศจิกายน", 2567, D(2566, 11, 1), D(2566, 11, 30), "months"),
    ("ต.ค. - ธ.ค.", None, None, None, "months"),
    ("ต.ค. - ธ.ค. ปีงบประมาณ 2567", None, D(2566, 10, 1), D(2566, 12, 31), "months"),
    # --- single dates and months
    ("15 ต.ค. 66", None, D(2566, 10, 15), D(2566, 10, 15), "dates"),
    ("ต.ค. 66", None, D(2566, 10, 1), D(2566, 10, 31), "months"),
    ("วันที่ ๓๑ มีนาคม ๒๕๖๗", None, D(2567, 3, 31), D(2567, 3, 31), "dates"),
    # --- typing slips, spaces, glued tokens, line breaks
    ("1ต.ค.66-30ก.ย.67", None, *OCT66_SEP67, "dates"),
    ("1ตค66-30กย67", None, *OCT66_SEP67, "dates"),
    ("๑ ต.ค.๖๖-๓๐ ก.ย.๖๗", None, *OCT66_SEP67, "dates"),
    ("  ๑   ต.ค.  ๖๖  \n -  ๓๐  ก.ย. ๖๗ ", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 66\n30 ก.ย. 67", None, *OCT66_SEP67, "dates"),
    ("1 ต. ค. 66 - 30 ก. ย. 67", None, *OCT66_SEP67, "dates"),
    ("1 ต.ค. 66 - 30 ก.ย. 67 (รายงานผลทุกไตรมาส)", None, *OCT66_SEP67, "dates"),
    ("๑ ต.ค. ๖๖ - ๓๐ ก.ย. ๖๗\u200b", None, *OCT66_SEP67, "dates"),
    # --- open ends
    ("๑ ต.ค. ๖๖ เป็นต้นไป", None, D(2566, 10, 1), None, "dates"),
    ("ตั้งแต่ ต.ค. 66 - ปัจจุบัน", None, D(2566, 10, 1), None, "months"),
    # --- quarters
    ("ไตรมาส ๒", 2567, D(2567, 1, 1), D(2567, 3, 31), "quarter"),
    ("ไตรมาส 3-4", 2567, D(2567, 4, 1), D(2567, 9, 30), "quarter"),
    ("ไตรมาส ๓ - ๔", 2568, D(2568, 4, 1), D(2568, 9, 30), "quarter"),
    ("ไตรมาสที่ ๒/๒๕๖๗", None, D(2567, 1, 1), D(2567, 3, 31), "quarter"),
    ("ไตรมาส 2 ปีงบประมาณ 2567", 2568, D(2567, 1, 1), D(2567, 3, 31), "quarter"),
    ("ไตรมาสที่ 1", 2567, D(2566, 10, 1), D(2566, 12, 31), "quarter"),
    ("ไตรมาส 4", 2567, D(2567, 7, 1), D(2567, 9, 30), "quarter"),
    ("ไตรมาสที่ 1 และ 2", 2567, D(2566, 10, 1), D(2567, 3, 31), "quarter"),
    ("ไตรมาส 1/67", None, D(2566, 10, 1), D(2566, 12, 31), "quarter"),
    ("ไตรมาสที่ 1 - ไตรมาสที่ 4", 2567, *FY(2567), "quarter"),
    ("ไตรมาส 2 (ม.ค. 67 - มี.ค. 67)", None, D(2567, 1, 1), D(2567, 3, 31), "quarter"),
    ("Q2 FY2024", None, D(2567, 1, 1), D(2567, 3, 31), "quarter"),
    # --- fiscal years
    ("ตลอดปี", 2567, *FY(2567), "fiscal_year"),
    ("ตลอดปี", None, None, None, "fiscal_year"),
    ("ปีงบประมาณ ๒๕๖๗", None, *FY(2567), "fiscal_year"),
    ("ปีงบ ๖๗", None, *FY(2567), "fiscal_year"),
    ("ประจำปีงบประมาณ พ.ศ. 2567", None, *FY(2567), "fiscal_year"),
    ("ตลอดปีงบประมาณ 2568", 2567, *FY(2568), "fiscal_year"),
    ("ตลอดทั้งปี", 2569, *FY(2569), "fiscal_year"),
    ("เป็นรายไตรมาส (ตลอดปีงบประมาณ)", 2567, *FY(2567), "fiscal_year"),
    ("2567", None, *FY(2567), "fiscal_year"),
    ("ปีงบประมาณ 2566 - 2567", None, FY(2566)[0], FY(2567)[1], "fiscal_year"),
    # --- rounds
    ("รอบ ๖ เดือน", 2567, D(2566, 10, 1), D(2567, 3, 31), "round"),
    ("รอบ ๑๒ เดือน", 2567, *FY(2567), "round"),
    ("รอบ 6 เดือน", None, None, None, "round"),
    ("รอบ ๖ เดือน ปีงบประมาณ ๒๕๖๘", None, D(2567, 10, 1), D(2568, 3, 31), "round"),
    ("รอบเดือนเมษายน", 2567, D(2566, 10, 1), D(2567, 3, 31), "round"),
    ("6 เดือนหลัง", 2567, D(2567, 4, 1), D(2567, 9, 30), "round"),
    # --- deadlines
    ("ภายใน ๓๑ มีนาคม ๒๕๖๗", 2567, D(2566, 10, 1), D(2567, 3, 31), "deadline"),
    ("ภายใน ๓๑ มีนาคม ๒๕๖๗", None, None, D(2567, 3, 31), "deadline"),
    ("ภายในวันที่ 15 ต.ค. 66", 2567, D(2566, 10, 1), D(2566, 10, 15), "deadline"),
    ("ภายในเดือน ม.ค.๖๖", 2568, None, D(2566, 1, 31), "deadline"),  # before the year began
    ("ภายในไตรมาสที่ 2", 2567, D(2566, 10, 1), D(2567, 3, 31), "deadline"),
    ("ไม่เกิน 30 ก.ย. 67", 2567, *FY(2567), "deadline"),
    # --- vague
    ("๓ เดือน", 2567, None, None, "vague"),
    ("ทุกไตรมาส", 2567, None, None, "vague"),
    ("ทุกวัน", 2567, None, None, "vague"),
    ("ภายใน ๗ วัน", 2567, None, None, "vague"),
    ("ปีละ 1 ครั้ง", 2567, None, None, "vague"),
    ("ทุก 3 เดือน", 2567, None, None, "vague"),
    ("๑๕ วันทำการ", 2567, None, None, "vague"),
    ("ภายใน 30 วันหลังสิ้นปีงบประมาณ", 2567, None, None, "vague"),
    # --- nothing readable
    ("ตามความเหมาะสม", 2567, None, None, "none"),
    ("อย่างต่อเนื่อง", 2567, None, None, "none"),
    ("-", 2567, None, None, "none"),
    ("", 2567, None, None, "none"),
    ("ดำเนินการแล้ว", 2567, None, None, "none"),
    ("กองคลัง (งานพัสดุ)", 2567, None, None, "none"),
    # --- dates that do not exist
    ("๓๑ กุมภาพันธ์ ๒๕๖๗", 2567, None, None, "invalid"),
    ("30/02/2567", 2567, None, None, "invalid"),
    ("29 ก.พ. 66", 2566, None, None, "invalid"),
    ("1 ต.ค. 66 - 31 ก.ย. 67", 2567, None, None, "invalid"),
    ("31 เมษายน", 2567, None, None, "invalid"),
    ("29 ก.พ.", 2566, None, None, "invalid"),  # 2566 = 2023, not a leap year
    ("ไตรมาส 5", 2567, None, None, "invalid"),  # no such quarter
    # --- agencies' initials are not months
    ("ก.พ.ร.", 2567, None, None, "none"),
    ("ส่ง ส.ค.ส. ปีใหม่", 2567, None, None, "none"),
    ("พยาบาลวิชาชีพ", 2567, None, None, "none"),
    # --- numeric month/year, year mark glued to the month
    ("10/2566 - 9/2567", None, *OCT66_SEP67, "months"),
    ("ต.ค.พ.ศ.2566", None, D(2566, 10, 1), D(2566, 10, 31), "months"),
    # --- a reversed range is returned as written
    ("๓๐ ก.ย. ๖๗ - ๑ ต.ค. ๖๖", None, D(2567, 9, 30), D(2566, 10, 1), "dates"),
]


@pytest.mark.parametrize(("text", "fy", "start", "end", "form"), TABLE, ids=[f"{i}:{row[0]}" for i, row in enumerate(TABLE)])
def test_table(text, fy, start, end, form):
    p = read_period(text, fy)
    assert (p.start, p.end, p.form) == (start, end, form)


def test_table_is_large_and_covers_every_form():
    assert len(TABLE) >= 100
    assert {row[4] for row in TABLE} == set(FORMS)


@pytest.mark.parametrize(
    ("text", "fy", "note"),
    [
        ("๗ วัน", None, "duration 7 days"),
        ("๑ สัปดาห์", None, "duration 1 week"),
        ("๓ เดือน", None, "duration 3 months"),
        ("ทุกเดือน", None, "every month"),
        ("ทุกๆ เดือน", None, "every month"),
        ("เป็นรายไตรมาส", None, "every quarter"),
        ("ทุก 3 เดือน", None, "every 3 months"),
        ("เดือนละ 1 ครั้ง", None, "every month"),
        ("๓๑ กุมภาพันธ์ ๒๕๖๗", None, "๓๑ กุมภาพันธ์ ๒๕๖๗"),
        ("ดำเนินการ 30/02/2567 แล้ว", None, "30/02/2567"),
        ("ไตรมาส 3-4", None, "quarters 3-4"),
    ],
)
def test_notes(text, fy, note):
    assert read_period(text, fy).note == note


@pytest.mark.parametrize(
    ("text", "fy", "assumed"),
    [
        ("ไตรมาสที่ ๒", 2567, True),
        ("ไตรมาสที่ ๒/๒๕๖๗", 2567, False),
        ("ตลอดปีงบประมาณ", 2567, True),
        ("ปีงบประมาณ 2567", 2567, False),
        ("1 ต.ค. - 31 ธ.ค.", 2567, True),
        ("1 ต.ค. - 31 ธ.ค. 66", 2567, False),  # the year of the end is written
        ("ภายในเดือนมกราคม", 2567, True),
        ("ภายในเดือน ม.ค.๖๖", 2566, False),
        ("รอบ ๖ เดือน", 2567, True),
    ],
)
def test_assumed_year(text, fy, assumed):
    assert read_period(text, fy).assumed_year is assumed


def test_two_digit_year_follows_the_fiscal_year_century():
    # 2-digit B.E. years: 2500+yy, unless the fiscal year says another century
    assert read_period("1 ต.ค. 99", None).start == D(2599, 10, 1)
    assert read_period("1 ต.ค. 00", 2601).start == D(2600, 10, 1)
    assert read_period("1 ต.ค. 00", None).start == D(2500, 10, 1)


def test_fiscal_year_argument_forms():
    assert read_period("ไตรมาส 2", "๒๕๖๗").start == D(2567, 1, 1)
    assert read_period("ไตรมาส 2", 2567.0).start == D(2567, 1, 1)
    assert read_period("ไตรมาส 2", 2024).start == D(2567, 1, 1)  # a C.E. fiscal year
    assert read_period("ไตรมาส 2", "nonsense") == Period(None, None, "quarter", "quarter 2")
    assert read_period("ไตรมาส 2", True).start is None


# --------------------------------------------------------------------------- cell values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2023, 10, 1, 8, 30), Period(date(2023, 10, 1), date(2023, 10, 1), "dates")),
        (date(2024, 9, 30), Period(date(2024, 9, 30), date(2024, 9, 30), "dates")),
        (45200, Period(date(2023, 10, 1), date(2023, 10, 1), "dates")),  # Excel serial
        (45200.75, Period(date(2023, 10, 1), date(2023, 10, 1), "dates")),
        (None, Period(None, None, "none")),
        (True, Period(None, None, "none")),
        (7, Period(None, None, "none")),
        (float("nan"), Period(None, None, "none")),
        (float("inf"), Period(None, None, "none")),
        (time(8, 30), Period(None, None, "none", "a time of day")),
        (2567, Period(*FY(2567), "fiscal_year", "fiscal year")),
    ],
)
def test_cell_values(value, expected):
    assert read_period(value, None) == expected


def test_read_period_pair():
    assert read_period_pair(datetime(2023, 10, 1), datetime(2024, 9, 30)) == Period(*OCT66_SEP67, "dates")
    assert read_period_pair("1 ต.ค. 66", "30 ก.ย. 67").start == OCT66_SEP67[0]
    # the start without a year takes it from the end
    p = read_period_pair("1 ต.ค.", "30 ก.ย. 2567")
    assert (p.start, p.end) == OCT66_SEP67
    p = read_period_pair(date(2023, 10, 1), "30 ก.ย. ๒๕๖๗")
    assert (p.start, p.end, p.form) == (*OCT66_SEP67, "dates")
    p = read_period_pair("ต.ค. 66", "มี.ค. 67")
    assert (p.start, p.end, p.form) == (D(2566, 10, 1), D(2567, 3, 31), "months")
    assert read_period_pair(None, "").form == "none"
    p = read_period_pair(None, date(2024, 9, 30))
    assert (p.start, p.end) == (None, date(2024, 9, 30))
    p = read_period_pair(date(2023, 10, 1), None)
    assert (p.start, p.end) == (date(2023, 10, 1), None)
    assert read_period_pair("31 ก.พ. 67", "30 ก.ย. 67").form == "invalid"
    # 29 Feb is judged in the end's year (2567 = 2024, a leap year), not in the fiscal year's
    p = read_period_pair("29 กุมภาพันธ์", "1 มี.ค. 67", 2570)
    assert (p.start, p.end, p.form) == (D(2567, 2, 29), D(2567, 3, 1), "dates")
    assert read_period_pair("29 กุมภาพันธ์", "1 มี.ค. 66", 2567).form == "invalid"  # 2566 = 2023
    p = read_period_pair(date(1850, 1, 1), date(1850, 12, 31))  # real dates, whatever the year
    assert (p.start, p.end) == (date(1850, 1, 1), date(1850, 12, 31))
    p = read_period_pair(45200, 45565)  # Excel serials
    assert (p.start, p.end) == (date(2023, 10, 1), date(2024, 9, 30))


# --------------------------------------------------------------------------- fiscal years


def test_fiscal_year_edges():
    assert fiscal_year_of(date(2023, 9, 30)) == 2566
    assert fiscal_year_of(date(2023, 10, 1)) == 2567
    assert fiscal_year_of(date(2023, 12, 31)) == 2567
    assert fiscal_year_of(date(2024, 1, 1)) == 2567
    assert fiscal_year_of(date(2024, 9, 30)) == 2567
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))
    assert fiscal_year_bounds(2567) == (date(2023, 10, 1), date(2024, 9, 30))


@settings(max_examples=200)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_fiscal_year_of_lies_in_its_bounds(d):
    first, last = fiscal_year_bounds(fiscal_year_of(d))
    assert first <= d <= last
    assert fiscal_year_of(first) == fiscal_year_of(last) == fiscal_year_of(d)
    assert fiscal_year_of(first - timedelta(days=1)) == fiscal_year_of(d) - 1


# --------------------------------------------------------------------------- messages


def test_thai_date():
    assert thai_date(date(2023, 10, 1)) == "๑ ต.ค. ๒๕๖๖"
    assert thai_date(date(2023, 10, 1), "en") == "1 Oct 2023"
    assert thai_date(date(2024, 2, 29)) == "๒๙ ก.พ. ๒๕๖๗"
    assert thai_date(date(2025, 5, 31), "en") == "31 May 2025"


@pytest.mark.parametrize(
    ("period", "th", "en"),
    [
        (Period(*OCT66_SEP67, "dates"), "๑ ต.ค. ๒๕๖๖ – ๓๐ ก.ย. ๒๕๖๗", "1 Oct 2023 – 30 Sep 2024"),
        (Period(date(2023, 10, 15), date(2023, 10, 15), "dates"), "๑๕ ต.ค. ๒๕๖๖", "15 Oct 2023"),
        (Period(D(2565, 10, 1), D(2566, 1, 31), "deadline"), "ภายใน ๓๑ ม.ค. ๒๕๖๖", "by 31 Jan 2023"),
        (Period(None, None, "vague", "duration 7 days"), "ระยะเวลา ๗ วัน (ไม่ระบุวันที่)", "duration 7 days (no dates)"),
        (Period(None, None, "vague", "every month"), "ทุกเดือน (ไม่ระบุวันที่)", "every month (no dates)"),
        (Period(None, None, "none"), "ไม่ระบุระยะเวลา", "no period given"),
        (
            Period(None, None, "invalid", "๓๑ กุมภาพันธ์ ๒๕๖๗"),
            "วันที่ไม่มีอยู่จริง: ๓๑ กุมภาพันธ์ ๒๕๖๗",
            "date that does not exist: ๓๑ กุมภาพันธ์ ๒๕๖๗",
        ),
        (Period(None, None, "quarter", "quarter 2"), "ไตรมาสที่ ๒ (ไม่ทราบปี)", "quarter 2 (year unknown)"),
        (Period(date(2023, 10, 1), None, "dates", "open end"), "ตั้งแต่ ๑ ต.ค. ๒๕๖๖ เป็นต้นไป", "from 1 Oct 2023 on"),
    ],
)
def test_describe(period, th, en):
    assert describe(period) == th
    assert describe(period, "en") == en


def test_describe_what_read_period_returns():
    assert describe(read_period("ไตรมาสที่ ๒", 2567)) == "๑ ม.ค. ๒๕๖๗ – ๓๑ มี.ค. ๒๕๖๗"
    assert describe(read_period("ตลอดปี", None), "en") == "fiscal year (year unknown)"
    assert describe(read_period("ตลอดปี", None)) == "ปีงบประมาณ (ไม่ทราบปี)"
    assert describe(read_period("ทุก 3 เดือน")) == "ทุก ๓ เดือน (ไม่ระบุวันที่)"


# --------------------------------------------------------------------------- round trips

TH_FULL = ("", "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
           "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")  # fmt: skip
TH_ABBR = ("", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
           "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")  # fmt: skip
TH_SPOKEN = ("", "มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา",
             "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา")  # fmt: skip
EN_FULL = ("", "January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
EN_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def be(d: date) -> int:
    return d.year + 543


def yy(d: date) -> str:
    return f"{be(d) % 100:02d}"


def abbr(m: int, dots: int) -> str:
    """ต.ค. with the usual dots (1), doubled dots (2), no dots (0), or only the middle one (-1)."""
    a = TH_ABBR[m]
    if dots == 0:
        return a.replace(".", "")
    if dots == 2:
        return a + "."
    if dots == -1:
        return a[:-1]
    return a


def mixed(text: str) -> str:
    """Every other digit in Thai: "2566" -> "๒5๖6"."""
    out, k = [], 0
    for ch in text:
        if ch.isdigit():
            ch = to_thai_digits(ch) if k % 2 == 0 else ch
            k += 1
        out.append(ch)
    return "".join(out)


def last_of_month(d: date) -> date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


class Pair(tuple):
    """Two cells, read with read_period_pair."""


def days(s, e):
    return s, e


def months(s, e):
    return s.replace(day=1), last_of_month(e)


def dated(fmt):
    """A range renderer from a renderer of one date."""
    return lambda s, e, conn=" - ": f"{fmt(s)}{conn}{fmt(e)}"


def th_abbr(d, dots=1, year=None):
    return f"{d.day} {abbr(d.month, dots)} {yy(d) if year is None else year}"


# style name -> (how the dates are drawn, renderer (s, e) -> cell value(s), expected (s, e) -> (start, end), form)
STYLES = {
    "full_th_thai_digits": ("any", lambda s, e: to_thai_digits(f"{s.day} {TH_FULL[s.month]} {be(s)} ถึง {e.day} {TH_FULL[e.month]} {be(e)}"), days, "dates"),
    "full_th_arabic": ("any", lambda s, e: f"{s.day} {TH_FULL[s.month]} {be(s)} - {e.day} {TH_FULL[e.month]} {be(e)}", days, "dates"),
    "abbr_1_dot": ("any", lambda s, e: f"{th_abbr(s)} - {th_abbr(e)}", days, "dates"),
    "abbr_2_dots_glued": ("any", lambda s, e: to_thai_digits(f"{s.day} {abbr(s.month, 2)}{yy(s)}-{e.day} {abbr(e.month, 2)} {yy(e)}"), days, "dates"),
    "abbr_no_dots": ("any", lambda s, e: f"{th_abbr(s, 0)} - {th_abbr(e, 0)}", days, "dates"),
    "abbr_middle_dot": ("any", lambda s, e: f"{th_abbr(s, -1)} - {th_abbr(e, -1)}", days, "dates"),
    "abbr_no_dots_no_spaces": ("any", lambda s, e: f"{s.day}{abbr(s.month, 0)}{yy(s)}-{e.day}{abbr(e.month, 0)}{yy(e)}", days, "dates"),
    "spoken": ("any", lambda s, e: f"{s.day} {TH_SPOKEN[s.month]} {yy(s)} - {e.day} {TH_SPOKEN[e.month]} {yy(e)}", days, "dates"),
    "thai_digits_abbr": ("any", lambda s, e: to_thai_digits(f"{th_abbr(s)} - {th_abbr(e)}"), days, "dates"),
    "mixed_digits": ("any", lambda s, e: mixed(f"{th_abbr(s, 1, be(s))} - {th_abbr(e, 1, be(e))}"), days, "dates"),
    "be_prefix": ("any", lambda s, e: f"{th_abbr(s, 1, 'พ.ศ. ' + str(be(s)))} - {th_abbr(e, 1, 'พ.ศ. ' + str(be(e)))}", days, "dates"),
    "be_prefix_glued": ("any", lambda s, e: f"{s.day} {TH_FULL[s.month]} พ.ศ{be(s)} ถึง {e.day} {TH_FULL[e.month]} พ.ศ{be(e)}", days, "dates"),
    "pi_prefix": ("any", lambda s, e: f"{th_abbr(s, 1, 'ปี ' + yy(s))} - {th_abbr(e, 1, 'ปี ' + yy(e))}", days, "dates"),
    "ce_thai_month": ("any", lambda s, e: f"{s.day} {TH_FULL[s.month]} {s.year} - {e.day} {TH_FULL[e.month]} {e.year}", days, "dates"),
    "english_full": ("any", lambda s, e: f"{s.day} {EN_FULL[s.month]} {s.year} to {e.day} {EN_FULL[e.month]} {e.year}", days, "dates"),
    "english_abbr": ("any", lambda s, e: f"{s.day} {EN_ABBR[s.month]} {s.year} - {e.day} {EN_ABBR[e.month]} {e.year}", days, "dates"),
    "english_month_first": ("any", lambda s, e: f"{EN_FULL[s.month]} {s.day}, {s.year} - {EN_FULL[e.month]} {e.day}, {e.year}", days, "dates"),
    "numeric_slash_be4": ("any", lambda s, e: f"{s.day}/{s.month}/{be(s)} - {e.day}/{e.month}/{be(e)}", days, "dates"),
    "numeric_slash_be2": ("any", lambda s, e: f"{s.day:02d}/{s.month:02d}/{yy(s)}-{e.day:02d}/{e.month:02d}/{yy(e)}", days, "dates"),
    "numeric_dash": ("any", lambda s, e: f"{s.day}-{s.month}-{be(s)} ถึง {e.day}-{e.month}-{be(e)}", days, "dates"),
    "numeric_dot": ("any", lambda s, e: f"{s.day}.{s.month}.{yy(s)} - {e.day}.{e.month}.{yy(e)}", days, "dates"),
    "numeric_ce": ("any", lambda s, e: f"{s.day:02d}/{s.month:02d}/{s.year} - {e.day}/{e.month}/{e.year}", days, "dates"),
    "numeric_thai_digits": ("any", lambda s, e: to_thai_digits(f"{s.day}/{s.month}/{be(s)}-{e.day}/{e.month}/{be(e)}"), days, "dates"),
    "iso": ("any", lambda s, e: f"{s.isoformat()} ถึง {e.isoformat()}", days, "dates"),
    "iso_dash": ("any", lambda s, e: f"{s.isoformat()} - {e.isoformat()}", days, "dates"),
    "glued": ("any", lambda s, e: f"{s.day}{abbr(s.month, 1)}{yy(s)}-{e.day}{abbr(e.month, 1)}{yy(e)}", days, "dates"),
    "spaces_and_breaks": ("any", lambda s, e: f"  {s.day}   {abbr(s.month, 1)}\n{yy(s)}  -\n {e.day}  {abbr(e.month, 1)}  {yy(e)} ", days, "dates"),
    "wanthi_prefix": ("any", lambda s, e: f"วันที่ {th_abbr(s)} - วันที่ {th_abbr(e)}", days, "dates"),
    "rawang_thueng": ("any", lambda s, e: f"ระหว่างวันที่ {th_abbr(s)} ถึงวันที่ {th_abbr(e)}", days, "dates"),
    "tangtae_jonthueng": ("any", lambda s, e: f"ตั้งแต่ {th_abbr(s)} จนถึง {th_abbr(e)}", days, "dates"),
    "with_note_after": ("any", lambda s, e: f"{th_abbr(s)} - {th_abbr(e)} (รายงานผลทุกไตรมาส)", days, "dates"),
    "months_abbr": ("any", lambda s, e: f"{abbr(s.month, 1)} {yy(s)} - {abbr(e.month, 1)} {yy(e)}", months, "months"),
    "months_full": ("any", lambda s, e: f"{TH_FULL[s.month]} {be(s)} ถึง {TH_FULL[e.month]} {be(e)}", months, "months"),
    "months_english": ("any", lambda s, e: f"{EN_FULL[s.month]} {s.year} - {EN_FULL[e.month]} {e.year}", months, "months"),
    "months_spoken_glued": ("any", lambda s, e: f"{TH_SPOKEN[s.month]}{yy(s)}-{TH_SPOKEN[e.month]}{yy(e)}", months, "months"),
    "year_on_end_only": ("ordered", lambda s, e: f"{s.day} {abbr(s.month, 1)} - {th_abbr(e, 1, be(e))}", days, "dates"),
    "year_on_end_only_months": ("ordered_months", lambda s, e: to_thai_digits(f"{TH_FULL[s.month]} - {TH_FULL[e.month]} {be(e)}"), months, "months"),
    "year_on_start_only": ("ordered", lambda s, e: f"{s.day} {TH_FULL[s.month]} {be(s)} - {e.day} {TH_FULL[e.month]}", days, "dates"),
    "no_year_from_fiscal_year": ("in_fy", lambda s, e: f"{s.day} {abbr(s.month, 1)} - {e.day} {abbr(e.month, 1)}", days, "dates"),
    "no_year_months_from_fiscal_year": ("in_fy", lambda s, e: f"{TH_FULL[s.month]} - {TH_FULL[e.month]}", months, "months"),
    "start_day_only": ("same_month", lambda s, e: to_thai_digits(f"{s.day} - {e.day} {TH_FULL[e.month]} {be(e)}"), days, "dates"),
    "single_date": ("single", lambda s, e: f"{s.day} {TH_FULL[s.month]} {be(s)}", days, "dates"),
    "single_month": ("single", lambda s, e: f"เดือน{abbr(s.month, 1)}{yy(s)}", months, "months"),
    "datetime_cell": ("single", lambda s, e: datetime(s.year, s.month, s.day, 9, 0), days, "dates"),
    "date_cell": ("single", lambda s, e: s, days, "dates"),
    "excel_serial_cell": ("single", lambda s, e: (s - date(1899, 12, 30)).days, days, "dates"),
    "pair_datetimes": ("any", lambda s, e: Pair((datetime(s.year, s.month, s.day), datetime(e.year, e.month, e.day))), days, "dates"),
    "pair_texts": ("any", lambda s, e: Pair((th_abbr(s), th_abbr(e))), days, "dates"),
    "pair_date_and_text": ("any", lambda s, e: Pair((s, to_thai_digits(th_abbr(e, 1, be(e))))), days, "dates"),
    "pair_start_without_year": ("ordered", lambda s, e: Pair((f"{s.day} {TH_FULL[s.month]}", th_abbr(e))), days, "dates"),
}
# every range connector, each as its own style
for _name, _conn in {"hyphen": "-", "en_dash": "–", "em_dash": "—", "tilde": "~", "thueng": " ถึง ",
                     "jonthueng": " จนถึง ", "thueng_wanthi": " ถึงวันที่ ", "and": " และ "}.items():  # fmt: skip
    STYLES[f"connector_{_name}"] = ("any", lambda s, e, c=_conn: f"{th_abbr(s)}{c}{th_abbr(e)}", days, "dates")

NO_YEAR_STYLES = {"no_year_from_fiscal_year", "no_year_months_from_fiscal_year"}


@st.composite
def drawn_dates(draw, mode: str, fy: int):
    first, last = fiscal_year_bounds(fy)
    lo, hi = first - timedelta(days=3 * 366), last + timedelta(days=3 * 366)
    if mode == "any":  # inside or outside the fiscal year, maybe reversed
        return draw(st.dates(lo, hi)), draw(st.dates(lo, hi))
    if mode == "single":
        d = draw(st.dates(lo, hi))
        return d, d
    if mode == "in_fy":
        a, b = draw(st.dates(first, last)), draw(st.dates(first, last))
        return min(a, b), max(a, b)
    if mode == "ordered":  # start before end, less than a year apart
        e = draw(st.dates(lo, hi))
        return e - timedelta(days=draw(st.integers(0, 364))), e
    if mode == "ordered_months":  # start month 0..11 months before the end month
        e = draw(st.dates(lo, hi))
        y, m = divmod(e.year * 12 + e.month - 1 - draw(st.integers(0, 11)), 12)
        return date(y, m + 1, 1), e
    if mode == "same_month":
        e = draw(st.dates(lo, hi))
        return e.replace(day=draw(st.integers(1, e.day))), e
    raise AssertionError(mode)


@pytest.mark.parametrize("style", sorted(STYLES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_round_trip(style, data):
    mode, render, expected, form = STYLES[style]
    fy = data.draw(st.integers(2550, 2600), label="fiscal year")
    s, e = data.draw(drawn_dates(mode, fy), label="dates")
    value = render(s, e)
    p = read_period_pair(*value, fiscal_year=fy) if isinstance(value, Pair) else read_period(value, fy)
    assert (p.start, p.end) == expected(s, e), (value, p)
    assert p.form == form, (value, p)
    assert p.assumed_year is (style in NO_YEAR_STYLES), (value, p)


def test_every_style_is_exercised():
    # the round trip is parametrized over STYLES, so each style runs; check the list covers
    # what the reader promises
    names = set(STYLES)
    for needed in ("full_th_thai_digits", "abbr_1_dot", "abbr_2_dots_glued", "abbr_no_dots", "spoken",
                   "mixed_digits", "be_prefix", "ce_thai_month", "english_abbr", "numeric_slash_be4",
                   "numeric_slash_be2", "iso", "rawang_thueng", "months_abbr", "year_on_end_only",
                   "datetime_cell", "connector_en_dash", "connector_thueng"):  # fmt: skip
        assert needed in names


def _q_range(a: int, b: int, joiner: str = "-") -> str:
    return f"{a}" if a == b else f"{a}{joiner}{b}"


# (a 2-digit year read without a fiscal year is 2500+yy, so these tests draw 2550..2599)
QUARTER_STYLES = [
    lambda a, b, fy: (f"ไตรมาสที่ {_q_range(a, b)}", fy),
    lambda a, b, fy: (to_thai_digits(f"ไตรมาส {_q_range(a, b, ' - ')}"), fy),
    lambda a, b, fy: (f"ไตรมาสที่ {_q_range(a, b, ' และ ')}", fy),
    lambda a, b, fy: (f"ไตรมาส {_q_range(a, b, ' ถึง ไตรมาส ')}", fy),
    lambda a, b, fy: (to_thai_digits(f"ไตรมาสที่ {_q_range(a, b)}/{fy}"), None),
    lambda a, b, fy: (f"ไตรมาส {_q_range(a, b)} ปีงบประมาณ {fy}", None),
    lambda a, b, fy: (f"ไตรมาส {_q_range(a, b)}/{fy % 100:02d}", None),
    lambda a, b, fy: (f"Q{_q_range(a, b, '-Q')} FY{fy - 543}", None),
]


@settings(max_examples=150, deadline=None)
@given(st.integers(2550, 2599), st.integers(1, 4), st.integers(1, 4), st.sampled_from(range(len(QUARTER_STYLES))))
def test_quarters_round_trip(fy, a, b, style):
    a, b = min(a, b), max(a, b)
    text, given_fy = QUARTER_STYLES[style](a, b, fy)
    p = read_period(text, given_fy)
    first_month, last_month = {1: 10, 2: 1, 3: 4, 4: 7}[a], {1: 12, 2: 3, 3: 6, 4: 9}[b]
    start = date(fy - 544 if a == 1 else fy - 543, first_month, 1)
    end_year = fy - 544 if b == 1 else fy - 543
    end = date(end_year, last_month, calendar.monthrange(end_year, last_month)[1])
    assert (p.start, p.end, p.form) == (start, end, "quarter"), text
    assert p.assumed_year is (given_fy is not None), text


FY_STYLES = [
    lambda fy: (to_thai_digits(f"ปีงบประมาณ {fy}"), None),
    lambda fy: (f"ปีงบประมาณ พ.ศ. {fy}", None),
    lambda fy: (to_thai_digits(f"ปีงบ {fy % 100:02d}"), None),
    lambda fy: ("ตลอดปีงบประมาณ", fy),
    lambda fy: ("ตลอดปี", fy),
    lambda fy: (f"ตลอดปีงบประมาณ {fy}", fy + 1),
]


@settings(max_examples=100, deadline=None)
@given(st.integers(2550, 2599), st.sampled_from(range(len(FY_STYLES))))
def test_fiscal_year_forms_round_trip(fy, style):
    text, given_fy = FY_STYLES[style](fy)
    assert read_period(text, given_fy) == Period(*fiscal_year_bounds(fy), "fiscal_year", "fiscal year", given_fy is not None and style != 5)


@settings(max_examples=100, deadline=None)
@given(st.integers(2550, 2600), st.dates(date(2000, 1, 1), date(2060, 12, 31)), st.sampled_from(["ภายใน", "ภายในวันที่", "ไม่เกิน"]))
def test_deadline_round_trip(fy, d, word):
    p = read_period(f"{word} {d.day} {TH_FULL[d.month]} {be(d)}", fy)
    fy_start = fiscal_year_bounds(fy)[0]
    assert p == Period(fy_start if fy_start <= d else None, d, "deadline")


# --------------------------------------------------------------------------- fuzzing

FRAGMENTS = [
    "ต.ค.", "ต.ค..", "ตค", "ก.ย.", "มี.ค", "ม.ค.", "ก.พ.", "ตุลา", "มีนาคม", "กุมภาพันธ์", "Oct", "sept",
    "๑", "๓๑", "๒๙", "30", "1", "0", "๖๖", "67", "00", "2566", "๒๕๖๗", "2023", "9999", "123456789012",
    "-", "–", "~", "ถึง", "จนถึง", "ถึงวันที่", "ระหว่าง", "ตั้งแต่", "และ", ",", "/", ".", "..", "(", ")",
    "พ.ศ.", "พศ", "ค.ศ.", "ปี", "ปีงบประมาณ", "ปีงบ", "ไตรมาส", "ไตรมาสที่", "รอบ", "เดือน", "วัน", "วันที่",
    "ภายใน", "ตลอด", "ทั้ง", "ทุก", "เป็นราย", "ละ", "แรก", "หลัง", "เป็นต้นไป", "ปัจจุบัน", "q", "fy",
    " ", "\n", "1/10/2566", "2023-10-01", "31/02/66", "ๆ", "ที่", "กอง", "\u200b",
]  # fmt: skip
fuzz_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F) | st.sampled_from("0123456789-/.~–() "), max_size=40),
    st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=14).map(" ".join),
)
fuzz_fy = st.one_of(st.none(), st.integers(2450, 2800))


def check_period(p: Period) -> None:
    assert isinstance(p, Period)
    assert p.form in FORMS
    assert p.start is None or type(p.start) is date
    assert p.end is None or type(p.end) is date
    assert isinstance(p.note, str) and isinstance(p.assumed_year, bool)
    if p.form in ("vague", "none", "invalid"):
        assert p.start is None and p.end is None
    if p.form in ("vague", "invalid"):
        assert p.note
    for lang in ("th", "en"):
        assert isinstance(describe(p, lang), str) and describe(p, lang)


@settings(max_examples=400, deadline=None)
@given(fuzz_text, fuzz_fy)
def test_fuzz_text_reader_never_raises(text, fy):
    # _read_text has no safety net, so a bug here is a real bug
    p = _read_text(text, fy)
    check_period(p)
    assert read_period(text, fy) == p
    # the digits' script does not change the reading
    q = _read_text(to_thai_digits(text), fy)
    r = _read_text(to_arabic_digits(text), fy)
    assert (q.start, q.end, q.form) == (r.start, r.end, r.form)


class Weird:
    def __str__(self):
        raise RuntimeError("no text")


any_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(),
    st.dates(),
    st.times(),
    st.text(max_size=40),
    st.binary(max_size=10),
    st.decimals(allow_nan=True),
    st.fractions(),
    st.lists(st.integers(), max_size=3),
    st.just(Weird()),
)


@settings(max_examples=300, deadline=None)
@given(any_value, any_value, st.one_of(fuzz_fy, any_value))
def test_fuzz_any_value_never_raises(a, b, fy):
    check_period(read_period(a, fy))
    check_period(read_period_pair(a, b, fy))


def test_a_remembered_reading_is_the_reading_of_that_value_year_and_end():
    from checker.periods import read_period_pair, read_period_remembered

    values = [True, 1, 1.0, 45000, 45000.0, "ต.ค. ๖๗ - ก.ย. ๖๘", "1 ต.ค. 2567", date(2024, 10, 1), None]
    for value in values * 2:  # the second time from memory
        assert read_period_remembered(value, None, 2568) == read_period(value, 2568), value
    # Months without a year take the fiscal year's: the year is part of what is remembered.
    for year in (2567, 2568, 2567):
        assert read_period_remembered("ต.ค. - ธ.ค.", None, year) == read_period("ต.ค. - ธ.ค.", year)
    assert read_period("ต.ค. - ธ.ค.", 2567) != read_period("ต.ค. - ธ.ค.", 2568)
    # And so is the end cell of a period written in two.
    single = read_period_remembered("1 ต.ค. 2567", None, 2568)
    pair = read_period_remembered("1 ต.ค. 2567", "30 ก.ย. 2568", 2568)
    assert (single, pair) == (read_period("1 ต.ค. 2567", 2568), read_period_pair("1 ต.ค. 2567", "30 ก.ย. 2568", 2568))
    assert single != pair
