"""After-merge: each pull request merged into `main` judged with its own author's rights.

A push to `main` may bring several merged pull requests at once. Judging the whole range without
an author would check frozen facts only and skip everything that depends on who made a change
(ownership, the application freeze for institutions); judging it with the pusher's rights would
let a bureau member's merge vouch for an institution's files. So the range is cut along `main`'s
first-parent line, one step per merge (or per commit of a rebase merge), and each step is judged
against its own parent with the accounts of the pull request that brought it, as the Git host
reports them (`merged`: commit → the pull request author's handles). A commit no pull request
brought (a direct push, which branch protection forbids) is judged with the pusher's rights.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator import clock
from generator.errors import UsageError
from generator.findings import sort_findings
from generator.gitops.change_review import Authors, ChangeReview, review_changes
from generator.gitops.ownership import Authority
from generator.gitrepo import GitRepo


def review_merged(repo_path: Path, before: str, after: str, merged: Mapping[str, Sequence[str]],
                  pusher: Authors, records: str = "records", today: dt.date | None = None) -> ChangeReview:
    """The findings of every first-parent step from `before` to `after`, each judged for the
    authors `merged` lists for its commit (else for `pusher`)."""
    day = today if today is not None else clock.today()
    with GitRepo(repo_path) as git:
        base_sha, head_sha = git.resolve(before), git.resolve(after)
        steps = git.first_parent_steps(base_sha, head_sha)
    if not steps:  # nothing new on the first-parent line (a branch moved back): the range as a whole
        return review_changes(repo_path, base_sha, pusher, records, head_sha, day)
    known = {sha.lower(): list(handles) for sha, handles in merged.items()}
    reviews = []
    for parent, commit in steps:
        reviews.append(review_changes(repo_path, parent, known.get(commit) or pusher, records, commit, day))
    authorities: dict[str, Authority] = {}
    for review in reviews:
        for authority in review.authorities:
            authorities.setdefault((authority.author or "").casefold(), authority)
    findings = list(dict.fromkeys(f for r in reviews for f in r.findings))
    return ChangeReview(base_sha, base_sha, head_sha, day, tuple(authorities.values()),
                        [c for r in reviews for c in r.changes], sort_findings(findings))


def read_merged(text: str) -> dict[str, list[str]]:
    """The commit → authors list after-merge.yml writes: one `<commit sha> <handle>` per line (a
    commit may have several lines); blank lines are skipped."""
    merged: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 2 or len(parts[0]) != 40 or any(c not in "0123456789abcdef" for c in parts[0].lower()):
            raise UsageError(f"合并记录第 {number} 行应为“提交 SHA 账号”，收到：{line.strip()!r}")
        merged.setdefault(parts[0].lower(), []).append(parts[1])
    return merged


__all__ = ["read_merged", "review_merged"]
