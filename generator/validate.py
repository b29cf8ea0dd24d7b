"""`validate`: load the records, run every rule, and place each finding on its line."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import RecordsInvalidError
from generator.findings import Finding, Loc, Severity, sort_findings
from generator.gitrepo import head_info
from generator.records.cache import RecordCache
from generator.records.loader import Progress
from generator.records.recordset import RecordSet, display_path, load_records
from generator.records.sealed import list_sealed, sealed_fingerprint
from generator.records.yamlio import line_index, line_of
from generator.rules import REGISTRY, Context
from generator.settlement.report import AsOfSource


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    files: int
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return self.errors == 0


def run_rules(rs: RecordSet, as_of: dt.date, progress: Progress | None = None, ctx: Context | None = None
              ) -> list[Finding]:
    ctx = ctx or Context(rs, as_of)
    findings: list[Finding] = []
    for done, registered in enumerate(REGISTRY.values(), start=1):
        findings.extend(registered.run(ctx))
        if progress is not None:
            progress("校验规则", done, len(REGISTRY))
    return findings


def place_lines(rs: RecordSet, findings: list[Finding]) -> list[Finding]:
    """Resolve lines with one composing parse per file that has findings; with a cache, the lines
    found are kept with the file's content, so an unchanged file is not parsed for them again."""
    by_path: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.line is None:
            by_path[f.path].append(i)
    placed = list(findings)
    for path, indexes in by_path.items():
        known = rs.file_keys.get(path) if rs.cache is not None else None
        lines: dict[Loc, int] = dict((rs.cache.memo_get("lines", *known) if rs.cache and known else None) or {})
        missing = [i for i in indexes if placed[i].loc not in lines]
        if missing:
            text = rs.texts.get(path)
            tree = line_index(text) if text is not None else None
            for i in missing:
                lines[placed[i].loc] = line_of(tree, placed[i].loc) if tree is not None else 1
            if rs.cache is not None and known is not None:
                rs.cache.memo_put("lines", *known, lines)
        for i in indexes:
            placed[i] = replace(placed[i], line=lines[placed[i].loc])
    if rs.cache is not None:
        rs.cache.save_memos()
    return placed


def validate_records(rs: RecordSet, as_of: dt.date, progress: Progress | None = None,
                     ctx: Context | None = None) -> Report:
    """Every rule over a loaded record set; pass `ctx` to keep what the rules computed (the
    settlement) for later use."""
    findings = place_lines(rs, run_rules(rs, as_of, progress, ctx))
    return Report(as_of=as_of, files=len(rs.texts), findings=sort_findings(findings))


def run_key(cache: RecordCache, records_dir: Path, as_of: dt.date) -> str:
    """What a whole validation run depends on: every file's content (and the code, through the
    cache's fingerprint), the names, sizes and first lines of sealed rosters, the date, and how
    paths are displayed."""
    sealed = sealed_fingerprint(list_sealed(records_dir, display_path(records_dir)))
    return cache.run_key("validate", as_of.isoformat(), display_path(records_dir), sealed)


def _stored_run(records_dir: Path, day: dt.date, use_cache: bool, cache_dir: Path | None
                ) -> tuple[RecordCache | None, str | None, Report | None]:
    """The cache, this run's key in it, and the findings stored under that key (None: not judged)."""
    cache = open_cache(records_dir, use_cache, cache_dir)
    if cache is None:
        return None, None, None
    key = run_key(cache, records_dir, day)
    stored = cache.findings_get(key)
    return cache, key, Report(as_of=day, files=stored[0], findings=stored[1]) if stored is not None else None


def _store_run(cache: RecordCache | None, key: str | None, report: Report) -> None:
    if cache is not None and key is not None:
        cache.findings_put(key, report.files, report.findings)


def resolve_as_of(records_dir: Path, as_of: dt.date | None) -> tuple[dt.date, AsOfSource, str | None]:
    """The date every command judges by, where it came from, and the records' commit: `as_of` when
    given, else the date of the last commit of the Git repository holding the records (the same
    commit always gives the same result), else today when the records are not in a repository."""
    head = head_info(records_dir) if records_dir.exists() else None
    sha = head.sha if head else None
    if as_of is not None:
        return as_of, "argument", sha
    if head is not None:
        return head.committed_on, "commit", sha
    return dt.date.today(), "today", None


def reference_day(records_dir: Path, as_of: dt.date | None = None) -> dt.date:
    """The date of `resolve_as_of`, without asking Git when the date is given."""
    return as_of if as_of is not None else resolve_as_of(records_dir, None)[0]


def validate(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
             cache_dir: Path | None = None, progress: Progress | None = None) -> Report:
    """Validate the records under `records_dir`. With the cache, a run whose every input is
    unchanged returns the stored findings, and otherwise only changed files are parsed."""
    day = reference_day(records_dir, as_of)
    cache, key, stored = _stored_run(records_dir, day, use_cache, cache_dir)
    if stored is not None:
        return stored
    report = validate_records(load_records(records_dir, cache=cache or False, progress=progress), day, progress)
    _store_run(cache, key, report)
    return report


def load_checked(records_dir: Path, day: dt.date, *, use_cache: bool = True, cache_dir: Path | None = None,
                 progress: Progress | None = None) -> tuple[RecordSet, Context, Report]:
    """The record set, the rules' context and the validation, for commands that build on valid
    records (settle, the site). The validation comes from the cache's whole-run findings when
    `peixun validate` already judged the same files on the same date; otherwise the rules run
    (and are stored), and `ctx.settlement` keeps what PAY-OVER and SUB-* computed, so that the
    settlement is never computed twice."""
    cache, key, validation = _stored_run(records_dir, day, use_cache, cache_dir)
    rs = load_records(records_dir, cache=cache or False, progress=progress)
    ctx = Context(rs, day)
    if validation is None:
        validation = validate_records(rs, day, progress, ctx)
        _store_run(cache, key, validation)
    return rs, ctx, validation


def open_cache(records_dir: Path, use_cache: bool, cache_dir: Path | None = None) -> RecordCache | None:
    """The cache for `records_dir`, or None without one (or without a folder: loading says why)."""
    if not use_cache or not records_dir.is_dir():
        return None
    return RecordCache(records_dir, cache_dir)


class RecordsBlocked(RecordsInvalidError):
    """Settlement and the site refuse records with validation errors; the report says which."""

    def __init__(self, validation: Report, action: str) -> None:
        super().__init__(f"记录有 {validation.errors} 个错误，不能{action}。请先修正（peixun validate）")
        self.validation = validation


def require_clean(validation: Report, action: str) -> None:
    if not validation.ok:
        raise RecordsBlocked(validation, action)
