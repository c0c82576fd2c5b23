"""The committed binaries (template and examples) stay in step with the code that makes them.

Regenerate with:  ita-check template --out templates/ita_template.xlsx
                  ita-check examples examples
"""

from __future__ import annotations

import pytest

from checker.reference import bundled_path
from checker.samples import EXAMPLES, build_example
from checker.template import content_of
from conftest import check, rows


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_bundled_example_matches_its_generator(name, tmp_path):
    committed = bundled_path("examples") / name
    fresh = build_example({**EXAMPLES[name], "name": name}, tmp_path)
    assert content_of(committed) == content_of(fresh), "regenerate with: ita-check examples examples"


def test_bundled_examples_show_what_they_promise():
    folder = bundled_path("examples")
    assert rows(check(folder / "report-ok.xlsx")) == []
    assert {rule for rule, _ in rows(check(folder / "report-defects.xlsx"))} == {
        "empty-cell", "placeholder-text", "responsible-unknown"}
