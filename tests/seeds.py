"""Workbooks laid out like the three real seed reports, built from their own text.

Each line of a seed (text extracted from the published PDF) becomes a worksheet row,
tab-separated parts become cells: title rows, the header repeated at every page, section
rows and "(ต่อ)" rows stand where the agency put them. Markdown and HTML left by the
extraction are removed. `edits` replaces text before the workbook is written, to plant or
correct a defect.
"""

from __future__ import annotations

import re
from pathlib import Path

from openpyxl import Workbook

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
KLONGKHANAK = "report-2568-klongkhanak"
NAKHOK = "report-2566-nakhok"
HANNANGAM = "analysis-plan-2569-hannangam"

_TAGS = re.compile(r"</?(p|b|br)\s*/?>")
_MARKDOWN = re.compile(r"^#+\s*|\*\*")
_MAIL = re.compile(r"\[([^\]]+)\]\(mailto:[^)]+\)")


def seed_lines(name: str, edits: dict[str, str] | None = None) -> list[list[str]]:
    text = (SEEDS / f"{name}.txt").read_text(encoding="utf-8")
    for old, new in (edits or {}).items():
        assert old in text, f"edit target not in {name}: {old[:40]}"
        text = text.replace(old, new)
    rows: list[list[str]] = []
    for line in text.splitlines():
        line = _MAIL.sub(r"\1", _MARKDOWN.sub("", line)).rstrip()
        if re.fullmatch(r"[-\t ]*", line) and line.strip():
            continue  # a markdown table rule "--\t--\t---"
        cells = [_TAGS.sub(" ", part).strip() for part in line.split("\t")]
        if not any(cells):
            if rows and rows[-1]:
                rows.append([])
            continue
        rows.append(cells)
    return rows


def seed_workbook(name: str, path: Path, edits: dict[str, str] | None = None, sheet: str = "Sheet1") -> Path:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for cells in seed_lines(name, edits):
        worksheet.append([c if c else None for c in cells])
    workbook.save(path)
    return path
