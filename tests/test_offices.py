"""Who is named in a responsible cell: the forms real reports use."""

from __future__ import annotations

import pytest

from checker.offices import unknown_parts
from checker.reference import reference

ACCEPTED = [
    "สำนักปลัด", "สำนักงานปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "กองการศึกษาฯ",
    "กองสาธารณสุขและสิ่งแวดล้อม", "สำนักปลัด (งานนิติการ)", "สำนักปลัด (งานกรเจ้าหน้าที่)",
    "กองคลัง (งานพัสดุ / งานทะเบียนทรัพย์สินและพัสดุ)", "สำนักปลัด (งานนิติกร) และงานตรวจสอบภายใน",
    "- สำนักปลัด - กองคลัง - กองช่าง", "สำนักปลัด\nกองคลัง", "กองคลัง/กองช่าง", "กองคลัง, กองช่าง",
    "ทุกส่วนราชการ", "ทุกกอง", "หัวหน้าส่วนราชการ", "คณะทำงานขับเคลื่อนจริยธรรม", "ปลัด อบต.",
    "ผู้อำนวยการกองคลัง", "นางสาวสมใจ ตั้งใจงาน", "นักวิชาการตรวจสอบภายใน", "งานตรวจสอบภายใน",
    "กองส่งเสริมคุณภาพชีวิตและสิ่งแวดล้อม",  # an office no list has, well formed
    "สำนักปลัด\u200b", "๑. สำนักปลัด ๒. กองคลัง",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted(text):
    assert unknown_parts(text, reference()) == []


@pytest.mark.parametrize("text,part,nearest,typo", [
    ("กองครัง", "กองครัง", "กองคลัง", True),
    ("สำนักปลัต", "สำนักปลัต", "สำนักปลัด", True),
    ("- สำนักปลัด - กองช่างง", "กองช่างง", "กองช่าง", True),
    ("ประชาชน", "ประชาชน", None, False),
    ("ตามความเหมาะสม", "ตามความเหมาะสม", None, False),
])
def test_flagged(text, part, nearest, typo):
    (found,) = unknown_parts(text, reference())
    assert found.text == part and found.typo == typo
    if nearest:
        assert found.nearest == nearest
