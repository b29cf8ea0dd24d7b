"""The record tables are filled by each kind's own table and shape, and the cache layer never
stores a judgement of files that are not the folder's."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.pipeline import validate
from generator.records.cachelayer import CacheLayer, Judgement, Memo
from generator.records.kinds import KINDS, Shape
from generator.records.load import load
from generator.validate import validate_records
from tests.conftest import AS_OF, CLASS, World


def _judged(layer: CacheLayer, judge: Callable[[Memo], Judgement]) -> Judgement:
    """What `generator.pipeline.run` asks of the layer: the stored judgement, else judged and put."""
    key = layer.judgement_key(AS_OF)
    stored = layer.get_judgement(key)
    if stored is not None:
        return stored
    result = judge(layer.memo())
    layer.save_memos()
    layer.put_judgement(key, result)
    return result


def test_every_kind_lands_in_its_own_table(world: World) -> None:
    rs = load(world.root, cache=False).records
    for kind in KINDS:
        held = list(rs.of_kind(kind))
        assert all(rec.kind is kind for rec in held), kind.name
        table = getattr(rs, kind.table)
        if kind.shape is Shape.BY_ID:
            assert all(table[rec.stem] is rec for rec in held)
        elif kind.shape is Shape.SINGLE:
            assert table is (held[0] if held else None)
    folders = {rec.kind.name for rec in rs.all_records()}
    assert {"policy", "catalog", "roles", "class", "employment", "payments", "prior_subsidies"} <= folders


def test_a_second_file_with_the_same_identity_is_a_finding_not_a_replacement(world: World) -> None:
    world.copy(CLASS, "classes/2027/P2026-001-01.yaml")
    loaded = load(world.root, cache=False)
    kept = loaded.records.classes["P2026-001-01"]
    assert kept.path.endswith("classes/2026/P2026-001-01.yaml")
    dup = [f for f in loaded.load_findings if "2027/P2026-001-01" in f.path]
    assert dup and dup[0].rule == "SCHEMA" and "重复" in dup[0].message


def test_a_judgement_of_candidate_files_is_never_stored(world: World, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    candidate = tmp_path / "candidate.yaml"
    candidate.write_text("id: [\n", encoding="utf-8")  # a broken candidate, judged before it is written
    layer = CacheLayer.open(world.root, True, cache_dir)
    loaded = layer.load(overrides={"classes/2027/P2027-999-01.yaml": candidate})

    def judge(memo: Memo) -> Judgement:
        report = validate_records(loaded, AS_OF, memo=memo)
        return Judgement(report.files, report.findings)

    judged = _judged(layer, judge)
    assert any("P2027-999-01" in f.path for f in judged.findings)
    # the folder itself has no such file: a later run must not be handed the candidate's findings
    warm = validate(world.root, AS_OF, cache_dir=cache_dir)
    cold = validate(world.root, AS_OF, use_cache=False)
    assert [f.as_dict() for f in warm.findings] == [f.as_dict() for f in cold.findings]
    assert not any("P2027-999-01" in f.path for f in warm.findings)


def test_a_stored_judgement_is_returned_without_judging(world: World, tmp_path: Path) -> None:
    layer = CacheLayer.open(world.root, True, tmp_path / "cache")
    calls: list[Any] = []

    def judge(memo: Memo) -> Judgement:
        calls.append(memo)
        report = validate_records(layer.load(), AS_OF, memo=memo)
        return Judgement(report.files, report.findings)

    first = _judged(layer, judge)
    again = _judged(CacheLayer.open(world.root, True, tmp_path / "cache"), judge)
    assert len(calls) == 1 and again == first
    disabled = CacheLayer.open(world.root, False)
    assert _judged(disabled, judge) == first and len(calls) == 2  # no store: always judged


def test_the_layer_is_storage_and_never_calls_back_into_validation() -> None:
    """No method of the layer takes a function: it gets and puts what a run computed, and the one
    judging function (`generator.pipeline.run`) decides what to ask (issue 29)."""
    for name, method in inspect.getmembers(CacheLayer, inspect.isfunction):
        for param in inspect.signature(method).parameters.values():
            assert "Callable" not in str(param.annotation), f"CacheLayer.{name}({param.name}) takes a callback"
    assert not hasattr(CacheLayer, "judged")


def test_after_candidates_nothing_is_looked_up_or_put(world: World, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    validate(world.root, AS_OF, cache_dir=cache_dir)  # the folder's own judgement is stored
    layer = CacheLayer.open(world.root, True, cache_dir)
    clean_key = layer.judgement_key(AS_OF)
    assert layer.get_judgement(clean_key) is not None
    candidate = tmp_path / "candidate.yaml"
    candidate.write_text("id: [\n", encoding="utf-8")
    loaded = layer.load(overrides={"classes/2026/P2026-001-01.yaml": candidate})
    assert layer.judgement_key(AS_OF) is None
    report = validate_records(loaded, AS_OF)
    layer.put_judgement(clean_key, Judgement(report.files, report.findings))  # refused: candidates were read
    fresh = CacheLayer.open(world.root, True, cache_dir)
    kept = fresh.get_judgement(fresh.judgement_key(AS_OF))
    cold = validate(world.root, AS_OF, use_cache=False)
    assert kept is not None and [f.as_dict() for f in kept.findings] == [f.as_dict() for f in cold.findings]
