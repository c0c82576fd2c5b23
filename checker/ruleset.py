"""Rules are data: one YAML file per rule in `rules/`, the id being the file name.

This module loads and validates them, and applies the user's choices (select, ignore,
re-grade) from the command line and an optional config file. A malformed rule or config
file raises `RuleError`, which the CLI reports as a usage error (exit 2).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Mapping

import yaml

from checker.model import SEVERITIES
from checker.reference import bundled_path, parse_yaml

LANGS = ("th", "en")
TABLE_KINDS = ("plan", "report")
SCOPES = ("file", "batch")


class RuleError(ValueError):
    """A rule file or config file that cannot be used."""


@dataclass(frozen=True)
class Variant:
    message: Mapping[str, str]
    hint: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    title: Mapping[str, str]
    why: Mapping[str, str]
    severity: str
    check: str
    scope: str = "file"  # "file": one workbook at a time; "batch": across the files of one run
    fields: tuple[str, ...] | str = ()  # a list of field keys, or "required": the table kind's required fields
    applies_to: tuple[str, ...] = TABLE_KINDS
    options: Mapping[str, object] = field(default_factory=dict)
    variants: Mapping[str, Variant] = field(default_factory=dict)  # "default" always present
    examples: Mapping[str, tuple[Mapping, ...]] = field(default_factory=dict)  # "pass"/"fail"
    path: str = ""

    def variant(self, name: str) -> Variant:
        return self.variants.get(name) or self.variants["default"]


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    digest: str

    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    lang: str = "th"


def _text(data: Mapping, key: str, where: str, required: bool = True) -> Mapping[str, str] | None:
    value = data.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, Mapping) or any(not isinstance(value.get(lang), str) or not value.get(lang).strip()
                                              for lang in LANGS):
        raise RuleError(f"{where}: '{key}' needs a text in Thai (th) and English (en)")
    if set(value) != set(LANGS):
        # In a YAML flow mapping an unquoted ", " ends the text and starts a new key.
        raise RuleError(f"{where}: '{key}' has keys {sorted(map(str, value))}; quote texts that contain ', '")
    return {lang: value[lang].strip() for lang in LANGS}


def parse_rule(data: object, rule_id: str, where: str) -> Rule:
    if not isinstance(data, Mapping):
        raise RuleError(f"{where}: a rule file must be a YAML mapping")
    if data.get("id", rule_id) != rule_id:
        raise RuleError(f"{where}: id '{data.get('id')}' differs from the file name '{rule_id}'")
    severity = data.get("severity")
    if severity not in SEVERITIES:
        raise RuleError(f"{where}: severity must be one of {', '.join(SEVERITIES)}")
    check = data.get("check")
    if not isinstance(check, str) or not check:
        raise RuleError(f"{where}: 'check' names the check kind to run")
    scope = data.get("scope", "file")
    if scope not in SCOPES:
        raise RuleError(f"{where}: 'scope' is one of {', '.join(SCOPES)}")
    fields = data.get("fields") or []
    if fields != "required":
        if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
            raise RuleError(f"{where}: 'fields' must be a list of field keys or 'required'")
        fields = tuple(fields)
    applies_to = tuple(data.get("applies_to", TABLE_KINDS))
    if not set(applies_to) <= set(TABLE_KINDS):
        raise RuleError(f"{where}: 'applies_to' takes {', '.join(TABLE_KINDS)}")
    options = data.get("options") or {}
    if not isinstance(options, Mapping):
        raise RuleError(f"{where}: 'options' must be a mapping")
    variants = {"default": Variant(_text(data, "message", where), _text(data, "hint", where, required=False))}
    for name, spec in (data.get("variants") or {}).items():
        if not isinstance(spec, Mapping):
            raise RuleError(f"{where}: variant '{name}' must be a mapping")
        variants[str(name)] = Variant(
            _text(spec, "message", f"{where} variant {name}"),
            _text(spec, "hint", f"{where} variant {name}", required=False),
        )
    examples = data.get("examples")
    if not isinstance(examples, Mapping) or not examples.get("pass") or not examples.get("fail"):
        raise RuleError(f"{where}: 'examples' needs at least one 'pass' and one 'fail' example")
    for case in examples["fail"]:
        if not isinstance(case, Mapping) or "expect" not in case:
            raise RuleError(f"{where}: every fail example says where the rule fires ('expect')")
    return Rule(
        id=rule_id,
        title=_text(data, "title", where),
        why=_text(data, "why", where),
        severity=severity,
        check=check,
        scope=scope,
        fields=fields,
        applies_to=applies_to,
        options=dict(options),
        variants=variants,
        examples={"pass": tuple(examples["pass"]), "fail": tuple(examples["fail"])},
        path=where,
    )


def load_rules(directory: Path | None = None) -> RuleSet:
    directory = directory or bundled_path("rules")
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise RuleError(f"no rule files in {directory}")
    digest = hashlib.sha256()
    rules = []
    for path in files:
        raw = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + raw + b"\0")
        try:
            data = parse_yaml(raw.decode("utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise RuleError(f"{path.name}: not valid YAML: {exc}") from None
        rules.append(parse_rule(data, path.stem, path.name))
    return RuleSet(tuple(rules), digest.hexdigest())


def load_config(path: Path) -> Config:
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise RuleError(f"config {path}: {exc}") from None
    if not isinstance(data, Mapping):
        raise RuleError(f"config {path}: must be a YAML mapping")
    known = {"select", "ignore", "severity", "fail-on", "lang"}
    unknown = set(data) - known
    if unknown:
        raise RuleError(f"config {path}: unknown keys {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")
    severity = data.get("severity") or {}
    if not isinstance(severity, Mapping):
        raise RuleError(f"config {path}: 'severity' maps rule ids to error, warning or info")
    return Config(
        select=tuple(data.get("select") or ()),
        ignore=tuple(data.get("ignore") or ()),
        severity={str(k): str(v) for k, v in severity.items()},
        fail_on=str(data.get("fail-on", "error")),
        lang=str(data.get("lang", "th")),
    )


def merge_config(base: Config, *, select=(), ignore=(), severity=None, fail_on=None, lang=None) -> Config:
    """Command-line choices on top of the config file's."""
    return replace(
        base,
        select=tuple(select) or base.select,
        ignore=base.ignore + tuple(ignore),
        severity={**base.severity, **(severity or {})},
        fail_on=fail_on or base.fail_on,
        lang=lang or base.lang,
    )


def active_rules(ruleset: RuleSet, config: Config) -> tuple[Rule, ...]:
    """The rules to run, re-graded as configured. Unknown ids are an error: a typo in
    --ignore must not silently leave a rule running."""
    ids = ruleset.by_id()
    for rule_id in (*config.select, *config.ignore, *config.severity):
        if rule_id not in ids:
            raise RuleError(f"unknown rule id '{rule_id}' (see: ita-check rules)")
    for rule_id, severity in config.severity.items():
        if severity not in SEVERITIES:
            raise RuleError(f"severity of {rule_id} must be one of {', '.join(SEVERITIES)}")
    if config.fail_on not in SEVERITIES:
        raise RuleError(f"fail-on must be one of {', '.join(SEVERITIES)}")
    if config.lang not in LANGS:
        raise RuleError(f"lang must be one of {', '.join(LANGS)}")
    chosen = []
    for rule in ruleset.rules:
        if config.select and rule.id not in config.select:
            continue
        if rule.id in config.ignore:
            continue
        if rule.id in config.severity:
            rule = replace(rule, severity=config.severity[rule.id])
        chosen.append(rule)
    return tuple(chosen)
