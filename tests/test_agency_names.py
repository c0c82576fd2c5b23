"""Agency, district and province names in free text (agency-name-mismatch,
foreign-agency): the real defects of the seed reports are found at their cells, the
corrected reports are clean, and the forms names are written in are read right."""

from __future__ import annotations

import pytest

from checker.agencies import Own, agency_mentions
from checker.document import load_document
from checker.model import Metadata
from conftest import check, rows
from seed_fixes import TEXT_RULES, corrections
from seeds import HANNANGAM, KLONGKHANAK, NAKHOK, seed_workbook

AGENCY_RULES = ("agency-name-mismatch", "foreign-agency")


def cells_with(path, text: str) -> list[str]:
    """The cells (A1 refs) whose text holds `text`, in sheet order."""
    found = []
    for sheet in load_document(str(path)).book.sheets:
        for r in range(1, sheet.max_row + 1):
            for c, value in enumerate(sheet.texts(r), start=1):
                if text in value:
                    found.append(sheet.cell(r, c).ref)
    return found


def test_nakhok_another_agency_and_a_misspelt_type_word(tmp_path):
    path = seed_workbook(NAKHOK, tmp_path / "nakhok.xlsx")
    report = check(path, select=AGENCY_RULES)
    [misspelt] = cells_with(path, "ของคการบริหารส่วนตำบลนาโคก")  # twice in one steps cell
    [foreign] = cells_with(path, "องค์การ บริหารส่วนตำบลหลักสอง")
    assert (misspelt, foreign) == ("C66", "G66")
    assert sorted(rows(report)) == [("agency-name-mismatch", "C66"), ("foreign-agency", "G66")]
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["agency-name-mismatch"].hint == 'แก้เป็น "องค์การบริหารส่วนตำบลนาโคก"'
    assert "หลักสอง" in by_rule["foreign-agency"].message


def test_hannangam_another_provinces_office(tmp_path):
    path = seed_workbook(HANNANGAM, tmp_path / "hannangam.xlsx")
    report = check(path, select=AGENCY_RULES)
    cells = cells_with(path, "จังหวัดจันทบุรี")
    assert cells == ["C102", "C115", "C130"]  # the analysis notes above the plan table
    assert sorted(rows(report)) == [("foreign-agency", c) for c in cells]
    assert all("หนองบัวลำภู" in f.message for f in report.findings)


@pytest.mark.parametrize("seed", [KLONGKHANAK, NAKHOK, HANNANGAM])
def test_corrected_seed_reports_are_clean(seed, tmp_path):
    """The false-alarm guard: with their defects corrected, the real reports raise no
    finding from any of the copy-paste and damage rules."""
    report = check(seed_workbook(seed, tmp_path / f"{seed}.xlsx", edits=corrections(seed)), select=TEXT_RULES)
    assert rows(report) == []


OWN = Own.from_metadata(Metadata(agency="องค์การบริหารส่วนตำบลนาโคก", district="เมืองสมุทรสาคร", province="สมุทรสาคร"))


def verdicts(text: str, own: Own = OWN) -> list[tuple[str, str, str]]:
    return [(m.kind, m.verdict, m.name) for m in agency_mentions(text, own)]


@pytest.mark.parametrize("text", [
    "เผยแพร่ทางเว็บไซต์ขององค์การบริหารส่วนตำบลนาโคก",
    "เว็บไซต์ของ อบต.นาโคก จ.สมุทรสาคร",
    "facebook. อบต. นาโคก",
    "อบต นาโคก",
    "องค์การ บริหารส่วนตำบลนาโคก",  # a line wrap inside the type word
    "องค์การบริหารส่วน ตำบลนา โคก",  # and inside the name
    "ให้กับองค์การบริหารส่วนตำบลนาโคกได้เป็นอย่างดี",  # words glued after the name
    "อำเภอเมืองสมุทรสาคร จังหวัดสมุทรสาคร",
    "อ.เมือง จ.สมุทรสาคร",
])
def test_own_agency_in_every_form(text):
    assert all(v[1] == "own" for v in verdicts(text) if v[0] == "agency")
    assert not [v for v in verdicts(text) if v[1] in ("foreign", "misspelt")]


@pytest.mark.parametrize("text", [
    "ตามขั้นตอนที่องค์การบริหารส่วนตำบลกำหนด",
    "องค์การบริหาร ส่วนตำบลควรมีการประชุมชี้แจง",
    "ขององค์การ บริหารส่วนตำบล พร้อมทั้งกำหนดผู้รับผิดชอบ",
    "ภายในองค์การบริหาร ส่วนตำบลจำนวน ๖๐ คน",
    "ปลัด อบต. และหัวหน้าส่วนราชการ",
    "รายงานผลต่อนายกองค์การบริหารส่วนตำบลทุกไตรมาส",
    "องค์การบริหารส่วนตำบล",
    "ตรวจชื่อหน่วยงาน อำเภอ จังหวัด และปีงบประมาณ",
    "ระดับจังหวัด และระดับอำเภอ",
    "ปรึกษาทนายความ และอดทนต่อแรงกดดัน",  # ทน inside words
])
def test_generic_self_references_are_not_names(text):
    assert [v for v in verdicts(text) if v[1] in ("foreign", "misspelt")] == []


@pytest.mark.parametrize("text,expected", [
    ("บอร์ดประกาศขององค์การ บริหารส่วนตำบลหลักสอง และ", [("agency", "foreign", "หลักสอง")]),
    ("ตามแบบของ อบต.บ้านใหม่ได้ดำเนินการ", [("agency", "foreign", "บ้านใหม่")]),
    ("ตามแบบของ ทต บ้านใหม่ และ ทม.บางบัวทอง", [("agency", "foreign", "บ้านใหม่"), ("agency", "foreign", "บางบัวทอง")]),
    ("เทศบาลเมืองมาบตาพุด", [("agency", "foreign", "มาบตาพุด")]),
    ("คณะกรรมการปราบปรามการทุจริตจังหวัดจันทบุรีเพื่อไม่ให้", [("province", "foreign", "จันทบุรี")]),
    ("อ.บ้านแพ้ว จ.สมุทรสาคร", [("district", "foreign", "บ้านแพ้ว")]),
    ("ประกาศของคการบริหารส่วนตำบลนาโคก", [("agency", "misspelt", "นาโคก")]),
    ("องค์กรบริหารส่วนตำบลนาโคก", [("agency", "misspelt", "นาโคก")]),
    ("เว็บไซต์ อบต.นาโดก", [("agency", "misspelt", "นาโดก")]),
    ("เทศบาลตำบลนาโคก", [("agency", "misspelt", "นาโคก")]),
    ("จังหวัดสมุทรสาดร", [("province", "misspelt", "สมุทรสาดร")]),
])
def test_other_and_misspelt_names(text, expected):
    assert [v for v in verdicts(text) if v[1] != "own"] == expected


@pytest.mark.parametrize("text", [
    "ชื่อเต็ม เช่น องค์การบริหารส่วนตำบลคลองขนาก",  # the template's own help text
    "ศึกษาดูงาน ณ เทศบาลนครเชียงใหม่",
    "ได้รับงบอุดหนุนจากองค์การบริหารส่วนจังหวัดสมุทรสาคร",  # the own province's อบจ
])
def test_examples_visits_and_the_own_provinces_bodies_are_not_reported(text):
    assert [v for v in verdicts(text) if v[1] in ("foreign", "misspelt")] == []


def test_without_a_stated_agency_nothing_is_compared():
    assert agency_mentions("องค์การบริหารส่วนตำบลหลักสอง จังหวัดจันทบุรี", Own.from_metadata(Metadata())) == []


# ------------------------------------------------------------------ the cheap prefilter
#
# agency_mentions skips the three scans on a text whose letters hold none of the words a
# scan can match (checker.agencies._HINT and _may_name). The tests below build texts from
# the words the scans look for, written every way (spaced by line wraps, short forms,
# misspelt type words), mixed with random Thai, and check that skipping never changes the
# answer: the skipped scans find nothing, and the mentions equal the full scans'.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from checker import agencies  # noqa: E402
from checker.thai import clean  # noqa: E402

_WORDS = [
    "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
    "บริหารส่วน", "ตำบล", "จังหวัด", "อำเภอ", "องค์การ", "เทศบาล",
    "องคการบริหารส่วนตำบล", "ของคการบริหารส่วนตำบล", "องค์กรบริหารส่วนตำบล", "องค์การ-บริหารส่วนตำบล",
    "อบต.", "อบต", "อบจ.", "อบจ", "ทต.", "ทน ", "ทม.", "ทต ", "ทน", "แทน", "อดทน", "ทมิฬ", "จ.", "อ.", "จ", "อ", ".",
    "นาโคก", "นาโดก", "หลักสอง", "บ้านใหม่", "สมุทรสาคร", "สมุทรสาดร", "จันทบุรี", "เมือง", "เมืองสมุทรสาคร",
    "บ้านแพ้ว", "กำหนด", "และ", "ของ", "ที่", "เช่น", "ศึกษาดูงาน", "นายก", "ระดับ", "ประจำปี",
    "๑.", "1.", "ITA", "(", ")", "\u0e4d\u0e32",
]
_SPACES = [" ", "  ", "\n", "\t", "\u00a0", "\u200b"]


@st.composite
def _spaced_word(draw):
    """A word as a PDF or a hurried typist leaves it: white space (or an invisible
    character) between some of its letters."""
    word = draw(st.sampled_from(_WORDS))
    out = []
    for letter in word:
        out.append(letter)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(_SPACES)))
    return "".join(out)


_PIECE = st.one_of(
    st.sampled_from(_WORDS),
    _spaced_word(),
    st.sampled_from(_SPACES),
    st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=6),
    st.text(st.sampled_from("กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำิีึืุูเแโใไ่้๊๋็์ ."), max_size=6),
)
_TEXTS = st.lists(_PIECE, max_size=12).map("".join)
_OWNS = [
    OWN,
    Own.from_metadata(Metadata(agency="เทศบาลตำบลหลักสอง", district="บ้านแพ้ว", province="จันทบุรี")),
    Own.from_metadata(Metadata(agency="องค์การบริหารส่วนตำบลนาโคก")),  # no district, no province
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_prefilter_lets_through_every_text_a_scan_matches(text):
    text = clean(text)
    letters = agencies._letters(text)
    hinted = agencies._HINT.search(letters) is not None
    agency, province, district = agencies._may_name(text, letters)
    if agencies._AGENCY.search(text):
        assert hinted and agency
    if agencies._PROVINCE_WORD.search(text):
        assert hinted and province
    if agencies._DISTRICT_WORD.search(text):
        assert hinted and district


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS, st.sampled_from(_OWNS))
def test_mentions_equal_the_full_scans(text, own):
    assert agency_mentions(text, own) == agencies._scan(clean(text), own, agencies.places())


@pytest.mark.parametrize("text", [
    "อบต.หลักสอง", "อบจ หลักสอง", "ทต. หลักสอง", "ทน หลักสอง", "ทม.หลักสอง",
    "องค์การ\nบริหาร ส่วน ตำบลหลักสอง", "เท ศบาล เมืองหลักสอง", "ของคการบริหาร ส่วนตำบลหลักสอง",
    "จ ัง หวัดจันทบุรี", "จ.จันทบุรี", "อำ เภอบ้านแพ้ว", "อ.บ้านแพ้ว", "อ\u200bำเภอบ้านแพ้ว",
])
def test_prefilter_lets_through_every_form_of_a_mention(text):
    assert [v for v in verdicts(text) if v[1] == "foreign"]
    assert verdicts(text) == [(m.kind, m.verdict, m.name)
                              for m in agencies._scan(clean(text), OWN, agencies.places())]


def _name_part_by_words(text: str, start: int, vocabulary) -> str:
    """The name cut where the first of the words it ends at starts (the loop the single
    search of `Places.name_cut` replaced)."""
    match = agencies._NAME_RUN.match(text, start)
    if not match:
        return ""
    run = match.group(0)
    cut = len(run)
    for word in (*agencies._NAME_END, *vocabulary.generic):
        index = run.find(word, 2)
        if 0 < index < cut:
            cut = index
    return run[:cut]


@settings(max_examples=500, deadline=None)
@given(_TEXTS)
def test_name_part_cuts_at_the_first_word_it_ends_at(text):
    vocabulary = agencies.places()
    for start in range(len(text)):
        assert agencies._name_part(text, start, vocabulary) == _name_part_by_words(text, start, vocabulary)


def _reference_patterns():
    """The three scans as written before they said their first letters up front."""
    import re
    spaced, full = agencies._spaced, agencies._FULL_TYPES
    return (
        re.compile("(?P<full>" + "|".join(spaced(t) for t in full) + ")"
                   r"|(?P<short>(?<![\u0e01-\u0e4e.])(?:อบจ|อบต)\.?|(?<![\u0e01-\u0e4e.])(?:ทน|ทม|ทต)(?:\.|(?=\s)))"
                   "|(?P<anchor>" + spaced("บริหารส่วน") + r"\s*(?:" + spaced("ตำบล") + "|" + spaced("จังหวัด") + "))"),
        re.compile("(?:" + spaced("จังหวัด") + r"|(?<![\u0e01-\u0e4e.])จ\.)\s*"),
        re.compile("(?:" + spaced("อำเภอ") + r"|(?<![\u0e01-\u0e4e.])อ\.)\s*"),
    )


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_scans_match_as_their_reference_patterns(text):
    text = clean(text)
    for fast, reference in zip((agencies._AGENCY, agencies._PROVINCE_WORD, agencies._DISTRICT_WORD),
                               _reference_patterns()):
        assert ([(m.span(), m.groupdict()) for m in fast.finditer(text)]
                == [(m.span(), m.groupdict()) for m in reference.finditer(text)])


_MESSY = st.text(st.sampled_from(
    "กขอบทจนมตำาิีุู่้๊๋็์ํ.e\u0301\u0323 \n\t\u00a0\u200b\u200c\u2060\ufeff\u00ad"), max_size=20)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.one_of(_MESSY, _PIECE), max_size=6).map("".join))
def test_a_cleaned_text_is_read_as_cleaned_again(text):
    once = clean(text)
    assert agency_mentions(once, OWN, cleaned=True) == agencies._scan(clean(once), OWN, agencies.places())


@pytest.mark.parametrize("text", ["อำเภอบ้านแพ\u0e49\u200b\u0e38ว", "ก\u0e48\u200b\u0e38 อ.บ้านแพ\u0e49\u200b\u0e38ว"])
def test_an_invisible_character_between_marks_is_gone_before_they_are_ordered(text):
    """An invisible character between a tone mark and a lower vowel used to keep them out
    of order through the first cleaning; it is removed before normalising now."""
    once = clean(text)
    assert clean(once) == once
    assert agency_mentions(once, OWN, cleaned=True) == agency_mentions(text, OWN) != []