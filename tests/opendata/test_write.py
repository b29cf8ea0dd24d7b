"""Stable file names, identical rebuilds, changes confined to what a record shows, and a correct index."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from generator.opendata.dictionary import TABLES, dictionary_data
from tests.opendata.helpers import BASE_URL, build, read_csv, sample_world, snapshot

NAMES = {
    "classes.csv", "classes.json", "datapackage.json", "dictionary.json", "index.json", "institutions.csv",
    "institutions.json", "metadata.json", "payments.csv", "payments.json", "peixun.sqlite", "projects.csv",
    "projects.json", "ocds/all.json",
    *(f"ocds/P2026-00{i}.json" for i in (1, 2, 3, 4, 5, 6, 8)),
    "ocds/records/all.json", *(f"ocds/records/P2026-00{i}.json" for i in (1, 2, 3, 4, 5, 6, 8)),
}


def test_two_writes_give_the_same_names_and_bytes(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    _, paths = build(world.root, tmp_path / "a")
    build(world.root, tmp_path / "b")
    first, second = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert set(first) == NAMES
    assert sorted(p.relative_to(tmp_path / "a").as_posix() for p in paths) == sorted(NAMES)
    assert first == second
    build(world.root, tmp_path / "a")  # rewriting in place changes nothing either
    assert snapshot(tmp_path / "a") == first


def changed_by(tmp_path: Path, rel: str, change: Any) -> set[str]:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "before")
    world.edit(rel, change)
    build(world.root, tmp_path / "after")
    before, after = snapshot(tmp_path / "before"), snapshot(tmp_path / "after")
    assert set(before) == set(after)  # URLs stay
    return {name for name in before if before[name] != after[name]}


def test_a_payment_changes_only_the_files_that_show_it(tmp_path: Path) -> None:
    def more(d: Any) -> None:
        d["installments"][0]["amount"] = 16000
    # P2026-006's cohort is closed by the as-of date: its money is published
    assert changed_by(tmp_path, "payments/2026/P2026-006-01.yaml", more) == {
        "projects.csv", "projects.json", "institutions.csv", "institutions.json", "payments.csv",
        "payments.json", "peixun.sqlite", "ocds/P2026-006.json", "ocds/all.json", "index.json",
        "ocds/records/P2026-006.json", "ocds/records/all.json",
    }


def test_a_payment_of_a_cohort_not_yet_published_changes_no_file(tmp_path: Path) -> None:
    """Issue 24: before the outcome pages publish a cohort, its money tells nothing, not even by
    a difference between two versions of the downloads."""
    def more(d: Any) -> None:
        d["installments"][0]["amount"] = 27000
    assert changed_by(tmp_path / "two", "payments/2026/P2026-001-01.yaml", more) == set()


def test_a_class_date_changes_only_the_class_tables(tmp_path: Path) -> None:
    def later(d: Any) -> None:
        d["end_on"] = dt.date(2026, 12, 3)
    assert changed_by(tmp_path, "classes/2026/P2026-003-02.yaml", later) == {
        "classes.csv", "classes.json", "peixun.sqlite", "index.json",
    }


def test_an_unpublished_field_changes_nothing(tmp_path: Path) -> None:
    def move(d: Any) -> None:
        d["location"] = "另一个地点"
    assert changed_by(tmp_path, "classes/2026/P2026-003-02.yaml", move) == set()


def test_the_index_lists_every_file_with_size_and_hash(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "out")
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    files = snapshot(tmp_path / "out")
    assert index["as_of"] == "2027-06-30"
    assert [e["path"] for e in index["files"]] == sorted(NAMES - {"index.json"})
    for entry in index["files"]:
        data = files[entry["path"]]
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["url"] == BASE_URL + entry["path"]


def test_a_project_no_longer_published_loses_its_package(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "out")
    (tmp_path / "out" / "keep.txt").write_text("not ours", encoding="utf-8")
    world.edit("projects/2026/P2026-008.yaml", lambda d: d.__setitem__("status", "rejected"))
    build(world.root, tmp_path / "out")
    assert not (tmp_path / "out" / "ocds" / "P2026-008.json").exists()
    assert not (tmp_path / "out" / "ocds" / "records" / "P2026-008.json").exists()
    assert (tmp_path / "out" / "ocds" / "records" / "P2026-006.json").exists()
    assert (tmp_path / "out" / "keep.txt").exists()


def test_the_dictionary_file_describes_the_csv_headers(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "dictionary.json").read_text(encoding="utf-8"))
    assert data == dictionary_data()
    for table, entry in zip(TABLES, data["tables"], strict=True):
        assert list(read_csv(tmp_path / "out" / f"{table.name}.csv")[0]) == [c["title"] for c in entry["columns"]]
        assert all(c["meaning"] and c["type"] and c["source"] for c in entry["columns"])
