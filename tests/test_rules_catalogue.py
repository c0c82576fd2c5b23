"""Invariants over every rule file: the public ids, their defaults and their examples."""

from __future__ import annotations

import re

import pytest

from checker.checks import BATCH_CHECKS, CHECKS
from checker.ruleset import RuleError, load_rules, parse_rule

# The public catalogue (shared/spec/rules.md): id -> default severity.
CATALOGUE = {
    "unreadable-file": "error", "table-not-found": "error", "table-empty": "error", "missing-column": "error",
    "metadata-missing": "warning", "fiscal-year-mismatch": "error", "empty-cell": "error", "placeholder-text": "error",
    "period-unparseable": "error", "period-outside-fiscal-year": "error", "period-reversed": "error",
    "period-vague": "warning", "round-mismatch": "warning", "responsible-unknown": "warning", "duplicate-text": "warning",
    "copied-text": "warning", "agency-name-mismatch": "error", "foreign-agency": "error", "numbering": "warning",
    "bad-url": "warning", "garbled-text": "warning", "column-shift": "warning", "plan-report-mismatch": "warning",
    "copied-from-other-file": "warning",
}
RULES = load_rules().rules


def test_ids_are_unique_and_well_formed():
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", i) for i in ids)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_complete(rule):
    registry = BATCH_CHECKS if rule.scope == "batch" else CHECKS
    assert rule.check in registry, f"{rule.id}: unknown {rule.scope} check kind {rule.check}"
    if rule.id in CATALOGUE:
        assert rule.severity == CATALOGUE[rule.id], "default severity differs from the public catalogue"
    assert rule.examples["pass"] and rule.examples["fail"]
    for variant in rule.variants.values():
        for lang in ("th", "en"):
            assert variant.message[lang].strip()
    assert re.search("[\u0e00-\u0e7f]", rule.title["th"]) and re.search("[\u0e00-\u0e7f]", rule.why["th"])


def test_the_issue_2_rules_exist():
    ids = {r.id for r in RULES}
    assert {"unreadable-file", "table-not-found", "table-empty", "missing-column", "metadata-missing",
            "empty-cell", "placeholder-text", "responsible-unknown"} <= ids


@pytest.mark.parametrize("broken,complaint", [
    ({"severity": "fatal"}, "severity"),
    ({"title": {"th": "x"}}, "title"),
    ({"examples": {"pass": [{}]}}, "examples"),
    ({"examples": {"pass": [{}], "fail": [{"report": []}]}}, "expect"),
    ({"fields": "output"}, "fields"),
    ({"id": "other"}, "differs"),
    ({"hint": {"th": "ก", "en": "Open it", "or save it again": None}}, "quote texts"),  # an unquoted ", " in YAML
    ({"scope": "everywhere"}, "scope"),
])
def test_malformed_rule_files_are_refused_with_a_reason(broken, complaint):
    good = {"title": {"th": "ก", "en": "a"}, "why": {"th": "ก", "en": "a"}, "severity": "error", "check": "not_empty",
            "message": {"th": "ก", "en": "a"}, "examples": {"pass": [{}], "fail": [{"expect": [None]}]}}
    parse_rule(good, "x", "x.yaml")
    with pytest.raises(RuleError, match=complaint):
        parse_rule({**good, **broken}, "x", "x.yaml")
