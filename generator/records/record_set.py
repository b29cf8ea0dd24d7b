"""The record tables and their look-ups: what every rule, the settlement and the publishers read.

Only records live here. What loading produced besides them (display paths, texts, content keys,
SCHEMA findings, text scans, sealed files, correction problems) is in `loaded.LoadResult`, and
the cache is a layer around loading (`cachelayer`): a `RecordSet` is the same object however it
was loaded. Each kind names its table and its shape (`kinds.Shape`), so storing a record, listing
every record and finding a kind's table are one generic piece of code each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.records.call import Call
from generator.records.correction import Correction
from generator.records.institution import Application, Institution
from generator.records.kinds import KINDS, RecordKind, Shape
from generator.records.project import Project
from generator.records.reference import Catalog, Policy, PriorSubsidies, Roles
from generator.records.training import Employment, Payments, TrainingClass

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Record(Generic[M]):
    kind: RecordKind
    path: str
    model: M

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem


@dataclass
class RecordSet:
    root: Path
    # one attribute per kind, named by `RecordKind.table`
    policies: list[Record[Policy]] = field(default_factory=list)
    catalogs: list[Record[Catalog]] = field(default_factory=list)
    roles: Record[Roles] | None = None
    prior_subsidies: Record[PriorSubsidies] | None = None
    calls: dict[str, Record[Call]] = field(default_factory=dict)
    institutions: dict[str, Record[Institution]] = field(default_factory=dict)
    applications: dict[str, Record[Application]] = field(default_factory=dict)
    projects: dict[str, Record[Project]] = field(default_factory=dict)
    classes: dict[str, Record[TrainingClass]] = field(default_factory=dict)
    employment: dict[str, Record[Employment]] = field(default_factory=dict)
    payments: dict[str, Record[Payments]] = field(default_factory=dict)
    corrections: dict[str, Record[Correction]] = field(default_factory=dict)
    # Identities (file stems) by kind name of files that exist but could not be loaded. A look-up,
    # not a load report: a reference to such a record is not "missing" (its file has its SCHEMA
    # error), and intake must not hand out its identity again.
    broken: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # derived indexes, built once by `index()`
    classes_by_project: dict[str, list[Record[TrainingClass]]] = field(default_factory=dict)
    projects_by_application: dict[str, list[Record[Project]]] = field(default_factory=dict)
    _in_force_memo: dict[tuple[str, dt.date], Any] = field(default_factory=dict, repr=False)

    def index(self) -> None:
        self._in_force_memo.clear()
        by_project: dict[str, list[Record[TrainingClass]]] = defaultdict(list)
        for rec in sorted(self.classes.values(), key=lambda r: (r.model.start_on, r.model.id)):
            by_project[rec.model.project].append(rec)
        self.classes_by_project = dict(by_project)
        by_app: dict[str, list[Record[Project]]] = defaultdict(list)
        for prj in self.projects.values():
            by_app[prj.model.application].append(prj)
        self.projects_by_application = dict(by_app)

    # -- storing, by the kind's table and shape --------------------------------------------------
    def add(self, rec: Record[Any]) -> Record[Any] | None:
        """Put a loaded record in its kind's table. Returns the record already there when another
        file has the same identity (the new one is not stored: the caller reports it)."""
        kind = rec.kind
        if kind.shape is Shape.DATED:
            getattr(self, kind.table).append(rec)
        elif kind.shape is Shape.SINGLE:
            setattr(self, kind.table, rec)
        else:
            table: dict[str, Record[Any]] = getattr(self, kind.table)
            if rec.stem in table:
                return table[rec.stem]
            table[rec.stem] = rec
        return None

    def of_kind(self, kind: RecordKind) -> Iterator[Record[Any]]:
        """Every record of `kind`, in its table's order."""
        held = getattr(self, kind.table)
        if kind.shape is Shape.DATED:
            yield from held
        elif kind.shape is Shape.SINGLE:
            if held is not None:
                yield held
        else:
            yield from held.values()

    def all_records(self) -> Iterator[Record[Any]]:
        for kind in KINDS:
            yield from self.of_kind(kind)

    # -- lookups that every rule family needs -------------------------------------------------
    def policy_on(self, day: dt.date) -> Policy | None:
        """The policy in force on `day`; the latest to take effect wins if several overlap.
        Remembered per day: rules ask once per record, and records share few dates."""
        key = ("policy", day)
        if key not in self._in_force_memo:
            self._in_force_memo[key] = _in_force([r.model for r in self.policies], day)
        found: Policy | None = self._in_force_memo[key]
        return found

    def catalog_on(self, day: dt.date) -> Catalog | None:
        key = ("catalog", day)
        if key not in self._in_force_memo:
            self._in_force_memo[key] = _in_force([r.model for r in self.catalogs], day)
        found: Catalog | None = self._in_force_memo[key]
        return found

    def project_of(self, cls: TrainingClass) -> Project | None:
        rec = self.projects.get(cls.project)
        return rec.model if rec else None

    def application_of(self, prj: Project) -> Application | None:
        rec = self.applications.get(prj.application)
        return rec.model if rec else None

    def call_of(self, app: Application) -> Call | None:
        rec = self.calls.get(app.call) if app.call else None
        return rec.model if rec else None

    def policy_by_id(self, policy_id: str) -> Policy | None:
        return next((r.model for r in self.policies if r.model.id == policy_id), None)


def _in_force(items: list[Any], day: dt.date) -> Any:
    live = [
        p for p in items if p.effective_from <= day and (p.effective_until is None or day <= p.effective_until)
    ]
    return max(live, key=lambda p: (p.effective_from, p.id)) if live else None
