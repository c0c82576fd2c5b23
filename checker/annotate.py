"""The annotated workbook: a copy of a checked file with its findings written into it.

`annotate()` opens the original with openpyxl in normal mode (formulas as written, not
their cached values; macros kept for .xlsm), and in the copy:

- fills every flagged cell in its severity's colour (the worst one when several findings
  share a cell) and gives it one comment holding all its findings' messages and hints;
  a comment the cell already had is kept under ours;
- puts a finding about a whole table or column (a row but no column: `table-empty`,
  `missing-column`) on the first cell of that table's header row, where the columns the
  table does have begin: the cell where a missing column "would be" cannot be known;
- puts a finding inside a merged range on the range's top-left cell;
- adds a first sheet "ผลการตรวจ" with the agency, fiscal year, round, status, counts and
  every finding, each linked to its cell; findings about the whole file (no row) are
  listed only there.

Everything else of the original is left as it was: values, formulas, styles, merged
cells, column widths, data validations, print setup, other sheets. What openpyxl cannot
carry over (shapes, text boxes, pictures when Pillow is absent, some Excel extensions)
is named in the summary sheet's notes, never lost in silence.

`plan_targets()` says where each copy goes: DIR/<the input's file name>. A later input
whose name is already taken in this run (compared without case, as Windows and macOS
do) becomes "name (2).xlsx", "name (3).xlsx"... in the order the files were checked.
It refuses a DIR that is the folder of an input, so a copy can never replace an original.
"""

from __future__ import annotations

import io
import math
import warnings
import zipfile
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

from checker import __version__
from checker.files import write_bytes_atomic
from checker.i18n import ui
from checker.model import SEVERITY_RANK, FileReport, Finding, RunReport
from checker.styles import SEVERITY_FILL, CellStyles
from checker.thai import thai_number

SUMMARY_SHEET = "ผลการตรวจ"
AUTHOR = "ita-check"
_HEADER_FILL = "D9E1F2"
_LINK_COLOUR = "0563C1"
_FONT_NAME = "TH Sarabun New"
_MAX_NOTES = 8


class AnnotateError(Exception):
    """The annotated copies cannot be written where asked (a usage error)."""


# ------------------------------------------------------------------ where copies go


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def skip_outputs(files: Sequence[Path], paths: Iterable[str | Path], directory: Path) -> list[Path]:
    """Drop the files that a folder search found in the annotation folder when that folder
    lies inside a searched folder (the copies of an earlier run), so that
    `check batch --annotate batch/checked` can be run again. Files named on the command
    line are kept, and so is everything when the annotation folder is itself a searched
    folder: plan_targets then refuses it."""
    folder = directory.resolve()
    roots = [Path(p).resolve() for p in paths if Path(p).is_dir()]
    if not any(folder != root and _is_inside(folder, root) for root in roots):
        return list(files)
    named = {Path(p).absolute() for p in paths if not Path(p).is_dir()}
    return [f for f in files if f.absolute() in named or not _is_inside(f.resolve(), folder)]


def plan_targets(sources: Sequence[Path], directory: Path, lang: str = "th") -> list[Path]:
    """The path of each source's annotated copy, in order. Raises AnnotateError when
    `directory` is a file or the folder of one of the sources."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise AnnotateError(ui("ann_refuse_not_dir", lang, dir=str(directory)))
    folder = directory.resolve()
    for source in sources:
        # The folder the name is in and the folder the file really is in (a symlink).
        if folder in (source.absolute().parent.resolve(), source.resolve().parent):
            raise AnnotateError(ui("ann_refuse_dir", lang, dir=str(directory), file=str(source)))
    taken: set[str] = set()
    targets = []
    for source in sources:
        name, number = source.name, 2
        while name.casefold() in taken:
            name = f"{source.stem} ({number}){source.suffix}"
            number += 1
        taken.add(name.casefold())
        targets.append(directory / name)
    return targets


# ------------------------------------------------------------------ the copy


def annotate(file_report: FileReport, source: Path, target: Path, lang: str = "th") -> None:
    """Write the annotated copy of `source` (checked as `file_report`) to `target`, atomically.

    The source is only read. Raises ValueError for an unreadable file (there is nothing
    to annotate) or a target that is the source itself.
    """
    import openpyxl

    source, target = Path(source), Path(target)
    if file_report.status == "unreadable":
        raise ValueError(f"{source} could not be read; it has no annotated copy")
    if target.exists() and target.resolve() == source.resolve():
        raise ValueError(f"the annotated copy would replace its original {source}")
    keep_vba = source.suffix.lower() == ".xlsm"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        workbook = openpyxl.load_workbook(source, keep_vba=keep_vba, data_only=False, keep_links=True)
    notes = [ui("ann_macros", lang)] if keep_vba else []
    details = list(dict.fromkeys(str(w.message) for w in caught))
    notes += [ui("ann_not_copied", lang, detail=d) for d in details[:_MAX_NOTES]]

    anchors = _mark_cells(workbook, file_report, lang)
    sheet, notes_row = _summary_sheet(workbook, file_report, anchors, lang)
    # Saving sets each sheet's legacy_drawing (the comments' VML) to the part it wrote;
    # with keep_vba a second save would look for that part in the original: put it back.
    legacy = {ws.title: ws.legacy_drawing for ws in workbook.worksheets}
    data = _save(workbook)
    if _lost_drawings(source, data):
        notes.append(ui("ann_lost", lang))
    if notes:
        _write_notes(sheet, notes_row, notes, lang)
        for ws in workbook.worksheets:
            ws.legacy_drawing = legacy[ws.title]
        data = _save(workbook)
    write_bytes_atomic(target, data)


def annotate_run(run: RunReport, sources: Sequence[Path], targets: Sequence[Path], lang: str = "th",
                 jobs: int = 1) -> tuple[int, list[str]]:
    """Annotate every readable file of a run. Returns how many copies were written and
    the lines to tell the user (unreadable files, failures, renamed copies), in the
    order of the run's files. With `jobs` > 1 the copies are made by that many worker
    processes: each takes openpyxl some 60 ms to read and write, ten times what checking
    the file took."""
    where = {str(source): (Path(source), Path(target)) for source, target in zip(sources, targets)}
    todo = [(report, *where[report.path]) for report in run.files
            if report.path in where and report.status != "unreadable"]
    outcomes = _annotate_all(todo, lang, jobs)
    written, lines = 0, []
    for report in run.files:
        if report.path not in where:
            continue
        source, target = where[report.path]
        if report.status == "unreadable":
            lines.append(ui("ann_unreadable", lang, file=str(source)))
            continue
        failure = outcomes[report.path]
        if failure:
            lines.append(ui("ann_failed", lang, file=str(source), error=failure))
            continue
        written += 1
        if target.name != source.name:
            lines.append(ui("ann_renamed", lang, file=str(source), target=str(target)))
    return written, lines


def _annotate_all(todo: list[tuple[FileReport, Path, Path]], lang: str, jobs: int) -> dict[str, str]:
    """path -> why its copy could not be written ("" when it was)."""
    from checker.batch import DIED, NOT_STARTED, CannotStart, chunks, in_workers

    if jobs > 1 and len(todo) > 1:
        parts = [todo[part.start: part.stop] for part in chunks(len(todo), jobs)]
        unmade = {DIED: "ann_crashed", NOT_STARTED: "ann_no_process"}
        try:
            return {report.path: ui(unmade[outcome], lang) if outcome in unmade else outcome
                    for (report, _, _), outcome in in_workers(_annotate_some, parts, lang, jobs=min(jobs, len(parts)))}
        except CannotStart:  # the copies are made here, one after the other
            pass
    return dict(zip((report.path for report, _, _ in todo), _annotate_some(todo, lang)))


def _annotate_some(todo: list[tuple[FileReport, Path, Path]], lang: str) -> list[str]:
    """For each copy, why it could not be written ("" when it was)."""
    outcomes = []
    for report, source, target in todo:
        try:
            annotate(report, source, target, lang)
            outcomes.append("")
        except Exception as exc:  # one bad file must not stop the others
            outcomes.append(f"{type(exc).__name__}: {exc}")
    return outcomes


def _save(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _drawing_parts(names: Iterable[str]) -> tuple[int, int, int]:
    names = list(names)
    return (
        sum(n.startswith("xl/media/") for n in names),
        sum(n.startswith("xl/charts/chart") for n in names),
        sum(n.startswith("xl/drawings/drawing") and n.endswith(".xml") for n in names),
    )


def _lost_drawings(source: Path, copy: bytes) -> bool:
    """Whether the copy holds fewer pictures, charts or drawings than the original."""
    try:
        with zipfile.ZipFile(source) as original, zipfile.ZipFile(io.BytesIO(copy)) as written:
            before, after = _drawing_parts(original.namelist()), _drawing_parts(written.namelist())
    except (OSError, zipfile.BadZipFile):
        return False
    return any(a < b for a, b in zip(after, before))


# ------------------------------------------------------------------ flagged cells


def _table_start(report: FileReport, sheet: str, row: int) -> int:
    """The first column of the table whose header (or data) holds `row`; column A if none."""
    from openpyxl.utils import column_index_from_string

    best = None
    for table in report.tables:
        if table.sheet != sheet or not table.columns:
            continue
        last = table.last_row or table.header_row
        if table.header_row == row or table.header_row <= row <= last:
            start = min(column_index_from_string(c) for c in table.columns.values())
            best = start if best is None else min(best, start)
    return best or 1


def anchor_of(workbook, report: FileReport, finding: Finding) -> tuple[str, str] | None:
    """(sheet, cell) where a finding is shown in the workbook, or None for the whole file."""
    from openpyxl.utils import column_index_from_string, get_column_letter

    if finding.row is None or not finding.sheet or finding.sheet not in workbook.sheetnames:
        return None
    sheet = workbook[finding.sheet]
    if not hasattr(sheet, "merged_cells"):  # a chart sheet has no cells
        return None
    row = finding.row
    column = column_index_from_string(finding.column) if finding.column else _table_start(report, finding.sheet, row)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
            row, column = merged.min_row, merged.min_col
            break
    return finding.sheet, f"{get_column_letter(column)}{row}"


def _xml_safe(text: str) -> str:
    """Text an xlsx can hold: XML forbids most control characters (a crash message might carry one)."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _put(sheet, row: int, column: int, value: object):
    """Write a value as data: text that starts with "=" stays text, never a formula."""
    cell = sheet.cell(row, column)
    cell.value = _xml_safe(value) if isinstance(value, str) else value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"
    return cell


def _comment_text(findings: list[Finding], lang: str) -> str:
    parts = []
    for f in findings:
        lines = [f"{ui(f.severity, lang)} · {f.rule}", f.message]
        if f.hint:
            lines.append(f"{ui('hint', lang)}: {f.hint}")
        parts.append("\n".join(lines))
    return _xml_safe("\n\n".join(parts))


def _comment_size(text: str) -> tuple[int, int]:
    """(width, height) in points, so that the whole text shows when the comment opens."""
    width, chars_per_line = 320, 48
    lines = sum(max(1, math.ceil(len(line) / chars_per_line)) for line in text.split("\n"))
    return width, min(max(80, 18 * lines + 12), 900)


def _mark_cells(workbook, report: FileReport, lang: str) -> dict[int, tuple[str, str]]:
    """Fill and comment every flagged cell. Returns finding index -> (sheet, cell)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    anchors: dict[int, tuple[str, str]] = {}
    by_cell: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for index, finding in enumerate(report.findings):
        anchor = anchor_of(workbook, report, finding)
        if anchor:
            anchors[index] = anchor
            by_cell[anchor].append(finding)
    for (sheet, coordinate), findings in by_cell.items():
        cell = workbook[sheet][coordinate]
        worst = max(findings, key=lambda f: SEVERITY_RANK[f.severity]).severity
        colour = SEVERITY_FILL[worst]
        cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
        text = _comment_text(findings, lang)
        if cell.comment is not None and cell.comment.text:
            text += f"\n\n— {ui('ann_old_comment', lang)} —\n{cell.comment.text}"
        width, height = _comment_size(text)
        cell.comment = Comment(text, AUTHOR, height=height, width=width)
    return anchors


# ------------------------------------------------------------------ the summary sheet


def _free_name(workbook, name: str) -> str:
    taken = {n.casefold() for n in workbook.sheetnames}
    candidate, number = name, 2
    while candidate.casefold() in taken:
        candidate = f"{name} ({number})"
        number += 1
    return candidate


def internal_link(sheet: str, cell: str) -> str:
    """The location of a cell for an internal hyperlink: 'sheet name'!F7."""
    return "'" + sheet.replace("'", "''") + "'!" + cell


def _summary_sheet(workbook, report: FileReport, anchors: dict[int, tuple[str, str]], lang: str):
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet = workbook.create_sheet(_free_name(workbook, SUMMARY_SHEET), 0)
    for other in workbook.worksheets[1:]:
        other.sheet_view.tabSelected = False
    workbook.active = 0
    sheet.sheet_view.tabSelected = True

    def font(**kw) -> Font:
        return Font(name=_FONT_NAME, sz=kw.pop("sz", 14), **kw)

    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    body = {"font": font(), "border": border, "alignment": wrap}
    link = {**body, "font": font(color=_LINK_COLOUR, u="single")}
    fills = {severity: PatternFill(fill_type="solid", start_color=colour, end_color=colour)
             for severity, colour in SEVERITY_FILL.items()}
    styles = CellStyles()

    sheet["A1"] = ui("ann_title", lang)
    sheet["A1"].font = font(sz=18, b=True)
    meta = report.metadata
    unknown = ui("unknown", lang)
    counts = {s: report.count(s) for s in ("error", "warning", "info")}
    facts = [
        (ui("ann_file", lang), report.path),
        (ui("agency", lang), meta.agency or unknown),
        (ui("fiscal_year", lang), thai_number(meta.fiscal_year, lang) if meta.fiscal_year else unknown),
        (ui("round", lang), ui("round_value", lang, n=meta.round) if meta.round else "-"),
        (ui("kind", lang), ui(f"kind_{meta.kind}", lang) if meta.kind else unknown),
        (ui("ann_status", lang), ui(f"status_{report.status}", lang)),
        (ui("ann_summary", lang), ui("file_summary", lang, **counts)),
        (ui("ann_checker", lang), f"ita-check {__version__}"),
    ]
    row = 3
    for label, value in facts:
        sheet.cell(row, 1, label).font = font(b=True)
        _put(sheet, row, 2, value).font = font()
        row += 1
    sheet.cell(row, 1, ui("ann_how", lang)).font = font(i=True)
    row += 1
    notes_row = row  # _write_notes inserts here when there are notes
    row += 1

    headers = [ui("col_no", lang), ui("col_level", lang), ui("col_sheet", lang), ui("col_cell", lang),
               ui("col_message", lang), ui("hint", lang), ui("col_rule", lang), ui("col_value", lang)]
    header_row = row
    for column, text in enumerate(headers, start=1):
        cell = sheet.cell(row, column, text)
        cell.font = font(b=True)
        cell.fill = PatternFill(fill_type="solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
        cell.border = border
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for index, finding in enumerate(report.findings):
        row += 1
        anchor = anchors.get(index)
        values = [index + 1, ui(finding.severity, lang), finding.sheet or "",
                  anchor[1] if anchor else "—", finding.message, finding.hint or "", finding.rule,
                  finding.value or ""]
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, row, column, value)
            if column == 2:
                styles.apply(cell, finding.severity, **body, fill=fills[finding.severity])
            elif column == 4 and anchor:
                styles.apply(cell, "link", **link)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=internal_link(*anchor),
                                           tooltip=f"{anchor[0]}!{anchor[1]}")
            else:
                styles.apply(cell, "body", **body)
    if not report.findings:
        row += 1
        sheet.cell(row, 1, ui("no_findings", lang)).font = font()

    for letter, width in zip("ABCDEFGH", (16, 16, 16, 9, 60, 45, 20, 30)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    if report.findings:
        sheet.auto_filter.ref = f"A{header_row}:H{row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    return sheet, notes_row


def _write_notes(sheet, row: int, notes: list[str], lang: str) -> None:
    """The notes go in one reserved row: inserting rows would move the findings' links."""
    from openpyxl.styles import Alignment, Font

    sheet.cell(row, 1, ui("ann_notes", lang)).font = Font(name=_FONT_NAME, sz=14, b=True)
    cell = _put(sheet, row, 2, "\n".join(notes))
    sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=8)
    cell.font = Font(name=_FONT_NAME, sz=14, color="9C0006")
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row].height = 22 * len(notes)
