"""A real Git repository holding the test world, with a pull-request branch to change it on."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import git
import pytest

from generator.findings import Finding
from generator.gitops.change_review import check_changes
from tests.conftest import APPLICATION, CLASS, INSTITUTION, WORLD, World, commit_all

BASE_DAY = "2026-07-20T12:00:00+08:00"
PR_DAY = "2026-08-01T10:00:00+08:00"
OTHER_USCC = "91320214MA00000002"
OTHER_INSTITUTION = f"institutions/{OTHER_USCC}.yaml"
UNPAID_CLASS = "classes/2026/P2026-001-02.yaml"
UNDECIDED_APPLICATION = "applications/2026/A2026-002.yaml"  # no decision names it yet


class Ledger:
    """The repository: `records` is the editable world inside it, `main` the base branch."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.records = World(root / "records")
        self.repo = git.Repo(root)

    def rel(self, record: str) -> str:
        """A record's path as findings name it (repository-relative)."""
        return f"records/{record}"

    def commit(self, message: str = "change", when: str = PR_DAY) -> str:
        return commit_all(self.root, message, when)

    def checkout(self, branch: str, new: bool = False) -> None:
        self.repo.git.checkout(*(["-b"] if new else []), branch)

    def check(self, author: str | None, base: str = "main", today: dt.date | None = None) -> list[Finding]:
        """check-changes as CI runs it, on `today` (the CI clock; default: the day of PR_DAY)."""
        return check_changes(self.root, base, author, today=today or day_of(PR_DAY))

    def rules(self, author: str | None) -> list[tuple[str, str]]:
        return [(f.rule, f.path) for f in self.check(author)]

    def pr(self, author: str | None, change: Any, when: str = PR_DAY, branch: str = "pr") -> list[Finding]:
        """Make `change(records)` on a fresh branch off the current one, commit it and check it against
        main on the day `when` (the commit carries the same date, but the check never reads it)."""
        self.checkout(branch, new=True)
        change(self.records)
        self.commit("pull request", when)
        return self.check(author, today=day_of(when))


def day_of(when: str) -> dt.date:
    """The day in Wuxi of an ISO timestamp the tests commit with."""
    return dt.datetime.fromisoformat(when).astimezone(dt.timezone(dt.timedelta(hours=8))).date()


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    root = tmp_path / "repo"
    shutil.copytree(WORLD, root / "records")
    world = World(root / "records")

    def other(data: Any) -> None:
        data.update(uscc=OTHER_USCC, name="无锡另一示例培训学校", maintainers=["school-b"])

    world.copy(INSTITUTION, OTHER_INSTITUTION, other)

    def unpaid(data: Any) -> None:
        data.update(id="P2026-001-02", start_on="2026-09-01", end_on="2026-09-20")

    world.copy(CLASS, UNPAID_CLASS, unpaid)
    world.copy(APPLICATION, UNDECIDED_APPLICATION, lambda d: d.update(id="A2026-002"))
    git.Repo.init(root)
    commit_all(root, "base records", BASE_DAY)
    git.Repo(root).git.branch("-M", "main")
    return Ledger(root)
