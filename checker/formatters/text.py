"""The coloured terminal report (rich).

Everything that comes from a cell or a file name passes through `safe_text` and is
added as a rich `Text`, never as markup, so a cell cannot restyle the terminal.
"""

from __future__ import annotations

import io
import re
from functools import partial
from itertools import groupby

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from checker.i18n import ui
from checker.model import FileReport, Finding, RunReport
from checker.thai import thai_number

# The summary table is wide; agency types are shown as officers abbreviate them.
SHORT_TYPES = {"องค์การบริหารส่วนตำบล": "อบต.", "องค์การบริหารส่วนจังหวัด": "อบจ.", "เทศบาลตำบล": "ทต.",
               "เทศบาลเมือง": "ทม.", "เทศบาลนคร": "ทน."}
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
STATUS_STYLE = {"passed": "bold green", "failed": "bold red", "unreadable": "bold magenta"}
# C0/C1 controls (ESC starts terminal escape sequences) and bidirectional overrides
# (they reorder what follows them on the line). Tabs and newlines are kept.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def safe_text(text: object) -> str:
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
                       str(text))


def _header(report: FileReport, lang: str) -> Group:
    status = Text.assemble(
        ("━━ ", "dim"), (safe_text(report.path), "bold"), "  ",
        (f"[{ui('status_' + report.status, lang)}]", STATUS_STYLE[report.status]),
    )
    meta = report.metadata
    unknown = ui("unknown", lang)
    kind = ui(f"kind_{meta.kind}", lang) if meta.kind else unknown
    details = Text.assemble(
        (ui("agency", lang) + ": ", "dim"), safe_text(meta.agency or unknown), "   ",
        (ui("fiscal_year", lang) + ": ", "dim"), thai_number(meta.fiscal_year, lang) if meta.fiscal_year else unknown, "   ",
        (ui("round", lang) + ": ", "dim"), ui("round_value", lang, n=meta.round) if meta.round else "-", "   ",
        (ui("kind", lang) + ": ", "dim"), kind,
    )
    lines = [status]
    if report.status != "unreadable":
        lines.append(details)
        tables = [
            ui("table_at", lang, sheet=safe_text(t.sheet), header=str(t.header_row), first=str(t.first_row), last=str(t.last_row))
            if t.first_row else ui("table_at_empty", lang, sheet=safe_text(t.sheet), header=str(t.header_row))
            for t in report.tables
        ]
        lines.append(Text.assemble((ui("tables", lang) + ": ", "dim"), "; ".join(tables) or ui("no_tables", lang)))
    return Group(*lines)


def _findings_table(findings: tuple[Finding, ...], lang: str) -> RichTable:
    def place(f: Finding) -> tuple:
        return (f.sheet or "", f.row or 0)

    rows = []
    for (sheet, row), group in groupby(findings, key=place):
        heading = f"{safe_text(sheet)} · {ui('row', lang, row=str(row))}" if row else ui("whole_file", lang)
        rows.append((Text(heading, style="bold"), Text(""), Text(""), Text("")))
        for f in group:
            body = Text(safe_text(f.message))
            if f.hint:
                body.append("\n" + ui("hint", lang) + ": ", style="dim")
                body.append(safe_text(f.hint), style="green")
            rows.append((Text("  " + (f.cell or "—")), Text(ui(f.severity, lang), style=SEVERITY_STYLE[f.severity]),
                         body, Text(f.rule)))
    # The columns that never wrap get the width rich would find for them: given, rich
    # does not measure every cell of them again (a batch's report spent most of its
    # time laying out its tables).
    widths = [max(cell_len(row[index].plain) for row in rows) for index in (0, 1, 3)]
    table = RichTable(show_header=False, box=None, pad_edge=False, expand=False, padding=(0, 1))
    table.add_column(no_wrap=True, width=widths[0])
    table.add_column(no_wrap=True, width=widths[1])
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, style="dim", width=widths[2])
    for row in rows:
        table.add_row(*row)
    return table


def render_file(console: Console, report: FileReport, lang: str) -> None:
    console.print(_header(report, lang))
    if report.findings:
        console.print(_findings_table(report.findings, lang))
    else:
        console.print(Text(ui("no_findings", lang), style="green"))
    counts = {s: report.count(s) for s in ("error", "warning", "info")}
    console.print(Text(ui("file_summary", lang, **counts), style="dim"))
    console.print()


def render_batch_summary(console: Console, run: RunReport, lang: str) -> None:
    """One row per file, worst first, then the rules that fired most."""
    from checker.summary import file_rows, rule_counts

    table = RichTable(title=ui("batch_heading", lang), title_justify="left", show_lines=False, pad_edge=False,
                      box=box.SIMPLE_HEAD)
    table.add_column(ui("col_file", lang), ratio=3, overflow="fold")
    table.add_column(ui("agency", lang), ratio=3, overflow="fold")
    table.add_column(ui("h_type", lang), no_wrap=True)
    table.add_column(ui("col_district", lang), ratio=1, overflow="fold")
    for key in ("h_fy", "round", "h_kind", "h_rows", "h_errors", "h_warnings", "col_status"):
        table.add_column(ui(key, lang), no_wrap=True, justify="right" if key != "col_status" else "left")
    for row in file_rows(run):
        table.add_row(
            Text(safe_text(row.path)), Text(safe_text(row.agency or "-")),
            Text(safe_text(SHORT_TYPES.get(row.agency_type or "", row.agency_type or "-"))),
            Text(safe_text(row.district or "-")), str(row.fiscal_year or "-"), str(row.round or "-"),
            ui(f"h_kind_{row.kind}", lang) if row.kind else "-",
            str(row.rows), Text(str(row.errors), style="red" if row.errors else ""),
            Text(str(row.warnings), style="yellow" if row.warnings else ""),
            Text(ui("status_" + row.status, lang), style=STATUS_STYLE[row.status]),
        )
    console.print(table)
    counts = rule_counts(run)
    if counts:
        rules = RichTable(title=ui("top_rules", lang), title_justify="left", pad_edge=False, box=box.SIMPLE_HEAD)
        for key in ("col_rule", "col_severity", "col_findings", "col_files"):
            rules.add_column(ui(key, lang))
        for rule, severity, findings, files in counts[:10]:
            rules.add_row(rule, Text(ui(severity, lang), style=SEVERITY_STYLE[severity]), str(findings), str(files))
        console.print(rules)


def render(run: RunReport, lang: str = "th", color: bool | None = None, width: int | None = None,
           details: bool = True, jobs: int = 1) -> str:
    """The report of every file (unless `details` is off), then for a batch its summary.
    With `jobs` over 1, a batch's files are laid out by two processes (`_file_reports`)."""
    buffer = io.StringIO()
    if details:
        buffer.writelines(_file_reports(run.files, lang, color, width, jobs))
    console = _console(buffer, color, width)
    if len(run.files) > 1:
        render_batch_summary(console, run, lang)
    if len(run.files) > 1 or not details:
        statuses = {s: sum(f.status == s for f in run.files) for s in ("passed", "failed", "unreadable")}
        console.print(Text(ui("run_summary", lang, files=len(run.files), **statuses), style="bold"))
    if run.interrupted:
        console.print(Text(ui("interrupted", lang, done=len(run.files), total=run.requested), style="bold magenta"))
    return buffer.getvalue()


def _console(buffer: io.StringIO, color: bool | None, width: int | None) -> Console:
    return Console(file=buffer, force_terminal=bool(color), no_color=not color, width=width or 110,
                   highlight=False, emoji=False, markup=False)


# Below this many files, starting a second process costs more than it saves.
SHARED_FROM = 8


def _file_reports(reports: tuple[FileReport, ...], lang: str, color: bool | None, width: int | None,
                  jobs: int) -> list[str]:
    """Each file's report, in order. rich's layout of the findings tables is most of a
    batch report's time (10 ms a file): when a CPU is free, a helper process lays out
    some of the files while this one does the others (`checker.sharing`). Each file's
    text depends on that file alone, so the report is the same either way."""
    from checker import sharing
    from checker.batch import chunks

    def lay_out(part: range) -> list[str]:
        buffer = io.StringIO()
        console = _console(buffer, color, width)
        for index in part:
            render_file(console, reports[index], lang)
        return [buffer.getvalue()]

    if jobs > 1 and len(reports) >= SHARED_FROM and sharing.available():
        # The helper has no task of its own (`list` gives nothing): both take parts in turn.
        return sharing.share(list, [partial(lay_out, part) for part in chunks(len(reports), 2)])
    return lay_out(range(len(reports)))
