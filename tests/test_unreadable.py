"""Files that are not readable workbooks give one clear `unreadable-file` finding."""

from __future__ import annotations

import zipfile

import pytest

from checker.reader import OLE2_MAGIC
from conftest import check, rows


def _ole2(path, with_encryption: bool):
    body = OLE2_MAGIC + b"\0" * 504
    if with_encryption:
        body += "EncryptionInfo".encode("utf-16-le") + b"\0" * 64
    path.write_bytes(body + b"\0" * 1024)


CASES = {
    "csv": (lambda p: p.write_text("ลำดับ,มาตรการ\n1,มาตรการเผยแพร่\n", encoding="utf-8"), "CSV"),
    "html": (lambda p: p.write_text("<html><body><table><tr><td>x</td></tr></table></body></html>"), "HTML"),
    "legacy_xls": (lambda p: _ole2(p, False), ".xls"),
    "encrypted": (lambda p: _ole2(p, True), "รหัสผ่าน"),
    "empty": (lambda p: p.write_bytes(b""), "ว่างเปล่า"),
    "corrupt_zip": (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 20), "เสียหาย"),
    "not_workbook": (lambda p: zipfile.ZipFile(p, "w").writestr("word/document.xml", "<x/>"), "ไม่ใช่สมุดงาน"),
}


@pytest.mark.parametrize("kind", CASES)
def test_unreadable_file_gives_one_clear_thai_finding(kind, tmp_path):
    make, words = CASES[kind]
    path = tmp_path / f"{kind}.xlsx"
    make(path)
    before = path.read_bytes()
    report = check(path)
    assert report.status == "unreadable"
    assert rows(report) == [("unreadable-file", None)]
    finding = report.findings[0]
    assert words in finding.message + (finding.hint or "")
    assert path.name in finding.message
    assert path.read_bytes() == before  # inputs are only read


def test_truncated_workbook_is_unreadable(build):
    path = build({"report": [{}]})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    report = check(path)
    assert rows(report) == [("unreadable-file", None)]


def test_damaged_part_inside_a_valid_zip_is_unreadable(tmp_path):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<not-closed")
    report = check(path)
    assert report.status == "unreadable"
    assert rows(report) == [("unreadable-file", None)]


def test_unreadable_is_reported_even_when_not_selected(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("a,b\n")
    report = check(path, select=("empty-cell",))
    assert rows(report) == [("unreadable-file", None)]


def test_every_reason_the_reader_gives_has_its_own_message():
    import re
    from pathlib import Path

    from checker.ruleset import load_rules

    sources = "".join(p.read_text(encoding="utf-8") for p in Path("checker").rglob("*.py"))
    reasons = set(re.findall(r'Unreadable\(\s*"(\w+)"', sources))
    reasons |= {"csv", "html", "text", "not_spreadsheet"}  # returned by the text sniffer
    variants = set(load_rules().by_id()["unreadable-file"].variants)
    assert reasons and reasons <= variants, sorted(reasons - variants)
