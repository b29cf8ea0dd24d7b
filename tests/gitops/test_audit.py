"""peixun audit and recent_changes on real repositories: renames, deletions, field diffs, one git log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator.gitops.audit import audit, recent_changes
from tests.conftest import APPLICATION, CLASS, World
from tests.gitops.conftest import Ledger
from tests.gitops.history import build_history

PERSON = "p_1abf46952bc24580ef9e29d5"


def git_processes(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Every Git process GitPython started while the log was captured (it logs each Popen)."""
    return [r.getMessage() for r in caplog.records if r.name == "git.cmd" and r.getMessage().startswith("Popen(")]


def test_audit_follows_a_rename_and_names_each_changed_field(ledger: Ledger) -> None:
    moved = "applications/2027/A2026-001.yaml"
    ledger.records.edit(APPLICATION, lambda d: d.update(project_name="工业机器人系统运维员"))
    ledger.commit("rename the project", "2026-08-01T10:00:00+08:00")
    ledger.records.path(moved).parent.mkdir(parents=True)
    ledger.records.path(APPLICATION).rename(ledger.records.path(moved))
    ledger.records.edit(moved, lambda d: d["planned"].update(trainees=30))
    ledger.commit("move to 2027 and plan 30 trainees", "2026-08-02T10:00:00+08:00")

    revisions = audit(ledger.root, ledger.rel(moved))

    assert [(r.status, r.commit.message) for r in revisions] == [
        ("renamed", "move to 2027 and plan 30 trainees"), ("modified", "rename the project"), ("added", "base records")]
    renamed, modified, added = revisions
    assert (renamed.old_path, renamed.path) == (ledger.rel(APPLICATION), ledger.rel(moved))
    assert [(c.path, c.new) for c in renamed.changes] == [("planned.trainees", 30)]
    assert [c.path for c in modified.changes] == ["project_name"]
    assert modified.changes[0].new == "工业机器人系统运维员"
    assert (added.changes, added.commit.author, added.commit.date) == ([], "Test Bureau", "2026-07-20T12:00:00+08:00")


def test_a_deleted_record_is_audited_by_its_old_path(ledger: Ledger) -> None:
    ledger.records.remove(APPLICATION)
    ledger.commit("withdraw")
    assert [r.status for r in audit(ledger.root, ledger.rel(APPLICATION))] == ["deleted", "added"]


def test_roster_entries_are_matched_by_pseudonym_and_comments_are_no_change(ledger: Ledger) -> None:
    def change(world: World) -> None:
        world.edit(CLASS, lambda d: d["trainees"].reverse())  # re-imported in another order
        world.edit(CLASS, lambda d: d["trainees"][-1].update(attended_periods=40))

    change(ledger.records)
    ledger.commit("attendance")
    text = ledger.records.path(CLASS).read_text(encoding="utf-8")
    ledger.records.write(CLASS, text + "# 备注：已核对\n")
    ledger.commit("comment only")
    comment, attendance, _added = audit(ledger.root, ledger.rel(CLASS))
    assert comment.changes == []
    assert [(c.path, c.old, c.new) for c in attendance.changes] == [
        (f"trainees[{PERSON}].attended_periods", 48, 40)]


def test_recent_changes_lists_records_without_values_or_pseudonyms(ledger: Ledger, tmp_path: Path) -> None:
    ledger.records.edit(CLASS, lambda d: d["trainees"][0].update(attended_periods=40))
    ledger.records.edit(APPLICATION, lambda d: d.update(project_name="新名称"))
    ledger.commit("two records")
    (ledger.root / "README.md").write_text("not a record\n", encoding="utf-8")
    ledger.commit("docs")
    changes = recent_changes(ledger.root, 2)
    assert [(c.path, c.kind, c.fields) for c in changes] == [
        (ledger.rel(APPLICATION), "application", ["project_name"]),
        (ledger.rel(CLASS), "class", ["trainees[*].attended_periods"]),
    ]
    assert PERSON not in repr([c.as_dict() for c in changes])
    assert len(recent_changes(ledger.root, 50)) == 14 + 2  # the base commit's 14 records, then the two
    assert recent_changes(ledger.root, 0) == []


def test_a_long_history_is_read_with_one_git_log(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    history = build_history(tmp_path / "big", commits=3000, every=50)
    caplog.set_level(logging.DEBUG, logger="git.cmd")

    revisions = audit(tmp_path / "big", history.record_path)

    processes = git_processes(caplog)
    assert sum("'log'" in p for p in processes) == 1, processes
    assert len(processes) <= 2, processes  # the log and the one persistent cat-file --batch
    assert len(revisions) == len(history.edits) + 1  # every edit, plus the rename commit
    assert revisions[-1].status == "added" and revisions[-1].path == history.first_path
    renamed = next(r for r in revisions if r.status == "renamed")
    assert renamed.commit.message == f"commit {history.renamed_at}" and renamed.changes == []
    newest = revisions[0]
    assert newest.commit.message == f"commit {history.edits[-1]}"
    last = len(history.edits)
    assert [(c.path, c.old, c.new) for c in newest.changes] == [
        ("project_name", f"无人机装调检修工 第 {last - 1} 版", f"无人机装调检修工 第 {last} 版"),
        ("planned.trainees", 20 + last - 1, 20 + last),
    ]


def test_recent_changes_is_one_git_log_too(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    build_history(tmp_path / "big", commits=500, every=10)
    caplog.set_level(logging.DEBUG, logger="git.cmd")
    changes = recent_changes(tmp_path / "big", 20)
    assert sum("'log'" in p for p in git_processes(caplog)) == 1
    assert len(changes) == 20 and all(c.kind == "application" for c in changes)


def test_recent_changes_reads_only_versions_it_compares(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import adds thousands of records at once: an added record has nothing to compare, so its
    blob must not be read and parsed (that alone was a YAML parse of the whole corpus)."""
    from generator.gitops import audit as audit_module

    parsed: list[bytes] = []

    def counting(data: bytes) -> object:
        parsed.append(data)
        return real(data)

    real = audit_module.parse_blob
    monkeypatch.setattr(audit_module, "parse_blob", counting)
    ledger.records.edit(APPLICATION, lambda d: d.update(project_name="新名称"))
    ledger.commit("one edit")

    changes = recent_changes(ledger.root, 50)

    assert len(changes) == 14 + 1 and changes[0].fields == ["project_name"]
    assert len(parsed) == 2  # the edited record's old and new version, none of the 12 added ones


def test_known_diffs_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Blob ids name contents, so the fields changed between two blobs never change: a build
    keeps them (the site passes its cache) and reads only the versions of new commits."""
    from generator.gitops import audit as audit_module

    history = build_history(tmp_path / "big", commits=200, every=10)
    known: dict[tuple[str, str], list[str]] = {}
    first = recent_changes(tmp_path / "big", 500, known=known)
    edits = [c for c in first if c.status == "modified"]  # the rename keeps its blob: nothing to compare
    assert len(edits) == len(history.edits) - 1 and all(c.fields for c in edits)
    assert len(known) == len(edits)

    parsed: list[bytes] = []
    real = audit_module.parse_blob
    monkeypatch.setattr(audit_module, "parse_blob", lambda data: parsed.append(data) or real(data))
    assert recent_changes(tmp_path / "big", 500, known=known) == first
    assert parsed == []
    assert recent_changes(tmp_path / "big", 500) == first
    assert len(parsed) == len(edits) + 1  # without the store: every version again (each read once)
