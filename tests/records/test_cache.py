"""The load cache never hides a finding: every change shows the same findings warm as cold."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import run, validate
from generator.records.cache import RecordCache
from generator.records.load import load, load_records
from generator.validate import Report
from tests.conftest import AS_OF, CATALOG, CLASS, EMPLOYMENT, PAYMENTS, POLICY, PROJECT, World, commit_all
from tests.rules.test_corrections import PERSON, write_correction


def _run(world: World, cache_dir: Path, use_cache: bool = True) -> Report:
    return validate(world.root, AS_OF, use_cache=use_cache, cache_dir=cache_dir)


def _shown(report: Report) -> list[dict[str, Any]]:
    return [f.as_dict() for f in report.findings]


def _warm_equals_cold(world: World, tmp_path: Path, change: Callable[[World], None]) -> Report:
    cache_dir = tmp_path / "cache"
    first = _run(world, cache_dir)
    assert _shown(_run(world, cache_dir)) == _shown(first)  # the unchanged run, from the stored findings
    change(world)
    warm = _run(world, cache_dir)
    cold = _run(world, cache_dir, use_cache=False)
    assert _shown(warm) == _shown(cold)
    assert warm.files == cold.files
    return warm


def _rules(report: Report) -> set[str]:
    return {f.rule for f in report.findings}


def test_a_changed_class_file(world: World, tmp_path: Path) -> None:
    def change(w: World) -> None:
        w.edit(CLASS, lambda d: d["trainees"][3].__setitem__("attended_periods", 20))

    report = _warm_equals_cold(world, tmp_path, change)
    assert "CLS-ATTENDANCE" in _rules(report)


def test_a_changed_policy_reaches_unchanged_classes(world: World, tmp_path: Path) -> None:
    def change(w: World) -> None:
        w.edit(POLICY, lambda d: d["training"].__setitem__("min_total_periods", 60))

    report = _warm_equals_cold(world, tmp_path, change)
    assert "CLS-PERIODS" in _rules(report)


def test_a_changed_catalog_reaches_unchanged_applications(world: World, tmp_path: Path) -> None:
    def change(w: World) -> None:
        w.edit(CATALOG, lambda d: d["occupations"][0]["standards"].__setitem__("L4", 800))

    report = _warm_equals_cold(world, tmp_path, change)
    assert "APP-PRICE" in _rules(report)


def test_a_deleted_file(world: World, tmp_path: Path) -> None:
    report = _warm_equals_cold(world, tmp_path, lambda w: w.remove(PROJECT))
    assert "REF" in _rules(report)


def test_an_added_file(world: World, tmp_path: Path) -> None:
    def change(w: World) -> None:
        w.copy(CLASS, "classes/2026/P2026-001-02.yaml", lambda d: d.__setitem__("id", "P2026-001-02"))

    report = _warm_equals_cold(world, tmp_path, change)
    assert {"CLS-OVERLAP", "SUB-REPEAT"} <= _rules(report)


def test_a_file_that_breaks(world: World, tmp_path: Path) -> None:
    report = _warm_equals_cold(world, tmp_path, lambda w: w.write(EMPLOYMENT, "class: [\n"))
    assert "SCHEMA" in _rules(report)


def test_a_pii_leak_in_a_comment(world: World, tmp_path: Path) -> None:
    def change(w: World) -> None:
        w.write(CLASS, w.path(CLASS).read_text(encoding="utf-8") + "# 联系 13812345678\n")

    report = _warm_equals_cold(world, tmp_path, change)
    assert "PII" in _rules(report)


def test_corrections_apply_warm_as_cold(world: World, tmp_path: Path) -> None:
    write_correction(world)
    cache_dir = tmp_path / "cache"
    for _ in range(2):
        cls = load_records(world.root, cache_dir=cache_dir).classes["P2026-001-01"].model
        assert next(t.attended_periods for t in cls.trainees if t.person == PERSON) == 30
    # the class changes under its correction: the correction no longer applies, warm as cold
    report = _warm_equals_cold(world, tmp_path, lambda w: w.edit(
        CLASS, lambda d: d["trainees"][0].__setitem__("attended_periods", 47)))
    assert "CLS-CORRECTION" in _rules(report)


def test_a_cache_from_another_code_version_is_ignored(world: World, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    rel = CLASS
    old = RecordCache(world.root, cache_dir, fingerprint="an-older-version")
    load_records(world.root, cache=old)
    # what an older parser might have read from the very same bytes
    tampered = RecordCache(world.root, cache_dir, fingerprint="an-older-version")
    entry = tampered.entry(rel, tampered.key(rel))
    assert entry is not None
    tree = pickle.loads(pickle.dumps(entry.tree))
    tree["periods"]["theory"] = 99
    tampered.put(rel, replace(entry, tree=tree))
    tampered.save_entries()
    stale = load_records(world.root, cache=RecordCache(world.root, cache_dir, fingerprint="an-older-version"))
    assert stale.classes["P2026-001-01"].model.periods.theory == 99  # the same version does read it
    current = load_records(world.root, cache_dir=cache_dir)
    assert current.classes["P2026-001-01"].model.periods.theory == 16
    assert [p.name for p in cache_dir.iterdir() if p.name.endswith("an-older-v")] == []  # pruned


def test_unreadable_cache_files_are_misses(world: World, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cold = _run(world, cache_dir)
    for file in cache_dir.rglob("*.pickle"):
        file.write_bytes(b"not a pickle")
    assert _shown(_run(world, cache_dir)) == _shown(cold)


def test_the_stored_findings_depend_on_the_date(world: World, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    world.edit(PAYMENTS, lambda d: d["installments"][0].__setitem__("paid_on", "2026-06-15"))
    assert "PAY-OVER" not in _rules(_run(world, cache_dir))
    early = AS_OF.replace(year=2026, month=6, day=16)  # paid before the class ended: nothing due yet
    warm = validate(world.root, early, cache_dir=cache_dir)
    assert _shown(warm) == _shown(validate(world.root, early, use_cache=False))
    assert "PAY-OVER" in _rules(warm)


@pytest.mark.parametrize("commit", [True, False])
def test_git_blob_ids_key_tracked_files_and_edits_are_seen(world: World, tmp_path: Path, commit: bool) -> None:
    repo = world.root.parent
    commit_all(repo, "records", "2027-01-01T00:00:00+08:00")
    cache = RecordCache(world.root, tmp_path / "cache")
    assert cache.keys[CLASS].startswith("git:")
    world.edit(CLASS, lambda d: d["trainees"][3].__setitem__("attended_periods", 20))
    if commit:
        commit_all(repo, "edit", "2027-01-02T00:00:00+08:00")
    again = RecordCache(world.root, tmp_path / "cache")
    assert again.keys.get(CLASS, "").startswith("git:") is commit
    assert again.key(CLASS) != cache.keys[CLASS]
    report = _warm_equals_cold(world, tmp_path, lambda w: None)
    assert "CLS-ATTENDANCE" in _rules(report)


@pytest.mark.parametrize("use_cache", [True, False])
def test_parsing_in_worker_processes_loads_the_same_records(tmp_path: Path, use_cache: bool) -> None:
    from bench import corpus

    root = tmp_path / "records"
    corpus.write(corpus.SIZES["tiny"], root)
    (root / "classes" / "2026" / "P2026-0001-01.yaml").write_text("id: [\n", encoding="utf-8")  # one broken file
    (root / "notes.yaml").write_text("a: 1\n", encoding="utf-8")  # and a stray one
    loads = [load(root, cache=use_cache, cache_dir=tmp_path / f"cache{workers}", workers=workers)
             for workers in (0, 2)]
    inline, pooled = loads
    assert sorted(pooled.records.classes) == sorted(inline.records.classes) and len(inline.records.classes) == 5
    assert all(pooled.records.classes[k].model == inline.records.classes[k].model for k in inline.records.classes)
    assert [f.as_dict() for f in pooled.load_findings] == [f.as_dict() for f in inline.load_findings]
    assert pooled.file_keys == inline.file_keys and pooled.scan_results == inline.scan_results
    assert len(inline.load_findings) == 2


def test_settle_and_the_site_reuse_validate_s_findings_only_while_nothing_changed(
        world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import validate as validate_module

    cache_dir = tmp_path / "cache"
    judged = _run(world, cache_dir)
    real_rules = validate_module.run_rules

    def no_rules(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the rules ran although validate judged the same files on the same date")

    monkeypatch.setattr(validate_module, "run_rules", no_rules)
    done = run(world.root, AS_OF, cache_dir=cache_dir)
    ctx, reused = done.context, done.validation
    assert _shown(reused) == _shown(judged) and reused.files == judged.files
    assert ctx.settlement.classes  # the settlement is still there to publish, computed on demand

    monkeypatch.setattr(validate_module, "run_rules", real_rules)
    world.edit(CLASS, lambda d: d["trainees"][3].__setitem__("attended_periods", 20))
    fresh = run(world.root, AS_OF, cache_dir=cache_dir).validation
    assert "CLS-ATTENDANCE" in _rules(fresh)
    assert _shown(fresh) == _shown(_run(world, cache_dir, use_cache=False))
