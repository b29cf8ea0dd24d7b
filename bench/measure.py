"""Running one command in a fresh process and measuring its wall time and peak memory.

Every figure comes from its own process, so none inherits another's caches; peak memory is the
child's own maximum resident set (see `run_once`).
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

TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


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
    the message when it fails.

    Linux keeps a process's peak RSS across exec, so a child started from this (larger) process
    would report this process's size as its own peak: the command runs under /usr/bin/time, a tiny
    process whose child reports only itself. Without it, wait4's figure is an upper bound."""
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        err_file = Path(scratch) / "stderr"
        wrapped = [TIME, "-f", "%M", "-o", str(peak_file), *argv] if TIME else list(argv)
        with err_file.open("wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                    env={**os.environ, **(env or {})})
            _pid, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped by wait4: tell Popen, or it warns that the child still runs
        if code != 0:
            tail = err_file.read_bytes().decode("utf-8", errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(argv)} exited with {code}:\n{tail}")
        peak_kib = float(peak_file.read_text().split()[-1]) if TIME else float(usage.ru_maxrss)
    return Sample(elapsed, peak_kib / 1024)


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
