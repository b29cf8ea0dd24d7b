"""What loading a records folder produced: the record tables, and everything else it found.

The tables (`RecordSet`) are what the rules, the settlement and the publishers read. The rest is
here, apart from them, because only a few consumers need it: the rules that report what loading
found (SCHEMA, CLS-CORRECTION, SEALED, PII), line placement of findings, and the holds (which file
a finding is in). Nothing here depends on whether a cache was used: a warm load gives an equal
`LoadResult` (the cache tests compare them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.findings import Finding, Loc
from generator.records.record_set import RecordSet
from generator.records.sealed_files import SealedFile
from generator.records.texts import LazyTexts
from generator.records.yamlio import parse


@dataclass
class LoadResult:
    records: RecordSet
    # SCHEMA findings of every file (unreadable, unparsable, invalid, duplicate identity, stray)
    load_findings: list[Finding] = field(default_factory=list)
    # display path -> text, read on demand (texts.py)
    texts: LazyTexts = field(default_factory=LazyTexts)
    # display path -> (path relative to the records folder, content key); only with a cache
    file_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    # registered text scans' results, by scan name and display path
    scan_results: dict[str, dict[str, Any]] = field(default_factory=dict)
    # display paths of the files with an ERROR finding of their own (their records are not in the tables)
    files_with_errors: set[str] = field(default_factory=set)
    # raw trees of corrected classes, kept by the loader for `amend` (taken once)
    raw_trees: dict[str, Any] = field(default_factory=dict)
    # files under sealed/ (rosters encrypted to the bureau, awaiting import: sealed_files.py)
    sealed: list[SealedFile] = field(default_factory=list)
    # class id -> ids of the corrections applied to its model; problems as (path, loc, message)
    corrected: dict[str, list[str]] = field(default_factory=dict)
    correction_problems: list[tuple[str, Loc, str]] = field(default_factory=list)

    @property
    def root(self) -> Path:
        return self.records.root

    def raw_tree(self, path: str) -> Any:
        """A fresh parsed tree of the file at `path` (for corrections), or a ParseProblem."""
        kept = self.raw_trees.pop(path, None)
        return kept if kept is not None else parse(self.texts.get(path, ""))

    def relative(self, path: str) -> str | None:
        """A display path as a path relative to the records folder (None: outside it)."""
        if path in self.file_keys:
            return self.file_keys[path][0]
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return None

    def scanned(self, name: str, scan: Callable[[str, str], Any]) -> dict[str, Any]:
        """The result of the text scan `name` for every file with a text: from loading when the
        scan was registered then, else computed now."""
        results = self.scan_results.setdefault(name, {})
        for path in self.texts:
            if path not in results:
                results[path] = scan(self.relative(path) or path, self.texts[path])
        return results
