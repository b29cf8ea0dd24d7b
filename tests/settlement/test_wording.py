"""The sentences a finance officer reads for each phase (generator/settlement/wording.py), written
out by hand from the records of each world (see tests/settlement/test_report.py for the worlds):
the phase, its condition (通知 四(五): 80 % after the training, the remainder at 30 %, a 20 % bonus
above 50 %), what happens and the amount with its state. Shared by summary.md, the CSV and XLSX
notes, so each is checked once here, whole."""

from __future__ import annotations

import datetime as dt

from generator.settlement.report_entries import ClassEntry, HeldEntry
from generator.settlement.wording import class_note, held_reason, phase_sentence
from tests.conftest import CLASS, PAYMENTS, World
from tests.settlement.test_arithmetic import set_employment
from tests.settlement.test_report import CLASS_ID, each_trainee, persons, policy_shares, report_of

AWAITING = ("班次已结业，尚有 10 人未登记考核结果或证书；补贴按取得证书的人数核算，就业跟踪期自取得证书起算"
            "（通知 四(五)）")


def entry(world: World, as_of: dt.date = dt.date(2027, 6, 30), class_id: str = CLASS_ID) -> ClassEntry:
    return next(c for c in report_of(world, as_of).classes if c.class_id == class_id)


def sentences(c: ClassEntry) -> list[str]:
    return [phase_sentence(c, p) for p in ("first", "remainder", "bonus")]


def test_every_phase_due_the_first_paid_the_rest_payable_now(world: World) -> None:
    c = entry(world)
    assert sentences(c) == [
        "首期 8,000.00 元（10 人 × 1,000.00 元 × 80%），已拨付。",
        "就业率 60.0%，达到 30%：给予剩余补贴 2,000.00 元（10 人 × 1,000.00 元 × 20%），本次应拨。",
        "就业率 60.0%，达到 50%：给予成交单价 20% 的跟补 2,000.00 元（10 人 × 1,000.00 元 × 20%），本次应拨。",
    ]
    assert class_note(c) == "".join(sentences(c))


def test_below_30_percent_the_remainder_and_bonus_are_refused_with_the_amount_not_paid(world: World) -> None:
    """75 % first: 7,500 payable, nothing paid; 2 of 10 employed (20 %): remainder 2,500 and bonus
    2,000 不予拨付, the windows closed."""
    policy_shares(world, 0.75)
    set_employment(world, {p: ["2026-07", "2026-08", "2026-09"] for p in persons(world)[:2]})
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    assert sentences(entry(world)) == [
        "首期 7,500.00 元（10 人 × 1,000.00 元 × 75%），本次应拨。",
        "就业率 20.0%，未达 30%，不给予剩余补贴（跟踪期已结束；2,500.00 元 不予拨付）。",
        "就业率 20.0%，未达 50%，不给予跟补（跟踪期已结束；2,000.00 元 不予拨付）。",
    ]


def test_a_phase_paid_in_part_names_what_was_paid_and_what_is_payable_now(world: World) -> None:
    """4 of 10 employed (40 %): the remainder is due, the bonus refused; the first 7,500 was paid
    5,000 of, 2,500 now."""
    policy_shares(world, 0.75)
    set_employment(world, {p: ["2026-08", "2026-09", "2026-10"] for p in persons(world)[:4]})
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", [
        {"phase": "first", "amount": 5000, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"},
        {"phase": "remainder", "amount": 2500, "paid_on": dt.date(2027, 1, 15), "voucher": "V2"}]))
    assert sentences(entry(world)) == [
        "首期 7,500.00 元（10 人 × 1,000.00 元 × 75%），已拨 5,000.00 元，本次应拨 2,500.00 元。",
        "就业率 40.0%，达到 30%：给予剩余补贴 2,500.00 元（10 人 × 1,000.00 元 × 25%），已拨付。",
        "就业率 40.0%，未达 50%，不给予跟补（跟踪期已结束；2,000.00 元 不予拨付）。",
    ]


def test_while_the_windows_are_open_the_sentence_says_pending_with_the_amount_at_the_current_count(
        world: World) -> None:
    """2026-09-15: nobody has 3 verified months yet; the windows close after 2026-12."""
    assert sentences(entry(world, dt.date(2026, 9, 15))) == [
        "首期 8,000.00 元（10 人 × 1,000.00 元 × 80%），已拨付。",
        "就业率目前 0.0%，未达 30%，跟踪期未结束：剩余补贴待定（按目前人数 2,000.00 元，不计入本次应拨）。",
        "就业率目前 0.0%，未达 50%，跟踪期未结束：跟补待定（按目前人数 2,000.00 元，不计入本次应拨）。",
    ]


def test_before_the_class_ends_every_phase_waits_for_the_end(world: World) -> None:
    assert sentences(entry(world, dt.date(2026, 6, 10))) == [
        "首期待定：班次尚未结业。", "剩余补贴待定：班次尚未结业。", "跟补待定：班次尚未结业。"]


def test_ended_without_certificates_every_phase_waits_for_them(world: World) -> None:
    """On the end date (2026-06-20) the certificates (2026-06-25) are not issued yet."""
    assert sentences(entry(world, dt.date(2026, 6, 20))) == [
        f"首期待定（等待证书）：{AWAITING}。",
        f"剩余补贴待定（等待证书）：{AWAITING}；目前就业率 0.0%，不计入本次应拨。",
        f"跟补待定（等待证书）：{AWAITING}；目前就业率 0.0%，不计入本次应拨。",
    ]


def test_nobody_counted_the_first_phase_has_nothing_and_the_others_nothing_to_pay(world: World) -> None:
    """Every trainee failed: no certificate, nothing counted, nothing paid. The first phase has no
    subsidy; employment (none of them certified) reaches no threshold: not met."""
    world.edit(CLASS, each_trainee("assessment", {"passed": False}))
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    assert sentences(entry(world)) == [
        "首期：没有取得证书并计入补贴的参训人员，无补贴。",
        "就业率 0.0%，未达 30%，不给予剩余补贴（跟踪期已结束；0.00 元 不予拨付）。",
        "就业率 0.0%，未达 50%，不给予跟补（跟踪期已结束；0.00 元 不予拨付）。",
    ]


def test_due_with_nothing_to_pay_and_nothing_paid_says_so(world: World) -> None:
    """Everyone under 70 % attendance: nobody counted, 6 of 10 employed: the remainder and bonus are
    due at 0.00 and nothing was paid: 无应拨款项, never 已拨."""
    world.edit(CLASS, each_trainee("attended_periods", 10))
    world.edit(PAYMENTS, lambda d: d.__setitem__("installments", []))
    [_, remainder, bonus] = sentences(entry(world))
    assert remainder == "就业率 60.0%，达到 30%：给予剩余补贴 0.00 元（0 人 × 1,000.00 元 × 20%），无应拨款项。"
    assert bonus == "就业率 60.0%，达到 50%：给予成交单价 20% 的跟补 0.00 元（0 人 × 1,000.00 元 × 20%），无应拨款项。"


def test_a_class_with_nobody_enrolled_has_no_subsidy_in_any_phase(world: World) -> None:
    from tests.settlement.worlds import add_empty_class

    add_empty_class(world)
    c = entry(world, class_id="P2026-001-02")
    assert sentences(c) == ["首期：班次无参训人员（就业率 —），无补贴。",
                            "剩余补贴：班次无参训人员（就业率 —），无补贴。",
                            "跟补：班次无参训人员（就业率 —），无补贴。"]


def test_a_held_class_s_reason_names_the_rule_the_message_and_the_record() -> None:
    h = HeldEntry("P2026-001-01", "PAY-OVER", "records/payments/2026/P2026-001-01.yaml", "拨付超过应拨")
    assert held_reason(h) == "PAY-OVER：拨付超过应拨（records/payments/2026/P2026-001-01.yaml）"
    # made from a hold alone, it names no project or institution rather than inventing one
    assert {k: v for k, v in h.as_json().items() if k.startswith(("project", "institution"))} == dict.fromkeys(
        ("project", "project_name", "institution", "institution_name"), "")
