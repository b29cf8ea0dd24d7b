"""The whole record set, loaded once and indexed once, for rules that look across records."""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from generator.errors import RecordsDirError
from generator.findings import Finding, Loc
from generator.records.amend import apply_corrections
from generator.records.cache import RecordCache
from generator.records.call import Call
from generator.records.contentkeys import list_files
from generator.records.correction import Correction
from generator.records.institution import Application, Institution
from generator.records.kinds import KINDS, RecordKind
from generator.records.loader import SCHEMA_COMMENT, Progress, load_into, read_file, schema_finding
from generator.records.project import Project
from generator.records.reference import Catalog, Policy, PriorSubsidies, Roles
from generator.records.sealed import SealedFile, list_sealed
from generator.records.texts import LazyTexts
from generator.records.training import Employment, Payments, TrainingClass
from generator.records.yamlio import parse

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
    load_findings: list[Finding] = field(default_factory=list)
    # display path -> text, read on demand (texts.py); the content key of each file, and the
    # results of registered text scans by scan name and display path
    texts: LazyTexts = field(default_factory=LazyTexts)
    file_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    scan_results: dict[str, dict[str, Any]] = field(default_factory=dict)
    cache: RecordCache | None = None
    # raw trees of corrected classes, kept by the loader for `amend`
    raw_trees: dict[str, Any] = field(default_factory=dict)
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
    # class id -> ids of the corrections applied to its model; problems as (path, loc, message)
    corrected: dict[str, list[str]] = field(default_factory=dict)
    correction_problems: list[tuple[str, Loc, str]] = field(default_factory=list)
    # derived indexes, built once by `index()`
    classes_by_project: dict[str, list[Record[TrainingClass]]] = field(default_factory=dict)
    projects_by_application: dict[str, list[Record[Project]]] = field(default_factory=dict)
    files_with_errors: set[str] = field(default_factory=set)
    # identities of files that exist but could not be loaded: references to them are not "missing"
    broken: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # files under sealed/ (rosters encrypted to the bureau, awaiting import: sealed.py)
    sealed: list[SealedFile] = field(default_factory=list)
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

    def store(self, kind: RecordKind, model: BaseModel, path: str) -> None:
        _store(self, kind, Record(kind, path, model))

    def raw_tree(self, path: str) -> Any:
        """A fresh parsed tree of the file at `path` (for corrections), or a ParseProblem."""
        kept = self.raw_trees.pop(path, None)
        return kept if kept is not None else parse(self.texts.get(path, ""))

    def scanned(self, name: str, scan: Callable[[str, str], Any]) -> dict[str, Any]:
        """The result of the text scan `name` for every file with a text: from loading when the
        scan was registered then, else computed now."""
        results = self.scan_results.setdefault(name, {})
        for path in self.texts:
            if path not in results:
                rel = self.file_keys[path][0] if path in self.file_keys else _relative(self.root, path)
                results[path] = scan(rel, self.texts[path])
        return results

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

    def all_records(self) -> Iterator[Record[Any]]:
        yield from self.policies
        yield from self.catalogs
        if self.roles:
            yield self.roles
        if self.prior_subsidies:
            yield self.prior_subsidies
        for table in (
            self.calls, self.institutions, self.applications, self.projects, self.classes, self.employment,
            self.payments, self.corrections,
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


def _relative(root: Path, path: str) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def load_file(kind: RecordKind, path: str, data: bytes) -> tuple[BaseModel | None, str | None, list[Finding]]:
    """Parse and validate one file. Returns the model (or None), the text, and SCHEMA findings."""
    loaded = read_file(kind, path, data)
    return loaded.model, loaded.text, loaded.findings


def load_records(root: Path, *, cache: RecordCache | bool = True, cache_dir: Path | None = None,
                 progress: Progress | None = None, workers: int | None = None,
                 overrides: dict[str, Path] | None = None) -> RecordSet:
    """Load every record under `root`. Bad files become findings; the tool itself fails only when
    there is no folder to read.

    With `cache` (the default; `.cache/peixun/` beside `root`, or `cache_dir`), files whose content
    was read before by the same code are not parsed again (cache.py). `progress(stage, done,
    total)` hears how far loading has come. Many files to parse are parsed by `workers` processes
    (default: one per core; 0 parses in this process). `overrides` maps a file's path relative to
    `root` to another file read in its place (a candidate version, judged before it is written)."""
    if not root.exists():
        raise RecordsDirError(f"记录目录不存在：{root}")
    if not root.is_dir():
        raise RecordsDirError(f"不是目录：{root}")
    store = cache if isinstance(cache, RecordCache) else RecordCache(root, cache_dir) if cache else None
    rs = RecordSet(root=root, cache=store)
    files = store.files if store is not None else list_files(root)
    if overrides:
        files = _overridden(files, overrides, store)
    load_into(rs, files, store, display_path(root), progress, workers)
    rs.sealed = list_sealed(root, display_path(root))
    apply_corrections(rs)
    rs.index()
    return rs


def _overridden(files: list[tuple[str, Path]], overrides: dict[str, Path], store: RecordCache | None
                ) -> list[tuple[str, Path]]:
    """The file list with candidates in place of (or beside) the files on disk; the cache keys a
    candidate by its own content, never by the key of the file it replaces."""
    listed = {rel for rel, _ in files}
    if store is not None:
        for rel in overrides:
            store.keys.pop(rel, None)
    replaced = [(rel, overrides.get(rel, file)) for rel, file in files]
    return sorted(replaced + [(rel, file) for rel, file in overrides.items() if rel not in listed])


def _store(rs: RecordSet, kind: RecordKind, rec: Record[Any]) -> None:
    """Put a loaded record in its table; a second file with the same identity is a finding."""
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
            "call": "calls", "institution": "institutions", "application": "applications", "project": "projects",
            "class": "classes", "employment": "employment", "payments": "payments", "correction": "corrections",
        }[kind.name])
        key = rec.stem
        if key in table:
            rs.load_findings.append(schema_finding(
                rec.path, f"编号“{key}”与 {table[key].path} 重复。每条记录的编号必须唯一", line=1
            ))
            return
        table[key] = rec


__all__ = ["KINDS", "SCHEMA_COMMENT", "Record", "RecordSet", "load_file", "load_records", "schema_finding"]
