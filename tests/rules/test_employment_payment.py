"""EMP-*, SUB-* and PAY-OVER: employment follow-up, the per-person subsidy ledger, payments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from generator.findings import Severity
from tests.conftest import APPLICATION, AS_OF, CLASS, EMPLOYMENT, INSTITUTION, PAYMENTS, PRIOR, PROJECT, World, line_of
from tests.rules.expect import no_finding, one_finding

D = dt.date
WARNING = Severity.WARNING
CLASS_2 = "classes/2026/P2026-001-02.yaml"
OTHER_CLASS = "classes/2026/P2026-002-01.yaml"
UNKNOWN = "p_" + "0" * 24
OUTCOME_RULES = ["EMP-PERSON", "EMP-SELF", "SUB-CAP", "SUB-REPEAT", "PAY-OVER"]


@pytest.mark.parametrize("rule_id", OUTCOME_RULES)
def test_clean_world_has_no_outcome_finding(world: World, rule_id: str) -> None:
    no_finding(world, rule_id)


def _set(**values: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data.update(values)

    return change


def _entry(i: int, **values: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["records"][i].update(values)

    return change


# -- EMP-PERSON --------------------------------------------------------------------------------

def test_employment_across_a_year_end(world: World) -> None:
    world.edit(EMPLOYMENT, _entry(0, pension_months=["2026-11", "2026-12", "2027-01"]))
    no_finding(world, "EMP-PERSON")


def test_employment_of_someone_not_in_the_class(world: World) -> None:
    world.edit(EMPLOYMENT, _entry(2, person=UNKNOWN))
    one_finding(world, "EMP-PERSON", EMPLOYMENT, UNKNOWN, "第 3 条", "不是班次 P2026-001-01 的参训人员")


def test_person_listed_twice_in_one_file(world: World) -> None:
    person = world.load(EMPLOYMENT)["records"][1]["person"]
    world.edit(EMPLOYMENT, _entry(3, person=person))
    one_finding(world, "EMP-PERSON", EMPLOYMENT, person, "第 4 条", "第 2 条", "同一人", "合并", occurrence=2)


@pytest.mark.parametrize(("months", "needle", "occurrence", "facts"), [
    (["2026-07", "2026-13", "2026-09"], "2026-13", 1, ("“2026-13”无效", "YYYY-MM")),
    (["2026-7", "2026-08", "2026-09"], "2026-7", 1, ("“2026-7”无效",)),
    (["2026-07", "2026-08", "2026-07"], "2026-07", 2, ("2026-07 重复",)),
])
def test_bad_pension_months(
    world: World, months: list[str], needle: str, occurrence: int, facts: tuple[str, ...]
) -> None:
    world.edit(EMPLOYMENT, _entry(0, pension_months=months))
    one_finding(world, "EMP-PERSON", EMPLOYMENT, needle, "第 1 条", *facts, occurrence=occurrence)


# -- EMP-SELF ----------------------------------------------------------------------------------

def test_trainee_employed_by_the_institution_itself(world: World) -> None:
    uscc = INSTITUTION.split("/")[1].removesuffix(".yaml")
    world.edit(EMPLOYMENT, _entry(4, employer=uscc))
    one_finding(world, "EMP-SELF", EMPLOYMENT, f"employer: {uscc}", "第 5 条", uscc, "承训单位本身",
                severity=WARNING)


# -- SUB-CAP and SUB-REPEAT --------------------------------------------------------------------

def _prior(*subsidies: tuple[dt.date, str, str], person: str | None = None) -> Callable[[Any], None]:
    """Add prior subsidies for the world's first trainee (or `person`)."""

    def change(data: Any) -> None:
        who = person or data["subsidies"][0]["person"]
        for on, code, level in subsidies:
            data["subsidies"].append({"person": who, "on": on, "occupation_code": code, "level": level})

    return change


def test_third_subsidy_is_still_counted(world: World) -> None:
    world.edit(PRIOR, _prior((D(2025, 9, 1), "6-31-07-03", "L5")))
    no_finding(world, "SUB-CAP")


def test_fourth_subsidy_is_over_the_cap(world: World) -> None:
    world.edit(PRIOR, _prior((D(2025, 9, 1), "6-31-07-03", "L5"), (D(2025, 12, 1), "4-10-01-06", "L4")))
    person = world.load(CLASS)["trainees"][0]["person"]
    f = one_finding(world, "SUB-CAP", CLASS, person, "第 1 名", "此前已享受 3 次", "本系统以外 3 次",
                    "累计 3 次的上限", "不计入补贴", severity=WARNING)
    assert person not in f.message


def _other_project(world: World, start: dt.date, issued: dt.date) -> None:
    """A second project (another catalog occupation) with one class, for the whole roster."""

    def application(data: Any) -> None:
        data.update(id="A2026-002", project_name="工业机器人系统操作员", category="manufacturing",
                    field="smart_manufacturing")
        data["catalog"].update(occupation_code="6-31-07-03")

    def klass(data: Any) -> None:
        data.update(id="P2026-002-01", project="P2026-002", start_on=start, end_on=start + dt.timedelta(days=10))
        for t in data["trainees"]:
            t["assessment"]["certificate"]["issued_on"] = issued

    world.copy(APPLICATION, "applications/2026/A2026-002.yaml", application)
    world.copy(PROJECT, "projects/2026/P2026-002.yaml", _set(id="P2026-002", application="A2026-002"))
    world.copy(CLASS, OTHER_CLASS, klass)


@pytest.mark.parametrize(("start", "issued", "capped"), [
    (D(2026, 7, 1), D(2026, 7, 15), OTHER_CLASS),  # certified after the world's class
    (D(2026, 5, 21), D(2026, 6, 24), CLASS),  # certified the day before: the world's class is the 4th
])
def test_cap_follows_certificate_dates_across_classes(
    world: World, start: dt.date, issued: dt.date, capped: str
) -> None:
    world.edit(PRIOR, _prior((D(2025, 9, 1), "6-31-07-03", "L5")))
    _other_project(world, start, issued)
    person = world.load(CLASS)["trainees"][0]["person"]
    one_finding(world, "SUB-CAP", capped, person, "第 1 名", "此前已享受 3 次", "本系统以外 2 次",
                severity=WARNING)


def _later_class(data: Any) -> None:
    data.update(id="P2026-001-02", start_on=D(2026, 7, 1), end_on=D(2026, 7, 20))
    for t in data["trainees"]:
        t["assessment"]["certificate"]["issued_on"] = D(2026, 7, 25)


def test_same_occupation_at_another_level_is_no_repeat(world: World) -> None:
    world.edit(PRIOR, _prior((D(2025, 9, 1), "4-10-01-05", "L5")))
    no_finding(world, "SUB-REPEAT")


def test_same_occupation_and_level_outside_this_system(world: World) -> None:
    world.edit(PRIOR, _prior((D(2025, 9, 1), "4-10-01-05", "L4")))
    person = world.load(CLASS)["trainees"][0]["person"]
    one_finding(world, "SUB-REPEAT", CLASS, person, "第 1 名", "4-10-01-05", "四级/中级工", "2025-09-01",
                "prior_subsidies.yaml", "此前已享受 2 次", "上限 3 次", severity=WARNING)


def test_same_occupation_and_level_in_an_earlier_class(world: World) -> None:
    world.copy(CLASS, CLASS_2, _later_class)
    found = world.findings("SUB-REPEAT")
    assert len(found) == 10
    assert {f.path for f in found} == {world.display(CLASS_2)}
    assert [f.line for f in found] == [line_of(world, CLASS_2, "- person:", n) for n in range(1, 11)]
    assert all("班次 P2026-001-01" in f.message and "2026-06-25" in f.message for f in found)
    assert all(f.severity is WARNING for f in found)


# -- PAY-OVER ----------------------------------------------------------------------------------

def _installments(*items: tuple[str, float, dt.date]) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["installments"] = [
            {"phase": phase, "amount": amount, "paid_on": on, "voucher": f"WX-PAY-{n:04d}"}
            for n, (phase, amount, on) in enumerate(items, start=1)
        ]

    return change


@pytest.mark.parametrize("items", [
    [("first", 8000, D(2026, 7, 15)), ("remainder", 2000, D(2027, 1, 10)),
     ("bonus", 2000, D(2027, 1, 10))],
    [("first", 5000, D(2026, 7, 15)), ("first", 3000, D(2026, 8, 1))],
    [("first", 8000, D(2026, 7, 15)), ("first", 5000, D(2027, 7, 1))],  # after the as-of date
])
def test_payments_within_what_is_due(world: World, items: list[tuple[str, float, dt.date]]) -> None:
    world.edit(PAYMENTS, _installments(*items))
    no_finding(world, "PAY-OVER")


@pytest.mark.parametrize(("items", "needle", "facts"), [
    ([("first", 8000.01, D(2026, 7, 15))], "amount: 8000.01",
     ("首期", "已拨付 8000.01 元", "应付 8000 元", "应付）", "超出 0.01 元")),
    ([("first", 5000, D(2026, 7, 15)), ("first", 3500, D(2026, 8, 1))], "amount: 3500",
     ("已拨付 8500 元", "超出 500 元")),
    ([("first", 8000, D(2026, 7, 15)), ("remainder", 2000.5, D(2027, 1, 10))], "amount: 2000.5",
     ("剩余补贴", "已拨付 2000.50 元", "应付 2000 元", "超出 0.50 元")),
])
def test_payments_over_what_is_due(
    world: World, items: list[tuple[str, float, dt.date]], needle: str, facts: tuple[str, ...]
) -> None:
    world.edit(PAYMENTS, _installments(*items))
    one_finding(world, "PAY-OVER", PAYMENTS, needle, *facts)


def test_payment_before_the_class_has_ended(world: World) -> None:
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 6, 15))))
    one_finding(world, "PAY-OVER", PAYMENTS, "amount: 8000", "应付 0 元", "尚未到期", "超出 8000 元",
                as_of=D(2026, 6, 19))


def test_bonus_paid_although_its_threshold_was_not_met(world: World) -> None:
    world.edit(EMPLOYMENT, lambda d: d.update(records=d["records"][:4]))  # 4 of 10 stably employed
    items = [("first", 8000, D(2026, 7, 15)), ("remainder", 2000, D(2027, 1, 10)),
             ("bonus", 2000, D(2027, 1, 10))]
    world.edit(PAYMENTS, _installments(*items))
    one_finding(world, "PAY-OVER", PAYMENTS, "amount: 2000", "跟补", "应付 0 元", "未达标", "超出 2000 元",
                occurrence=2)


def test_payment_for_a_class_that_cannot_be_settled(world: World) -> None:
    world.edit(PROJECT, lambda d: d.update(unit_price=None))
    one_finding(world, "PAY-OVER", PAYMENTS, "amount: 8000", "无法结算", "成交单价", "超出 8000 元")


def test_payment_judged_as_of_its_date(world: World) -> None:
    world.edit(PAYMENTS, _installments(("first", 8000.01, AS_OF + dt.timedelta(days=1))))
    no_finding(world, "PAY-OVER")


def test_new_project_counts_as_its_own_occupation(world: World) -> None:
    world.edit(APPLICATION, lambda d: d["catalog"].update(in_catalog=False, occupation_code=None))
    world.copy(CLASS, CLASS_2, _later_class)
    found = world.findings("SUB-REPEAT")
    assert len(found) == 10
    assert all("同一新开发项目 P2026-001、同一等级（四级/中级工）" in f.message for f in found)


def test_employment_of_a_missing_class_is_left_to_ref(world: World) -> None:
    rel = EMPLOYMENT.replace("P2026-001-01", "P2026-001-09")
    world.copy(EMPLOYMENT, rel, _set(**{"class": "P2026-001-09"}))
    no_finding(world, "EMP-PERSON")
    no_finding(world, "EMP-SELF")


# -- EMP-ENTERPRISE (issue 25.5: 企业职工基本养老保险, 通知 四(五)) -------------------------------

PUBLIC_INSTITUTION = "12320211MB1K2W7P8U"  # a 事业单位 of the sample, valid check character
STATE_ORGAN = "113202000140000174"


def _employed_ids(world: World) -> int:
    from generator.records.load import load_records
    from generator.settlement.arithmetic import compute

    [cs] = [c for c in compute(load_records(world.root), AS_OF).classes if c.class_id == "P2026-001-01"]
    return cs.employed


@pytest.mark.parametrize("employer", [PUBLIC_INSTITUTION, STATE_ORGAN])
def test_an_organ_or_public_institution_is_no_enterprise_paying_the_enterprise_pension(
    world: World, employer: str
) -> None:
    from generator.rules.institution import uscc_problem

    assert uscc_problem(employer) is None
    before = _employed_ids(world)
    world.edit(EMPLOYMENT, _entry(1, employer=employer))
    roster = [t["person"] for t in world.load(CLASS)["trainees"]]
    row = roster.index(world.load(EMPLOYMENT)["records"][1]["person"]) + 1
    kind = "事业单位" if employer.startswith("12") else "机关"
    one_finding(world, "EMP-ENTERPRISE", EMPLOYMENT, employer, "第 2 条就业记录",
                f"花名册第 {row} 名参训人员", employer, kind, f"代码前两位 {employer[:2]}", "企业职工基本养老保险",
                "不计入稳定就业", "（通知 四(五)）", severity=WARNING)
    assert _employed_ids(world) == before - 1  # and the settlement does not count it


@pytest.mark.parametrize("employer", ["91320214MA1X00001T", "52320211MA1W00001X"])
def test_enterprises_and_kinds_the_code_cannot_judge_count(world: World, employer: str) -> None:
    before = _employed_ids(world)
    world.edit(EMPLOYMENT, _entry(1, employer=employer))
    no_finding(world, "EMP-ENTERPRISE")
    assert _employed_ids(world) == before


# -- subsidies in date order (issue 25.4: 通知 四(五), 苏财规〔2025〕2号) ----------------------------

def test_outside_grants_after_this_certificate_neither_cap_it_nor_demand_money_back(world: World) -> None:
    """The world's class certified on 2026-06-25 and its first installment was paid; three training
    subsidies granted elsewhere afterwards do not make this one the fourth."""
    person = world.load(CLASS)["trainees"][0]["person"]
    world.edit(PRIOR, lambda d: d.__setitem__("subsidies", []))
    world.edit(PRIOR, _prior((D(2026, 8, 1), "6-31-07-03", "L5"), (D(2026, 9, 1), "4-10-01-06", "L4"),
                             (D(2026, 10, 1), "6-18-01-01", "L5"), person=person))
    assert world.load(PAYMENTS)["installments"]  # money has moved
    no_finding(world, "SUB-CAP")
    no_finding(world, "PAY-OVER")
    no_finding(world, "PAY-EARLY")


def test_the_same_grants_before_this_certificate_make_it_the_fourth(world: World) -> None:
    person = world.load(CLASS)["trainees"][0]["person"]
    world.edit(PRIOR, lambda d: d.__setitem__("subsidies", []))
    world.edit(PRIOR, _prior((D(2025, 8, 1), "6-31-07-03", "L5"), (D(2025, 9, 1), "4-10-01-06", "L4"),
                             (D(2026, 6, 1), "6-18-01-01", "L5"), person=person))
    one_finding(world, "SUB-CAP", CLASS, person, "此前已享受 3 次", "本系统以外 3 次", severity=WARNING)


def test_a_cap_message_counts_only_the_outside_grants_before_the_certificate(world: World) -> None:
    person = world.load(CLASS)["trainees"][0]["person"]
    world.edit(PRIOR, lambda d: d.__setitem__("subsidies", []))
    world.edit(PRIOR, _prior((D(2025, 8, 1), "6-31-07-03", "L5"), (D(2025, 9, 1), "4-10-01-06", "L4"),
                             (D(2026, 6, 1), "6-18-01-01", "L5"), (D(2026, 12, 1), "6-18-01-02", "L5"), person=person))
    one_finding(world, "SUB-CAP", CLASS, person, "此前已享受 3 次", "本系统以外 3 次", severity=WARNING)


# -- What the bureau reads: PAY-EARLY and PAY-OVER word for word (figures worked by hand) -------

EARLY_TAIL = ("但拨付是否合规按拨付当日判断。请核对拨付日期和阶段：日期登记有误的请改正；确属提前拨付的，"
              "请在整改说明中记录，并报市人社局、市财政局处理（通知 四(五)）")


def test_an_early_first_installment_in_words(world: World) -> None:
    """8,000 paid 2026-06-19, the day before the class ended: nothing was due that day (the class
    had not ended), 8,000 is due now (10 × 1,000 × 80 %)."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 6, 19))))
    f = one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-06-19")
    assert f.message == ("班次 P2026-001-01 的首期（80%）于 2026-06-19 拨付，截至当日累计 8000 元，"
                         "而当日应付 0 元（当日状态：尚未到期），超出 8000 元；"
                         "首期在班次结业、学员取得证书之后才应拨付。现在应付 8000 元，" + EARLY_TAIL)


@pytest.mark.parametrize(("phase", "label", "why"), [
    ("remainder", "剩余补贴", "剩余补贴在已核验的稳定就业率达到 30% 之后才应拨付"),
    ("bonus", "跟补（20%）", "跟补在已核验的稳定就业率达到 50% 之后才应拨付"),
])
def test_an_early_remainder_or_bonus_in_words(world: World, phase: str, label: str, why: str) -> None:
    """2,000 paid 2026-10-11, the day before the third pension months (2026-09) were verified: that
    day nobody of 10 had three verified months, nothing was due; now 6 of 10 have (60 %), and the
    remainder and the bonus are 2,000 each (10 × 1,000 × 20 %)."""
    items = [("first", 8000, D(2026, 7, 15)), (phase, 2000, D(2026, 10, 11))]
    if phase == "bonus":
        items.append(("remainder", 2000, D(2026, 10, 12)))
    world.edit(PAYMENTS, _installments(*items))
    f = one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-10-11")
    assert f.message == (f"班次 P2026-001-01 的{label}于 2026-10-11 拨付，截至当日累计 2000 元，"
                         "而当日应付 0 元（当日状态：尚未到期，当日已核验的稳定就业 0/10 人），超出 2000 元；"
                         f"{why}。现在应付 2000 元，" + EARLY_TAIL)


def test_an_over_payment_in_words(world: World) -> None:
    """8,000.01 paid for a first installment of 8,000 (10 × 1,000 × 80 %): 0.01 over."""
    world.edit(PAYMENTS, _installments(("first", 8000.01, D(2026, 7, 15))))
    f = one_finding(world, "PAY-OVER", PAYMENTS, "amount: 8000.01")
    assert f.message == ("首期（80%）截至 2027-06-30 已拨付 8000.01 元，按结算应付 8000 元（该阶段状态：应付），"
                         "超出 0.01 元。请核对拨付金额和阶段；多拨部分应追回或冲正（通知 四(五)）")


def test_an_over_payment_of_a_class_that_cannot_be_settled_in_words(world: World) -> None:
    world.edit(PROJECT, lambda d: d.update(unit_price=None))
    f = one_finding(world, "PAY-OVER", PAYMENTS, "amount: 8000")
    assert f.message == ("首期（80%）截至 2027-06-30 已拨付 8000 元，班次 P2026-001-01 无法结算"
                         "（项目未确定成交单价，或开班日期没有生效的政策），应付 0 元，超出 8000 元。"
                         "请核对拨付金额和阶段；多拨部分应追回或冲正（通知 四(五)）")


# -- What the institution reads: EMP-* and SUB-* word for word ----------------------------------

def test_employment_of_someone_not_in_the_class_in_words(world: World) -> None:
    world.edit(EMPLOYMENT, _entry(2, person=UNKNOWN))
    f = one_finding(world, "EMP-PERSON", EMPLOYMENT, UNKNOWN)
    assert f.message == ("第 3 条就业记录的人员不是班次 P2026-001-01 的参训人员（花名册中没有该假名）。"
                         "请核对人员假名或班次编号（通知 四(五)）")


def test_person_listed_twice_in_words(world: World) -> None:
    person = world.load(EMPLOYMENT)["records"][1]["person"]
    world.edit(EMPLOYMENT, _entry(3, person=person))
    f = one_finding(world, "EMP-PERSON", EMPLOYMENT, person, occurrence=2)
    assert f.message == ("第 4 条就业记录与第 2 条是同一人（假名相同）。"
                         "每人只写一条：请把缴费月份合并到前一条，并删除本条（通知 四(五)）")


@pytest.mark.parametrize(("months", "needle", "occurrence", "message"), [
    (["2026-07", "2026-13", "2026-09"], "2026-13", 1,
     "第 1 条就业记录的缴费月份“2026-13”无效。月份应写作 YYYY-MM 并加引号，例如 \"2026-09\"（通知 四(五)）"),
    (["2026-07", "2026-08", "2026-07"], "2026-07", 2,
     "第 1 条就业记录的缴费月份 2026-07 重复出现。每个月份只写一次：请删除重复项（通知 四(五)）"),
])
def test_bad_pension_months_in_words(world: World, months: list[str], needle: str, occurrence: int,
                                     message: str) -> None:
    world.edit(EMPLOYMENT, _entry(0, pension_months=months))
    assert one_finding(world, "EMP-PERSON", EMPLOYMENT, needle, occurrence=occurrence).message == message


def test_trainee_employed_by_the_institution_itself_in_words(world: World) -> None:
    uscc = INSTITUTION.split("/")[1].removesuffix(".yaml")
    world.edit(EMPLOYMENT, _entry(4, employer=uscc))
    f = one_finding(world, "EMP-SELF", EMPLOYMENT, f"employer: {uscc}", severity=WARNING)
    assert f.message == (f"第 5 条就业记录的用人单位 {uscc} 就是承训单位本身。"
                         "承训单位安置自己的学员须核实岗位与缴费的真实性："
                         "请附上劳动合同和缴费凭证备查，或核对用人单位统一社会信用代码（通知 五(二)）")


def _verified(i: int, change: Callable[[Any], None]) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        change(data["records"][i]["verified_on"])

    return edit


def test_a_verification_for_a_month_not_listed_in_words(world: World) -> None:
    world.edit(EMPLOYMENT, _verified(0, lambda v: v.__setitem__("2026-10", D(2026, 11, 10))))
    f = one_finding(world, "EMP-VERIFIED", EMPLOYMENT, "2026-10:")
    assert f.message == ("第 1 条就业记录为月份“2026-10”登记了核验日期，但缴费月份中没有该月。"
                         "请把该月加入 pension_months，或删除这条核验日期（通知 四(五)）")


def test_a_verification_before_its_month_in_words(world: World) -> None:
    """2026-09 verified 2026-08-31 is impossible; on 2026-09-01 it is possible (the month has begun)."""
    world.edit(EMPLOYMENT, _verified(0, lambda v: v.__setitem__("2026-09", D(2026, 9, 1))))
    no_finding(world, "EMP-VERIFIED")
    world.edit(EMPLOYMENT, _verified(0, lambda v: v.__setitem__("2026-09", D(2026, 8, 31))))
    f = one_finding(world, "EMP-VERIFIED", EMPLOYMENT, "2026-09: 2026-08-31")
    assert f.message == ("第 1 条就业记录 2026-09 的核验日期 2026-08-31 早于该月，"
                         "不可能在缴费月份开始前核验到缴费。请核对核验日期（通知 四(五)）")


def test_months_without_verification_in_words(world: World) -> None:
    world.edit(EMPLOYMENT, _verified(1, lambda v: [v.pop("2026-07"), v.pop("2026-08")]))
    f = one_finding(world, "EMP-VERIFIED", EMPLOYMENT, "pension_months:", severity=WARNING, occurrence=2)
    assert f.message == ("第 2 条就业记录的缴费月份 2026-07、2026-08 没有核验日期（verified_on）。"
                         "没有核验日期时，无法判断拨付当日是否已核验到该月，该月按所在月份计。"
                         "请在 verified_on 中为每个月份登记核验日期，如 \"2026-09\": 2026-10-12（通知 四(五)）")


def test_fourth_subsidy_in_words(world: World) -> None:
    """The world's first trainee had one subsidy outside (2025-03-01); two more make three before
    the certificate of 2026-06-25, which is then the fourth."""
    world.edit(PRIOR, _prior((D(2025, 9, 1), "6-31-07-03", "L5"), (D(2025, 12, 1), "4-10-01-06", "L4")))
    person = world.load(CLASS)["trainees"][0]["person"]
    f = one_finding(world, "SUB-CAP", CLASS, person, severity=WARNING)
    assert f.message == ("第 1 名参训人员此前已享受 3 次职业培训补贴（其中本系统以外 3 次，见 prior_subsidies.yaml），"
                         "已达每人累计 3 次的上限；本班次（发证日期 2026-06-25）不计入补贴人数。"
                         "无需修改记录；如认为有误，请核对人员假名或已享受补贴记录（苏财规〔2025〕2号）")


def test_a_repeat_of_an_outside_subsidy_in_words(world: World) -> None:
    world.edit(PRIOR, _prior((D(2025, 9, 1), "4-10-01-05", "L4")))
    person = world.load(CLASS)["trainees"][0]["person"]
    f = one_finding(world, "SUB-REPEAT", CLASS, person, severity=WARNING)
    assert f.message == ("第 1 名参训人员已因同一职业（工种）4-10-01-05、同一等级（四级/中级工）享受过培训补贴"
                         "（2025-09-01 本系统以外，见 prior_subsidies.yaml），"
                         "此前已享受 2 次职业培训补贴（其中本系统以外 2 次，见 prior_subsidies.yaml），"
                         "每人累计上限 3 次；同一职业同一等级只补贴一次，本班次不计入补贴人数。"
                         "无需修改记录；如认为有误，请核对人员假名或已享受补贴记录（苏人社函〔2025〕32号）")


def test_a_repeat_of_an_earlier_class_in_words(world: World) -> None:
    """The same roster certified again on 2026-07-25 in a second class of the same project: its first
    trainee already had the world's class (2026-06-25) and one outside subsidy (2025-03-01, another
    occupation); the second trainee only the world's class."""
    world.copy(CLASS, CLASS_2, _later_class)
    roster = world.load(CLASS_2)["trainees"]
    found = {f.line: f.message for f in world.findings("SUB-REPEAT")}
    tail = ("每人累计上限 3 次；同一职业同一等级只补贴一次，本班次不计入补贴人数。"
            "无需修改记录；如认为有误，请核对人员假名或已享受补贴记录（苏人社函〔2025〕32号）")
    head = "已因同一职业（工种）4-10-01-05、同一等级（四级/中级工）享受过培训补贴（2026-06-25 班次 P2026-001-01），"
    assert found[line_of(world, CLASS_2, roster[0]["person"])] == (
        f"第 1 名参训人员{head}此前已享受 2 次职业培训补贴（其中本系统以外 1 次，见 prior_subsidies.yaml），{tail}")
    assert found[line_of(world, CLASS_2, roster[1]["person"])] == (
        f"第 2 名参训人员{head}此前已享受 1 次职业培训补贴，{tail}")


def test_a_repeat_of_a_new_project_in_words(world: World) -> None:
    world.edit(APPLICATION, lambda d: d["catalog"].update(in_catalog=False, occupation_code=None, level=None))
    world.copy(CLASS, CLASS_2, _later_class)
    person = world.load(CLASS_2)["trainees"][1]["person"]
    [f] = [f for f in world.findings("SUB-REPEAT") if f.line == line_of(world, CLASS_2, person)]
    assert f.message.startswith("第 2 名参训人员已因同一新开发项目 P2026-001、同一等级（未注明）享受过培训补贴"
                                "（2026-06-25 班次 P2026-001-01），此前已享受 1 次职业培训补贴，")


def test_an_organ_employer_in_words(world: World) -> None:
    world.edit(EMPLOYMENT, _entry(1, employer=" " + PUBLIC_INSTITUTION))
    roster = [t["person"] for t in world.load(CLASS)["trainees"]]
    row = roster.index(world.load(EMPLOYMENT)["records"][1]["person"]) + 1
    f = one_finding(world, "EMP-ENTERPRISE", EMPLOYMENT, PUBLIC_INSTITUTION, severity=WARNING)
    assert f.message == (f"第 2 条就业记录（花名册第 {row} 名参训人员）的用人单位 {PUBLIC_INSTITUTION} "
                         "是机构编制登记的事业单位（代码前两位 12），不是缴纳企业职工基本养老保险的企业："
                         "其职工参加机关事业单位基本养老保险，这条就业不计入稳定就业人数。"
                         "如该人员实际在企业就业并由企业缴费，请核对用人单位统一社会信用代码（通知 四(五)）")


def test_an_organ_employer_of_someone_not_on_the_roster_in_words(world: World) -> None:
    """The third record names a person the class's roster does not have (EMP-PERSON's finding) and a
    public institution as employer: EMP-ENTERPRISE still says so, without a roster row to name."""
    world.edit(EMPLOYMENT, _entry(2, person=UNKNOWN, employer=PUBLIC_INSTITUTION))
    f = one_finding(world, "EMP-ENTERPRISE", EMPLOYMENT, PUBLIC_INSTITUTION, severity=WARNING)
    assert f.message.startswith(f"第 3 条就业记录的用人单位 {PUBLIC_INSTITUTION} "
                                "是机构编制登记的事业单位（代码前两位 12），")
    one_finding(world, "EMP-PERSON", EMPLOYMENT, UNKNOWN, "第 3 条")


def test_without_a_prior_subsidies_file_every_certificate_is_judged_in_this_system_alone(world: World) -> None:
    """No prior_subsidies.yaml: nobody had a subsidy elsewhere. A second class of the same
    occupation and level is still a repeat for each of its ten trainees (SUB-REPEAT), naming only
    the first class; nobody reaches the cap."""
    world.path(PRIOR).unlink()
    world.copy(CLASS, CLASS_2, _later_class)
    no_finding(world, "SUB-CAP")
    found = world.findings("SUB-REPEAT")
    assert len(found) == 10
    assert all("（2026-06-25 班次 P2026-001-01），此前已享受 1 次职业培训补贴，每人累计上限 3 次" in f.message
               for f in found)


# -- Every record judged, whatever comes before it (issue 30) ------------------------------------

MISSING_PAYMENTS = "payments/2026/P2026-000-01.yaml"  # sorts before the world's payments
MISSING_EMPLOYMENT = "employment/2026/P2026-000-01.yaml"


def _payments_of_a_missing_class(world: World) -> None:
    world.copy(PAYMENTS, MISSING_PAYMENTS, _set(**{"class": "P2026-000-01"}))


def test_a_payment_file_of_a_missing_class_does_not_hide_the_next_one_s_over_payment_si_wu(world: World) -> None:
    """REF reports the missing class; the world's 8,000.01 against 8,000 due is still over."""
    _payments_of_a_missing_class(world)
    world.edit(PAYMENTS, _installments(("first", 8000.01, D(2026, 7, 15))))
    one_finding(world, "PAY-OVER", PAYMENTS, "amount: 8000.01", "超出 0.01 元")


def test_a_payment_file_of_a_missing_class_does_not_hide_the_next_one_s_early_payment_si_wu(world: World) -> None:
    """8,000 paid 2026-06-19, the day before the world's class ended: early, though a payment file
    of a class that does not exist comes first."""
    _payments_of_a_missing_class(world)
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 6, 19))))
    one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-06-19", "当日应付 0 元", "超出 8000 元")


def test_an_employment_file_of_a_missing_class_does_not_hide_the_next_one_s_findings(world: World) -> None:
    uscc = INSTITUTION.split("/")[1].removesuffix(".yaml")
    world.copy(EMPLOYMENT, MISSING_EMPLOYMENT, _set(**{"class": "P2026-000-01"}))
    world.edit(MISSING_EMPLOYMENT, _entry(0, employer=uscc))
    world.edit(EMPLOYMENT, _entry(4, employer=uscc))
    one_finding(world, "EMP-SELF", EMPLOYMENT, f"employer: {uscc}", "第 5 条", severity=WARNING)


def test_employment_of_a_class_whose_project_is_missing_is_left_to_ref(world: World) -> None:
    """The class names a project that does not exist (REF's finding): EMP-SELF cannot know the
    institution and says nothing, even for the institution's own code."""
    uscc = INSTITUTION.split("/")[1].removesuffix(".yaml")
    world.edit(CLASS, _set(project="P2026-009"))
    world.edit(EMPLOYMENT, _entry(4, employer=uscc))
    no_finding(world, "EMP-SELF")


# -- PAY-OVER and PAY-EARLY: each phase judged on its own (issue 30) -----------------------------

def test_each_phase_paid_over_is_its_own_finding_si_wu(world: World) -> None:
    """As of 2027-06-30, 6 of 10 stably employed: 8,000 first, 2,000 remainder and 2,000 bonus are
    due (10 × 1,000 × 80 % / 20 % / 20 %); 8,000.01 and 2,000.02 paid are over in two phases."""
    world.edit(PAYMENTS, _installments(("first", 8000.01, D(2026, 7, 15)), ("remainder", 2000.02, D(2027, 1, 10)),
                                       ("bonus", 2000, D(2027, 1, 10))))
    found = world.findings("PAY-OVER")
    assert [(f.line, f.message.split("，")[0]) for f in found] == [
        (line_of(world, PAYMENTS, "amount: 8000.01"), "首期（80%）截至 2027-06-30 已拨付 8000.01 元"),
        (line_of(world, PAYMENTS, "amount: 2000.02"), "剩余补贴截至 2027-06-30 已拨付 2000.02 元")]
    assert "超出 0.01 元" in found[0].message and "超出 0.02 元" in found[1].message


def test_each_phase_paid_early_is_its_own_finding_si_wu(world: World) -> None:
    """8,000 first paid 2026-06-19 (the class ended 2026-06-20) and 2,000 remainder paid 2026-10-11
    (the third pension months were verified 2026-10-12): both early, each in its own finding."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 6, 19)), ("remainder", 2000, D(2026, 10, 11))))
    found = world.findings("PAY-EARLY")
    assert [f.line for f in found] == [line_of(world, PAYMENTS, "paid_on: 2026-06-19"),
                                       line_of(world, PAYMENTS, "paid_on: 2026-10-11")]
    assert "首期（80%）于 2026-06-19 拨付，截至当日累计 8000 元" in found[0].message
    assert "剩余补贴于 2026-10-11 拨付，截至当日累计 2000 元" in found[1].message


def test_the_last_two_installments_of_one_early_day_are_judged_together_si_wu(world: World) -> None:
    """500 + 500 of the remainder, both paid 2026-10-11 (the day before the third months were
    verified) and nothing after: the day is judged whole, 1,000 against 0 due, at the second."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 500, D(2026, 10, 11)),
                                       ("remainder", 500, D(2026, 10, 11))))
    f = one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-10-11", "截至当日累计 1000 元", "超出 1000 元",
                    occurrence=2)
    assert f.loc == ("installments", 2, "paid_on")


def test_an_early_first_installment_with_a_trainee_who_failed_si_wu(world: World) -> None:
    """One of the ten failed the assessment (no certificate): 9 count, 9 × 1,000 × 80 % = 7,200 is
    due from the certificates' day 2026-06-25. Paid 2026-06-19 it was early; paid on 2026-06-25 not."""
    def fail_last(data: Any) -> None:
        data["trainees"][9]["assessment"] = {"passed": False}

    world.edit(CLASS, fail_last)
    world.edit(PAYMENTS, _installments(("first", 7200, D(2026, 6, 19))))
    one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-06-19", "截至当日累计 7200 元", "当日应付 0 元",
                "现在应付 7200 元")
    world.edit(PAYMENTS, _installments(("first", 7200, D(2026, 6, 25))))
    no_finding(world, "PAY-EARLY")


# -- The per-person ledger on the day of a certificate (苏财规〔2025〕2号) --------------------------

def test_an_outside_subsidy_granted_on_the_certificate_s_day_counts_before_it(world: World) -> None:
    """The first trainee's outside subsidies: 2025-03-01 (in the world), 2025-09-01, and one on
    2026-06-25, the day this class's certificates were issued: three before, this is the fourth."""
    world.edit(PRIOR, _prior((D(2025, 9, 1), "6-31-07-03", "L5"), (D(2026, 6, 25), "4-10-01-06", "L4")))
    person = world.load(CLASS)["trainees"][0]["person"]
    one_finding(world, "SUB-CAP", CLASS, person, "此前已享受 3 次职业培训补贴（其中本系统以外 3 次", severity=WARNING)


def test_the_same_occupation_granted_outside_on_the_certificate_s_day_is_named(world: World) -> None:
    world.edit(PRIOR, _prior((D(2026, 6, 25), "4-10-01-05", "L4")))
    person = world.load(CLASS)["trainees"][0]["person"]
    one_finding(world, "SUB-REPEAT", CLASS, person, "享受过培训补贴（2026-06-25 本系统以外，见 prior_subsidies.yaml）",
                "此前已享受 2 次职业培训补贴（其中本系统以外 2 次", severity=WARNING)


# -- EMP-VERIFIED: a month that is no month -------------------------------------------------------

def test_a_verification_of_an_invalid_month_is_left_to_emp_person(world: World) -> None:
    """“2026-13” listed and verified: EMP-PERSON says it is no month; EMP-VERIFIED cannot compare
    a verification date with it and says nothing."""
    def change(data: Any) -> None:
        entry = data["records"][0]
        entry["pension_months"] = ["2026-07", "2026-08", "2026-13"]
        entry["verified_on"] = {"2026-07": D(2026, 8, 10), "2026-08": D(2026, 9, 10), "2026-13": D(2026, 10, 12)}

    world.edit(EMPLOYMENT, change)
    no_finding(world, "EMP-VERIFIED")
    one_finding(world, "EMP-PERSON", EMPLOYMENT, "2026-13", "“2026-13”无效")


def _five_certificates_later(data: Any) -> None:
    for t in data["trainees"][5:]:
        t["assessment"]["certificate"]["issued_on"] = D(2026, 7, 10)


def test_an_early_payment_over_part_of_what_was_due_that_day_in_words(world: World) -> None:
    """Five certificates issued 2026-06-25, five more 2026-07-10. 8,000 paid 2026-07-01: that day
    5 × 1,000 × 80 % = 4,000 was due, so 4,000 was paid early; 8,000 is due now."""
    world.edit(CLASS, _five_certificates_later)
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 1))))
    f = one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-07-01")
    assert f.message == ("班次 P2026-001-01 的首期（80%）于 2026-07-01 拨付，截至当日累计 8000 元，"
                         "而当日应付 4000 元（当日状态：应付），超出 4000 元；"
                         "首期在班次结业、学员取得证书之后才应拨付。现在应付 8000 元，" + EARLY_TAIL)


# -- A finding sits on the line of the person, whatever order the keys are written in -------------
# Excel exports and hand edits do not keep `person` first; a finding about the person must still
# point at the line that names the person, not at the first line of the entry.

def _person_second(items: Any, i: int) -> None:
    """Rewrite entry `i` of `items` with its first key (`person`) moved after the second."""
    entry = dict(items[i])
    keys = list(entry)
    items[i] = {keys[1]: entry[keys[1]], keys[0]: entry[keys[0]], **{k: entry[k] for k in keys[2:]}}


def test_employment_findings_point_at_the_person_line_in_any_key_order(world: World) -> None:
    person = world.load(EMPLOYMENT)["records"][1]["person"]

    def change(data: Any) -> None:
        data["records"][3]["person"] = person
        data["records"][2]["person"] = UNKNOWN
        _person_second(data["records"], 2)
        _person_second(data["records"], 3)

    world.edit(EMPLOYMENT, change)
    assert list(world.load(EMPLOYMENT)["records"][3])[:2] == ["employer", "person"]
    found = sorted(world.findings("EMP-PERSON"), key=lambda f: f.line or 0)
    assert [(f.line, f.message[:7]) for f in found] == [
        (line_of(world, EMPLOYMENT, UNKNOWN), "第 3 条就业"), (line_of(world, EMPLOYMENT, person, 2), "第 4 条就业")]


def test_ledger_findings_point_at_the_person_line_in_any_key_order(world: World) -> None:
    """The first trainee written with `group` first: the cap (three outside subsidies before the
    certificate) and, in a second class, the repeat point at the trainee's person line."""
    world.edit(PRIOR, _prior((D(2025, 9, 1), "6-31-07-03", "L5"), (D(2025, 12, 1), "4-10-01-06", "L4")))
    world.edit(CLASS, lambda d: _person_second(d["trainees"], 0))
    person = world.load(CLASS)["trainees"][0]["person"]
    assert list(world.load(CLASS)["trainees"][0])[:2] == ["group", "person"]
    one_finding(world, "SUB-CAP", CLASS, person, "第 1 名", severity=WARNING)
    world.edit(PRIOR, lambda d: d.__setitem__("subsidies", []))
    world.copy(CLASS, CLASS_2, _later_class)
    found = {f.line for f in world.findings("SUB-REPEAT") if f.path == world.display(CLASS_2)}
    assert line_of(world, CLASS_2, person) in found


def test_a_payment_of_exactly_what_was_due_that_day_is_not_early_si_wu(world: World) -> None:
    """The same certificates: 4,000 paid 2026-07-01 (5 × 1,000 × 80 %, all that was due that day)
    and 4,000 more on 2026-07-10, when the other five certificates were issued: nothing early."""
    world.edit(CLASS, _five_certificates_later)
    world.edit(PAYMENTS, _installments(("first", 4000, D(2026, 7, 1)), ("first", 4000, D(2026, 7, 10))))
    no_finding(world, "PAY-EARLY")
    no_finding(world, "PAY-OVER")
    world.edit(PAYMENTS, _installments(("first", 4000.01, D(2026, 7, 1)), ("first", 3999.99, D(2026, 7, 10))))
    one_finding(world, "PAY-EARLY", PAYMENTS, "paid_on: 2026-07-01", "截至当日累计 4000.01 元", "超出 0.01 元")
