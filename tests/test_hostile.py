"""Hostile and broken input: keep working, lose nothing, let nothing in."""

from __future__ import annotations

import hashlib
import json
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import reader
from checker.checks import CHECKS
from checker.cli import main
from checker.document import load_document
from checker.model import get_column_letter
from checker.reader import Limits, Unreadable, read_workbook
from checker.ruleset import load_rules
from conftest import check, rows


def _rezip(source: Path, target: Path, change) -> Path:
    """Copy a workbook, passing each member's bytes through `change(name, data)`;
    a change returning None drops the member."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = change(item.filename, old.read(item))
            if data is not None:
                new.writestr(item.filename, data)
    return target


def _reason(path: Path, limits: Limits | None = None) -> str:
    with pytest.raises(Unreadable) as caught:
        read_workbook(path, limits)
    return caught.value.reason


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
          + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
          + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def test_billion_laughs_is_refused_before_parsing(build, tmp_path):
    good = build({"report": [{}]})
    bomb = _rezip(good, tmp_path / "laughs.xlsx", lambda n, d: LAUGHS if n == "xl/worksheets/sheet4.xml" else d)
    assert _reason(bomb) == "xml_entities"
    report = check(bomb)
    assert rows(report) == [("unreadable-file", None)] and "อันตราย" in report.findings[0].message


def test_entities_in_any_part_are_refused(build, tmp_path):
    good = build({"report": [{}]})
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    bad = _rezip(good, tmp_path / "xxe.xlsx", lambda n, d: doctype + d.split(b"?>", 1)[-1] if n == "xl/styles.xml" else d)
    assert _reason(bad) == "xml_entities"


def test_member_that_inflates_hugely_is_a_zip_bomb(build, tmp_path):
    good = build({"report": [{}]})
    padding = b"<!-- " + b"0" * 20_000_000 + b" -->"  # 20 MB that packs into a few kB
    bomb = _rezip(good, tmp_path / "bomb.xlsx", lambda n, d: d.replace(b"<sheetData>", padding + b"<sheetData>", 1)
                  if n == "xl/worksheets/sheet4.xml" else d)
    assert _reason(bomb) == "zip_bomb"
    assert read_workbook(bomb, Limits(ratio=100_000)).sheets  # readable once the limit is raised


def test_unpacked_size_limit_uses_the_zip_headers(build):
    path = build({"report": [{}]})
    assert _reason(path, Limits(unpacked_mb=0.01)) == "too_large"
    assert _reason(path, Limits(file_mb=0.001)) == "too_large"


def test_row_cell_and_sheet_limits(build):
    path = build({"report": [{}] * 30})
    assert _reason(path, Limits(rows=20)) == "too_many_rows"
    assert _reason(path, Limits(cells=50)) == "too_many_cells"
    assert _reason(path, Limits(sheets=3)) == "too_many_sheets"
    report = check(path)
    assert report.rows_checked == 30  # and within the defaults every row is checked


def test_long_cells_are_cut_for_the_rules(build):
    path = build({"report": [{"steps": "ก" * 40_000}]})  # openpyxl cuts at Excel's 32,767 itself
    book = read_workbook(path, Limits(cell_chars=1000))
    assert max(len(str(v)) for s in book.sheets for r in s.rows for v in r if v) == 1000


def test_a_text_repeated_down_a_table_is_held_once(build):
    # A long table repeats its offices on every row; each copy would be memory of its own,
    # and a helper process sharing the rules copies every page of them it reads.
    path = build({"report": [{"responsible": "กองคลัง"}] * 3})
    report = next(s for s in read_workbook(path).sheets if s.name == "รายงานผล")
    cells = [v for r in report.rows for v in r if v == "กองคลัง"]
    assert len(cells) == 3 and all(v is cells[0] for v in cells)


def test_unreadable_when_the_file_cannot_be_opened(build, monkeypatch):
    path = build({"report": [{}]})

    def refuse(*args, **kwargs):
        raise PermissionError("denied")

    monkeypatch.setattr(reader, "open", refuse, raising=False)
    assert _reason(path) == "permission"


def test_directory_named_like_a_workbook(tmp_path):
    folder = tmp_path / "รายงาน.xlsx"
    folder.mkdir()
    assert _reason(folder) == "directory"


def _corpus(good: Path, folder: Path) -> dict[str, str]:
    """Broken files of every kind, with the reason each must give."""
    data = good.read_bytes()
    made = {
        "empty.xlsx": (b"", "empty"),
        "half.xlsx": (data[: len(data) // 2], "corrupt_zip"),
        "tail-cut.xlsx": (data[:-200], "corrupt_zip"),
        "old.xlsx": (reader.OLE2_MAGIC + b"\0" * 2000, "legacy_xls"),
        "locked.xlsx": (reader.OLE2_MAGIC + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600, "encrypted"),
        "export.xlsx": ("ลำดับ,มาตรการ\n1,ก\n".encode("cp874"), "csv"),
        "page.xlsx": (b"<html><body>report</body></html>", "html"),
        "noise.xlsx": (bytes(range(256)) * 8, "not_spreadsheet"),
    }
    expected = {}
    for name, (content, reason) in made.items():
        (folder / name).write_bytes(content)
        expected[name] = reason
    _rezip(good, folder / "no-sheet.xlsx", lambda n, d: None if n == "xl/worksheets/sheet4.xml" else d)
    _rezip(good, folder / "garbage-sheet.xlsx", lambda n, d: b"\x00\x01 not xml" if n == "xl/worksheets/sheet4.xml" else d)
    _rezip(good, folder / "no-workbook.xlsx", lambda n, d: None if n == "xl/workbook.xml" else d)
    expected["no-workbook.xlsx"] = "not_workbook"
    return expected


def test_batch_of_broken_and_good_files(build, tmp_path):
    good = build({"report": [{}, {}]})
    bad = build({"report": [{"output": None}]})
    folder = tmp_path / "ส่งมา (รอบ 1)"
    folder.mkdir()
    expected = _corpus(good, folder)
    for name, source in (("อบต.ดี มาก.xlsx", good), ("[อบต.] มีปัญหา.xlsm", bad)):
        (folder / name).write_bytes(source.read_bytes())
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--jobs", "2"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert len(files) == len(before)
    assert files["อบต.ดี มาก.xlsx"]["status"] == "passed"
    assert files["[อบต.] มีปัญหา.xlsm"]["status"] == "failed"
    for name, reason in expected.items():
        assert files[name]["status"] == "unreadable", name
        assert files[name]["findings"][0]["rule"] == "unreadable-file"
    # A missing or garbled sheet part leaves a workbook that still opens (the sheet is empty) or is
    # refused with a reason: either way nothing crashes and the file is accounted for.
    for name in ("no-sheet.xlsx", "garbage-sheet.xlsx"):
        assert files[name]["status"] in ("unreadable", "failed", "passed")
        assert not any("ทำงานผิดพลาด" in f["message"] for f in files[name]["findings"])
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()} == before


def test_each_broken_kind_gives_its_reason(build, tmp_path):
    good = build({"report": [{}]})
    for name, reason in _corpus(good, tmp_path).items():
        assert _reason(tmp_path / name) == reason, name


@lru_cache(maxsize=1)
def _good_bytes() -> bytes:
    import tempfile

    from checker.samples import build_example

    return build_example({"report": [{}]}, Path(tempfile.mkdtemp())).read_bytes()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=0, max_size=64), st.integers(min_value=0, max_value=10_000))
def test_damaged_bytes_never_escape_as_exceptions(tmp_path_factory, noise, cut):
    folder = tmp_path_factory.mktemp("fuzz")
    data = _good_bytes()
    cut = cut % len(data)
    path = folder / "damaged.xlsx"
    path.write_bytes(data[:cut] + noise + data[cut + len(noise):])
    report = check(path)
    assert report.status in ("passed", "failed", "unreadable")
    assert not any("ทำงานผิดพลาด" in f.message for f in report.findings)  # no rule crashed


# Thai text, header words, periods, offices, numbers, dates and errors: what real cells hold.
_WORDS = ["ลำดับ", "มาตรการ/กิจกรรม", "วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ",
          "ผลลัพธ์", "สำนักปลัด", "กองครัง", "๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘", "(ต่อ)", "๙ (ต่อ)", "-", "ไม่มี",
          "องค์การบริหารส่วนตำบลหลักสอง", "ย ก ร ะ ดั บ", "https://www.example.go.th/ita", "ประจำปีงบประมาณ ๒๕๖๘",
          "=A1", "#REF!", "๑. ขั้นที่หนึ่ง ๒. ขั้นที่สอง", "ประเด็นที่ ๑", "ลงชื่อ", ""]
_CELL = st.one_of(st.sampled_from(_WORDS), st.text(alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=30),
                  st.integers(-10, 3000), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                  st.dates(), st.none())


@st.composite
def _workbooks(draw):
    sheets = []
    for _ in range(draw(st.integers(1, 3))):
        width = draw(st.integers(1, 9))
        grid = draw(st.lists(st.lists(_CELL, min_size=width, max_size=width), min_size=0, max_size=14))
        merges = draw(st.lists(st.tuples(st.integers(1, 14), st.integers(1, 9), st.integers(0, 3), st.integers(0, 3)), max_size=3))
        sheets.append((grid, merges, draw(st.booleans()), draw(st.lists(st.integers(1, 14), max_size=3))))
    return sheets


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(_workbooks())
def test_random_workbooks_never_make_the_reader_or_a_rule_raise(tmp_path_factory, sheets):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, (grid, merges, hidden, hidden_rows) in enumerate(sheets):
        ws = workbook.create_sheet(f"แผ่น {index}")
        for values in grid:
            ws.append(values)
        for row, column, down, across in merges:
            if down or across:
                ws.merge_cells(f"{get_column_letter(column)}{row}:{get_column_letter(column + across)}{row + down}")
        for row in hidden_rows:
            ws.row_dimensions[row].hidden = True
        if hidden and index:
            ws.sheet_state = "hidden"
    path = tmp_path_factory.mktemp("random") / "random.xlsx"
    workbook.save(path)
    document = load_document(str(path))
    for rule in load_rules().rules:
        if rule.scope == "file":
            list(CHECKS[rule.check](document, rule))  # raises if a check cannot cope


def test_sheets_written_with_a_namespace_prefix_are_scanned_like_plain_ones(tmp_path):
    """Some generators write "<x:row>" throughout; the scan looks for prefixed elements
    only when the root is prefixed, and must then still see rows, hidden rows and formulas."""
    import re

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for r in range(1, 31):
        sheet.append([f"ข้อความ {r}", r])
    sheet["C3"] = "=A1"
    sheet.row_dimensions[5].hidden = True
    workbook.save(tmp_path / "plain.xlsx")

    def prefix(name: str, data: bytes) -> bytes:
        if "worksheets/" not in name:
            return data
        data = data.replace(b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
                            b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        return re.sub(rb"<(/?)([A-Za-z]\w*)(?=[\s>/])", rb"<\1x:\2", data)

    prefixed = _rezip(tmp_path / "plain.xlsx", tmp_path / "prefixed.xlsx", prefix)
    assert b"<x:row" in zipfile.ZipFile(prefixed).read("xl/worksheets/sheet1.xml")
    for path in (tmp_path / "plain.xlsx", prefixed):
        sheet = read_workbook(path).sheets[0]
        assert (len(sheet.rows), sheet.hidden_rows, sheet.formulas) == (30, {5}, {(3, 3): "=A1"})
        assert _reason(path, Limits(rows=20)) == "too_many_rows"
        assert _reason(path, Limits(cells=40)) == "too_many_cells"
        assert read_workbook(path, Limits(cells=95)).sheets  # 61 cells, each counted once; a grid of 90
    far = _far_workbook(tmp_path / "far.xlsx", {"A1": "ข้อความ", "XFD1048576": "x"})
    for path in (far, _rezip(far, tmp_path / "far-prefixed.xlsx", prefix)):
        with pytest.raises(Unreadable) as caught:
            _scan_first_sheet(path, Limits())
        assert caught.value.reason == "far_cell" and "XFD1048576" in caught.value.detail


def _far_workbook(path: Path, cells: dict[str, object], bold: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    for ref, value in cells.items():
        workbook.active[ref] = value
    for ref in bold:  # a format only: the cell holds nothing
        workbook.active[ref].font = Font(bold=True)
    workbook.save(path)
    return path


def _scan_first_sheet(path: Path, limits: Limits) -> None:
    # The byte scan alone: it must refuse the sheet before calamine is asked for it.
    with zipfile.ZipFile(path) as archive:
        reader._scan_sheet(archive, "xl/worksheets/sheet1.xml", limits, 0)


def test_a_value_far_from_a1_is_refused_before_calamine_builds_its_grid(tmp_path):
    """One value at XFD1048576 would make calamine allocate 17 billion cells and abort the
    process (not an exception: the whole checker stopped, with a Rust backtrace)."""
    path = _far_workbook(tmp_path / "far.xlsx", {"A1": "ข้อความ", "XFD1048576": "x"})
    with pytest.raises(Unreadable) as caught:
        _scan_first_sheet(path, Limits())
    assert caught.value.reason == "far_cell" and "XFD1048576" in caught.value.detail
    # The whole command, in a process of its own so that a regression cannot abort the tests.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "checker", "check", str(path), "--format", "json", "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr[-2000:]
    (report,) = json.loads(done.stdout)["files"]
    assert report["status"] == "unreadable"
    assert [(f["rule"], "XFD1048576" in f["message"], "Ctrl+End" in f["hint"]) for f in report["findings"]] == [
        ("unreadable-file", True, True)]


def test_far_cells_that_hold_nothing_are_not_counted(tmp_path):
    # A format on a far cell is common (a whole row made bold); calamine skips such cells.
    path = _far_workbook(tmp_path / "styled.xlsx", {"A1": "ข้อความ"}, bold=("XFD1", "A1048576"))
    assert [list(r) for r in read_workbook(path).sheets[0].rows] == [["ข้อความ"]]


def test_the_grid_of_far_values_is_measured_exactly_when_the_bound_is_tight(tmp_path):
    path = _far_workbook(tmp_path / "wide.xlsx", {"A1": "ข้อความ", "AB150": "x"})  # 150 rows × 28 columns
    assert len(read_workbook(path).sheets[0].rows) == 150
    assert read_workbook(path, Limits(cells=150 * 28)).sheets  # exactly the limit: read
    assert _reason(path, Limits(cells=150 * 28 - 1)) == "far_cell"


def _sheet_body(path: Path, body: bytes) -> Path:
    """A one-sheet workbook whose sheet holds exactly `body` as its data."""
    from openpyxl import Workbook

    Workbook().save(path.with_suffix(".base.xlsx"))
    return _rezip(path.with_suffix(".base.xlsx"), path, lambda name, data: data if "worksheets/" not in name else (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + body + b"</sheetData></worksheet>"))


def test_cells_written_without_a_reference_are_placed_as_calamine_places_them(tmp_path):
    """The reference of a row or a cell may be left out: calamine then puts it after the
    one before. Nothing else bounds where such cells land: 1,999 rows without a number,
    then 16,383 empty cells before a value, ask for a grid of 33 million cells."""
    value = b"<c><v>1</v></c>"
    small = _sheet_body(tmp_path / "small.xlsx", b'<row r="1">' + value * 2 + b"</row><row>" + value + b"</row>"
                        b'<row r="5"><c r="C5"><v>1</v></c></row><row>' + value + b"<c/>" + value + b"</row>")
    assert [list(r) for r in read_workbook(small).sheets[0].rows] == [
        [1, 1, None], [1, None, None], [None] * 3, [None] * 3, [None, None, 1], [1, None, 1]]
    assert _reason(small, Limits(cells=6 * 3 - 1)) == "far_cell"  # the grid measured as calamine builds it
    assert _reason(small, Limits(cells=5)) == "too_many_cells"  # cells without attributes count too
    wide = _sheet_body(tmp_path / "wide.xlsx", b"<row></row>" * 1_999 + b"<row>" + b"<c/>" * 16_383 + value + b"</row>")
    with pytest.raises(Unreadable) as caught:
        _scan_first_sheet(wide, Limits())
    assert caught.value.reason == "far_cell" and "XFD2000" in caught.value.detail


def test_a_far_or_unplaced_cell_cut_by_the_scan_s_chunks_is_still_seen(tmp_path):
    """The scan reads a sheet in pieces (4 KB, then a megabyte at a time); a cell's tag
    cut in two by the end of a piece is whole in the next one's window. Either sheet asks
    calamine for a grid over the default limit: one value at XFD1048576, or row 2,000
    filled with 16,384 cells written without a reference."""
    boundary = 4096 + reader._SCAN_CHUNK  # the end of the first megabyte piece
    opening = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    before = b"<row></row>" * 1_998 + b'<row r="1999"><c r="A1999" t="inlineStr"><is><t>'
    for tag, detail in ((b'<c r="XFD1048576"><v>1</v></c>', "XFD1048576"), (b"<c/>" * 16_383 + b"<c><v>1</v></c>", "XFD2000")):
        for cut in range(0, len(b'<c r="XFD1048576"') + 2, 3):
            # The tag starts `cut` bytes before the end of a piece.
            filler = boundary - cut - len(opening) - len(before) - len(b"</t></is></c></row><row>")
            body = before + b"x" * filler + b"</t></is></c></row><row>" + tag + b"</row>"
            assert (opening + body).index(tag) == boundary - cut
            path = _sheet_body(tmp_path / f"cut{cut}-{len(tag)}.xlsx", body)
            with pytest.raises(Unreadable) as caught:
                _scan_first_sheet(path, Limits())
            assert caught.value.reason == "far_cell" and detail in caught.value.detail, (cut, detail)


@st.composite
def _placements(draw):
    """Rows and cells written with or without their references, in any order calamine
    accepts: each row a number or none, each cell a reference, a value or an empty cell."""
    rows, row = [], 0
    for _ in range(draw(st.integers(1, 6))):
        numbered = draw(st.booleans())
        row = draw(st.integers(1, 12)) if numbered else row + 1
        cells, column = [], 0
        for _ in range(draw(st.integers(0, 6))):
            column = draw(st.integers(1, 12)) if draw(st.booleans()) else column + 1
            value = draw(st.booleans())
            ref = f' r="{get_column_letter(column)}{row}"' if draw(st.booleans()) else ""
            cells.append(f"<c{ref}><v>1</v></c>" if value else f"<c{ref}/>")
        rows.append((f'<row r="{row}">' if numbered else "<row>") + "".join(cells) + "</row>")
    return "".join(rows).encode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_placements())
def test_the_grid_measured_is_never_smaller_than_the_one_calamine_builds(tmp_path_factory, body):
    """Whatever the mix of rows and cells with and without references, the grid the scan
    measures bounds the one calamine allocates: a limit one cell below calamine's grid
    refuses the sheet."""
    from python_calamine import CalamineWorkbook

    path = _sheet_body(tmp_path_factory.mktemp("placed") / "placed.xlsx", body)
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    cells = len(grid) * max((len(r) for r in grid), default=0)
    if cells > 1:
        assert _reason(path, Limits(cells=cells - 1)) in ("far_cell", "too_many_cells")


def test_a_member_larger_than_its_declared_size_is_damaged_not_a_bomb(build, tmp_path):
    """The limits read the sizes a zip declares; a sheet whose stream inflates past its
    declared size (the checksum forged to match the declared part) must not get past
    them: python's zipfile stops at the declared size, and so does calamine's reader,
    which says the file is damaged."""
    import struct
    import zlib

    sheet = "xl/worksheets/sheet4.xml"
    rows_xml = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (r, r, r) for r in range(1, 200_001))
    # The report sheet made 200,000 rows long, then declared 2,000 bytes long.
    with zipfile.ZipFile(build({"report": [{}]})) as archive:
        members = {item.filename: archive.read(item) for item in archive.infolist()}
    head, _, _ = members[sheet].partition(b"<sheetData")
    members[sheet] = head + b"<sheetData>" + rows_xml + b"</sheetData></worksheet>"
    honest = tmp_path / "honest.xlsx"
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    declared = 2_000
    crc = zlib.crc32(members[sheet][:declared])
    data = bytearray(honest.read_bytes())
    with zipfile.ZipFile(honest) as archive:
        offset = archive.getinfo(sheet).header_offset
    struct.pack_into("<LLL", data, offset + 14, crc, struct.unpack_from("<L", data, offset + 18)[0], declared)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + length] == sheet.encode():
            struct.pack_into("<L", data, central + 16, crc)
            struct.pack_into("<L", data, central + 24, declared)
        central = data.find(b"PK\x01\x02", central + 4)
    forged = tmp_path / "forged.xlsx"
    forged.write_bytes(bytes(data))
    assert _reason(honest, Limits(rows=1000)) == "too_many_rows"
    assert _reason(forged, Limits(rows=1000)) == "corrupt"
