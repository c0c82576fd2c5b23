"""The peer: frictionless (v5) validating the same workbooks, with its parallel option.

Each workbook's results-report sheet is one resource: header on the header row (row 4 of
the template; the title rows above it are skipped), a schema whose columns are the
template's with measure, steps, period, responsible, output and outcome required. All
files go into one Inquiry validated with `parallel=True` (a multiprocessing pool of one
worker per CPU, each task a resource validated by frictionless' default checks: blank
and duplicate rows, labels, types, and the schema's constraints).

`python benchmarks/peer_frictionless.py DIR [--serial]` prints how many files are valid
and the error counts by type. Exits 3 when frictionless is not installed
(`pip install -e ".[bench]"`).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The template's report sheet, written out here so the peer imports nothing of ita-check.
REPORT_SHEET = "รายงานผล"
HEADER_ROW = 4
REPORT_COLUMNS = [
    ("ลำดับ", False),
    ("มาตรการ/กิจกรรม", True),
    ("วิธีการปฏิบัติ", True),
    ("ระยะเวลาดำเนินการ", True),
    ("ผู้รับผิดชอบ", True),
    ("ผลการดำเนินการ (output)", True),
    ("ผลลัพธ์ (outcome)", True),
    ("แนวทางการกำกับติดตามและการรายงานผล (ถ้ามี)", False),
    ("หลักฐาน / ลิงก์ (ถ้ามี)", False),
]


def schema_descriptor() -> dict:
    return {"fields": [{"name": name, "type": "string", **({"constraints": {"required": True}} if required else {})}
                       for name, required in REPORT_COLUMNS]}


def main(argv: list[str]) -> int:
    try:
        from frictionless import Dialect, Inquiry, InquiryTask, Schema, formats
    except ImportError:
        print("frictionless is not installed: pip install -e \".[bench]\"", file=sys.stderr)
        return 3
    import os

    folder = Path(argv[0]).resolve()
    parallel = "--serial" not in argv
    # frictionless refuses absolute paths as unsafe: give them relative to the folder.
    os.chdir(folder.parent if folder.is_file() else folder)
    paths = ([Path(folder.name)] if folder.is_file()
             else sorted(p.relative_to(folder) for p in folder.rglob("*.xlsx") if not p.name.startswith((".", "~$"))))
    tasks = []
    for path in paths:
        # The template's empty formatted rows below the table are not errors. (An
        # InquiryTask's `checklist` would say so too, but frictionless 5.21 passes it to
        # Resource(), which refuses it.)
        dialect = Dialect(header_rows=[HEADER_ROW], skip_blank_rows=True,
                          controls=[formats.ExcelControl(sheet=REPORT_SHEET)])
        tasks.append(InquiryTask(path=str(path), format="xlsx", dialect=dialect,
                                 schema=Schema.from_descriptor(schema_descriptor())))
    report = Inquiry(tasks=tasks).validate(parallel=parallel)
    errors = Counter(error.type for task in report.tasks for error in task.errors)
    valid = sum(task.valid for task in report.tasks)
    print(f"{len(report.tasks)} files, {valid} valid, errors: {dict(errors.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
