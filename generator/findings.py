"""Findings: what validation reports, as plain data the CLI renders and CI consumes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

Loc = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One broken rule at one place.

    `loc` is the path inside the record (e.g. `("trainees", 3, "attended_periods")`); the line is
    resolved from it lazily, because only files with findings need the slow line-aware parse.
    """

    path: str
    line: int | None
    rule: str
    severity: Severity
    message: str
    loc: Loc = field(default=(), compare=False)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("loc")
        data["severity"] = str(self.severity)
        return {k: data[k] for k in ("rule", "severity", "path", "line", "message")}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule, f.message))


def count_errors(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity is Severity.ERROR)
