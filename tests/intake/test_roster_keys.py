"""Roster keys that are really the bureau's (issue 24): `validate` (ROLES-KEY) and `seal-roster`
refuse a recipient whose identity is anywhere in the repository or was published with this project
(the old test fixture's); each key has a period of use and `seal-roster` encrypts to the key of the
day only, so destroying an earlier period's identity leaves its ciphertext in history unreadable."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyrage
import pytest

from generator.cli import main
from generator.errors import IntakeError
from generator.intake.sealed_roster import open_sealed, seal_roster
from generator.records.agekeys import KNOWN_PUBLISHED
from tests.conftest import PAYMENTS, ROLES, WORLD, World, commit_all, line_of, with_roster_key
from tests.intake.test_roster_import import ROSTERS

CLASS_ID = "P2026-001-01"
SEALED = f"sealed/2026/{CLASS_ID}.age"
ON = dt.date(2026, 6, 1)
PUBLISHED = next(iter(KNOWN_PUBLISHED))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A records repository (a real Git work tree) whose class is not paid yet."""
    root = tmp_path / "repo"
    shutil.copytree(WORLD, root / "records")
    (root / "records" / PAYMENTS).unlink()
    commit_all(root, "base", "2026-05-20T09:00:00+08:00")
    return root


def roster(tmp_path: Path) -> Path:
    target = tmp_path / "desktop" / "roster.csv"
    target.parent.mkdir(exist_ok=True)
    shutil.copy(ROSTERS / "roster_gbk.csv", target)
    return target


def validate_out(records: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["validate", "--records", str(records), "--as-of", ON.isoformat(), "--no-cache"])
    return code, capsys.readouterr().out


def test_the_key_whose_identity_this_project_published_is_refused(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    world = World(repo / "records")
    with_roster_key(world, PUBLISHED)
    code, out = validate_out(world.root, capsys)
    line = line_of(world, ROLES, "recipient:")
    assert code == 1 and f"{ROLES}:{line}: error ROLES-KEY" in out and "曾随仓库公开的测试私钥" in out, out
    with pytest.raises(IntakeError, match="不是只有市人社局能解密"):
        seal_roster(roster(tmp_path), CLASS_ID, world.root, ON)
    assert not world.path("sealed").exists()


@pytest.mark.parametrize("where", ["tests/fixtures/intake/bureau.txt", "docs/notes.md", "records/classes/2026/x.txt"])
def test_a_key_whose_identity_is_anywhere_in_the_repository_is_refused(
        repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str) -> None:
    identity = pyrage.x25519.Identity.generate()
    (repo / where).parent.mkdir(parents=True, exist_ok=True)
    (repo / where).write_text(f"备份：\n{identity}\n", encoding="utf-8")
    commit_all(repo, "an identity committed by mistake", "2026-05-21T09:00:00+08:00")
    world = World(repo / "records")
    with_roster_key(world, str(identity.to_public()))
    code, out = validate_out(world.root, capsys)
    assert code == 1 and "ROLES-KEY" in out and f"仓库文件 {where} 中有其私钥" in out, out
    code = main(["seal-roster", str(roster(tmp_path)), "--class", CLASS_ID, "--records", str(world.root),
                 "--as-of", ON.isoformat()])
    err = capsys.readouterr().err
    assert code == 2 and "不是只有市人社局能解密" in err and where in err and "Traceback" not in err, err
    assert not world.path("sealed").exists()


def test_a_key_kept_outside_the_repository_is_accepted(repo: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    world = World(repo / "records")
    with_roster_key(world)  # the session's key: its identity is in a temporary folder
    code, out = validate_out(world.root, capsys)
    assert code == 0 and "ROLES-KEY" not in out, out
    assert seal_roster(roster(tmp_path), CLASS_ID, world.root, ON).written


def test_seal_roster_encrypts_to_the_key_of_the_day_only(repo: Path, tmp_path: Path) -> None:
    old, new = pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()
    world = World(repo / "records")
    world.edit(ROLES, lambda d: d.__setitem__("roster_recipients", [
        {"recipient": str(old.to_public()), "from": dt.date(2025, 1, 1), "until": dt.date(2025, 12, 31)},
        {"recipient": str(new.to_public()), "from": dt.date(2026, 1, 1), "until": dt.date(2026, 12, 31)},
    ]))
    assert seal_roster(roster(tmp_path), CLASS_ID, world.root, ON).written
    class_id, _, _ = open_sealed(world.path(SEALED), [new])
    assert class_id == CLASS_ID
    with pytest.raises(IntakeError, match="不是加密给所给私钥的"):
        open_sealed(world.path(SEALED), [old])  # 2025's identity, destroyed or not, opens nothing of 2026
    with pytest.raises(IntakeError, match="没有 2027-02-01 在用的花名册加密公钥"):
        seal_roster(roster(tmp_path), CLASS_ID, world.root, dt.date(2027, 2, 1))


def test_the_sample_and_the_test_world_list_no_key(capsys: pytest.CaptureFixture[str]) -> None:
    root = Path(__file__).parents[2]
    for roles in (root / "records" / ROLES, WORLD / ROLES):
        assert "roster_recipients" not in roles.read_text(encoding="utf-8").split("#")[0]
        text = "\n".join(line for line in roles.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        assert "roster_recipients" not in text and "age1" not in text
    assert not list(root.glob("tests/fixtures/**/*identity*"))
