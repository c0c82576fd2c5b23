"""Copy-paste across rows (duplicate-text) and within a row (copied-text): the seed
reports' copies are found at the copying cell, legitimate repeats are not, and finding
near copies does not compare every pair of rows."""

from __future__ import annotations

import random

import pytest

from checker.similar import Stats, candidate_chunks, earlier_copies
from conftest import check, rows
from seed_fixes import corrections
from seeds import HANNANGAM, KLONGKHANAK, NAKHOK, seed_workbook

COPY_RULES = ("duplicate-text", "copied-text")


def test_klongkhanak_output_item_repeated_under_another_measure(tmp_path):
    report = check(seed_workbook(KLONGKHANAK, tmp_path / "k.xlsx"), select=COPY_RULES)
    # Row ๓'s output (F26) repeats item ๒ of row ๑'s output (F14), word for word apart
    # from line-wrap spaces: "๒.ประชาสัมพันธ์คู่มือ การ ให้บริการให้ ประชาชนได้รับทราบ
    # จำนวน ๒ จุด คือ ช่องทางเว็บไซต์ บอร์ด ประชาสัมพันธ์".
    assert rows(report) == [("duplicate-text", "F26")]
    [finding] = report.findings
    assert "F14" in finding.message and "ประชาสัมพันธ์คู่มือ" in finding.message


def test_nakhok_outputs_and_outcomes_copied_between_measures(tmp_path):
    report = check(seed_workbook(NAKHOK, tmp_path / "n.xlsx"), select=COPY_RULES)
    assert sorted(rows(report)) == [
        ("duplicate-text", "G39"),  # row ๔'s output is row ๒'s (the brief's defect)
        ("duplicate-text", "H33"),  # row ๓'s outcome is row ๒'s, "หรือ" written "/"
        ("duplicate-text", "H39"),  # row ๔'s outcome is row ๒'s, one word changed
        ("duplicate-text", "H53"),  # row ๘'s outcome is row ๗'s, "ทันท่วงที" made "ทันที"
    ]
    messages = {f.cell: f.message for f in report.findings}
    assert "G32" in messages["G39"] and "H47" in messages["H53"]


def test_nakhok_continuation_row_and_stock_monitoring_are_not_copies(tmp_path):
    """Row "๙ (ต่อ)" repeats row ๙'s measure, steps and monitoring; six rows share one
    monitoring phrase. None of it is reported."""
    report = check(seed_workbook(NAKHOK, tmp_path / "n.xlsx", edits=corrections(NAKHOK)), select=COPY_RULES)
    assert rows(report) == []


def test_hannangam_steps_copied_between_unrelated_measures(tmp_path):
    report = check(seed_workbook(HANNANGAM, tmp_path / "h.xlsx"), select=COPY_RULES)
    # ๐๑๔ (C169) carries ๐๖'s steps (C140); ๐๑๗ (C175) carries ๐๘'s (C142).
    assert sorted(rows(report)) == [("duplicate-text", "C169"), ("duplicate-text", "C175")]


@pytest.mark.parametrize("seed,defect,expected", [
    (KLONGKHANAK, "output ๓ copies an item of output ๑", [("duplicate-text", "F26")]),
    (NAKHOK, "output ๔ copies output ๒", [("duplicate-text", "G39")]),
    (HANNANGAM, "steps ๐๑๔ copy steps ๐๖", [("duplicate-text", "C169")]),
])
def test_each_copy_alone(seed, defect, expected, tmp_path):
    """Each defect found on its own, in a report otherwise corrected."""
    path = seed_workbook(seed, tmp_path / "x.xlsx", edits=corrections(seed, defect))
    assert rows(check(path, select=COPY_RULES)) == expected


def test_copied_text_within_a_row(build):
    steps = "๑. ให้แต่ละส่วนงานทบทวนคู่มือการให้บริการ ระบุขั้นตอนและระยะเวลา ๒. เผยแพร่คู่มือทางเว็บไซต์และบอร์ดประชาสัมพันธ์"
    report = check(build({"report": [
        {"output": steps + " ๓. รายงานผู้บริหาร"},  # the steps pasted, an item added
        {},
        {"outcome": "ออกประกาศมาตรการเผยแพร่ข้อมูลต่อสาธารณะ ๓ ฉบับ และปรับปรุงเว็บไซต์ให้เป็นปัจจุบันทุกเดือน"},
    ]}), select=("copied-text",))
    assert rows(report) == [("copied-text", "F5"), ("copied-text", "G7")]


# ------------------------------------------------------------------ scaling

WORDS = ("จัดทำ", "คู่มือ", "การให้บริการ", "ประชาสัมพันธ์", "เว็บไซต์", "ประชาชน", "รายงาน", "ผู้บริหาร",
         "ทุกไตรมาส", "ตรวจสอบ", "พัสดุ", "ครุภัณฑ์", "แผน", "งบประมาณ", "จริยธรรม", "อบรม", "บุคลากร")


def generated(n: int, seed: int = 4) -> list[str]:
    """n texts as results are written: most share a stock opening (big blocks)."""
    rng = random.Random(seed)
    openings = ("มีการจัดทำและเผยแพร่", "ดำเนินการประชาสัมพันธ์", "จัดอบรมให้ความรู้แก่")
    return [rng.choice(openings) + "".join(rng.choice(WORDS) for _ in range(12)) + str(i) for i in range(n)]


def test_blocking_work_grows_linearly_not_quadratically():
    counts = {}
    for n in (2_000, 4_000, 8_000):
        stats = Stats()
        for _ in candidate_chunks(generated(n), stats=stats):
            pass
        counts[n] = stats.comparisons
    # Every pair would be n²/2: 32 million at 8,000. Blocking stays within a constant
    # per text (2 blocking keys x 2 chunks x 64 keys) and doubles when n doubles.
    assert all(count <= 4 * 64 * n for n, count in counts.items())
    assert counts[8_000] <= 2.2 * counts[4_000] <= 2.2 ** 2 * counts[2_000]


def test_near_copies_are_found_among_many():
    texts = generated(5_000)
    owners = list(range(len(texts)))
    # Plant copies: exact, a word dropped near the end, a slip near the start.
    texts[4000] = texts[10]
    texts[4001] = texts[20][:-12] + texts[20][-8:]
    texts[4002] = texts[30][:3] + "ก" + texts[30][4:]
    stats = Stats()
    copies = earlier_copies(texts, owners, 93, stats=stats)
    assert {k: v[0] for k, v in copies.items() if k >= 4000} == {4000: 10, 4001: 20, 4002: 30}
    # Not the 12.5 million pairs: a few hundred screened a text, a few scored.
    assert stats.screened < 5_000 * 300 and stats.comparisons < 5_000


def test_exact_copies_are_found_at_any_block_size():
    texts = ["มีการจัดทำคู่มือการให้บริการและเผยแพร่ทางเว็บไซต์ของหน่วยงานทุกเดือน"] * 3_000
    owners = [i // 2 for i in range(3_000)]  # two rows per measure
    copies = earlier_copies(texts, owners, 93)
    assert len(copies) == 2_998 and all(earlier in (0, 2) for earlier, _ in copies.values())
