"""The rule run over loaded records: every rule, each finding placed on its line, one `Report`.

These are the parts `generator.pipeline.run`, the one way to judge records, is made of: the
date a run judges by (`resolve_as_of`), the rules over a `LoadResult` (`validate_records`), line
placement (`place_lines`, with the cache's per-file memo), and the refusal of commands that need
clean records (`require_clean`). Nothing here opens the cache or decides between a stored, an
incremental and a full judgement: `run` does.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import RecordsInvalidError
from generator.findings import Finding, Loc, Severity, sort_findings
from generator.gitrepo import head_info
from generator.records.cachelayer import Memo
from generator.records.loaded import LoadResult
from generator.records.loader import Progress
from generator.records.yamlio import line_index, line_of
from generator.rules import REGISTRY, Context
from generator.settlement.report import AsOfSource


@dataclass(frozen=True)
class Report:
    """What validation found: the day it judged by, how many files it read, and every finding."""

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


def run_rules(loaded: LoadResult, as_of: dt.date, progress: Progress | None = None, ctx: Context | None = None
              ) -> list[Finding]:
    ctx = ctx or Context(loaded, as_of)
    findings: list[Finding] = []
    for done, registered in enumerate(REGISTRY.values(), start=1):
        findings.extend(registered.run(ctx))
        if progress is not None:
            progress("校验规则", done, len(REGISTRY))
    return findings


def place_lines(loaded: LoadResult, findings: list[Finding], memo: Memo | None = None) -> list[Finding]:
    """Resolve lines with one composing parse per file that has findings; with a memo (the cache's),
    the lines found are kept with the file's content, so an unchanged file is not parsed for them
    again."""
    by_path: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.line is None:
            by_path[f.path].append(i)
    placed = list(findings)
    for path, indexes in by_path.items():
        known = loaded.file_keys.get(path) if memo is not None else None
        lines: dict[Loc, int] = dict((memo.get("lines", known) if memo is not None else None) or {})
        missing = [i for i in indexes if placed[i].loc not in lines]
        if missing:
            text = loaded.texts.get(path)
            tree = line_index(text) if text is not None else None
            for i in missing:
                lines[placed[i].loc] = line_of(tree, placed[i].loc) if tree is not None else 1
            if memo is not None:
                memo.put("lines", known, lines)
        for i in indexes:
            placed[i] = replace(placed[i], line=lines[placed[i].loc])
    return placed


def validate_records(loaded: LoadResult, as_of: dt.date, progress: Progress | None = None,
                     ctx: Context | None = None, memo: Memo | None = None) -> Report:
    """Every rule over a loaded record set; pass `ctx` to keep what the rules computed (the
    settlement) for later use."""
    findings = place_lines(loaded, run_rules(loaded, as_of, progress, ctx), memo)
    return Report(as_of=as_of, files=len(loaded.texts), findings=sort_findings(findings))


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


class RecordsBlocked(RecordsInvalidError):
    """Settlement and the site refuse records with validation errors; the report says which."""

    def __init__(self, validation: Report, action: str) -> None:
        super().__init__(f"记录有 {validation.errors} 个错误，不能{action}。请先修正（peixun validate）")
        self.validation = validation


def require_clean(validation: Report, action: str) -> None:
    if not validation.ok:
        raise RecordsBlocked(validation, action)
