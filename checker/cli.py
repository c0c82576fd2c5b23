"""The command line: parse, call, render, exit.

Exit codes: 0 no finding at the fail level, 1 findings at it (or a file that could not be
read), 2 a usage error (bad option, missing path, bad rule or config file).
Heavy modules (openpyxl, pandas, pandera, rich) are imported inside the commands so
that `ita-check --help` answers at once.
"""

from __future__ import annotations

import gc
import os
import shutil
import sys
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import click

from checker import __version__

FORMATS = ("text", "json")  # of `ita-check rules`
REPORT_FORMATS = FORMATS + ("html", "csv")  # of `ita-check check`
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # the shell's code for Ctrl-C: the report printed covers only the files checked
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _split_ids(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _severity_overrides(values: tuple[str, ...]) -> dict[str, str]:
    overrides = {}
    for value in _split_ids(values):
        rule_id, sep, level = value.partition("=")
        if not sep:
            raise click.BadParameter(f"'{value}': write RULE=LEVEL, e.g. numbering=error", param_hint="--severity")
        overrides[rule_id.strip()] = level.strip()
    return overrides


def expand_paths(paths: tuple[str, ...]) -> list[Path]:
    """Files as given; folders searched for workbooks, skipping Excel lock files and hidden files."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path)
                if any(part.startswith((".", "~$")) for part in relative.parts):
                    continue
                if candidate.is_file() and candidate.suffix.lower() in WORKBOOK_SUFFIXES:
                    found.append(candidate)
        else:
            found.append(path)
    return found


def _is_input(output: str, files: list[Path]) -> bool:
    """Whether writing the report to `output` would overwrite a file being checked, under
    any name it has (a link, a path written another way): compared by device and inode,
    not by resolving every path (which costs a call per folder of each of them)."""
    try:
        target = os.stat(output)
    except OSError:
        return False  # nothing there yet: writing it overwrites no file
    for path in files:
        try:
            if os.path.samestat(target, os.stat(path)):
                return True
        except OSError:
            continue  # a file that cannot be read is reported so, not overwritten
    return False


def _write_output(text: str, output: str | None, encoding: str | None = None) -> None:
    """Text to the screen or a file. With an `encoding` (html, csv), the bytes are written
    as they are, to the file or to standard output, whatever the terminal's locale."""
    if output is None:
        stream = getattr(sys.stdout, "buffer", None)
        if encoding is None or stream is None:
            click.echo(text, nl=False)
        else:
            sys.stdout.flush()
            stream.write(text.encode(encoding))
            stream.flush()
        return
    from checker.files import write_bytes_atomic

    write_bytes_atomic(Path(output), text.encode(encoding or "utf-8"))


def _fail(message: str) -> None:
    click.echo(f"ita-check: {message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ita-check")
def main() -> None:
    """ตรวจไฟล์มาตรการและรายงานผล ITA ก่อนเผยแพร่ / Check ITA measures-plan and results-report workbooks."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to this file instead of the screen.")
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False),
              help="Also write a copy of each file into this folder with its problems marked on the cells.")
@click.option("--lang", type=click.Choice(["th", "en"]), help="Language of messages (default Thai).")
@click.option("--select", multiple=True, help="Run only these rule ids (comma-separated or repeated).")
@click.option("--ignore", multiple=True, help="Skip these rule ids.")
@click.option("--severity", multiple=True, help="Re-grade a rule: RULE=error|warning|info.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails a file (default error).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False), help="YAML file with select, ignore, severity, fail-on, lang.")
@click.option("--color/--no-color", default=None, help="Force colours on or off (default: on for a terminal).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Processes to use (default: the number of CPUs): files checked at once, or a long "
                   "lone file's texts judged beside its rules; 1 keeps to one process.")
@click.option("--summary", "summary_path", type=click.Path(dir_okay=False),
              help="Also write the batch summary as a workbook (files, findings, counts per rule).")
@click.option("--quiet", "-q", is_flag=True, help="Text report: only the summary, not every file's findings.")
@click.option("--limit", "limits", multiple=True, metavar="NAME=VALUE",
              help="Raise a safety limit: file_mb, unpacked_mb, ratio, sheets, rows, cells, cell_chars.")
def check(paths, fmt, output, lang, select, ignore, severity, fail_on, config_path, color, annotate_dir,
          jobs, summary_path, quiet, limits) -> None:
    """ตรวจไฟล์ .xlsx (หรือทุกไฟล์ในโฟลเดอร์) / Check workbooks (files or folders)."""
    from checker.engine import check_paths, no_cycle_collection
    from checker.ruleset import Config, RuleError, active_rules, load_config, load_rules, merge_config

    try:
        config = load_config(Path(config_path)) if config_path else Config()
        config = merge_config(config, select=_split_ids(select), ignore=_split_ids(ignore),
                              severity=_severity_overrides(severity), fail_on=fail_on, lang=lang)
        ruleset = load_rules()
        active_rules(ruleset, config)  # validates ids and levels before any file is read
    except RuleError as exc:
        _fail(str(exc))
    files = expand_paths(paths)
    targets = None
    if annotate_dir:
        from checker.annotate import AnnotateError, plan_targets, skip_outputs

        files = skip_outputs(files, paths, Path(annotate_dir))
        try:
            targets = plan_targets(files, Path(annotate_dir), config.lang)
        except AnnotateError as exc:
            _fail(str(exc))
    if not files:
        _fail("no .xlsx or .xlsm files in " + ", ".join(paths))
    if output and _is_input(output, files):
        from checker.i18n import ui

        _fail(ui("output_is_input", config.lang, file=output))
    from checker.batch import default_jobs

    jobs = jobs or default_jobs()  # the check, the text report's layout and the copies

    # The run's objects live until the process ends, and none is part of a reference
    # cycle: the cyclic garbage collector stays off while they are made, then sets them
    # aside instead of walking through them all again while the report is written (0.4 s
    # of a run of 3,000 files). It still frees what writing the report leaves behind.
    with no_cycle_collection():
        with _progress_bar(len(files)) as progress:
            run = check_paths(files, ruleset, config, limits=_limits(limits), jobs=jobs, progress=progress)
        gc.freeze()
    encoding = None
    if fmt in ("json", "html", "csv"):
        from importlib import import_module

        formatter = import_module(f"checker.formatters.{fmt}")
        text = formatter.render(run, config.lang)
        encoding = getattr(formatter, "ENCODING", "utf-8") if fmt != "json" else None
    else:
        from checker.formatters.text import render
        to_terminal = output is None and sys.stdout.isatty()
        use_color = color if color is not None else (to_terminal and "NO_COLOR" not in os.environ)
        width = shutil.get_terminal_size((110, 24)).columns if to_terminal else 110
        text = render(run, config.lang, color=use_color, width=width, details=not quiet, jobs=jobs)
    _write_output(text, output, encoding)
    if summary_path:
        from checker.summary import write_summary

        write_summary(run, Path(summary_path), config.lang)
    failed = run.failed
    if targets is not None:
        from checker.annotate import annotate_run
        from checker.i18n import ui

        written, notes = annotate_run(run, files, targets, config.lang, jobs=jobs)
        for note in notes:
            click.echo(f"ita-check: {note}", err=True)
        click.echo(f"ita-check: {ui('ann_written', config.lang, count=written, dir=annotate_dir)}", err=True)
        # A copy that could not be written must not end in a silent success.
        failed = failed or written < sum(f.status != "unreadable" for f in run.files)
    if run.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def run() -> None:
    """The `ita-check` command: `main`, then out of the process without taking the
    interpreter down piece by piece. Freeing a run's objects one by one and unloading its
    modules took 0.13 s of a 2.3 s batch, for nothing the operating system does not do
    itself. Only when nothing is left to wait for (no child process, no other thread) and
    the output is flushed; otherwise Python's own exit, as usual."""
    # numpy (loaded with pandas, and for the passages' fingerprints) starts OpenBLAS's
    # threads, one per CPU beyond the first, when it loads. The checker does no linear
    # algebra: they only took CPU time from the files (one file: 0.89 of it without them).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
    if not isinstance(code, int) or not _nothing_to_wait_for():
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: Python's exit reports it as it always has
        raise SystemExit(code) from None
    os._exit(code)


def _nothing_to_wait_for() -> bool:
    processes = sys.modules.get("multiprocessing")  # imported only by runs that start processes
    return threading.active_count() == 1 and not (processes and processes.active_children())


def _limits(values: tuple[str, ...]):
    from dataclasses import replace

    from checker.reader import Limits

    limits = Limits()
    for value in _split_ids(values):
        name, sep, number = value.partition("=")
        name = name.strip()
        if not sep or name not in Limits.names():
            raise click.BadParameter(f"'{value}': write NAME=VALUE with NAME one of {', '.join(Limits.names())}",
                                     param_hint="--limit")
        try:
            amount = type(getattr(limits, name))(float(number))
        except ValueError:
            raise click.BadParameter(f"'{value}': {number!r} is not a number", param_hint="--limit") from None
        if amount <= 0:
            raise click.BadParameter(f"'{value}': a limit must be positive", param_hint="--limit")
        limits = replace(limits, **{name: amount})
    return limits


@contextmanager
def _progress_bar(total: int) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal's standard error, and nowhere else."""
    if total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=Console(stderr=True),
                  transient=True) as bar:
        task = bar.add_task("check", total=total)
        yield lambda done, _total: bar.update(task, completed=done)


@main.command("rules")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def list_rules(lang, fmt) -> None:
    """รายการกฎทั้งหมด / List all rules."""
    from checker.formatters.rules import render_list
    from checker.ruleset import RuleError, load_rules

    try:
        ruleset = load_rules()
    except RuleError as exc:
        _fail(str(exc))
    click.echo(render_list(ruleset, lang, fmt), nl=False)


@main.command()
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
def explain(rule_id, lang) -> None:
    """อธิบายกฎหนึ่งข้อพร้อมตัวอย่าง / Explain one rule, with its examples."""
    from checker.formatters.rules import render_explain
    from checker.ruleset import RuleError, load_rules

    try:
        rules = load_rules().by_id()
    except RuleError as exc:
        _fail(str(exc))
    if rule_id not in rules:
        _fail(f"unknown rule id '{rule_id}' (see: ita-check rules)")
    click.echo(render_explain(rules[rule_id], lang), nl=False)


@main.command()
@click.option("--out", "out", type=click.Path(dir_okay=False), default="ita_template.xlsx", show_default=True,
              help="Where to write the template.")
def template(out) -> None:
    """เขียนแบบฟอร์ม Excel เปล่า / Write the empty Excel template."""
    from checker.template import write_template

    write_template(Path(out))
    click.echo(out)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False), default="examples")
def examples(directory) -> None:
    """เขียนไฟล์ตัวอย่าง (ถูกต้อง และมีข้อผิดพลาด) / Write the example workbooks."""
    from checker.samples import write_examples

    for path in write_examples(Path(directory)):
        click.echo(str(path))
