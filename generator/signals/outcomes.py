"""Indicators about employment outcomes: rates that land just on the thresholds of 通知 四(五)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_CEILING, Decimal

from pydantic import Field

from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator


class AtThresholdSettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.5")
    min_classes: int = Field(3, ge=1, title="最少班次数", description="培训机构已有结果的班次至少这么多个才计算")
    min_enrolled: int = Field(5, ge=1, title="班次最少人数", description="参训人数少于此数的班次不计")
    margin: int = Field(0, ge=0, le=5, title="余量（人）",
                        description="就业人数比达到门槛所需的最少人数多出不超过这么多人的，也算踩线")


def at_threshold(employed: int, enrolled: int, threshold: Decimal, margin: int = 0) -> bool:
    """Whether `employed` of `enrolled` reaches `threshold` (the settlement's test: employed ≥
    threshold × enrolled) with at most `margin` people more than the smallest count that does."""
    needed = (threshold * enrolled).to_integral_value(ROUND_CEILING)
    return needed <= employed <= needed + margin


@indicator("SIG-RATE-AT-THRESHOLD", "institution", "通知 四(五)、五(二)",
           "一家培训机构的班次就业率一再恰好落在 30% 或 50% 的门槛上", AtThresholdSettings)
def rate_at_threshold(ctx: SignalContext, s: AtThresholdSettings) -> Iterable[Measure]:
    """Of an institution's classes whose outcome is final (every employment window closed) and that
    have at least `min_enrolled` trainees, the share whose stably employed count is the smallest that
    reaches the remainder (30 %) or the bonus (50 %) threshold of the policy in force (or at most
    `margin` more)."""
    finished: dict[str, int] = defaultdict(int)
    exact: dict[str, list[str]] = defaultdict(list)
    for c in ctx.settlement.classes:
        if not c.finished or c.enrolled < s.min_enrolled or not c.institution:
            continue
        cls = ctx.records.classes.get(c.class_id)
        policy = ctx.records.policy_on(cls.model.start_on) if cls else None
        if policy is None:
            continue
        finished[c.institution] += 1
        for t in (policy.subsidy.remainder_threshold, policy.subsidy.bonus_threshold):
            if at_threshold(c.employed, c.enrolled, t, s.margin):
                exact[c.institution].append(f"{c.class_id}（{c.employed}/{c.enrolled}，门槛 {percent(t)}）")
                break
    for inst, n in finished.items():
        if n < s.min_classes:
            continue
        hits = exact[inst]
        value = share(len(hits), n)
        listed = "；".join(sorted(hits)) if hits else "无"
        yield Measure(inst, value, f"{n} 个已有最终结果的班次中，{len(hits)} 个（{percent(value)}）稳定就业人数"
                                   f"恰好是达到 30% 或 50% 门槛所需的最少人数：{listed}")
