"""The printable 征集表: every field of the notice's attachment, in its order, from the records.

The bureau still needs a page signed by the legal representative and sealed. The page is laid out
as the attachment so that reviewers recognise it; the DOCX and HTML renderers share this one view
so that they can never disagree about what the form says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.errors import IntakeError
from generator.records.institution import Application, Institution
from generator.records.labels import (
    CATEGORY_LABELS,
    EVALUATION_LABELS,
    FIELD_LABELS,
    GROUP_LABELS,
    INSTITUTION_TYPE_LABELS,
    LEVEL_LABELS,
)
from generator.records.record_set import RecordSet
from generator.rules.application import pct
from generator.rules.pricing import occupation_in, yuan

TITLE = "重点群体项目化就业技能培训项目征集表"
HINT = ("内容提示：培训项目所在行业领域现状、岗位和相关技能需求情况、培训课程的主要内容和培训预期目标"
        "（含预期重点群体就业率等）、培训费用预算等。")
REMARK = ("备注：培训项目名称对应《中华人民共和国职业分类大典》(2022年版)中技能类职业(工种)以及国家人社部最新发布的"
          "技能类新职业(工种)名称；不适宜使用职业分类大典中职业(工种)名称的，根据岗位技能特性，以名词(如设备名称等)"
          "加动词(如操作、制造等)命名。")
SIGNATURE_LINES = ("法定代表人签名：", "单位盖章：", "日期：        年    月    日")
CHECKED, UNCHECKED = "☑", "☐"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """One sub-section of 培训项目说明: paragraphs, then an optional table."""

    title: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class PrintForm:
    application_id: str
    record_path: str
    project_name: str
    institution_name: str
    address: str
    institution_types: tuple[tuple[str, bool], ...]  # (label, ticked) in the attachment's order
    in_catalog: bool
    occupation_code: str
    legal_representative: str
    contact_person: str
    phone: str
    email: str
    sections: tuple[Section, ...] = field(default=())

    def tick(self, ticked: bool) -> str:
        return CHECKED if ticked else UNCHECKED

    @property
    def type_line(self) -> str:
        return "  ".join(f"{self.tick(on)}{label}" for label, on in self.institution_types)

    @property
    def catalog_line(self) -> str:
        return f"{self.tick(self.in_catalog)}是  {self.tick(not self.in_catalog)}否"


def _money(amount: Decimal) -> str:
    return f"{yuan(amount)} 元"


def _sections(app: Application) -> tuple[Section, ...]:
    chain = f"（服务{app.industry_chain}）" if app.industry_chain else ""
    overview = Section("项目概况", (
        f"申报编号：{app.id}    所在区：{app.district}    提交日期：{app.submitted_on.isoformat()}",
        f"类别：{CATEGORY_LABELS[app.category]}    征集方向：{FIELD_LABELS[app.field]}{chain}",
        f"培训对象：{'、'.join(GROUP_LABELS[g] for g in app.target_groups)}",
        f"计划培训 {app.planned.trainees} 人，{app.planned.classes} 个班次；"
        f"预期重点群体就业率 {pct(app.planned.expected_employment_rate)}",
    ))
    employers = Table(("用人单位", "统一社会信用代码", "岗位", "岗位数量"),
                      tuple((e.name, e.uscc, e.post, str(e.positions)) for e in app.employers))
    theory = sum(m.theory_periods for m in app.curriculum)
    practical = sum(m.practical_periods for m in app.curriculum)
    total = theory + practical
    share = f"，实操占 {pct(Decimal(practical) / total)}" if total else ""
    modules = Table(("课程模块", "理论课时", "实操课时"), (
        *((m.module, str(m.theory_periods), str(m.practical_periods)) for m in app.curriculum),
        ("合计", str(theory), str(practical)),
    ))
    evaluation = (f"技能评价：{EVALUATION_LABELS[app.evaluation.kind]}，评价机构：{app.evaluation.body}"
                  if app.evaluation else "技能评价：未填写")
    budget = Table(("费用项目", "金额（元/人）"), (
        *((item.item, yuan(item.amount)) for item in app.budget.breakdown),
        ("申报单价", yuan(app.budget.unit_price)),
    ))
    return (
        overview,
        Section("一、行业领域现状", (app.description.industry_status,)),
        Section("二、岗位和相关技能需求情况", (app.description.skill_demand,), employers if app.employers else None),
        Section("三、培训课程的主要内容", (
            f"总课时 {total}（理论 {theory}，实操 {practical}{share}；1 课时 = 45 分钟）", evaluation,
        ), modules if app.curriculum else None),
        # the goals once, as written; the planned figures are in 项目概况
        Section("四、培训预期目标", (
            app.description.goals,
            f"就业服务：{app.employment_service or '未填写'}",
        )),
        Section("五、培训费用预算", (f"申报单价 {_money(app.budget.unit_price)}/人。",), budget),
    )


def print_form(records: RecordSet, application_id: str) -> PrintForm:
    """The form of one application, with the institution's details from its own record."""
    rec = records.applications.get(application_id)
    if rec is None:
        if application_id in records.broken.get("application", set()):
            raise IntakeError(f"申报表 {application_id} 有格式错误，无法打印。请先运行 peixun validate 并修正")
        raise IntakeError(f"找不到申报表 {application_id}：records/applications/ 下没有 {application_id}.yaml")
    app = rec.model
    inst_rec = records.institutions.get(app.institution)
    inst: Institution | None = inst_rec.model if inst_rec else None
    missing = f"（培训主体 {app.institution} 的记录不存在）"
    code = app.catalog.occupation_code or ""
    occ = occupation_in(records.catalog_on(app.submitted_on), app.catalog.occupation_code)
    if app.catalog.in_catalog and occ is not None:
        code = f"{code} {occ.name}"
    if app.catalog.in_catalog and app.catalog.level:
        code = f"{code}（{LEVEL_LABELS[app.catalog.level]}）"
    return PrintForm(
        application_id=app.id,
        record_path=rec.path,
        project_name=app.project_name,
        institution_name=inst.name if inst else f"{app.institution}{missing}",
        address=inst.address if inst else "",
        institution_types=tuple((label, inst is not None and inst.type == key)
                                for key, label in INSTITUTION_TYPE_LABELS.items()),
        in_catalog=app.catalog.in_catalog,
        occupation_code=code.strip() if app.catalog.in_catalog else "",
        legal_representative=inst.legal_representative if inst else "",
        contact_person=app.contact.person,
        phone=app.contact.phone,
        email=app.contact.email,
        sections=_sections(app),
    )
