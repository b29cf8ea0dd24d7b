"""PAY-DATE and PAY-VOUCHER: a payment is a fact of the past, and one voucher is recorded once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.rules.keyform import key_form
from tests.conftest import AS_OF, CLASS, PAYMENTS, World, line_of
from tests.rules.expect import no_finding, one_finding

D = dt.date
CLASS_2 = "classes/2026/P2026-001-02.yaml"
PAYMENTS_2 = "payments/2026/P2026-001-02.yaml"


def _installment(paid_on: dt.date, voucher: str, amount: int = 100) -> Any:
    def change(data: Any) -> None:
        data["installments"].append({"phase": "remainder", "amount": amount, "paid_on": paid_on, "voucher": voucher})

    return change


def _second_class(world: World) -> None:
    """A second class of the project with people and certificates of its own, and its payments."""
    def change(data: Any) -> None:
        data.update(id="P2026-001-02", start_on=D(2026, 7, 1), end_on=D(2026, 7, 20))
        for t in data["trainees"]:
            t["person"] = "p_f" + t["person"][3:]
            t["assessment"]["certificate"]["number_ref"] = "c_f" + t["assessment"]["certificate"]["number_ref"][3:]
            t["assessment"]["certificate"]["issued_on"] = D(2026, 7, 25)

    world.copy(CLASS, CLASS_2, change)
    world.copy(PAYMENTS, PAYMENTS_2, lambda d: d.update({"class": "P2026-001-02", "installments": []}))


@pytest.mark.parametrize("rule", ["PAY-DATE", "PAY-VOUCHER"])
def test_clean_world(world: World, rule: str) -> None:
    no_finding(world, rule)


# -- PAY-DATE ---------------------------------------------------------------------------------------

def test_a_payment_on_the_day_of_the_judgement_is_a_fact(world: World) -> None:
    world.edit(PAYMENTS, lambda d: d["installments"][0].update(paid_on=AS_OF))
    no_finding(world, "PAY-DATE")


def test_a_payment_dated_after_the_judgement_is_refused(world: World) -> None:
    """Attack (issue 23): `record-payment --paid-on 2062-11-27` was accepted and validate stayed
    green, since PAY-OVER and PAY-EARLY read only what was paid by the as-of date."""
    world.edit(PAYMENTS, _installment(D(2062, 11, 27), "WX-PAY-0002"))
    f = one_finding(world, "PAY-DATE", PAYMENTS, "paid_on: 2062-11-27", "第 2 笔拨付", "凭证 WX-PAY-0002",
                    "拨付日期 2062-11-27 晚于判断日期 2027-06-30", "不能预先登记", "peixun record-payment")
    assert f.message.endswith("（通知 四(五)）")
    no_finding(world, "PAY-DATE", as_of=D(2062, 11, 27))


# -- PAY-VOUCHER ------------------------------------------------------------------------------------

def test_distinct_vouchers_pass(world: World) -> None:
    world.edit(PAYMENTS, _installment(D(2026, 8, 1), "WX-PAY-0002"))
    world.edit(PAYMENTS, _installment(D(2026, 8, 2), "WX-PAY-00021"))
    no_finding(world, "PAY-VOUCHER")


@pytest.mark.parametrize("spelling", ["wx-pay-0001", "ＷＸ－ＰＡＹ－０００１", "WX PAY 0001", "WXPAY0001",
                                      "WX/PAY/0001", "WX-PAY-OOO1", "WX\u200b-PAY-0001", " wx.pay.0001 "])
def test_a_voucher_recorded_again_in_another_spelling_is_refused(world: World, spelling: str) -> None:
    """Attack (issue 23): `wxcz-2026-0001` next to `WXCZ-2026-0001` was a second payment."""
    world.edit(PAYMENTS, _installment(D(2026, 8, 1), spelling))
    f = one_finding(world, "PAY-VOUCHER", PAYMENTS, "voucher:", "第 2 笔拨付", "已登记过：班次 P2026-001-01 第 1 笔",
                    "2026-07-15，凭证号“WX-PAY-0001”", "不区分大小写、全角半角、空格和分隔符", occurrence=2)
    assert f.message.endswith("（通知 四(五)）")


def test_the_later_payment_of_a_voucher_shared_by_two_classes_is_refused(world: World) -> None:
    _second_class(world)
    world.edit(PAYMENTS_2, _installment(D(2026, 9, 1), "wx-pay-0001"))
    one_finding(world, "PAY-VOUCHER", PAYMENTS_2, "voucher:", "班次 P2026-001-01 第 1 笔")
    # backdated before the first: now the original is the later one, and it is named
    world.edit(PAYMENTS_2, lambda d: d["installments"][0].update(paid_on=D(2026, 7, 1)))
    found = world.findings("PAY-VOUCHER")
    assert [(f.path, f.line) for f in found] == [(world.display(PAYMENTS), line_of(world, PAYMENTS, "voucher:"))]
    assert "班次 P2026-001-02 第 1 笔" in found[0].message


def test_a_voucher_of_separators_alone_is_refused(world: World) -> None:
    world.edit(PAYMENTS, _installment(D(2026, 8, 1), "--"))
    one_finding(world, "PAY-VOUCHER", PAYMENTS, "voucher:", "不含字母或数字", occurrence=2)


@pytest.mark.parametrize(("one", "other"), [
    ("JS2026-0001234", "ＪＳ２０２６－０００１２３４"), ("JS2026-0001234", "JS20260001234"),
    ("JS2026-0001234", "js 2026 0001234"), ("JS2026-0001234", "ЈЅ2026–ООО1234"),  # Cyrillic, en dash
    ("JS2026-0001234", "JS2026\u00ad0001234"), ("JS2026-0001234", "JS２０２６/0001234"),
])
def test_one_number_has_one_key_form(one: str, other: str) -> None:
    assert key_form(one) == key_form(other) == "JS20260001234"


def test_different_numbers_keep_different_key_forms() -> None:
    assert len({key_form(n) for n in ("JS2026-0001234", "JS2026-0001235", "JS2025-0001234", "SJ2026-0001234",
                                      "JS2026-00012345")}) == 5
