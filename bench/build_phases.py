"""Where `peixun build` holds its memory: the process tree's PSS over time, split by phase.

`python bench/build_phases.py RECORDS --as-of DATE --out SITE [--config mkdocs.yml]` runs the
build as `peixun build` runs it (a fresh process, MkDocs with the hook in it, exiting with
`os._exit`), under /usr/bin/time like `bench/measure.py`, and samples the PSS of the whole process
tree every 0.25 s (`measure.tree_pss_kib`). The child marks each phase boundary (the monotonic
clock, which every process of the machine shares) by wrapping the functions the hook calls, so
nothing in the engine knows it is measured. Prints the peak per phase, the tree's peak and the
main process's max RSS (the larger of the two is what `bench/run.py` reports as the build's peak).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.measure import TIME, _children, _pss_kib

REPO = Path(__file__).resolve().parent.parent

# in the child: wrap what the hook calls, marking each boundary in the file named by PEIXUN_PHASES
CHILD = r"""
import functools, os, sys, time
marks = open(os.environ["PEIXUN_PHASES"], "a", buffering=1)
def mark(label):
    marks.write(f"{time.monotonic()} {label}\n")
def wrap(module, name, label):
    inner = getattr(module, name)
    @functools.wraps(inner)
    def outer(*args, **kwargs):
        mark(label)
        return inner(*args, **kwargs)
    setattr(module, name, outer)
mark("start")
from generator.site import assemble, search
import mkdocs.commands.build as mkdocs_build
wrap(assemble, "load_site", "records and settlement")
wrap(assemble, "build_views", "views and pages")
wrap(mkdocs_build, "get_navigation", "MkDocs renders (writers forked)")
wrap(assemble, "finish", "writers joined, guard, Pagefind")
inner_written = search.SearchIndex.written
def written(self):
    mark("Pagefind waited for, index guarded")
    return inner_written(self)
search.SearchIndex.written = written
from generator.cli import main
code = main(sys.argv[1:])
mark("end")
os._exit(code)
"""


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def _private_kib(pid: int) -> int:
    """What `pid` alone holds (its unique set: private clean and dirty pages)."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fd:
            for line in fd:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1])
    except OSError:
        pass
    return total


def tree_by_process(pid: int) -> dict[str, int]:
    """The PSS (KiB) of `pid` and its descendants, summed by process name and depth ("1 python",
    "2 pagefind", ...), and each one's private part ("1 python private")."""
    todo, found = [(pid, 0)], {}
    while todo:
        current, depth = todo.pop()
        key = f"{depth} {_name(current)}"
        found[key] = found.get(key, 0) + _pss_kib(current)
        found[f"{key} private"] = found.get(f"{key} private", 0) + _private_kib(current)
        todo.extend((child, depth + 1) for child in _children(current))
    return found


def _pss(procs: dict[str, int]) -> int:
    return sum(kib for key, kib in procs.items() if not key.endswith(" private"))


class _Series(threading.Thread):
    """Every sample of the tree's PSS by process, with its monotonic time."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.samples: list[tuple[float, dict[str, int]]] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.samples.append((time.monotonic(), tree_by_process(self.pid)))

    def stop(self) -> list[tuple[float, dict[str, int]]]:
        self._stop_event.set()
        self.join()
        return self.samples


def profile(argv: list[str], interval: float = 0.25, series_file: Path | None = None) -> dict[str, object]:
    """Run `peixun ARGV` with phase marks; the peak tree PSS per phase (MiB), the tree's peak,
    the main process's max RSS and the CPU seconds (user + system, children included)."""
    with tempfile.TemporaryDirectory() as scratch:
        marks_file, peak_file = Path(scratch) / "marks", Path(scratch) / "peak"
        command = [sys.executable, "-c", CHILD, *argv]
        wrapped = [TIME, "-f", "%M", "-o", str(peak_file), *command] if TIME else command
        env = {**os.environ, "PEIXUN_PHASES": str(marks_file)}
        started = time.monotonic()
        with (Path(scratch) / "stderr").open("w+b") as err:  # a file, not a pipe: nothing blocks the build
            proc = subprocess.Popen(wrapped, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=err)
            series = _Series(proc.pid, interval)
            series.start()
            _pid, status, usage = os.wait4(proc.pid, 0)
            samples = series.stop()
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                raise SystemExit(f"build failed ({proc.returncode}):\n{err.read().decode('utf-8', 'replace')[-2000:]}")
        marks = [(float(t), label) for t, label in
                 (line.split(" ", 1) for line in marks_file.read_text().splitlines())]
        rss_kib = float(peak_file.read_text().split()[-1]) if TIME else float(usage.ru_maxrss)
    if series_file is not None:  # every sample, for a closer look: time from the start, MiB by process
        lines = [json.dumps([round(t - marks[0][0], 2), {k: round(v / 1024) for k, v in procs.items()}])
                 for t, procs in samples]
        series_file.write_text("\n".join([*lines, json.dumps(marks)]) + "\n")
    bounds = [*marks, (float("inf"), "")]
    phases: dict[str, dict[str, float]] = {}
    for (begin, label), (end, _next) in itertools.pairwise(bounds):
        inside = [procs for t, procs in samples if begin <= t < end]
        top = max(inside, key=_pss, default={})
        phases[label.strip()] = {"seconds": round(min(end, time.monotonic()) - begin, 1),
                                 "peak_mib": round(_pss(top) / 1024),
                                 "at_peak": {k: round(v / 1024) for k, v in sorted(top.items()) if v >= 1024}}
    tree = max((_pss(procs) for _t, procs in samples), default=0) / 1024
    return {"phases": phases, "tree_peak_mib": round(tree), "main_max_rss_mib": round(rss_kib / 1024),
            "peak_mib": round(max(tree, rss_kib / 1024)), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "wall_seconds": round(time.monotonic() - started, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--as-of", required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    parser.add_argument("--interval", type=float, default=0.25)
    parser.add_argument("--series", type=Path, default=None, help="write every sample to this file")
    args = parser.parse_args()
    argv = ["build", "--records", str(args.records), "--as-of", args.as_of, "--out", str(args.out),
            "--config", str(args.config)]
    print(json.dumps(profile(argv, args.interval, args.series), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
