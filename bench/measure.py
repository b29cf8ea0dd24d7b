"""Running one command in a fresh process and measuring its wall time and peak memory.

`os.wait4` gives the resource usage of exactly that child (ru_maxrss: its peak resident set, in
KiB on Linux), so every figure comes from its own process and none inherits another's caches.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


class CommandFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_mib: float


@dataclass(frozen=True)
class Figure:
    """The median of several samples of one command (peak memory: the largest)."""

    seconds: float
    peak_mib: float
    runs: int

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Figure:
        return cls(statistics.median(s.seconds for s in samples), max(s.peak_mib for s in samples), len(samples))


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `argv` to completion in a fresh process; its output is discarded, its errors kept for
    the message when it fails."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                env={**os.environ, **(env or {})})
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(argv)} exited with {proc.returncode}:\n{tail}")
    return Sample(elapsed, usage.ru_maxrss / 1024)


def measure(argv: Sequence[str], cwd: Path, repeat: int, before: Callable[[int], None] | None = None,
            env: dict[str, str] | None = None) -> Figure:
    """`repeat` runs of `argv`, each after `before(i)` (which sets the stage: clears a cache,
    changes a file); the median time and the largest peak."""
    samples = []
    for i in range(repeat):
        if before is not None:
            before(i)
        samples.append(run_once(argv, cwd, env))
    return Figure.of(samples)
