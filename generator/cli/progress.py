"""A progress bar for long commands, drawn on stderr by the CLI (the core only calls back).

Shown only to a person at a terminal: not when stderr is redirected, not in CI (the `CI`
variable), and not when the output is for machines (`--format json`), so logs and pipes stay clean.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from generator.records.loader import Progress

no_cache_option = click.option(
    "--no-cache", "no_cache", is_flag=True, help="不使用 .cache/peixun/ 中的读取缓存（全部重新读取）"
)


def wanted(machine_output: bool = False) -> bool:
    return not machine_output and not os.environ.get("CI") and sys.stderr.isatty()


@contextmanager
def progress_bar(machine_output: bool = False) -> Iterator[Progress | None]:
    """Yields a callback for the core (stage, done, total), or None when no bar is wanted."""
    if not wanted(machine_output):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as Bar

    bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
              console=Console(stderr=True), transient=True)
    tasks: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield update

