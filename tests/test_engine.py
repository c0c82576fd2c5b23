"""The engine: a crashing rule becomes an error finding, never a silent pass."""

from __future__ import annotations

import pytest

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


def test_a_crashing_column_check_is_an_error_finding_on_every_file(build, monkeypatch):
    from checker.checks.cells import FrameCheck
    from checker.engine import check_paths
    from checker.ruleset import Config, load_rules

    def explode(rule):
        raise ValueError("broken column check")

    monkeypatch.setitem(checks.FRAME_CHECKS, "not_empty", FrameCheck(explode))
    paths = [build({"report": [{}]}), build({"report": [{"output": None}]})]
    run = check_paths(paths, load_rules(), Config(select=("empty-cell", "placeholder-text")))
    # The column rules share one validation: when it cannot run, neither rule ran.
    for report in run.files:
        assert [(f.rule, f.severity) for f in report.findings] == [("empty-cell", "error"), ("placeholder-text", "error")]
        assert all("ValueError" in f.message for f in report.findings)
        assert report.status == "failed"


def test_column_rules_in_one_validation_map_back_to_each_file(build, monkeypatch):
    from checker.checks import cells
    from checker.engine import check_chunk, settle
    from checker.ruleset import Config, active_rules, load_rules

    config = Config(select=("empty-cell", "placeholder-text"))
    rules = active_rules(load_rules(), config)
    paths = [build({"report": [{}, {"output": None}]}), build({"plan": [{"steps": "-"}]}),
             build({"report": [{"outcome": "n/a"}], "plan": [{}, {"period": None}]})]
    # Workers check files in chunks; the rows of all of them are validated once, at the end.
    results = check_chunk(paths[:2], rules, config) + check_chunk(paths[2:], rules, config)
    assert [(r.report.findings, r.report.status) for r in results] == [((), "passed")] * 3
    calls = []
    real = cells.validate_rows
    monkeypatch.setattr(cells, "validate_rows", lambda *a: calls.append(a) or real(*a))
    reports = settle(results, rules, config)
    assert len(calls) == 1
    assert [rows(r) for r in reports] == [
        [("empty-cell", "F6")],
        [("placeholder-text", "C5")],
        [("empty-cell", "D6"), ("placeholder-text", "G5")],
    ]
    assert [f.sheet for f in reports[2].findings] == ["มาตรการ", "รายงานผล"]
    assert [r.status for r in reports] == ["failed"] * 3  # settled on the column rules' findings too

def test_column_findings_show_the_cell_as_written_and_only_such_cells_keep_their_text(build):
    """A file's rows cross to the process that validates them all with only what the
    checks look at; the text is kept where a cell may fail, and a finding shows it whole."""
    from checker.checks import FRAME_CHECKS
    from checker.checks.cells import _FILLED as FILLED
    from checker.checks.cells import frame_rows
    from checker.document import load_document
    from checker.engine import check_file, shorten
    from checker.ruleset import Config, active_rules, load_rules

    dashes = "- " * 150  # no letter at all: a placeholder, however long
    real = "ไม่มีเรื่องร้องเรียนการทุจริตในปีงบประมาณนี้ และได้รายงานผลต่อผู้บริหารแล้ว"  # starts like a placeholder
    longest = "ยังไม่ได้กรอก"  # the longest placeholder of the rule: kept, at the edge
    path = build({"report": [{"output": dashes, "outcome": real}, {"output": "ไม่ มี", "outcome": None},
                             {"output": longest}]})
    config = Config(select=("empty-cell", "placeholder-text"))
    report = check_file(path, active_rules(load_rules(), config), config)
    assert [(f.rule, f.cell, f.value) for f in report.findings] == [
        ("placeholder-text", "F5", shorten(dashes.strip())), ("placeholder-text", "F6", "ไม่ มี"), ("empty-cell", "G6", ""),
        ("placeholder-text", "F7", longest)]
    rules = [r for r in active_rules(load_rules(), config) if r.check in FRAME_CHECKS]
    frame = frame_rows(load_document(str(path)), rules, FRAME_CHECKS)
    kept = {text for column in frame.columns.values() for text in column if text is not None}
    assert real not in kept and "ไม่ มี" in kept and dashes.strip() in kept
    # The empty-cell column crosses as "" or one marker object shared by every filled cell.
    prepared = [value for value in frame.prepared["empty-cell|outcome"] if value is not None]
    assert "" in prepared and set(prepared) == {"", FILLED} and len({id(v) for v in prepared if v}) == 1


@pytest.mark.parametrize("select", [("copied-from-other-file",), ("copied-from-other-file", "empty-cell")],
                         ids=["alone", "beside-column-rules"])
def test_a_crashing_comparison_of_files_is_an_error_finding_on_every_file(build, monkeypatch, select):
    from checker.checks.batch import BatchCheck
    from checker.engine import check_paths
    from checker.ruleset import Config, load_rules

    def explode(results, rule):
        raise KeyError("broken comparison")
        yield

    real = checks.BATCH_CHECKS["shared_passages"]
    monkeypatch.setitem(checks.BATCH_CHECKS, "shared_passages", BatchCheck(real.collect, explode))
    paths = [build({"report": [{}]}), build({"report": [{"output": None}]})]
    # Beside the column rules, the comparison runs in a process of its own (checker.sharing).
    run = check_paths(paths, load_rules(), Config(select=select), jobs=1)
    expected = [[("copied-from-other-file", "error")],
                [("copied-from-other-file", "error")] + ([("empty-cell", "error")] if "empty-cell" in select else [])]
    assert [[(f.rule, f.severity) for f in report.findings] for report in run.files] == expected
    assert all("KeyError" in report.findings[0].message for report in run.files)
    assert [report.status for report in run.files] == ["failed", "failed"]


@pytest.mark.parametrize("collecting", [True, False], ids=["collector-on", "collector-off"])
def test_files_are_compared_with_the_cyclic_collector_off_and_it_is_left_as_found(build, monkeypatch, collecting):
    """Every file's results stay in one process until they are compared: the cyclic garbage
    collector, which would walk through them again and again, is off meanwhile, and a
    program that calls the engine gets its collector back as it was."""
    import gc

    from checker.checks.batch import BatchCheck
    from checker.engine import check_paths
    from checker.ruleset import Config, load_rules

    seen = []
    real = checks.BATCH_CHECKS["shared_passages"]

    def judge(results, rule):
        seen.append(gc.isenabled())
        yield from real.judge(results, rule)

    monkeypatch.setitem(checks.BATCH_CHECKS, "shared_passages", BatchCheck(real.collect, judge))
    paths = [build({"report": [{}]}), build({"report": [{}]})]
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        check_paths(paths, load_rules(), Config(select=("copied-from-other-file",)), jobs=1)
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False]
    assert after is collecting
