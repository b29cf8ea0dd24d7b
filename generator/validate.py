"""`validate`: load the records, run every rule, and place each finding on its line."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from generator.findings import Finding, Severity, sort_findings
from generator.records.recordset import RecordSet, load_records
from generator.records.yamlio import line_index, line_of
from generator.rules import REGISTRY, Context


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


def run_rules(rs: RecordSet, as_of: dt.date) -> list[Finding]:
    ctx = Context(rs, as_of)
    findings: list[Finding] = []
    for registered in REGISTRY.values():
        findings.extend(registered.run(ctx))
    return findings


def place_lines(rs: RecordSet, findings: list[Finding]) -> list[Finding]:
    """Resolve lines with one round-trip parse per file that has findings (the slow parse)."""
    by_path: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if f.line is None:
            by_path[f.path].append(i)
    placed = list(findings)
    for path, indexes in by_path.items():
        text = rs.texts.get(path)
        tree = line_index(text) if text is not None else None
        for i in indexes:
            placed[i] = replace(placed[i], line=line_of(tree, placed[i].loc) if tree is not None else 1)
    return placed


def validate_records(rs: RecordSet, as_of: dt.date) -> Report:
    findings = place_lines(rs, run_rules(rs, as_of))
    return Report(as_of=as_of, files=len(rs.texts), findings=sort_findings(findings))


def validate(records_dir: Path, as_of: dt.date | None = None) -> Report:
    return validate_records(load_records(records_dir), as_of or dt.date.today())
