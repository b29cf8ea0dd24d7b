"""SIG-PENSION-STOP, SIG-RELATED-EMPLOYER, SIG-EMPLOYER-SHARE-CLASS and SIG-EMPLOYER-SHARE-INST:
each with a planted case and an ordinary one, built with the record factory."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from generator.signals import SignalsReport, signals
from generator.signals.employers import PensionStopSettings, RelatedSettings, Relation, ShareSettings
from tests.signals.builder import AS_OF, MONTHS_3, MONTHS_LONG, SignalWorld, report_of, uscc


def flagged(report: SignalsReport, code: str) -> dict[str, Decimal]:
    return {s.subject: s.results[code].value for g in report.groups.values() for s in g if code in s.results}


def measured(report: SignalsReport, code: str) -> int:
    sp = report.meta[code].spread
    return sp.count if sp else 0


# -- SIG-PENSION-STOP ---------------------------------------------------------------------------

def test_an_employer_whose_hires_all_stop_after_3_months_is_flagged(tmp_path: Path) -> None:
    w = SignalWorld()
    inst = w.institution(uscc("school", "52320211"))
    stops, stays, few = uscc("stops"), uscc("stays"), uscc("few")
    prj = w.project(inst)
    for _ in range(2):
        w.klass(prj, trainees=20, employed={
            **{i: (stops, MONTHS_3) for i in range(5)},  # 10 hires in all, each exactly 3 months then nothing
            **{i: (stays, MONTHS_LONG) for i in range(5, 10)},  # 10 hires who keep contributing
            **{i: (few, MONTHS_3) for i in range(10, 14)},  # 8 hires: too few to judge
        })
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    got = flagged(report, "SIG-PENSION-STOP")
    assert got == {stops: Decimal("1.0000")}
    reason = next(s for s in report.groups["employer"] if s.subject == stops).results["SIG-PENSION-STOP"].reason
    assert "10 人" in reason and "100%" in reason and "测试培训学校" in reason
    assert measured(report, "SIG-PENSION-STOP") == 2  # stops and stays; not `few`, nor the world's 6


def test_a_stop_counts_only_once_it_can_be_seen(tmp_path: Path) -> None:
    """Contributions for 2026-07..09: in November the October month may not be verified yet (grace
    1 month), so the run has not "stopped" before December."""
    w = SignalWorld()
    inst = w.institution(uscc("school", "52320211"))
    stops = uscc("stops")
    w.klass(w.project(inst), trainees=12, employed={i: (stops, MONTHS_3) for i in range(10)})
    root = w.write(tmp_path)
    assert stops not in flagged(signals(root, dt.date(2026, 11, 30), use_cache=False), "SIG-PENSION-STOP")
    assert stops in flagged(signals(root, dt.date(2026, 12, 1), use_cache=False), "SIG-PENSION-STOP")


def test_a_gap_or_a_longer_run_is_not_a_stop_after_3_months(tmp_path: Path) -> None:
    w = SignalWorld()
    inst = w.institution(uscc("school", "52320211"))
    gap, four = uscc("gap"), uscc("four")
    w.klass(w.project(inst), trainees=20, employed={
        **{i: (gap, ("2026-07", "2026-08", "2026-09", "2026-11")) for i in range(10)},
        **{i: (four, ("2026-07", "2026-08", "2026-09", "2026-10")) for i in range(10, 20)},
    })
    root = w.write(tmp_path)
    report = signals(root, AS_OF, use_cache=False)
    assert not flagged(report, "SIG-PENSION-STOP")
    assert measured(report, "SIG-PENSION-STOP") == 2
    # one stray month after the 3 (paid to dodge the signal) is caught once the bureau allows for it;
    # four months in a row are then caught too: the setting says how much more than 3 still "stops"
    tuned = report_of(root, AS_OF, {"SIG-PENSION-STOP": PensionStopSettings(extra_months=1)})
    assert flagged(tuned, "SIG-PENSION-STOP") == {gap: Decimal("1.0000"), four: Decimal("1.0000")}


# -- SIG-RELATED-EMPLOYER -----------------------------------------------------------------------

def test_employers_related_by_code_representative_address_or_the_bureaus_list_are_flagged(tmp_path: Path) -> None:
    w = SignalWorld()
    school = w.institution(uscc("school", "52320211"), legal_representative="赵某",
                           address="无锡市滨湖区测试路 8 号")
    # another registered institution run by the same person, and one at the same address written
    # with full-width digits and no space
    same_rep = w.institution(uscc("same-rep", "91320211"), legal_representative="赵某")
    same_addr = w.institution(uscc("same-addr", "91320211"), legal_representative="钱某",
                              address="无锡市滨湖区测试路８号")
    known, plain = uscc("known"), uscc("plain")
    w.klass(w.project(school), trainees=10, employed={
        0: (school, MONTHS_LONG), 1: (same_rep, MONTHS_LONG), 2: (same_rep, MONTHS_LONG),
        3: (same_addr, MONTHS_LONG), 4: (known, MONTHS_LONG), 5: (plain, MONTHS_LONG),
    })
    root = w.write(tmp_path)
    report = signals(root, AS_OF, use_cache=False)
    got = flagged(report, "SIG-RELATED-EMPLOYER")
    assert got == {school: Decimal(1), same_rep: Decimal(2), same_addr: Decimal(1)}
    reasons = {s.subject: s.results["SIG-RELATED-EMPLOYER"].reason for s in report.groups["employer"]}
    assert "统一社会信用代码相同" in reasons[school]
    assert "法人代表相同（赵某）" in reasons[same_rep]
    assert "地址相同" in reasons[same_addr]
    # what the records do not hold, the bureau adds in the settings
    settings = RelatedSettings(relations=[Relation(employer=known, institution=school, reason="股东相同")])
    with_known = report_of(root, AS_OF, {"SIG-RELATED-EMPLOYER": settings})
    assert flagged(with_known, "SIG-RELATED-EMPLOYER")[known] == Decimal(1)
    assert plain not in flagged(with_known, "SIG-RELATED-EMPLOYER")


def test_an_unrelated_employer_is_measured_at_zero(tmp_path: Path) -> None:
    w = SignalWorld()
    school = w.institution(uscc("school", "52320211"), legal_representative="赵某")
    other = w.institution(uscc("other-school", "52320211"), legal_representative="孙某")
    plain = uscc("plain")
    w.klass(w.project(school), trainees=6, employed={0: (plain, MONTHS_LONG), 1: (other, MONTHS_LONG)})
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    assert not flagged(report, "SIG-RELATED-EMPLOYER")
    assert measured(report, "SIG-RELATED-EMPLOYER") == 3  # plain, other and the world's employer


# -- SIG-EMPLOYER-SHARE-CLASS / -INST -----------------------------------------------------------

def test_one_employer_taking_most_of_a_class_or_an_institution_is_flagged(tmp_path: Path) -> None:
    w = SignalWorld()
    captive, spread_out = w.institution(uscc("captive", "52320211")), w.institution(uscc("spread", "52320211"))
    big = uscc("big-employer")
    prj = w.project(captive)
    dominated = w.klass(prj, trainees=10, employed={
        **{i: (big, MONTHS_LONG) for i in range(8)}, 8: (uscc("e8"), MONTHS_LONG)})
    w.klass(prj, trainees=10, employed={i: (big, MONTHS_LONG) for i in range(4)})  # 4 employed: too few
    ordinary = w.klass(w.project(spread_out), trainees=12, employed={
        i: (uscc(f"employer-{i % 5}"), MONTHS_LONG) for i in range(10)})
    w.klass(w.project(spread_out), trainees=12, employed={
        i: (uscc(f"employer-{i % 4}"), MONTHS_LONG) for i in range(8)})
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    by_class = flagged(report, "SIG-EMPLOYER-SHARE-CLASS")
    assert by_class == {dominated: Decimal("0.8889")}  # 8 of 9
    assert ordinary not in by_class
    by_inst = flagged(report, "SIG-EMPLOYER-SHARE-INST")
    assert by_inst == {captive: Decimal("0.9231")}  # 12 of 13 across its classes
    reason = next(s for s in report.groups["institution"] if s.subject == captive).results[
        "SIG-EMPLOYER-SHARE-INST"].reason
    assert big in reason and "12 人次" in reason
    assert measured(report, "SIG-EMPLOYER-SHARE-INST") == 2  # both institutions have 13 and 18 employed


def test_only_stably_employed_trainees_count_for_the_share(tmp_path: Path) -> None:
    """Hires with too few months are not employment the settlement counts; they do not make a share."""
    w = SignalWorld()
    inst = w.institution(uscc("school", "52320211"))
    big = uscc("big")
    cid = w.klass(w.project(inst), trainees=12, employed={
        **{i: (big, ("2026-07", "2026-08")) for i in range(8)},  # two months: not stable
        **{i: (uscc(f"e{i}"), MONTHS_LONG) for i in range(8, 12)}})
    report = signals(w.write(tmp_path), AS_OF, use_cache=False)
    assert cid not in flagged(report, "SIG-EMPLOYER-SHARE-CLASS")


def test_the_positions_an_application_lists_for_an_employer_are_the_plan_not_a_signal(tmp_path: Path) -> None:
    """Project-based training means 岗位需求 + 培训: the employers an application lists are meant to
    employ its trainees, up to the positions listed (5 here), used up class by class."""
    w = SignalWorld()
    inst = w.institution(uscc("order-school", "52320211"))
    partner = uscc("partner")
    prj = w.project(inst, employers=[(partner, "合作企业")])
    first = w.klass(prj, trainees=12, employed={i: (partner, MONTHS_LONG) for i in range(9)})
    second = w.klass(prj, trainees=12, employed={i: (partner, MONTHS_LONG) for i in range(9)})
    root = w.write(tmp_path)
    report = signals(root, AS_OF, use_cache=False)
    by_class = flagged(report, "SIG-EMPLOYER-SHARE-CLASS")
    assert first not in by_class  # 5 of its 9 within the plan: 4 beyond (44 %)
    assert by_class[second] == Decimal("1.0000")  # the plan was used up by the first class
    reason = next(s for s in report.groups["class"] if s.subject == second).results["SIG-EMPLOYER-SHARE-CLASS"].reason
    assert "超出申报表岗位需求" in reason and "合作企业" in reason
    assert flagged(report, "SIG-EMPLOYER-SHARE-INST")[inst] == Decimal("0.7222")  # 13 of 18 beyond the plan
    ignoring = report_of(root, AS_OF, {"SIG-EMPLOYER-SHARE-CLASS": ShareSettings(listed_positions=False)})
    assert flagged(ignoring, "SIG-EMPLOYER-SHARE-CLASS") == {first: Decimal("1.0000"), second: Decimal("1.0000")}
