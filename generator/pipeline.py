"""`run()`: the one way to judge records, and the one `Run` every command consumes.

    run(records_dir, as_of, overrides=) ─▶ the date ─▶ stored judgement? ──yes──▶ Run (findings;
                                                          │ no                      records loaded
                                                          ▼                         when asked)
                                              incremental plan? ──yes──▶ Run (findings of the rules
                                                          │ no             a change can reach)
                                                          ▼
                                              full run: load, every rule, lines ─▶ Run (the
                                                                      settlement the rules computed)

`validate`, `settle`, the site, `budget`, `check-changes --validate` and every intake command
(with `overrides`: candidate files read in place of the folder's) consume a `Run`, so the
bureau's settlement, the pages and the downloads are computed the same way and can never
disagree. The cache is storage (`CacheLayer`: get and put of judgements and memos): only this
function decides what to ask it, and nothing it stores can call back into the rules.

What a `Run` holds beyond its findings is computed when first asked: a stored judgement answers
`peixun validate` without loading a record; `settle` and the site then load (through the cache's
per-file entries) and settle. After a full rule run, the settlement the rules computed (PAY-OVER,
SUB-CAP, SUB-REPEAT judge records against it) is the one handed on, never computed twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from generator.findings import Finding
from generator.gitrepo import head_info
from generator.holds import Hold, find_holds, held_classes, without_classes
from generator.incremental import remember, revalidate
from generator.ledgerorder import attached_after_termination
from generator.records.cachelayer import CacheLayer, Judgement
from generator.records.format import format_finding, require_format
from generator.records.loaded import LoadResult
from generator.records.loader import Progress
from generator.records.record_set import RecordSet
from generator.rules import Context
from generator.settlement.arithmetic import Settlement
from generator.settlement.report import AsOfSource
from generator.validate import Report, place_lines, resolve_as_of, validate_records

__all__ = ["Run", "run", "validate", "without_held"]


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
    """What one judgement of the records gives; the commands and the site consume it.

    `validation` is always there. The records (`loaded`, `all_records`, `records`), the settlement
    and the holds are computed on first use from the same records folder and date (a stored or
    incremental judgement loads nothing until then); records of another format than this engine
    reads are refused there (`FormatError`), while `validation` reports them in one finding."""

    records_dir: Path
    as_of: dt.date
    as_of_source: AsOfSource
    validation: Report
    cache: CacheLayer  # the layer the run went through (the site's history keeps its diffs there too)
    judged_over: Context | None = None  # the rules' context when they ran over every record now
    progress: Progress | None = None

    @cached_property
    def commit(self) -> str | None:
        """The records' commit (None outside a Git repository)."""
        head = head_info(self.records_dir) if self.records_dir.exists() else None
        return head.sha if head else None

    @cached_property
    def context(self) -> Context:
        """The records as loaded, with what the rules computed over them (the settlement)."""
        if self.judged_over is not None:
            return self.judged_over
        if self.records_dir.is_dir():
            require_format(self.records_dir)
        return Context(self.cache.load(progress=self.progress), self.as_of)

    @property
    def loaded(self) -> LoadResult:
        """The tables (held classes included: the bureau sees everything) and what loading found."""
        return self.context.loaded

    @property
    def all_records(self) -> RecordSet:
        """Every record, held classes included."""
        return self.loaded.records

    @property
    def full_settlement(self) -> Settlement:
        """Every class settled, held ones included."""
        return self.context.settlement

    @cached_property
    def held(self) -> tuple[Hold, ...]:
        """The classes an error holds (generator.holds), and what entered the ledger after its
        project's termination, by the ledger's own order (no date read)."""
        found = find_holds(self.loaded, self.validation.findings, self.full_settlement.ledger) \
            if not self.validation.ok else []
        if late := attached_after_termination(self.records_dir, self.all_records):
            found = sorted({*found, *late})
        return tuple(found)

    def holds_with(self, findings: list[Finding]) -> list[Hold]:
        """The holds had `findings` been among the validation's (the settle's roster seals)."""
        return find_holds(self.loaded, [*self.validation.findings, *findings], self.full_settlement.ledger)

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


def run(records_dir: Path, as_of: dt.date | None = None, *, overrides: dict[str, Path] | None = None,
        use_cache: bool = True, cache_dir: Path | None = None, progress: Progress | None = None) -> Run:
    """Judge the records under `records_dir` as of `as_of` (default: the records commit's date).

    The judgement stored for the same inputs when there is one (nothing is loaded); else, after a
    few changed class, employment or payments files, only the rules those can reach, over the
    records they need (generator.incremental); else every rule over every record (only changed
    files are parsed), stored for the next run. `overrides` maps a path relative to `records_dir`
    to a candidate file read in its place (intake's drafts): such a run is judged whole, here and
    now, and neither looked up nor stored."""
    day, source, _ = resolve_as_of(records_dir, as_of) if as_of is None else (as_of, "argument", None)
    cache = CacheLayer.open(records_dir, use_cache, cache_dir)

    def made(validation: Report, over: Context | None = None) -> Run:
        return Run(records_dir, day, source, validation, cache, over, progress)

    if overrides:  # a draft is judged as it would be read beside the folder's files, whatever their format
        drafted = Context(cache.load(progress=progress, overrides=overrides), day)
        return made(validate_records(drafted.loaded, day, progress, drafted), drafted)
    if records_dir.is_dir() and (other_format := format_finding(records_dir)) is not None:
        return made(Report(as_of=day, files=0, findings=[other_format]))  # one line, not a SCHEMA error per file
    key = cache.judgement_key(day)
    stored = cache.get_judgement(key)
    if stored is not None:
        return made(Report(as_of=day, files=stored.files, findings=stored.findings))
    memo = cache.memo()
    ctx: Context | None = None
    again = revalidate(cache, day, lambda loaded, found: place_lines(loaded, found, memo))
    if again is not None:
        judgement = Judgement(*again)
    else:
        ctx = Context(cache.load(progress=progress), day)
        report = validate_records(ctx.loaded, day, progress, ctx, memo)
        remember(cache, day, ctx.loaded, report.files, report.findings)
        judgement = Judgement(report.files, report.findings)
    cache.save_memos()
    cache.put_judgement(key, judgement)
    return made(Report(as_of=day, files=judgement.files, findings=judgement.findings), ctx)


def validate(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
             cache_dir: Path | None = None, progress: Progress | None = None) -> Report:
    """`peixun validate`: the findings of `run`, without loading more than judging needed."""
    return run(records_dir, as_of, use_cache=use_cache, cache_dir=cache_dir, progress=progress).validation
