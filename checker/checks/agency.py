"""The workbook's own agency misspelt (agency-name-mismatch), another agency, district or
province named in it (foreign-agency). See checker.agencies for how names are read."""

from __future__ import annotations

from functools import partial
from typing import Iterator

from checker.agencies import Mention, Own, agency_mentions, places
from checker.checks.scan import judged_cells, where
from checker.document import Document
from checker.model import Problem
from checker.ruleset import Rule


def _mentions(document: Document, verdict: str) -> Iterator[tuple[object, list[Mention]]]:
    for cell, mentions in document.derived(_all_mentions):
        found = [m for m in mentions if m.verdict == verdict]
        if found:
            yield cell, found


# What the two rules report; the agency's own name, a generic self-reference and a place
# named as an example or a study visit ("ศึกษาดูงาน ณ …") are found too, and reported by neither.
REPORTED = ("misspelt", "foreign")


def _all_mentions(document: Document) -> tuple[tuple[object, tuple[Mention, ...]], ...]:
    """Every cell's reported mentions, found once for both agency rules."""
    judge = mentions_judge(document)
    return tuple(judged_cells(document, judge)) if judge else ()


def mentions_judge(document: Document, rule: Rule | None = None) -> partial | None:
    """What both agency rules judge each distinct text with (`checker.checks.JUDGES`); None
    when the metadata names no agency (metadata-missing says so; nothing to compare with)."""
    own = Own.from_metadata(document.metadata)
    return partial(reported_mentions, own) if own.name else None


def reported_mentions(own: Own, text: str) -> tuple[Mention, ...]:
    """The mentions in a cell text that either rule reports. They depend on the text alone
    once `own` is fixed, so only the cells of texts that name something to report are
    looked for (a results report names its own agency on row after row)."""
    return tuple(m for m in agency_mentions(text, own, places(), cleaned=True) if m.verdict in REPORTED)


def _params(document: Document, cell, mentions: list[Mention], own: Own) -> dict:
    written = list(dict.fromkeys(m.written for m in mentions))
    names = list(dict.fromkeys(m.name for m in mentions))
    return {
        "where": where(document, cell.field, cell.column, cell.row),
        "written": ", ".join(f'"{w}"' for w in written),
        "names": ", ".join(names),
        "expected": mentions[0].expected,
        "agency": own.agency or "",
        "district": own.district_text or "",
        "province": own.province_text or "",
    }


def agency_misspelt(document: Document, rule: Rule) -> Iterator[Problem]:
    own = Own.from_metadata(document.metadata)
    for cell, mentions in _mentions(document, "misspelt"):
        yield Problem(sheet=cell.sheet, row=cell.row, column=cell.column, field=cell.field, value=cell.text,
                      variant=mentions[0].variant, params=_params(document, cell, mentions, own))


def agency_foreign(document: Document, rule: Rule) -> Iterator[Problem]:
    own = Own.from_metadata(document.metadata)
    for cell, mentions in _mentions(document, "foreign"):
        # An agency named is the strongest sign of copying; name it first.
        mentions = sorted(mentions, key=lambda m: {"agency": 0, "district": 1, "province": 2}[m.kind])
        yield Problem(sheet=cell.sheet, row=cell.row, column=cell.column, field=cell.field, value=cell.text,
                      variant=mentions[0].variant, params=_params(document, cell, [m for m in mentions if m.kind == mentions[0].kind], own))
