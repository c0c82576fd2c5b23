"""The README stays current with the rules."""

from pathlib import Path

from checker.ruleset import load_rules

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_rule_table_lists_every_rule_with_its_default():
    for rule in load_rules().rules:
        assert f"| `{rule.id}` | {rule.severity} |" in README, f"README's rule table lacks {rule.id}"


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text()
    command = 'python3 -m venv .venv && . .venv/bin/activate && pip install -q ".[test]" && python -m pytest'
    assert command in ci
    assert command.replace("pip install -q", "pip install") in README
