"""Run the rules over files and collect findings.

The engine is the only place that knows how a `Problem` becomes a `Finding`: it picks
the rule's message in the user's language, fills it, applies the configured severity,
and turns a crashing check into an error finding so that a bug never reads as a pass.
"""

from __future__ import annotations

import dataclasses
import hashlib
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from checker import __version__
from checker.checks import BATCH_CHECKS, CHECKS, FRAME_CHECKS
from checker.document import Document, load_document
from checker.i18n import ui
from checker.model import SEVERITY_RANK, FileReport, Finding, Metadata, Problem, RunReport, TableInfo, column_letter
from checker.reader import Limits, Unreadable
from checker.reference import reference
from checker.ruleset import Config, Rule, RuleSet, active_rules
from checker.thai import forget_texts, thai_number

UNREADABLE = "unreadable-file"
MAX_VALUE_CHARS = 200


class _Params(dict):
    """Leaves an unknown {placeholder} as written instead of failing the message."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _localise(value: object, lang: str) -> str:
    if isinstance(value, Mapping):
        return str(value.get(lang) or value.get("en") or "")
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return thai_number(value, lang)
    return str(value)


def shorten(text: str | None, limit: int = MAX_VALUE_CHARS) -> str | None:
    if text is None:
        return None
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(rule: Rule, problem: Problem, lang: str) -> Finding:
    ref = reference()
    column = column_letter(problem.column)
    params = _Params(
        field=ref.label(problem.field, lang),
        cell=f"{column}{problem.row}" if column and problem.row else "",
        sheet=problem.sheet or "",
        value=shorten(problem.value, 80) or "",
    )
    params.update({k: _localise(v, lang) for k, v in problem.params.items()})
    variant = rule.variant(problem.variant)
    formatter = string.Formatter()
    message = formatter.vformat(variant.message[lang], (), params)
    hint = formatter.vformat(variant.hint[lang], (), params) if variant.hint else None
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        message=message,
        hint=hint,
        sheet=problem.sheet,
        row=problem.row,
        column=column,
        field=problem.field,
        value=shorten(problem.value),
    )


def run_rules(document: Document, rules: Iterable[Rule], lang: str) -> list[Finding]:
    findings = []
    for rule in rules:
        check = CHECKS.get(rule.check)
        try:
            if check is None:
                raise LookupError(f"no check kind '{rule.check}'")
            findings.extend(render(rule, p, lang) for p in check(document, rule))
        except Exception as exc:  # a broken check must show, never pass silently
            findings.append(_crash_finding(rule, exc, lang))
    return sorted(findings, key=Finding.sort_key)


def _crash_finding(rule: Rule, exc: Exception, lang: str) -> Finding:
    return Finding(rule=rule.id, severity="error",
                   message=ui("rule_crashed", lang, rule=rule.id, error=f"{type(exc).__name__}: {exc}"))


def file_sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class FileResult:
    """A file's report, and what batch rules collected from it for comparing files."""

    report: FileReport
    collected: Mapping[str, object] = dataclasses.field(default_factory=dict)


def status_of(findings: Iterable[Finding], fail_on: str) -> str:
    failed = any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings)
    return "failed" if failed else "passed"


def check_chunk(paths: Sequence[str | Path], rules: tuple[Rule, ...], config: Config,
                limits: Limits | None = None) -> list[FileResult]:
    """Check a few files together: each file's own rules one by one, then the column rules
    of all of them in one pandera validation."""
    file_rules = [r for r in rules if r.scope == "file" and r.check not in FRAME_CHECKS]
    frame_rules = [r for r in rules if r.scope == "file" and r.check in FRAME_CHECKS]
    loaded: list[tuple[Path, str | None, Document | None, list[Finding] | FileReport]] = []
    for path in map(Path, paths):
        sha = file_sha256(path) if path.is_file() else None
        try:
            document = load_document(str(path), limits)
        except Unreadable as exc:
            loaded.append((path, sha, None, unreadable_report(path, sha, exc, rules, config)))
            continue
        except Exception as exc:  # a reader bug on a strange file must not stop a batch
            reason = Unreadable("internal", f"{type(exc).__name__}: {exc}")
            loaded.append((path, sha, None, unreadable_report(path, sha, reason, rules, config)))
            continue
        loaded.append((path, sha, document, run_rules(document, file_rules, config.lang)))
    documents = [d for _, _, d, _ in loaded if d is not None]
    column_findings = _run_frame_rules(documents, frame_rules, config.lang)
    results = []
    for path, sha, document, outcome in loaded:
        if document is None:
            results.append(FileResult(outcome))
            continue
        findings = sorted(outcome + column_findings.pop(0), key=Finding.sort_key)
        results.append(_result(path, sha, document, findings, rules, config))
    forget_texts()
    return results


def _run_frame_rules(documents: list[Document], rules: list[Rule], lang: str) -> list[list[Finding]]:
    from checker.checks.cells import validate_frames

    try:
        found = validate_frames(documents, rules, FRAME_CHECKS)
    except Exception as exc:  # a broken column check shows on every file it should have checked
        return [[_crash_finding(rule, exc, lang) for rule in rules] for _ in documents]
    return [[render(rule, problem, lang) for rule, problem in problems] for problems in found]


def _result(path: Path, sha: str | None, document: Document, findings: list[Finding], rules: tuple[Rule, ...],
            config: Config) -> FileResult:
    collected = {}
    for rule in rules:
        if rule.scope == "batch" and rule.check in BATCH_CHECKS:
            try:
                collected[rule.id] = BATCH_CHECKS[rule.check].collect(document, rule)
            except Exception as exc:
                findings.append(_crash_finding(rule, exc, config.lang))
    report = FileReport(
        path=str(path),
        sha256=sha,
        status=status_of(findings, config.fail_on),
        metadata=document.metadata,
        tables=tuple(
            TableInfo(t.sheet, t.kind, t.header_row, t.first_row, t.last_row,
                      {f: column_letter(c) for f, c in sorted(t.columns.items(), key=lambda kv: kv[1])})
            for t in document.tables
        ),
        findings=tuple(findings),
        rows_checked=sum(len(t.rows) for t in document.tables),
    )
    return FileResult(report, collected)


def check_one(path: str | Path, rules: tuple[Rule, ...], config: Config, limits: Limits | None = None) -> FileResult:
    return check_chunk([path], rules, config, limits)[0]


def check_file(path: str | Path, rules: tuple[Rule, ...], config: Config, limits: Limits | None = None) -> FileReport:
    return check_one(path, rules, config, limits).report


def unreadable_report(path: Path, sha: str | None, exc: Unreadable, rules: tuple[Rule, ...], config: Config) -> FileReport:
    # The reason is reported even when the rule is not selected: a file that could not
    # be read must never look checked.
    rule = next((r for r in rules if r.id == UNREADABLE), None) or _unreadable_rule()
    problem = Problem(variant=exc.reason, params={"detail": exc.detail, "name": path.name})
    finding = render(rule, problem, config.lang)
    return FileReport(path=str(path), sha256=sha, status="unreadable", metadata=Metadata(), tables=(), findings=(finding,))


def _unreadable_rule() -> Rule:
    from checker.ruleset import load_rules

    return load_rules().by_id()[UNREADABLE]


def check_paths(paths: Iterable[str | Path], ruleset: RuleSet, config: Config, limits: Limits | None = None,
                jobs: int = 1, progress: Callable[[int, int], None] | None = None) -> RunReport:
    """Check files (in parallel when jobs > 1), then run the batch rules across them.
    Interrupted (Ctrl-C), it returns what was checked so far, marked interrupted."""
    from checker.batch import apply_batch_rules, run_files

    rules = active_rules(ruleset, config)
    paths = list(paths)
    if len(paths) < 2:  # nothing to compare a lone file with: skip collecting for batch rules
        rules = tuple(r for r in rules if r.scope != "batch")
    results, interrupted = run_files(paths, rules, config, limits, jobs, progress)
    reports = apply_batch_rules(results, rules, config)
    return RunReport(files=tuple(reports), rules_count=len(ruleset.rules), rules_digest=ruleset.digest,
                     checker_version=__version__, fail_on=config.fail_on, interrupted=interrupted,
                     requested=len(paths))
