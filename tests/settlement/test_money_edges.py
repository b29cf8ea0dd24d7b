"""Every edge of the money, pinned with figures worked by hand (issue 30).

Each test names the clause whose boundary it pins. The world's class runs 2026-06-01 to 2026-06-20
with 16 + 32 = 48 periods, its certificates are issued 2026-06-25, the price is 1,000 yuan, and the
policy pays 80 % first, the remainder at ≥ 30 % and a 20 % bonus at ≥ 50 % stable employment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

import pytest

from generator.findings import Severity
from generator.records.load import load_records
from generator.settlement.arithmetic import compute, occupation_key
from generator.settlement.months import month_index, month_str
from tests.conftest import APPLICATION, CATALOG, CLASS, PAYMENTS, POLICY, PROJECT, World
from tests.rules.expect import no_finding, one_finding
from tests.settlement.test_arithmetic import one, person, set_employment, set_price, set_roster, trainee

D = dt.date
END = D(2026, 6, 20)
CERT = D(2026, 6, 25)
CLASS_2 = "classes/2026/P2026-001-02.yaml"
RUN = ["2026-07", "2026-08", "2026-09"]


def _periods(world: World, theory: int, practical: int) -> None:
    world.edit(CLASS, lambda d: d.__setitem__("periods", {"theory": theory, "practical": practical}))


def _installments(*items: tuple[str, float, dt.date]) -> Any:
    def change(data: Any) -> None:
        data["installments"] = [
            {"phase": phase, "amount": amount, "paid_on": on, "voucher": f"WX-EDGE-{n:04d}"}
            for n, (phase, amount, on) in enumerate(items, start=1)
        ]

    return change


# -- 四(四): 考勤率不得低于 70 % -----------------------------------------------------------------


@pytest.mark.parametrize(("theory", "practical", "needed"), [
    (16, 24, 28),  # 40 × 0.7 = 28 exactly
    (16, 32, 34),  # 48 × 0.7 = 33.6 → 34
    (20, 36, 40),  # 56 × 0.7 = 39.2 → 40
    (24, 36, 42),  # 60 × 0.7 = 42 exactly
    (36, 60, 68),  # 96 × 0.7 = 67.2 → 68 (half-even or half-up rounding would say 67)
    (37, 60, 68),  # 97 × 0.7 = 67.9 → 68
])
def test_exact_minimum_attendance_counts_si_si(world: World, theory: int, practical: int, needed: int) -> None:
    _periods(world, theory, practical)
    set_roster(world, [trainee(0, attended=needed), trainee(1, attended=needed - 1)])
    c = one(world)
    assert [t.counted for t in c.trainees] == [True, False]
    assert c.trainees[1].not_counted == "attendance"
    assert c.counted == 1
    assert c.phases["first"].amount == Decimal("800.00")


def test_a_class_without_periods_counts_nobody_si_si(world: World) -> None:
    """0 + 0 periods: no attendance share can be shown, so nobody reaches the 70 % floor, not even a
    trainee with 0 of 0 periods; nobody counted and nobody awaited, so the first installment is not
    met and nothing is due."""
    _periods(world, 0, 0)
    set_roster(world, [trainee(0, attended=0), trainee(1, attended=48)])
    c = one(world)
    assert [t.not_counted for t in c.trainees] == ["attendance", "attendance"]
    assert (c.certified, c.counted, c.due) == (2, 0, Decimal("0.00"))
    assert c.phases["first"].status == "not_met"


# -- 二: 培训对象, eligible under the policy and a target group of the application ------------------


def test_a_target_group_the_policy_no_longer_lists_is_not_counted_er(world: World) -> None:
    """The application targets rural_migrant_worker and registered_unemployed; the policy lists
    registered_unemployed and graduating_student. Only the group in both counts: 1 × 1,000 × 80 % = 800."""
    world.edit(POLICY, lambda d: d.__setitem__("eligible_groups", ["registered_unemployed", "graduating_student"]))
    set_roster(world, [trainee(0), trainee(1, group="registered_unemployed"), trainee(2, group="graduating_student")])
    c = one(world)
    assert [t.not_counted for t in c.trainees] == ["group", None, "group"]
    assert (c.counted, c.phases["first"].amount) == (1, Decimal("800.00"))


# -- 四(五): 培训结束后 … 给予总额的 80 % (the day the class ends, the day the certificate is issued)


def test_first_installment_is_due_on_the_class_last_day_si_wu(world: World) -> None:
    set_roster(world, [trainee(i, issued_on=END) for i in range(10)])
    on_the_day = one(world, END)
    assert on_the_day.phases["first"].status == "due"
    assert on_the_day.phases["first"].amount == Decimal("8000.00")  # 10 × 1,000 × 80 %
    assert on_the_day.due == Decimal("8000.00")
    day_before = one(world, END - dt.timedelta(days=1))
    assert day_before.phases["first"].status == "pending" and day_before.due == Decimal("0.00")


def test_a_certificate_counts_from_the_day_it_is_issued_si_wu(world: World) -> None:
    set_roster(world, [trainee(i) for i in range(10)])
    issued = one(world, CERT)
    assert (issued.certified, issued.counted, issued.due) == (10, 10, Decimal("8000.00"))
    before = one(world, CERT - dt.timedelta(days=1))
    assert (before.certified, before.counted, before.due) == (0, 0, Decimal("0.00"))
    assert {t.not_counted for t in before.trainees} == {"not_yet_certified"}


# -- 四(五): 取得证书后 6 个月内 … 连续缴纳 3 个月 (the window's first and last months, the verification day)


@pytest.mark.parametrize(("months", "employed"), [
    (["2026-10", "2026-11", "2026-12"], True),  # the 4th to 6th month after the certificate (2026-06)
    (["2026-07", "2026-08", "2026-09"], True),  # the 1st to 3rd
    (["2026-11", "2026-12", "2027-01"], False),  # 2027-01 is the 7th month: two inside the window
    (["2026-06", "2026-07", "2026-08"], False),  # 2026-06 is the certificate's own month: two inside
])
def test_stable_employment_counts_inside_the_six_months_after_the_certificate_si_wu(
        world: World, months: list[str], employed: bool) -> None:
    """Certificates issued 2026-06-25: the window is 2026-07 to 2026-12. Three of ten trainees with
    three months (no verification dates) are 30 %: the remainder (10 × 1,000 × 20 % = 2,000) is due
    exactly when the three months lie inside the window."""
    set_roster(world, [trainee(i) for i in range(10)])
    set_employment(world, {person(i): months for i in range(3)})
    c = one(world)
    assert c.employed == (3 if employed else 0)
    assert (c.phases["remainder"].status, c.due_for("remainder")) == (
        ("due", Decimal("2000.00")) if employed else ("not_met", Decimal("0.00")))


def test_a_trainee_without_a_certificate_is_not_stably_employed_si_wu(world: World) -> None:
    """The six months run from the certificate (取得证书后): without one there is no window. Three
    certified trainees and one who failed the assessment, all four with three pension months: 3 of
    10 stably employed (rate 0.3000), the remainder of the 9 counted (9 × 1,000 × 20 % = 1,800) due."""
    set_roster(world, [trainee(i) for i in range(9)] + [trainee(9, certified=False)])
    set_employment(world, {person(i): RUN for i in (0, 1, 2, 9)})
    c = one(world)
    assert (c.certified, c.counted, c.employed, c.rate) == (9, 9, 3, Decimal("0.3000"))
    failed = c.trainees[9]
    assert (failed.certified, failed.employed, failed.longest_run, failed.window_closed) == (False, False, 0, False)
    assert c.trainees[0].longest_run == 3 and c.trainees[3].longest_run == 0
    assert (c.phases["remainder"].status, c.due_for("remainder")) == ("due", Decimal("1800.00"))


def test_a_pension_month_counts_from_the_day_it_is_verified_si_wu(world: World) -> None:
    """The world's third months (2026-09) were verified on 2026-10-12: settled that day, 6 of 10 are
    stably employed and the remainder (2,000) is due; the day before, nobody yet (pending)."""
    on_the_day = one(world, D(2026, 10, 12))
    assert (on_the_day.employed, on_the_day.phases["remainder"].status) == (6, "due")
    assert on_the_day.due_for("remainder") == Decimal("2000.00")
    day_before = one(world, D(2026, 10, 11))
    assert (day_before.employed, day_before.phases["remainder"].status) == (0, "pending")


def test_the_employment_rate_rounds_half_up_at_four_places_si_wu(world: World) -> None:
    """1 stably employed of 32 enrolled is 0.03125: 0.0313 half up (half even would say 0.0312)."""
    set_roster(world, [trainee(i) for i in range(32)])
    set_employment(world, {person(0): RUN})
    assert one(world).rate == Decimal("0.0313")


def test_month_indices_read_back_as_the_month_they_count() -> None:
    """Months are counted from year 0 so that M + 1 crosses a year end by addition: 2026-12 is
    2026 × 12 + 11 = 24323, one month later is 2027-01."""
    assert month_index(D(2026, 12, 31)) == 24323
    assert [month_str(i) for i in (24323, 24324, 24312)] == ["2026-12", "2027-01", "2026-01"]


# -- 五(二): 终止培训 (on the termination day) -----------------------------------------------------


def test_termination_takes_effect_on_its_own_day_wu_er(world: World) -> None:
    """A class that ended before the termination keeps its first installment; its remainder is kept
    only as far as it was due the day before the termination. Terminated on 2026-10-12, the day the
    third pension month was verified: the remainder (6 of 10 employed) was not yet due the day before."""
    stop = D(2026, 10, 12)
    world.edit(PROJECT, lambda d: d.__setitem__("terminated", {"on": stop, "reason": "管理混乱"}))
    on_the_day = one(world, stop)
    assert on_the_day.phases["first"].amount == Decimal("8000.00")
    assert (on_the_day.phases["remainder"].status, on_the_day.phases["remainder"].amount) == (
        "not_met", Decimal("0.00"))
    assert on_the_day.phases["bonus"].status == "not_met"
    # a day before the termination the remainder is still pending (verification on the 12th)
    assert one(world, stop - dt.timedelta(days=1)).phases["remainder"].status == "pending"


def test_a_termination_keeps_what_was_due_the_day_before_wu_er(world: World) -> None:
    """Terminated 2026-10-13, the day after the third pension month was verified (2026-10-12): on
    the 12th, 6 of 10 were stably employed (60 % ≥ 50 %), so the remainder (10 × 1,000 × 20 % =
    2,000) and the bonus (10 × 1,000 × 20 % = 2,000) were due and are kept; 8,000 + 2,000 + 2,000."""
    world.edit(PROJECT, lambda d: d.__setitem__("terminated", {"on": D(2026, 10, 13), "reason": "管理混乱"}))
    c = one(world)
    assert {p: (r.status, r.amount) for p, r in c.phases.items()} == {
        "first": ("due", Decimal("8000.00")), "remainder": ("due", Decimal("2000.00")),
        "bonus": ("due", Decimal("2000.00"))}
    assert c.due == Decimal("12000.00")


def test_a_termination_keeps_the_remainder_but_not_a_bonus_never_reached_wu_er(world: World) -> None:
    """4 of 10 stably employed 2026-07 to 2026-09 (40 %: remainder yes, bonus no; no verification
    dates, so each month counts from its first day), terminated 2026-11-01: the remainder (2,000),
    due since 2026-09-01, is kept; the bonus is not met and can no longer be."""
    set_roster(world, [trainee(i) for i in range(10)])
    set_employment(world, {person(i): RUN for i in range(4)})
    world.edit(PROJECT, lambda d: d.__setitem__("terminated", {"on": D(2026, 11, 1), "reason": "管理混乱"}))
    c = one(world)
    assert {p: (r.status, r.amount) for p, r in c.phases.items()} == {
        "first": ("due", Decimal("8000.00")), "remainder": ("due", Decimal("2000.00")),
        "bonus": ("not_met", Decimal("0.00"))}


def test_a_class_ending_on_the_termination_day_owes_nothing_wu_er(world: World) -> None:
    world.edit(PROJECT, lambda d: d.__setitem__("terminated", {"on": END, "reason": "管理混乱"}))
    set_roster(world, [trainee(i, issued_on=END) for i in range(10)])
    c = one(world, END)
    assert {p: r.status for p, r in c.phases.items()} == {"first": "not_met", "remainder": "not_met",
                                                           "bonus": "not_met"}
    assert c.due == Decimal("0.00")


# -- 四(五): payments on the settlement day -------------------------------------------------------


def test_a_payment_made_on_the_as_of_day_is_paid(world: World) -> None:
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 1500, D(2026, 11, 2))))
    c = one(world, D(2026, 11, 2))
    assert c.paid_by_phase["remainder"] == Decimal("1500.00")
    assert c.paid == Decimal("9500.00")
    # 6 of 10 employed: 8,000 + 2,000 + 2,000 due, 8,000 + 1,500 paid
    assert c.outstanding == Decimal("2500.00")


def test_pay_over_counts_an_installment_paid_on_the_as_of_day_si_wu(world: World) -> None:
    world.edit(PAYMENTS, _installments(("first", 9000, D(2027, 6, 30))))
    one_finding(world, "PAY-OVER", PAYMENTS, "amount: 9000", "超出 1000 元", as_of=D(2027, 6, 30))


def test_an_installment_on_the_as_of_day_leaves_an_early_one_to_pay_over_si_wu(world: World) -> None:
    """8,000 paid before the class ended, 500 more on the as-of day: 8,500 is over the 8,000 due now,
    which is PAY-OVER's finding; PAY-EARLY leaves a phase PAY-OVER finds alone."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 6, 19)), ("first", 500, D(2027, 6, 30))))
    one_finding(world, "PAY-OVER", PAYMENTS, "amount: 500", "8500", as_of=D(2027, 6, 30))
    no_finding(world, "PAY-EARLY", as_of=D(2027, 6, 30))


# -- 四(五): one-trainee and empty classes --------------------------------------------------------


def test_a_one_trainee_class_at_full_employment_gets_every_phase_si_wu(world: World) -> None:
    set_roster(world, [trainee(0)])
    set_employment(world, {person(0): RUN})
    c = one(world)
    assert c.rate == Decimal("1.0000")
    assert {p: (r.status, r.amount) for p, r in c.phases.items()} == {
        "first": ("due", Decimal("800.00")), "remainder": ("due", Decimal("200.00")),
        "bonus": ("due", Decimal("200.00"))}


def test_an_empty_class_owes_nothing_si_wu(world: World) -> None:
    set_roster(world, [])
    set_employment(world, {})
    c = one(world)
    assert (c.enrolled, c.counted, c.rate, c.due) == (0, 0, Decimal("0.0000"), Decimal("0.00"))
    assert c.phases["remainder"].status != "due" and c.phases["bonus"].status != "due"


# -- money(): one rounding, half up, with a policy's own shares ----------------------------------


def test_a_policy_share_with_a_half_fen_tie_rounds_half_up_si_wu(world: World) -> None:
    """first_share 0.75 of 1,000.06 is 750.045: half up gives 750.05 (half even would give 750.04);
    the remainder is what is left of the total (250.01); the bonus 20 % of 1,000.06 = 200.012 → 200.01."""
    world.edit(POLICY, lambda d: d["subsidy"].__setitem__("first_share", 0.75))
    set_price(world, 1000.06)
    set_roster(world, [trainee(0)])
    set_employment(world, {person(0): RUN})
    c = one(world)
    assert c.phases["first"].amount == Decimal("750.05")
    assert c.phases["remainder"].amount == Decimal("250.01")
    assert c.phases["bonus"].amount == Decimal("200.01")


# -- 苏财规〔2025〕2号: a trainee turned down uses up none of the person's 3 subsidies -----------------


def _retrained(i: int, issued_on: dt.date) -> dict[str, Any]:
    """Trainee `i` again, with the new certificate the second class's assessment issued (a certificate
    counts once in the whole ledger: the same number on two rosters would be CLS-CERT-SHARED's)."""
    t = trainee(i, issued_on=issued_on)
    t["assessment"]["certificate"]["number_ref"] = "c_" + hashlib.sha256(f"cert-again-{i}".encode()).hexdigest()[:24]
    return t


def _second_class(world: World, roster: list[dict[str, Any]]) -> None:
    def change(d: Any) -> None:
        d["id"] = "P2026-001-02"
        d["start_on"] = D(2027, 3, 1)
        d["end_on"] = D(2027, 3, 20)
        d["trainees"] = roster

    world.copy(CLASS, CLASS_2, change)


@pytest.mark.parametrize(("turned_down", "reason"), [
    (trainee(0, attended=20), "attendance"),
    (trainee(0, group="graduating_student"), "group"),  # eligible, but not a target group of this project
    (trainee(0, issued_on=D(2027, 7, 15)), "not_yet_certified"),  # issued after the as-of date
    ({**trainee(0), "assessment": {"passed": True}}, "not_yet_certified"),  # passed, no certificate yet
    ({**trainee(0), "assessment": {"passed": False}}, "not_certified"),
])
def test_a_trainee_turned_down_uses_up_no_subsidy(world: World, turned_down: dict[str, Any], reason: str) -> None:
    """Turned down in the first class of an occupation, the same person counts in the second class of
    the same occupation and level: the first never became a subsidy (neither a repeat nor one of 3)."""
    set_roster(world, [turned_down])
    _second_class(world, [_retrained(0, D(2027, 3, 25))])
    result = compute(load_records(world.root), D(2027, 6, 30))
    first, second = (next(c for c in result.classes if c.class_id == cid) for cid in ("P2026-001-01", "P2026-001-02"))
    assert first.trainees[0].not_counted == reason
    assert second.trainees[0].counted and second.trainees[0].not_counted is None
    assert [(e.class_id, e.verdict) for e in result.ledger if e.person == person(0)] == [("P2026-001-02", "counted")]


def test_a_wrong_certificate_kind_uses_up_no_subsidy(world: World) -> None:
    wrong = trainee(0)
    wrong["assessment"]["certificate"]["kind"] = "training_certificate"  # the project promised 职业技能等级证书
    set_roster(world, [wrong])
    _second_class(world, [_retrained(0, D(2027, 3, 25))])
    result = compute(load_records(world.root), D(2027, 6, 30))
    assert [(e.class_id, e.verdict) for e in result.ledger] == [("P2026-001-02", "counted")]


# -- SUB-REPEAT: what an occupation is keyed by ----------------------------------------------------


@pytest.mark.parametrize(("in_catalog", "code", "key"), [
    (True, "4-10-01-05", ("4-10-01-05", "L4")),
    (False, "4-10-01-05", ("4-10-01-05", "L4")),  # declared new, but the code is in the catalog
    (False, "9-99-99-99", ("new:P2026-001", "L4")),  # not in the catalog: the project is the occupation
    (False, None, ("new:P2026-001", "L4")),
])
def test_occupation_key_of_catalogued_and_new_projects(world: World, in_catalog: bool, code: str | None,
                                                       key: tuple[str, str]) -> None:
    world.edit(APPLICATION, lambda d: d["catalog"].update({"in_catalog": in_catalog, "occupation_code": code}))
    rs = load_records(world.root)
    assert occupation_key(rs, rs.classes["P2026-001-01"].model) == key


def test_occupation_key_with_no_catalog_in_force(world: World) -> None:
    """The catalog takes effect after the application was submitted (2026-04-10): a code declared
    in the catalog is still keyed by its code, a project declared new by the project."""
    world.edit(CATALOG, lambda d: d.__setitem__("effective_from", D(2026, 5, 1)))
    for in_catalog, key in ((True, ("4-10-01-05", "L4")), (False, ("new:P2026-001", "L4"))):
        world.edit(APPLICATION, lambda d, flag=in_catalog: d["catalog"].update({"in_catalog": flag}))
        rs = load_records(world.root)
        assert rs.catalog_on(D(2026, 4, 10)) is None
        assert occupation_key(rs, rs.classes["P2026-001-01"].model) == key


@pytest.mark.parametrize(("in_catalog", "code", "what"), [
    (True, "4-10-01-05", "同一职业（工种）4-10-01-05、同一等级（未注明）"),
    (False, None, "同一新开发项目 P2026-001、同一等级（未注明）"),
])
def test_an_occupation_without_a_level_repeats_as_not_stated(world: World, in_catalog: bool, code: str | None,
                                                             what: str) -> None:
    """An application that names no level: the person's second certificate of the project is a
    repeat of the same occupation at the same (unstated) level, and SUB-REPEAT says so in words."""
    world.edit(APPLICATION, lambda d: d["catalog"].update(
        {"in_catalog": in_catalog, "occupation_code": code, "level": None}))
    set_roster(world, [trainee(0)])
    _second_class(world, [_retrained(0, D(2027, 3, 25))])
    one_finding(world, "SUB-REPEAT", CLASS_2, person(0), what, severity=Severity.WARNING)


# -- PAY-EARLY: each phase judged on its own day -----------------------------------------------------


def test_an_early_remainder_is_found_when_no_first_installment_was_paid_si_wu(world: World) -> None:
    """The first phase has no installment; the remainder paid the day before the third month was
    verified (2026-10-12) is still judged."""
    world.edit(PAYMENTS, _installments(("remainder", 2000, D(2026, 10, 11))))
    one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-10-11", "剩余补贴", "当日应付 0 元", "超出 2000 元")


def test_an_early_bonus_is_found_si_wu(world: World) -> None:
    """6 of 10 stably employed once 2026-09 was verified on 2026-10-12: the bonus (10 × 1,000 × 20 %
    = 2,000) was not due on 2026-10-11."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 2000, D(2026, 10, 12)),
                                       ("bonus", 2000, D(2026, 10, 11))))
    one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-10-11", "跟补", "当日应付 0 元", "超出 2000 元")


@pytest.mark.parametrize(("paid_on", "early"), [(D(2026, 10, 31), True), (D(2026, 11, 1), False)])
def test_a_pension_month_without_verification_counts_from_its_first_day_si_wu(
        world: World, paid_on: dt.date, early: bool) -> None:
    """Three of ten employed 2026-09 to 2026-11 with no verification dates: the months count from the
    first day of each, so 30 % is reached on 2026-11-01 and the remainder (2,000) is due from then."""
    set_employment(world, {person(i): ["2026-09", "2026-10", "2026-11"] for i in range(3)})
    set_roster(world, [trainee(i) for i in range(10)])
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 2000, paid_on)))
    if early:
        one_finding(world, "PAY-EARLY", PAYMENTS, f"paid_on: {paid_on}", "剩余补贴", "当日应付 0 元")
    else:
        no_finding(world, "PAY-EARLY")


def test_two_early_installments_of_one_day_are_found_once_at_the_day_s_last_si_wu(world: World) -> None:
    """500 + 500 of the remainder paid on 2026-10-11, the day before the third months were verified,
    and 1,000 more on 2026-10-12: the day of 10-11 is judged whole, 1,000 paid against 0 due that
    day, reported once, at its second installment (the 10-12 payment was due: 2,000 in all)."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 500, D(2026, 10, 11)),
                                       ("remainder", 500, D(2026, 10, 11)), ("remainder", 1000, D(2026, 10, 12))))
    f = one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-10-11", "截至当日累计 1000 元", "超出 1000 元",
                    occurrence=2)
    assert f.loc == ("installments", 2, "paid_on")


@pytest.mark.parametrize(("paid_on", "early"), [(D(2026, 11, 30), True), (D(2026, 12, 1), False)])
def test_a_december_pension_month_without_verification_counts_from_its_first_day_si_wu(
        world: World, paid_on: dt.date, early: bool) -> None:
    """Three of ten employed 2026-10 to 2026-12 with no verification dates: the last month of the
    run is a December, which begins on 2026-12-01; 30 % is reached that day and the remainder
    (10 × 1,000 × 20 % = 2,000) is due from then, not a day before."""
    set_employment(world, {person(i): ["2026-10", "2026-11", "2026-12"] for i in range(3)})
    set_roster(world, [trainee(i) for i in range(10)])
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 2000, paid_on)))
    if early:
        one_finding(world, "PAY-EARLY", PAYMENTS, f"paid_on: {paid_on}", "剩余补贴", "当日应付 0 元",
                    "当日已核验的稳定就业 0/10 人")
    else:
        no_finding(world, "PAY-EARLY")
