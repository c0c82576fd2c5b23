"""A long lone file's texts judged by a helper process (checker.judges): the findings of
one process, and the same when the helper dies, cannot be sent a judge, or has a judge
that crashes."""

from __future__ import annotations

import os
import signal

import pytest

from checker import checks, judges, sharing
from checker.checks import damage
from checker.engine import check_paths
from checker.ruleset import Config, load_rules
from conftest import rows

pytestmark = pytest.mark.skipif(not sharing.available(), reason="the helper is forked, which only Linux does safely")

TEXT_RULES = {"agency-name-mismatch", "foreign-agency", "garbled-text", "bad-url"}
# A defect for each rule whose texts the helper judges: letters spaced out, a link cut by
# a space, the agency's own name misspelt ("ตัวอยาง") and another agency named.
DEFECTS = {"report": [
    {},
    {"measure": "ม า ต ร ก า ร ส่งเสริมความโปร่งใส", "output": "ดูที่ https://www.example.go.th/ ita/manual"},
    {"outcome": "เผยแพร่ในบอร์ดประกาศขององค์การบริหารส่วนตำบลหลักสอง และองค์การบริหารส่วนตำบลตัวอยาง"},
]}


@pytest.fixture
def long_file(build, monkeypatch):
    monkeypatch.setattr(judges, "LONG_FILE_BYTES", 0)  # every file is long enough for a helper
    return build(DEFECTS)


@pytest.fixture(autouse=True)
def no_hang():
    """A helper that leaves this process waiting fails the test instead of stopping the suite."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("waited a minute for the helper"))
    signal.alarm(60)
    yield
    signal.alarm(0)


def _lone(path, jobs):
    return check_paths([path], load_rules(), Config(), jobs=jobs).files[0]


def test_a_long_file_s_texts_are_judged_by_a_helper_with_one_process_s_findings(long_file, monkeypatch):
    alone = _lone(long_file, 1)
    assert {rule for rule, _ in rows(alone)} >= TEXT_RULES  # the file holds a defect of each

    answers = []
    real = judges.Helper.verdicts

    def recorded(helper):
        answers.append(real(helper))
        return answers[-1]

    monkeypatch.setattr(judges.Helper, "verdicts", recorded)
    helped = _lone(long_file, 2)
    assert helped.findings == alone.findings
    # The verdicts came from the helper: one judge for both agency rules, one for each other.
    verdicts = answers[0]
    assert len(verdicts) == 3 and all(verdicts.values())
    flagged = [text for found in verdicts.values() for text in found]
    assert {f.value for f in alone.findings if f.rule in TEXT_RULES} <= set(flagged)


def test_a_helper_that_dies_leaves_the_texts_to_this_process(long_file, monkeypatch):
    alone = _lone(long_file, 1)
    monkeypatch.setattr(judges, "_serve", lambda *_: os._exit(1))
    assert _lone(long_file, 2).findings == alone.findings


def test_a_judge_that_cannot_be_sent_leaves_the_texts_to_this_process(long_file, monkeypatch):
    """A judge that does not pickle stops the texts before they start: the helper sees the
    pipe close, and this process waits for nothing."""
    alone = _lone(long_file, 1)
    monkeypatch.setitem(checks.JUDGES, "bad_url", lambda document, rule: lambda text: damage.url_problem(text))
    assert _lone(long_file, 2).findings == alone.findings


def test_a_judge_that_cannot_be_made_is_left_to_its_rule(long_file, monkeypatch):
    alone = _lone(long_file, 1)

    def broken(document, rule):
        raise RuntimeError("no judge")

    monkeypatch.setitem(checks.JUDGES, "garbled_text", broken)
    helped = _lone(long_file, 2)
    assert helped.findings == alone.findings
    assert "garbled-text" in {rule for rule, _ in rows(helped)}  # judged here, by the rule itself


def _crashing_judge(text: str):
    raise RuntimeError("judge broke")


def test_a_judge_that_crashes_in_the_helper_is_the_rule_s_error_finding(long_file, monkeypatch):
    monkeypatch.setattr(damage, "url_problem", _crashing_judge)
    alone = _lone(long_file, 1)
    crashed = [f for f in alone.findings if f.rule == "bad-url"]
    assert len(crashed) == 1 and crashed[0].severity == "error" and "judge broke" in crashed[0].message
    helped = _lone(long_file, 2)
    assert helped.findings == alone.findings  # the other rules' findings, and this one error


@pytest.mark.parametrize("texts", [["ก", "ข ค", "https://a.go.th/x"], ["มี\0ศูนย์", "ข"], ["เดียว"]])
def test_texts_cross_the_pipe_unchanged(texts):
    """Joined by NUL as UTF-8, or pickled when a text holds a NUL itself."""
    message = judges._slice(texts)
    assert message[:1] == (judges._PICKLED if any("\0" in t for t in texts) else judges._JOINED)
    assert judges._unpack(message) == texts
