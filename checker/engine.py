"""Run the rules over files and collect findings.

The engine is the only place that knows how a `Problem` becomes a `Finding`: it picks
the rule's message in the user's language, fills it, applies the configured severity,
and turns a crashing check into an error finding so that a bug never reads as a pass.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from checker import __version__
from checker.checks import BATCH_CHECKS, CHECKS, FRAME_CHECKS, JUDGES
from checker.checks.scan import distinct_texts, judge_key, judged_elsewhere
from checker.document import Document, load_document
from checker.i18n import ui
from checker.model import SEVERITY_RANK, FileReport, Finding, Metadata, Problem, RunReport, TableInfo, column_letter
from checker.reader import Limits, Unreadable
from checker.reference import reference
from checker.ruleset import Config, Rule, RuleSet, active_rules
from checker.thai import forget_texts, thai_number

if TYPE_CHECKING:
    from checker.judges import Helper

UNREADABLE = "unreadable-file"
MAX_VALUE_CHARS = 200


class _Params(dict):
    """Leaves an unknown {placeholder} as written instead of failing the message."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _localise(value: object, lang: str) -> str:
    if value.__class__ is str:  # most parameters; isinstance(value, Mapping) is an ABC check
        return value
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
    message = variant.message[lang].format_map(params)
    hint = variant.hint[lang].format_map(params) if variant.hint else None
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


def run_rules(document: Document, rules: Iterable[Rule], lang: str, judging: Helper | None = None) -> list[Finding]:
    """The findings of `rules` on one document. With `judging`, a helper process judges the
    document's texts for the rules of `JUDGES`, which then run last, while the others run here."""
    if judging is not None:
        rules = _judged_last(document, list(rules), judging)
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


def _judged_last(document: Document, rules: list[Rule], judging: Helper) -> list[Rule]:
    """Give the helper the judges of the rules of `JUDGES` and the document's texts, and put
    those rules last: the others run here meanwhile. A judge that cannot even be made is
    left to its rule, to crash where it becomes a finding."""
    judges = {}
    for rule in rules:
        if rule.check in JUDGES:
            try:
                judge = JUDGES[rule.check](document, rule)
            except Exception:
                continue
            if judge is not None:
                judges.setdefault(judge_key(judge), judge)
    if judges:
        try:
            texts = list(distinct_texts(document))
        except Exception:  # the rules meet it again here, each to crash as its error finding
            return rules
        judging.judge(judges, texts)
        document.provide(judged_elsewhere, judging)
    return sorted(rules, key=lambda rule: rule.check in JUDGES)


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
    """A file's report, and what it contributes to the checks made over all files of a run:
    what batch rules collected from it, and its rows for the column rules."""

    report: FileReport
    collected: Mapping[str, object] = dataclasses.field(default_factory=dict)
    frame: object = None  # checker.checks.cells.FrameRows


def status_of(findings: Iterable[Finding], fail_on: str) -> str:
    failed = any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[fail_on] for f in findings)
    return "failed" if failed else "passed"


def check_chunk(paths: Sequence[str | Path], rules: tuple[Rule, ...], config: Config,
                limits: Limits | None = None, helper: bool = False) -> list[FileResult]:
    """Check files one by one with their own rules, and gather what the column rules and the
    batch rules need. Their findings are added by `settle`, once for all files of a run.
    The normalised texts stay cached (`settle` reads the same cells); whoever runs the
    chunk empties the caches (`checker.thai.forget_texts`) when it is done.

    A file's rules run in this process. With `helper` (a CPU to spare: a lone file), a long
    workbook's texts are judged by a helper process meanwhile (`checker.judges`); it
    receives the texts alone, not the document. A helper forked to run rules on the
    document itself came to copy most of it (Python writes to every object it reads, to
    count references): at 100,000 rows the two held 1.4 GB where one holds 0.86 GB
    (benchmarks/README.md, 2026-12-07)."""
    file_rules = [r for r in rules if r.scope == "file" and r.check not in FRAME_CHECKS]
    frame_rules = [r for r in rules if r.scope == "file" and r.check in FRAME_CHECKS]
    results = []
    for path in map(Path, paths):
        sha = file_sha256(path) if path.is_file() else None
        # A long table is a million objects that live until the file is done (a third of
        # the time of finding its tables went to walking through them).
        with no_cycle_collection():
            results.append(_check_one(path, sha, rules, file_rules, frame_rules, config, limits, helper))
    return results


@contextmanager
def no_cycle_collection():
    """The cyclic garbage collector off for a while: checking builds objects by the
    hundred thousand, and none of them is part of a reference cycle (checking 300 files
    leaves no cyclic garbage), yet the collector walks through all that are alive again
    every time their number grows by a quarter."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _check_one(path: Path, sha: str | None, rules: tuple[Rule, ...], file_rules: list[Rule],
               frame_rules: list[Rule], config: Config, limits: Limits | None, helper: bool = False) -> FileResult:
    judging = None
    if helper and any(r.check in JUDGES for r in file_rules):
        from checker.judges import Helper

        judging = Helper.start(str(path))  # forked before the workbook is read, while this process is small
    try:
        try:
            document = load_document(str(path), limits)
        except Unreadable as exc:
            return FileResult(unreadable_report(path, sha, exc, rules, config))
        except Exception as exc:  # a reader bug on a strange file must not stop a batch
            reason = Unreadable("internal", f"{type(exc).__name__}: {exc}")
            return FileResult(unreadable_report(path, sha, reason, rules, config))
        findings = run_rules(document, file_rules, config.lang, judging)
    finally:
        if judging is not None:
            judging.stop()
    frame, crashed = _frame_part(document, frame_rules, config.lang)
    return _result(path, sha, document, findings + crashed, rules, config, frame)


def _frame_part(document: Document, frame_rules: Sequence[Rule], lang: str) -> tuple[object, list[Finding]]:
    """The document's rows for the column rules (`FrameRows`, None without such rules),
    or, when they cannot be gathered, an error finding for each column rule."""
    from checker.checks.cells import frame_rows

    if not frame_rules:
        return None, []
    try:
        return frame_rows(document, frame_rules, FRAME_CHECKS), []
    except Exception as exc:  # the column rules cannot run on this file: say so
        return None, [_crash_finding(rule, exc, lang) for rule in frame_rules]


def settle(results: Sequence[FileResult], rules: tuple[Rule, ...], config: Config) -> list[FileReport]:
    """The final reports: each file's own findings, plus those of the column rules (one
    pandera validation over the rows of every file) and of the rules comparing files,
    with each file's status settled on all of them."""
    from checker import sharing

    extra: dict[int, list[Finding]] = defaultdict(list)
    frame_rules = [r for r in rules if r.scope == "file" and r.check in FRAME_CHECKS]
    batch_rules = [r for r in rules if r.scope == "batch" and r.check in BATCH_CHECKS]

    def columns() -> list:
        return [_run_frame_rules([r.frame for r in results], frame_rules, config.lang) if frame_rules else []]

    judges = [partial(_judge, rule, results, config.lang) for rule in batch_rules]
    if frame_rules and judges and len(results) > 1 and sharing.available():
        # The two are independent: a helper validates the columns while this process
        # compares the files, instead of one after the other with a CPU idle.
        found = sharing.share(columns, judges)
    else:
        found = columns() + [part for judge in judges for part in judge()]
    for index, findings in enumerate(found[0]):
        extra[index].extend(findings)
    for judged in found[1:]:
        for index, finding in judged:
            extra[index].append(finding)
    reports = []
    for index, result in enumerate(results):
        report = result.report
        if extra.get(index):
            findings = tuple(sorted(report.findings + tuple(extra[index]), key=Finding.sort_key))
            report = dataclasses.replace(report, findings=findings, status=status_of(findings, config.fail_on))
        reports.append(report)
    return reports


def _judge(rule: Rule, results: Sequence[FileResult], lang: str) -> list:
    """A batch rule's (file index, finding) pairs, as one task of `checker.sharing`. A
    comparison that crashes is an error finding on every file it was to compare."""
    try:
        found = [(index, render(rule, problem, lang)) for index, problem in BATCH_CHECKS[rule.check].judge(results, rule)]
    except Exception as exc:
        crashed = _crash_finding(rule, exc, lang)
        found = [(index, crashed) for index, result in enumerate(results) if rule.id in result.collected]
    return [found]


def _run_frame_rules(parts: list, rules: list[Rule], lang: str) -> list[list[Finding]]:
    from checker.checks.cells import validate_rows

    try:
        found = validate_rows(parts, rules, FRAME_CHECKS)
    except Exception as exc:  # a broken column check shows on every file it should have checked
        return [[_crash_finding(rule, exc, lang) for rule in rules] if part is not None else [] for part in parts]
    return [[render(rule, problem, lang) for rule, problem in problems] for problems in found]


def _result(path: Path, sha: str | None, document: Document, findings: list[Finding], rules: tuple[Rule, ...],
            config: Config, frame: object = None) -> FileResult:
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
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        rows_checked=sum(len(t.rows) for t in document.tables),
    )
    return FileResult(report, collected, frame)


def check_file(path: str | Path, rules: tuple[Rule, ...], config: Config, limits: Limits | None = None) -> FileReport:
    """One file on its own (the rules comparing files have nothing to compare it with)."""
    rules = tuple(r for r in rules if r.scope != "batch")
    try:
        return settle(check_chunk([path], rules, config, limits), rules, config)[0]
    finally:
        forget_texts()


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
    from checker.batch import run_files

    rules = active_rules(ruleset, config)
    paths = list(paths)
    if len(paths) < 2:  # nothing to compare a lone file with: skip collecting for batch rules
        rules = tuple(r for r in rules if r.scope != "batch")
    # Every file's results stay here until the run is settled: at 3,000 files, the
    # collector took a second walking through them as they came in and were compared.
    with no_cycle_collection():
        results, interrupted = run_files(paths, rules, config, limits, jobs, progress)
        reports = settle(results, rules, config)
    forget_texts()
    return RunReport(files=tuple(reports), rules_count=len(ruleset.rules), rules_digest=ruleset.digest,
                     checker_version=__version__, fail_on=config.fail_on, interrupted=interrupted,
                     requested=len(paths))
