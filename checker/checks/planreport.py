"""A workbook holding both the plan and the report: every planned measure has its result
row, every result row a planned measure (plan-report-mismatch).

Measures are matched by their titles as an assessor would: numbering, line-wrap and
spaced-out letters, and the generic lead word (มาตรการ, โครงการ, กิจกรรม) do not count; a
word added, dropped or moved does not break a match. The score is rapidfuzz's
token_set_ratio over the titles' letter trigrams (Thai has no spaces between words, so
trigrams stand in for words), and measures are paired best score first, one to one.
"""

from __future__ import annotations

import re
from typing import Iterator

from rapidfuzz import fuzz, process

from checker.checks.scan import measure_keys
from checker.document import Document
from checker.model import Problem, Row, Table
from checker.ruleset import Rule
from checker.similar import Stats, candidate_chunks
from checker.thai import mend, strip_numbering, text_key

_LEAD = re.compile(r"^(?:มาตรการ|โครงการ|กิจกรรม|ที่\d+)+")


def title_key(text: str) -> str:
    """A measure title's key: no numbering, no generic lead word, compacted."""
    key = text_key(strip_numbering(mend(text)))
    return _LEAD.sub("", key) or key


def trigrams(key: str) -> str:
    return " ".join(key[i: i + 3] for i in range(max(1, len(key) - 2)))


def _measures(tables: tuple[Table, ...]) -> list[tuple[Table, Row]]:
    """The first row of each measure that has a title."""
    found = []
    for table in tables:
        if "measure" not in table.columns:
            continue
        seen = set()
        keys = measure_keys(table)
        for row in table.rows:
            key = keys[row.number]
            if key in seen or not row.text("measure"):
                continue
            seen.add(key)
            found.append((table, row))
    return found


def match_titles(plan: list[str], report: list[str], threshold: float, max_pairs: int = 250_000,
                 stats: Stats | None = None) -> dict[int, int]:
    """{plan index: report index} pairing titles one to one, best score first."""
    plan_keys = [title_key(t) for t in plan]
    report_keys = [title_key(t) for t in report]
    scores: dict[tuple[int, int], float] = {}
    by_key: dict[str, list[int]] = {}
    for j, key in enumerate(report_keys):
        by_key.setdefault(key, []).append(j)
    for i, key in enumerate(plan_keys):
        for j in by_key.get(key, ()):
            scores[(i, j)] = 100.0
    plan_grams = [trigrams(k) for k in plan_keys]
    report_grams = [trigrams(k) for k in report_keys]
    if len(plan) * len(report) <= max_pairs:
        # Real workbooks hold tens of measures: compare every pair.
        if stats is not None:
            stats.comparisons += len(plan) * len(report)
        matrix = process.cdist(plan_grams, report_grams, scorer=fuzz.token_set_ratio, score_cutoff=threshold)
        for i, j in zip(*(matrix >= threshold).nonzero()):
            scores.setdefault((int(i), int(j)), float(matrix[i, j]))
    else:
        # A generated or broken sheet with thousands of measures: block as for duplicates.
        keys = plan_keys + report_keys
        for chunk in candidate_chunks(keys, stats=stats):
            left = [i for i in chunk if i < len(plan)]
            right = [j - len(plan) for j in chunk if j >= len(plan)]
            if not left or not right:
                continue
            matrix = process.cdist([plan_grams[i] for i in left], [report_grams[j] for j in right],
                                   scorer=fuzz.token_set_ratio, score_cutoff=threshold)
            for a, b in zip(*(matrix >= threshold).nonzero()):
                scores.setdefault((left[a], right[b]), float(matrix[a, b]))
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for (i, j), _ in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
        if i not in pairs and j not in taken:
            pairs[i] = j
            taken.add(j)
    return pairs


def plan_report(document: Document, rule: Rule) -> Iterator[Problem]:
    plans = _measures(tuple(t for t in document.tables_for(("plan",)) if t.rows))
    reports = _measures(tuple(t for t in document.tables_for(("report",)) if t.rows))
    if not plans or not reports:
        return
    threshold = float(rule.options.get("threshold", 92))
    pairs = match_titles([r.text("measure") for _, r in plans], [r.text("measure") for _, r in reports], threshold)
    matched = set(pairs.values())
    for i, (table, row) in enumerate(plans):
        if i not in pairs:
            yield Problem(sheet=table.sheet, row=row.number, column=table.columns["measure"], field="measure",
                          value=row.text("measure"), variant="no_result",
                          params={"other_sheet": reports[0][0].sheet})
    for j, (table, row) in enumerate(reports):
        if j not in matched:
            yield Problem(sheet=table.sheet, row=row.number, column=table.columns["measure"], field="measure",
                          value=row.text("measure"), variant="unplanned",
                          params={"other_sheet": plans[0][0].sheet})
