"""Each fact at its own date (通知 四(五)): a payment is lawful only if it did not exceed what was due
on the day it was paid; stable employment counts from the day its pension months were verified."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from generator.findings import Severity
from generator.settlement_output import settle
from tests.conftest import EMPLOYMENT, PAYMENTS, World
from tests.rules.expect import no_finding, one_finding

D = dt.date
CERTIFIED = D(2026, 6, 25)  # every certificate of the world's class; the class ends 2026-06-20
THIRD_MONTH_VERIFIED = D(2026, 10, 12)  # 2026-09, the third month of every stable run


def _installments(*items: tuple[str, float, dt.date]) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["installments"] = [
            {"phase": phase, "amount": amount, "paid_on": on, "voucher": f"WX-PAY-{n:04d}"}
            for n, (phase, amount, on) in enumerate(items, start=1)
        ]

    return change


@pytest.mark.parametrize(("paid_on", "early"), [
    (D(2026, 6, 19), True),  # before the class ended
    (CERTIFIED - dt.timedelta(days=1), True),  # ended, but no certificate yet
    (CERTIFIED, False),  # the day the certificates were issued
    (CERTIFIED + dt.timedelta(days=1), False),
])
def test_first_installment_judged_on_the_day_it_was_paid_si_wu(world: World, paid_on: dt.date,
                                                               early: bool) -> None:
    """通知 四(五): 80 % after training ends and certificates exist, judged on the payment's own day
    even though, as of today, the 8000 yuan are due (PAY-OVER finds nothing)."""
    world.edit(PAYMENTS, _installments(("first", 8000, paid_on)))
    no_finding(world, "PAY-OVER")
    if early:
        one_finding(world, "PAY-EARLY", PAYMENTS, f"paid_on: {paid_on}", "首期", f"于 {paid_on} 拨付",
                    "当日应付 0 元", "超出 8000 元", "证书之后")
    else:
        no_finding(world, "PAY-EARLY")


@pytest.mark.parametrize(("paid_on", "early"), [
    (THIRD_MONTH_VERIFIED - dt.timedelta(days=1), True),
    (THIRD_MONTH_VERIFIED, False),
    (THIRD_MONTH_VERIFIED + dt.timedelta(days=1), False),
])
def test_remainder_needs_30_percent_verified_by_the_day_it_was_paid_si_wu(world: World, paid_on: dt.date,
                                                                        early: bool) -> None:
    """通知 四(五): the remainder only once ≥ 30 % stable employment was verified, and the bonus at
    ≥ 50 %: the third month of every run was verified on 2026-10-12."""
    world.edit(PAYMENTS, _installments(("first", 8000, D(2026, 7, 15)), ("remainder", 2000, paid_on),
                                       ("bonus", 2000, D(2027, 1, 10))))
    no_finding(world, "PAY-OVER")
    if early:
        one_finding(world, "PAY-EARLY", PAYMENTS, f"paid_on: {paid_on}", "剩余补贴", "当日应付 0 元",
                    "稳定就业 0/10 人", "30%")
    else:
        no_finding(world, "PAY-EARLY")


def test_installments_of_one_day_are_judged_together_and_reported_once(world: World) -> None:
    day = CERTIFIED - dt.timedelta(days=2)
    world.edit(PAYMENTS, _installments(("first", 3000, day), ("first", 5000, day)))
    found = world.findings("PAY-EARLY")
    assert len(found) == 1 and "累计 8000 元" in found[0].message


def test_an_over_payment_now_is_pay_over_not_also_pay_early(world: World) -> None:
    world.edit(PAYMENTS, _installments(("first", 9000, D(2026, 6, 19))))
    assert len(world.findings("PAY-OVER")) == 1
    no_finding(world, "PAY-EARLY")


@pytest.mark.parametrize(("as_of", "remainder"), [
    (THIRD_MONTH_VERIFIED - dt.timedelta(days=1), "pending"),
    (THIRD_MONTH_VERIFIED, "due"),
    (THIRD_MONTH_VERIFIED + dt.timedelta(days=1), "due"),
])
def test_a_month_counts_from_the_day_it_was_verified_si_wu(world: World, as_of: dt.date, remainder: str) -> None:
    """通知 四(五): "reached 30 % on day D" is a fact of the verification dates, not of the months."""
    [c] = settle(world.root, as_of, use_cache=False).report["classes"]
    assert c["phases"]["remainder"]["status"] == remainder
    assert c["employed"] == (6 if remainder == "due" else 0)


def _verified(i: int, month: str, on: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["records"][i]["verified_on"][month] = on

    return change


def test_a_month_without_a_verification_date_is_a_warning(world: World) -> None:
    world.edit(EMPLOYMENT, lambda d: d["records"][2].__delitem__("verified_on"))
    one_finding(world, "EMP-VERIFIED", EMPLOYMENT, "pension_months:", "第 3 条", "2026-07、2026-08、2026-09",
                "verified_on", severity=Severity.WARNING, occurrence=3)


@pytest.mark.parametrize(("month", "on", "facts"), [
    ("2026-09", D(2026, 8, 31), ("早于该月",)),
    ("2026-10", D(2026, 11, 10), ("缴费月份中没有该月",)),
])
def test_verification_dates_are_possible_facts(world: World, month: str, on: dt.date, facts: tuple[str, ...]) -> None:
    world.edit(EMPLOYMENT, _verified(0, month, on))
    found = world.findings("EMP-VERIFIED")
    assert len(found) == 1 and found[0].severity is Severity.ERROR, [f.as_dict() for f in found]
    for fact in facts:
        assert fact in found[0].message
