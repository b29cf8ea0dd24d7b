"""Who acted: the Git host account behind a commit, the organisation it acts for, and the merge
that brought the commit into the ledger.

An account is known only from what the host itself writes: its private commit address
(`[id+]account@users.noreply.<host>`), an author name that is an account, and the merge commit's
own subject (`Merge pull request #12 from account/branch`). An e-mail's domain is never read as an
organisation (anyone can write any address). The organisation comes from the records: roles.yaml
(市人社局, a district's 人社部门) and the institutions' `maintainers` (the institution's name); the
bureau wins when an account is listed twice. The audit trail and the site's change history both
attribute commits here, so they never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.gitops.identity import canonical
from generator.gitops.snapshot import Snapshot
from generator.gitrepo import GitRepo

# a Git host's private commit address: [numeric id+]account@users.noreply.<host>
_NOREPLY = re.compile(r"^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9-]*)@users\.noreply\.", re.I)
# the subjects hosts write when they merge a pull request
_MERGED_FROM = re.compile(r"^Merge pull request #(\d+) from ([A-Za-z0-9][A-Za-z0-9-]*)/")  # GitHub
_GITEA = re.compile(r"^Merge pull request '.*' \(#(\d+)\) from ")  # Gitea, Forgejo
_SQUASHED = re.compile(r"\(#(\d+)\)\s*$")  # a squash or rebase merge keeps the number at the end
BUREAU = "市人社局"


def accounts_of(author: str, email: str) -> list[str]:
    """The accounts a commit's author may be, most certain first (canonical, lower case)."""
    found: list[str] = []
    match = _NOREPLY.match(email.strip())
    if match and (handle := canonical(match.group(1))):
        found.append(handle)
    if (handle := canonical(author.strip())) and handle not in found:
        found.append(handle)
    return found


@dataclass(frozen=True)
class Organisations:
    """Account (canonical) -> the organisation it acts for."""

    by_account: Mapping[str, str]

    @classmethod
    def from_data(cls, roles: Any, institutions: Iterable[Any], bureau: str = BUREAU) -> Organisations:
        """From plain data (or models dumped to it): roles.yaml and the institution records; `bureau`
        names the bureau's accounts (the site passes the policy's, e.g. 梁溪区人社局)."""
        found: dict[str, str] = {}
        for inst in sorted((i for i in institutions if isinstance(i, Mapping)), key=lambda i: str(i.get("uscc"))):
            name = inst.get("name")
            for handle in inst.get("maintainers") or []:
                if (key := canonical(handle)) and isinstance(name, str):
                    found.setdefault(key, name)
        roles = roles if isinstance(roles, Mapping) else {}
        districts = roles.get("districts")
        for district, members in (districts.items() if isinstance(districts, Mapping) else []):
            for handle in members if isinstance(members, list) else []:
                if key := canonical(handle):
                    found[key] = f"{district}人社部门"
        for handle in roles.get("bureau") or []:
            if key := canonical(handle):
                found[key] = bureau
        return cls(found)

    def of(self, account: str | None) -> str | None:
        key = canonical(account) if account else None
        return self.by_account.get(key) if key else None

    def actor(self, author: str, email: str) -> tuple[str | None, str | None]:
        """(account, organisation) of a commit's author: the first candidate account with an
        organisation, else the account of a host's private address (organisation None), else
        (None, None). Both come from the commit, which its author wrote; the merge's own commit
        (`landings`) is what the host wrote when the change was accepted."""
        candidates = accounts_of(author, email)
        for account in candidates:
            if (org := self.of(account)) is not None:
                return account, org
        # an unknown author name is a person's name as likely as an account: only the host's
        # own address names an account nobody registered
        noreply = _NOREPLY.match(email.strip())
        return (candidates[0], None) if noreply and candidates else (None, None)


def organisations_at(git: GitRepo, rev: str, records: str) -> Organisations:
    """The organisations as the records at `rev` (under `records`, repository-relative) name them."""
    snap = Snapshot(git, rev, records)
    return Organisations.from_data(snap.single("roles"), snap.all("institution").values())


@dataclass(frozen=True)
class Landing:
    """How a commit reached the branch: `commit` is the branch's own commit that brought it (a merge
    commit, or the commit itself when it was pushed or squashed onto the branch)."""

    commit: str
    merged: bool  # brought by a merge commit (the commit itself is not on the branch's first-parent line)
    pull_request: int | None  # the number the host wrote in the subject, if any
    opened_by: str | None  # the account named by "Merge pull request #N from account/branch"
    author: str  # the landing commit's author name and e-mail (the merger, for a host's merge)
    email: str
    date: str  # committer date of the landing commit, ISO 8601

    def as_dict(self) -> dict[str, Any]:
        return {"commit": self.commit, "merged": self.merged, "pull_request": self.pull_request,
                "opened_by": self.opened_by, "date": self.date}


def pull_request_of(subject: str) -> tuple[int | None, str | None]:
    """The pull-request number and the account it came from, as far as the subject says."""
    if match := _MERGED_FROM.match(subject):
        return int(match.group(1)), canonical(match.group(2))
    if match := _GITEA.match(subject) or _SQUASHED.search(subject):
        return int(match.group(1)), None
    return None, None


def landings(git: GitRepo, rev: str = "HEAD") -> dict[str, Landing]:
    """For every commit reachable from `rev`, the commit of `rev`'s first-parent line that brought it.

    One `git log` of the whole graph: walking the first-parent line from the oldest commit, each
    line commit claims itself and everything its other parents reach that no older line commit
    claimed (the commits its merge brought in)."""
    out = git.log("--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%cI%x1f%s", rev, "--")
    parents: dict[str, list[str]] = {}
    info: dict[str, tuple[str, str, str, str]] = {}
    for chunk in out.split("\x1e")[1:]:
        sha, parent_text, author, email, date, subject = chunk.rstrip("\n").split("\x1f", 5)
        parents[sha] = parent_text.split()
        info[sha] = (author, email, date, subject)
    line: list[str] = []
    head = git.resolve(rev)
    while head in parents:
        line.append(head)
        first = parents[head]
        head = first[0] if first else ""
    found: dict[str, Landing] = {}
    for tip in reversed(line):
        author, email, date, subject = info[tip]
        number, opened_by = pull_request_of(subject)
        found[tip] = Landing(tip, False, number, opened_by, author, email, date)
        merged = Landing(tip, True, number, opened_by, author, email, date)
        stack = list(parents[tip][1:])
        while stack:
            sha = stack.pop()
            if sha in found or sha not in parents:
                continue
            found[sha] = merged
            stack.extend(parents[sha])
    return found
