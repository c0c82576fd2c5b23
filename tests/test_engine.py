"""The engine: a crashing rule becomes an error finding, never a silent pass."""

from __future__ import annotations

from checker import checks
from conftest import check, rows


def test_a_crashing_check_is_an_error_finding(build, monkeypatch):
    def explode(document, rule):
        raise ZeroDivisionError("boom")
        yield  # a generator, like the real checks

    monkeypatch.setitem(checks.CHECKS, "known_responsible", explode)
    report = check(build({"report": [{}]}))
    assert rows(report) == [("responsible-unknown", None)]
    (finding,) = report.findings
    assert finding.severity == "error" and "ZeroDivisionError" in finding.message
    assert report.status == "failed"


def test_findings_are_ordered_by_sheet_row_column_rule(build):
    report = check(build({"report": [{"outcome": "-", "output": None}, {"responsible": None, "steps": "-"}]}))
    assert rows(report) == [("empty-cell", "F5"), ("placeholder-text", "G5"), ("placeholder-text", "C6"), ("empty-cell", "E6")]


def test_file_is_never_written(build):
    import hashlib

    path = build({"report": [{"output": None}]})
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    report = check(path)
    assert report.sha256 == before[0]
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
