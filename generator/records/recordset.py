"""The whole record set, loaded once and indexed once, for rules that look across records."""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from generator.errors import RecordsDirError
from generator.findings import Finding, Loc, Severity
from generator.records.amend import apply_corrections
from generator.records.correction import Correction
from generator.records.institution import Application, Institution
from generator.records.kinds import KINDS, RecordKind, kind_for
from generator.records.project import Project
from generator.records.reference import Catalog, Policy, PriorSubsidies, Roles
from generator.records.schema_errors import explain
from generator.records.training import Employment, Payments, TrainingClass
from generator.records.yamlio import ParseProblem, decode, parse

M = TypeVar("M", bound=BaseModel)

SCHEMA_COMMENT = "# yaml-language-server: $schema="


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
    load_findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    policies: list[Record[Policy]] = field(default_factory=list)
    catalogs: list[Record[Catalog]] = field(default_factory=list)
    roles: Record[Roles] | None = None
    prior_subsidies: Record[PriorSubsidies] | None = None
    institutions: dict[str, Record[Institution]] = field(default_factory=dict)
    applications: dict[str, Record[Application]] = field(default_factory=dict)
    projects: dict[str, Record[Project]] = field(default_factory=dict)
    classes: dict[str, Record[TrainingClass]] = field(default_factory=dict)
    employment: dict[str, Record[Employment]] = field(default_factory=dict)
    payments: dict[str, Record[Payments]] = field(default_factory=dict)
    corrections: dict[str, Record[Correction]] = field(default_factory=dict)
    # class id -> ids of the corrections applied to its model; problems as (path, loc, message)
    corrected: dict[str, list[str]] = field(default_factory=dict)
    correction_problems: list[tuple[str, Loc, str]] = field(default_factory=list)
    # derived indexes, built once by `index()`
    classes_by_project: dict[str, list[Record[TrainingClass]]] = field(default_factory=dict)
    projects_by_application: dict[str, list[Record[Project]]] = field(default_factory=dict)
    files_with_errors: set[str] = field(default_factory=set)
    # identities of files that exist but could not be loaded: references to them are not "missing"
    broken: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def index(self) -> None:
        by_project: dict[str, list[Record[TrainingClass]]] = defaultdict(list)
        for rec in sorted(self.classes.values(), key=lambda r: (r.model.start_on, r.model.id)):
            by_project[rec.model.project].append(rec)
        self.classes_by_project = dict(by_project)
        by_app: dict[str, list[Record[Project]]] = defaultdict(list)
        for prj in self.projects.values():
            by_app[prj.model.application].append(prj)
        self.projects_by_application = dict(by_app)

    # -- lookups that every rule family needs -------------------------------------------------
    def policy_on(self, day: dt.date) -> Policy | None:
        """The policy in force on `day`; the latest to take effect wins if several overlap."""
        return _in_force([r.model for r in self.policies], day)

    def catalog_on(self, day: dt.date) -> Catalog | None:
        return _in_force([r.model for r in self.catalogs], day)

    def project_of(self, cls: TrainingClass) -> Project | None:
        rec = self.projects.get(cls.project)
        return rec.model if rec else None

    def application_of(self, prj: Project) -> Application | None:
        rec = self.applications.get(prj.application)
        return rec.model if rec else None

    def all_records(self) -> Iterator[Record[Any]]:
        yield from self.policies
        yield from self.catalogs
        if self.roles:
            yield self.roles
        if self.prior_subsidies:
            yield self.prior_subsidies
        for table in (
            self.institutions, self.applications, self.projects, self.classes, self.employment, self.payments,
            self.corrections,
        ):
            yield from table.values()


def _in_force(items: list[Any], day: dt.date) -> Any:
    live = [
        p for p in items if p.effective_from <= day and (p.effective_until is None or day <= p.effective_until)
    ]
    return max(live, key=lambda p: (p.effective_from, p.id)) if live else None


def display_path(file: Path) -> str:
    """Paths as a user types them from the repository root (and as GitHub annotations need)."""
    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else file.as_posix()


def schema_finding(path: str, message: str, loc: Loc = (), line: int | None = None,
                   severity: Severity = Severity.ERROR) -> Finding:
    return Finding(path=path, line=line, rule="SCHEMA", severity=severity, message=message, loc=loc)


def load_file(kind: RecordKind, path: str, data: bytes) -> tuple[BaseModel | None, str | None, list[Finding]]:
    """Parse and validate one file. Returns the model (or None), the text, and SCHEMA findings."""
    text = decode(data)
    if isinstance(text, ParseProblem):
        return None, None, [schema_finding(path, text.message, line=text.line)]
    tree = parse(text)
    if isinstance(tree, ParseProblem):
        return None, text, [schema_finding(path, tree.message, line=tree.line)]
    findings: list[Finding] = []
    if not text.lstrip("\ufeff").startswith(SCHEMA_COMMENT):
        findings.append(schema_finding(
            path,
            f"第一行缺少 {SCHEMA_COMMENT}... 注释，编辑器将无法提示字段。"
            f"请加上指向 schemas/{kind.schema_file} 的注释",
            line=1, severity=Severity.WARNING,
        ))
    try:
        model = kind.model.model_validate(tree)
    except ValidationError as exc:
        for err in exc.errors():
            findings.append(schema_finding(path, explain(err, kind.model), loc=tuple(err["loc"])))
        return None, text, findings
    if kind.identity is not None:
        stem = PurePosixPath(path).stem
        value = tree.get(kind.identity)
        if value != stem:
            findings.append(schema_finding(
                path, f"{kind.identity} 为“{value}”，与文件名“{stem}”不一致。请使两者相同（文件名即记录编号）",
                loc=(kind.identity,),
            ))
    return model, text, findings


def load_records(root: Path) -> RecordSet:
    """Load every record under `root`. Bad files become findings; the tool itself fails only when
    there is no folder to read."""
    if not root.exists():
        raise RecordsDirError(f"记录目录不存在：{root}")
    if not root.is_dir():
        raise RecordsDirError(f"不是目录：{root}")
    rs = RecordSet(root=root)
    files = sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    gc_was_enabled = gc.isenabled()
    gc.disable()  # thousands of live models make the cyclic GC rescan them all (PERFORMANCE.md)
    try:
        for file in files:
            _load_one(rs, root, file)
    finally:
        if gc_was_enabled:
            gc.enable()
    apply_corrections(rs)
    rs.index()
    return rs


def _load_one(rs: RecordSet, root: Path, file: Path) -> None:
    rel = PurePosixPath(file.relative_to(root).as_posix())
    path = display_path(file)
    kind = kind_for(rel)
    if kind is None:
        rs.load_findings.append(schema_finding(
            path, "文件不在任何记录目录中（policy、catalog、institutions、applications、projects、classes、"
            "employment、payments、corrections，或 roles.yaml、prior_subsidies.yaml）。请移到正确目录",
            line=1, severity=Severity.WARNING,
        ))
        return
    try:
        data = file.read_bytes()
    except OSError as exc:
        rs.load_findings.append(schema_finding(path, f"无法读取文件：{exc.strerror}", line=1))
        return
    model, text, findings = load_file(kind, path, data)
    if text is not None:
        rs.texts[path] = text
    rs.load_findings.extend(findings)
    if any(f.severity is Severity.ERROR for f in findings):
        rs.files_with_errors.add(path)
    if model is None or any(f.severity is Severity.ERROR for f in findings):
        rs.broken[kind.name].add(PurePosixPath(path).stem)
        return
    _store(rs, kind, Record(kind, path, model))


def _store(rs: RecordSet, kind: RecordKind, rec: Record[Any]) -> None:
    if kind.name == "policy":
        rs.policies.append(rec)
    elif kind.name == "catalog":
        rs.catalogs.append(rec)
    elif kind.name == "roles":
        rs.roles = rec
    elif kind.name == "prior_subsidies":
        rs.prior_subsidies = rec
    else:
        table: dict[str, Record[Any]] = getattr(rs, {
            "institution": "institutions", "application": "applications", "project": "projects",
            "class": "classes", "employment": "employment", "payments": "payments", "correction": "corrections",
        }[kind.name])
        key = rec.stem
        if key in table:
            rs.load_findings.append(schema_finding(
                rec.path, f"编号“{key}”与 {table[key].path} 重复。每条记录的编号必须唯一", line=1
            ))
            return
        table[key] = rec


__all__ = ["KINDS", "Record", "RecordSet", "load_file", "load_records"]
