"""The audit trail as an auditor reads it: who (account and organisation), when, through which
merge, what changed in words, and what it did to the money.

`audit.py` reads the history (one `git log`, versions through `cat-file --batch`); this module
adds the rest. The organisation behind an account is the records' own word at the audited
revision (roles.yaml and the institutions' maintainers, `actors.py`); the merge that brought a
commit is found in one more `git log` of the graph; the money is settled from the records of the
commit and of its parent as of the commit's date (`money.py`). `peixun audit` renders this as
Chinese text or, with `--format json`, writes `Trail.as_dict()` as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import GitError
from generator.gitops.actors import Landing, Organisations, landings, organisations_at
from generator.gitops.audit import Revision, history
from generator.gitops.auditwords import describe
from generator.gitops.money import Ledger, MoneyDelta
from generator.gitops.snapshot import Snapshot
from generator.gitrepo import GitRepo, under
from generator.records.kinds import kind_for


@dataclass(frozen=True)
class Actor:
    """An account and the organisation it acts for (either may be unknown), and the Git author
    name, shown only when no account is known."""

    account: str | None
    organisation: str | None
    name: str

    @classmethod
    def of(cls, orgs: Organisations, author: str, email: str) -> Actor:
        account, organisation = orgs.actor(author, email)
        return cls(account, organisation, author)

    def text(self) -> str:
        if self.account is None:
            return f"提交人“{self.name}”（不是代码托管平台账号，无法对应到单位）"
        return f"账号 {self.account}（{self.organisation or '未在 roles.yaml 或培训主体记录中登记'}）"

    def as_dict(self) -> dict[str, Any]:
        return {"account": self.account, "organisation": self.organisation}


@dataclass(frozen=True)
class TrailEntry:
    revision: Revision
    kind: str | None  # the record's kind (project, class, ...), None outside the records folder
    actor: Actor
    landing: Landing | None  # the branch's commit that brought this one
    merger: Actor | None  # who made that commit, when it is not this one
    lines: tuple[str, ...]  # what changed, in words
    money: MoneyDelta | None

    @property
    def record(self) -> str:
        return PurePosixPath(self.revision.path).stem

    def as_dict(self) -> dict[str, Any]:
        landing = self.landing.as_dict() if self.landing is not None else None
        if landing is not None and self.merger is not None:
            landing["by"] = self.merger.as_dict()
        return {**self.revision.as_dict(), "kind": self.kind, "record": self.record, **self.actor.as_dict(),
                "landed": landing, "described": list(self.lines),
                "money": self.money.as_dict() if self.money is not None else None}


@dataclass(frozen=True)
class Trail:
    subject: str  # the audited path, or the institution
    entries: list[TrailEntry]  # newest first

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "entries": [e.as_dict() for e in self.entries]}


def records_folder(path: str) -> str | None:
    """The records folder a repository path lies in: the nearest parent under which the path is a
    record file (`records/projects/2026/P2026-002.yaml` -> `records`)."""
    parts = PurePosixPath(path).parts
    for i in range(len(parts) - 1, -1, -1):
        prefix = "/".join(parts[:i])
        rel = under(path, prefix)
        if rel is not None and kind_for(PurePosixPath(rel)) is not None:
            return prefix
    return None


def _entries(git: GitRepo, revisions: list[Revision], records: str | None, with_money: bool) -> list[TrailEntry]:
    orgs = organisations_at(git, "HEAD", records) if records is not None else Organisations({})
    landed = landings(git, "HEAD")
    ledger = Ledger(git, records) if records is not None and with_money else None
    found = []
    for rev in revisions:
        rel = under(rev.path, records) if records is not None else None
        kind = kind_for(PurePosixPath(rel)) if rel is not None else None
        actor = Actor.of(orgs, rev.commit.author, rev.commit.email)
        landing = landed.get(rev.commit.sha)
        merger = Actor.of(orgs, landing.author, landing.email) if landing is not None and landing.merged else None
        lines = tuple(describe(kind.name, rev.old, rev.new)) if kind is not None and rev.old is not None \
            and rev.new is not None else ()
        money = None
        if ledger is not None:
            day = dt.datetime.fromisoformat(rev.commit.committed).date()
            money = ledger.delta(f"{rev.commit.sha}^", rev.commit.sha, day)
        found.append(TrailEntry(rev, kind.name if kind else None, actor, landing, merger, lines, money))
    return found


def record_trail(repo_path: Path, path: str, with_money: bool = True) -> Trail:
    """The trail of the record at `path` (repository-relative), newest first, across renames."""
    with GitRepo(repo_path) as git:
        revisions = history(git, ["--follow"], [path])
        return Trail(path, _entries(git, revisions, records_folder(path), with_money))


def owned_paths(snap: Snapshot, uscc: str) -> list[str]:
    """The files of everything an institution owns at a revision: its record, its applications,
    the decisions on them, their classes and the classes' employment and payments records."""
    paths = [snap.path_of("institution", uscc)]
    apps = {stem for stem, data in snap.all("application").items() if data.get("institution") == uscc}
    projects = {stem for stem, data in snap.all("project").items() if data.get("application") in apps}
    classes = {stem for stem, data in snap.all("class").items() if data.get("project") in projects}
    for kind, stems in (("application", apps), ("project", projects), ("class", classes),
                        ("employment", classes), ("payments", classes)):
        paths += [snap.path_of(kind, stem) for stem in sorted(stems)]
    return [p for p in paths if p is not None]


def institution_trail(repo_path: Path, uscc: str, records: str = "records", since: dt.date | None = None,
                      with_money: bool = True) -> Trail:
    """Every change to everything the institution `uscc` owns (as the current records say), newest
    first; with `since`, only changes that landed on or after that day."""
    with GitRepo(repo_path) as git:
        snap = Snapshot(git, "HEAD", records)
        if snap.path_of("institution", uscc) is None:
            raise GitError(f"当前记录中没有统一社会信用代码为 {uscc} 的培训主体（{records}/institutions/{uscc}.yaml）。"
                           "请核对代码")
        revisions = history(git, [], owned_paths(snap, uscc))
        if since is not None:
            revisions = [r for r in revisions if dt.datetime.fromisoformat(r.commit.committed).date() >= since]
        return Trail(uscc, _entries(git, revisions, records, with_money))
