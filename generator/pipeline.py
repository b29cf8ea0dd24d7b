"""One trip down the pipeline: resolve the date, load, validate, settle, hold what errors touch.

`settle`, the site and any other consumer start from the same `Run`, so the bureau's settlement,
the pages and the downloads are computed once, the same way, and can never disagree. The
settlement is computed inside validation (the rules PAY-OVER, SUB-CAP and SUB-REPEAT judge the
records against it) and handed on from there, never computed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.holds import Hold, find_holds, held_classes, without_classes
from generator.ledgerorder import attached_after_termination
from generator.records.cachelayer import CacheLayer
from generator.records.format import require_format
from generator.records.loaded import LoadResult
from generator.records.loader import Progress
from generator.records.record_set import RecordSet
from generator.rules import Context
from generator.settlement.arithmetic import Settlement
from generator.settlement.report import AsOfSource
from generator.validate import Report, judged, resolve_as_of

__all__ = ["Run", "resolve_as_of", "run", "without_held"]


def without_held(settlement: Settlement, held: set[str]) -> Settlement:
    """The settlement of the classes that are not held (the ledger too: held classes are not paid)."""
    if not held:
        return settlement
    return Settlement(
        as_of=settlement.as_of,
        classes=[c for c in settlement.classes if c.class_id not in held],
        ledger=[e for e in settlement.ledger if e.class_id not in held],
    )


@dataclass(frozen=True)
class Run:
    """What one pass over the records produced; the commands and the site consume it."""

    records_dir: Path
    as_of: dt.date
    as_of_source: AsOfSource
    commit: str | None
    loaded: LoadResult  # the tables (held classes included: the bureau sees everything) and what loading found
    validation: Report
    full_settlement: Settlement  # every class, held ones included
    held: tuple[Hold, ...]
    cache: CacheLayer  # the layer the run went through (the site's history keeps its diffs there too)

    @property
    def all_records(self) -> RecordSet:
        """Every record, held classes included."""
        return self.loaded.records

    @cached_property
    def held_ids(self) -> set[str]:
        return held_classes(list(self.held))

    @cached_property
    def settlement(self) -> Settlement:
        """The settlement of every class that no error holds."""
        return without_held(self.full_settlement, self.held_ids)

    @cached_property
    def records(self) -> RecordSet:
        """The records without the held classes and what depends on them: what may be published."""
        return without_classes(self.all_records, self.held_ids)


def run(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
        progress: Progress | None = None) -> Run:
    """Resolve the date, load and validate the records (reusing `peixun validate`'s stored
    findings when the same files were judged on the same date), and find what errors hold."""
    day, source, sha = resolve_as_of(records_dir, as_of)
    if records_dir.is_dir():
        require_format(records_dir)
    cache = CacheLayer.open(records_dir, use_cache)
    loaded = cache.load(progress=progress)
    ctx = Context(loaded, day)
    validation = judged(cache, day, lambda: loaded, progress, ctx)
    full = ctx.settlement  # computed by the rules that judge payments, or now when the judgement was stored
    held = find_holds(loaded, validation.findings, full.ledger) if not validation.ok else []
    # what entered the ledger after its project's termination, by the ledger's own order (no date read)
    if late := attached_after_termination(records_dir, loaded.records):
        held = sorted({*held, *late})
    return Run(records_dir, day, source, sha, loaded, validation, full, tuple(held), cache)
