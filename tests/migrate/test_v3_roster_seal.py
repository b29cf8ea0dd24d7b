"""`peixun migrate` from format 2 to 3, the rosters (issue 23): a roster imported before the seal
existed is sealed with the bureau's key, which settle then verifies; nothing is guessed, nothing is
written without the key, and a seal already there is never rewritten to fit a changed roster."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.migrate import Answers, MigrateError, migrate
from generator.migrate.framework import upgraded
from generator.records.format import CURRENT, RecordsFormatError, declared
from generator.settlement_output import settle
from tests.conftest import AS_OF, CLASS, POLICY, WORLD
from tests.fixtures.make_world import ROSTER_KEY

CLASS_ID = "P2026-001-01"


@pytest.fixture
def format2(tmp_path: Path) -> Path:
    """The test world as format 2 wrote it: no roster seal, `format: 2`; the key outside the records."""
    records = tmp_path / "records"
    shutil.copytree(WORLD, records)
    cls = records / CLASS
    cls.write_text(cls.read_text(encoding="utf-8").split("roster_seal:\n")[0], encoding="utf-8")
    policy = records / POLICY
    policy.write_text(re.sub(r"^format: \d+$", "format: 2", policy.read_text(encoding="utf-8"), flags=re.M),
                      encoding="utf-8")
    (tmp_path / "bureau.key").write_bytes(ROSTER_KEY + b"\n")
    return records


def key_answer(records: Path) -> Answers:
    return Answers({"roster_key_file": str(records.parent / "bureau.key")})


def test_the_roster_is_sealed_with_the_key_and_then_verifies(format2: Path) -> None:
    result = migrate(format2, key_answer(format2))
    assert (result.old, result.new) == (2, CURRENT) and any(p.endswith(CLASS) for p in result.changed)
    assert declared(format2).format == CURRENT
    assert (format2 / CLASS).read_bytes() == (WORLD / CLASS).read_bytes()  # the very seal the import writes
    assert settle(format2, AS_OF, use_cache=False, roster_key=ROSTER_KEY).report["held"] == []
    assert not migrate(format2, Answers({})).changed  # run twice, the second does nothing


def test_sealed_with_another_key_the_class_is_held(format2: Path, tmp_path: Path) -> None:
    """A key that is not the bureau's makes a seal settle refuses: the migration cannot launder a roster."""
    other = tmp_path / "other.key"
    other.write_bytes(b"not-the-bureaus-pseudonym-key-0")
    migrate(format2, Answers({"roster_key_file": str(other)}))
    held = settle(format2, AS_OF, use_cache=False, roster_key=ROSTER_KEY).report["held"]
    assert {h["class"] for h in held} == {CLASS_ID}


def test_a_roster_changed_after_its_seal_keeps_the_old_seal_and_is_held(format2: Path) -> None:
    """An institution adds a trainee to an already sealed class before the migration: the step leaves
    the seal alone (it only seals what has none), so settle still refuses the changed roster."""
    cls = format2 / CLASS
    cls.write_bytes((WORLD / CLASS).read_bytes())  # sealed as imported
    text = cls.read_text(encoding="utf-8")
    first = re.search(r"^  - person: (p_[0-9a-f]+)$", text, flags=re.M)
    assert first is not None
    cls.write_text(text.replace(first.group(1), "p_" + "e" * 24, 1), encoding="utf-8")
    changed = cls.read_bytes()
    migrate(format2, key_answer(format2))
    assert cls.read_bytes() == changed  # no seal rewritten to fit
    held = settle(format2, AS_OF, use_cache=False, roster_key=ROSTER_KEY).report["held"]
    assert {h["class"] for h in held} == {CLASS_ID}


def test_settle_names_the_old_format_before_anything(format2: Path) -> None:
    with pytest.raises(RecordsFormatError) as refused:
        settle(format2, AS_OF, use_cache=False, roster_key=ROSTER_KEY)
    assert "peixun migrate" in str(refused.value)


def test_without_the_key_it_asks_and_writes_nothing(format2: Path) -> None:
    text = (format2 / CLASS).read_bytes()
    with pytest.raises(MigrateError) as refused:
        migrate(format2, Answers({}))
    assert {p.question.name for p in refused.value.problems if p.question} == {"roster_key_file"}
    assert "--set roster_key_file=" in str(refused.value)
    assert (format2 / CLASS).read_bytes() == text and declared(format2).format == 2


@pytest.mark.parametrize(("content", "said"), [(b"0123", "假名密钥过短"), (None, "无法读取假名密钥文件")])
def test_a_short_or_missing_key_is_refused(format2: Path, tmp_path: Path, content: bytes | None,
                                           said: str) -> None:
    key = tmp_path / "bad.key"
    if content is not None:
        key.write_bytes(content)
    with pytest.raises(MigrateError) as refused:
        migrate(format2, Answers({"roster_key_file": str(key)}))
    assert said in str(refused.value) and declared(format2).format == 2


def test_history_is_read_without_a_key() -> None:
    tree = {"id": CLASS_ID, "trainees": [{"person": "p_" + "0" * 24}]}
    upgraded_tree, problems = upgraded("class", tree, Answers({}), 2, CURRENT)
    assert problems == [] and "roster_seal" not in upgraded_tree


def test_a_key_inside_a_git_work_tree_is_refused(format2: Path) -> None:
    """The pseudonym key reverses every pseudonym: a key file one `git add` from a commit is refused
    and nothing is written."""
    (format2 / ".git").mkdir()
    inside = format2 / "bureau.key"
    inside.write_bytes((format2.parent / "bureau.key").read_bytes())
    text = (format2 / CLASS).read_bytes()
    with pytest.raises(MigrateError) as refused:
        migrate(format2, Answers({"roster_key_file": str(inside)}))
    assert "位于 Git 仓库" in str(refused.value)
    assert (format2 / CLASS).read_bytes() == text and declared(format2).format == 2
