"""Indicators about employers: who employs the programme's trainees, for how long, and how they
relate to the institution that trained them (通知 四(五) defines stable employment by 3 months'
pension contributions; 通知 五(二) asks the bureau to stop fraud for subsidies)."""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal

from pydantic import Field

from generator.records.base import StrictModel
from generator.settlement.months import month_index
from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator


class PensionStopSettings(IndicatorSettings):
    threshold: Threshold = Decimal("0.6")
    min_hires: int = Field(5, ge=1, title="最少人数",
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


def _dominant(ctx: SignalContext, employers_of: dict[str, str]) -> tuple[str, int]:
    counts = Counter(employers_of.values())
    employer, n = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return employer, n


@indicator("SIG-EMPLOYER-SHARE-CLASS", "class", "通知 四(五)、五(二)",
           "一个班次稳定就业的培训人员大多由同一家用人单位招用", ShareSettings)
def employer_share_class(ctx: SignalContext, s: ShareSettings) -> Iterable[Measure]:
    """The largest share of a class's stably employed trainees that one employer holds."""
    for cid, people in ctx.stable_employers.items():
        if len(people) < s.min_employed:
            continue
        employer, n = _dominant(ctx, people)
        value = share(n, len(people))
        yield Measure(cid, value, f"稳定就业的 {len(people)} 人中，{n} 人（{percent(value)}）"
                                  f"由 {ctx.employer_name(employer)}（{employer}）招用")


class InstitutionShareSettings(ShareSettings):
    threshold: Threshold = Decimal("0.6")
    min_employed: int = Field(10, ge=1, title="最少就业人数", description="稳定就业的培训人员至少这么多人才计算")


@indicator("SIG-EMPLOYER-SHARE-INST", "institution", "通知 四(五)、五(二)",
           "一家培训机构稳定就业的培训人员大多由同一家用人单位招用", InstitutionShareSettings)
def employer_share_institution(ctx: SignalContext, s: InstitutionShareSettings) -> Iterable[Measure]:
    """The largest share of an institution's stably employed trainees (all its classes) that one
    employer holds."""
    by_inst: dict[str, dict[str, str]] = defaultdict(dict)
    for cid, people in ctx.stable_employers.items():
        inst = ctx.institution_of_class.get(cid, "")
        if inst:
            by_inst[inst].update({f"{cid}/{p}": e for p, e in people.items()})
    for inst, people in by_inst.items():
        if len(people) < s.min_employed:
            continue
        employer, n = _dominant(ctx, people)
        value = share(n, len(people))
        yield Measure(inst, value, f"各班次稳定就业的 {len(people)} 人次中，{n} 人次（{percent(value)}）"
                                   f"由 {ctx.employer_name(employer)}（{employer}）招用")
