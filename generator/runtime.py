"""Process-wide policy, set only at the entry points (the CLI's `main` and the MkDocs hook).

Library functions never touch the garbage collector or read the environment for tuning: a caller
embedding peixun (a test, a notebook, a server) keeps control of its own process. The entry points
apply the policy below around the whole command.

The collector: at city scale a command holds millions of live objects (models, settlement
results) that form no garbage cycles, and every cyclic collection rescans them all; measured, that
doubled validation and tripled the settlement (bench/RESULTS.md). A command is short-lived, so the
CLI pauses collection for its whole run. The site commands (`build`, `serve`) are the exception:
MkDocs makes real garbage while it renders thousands of pages, and `serve` rebuilds again and again,
so their policy is the MkDocs hook's (collection paused while records load, the records frozen out
of the collector while MkDocs renders).

Tuning: the few thresholds that trade work for parallelism or memory, in one frozen object, each
overridable by an environment variable `PEIXUN_TUNE_<NAME>` (read once, at the entry point).
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

from generator.errors import PeixunError

SITE_COMMANDS = frozenset({"build", "serve"})  # the MkDocs hook sets their policy


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection inside the block; the collector's state is restored after it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def command_policy(command: str | None) -> Iterator[None]:
    """The policy for one CLI command: collection paused, except where the MkDocs hook decides."""
    if command in SITE_COMMANDS:
        yield
        return
    with paused_gc():
        yield


@dataclass(frozen=True)
class Tuning:
    """Thresholds measured on a 2-core machine (bench/RESULTS.md); change them with a benchmark."""

    parse_parallel_from_files: int = 400  # files to parse before a process pool pays for its start
    parse_chunk_files: int = 48  # files a parse worker takes at a time
    max_workers: int = 8  # worker processes at most, whatever the core count
    guard_parallel_from_bytes: int = 32 * 2**20  # output size from which the PII guard scans on every core
    guard_chunk_bytes: int = 4 * 2**20  # bytes of output per PII-guard task
    site_background_from_classes: int = 500  # classes from which outputs are written beside MkDocs
    history_limit: int = 200_000  # changes of the site's history read from Git
    cache_runs_kept: int = 8  # whole-run findings kept in the load cache
    incremental_max_changed: int = 64  # changed files above which validate judges everything again

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Tuning:
        environ = os.environ if environ is None else environ
        changes: dict[str, int] = {}
        for f in fields(cls):
            name = f"PEIXUN_TUNE_{f.name.upper()}"
            raw = environ.get(name)
            if raw is None:
                continue
            try:
                value = int(raw.replace("_", ""))
            except ValueError:
                value = -1
            if value < 0:
                raise PeixunError(f"环境变量 {name} 应为非负整数，收到“{raw}”。请改正或删除该变量")
            changes[f.name] = value
        return replace(cls(), **changes)


_current = Tuning()


def tuning() -> Tuning:
    """The thresholds in force (read at call time, so an entry point or a test may change them)."""
    return _current


@contextmanager
def tuned(settings: Tuning) -> Iterator[Tuning]:
    """Run a block with other thresholds: the entry points with the environment's, tests with theirs."""
    global _current
    previous, _current = _current, settings
    try:
        yield settings
    finally:
        _current = previous
