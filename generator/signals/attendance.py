"""Indicators about a class's attendance record: too uniform to have been taken day by day.

A sign-in sheet kept honestly scatters: some people miss a session, a few miss many, many miss
none. One filled in afterwards tends to give everybody the same figure, or exactly the figure that
just reaches the 70 % of 通知 四(四) below which a trainee does not count for the subsidy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from decimal import ROUND_CEILING, Decimal

from pydantic import Field

from generator.records.record_set import Record
from generator.records.training import TrainingClass
from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator


class UniformSettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.9")
    min_trainees: int = Field(10, ge=2, title="班次最少人数",
                              description="参训人数少于此数的班次不计（人少时相同是常事）")


class AtMinimumSettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.5")
    min_trainees: int = Field(10, ge=2, title="班次最少人数", description="参训人数少于此数的班次不计")


def _ended(ctx: SignalContext, min_trainees: int) -> Iterator[tuple[Record[TrainingClass], int]]:
    """Classes that have ended by the run's date with enough trainees, and their total periods."""
    for cid in sorted(ctx.records.classes):
        rec = ctx.records.classes[cid]
        cls = rec.model
        total = cls.periods.theory + cls.periods.practical
        if ctx.as_of >= cls.end_on and len(cls.trainees) >= min_trainees and total > 0:
            yield rec, total


@indicator("SIG-ATTENDANCE-UNIFORM", "class", "通知 四(四)、五(二)",
           "班次大多数参训人员的出勤课时完全相同", UniformSettings)
def uniform_attendance(ctx: SignalContext, s: UniformSettings) -> Iterable[Measure]:
    """The share of a class's trainees whose attended periods equal the class's most common figure
    (ended classes with at least `min_trainees`)."""
    for rec, total in _ended(ctx, s.min_trainees):
        trainees = rec.model.trainees
        periods, count = Counter(t.attended_periods for t in trainees).most_common(1)[0]
        value = share(count, len(trainees))
        yield Measure(rec.model.id, value,
                      f"{len(trainees)} 名参训人员中 {count} 人（{percent(value)}）出勤课时同为 {periods}/{total}")


@indicator("SIG-ATTENDANCE-AT-MINIMUM", "class", "通知 四(四)、五(二)",
           "班次大多数参训人员的出勤课时恰好是达到 70% 考勤率所需的最少课时", AtMinimumSettings)
def attendance_at_minimum(ctx: SignalContext, s: AtMinimumSettings) -> Iterable[Measure]:
    """The share of a class's trainees whose attended periods are exactly the fewest that reach the
    minimum attendance of the policy in force at the class's start (70 % of the periods, rounded
    up), in ended classes with at least `min_trainees`."""
    for rec, total in _ended(ctx, s.min_trainees):
        cls = rec.model
        policy = ctx.records.policy_on(cls.start_on)
        if policy is None:
            continue
        minimum = policy.training.min_attendance
        needed = int((minimum * total).to_integral_value(rounding=ROUND_CEILING))
        count = sum(1 for t in cls.trainees if t.attended_periods == needed)
        value = share(count, len(cls.trainees))
        yield Measure(cls.id, value,
                      f"{len(cls.trainees)} 名参训人员中 {count} 人（{percent(value)}）出勤恰好 {needed}/{total} 课时，"
                      f"即达到 {percent(minimum)} 考勤率所需的最少课时")
