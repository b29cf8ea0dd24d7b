"""The settlement report: the JSON contract of docs/settlement.md plus the bureau's detail.

Every artifact (JSON, CSV, XLSX, Markdown, the payment list) is rendered from this one structure
(`report_entries.SettlementReport`, amounts as `Decimal`s), so they cannot disagree; the JSON
writes amounts as strings with two decimals, never floats.

Money is kept apart by state and never mixed: each phase's amount is in exactly one of
`payable` (本次应拨: due and not yet paid), `paid` (已拨), `pending` (待定: may become due, summed
into nothing payable) and `not_met` (不予拨付: the condition was not met; the amount the phase
would have had). Classes held back by a record error (暂缓) are listed under `held`, with the
reason, and carry no amount at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_DOWN, Decimal
from typing import Literal

from generator.records.labels import LEVEL_LABELS
from generator.records.record_set import RecordSet
from generator.records.reference import SubsidyRules
from generator.settlement.arithmetic import PHASES, ClassSettlement, Settlement, TraineeOutcome, money
from generator.settlement.report_entries import (
    ClassEntry,
    HeldCause,
    HeldEntry,
    InstitutionEntry,
    Meta,
    MoneyTotals,
    PhaseEntry,
    PhaseRules,
    ProjectEntry,
    SettlementReport,
    Totals,
    TraineeEntry,
    cents,
)

AsOfSource = Literal["argument", "commit", "today"]
State = Literal["payable", "partly_paid", "paid", "pending", "not_met", "none"]
# why a phase is 待定: the class has not ended, a certificate is awaited, an employment window is open
PendingReason = Literal["not_ended", "awaiting_certificates", "window_open"]
STATE_KEYS = ("payable", "paid", "pending", "not_met")  # the money buckets, in the order shown

NOT_COUNTED_LABELS = {
    "not_certified": "未取得合格证书",
    "not_yet_certified": "证书尚未颁发",
    "certificate_kind": "证书不是申报承诺的技能评价类型",
    "attendance": "考勤率不足",
    "group": "人员类别不符合",
    "cap": "超过每人累计补贴次数上限",
    "repeat": "同一职业同一等级已享受过补贴",
    "certificate": "证书已在其他班次或人员名下计入（一张证书只计一次）",
}
EMPLOYMENT_LABELS = {
    "employed": "稳定就业",
    "not_certified": "未取证，不计就业",
    "window_open": "跟踪期未结束",
    "not_employed": "跟踪期内连续缴费不足",
}
STATUS_LABELS = {"due": "应拨付", "pending": "待定", "not_met": "不予拨付"}
# what happens to a phase's money, as a column or a phrase says it
STATE_LABELS: dict[str, str] = {
    "payable": "本次应拨",
    "partly_paid": "部分已拨",
    "paid": "已拨",
    "pending": "待定",
    "not_met": "不予拨付",
    "none": "无应拨",
    "held": "暂缓",
}
PENDING_REASON_LABELS: dict[str, str] = {
    "not_ended": "班次尚未结业",
    "awaiting_certificates": "等待证书：已结业，尚有参训人员未登记考核结果或证书",
    "window_open": "就业跟踪期未结束",
}
PHASE_NAMES = {"first": "首期", "remainder": "剩余补贴", "bonus": "跟补"}
NO_RATE = "—"
ZERO = Decimal("0.00")


def rate_percent(employed: int, enrolled: int) -> str:
    """The employment rate as a percentage with one decimal, rounded down so that a rate shown as
    30.0% is never one below the 30% threshold; "—" when nobody is enrolled."""
    if enrolled == 0:
        return NO_RATE
    value = (Decimal(employed) * 100 / Decimal(enrolled)).quantize(Decimal("0.1"), ROUND_DOWN)
    return f"{value}%"


def share_percent(value: Decimal | str) -> str:
    """A policy share as people write it: 0.8 -> 80%, 0.25 -> 25%, 0.125 -> 12.5%."""
    return f"{(Decimal(value) * 100).normalize():f}%"


def employment_verdict(t: TraineeOutcome) -> str:
    if t.employed:
        return "employed"
    if not t.certified:
        return "not_certified"
    return "not_employed" if t.window_closed else "window_open"


def phase_shares(rules: SubsidyRules) -> dict[str, Decimal]:
    """Each phase's share of counted trainees × unit price."""
    return {"first": rules.first_share, "remainder": 1 - rules.first_share, "bonus": rules.bonus_share}


def _would_be(c: ClassSettlement, rules: SubsidyRules) -> dict[str, Decimal]:
    """What each phase amounts to at the current count, met or not (arithmetic gives not_met 0.00)."""
    total = money(c.unit_price * c.counted)
    first = money(rules.first_share * total)
    return {"first": first, "remainder": total - first, "bonus": money(rules.bonus_share * c.unit_price * c.counted)}


def phase_state(status: str, payable: Decimal, paid: Decimal) -> State:
    """The phase's money state; a phase with nothing paid is never 已拨 (`none`: nothing is due)."""
    if status == "pending":
        return "pending"
    if status == "not_met":
        return "not_met"
    if payable == 0:
        return "paid" if paid else "none"
    return "partly_paid" if paid else "payable"


def pending_reason(c: ClassSettlement, status: str, ended: bool) -> PendingReason | None:
    """Why a 待定 phase waits (shown beside it, so that 待定 is never a bare word)."""
    if status != "pending":
        return None
    if not ended:
        return "not_ended"
    return "awaiting_certificates" if c.awaiting_certificates else "window_open"


def _names(rs: RecordSet, project_id: str) -> dict[str, str]:
    """Project, institution, occupation and level names of a project ("" where a record is missing)."""
    out = {"project_name": "", "institution": "", "institution_name": "", "occupation": "", "level": ""}
    prj_rec = rs.projects.get(project_id)
    app = rs.application_of(prj_rec.model) if prj_rec else None
    if app is None:
        return out
    inst = rs.institutions.get(app.institution)
    out["project_name"] = app.project_name
    out["institution"] = app.institution
    out["institution_name"] = inst.model.name if inst else ""
    code = app.catalog.occupation_code
    if app.catalog.in_catalog and code:
        catalog = rs.catalog_on(app.submitted_on)
        occ = next((o for o in catalog.occupations if o.code == code), None) if catalog else None
        out["occupation"] = f"{code} {occ.name}" if occ else code
    else:
        out["occupation"] = f"新开发项目：{app.project_name}"
    out["level"] = LEVEL_LABELS.get(app.catalog.level or "", "")
    return out


def class_entry(rs: RecordSet, c: ClassSettlement, as_of: dt.date, names: dict[str, str] | None = None
                ) -> ClassEntry:
    names = names if names is not None else _names(rs, c.project)
    policy = rs.policy_on(rs.classes[c.class_id].model.start_on)
    assert policy is not None  # a class without a policy in force is not settled
    rules = policy.subsidy
    would_be = _would_be(c, rules)
    shares = phase_shares(rules)
    phases: dict[str, PhaseEntry] = {}
    buckets = {key: ZERO for key in STATE_KEYS}
    ended = as_of >= rs.classes[c.class_id].model.end_on
    for p in PHASES:
        result = c.phases[p]
        paid = c.paid_by_phase[p]
        payable = result.amount - paid if result.status == "due" else ZERO
        pending = result.amount if result.status == "pending" else ZERO
        not_met = would_be[p] if result.status == "not_met" else ZERO
        phases[p] = PhaseEntry(
            status=result.status, amount=cents(result.amount), share=shares[p],
            state=phase_state(result.status, payable, paid), pending_reason=pending_reason(c, result.status, ended),
            payable=cents(payable), paid=cents(paid), pending=cents(pending), not_met=cents(not_met),
        )
        for key, value in (("payable", payable), ("paid", paid), ("pending", pending), ("not_met", not_met)):
            buckets[key] += value
    return ClassEntry(
        class_id=c.class_id, project=c.project, project_name=names["project_name"], institution=c.institution,
        institution_name=names["institution_name"], occupation=names["occupation"], level=names["level"],
        policy=policy.id, unit_price=cents(c.unit_price), enrolled=c.enrolled, certified=c.certified,
        counted=c.counted, employed=c.employed, employment_rate=c.rate if c.enrolled else None,
        employment_rate_pct=rate_percent(c.employed, c.enrolled), ended=ended, finished=c.finished,
        awaiting_certificates=c.awaiting_certificates,
        rules=PhaseRules(first_share=rules.first_share, remainder_threshold=rules.remainder_threshold,
                         bonus_threshold=rules.bonus_threshold, bonus_share=rules.bonus_share),
        phases=phases, due=cents(c.due), paid=cents(c.paid), outstanding=cents(c.outstanding),
        payable=cents(buckets["payable"]), pending=cents(buckets["pending"]), not_met=cents(buckets["not_met"]),
        paid_by_phase={p: cents(c.paid_by_phase[p]) for p in PHASES},
        trainees=tuple(
            TraineeEntry(person=t.person, certified=t.certified, counted=t.counted, not_counted=t.not_counted,
                         employment=employment_verdict(t), longest_pension_run=t.longest_run)
            for t in c.trainees),
    )


def _held_entries(rs: RecordSet, held: Iterable[HeldCause]) -> list[HeldEntry]:
    """Held classes with the names a finance officer needs (as far as the records still tell)."""
    out = []
    for h in held:
        rec = rs.classes.get(h.class_id)
        project = rec.model.project if rec else ""
        names = _names(rs, project) if project else {}
        out.append(HeldEntry(
            class_id=h.class_id, rule=h.rule, path=h.path, message=h.message, project=project,
            project_name=names.get("project_name", ""), institution=names.get("institution", ""),
            institution_name=names.get("institution_name", ""),
        ))
    return out


def build_report(rs: RecordSet, settlement: Settlement, source: AsOfSource, commit: str | None,
                 held: Iterable[HeldCause] = (), *, generated_at: dt.datetime | None = None,
                 rosters_verified: bool | None = None) -> SettlementReport:
    """`settlement` holds only the classes being settled; `held` lists the classes held back by
    record errors, one `generator.holds.Hold` per class and error. `generated_at` is the pinned time of generation
    (see `provenance`), by default the as-of day."""
    names_of = {p: _names(rs, p) for p in sorted({c.project for c in settlement.classes})}
    classes = [class_entry(rs, c, settlement.as_of, names_of[c.project])
               for c in sorted(settlement.classes, key=lambda c: c.class_id)]
    held_list = _held_entries(rs, held)
    by_project: dict[str, list[ClassEntry]] = defaultdict(list)
    by_institution: dict[str, list[ClassEntry]] = defaultdict(list)
    for c in classes:
        by_project[c.project].append(c)
        by_institution[c.institution].append(c)
    projects = []
    for project_id in sorted(by_project):
        items = by_project[project_id]
        first = items[0]
        projects.append(ProjectEntry(
            project=project_id, name=first.project_name, institution=first.institution,
            institution_name=first.institution_name, occupation=first.occupation, level=first.level,
            unit_price=first.unit_price, classes=len(items), enrolled=sum(c.enrolled for c in items),
            counted=sum(c.counted for c in items), employed=sum(c.employed for c in items),
            money=MoneyTotals.of(items),
        ))
    held_ids_by_inst: dict[str, set[str]] = defaultdict(set)
    for h in held_list:
        held_ids_by_inst[h.institution].add(h.class_id)
    institutions = []
    for uscc in sorted(set(by_institution) | {k for k in held_ids_by_inst if k}):
        items = by_institution.get(uscc, [])
        name = items[0].institution_name if items else next(
            h.institution_name for h in held_list if h.institution == uscc)
        institutions.append(InstitutionEntry(
            institution=uscc, name=name, classes=len(items), held_classes=len(held_ids_by_inst.get(uscc, set())),
            money=MoneyTotals.of(items),
        ))
    policies = sorted({c.policy for c in classes})
    # who issues the papers: the issuer of the policies settled under (of every policy when none is)
    issuers = sorted({p.issuer for pid in policies if (p := rs.policy_by_id(pid)) is not None}) or sorted(
        {r.model.issuer for r in rs.policies})
    stamp = generated_at or dt.datetime.combine(settlement.as_of, dt.time(0), dt.timezone(dt.timedelta(hours=8)))
    return SettlementReport(
        meta=Meta(as_of=settlement.as_of, as_of_source=source, records_commit=commit, policies=tuple(policies),
                  issuer="、".join(issuers), generated_at=stamp),
        classes=tuple(classes), projects=tuple(projects), institutions=tuple(institutions),
        totals=Totals(MoneyTotals.of(classes), len({h.class_id for h in held_list})), held=tuple(held_list),
        rosters_verified=rosters_verified,
    )
