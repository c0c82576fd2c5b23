"""Styling the many cells of a workbook that ita-check writes with openpyxl."""

from __future__ import annotations

from copy import copy

# A finding's severity, as the annotated copies and the summary workbook colour it: Excel's
# own "Bad", "Neutral" and a light blue, readable with black text, and in print.
SEVERITY_FILL = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


class CellStyles:
    """Cells styled by kind: the first cell of each kind is styled through openpyxl, and
    the others of that kind copy its style. Setting a font, border or fill makes openpyxl
    look it up in the workbook's style lists by hashing every attribute of it, which was
    half the time of writing a batch's summary workbook and a sixth of an annotated copy.
    One `CellStyles` serves one workbook; a first cell's style is not changed afterwards."""

    def __init__(self) -> None:
        self._first: dict[object, object] = {}

    def apply(self, cell, kind: object, **attributes):
        first = self._first.get(kind)
        if first is not None:
            cell._style = copy(first._style)  # indexes into those lists: how openpyxl copies a style
            return cell
        for name, value in attributes.items():
            setattr(cell, name, value)
        self._first[kind] = cell
        return cell
