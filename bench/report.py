"""The benchmark's one table, the machine it ran on, and its section in RESULTS.md."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Figure

MEMORY_LIMIT_MIB = 2048.0
TARGET_SIZE = "city-decade"  # the size the targets are set for; smaller sizes show their ratios


@dataclass(frozen=True)
class Row:
    name: str
    figure: Figure | None
    floor_name: str | None
    floor: Figure | None
    target: float | None  # the largest allowed ratio to the floor

    loaded: bool = False  # the machine had other work: wall time is not evidence, CPU time decides

    @property
    def ratio(self) -> float | None:
        if self.figure is None or self.floor is None or self.floor.seconds <= 0:
            return None
        return self.figure.seconds / self.floor.seconds

    @property
    def cpu_ratio(self) -> float | None:
        """The same ratio in CPU time (user + system, children included). Work done in parallel
        counts in full, so on an idle machine it is at least the wall-time ratio for a command that
        uses a second core against a floor that does not: a conservative stand-in when the machine
        is shared."""
        if self.figure is None or self.floor is None or self.floor.cpu_seconds <= 0:
            return None
        return self.figure.cpu_seconds / self.floor.cpu_seconds

    @property
    def verdict(self) -> str:
        if self.figure is None:
            return "not run"
        memory_ok = self.figure.peak_mib <= MEMORY_LIMIT_MIB
        if self.target is None:
            return "" if self.floor_name is None else ("memory ok" if memory_ok else "memory over 2 GiB")
        ratio = self.cpu_ratio if self.loaded else self.ratio
        if ratio is None:
            return "no floor"
        met = "met" if ratio <= self.target and memory_ok else "NOT met"
        return f"{met} by CPU time (machine loaded)" if self.loaded else met


def load_average() -> float:
    """The 1-minute load average (0 where the system does not give one)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def is_loaded(*loads: float) -> bool:
    """Other work on the machine: a load average above its cores plus one at any of the given moments
    (a measured command alone keeps it near 1, or 2 to 3 while it runs on both cores)."""
    return any(load > (os.cpu_count() or 1) + 1.0 for load in loads)


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal"))
        memory = f"{mem_kib / 2**20:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %z"),
        "machine": f"{cpu}, {os.cpu_count()} cores, {memory} RAM, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load average at start": f"{load_average():.1f}",
    }


def _seconds(figure: Figure | None) -> str:
    return "–" if figure is None else f"{figure.seconds:.2f}"


def _cpu(figure: Figure | None) -> str:
    return "–" if figure is None else f"{figure.cpu_seconds:.2f}"


def _peak(figure: Figure | None) -> str:
    return "–" if figure is None else f"{figure.peak_mib:.0f}"


def render(size: str, rows: list[Row], facts: dict[str, str]) -> str:
    facts = dict(facts)
    web = facts.pop("web", "")  # rows of their own table (bench/web.py)
    lines = [f"### {size}", ""]
    lines += [f"- {key}: {value}" for key, value in facts.items()]
    lines += ["", "| command | median s | CPU s | peak MiB | compared with | ratio | CPU ratio | target | verdict |",
              "|---|---:|---:|---:|---|---:|---:|---:|---|"]
    binding = size.split()[0] == TARGET_SIZE
    for row in rows:
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}"
        cpu_ratio = "" if row.cpu_ratio is None else f"{row.cpu_ratio:.2f}"
        target = "" if row.target is None else f"≤ {row.target:g}"
        verdict = row.verdict if binding or row.target is None else f"({row.verdict} here; set for {TARGET_SIZE})"
        lines.append(f"| {row.name} | {_seconds(row.figure)} | {_cpu(row.figure)} | {_peak(row.figure)} "
                     f"| {row.floor_name or ''} | {ratio} | {cpu_ratio} | {target} | {verdict} |")
    if web:
        lines += ["", "What a phone downloads (bench/web.py: Chromium, Slow 4G, text gzip-compressed as static hosts"
                  " serve it):", "", "| measure | figure | target | verdict |", "|---|---:|---:|---|", web]
    return "\n".join(lines) + "\n"


def write_section(results: Path, size: str, text: str) -> None:
    """Replace (or append) the section between `<!-- bench:SIZE -->` markers."""
    begin, end = f"<!-- bench:{size} -->", f"<!-- /bench:{size} -->"
    block = f"{begin}\n{text}{end}"
    current = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    updated = pattern.sub(lambda _m: block, current) if pattern.search(current) else current.rstrip() + "\n\n" + block
    results.write_text(updated.rstrip() + "\n", encoding="utf-8")
