"""Work on the other cores: forked processes that start with everything already loaded.

Record parsing, the PII guard and the site's output writers each use a pool of forked processes
when the work is large enough to pay for one. Forking (rather than spawning) is what makes this
cheap: a child starts at once with the code, the records and the settlement in memory, shared
copy-on-write, and nothing is pickled on the way in. Only results travel back.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, TypeVar

from generator.runtime import tuning

T = TypeVar("T")

_jobs: dict[int, Callable[[], Any]] = {}


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def cores() -> int:
    """Worker processes worth starting: one per core (at most the tuning's `max_workers`), 0 on one core or
    where processes cannot be forked (work then stays in this process)."""
    count = min(os.cpu_count() or 1, tuning().max_workers)
    return count if count > 1 and can_fork() else 0


def pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))


def _run(key: int) -> Any:
    return _jobs[key]()


class Forked(Generic[T]):
    """`job()` running in one forked process while this one goes on; `result()` waits for it.

    The job is a closure and is never pickled: it is registered before the fork, so the child
    finds it in its copy of memory. Its result (or exception) comes back pickled."""

    def __init__(self, job: Callable[[], T]) -> None:
        self._key = id(job)
        _jobs[self._key] = job
        self._pool = pool(1)
        try:
            self._future: Future[T] = self._pool.submit(_run, self._key)  # forks here
        finally:
            del _jobs[self._key]

    def result(self) -> T:
        try:
            return self._future.result()
        finally:
            self._pool.shutdown()

    def done(self) -> bool:
        """Whether the job has ended (`result` then returns at once)."""
        return self._future.done()

    def cancel(self) -> None:
        """Drop the result when the build failed anyway: a job not yet started is cancelled, a
        running one is waited for (a forked child is not killed halfway through writing files)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
