"""Rules on the application (征集表): what the form must say (notice 一 to 四, and the annex)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from generator.periods import periods_problems
from generator.records.institution import Application
from generator.records.labels import CATEGORY_LABELS, FIELD_LABELS, GROUP_LABELS, LEVEL_LABELS
from generator.records.record_set import Record
from generator.records.reference import Policy
from generator.rules.pricing import occupation_in, price_cap, yuan
from generator.rules.registry import ERROR, WARNING, Context, Hit, rule

# 附件 备注: a new project is named noun + verb ("以名词(如设备名称等)加动词(如操作、制造等)命名")
ACTION_VERBS: tuple[str, ...] = (
    "操作", "制造", "维修", "运维", "装调", "检修", "服务", "护理", "开发", "应用", "设计", "加工",
    "驾驶", "安装", "调试",
)
_PHONE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
_SPACES = re.compile(r"\s+")


def _with_policy(ctx: Context) -> Iterator[tuple[Record[Application], Policy]]:
    """Each application with the policy in force on its submission; without one, REF reports it."""
    for app in ctx.records.applications.values():
        policy = ctx.records.policy_on(app.model.submitted_on)
        if policy is not None:
            yield app, policy


@rule("APP-CATALOG", ERROR, "通知 一(一)", "目录内工种填写了目录中存在的工种编码和等级", scope="tables")
def app_catalog(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        choice = app.model.catalog
        if not choice.in_catalog:
            continue
        catalog = ctx.records.catalog_on(app.model.submitted_on)
        if choice.occupation_code is None:
            yield Hit(app, ("catalog", "occupation_code"),
                      "申报为目录内工种，但未填写工种编码。请按指导目录填写，如 \"4-10-01-05\"（须加引号）")
        if choice.level is None:
            yield Hit(app, ("catalog", "level"),
                      "申报为目录内工种，但未填写等级。请填写 L5、L4、L3、L2、L1 或 special 之一")
        if catalog is None or choice.occupation_code is None:
            continue  # no catalog in force: REF reports it
        occ = occupation_in(catalog, choice.occupation_code)
        if occ is None:
            yield Hit(app, ("catalog", "occupation_code"), (
                f"工种编码 {choice.occupation_code} 不在指导目录 {catalog.id}（{catalog.edition}）中。"
                "请核对编码；目录外的新开发项目请把 in_catalog 设为 false"
            ))
            continue
        if choice.level is not None and choice.level not in occ.standards:
            offered = "、".join(f"{lv}（{LEVEL_LABELS[lv]}）" for lv in occ.standards)
            yield Hit(app, ("catalog", "level"), (
                f"{occ.name}（{occ.code}）在指导目录 {catalog.id} 中没有{LEVEL_LABELS[choice.level]}"
                f"（{choice.level}）的补贴标准，目录所列等级为：{offered}。请改为其中之一"
            ))
        if app.model.category != occ.category:
            yield Hit(app, ("category",), (
                f"类别填写为{CATEGORY_LABELS[app.model.category]}，但指导目录中{occ.name}（{occ.code}）属于"
                f"{CATEGORY_LABELS[occ.category]}。请改为 {occ.category}"
            ))


@rule("APP-FIELD", ERROR, "通知 一(二)", "征集方向为重点领域，或为其他并注明服务的产业集群或产业链", scope="tables")
def app_field(ctx: Context) -> Iterator[Hit]:
    for app, policy in _with_policy(ctx):
        field, chain = app.model.field, app.model.industry_chain
        if field != "other":
            if field not in policy.priority_fields:
                allowed = "、".join(FIELD_LABELS[f] for f in policy.priority_fields)
                yield Hit(app, ("field",), (
                    f"征集方向“{FIELD_LABELS[field]}”不在政策 {policy.id} 的重点领域（{allowed}）之内。"
                    "请改为其中之一，或填 other 并在 industry_chain 注明服务的产业集群或产业链"
                ))
        elif chain is None or not chain.strip():
            yield Hit(app, ("industry_chain",), (
                "征集方向为其他（other），但未填写服务的产业集群或产业链。请在 industry_chain 注明"
                "“465”现代产业集群或“3010”重点产业链的名称"
            ))
        elif policy.industry_chains and chain.strip() not in policy.industry_chains:
            yield Hit(app, ("industry_chain",), (
                f"产业集群或产业链“{chain}”不在政策 {policy.id} 所列名称之中"
                f"（{'、'.join(policy.industry_chains)}）。请按所列名称填写"
            ))


@rule("APP-FOUR-IN-ONE", ERROR, "通知 一(一)", "岗位需求、培训课程、技能评价和就业服务四项齐全", scope="tables")
def app_four_in_one(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        m = app.model
        if not any(e.positions > 0 for e in m.employers):
            found = "未填写用人单位" if not m.employers else "所列用人单位的岗位数量均为 0"
            yield Hit(app, ("employers",), f"缺少岗位需求：{found}。请填写至少一家岗位数量大于 0 的用人单位")
        if not m.curriculum:
            yield Hit(app, ("curriculum",), "缺少培训课程。请按模块填写理论课时和实操课时")
        if m.evaluation is None:
            yield Hit(app, ("evaluation",), (
                "缺少技能评价。请填写评价方式（职业技能等级证书、专项职业能力证书或培训合格证书）和评价机构"
            ))
        if m.employment_service is None or not m.employment_service.strip():
            yield Hit(app, ("employment_service",), "缺少就业服务计划。请说明结业后的就业推荐、跟踪服务安排")


@rule("APP-GROUPS", ERROR, "通知 二", "培训对象均为政策规定的重点群体", scope="tables")
def app_groups(ctx: Context) -> Iterator[Hit]:
    for app, policy in _with_policy(ctx):
        for i, group in enumerate(app.model.target_groups):
            if group not in policy.eligible_groups:
                yield Hit(app, ("target_groups", i), (
                    f"培训对象“{GROUP_LABELS[group]}”不在政策 {policy.id} 规定的培训对象之内。请删除该项"
                ))


@rule("APP-PERIODS", WARNING, "通知 四(四)", "培训课程总课时不低于 40 课时，实操课时原则上不低于 60%", scope="tables")
def app_periods(ctx: Context) -> Iterator[Hit]:
    for app, policy in _with_policy(ctx):
        modules = app.model.curriculum
        if not modules:
            continue  # APP-FOUR-IN-ONE reports a missing curriculum
        practical = sum(m.practical_periods for m in modules)
        total = practical + sum(m.theory_periods for m in modules)
        least, share = policy.training.min_total_periods, policy.training.min_practical_share
        # the minimum shown meets the total and the share at once (generator.periods)
        for message in periods_problems(total - practical, practical, least, Decimal(share)):
            yield Hit(app, ("curriculum",), message)


def pct(ratio: Decimal) -> str:
    """0.6 -> "60%", 0.625 -> "62.5%"."""
    text = f"{(ratio * 100).quantize(Decimal('0.1')):f}"
    return (text[:-2] if text.endswith(".0") else text) + "%"


@rule("APP-PRICE", ERROR, "通知 四(三)", "申报单价不超过目录补贴标准或新开发项目的类别上限", scope="tables")
def app_price(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        cap = price_cap(ctx.records, app.model)
        price = app.model.budget.unit_price
        if cap is not None and price > cap.amount:
            yield Hit(app, ("budget", "unit_price"), (
                f"申报单价 {yuan(price)} 元超过{cap.basis}。请把单价降到 {yuan(cap.amount)} 元以内"
            ))


@rule("APP-BUDGET", ERROR, None, "费用预算明细之和等于申报单价", scope="tables")
def app_budget(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        budget = app.model.budget
        total = sum((item.amount for item in budget.breakdown), Decimal(0))
        if total != budget.unit_price:
            gap = budget.unit_price - total
            diff = f"少 {yuan(gap)} 元" if gap > 0 else f"多 {yuan(-gap)} 元"
            yield Hit(app, ("budget", "breakdown"), (
                f"费用预算明细合计 {yuan(total)} 元，与申报单价 {yuan(budget.unit_price)} 元不一致"
                f"（明细{diff}）。请核对各项金额或申报单价，使两者相等"
            ))


def phone_ok(phone: str) -> bool:
    """A mainland China mobile or landline number (+86 allowed; not Hong Kong, Macao, 400 numbers)."""
    try:
        number = phonenumbers.parse(phone, "CN")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number) and phonenumbers.region_code_for_number(number) == "CN"
            and phonenumbers.number_type(number) in _PHONE_TYPES)


@rule("APP-CONTACT", ERROR, "附件 征集表", "联系电话为大陆手机或固定电话，邮箱地址格式正确", scope="tables")
def app_contact(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        contact = app.model.contact
        if not phone_ok(contact.phone):
            yield Hit(app, ("contact", "phone"), (
                f"联系电话“{contact.phone}”不是有效的大陆手机或固定电话号码。"
                "请填写 11 位手机号（如 \"13812345678\"）或带区号的座机（如 \"0510-82829088\"），须加引号"
            ))
        try:
            validate_email(contact.email, check_deliverability=False)
        except EmailNotValidError:
            yield Hit(app, ("contact", "email"), (
                f"邮箱地址“{contact.email}”格式不正确。请填写完整的邮箱地址，如 office@example.cn"
            ))


@rule("APP-DECLARATION", ERROR, "附件 项目申报单位意见",
      "申报单位意见由法定代表人签署，签署日期不晚于提交日期", scope="tables")
def app_declaration(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        decl = app.model.declaration
        inst = ctx.records.institutions.get(app.model.institution)
        if inst is not None:
            legal = inst.model.legal_representative
            if _SPACES.sub("", decl.signed_by) != _SPACES.sub("", legal):
                yield Hit(app, ("declaration", "signed_by"), (
                    f"申报单位意见由“{decl.signed_by}”签署，但{inst.model.name}的法定代表人为“{legal}”。"
                    "请由法定代表人签名；法定代表人已变更的，请先更新培训主体文件"
                ))
        if set(decl.scan_sha256) == {"0"}:
            yield Hit(app, ("declaration", "scan_sha256"), (
                "盖章页扫描件的 SHA-256 仍是占位的 64 个 0。请打印征集表（peixun form），由法定代表人签名盖章后扫描，"
                "把扫描件的 SHA-256（如 sha256sum 扫描件.pdf）填入此处"
            ))
        if decl.signed_on > app.model.submitted_on:
            yield Hit(app, ("declaration", "signed_on"), (
                f"签署日期 {decl.signed_on} 晚于提交日期 {app.model.submitted_on}。"
                "请核对日期：申报单位意见须在提交前签署"
            ))


@rule("APP-NAME", WARNING, "附件 备注", "目录内项目使用目录职业（工种）名称；新开发项目以名词加动词命名",
      scope="tables")
def app_name(ctx: Context) -> Iterator[Hit]:
    for app in ctx.records.applications.values():
        name = app.model.project_name.strip()
        catalog = ctx.records.catalog_on(app.model.submitted_on)
        if app.model.catalog.in_catalog:
            occ = occupation_in(catalog, app.model.catalog.occupation_code)
            if occ is not None and occ.name not in name:
                yield Hit(app, ("project_name",), (
                    f"项目名称“{name}”未使用目录职业（工种）名称“{occ.name}”（{occ.code}）。"
                    f"请以“{occ.name}”命名（可在其后注明等级或工种）"
                ))
            continue
        same = next((o for o in catalog.occupations if o.name == name), None) if catalog else None
        if same is not None:
            yield Hit(app, ("project_name",), (
                f"新开发项目的名称“{name}”与指导目录中的职业（工种）{same.name}（{same.code}）同名。"
                "属于目录内工种的，请把 in_catalog 设为 true 并填写工种编码；"
                "否则请以名词加动词命名，如“工业无人机装调”"
            ))
        elif not name.endswith(ACTION_VERBS):
            yield Hit(app, ("project_name",), (
                f"新开发项目的名称“{name}”不以动词结尾。请以名词（如设备名称）加动词命名，"
                f"动词如{'、'.join(ACTION_VERBS[:6])}等，例如“工业无人机装调”"
            ))
