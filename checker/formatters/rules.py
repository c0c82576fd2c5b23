"""`ita-check rules` and `ita-check explain ID`."""

from __future__ import annotations

import io
import json

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from checker.i18n import ui
from checker.ruleset import Rule, RuleSet


def _console(buffer: io.StringIO) -> Console:
    return Console(file=buffer, width=110, no_color=True, highlight=False, markup=False, emoji=False)


def render_list(ruleset: RuleSet, lang: str, fmt: str = "text") -> str:
    if fmt == "json":
        rows = [{"id": r.id, "severity": r.severity, "title": r.title[lang], "check": r.check} for r in ruleset.rules]
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    table = RichTable(title=ui("rules_heading", lang), show_lines=False)
    table.add_column(ui("col_id", lang), no_wrap=True)
    table.add_column(ui("col_severity", lang), no_wrap=True)
    table.add_column(ui("col_title", lang))
    for rule in ruleset.rules:
        table.add_row(rule.id, rule.severity, rule.title[lang])
    buffer = io.StringIO()
    _console(buffer).print(table)
    return buffer.getvalue()


def _describe_example(case: dict) -> str:
    shown = {k: v for k, v in case.items() if k not in ("note", "expect")}
    return json.dumps(shown, ensure_ascii=False)


def render_explain(rule: Rule, lang: str) -> str:
    buffer = io.StringIO()
    console = _console(buffer)
    console.print(Text(f"{rule.id}: {rule.title[lang]}", style="bold"))
    console.print(f"{ui('col_severity', lang)}: {rule.severity}    {ui('applies_to', lang)}: {', '.join(rule.applies_to)}"
                  + (f"    {ui('fields', lang)}: {rule.fields if isinstance(rule.fields, str) else ', '.join(rule.fields)}"
                     if rule.fields else ""))
    console.print()
    console.print(Text(f"{ui('why', lang)}: {rule.why[lang]}"))
    for label, key in (("example_pass", "pass"), ("example_fail", "fail")):
        for case in rule.examples.get(key, ()):
            console.print()
            console.print(Text(f"{ui(label, lang)}: {case.get('note', '')}", style="bold"))
            console.print(Text("  " + _describe_example(case)))
            if key == "fail":
                cells = ", ".join(str(c) if c else "—" for c in case.get("expect", []))
                console.print(Text(f"  {ui('fires_at', lang)}: {cells}"))
    return buffer.getvalue()
