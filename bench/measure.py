"""Running one command in a fresh process and measuring its wall time, CPU time and peak memory.

Every figure comes from its own process, so none inherits another's caches. Peak memory is the
larger of the command's own maximum resident set and the peak of its whole process tree's
proportional set size, sampled while it runs: a command that forks workers (parsing, the site's
output writers) shares pages with them, and PSS counts each shared page once across the tree
(see `run_once`).

CPU time is user plus system time of the command and every process it waited for (its forked
workers, Pagefind, MkDocs run in-process): the work a command does, which a machine shared with
other jobs stretches much less than wall time. On a loaded machine it is the evidence; wall time
is what a user waits on an idle one.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
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
    cpu_seconds: float = 0.0  # user + system, waited-for children included


@dataclass(frozen=True)
class Figure:
    """The median of several samples of one command (peak memory: the largest)."""

    seconds: float
    peak_mib: float
    runs: int
    cpu_seconds: float = 0.0

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> Figure:
        return cls(statistics.median(s.seconds for s in samples), max(s.peak_mib for s in samples), len(samples),
                   statistics.median(s.cpu_seconds for s in samples))


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fd:
                found.extend(int(child) for child in fd.read().split())
    except OSError:
        pass  # gone meanwhile, or no /proc
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fd:
            for line in fd:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_kib(pid: int) -> int:
    """The proportional set size of `pid` and all its descendants (0 without /proc)."""
    todo, total = [pid], 0
    while todo:
        current = todo.pop()
        total += _pss_kib(current)
        todo.extend(_children(current))
    return total


class _TreeSampler(threading.Thread):
    """Samples the process tree's PSS every `interval` seconds until stopped; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.peak_kib = max(self.peak_kib, tree_pss_kib(self.pid))

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak_kib


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run `argv` to completion in a fresh process; its output is discarded, its errors kept for
    the message when it fails.

    Linux keeps a process's peak RSS across exec, so a child started from this (larger) process
    would report this process's size as its own peak: the command runs under /usr/bin/time, a tiny
    process whose child reports only itself. Without it, wait4's figure is an upper bound.
    CPU time is wait4's: the process reaped here and every descendant reaped below it (a child
    that is never waited for, such as a daemon, is not counted; none of the measured commands
    leaves one)."""
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        err_file = Path(scratch) / "stderr"
        wrapped = [TIME, "-f", "%M", "-o", str(peak_file), *argv] if TIME else list(argv)
        with err_file.open("wb") as err:
            started = time.perf_counter()
            proc = subprocess.Popen(wrapped, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err,
                                    env={**os.environ, **(env or {})})
            sampler = _TreeSampler(proc.pid)
            sampler.start()
            _pid, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - started
            tree_kib = sampler.stop()
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code  # reaped by wait4: tell Popen, or it warns that the child still runs
        if code != 0:
            tail = err_file.read_bytes().decode("utf-8", errors="replace")[-2000:]
            raise CommandFailed(f"{' '.join(argv)} exited with {code}:\n{tail}")
        peak_kib = float(peak_file.read_text().split()[-1]) if TIME else float(usage.ru_maxrss)
    return Sample(elapsed, max(peak_kib, tree_kib) / 1024, usage.ru_utime + usage.ru_stime)


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
