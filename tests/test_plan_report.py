"""Plan and report in one workbook (plan-report-mismatch): each planned measure has its
result row and each result row a planned measure, matched by title despite numbering
and small wording changes."""

from __future__ import annotations

import random

from checker.checks.planreport import match_titles, title_key
from checker.samples import EXAMPLES
from checker.similar import Stats
from conftest import check, rows


def test_six_planned_five_reported_and_one_unplanned(build):
    report = check(build({
        "plan": [{}, {}, {}, {}, {}, {}],
        "report": [
            {"measure": "๑. มาตรการยกระดับกระบวนการปฏิบัติงาน ที่โปร่งใส และมีประสิทธิภาพ"},
            {"measure": "มาตรการเสริมสร้างมาตรฐานทางจริยธรรม"},  # "ของหน่วยงาน" dropped
            # the plan's third measure (มาตรการเผยแพร่ข้อมูลต่อสาธารณะ) has no result row
            {"measure": "มาตรการกำกับดูแลการใช้ทรัพย์สินของราชการ"},
            {"measure": "มาตรการสร้างความโปร่งใสในการจัดซื้อจัดจ้างและการใช้งบประมาณ"},  # words moved
            {"measure": "กิจกรรมยกระดับกลไกการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน"},
            {"measure": "มาตรการส่งเสริมการมีส่วนร่วมของประชาชนในการตรวจสอบการทำงาน"},  # not planned
        ],
    }), select=("plan-report-mismatch",))
    found = sorted((f.sheet, f.cell) for f in report.findings)
    assert found == [("มาตรการ", "B7"), ("รายงานผล", "B10")]
    by_sheet = {f.sheet: f for f in report.findings}
    assert "ไม่มีแถวรายงานผล" in by_sheet["มาตรการ"].message
    assert "ไม่มีในแผน" in by_sheet["รายงานผล"].message


def test_template_with_matching_plan_and_report(build):
    assert rows(check(build(EXAMPLES["report-ok.xlsx"]), select=("plan-report-mismatch",))) == []


def test_only_a_report_or_only_a_plan_is_not_compared(build):
    assert rows(check(build({"report": [{}, {}]}), select=("plan-report-mismatch",))) == []
    assert rows(check(build({"plan": [{}, {}]}), select=("plan-report-mismatch",))) == []


def test_title_keys_ignore_numbering_lead_words_and_spacing():
    assert title_key("๑. มาตรการ ย ก ร ะ ดั บ การทำงาน") == title_key("1) กิจกรรมยกระดับการทำงาน") == "ยกระดับการทำงาน"


def test_matching_many_measures_is_blocked_not_quadratic():
    rng = random.Random(7)
    words = ("จัดทำ", "คู่มือ", "ประชาสัมพันธ์", "ตรวจสอบ", "พัสดุ", "จริยธรรม", "อบรม", "รายงาน", "แผน")
    plan = ["มาตรการ" + "".join(rng.choice(words) for _ in range(8)) + str(i) for i in range(3_000)]
    report = [f"{i + 1}. {title}" for i, title in enumerate(plan[:2_990])]
    stats = Stats()
    pairs = match_titles(plan, report, 92, stats=stats)
    assert all(pairs.get(i) == i for i in range(2_990))
    assert set(range(2_990, 3_000)).isdisjoint(pairs)
    assert stats.comparisons < 3_000 * 300  # not the 9 million pairs
