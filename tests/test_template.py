"""Tests for checker.template: the fill-in workbook and its committed copy."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook

from checker import template as T

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "templates" / "ita_template.xlsx"
DATA = ROOT / "checker" / "data"

TABLES = [
    (T.PLAN_SHEET, T.PLAN_COLUMNS, T.PLAN_TITLE),
    (T.REPORT_SHEET, T.REPORT_COLUMNS, T.REPORT_TITLE),
]


@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> openpyxl.Workbook:
    """The template as a user gets it: written to disk and opened again."""
    path = tmp_path_factory.mktemp("tpl") / "ita_template.xlsx"
    T.write_template(path)
    return openpyxl.load_workbook(path)


def offices_from_yaml() -> list[str]:
    data = yaml.safe_load((DATA / "offices.yaml").read_text(encoding="utf-8"))
    return [o["name"] for o in data["offices"]]


def list_values(wb: openpyxl.Workbook, formula: str) -> list:
    """The values a list validation offers, resolved from its 'sheet'!$A$1:$A$9 range."""
    m = re.fullmatch(r"'?(?P<sheet>[^'!]+)'?!(?P<ref>\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)", formula)
    assert m, f"list validation does not refer to a range of another sheet: {formula!r}"
    ws = wb[m["sheet"]]
    min_col, min_row, max_col, max_row = range_boundaries(m["ref"].replace("$", ""))
    return [ws.cell(r, c).value for r in range(min_row, max_row + 1)
            for c in range(min_col, max_col + 1)]


def validations_at(ws, coord: str):
    return [dv for dv in ws.data_validations.dataValidation if coord in dv.sqref]


def col_of(columns, key: str) -> str:
    return get_column_letter([k for k, _ in columns].index(key) + 1)


# ------------------------------------------------------------ generator and file


def test_committed_template_matches_generator():
    regen = "regenerate it with `ita-check template --out templates/ita_template.xlsx`"
    assert COMMITTED.is_file(), f"{COMMITTED} is missing; {regen}"
    expected = T.content_of(T.build_template())
    actual = T.content_of(COMMITTED)
    assert actual["sheets"] == expected["sheets"], f"sheets differ; {regen}"
    for sheet, want in expected["content"].items():
        got = actual["content"][sheet]
        for part in want:
            assert got[part] == want[part], (
                f"templates/ita_template.xlsx is out of step with checker/template.py "
                f"(sheet {sheet!r}, {part}); {regen}")
    assert actual == expected, f"templates/ita_template.xlsx is out of step; {regen}"


def test_build_template_is_deterministic(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    T.write_template(a)
    T.write_template(b)
    assert T.content_of(a) == T.content_of(b) == T.content_of(T.build_template())


def test_content_of_sees_a_change(tmp_path):
    # content_of must be able to tell templates apart, or the in-step test proves nothing.
    base = T.content_of(T.build_template())
    for mutate in (
        lambda wb: wb[T.REPORT_SHEET].cell(T.HEADER_ROW, 6, "ผลการดำเนินงาน"),
        lambda wb: setattr(wb[T.PLAN_SHEET].page_setup, "orientation", "portrait"),
        lambda wb: setattr(wb[T.PLAN_SHEET], "freeze_panes", "A4"),
        lambda wb: wb[T.REPORT_SHEET].data_validations.dataValidation[0].__setattr__(
            "showErrorMessage", True),
        lambda wb: setattr(wb[T.LISTS_SHEET], "sheet_state", "visible"),
        lambda wb: setattr(wb[T.PLAN_SHEET].column_dimensions["B"], "width", 99),
        lambda wb: wb[T.PLAN_SHEET].unmerge_cells("A1:G1"),
    ):
        wb = T.build_template()
        mutate(wb)
        assert T.content_of(wb) != base
        path = tmp_path / "m.xlsx"
        T.save_workbook(wb, path)
        assert T.content_of(path) != base


# ------------------------------------------------------------------------ layout


def test_sheets_order_and_states(saved):
    assert saved.sheetnames == [T.GUIDE_SHEET, T.META_SHEET, T.PLAN_SHEET, T.REPORT_SHEET,
                                T.LISTS_SHEET]
    assert saved[T.LISTS_SHEET].sheet_state == "hidden"
    for name in (T.GUIDE_SHEET, T.META_SHEET, T.PLAN_SHEET, T.REPORT_SHEET):
        assert saved[name].sheet_state == "visible"
    assert saved.active.title == T.GUIDE_SHEET


@pytest.mark.parametrize("sheet,columns,title", TABLES, ids=["plan", "report"])
def test_table_titles_and_headers(saved, sheet, columns, title):
    ws = saved[sheet]
    last = get_column_letter(len(columns))
    assert ws["A1"].value == title
    assert ws["A2"].value == (
        "ประจำปีงบประมาณ พ.ศ. ........ (กรอกชื่อหน่วยงานและปีงบประมาณในแผ่นงาน ข้อมูลหน่วยงาน)")
    assert all(c.value is None for c in ws[3])
    assert [ws.cell(T.HEADER_ROW, i + 1).value for i in range(len(columns))] == [h for _, h in columns]
    assert ws.cell(T.HEADER_ROW, len(columns) + 1).value is None
    assert f"A1:{last}1" in {str(r) for r in ws.merged_cells.ranges}
    for i in range(1, len(columns) + 1):
        c = ws.cell(T.HEADER_ROW, i)
        assert c.font.name == "TH Sarabun New" and c.font.b and c.font.sz == 16
        assert c.alignment.wrap_text
        assert c.fill.fill_type == "solid"
        assert c.border.bottom.style and c.border.top.style


def test_exact_column_spec():
    assert T.HEADER_ROW == 4 and T.FIRST_DATA_ROW == 5
    assert [k for k, _ in T.REPORT_COLUMNS] == [
        "seq", "measure", "steps", "period", "responsible", "output", "outcome", "monitoring",
        "evidence"]
    assert [k for k, _ in T.PLAN_COLUMNS] == [
        "seq", "measure", "steps", "period", "responsible", "monitoring", "issue"]
    assert [k for k, _ in T.META_FIELDS] == [
        "agency", "agency_type", "district", "province", "fiscal_year", "round", "prepared_by",
        "prepared_on"]


def test_column_keys_are_fields_and_cover_required():
    spec = yaml.safe_load((DATA / "fields.yaml").read_text(encoding="utf-8"))
    for kind, columns in (("plan", T.PLAN_COLUMNS), ("report", T.REPORT_COLUMNS)):
        keys = [k for k, _ in columns]
        assert set(keys) <= set(spec["fields"])
        assert set(spec["kinds"][kind]["required"]) <= set(keys)


@pytest.mark.parametrize("sheet,columns,title", TABLES, ids=["plan", "report"])
def test_data_rows_are_empty_but_formatted(saved, sheet, columns, title):
    ws = saved[sheet]
    values = [(c.coordinate, c.value) for row in ws.iter_rows(min_row=T.FIRST_DATA_ROW)
              for c in row if c.value not in (None, "")]
    assert values == []
    c = ws.cell(T.FIRST_DATA_ROW, 2)
    assert c.border.left.style == "thin" and c.alignment.wrap_text
    assert c.font.name == "TH Sarabun New" and c.font.sz == 16


def test_no_formulas_anywhere(saved):
    for ws in saved.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", f"{ws.title}!{c.coordinate} holds a formula"


def test_metadata_sheet(saved):
    ws = saved[T.META_SHEET]
    assert ws["A1"].value == "ข้อมูลหน่วยงาน"
    for i, (key, label) in enumerate(T.META_FIELDS):
        r = 3 + i
        assert T.meta_row(key) == r
        assert ws.cell(r, 1).value == label
        b = ws.cell(r, 2)
        assert b.value is None
        assert b.protection.locked is False
        assert b.fill.fill_type == "solid"
        assert ws.cell(r, 1).protection.locked is not False
    assert ws.protection.sheet


def test_guide_sheet(saved):
    ws = saved[T.GUIDE_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    for needle in ("ita-check check FILE.xlsx", "๑ ต.ค. ๒๕๖๗ - ๓๐ ก.ย. ๒๕๖๘", "(output)", "(outcome)",
                   T.META_SHEET, T.PLAN_SHEET, T.REPORT_SHEET, "ผู้รับผิดชอบ", "ส่วนราชการ"):
        assert needle in text, needle
    for _, header in T.PLAN_COLUMNS + T.REPORT_COLUMNS:
        assert header in text


def test_fonts_everywhere(saved):
    assert T.content_of(saved)["default_font"] == "TH Sarabun New"
    for ws in saved.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    assert c.font.name == "TH Sarabun New", f"{ws.title}!{c.coordinate}"


# --------------------------------------------------------------------- dropdowns


def test_metadata_dropdowns(saved):
    ws = saved[T.META_SHEET]
    expected = {
        "fiscal_year": list(range(2566, 2576)),
        "round": ["๖ เดือน", "๑๒ เดือน"],
        "agency_type": ["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร",
                        "องค์การบริหารส่วนจังหวัด", "กรุงเทพมหานคร", "เมืองพัทยา"],
    }
    for key, values in expected.items():
        dvs = validations_at(ws, f"B{T.meta_row(key)}")
        assert len(dvs) == 1, key
        dv = dvs[0]
        assert dv.type == "list"
        assert dv.formula1.startswith(f"'{T.LISTS_SHEET}'!")
        assert list_values(saved, dv.formula1) == values
    assert validations_at(ws, "B3") == []  # agency name is free text
    # fiscal year and round are closed lists
    for key in ("fiscal_year", "round"):
        dv = validations_at(ws, f"B{T.meta_row(key)}")[0]
        assert dv.showErrorMessage and (dv.errorStyle or "stop") == "stop"


@pytest.mark.parametrize("sheet,columns,title", TABLES, ids=["plan", "report"])
def test_responsible_dropdown_accepts_other_text(saved, sheet, columns, title):
    ws = saved[sheet]
    col = col_of(columns, "responsible")
    for r in (T.FIRST_DATA_ROW, T.FIRST_DATA_ROW + 49, 200):
        dvs = validations_at(ws, f"{col}{r}")
        assert len(dvs) == 1, f"{col}{r}"
    dv = dvs[0]
    assert dv.type == "list"
    assert list_values(saved, dv.formula1) == offices_from_yaml()
    # a suggestion, not a rule: Excel must not reject a sub-unit or several offices
    assert (not dv.showErrorMessage) or dv.errorStyle == "information"
    assert validations_at(ws, f"{col}{T.HEADER_ROW}") == []
    assert validations_at(ws, f"A{T.FIRST_DATA_ROW}") == []


def test_every_validation_refers_to_the_lists_sheet(saved):
    for ws in saved.worksheets:
        for dv in ws.data_validations.dataValidation:
            assert dv.type == "list"
            values = list_values(saved, dv.formula1)
            assert values and all(v not in (None, "") for v in values)


# ----------------------------------------------------------------- print & panes


@pytest.mark.parametrize("sheet,columns,title", TABLES, ids=["plan", "report"])
def test_print_settings_and_freeze(saved, sheet, columns, title):
    ws = saved[sheet]
    assert ws.freeze_panes == "A5"
    ps = ws.page_setup
    assert ps.orientation == "landscape"
    assert int(ps.paperSize) == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ps.fitToWidth) == 1
    assert not ps.fitToHeight  # 0: as many pages tall as needed
    assert ws.print_title_rows.replace("$", "") == "4:4"
    widths = {get_column_letter(i): ws.column_dimensions[get_column_letter(i)].width
              for i in range(1, len(columns) + 1)}
    assert all(5 <= w <= 60 for w in widths.values()), widths
    assert widths[col_of(columns, "measure")] > widths[col_of(columns, "seq")]


# -------------------------------------------------------------------------- fill

REPORT_ROW = {
    "seq": 1,
    "measure": "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ",
    "steps": "๑. จัดทำประกาศ ๒. เผยแพร่บนเว็บไซต์",
    "period": "๑ ต.ค. ๒๕๖๗ - ๓๐ ก.ย. ๒๕๖๘",
    "responsible": "สำนักปลัด (งานนิติการ)",
    "output": "เผยแพร่ข้อมูล ๑๒ เรื่อง",
    "outcome": "ประชาชนเข้าถึงข้อมูลร้อยละ ๘๐",
    "monitoring": "รายงานทุกไตรมาส",
    "evidence": "https://example.invalid/ita",
}


def test_fill_writes_cells(tmp_path):
    meta = {"agency": "องค์การบริหารส่วนตำบลคลองขนาก", "agency_type": "องค์การบริหารส่วนตำบล",
            "district": "วิเศษชัยชาญ", "province": "อ่างทอง", "fiscal_year": 2568, "round": 12,
            "prepared_by": "นางสาวทดสอบ", "prepared_on": dt.date(2025, 10, 15)}
    plan = [{"seq": 1, "measure": "ก", "responsible": "กองคลัง", "issue": "o12"},
            {"measure": "ข", "period": "ไตรมาสที่ ๒"}]
    report = [REPORT_ROW, {"seq": 2, "output": "อบรม ๑ ครั้ง"}]
    path = tmp_path / "filled.xlsx"
    T.save_workbook(T.fill(meta=meta, plan=plan, report=report), path)
    wb = openpyxl.load_workbook(path)

    m = wb[T.META_SHEET]
    assert m["B3"].value == "องค์การบริหารส่วนตำบลคลองขนาก"
    assert m["B4"].value == "องค์การบริหารส่วนตำบล"
    assert m["B7"].value == 2568
    assert m["B8"].value == "๑๒ เดือน"
    assert m["B10"].value == dt.datetime(2025, 10, 15)
    assert m["A3"].value == "ชื่อหน่วยงาน"  # labels untouched

    r = wb[T.REPORT_SHEET]
    assert r["F5"].value == "เผยแพร่ข้อมูล ๑๒ เรื่อง"  # report row 1 output
    assert [r.cell(5, i).value for i in range(1, 10)] == [REPORT_ROW[k] for k, _ in T.REPORT_COLUMNS]
    assert r["A6"].value == 2 and r["F6"].value == "อบรม ๑ ครั้ง" and r["B6"].value is None
    assert r["A7"].value is None
    assert r["A4"].value == "ลำดับ"  # header untouched

    p = wb[T.PLAN_SHEET]
    assert (p["A5"].value, p["B5"].value, p["E5"].value, p["G5"].value) == (1, "ก", "กองคลัง", "o12")
    assert p["C5"].value is None and p["B6"].value == "ข" and p["D6"].value == "ไตรมาสที่ ๒"


@pytest.mark.parametrize("given_round,written", [
    (6, "๖ เดือน"), (12, "๑๒ เดือน"), ("6", "๖ เดือน"), ("๑๒", "๑๒ เดือน"),
    ("๖ เดือน", "๖ เดือน"), ("รอบเดือนเมษายน", "รอบเดือนเมษายน")])
def test_fill_round_as_dropdown_text(given_round, written):
    wb = T.fill(meta={"round": given_round})
    assert wb[T.META_SHEET][f"B{T.meta_row('round')}"].value == written


def test_fill_rejects_unknown_keys():
    with pytest.raises(ValueError, match="output"):
        T.fill(plan=[{"measure": "ก", "output": "x"}])  # a plan has no output column
    with pytest.raises(ValueError):
        T.fill(meta={"agency_name": "x"})


def test_fill_empty_is_template():
    assert T.content_of(T.fill()) == T.content_of(T.build_template())


def test_fill_long_table_and_no_formula(tmp_path):
    rows = [{"seq": i + 1, "measure": f"มาตรการ {i + 1}"} for i in range(80)]
    rows[3]["steps"] = "=SUM(A1:A3)"
    path = tmp_path / "long.xlsx"
    T.save_workbook(T.fill(plan=rows), path)
    ws = openpyxl.load_workbook(path)[T.PLAN_SHEET]
    assert ws.cell(T.FIRST_DATA_ROW + 79, 2).value == "มาตรการ 80"
    assert ws.cell(T.FIRST_DATA_ROW + 79, 2).border.left.style == "thin"
    assert ws.cell(T.FIRST_DATA_ROW + 80, 2).value is None
    c = ws.cell(T.FIRST_DATA_ROW + 3, 3)
    assert c.value == "=SUM(A1:A3)" and c.data_type != "f"


thai_text = st.text(
    alphabet=st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B) | st.sampled_from(" abc123.-/()"),
    min_size=1, max_size=40).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({}, optional={k: thai_text for k, _ in T.REPORT_COLUMNS}),
                     max_size=4))
def test_fill_round_trips(tmp_path, rows):
    wb = T.fill(report=rows)
    path = tmp_path / "rt.xlsx"
    T.save_workbook(wb, path)
    assert T.content_of(path) == T.content_of(wb)
    ws = openpyxl.load_workbook(path)[T.REPORT_SHEET]
    for n, row in enumerate(rows):
        for i, (key, _) in enumerate(T.REPORT_COLUMNS, start=1):
            assert ws.cell(T.FIRST_DATA_ROW + n, i).value == row.get(key)


# -------------------------------------------------------------------------- save


def test_save_workbook_leaves_no_temp_file(tmp_path):
    path = tmp_path / "out.xlsx"
    T.save_workbook(T.build_template(), path)
    T.save_workbook(T.fill(report=[REPORT_ROW]), path)  # overwrite
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]
    assert openpyxl.load_workbook(path)[T.REPORT_SHEET]["F5"].value == REPORT_ROW["output"]
    assert os.stat(path).st_mode & 0o444  # readable, not a 0600 temp file's mode


def _failing_save(self, filename):
    # write part of a file, then fail as a full disk or a bug would
    if hasattr(filename, "write"):
        filename.write(b"PK\x03\x04 partial")
    else:
        Path(filename).write_bytes(b"PK\x03\x04 partial")
    raise OSError("disk full")


def test_save_workbook_failure_leaves_no_partial_file(tmp_path, monkeypatch):
    path = tmp_path / "out.xlsx"
    monkeypatch.setattr(Workbook, "save", _failing_save)
    with pytest.raises(OSError, match="disk full"):
        T.save_workbook(T.build_template(), path)
    assert list(tmp_path.iterdir()) == []


def test_save_workbook_failure_keeps_existing_file(tmp_path, monkeypatch):
    path = tmp_path / "out.xlsx"
    T.write_template(path)
    before = path.read_bytes()
    monkeypatch.setattr(Workbook, "save", _failing_save)
    with pytest.raises(OSError):
        T.save_workbook(T.fill(report=[REPORT_ROW]), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


# ------------------------------------------------------------------------ module


def test_import_has_no_side_effects():
    code = ("import checker.template as t; "
            "print(t.office_names.cache_info().currsize, t._fields.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["0", "0"]


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="LibreOffice not installed")
def test_libreoffice_converts(tmp_path):
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    src = tmp_path / "t.xlsx"
    T.save_workbook(T.fill(report=[REPORT_ROW]), src)
    subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    assert (tmp_path / "t.pdf").stat().st_size > 0
