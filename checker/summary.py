"""The batch summary: one row per file, worst first, and the rules that fired most.

Shared by the terminal report and `--summary summary.xlsx`, so both say the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from checker.i18n import ui
from checker.model import SEVERITIES, FileReport, RunReport
from checker.styles import SEVERITY_FILL, CellStyles

_STATUS_ORDER = {"unreadable": 0, "failed": 1, "passed": 2}


@dataclass(frozen=True)
class FileRow:
    path: str
    agency: str | None
    agency_type: str | None
    district: str | None
    fiscal_year: int | None
    round: int | None
    kind: str | None
    rows: int
    errors: int
    warnings: int
    infos: int
    status: str


def file_rows(run: RunReport) -> list[FileRow]:
    rows = [_row(f) for f in run.files]
    return sorted(rows, key=lambda r: (_STATUS_ORDER[r.status], -r.errors, -r.warnings, r.path))


def _row(report: FileReport) -> FileRow:
    m = report.metadata
    return FileRow(report.path, m.agency, m.agency_type, m.district, m.fiscal_year, m.round, m.kind,
                   report.rows_checked, report.count("error"), report.count("warning"), report.count("info"),
                   report.status)


def rule_counts(run: RunReport) -> list[tuple[str, str, int, int]]:
    """(rule, severity, findings, files) for each rule that fired, most findings first."""
    findings: Counter = Counter()
    files: Counter = Counter()
    severity: dict[str, str] = {}
    for report in run.files:
        seen = set()
        for f in report.findings:
            findings[f.rule] += 1
            severity.setdefault(f.rule, f.severity)
            seen.add(f.rule)
        files.update(seen)
    return [(rule, severity[rule], n, files[rule]) for rule, n in findings.most_common()]


def write_summary(run: RunReport, path: Path, lang: str = "th") -> None:
    """The summary as a workbook to file and share: files, every finding, counts per rule."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from checker.template import save_workbook

    font = Font(name="TH Sarabun New", size=14)
    bold = Font(name="TH Sarabun New", size=14, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    statuses = {"passed": "C6EFCE", "failed": "FFC7CE", "unreadable": "E4DFEC"}
    fills = {key: PatternFill("solid", fgColor=colour) for key, colour in {**statuses, **SEVERITY_FILL}.items()}
    styles = CellStyles()

    def sheet(workbook, title: str, header: list[str], rows: list[list], widths: list[int], colour_column: int | None):
        ws = workbook.create_sheet(title)
        ws.append(header)
        # Rows are numbered here: openpyxl's max_row looks at every cell written so far,
        # which, asked for each cell, made a batch's summary take longer than its check.
        for row, values in enumerate(rows, start=2):
            colour = values[colour_column] if colour_column is not None else None
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row, column)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"  # cell text such as "=SUM(..." stays text, never a formula
                if colour in fills and column == colour_column + 1:
                    styles.apply(cell, colour, font=font, alignment=wrap, fill=fills[colour])
                else:
                    styles.apply(cell, None, font=font, alignment=wrap)
        for column, width in enumerate(widths, start=1):
            ws.cell(1, column).font = bold
            ws.column_dimensions[ws.cell(1, column).column_letter].width = width
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        return ws

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet(workbook, ui("sheet_files", lang),
          [ui(k, lang) for k in ("col_file", "agency", "col_agency_type", "col_district", "fiscal_year", "round",
                                 "kind", "col_rows", "error", "warning", "info", "col_status")],
          [[r.path, r.agency, r.agency_type, r.district, r.fiscal_year, r.round, r.kind, r.rows, r.errors,
            r.warnings, r.infos, r.status] for r in file_rows(run)],
          [50, 36, 22, 18, 12, 8, 10, 8, 10, 10, 10, 12], colour_column=11)
    sheet(workbook, ui("sheet_findings", lang),
          [ui(k, lang) for k in ("col_file", "agency", "col_sheet", "col_cell", "col_rule", "col_severity",
                                 "col_message", "hint")],
          [[report.path, report.metadata.agency, f.sheet, f.cell, f.rule, f.severity, f.message, f.hint]
           for report in run.files for f in report.findings],
          [40, 30, 16, 8, 24, 10, 70, 50], colour_column=5)
    sheet(workbook, ui("sheet_rules", lang),
          [ui(k, lang) for k in ("col_rule", "col_severity", "col_findings", "col_files")],
          [list(row) for row in rule_counts(run)], [28, 12, 12, 12], colour_column=1)
    save_workbook(workbook, Path(path))


__all__ = ["FileRow", "file_rows", "rule_counts", "write_summary", "SEVERITIES"]
