"""The command line: exit codes, formats, options, and output that cannot be hijacked."""

from __future__ import annotations

import json
import os

from click.testing import CliRunner

from checker.cli import main


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_exit_0_for_a_clean_file(build):
    result = run("check", build({"report": [{}, {}]}))
    assert result.exit_code == 0, result.output
    assert "ผ่าน" in result.output


def test_exit_1_when_a_finding_reaches_the_fail_level(build):
    path = build({"report": [{}, {"output": None}]})
    result = run("check", path)
    assert result.exit_code == 1
    assert "F6" in result.output and "empty-cell" in result.output


def test_warnings_pass_unless_fail_on_warning(build):
    path = build({"report": [{"responsible": "กองครัง"}]})
    assert run("check", path).exit_code == 0
    assert run("check", path, "--fail-on", "warning").exit_code == 1


def test_exit_1_for_an_unreadable_file(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("a,b\n")
    result = run("check", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_usage_errors_exit_2(tmp_path, build):
    path = build({"report": [{}]})
    assert run("check").exit_code == 2  # no path
    assert run("check", tmp_path / "missing.xlsx").exit_code == 2
    assert run("check", path, "--format", "pdf").exit_code == 2
    assert run("check", path, "--select", "no-such-rule").exit_code == 2
    assert run("check", path, "--severity", "empty-cell=fatal").exit_code == 2
    assert run("check", path, "--severity", "empty-cell").exit_code == 2
    assert run("explain", "no-such-rule").exit_code == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("colour: red\n")
    assert run("check", path, "--config", bad).exit_code == 2


def test_bad_rule_file_is_a_usage_error(tmp_path, monkeypatch, build):
    import checker.ruleset as ruleset

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("title: {th: x}\n", encoding="utf-8")
    monkeypatch.setattr(ruleset, "bundled_path", lambda name: rules)
    result = run("check", build({"report": [{}]}))
    assert result.exit_code == 2
    assert "broken.yaml" in result.output


def test_select_ignore_and_regrade(build):
    path = build({"report": [{"output": None, "responsible": "กองครัง"}]})
    found = lambda *args: {f["rule"]: f["severity"] for f in json.loads(run("check", path, "--format", "json", *args).output)["files"][0]["findings"]}
    assert found() == {"empty-cell": "error", "responsible-unknown": "warning"}
    assert found("--select", "responsible-unknown") == {"responsible-unknown": "warning"}
    assert found("--ignore", "responsible-unknown") == {"empty-cell": "error"}
    assert found("--severity", "empty-cell=warning,responsible-unknown=error") == {"empty-cell": "warning", "responsible-unknown": "error"}


def test_config_file(tmp_path, build):
    path = build({"report": [{"output": None}]})
    config = tmp_path / "ita-check.yaml"
    config.write_text("ignore: [empty-cell]\nlang: en\n", encoding="utf-8")
    result = run("check", path, "--config", config, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["files"][0]["findings"] == []


def test_json_report_follows_the_public_contract(build):
    path = build({"report": [{}, {"outcome": "-"}]})
    report = json.loads(run("check", path, "--format", "json").output)
    assert report["schema_version"] == 1
    assert set(report) >= {"schema_version", "checker_version", "rules", "summary", "files"}
    assert set(report["rules"]) == {"count", "digest"} and len(report["rules"]["digest"]) == 64
    assert report["summary"] == {"files": 1, "passed": 0, "failed": 1, "unreadable": 0, "error": 1, "warning": 0, "info": 0}
    file = report["files"][0]
    assert set(file) >= {"path", "sha256", "status", "agency", "fiscal_year", "round", "kind", "tables", "counts", "findings"}
    assert (file["status"], file["fiscal_year"], file["round"], file["kind"]) == ("failed", 2568, 12, "report")
    report_table = next(t for t in file["tables"] if t["kind"] == "report")
    assert report_table == {"sheet": "รายงานผล", "kind": "report", "header_row": 4, "first_row": 5, "last_row": 6,
                            "columns": {"seq": "A", "measure": "B", "steps": "C", "period": "D", "responsible": "E",
                                        "output": "F", "outcome": "G", "monitoring": "H", "evidence": "I"}}
    (finding,) = file["findings"]
    assert finding == {"rule": "placeholder-text", "severity": "error", "sheet": "รายงานผล", "row": 6, "column": "G",
                       "cell": "G6", "field": "outcome", "value": "-", "message": finding["message"], "hint": finding["hint"]}
    assert "G6" in finding["message"]


def test_output_option_writes_the_file_and_nothing_to_stdout(tmp_path, build):
    out = tmp_path / "report.json"
    result = run("check", build({"report": [{}]}), "--format", "json", "--output", out)
    assert result.exit_code == 0 and result.output == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["passed"] == 1


def test_the_report_is_never_written_over_a_file_being_checked(tmp_path, build):
    """Under its own name, through a symbolic link, a hard link, or a path written another
    way: the input is left as it was and the officer is told to choose another name."""
    import os

    workbook = build({"report": [{}]})
    before = workbook.read_bytes()
    (workbook.parent / "sub").mkdir()
    os.symlink(workbook, tmp_path / "link.xlsx")
    os.link(workbook, tmp_path / "hard.xlsx")
    for output in (workbook, tmp_path / "link.xlsx", tmp_path / "hard.xlsx", workbook.parent / "sub" / ".." / workbook.name):
        result = run("check", workbook, "--format", "json", "--output", output)
        assert result.exit_code == 2 and "--output" in result.output, output
        assert workbook.read_bytes() == before
    # Another file, and a file that does not exist yet, are written.
    assert run("check", workbook, "--format", "json", "--output", tmp_path / "other.json").exit_code == 0
    assert json.loads((tmp_path / "other.json").read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_file_name_cannot_restyle_the_terminal(tmp_path, build):
    hostile = tmp_path / "\x1b[2J\x1b[31mแดง[bold]x[red]\u202e.xlsx"
    hostile.write_bytes(build({"report": [{"output": None}]}).read_bytes())
    result = CliRunner().invoke(main, ["check", str(hostile), "--color"])
    assert result.exit_code == 1
    assert "\x1b[2J" not in result.output and "\u202e" not in result.output
    assert "\\x1b[2J" in result.output  # shown, made harmless
    assert "[bold]x[red]" in result.output  # markup printed as text, not applied


def test_finding_text_cannot_restyle_the_terminal():
    from checker.formatters.text import render
    from checker.model import FileReport, Finding, Metadata, RunReport

    evil = "\x1b[31m[red]<b>\x07\u2066"
    finding = Finding(rule="empty-cell", severity="error", message=evil, hint=evil, sheet=evil, row=3, column="B", value=evil)
    report = FileReport(path=evil, sha256=None, status="failed", metadata=Metadata(agency=evil), tables=(), findings=(finding,))
    out = render(RunReport((report,), 1, "x", "0"), color=True)
    assert not any(ch in out for ch in "\x07\u2066") and "\x1b[31m[red]" not in out
    assert out.count("\\x1b[31m[red]<b>") == 5  # path, agency, sheet, message, hint: all shown as text


def test_folder_is_searched_skipping_lock_and_hidden_files(tmp_path, build):
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    good = build({"report": [{}]})
    (folder / "sub" / "a.xlsx").write_bytes(good.read_bytes())
    (folder / "~$a.xlsx").write_bytes(b"lock")
    (folder / ".hidden.xlsx").write_bytes(b"junk")
    (folder / "notes.txt").write_text("x")
    report = json.loads(run("check", folder, "--format", "json").output)
    assert [f["path"].rsplit("/", 1)[-1] for f in report["files"]] == ["a.xlsx"]


def test_rules_and_explain(build):
    listing = run("rules", "--lang", "en")
    assert listing.exit_code == 0 and "responsible-unknown" in listing.output
    explained = run("explain", "responsible-unknown", "--lang", "en")
    assert explained.exit_code == 0
    assert "Passing example" in explained.output and "Failing example" in explained.output and "E5" in explained.output


def test_help_does_not_import_heavy_libraries():
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from checker.cli import main; "
            "CliRunner().invoke(main, ['--help']); "
            "print(sorted(m for m in ('pandas', 'pandera', 'openpyxl', 'rich') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_output_to_a_device_or_pipe_is_written_in_place_not_replaced(tmp_path, build):
    """`-o /dev/null` as root once replaced the device with a regular file."""
    import os
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(open(fifo, "rb").read()))
    reader.start()
    result = run("check", build({"report": [{}]}), "--format", "json", "--output", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0
    assert json.loads(received[0].decode("utf-8"))["summary"]["passed"] == 1
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe


def test_output_through_a_symlink_keeps_the_link(tmp_path, build):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert run("check", build({"report": [{}]}), "--format", "json", "--output", link).exit_code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["summary"]["files"] == 1


def test_json_report_is_indented_with_one_finding_a_line(build):
    path = build({"report": [{"output": None}, {"outcome": None}]})
    text = run("check", path, "--format", "json").output
    lines = [line for line in text.splitlines() if '"rule": ' in line]
    assert len(lines) == 2 and all(line.startswith("        {") and line.rstrip(",").endswith("}") for line in lines)
    assert [f["cell"] for f in json.loads(text)["files"][0]["findings"]] == ["F5", "G6"]
    assert "@findings-" not in text


# ---------------------------------------------------------------- the command's own exit

class _Left(Exception):
    """os._exit, caught: the process left without Python's teardown, with this code."""


def _command(monkeypatch, *args):
    """Run the `ita-check` command (`checker.cli.run`) in this process: how it left (the
    code given to os._exit, or the SystemExit raised instead)."""
    import os
    import sys

    from checker import cli

    def leave(code):
        raise _Left(code)

    monkeypatch.setattr(os, "_exit", leave)
    monkeypatch.setattr(sys, "argv", ["ita-check", *map(str, args)])
    try:
        cli.run()
    except _Left as left:
        return "os._exit", left.args[0]
    except SystemExit as exc:
        return "SystemExit", exc.code
    return "returned", None


def test_the_command_leaves_at_once_with_main_s_code_and_its_output_flushed(monkeypatch, capfd, build):
    clean = build({"report": [{}, {}]})
    assert _command(monkeypatch, "check", clean, "--format", "json") == ("os._exit", 0)
    assert json.loads(capfd.readouterr().out)["summary"]["passed"] == 1  # all of it, flushed
    assert _command(monkeypatch, "check", build({"report": [{}, {"output": None}]})) == ("os._exit", 1)
    assert "F6" in capfd.readouterr().out
    assert _command(monkeypatch, "check", clean, "--select", "no-such-rule") == ("os._exit", 2)


def test_the_command_keeps_numpy_to_one_blas_thread_unless_told_otherwise(monkeypatch, capfd):
    # Read by OpenBLAS when numpy loads, which happens after the command has started.
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    assert _command(monkeypatch, "rules") == ("os._exit", 0)
    assert os.environ.get("OPENBLAS_NUM_THREADS") == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")  # the user's own choice stands
    assert _command(monkeypatch, "rules") == ("os._exit", 0)
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_the_command_waits_as_python_does_while_a_child_process_runs(monkeypatch, capfd, build):
    import multiprocessing

    child = multiprocessing.get_context("fork").Process(target=__import__("time").sleep, args=(60,), daemon=True)
    child.start()
    try:
        assert _command(monkeypatch, "check", build({"report": [{}, {}]})) == ("SystemExit", 0)
    finally:
        child.kill()
        child.join()
    assert _command(monkeypatch, "check", build({"report": [{}, {}]})) == ("os._exit", 0)


def test_the_command_waits_as_python_does_while_another_thread_runs(monkeypatch, build):
    import threading

    release = threading.Event()
    other = threading.Thread(target=release.wait, args=(60,))
    other.start()
    try:
        assert _command(monkeypatch, "check", build({"report": [{}, {}]}), "--jobs", "1") == ("SystemExit", 0)
    finally:
        release.set()
        other.join()


def test_python_m_checker_reports_in_full_through_a_pipe(build):
    import subprocess
    import sys

    path = build({"report": [{}, {"output": None}] * 200})
    done = subprocess.run([sys.executable, "-m", "checker", "check", str(path), "--format", "json"],
                          capture_output=True, timeout=120)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout.decode("utf-8"))
    assert sum(f["rule"] == "empty-cell" for f in report["files"][0]["findings"]) == 200


def test_the_command_flushes_what_was_written_without_flushing_before_it_leaves():
    import os
    import subprocess
    import sys

    # print() to a pipe is buffered until the buffer fills: os._exit alone would lose it.
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    code = ("import sys; from checker import cli; "
            "cli.main = lambda: (print('รายงาน' * 100, end=''), print('ข้อความ', file=sys.stderr), sys.exit(3)); "
            "cli.run()")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, env=environment)
    assert done.returncode == 3
    assert done.stdout.decode("utf-8") == "รายงาน" * 100
    assert done.stderr.decode("utf-8").strip() == "ข้อความ"


def test_english_summaries_say_one_error_one_file_and_thai_ones_stay_as_they_are(build):
    one_each = build({"report": [{}, {"output": None, "responsible": "กองครัง"}]})
    english = run("check", one_each, "--lang", "en")
    assert "1 error · 1 warning · 0 info" in english.output
    two = build({"report": [{}, {"output": None, "outcome": None}]})
    batch = run("check", one_each, two, "--lang", "en", "--jobs", "1")
    assert "2 errors · 0 warnings · 0 info" in batch.output and "Checked 2 files:" in batch.output
    thai = run("check", one_each, two, "--jobs", "1")
    assert "ข้อผิดพลาด ๑ · คำเตือน ๑ · ข้อสังเกต ๐" in thai.output and "ตรวจ ๒ ไฟล์" in thai.output
