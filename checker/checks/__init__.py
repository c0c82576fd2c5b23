"""The check kinds: a rule file names one of these in its `check` key.

A check is a function `(document, rule) -> iterable of Problem`. The registry is a
plain dict so that a newcomer can see every kind in one place.
"""

from __future__ import annotations

from typing import Callable, Iterable

from checker.checks import agency, batch, cells, content, copypaste, damage, planreport, responsible, structure, timing
from checker.document import Document
from checker.model import Problem
from checker.ruleset import Rule

Check = Callable[[Document, Rule], Iterable[Problem]]

CHECKS: dict[str, Check] = {
    "reader": structure.reader_notes,
    "tables_found": structure.tables_found,
    "table_has_rows": structure.table_has_rows,
    "required_columns": structure.required_columns,
    "metadata_present": structure.metadata_present,
    "not_empty": cells.not_empty,
    "not_placeholder": cells.not_placeholder,
    "known_responsible": responsible.known_responsible,
    "period_unparseable": timing.unparseable,
    "period_vague": timing.vague,
    "period_reversed": timing.reversed_range,
    "period_outside_year": timing.outside_year,
    "round_mismatch": timing.round_mismatch,
    "fiscal_year_mismatch": timing.fiscal_year_mismatch,
    "formula_values": content.formula_values,
    "error_values": content.error_values,
    "hidden_content": content.hidden_content,
    "agency_misspelt": agency.agency_misspelt,
    "agency_foreign": agency.agency_foreign,
    "duplicate_text": copypaste.duplicate_text,
    "copied_text": copypaste.copied_text,
    "garbled_text": damage.garbled_text,
    "bad_url": damage.bad_url,
    "numbering": damage.numbering,
    "column_shift": damage.column_shift,
    "plan_report": planreport.plan_report,
}

# Check kinds that judge each distinct text of a workbook on its own (then walk to the
# cells of the texts they flag): the judge each uses, a picklable function of the text,
# or None when it has nothing to judge. A long workbook's texts are judged by a helper
# process while this one runs the other rules (`checker.judges`).
Judge = Callable[[str], object]
JUDGES: dict[str, Callable[[Document, Rule], Judge | None]] = {
    "agency_misspelt": agency.mentions_judge,
    "agency_foreign": agency.mentions_judge,
    "garbled_text": damage.garbled_judge,
    "bad_url": damage.url_judge,
}

# Checks that compare the files of one run (rules with `scope: batch`).
BATCH_CHECKS: dict[str, batch.BatchCheck] = {
    "shared_passages": batch.SHARED_PASSAGES,
}

# Column checks that the engine runs through pandera once per chunk of files; each kind
# is in CHECKS too, for a rule run on one document alone.
FRAME_CHECKS: dict[str, cells.FrameCheck] = {
    "not_empty": cells.NOT_EMPTY,
    "not_placeholder": cells.NOT_PLACEHOLDER,
}
