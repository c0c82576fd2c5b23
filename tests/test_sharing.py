"""Work shared with a helper process: the same results as one process, nothing lost when
the helper dies, and no helper for a lone file's rules."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from checker import sharing
from checker.engine import check_paths
from checker.ruleset import Config, load_rules
from conftest import rows

pytestmark = pytest.mark.skipif(not sharing.available(), reason="the helper is forked, which only Linux does safely")


def test_no_helper_is_forked_from_a_process_running_threads():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not sharing.available()
    finally:
        stop.set()
        thread.join()
    assert sharing.available()

DEFECTS = {
    "report": [
        {},
        {"output": None},
        {"outcome": "-"},
        {"responsible": "กองครัง"},
        {"period": "1 ต.ค. 2566 - 30 ก.ย. 2567"},
        {"steps": "ดำเนินการตามแผน ดำเนินการตามแผน ดำเนินการตามแผน ดำเนินการตามแผน ดำเนินการตามแผน",
         "output": "ดำเนินการตามแผน ดำเนินการตามแผน ดำเนินการตามแผน ดำเนินการตามแผน ดำเนินการตามแผน"},
        {"output": "https://www.example.go.th/ เอกสาร"},
    ],
    "plan": [{}, {"steps": "-"}],
}


def test_a_lone_file_is_checked_in_this_process_alone(build, monkeypatch):
    """No helper for a lone short file: its texts are judged here in less time than a helper
    takes to start (a long one has its texts judged by a helper: tests/test_judges.py)."""
    path = build(DEFECTS)
    alone = check_paths([path], load_rules(), Config(), jobs=1).files[0]

    def no_fork():
        raise AssertionError("a helper was forked")

    monkeypatch.setattr(os, "fork", no_fork)
    with_cpus = check_paths([path], load_rules(), Config(), jobs=2).files[0]
    assert len(rows(alone)) >= 6  # the defects above are found...
    assert with_cpus.findings == alone.findings  # ...and the same, in the same order, either way
    assert with_cpus.status == alone.status == "failed"


def test_a_helper_needs_free_memory_of_twice_this_process_s_size():
    assert sharing.room_for_helper(2_000_000, 1_000_000)
    assert not sharing.room_for_helper(1_999_999, 1_000_000)
    assert sharing.room_for_helper(None, 1_000_000)  # memory that cannot be read sets no limit
    assert sharing._available_kb() > 0 and sharing._resident_kb() > 0  # read on this machine


def _fake_root(tmp_path, cgroup: str, files: dict[str, str]):
    for name, text in {"proc/meminfo": "MemTotal: 8000000 kB\nMemAvailable: 6000000 kB\n",
                       "proc/self/cgroup": cgroup, **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return str(tmp_path)


def test_free_memory_is_the_machine_s_or_what_a_container_s_limit_leaves_whichever_is_less(tmp_path):
    mb = 1024 * 1024
    v2 = _fake_root(tmp_path / "v2", "0::/docker/abc\n", {
        "sys/fs/cgroup/docker/abc/memory.max": f"{1024 * mb}\n",
        "sys/fs/cgroup/docker/abc/memory.current": f"{700 * mb}\n",
        "sys/fs/cgroup/docker/abc/memory.stat": f"anon {500 * mb}\ninactive_file {100 * mb}\n"})
    assert sharing._available_kb(v2) == (1024 - 600) * 1024  # the page cache's inactive part is room
    v1 = _fake_root(tmp_path / "v1", "4:memory:/lxc/x\n1:cpu:/\n0::/\n", {
        "sys/fs/cgroup/memory/lxc/x/memory.limit_in_bytes": f"{2048 * mb}\n",
        "sys/fs/cgroup/memory/lxc/x/memory.usage_in_bytes": f"{1024 * mb}\n",
        "sys/fs/cgroup/memory/lxc/x/memory.stat": f"total_inactive_file {0}\n"})
    assert sharing._available_kb(v1) == 1024 * 1024
    (tmp_path / "v1/sys/fs/cgroup/memory/lxc/x/memory.stat").unlink()
    assert sharing._available_kb(v1) == 1024 * 1024  # the limit holds without the cache's figures
    unlimited = _fake_root(tmp_path / "none", "0::/\n", {"sys/fs/cgroup/memory.max": "max\n",
                                                         "sys/fs/cgroup/memory.current": "5\n"})
    assert sharing._available_kb(unlimited) == 6_000_000  # the machine's
    assert sharing._available_kb(str(tmp_path / "nothing")) is None


def test_on_a_machine_short_of_memory_the_work_stays_in_this_process(monkeypatch):
    def no_fork():
        raise AssertionError("a helper was forked")

    monkeypatch.setattr(sharing, "_available_kb", lambda: sharing._resident_kb() * 2 - 1)
    monkeypatch.setattr(os, "fork", no_fork)
    me = os.getpid()
    assert sharing.share(lambda: [os.getpid()], [lambda: [os.getpid()]] * 3) == [me] * 4


def test_the_helper_does_the_first_task_and_takes_its_turn_at_the_others():
    me = os.getpid()
    results = sharing.share(lambda: [("first", os.getpid())], [lambda i=i: [(i, os.getpid())] for i in range(6)])
    assert [name for name, _ in results] == ["first", 0, 1, 2, 3, 4, 5]
    assert results[0][1] != me  # the column rules run in the helper


def test_when_the_helper_dies_this_process_does_its_part():
    me = os.getpid()

    def die_in_the_helper(value):
        if os.getpid() != me:
            os._exit(7)
        return [value]

    results = sharing.share(lambda: die_in_the_helper("first"),
                            [lambda i=i: die_in_the_helper(i) for i in range(4)])
    assert results == ["first", 0, 1, 2, 3]
    assert not multiprocessing.active_children()


def test_a_helper_that_dies_halfway_loses_no_task():
    me = os.getpid()

    def task(i):
        if i == 2 and os.getpid() != me:
            os._exit(7)
        return [i]

    results = sharing.share(lambda: [], [lambda i=i: task(i) for i in range(5)])
    assert results == [0, 1, 2, 3, 4]


def test_ctrl_c_here_leaves_no_helper_behind():
    def interrupted():
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sharing.share(lambda: [], [interrupted])
    assert not multiprocessing.active_children()


def test_a_batch_settles_its_column_rules_and_its_file_comparisons_in_two_processes(tmp_path, monkeypatch):
    """After the files are checked, the column rules' validation and the comparison of
    files run side by side: the same findings as one after the other."""
    from checker.samples import build_example

    paragraph = ("จัดทำคู่มือการให้บริการประชาชนครบทุกงาน ๑๒ งาน พร้อมเผยแพร่ทางเว็บไซต์ เฟซบุ๊ก "
                 "และบอร์ดประชาสัมพันธ์หน้าสำนักงาน มีผู้เข้าชม ๑,๒๐๐ ครั้ง")
    paths = []
    for name in ("หนึ่ง", "สอง"):
        folder = tmp_path / name
        folder.mkdir()
        table = [["ลำดับ", "มาตรการ", "วิธีการปฏิบัติ", "ระยะเวลา", "ผู้รับผิดชอบ", "ผลการดำเนินการ", "ผลลัพธ์"],
                 ["1", "มาตรการ", f"{name} ดำเนินการเอง", "ต.ค. ๖๗ - ก.ย. ๖๘", "สำนักปลัด", paragraph, ""]]
        paths.append(build_example({"name": f"{name}.xlsx", "sheets": {
            "รายงานผล": [[f"รายงานผล องค์การบริหารส่วนตำบล{name}"]] + table}}, folder))
    shared_calls = []
    share = sharing.share
    monkeypatch.setattr(sharing, "share", lambda *a: shared_calls.append(1) or share(*a))
    together = check_paths(paths, load_rules(), Config(), jobs=1)
    assert shared_calls  # settled by two processes...
    monkeypatch.setattr(sharing, "available", lambda: False)
    alone = check_paths(paths, load_rules(), Config(), jobs=1)
    assert len(shared_calls) == 1
    found = [rows(report) for report in together.files]
    assert all(("copied-from-other-file", "F3") in r and ("empty-cell", "G3") in r for r in found)
    assert [r.findings for r in together.files] == [r.findings for r in alone.files]  # ...as one would
