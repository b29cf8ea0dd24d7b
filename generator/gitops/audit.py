"""The audit trail: who changed which field of a record, when, and from what to what.

Built for repositories with tens of thousands of commits: the history is ONE `git log` (with
`--raw`, which names the blob of each version, so no per-commit lookup is needed) and the versions
are read through the one persistent `cat-file --batch` process. Each version is parsed as YAML and
consecutive versions are diffed as data trees (`records/fieldpath.py`), so a re-indented file or a
moved comment is no change, and a changed attendance is `trainees[p_...].attended_periods: 48 → 40`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.gitops.snapshot import parse_blob
from generator.gitrepo import GitRepo, RawChange, parse_raw, under
from generator.records.fieldpath import MISSING, FieldChange, diff_trees, plain
from generator.records.kinds import kind_for

# commit, author, email, author date, committer date, subject; fields split by US, commits by RS
LOG_FORMAT = "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%cI%x1f%s"
PSEUDONYM_STEP = re.compile(r"\[p_[^\]]*\]")
STATUS = {"A": "added", "C": "added", "M": "modified", "T": "modified", "D": "deleted", "R": "renamed"}
STATUS_LABELS = {"added": "新建", "modified": "修改", "deleted": "删除", "renamed": "重命名"}


@dataclass(frozen=True)
class CommitInfo:
    sha: str
    author: str
    email: str
    date: str  # author date, ISO 8601 with the author's offset
    committed: str  # committer date: when the change landed (a merged pull request)
    message: str  # the subject line

    def as_dict(self) -> dict[str, str]:
        return {"commit": self.sha, "author": self.author, "email": self.email, "date": self.date,
                "committed": self.committed, "message": self.message}


@dataclass(frozen=True)
class Revision:
    """One commit in the life of one record, with every field it changed."""

    commit: CommitInfo
    status: str  # added, modified, deleted, renamed
    path: str  # the record's path in this commit (the old path for a deletion)
    old_path: str | None  # before a rename
    changes: list[FieldChange]
    unreadable: bool = False  # a version is no YAML mapping: fields cannot be compared
    # the two versions as parsed (None where there is none or it is unreadable), for describing the
    # change in words (`auditwords.py`); not part of the JSON, which has `changes`
    old: Any = field(default=None, compare=False, repr=False)
    new: Any = field(default=None, compare=False, repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {**self.commit.as_dict(), "status": self.status, "path": self.path, "old_path": self.old_path,
                "unreadable": self.unreadable, "changes": [c.as_dict() for c in self.changes]}


@dataclass(frozen=True)
class Delta:
    """One changed field of a recent change, as the site may use it. The path has trainee pseudonyms
    replaced by `*`; a change under a pseudonym (a trainee's row, an employment record) keeps no
    value at all, only whether the field was added or removed, so no pseudonym or row of a roster
    reaches the site's data. Other values are kept as parsed; which of them a page shows is
    decided above this layer (`publish/disclosure.py`)."""

    path: str
    old: Any = None
    new: Any = None
    added: bool = False  # the field did not exist in the older version
    removed: bool = False  # the field does not exist in the newer version
    withheld: bool = False  # under a pseudonym: `old` and `new` are None whatever they were

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "old": plain(self.old), "new": plain(self.new), "added": self.added,
                "removed": self.removed, "withheld": self.withheld}


@dataclass(frozen=True)
class RecordChange:
    """A record touched by a recent commit. Pseudonyms in paths are replaced by `*` and values under
    them are dropped (`Delta`): the site publishes from these, and no pseudonym may reach it
    (docs/privacy.md)."""

    commit: CommitInfo
    status: str
    path: str
    old_path: str | None
    kind: str  # record kind name (institution, application, class, ...)
    fields: list[str]
    deltas: tuple[Delta, ...] = ()  # one per changed field, in document order

    def as_dict(self) -> dict[str, Any]:
        return {**self.commit.as_dict(), "status": self.status, "path": self.path, "old_path": self.old_path,
                "kind": self.kind, "fields": self.fields}


def _commits(out: str) -> list[tuple[CommitInfo, list[RawChange]]]:
    """Split the output of `git log LOG_FORMAT --raw -z` into commits and their file changes."""
    commits = []
    for chunk in out.split("\x1e")[1:]:
        header, _, raw = chunk.partition("\0")
        sha, author, email, date, committed, message = header.split("\x1f", 5)
        commits.append((CommitInfo(sha, author, email, date, committed, message), parse_raw(raw)))
    return commits


def _compared(change: RawChange) -> bool:
    """Whether the change has two different versions to diff: an added or deleted record has one,
    and a pure rename keeps its blob, so reading their versions would be wasted (an import commit
    adds thousands of records)."""
    return change.status in "MRT" and change.old_blob != change.new_blob


def _fields(change: RawChange, versions: dict[str, Any]) -> tuple[list[FieldChange], bool]:
    if not _compared(change):
        return [], False
    old, new = versions.get(change.old_blob or ""), versions.get(change.new_blob or "")
    if old is None or new is None:
        return [], True
    return diff_trees(old, new), False


def _redacted(paths: Iterable[str]) -> list[str]:
    """Field paths with trainee pseudonyms replaced by `*` (`trainees[*].attended_periods`), once each."""
    return list(dict.fromkeys(PSEUDONYM_STEP.sub("[*]", p) for p in paths))


def _deltas(fields: Iterable[FieldChange]) -> tuple[Delta, ...]:
    """The changes as kept: under a pseudonym, one entry per redacted path and kind of change (a
    re-imported roster of 40 is one `trainees[*].attended_periods`, not 40: nothing downstream may
    count people, and the store stays as small as the field paths it replaced)."""
    found: list[Delta] = []
    seen: set[Delta] = set()  # withheld entries hold no value, so they hash
    for f in fields:
        path = PSEUDONYM_STEP.sub("[*]", f.path)
        added, removed = f.old is MISSING, f.new is MISSING
        if path == f.path:
            found.append(Delta(path, None if added else f.old, None if removed else f.new, added, removed))
        elif (withheld := Delta(path, added=added, removed=removed, withheld=True)) not in seen:
            seen.add(withheld)
            found.append(withheld)
    return tuple(found)


def _read_versions(git: GitRepo, changes: list[RawChange]) -> dict[str, Any]:
    blobs = git.blobs(b for c in changes if _compared(c) for b in (c.old_blob, c.new_blob) if b)
    return {blob: parse_blob(data) for blob, data in blobs.items()}


def audit(repo_path: Path, path: str) -> list[Revision]:
    """The history of the record at `path` (repository-relative), newest first, across renames.

    Values are shown as recorded, so the history of a class or an employment record names trainee
    pseudonyms: it is for auditors, never for the public site (use `recent_changes` there)."""
    with GitRepo(repo_path) as git:
        return history(git, ["--follow"], [path])


def history(git: GitRepo, options: list[str], paths: list[str]) -> list[Revision]:
    """Every change to `paths` (repository-relative), newest first, from ONE `git log` with
    `options` (`--follow` for one path), each version read once through `cat-file --batch`."""
    out = git.log(*options, "-M", "--no-merges", "--raw", "--no-abbrev", "-z", LOG_FORMAT, "--", *paths)
    commits = _commits(out)
    versions = _read_versions(git, [c for _info, changes in commits for c in changes])
    revisions = []
    for info, changes in commits:
        for change in changes:
            fields, unreadable = _fields(change, versions)
            status = STATUS.get(change.status, "modified")
            where = change.new_path or change.old_path or (paths[0] if paths else "")
            old_path = change.old_path if status == "renamed" else None
            revisions.append(Revision(info, status, where, old_path, fields, unreadable,
                                      versions.get(change.old_blob or ""), versions.get(change.new_blob or "")))
    return revisions


def recent_changes(repo_path: Path, limit: int, records: str = "records",
                   known: MutableMapping[tuple[str, str], tuple[Delta, ...]] | None = None) -> list[RecordChange]:
    """The last `limit` record changes under `records` (repository-relative), newest first.

    `known` maps (old blob, new blob) to the fields changed between them, with their old and new
    values where no pseudonym is involved (`Delta`); a blob id names a content, so an entry is
    never stale. Pairs found there are not read again, and pairs read are
    added: with a store kept between builds (the site keeps it in the load cache), a build reads
    only the versions its new commits brought, however long the history."""
    if limit <= 0:
        return []
    with GitRepo(repo_path) as git:
        # every listed commit touches at least one record, so `limit` commits hold `limit` changes
        out = git.log("-M", "--no-merges", "--raw", "--no-abbrev", "-z", f"--max-count={limit}", LOG_FORMAT,
                      "--", records or ".")
        # keep the newest `limit` record changes first, then read only their blobs: one commit can
        # touch thousands of records (an import), and none past the limit is shown
        wanted: list[tuple[Any, Any, Any]] = []
        for info, changes in _commits(out):
            for change in changes:
                where = change.new_path or change.old_path or ""
                rel = under(where, records)
                kind = kind_for(PurePosixPath(rel)) if rel is not None else None
                if kind is not None and len(wanted) < limit:
                    wanted.append((info, change, kind))
        memo = known if known is not None else {}
        versions = _read_versions(git, [change for _info, change, _kind in wanted
                                         if not isinstance(memo.get((change.old_blob or "", change.new_blob or "")),
                                                           tuple)])
    found: list[RecordChange] = []
    for info, change, kind in wanted:
        where = change.new_path or change.old_path or ""
        pair = (change.old_blob or "", change.new_blob or "")
        deltas = memo.get(pair) if _compared(change) else ()
        if not isinstance(deltas, tuple):  # not in the store (or kept by an older format)
            fields, unreadable = _fields(change, versions)
            deltas = _deltas(fields)
            if not unreadable:
                memo[pair] = deltas
        status = STATUS.get(change.status, "modified")
        found.append(RecordChange(info, status, where, change.old_path if status == "renamed" else None,
                                  kind.name, _redacted(d.path for d in deltas), deltas))
    return found
