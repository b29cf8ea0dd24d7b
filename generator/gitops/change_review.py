"""Pull-request checks: who may change which files, and which facts no one may change.

`check_changes(repo, base, author)` compares HEAD with the base revision the way a pull request
does (from their merge base, so that newer commits on the base branch are not blamed on the
author) and judges every added, modified, deleted or renamed file. Authority is read from the
base revision, never from the pull request itself: a pull request cannot make its author a
maintainer or a bureau member and then use that. A change made by several accounts (the opener
of a pull request and the one who pushed to it or re-ran its check) is judged with the rights of
each, and passes only if every one of them may make it. Frozen facts (`frozen.py`) bind everyone;
"has a class started" and what the ledger's clock decides (`ledgertime.py`) are judged by the
day the check runs (`generator.clock`, or `today` when given), never by a commit's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from generator import clock
from generator.errors import GitError
from generator.findings import Finding, Loc, Severity, sort_findings
from generator.gitops.frozen import (
    frozen_application,
    frozen_class,
    frozen_correction,
    frozen_payments,
    frozen_project,
    frozen_sealed,
)
from generator.gitops.identity import HANDLE_RULE, codeowners_path, invalid_handles
from generator.gitops.ledgertime import ledger_time_findings
from generator.gitops.ownership import SEALED_KIND, Authority, file_kind, ownership_findings, proposed_institutions
from generator.gitops.snapshot import Snapshot
from generator.gitops.versions import Change, Version, finding
from generator.gitrepo import GitRepo, RawChange, under
from generator.records.kinds import kind_for, path_problem
from generator.records.sealed_files import is_sealed_rel


@dataclass(frozen=True)
class ChangeReview:
    base: str
    merge_base: str
    head: str
    today: dt.date  # the day the check judged by (the CI clock), never a commit's date
    authorities: tuple[Authority, ...]  # every account the change is judged for (opener first)
    changes: list[Change]
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def authority(self) -> Authority:
        return self.authorities[0]

    def describe(self) -> str:
        """Who the change was judged for, in one Chinese phrase (every account, opener first)."""
        return "；".join(a.describe() for a in self.authorities)


Authors = str | Sequence[str] | None


def accounts(author: Authors) -> list[str | None]:
    """The accounts a change is judged for: each distinct handle once (compared as GitHub does,
    case-insensitively), in the order given; [None] for frozen facts only."""
    given = [author] if isinstance(author, str) else list(author or [])
    seen: dict[str, str] = {}
    for handle in given:
        seen.setdefault(handle.strip().casefold(), handle)
    return list(seen.values()) or [None]


def review_changes(repo_path: Path, base: str, author: Authors, records: str = "records",
                   head: str = "HEAD", today: dt.date | None = None) -> ChangeReview:
    """Everything `check_changes` decides, with the context the CLI shows around it. `author` is
    one account or several (the opener of a pull request and the account that pushed to it or
    re-ran its check): the change must be allowed to every one of them."""
    day = today if today is not None else clock.today()
    with GitRepo(repo_path) as git:
        base_sha = git.resolve(base)
        head_sha = git.resolve(head)
        fork = git.merge_base(base_sha, head_sha)
        if fork is None:
            raise GitError(f"{base} 与 {head} 没有共同的历史，无法比较")
        raw = git.diff(fork, head_sha)
        blobs = git.blobs([b for r in raw for b in (r.old_blob, r.new_blob) if b and _regular(r)])
        changes = [_change(r, blobs, records) for r in raw]
        base_records = Snapshot(git, base_sha, records)
        authorities = tuple(
            Authority.of(who, base_records, base_sha, proposed_institutions(changes, base_records, who))
            for who in accounts(author))
        head_records = _Lazy(git, head_sha, records)

        def head_class_owner(class_id: str) -> str | None:
            project = (head_records.snapshot.data("class", class_id) or {}).get("project")
            return base_records.institution_of_project(project) if isinstance(project, str) else None

        findings: list[Finding] = []
        for r, change in zip(raw, changes, strict=True):
            if not _regular(r):
                findings.append(_not_a_file(change, r))
                continue
            findings.extend(_path(change, records))
            for authority in authorities:
                findings.extend(_frozen(change, base_records, head_records, day, authority))
                findings.extend(ownership_findings(change, authority, base_records, records, head_class_owner))
            findings.extend(_handles(change))
        findings.extend(ledger_time_findings(changes, base_records, head_records.snapshot, day))
    return ChangeReview(base_sha, fork, head_sha, day, authorities, changes, sort_findings(_distinct(findings)))


def check_changes(repo_path: Path, base: str, author: Authors, records: str = "records",
                  head: str = "HEAD", today: dt.date | None = None) -> list[Finding]:
    """The refusals for the changes from `base` to `head` made by `author` (one account or
    several; None: frozen facts only), judged on `today` (default: the CI clock)."""
    return review_changes(repo_path, base, author, records, head, today).findings


def _distinct(findings: list[Finding]) -> list[Finding]:
    """Each finding once: a frozen fact judged for two accounts is one refusal."""
    return list(dict.fromkeys(findings))


def _regular(raw: RawChange) -> bool:
    """Only regular files are data: a symbolic link would make the checks read a file outside the
    repository (the runner's secrets, /proc), a submodule would bring in another repository."""
    return all(mode in ("000000", "100644", "100755") for mode in (raw.old_mode, raw.new_mode))


def _not_a_file(change: Change, raw: RawChange) -> Finding:
    what = {"120000": "符号链接", "160000": "子模块"}.get(raw.new_mode, f"特殊文件（模式 {raw.new_mode}）")
    if raw.new_mode in ("000000", "100644", "100755"):
        what = {"120000": "符号链接", "160000": "子模块"}.get(raw.old_mode, f"特殊文件（模式 {raw.old_mode}）")
    return finding("CHG-OWNER", change.new if not change.new.missing else change.old, (),
                   f"仓库中不能有{what}：检查只读取普通文件，链接会让检查读到仓库以外的内容。请改为普通文件")


def _path(change: Change, records: str) -> list[Finding]:
    """A record's path is written into CODEOWNERS, reports and annotations: only letters, digits,
    `.`, `_`, `-` and `/` (record ids follow their patterns, which use no other character). And
    nothing may sit under records/ where validation does not read it (`kinds.path_problem`: hidden
    files and folders, unknown folders, other extensions, `.YAML`): it would be green and in the
    ledger's history for ever."""
    path = change.new.path
    rel = under(path, records) if path is not None else None
    if path is None or rel is None:
        return []
    if codeowners_path(path) is None:
        return [finding("CHG-PATH", change.new, (),
                        f"文件名 {path!r} 含有不允许的字符：记录的路径只能由英文字母、数字、点、下划线、连字符和 / 组成"
                        "（文件名即记录编号或统一社会信用代码）。请改名")]
    problem = path_problem(rel)
    return [finding("CHG-PATH", change.new, (), f"{path}：{problem}")] if problem is not None else []


def _handles(change: Change) -> list[Finding]:
    """Handles that decide who may act must be GitHub handles exactly: anything else could write
    extra rules into CODEOWNERS or look like someone else (CHG-HANDLE, for everyone)."""
    new = change.new
    if new.kind not in ("institution", "roles") or new.data is None:
        return []
    lists: list[tuple[tuple[str | int, ...], Any]] = []
    if new.kind == "institution":
        lists.append((("maintainers",), new.data.get("maintainers")))
    else:
        lists.append((("bureau",), new.data.get("bureau")))
        districts = new.data.get("districts")
        if isinstance(districts, dict):
            lists.extend(((("districts", k), v) for k, v in districts.items()))
    found = []
    for loc, value in lists:
        for index, entry in invalid_handles(value):
            where = (*loc, index) if index >= 0 else loc
            found.append(finding("CHG-HANDLE", new, where,
                                 f"{'.'.join(str(p) for p in loc)} 中的 {entry!r} 不是代码托管平台的账号："
                                 "账号只能由英文字母、数字和单个连字符组成，不以连字符开头或结尾，"
                                 f"最长 39 个字符（{HANDLE_RULE}），不加 @"))
    return found


def _change(raw: RawChange, blobs: dict[str, bytes], records: str) -> Change:
    def version(path: str | None, blob: str | None) -> Version:
        if path is None:
            return Version(None)
        rel = under(path, records)
        kind = kind_for(PurePosixPath(rel)) if rel is not None else None
        if kind is not None:
            name: str | None = kind.name
        elif rel is not None:
            name = file_kind(rel) or (SEALED_KIND if is_sealed_rel(rel) else None)
        else:
            name = None
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


def _frozen(change: Change, base: Snapshot, head: _Lazy, today: dt.date, who: Authority) -> list[Finding]:
    old, new = change.old, change.new
    if old.missing:
        return []
    hits: list[tuple[Version, Loc, str]] = []
    if old.kind == "class" and (paid := base.first_paid(old.stem)) is not None:
        hits.extend(frozen_class(old, new, paid))
    elif old.kind == "sealed" and (class_id := PurePosixPath(old.path or "").stem) and \
            (paid := base.first_paid(class_id)) is not None:
        hits.extend(frozen_sealed(old, new, paid))
    elif old.kind == "payments":
        hits.extend(frozen_payments(old, new))
    elif old.kind == "project":
        # started by the day the check runs (never by a commit's date, which its author chooses)
        started = {*base.started_classes(old.stem, today), *head.snapshot.started_classes(old.stem, today)}
        if started:
            hits.extend(frozen_project(old, new, sorted(started)))
    elif old.kind == "correction":
        hits.extend(frozen_correction(old, new))
    elif old.kind == "application" and not who.bureau and (who.maintains or who.proposes) and not new.missing \
            and (decisions := base.decisions_for(old.stem)):
        hits.extend(frozen_application(old, new, decisions))
    return [finding("CHG-FROZEN", version, loc, message) for version, loc, message in hits]


__all__ = ["Change", "ChangeReview", "Version", "check_changes", "review_changes"]
