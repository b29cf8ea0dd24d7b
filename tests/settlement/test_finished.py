"""`ClassSettlement.finished`: true only when the class's outcome can no longer change (disclosure needs it)."""

from __future__ import annotations

import datetime as dt

from generator.records.load import load_records
from generator.settlement.arithmetic import ClassSettlement, compute
from tests.conftest import CLASS, World

LATE = dt.date(2028, 1, 31)  # long after every window of the world's class


def _class(world: World, as_of: dt.date = LATE) -> ClassSettlement:
    [result] = compute(load_records(world.root), as_of).classes
    return result


def test_closed_windows_make_the_class_finished(world: World) -> None:
    assert _class(world).finished
    assert not _class(world, dt.date(2026, 12, 31)).finished  # the world's windows run to 2026-12


def test_an_unassessed_trainee_keeps_the_class_open(world: World) -> None:
    # nobody certified yet and nobody failed: the count may still grow, so nothing is final
    world.edit(CLASS, lambda d: d["trainees"][0].__setitem__("assessment", None))
    result = _class(world)
    assert not result.finished
    assert result.enrolled == 10 and result.certified == 9
