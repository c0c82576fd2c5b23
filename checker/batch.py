"""Checking many files: worker processes, crash isolation, Ctrl-C, and batch rules.

Each worker process loads the rules once (pool initializer) and checks whole files; the
parent only gathers reports. A file that kills its worker (a crash in a native library,
memory exhaustion) is retried alone in a fresh process and, if it kills that one too, is
reported unreadable: one bad file never stops a batch.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Iterator, Sequence

from checker.checks import FRAME_CHECKS
from checker.engine import FileResult, unreadable_report, check_chunk
from checker.reader import Limits, Unreadable
from checker.ruleset import Config, Rule
from checker.thai import forget_texts

Progress = Callable[[int, int], None]

# Set in each worker by the pool initializer, so tasks carry only a path.
_WORKER: dict = {}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _init_worker(rules: tuple[Rule, ...], config: Config, limits: Limits | None) -> None:
    _WORKER.update(rules=rules, config=config, limits=limits)


def _work(files: list[tuple[int, str]]) -> list[FileResult]:
    """The results of (index, path) pairs: the index goes along to say which file it was."""
    try:
        return check_chunk([path for _, path in files], _WORKER["rules"], _WORKER["config"], _WORKER["limits"])
    finally:
        forget_texts()


# Files go to workers in chunks: fewer tasks to send and gather, and a chunk's files share
# the normalisation caches (offices and periods repeat from file to file). Chunks shrink
# towards the end of a batch (a chunk is at most a quarter of each worker's share of what
# is left), so that the workers finish together: a worker does not wait, its CPU idle,
# for the other's last chunk of sixteen.
MAX_CHUNK = 16
MIN_CHUNK = 2


def chunks(count: int, jobs: int) -> list[range]:
    if jobs <= 1:  # one process: chunks only bound the caches
        size = max(1, min(MAX_CHUNK, count // 4))
        return [range(start, min(start + size, count)) for start in range(0, count, size)]
    parts, start = [], 0
    while start < count:
        size = max(MIN_CHUNK, min(MAX_CHUNK, (count - start) // (jobs * 4)))
        parts.append(range(start, min(start + size, count)))
        start += size
    return parts


def run_files(paths: Sequence[Path], rules: tuple[Rule, ...], config: Config, limits: Limits | None,
              jobs: int, progress: Progress | None) -> tuple[list[FileResult], bool]:
    """Results in the order of `paths` (only the checked ones when interrupted)."""
    results: dict[int, FileResult] = {}
    total = len(paths)

    def done(index: int, result: FileResult) -> None:
        results[index] = result
        if progress:
            progress(len(results), total)

    def here(indexes: Sequence[int]) -> None:
        for number, part in enumerate(chunks(len(indexes), 1)):
            if number:
                forget_texts()  # the last chunk's texts stay for settling (checker.engine.settle)
            chunk = [indexes[i] for i in part]
            # A lone file may have a helper judge its texts: the other CPUs have nothing to do.
            checked = check_chunk([paths[i] for i in chunk], rules, config, limits, helper=jobs > 1 and total == 1)
            for index, result in zip(chunk, checked):
                done(index, result)

    interrupted = False
    try:
        if jobs <= 1 or total <= 1:
            here(range(total))
        else:
            files = [(index, str(path)) for index, path in enumerate(paths)]
            frames = any(rule.check in FRAME_CHECKS for rule in rules)
            if frames:
                # Every worker needs numpy (the fingerprints of passages), and this process
                # loads it anyway with pandas: loaded before the fork, it is loaded once
                # instead of three times.
                import numpy  # noqa: F401
            workers = min(jobs, total)
            try:
                for (index, path), result in in_workers(
                        _work, [files[part.start: part.stop] for part in chunks(total, workers)], jobs=workers,
                        initializer=_init_worker, initargs=(rules, config, limits),
                        meanwhile=_load_pandera if frames else None):
                    if result is DIED or result is NOT_STARTED:
                        result = _not_checked(Path(path), result, rules, config)
                    done(index, result)
            except CannotStart:  # the files are checked here, one after the other
                here(range(total))
    except KeyboardInterrupt:
        interrupted = True
    return [results[i] for i in sorted(results)], interrupted


class CannotStart(Exception):
    """No worker process could be started: a limit on processes, threads or memory."""


def submit_all(pool: ProcessPoolExecutor, task: Callable, parts: Sequence, *args) -> list:
    """A future for task(part, *args) of each part; `CannotStart` (the pool shut down) when
    the pool cannot start its processes, which it does at the first submission."""
    try:
        return [pool.submit(task, part, *args) for part in parts]
    except (OSError, RuntimeError) as exc:  # fork refused (EAGAIN, ENOMEM); "can't start new thread"
        pool.shutdown(wait=False, cancel_futures=True)
        raise CannotStart(str(exc)) from exc


def _load_pandera() -> None:
    # The column rules run in this process once all results are in (checker.engine.settle):
    # pandas and pandera load while the workers read files, not after.
    import pandera.pandas  # noqa: F401


def _not_checked(path: Path, outcome: object, rules: tuple[Rule, ...], config: Config) -> FileResult:
    from checker.engine import file_sha256

    if outcome is DIED:
        reason = Unreadable("crashed", "the checking process stopped while reading this file")
    else:
        reason = Unreadable("no_process", "no process could be started to check it again on its own")
    return FileResult(unreadable_report(path, file_sha256(path), reason, rules, config))


# What `in_workers` gives instead of a result: for an item that killed every process it
# was given to, and for one whose worker died with it, when no fresh process could be
# started to do it again alone (a limit on processes or memory: the item may be sound).
DIED = object()
NOT_STARTED = object()


def in_workers(task: Callable, parts: Sequence[Sequence], *args, jobs: int, initializer: Callable | None = None,
               initargs: tuple = (), meanwhile: Callable[[], None] | None = None) -> Iterator[tuple[object, object]]:
    """(item, result) for every item of `parts`, as the workers answer: task(part, *args),
    run by `jobs` worker processes, gives one result per item of its part. `meanwhile`
    runs in this process once the parts are handed out.

    A part whose worker died (a crash in a native library, memory exhausted) has its items
    done again one by one, each in a fresh process of its own, so that one bad item costs
    only itself and never this process: an item that kills that one too comes with `DIED`,
    one for which no such process can be started with `NOT_STARTED`. Raises `CannotStart`,
    before giving anything, when no worker can be started."""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=initializer, initargs=initargs)
    broken: list = []
    try:
        futures = dict(zip(submit_all(pool, task, parts, *args), parts))
        if meanwhile is not None:
            meanwhile()
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool:  # which item did it is found by doing each alone
                broken.extend(futures[future])
                continue
            yield from zip(futures[future], results)
    except BaseException:  # Ctrl-C, or the caller stopped asking: no more work
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    for item in broken:
        with ProcessPoolExecutor(max_workers=1, initializer=initializer, initargs=initargs) as alone:
            try:
                result = submit_all(alone, task, [[item]], *args)[0].result()[0]
            except BrokenProcessPool:
                result = DIED
            except CannotStart:
                result = NOT_STARTED
        yield item, result
