"""An audit reads revisions of the previous record format: in a real Git history that starts in
format 1, changes a unit price there, is migrated and changes on, every revision settles (its old
files brought to today's models in memory), the price change moves money, and the migration commit
moves none. `peixun audit` tells the whole history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cli import main
from generator.gitops.money import Ledger
from generator.gitrepo import GitRepo
from generator.migrate import Answers, migrate, read_current
from generator.records.kinds import KINDS_BY_NAME
from generator.records.parsing import read_file
from tests.migrate.test_v2 import FORMAT1, POLICY, PROJECT, ROSTER_KEY, score_sheet

AS_OF = dt.date(2027, 6, 30)


def commit(repo: Path, message: str, day: str) -> str:
    env = {"GIT_AUTHOR_NAME": "wx-bureau", "GIT_AUTHOR_EMAIL": "wx-bureau@users.noreply.github.com",
           "GIT_COMMITTER_NAME": "wx-bureau", "GIT_COMMITTER_EMAIL": "wx-bureau@users.noreply.github.com",
           "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00",
           "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "commit", "-q", "-m", message], cwd=repo, env=env, check=True)
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, list[str]]:
    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(FORMAT1, records)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    shas = [commit(repo, "format 1", "2026-05-01")]
    project = records / PROJECT
    project.write_text(project.read_text(encoding="utf-8").replace("unit_price: 1000", "unit_price: 900"),
                       encoding="utf-8")
    shas.append(commit(repo, "单价调整（旧格式）", "2026-05-16"))
    sheet = score_sheet(records, tmp_path / "scores.csv")
    key = tmp_path / "roster.key"  # the bureau's pseudonym key, outside the repository
    key.write_bytes(ROSTER_KEY)
    migrate(records, Answers({"jurisdiction": "无锡市", "review_scores": str(sheet), "roster_key_file": str(key)}))
    shas.append(commit(repo, "peixun migrate：记录格式 1 → 2", "2026-11-01"))
    return repo, shas


def test_an_old_format_file_is_read_as_todays(history: tuple[Path, list[str]]) -> None:
    policy = (FORMAT1 / POLICY).read_bytes()
    kind = KINDS_BY_NAME["policy"]
    assert read_file(kind, POLICY, policy).model is None  # today's models refuse it as it is
    model = read_current(kind, POLICY, policy).model
    assert model is not None and model.jurisdiction == "无锡市"  # type: ignore[attr-defined]
    project = read_current(KINDS_BY_NAME["project"], PROJECT, (FORMAT1 / PROJECT).read_bytes()).model
    assert project is not None and project.review is None  # type: ignore[attr-defined]


def test_every_revision_settles_and_the_migration_moves_no_money(history: tuple[Path, list[str]]) -> None:
    repo, (first, price, migrated) = history
    with GitRepo(repo) as git:
        ledger = Ledger(git, "records")
        figures, broken = ledger.figures(first, AS_OF)
        assert figures and broken == []
        moved = ledger.delta(first, price, AS_OF)
        assert moved.comparable and moved.due_change < 0  # 1000 → 900 a head lowers what is owed
        same = ledger.delta(price, migrated, AS_OF)
        assert same.comparable and same.classes == ()


def test_peixun_audit_tells_the_history_across_the_migration(history: tuple[Path, list[str]],
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    repo, shas = history
    assert main(["audit", str(repo / "records" / PROJECT), "--format", "json"]) == 0
    revisions = json.loads(capsys.readouterr().out)
    text = json.dumps(revisions, ensure_ascii=False)
    assert all(sha in text for sha in shas)
    assert main(["audit", str(repo / "records" / PROJECT)]) == 0
    out = capsys.readouterr().out
    assert "单价调整（旧格式）" in out or "成交单价" in out
