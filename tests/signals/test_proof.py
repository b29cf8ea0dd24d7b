"""The proof (issue 28): among thousands of ordinary classes, every planted case ranks at the top of
its indicator, and the ordinary corpus raises few signals. Slow: two corpora of about 2,000 classes
and 60,000 roster rows each (bench/signals_corpus.py, shape "proof"); the figures for three seeds
are in docs/signals.md and bench/RESULTS.md (`python -m bench.signals_fp`)."""

from __future__ import annotations

import functools
import json
from decimal import Decimal
from pathlib import Path

import pytest

from bench import signals_corpus
from bench.signals_corpus import SHAPES
from bench.signals_fp import INDICATOR_OF, false_alarms, planted_flags, top
from bench.signals_plant import planted
from generator.cli import main
from generator.findings import Severity
from generator.pipeline import validate
from generator.signals import REGISTRY
from tests.signals.planted import measures, ordinary_context, planted_context, ranks

pytestmark = pytest.mark.slow

# The most an indicator may flag on the ordinary proof corpus (measured: docs/signals.md)
MAX_FALSE_POSITIVE_RATE = Decimal("0.015")


@functools.cache
def _flags() -> dict[str, set[str]]:
    return planted_flags(planted_context("proof")[1])


def test_the_proof_corpus_has_thousands_of_ordinary_classes() -> None:
    corpus, _ = planted_context("proof")
    assert corpus.classes >= 2000 and corpus.rows >= 50_000
    assert set(INDICATOR_OF) == set(corpus.planted)
    assert set(INDICATOR_OF.values()) == set(REGISTRY), "every indicator has a planted case"


@pytest.mark.parametrize("pattern", sorted(INDICATOR_OF))
def test_each_planted_case_is_flagged_and_ranks_at_the_top(pattern: str) -> None:
    corpus, ctx = planted_context("proof")
    case = corpus.planted[pattern]
    code = INDICATOR_OF[pattern]
    assert REGISTRY[code].group == case.group
    assert set(case.subjects) <= _flags().get(code, set()), f"{pattern}: not every planted subject is flagged"
    measured = len(measures(ctx, code))
    reach = top(len(case.subjects), measured)
    worst = max(ranks(ctx, code, case.subjects).values())
    assert 0 < worst <= reach, f"{pattern}: a planted subject ranks {worst} of {measured}, top ranks reach {reach}"


def test_the_ordinary_corpus_raises_few_signals() -> None:
    _, ctx = ordinary_context("proof")
    alarms = false_alarms(ctx)
    assert set(alarms) == set(REGISTRY)
    for code, a in alarms.items():
        assert a.measured > 0, f"{code} measured nothing on the ordinary corpus"
        assert a.rate <= MAX_FALSE_POSITIVE_RATE, f"{code}: {a.flagged} of {a.measured} flagged"


def test_peixun_signals_finds_every_planted_case_in_the_written_records(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """End to end: the records written as YAML, judged by `generator.run` (validation, holds, the
    settlement; corrections applied), the report printed by the command as JSON."""
    corpus = planted(SHAPES["tiny"])
    signals_corpus.write(corpus, tmp_path / "records")
    report = validate(tmp_path / "records", SHAPES["tiny"].as_of, use_cache=False)
    # what a planted case breaks on purpose: the classes without their video
    assert {f.rule for f in report.findings if f.severity is Severity.ERROR} == {"CLS-EVIDENCE"}
    code = main(["signals", "--records", str(tmp_path / "records"), "--as-of", SHAPES["tiny"].as_of.isoformat(),
                 "--format", "json", "--no-cache"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    for case in corpus.planted.values():
        indicator = INDICATOR_OF[case.pattern]
        for subject in case.subjects:
            assert indicator in data[case.group][subject]["indicators"], (case.pattern, subject)
