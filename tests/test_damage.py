"""Damage and form: conversion damage (garbled-text), malformed links (bad-url),
numbering (numbering) and content in the wrong column (column-shift), with the Thai
normalisation they rest on."""

from __future__ import annotations

import pytest

from checker.checks.damage import url_problem
from checker.thai import (clean, compact, item_markers, mend, spaced_letter_runs, split_items, strip_numbering,
                          text_key, torn_marks)
from conftest import check, rows
from seed_fixes import corrections
from seeds import HANNANGAM, KLONGKHANAK, NAKHOK, seed_workbook

DAMAGE_RULES = ("garbled-text", "bad-url", "numbering", "column-shift")


def test_klongkhanak_spaced_letters_and_an_item_jump(tmp_path):
    report = check(seed_workbook(KLONGKHANAK, tmp_path / "k.xlsx"), select=DAMAGE_RULES)
    assert sorted(rows(report)) == [
        ("garbled-text", "B32"),  # row ๔'s measure: "ย ก ร ะ ตั บ ก ะ ร ะ บ วน …"
        ("garbled-text", "F32"),  # row ๔'s output: "เว็ บ ซ าย ต์ บ อ ร์ ต …"
        ("numbering", "F20"),  # row ๒'s output items go ๑. then ๕.
    ]


def test_a_torn_sara_am_planted_in_a_seed(tmp_path):
    """The broken ำ of domain notes §6 ("ท าแบบ") is in none of the three seeds: plant it
    in klongkhanak row ๕'s output, otherwise corrected."""
    edits = {**corrections(KLONGKHANAK), "๑. จัดทำแผนงานและ": "๑. จัดท าแผนงานและ"}
    report = check(seed_workbook(KLONGKHANAK, tmp_path / "k.xlsx", edits=edits), select=DAMAGE_RULES)
    assert rows(report) == [("garbled-text", "F38")]
    assert '"จัดท าแผนงานและ"' in report.findings[0].message


@pytest.mark.parametrize("seed", [NAKHOK, HANNANGAM])
def test_other_seeds_have_no_damage(seed, tmp_path):
    """nakhok's "๙ (ต่อ)" row and its e-mail address, hannangam's plan without a
    sequence column, its "๗ วัน" periods and item lists restarting at ๑."""
    assert rows(check(seed_workbook(seed, tmp_path / "s.xlsx"), select=DAMAGE_RULES)) == []


def test_klongkhanak_corrected_is_clean(tmp_path):
    path = seed_workbook(KLONGKHANAK, tmp_path / "k.xlsx", edits=corrections(KLONGKHANAK))
    assert rows(check(path, select=DAMAGE_RULES)) == []


# --------------------------------------------------------------- normalisation

def test_keys_fold_digits_spaces_zero_width_sara_am_and_spaced_letters():
    same = [
        "ประชาสัมพันธ์ ๒ ครั้ง ทำแบบสำรวจ",
        "ประชา\u200bสัมพันธ์ 2 ครั้ง ท\u0e4d\u0e32แบบสำรวจ",  # zero-width space, decomposed sara am
        "ประชาสัม พันธ์  ๒  ครั้ง\nทำแบบ สำรวจ",  # line wraps
        "ป ร ะ ช า สั ม พั น ธ์ ๒ ครั้ง ทำแบบสำรวจ",  # letters spaced apart
    ]
    assert len({text_key(t) for t in same}) == 1


def test_spaced_letters_and_torn_marks():
    assert spaced_letter_runs("มาตรการในการ ย ก ร ะ ตั บ ก ะ ร ะ บ วน") == ["ย ก ร ะ ตั บ ก ะ ร ะ บ"]
    assert spaced_letter_runs("ให้ กับ บุคลากร ได้ รับทราบ ต่าง ๆ ฯลฯ") == []
    assert torn_marks("ท าแบบสำรวจ") == ["ท าแบบสำรวจ"]
    assert torn_marks("ได้ท ำงาน ร่วมกัน") == ["ได้ท ำงาน"]
    assert torn_marks("ทำแบบสำรวจ ให้ กับ") == []
    assert mend("ท าแบบ ย ก ร ะ ดั บ การทำงาน") == "ทาแบบ ยกระดับ การทำงาน"


def test_items_inside_a_cell():
    text = clean("๑.จัดทำคู่มือ ๒ .เผยแพร่ ๓..รายงาน ตัวชี้วัดย่อย ๑๐.๒ พ.ศ. ๒๕๖๖ 4) ประชุม")
    assert [n for n, _, _ in item_markers(text)] == [1, 2, 3, 4]
    assert split_items(text)[1] == "เผยแพร่"
    assert split_items("ข้อความเดียว") == ["ข้อความเดียว"]
    assert [strip_numbering(t) for t in ("๑. มาตรการ", "01 มาตรการ", "(๒) มาตรการ", "มาตรการ")] == ["มาตรการ"] * 4


def test_existing_functions_keep_their_behaviour():
    assert compact("ระยะเวลาในการ ดำเนินการ") == "ระยะเวลาในการดำเนินการ"
    assert clean("  ท\u0e4dา  แบบ ") == "ทำ แบบ"


# ---------------------------------------------------------------------- links

@pytest.mark.parametrize("text", [
    "https://www.example.go.th/ita/manual",
    "www.example.go.th",  # no scheme: viewers and browsers open it
    "example.go.th/ita",
    "Saraban-nakhok@lgo.mail.go.th",  # an e-mail address
    "https://www.example.go.th/ita และ https://facebook.com/example",
    "ดูที่ https://www.example.go.th/ita. และเพจ Facebook",
    "http://192.168.1.10/ita",
    "ไฟล์ FILE.xlsx และคำสั่ง ita-check",
    "หลักฐาน https://www.example.go.th/ita/ (ต่อ) - ดูเพิ่มเติม",
    "https://www.example.go.th/ita/\nเอกสารประกอบ",
])
def test_good_links(text):
    assert url_problem(text) is None


@pytest.mark.parametrize("text,variant", [
    ("https://www.example.go.\nth/ita", "split"),
    ("https://www.example.go.th/ita/ manual.pdf", "split"),
    ("https:// www.example.go.th", "split"),
    ("www. example.go.th", "split"),
    ("htps://www.example.go.th", "scheme"),
    ("http//www.example.go.th", "scheme"),
    ("http:/www.example.go.th", "scheme"),
    ("https://example/ita", "host"),
    ("https://www.example/ita", "host"),
    ("http://localhost", "host"),
    ("https://www.example..go.th", "host"),
])
def test_bad_links(text, variant):
    assert url_problem(text)[0] == variant


# ---------------------------------------------------------------- numbering

def test_numbering_sections_restarting_and_sub_numbers(build):
    report = check(build({"report": [
        {"seq": "1"}, {"seq": "2"}, {"seq": "1"}, {"seq": "2"},  # two sections, each from 1
        {"seq": "2.1"}, {"seq": "2.2"},  # sub-numbers are not checked
    ]}), select=("numbering",))
    assert rows(report) == []


def test_numbering_backwards(build):
    report = check(build({"report": [{"seq": "1"}, {"seq": "3"}, {"seq": "2"}, {"seq": "4"}]}), select=("numbering",))
    assert rows(report) == [("numbering", "A6"), ("numbering", "A7")]
    assert [f.message for f in report.findings][1] == "ลำดับ (A7) ย้อนกลับจาก ๓ เป็น ๒"


# ------------------------------------------------------------- column shift

def test_period_heuristic_keeps_real_periods(build):
    periods = ["๗ วัน", "ไตรมาสที่ ๒", "ตลอดปีงบประมาณ", "ทุกเดือน", "ภายในเดือน ม.ค.๖๖",
               "๑ ต.ค..๖๘-๓๐ ก.ย.. ๖๙"]
    report = check(build({"report": [{"period": p} for p in periods]}), select=("column-shift",))
    assert rows(report) == []


def test_steps_in_the_responsible_column_are_one_finding_not_two(build):
    # responsible-unknown would add the nearest office to a step, which only misleads;
    # a list of real offices, one misspelt, is still judged office by office.
    report = check(build({"report": [{"responsible": "๑. ทบทวนคู่มือการให้บริการทุกงาน ๒. เผยแพร่คู่มือทางเว็บไซต์และบอร์ด"},
                                     {"responsible": "๑. สำนักปลัด ๒. กองครัง"}]}),
                   select=("column-shift", "responsible-unknown"))
    assert rows(report) == [("column-shift", "E5"), ("responsible-unknown", "E6")]


def test_bundled_examples_and_sample_rows_are_clean_under_the_text_rules(build):
    from checker.samples import EXAMPLES
    from seed_fixes import TEXT_RULES

    for case in (*EXAMPLES.values(), {"plan": [{}] * 12, "report": [{}] * 12}):
        # Twelve rows repeat the six sample measures: the same measure twice is one measure.
        assert rows(check(build(case), select=TEXT_RULES)) == []
