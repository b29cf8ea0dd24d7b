"""`peixun migrate` from format 2 to 3 (issue 24): each roster key gets its period of use, asked for
since it cannot be derived; the key whose identity this project published is dropped, never kept."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pyrage
import pytest

from generator.migrate import Answers, MigrateError, migrate
from generator.pipeline import validate
from generator.records.agekeys import KNOWN_PUBLISHED
from generator.records.format import CURRENT, declared
from tests.conftest import AS_OF, POLICY, ROLES, WORLD, World

PUBLISHED = next(iter(KNOWN_PUBLISHED))
ANSWERS = {"roster_key_from": "2026-01-01", "roster_key_until": "2026-12-31"}


def format2(root: Path, keys: list[str]) -> World:
    """The test world as format 2 wrote it: the policy declares 2, roles lists plain keys."""
    shutil.copytree(WORLD, root)
    world = World(root)
    policy = world.path(POLICY).read_text(encoding="utf-8")
    world.write(POLICY, policy.replace(f"format: {CURRENT}\n", "format: 2\n"))
    roles = world.path(ROLES).read_text(encoding="utf-8")
    world.write(ROLES, roles + "roster_recipients:\n" + "".join(f"  - {k}\n" for k in keys))
    return world


def test_a_bureau_key_is_given_the_period_asked_for(tmp_path: Path) -> None:
    own = str(pyrage.x25519.Identity.generate().to_public())
    world = format2(tmp_path / "records", [PUBLISHED, own])
    with pytest.raises(MigrateError) as refused:
        migrate(world.root)
    [asked] = [p.question for p in refused.value.problems if p.question]
    assert asked.name == "roster_key_from" and "roster_key_until" in asked.option  # both named at once
    assert "roster_recipients" in world.path(ROLES).read_text(encoding="utf-8")
    result = migrate(world.root, Answers(ANSWERS))
    assert (result.old, result.new) == (2, CURRENT) and declared(world.root).format == CURRENT
    listed = world.load(ROLES)["roster_recipients"]
    assert [dict(e) for e in listed] == [{"recipient": own, "from": dt.date(2026, 1, 1),
                                          "until": dt.date(2026, 12, 31)}]
    assert PUBLISHED not in world.path(ROLES).read_text(encoding="utf-8")
    assert [f for f in validate(world.root, AS_OF, use_cache=False).findings if f.severity == "error"] == []
    assert not migrate(world.root, Answers({})).changed


def test_only_the_published_key_needs_no_question_and_leaves_none(tmp_path: Path) -> None:
    world = format2(tmp_path / "records", [PUBLISHED])
    migrate(world.root)
    assert "roster_recipients" not in world.path(ROLES).read_text(encoding="utf-8")


@pytest.mark.parametrize("answers", [{"roster_key_from": "0001-01-01", "roster_key_until": "2026-12-31"},
                                     {"roster_key_from": "2026-12-31", "roster_key_until": "2026-01-01"},
                                     {"roster_key_from": "明年", "roster_key_until": "2026-12-31"}])
def test_an_impossible_period_is_refused_and_nothing_written(tmp_path: Path, answers: dict[str, str]) -> None:
    world = format2(tmp_path / "records", [str(pyrage.x25519.Identity.generate().to_public())])
    before = world.path(ROLES).read_bytes()
    with pytest.raises(MigrateError):
        migrate(world.root, Answers(answers))
    assert world.path(ROLES).read_bytes() == before
