"""SIG-CERT-ONE-DAY and SIG-CERT-END-DAY: planted certificate days among ordinary ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from generator.signals import SignalContext
from tests.signals.planted import edited, flagged, measures, ordinary_context, planted_context


def _certified(ctx: SignalContext, cid: str, day: dt.date, *, keep: int = 0) -> SignalContext:
    """The class with every certificate but the first `keep` issued on `day`."""
    cls = ctx.records.classes[cid].model
    rows = []
    for i, t in enumerate(cls.trainees):
        if i >= keep and t.assessment is not None and t.assessment.certificate is not None:
            cert = t.assessment.certificate.model_copy(update={"issued_on": day})
            t = t.model_copy(update={"assessment": t.assessment.model_copy(update={"certificate": cert})})
        rows.append(t)
    return edited(ctx, cid, trainees=rows)


def test_classes_of_many_institutions_certified_on_one_day_are_flagged() -> None:
    corpus, ctx = planted_context()
    planted = corpus.planted["certificates_one_day"].subjects
    found = flagged(ctx, "SIG-CERT-ONE-DAY")
    assert set(planted) <= set(found)
    value = found[planted[0]].value
    assert value >= len(planted) and all(found[c].value == value for c in planted)
    assert f"当天共有 {value} 家培训机构" in found[planted[0]].reason


def test_ordinary_certificate_days_are_not_flagged() -> None:
    _, ctx = ordinary_context()
    assert flagged(ctx, "SIG-CERT-ONE-DAY") == {}


def test_a_class_certified_on_its_last_day_for_everybody_is_flagged() -> None:
    corpus, ctx = planted_context()
    cid = corpus.planted["certificates_end_day"].subjects[0]
    found = flagged(ctx, "SIG-CERT-END-DAY")
    end = ctx.records.classes[cid].model.end_on
    assert cid in found and found[cid].value == Decimal("1.0000") and f"结业当天 {end}" in found[cid].reason


def test_ordinary_classes_are_certified_days_after_their_end() -> None:
    _, ctx = ordinary_context()
    values = {m.subject: m.value for m in measures(ctx, "SIG-CERT-END-DAY")}
    assert len(values) > 200
    # the ordinary corpus certifies 0.4 % of classes on their last day, as some assessments are held then
    assert len(flagged(ctx, "SIG-CERT-END-DAY")) <= 0.01 * len(values) + 1


def test_one_certificate_a_day_later_does_not_hide_the_end_day() -> None:
    """Attack: the institution dates one certificate a day later than the rest."""
    corpus, ctx = planted_context()
    cid = corpus.planted["certificates_end_day"].subjects[0]
    cls = ctx.records.classes[cid].model
    all_on_end = _certified(ctx, cid, cls.end_on)
    moved = _certified(all_on_end, cid, cls.end_on + dt.timedelta(days=1), keep=len(cls.trainees) - 1)
    assert cid in flagged(moved, "SIG-CERT-END-DAY")


def test_an_ordinary_class_certified_a_week_after_its_end_is_not_flagged() -> None:
    corpus, ctx = planted_context()
    cid = corpus.planted["certificates_end_day"].subjects[0]
    later = _certified(ctx, cid, ctx.records.classes[cid].model.end_on + dt.timedelta(days=7))
    assert cid not in flagged(later, "SIG-CERT-END-DAY")


def test_certificates_dated_after_the_run_are_not_counted() -> None:
    """A certificate dated in the future is not a fact yet (the settlement does not count it either)."""
    corpus, ctx = planted_context()
    cid = corpus.planted["certificates_end_day"].subjects[0]
    future = _certified(ctx, cid, ctx.as_of + dt.timedelta(days=1))
    assert cid not in {m.subject for m in measures(future, "SIG-CERT-END-DAY")}
    assert cid not in {m.subject for m in measures(future, "SIG-CERT-ONE-DAY")}
