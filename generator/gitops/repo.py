"""The one small Git wrapper: everything else asks it, never GitPython directly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import git


@dataclass(frozen=True)
class HeadInfo:
    sha: str
    committed_on: dt.date  # committer date, in the committer's own time zone


def open_repo(path: Path) -> git.Repo | None:
    """The repository containing `path`, or None when it is not inside one."""
    try:
        return git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None


def head_info(path: Path) -> HeadInfo | None:
    """SHA and committer date of HEAD of the repository holding `path` (None outside one or before
    the first commit)."""
    repo = open_repo(path)
    if repo is None:
        return None
    try:
        commit = repo.head.commit
    except ValueError:  # a repository without commits
        return None
    return HeadInfo(sha=commit.hexsha, committed_on=commit.committed_datetime.date())
