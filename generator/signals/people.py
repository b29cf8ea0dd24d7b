"""Indicators about people: the same trainees passed from institution to institution.

Each training is subsidised per certified trainee, up to three subsidies per person (通知 四(五),
苏财规〔2025〕2号). People who need a skill take a course and look for work; a name list lent from
institution to institution to fill rosters shows as the same people starting class after class at
different institutions within a few months.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from pydantic import Field

from generator.signals.context import SignalContext
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator


class RepeatSettings(IndicatorSettings):
    threshold: Threshold = Decimal("3")
    span_days: int = Field(180, ge=1, le=3660, title="时间跨度（天）",
                           description="在这么多天之内开班的班次算作“短期内”")


@indicator("SIG-REPEAT-PEOPLE", "person", "通知 四(五)、五(二)",
           "同一人员在短期内先后到多家培训机构参训", RepeatSettings)
def repeated_people(ctx: SignalContext, s: RepeatSettings) -> Iterable[Measure]:
    """For a person trained at least twice, the largest number of distinct institutions whose
    classes the person started within any `span_days` days."""
    history: dict[str, list[tuple[dt.date, str, str]]] = defaultdict(list)
    institution = ctx.institution_of_class
    for cid, rec in ctx.records.classes.items():
        start = rec.model.start_on
        for t in rec.model.trainees:
            history[t.person].append((start, cid, institution.get(cid, "")))
    span = dt.timedelta(days=s.span_days)
    for person in sorted(history):
        items = sorted(history[person])
        if len(items) < 2:
            continue
        best: list[tuple[dt.date, str, str]] = items[:1]
        lo = 0
        for hi in range(len(items)):  # a sliding window over the starts, linear in the person's classes
            while items[hi][0] - items[lo][0] > span:
                lo += 1
            window = items[lo:hi + 1]
            if len({i for _, _, i in window}) > len({i for _, _, i in best}):
                best = window
        places = {i for _, _, i in best}
        classes = "、".join(f"{cid}（{start}，{ctx.institution_name(inst)}）" for start, cid, inst in best)
        yield Measure(person, Decimal(len(places)),
                      f"{s.span_days} 天内先后在 {len(places)} 家培训机构参训：{classes}")
