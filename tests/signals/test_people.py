"""SIG-REPEAT-PEOPLE: a ring of people trained at three institutions within months."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator.signals import SignalContext
from tests.signals.planted import edited, flagged, measures, ordinary_context, planted_context


def test_people_passed_between_three_institutions_within_months_are_flagged() -> None:
    corpus, ctx = planted_context()
    ring = corpus.planted["repeated_people"].subjects
    found = flagged(ctx, "SIG-REPEAT-PEOPLE")
    assert set(ring) <= set(found)
    for person in ring:
        assert found[person].value == Decimal(3) and "180 天内先后在 3 家培训机构参训" in found[person].reason


def test_people_who_come_back_or_move_on_once_are_not_flagged() -> None:
    _, ctx = ordinary_context()
    values = [m.value for m in measures(ctx, "SIG-REPEAT-PEOPLE")]
    assert values and Decimal(2) in values  # the ordinary corpus has people trained twice elsewhere
    people = {t.person for r in ctx.records.classes.values() for t in r.model.trainees}
    # at most one person in a thousand passes three institutions by chance
    assert len(flagged(ctx, "SIG-REPEAT-PEOPLE")) <= len(people) / 1000


def _moved(ctx: SignalContext, cid: str, days: int) -> SignalContext:
    cls = ctx.records.classes[cid].model
    shift = dt.timedelta(days=days)
    return edited(ctx, cid, start_on=cls.start_on + shift, end_on=cls.end_on + shift)


def test_the_span_is_a_window_over_the_starts() -> None:
    """The third class moved beyond the span: the ring is no longer within 180 days."""
    corpus, ctx = planted_context()
    ring = corpus.planted["repeated_people"]
    person = ring.subjects[0]
    classes = sorted((r.model.start_on, cid) for cid, r in ctx.records.classes.items()
                     if person in {t.person for t in r.model.trainees})
    assert len(classes) == 3
    first, last = classes[0][0], classes[-1][0]
    away = _moved(ctx, classes[-1][1], 181 - (last - first).days)
    assert person not in flagged(away, "SIG-REPEAT-PEOPLE")
    inside = _moved(ctx, classes[-1][1], 180 - (last - first).days)
    assert person in flagged(inside, "SIG-REPEAT-PEOPLE")
