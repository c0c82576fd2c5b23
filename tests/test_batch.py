"""District review: a folder of agencies' files checked in one run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import batch
from checker.cli import main
from checker.engine import check_paths
from checker.passages import passage_reaches, shared_run, sliding_min, winnow, winnow_many
from checker.ruleset import Config, load_rules


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """200 workbooks in subfolders: clean, failing, one corrupt, plus an Excel lock file."""
    from checker.samples import build_example

    root = tmp_path_factory.mktemp("district")
    source = tmp_path_factory.mktemp("source")
    clean = build_example({"report": [{}, {}, {}], "name": "clean.xlsx"}, source)
    failing = build_example({"report": [{}, {"output": None}], "name": "failing.xlsx"}, source)
    for i in range(200):
        folder = root / f"อำเภอ{i % 4}" / ("ชุดที่ 1" if i % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"อบต.ที่ {i:03d} (รายงาน).xlsx"
        if i == 7:
            target.write_bytes(b"PK\x03\x04 truncated download")
        else:
            shutil.copyfile(failing if i % 5 == 0 else clean, target)
    (root / "อำเภอ0" / "~$อบต.ที่ 000 (รายงาน).xlsx").write_bytes(b"lock")
    return root


def test_folder_of_200_files_gives_a_consistent_summary(district, tmp_path):
    summary = tmp_path / "summary.xlsx"
    out = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["check", str(district), "--jobs", "2", "--format", "json",
                                       "--output", str(out), "--summary", str(summary)])
    assert result.exit_code == 1, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    files = report["files"]
    assert len(files) == 200 and not any("~$" in f["path"] for f in files)
    statuses = {f["path"]: f["status"] for f in files}
    assert list(statuses.values()).count("unreadable") == 1
    assert list(statuses.values()).count("failed") == 40
    assert report["summary"] == {"files": 200, "passed": 159, "failed": 40, "unreadable": 1,
                                 "error": 41, "warning": 0, "info": 0}

    from openpyxl import load_workbook

    workbook = load_workbook(summary)
    files_sheet, findings_sheet, rules_sheet = workbook.worksheets
    rows = list(files_sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 200
    assert {r[0]: r[-1] for r in rows} == statuses
    assert [r[-1] for r in rows[:41]] == ["unreadable"] + ["failed"] * 40  # worst first
    assert files_sheet.freeze_panes == "A2" and files_sheet.auto_filter.ref
    assert findings_sheet.max_row == 1 + 41
    assert {r[0]: r[2] for r in rules_sheet.iter_rows(min_row=2, values_only=True)} == {"empty-cell": 40, "unreadable-file": 1}
    # Each status and severity cell is filled with its colour, and only those cells.
    colour = {"passed": "C6EFCE", "failed": "FFC7CE", "unreadable": "E4DFEC", "error": "FFC7CE"}
    for ws, column in ((files_sheet, files_sheet.max_column), (findings_sheet, 6), (rules_sheet, 2)):
        for row in ws.iter_rows(min_row=2):
            assert [c.fill.fgColor.rgb[-6:] if c.fill.fill_type else None for c in row] == \
                   [colour[row[column - 1].value] if c.column == column else None for c in row], ws.title
            assert all(c.font.name == "TH Sarabun New" and c.alignment.wrap_text for c in row)

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:  # opens in LibreOffice where it is installed
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(summary)],
                       check=True, capture_output=True, timeout=180)
        assert (tmp_path / "summary.pdf").stat().st_size > 0


def test_text_summary_lists_files_worst_first(district, tmp_path):
    result = CliRunner().invoke(main, ["check", str(district / "อำเภอ3"), "--quiet", "--lang", "en"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "All files, worst first" in result.output and "Rules that fired most" in result.output
    assert "Tables found" not in result.output  # --quiet: no per-file details
    first = next(i for i, line in enumerate(lines) if "failed" in line)
    last_passed = max(i for i, line in enumerate(lines) if "passed" in line and "Checked" not in line)
    assert first < last_passed


def test_text_summary_names_each_file_s_document_in_the_reader_s_language(build, tmp_path):
    from checker.formatters.text import render

    paths = [build({"report": [{}]}), build({"plan": [{}]})]
    kinds = {}
    for lang in ("th", "en"):
        output = render(check_paths(paths, load_rules(), Config(lang=lang)), lang, width=300, details=False)
        # A file's row: ... FY, round, document, rows, errors, warnings, status.
        kinds[lang] = [line.split()[-5] for line in output.splitlines() if ".xlsx" in line]
    assert kinds == {"th": ["รายงาน", "แผน"], "en": ["report", "plan"]}


def test_text_report_laid_out_by_two_processes_is_the_same_report(district, tmp_path, monkeypatch):
    from checker import sharing
    from checker.formatters import text

    if not sharing.available():
        pytest.skip("the helper is forked, which only Linux does safely")
    paths = sorted(district.rglob("*.xlsx"))[:40]
    run = check_paths(paths, load_rules(), Config(lang="en"), jobs=1)
    assert {f.status for f in run.files} == {"passed", "failed", "unreadable"}
    real, marks = text.render_file, tmp_path / "marks"
    marks.mkdir()

    def marking(console, report, lang):
        (marks / str(os.getpid())).touch()
        real(console, report, lang)

    monkeypatch.setattr(text, "render_file", marking)
    for color in (False, True):
        alone = text.render(run, "en", color=color, width=90, jobs=1)
        assert len(list(marks.iterdir())) == 1
        shared = text.render(run, "en", color=color, width=90, jobs=2)
        assert len(list(marks.iterdir())) == 2, "the helper laid out some of the files"
        assert shared == alone
        for leftover in marks.iterdir():
            leftover.unlink()
    assert all(f.path in alone for f in run.files)


def test_when_no_process_can_be_started_everything_is_done_in_this_one(district, tmp_path, monkeypatch):
    folder = district / "อำเภอ1"
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs-{jobs}"
        if jobs == "2":
            def refused():
                raise BlockingIOError(11, "Resource temporarily unavailable")  # fork at a process limit

            monkeypatch.setattr(os, "fork", refused)
        results = [CliRunner().invoke(main, ["check", str(folder), "--jobs", jobs, "--lang", "en", "-o", str(out / name),
                                             *extra])
                   for name, extra in (("report.json", ["--format", "json", "--annotate", str(out / "copies")]),
                                       ("report.txt", []))]
        assert [r.exit_code for r in results] == [1, 1], results[0].output + repr(results[0].exception)
        outputs[jobs] = [(out / name).read_bytes() for name in ("report.json", "report.txt")] + \
                        [sorted(p.name for p in (out / "copies").iterdir())]
    assert outputs["2"] == outputs["1"]
    assert len(outputs["1"][2]) == 50  # every file of the folder (all readable) has its copy


def _one_file_kills_its_worker(tmp_path, monkeypatch, last_words: Path | None = None) -> list[Path]:
    """a.xlsx, crash.xlsx and b.xlsx, checked with two jobs in two groups (a and crash, then
    b); the worker checking crash.xlsx dies as a native crash would, with no exception, after
    creating `last_words` if given."""
    if "fork" not in __import__("multiprocessing").get_all_start_methods():
        pytest.skip("the test plants the crash through fork")
    from checker.samples import build_example

    paths = []
    for name in ("a.xlsx", "crash.xlsx", "b.xlsx"):
        folder = tmp_path / name
        folder.mkdir()
        paths.append(build_example({"report": [{}], "name": name}, folder))
    real = batch.check_chunk

    def dying(paths, *args):
        if any(str(p).endswith("crash.xlsx") for p in paths):
            if last_words:
                last_words.touch()
            os._exit(3)
        return real(paths, *args)

    monkeypatch.setattr(batch, "check_chunk", dying)  # forked workers inherit the patch
    return paths


def test_worker_crash_isolates_the_file(tmp_path, monkeypatch):
    run = check_paths(_one_file_kills_its_worker(tmp_path, monkeypatch), load_rules(), Config(), jobs=2)
    assert [(f.path.rsplit("/", 1)[-1], f.status) for f in run.files] == [
        ("a.xlsx", "passed"), ("crash.xlsx", "unreadable"), ("b.xlsx", "passed")]
    assert run.files[1].findings[0].rule == "unreadable-file"


def test_files_that_cannot_be_checked_again_for_want_of_a_process_say_so(tmp_path, monkeypatch, no_process_once):
    """The worker of a group of files died, and no fresh process can be started to check
    them again one by one: each is reported as not checked for that reason, not as a crash."""
    paths = _one_file_kills_its_worker(tmp_path, monkeypatch, last_words=no_process_once)
    run = check_paths(paths, load_rules(), Config(lang="en"), jobs=2)
    status = {f.path.rsplit("/", 1)[-1]: f.status for f in run.files}
    # b's group is lost too when the pool breaks before its result is in.
    assert status["a.xlsx"] == status["crash.xlsx"] == "unreadable" and status["b.xlsx"] in ("passed", "unreadable")
    for report in run.files:
        if report.status == "unreadable":
            (finding,) = report.findings
            assert finding.rule == "unreadable-file" and "was not checked" in finding.message
            assert "could not start another" in finding.message and "stopped the checking process" not in finding.message


def test_reader_bug_on_one_file_does_not_stop_the_batch(tmp_path, monkeypatch):
    from checker import document
    from checker.samples import build_example

    good = build_example({"report": [{}]}, tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes())
    real = document.find_tables
    monkeypatch.setattr(document, "find_tables",
                        lambda book, ref: (_ for _ in ()).throw(RuntimeError("bug")) if book.path.endswith("bad.xlsx") else real(book, ref))
    run = check_paths([bad, good], load_rules(), Config())
    assert [f.status for f in run.files] == ["unreadable", "passed"]
    assert "RuntimeError" in run.files[0].findings[0].message


def test_ctrl_c_keeps_what_was_checked(tmp_path):
    from checker.samples import build_example

    good = build_example({"report": [{}]}, tmp_path)
    paths = [good] * 5

    def stop_after_two(done, total):
        if done == 2:
            raise KeyboardInterrupt

    run = check_paths(paths, load_rules(), Config(), progress=stop_after_two)
    assert run.interrupted and len(run.files) == 2 and run.requested == 5


def test_copied_paragraph_names_both_files(tmp_path):
    from checker.samples import build_example

    paragraph = ("จัดทำคู่มือการให้บริการประชาชนครบทุกงาน ๑๒ งาน พร้อมเผยแพร่ทางเว็บไซต์ เฟซบุ๊ก "
                 "และบอร์ดประชาสัมพันธ์หน้าสำนักงาน มีผู้เข้าชม ๑,๒๐๐ ครั้ง")

    def agency(name, output_row):
        folder = tmp_path / name
        folder.mkdir()
        rows = [["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลา", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลลัพธ์"]]
        for i in range(3):
            own = f"{name} ดำเนินการเรื่องที่ {i} ด้วยตนเอง ตามแผนของหน่วยงาน"
            rows.append([str(i + 1), f"มาตรการ {i}", own, "ต.ค. ๖๗ - ก.ย. ๖๘", "สำนักปลัด",
                         paragraph if i == output_row else own + " ครบถ้วน", own + " สำเร็จ"])
        return build_example({"name": f"{name}.xlsx", "sheets": {"รายงานผล": [[f"รายงานผล องค์การบริหารส่วนตำบล{name}"]] + rows}}, folder)

    a, b, c = agency("หนึ่ง", 0), agency("สอง", 2), agency("สาม", 1)
    run = check_paths([a, b], load_rules(), Config(select=("copied-from-other-file",)))
    (fa,), (fb,) = (r.findings for r in run.files)
    assert (fa.cell, fb.cell) == ("F3", "F5")
    assert str(b) in fa.message and "องค์การบริหารส่วนตำบลสอง" in fa.message
    assert str(a) in fb.message and "องค์การบริหารส่วนตำบลหนึ่ง" in fb.message
    # The same paragraph in the files of four agencies is shared wording, not a copy.
    d = agency("สี่", 0)
    run = check_paths([a, b, c, d], load_rules(), Config(select=("copied-from-other-file",)))
    assert all(not r.findings for r in run.files)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาิีึืุู่้๊๋็์ำเแโใไ0123456789", min_size=80, max_size=160),
       st.text(alphabet="กขคงabcdefghij0123456789", max_size=200), st.text(alphabet="กขคงabcdefghij0123456789", max_size=200))
def test_winnowing_finds_every_long_shared_passage(shared, before, after):
    k, window = 40, 41
    assert winnow(before + shared + after, k, window) & winnow(after + shared, k, window)


def test_a_shared_passage_shorter_than_the_minimum_is_not_a_copy(tmp_path):
    """Winnowing proves 40 letters in common; the rule promises passages of 80."""
    from checker.samples import build_example

    shared = "จัดประชุมชี้แจงแนวทางการปฏิบัติงานให้เจ้าหน้าที่ทุกคนทราบ"  # about 55 letters
    def agency(name, own):
        folder = tmp_path / name
        folder.mkdir()
        header = ["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลา", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลลัพธ์"]
        row = ["1", "มาตรการ ก", "ทำตามแผน", "ต.ค. ๖๗ - ก.ย. ๖๘", "สำนักปลัด", own + shared + own, "สำเร็จ"]
        return build_example({"name": f"{name}.xlsx", "sheets": {"รายงานผล": [[f"รายงานผล องค์การบริหารส่วนตำบล{name}"], header, row]}}, folder)

    a = agency("หนึ่ง", "ในปีนี้หน่วยงานได้ดำเนินการตามแผนงานประจำปีครบถ้วนทุกขั้นตอน ")
    b = agency("สอง", "เทศบาลจัดกิจกรรมร่วมกับชุมชนทุกหมู่บ้านและโรงเรียนในพื้นที่ ")
    run = check_paths([a, b], load_rules(), Config(select=("copied-from-other-file",)))
    assert all(not r.findings for r in run.files)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 2**64 - 1), min_size=1, max_size=120), st.integers(1, 50))
def test_sliding_min_is_the_minimum_of_every_window(values, window):
    import numpy as np

    array = np.array(values, dtype=np.uint64)
    expected = [min(values[i:i + window]) for i in range(len(values) - window + 1)]  # none when the window is longer
    assert sliding_min(array, window).tolist() == expected


def test_sliding_min_of_fewer_values_than_a_window_is_empty():
    import numpy as np

    for count, window in ((11, 13), (1, 2), (0, 1), (40, 41), (63, 64)):
        assert sliding_min(np.zeros(count, dtype=np.uint64), window).tolist() == []
    assert sliding_min(np.arange(5, dtype=np.uint64), 5).tolist() == [0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="กขคงจฉ0123", min_size=0, max_size=140), min_size=1, max_size=6))
def test_fingerprints_of_texts_hashed_together_are_each_texts_own(texts):
    """Grams and windows that straddle two cells must not leak into either cell, and every
    place a picked gram stands is given."""
    from checker.passages import gram_hashes

    k, window = 40, 41
    fingerprints, text_of, position = winnow_many(texts, k, window)
    for index, text in enumerate(texts):
        hashes = gram_hashes(text, k).tolist()
        if not hashes:
            expected_values = set()
        elif len(hashes) <= window:
            expected_values = {min(hashes)}
        else:
            expected_values = {min(hashes[i:i + window]) for i in range(len(hashes) - window + 1)}
        mine = text_of == index
        assert set(fingerprints[mine].tolist()) == expected_values
        # Where a picked gram stands: the smallest of some window holding it.
        windows = [range(len(hashes))] if len(hashes) <= window else \
            [range(s, s + window) for s in range(len(hashes) - window + 1)]
        places = {i for w in windows for i in w if hashes[i] == min(hashes[j] for j in w)}
        assert sorted(position[mine].tolist()) == sorted(places)


def _longest_run_through(a: str, p: int, b: str, q: int) -> int:
    """shared_run, the slow way: walk outwards from a[p] and b[q] letter by letter."""
    if p >= len(a) or q >= len(b) or a[p] != b[q]:
        return 0
    right = next((n for n in range(min(len(a) - p, len(b) - q)) if a[p + n] != b[q + n]), min(len(a) - p, len(b) - q))
    left = next((n for n in range(min(p, q)) if a[p - 1 - n] != b[q - 1 - n]), min(p, q))
    return left + right


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="กขค", min_size=1, max_size=120), st.text(alphabet="กขค", max_size=30),
       st.text(alphabet="กขค", max_size=30), st.data())
def test_a_passage_is_measured_through_the_place_of_a_shared_gram(copied, before, after, data):
    """shared_run measures the passage through two places exactly, and passage_reaches, which
    settles most pairs by two flanking comparisons, agrees with it for every gram length
    and passage length, wherever the two places are."""
    a = data.draw(st.text(alphabet="กขค", max_size=30)) + copied + data.draw(st.text(alphabet="กขค", max_size=30))
    b = before + copied + after
    p = data.draw(st.integers(0, len(a) - 1))
    q = data.draw(st.integers(0, len(b) - 1))
    k = data.draw(st.integers(1, 50))
    length = data.draw(st.integers(k, 120))
    run = shared_run(a, p, b, q)
    assert run == _longest_run_through(a, p, b, q)
    assert passage_reaches(a, p, b, q, k, length) == (run >= length)


def _passages_of(texts: list[str], owner: str):
    from checker.checks.batch import Passages

    fingerprints, cell_of, position = winnow_many(texts, 40, 41)
    cells = tuple(("รายงานผล", row, 6, "output") for row in range(3, 3 + len(texts)))
    return Passages(owner, cells, tuple(texts), fingerprints, cell_of, position)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="กขคงจฉชซ", min_size=40, max_size=100), min_size=3, max_size=6), st.data())
def test_the_comparison_of_files_names_what_a_letter_by_letter_search_names(pieces, data):
    """For files of up to three agencies (never "shared wording"), a cell is reported when a
    cell of another agency's file shares a passage of 80 letters with it, and the cell
    named is the first such cell of the first such file, however the texts overlap."""
    from difflib import SequenceMatcher
    from types import SimpleNamespace

    from checker.checks.batch import judge_passages

    rule = next(r for r in load_rules().rules if r.id == "copied-from-other-file")
    owners = data.draw(st.lists(st.sampled_from("ABC"), min_size=2, max_size=4))
    texts = [["".join(data.draw(st.lists(st.sampled_from(pieces), min_size=1, max_size=3))) for _ in range(3)]
             for _ in owners]
    results = [SimpleNamespace(collected={rule.id: _passages_of(cells, owner)},
                               report=SimpleNamespace(path=f"{index}.xlsx", metadata=SimpleNamespace(agency=owner)))
               for index, (cells, owner) in enumerate(zip(texts, owners))]

    def shares(a: str, b: str) -> bool:
        match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        return match.size >= 80

    expected = {}
    for i, cells in enumerate(texts):
        for mine, text in enumerate(cells):
            others = {j: next(theirs for theirs, other in enumerate(texts[j]) if shares(text, other))
                      for j in range(len(texts)) if owners[j] != owners[i] and any(shares(text, o) for o in texts[j])}
            if others:
                first = min(others)
                expected[(i, 3 + mine)] = (f"{first}.xlsx", f"รายงานผล!F{3 + others[first]}", len(others) - 1)
    found = {(i, problem.row): (problem.params["other_file"], problem.params["other_cell"], problem.params["more"])
             for i, problem in judge_passages(results, rule)}
    assert found == expected


def test_past_the_cap_on_places_a_pair_is_judged_by_all_its_grams():
    """A text that repeats a gram many times gives many places to start from; past a cap the
    pair is judged by comparing every gram, so a copy is never lost to the cap."""
    from types import SimpleNamespace

    from checker.checks.batch import _SharedPassage

    a = "ก" * 300
    b = "ข" * 10 + "ก" * 50 + "ข" + "ก" * 85  # the 85-letter run starts at 61
    collected = {0: SimpleNamespace(texts=(a,)), 1: SimpleNamespace(texts=(b,))}
    early = list(range(10, 10 + _SharedPassage.MAX_ANCHORS))  # inside the run of 50 only
    shares = _SharedPassage(collected, 40, 80)
    few = list(range(_SharedPassage.MAX_ANCHORS))
    assert shares(0, 0, 1, 0, {(0, 0): few, (1, 0): early}) is False  # within the cap: these places prove nothing
    shares = _SharedPassage(collected, 40, 80)
    assert shares(0, 0, 1, 0, {(0, 0): few, (1, 0): early + [61]}) is True  # past it: every gram is compared
    shares = _SharedPassage({0: collected[0], 1: SimpleNamespace(texts=("ก" * 79 + "ข" * 79,))}, 40, 80)
    assert shares(0, 0, 1, 0, {(0, 0): list(range(12)), (1, 0): list(range(12))}) is False


def test_one_letter_repeated_over_80_times_in_two_files_is_a_copy(tmp_path):
    from checker.samples import build_example

    def agency(name, text):
        header = ["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลา", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลลัพธ์"]
        row = ["1", "มาตรการ ก", "ทำตามแผน", "ต.ค. ๖๗ - ก.ย. ๖๘", "สำนักปลัด", text, "สำเร็จ"]
        folder = tmp_path / name
        folder.mkdir()
        return build_example({"name": f"{name}.xlsx", "sheets": {"รายงานผล": [[f"รายงานผล องค์การบริหารส่วนตำบล{name}"], header, row]}}, folder)

    a = agency("หนึ่ง", "ก" * 3000)
    b = agency("สอง", "ข" * 10 + "ก" * 50 + "ข" + "ก" * 85)
    run = check_paths([a, b], load_rules(), Config(select=("copied-from-other-file",)))
    assert [[f.cell for f in r.findings] for r in run.files] == [["F3"], ["F3"]]
    c = agency("สาม", "ก" * 79 + "ข" * 79)  # shares 79 letters only
    run = check_paths([a, c], load_rules(), Config(select=("copied-from-other-file",)))
    assert all(not r.findings for r in run.files)


def test_chunks_cover_every_file_once_and_shrink_towards_the_end_of_a_parallel_batch():
    from checker.batch import MAX_CHUNK, MIN_CHUNK, chunks

    for count in (1, 2, 5, 17, 300, 1001):
        for jobs in (1, 2, 8):
            parts = chunks(count, jobs)
            assert [i for part in parts for i in part] == list(range(count))
            assert all(1 <= len(part) <= MAX_CHUNK for part in parts)
    sizes = [len(part) for part in chunks(300, 2)]
    assert sizes[0] == MAX_CHUNK and sizes == sorted(sizes, reverse=True)
    # The last chunks are small, so that neither worker waits long for the other's.
    assert max(sizes[-4:]) == MIN_CHUNK
    # One process has no one to wait for: even chunks, only to bound the caches.
    assert {len(part) for part in chunks(300, 1)} == {MAX_CHUNK, 300 % MAX_CHUNK}
