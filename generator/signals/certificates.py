"""Indicators about certificates: when they were issued, across classes and within one class.

The subsidy is counted by certified trainees (通知 四(五)). Skill assessment takes place after the
training, body by body and class by class, so certificates of one class usually come some days or
weeks after its end, and the classes certified on any one day are a few. Certificates produced in
bulk show the opposite: many institutions' classes certified on the same day, or a whole class
certified on the very day it ends.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal

from pydantic import Field

from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import FenceFactor, IndicatorSettings, Measure, Threshold, indicator


class OneDaySettings(IndicatorSettings):
    threshold: Threshold = "fence"
    fence_factor: FenceFactor = Decimal("3")  # the outer fence: counts per day scatter widely
    min_certificates: int = Field(5, ge=1, title="班次最少证书数", description="证书少于此数的班次不计")


class EndDaySettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.9")
    min_certificates: int = Field(10, ge=1, title="班次最少证书数", description="证书少于此数的班次不计")


def _issued(ctx: SignalContext) -> dict[str, list[dt.date]]:
    """Class id → the issue dates of its certificates issued by the run's date."""
    out: dict[str, list[dt.date]] = {}
    for cid, rec in ctx.records.classes.items():
        days = [t.assessment.certificate.issued_on for t in rec.model.trainees
                if t.assessment is not None and t.assessment.certificate is not None
                and t.assessment.certificate.issued_on <= ctx.as_of]
        if days:
            out[cid] = days
    return out


@indicator("SIG-CERT-ONE-DAY", "class", "通知 四(五)、五(二)",
           "许多培训机构的班次在同一天发证", OneDaySettings)
def certificates_one_day(ctx: SignalContext, s: OneDaySettings) -> Iterable[Measure]:
    """For a class with at least `min_certificates` certificates, the number of institutions whose
    classes had certificates issued on the day most of this class's certificates were issued (the
    earliest such day on a tie); by default flagged beyond the upper fence of all classes' values."""
    issued = _issued(ctx)
    institutions: dict[dt.date, set[str]] = defaultdict(set)
    classes: dict[dt.date, int] = Counter()
    certificates: dict[dt.date, int] = Counter()
    for cid, days in issued.items():
        inst = ctx.institution_of_class.get(cid, "")
        for day, n in Counter(days).items():
            institutions[day].add(inst)
            classes[day] += 1
            certificates[day] += n
    for cid in sorted(issued):
        days = issued[cid]
        if len(days) < s.min_certificates:
            continue
        counts = Counter(days)
        day = min(counts, key=lambda d: (-counts[d], d))
        m = len(institutions[day])
        yield Measure(cid, Decimal(m),
                      f"本班次 {counts[day]} 张证书于 {day} 发放；当天共有 {m} 家培训机构的 {classes[day]} 个班次"
                      f"发证 {certificates[day]} 张")


@indicator("SIG-CERT-END-DAY", "class", "通知 四(五)、五(二)",
           "班次几乎所有证书都在结业当天发放", EndDaySettings)
def certificates_end_day(ctx: SignalContext, s: EndDaySettings) -> Iterable[Measure]:
    """The share of a class's certificates issued on the class's end date (classes with at least
    `min_certificates` certificates issued)."""
    for cid, days in sorted(_issued(ctx).items()):
        if len(days) < s.min_certificates:
            continue
        end = ctx.records.classes[cid].model.end_on
        on_end = sum(1 for d in days if d == end)
        value = share(on_end, len(days))
        yield Measure(cid, value, f"{len(days)} 张证书中 {on_end} 张（{percent(value)}）在结业当天 {end} 发放")
