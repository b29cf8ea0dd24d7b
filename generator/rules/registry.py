"""The rule registry: each rule is one function with its ID, severity and notice clause.

Adding a rule is adding one decorated function (in the module of the record kind it judges) and
its tests; the CLI, the site's rules table and the tests all read this registry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from generator.findings import Finding, Loc, Severity
from generator.records.loaded import LoadResult
from generator.records.recordset import Record
from generator.settlement.arithmetic import Settlement, compute


@dataclass(frozen=True)
class Hit:
    """What a rule function yields: where, what; the registry adds rule ID, severity and clause."""

    record: Record[Any] | str
    loc: Loc
    message: str
    severity: Severity | None = None  # overrides the rule's default (e.g. CLS-ATTENDANCE)
    line: int | None = None  # when known without a parse (e.g. a YAML syntax error)

    @property
    def path(self) -> str:
        return self.record if isinstance(self.record, str) else self.record.path


class Context:
    """Everything a rule may look at, computed once per validation run: the record tables
    (`records`), what loading found besides them (`loaded`: SCHEMA findings, texts, sealed files,
    correction problems), and the date."""

    def __init__(self, loaded: LoadResult, as_of: dt.date) -> None:
        self.loaded = loaded
        self.records = loaded.records
        self.as_of = as_of

    @cached_property
    def settlement(self) -> Settlement:
        return compute(self.records, self.as_of)


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    clause: str | None
    title: str  # the rule in one Chinese sentence, for the site's rules table
    check: Check

    def run(self, ctx: Context) -> list[Finding]:
        suffix = f"（{self.clause}）" if self.clause else ""
        return [
            Finding(
                path=hit.path, line=hit.line, rule=self.id, severity=hit.severity or self.severity,
                message=hit.message + suffix, loc=hit.loc,
            )
            for hit in self.check(ctx)
        ]


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, clause: str | None, title: str) -> Callable[[Check], Check]:
    def register(func: Check) -> Check:
        if rule_id in REGISTRY:
            raise RuntimeError(f"rule {rule_id} registered twice")
        REGISTRY[rule_id] = Rule(rule_id, severity, clause, title, func)
        return func

    return register


ERROR = Severity.ERROR
WARNING = Severity.WARNING
