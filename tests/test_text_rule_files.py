"""The rule files of the copy-paste and damage rules: every text in Thai and English
only. An unquoted English text with ", " inside a YAML flow mapping silently becomes two
keys and loses its second half; this catches it."""

from __future__ import annotations

import pytest
import yaml

from checker.reference import bundled_path
from seed_fixes import TEXT_RULES


def _texts(node, path=""):
    if isinstance(node, dict):
        if "th" in node or "en" in node:
            yield path, node
        for key, value in node.items():
            yield from _texts(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")


@pytest.mark.parametrize("rule_id", TEXT_RULES)
def test_translations_hold_th_and_en_only(rule_id):
    data = yaml.safe_load((bundled_path("rules") / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    for path, texts in _texts(data):
        assert set(texts) == {"th", "en"}, f"{rule_id}{path}: {sorted(texts)}"
