"""SIG-RATE-AT-THRESHOLD: classes whose employment lands exactly on 30 % or 50 %, again and again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from generator.signals import signals
from generator.signals.outcomes import at_threshold
from tests.signals.builder import AS_OF, MONTHS_LONG, SignalWorld, uscc
from tests.signals.test_employers import flagged, measured


@pytest.mark.parametrize(("employed", "enrolled", "threshold", "expected"), [
    (3, 10, "0.3", True), (4, 10, "0.3", False), (2, 10, "0.3", False),
    (3, 7, "0.3", True),  # 2.1 needed: 3 is the smallest count that reaches 30 %
    (4, 7, "0.5", True), (5, 10, "0.5", True), (6, 10, "0.5", False), (0, 10, "0.3", False),
])
def test_the_smallest_count_that_reaches_a_threshold(employed: int, enrolled: int, threshold: str,
                                                     expected: bool) -> None:
    assert at_threshold(employed, enrolled, Decimal(threshold)) is expected


def test_a_margin_counts_a_class_one_over_the_threshold_too() -> None:
    assert not at_threshold(4, 10, Decimal("0.3"))
    assert at_threshold(4, 10, Decimal("0.3"), margin=1)
    assert not at_threshold(5, 10, Decimal("0.3"), margin=1)
    assert not at_threshold(2, 10, Decimal("0.3"), margin=1)  # below the threshold is never "on" it


def _institution(w: SignalWorld, seed: str, employed_per_class: list[tuple[int, int]]) -> str:
    inst = w.institution(uscc(seed, "52320211"))
    prj = w.project(inst)
    for employed, enrolled in employed_per_class:
        w.klass(prj, trainees=enrolled, employed={i: (uscc(f"{seed}-e{i}"), MONTHS_LONG) for i in range(employed)})
    return inst


def test_an_institution_landing_on_the_thresholds_again_and_again_is_flagged(tmp_path: Path) -> None:
    w = SignalWorld()
    planted = _institution(w, "planted", [(3, 10), (5, 10), (3, 7), (6, 20)])  # every class just on a threshold
    ordinary = _institution(w, "ordinary", [(4, 10), (7, 10), (3, 7), (11, 20)])  # one of four on it
    few = _institution(w, "few", [(3, 10), (5, 10)])  # two classes: too few to say "again and again"
    small = _institution(w, "small", [(1, 3), (1, 3), (2, 4)])  # classes under 5 trainees are not judged
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    got = flagged(report, "SIG-RATE-AT-THRESHOLD")
    assert got == {planted: Decimal("1.0000")}
    assert measured(report, "SIG-RATE-AT-THRESHOLD") == 2
    assert not {ordinary, few, small} & set(got)
    reason = next(s for s in report.groups["institution"] if s.subject == planted).results[
        "SIG-RATE-AT-THRESHOLD"].reason
    assert "4 个" in reason and "3/10" in reason and "门槛 30%" in reason and "门槛 50%" in reason


def test_classes_whose_outcome_can_still_change_are_not_judged(tmp_path: Path) -> None:
    w = SignalWorld()
    _institution(w, "planted", [(3, 10), (5, 10), (3, 10)])
    root = w.write(tmp_path)
    assert measured(signals(root, dt.date(2026, 11, 30), use_cache=False), "SIG-RATE-AT-THRESHOLD") == 0
    assert flagged(signals(root, AS_OF, use_cache=False), "SIG-RATE-AT-THRESHOLD")
