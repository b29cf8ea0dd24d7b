"""Rules over the whole engagement: the procedure in order (通知 四(一)、四(二)、五(一)), eligibility from the
application to the last class (通知 三), and what a termination (通知 五(二)) does to running classes.

The procedure is application → district recommendation → expert review → decision → contract →
classes → payments. PRJ-DATES checks the order of the dates a project records; here a decided
project must record each step (the expert review is the project's `review` record), and no class
starts before its project's decision and contract.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.records.labels import STATUS_LABELS
from generator.rules.institution import applications_by_institution
from generator.rules.registry import ERROR, Context, Hit, rule

DECIDED = ("selected", "completed", "terminated")


@rule("PRJ-PROCEDURE", ERROR, "通知 四(一)、四(二)、五(一)",
      "确定的项目有区推荐、专家评审和确定日期；终止日期不早于确定日期；项目与终止记录一致", scope="tables")
def prj_procedure(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.projects.values():
        prj = rec.model
        if prj.status in DECIDED:
            status = STATUS_LABELS[prj.status]
            for field, label in (("recommended", "区人社部门推荐（recommended）"),
                                 ("review", "专家评审（review）"), ("decided_on", "确定日期（decided_on）")):
                if getattr(prj, field) is None:
                    yield Hit(rec, (field,),
                              f"项目状态为“{status}”，但没有{label}。项目须经申报、区推荐、专家评审后确定："
                              f"请补全 {field}")
        if prj.terminated is not None and prj.status != "terminated":
            yield Hit(rec, ("terminated",),
                      f"记录了终止（{prj.terminated.on}），但项目状态为“{STATUS_LABELS[prj.status]}”。"
                      "请把 status 改为 terminated，或删除终止记录")
        if prj.status == "terminated" and prj.terminated is None:
            yield Hit(rec, ("status",), "项目状态为“已终止”，但没有终止记录。请填写 terminated 的终止日期和原因")
        if prj.terminated is not None and prj.decided_on is not None and prj.terminated.on < prj.decided_on:
            yield Hit(rec, ("terminated", "on"),
                      f"终止日期 {prj.terminated.on} 早于项目确定日期 {prj.decided_on}。请核对终止日期")


@rule("CLS-ORDER", ERROR, "通知 五(一)", "班次结业日期不早于开班日期，且在项目确定和协议签订之后开班", scope="class")
def class_order(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        cls = rec.model
        if cls.end_on < cls.start_on:
            yield Hit(rec, ("end_on",),
                      f"结业日期 {cls.end_on} 早于开班日期 {cls.start_on}。请核对日期")
        prj = ctx.records.project_of(cls)
        if prj is None or prj.status not in DECIDED:
            continue  # REF or CLS-PROJECT
        steps = [("项目确定日期", prj.decided_on, "decided_on"),
                 ("协议签订日期", prj.contract.signed_on if prj.contract else None, "contract.signed_on")]
        for label, day, field in steps:
            if day is not None and cls.start_on < day:
                yield Hit(rec, ("start_on",),
                          f"开班日期 {cls.start_on} 早于项目 {prj.id} 的{label} {day}。"
                          f"须先确定项目、签订协议再开班：请核对开班日期，或项目的 {field}")


@rule("CLS-TERMINATED", ERROR, "通知 五(二)",
      "项目终止之日仍在进行的班次须由市人社局处理；终止后不再产生新的剩余补贴和跟补", scope="class")
def class_terminated(ctx: Context) -> Iterator[Hit]:
    """Decided here (the notice leaves it open): a class still running on the day its project was
    terminated (start ≤ termination ≤ end) owes nothing and is an error until the bureau records how
    it ended; classes ended before the termination keep their first installment, and keep the
    remainder and bonus only if they were already due the day before the termination."""
    for rec in ctx.records.classes.values():
        cls = rec.model
        prj = ctx.records.project_of(cls)
        if prj is None or prj.terminated is None:
            continue
        on = prj.terminated.on
        if cls.start_on < on <= cls.end_on:
            yield Hit(rec, ("end_on",),
                      f"项目 {prj.id} 于 {on} 终止（{prj.terminated.reason}），本班次（{cls.start_on} 至 "
                      f"{cls.end_on}）当日仍在进行。终止时在训的班次不予拨付补贴：请市人社局核定该班次"
                      f"实际结束日期（早于 {on} 的，把 end_on 改为实际最后一天并补全过程资料），"
                      "已拨付的款项按规定追回")


def engagement_end(ctx: Context, application_id: str) -> dt.date | None:
    """The last day of an application's engagement: its last class's end, else its contract or decision."""
    days: list[dt.date] = []
    for prj in ctx.records.projects_by_application.get(application_id, []):
        p = prj.model
        days.extend(d for d in (p.decided_on, p.contract.signed_on if p.contract else None) if d is not None)
        days.extend(c.model.end_on for c in ctx.records.classes_by_project.get(p.id, []))
    return max(days, default=None)


@rule("INST-ENGAGEMENT", ERROR, "通知 三",
      "从申报到最后一个班次结业，培训资质始终有效、没有培训违法违规记录", scope="institution")
def inst_engagement(ctx: Context) -> Iterator[Hit]:
    """INST-QUALIFICATION and INST-VIOLATIONS judge the day of the application; this rule the rest
    of the engagement: (submitted_on, last class end]."""
    by_inst = applications_by_institution(ctx.records)
    for inst in ctx.records.institutions.values():
        model = inst.model
        for app in by_inst.get(model.uscc, []):
            start = app.model.submitted_on
            end = engagement_end(ctx, app.model.id)
            if end is None or end <= start:
                continue
            qual = model.qualification
            if qual is not None and qual.valid_until is not None and start <= qual.valid_until < end:
                yield Hit(inst, ("qualification", "valid_until"),
                          f"培训资质（{qual.kind} {qual.number}）有效期至 {qual.valid_until}，但申报 {app.model.id} "
                          f"的项目要到 {end} 才结束（最后一个班次结业或协议签订）。资质须在整个项目期间有效："
                          "请续期并更新有效期；已失效期间开展的班次须报市人社局处理")
            for i, v in enumerate(model.violations):
                if start < v.on <= end:
                    yield Hit(inst, ("violations", i, "on"),
                              f"{v.on} 的培训违规记录（{v.summary}）发生在申报 {app.model.id} 的项目期间"
                              f"（{start} 至 {end}）。培训主体须在整个项目期间符合“无培训违法违规记录”的条件："
                              "请市人社局依 通知 五(二) 决定是否终止培训并在项目记录中登记（terminated）")
