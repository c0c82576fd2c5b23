"""The per-cell damage rules skip most cells on cheap necessary conditions and find letter
runs and item markers with one regex each. These tests hold the fast code to the plain
definitions it replaced (copied below as they were): on generated text mixing ordinary
Thai, spaced-out letters, torn marks, standalone marks, digits, links and odd white
space, both must give the same answer, and a shortcut that skips a cell the definition
would flag fails here."""

from __future__ import annotations

import re
import unicodedata
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from checker.checks import damage, scan
from checker.document import load_document
from checker.model import Cell, Row, Table
from checker.ruleset import load_rules
from checker.thai import (cell_text, clean, compact, is_letter_fragment, item_markers, item_numbers, spaced_letter_runs,
                          torn_marks)

# ------------------------------------------------------------ the definitions

_TOKEN = re.compile(r"\S+")
_ITEM_MARKER = re.compile(r"(?:(?<=\s)|^)([0-9๐-๙]{1,2})\s?(?:\.+|\))(?![0-9๐-๙])")


def reference_spaced_letter_runs(text: str, min_run: int = 4) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for token in _TOKEN.findall(clean(text)):
        if is_letter_fragment(token):
            current.append(token)
            continue
        if len(current) >= min_run:
            runs.append(" ".join(current))
        current = []
    if len(current) >= min_run:
        runs.append(" ".join(current))
    return runs


def reference_item_markers(text: str) -> list[tuple[int, int, int]]:
    return [(int(m.group(1).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789"))), m.start(), m.end())
            for m in _ITEM_MARKER.finditer(text)]


def reference_garbled(text: str, min_run: int) -> tuple[str, str] | None:
    if "\ufffd" in text:
        index = text.index("\ufffd")
        return "replacement", text[max(0, index - 10): index + 10]
    if (match := damage._MOJIBAKE.search(text)) is not None:
        return "mojibake", text[max(0, match.start() - 5): match.start() + 15]
    if (match := damage._LOST.search(text)) is not None:
        return "lost", text[max(0, match.start() - 10): match.end() + 10]
    if runs := reference_spaced_letter_runs(text, min_run):
        return "spaced", runs[0][:60]
    if torn := torn_marks(text):
        return "torn", torn[0]
    return None


def reference_url_problem(text: str) -> tuple[str, str] | None:
    if "/" not in text and "." not in text:
        return None
    for match in damage._URL_START.finditer(text):
        body = damage._URL_BODY.match(text, match.start())
        link = body.group(0) if body else ""
        if "@" in link or not link:
            continue
        after = text[match.start() + len(link):]
        following = after.lstrip()
        word = following.split(maxsplit=1)[0] if following.strip() else ""
        next_token = (damage._ASCII_TOKEN.fullmatch(word) if word and (word[0].isalnum() or word[0] in "/?#&=%_~")
                      else None)
        trimmed = link.rstrip(damage._TRAILING) or link
        stub = link == match.group(0) and (match.group("scheme") or match.group("www"))
        cut = after[:1].isspace() and next_token is not None and (stub or not damage._URL_START.match(following) and (
            damage._OPEN_END.search(link) is not None or "/" in next_token.group(0)
            or (trimmed.lower().startswith("www.") and "." not in trimmed[4:])))
        if cut:
            return "split", (link + " " + next_token.group(0))[:80]
        scheme = match.group("scheme")
        if scheme is not None and not damage._GOOD_SCHEME.match(scheme.replace(" ", "")):
            return "scheme", trimmed[:80]
        rest = trimmed[len(scheme):] if scheme else trimmed
        host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
        if not damage._good_host(host):
            return "host", trimmed[:80]
    return None


def reference_jump(text: str) -> tuple[int, int] | None:
    markers = reference_item_markers(text)
    for (before, _, _), (number, _, _) in zip(markers, markers[1:]):
        if number != 1 and number != before + 1:
            return before + 1, number
    return None


# ------------------------------------------------------------ generated text

_WORDS = ["การ", "ประชาสัมพันธ์", "ให้", "กับ", "บุคลากร", "ได้", "รับทราบ", "และ", "ที่", "ใน", "ณ", "ทำแบบสำรวจ",
          "ต่าง", "ๆ", "ฯ", "ฯลฯ", "ๆๆ", "เว็บไซต์", "มาตรการ", "ผู้บริหาร", "ไตรมาส", "พ.ศ.", "ม.ค.", "(ต่อ)",
          "e-Service", "ITA", "Do's", "No Gift Policy"]
_DAMAGE = ["ย ก ร ะ ดั บ", "ก ร ะ บ วน", "เว็ บ ซ าย ต์", "ท าแบบ", "ได้ท ำงาน", "ก ข ค", "ก ข ค ง", "ั ิ ่ ้",
           "ก ๆ ข ค ง", "ๆ ๆ ๆ ๆ", "ฯ ฯ ฯ ฯ", "à¸à¸²à¸£", "Ã©", "à", "\ufffd", "??", "???", "?"]
_NUMBERS = ["๑.", "๒ .", "๓..", "1)", "2.", "๑๐.๒", "๑.๑", "๒๕๖๖", "10.", "๙ (ต่อ)", "๐๑", "12)", "123.", "(๒)"]
_LINKS = ["https://www.example.go.th/ita", "www.example.go.th", "example.go.th/ita", "htps://www.example.go.th",
          "http//www.example.go.th", "http:/x.go.th", "https://example/ita", "https://www.example.go.", "th/ita",
          "https://", "www.", "HTTP://WWW.EXAMPLE.COM", "ftp://x.org", "x.ınfo", "x.İnfo", "x.net/", "saraban@x.go.th",
          "http://192.168.1.10/ita", "hhttps;//x.com", "ſ", "K", "tp", "TP", "www", ".th", ".TH",
          "https://www.com", "https://WWW.x.go.th", "http://x.go.th.", "https://x.go.th/a?b=www.evil",
          "https://a-.go.th", "https://-a.go.th/", "https://x.go.th:8080/a", "https://x.co1",
          "https://x.go.th/a.b-c_d/",
          "https://www.www.x.th", "https:///x.go.th", "https://x.go.th/ก", "https://user@x.go.th/"]
# Thai letters, marks and digits; Latin; invisible characters and combining marks that
# cleaning removes or reorders.
_CHARS = ("".join(map(chr, range(0x0E01, 0x0E5C))) + "abcxyzABC0129.-/:@?" + "\u200b\u00ad\u0301\u0334\u0e4d"
          + "àÃ¸¹")
_SPACES = [" ", " ", " ", "", "  ", "\n", "\t", "\xa0", "\u3000", "\u2003", "\u200b "]

pieces = st.one_of(st.sampled_from(_WORDS), st.sampled_from(_DAMAGE), st.sampled_from(_NUMBERS),
                   st.sampled_from(_LINKS), st.text(alphabet=_CHARS, max_size=4))
texts = st.lists(st.tuples(pieces, st.sampled_from(_SPACES)), max_size=14).map(
    lambda parts: "".join(piece + space for piece, space in parts))

FAST = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ------------------------------------------------------------ the properties

@FAST
@given(texts, st.integers(min_value=-1, max_value=6))
@example("มาตรการในการ ย ก ร ะ ดั บ ก ร ะ บ วน ก าร", 4)
@example("ก ข ค ง", 4)
@example("ก ๆ ข ค ง จ", 4)
@example("  ก ข", 1)
def test_letter_runs_by_one_regex_are_the_runs_token_by_token(text, min_run):
    assert spaced_letter_runs(text, min_run) == reference_spaced_letter_runs(text, min_run)


@FAST
@given(texts)
@example("๑.จัดทำคู่มือ ๒ .เผยแพร่ ๓..รายงาน ตัวชี้วัดย่อย ๑๐.๒ พ.ศ. ๒๕๖๖ 4) ประชุม")
@example("12. ก 123. ข\n๔) ค")
@example("๑. ก ๓. ข")
@example("1) ก 5) ข")
def test_item_markers_are_the_same(text):
    assert item_markers(text) == reference_item_markers(text)
    assert item_numbers(text) == [number for number, _, _ in reference_item_markers(text)]
    assert damage._jump(text) == reference_jump(text)


def _garbled_by_rule(text: str, min_run: int) -> list[tuple[str, str]]:
    """What the garbled-text rule finds in one cell holding `text` as read: its judge's
    verdict on the text (the rule reports it at each cell holding the text)."""
    verdict = damage.garbled_judge(None, SimpleNamespace(options={"min_run": min_run}))(text)
    return [verdict] if verdict else []


@FAST
@given(texts, st.integers(min_value=-1, max_value=6))
@example("ท าแบบสำรวจ", 4)
@example("ก\u3000ข\u3000ค\u3000ง", 4)
@example("ก \u0301\u200b\u0e38ข", 4)  # cleaning puts the Thai mark first after the space
@example("ย ก ร ะ", 2)
def test_garbled_text_skips_no_cell_the_definition_flags(raw, min_run):
    text = cell_text(raw)  # the rule reads cells as the walk gives them: not empty, clean
    assume(text)
    expected = reference_garbled(text, min_run)
    assert _garbled_by_rule(text, min_run) == ([expected] if expected else [])


@FAST
@given(texts)
@example("https://www.example.go.\nth/ita")
@example("ดูที่ x.İnfo/ita และ x.ınfo")
@example("hhttps;//x.com")
@example("https://www.com")
@example("https://www.x.go.th/a/b.pdf")
@example("https://x.go.th:8080/a")
@example("https://x.go.th/a?b=www.evil")
@example("https://x.go.th/a?b=https://y")
@example("https://x.go.th/a:www.evil")
def test_url_problem_skips_no_cell_with_a_bad_link(text):
    assert damage.url_problem(text) == reference_url_problem(text)
    assert damage.url_problem(cell_text(text)) == reference_url_problem(cell_text(text))


def test_the_white_space_class_is_what_regex_and_python_call_white_space():
    spelt = re.compile(f"[{damage._WHITE}]")
    for code in range(0x110000):
        char = chr(code)
        assert bool(spelt.match(char)) == char.isspace() == bool(re.match(r"\s", char)), hex(code)


def test_marks_that_cleaning_can_reorder_are_all_suspect_after_white_space():
    """The garbled-text shortcut relies on it: any combining mark, the only characters
    canonical ordering moves, is outside what may follow white space unnoticed."""
    may_follow = re.compile(f"[{damage._MAY_FOLLOW_SPACE}]")
    movable = [chr(c) for c in range(0x110000) if unicodedata.combining(chr(c))]
    assert movable and not [c for c in movable if may_follow.match(c)]


def test_the_url_hint_is_in_every_link_start():
    for text in _LINKS + ["hhhttttpppsss : //x", "WwW.x", "a.GO.TH", "a.Com", "a.ORG", "a.nEt", "a.InFo"]:
        for match in damage._URL_START.finditer(text):
            assert damage._URL_HINT.search(text, match.start()), text


def reference_sequence(table):
    column = table.columns.get("seq")
    if column is None:
        return
    previous = None
    previous_measure = None
    for row in table.rows:
        cell = row.cells["seq"]
        if row.continuation or cell.origin or not cell.text or damage._SUB_NUMBER.match(cell.text):
            continue
        number = damage.seq_number(cell.text)
        if number is None:
            continue
        measure = compact(row.text("measure"))
        variant = None
        if previous is None or number == 1 or number == previous + 1:
            pass
        elif number == previous:
            variant = None if measure and measure == previous_measure else "repeat"
        elif number < previous:
            variant = "backwards"
        else:
            variant = "skip"
        if variant:
            yield row.number, variant, previous + 1, number, previous
        if variant != "backwards" and variant != "repeat":
            previous = number
        previous_measure = measure


_SEQ_ROWS = st.lists(st.tuples(
    st.sampled_from(["1", "2", "3", "๓", "4.", "๐๔", "5)", "2.1", "", "๙ (ต่อ)", "-", "(๖)"]),
    st.sampled_from(["", "มาตรการ ก", "มาตรการ  ก", "มาตรการ ข", "-", "มาตรการ\u200bก"]),
    st.booleans(), st.integers(min_value=0, max_value=6)), max_size=12)


@FAST
@given(_SEQ_ROWS)
def test_the_sequence_keys_measures_only_where_a_number_repeats(rows_spec):
    rows = []
    for number, (seq, measure, continuation, merged) in enumerate(rows_spec, start=5):
        cells = {"seq": Cell("s", number, 1, seq or None, seq, (number - 1, 1) if merged == 0 else None),
                 "measure": Cell("s", number, 2, measure or None, measure, None)}
        rows.append(Row(number=number, cells=cells, continuation=continuation))
    table = Table(sheet="s", kind="report", header_row=4, columns={"seq": 1, "measure": 2}, header_text={},
                  rows=tuple(rows))
    found = [(p.row, p.variant, p.params["expected"], p.params["found"], p.params["previous"])
             for p in damage._sequence(table)]
    assert found == list(reference_sequence(table))


# ------------------------------------------------------------ the walk

def reference_walk(document):
    fields = {(t.sheet, row.number, cell.column): field
              for t in document.tables for row in t.rows for field, cell in row.cells.items()}
    for sheet in document.book.sheets:
        if sheet.hidden:
            continue
        for r, values in enumerate(sheet.rows, start=1):
            for c, value in enumerate(values, start=1):
                if value is None or isinstance(value, (int, float)) or (r, c) in sheet.origins:
                    continue
                text = cell_text(value)
                if text:
                    yield (sheet.name, r, c, text, fields.get((sheet.name, r, c)))


def _merged_workbook(path):
    """A results report with merged cells in the title and the table, numbers, a date,
    a boolean, white space only, and a hidden sheet."""
    import datetime

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "รายงานผล"
    sheet.append(["แบบรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส เทศบาลตำบลนาโคก"])
    sheet.merge_cells("A1:I1")
    sheet.append([None, "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘", None, 2568, True, datetime.date(2025, 1, 5), "  "])
    sheet.append([])
    sheet.append(["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ",
                  "ผลลัพธ์", "การติดตามประเมินผล", "หลักฐาน"])
    for n in range(1, 6):
        sheet.append([f"{n}.", f"มาตรการที่ {n} ย ก ร ะ ดั บ", "๑. จัดทำ ๒. เผยแพร่", "ต.ค. ๖๗ - ก.ย. ๖๘", "กองคลัง",
                      "ท าแบบสำรวจ", 12.5, None, "https://www.example.go.th/ita"])
    sheet.merge_cells("B5:B6")
    sheet.merge_cells("E7:E9")
    sheet.merge_cells("G5:H5")
    hidden = workbook.create_sheet("ซ่อน")
    hidden.append(["ข้อความที่ซ่อนอยู่"])
    hidden.sheet_state = "hidden"
    workbook.save(path)
    return path


@pytest.mark.parametrize("case", ["seeds", "examples", "merged"])
def test_text_cells_are_the_cells_walked_one_by_one(case, tmp_path, build):
    from checker.samples import EXAMPLES
    from seeds import HANNANGAM, KLONGKHANAK, NAKHOK, seed_workbook

    if case == "seeds":
        paths = [seed_workbook(seed, tmp_path / f"{i}.xlsx") for i, seed in enumerate((NAKHOK, HANNANGAM, KLONGKHANAK))]
    elif case == "examples":
        paths = [build(example) for example in EXAMPLES.values()]
    else:
        paths = [_merged_workbook(tmp_path / "merged.xlsx")]
    for path in paths:
        document = load_document(str(path))
        found = [tuple(cell) for cell in scan._walk(document)]
        assert found == list(reference_walk(document))
        # The rules judge the distinct texts, then walk to the cells of those they flag.
        assert {text for _, _, _, text, _ in found} <= scan.distinct_texts(document)
        flagged = {text for _, _, _, text, _ in found[::3]}
        assert [tuple(cell) for cell in scan.cells_with(document, flagged)] == [c for c in found if c[3] in flagged]
        assert any(field for *_, field in found)
        if case == "merged":
            assert any(sheet.origins for sheet in document.book.sheets)
            assert any(sheet.hidden for sheet in document.book.sheets)


def test_the_rules_find_what_they_did_on_a_damaged_seed(tmp_path):
    """The klongkhanak seed's spaced letters and item jump, through the whole rule."""
    from seeds import KLONGKHANAK, seed_workbook

    rules = load_rules().by_id()
    document = load_document(str(seed_workbook(KLONGKHANAK, tmp_path / "k.xlsx")))
    found = [(p.column, p.row) for p in damage.garbled_text(document, rules["garbled-text"])]
    expected = [(c.column, c.row) for c in scan._walk(document) if reference_garbled(c.text, 4)]
    assert found == expected and found
