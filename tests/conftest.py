"""Shared helpers: build a workbook from an example description, check it, and read the
findings as compact (rule, cell) rows."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.engine import check_file
from checker.model import FileReport
from checker.ruleset import Config, active_rules, load_rules
from checker.samples import build_example


@pytest.fixture(scope="session")
def ruleset():
    return load_rules()


def check(path: Path, select: tuple[str, ...] = (), lang: str = "th", **config) -> FileReport:
    cfg = Config(select=select, lang=lang, **config)
    return check_file(path, active_rules(load_rules(), cfg), cfg)


def rows(report: FileReport, rule: str | None = None) -> list[tuple[str, str | None]]:
    return [(f.rule, f.cell) for f in report.findings if rule is None or f.rule == rule]


@pytest.fixture
def build(tmp_path):
    counter = iter(range(10_000))

    def _build(case: dict, name: str | None = None) -> Path:
        folder = tmp_path / f"wb{next(counter)}"
        folder.mkdir()
        return build_example({**case, **({"name": name} if name else {})}, folder)

    return _build


@pytest.fixture
def no_process_once(monkeypatch, tmp_path):
    """A path: once something creates it (a worker about to die), every fork of this
    process fails as it does at a limit on processes or memory."""
    marker = tmp_path / "no-more-processes"
    real_fork = os.fork

    def fork():
        if marker.exists():
            raise BlockingIOError(11, "Resource temporarily unavailable")
        return real_fork()

    monkeypatch.setattr(os, "fork", fork)
    return marker
