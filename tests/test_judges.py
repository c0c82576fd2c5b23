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
from seeds import NAKHOK, seed_workbook

pytestmark = pytest.mark.skipif(not sharing.available(), reason="the helper is forked, which only Linux does safely")

TEXT_RULES = {"agency-name-mismatch", "foreign-agency", "garbled-text", "bad-url"}
# nakhok's own defects (its agency misspelt, another agency named) and two planted: text
# spaced out letter by letter, and a link cut by a line break.
PLANTED = {"มาตรการจัดทำคู่มือหรือมาตรฐานการให้บริการสำหรับประชาชน":
           "ม า ต ร ก า ร จัดทำคู่มือหรือมาตรฐานการให้บริการสำหรับประชาชน ดูที่ https://www.nakhok.go.th/ ita/manual"}


@pytest.fixture
def nakhok(tmp_path, monkeypatch):
    monkeypatch.setattr(judges, "LONG_FILE_BYTES", 0)  # every file is long enough for a helper
    return seed_workbook(NAKHOK, tmp_path / "nakhok.xlsx", edits=PLANTED)


@pytest.fixture(autouse=True)
def no_hang():
    """A helper that leaves this process waiting fails the test instead of stopping the suite."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("waited a minute for the helper"))
    signal.alarm(60)
    yield
    signal.alarm(0)


def _lone(path, jobs):
    return check_paths([path], load_rules(), Config(), jobs=jobs).files[0]


def test_a_long_file_s_texts_are_judged_by_a_helper_with_one_process_s_findings(nakhok, monkeypatch):
    alone = _lone(nakhok, 1)
    assert {rule for rule, _ in rows(alone)} >= TEXT_RULES  # the file holds a defect of each

    answers = []
    real = judges.Helper.verdicts

    def recorded(helper):
        answers.append(real(helper))
        return answers[-1]

    monkeypatch.setattr(judges.Helper, "verdicts", recorded)
    helped = _lone(nakhok, 2)
    assert helped.findings == alone.findings
    # The verdicts came from the helper: one judge for both agency rules, one for each other.
    verdicts = answers[0]
    assert len(verdicts) == 3 and all(verdicts.values())
    flagged = [text for found in verdicts.values() for text in found]
    for finding in alone.findings:
        if finding.rule in TEXT_RULES:  # a finding shows the cell's text, shortened
            assert any(text.startswith(finding.value.rstrip("…")) for text in flagged), finding


def test_a_helper_that_dies_leaves_the_texts_to_this_process(nakhok, monkeypatch):
    alone = _lone(nakhok, 1)
    monkeypatch.setattr(judges, "_serve", lambda *_: os._exit(1))
    assert _lone(nakhok, 2).findings == alone.findings


def test_a_judge_that_cannot_be_sent_leaves_the_texts_to_this_process(nakhok, monkeypatch):
    """A judge that does not pickle stops the texts before they start: the helper sees the
    pipe close, and this process waits for nothing."""
    alone = _lone(nakhok, 1)
    monkeypatch.setitem(checks.JUDGES, "bad_url", lambda document, rule: lambda text: damage.url_problem(text))
    assert _lone(nakhok, 2).findings == alone.findings


def _crashing_judge(text: str):
    raise RuntimeError("judge broke")


def test_a_judge_that_crashes_in_the_helper_is_the_rule_s_error_finding(nakhok, monkeypatch):
    monkeypatch.setattr(damage, "url_problem", _crashing_judge)
    alone = _lone(nakhok, 1)
    crashed = [f for f in alone.findings if f.rule == "bad-url"]
    assert len(crashed) == 1 and crashed[0].severity == "error" and "judge broke" in crashed[0].message
    helped = _lone(nakhok, 2)
    assert helped.findings == alone.findings  # the other rules' findings, and this one error


@pytest.mark.parametrize("texts", [["ก", "ข ค", "https://a.go.th/x"], ["มี\0ศูนย์", "ข"], ["เดียว"]])
def test_texts_cross_the_pipe_unchanged(texts):
    """Joined by NUL as UTF-8, or pickled when a text holds a NUL itself."""
    message = judges._slice(texts)
    assert message[:1] == (judges._PICKLED if any("\0" in t for t in texts) else judges._JOINED)
    assert judges._unpack(message) == texts
