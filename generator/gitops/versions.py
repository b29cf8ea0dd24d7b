"""The two sides of a changed file, and the finding that points into one of them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from generator.findings import Finding, Loc, Severity
from generator.gitops.snapshot import parse_blob, text_of
from generator.records.yamlio import line_index, line_of


@dataclass(frozen=True)
class Version:
    """One side of a changed file: its path and content in one commit (missing when absent)."""

    path: str | None
    raw: bytes | None = None
    kind: str | None = None

    @property
    def missing(self) -> bool:
        return self.path is None

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem if self.path else ""

    @cached_property
    def text(self) -> str | None:
        return text_of(self.raw)

    @cached_property
    def data(self) -> dict[str, Any] | None:
        return parse_blob(self.raw)

    def line(self, loc: Loc) -> int | None:
        """The line of `loc` in this version (None for a version that does not exist)."""
        if self.text is None:
            return None
        tree = line_index(self.text)
        return line_of(tree, loc) if tree is not None else 1


@dataclass(frozen=True)
class Change:
    status: str  # A, M, D, R (C and T are judged as A and M)
    old: Version
    new: Version

    @property
    def path(self) -> str:
        return self.new.path or self.old.path or ""


def finding(rule: str, version: Version, loc: Loc, message: str) -> Finding:
    return Finding(path=version.path or "", line=version.line(loc) if loc else None, rule=rule,
                   severity=Severity.ERROR, message=message, loc=loc)
