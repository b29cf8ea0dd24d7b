"""SIG-ATTENDANCE-UNIFORM and SIG-ATTENDANCE-AT-MINIMUM: a planted class among ordinary ones."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from generator.signals.context import share
from tests.signals.planted import edited, flagged, measures, ordinary_context, planted_context


def _planted(pattern: str) -> tuple[str, object]:
    corpus, ctx = planted_context()
    return corpus.planted[pattern].subjects[0], ctx


def test_a_class_where_everybody_attended_the_same_periods_is_flagged() -> None:
    cid, ctx = _planted("uniform_attendance")
    found = flagged(ctx, "SIG-ATTENDANCE-UNIFORM")  # type: ignore[arg-type]
    assert cid in found and found[cid].value == Decimal("1.0000")
    cls = ctx.records.classes[cid].model  # type: ignore[attr-defined]
    total = cls.periods.theory + cls.periods.practical
    assert f"同为 {total - 2}/{total}" in found[cid].reason and f"{len(cls.trainees)} 人" in found[cid].reason


def test_ordinary_classes_scatter_and_none_is_flagged_as_uniform() -> None:
    _, ctx = ordinary_context()
    assert flagged(ctx, "SIG-ATTENDANCE-UNIFORM") == {}
    values = [m.value for m in measures(ctx, "SIG-ATTENDANCE-UNIFORM")]
    assert len(values) > 200 and max(values) < Decimal("0.9")


def test_a_few_rows_changed_do_not_hide_a_uniform_class() -> None:
    """Attack: the institution varies three rows of a filled-in sheet so that it looks kept."""
    cid, ctx = _planted("uniform_attendance")
    cls = ctx.records.classes[cid].model  # type: ignore[attr-defined]
    total = cls.periods.theory + cls.periods.practical
    rows = [t.model_copy(update={"attended_periods": total - 5 - i}) if i < 3 else t
            for i, t in enumerate(cls.trainees)]
    found = flagged(edited(ctx, cid, trainees=rows), "SIG-ATTENDANCE-UNIFORM")  # type: ignore[arg-type]
    assert cid in found and found[cid].value == share(len(rows) - 3, len(rows)) >= Decimal("0.9")


def test_a_class_not_yet_ended_is_not_judged_on_its_attendance() -> None:
    cid, ctx = _planted("uniform_attendance")
    later = ctx.as_of + dt.timedelta(days=10)  # type: ignore[attr-defined]
    moved = edited(ctx, cid, end_on=later)  # type: ignore[arg-type]
    assert cid not in {m.subject for m in measures(moved, "SIG-ATTENDANCE-UNIFORM")}


def test_a_class_where_everybody_attended_exactly_70_percent_is_flagged() -> None:
    cid, ctx = _planted("attendance_at_minimum")
    found = flagged(ctx, "SIG-ATTENDANCE-AT-MINIMUM")  # type: ignore[arg-type]
    cls = ctx.records.classes[cid].model  # type: ignore[attr-defined]
    total = cls.periods.theory + cls.periods.practical
    needed = math.ceil(Decimal("0.7") * total)
    assert cid in found and found[cid].value == Decimal("1.0000")
    assert f"恰好 {needed}/{total} 课时" in found[cid].reason and "70%" in found[cid].reason
    # the same class is also uniform: both indicators point at it
    assert cid in flagged(ctx, "SIG-ATTENDANCE-UNIFORM")  # type: ignore[arg-type]


def test_ordinary_classes_rarely_land_on_the_minimum() -> None:
    _, ctx = ordinary_context()
    assert flagged(ctx, "SIG-ATTENDANCE-AT-MINIMUM") == {}
    assert max(m.value for m in measures(ctx, "SIG-ATTENDANCE-AT-MINIMUM")) < Decimal("0.25")


def test_the_minimum_is_the_policy_share_rounded_up() -> None:
    """Attack: with 45 periods 70 % is 31.5, so 32 is the least that counts; a sheet of 32s is
    found, a sheet of 31s (nobody counted, nothing to gain) is not this indicator's."""
    cid, ctx = _planted("attendance_at_minimum")
    cls = ctx.records.classes[cid].model  # type: ignore[attr-defined]
    periods = cls.periods.model_copy(update={"theory": 15, "practical": 30})
    for attended, expected in ((32, Decimal("1.0000")), (31, Decimal("0.0000"))):
        rows = [t.model_copy(update={"attended_periods": attended}) for t in cls.trainees]
        moved = edited(ctx, cid, periods=periods, trainees=rows)  # type: ignore[arg-type]
        value = {m.subject: m.value for m in measures(moved, "SIG-ATTENDANCE-AT-MINIMUM")}[cid]
        assert value == expected
