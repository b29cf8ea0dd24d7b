"""Class (班次) rules about the roster: who may attend, attendance, and each person once at a time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from generator.records.labels import EVALUATION_LABELS, GROUP_LABELS
from generator.records.record_set import Record
from generator.records.training import TrainingClass
from generator.rules.application import pct
from generator.rules.common import classes_with_policy, total_periods
from generator.rules.registry import ERROR, WARNING, Context, Hit, rule
from generator.settlement.arithmetic import repeated_certificates

GRADUATE_GROUPS = ("graduating_student", "school_leaver")


@rule("CLS-GROUP", ERROR, "通知 二", "每名参训人员的人员类别属于项目申报的培训对象", scope="class")
def class_group(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        prj = ctx.records.project_of(rec.model)
        app = ctx.records.application_of(prj) if prj else None
        if app is None:
            continue  # REF reports the missing project or application
        allowed = "、".join(GROUP_LABELS[g] for g in app.target_groups)
        for i, t in enumerate(rec.model.trainees):
            if t.group not in app.target_groups:
                yield Hit(rec, ("trainees", i, "group"),
                          f"第 {i + 1} 名参训人员的人员类别为“{GROUP_LABELS[t.group]}”（{t.group}），"
                          f"不在项目申报的培训对象（{allowed}）之中。"
                          "请核对人员类别；不属于本项目培训对象的人员不能参训")


@rule("CLS-GROUP-POLICY", WARNING, "通知 五(三)",
      "开班日期生效的政策不再列入的人员类别不计入补贴人数（今后的新规定从其规定），须说明", scope="class")
def class_group_policy(ctx: Context) -> Iterator[Hit]:
    """A later policy may drop a group the application named (通知 五(三)); its trainees then do
    not count (the settlement's gate), and each row says why instead of silently not counting."""
    for rec, policy in classes_with_policy(ctx.records):
        prj = ctx.records.project_of(rec.model)
        app = ctx.records.application_of(prj) if prj else None
        if app is None:
            continue
        eligible = set(policy.eligible_groups)
        earlier = ctx.records.policy_on(app.submitted_on)
        for i, t in enumerate(rec.model.trainees):
            if t.group in eligible or t.group not in app.target_groups:
                continue  # counted, or CLS-GROUP's error
            then = (f"申报 {app.id} 提交时的政策 {earlier.id} 列有该类别，"
                    if earlier is not None and earlier.id != policy.id and t.group in earlier.eligible_groups
                    else "")
            yield Hit(rec, ("trainees", i, "group"),
                      f"第 {i + 1} 名参训人员的人员类别为“{GROUP_LABELS[t.group]}”（{t.group}）；{then}"
                      f"但开班日期 {rec.model.start_on} 生效的政策 {policy.id} 的培训对象中已没有该类别，"
                      "本班次不计入补贴人数。人员类别登记有误的请改正；确属该类别的无需修改")


@rule("CLS-BEFORE-START", ERROR, "通知 四(四)",
      "班次开班之前，花名册没有出勤课时、考核结果和证书", scope="class")
def class_before_start(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        cls = rec.model
        if ctx.as_of >= cls.start_on:
            continue
        for i, t in enumerate(cls.trainees):
            if t.attended_periods > 0:
                yield Hit(rec, ("trainees", i, "attended_periods"),
                          f"班次 {cls.start_on} 开班，截至 {ctx.as_of} 尚未开班，但第 {i + 1} 名参训人员已记出勤 "
                          f"{t.attended_periods} 课时。开班前提交的花名册只登记参训人员：出勤课时填 0，"
                          "考核结果和证书留空，培训结束后再按考勤记录和证书更新")
            if t.assessment is not None:
                yield Hit(rec, ("trainees", i, "assessment"),
                          f"班次 {cls.start_on} 开班，截至 {ctx.as_of} 尚未开班，但第 {i + 1} 名参训人员已有考核结果"
                          f"{'和证书' if t.assessment.certificate else ''}。考核和发证在培训结束后：请删除考核结果，"
                          "培训结束后再登记")


def graduation_year(graduation_on: dt.date) -> tuple[dt.date, dt.date]:
    """毕业学年 (notice 二): from 1 September of the year before graduation, for 12 months.
    Returns [first day, first day after)."""
    return dt.date(graduation_on.year - 1, 9, 1), dt.date(graduation_on.year, 9, 1)


@rule("CLS-GRADUATE-WINDOW", ERROR, "通知 二",
      "高校毕业生和应届初高中毕业生在毕业学年内（毕业前一年 9 月 1 日起 12 个月）开班", scope="class")
def class_graduate_window(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        cls = rec.model
        for i, t in enumerate(cls.trainees):
            if t.group not in GRADUATE_GROUPS:
                continue
            label = GROUP_LABELS[t.group]
            if t.graduation_on is None:
                yield Hit(rec, ("trainees", i, "graduation_on"),
                          f"第 {i + 1} 名参训人员为“{label}”，未填写毕业时间（graduation_on）。"
                          "请填写毕业时间（YYYY-MM-DD），用以核对是否在毕业学年内")
                continue
            first, after = graduation_year(t.graduation_on)
            if not first <= cls.start_on < after:
                last = after - dt.timedelta(days=1)
                yield Hit(rec, ("trainees", i, "graduation_on"),
                          f"第 {i + 1} 名参训人员为“{label}”，毕业时间 {t.graduation_on}，"
                          f"毕业学年为 {first} 至 {last}；开班日期 {cls.start_on} 不在其中。"
                          "请核对毕业时间或人员类别")


@rule("CLS-ATTENDANCE", WARNING, "通知 四(四)",
      "考勤率低于 70% 的参训人员不计入补贴；出勤课时不得超过班次总课时（错误）", scope="class")
def class_attendance(ctx: Context) -> Iterator[Hit]:
    for rec, policy in classes_with_policy(ctx.records):
        total = total_periods(rec.model)
        minimum = policy.training.min_attendance
        # attendance is judged when the class has ended: mid-course it is still growing
        ended = ctx.as_of >= rec.model.end_on
        for i, t in enumerate(rec.model.trainees):
            loc = ("trainees", i, "attended_periods")
            if t.attended_periods > total:
                yield Hit(rec, loc,
                          f"第 {i + 1} 名参训人员出勤 {t.attended_periods} 课时，超过班次总课时 {total}。"
                          "请按考勤记录核对出勤课时", severity=ERROR)
            elif ended and total and Decimal(t.attended_periods) < minimum * total:
                needed = (minimum * total).to_integral_value(rounding=ROUND_CEILING)
                rate = Decimal(t.attended_periods) / Decimal(total)
                yield Hit(rec, loc,
                          f"第 {i + 1} 名参训人员出勤 {t.attended_periods}/{total} 课时，"
                          f"考勤率 {pct(rate)}，低于 {pct(minimum)}（至少 {needed} 课时），"
                          "不计入补贴人数。请核对考勤记录")


@rule("CLS-LOW-ATTENDANCE", WARNING, "通知 五(二)", "班次整体考勤率低于 70%，提请市人社部门关注", scope="class")
def class_low_attendance(ctx: Context) -> Iterator[Hit]:
    for rec, policy in classes_with_policy(ctx.records):
        total = total_periods(rec.model)
        trainees = rec.model.trainees
        if not trainees or total == 0 or ctx.as_of < rec.model.end_on:
            continue
        # attendance above the class's hours is an error of its own (CLS-ATTENDANCE); it must not
        # lift the class average
        attended = sum(min(t.attended_periods, total) for t in trainees)
        rate = Decimal(attended) / Decimal(len(trainees) * total)
        minimum = policy.training.min_attendance
        if rate < minimum:
            yield Hit(rec, ("trainees",),
                      f"班次整体考勤率 {pct(rate)}（{len(trainees)} 人共出勤 {attended} 课时，"
                      f"应出勤 {len(trainees) * total} 课时），低于 {pct(minimum)}。"
                      "学员出勤率低的班次可能被终止培训：请核对考勤记录并加强管理")


@rule("CLS-DUPLICATE-PERSON", ERROR, "通知 四(五)", "同一人员在一个班次中只出现一次", scope="class")
def class_duplicate_person(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        first: dict[str, int] = {}
        for i, t in enumerate(rec.model.trainees):
            if t.person in first:
                yield Hit(rec, ("trainees", i, "person"),
                          f"第 {i + 1} 名参训人员与第 {first[t.person] + 1} 名是同一人（假名相同）。"
                          "请删除重复的一项，或核对导入的花名册")
            else:
                first[t.person] = i


@dataclass(frozen=True)
class _Seat:
    start_on: dt.date
    end_on: dt.date
    record: Record[TrainingClass]
    index: int


@rule("CLS-OVERLAP", ERROR, "通知 四(四)", "同一人员不能同时参加日期重叠的两个班次", scope="person")
def class_overlap(ctx: Context) -> Iterator[Hit]:
    seats: dict[str, list[_Seat]] = defaultdict(list)
    for rec in ctx.records.classes.values():
        cls = rec.model
        seen: set[str] = set()
        for i, t in enumerate(cls.trainees):
            if t.person not in seen:  # a repeat within the class is CLS-DUPLICATE-PERSON's
                seen.add(t.person)
                seats[t.person].append(_Seat(cls.start_on, cls.end_on, rec, i))
    for person_seats in seats.values():
        if len(person_seats) < 2:
            continue
        person_seats.sort(key=lambda s: (s.start_on, s.record.model.id))
        latest = person_seats[0]  # of the classes so far, the one that ends last
        for seat in person_seats[1:]:
            if seat.start_on <= latest.end_on:
                other = latest.record.model
                yield Hit(seat.record, ("trainees", seat.index, "person"),
                          f"第 {seat.index + 1} 名参训人员同时在班次 {other.id}"
                          f"（{other.start_on} 至 {other.end_on}，第 {latest.index + 1} 名）中，"
                          f"两个班次日期重叠（本班次 {seat.start_on} 至 {seat.end_on}）。"
                          "同一人员不能同时参加两个班次：请核对花名册")
            if seat.end_on > latest.end_on:
                latest = seat


@rule("CLS-CERT-KIND", WARNING, "通知 四(五)",
      "证书类型须是申报表技能评价承诺的类型（相应证书），其他证书不计入补贴人数", scope="class")
def class_certificate_kind(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        prj = ctx.records.project_of(rec.model)
        app = ctx.records.application_of(prj) if prj else None
        if app is None or app.evaluation is None:
            continue
        promised = app.evaluation.kind
        for i, t in enumerate(rec.model.trainees):
            cert = t.assessment.certificate if t.assessment else None
            if cert is not None and cert.kind != promised:
                yield Hit(rec, ("trainees", i, "assessment", "certificate", "kind"),
                          f"第 {i + 1} 名参训人员的证书类型为“{EVALUATION_LABELS[cert.kind]}”，"
                          f"而申报 {app.id} 承诺的技能评价是“{EVALUATION_LABELS[promised]}”"
                          f"（{app.evaluation.body}），不是相应证书，不计入补贴人数。"
                          "证书类型登记有误的请改正；确为其他证书的无需修改")


@rule("CLS-CERT-SHARED", ERROR, "通知 四(五)",
      "一张证书在整个台账中只计一次：同一证书出现在两个班次、两名人员或两个培训主体名下的，后出现的为错误，不计入补贴",
      scope="person")
def class_certificate_shared(ctx: Context) -> Iterator[Hit]:
    """The same certificate pseudonym held again, by another person, by the same person in another
    class, or in another institution's class: the later holding (in the settlement ledger's order:
    certificate date, class id, position) is reported, and it counts for nobody
    (`arithmetic.repeated_certificates`, the same list the settlement uses)."""
    rs = ctx.records
    for h, first in repeated_certificates(rs):
        rec = rs.classes[h.class_id]
        who = "同一人" if first.person == h.person else "另一人"
        mine, theirs = _institution(ctx, h.class_id), _institution(ctx, first.class_id)
        where = f"另一培训主体（{theirs}）的" if mine and theirs and mine != theirs else ""
        yield Hit(rec, ("trainees", h.index, "assessment", "certificate", "number_ref"),
                  f"第 {h.index + 1} 名参训人员的证书（{h.number_ref[:8]}…，发证日期 {h.issued_on}）已在"
                  f"{where}班次 {first.class_id} 第 {first.index + 1} 名参训人员（{who}）名下"
                  f"（发证日期 {first.issued_on}）。一张证书在整个台账中只计一次，本行不计入补贴。"
                  "请按证书核对花名册：证书编号登记有误的，请重新加密提交花名册，"
                  "由市人社局导入（peixun import-roster）")


def _institution(ctx: Context, class_id: str) -> str:
    """The USCC of the institution that runs a class, or "" when it cannot be told."""
    rs = ctx.records
    prj = rs.project_of(rs.classes[class_id].model)
    app = rs.application_of(prj) if prj else None
    return app.institution if app else ""
