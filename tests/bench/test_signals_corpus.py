"""The signals corpora: deterministic, valid where nothing is planted, planted only where it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import signals_corpus
from bench.signals_corpus import SHAPES, ordinary, skeleton
from bench.signals_plant import plant, planted
from generator.findings import Severity
from generator.pipeline import validate

TINY = SHAPES["tiny"]


def _texts(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def test_the_same_shape_gives_the_same_bytes(tmp_path: Path) -> None:
    signals_corpus.write(planted(TINY), tmp_path / "a")
    signals_corpus.write(planted(TINY), tmp_path / "b")
    a, b = _texts(tmp_path / "a"), _texts(tmp_path / "b")
    assert len(a) > 500 and a == b


def test_another_seed_gives_other_records() -> None:
    other = signals_corpus.Shape(TINY.institutions, TINY.years, seed=TINY.seed + 1, max_projects=TINY.max_projects,
                                 max_classes=TINY.max_classes)
    assert ordinary(other).files != ordinary(TINY).files


def test_planting_changes_only_the_planted_records() -> None:
    """Every class draws from its own stream: a class no case touched is the same in both corpora."""
    plain, sk = ordinary(TINY), skeleton(TINY)
    quality = list(sk.quality)
    cases = plant(sk)
    retuned = {k for k, q in enumerate(sk.quality) if q != quality[k]}  # the low outcomes and attendance cases
    touched = {c.id for c in sk.classes if c.over != type(c.over)() or c.project.institution in retuned}
    ring = set(cases["repeated_people"].subjects)
    touched |= {c.id for c in sk.classes if ring & set(c.people)}
    with_plants = signals_corpus.render(sk, cases)
    same = 0
    for rel, (kind, data) in plain.files.items():
        if kind != "class" or data["id"] in touched:  # type: ignore[index]
            continue
        assert with_plants.files[rel] == (kind, data), rel
        same += 1
    assert same > 140 and len(touched) < 100


@pytest.mark.slow
def test_the_ordinary_corpus_validates_without_errors(tmp_path: Path) -> None:
    corpus = ordinary(TINY)
    count = signals_corpus.write(corpus, tmp_path / "records")
    report = validate(tmp_path / "records", TINY.as_of, use_cache=False)
    assert report.files == count
    assert report.errors == 0, [f.as_dict() for f in report.findings if f.severity is Severity.ERROR][:5]


def test_the_scale_benchmark_measures_every_indicator() -> None:
    """A smoke pass of bench/signals_scale.py on a small corpus (its timings live in RESULTS.md)."""
    from bench.signals_scale import measure
    from generator.signals import REGISTRY

    figures = measure(signals_corpus.Shape(institutions=12, years=1))
    assert figures["rows"] > 1000 and figures["classes"] > 30 and figures["cpu"] > 0
    assert {k.removeprefix("ind:") for k in figures if k.startswith("ind:")} == set(REGISTRY)
