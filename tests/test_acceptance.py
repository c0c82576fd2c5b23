"""Issue 2's "done when": the template, a filled template, and the four usual defects."""

from __future__ import annotations

from checker import template
from checker.samples import SAMPLE_META, sample_rows
from conftest import check, rows


def test_untouched_template_fails_with_table_empty_only(tmp_path):
    path = tmp_path / "ita_template.xlsx"
    template.write_template(path)
    report = check(path)
    assert report.status == "failed"
    assert rows(report) == [("table-empty", None), ("table-empty", None)]
    assert {f.sheet for f in report.findings} == {template.PLAN_SHEET, template.REPORT_SHEET}
    # Nothing is filled in, so nothing is known about it: no round from the title's "ประจำปี".
    meta = report.metadata
    assert (meta.agency, meta.fiscal_year, meta.round, meta.kind) == (None, None, None, None)


def test_bundled_template_is_the_untouched_template():
    from checker.reference import bundled_path

    report = check(bundled_path("templates/ita_template.xlsx"))
    assert {r for r, _ in rows(report)} == {"table-empty"}


def test_template_filled_with_correct_rows_passes(tmp_path):
    path = tmp_path / "filled.xlsx"
    template.save_workbook(template.fill(meta=SAMPLE_META, plan=sample_rows("plan"), report=sample_rows("report")), path)
    report = check(path)
    assert rows(report) == []
    assert report.status == "passed"
    meta = report.metadata
    assert (meta.agency, meta.fiscal_year, meta.round, meta.kind) == (SAMPLE_META["agency"], 2568, 12, "report")


def test_four_usual_defects_reported_exactly_at_their_cells(build):
    path = build({"report": [{}, {"output": None}, {"outcome": "-"}, {"responsible": None}, {"responsible": "กองครัง"}]})
    report = check(path)
    assert rows(report) == [
        ("empty-cell", "F6"),
        ("placeholder-text", "G7"),
        ("empty-cell", "E8"),
        ("responsible-unknown", "E9"),
    ]
    typo = report.findings[-1]
    assert "กองคลัง" in typo.hint
    assert typo.severity == "warning" and typo.value == "กองครัง"
    # Thai by default, with the field named as the officer knows it.
    assert report.findings[0].message.startswith("ช่อง ผลการดำเนินการ")


def test_same_defects_in_english(build):
    report = check(build({"report": [{}, {"output": None}]}), lang="en")
    assert [f.message for f in report.findings] == ["The output cell (F6) is empty"]
