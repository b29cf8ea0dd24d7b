"""Indicators about employers: who employs the programme's trainees, for how long, and how they
relate to the institution that trained them (通知 四(五) defines stable employment by 3 months'
pension contributions; 通知 五(二) asks the bureau to stop fraud for subsidies)."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pydantic import Field

from generator.records.base import StrictModel
from generator.settlement.months import month_index
from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator


class PensionStopSettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.6")
    min_hires: int = Field(10, ge=1, title="最少人数",
                           description="该单位招用、已连续缴满规定月数的培训人员至少这么多人才计算")
    grace_months: int = Field(1, ge=0, le=12, title="宽限月数",
                              description="停缴后再过这么多个月仍无缴费才算停缴（核验有滞后）")
    extra_months: int = Field(0, ge=0, le=12, title="额外月数",
                              description="缴满规定月数后再零星缴费不超过这么多个月的，也算停缴"
                                          "（如 1：缴 3 个月、隔月再缴 1 个月）")


@indicator("SIG-PENSION-STOP", "employer", "通知 四(五)、五(二)",
           "用人单位招用的培训人员中，很大比例恰好缴满 3 个月养老保险后即停缴", PensionStopSettings)
def pension_stop(ctx: SignalContext, s: PensionStopSettings) -> Iterable[Measure]:
    """Of an employer's programme hires whose contributions reached the months the notice requires
    (3 in a row), the share whose contributions are that run and at most `extra_months` more, and
    then stop, once the stop is observable (`grace_months` after the month following the last)."""
    now = month_index(ctx.as_of)
    reached: dict[str, int] = Counter()
    stopped: dict[str, int] = Counter()
    institutions: dict[str, set[str]] = defaultdict(set)
    for h in ctx.hires:
        cls = ctx.records.classes.get(h.class_id)
        policy = ctx.records.policy_on(cls.model.start_on) if cls else None
        if policy is None or not h.months:
            continue
        need = policy.subsidy.stable_employment_months
        ordered = sorted(h.months)
        if not _has_run(ordered, need):
            continue
        reached[h.employer] += 1
        # no more than the required run (and `extra_months` stray months), and nothing since
        if len(ordered) <= need + s.extra_months and ordered[-1] + 1 + s.grace_months < now:
            stopped[h.employer] += 1
            institutions[h.employer].add(h.institution)
    for employer, n in reached.items():
        if n < s.min_hires:
            continue
        k = stopped[employer]
        value = share(k, n)
        names = "、".join(sorted(ctx.institution_name(i) for i in institutions[employer] if i)) or "—"
        yield Measure(employer, value,
                      f"{ctx.employer_name(employer)} 招用的本项目培训人员中，{n} 人连续缴纳养老保险达到规定月数，"
                      f"其中 {k} 人（{percent(value)}）恰好缴满规定月数后即停缴（培训机构：{names}）")


def _has_run(ordered: list[int], need: int) -> bool:
    run = best = 0
    prev: int | None = None
    for m in ordered:
        run = run + 1 if prev is not None and m == prev + 1 else 1
        best = max(best, run)
        prev = m
    return best >= need


class Relation(StrictModel):
    employer: str = Field(title="用人单位统一社会信用代码")
    institution: str = Field(title="培训机构统一社会信用代码")
    reason: str = Field(title="关联情况", description="市人社局掌握的关联，如 股东相同（来自企业信用信息公示系统）")


class RelatedSettings(IndicatorSettings):
    threshold: Threshold = Decimal("1")
    relations: list[Relation] = Field(default_factory=list, title="已知关联",
                                      description="记录里没有的关联（如股东相同），由市人社局补充")


def _normal(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def relations(ctx: SignalContext, extra: Iterable[Relation] = ()) -> dict[tuple[str, str], list[str]]:
    """(employer, institution) → why they are related, from what the records hold: the same USCC,
    an employer that is itself a registered institution with the same legal representative or
    address, an employer whose name (in the applications' employer lists) is the institution's;
    and the relations the bureau adds in the settings."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    institutions = {u: r.model for u, r in ctx.records.institutions.items()}
    employers = {h.employer for h in ctx.hires}
    trainers = {h.institution for h in ctx.hires if h.institution}
    by_rep: dict[str, set[str]] = defaultdict(set)
    by_address: dict[str, set[str]] = defaultdict(set)
    by_name: dict[str, set[str]] = defaultdict(set)
    for u in trainers:
        inst = institutions.get(u)
        if inst is not None:
            by_rep[_normal(inst.legal_representative)].add(u)
            by_address[_normal(inst.address)].add(u)
            by_name[_normal(inst.name)].add(u)
    for e in employers:
        if e in trainers:
            found[(e, e)].append("用人单位就是培训机构本身（统一社会信用代码相同）")
        other = institutions.get(e)
        if other is not None:
            for u in sorted(by_rep.get(_normal(other.legal_representative), set()) - {e}):
                found[(e, u)].append(f"法人代表相同（{other.legal_representative}）")
            for u in sorted(by_address.get(_normal(other.address), set()) - {e}):
                found[(e, u)].append(f"地址相同（{other.address}）")
        name = ctx.employer_names.get(e)
        if name is not None:
            for u in sorted(by_name.get(_normal(name), set()) - {e}):
                found[(e, u)].append(f"名称相同（{name}）")
    for r in extra:
        found[(r.employer, r.institution)].append(r.reason)
    return found


@indicator("SIG-RELATED-EMPLOYER", "employer", "通知 五(二)",
           "用人单位与培训这些人员的培训机构有关联（统一社会信用代码、法人代表或地址相同）", RelatedSettings)
def related_employer(ctx: SignalContext, s: RelatedSettings) -> Iterable[Measure]:
    """The number of an employer's programme hires trained by an institution it is related to;
    every employer with programme hires is measured (most have 0)."""
    related = relations(ctx, s.relations)
    counts: Counter[str] = Counter()
    why: dict[str, set[str]] = defaultdict(set)
    employers: set[str] = set()
    for h in ctx.hires:
        employers.add(h.employer)
        reasons = related.get((h.employer, h.institution))
        if reasons:
            counts[h.employer] += 1
            why[h.employer].add(f"{ctx.institution_name(h.institution)}：{'；'.join(reasons)}")
    for e in employers:
        n = counts[e]
        if n:
            text = (f"{ctx.employer_name(e)} 招用的本项目培训人员中，{n} 人由与其有关联的培训机构培训"
                    f"（{'；'.join(sorted(why[e]))}）")
        else:
            text = f"{ctx.employer_name(e)} 与培训其招用人员的培训机构无已知关联"
        yield Measure(e, Decimal(n), text)


class ShareSettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.8")
    min_employed: int = Field(8, ge=1, title="最少就业人数", description="稳定就业的培训人员至少这么多人才计算")
    listed_positions: bool = Field(
        True, title="扣除申报的岗位",
        description="申报表岗位需求所列用人单位在其所列岗位数以内招用的人不计（项目化培训本应由这些单位吸纳就业）")


@dataclass(frozen=True)
class Taken:
    """One employer's stably employed trainees in one class, and how many of them are beyond the
    positions the project's application listed for it (all of them when it is not listed)."""

    hires: int
    beyond: int
    listed: bool | None  # None: the listed positions were not considered


def employer_takes(ctx: SignalContext, listed_positions: bool) -> dict[str, tuple[int, dict[str, Taken]]]:
    """Class id → (stably employed, employer → `Taken`). The positions an application lists for an
    employer (岗位需求) are the project's plan for all its classes: used up class by class in the
    order the classes start, so a later class is judged by what the plan still had room for.
    Worked out once per run for the class and the institution indicator alike."""
    return ctx.shared(("employer_takes", listed_positions), lambda: _employer_takes(ctx, listed_positions))


def _employer_takes(ctx: SignalContext, listed_positions: bool) -> dict[str, tuple[int, dict[str, Taken]]]:
    stable = ctx.stable_employers
    found: dict[str, tuple[int, dict[str, Taken]]] = {}
    for prj_id, classes in sorted(ctx.records.classes_by_project.items()):
        prj = ctx.records.projects.get(prj_id)
        app = ctx.records.application_of(prj.model) if prj else None
        room: Counter[str] = Counter()
        if listed_positions and app is not None:
            for e in app.employers:
                room[e.uscc] += e.positions
        listed = set(room)
        for rec in classes:
            people = stable.get(rec.model.id)
            if not people:
                continue
            taken: dict[str, Taken] = {}
            for employer, n in sorted(Counter(people.values()).items()):
                planned = min(n, room[employer])
                room[employer] -= planned
                taken[employer] = Taken(n, n - planned, employer in listed if listed_positions else None)
            found[rec.model.id] = (len(people), taken)
    return found


def _dominant(taken: dict[str, Taken]) -> tuple[str, Taken]:
    return min(taken.items(), key=lambda item: (-item[1].beyond, -item[1].hires, item[0]))


def _share_reason(ctx: SignalContext, employed: int, employer: str, t: Taken, value: Decimal, unit: str) -> str:
    who = f"{ctx.employer_name(employer)}（{employer}）"
    if t.listed is None:  # the listed positions are not considered (settings)
        return f"稳定就业的 {employed} {unit}中，{t.beyond} {unit}（{percent(value)}）由 {who} 招用"
    if not t.listed:
        return (f"稳定就业的 {employed} {unit}中，{t.beyond} {unit}（{percent(value)}）由 {who} 招用，"
                "该单位不在申报表的岗位需求中")
    return (f"稳定就业的 {employed} {unit}中，{who} 招用 {t.hires} {unit}，其中 {t.beyond} {unit}（{percent(value)}）"
            f"超出申报表岗位需求为该单位所列的岗位数")


@indicator("SIG-EMPLOYER-SHARE-CLASS", "class", "通知 四(五)、五(二)",
           "一个班次稳定就业的培训人员大多由同一家用人单位招用（申报岗位以外）", ShareSettings)
def employer_share_class(ctx: SignalContext, s: ShareSettings) -> Iterable[Measure]:
    """The largest share of a class's stably employed trainees that one employer holds beyond the
    positions the application listed for it."""
    for cid, (employed, taken) in employer_takes(ctx, s.listed_positions).items():
        if employed < s.min_employed:
            continue
        employer, t = _dominant(taken)
        value = share(t.beyond, employed)
        yield Measure(cid, value, _share_reason(ctx, employed, employer, t, value, "人"))


class InstitutionShareSettings(ShareSettings):
    threshold: Threshold = Decimal("0.6")
    min_employed: int = Field(10, ge=1, title="最少就业人数", description="稳定就业的培训人员至少这么多人才计算")


@indicator("SIG-EMPLOYER-SHARE-INST", "institution", "通知 四(五)、五(二)",
           "一家培训机构稳定就业的培训人员大多由同一家用人单位招用（申报岗位以外）", InstitutionShareSettings)
def employer_share_institution(ctx: SignalContext, s: InstitutionShareSettings) -> Iterable[Measure]:
    """The same over all classes of an institution (people counted once per class)."""
    employed: Counter[str] = Counter()
    by_inst: dict[str, dict[str, Taken]] = defaultdict(dict)
    for cid, (n, taken) in employer_takes(ctx, s.listed_positions).items():
        inst = ctx.institution_of_class.get(cid, "")
        if not inst:
            continue
        employed[inst] += n
        held = by_inst[inst]
        for e, t in taken.items():
            was = held.get(e)
            held[e] = t if was is None else Taken(
                was.hires + t.hires, was.beyond + t.beyond, None if t.listed is None else bool(was.listed or t.listed))
    for inst, total in employed.items():
        if total < s.min_employed:
            continue
        employer, t = _dominant(by_inst[inst])
        value = share(t.beyond, total)
        yield Measure(inst, value, _share_reason(ctx, total, employer, t, value, "人次"))
