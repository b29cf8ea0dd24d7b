"""A pull request judged on what it changes: who changed what (change_review.py) and the records validated
at the base and at the head, read from Git objects as data.

The records of each side are written into a folder from the blobs of that commit (regular files
only: a symbolic link is never followed, nothing from the pull request is checked out, installed
or run). A validation error at the head counts against the pull request when it is in a file the
pull request changed, or when the same error was not there at the base (the pull request's
changes caused it elsewhere, e.g. a removed project that a class still names). An error in an
untouched file that was already there at the base is reported as pre-existing (PRE-EXISTING, a
warning), so an institution's pull request does not fail because another institution's planned
class ended yesterday.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from generator import clock
from generator.findings import Finding, Severity, sort_findings
from generator.gitops.change_review import Authors, ChangeReview, review_changes
from generator.gitops.merged import review_merged
from generator.gitrepo import GitRepo, under
from generator.pipeline import run

PRE_EXISTING = "（已有问题：不是本次修改引起的，不影响本次检查结果；请相关单位另行修正）"


@dataclass(frozen=True)
class PullRequestReview:
    changes: ChangeReview
    findings: list[Finding]  # validation at the head, judged, then the change findings
    pre_existing: int  # validation errors reported as pre-existing
    files: int  # record files validated at the head

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def extract(git: GitRepo, rev: str, records: str, target: Path) -> Path:
    """Write the regular files under `records` at `rev` into `target`/records (from Git objects),
    replacing whatever was there."""
    out = target / "records"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    entries = {path: blob for path, (mode, blob) in git.tree_modes(rev, records).items()
               if mode in ("100644", "100755")}
    data = git.blobs(entries.values())
    for path, blob in entries.items():
        rel = under(path, records) if records else path
        if rel is None or any(part in ("", ".", "..") for part in PurePosixPath(rel).parts):
            continue
        file = out.joinpath(*PurePosixPath(rel).parts)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data[blob])
    return out


def _repo_paths(findings: list[Finding], folder: Path, records: str) -> list[Finding]:
    """Validation findings with paths as the repository names them (records/...)."""
    root = folder.resolve()
    placed = []
    for f in findings:
        try:
            rel = Path(os.path.abspath(f.path)).resolve().relative_to(root).as_posix()
        except ValueError:
            rel = f.path
        placed.append(replace(f, path="/".join(p for p in (records, rel) if p)))
    return placed


def judge_findings(head: list[Finding], base: list[Finding], touched: set[str]) -> tuple[list[Finding], int]:
    """Head findings as they count against the pull request, and how many errors were pre-existing."""
    before = {(f.path, f.rule, f.message) for f in base if f.severity is Severity.ERROR}
    judged, pre = [], 0
    for f in head:
        if f.severity is Severity.ERROR and f.path not in touched and (f.path, f.rule, f.message) in before:
            judged.append(replace(f, severity=Severity.WARNING, rule=f.rule, message=f"{f.message}{PRE_EXISTING}"))
            pre += 1
        else:
            judged.append(f)
    return judged, pre


def review_pull_request(repo_path: Path, base: str, author: Authors, records: str = "records",
                        head: str = "HEAD", as_of: dt.date | None = None, cache_dir: Path | None = None,
                        workdir: Path | None = None, merged: Mapping[str, Sequence[str]] | None = None
                        ) -> PullRequestReview:
    """Changes judged against the base, and the head's records validated (as data) and judged.

    Both sides are written, one after the other, to the same folder (`workdir`/records, or a
    temporary one), so that with a cache the head's unchanged files are read from what the base
    gave; a `workdir` at the same absolute path as in after-merge.yml also reuses main's cache.
    With `merged` (after-merge: commit → its pull request's authors), each merged step is judged
    with its own authors and `author` is the pusher (`merged.py`)."""
    day = as_of if as_of is not None else clock.today()
    if merged is not None:
        changes = review_merged(repo_path, base, head, merged, author, records, day)
    else:
        changes = review_changes(repo_path, base, author, records, head, day)
    with GitRepo(repo_path) as git, tempfile.TemporaryDirectory(prefix="peixun-pr-") as tmp:
        where = workdir if workdir is not None else Path(tmp)
        sides = []
        for rev in (changes.base, changes.head):
            folder = extract(git, rev, records, where)
            report = run(folder, day, use_cache=cache_dir is not None, cache_dir=cache_dir).validation
            sides.append((report, _repo_paths(report.findings, folder, records)))
        if workdir is not None:
            shutil.rmtree(workdir / "records", ignore_errors=True)
    (_base_report, base_found), (head_report, head_found) = sides
    touched = {p for c in changes.changes for p in (c.old.path, c.new.path) if p}
    judged, pre = judge_findings(head_found, base_found, touched)
    return PullRequestReview(changes, sort_findings([*judged, *changes.findings]), pre, head_report.files)


__all__ = ["PRE_EXISTING", "PullRequestReview", "extract", "judge_findings", "review_pull_request"]
