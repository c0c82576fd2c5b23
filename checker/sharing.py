"""Work shared between two processes: the settling of a batch, or the layout of a batch's
text report.

When a batch is settled (`checker.engine.settle`), a helper forked for the purpose validates
the column rules of every file while this process compares the files with each other. When
its text report is written (`checker.formatters.text`), the two lay out the files' reports
in turn. The helper does `first` and both processes take the other tasks in turn, the next
one in order going to whichever is free. The helper sends its results back; if it dies or
cannot send them, this process does its part too. Forked, the helper shares what is already
in memory instead of receiving it, so this runs only where fork is the safe default (Linux),
and only in a process without threads; elsewhere everything runs in one process. It also
runs everything here when the machine lacks the memory for a helper (`room_for_helper`): a
few seconds saved are not worth a machine that swaps.

A lone file's rules are not shared (`checker.engine.check_chunk` says why): the helper
comes to copy most of what it reads, and a document is the most there is to read. A long
one's texts are judged by a helper that receives them alone (`checker.judges`)."""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from typing import Callable, Sequence

Task = Callable[[], list]


def available() -> bool:
    # A thread holding a lock at the fork would leave the helper waiting on it for ever:
    # a program that runs threads (and calls the engine) keeps to one process.
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


def share(first: Task, tasks: Sequence[Task]) -> list:
    """The results of `first` and of every task, in that order."""
    if not has_room():
        return _all_here(first, tasks)
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # how many of `tasks` either process has taken
    receive, send = context.Pipe(duplex=False)
    helper = context.Process(target=_help, args=(first, tasks, taken, send), daemon=True)
    try:
        helper.start()
    except OSError:  # no process can be started (a limit on processes or memory): all here
        receive.close()
        send.close()
        return _all_here(first, tasks)
    send.close()
    mine: dict[int, list] = {}
    try:
        for index in _take(taken, len(tasks)):
            mine[index] = tasks[index]()
        try:
            theirs = receive.recv()
        except (EOFError, OSError):  # the helper died before sending: do its part here
            theirs = {}
    finally:
        receive.close()
        if helper.is_alive():
            helper.kill()
        helper.join()
    if "first" not in theirs:
        theirs = {"first": first()}
    results = list(theirs["first"])
    for index, task in enumerate(tasks):
        if index in mine:
            results.extend(mine[index])
        elif index in theirs:
            results.extend(theirs[index])
        else:
            results.extend(task())
    return results


def _all_here(first: Task, tasks: Sequence[Task]) -> list:
    return [*first(), *(result for task in tasks for result in task())]


def has_room() -> bool:
    """Whether this process may fork a helper now, by `room_for_helper`."""
    return room_for_helper(_available_kb(), _resident_kb())


def room_for_helper(available_kb: int | None, resident_kb: int) -> bool:
    """Whether the free memory takes a helper. Forked, the helper comes to copy most of the
    pages of this process that it reads, and both grow as they work: when a lone file's
    rules were shared, the 100,000-row benchmark file's two processes came to 1,485 MB from
    604 MB at the fork, one and a half times this process's size more. Free memory of twice
    its size leaves room besides. Memory that cannot be read sets no limit."""
    return available_kb is None or available_kb >= 2 * resident_kb


def _available_kb(root: str = "/") -> int | None:
    """Free memory in kB: the machine's, or what is left under the limit of this process's
    cgroup (a container's), whichever is less; None when neither can be read."""
    found = [kb for kb in (_machine_available_kb(root), *_cgroup_rooms_kb(root)) if kb is not None]
    return min(found) if found else None


def _machine_available_kb(root: str) -> int | None:
    try:
        with open(os.path.join(root, "proc/meminfo"), "rb") as meminfo:
            for line in meminfo:
                if line.startswith(b"MemAvailable:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


# A cgroup's files: version 2 (one hierarchy), then version 1 (a memory hierarchy).
_CGROUP_FILES = {2: ("", "memory.max", "memory.current", b"inactive_file "),
                 1: ("memory", "memory.limit_in_bytes", "memory.usage_in_bytes", b"total_inactive_file ")}
NO_LIMIT = 1 << 60  # cgroup v1 writes "no limit" as a number near 2**63


def _cgroup_rooms_kb(root: str) -> list[int]:
    """Room under each memory limit of this process's cgroups. Their usage counts the
    page cache, of which the inactive part would be given up before anything is killed,
    so that part is room too (as `docker stats` counts it)."""
    try:
        with open(os.path.join(root, "proc/self/cgroup")) as cgroups:
            lines = cgroups.read().splitlines()
    except OSError:
        return []
    rooms = []
    for line in lines:
        number, controllers, path = (line.split(":", 2) + ["", ""])[:3]
        version = 2 if number == "0" and not controllers else 1 if "memory" in controllers.split(",") else None
        if version is None:
            continue
        hierarchy, limit_file, usage_file, inactive = _CGROUP_FILES[version]
        folder = os.path.join(root, "sys/fs/cgroup", hierarchy, path.lstrip("/"))
        try:
            with open(os.path.join(folder, limit_file)) as limit_text:
                written = limit_text.read().strip()
            limit = NO_LIMIT if written == "max" else int(written)
            if limit >= NO_LIMIT:
                continue
            with open(os.path.join(folder, usage_file)) as usage_text:
                usage = int(usage_text.read())
        except (OSError, ValueError):
            continue
        rooms.append(max(0, limit - usage + _inactive_cache(folder, inactive)) // 1024)
    return rooms


def _inactive_cache(folder: str, key: bytes) -> int:
    try:
        with open(os.path.join(folder, "memory.stat"), "rb") as stat:
            return next((int(row.split()[1]) for row in stat if row.startswith(key)), 0)
    except (OSError, ValueError, IndexError):
        return 0


def _resident_kb() -> int:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except (OSError, ValueError, IndexError):
        return 0


def _take(taken, count: int):
    while True:
        with taken.get_lock():
            index = taken.value
            taken.value += 1
        if index >= count:
            return
        yield index


def _help(first: Task, tasks: Sequence[Task], taken, send) -> None:
    # Ctrl-C reaches the whole process group; the main process handles it (and kills
    # this one), so that the officer sees one message, not two.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        done: dict = {"first": first()}
        for index in _take(taken, len(tasks)):
            done[index] = tasks[index]()
        send.send(done)
    except BaseException:  # whatever it was, the main process does the rest itself
        os._exit(1)
