"""The three conditions of 通知 五(二), institution by institution, against the whole programme.

The notice lets the bureau terminate training that does not reach the expected effect (达不到培训预期
效果), whose trainees attend little (学员出勤率低) or whose management is chaotic (管理混乱). It
sets no figure for any of them, so each is judged against the programme itself: an institution is
flagged when it lies beyond the Tukey fence of all institutions' values (outcomes and attendance
below the lower fence, management problems above the upper fence), which moves with the programme
instead of with a figure someone chose.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal

from pydantic import Field

from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import FenceLimit, IndicatorSettings, Measure, Threshold, indicator


class OutcomeSettings(IndicatorSettings):
    threshold: Threshold = "fence"
    min_classes: int = Field(2, ge=1, title="最少班次数", description="已有最终结果的班次至少这么多个才计算")


class AttendanceSettings(IndicatorSettings):
    threshold: Threshold = "fence"
    min_classes: int = Field(2, ge=1, title="最少班次数", description="已结业的班次至少这么多个才计算")


class ManagementSettings(IndicatorSettings):
    threshold: Threshold = "fence"
    fence_limit: FenceLimit = Decimal("0.25")  # most institutions have no problem: IQR 0, fence 0
    min_classes: int = Field(3, ge=1, title="最少班次数", description="已开班的班次至少这么多个才计算")


@indicator("SIG-OUTCOMES-LOW", "institution", "通知 五(二)",
           "培训机构的稳定就业率低于全市各机构的下栅栏（达不到培训预期效果）", OutcomeSettings, direction="low")
def outcomes_low(ctx: SignalContext, s: OutcomeSettings) -> Iterable[Measure]:
    """Stably employed trainees over all trainees (通知 四(五)'s rate), summed over the
    institution's classes whose outcome is final (every employment window closed)."""
    classes: dict[str, int] = Counter()
    enrolled: dict[str, int] = Counter()
    employed: dict[str, int] = Counter()
    for c in ctx.settlement.classes:
        if c.finished and c.institution:
            classes[c.institution] += 1
            enrolled[c.institution] += c.enrolled
            employed[c.institution] += c.employed
    for inst in sorted(classes):
        if classes[inst] < s.min_classes or not enrolled[inst]:
            continue
        value = share(employed[inst], enrolled[inst])
        yield Measure(inst, value, f"{classes[inst]} 个已有最终结果的班次共 {enrolled[inst]} 人，"
                                   f"稳定就业 {employed[inst]} 人，就业率 {percent(value)}")


@indicator("SIG-ATTENDANCE-LOW", "institution", "通知 四(四)、五(二)",
           "培训机构的整体考勤率低于全市各机构的下栅栏（学员出勤率低）", AttendanceSettings, direction="low")
def attendance_low(ctx: SignalContext, s: AttendanceSettings) -> Iterable[Measure]:
    """Attended periods over the periods owed (each trainee × the class's periods; attendance above
    the class's periods counts as the periods), summed over the institution's ended classes."""
    classes: dict[str, int] = Counter()
    attended: dict[str, int] = Counter()
    owed: dict[str, int] = Counter()
    for cid, rec in ctx.records.classes.items():
        cls = rec.model
        inst = ctx.institution_of_class.get(cid, "")
        total = cls.periods.theory + cls.periods.practical
        if not inst or ctx.as_of < cls.end_on or not cls.trainees or total == 0:
            continue
        classes[inst] += 1
        attended[inst] += sum(min(t.attended_periods, total) for t in cls.trainees)
        owed[inst] += total * len(cls.trainees)
    for inst in sorted(classes):
        if classes[inst] < s.min_classes:
            continue
        value = share(attended[inst], owed[inst])
        yield Measure(inst, value, f"{classes[inst]} 个已结业班次应出勤 {owed[inst]} 课时，"
                                   f"实际出勤 {attended[inst]} 课时，考勤率 {percent(value)}")


@indicator("SIG-MANAGEMENT", "institution", "通知 五(一)、五(二)",
           "培训机构每个班次的管理问题（补录、缺少过程资料、需要更正）高于全市各机构的上栅栏（管理混乱）",
           ManagementSettings)
def management(ctx: SignalContext, s: ManagementSettings) -> Iterable[Measure]:
    """Problems per started class: classes registered late (admitted afterwards by a bureau
    correction that changes nothing, the form CHG-LATE asks for), ended classes whose process
    evidence lacks a video or an image or that have no 云眸 supervision number (通知 四(四)、五(一)),
    and corrections of facts (a correction whose new value differs from the old)."""
    late: dict[str, set[str]] = defaultdict(set)
    fixes: dict[str, int] = Counter()
    for fix in ctx.records.corrections.values():
        corr = fix.model
        if corr.class_ not in ctx.records.classes:
            continue
        if corr.old == corr.new:
            late[corr.class_].add(corr.id)
        else:
            fixes[corr.class_] += 1
    started: dict[str, int] = Counter()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for cid, rec in ctx.records.classes.items():
        cls = rec.model
        inst = ctx.institution_of_class.get(cid, "")
        if not inst or ctx.as_of < cls.start_on:
            continue
        started[inst] += 1
        kinds = {e.kind for e in cls.evidence}
        unsupervised = not (cls.supervision.yunmou_id or "").strip()
        missing = ctx.as_of >= cls.end_on and (not {"video", "image"} <= kinds or unsupervised)
        c = counts[inst]
        c[0] += 1 if late.get(cid) else 0
        c[1] += 1 if missing else 0
        c[2] += fixes.get(cid, 0)
    for inst in sorted(started):
        n = started[inst]
        if n < s.min_classes:
            continue
        a, b, f = counts[inst]
        value = share(a + b + f, n)
        yield Measure(inst, value, f"{n} 个已开班的班次中，{a} 个事后补录，{b} 个缺少视频、图片或云眸监管编号，"
                                   f"另有更正 {f} 次：平均每个班次 {value.normalize():f} 项管理问题")
