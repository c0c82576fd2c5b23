"""The floor: the least any checker written in Python must do, in one process.

Opens every .xlsx below a folder with openpyxl in read-only mode (saved values, as the
checker reads them) and touches every cell's value of every sheet, nothing else.
`python benchmarks/floor.py DIR` prints the number of files and non-empty cells.
"""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import load_workbook


def read_all(folder: Path) -> tuple[int, int]:
    files = cells = 0
    paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*.xlsx") if not p.name.startswith((".", "~$")))
    for path in paths:
        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    for value in row:
                        if value is not None:
                            cells += 1
        finally:
            workbook.close()
        files += 1
    return files, cells


if __name__ == "__main__":
    files, cells = read_all(Path(sys.argv[1]))
    print(f"{files} files, {cells} non-empty cells")
