"""The questions of a new application (征集表), in the attachment's order, with the notice's rules.

The rules shown come from the records in force on the submission date: the price cap is the
catalog's standard for the chosen occupation and level, or the policy's cap for the category.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from generator.intake import ask
from generator.intake.ask import Answers, Question
from generator.intake.scaffold import Q, Scaffold, identifier, next_number, register
from generator.intake.webform import recognised_districts
from generator.periods import periods_problems
from generator.records.labels import CATEGORY_LABELS, EVALUATION_LABELS, FIELD_LABELS, GROUP_LABELS, LEVEL_LABELS
from generator.records.reference import Catalog, Occupation, Policy
from generator.rules.application import ACTION_VERBS, pct
from generator.rules.pricing import occupation_in, yuan

PLACEHOLDER_SHA = "0" * 64


def _day(a: Answers) -> dt.date:
    return a["submitted_on"] or dt.date.today()


def _policy(a: Answers) -> Policy | None:
    return a.records.policy_on(_day(a))


def _catalog(a: Answers) -> Catalog | None:
    return a.records.catalog_on(_day(a))


def _occupation(a: Answers) -> Occupation | None:
    return occupation_in(_catalog(a), a["occupation_code"]) if a["in_catalog"] else None


def _institution_of(raw: str, a: Answers) -> str:
    value = ask.uscc(raw, a)
    if value not in a.records.institutions:
        raise ValueError(f"培训主体 {value} 尚未登记。请先运行 peixun new institution 建立培训主体文件")
    return value


def _submitted(raw: str, a: Answers) -> dt.date:
    day = ask.date(raw, a)
    if a.records.policy_on(day) is None:
        raise ValueError(f"{day} 没有生效的政策文件（records/policy/），无法申报")
    return day


def _open_calls(a: Answers) -> list[str]:
    day = _day(a)
    return sorted(cid for cid, rec in a.records.calls.items() if rec.model.opens_on <= day <= rec.model.closes_on)


def _call(raw: str, a: Answers) -> str:
    value = raw.strip()
    rec = a.records.calls.get(value)
    if rec is None:
        raise ValueError(f"征集计划 {value} 不存在（records/calls/）")
    call, day = rec.model, _day(a)
    if not call.opens_on <= day <= call.closes_on:
        raise ValueError(f"提交日期 {day} 不在征集计划 {value} 的征集期（{call.opens_on} 至 {call.closes_on}）内")
    return value


def _call_rule(a: Answers) -> str:
    found = _open_calls(a)
    return "通知 四(一)：提交日期须在其征集期内；正在征集：" + ("、".join(found) if found else "无")


def _code(raw: str, a: Answers) -> str:
    """An occupation by its code, its name, "code name" as listed, or its number in the list."""
    catalog = _catalog(a)
    value = " ".join(raw.split())
    if catalog is None:
        return value
    occupations = list(catalog.occupations)
    if value.isdigit() and 1 <= int(value) <= len(occupations):
        return occupations[int(value) - 1].code
    first = value.split(" ")[0]
    if occupation_in(catalog, first) is not None:
        return first
    named = [o for o in occupations if o.name == value] or [o for o in occupations if value and value in o.name]
    if len(named) == 1:
        return named[0].code
    if len(named) > 1:
        listed = "".join(f"\n    {o.code} {o.name}" for o in named)
        raise ValueError(f"“{value}”对应目录中的多个工种，请输入其中一个的编码：{listed}")
    raise ValueError(f"“{value}”不在指导目录 {catalog.id}（{catalog.edition}）中：请按上面的目录输入编码或名称；"
                     "目录外的新开发项目，请对上一问“是否为目录内工种”回答“否”")


def _levels(a: Answers) -> list[str]:
    occ = _occupation(a)
    return list(occ.standards) if occ else list(LEVEL_LABELS)


def _cap(a: Answers) -> tuple[Decimal, str] | None:
    occ = _occupation(a)
    if a["in_catalog"]:
        level = a["level"]
        if occ is None or level not in occ.standards:
            return None
        amount = occ.standards[level]
        return amount, f"目录标准：{occ.name}（{occ.code}）{LEVEL_LABELS[level]} {yuan(amount)} 元"
    policy = _policy(a)
    if policy is None or a["category"] is None:
        return None
    amount = getattr(policy.pricing.new_project_caps, a["category"])
    return amount, f"新开发{CATEGORY_LABELS[a['category']]}项目上限 {yuan(amount)} 元"


def _price(raw: str, a: Answers) -> Decimal:
    value = ask.money(raw, a)
    cap = _cap(a)
    if cap is not None and value > cap[0]:
        raise ValueError(f"申报单价 {yuan(value)} 元超过{cap[1]}。请把单价降到 {yuan(cap[0])} 元以内（通知 四(三)）")
    return value


def _price_rule(a: Answers) -> str:
    cap = _cap(a)
    return f"单价上限（{cap[1]}）；通知 四(三)" if cap else "不超过目录标准或新开发项目的类别上限（通知 四(三)）"


def _eligible(a: Answers) -> list[str]:
    policy = _policy(a)
    return list(policy.eligible_groups) if policy else list(GROUP_LABELS)


def _fields(a: Answers) -> list[str]:
    policy = _policy(a)
    return [*policy.priority_fields, "other"] if policy else list(FIELD_LABELS)


def _chain(raw: str, a: Answers) -> str:
    value = ask.text(raw, a)
    policy = _policy(a)
    if policy and policy.industry_chains and value not in policy.industry_chains:
        raise ValueError(f"请按政策所列名称填写：{'、'.join(policy.industry_chains)}")
    return value


def _module(raw: str, a: Answers) -> dict[str, Any]:
    name, theory, practical = ask.fields(3, "课程模块,理论课时,实操课时")(raw)
    return {"module": name, "theory_periods": ask.whole(0)(theory, a), "practical_periods": ask.whole(0)(practical, a)}


def _period_limits(a: Answers) -> tuple[int, Decimal]:
    policy = _policy(a)
    if policy is None:
        return 40, Decimal("0.6")
    return policy.training.min_total_periods, Decimal(policy.training.min_practical_share)


def _periods_rule(a: Answers) -> str:
    least, share = _period_limits(a)
    return (f"每次一个模块：名称,理论课时,实操课时（如 示教编程,0,24）；"
            f"总课时不低于 {least}，实操不低于 {pct(share)}（通知 四(四)）")


def _modules_done(items: list[Any], a: Answers) -> str | None:
    """Not a refusal: the notice says 原则上, so the warning is shown before anything is written
    (the caller asks whether to go on) rather than after the file exists."""
    least, share = _period_limits(a)
    theory = sum(m["theory_periods"] for m in items)
    practical = sum(m["practical_periods"] for m in items)
    problems = periods_problems(theory, practical, least, share)
    return ("提醒：" + "；".join(problems)) if problems else None


def _district(raw: str, a: Answers) -> str:
    """A district as roles.yaml names it: 梁溪 -> 梁溪区, 江阴 -> 江阴市."""
    value = "".join(raw.split())
    known = recognised_districts(a.records)
    if value in known or (value and not known):
        return value
    matches = [d for d in known if d.startswith(value) and len(d) - len(value) <= 1] if value else []
    if len(matches) == 1:
        return matches[0]
    policy = _policy(a)
    place = f"{policy.jurisdiction}的" if policy else ""
    raise ValueError(f"“{raw.strip()}”不是{place}推荐地区名称。请填写：{'、'.join(known)}")


def _employer(raw: str, a: Answers) -> dict[str, Any]:
    code, name, post, positions = ask.fields(4, "统一社会信用代码,单位名称,岗位,岗位数量")(raw)
    return {"uscc": Q(ask.uscc(code, a)), "name": name, "post": post, "positions": ask.whole(0)(positions, a)}


def _employers_done(items: list[Any], _: Answers) -> str | None:
    if not any(e["positions"] > 0 for e in items):
        return "缺少岗位需求：请填写至少一家岗位数量大于 0 的用人单位（通知 一(一)“四位一体”）"
    return None


def _budget_item(raw: str, a: Answers) -> dict[str, Any]:
    item, amount = ask.fields(2, "费用项目,金额")(raw)
    return {"item": item, "amount": ask.money(amount, a)}


def _budget_done(items: list[Any], a: Answers) -> str | None:
    total = sum((i["amount"] for i in items), Decimal(0))
    if total != a["unit_price"]:
        gap = a["unit_price"] - total
        more = f"还差 {yuan(gap)} 元" if gap > 0 else f"多了 {yuan(-gap)} 元"
        return (f"明细合计 {yuan(total)} 元，与申报单价 {yuan(a['unit_price'])} 元不一致（{more}）。"
                "已输入的各项都保留：可继续添加一项，或输入“删除 序号”去掉一项")
    return None


def _signer(raw: str, a: Answers) -> str:
    value = ask.text(raw, a)
    inst = a.records.institutions.get(a["institution"])
    if inst and "".join(value.split()) != "".join(inst.model.legal_representative.split()):
        raise ValueError(f"应由法定代表人“{inst.model.legal_representative}”签名（附件 项目申报单位意见）")
    return value


def _signed(raw: str, a: Answers) -> dt.date:
    day = ask.date(raw, a)
    if day > a["submitted_on"]:
        raise ValueError(f"签署日期不能晚于提交日期 {a['submitted_on']}")
    return day


def _name_rule(a: Answers) -> str:
    occ = _occupation(a)
    if occ:
        return f"目录内项目以目录名称命名：{occ.name}（附件 备注）"
    return f"新开发项目以名词加动词命名，动词如{'、'.join(ACTION_VERBS[:6])}，例如“工业无人机装调”（附件 备注）"


def _application_ids(a: Answers) -> set[str]:
    return set(a.records.applications) | a.records.broken.get("application", set())


def _legal(a: Answers) -> str | None:
    inst = a.records.institutions.get(a["institution"])
    return inst.model.legal_representative if inst else None


def _catalog_rule(a: Answers) -> str:
    catalog = _catalog(a)
    if catalog is None:
        return "没有生效的指导目录"
    listed = "".join(f"\n    {i:>2}) {o.code}  {o.name}" for i, o in enumerate(catalog.occupations, start=1))
    return f"输入编码、名称或序号（指导目录 {catalog.edition}）：{listed}"


def _category_rule(a: Answers) -> str:
    policy = _policy(a)
    if policy is None:
        return ask.menu(CATEGORY_LABELS)
    return "通知 四(三)：" + "；".join(
        f"{i}) {label} {key}，上限 {yuan(getattr(policy.pricing.new_project_caps, key))} 元"
        for i, (key, label) in enumerate(CATEGORY_LABELS.items(), start=1)
    )


def _chain_rule(a: Answers) -> str | None:
    policy = _policy(a)
    return "、".join(policy.industry_chains) if policy and policy.industry_chains else None


def _budget_rule(a: Answers) -> str:
    price = yuan(a["unit_price"]) if a["unit_price"] is not None else "?"
    return f"每次一项：费用项目,金额（如 师资费,600）；各项之和须等于申报单价 {price} 元"


def _catalog_default(a: Answers) -> str | None:
    occ = _occupation(a)
    return occ.name if occ else None


def _signed_default(a: Answers) -> str | None:
    return a["submitted_on"].isoformat() if a["submitted_on"] else None


def _in_catalog(a: Answers) -> bool:
    return bool(a["in_catalog"])


def _new_project(a: Answers) -> bool:
    return not a["in_catalog"]


APPLICATION = (
    Question("institution", "申请单位统一社会信用代码", _institution_of,
             rule=lambda _: "须为已登记的培训主体（records/institutions/）"),
    Question("submitted_on", "提交日期", _submitted, default=lambda _: dt.date.today().isoformat()),
    Question("call", "征集计划编号", _call, ask=lambda a: bool(a.records.calls), rule=_call_rule,
             default=lambda a: next(iter(_open_calls(a)), None), optional=True),
    Question("id", "申报编号", identifier(_application_ids, "申报表"), rule=lambda _: "即文件名",
             default=lambda a: next_number(f"A{_day(a).year}-", _application_ids(a), 3)),
    Question("in_catalog", "是否为目录内工种", ask.yes_no, rule=lambda _: "是 / 否"),
    Question("occupation_code", "工种编码", _code, ask=_in_catalog, rule=_catalog_rule),
    Question("level", "等级", ask.choice(LEVEL_LABELS, _levels), ask=_in_catalog,
             rule=lambda a: ask.menu(LEVEL_LABELS, _levels(a))),
    Question("category", "类别", ask.choice(CATEGORY_LABELS), ask=_new_project, rule=_category_rule),
    Question("field", "征集方向", ask.choice(FIELD_LABELS, _fields),
             rule=lambda a: "通知 一(二)，输入序号或名称：" + ask.menu(FIELD_LABELS, _fields(a))),
    Question("industry_chain", "服务的产业集群或产业链", _chain, ask=lambda a: a["field"] == "other", rule=_chain_rule),
    Question("project_name", "项目名称", ask.text, rule=_name_rule, default=_catalog_default),
    Question("district", "所在区", _district, rule=lambda a: "如 滨湖区、江阴市（“梁溪”即“梁溪区”）"),
    Question("contact_person", "项目联系人", ask.text),
    Question("phone", "电话", ask.phone, rule=lambda _: "手机 11 位，或带区号的座机，如 0510-82829088"),
    Question("email", "邮箱地址", ask.email),
    Question("target_group", "培训对象", ask.choice(GROUP_LABELS, _eligible), multiple=True,
             rule=lambda a: "通知 二，每次一项：" + ask.menu(GROUP_LABELS, _eligible(a))),
    Question("industry_status", "行业领域现状", ask.text),
    Question("skill_demand", "岗位和相关技能需求情况", ask.text),
    Question("goals", "培训预期目标", ask.text, rule=lambda _: "含预期重点群体就业率"),
    Question("module", "培训课程", _module, multiple=True, rule=_periods_rule, finish=_modules_done, warn=True),
    Question("evaluation_kind", "技能评价方式", ask.choice(EVALUATION_LABELS),
             rule=lambda _: ask.menu(EVALUATION_LABELS)),
    Question("evaluation_body", "评价机构", ask.text),
    Question("employer", "岗位需求", _employer, multiple=True, finish=_employers_done,
             rule=lambda _: "每次一家：统一社会信用代码,单位名称,岗位,岗位数量"),
    Question("employment_service", "就业服务计划", ask.text),
    Question("planned_trainees", "计划培训人数", ask.whole(1)),
    Question("planned_classes", "计划班次", ask.whole(1)),
    Question("expected_employment_rate", "预期就业率", ask.ratio, rule=lambda _: "如 0.6 或 60%"),
    Question("unit_price", "申报单价（元/人）", _price, rule=_price_rule),
    Question("budget_item", "费用预算明细", _budget_item, multiple=True, finish=_budget_done, rule=_budget_rule),
    Question("signed_by", "法定代表人签名", _signer, default=_legal),
    Question("signed_on", "签署日期", _signed, default=_signed_default),
    Question("scan_sha256", "盖章页扫描件", ask.sha256, optional=True,
             rule=lambda _: "扫描件的文件路径或其 SHA-256；尚未签字盖章可直接回车，用 peixun form 打印后再填"),
)


def _application(a: Answers) -> dict[str, Any]:
    occ = _occupation(a)
    return {
        "id": a["id"], "project_name": a["project_name"], "institution": Q(a["institution"]),
        "district": a["district"], "submitted_on": a["submitted_on"], "call": a["call"],
        "catalog": {"in_catalog": a["in_catalog"],
                    "occupation_code": Q(a["occupation_code"]) if a["in_catalog"] else None,
                    "level": a["level"] if a["in_catalog"] else None},
        "category": occ.category if occ else a["category"], "field": a["field"],
        "industry_chain": a["industry_chain"],
        "contact": {"person": a["contact_person"], "phone": Q(a["phone"]), "email": a["email"]},
        "target_groups": list(dict.fromkeys(a["target_group"])),
        "description": {"industry_status": a["industry_status"], "skill_demand": a["skill_demand"],
                        "goals": a["goals"]},
        "curriculum": a["module"],
        "evaluation": {"kind": a["evaluation_kind"], "body": a["evaluation_body"]},
        "employers": a["employer"], "employment_service": a["employment_service"],
        "planned": {"trainees": a["planned_trainees"], "classes": a["planned_classes"],
                    "expected_employment_rate": a["expected_employment_rate"]},
        "budget": {"unit_price": a["unit_price"], "breakdown": a["budget_item"]},
        "declaration": {"signed_by": a["signed_by"], "signed_on": a["signed_on"],
                        "scan_sha256": a["scan_sha256"] or PLACEHOLDER_SHA},
    }


def _notes(a: Answers) -> dict[tuple[str, ...], str]:
    if a["scan_sha256"]:
        return {}
    return {("declaration", "scan_sha256"): "待填：签字盖章页扫描件的 SHA-256（peixun form 打印后签字盖章、扫描）"}


register(Scaffold("application", APPLICATION, _application,
                  lambda a: f"applications/{a['submitted_on'].year}/{a['id']}.yaml", _notes))
