"""The rule registry: each rule is one function with its ID, severity and notice clause.

Adding a rule is adding one decorated function (in the module of the record kind it judges) and
its tests; the CLI, the site's rules table and the tests all read this registry.

Each rule also declares its dependency scope: which records its findings can change with. It is
documentation, and it is what `generator.incremental` trusts to re-run only the rules a change can
reach (after an edit to class, employment or payments files). A class's *unit* is its class file
and the employment and payments files of the same class id. The scopes, narrowest first:

- ``tables``: no class, employment or payments content (only which class ids exist and where).
- ``class``: a finding on a unit depends on that unit, the other kinds of records and reference
  data (policy, catalog, roles, prior subsidies, the date); findings on files outside the class
  units depend on no class content.
- ``project``: a finding on a unit depends on every class of the same project as well (CLS-QUOTA).
- ``person``: a finding on a unit depends on every class that shares a trainee, a certificate or a
  payment voucher with it, through the per-person subsidy ledger, the seats, the certificates and
  the vouchers (and on those classes' projects and applications).
- ``institution``: findings on an institution depend on the end dates and projects of its classes.
- ``call``: findings on a call's projects depend on the settlement of its terminated projects' classes.
- ``correction``: findings on a correction depend on the class it corrects.
- ``global``: anything; a rule that declares it (or declares nothing) makes every run a full run.

When unsure, declare the wider scope: a scope too narrow would let a stale finding survive.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from generator.findings import Finding, Loc, Severity
from generator.notice import unknown_parts
from generator.records.loaded import LoadResult
from generator.records.record_set import Record
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
Scope = Literal["tables", "class", "project", "person", "institution", "call", "correction", "global"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    clause: str | None
    title: str  # the rule in one Chinese sentence, for the site's rules table
    check: Check
    scope: Scope = "global"  # see the module docstring

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


def rule(rule_id: str, severity: Severity, clause: str | None, title: str, *, scope: Scope = "global"
         ) -> Callable[[Check], Check]:
    def register(func: Check) -> Check:
        if rule_id in REGISTRY:
            raise RuntimeError(f"rule {rule_id} registered twice")
        if clause and unknown_parts(clause):
            raise RuntimeError(f"rule {rule_id} cites {unknown_parts(clause)}, which the notice does not have")
        REGISTRY[rule_id] = Rule(rule_id, severity, clause, title, func, scope)
        return func

    return register


ERROR = Severity.ERROR
WARNING = Severity.WARNING
