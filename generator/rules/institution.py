"""Rules on the training provider (培训主体, notice 三): who may apply."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator

from stdnum.cn import uscc as stdnum_uscc

from generator.records.institution import Application
from generator.records.labels import INSTITUTION_TYPE_LABELS
from generator.records.orgkinds import kind_of
from generator.records.record_set import Record, RecordSet
from generator.records.reference import Policy
from generator.rules.registry import ERROR, Context, Hit, rule

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # GB 32100-2015: no I, O, S, V, Z
_DIGITS = "0123456789"


def applications_by_institution(rs: RecordSet) -> dict[str, list[Record[Application]]]:
    by_inst: dict[str, list[Record[Application]]] = defaultdict(list)
    for app in sorted(rs.applications.values(), key=lambda r: (r.model.submitted_on, r.model.id)):
        by_inst[app.model.institution].append(app)
    return by_inst


def uscc_problem(code: str) -> str | None:
    """What is wrong with a USCC, in Chinese, or None when it is well formed."""
    if len(code) != 18:
        return f"统一社会信用代码“{code}”为 {len(code)} 位，应为 18 位。请按营业执照或登记证书核对"
    bad = [f"第 {i} 位“{c}”" for i, c in enumerate(code, start=1) if c not in USCC_ALPHABET]
    head_ok = all(c in USCC_ALPHABET for c in code[:17]) and all(c in _DIGITS for c in code[2:8])
    expected = stdnum_uscc.calc_check_digit(code[:17]) if head_ok else None
    if bad:
        hint = f"按前 17 位计算，校验位应为“{expected}”。" if expected else ""
        return (f"统一社会信用代码“{code}”含有不允许的字符：{'、'.join(bad)}。只能使用数字和大写字母"
                f"（不含 I、O、S、V、Z）。{hint}小写字母请改为大写，并按证书核对")
    if expected is None:
        return (f"统一社会信用代码“{code}”第 3-8 位（登记管理机关行政区划码）“{code[2:8]}”应全为数字。"
                "请按证书核对")
    if code[17] != expected:
        return (f"统一社会信用代码“{code}”校验位（第 18 位）为“{code[17]}”，按前 17 位计算应为“{expected}”。"
                "请按证书核对是否抄错（文件名也须一并更正）")
    if kind_of(code) is None:
        return (f"统一社会信用代码“{code}”前两位“{code[:2]}”不是 GB 32100-2015 规定的登记管理部门码和机构类别码"
                "（如 91 企业、12 事业单位、52 民办非企业单位）。请按证书核对")
    return None


@rule("INST-USCC", ERROR, "GB 32100-2015",
      "统一社会信用代码为 18 位有效字符，前两位为标准规定的登记管理部门和机构类别，校验位正确", scope="tables")
def inst_uscc(ctx: Context) -> Iterator[Hit]:
    for inst in ctx.records.institutions.values():
        problem = uscc_problem(inst.model.uscc)
        if problem:
            yield Hit(inst, ("uscc",), problem)


@rule("INST-LEGAL-PERSON", ERROR, "通知 三",
      "培训主体具有独立法人资格：统一社会信用代码前两位所示的机构类别不是非法人组织（如 92 个体工商户）",
      scope="tables")
def inst_legal_person(ctx: Context) -> Iterator[Hit]:
    for inst in ctx.records.institutions.values():
        kind = kind_of(inst.model.uscc)
        if kind is not None and kind.legal_person is False and uscc_problem(inst.model.uscc) is None:
            yield Hit(inst, ("uscc",), (
                f"统一社会信用代码“{inst.model.uscc}”前两位为 {kind.code}，即{kind.authority}登记的{kind.kind}，"
                "不具有独立法人资格。培训主体须是具有独立法人资格的院校或机构：请以依法登记的法人单位申报，"
                "或按证书核对代码"
            ))


def registered_in(uscc: str, region_codes: Iterable[str]) -> bool:
    """Whether the registering authority's division (USCC characters 3-8) lies in one of the regions."""
    return any(uscc[2:8].startswith(code) for code in region_codes)


def region_text(policy: Policy) -> str:
    return "、".join(policy.region_codes)


# The ID says 无锡 for history (findings, reviews and docs name it since the first version); the
# regions are the policy's `region_codes`, so another jurisdiction's repository judges its own.
@rule("INST-WUXI", ERROR, "通知 三",
      "培训主体在本地注册或登记：统一社会信用代码第 3-8 位以政策的登记地行政区划代码（region_codes）开头",
      scope="tables")
def inst_region(ctx: Context) -> Iterator[Hit]:
    by_inst = applications_by_institution(ctx.records)
    for inst in ctx.records.institutions.values():
        division = inst.model.uscc[2:8]
        if len(division) != 6 or any(c not in _DIGITS for c in division):
            continue  # malformed: INST-USCC reports it
        judged: set[tuple[str, ...]] = set()
        policies = _policies_for(ctx, by_inst.get(inst.model.uscc, []))
        if not policies and ctx.records.policies:  # before any policy took effect: the first one's regions
            first = min((p.model for p in ctx.records.policies), key=lambda p: (p.effective_from, p.id))
            policies = [(first, f"{ctx.as_of} 尚无生效的政策")]
        for policy, when in policies:
            regions = tuple(policy.region_codes)
            if regions in judged or registered_in(inst.model.uscc, regions):
                continue
            judged.add(regions)
            yield Hit(inst, ("uscc",), (
                f"统一社会信用代码第 3-8 位行政区划码为 {division}，不在{policy.jurisdiction}"
                f"（政策 {policy.id} 的 region_codes：以 {region_text(policy)} 开头；{when}）。"
                f"培训主体须在{policy.jurisdiction}注册或登记：请核对代码，外地单位请以在本地注册的法人申报"
            ))


def _policies_for(ctx: Context, apps: list[Record[Application]]) -> list[tuple[Policy, str]]:
    """The policies an institution is judged by, each once, with what brought it in (for messages)."""
    found: dict[str, tuple[Policy, str]] = {}
    if apps:
        for app in apps:
            policy = ctx.records.policy_on(app.model.submitted_on)
            if policy is not None and policy.id not in found:
                found[policy.id] = (policy, f"申报 {app.model.id} 提交日期 {app.model.submitted_on}")
    else:
        policy = ctx.records.policy_on(ctx.as_of)
        if policy is not None:
            found[policy.id] = (policy, f"尚无申报，按 {ctx.as_of}")
    return list(found.values())


@rule("INST-TYPE", ERROR, "通知 三", "单位类型为普通高等院校、职业院校或职业技能培训机构", scope="tables")
def inst_type(ctx: Context) -> Iterator[Hit]:
    by_inst = applications_by_institution(ctx.records)
    for inst in ctx.records.institutions.values():
        kind = inst.model.type
        for policy, when in _policies_for(ctx, by_inst.get(inst.model.uscc, [])):
            if kind not in policy.institution_types:
                allowed = "、".join(INSTITUTION_TYPE_LABELS[t] for t in policy.institution_types)
                yield Hit(inst, ("type",), (
                    f"单位类型为“{INSTITUTION_TYPE_LABELS[kind]}”（{kind}），不在政策 {policy.id}"
                    f"（{when}）允许的培训主体类型之内：{allowed}。请核对单位类型"
                ))


@rule("INST-QUALIFICATION", ERROR, "通知 三", "记录了职业技能培训资质，且在申报日期有效", scope="tables")
def inst_qualification(ctx: Context) -> Iterator[Hit]:
    by_inst = applications_by_institution(ctx.records)
    for inst in ctx.records.institutions.values():
        qual = inst.model.qualification
        if qual is None:
            yield Hit(inst, ("qualification",), (
                "未记录培训资质证明。培训主体须具备职业技能培训资质：请填写 qualification 的资质类别、"
                "证书编号和有效期（长期有效填 null）"
            ))
            continue
        if qual.valid_until is None:
            continue
        for app in by_inst.get(inst.model.uscc, []):
            if qual.valid_until < app.model.submitted_on:
                yield Hit(inst, ("qualification", "valid_until"), (
                    f"培训资质（{qual.kind} {qual.number}）有效期至 {qual.valid_until}，"
                    f"早于申报 {app.model.id} 的提交日期 {app.model.submitted_on}，申报时资质已失效。"
                    "请提交申报日有效的资质证明并更新有效期"
                ))


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February: the period ends with February, so the next day is 1 March
        return dt.date(day.year + years, 3, 1)


@rule("INST-VIOLATIONS", ERROR, "通知 三", "申报日期前规定年限内无培训违法违规记录", scope="tables")
def inst_violations(ctx: Context) -> Iterator[Hit]:
    """A violation counts when it lies in (submitted_on − N years, submitted_on]: one on the very
    anniversary is N full years old and no longer "近 N 年" (the first day is not counted,
    《民法典》第二百零一条)."""
    by_inst = applications_by_institution(ctx.records)
    for inst in ctx.records.institutions.values():
        for app in by_inst.get(inst.model.uscc, []):
            policy = ctx.records.policy_on(app.model.submitted_on)
            if policy is None:
                continue  # REF reports it
            years = policy.violation_lookback_years
            start = years_before(app.model.submitted_on, years)
            for i, v in enumerate(inst.model.violations):
                if start < v.on <= app.model.submitted_on:
                    yield Hit(inst, ("violations", i, "on"), (
                        f"{v.on} 的培训违规记录（{v.summary}）在申报 {app.model.id} 提交日期 "
                        f"{app.model.submitted_on} 前 {years} 年内，不符合“近{years}年无培训违法违规记录”。"
                        f"最早可于 {years_after(v.on, years)} 起申报；记录有误的，请联系市人社局更正"
                    ))
