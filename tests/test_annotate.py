"""The annotated workbook (`--annotate DIR`): findings written into a copy of the file,
everything else of the original kept, and the original never touched."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checker.annotate import (SEVERITY_FILL, SUMMARY_SHEET, AnnotateError, _lost_drawings, annotate,
                              plan_targets)
from checker.cli import main
from checker.model import Finding
from checker.template import content_of
from conftest import check

DEFECTS = {"report": [{}, {"output": None}, {"outcome": "-"}, {"responsible": None}, {"responsible": "กองครัง"}, {}]}
MISSING_OUTCOME = {"sheets": {"รายงานผล": [
    ["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ ๒๕๖๘"],
    ["ลำดับ", "มาตรการ/กิจกรรม", "วิธีการปฏิบัติ", "ระยะเวลาดำเนินการ", "ผู้รับผิดชอบ", "ผลการดำเนินการ"],
    ["๑", "มาตรการเผยแพร่ข้อมูลต่อสาธารณะ", "เผยแพร่ข่าวทางเว็บไซต์", "๑ ต.ค. ๖๗ - ๓๐ ก.ย. ๖๘", "สำนักปลัด",
     "เผยแพร่ข่าว ๒๔ เรื่อง"],
]}}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def values(path: Path) -> dict:
    """Every cell value (formulas as written) of every sheet."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.value is not None}
            for ws in wb.worksheets}


def add_formula(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    wb["รายการ"]["Z100"] = "=1+1"
    wb.save(path)


def styles(cell) -> tuple:
    return (repr(cell.fill), repr(cell.font), repr(cell.border), repr(cell.alignment), repr(cell.protection),
            cell.number_format)


def summary_rows(ws) -> list[tuple]:
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


@pytest.fixture
def defects(build, tmp_path):
    path = build(DEFECTS, name="อบต.ตัวอย่าง.xlsx")
    add_formula(path)
    report = check(path)
    target = tmp_path / "annotated" / path.name
    return path, report, target


def test_every_flagged_cell_gets_its_comment_and_colour(defects):
    path, report, target = defects
    assert [(f.rule, f.cell) for f in report.findings if f.cell] == [
        ("empty-cell", "F6"), ("placeholder-text", "G7"), ("empty-cell", "E8"), ("responsible-unknown", "E9")]
    annotate(report, path, target, "th")
    wb = openpyxl.load_workbook(target)
    for finding in report.findings:
        cell = wb[finding.sheet][finding.cell]
        assert cell.comment is not None, finding.cell
        assert finding.message in cell.comment.text
        assert finding.hint in cell.comment.text
        assert cell.comment.author == "ita-check"
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith(SEVERITY_FILL[finding.severity])
    # Every other style is kept: all of an unflagged cell's, and all but the fill of a flagged one.
    assert wb["รายงานผล"]["F5"].comment is None
    original = openpyxl.load_workbook(path)
    flagged = {(f.sheet, f.cell) for f in report.findings}
    for ws in original.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                was, now = styles(cell), styles(wb[ws.title][cell.coordinate])
                if (ws.title, cell.coordinate) in flagged:
                    was, now = was[1:], now[1:]
                assert now == was, (ws.title, cell.coordinate)


def test_summary_sheet_comes_first_with_a_link_per_finding(defects):
    path, report, target = defects
    annotate(report, path, target, "th")
    wb = openpyxl.load_workbook(target)
    original = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SUMMARY_SHEET] + original.sheetnames
    assert wb.active.title == SUMMARY_SHEET
    assert [ws.title for ws in wb.worksheets if ws.sheet_view.tabSelected] == [SUMMARY_SHEET]
    ws = wb[SUMMARY_SHEET]
    text = "\n".join(str(v) for row in summary_rows(ws) for v in row if v is not None)
    assert "องค์การบริหารส่วนตำบลตัวอย่าง" in text
    assert "๒๕๖๘" in text
    assert "ข้อผิดพลาด ๓ · คำเตือน ๑" in text
    links = [c.hyperlink.location for row in ws.iter_rows() for c in row if c.hyperlink]
    assert links == [f"'{f.sheet}'!{f.cell}" for f in report.findings]
    for finding in report.findings:
        assert any(finding.message in row for row in summary_rows(ws))
    # Each finding's row: its level filled with its severity's colour, its cell a link,
    # every cell boxed and wrapped (the styles are copied from row to row).
    rows = [row for row in ws.iter_rows(max_col=8) if row[6].value in {f.rule for f in report.findings}]
    assert len(rows) == len(report.findings) and {f.severity for f in report.findings} == {"error", "warning"}
    for finding, row in zip(report.findings, rows):
        assert row[1].fill.fgColor.rgb.endswith(SEVERITY_FILL[finding.severity])
        assert [c.fill.fill_type for c in row[2:]] == [None] * 6
        assert (row[3].font.u, row[4].font.u) == ("single", None)
        assert all(c.border.left.style == "thin" and c.alignment.wrap_text for c in row)


def test_the_original_keeps_its_bytes_and_the_copy_its_content(defects):
    path, report, target = defects
    before = sha256(path)
    annotate(report, path, target, "th")
    assert sha256(path) == before
    assert values(target) == {SUMMARY_SHEET: values(target)[SUMMARY_SHEET], **values(path)}
    assert values(target)["รายการ"]["Z100"] == "=1+1"
    original, copy = content_of(path), content_of(target)
    assert original["content"]["รายงานผล"]["merged"] and original["content"]["รายงานผล"]["validations"]
    for sheet, content in original["content"].items():
        # cells, merged ranges, data validations, freeze panes, print setup and print
        # titles, column widths, header fonts, protection
        assert copy["content"][sheet] == content, sheet
    assert copy["default_font"] == original["default_font"]
    # Margins and footers are print setup too.
    a, b = openpyxl.load_workbook(path)["รายงานผล"], openpyxl.load_workbook(target)["รายงานผล"]
    assert (a.page_margins.left, a.page_margins.top, a.oddFooter.center.text) == \
           (b.page_margins.left, b.page_margins.top, b.oddFooter.center.text)


def test_the_annotated_copy_checks_the_same(defects):
    path, report, target = defects
    annotate(report, path, target, "th")
    assert [(f.rule, f.cell) for f in check(target).findings] == [(f.rule, f.cell) for f in report.findings]


def test_english_comments(build, tmp_path):
    path = build(DEFECTS)
    report = check(path, lang="en")
    annotate(report, path, tmp_path / "out.xlsx", "en")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    comment = wb["รายงานผล"]["F6"].comment.text
    assert "The output cell (F6) is empty" in comment and "Fix:" in comment
    assert wb.sheetnames[0] == SUMMARY_SHEET
    assert any("Agency" == row[0] for row in summary_rows(wb[SUMMARY_SHEET]))


def test_several_findings_on_one_cell_share_one_comment_in_the_worst_colour(build, tmp_path):
    path = build({"report": [{}, {"responsible": "กองครัง"}]})
    report = check(path)
    extra = Finding(rule="made-up", severity="error", message="ข้อความที่สอง", hint="แก้แบบนี้",
                    sheet="รายงานผล", row=6, column="E")
    report = dataclasses.replace(report, findings=report.findings + (extra,))
    annotate(report, path, tmp_path / "out.xlsx", "th")
    cell = openpyxl.load_workbook(tmp_path / "out.xlsx")["รายงานผล"]["E6"]
    assert "กองครัง" in cell.comment.text and "ข้อความที่สอง" in cell.comment.text
    assert cell.fill.fgColor.rgb.endswith(SEVERITY_FILL["error"])


def test_formula_like_and_control_character_texts_stay_text(build, tmp_path):
    path = build({"report": [{}, {"output": None}]})
    report = check(path)
    odd = Finding(rule="made-up", severity="error", message="พัง\x01ตรงนี้", sheet="รายงานผล", row=5, column="B",
                  value="=SUM(A1:A9)")
    report = dataclasses.replace(report, path="=cmd|' /C calc'!A0", findings=report.findings + (odd,))
    annotate(report, path, tmp_path / "out.xlsx", "th")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    cells = [c for row in wb[SUMMARY_SHEET].iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "=SUM(A1:A9)" in [c.value for c in cells] and "=cmd|' /C calc'!A0" in [c.value for c in cells]
    assert "พัง\ufffdตรงนี้" in wb["รายงานผล"]["B5"].comment.text


def test_a_comment_already_in_the_cell_is_kept(build, tmp_path):
    path = build({"report": [{}, {"output": None}]})
    wb = openpyxl.load_workbook(path)
    wb["รายงานผล"]["F6"].comment = openpyxl.comments.Comment("ยังไม่ได้ส่งผล", "สมใจ")
    wb.save(path)
    annotate(check(path), path, tmp_path / "out.xlsx", "th")
    text = openpyxl.load_workbook(tmp_path / "out.xlsx")["รายงานผล"]["F6"].comment.text
    assert "ว่าง" in text and "ยังไม่ได้ส่งผล" in text


def test_table_findings_go_on_the_header_and_file_findings_only_in_the_summary(build, tmp_path):
    path = build(MISSING_OUTCOME)
    report = check(path)
    table = [f for f in report.findings if f.rule == "missing-column"]
    whole = [f for f in report.findings if f.row is None]
    assert table and table[0].row == 2 and table[0].column is None
    assert whole, "expected a finding about the whole file (no metadata)"
    annotate(report, path, tmp_path / "out.xlsx", "th")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert table[0].message in wb["รายงานผล"]["A2"].comment.text
    comments = [c.comment.text for ws in wb.worksheets[1:] for row in ws.iter_rows() for c in row if c.comment]
    for finding in whole:
        assert not any(finding.message in text for text in comments)
        row = next(r for r in wb[SUMMARY_SHEET].iter_rows() if r[4].value == finding.message)
        assert row[3].value == "—" and row[3].hyperlink is None
    links = [c.hyperlink.location for row in wb[SUMMARY_SHEET].iter_rows() for c in row if c.hyperlink]
    assert "'รายงานผล'!A2" in links


def test_a_finding_inside_a_merged_range_goes_to_its_first_cell(build, tmp_path):
    path = build({"report": [{}]})
    report = check(path)
    inside = Finding(rule="made-up", severity="warning", message="ชื่อเรื่องไม่ครบ", sheet="รายงานผล", row=1, column="C")
    annotate(dataclasses.replace(report, findings=(inside,)), path, tmp_path / "out.xlsx", "th")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert "A1:I1" in {str(r) for r in wb["รายงานผล"].merged_cells.ranges}
    assert "ชื่อเรื่องไม่ครบ" in wb["รายงานผล"]["A1"].comment.text


def test_a_sheet_named_like_the_summary_is_not_replaced(build, tmp_path):
    path = build({"sheets": {SUMMARY_SHEET: [["ข้อมูลเดิม"]], "รายงานผล": MISSING_OUTCOME["sheets"]["รายงานผล"]}})
    annotate(check(path), path, tmp_path / "out.xlsx", "th")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames[:2] == [f"{SUMMARY_SHEET} (2)", SUMMARY_SHEET]
    assert wb[SUMMARY_SHEET]["A1"].value == "ข้อมูลเดิม"


def test_xlsm_copies_keep_their_macros(build, tmp_path):
    source = build({"report": [{}, {"output": None}]})
    macro = b"\xd0\xcf\x11\xe0 not a real vba project, kept byte for byte"
    xlsm = tmp_path / "with-macros.xlsm"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(xlsm, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
                    b"</Types>", b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
            out.writestr(item, data)
        out.writestr("xl/vbaProject.bin", macro)
    report = check(xlsm)
    assert report.status == "failed"
    annotate(report, xlsm, tmp_path / "out" / "with-macros.xlsm", "en")
    with zipfile.ZipFile(tmp_path / "out" / "with-macros.xlsm") as copy:
        assert copy.read("xl/vbaProject.bin") == macro
        assert b"macroEnabled" in copy.read("[Content_Types].xml")
    wb = openpyxl.load_workbook(tmp_path / "out" / "with-macros.xlsm", keep_vba=True)
    assert any("macros" in str(v) for row in summary_rows(wb[SUMMARY_SHEET]) for v in row if v)


def test_lost_pictures_are_detected(tmp_path):
    original = tmp_path / "a.xlsx"
    with zipfile.ZipFile(original, "w") as z:
        z.writestr("xl/media/image1.png", b"png")
        z.writestr("xl/drawings/drawing1.xml", b"<x/>")
    copy = io.BytesIO()
    with zipfile.ZipFile(copy, "w") as z:
        z.writestr("xl/workbook.xml", b"<x/>")
    assert _lost_drawings(original, copy.getvalue())
    assert not _lost_drawings(original, original.read_bytes())


def test_unreadable_files_are_not_annotated(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("a,b\n")
    report = check(path)
    with pytest.raises(ValueError):
        annotate(report, path, tmp_path / "out" / "x.xlsx", "th")
    assert not (tmp_path / "out").exists()


def test_the_write_is_atomic_and_replaces_an_older_copy(defects):
    path, report, target = defects
    target.parent.mkdir(parents=True)
    target.write_bytes(b"old copy")
    annotate(report, path, target, "th")
    assert zipfile.is_zipfile(target)
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary left


def test_targets_keep_the_name_and_number_clashes(tmp_path):
    a, b, c = tmp_path / "a" / "x.xlsx", tmp_path / "b" / "X.xlsx", tmp_path / "c" / "x.xlsx"
    for p in (a, b, c):
        p.parent.mkdir()
        p.write_bytes(b"")
    out = tmp_path / "out"
    assert plan_targets([a, b, c], out) == [out / "x.xlsx", out / "X (2).xlsx", out / "x (3).xlsx"]
    with pytest.raises(AnnotateError):
        plan_targets([a, b], tmp_path / "b")
    with pytest.raises(AnnotateError):
        plan_targets([a], tmp_path / "a" / ".." / "a")
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(AnnotateError):
        plan_targets([a], tmp_path / "file")


def _copies(folder: Path) -> dict:
    """Each copy's every zip member but its time of writing."""
    copies = {}
    for path in sorted(folder.iterdir()):
        with zipfile.ZipFile(path) as z:
            copies[path.name] = {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}
    return copies


def test_copies_made_by_two_processes_are_those_made_by_one(build, tmp_path, monkeypatch):
    """The copies of a batch are written by worker processes: the same copies, and the
    same lines for the officer in the order of the files, as when one process writes them,
    with a file that cannot be annotated and an unreadable one among them."""
    import checker.annotate as annotating
    from checker.annotate import annotate_run
    from checker.engine import check_paths
    from checker.ruleset import Config, load_rules

    batch = tmp_path / "batch"
    batch.mkdir()
    for index in range(5):
        shutil.copy(build({"report": [{}, {"output": None}] if index % 2 else [{}, {"outcome": "-"}]}),
                    batch / f"{index}.xlsx")
    (batch / "2.xlsx").write_text("not a workbook")
    files = sorted(batch.iterdir())
    run_report = check_paths(files, load_rules(), Config(lang="en"), jobs=1)
    real = annotating.annotate

    def refuse_the_fourth(report, source, target, lang="th"):
        if Path(source).name == "3.xlsx":
            raise OSError("disk full")
        return real(report, source, target, lang)

    monkeypatch.setattr(annotating, "annotate", refuse_the_fourth)
    outcomes = {}
    for jobs in (1, 2):
        out = tmp_path / f"jobs-{jobs}"
        targets = plan_targets(files, out, "en")
        outcomes[jobs] = annotate_run(run_report, files, targets, "en", jobs=jobs), _copies(out)
    assert outcomes[2] == outcomes[1]
    (written, lines), copies = outcomes[2]
    assert written == 3 and sorted(copies) == ["0.xlsx", "1.xlsx", "4.xlsx"]
    assert ["2.xlsx" in lines[0], "3.xlsx" in lines[1] and "disk full" in lines[1]] == [True, True]


def _copying_one_file_kills_its_process(build, monkeypatch, each=None, last_words: Path | None = None):
    """Five checked files, 0.xlsx to 4.xlsx, and their run report; copying 2.xlsx kills the
    process that copies it, as a crash in a native library would, after creating
    `last_words` if given. `each(source)` is called first for every copy."""
    import os

    import checker.annotate as annotating
    from checker.engine import check_paths
    from checker.ruleset import Config, load_rules

    files = [build({"report": [{}, {"output": None}]}, name=f"{index}.xlsx") for index in range(5)]
    run_report = check_paths(files, load_rules(), Config(lang="en"), jobs=1)
    real = annotating.annotate

    def one_file_kills_its_process(report, source, target, lang="th"):
        if each:
            each(source)
        if Path(source).name == "2.xlsx":
            if last_words:
                last_words.touch()
            os._exit(1)
        return real(report, source, target, lang)

    monkeypatch.setattr(annotating, "annotate", one_file_kills_its_process)
    return files, run_report


def test_a_file_that_kills_its_copying_process_is_reported_and_the_others_are_written(build, tmp_path, monkeypatch):
    import os

    from checker.annotate import annotate_run

    parent, calls = os.getpid(), tmp_path / "calls"
    calls.mkdir()

    def mark(source):
        assert os.getpid() != parent, "with two jobs, no copy is made in the main process"
        (calls / f"{Path(source).stem}-{os.getpid()}").touch()

    files, run_report = _copying_one_file_kills_its_process(build, monkeypatch, each=mark)
    out = tmp_path / "out"
    written, lines = annotate_run(run_report, files, plan_targets(files, out, "en"), "en", jobs=2)
    assert written == 4
    assert sorted(p.name for p in out.iterdir()) == ["0.xlsx", "1.xlsx", "3.xlsx", "4.xlsx"]
    assert len(lines) == 1 and "2.xlsx" in lines[0] and "the program stopped while copying" in lines[0]
    # Retried alone in a fresh process: twice in all, in two different processes.
    assert len({p.name for p in calls.iterdir() if p.name.startswith("2-")}) == 2


def test_copies_that_cannot_be_made_again_for_want_of_a_process_say_so(build, tmp_path, monkeypatch, no_process_once):
    from checker.annotate import annotate_run

    files, run_report = _copying_one_file_kills_its_process(build, monkeypatch, last_words=no_process_once)
    out = tmp_path / "out"
    written, lines = annotate_run(run_report, files, plan_targets(files, out, "en"), "en", jobs=2)
    # The groups lost with the pool (2.xlsx's at least) cannot be copied again: each says why.
    copies = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert "2.xlsx" not in copies and written == len(copies) and len(lines) == 5 - written
    assert sorted(copies + [next(f.name for f in files if f.name in line) for line in lines]) == [f.name for f in files]
    assert all("could not start another to copy it again" in line for line in lines)
    assert not any("the program stopped while copying this file" in line for line in lines)


# ------------------------------------------------------------------ the command line


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_cli_writes_copies_and_refuses_the_inputs_folder(defects, tmp_path):
    path, _, _ = defects
    before = sha256(path)
    result = run("check", path, "--annotate", path.parent)
    assert result.exit_code == 2
    assert "โฟลเดอร์" in result.stderr and str(path) in result.stderr
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
    assert sha256(path) == before

    out = tmp_path / "checked"
    result = run("check", path, "--annotate", out, "--format", "json", "--output", tmp_path / "r.json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert openpyxl.load_workbook(out / path.name).sheetnames[0] == SUMMARY_SHEET
    assert sha256(path) == before


def test_cli_same_names_from_two_folders_both_kept(build, tmp_path):
    first = build({"report": [{}, {"output": None}]}, name="report.xlsx")
    second = build({"report": [{}, {"outcome": "-"}]}, name="report.xlsx")
    out = tmp_path / "checked"
    result = run("check", first, second, "--annotate", out, "--lang", "en")
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["report (2).xlsx", "report.xlsx"]
    assert "report (2).xlsx" in result.stderr
    assert openpyxl.load_workbook(out / "report.xlsx")["รายงานผล"]["F6"].comment is not None
    assert openpyxl.load_workbook(out / "report (2).xlsx")["รายงานผล"]["G6"].comment is not None


def test_cli_folder_run_skips_earlier_copies_and_unreadable_files(build, tmp_path):
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(build(DEFECTS), batch / "a.xlsx")
    (batch / "broken.xlsx").write_text("not a workbook")
    out = batch / "checked"
    for _ in range(2):  # the second run must not check (or refuse) the first run's copies
        result = run("check", batch, "--annotate", out, "--lang", "en")
        assert result.exit_code == 1, result.stderr
        assert "broken.xlsx" in result.stderr and "could not be read" in result.stderr
        assert sorted(p.name for p in out.iterdir()) == ["a.xlsx"]


def test_cli_clean_file_exits_0_with_a_copy(build, tmp_path):
    path = build({"report": [{}, {}]})
    result = run("check", path, "--annotate", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(tmp_path / "out" / path.name)
    assert wb.sheetnames[0] == SUMMARY_SHEET


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_the_copy_opens_in_libreoffice(defects, tmp_path):
    path, report, target = defects
    annotate(report, path, target, "th")
    out = tmp_path / "pdf"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                    "--convert-to", "pdf", "--outdir", str(out), str(target)],
                   check=True, timeout=180, capture_output=True)
    pdf = out / (target.stem + ".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
