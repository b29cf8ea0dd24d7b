"""Outcome rules: employment follow-up, the per-person subsidy ledger, and payments against the settlement."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from generator.records.labels import LEVEL_LABELS, PHASE_LABELS
from generator.records.orgkinds import kind_of
from generator.records.record_set import RecordSet
from generator.records.training import TrainingClass
from generator.rules.pricing import yuan
from generator.rules.registry import ERROR, WARNING, Context, Hit, rule
from generator.settlement.arithmetic import (
    PHASES,
    ClassSettlement,
    LedgerEntry,
    counts_as_enterprise,
    due_on,
    verdicts_of,
)
from generator.settlement.months import is_month, month_index, month_or_none

STATUS_WORDS = {"due": "应付", "pending": "尚未到期", "not_met": "未达标"}


@rule("EMP-PERSON", ERROR, "通知 四(五)",
      "就业记录的人员均为该班次的参训人员，每人一条，缴费月份有效且不重复", scope="class")
def employment_person(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.employment.values():
        cls = ctx.records.classes.get(rec.model.class_)
        roster = {t.person for t in cls.model.trainees} if cls else None  # a missing class is REF's
        first: dict[str, int] = {}
        for i, entry in enumerate(rec.model.records):
            if entry.person in first:
                yield Hit(rec, ("records", i, "person"),
                          f"第 {i + 1} 条就业记录与第 {first[entry.person] + 1} 条是同一人（假名相同）。"
                          "每人只写一条：请把缴费月份合并到前一条，并删除本条")
            else:
                first[entry.person] = i
                if roster is not None and entry.person not in roster:
                    yield Hit(rec, ("records", i, "person"),
                              f"第 {i + 1} 条就业记录的人员不是班次 {rec.model.class_} 的参训人员"
                              "（花名册中没有该假名）。请核对人员假名或班次编号")
            months: set[str] = set()
            for j, month in enumerate(entry.pension_months):
                loc = ("records", i, "pension_months", j)
                if not is_month(month):
                    yield Hit(rec, loc,
                              f"第 {i + 1} 条就业记录的缴费月份“{month}”无效。月份应写作 YYYY-MM 并加引号，"
                              "例如 \"2026-09\"")
                elif month in months:
                    yield Hit(rec, loc,
                              f"第 {i + 1} 条就业记录的缴费月份 {month} 重复出现。"
                              "每个月份只写一次：请删除重复项")
                months.add(month)


@rule("EMP-SELF", WARNING, "通知 五(二)", "用人单位是承训单位自身，提请核实就业真实性", scope="class")
def employment_self(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.employment.values():
        cls = ctx.records.classes.get(rec.model.class_)
        prj = ctx.records.project_of(cls.model) if cls else None
        app = ctx.records.application_of(prj) if prj else None
        if app is None:
            continue
        for i, entry in enumerate(rec.model.records):
            if entry.employer.strip().upper() == app.institution:  # codes compared in normal form
                yield Hit(rec, ("records", i, "employer"),
                          f"第 {i + 1} 条就业记录的用人单位 {entry.employer} 就是承训单位本身。"
                          "承训单位安置自己的学员须核实岗位与缴费的真实性：请附上劳动合同和缴费凭证备查，"
                          "或核对用人单位统一社会信用代码")


@rule("EMP-ENTERPRISE", WARNING, "通知 四(五)",
      "稳定就业须由企业缴纳企业职工基本养老保险：代码显示为机关、事业单位的用人单位不计入稳定就业", scope="class")
def employment_enterprise(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.employment.values():
        cls = ctx.records.classes.get(rec.model.class_)
        rows = {t.person: n for n, t in enumerate(cls.model.trainees, start=1)} if cls else {}
        for i, entry in enumerate(rec.model.records):
            if counts_as_enterprise(entry.employer):
                continue
            kind = kind_of(entry.employer)
            assert kind is not None
            row = f"（花名册第 {rows[entry.person]} 名参训人员）" if entry.person in rows else ""
            yield Hit(rec, ("records", i, "employer"),
                      f"第 {i + 1} 条就业记录{row}的用人单位 {entry.employer.strip()} 是{kind.label}，"
                      "不是缴纳企业职工基本养老保险的企业：其职工参加机关事业单位基本养老保险，"
                      "这条就业不计入稳定就业人数。如该人员实际在企业就业并由企业缴费，请核对用人单位统一社会信用代码")


def _priors(ctx: Context) -> dict[str, list[tuple[dt.date, tuple[str, str]]]]:
    """Each person's subsidies granted outside this system, by date."""
    rs = ctx.records
    found: dict[str, list[tuple[dt.date, tuple[str, str]]]] = defaultdict(list)
    for s in rs.prior_subsidies.model.subsidies if rs.prior_subsidies else []:
        found[s.person].append((s.on, (s.occupation_code.strip(), s.level)))
    for items in found.values():
        items.sort()
    return found


def _ledger_hits(ctx: Context, verdict: str, priors: dict[str, list[tuple[dt.date, tuple[str, str]]]]
                 ) -> Iterator[tuple[LedgerEntry, int, str]]:
    """Ledger entries with `verdict`, with the cap in force and a note on the subsidies held before
    (outside this system: only those dated on or before this entry's certificate, 通知 四(五))."""
    rs = ctx.records
    for entry in ctx.settlement.ledger:
        if entry.verdict != verdict or entry.class_id not in rs.classes:
            continue
        policy = rs.policy_on(rs.classes[entry.class_id].model.start_on)
        if policy is None:
            continue
        held = f"此前已享受 {entry.prior_count} 次职业培训补贴"
        outside = sum(1 for on, _ in priors.get(entry.person, ()) if on <= entry.issued_on)
        if outside:
            held += f"（其中本系统以外 {outside} 次，见 prior_subsidies.yaml）"
        yield entry, policy.subsidy.max_per_person, held


@rule("SUB-CAP", WARNING, "苏财规〔2025〕2号", "每人累计最多享受 3 次职业培训补贴，超出的不计入补贴", scope="person")
def subsidy_cap(ctx: Context) -> Iterator[Hit]:
    for entry, cap, held in _ledger_hits(ctx, "cap", _priors(ctx)):
        yield Hit(ctx.records.classes[entry.class_id], ("trainees", entry.index, "person"),
                  f"第 {entry.index + 1} 名参训人员{held}，已达每人累计 {cap} 次的上限；"
                  f"本班次（发证日期 {entry.issued_on}）不计入补贴人数。"
                  "无需修改记录；如认为有误，请核对人员假名或已享受补贴记录")


def _occupation(occ: tuple[str, str]) -> str:
    code, level = occ
    new = code.removeprefix("new:")
    what = f"同一新开发项目 {new}" if new != code else f"同一职业（工种）{code}"
    return f"{what}、同一等级（{LEVEL_LABELS.get(level, level or '未注明')}）"


@rule("SUB-REPEAT", WARNING, "苏人社函〔2025〕32号",
      "同一人员同一职业同一等级只补贴一次，重复的不计入补贴", scope="person")
def subsidy_repeat(ctx: Context) -> Iterator[Hit]:
    priors = _priors(ctx)
    counted: dict[tuple[str, tuple[str, str]], list[LedgerEntry]] = defaultdict(list)
    for e in ctx.settlement.ledger:
        if e.verdict == "counted":
            counted[(e.person, e.occupation)].append(e)
    for entry, cap, held in _ledger_hits(ctx, "repeat", priors):
        # the first subsidy for the same occupation and level before this one, inside or outside
        where = [(on, f"{on} 本系统以外，见 prior_subsidies.yaml") for on, occ in priors.get(entry.person, ())
                 if occ == entry.occupation and on <= entry.issued_on]
        where += [(e.issued_on, f"{e.issued_on} 班次 {e.class_id}") for e in counted[(entry.person, entry.occupation)]
                  if (e.issued_on, e.class_id, e.index) < (entry.issued_on, entry.class_id, entry.index)]
        yield Hit(ctx.records.classes[entry.class_id], ("trainees", entry.index, "person"),
                  f"第 {entry.index + 1} 名参训人员已因{_occupation(entry.occupation)}"
                  f"享受过培训补贴（{min(where)[1] if where else ''}），"
                  f"{held}，每人累计上限 {cap} 次；同一职业同一等级只补贴一次，本班次不计入补贴人数。"
                  "无需修改记录；如认为有误，请核对人员假名或已享受补贴记录")


@rule("PAY-OVER", ERROR, "通知 四(五)", "各阶段已拨付金额不超过结算应付金额", scope="person")
def payment_over(ctx: Context) -> Iterator[Hit]:
    settled = {c.class_id: c for c in ctx.settlement.classes}
    for rec in ctx.records.payments.values():
        class_id = rec.model.class_
        if class_id not in ctx.records.classes:
            continue  # REF reports the missing class
        cs = settled.get(class_id)
        for phase in PHASES:
            paid_installments = sorted(
                (inst.paid_on, k, inst.amount) for k, inst in enumerate(rec.model.installments)
                if inst.phase == phase and inst.paid_on <= ctx.as_of
            )
            due = cs.due_for(phase) if cs else Decimal("0.00")
            paid = Decimal("0.00")
            for _, k, amount in paid_installments:
                paid += amount
                if paid > due:
                    total = sum((a for _, _, a in paid_installments), Decimal("0.00"))
                    yield Hit(rec, ("installments", k, "amount"),
                              _over_message(class_id, phase, cs.phases[phase].status if cs else None,
                                            total, due, ctx.as_of))
                    break


@rule("PAY-EARLY", ERROR, "通知 四(五)",
      "每笔拨付不超过拨付当日的应付金额：首期在结业并取得证书后，剩余补贴和跟补在当日已核验的就业率达标后",
      scope="person")
def payment_early(ctx: Context) -> Iterator[Hit]:
    """A payment is judged on the day it was paid, not on the as-of date: a premature payment does
    not become lawful when the as-of date moves past the day it would have been due. A phase that
    PAY-OVER already finds over what is due now is left to PAY-OVER."""
    rs = ctx.records
    settled = {c.class_id: c for c in ctx.settlement.classes}
    verdicts: dict[tuple[str, int], str] | None = None
    for rec in rs.payments.values():
        cls_rec = rs.classes.get(rec.model.class_)
        cs_now = settled.get(rec.model.class_)
        if cls_rec is None or cs_now is None:
            continue  # REF, or PAY-OVER (a class that cannot be settled owes nothing)
        on_day: dict[dt.date, ClassSettlement | None] = {}
        for phase in PHASES:
            complete: dt.date | None = None
            items = sorted((inst.paid_on, k, inst.amount) for k, inst in enumerate(rec.model.installments)
                           if inst.phase == phase and inst.paid_on <= ctx.as_of)
            if not items or sum((a for _, _, a in items), Decimal("0.00")) > cs_now.due_for(phase):
                continue
            paid = Decimal("0.00")
            for n, (day, k, amount) in enumerate(items):
                paid += amount
                if n + 1 < len(items) and items[n + 1][0] == day:
                    continue  # several installments on one day are judged together
                if complete is None:
                    complete = _facts_complete_on(rs, cls_rec.model, with_employment=phase != "first")
                if day >= complete:
                    continue  # every fact was known by then: what was due then is at least what is due now
                if day not in on_day:
                    if verdicts is None:
                        verdicts = verdicts_of(ctx.settlement.ledger)
                    on_day[day] = due_on(rs, cls_rec.model, day, verdicts)
                then = on_day[day]
                due = then.due_for(phase) if then else Decimal("0.00")
                if paid > due:
                    yield Hit(rec, ("installments", k, "paid_on"),
                              _early_message(rec.model.class_, phase, then, day, paid, due, cs_now))
                    break


def _facts_complete_on(rs: RecordSet, cls: TrainingClass, with_employment: bool) -> dt.date:
    """The day from which a phase's due amount no longer changes with the date: the class has ended,
    every certificate is issued and (for the remainder and bonus) every pension month has begun and
    been verified. A payment on or after it was due as of its day exactly as it is now (or more,
    before a termination), so PAY-EARLY need not settle the class again for it."""
    days = [cls.end_on]
    days.extend(t.assessment.certificate.issued_on for t in cls.trainees
                if t.assessment is not None and t.assessment.certificate is not None)
    emp = rs.employment.get(cls.id) if with_employment else None
    if emp is not None:
        for entry in emp.model.records:
            for m in entry.pension_months:
                index = month_or_none(m)
                if index is not None:
                    days.append(dt.date(index // 12, index % 12 + 1, 1))
            days.extend(entry.verified_on.values())
    return max(days)


def _early_message(class_id: str, phase: str, then: ClassSettlement | None, day: dt.date, paid: Decimal,
                   due: Decimal, now: ClassSettlement) -> str:
    status = then.phases[phase].status if then else None
    why = {
        "first": "首期在班次结业、学员取得证书之后才应拨付",
        "remainder": "剩余补贴在已核验的稳定就业率达到 30% 之后才应拨付",
        "bonus": "跟补在已核验的稳定就业率达到 50% 之后才应拨付",
    }[phase]
    rate = f"，当日已核验的稳定就业 {then.employed}/{then.enrolled} 人" if then and phase != "first" else ""
    return (f"班次 {class_id} 的{PHASE_LABELS[phase]}于 {day} 拨付，截至当日累计 {yuan(paid)} 元，"
            f"而当日应付 {yuan(due)} 元（当日状态：{STATUS_WORDS.get(status or '', '无法结算')}{rate}），"
            f"超出 {yuan(paid - due)} 元；{why}。现在应付 {yuan(now.due_for(phase))} 元，"
            "但拨付是否合规按拨付当日判断。请核对拨付日期和阶段：日期登记有误的请改正；确属提前拨付的，"
            "请在整改说明中记录，并报市人社局、市财政局处理")


@rule("EMP-VERIFIED", WARNING, "通知 四(五)",
      "每个缴费月份登记核验日期，核验日期不早于该月，且只为已登记的月份登记（晚于判断日期的核验尚未发生，不计）",
      scope="class")
def employment_verified(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.employment.values():
        for i, entry in enumerate(rec.model.records):
            listed = set(entry.pension_months)
            for month, on in entry.verified_on.items():
                loc = ("records", i, "verified_on", month)
                if month not in listed:
                    yield Hit(rec, loc,
                              f"第 {i + 1} 条就业记录为月份“{month}”登记了核验日期，但缴费月份中没有该月。"
                              "请把该月加入 pension_months，或删除这条核验日期", severity=ERROR)
                elif is_month(month) and month_index(on) < month_index(month):
                    yield Hit(rec, loc,
                              f"第 {i + 1} 条就业记录 {month} 的核验日期 {on} 早于该月，"
                              "不可能在缴费月份开始前核验到缴费。请核对核验日期", severity=ERROR)
            missing = [m for m in entry.pension_months if m not in entry.verified_on]
            if missing:
                yield Hit(rec, ("records", i, "pension_months"),
                          f"第 {i + 1} 条就业记录的缴费月份 {'、'.join(missing)} 没有核验日期（verified_on）。"
                          "没有核验日期时，无法判断拨付当日是否已核验到该月，该月按所在月份计。"
                          "请在 verified_on 中为每个月份登记核验日期，如 \"2026-09\": 2026-10-12")


def _over_message(class_id: str, phase: str, status: str | None, paid: Decimal, due: Decimal,
                  as_of: dt.date) -> str:
    if status is None:
        basis = (f"班次 {class_id} 无法结算（项目未确定成交单价，或开班日期没有生效的政策），"
                 f"应付 {yuan(due)} 元")
    else:
        basis = f"按结算应付 {yuan(due)} 元（该阶段状态：{STATUS_WORDS[status]}）"
    return (f"{PHASE_LABELS[phase]}截至 {as_of} 已拨付 {yuan(paid)} 元，{basis}，"
            f"超出 {yuan(paid - due)} 元。请核对拨付金额和阶段；多拨部分应追回或冲正")
