"""The CSV report (`--format csv`): one row per finding, UTF-8 with BOM, no formula runs."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.formatters.csv import COLUMNS, neutralise, render
from checker.model import RunReport
from conftest import check

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://x","y")'


def run_of(*reports) -> RunReport:
    return RunReport(files=tuple(reports), rules_count=8, rules_digest="x", checker_version="0.1.0")


def read(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.fixture
def defects(build):
    return build({"report": [{}, {"output": None}, {"outcome": "-"}, {"responsible": HYPERLINK},
                             {"responsible": "กองครัง"}, {"responsible": "+66 81 234 5678"}]}, name="=cmd.xlsx")


@pytest.mark.parametrize("value,expected", [
    ("-", "'-"), ("- สำนักปลัด", "'- สำนักปลัด"), ("=1+1", "'=1+1"), ("+1", "'+1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("＝1", "'＝1"), ("กองคลัง", "กองคลัง"), ("a=1", "a=1"),
    (None, ""), (2568, "2568"), ("", ""),
])
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_written_file_reads_back_with_thai_and_no_live_formula(defects, tmp_path):
    out = tmp_path / "findings.csv"
    result = run("check", defects, "--format", "csv", "--output", out)
    assert result.exit_code == 1 and result.stdout == ""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert tuple(table[0]) == COLUMNS
    rows = [dict(zip(COLUMNS, r)) for r in table[1:]]
    report = check(defects)
    assert [(r["rule"], r["cell"]) for r in rows] == [(f.rule, f.cell) for f in report.findings]
    assert rows[0]["agency"] == "องค์การบริหารส่วนตำบลตัวอย่าง"
    assert rows[0]["message"] == report.findings[0].message  # Thai intact
    for row in table:
        for cell in row:
            assert not cell.startswith(DANGEROUS), cell
    values = {r["cell"]: r["value"] for r in rows}
    assert values["E8"] == "'" + HYPERLINK
    assert values["G7"] == "'-"
    assert values["E10"] == "'+66 81 234 5678"


def test_rows_carry_the_finding_fields(defects):
    report = check(defects, lang="en")
    rows = read(render(run_of(report), "en"))
    first = rows[0]
    finding = report.findings[0]
    assert (first["sheet"], first["cell"], first["row"], first["column"], first["field"], first["rule"],
            first["severity"], first["message"], first["hint"], first["fiscal_year"], first["status"]) == \
           (finding.sheet, finding.cell, str(finding.row), finding.column, finding.field, finding.rule,
            finding.severity, finding.message, finding.hint, "2568", "failed")


def test_file_name_that_looks_like_a_formula_is_neutralised(defects, monkeypatch):
    monkeypatch.chdir(defects.parent)
    result = run("check", defects.name, "--format", "csv")
    assert result.exit_code == 1
    rows = read(result.stdout_bytes.decode("utf-8-sig"))
    assert rows and all(r["file"] == "'=cmd.xlsx" for r in rows)


def test_unreadable_file_gets_one_row(tmp_path, build):
    broken = tmp_path / "broken.xlsx"
    broken.write_text("a,b\n")
    ok = build({"report": [{}, {}]})
    rows = read(render(run_of(check(broken), check(ok)), "en"))
    assert [(r["file"], r["rule"], r["status"]) for r in rows] == [(str(broken), "unreadable-file", "unreadable")]
    assert rows[0]["message"]


def test_multiline_values_stay_in_their_cell(build):
    report = check(build({"report": [{}, {"responsible": "กองครัง\nกองช่าง"}]}))
    text = render(run_of(report), "th")
    assert text.endswith("\r\n")
    rows = read(text)
    assert len(rows) == len(report.findings)
    assert [r["message"] for r in rows] == [f.message for f in report.findings]


def test_cli_csv_exit_codes_and_stdout(build, tmp_path):
    ok = build({"report": [{}, {}]})
    out = tmp_path / "ok.csv"
    result = run("check", ok, "--format", "csv", "--output", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_bytes() == b"\xef\xbb\xbf" + (",".join(COLUMNS) + "\r\n").encode()
    result = run("check", ok, "--format", "csv")  # to standard output: the same bytes, BOM included
    assert result.exit_code == 0
    assert result.stdout_bytes == out.read_bytes()
