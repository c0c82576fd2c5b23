"""Agencies' own layouts, as in the three seed reports: the reader finds the table, its
columns, its rows, and what the title says (agency, fiscal year, round, kind)."""

from __future__ import annotations

import pytest

from checker.document import load_document
from seeds import HANNANGAM, KLONGKHANAK, NAKHOK, seed_workbook


@pytest.fixture
def doc(tmp_path):
    def _doc(name, **kwargs):
        return load_document(str(seed_workbook(name, tmp_path / f"{name}.xlsx", **kwargs)))
    return _doc


def letters(table):
    return {f: table.column_of(f) for f in table.columns}


def test_klongkhanak_report_with_a_header_on_every_page(doc):
    d = doc(KLONGKHANAK)
    assert len(d.tables) == 1
    table = d.tables[0]
    assert table.kind == "report"
    assert letters(table) == {"seq": "A", "measure": "B", "steps": "C", "period": "D",
                              "responsible": "E", "output": "F", "outcome": "G"}
    assert len(table.header_rows) == 7  # one per printed page
    assert [r.text("seq") for r in table.rows] == ["๑", "๒", "๓", "๔", "๕", "๖", "๗"]
    assert not any(r.continuation for r in table.rows)
    m = d.metadata
    assert (m.agency, m.fiscal_year, m.round, m.kind) == ("องค์การบริหารส่วนตำบลคลองขนาก", 2568, 12, "report")
    assert (m.agency_type, m.district, m.province) == ("องค์การบริหารส่วนตำบล", "วิเศษชัยชาญ", "อ่างทอง")


def test_nakhok_report_with_monitoring_column_and_continuation_row(doc):
    d = doc(NAKHOK)
    assert len(d.tables) == 1
    table = d.tables[0]
    assert table.kind == "report"
    assert letters(table) == {"seq": "A", "measure": "B", "steps": "C", "monitoring": "D", "period": "E",
                              "responsible": "F", "output": "G", "outcome": "H"}
    seqs = [r.text("seq") for r in table.rows]
    assert seqs == ["๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙", "๙ (ต่อ)", "๑๐"]
    continued = [r for r in table.rows if r.continuation]
    assert [r.text("seq") for r in continued] == ["๙ (ต่อ)"]
    nine = next(r for r in table.rows if r.text("seq") == "๙")
    assert continued[0].measure == nine.measure
    m = d.metadata
    assert (m.agency, m.fiscal_year, m.round, m.kind) == ("องค์การบริหารส่วนตำบลนาโคก", 2566, 12, "report")
    assert (m.district, m.province) == ("เมืองสมุทรสาคร", "สมุทรสาคร")


def test_hannangam_plan_under_score_tables_and_section_rows(doc):
    d = doc(HANNANGAM)
    # The score-analysis tables above the plan are not plan or report tables.
    assert len(d.tables) == 1
    table = d.tables[0]
    assert table.kind == "plan"
    assert letters(table) == {"issue": "A", "measure": "B", "steps": "C", "period": "D", "responsible": "E"}
    assert len(table.rows) == 12  # section rows "ประเด็นที่ ๑ ..." are not data
    assert all(r.text("responsible") in ("สำนักปลัด", "กองคลัง") for r in table.rows)
    m = d.metadata
    # The title says ๒๕๖๙; a paragraph just above slips to ๒๕๖๗ and must not win.
    assert (m.agency, m.fiscal_year, m.round, m.kind) == ("องค์การบริหารส่วนตำบลหันนางาม", 2569, None, "plan")
    assert m.province == "หนองบัวลำภู"


def test_header_found_in_any_column_order_with_extra_columns(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["รายงานผลการดำเนินการ ประจำปีงบประมาณ พ.ศ. 2567 เทศบาลตำบล บ้านใหม่"])
    ws.append([])
    ws.append(["หมายเหตุ", "ผู้รับผิดชอบ", "ผลลัพธ์", "ระยะเวลา\nดำเนินการ", "ผลการ ดำเนินงาน", "วิธีการ ปฏิบัติ", "มาตรการ / กิจกรรม", "งบประมาณ"])
    ws.append(["", "กองคลัง", "ไม่มีข้อทักท้วง", "ต.ค. 66 - ก.ย. 67", "ประกาศ 12 ครั้ง", "ประกาศทุกเดือน", "มาตรการจัดซื้อโปร่งใส", "0"])
    wb.save(tmp_path / "x.xlsx")
    d = load_document(str(tmp_path / "x.xlsx"))
    table = d.tables[0]
    assert letters(table) == {"responsible": "B", "outcome": "C", "period": "D", "output": "E", "steps": "F", "measure": "G"}
    assert [r.number for r in table.rows] == [4]
    assert (d.metadata.agency, d.metadata.agency_type, d.metadata.fiscal_year) == ("เทศบาลตำบลบ้านใหม่", "เทศบาลตำบล", 2567)


def test_a_header_naming_just_enough_fields_after_other_labels_is_found(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    # Two short labels that name no field, then the three fields a header needs at least
    # (checker/data/fields.yaml, header.min_fields): the search must not give up early.
    ws.append(["หมายเหตุ", "งบประมาณ", "ผู้รับผิดชอบ", "ระยะเวลา", "มาตรการ"])
    ws.append(["-", "0", "กองคลัง", "ต.ค. 66 - ก.ย. 67", "มาตรการจัดซื้อโปร่งใส"])
    # Two fields among other short labels: not a header.
    ws.append(["หมายเหตุ", "งบประมาณ", "ผู้รับผิดชอบ", "x", "มาตรการ"])
    wb.save(tmp_path / "h.xlsx")
    tables = load_document(str(tmp_path / "h.xlsx")).tables
    assert [(t.header_row, letters(t)) for t in tables] == [(1, {"responsible": "C", "period": "D", "measure": "E"})]
    assert [r.number for r in tables[0].rows] == [2, 3]


def test_merged_measure_cell_makes_continuation_rows(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลา", "ผู้รับผิดชอบ"])
    ws.append(["1", "มาตรการ ก", "ขั้นที่ 1", "ต.ค. 66", "กองคลัง"])
    ws.append([None, None, "ขั้นที่ 2", "พ.ย. 66", "กองคลัง"])
    ws.append(["2", "มาตรการ ข", "ขั้นที่ 1", "ธ.ค. 66", "กองช่าง"])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "m.xlsx")
    table = load_document(str(tmp_path / "m.xlsx")).tables[0]
    assert [(r.number, r.continuation, r.measure) for r in table.rows] == [(2, False, 1), (3, True, 1), (4, False, 2)]
    assert table.rows[1].text("measure") == "มาตรการ ก"  # the merged value shows in every row it covers
