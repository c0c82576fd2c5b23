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
from typing import Callable, Sequence

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


def _work(paths: list[str]) -> list[FileResult]:
    try:
        return check_chunk(paths, _WORKER["rules"], _WORKER["config"], _WORKER["limits"])
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

    def here(indexes: Sequence[int], share: bool) -> None:
        for number, part in enumerate(chunks(len(indexes), 1)):
            if number:
                forget_texts()  # the last chunk's texts stay for settling (checker.engine.settle)
            chunk = [indexes[i] for i in part]
            for index, result in zip(chunk, check_chunk([paths[i] for i in chunk], rules, config, limits, share)):
                done(index, result)

    interrupted = False
    try:
        if jobs <= 1 or total <= 1:
            here(range(total), share=jobs > 1)  # a lone file: its rules are shared with a helper process
        else:
            try:
                broken = _run_pool([str(p) for p in paths], rules, config, limits, min(jobs, total), done)
            except CannotStart:  # the files are checked here, one after the other
                broken = []
                here([i for i in range(total) if i not in results], share=False)
            for index in broken:
                done(index, _run_isolated(paths[index], rules, config, limits))
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


def _run_pool(paths: list[str], rules, config, limits, jobs: int, done) -> list[int]:
    """Run in a pool; return the indexes whose worker died before answering."""
    broken: list[int] = []
    frames = any(rule.check in FRAME_CHECKS for rule in rules)
    if frames:
        # Every worker needs numpy (the fingerprints of passages), and this process loads it
        # anyway with pandas: loaded before the fork, it is loaded once instead of three times.
        import numpy  # noqa: F401
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(rules, config, limits))
    try:
        parts = chunks(len(paths), jobs)
        futures = dict(zip(submit_all(pool, _work, [[paths[i] for i in part] for part in parts]), parts))
        if frames:
            # The column rules run here once all results are in (checker.engine.settle):
            # load pandas and pandera while the workers read files, not after.
            import pandera.pandas  # noqa: F401
        for future in as_completed(futures):
            part = futures[future]
            try:
                for index, result in zip(part, future.result()):
                    done(index, result)
            except BrokenProcessPool:
                broken.extend(part)  # which file of the chunk did it is found by retrying each alone
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return sorted(broken)


def _run_isolated(path: Path, rules, config, limits) -> FileResult:
    died, results = alone(_work, [str(path)], initializer=_init_worker, initargs=(rules, config, limits))
    if died:
        from checker.engine import file_sha256

        reason = Unreadable("crashed", "the checking process stopped while reading this file")
        return FileResult(unreadable_report(Path(path), file_sha256(Path(path)), reason, rules, config))
    return results[0]


def alone(task: Callable, part: object, *args, initializer: Callable | None = None,
          initargs: tuple = ()) -> tuple[bool, object]:
    """(died, result) of task(part, *args) run in a fresh process of its own: whether that
    process died before answering (a crash in a native library, memory exhausted) or could
    not be started, and if not, what the task returned. Used to find which file of a chunk
    killed its worker without risking this process."""
    with ProcessPoolExecutor(max_workers=1, initializer=initializer, initargs=initargs) as pool:
        try:
            return False, submit_all(pool, task, [part], *args)[0].result()
        except (BrokenProcessPool, CannotStart):
            return True, None
