"""Pull-request checks: who may change which files, and which facts no one may change.

`check_changes(repo, base, author)` compares HEAD with the base revision the way a pull request
does (from their merge base, so that newer commits on the base branch are not blamed on the
author) and judges every added, modified, deleted or renamed file. Authority is read from the
base revision, never from the pull request itself: a pull request cannot make its author a
maintainer or a bureau member and then use that. Frozen facts (`frozen.py`) bind everyone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from generator.errors import GitError
from generator.findings import Finding, Loc, Severity, sort_findings
from generator.gitops.frozen import frozen_class, frozen_correction, frozen_payments, frozen_project
from generator.gitops.ownership import SEALED_KIND, Authority, ownership_findings
from generator.gitops.snapshot import Snapshot
from generator.gitops.versions import Change, Version, finding
from generator.gitrepo import GitRepo, RawChange, under
from generator.records.kinds import kind_for
from generator.records.sealed import is_sealed_rel


@dataclass(frozen=True)
class ChangeReview:
    base: str
    merge_base: str
    head: str
    head_date: dt.date
    authority: Authority
    changes: list[Change]
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def review_changes(repo_path: Path, base: str, author: str | None, records: str = "records") -> ChangeReview:
    """Everything `check_changes` decides, with the context the CLI shows around it."""
    with GitRepo(repo_path) as git:
        base_sha = git.resolve(base)
        head_sha = git.resolve("HEAD")
        fork = git.merge_base(base_sha, head_sha)
        if fork is None:
            raise GitError(f"{base} 与 HEAD 没有共同的历史，无法比较")
        head_date = git.committed_on(head_sha)
        raw = git.diff(fork, head_sha)
        blobs = git.blobs([b for r in raw for b in (r.old_blob, r.new_blob) if b])
        changes = [_change(r, blobs, records) for r in raw]
        base_records = Snapshot(git, base_sha, records)
        authority = Authority.of(author, base_records, base_sha)
        head_records = _Lazy(git, head_sha, records)
        findings: list[Finding] = []
        for change in changes:
            findings.extend(_frozen(change, base_records, head_records, head_date))
            findings.extend(ownership_findings(change, authority, base_records))
    return ChangeReview(base_sha, fork, head_sha, head_date, authority, changes, sort_findings(findings))


def check_changes(repo_path: Path, base: str, author: str | None, records: str = "records") -> list[Finding]:
    """The refusals for the changes from `base` to HEAD made by `author` (None: frozen facts only)."""
    return review_changes(repo_path, base, author, records).findings


def _change(raw: RawChange, blobs: dict[str, bytes], records: str) -> Change:
    def version(path: str | None, blob: str | None) -> Version:
        if path is None:
            return Version(None)
        rel = under(path, records)
        kind = kind_for(PurePosixPath(rel)) if rel is not None else None
        name = SEALED_KIND if rel is not None and is_sealed_rel(rel) else kind.name if kind else None
        return Version(path, blobs.get(blob or ""), name)

    status = {"C": "A", "T": "M"}.get(raw.status, raw.status)
    old = Version(None) if status == "A" else version(raw.old_path, raw.old_blob)
    return Change(status, old, version(raw.new_path, raw.new_blob))


class _Lazy:
    """The head revision's records, listed only if a check needs them."""

    def __init__(self, git: GitRepo, rev: str, records: str) -> None:
        self._args = (git, rev, records)

    @cached_property
    def snapshot(self) -> Snapshot:
        return Snapshot(*self._args)


def _frozen(change: Change, base: Snapshot, head: _Lazy, head_date: dt.date) -> list[Finding]:
    old, new = change.old, change.new
    if old.missing:
        return []
    hits: list[tuple[Version, Loc, str]] = []
    if old.kind == "class" and (paid := base.first_paid(old.stem)) is not None:
        hits.extend(frozen_class(old, new, paid))
    elif old.kind == "payments":
        hits.extend(frozen_payments(old, new))
    elif old.kind == "project":
        started = {*base.started_classes(old.stem, head_date), *head.snapshot.started_classes(old.stem, head_date)}
        if started:
            hits.extend(frozen_project(old, new, sorted(started)))
    elif old.kind == "correction":
        hits.extend(frozen_correction(old, new))
    return [finding("CHG-FROZEN", version, loc, message) for version, loc, message in hits]


__all__ = ["Change", "ChangeReview", "Version", "check_changes", "review_changes"]
