"""Settle's files are declared once (`SETTLE_ARTIFACTS`): settle renders and writes exactly them, the
README and docs/settlement.md list exactly them, and adding one is one entry (walked through here)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.contract import SECTIONS, stale_sections, write_sections
from generator.settlement import artifacts
from generator.settlement.artifacts import SETTLE_ARTIFACTS, Artifact
from generator.settlement_output import ARTIFACTS, PAYABLE, settle, write_artifacts
from tests.conftest import World
from tests.fixtures.make_world import ROSTER_KEY

AS_OF = dt.date(2027, 6, 30)
ROOT = Path(__file__).parents[2]


def listed(text: str) -> list[str]:
    """The file names of the generated settle-artifacts table in a document."""
    section = text.split("<!-- BEGIN generated: settle-artifacts", 1)[1]
    section = section.split("<!-- END generated: settle-artifacts", 1)[0]
    return re.findall(r"^\| `([^`]+)` \|", section, re.M)


def test_names_are_unique_and_the_payment_list_is_the_verified_only_part() -> None:
    assert len(set(ARTIFACTS)) == len(ARTIFACTS) == len(SETTLE_ARTIFACTS)
    assert PAYABLE == ("payable.xlsx", "payable.docx")
    assert all(a.description and "|" not in a.name for a in SETTLE_ARTIFACTS)


def test_every_declared_artifact_is_rendered_and_written(world: World, tmp_path: Path) -> None:
    result = settle(world.root, AS_OF, roster_key=ROSTER_KEY)
    assert list(result.files) == list(ARTIFACTS)
    written = write_artifacts(result, tmp_path / "out")
    assert written == [tmp_path / "out" / a.name for a in SETTLE_ARTIFACTS]
    for artifact in SETTLE_ARTIFACTS:
        assert result.files[artifact.name], artifact.name
        assert (tmp_path / "out" / artifact.name).read_bytes() == result.files[artifact.name], artifact.name


def test_without_the_key_exactly_the_verified_only_artifacts_are_missing(world: World, tmp_path: Path) -> None:
    result = settle(world.root, AS_OF)
    write_artifacts(result, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        a.name for a in SETTLE_ARTIFACTS if not a.verified_only)


@pytest.mark.parametrize("doc", ["README.md", "docs/settlement.md"])
def test_the_documents_list_exactly_the_declared_files_in_order(doc: str) -> None:
    assert listed((ROOT / doc).read_text(encoding="utf-8")) == list(ARTIFACTS)
    assert any(s.file == doc and s.name == "settle-artifacts" for s in SECTIONS)


def test_walkthrough_adding_a_settle_output(world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ARCHITECTURE.md "Where to add things", a settle output, done once: one `Artifact` entry is all
    it takes for settle to write the file and for `peixun contract --check` to ask for the docs."""
    extra = Artifact("classes.txt", lambda s: "\n".join(c.class_id for c in s.report.classes).encode(),
                     "one class id per line")
    monkeypatch.setattr(artifacts, "SETTLE_ARTIFACTS", (*SETTLE_ARTIFACTS, extra))
    written = write_artifacts(settle(world.root, AS_OF, roster_key=ROSTER_KEY), tmp_path / "out")
    assert (tmp_path / "out" / "classes.txt").read_text() == "P2026-001-01"
    assert [p.name for p in written][-1] == "classes.txt"
    repo = tmp_path / "repo"
    for section in SECTIONS:
        (repo / section.file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / section.file, repo / section.file)
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    shutil.copytree(ROOT / "generator", repo / "generator")
    assert stale_sections(repo) == ["README.md#settle-artifacts", "docs/settlement.md#settle-artifacts"]
    assert write_sections(repo) == ["README.md#settle-artifacts", "docs/settlement.md#settle-artifacts"]
    assert stale_sections(repo) == []
    assert listed((repo / "README.md").read_text(encoding="utf-8"))[-1] == "classes.txt"
