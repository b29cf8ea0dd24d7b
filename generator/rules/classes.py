"""Class (班次) rules about the class as a whole: its project, quota, hours, supervision and evidence.

Rules about individual trainees on the roster live in `roster.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal

from generator.records.labels import STATUS_LABELS
from generator.rules.application import pct
from generator.rules.common import classes_with_policy, total_periods
from generator.rules.registry import ERROR, Context, Hit, rule

# a terminated project keeps the classes it ran before the termination
CLASS_STATUSES = ("selected", "completed", "terminated")


@rule("CLS-PROJECT", ERROR, "通知 五(一)",
      "班次所属项目已入选（或已完成），班次在协议期限内，且在项目终止前开班", scope="class")
def class_project(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        cls = rec.model
        prj = ctx.records.project_of(cls)
        if prj is None:
            continue  # REF reports the missing project
        if prj.status not in CLASS_STATUSES:
            yield Hit(rec, ("project",),
                      f"项目 {prj.id} 的状态为“{STATUS_LABELS[prj.status]}”（{prj.status}），"
                      "未入选的项目不能开班。"
                      "请确认项目编号，或待项目入选（status: selected）后再登记班次")
            continue
        if prj.terminated is not None and cls.start_on >= prj.terminated.on:
            yield Hit(rec, ("start_on",),
                      f"开班日期 {cls.start_on} 不早于项目 {prj.id} 的终止日期 {prj.terminated.on}，"
                      "项目终止后不能开班。"
                      "请核对开班日期或项目编号")
        term = prj.contract.term if prj.contract else None
        if term is None:
            continue  # PRJ-CONTRACT reports a selected project without a contract term
        if cls.start_on < term.from_:
            yield Hit(rec, ("start_on",),
                      f"开班日期 {cls.start_on} 早于协议期限 {term.from_} 至 {term.to}。"
                      "请核对开班日期，或先签订（变更）协议")
        if cls.end_on > term.to:
            yield Hit(rec, ("end_on",),
                      f"结业日期 {cls.end_on} 晚于协议期限 {term.from_} 至 {term.to}。"
                      "请核对结业日期，或先变更协议期限")


@rule("CLS-QUOTA", ERROR, "通知 五(一)",
      "项目各班次的培训人数与班次数合计不超过项目确定的培训规模；超出后的每个班次都报告", scope="project")
def class_quota(ctx: Context) -> Iterator[Hit]:
    """Every class past the quota is named, not only the first: each adds seats nobody approved,
    and a fix to the first must not leave the others silent."""
    for project_id, recs in ctx.records.classes_by_project.items():
        prj = ctx.records.projects.get(project_id)
        quota = prj.model.quota if prj else None
        if quota is None:
            continue
        trainees = 0
        for number, rec in enumerate(recs, start=1):  # in start order (RecordSet.index)
            if number > quota.classes:
                yield Hit(rec, ("project",),
                          f"这是项目 {project_id} 的第 {number} 个班次（按开班日期排序），超过项目确定的 "
                          f"{quota.classes} 个班次。请核对项目编号，"
                          "或先由市人社部门调整项目规模（quota.classes）")
            before = trainees
            size = len(rec.model.trainees)
            trainees += size
            if trainees > quota.trainees and size:
                first_over = max(quota.trainees - before, 0)  # 0-based index of its first trainee past the quota
                yield Hit(rec, ("trainees", first_over),
                          f"项目 {project_id} 各班次累计培训 {trainees} 人（本班次之前 {before} 人，本班次 "
                          f"{size} 人），超过项目确定的 {quota.trainees} 人；从本班次第 "
                          f"{first_over + 1} 名参训人员起超出。请减少参训人员，"
                          "或先由市人社部门调整项目规模（quota.trainees）")


@rule("CLS-PERIODS", ERROR, "通知 四(四)", "总课时（理论 + 实操）不低于 40 课时", scope="class")
def class_periods(ctx: Context) -> Iterator[Hit]:
    for rec, policy in classes_with_policy(ctx.records):
        p = rec.model.periods
        minimum = policy.training.min_total_periods
        if p.theory + p.practical < minimum:
            yield Hit(rec, ("periods",),
                      f"总课时 {p.theory + p.practical}（理论 {p.theory} + 实操 {p.practical}），"
                      f"低于 {minimum} 课时。"
                      "请补足课时或调整课程")


@rule("CLS-PRACTICAL", ERROR, "通知 四(四)", "实操课时不低于总课时的 60%，或不低于项目获批的例外占比", scope="class")
def class_practical(ctx: Context) -> Iterator[Hit]:
    for rec, policy in classes_with_policy(ctx.records):
        cls = rec.model
        total = total_periods(cls)
        if total == 0:
            continue  # CLS-PERIODS reports an empty plan
        share = Decimal(cls.periods.practical) / Decimal(total)
        required = policy.training.min_practical_share
        prj = ctx.records.project_of(cls)
        exception = prj.practical_share_exception if prj else None
        if exception is not None:
            required = min(required, exception.min_share)
        if share >= required:
            continue
        granted = exception is not None and required == exception.min_share
        basis = f"项目获批的例外占比 {pct(required)}" if granted else pct(required)
        needed = (required * total).to_integral_value(rounding=ROUND_CEILING)
        yield Hit(rec, ("periods", "practical"),
                  f"实操课时 {cls.periods.practical}，占总课时 {total} 的 {pct(share)}，低于 {basis}"
                  f"（按总课时 {total} 至少需实操 {needed} 课时）。请增加实操课时，"
                  "或由市人社部门在项目中批准例外（practical_share_exception）")


@rule("CLS-SUPERVISION", ERROR, "通知 四(四)", "班次记录了“云眸工程”监管编号", scope="class")
def class_supervision(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        yunmou = rec.model.supervision.yunmou_id
        if yunmou is None or not yunmou.strip():
            yield Hit(rec, ("supervision", "yunmou_id"),
                      "未记录“云眸工程”监管编号（supervision.yunmou_id）。请按规定接入云眸工程，并填写其监管编号")


@rule("CLS-EVIDENCE", ERROR, "通知 五(一)",
      "班次结束后，培训过程资料至少包含一段视频和一张图片（含 SHA-256）", scope="class")
def class_evidence(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        cls = rec.model
        if ctx.as_of < cls.end_on:
            continue
        kinds = {e.kind for e in cls.evidence}
        missing = [label for kind, label in (("video", "视频"), ("image", "图片")) if kind not in kinds]
        if missing:
            yield Hit(rec, ("evidence",),
                      f"班次已于 {cls.end_on} 结业，培训过程资料（evidence）缺少{'和'.join(missing)}，"
                      f"现有 {len(cls.evidence)} 项。"
                      "请补充至少一段视频和一张图片的存放位置（uri）及其 SHA-256")


@rule("CLS-CERT-DATE", ERROR, "通知 四(五)", "证书发证日期不早于班次结业日期", scope="class")
def class_cert_date(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.classes.values():
        cls = rec.model
        for i, t in enumerate(cls.trainees):
            cert = t.assessment.certificate if t.assessment else None
            if cert is not None and cert.issued_on < cls.end_on:
                yield Hit(rec, ("trainees", i, "assessment", "certificate", "issued_on"),
                          f"第 {i + 1} 名参训人员的发证日期 {cert.issued_on} 早于班次结业日期 {cls.end_on}。"
                          "证书应在培训结束后取得：请核对发证日期或结业日期")
