"""Every rule's own passing and failing examples, from its rule file, run as tests.

Test ids carry the rule id, so `pytest -k empty-cell` runs one rule's examples.
"""

from __future__ import annotations

import pytest

from checker.ruleset import load_rules
from conftest import check, rows


def _cases():
    for rule in load_rules().rules:
        for kind in ("pass", "fail"):
            for number, case in enumerate(rule.examples[kind], start=1):
                yield pytest.param(rule.id, kind, case, id=f"{rule.id}-{kind}-{number}")


def _check_example(case, rule_id, build, lang="th"):
    """The report of the example's file; a batch example (`files`) is checked as one run
    and the first file's report is judged."""
    if "files" not in case:
        return check(build(case), select=(rule_id,), lang=lang)
    from checker.engine import check_paths
    from checker.ruleset import Config, load_rules

    paths = [build(sub) for sub in case["files"]]
    return check_paths(paths, load_rules(), Config(select=(rule_id,), lang=lang)).files[0]


@pytest.mark.parametrize("rule_id,kind,case", list(_cases()))
def test_rule_example(rule_id, kind, case, build):
    report = _check_example(case, rule_id, build)
    found = sorted(rows(report, rule_id), key=str)
    if kind == "pass":
        assert found == [], f"{case.get('note')}: expected no {rule_id}, got {found}"
    else:
        expected = sorted(((rule_id, cell) for cell in case["expect"]), key=str)
        assert found == expected, case.get("note")
        assert all(f.message and "{" not in f.message for f in report.findings), "a message kept a placeholder"


@pytest.mark.parametrize("rule_id", [r.id for r in load_rules().rules])
def test_rule_example_messages_in_english_too(rule_id, build):
    rule = load_rules().by_id()[rule_id]
    report = _check_example(rule.examples["fail"][0], rule_id, build, lang="en")
    messages = [f.message for f in report.findings if f.rule == rule_id]
    assert messages, "the failing example found nothing in English"
    # English messages hold no Thai except quoted cell text and office names.
    assert all(any("a" <= ch.lower() <= "z" for ch in m) for m in messages)
