"""The CSV report: one row per finding, for a spreadsheet or a mail merge.

Header keys are English (stable for programs); messages and hints are in the --lang
language. A file that could not be read has its one `unreadable-file` row; a file
without findings has no row (the HTML and JSON reports list every file).

Formula injection: a spreadsheet runs a cell that starts with =, +, -, @ (or a tab or a
carriage return before one) as a formula, so every value starting with one of those
(and the full-width ＝＋－＠ that some Excel input methods turn into them) gets a leading
single quote ' as OWASP recommends. Real values such as "-" or "- สำนักปลัด" therefore
read "'-" and "'- สำนักปลัด" in the file: that is on purpose.

`render` returns text; the CLI writes it as UTF-8 with a byte-order mark (`ENCODING`),
to a file or to standard output alike, so that Excel opens the Thai text correctly.
Rows end in CRLF (RFC 4180).
"""

from __future__ import annotations

import csv
import io

from checker.model import RunReport

ENCODING = "utf-8-sig"
COLUMNS = ("file", "agency", "fiscal_year", "status", "sheet", "cell", "row", "column", "field",
           "rule", "severity", "message", "hint", "value")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> str:
    """The value as CSV text that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(run: RunReport, lang: str = "th") -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for report in run.files:
        meta = report.metadata
        for f in report.findings:
            row = (report.path, meta.agency, meta.fiscal_year, report.status, f.sheet, f.cell, f.row, f.column,
                   f.field, f.rule, f.severity, f.message, f.hint, f.value)
            writer.writerow([neutralise(v) for v in row])
    return buffer.getvalue()
