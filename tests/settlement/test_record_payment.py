"""`peixun record-payment`: an installment is checked against what was due on its date, then appended."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main, payment_cmd
from generator.payment_recording import PaymentRefused, parse_amount, record_payment
from generator.pipeline import validate
from generator.settlement_output import settle
from tests.conftest import PAYMENTS, WORLD, World, commit_all
from tests.settlement.worlds import AS_OF, worked_example

PAID_ON = dt.date(2027, 6, 30)


@pytest.fixture
def repo(tmp_path: Path) -> World:
    """The worked example (first installment paid) in a real Git repository."""
    shutil.copytree(WORLD, tmp_path / "repo" / "records")
    world = worked_example(World(tmp_path / "repo" / "records"), first_paid=True)
    commit_all(tmp_path / "repo", "records", "2027-06-30T09:00:00+08:00")
    return world


def test_recorded_payment_shows_as_paid(repo: World) -> None:
    before = settle(repo.root, AS_OF).report["totals"]
    assert before["payable"] == "34320.00"
    done = record_payment(repo.root, "P2026-001-01", "bonus", Decimal("17160.00"), PAID_ON, "WXCZ-2027-0001",
                          today=PAID_ON)
    assert done.path == repo.path(PAYMENTS) and done.phase_due == Decimal("17160.00")
    text = repo.path(PAYMENTS).read_text(encoding="utf-8")
    assert text.endswith(
        "  - phase: bonus\n    amount: 17160\n    paid_on: 2027-06-30\n    voucher: \"WXCZ-2027-0001\"\n")
    assert validate(repo.root, AS_OF).errors == 0
    after = settle(repo.root, AS_OF).report
    assert after["totals"]["payable"] == "17160.00" and after["totals"]["paid"] == "85800.00"
    assert after["classes"][0]["phases"]["bonus"]["state"] == "paid"


def test_a_new_payments_file_starts_with_its_schema_line(repo: World) -> None:
    repo.remove(PAYMENTS)
    record_payment(repo.root, "P2026-001-01", "first", Decimal("68640"), PAID_ON, "V-9", today=PAID_ON)
    text = repo.path(PAYMENTS).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/payments.schema.json"
    assert "class: P2026-001-01\ninstallments:\n  - phase: first\n    amount: 68640\n" in text


@pytest.mark.parametrize(("args", "message"), [
    (("P2026-001-01", "bonus", "17160.01", PAID_ON, "V-2"),
     "超过班次 P2026-001-01 跟补截至 2027-06-30 尚未拨付的 17,160.00 元"),
    (("P2026-001-09", "bonus", "1", PAID_ON, "V-2"), "找不到班次 P2026-001-09"),
    (("P2026-001-01", "extra", "1", PAID_ON, "V-2"),
     "拨付阶段应为 first（首期）、remainder（剩余补贴）或 bonus（跟补）"),
    (("P2026-001-01", "first", "1", PAID_ON, "V-2"),
     "首期已足额拨付（2026-07-15 凭证 V1，共 68,640.00 元），不能重复登记"),
    (("P2026-001-01", "bonus", "1", PAID_ON, "V1"), "凭证号 V1 已登记"),
    (("P2026-001-01", "bonus", "1", dt.date(2026, 6, 19), "V-2"),
     "截至拨付日期 2026-06-19，班次 P2026-001-01 的跟补为“待定”"),
])
def test_refusals_write_nothing(repo: World, args: tuple[str, str, str, dt.date, str], message: str) -> None:
    before = repo.path(PAYMENTS).read_bytes()
    class_id, phase, amount, paid_on, voucher = args
    with pytest.raises(PaymentRefused) as caught:
        record_payment(repo.root, class_id, phase, parse_amount(amount), paid_on, voucher, today=PAID_ON)
    assert message in str(caught.value)
    assert repo.path(PAYMENTS).read_bytes() == before


@pytest.mark.parametrize("bad", ["0", "-5", "1.234", "abc"])
def test_amount_must_be_money(bad: str) -> None:
    with pytest.raises(PaymentRefused):
        parse_amount(bad)


def test_a_class_with_an_error_is_not_paid(repo: World) -> None:
    repo.edit("classes/2026/P2026-001-01.yaml", lambda d: d["periods"].__setitem__("theory", 1))
    with pytest.raises(PaymentRefused) as caught:
        record_payment(repo.root, "P2026-001-01", "bonus", Decimal("1"), PAID_ON, "V-2", today=PAID_ON)
    assert "记录有错误，暂缓结算，不能登记拨付" in str(caught.value) and "CLS-PERIODS" in str(caught.value)


def test_cli(repo: World, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payment_cmd, "today", lambda: PAID_ON)  # the world's payments are dated 2027
    args = ["record-payment", "P2026-001-01", "remainder", "--amount", "17,160.00", "--paid-on", "2027-06-30",
            "--voucher", "WXCZ-2027-0002", "--records", str(repo.root)]
    assert main(args) == 0
    assert "已登记：班次 P2026-001-01 剩余补贴 17,160.00 元" in capsys.readouterr().out
    assert main(args) == 1  # the same payment entered twice
    assert "同一凭证不能登记两次" in capsys.readouterr().err
    assert main([*args[:-3], "WXCZ-2027-0003", *args[-2:]]) == 1
    assert "剩余补贴已足额拨付" in capsys.readouterr().err
    assert main([*args[:5], "--paid-on", "2027-13-01", *args[7:]]) == 2


# -- attacks (issue 23): a payment with a future date, a voucher recorded twice in another spelling ----

def test_a_payment_dated_after_the_day_it_is_recorded_is_refused(repo: World) -> None:
    before = repo.path(PAYMENTS).read_bytes()
    with pytest.raises(PaymentRefused) as caught:
        record_payment(repo.root, "P2026-001-01", "bonus", Decimal("17160.00"), dt.date(2062, 11, 27),
                       "WXCZ-2027-0001", today=PAID_ON)
    assert "拨付日期 2062-11-27 晚于今天（2027-06-30）" in str(caught.value)
    assert "不能预先登记" in str(caught.value)
    assert repo.path(PAYMENTS).read_bytes() == before
    # the day itself is allowed
    record_payment(repo.root, "P2026-001-01", "bonus", Decimal("17160.00"), PAID_ON, "WXCZ-2027-0001",
                   today=PAID_ON)


def test_the_cli_judges_the_payment_date_by_the_machine_clock(repo: World, capsys: pytest.CaptureFixture[str]
                                                              ) -> None:
    before = repo.path(PAYMENTS).read_bytes()
    args = ["record-payment", "P2026-001-01", "bonus", "--amount", "17160", "--paid-on", "2062-11-27",
            "--voucher", "WXCZ-2027-0009", "--records", str(repo.root)]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "拨付日期 2062-11-27 晚于今天" in err and "Traceback" not in err
    assert repo.path(PAYMENTS).read_bytes() == before


@pytest.mark.parametrize("spelling", ["wxcz-2027-0001", "ＷＸＣＺ－２０２７－０００１", "WXCZ 2027 0001",
                                      "WXCZ/2027/0001", "WXCZ2027OOO1", "WXCZ\u200b-2027-0001"])
def test_a_voucher_already_recorded_in_another_spelling_is_refused(repo: World, spelling: str) -> None:
    record_payment(repo.root, "P2026-001-01", "bonus", Decimal("100.00"), PAID_ON, "WXCZ-2027-0001", today=PAID_ON)
    before = repo.path(PAYMENTS).read_bytes()
    with pytest.raises(PaymentRefused) as caught:
        record_payment(repo.root, "P2026-001-01", "bonus", Decimal("100.00"), PAID_ON, spelling, today=PAID_ON)
    assert "已登记为“WXCZ-2027-0001”" in str(caught.value) and "同一凭证不能登记两次" in str(caught.value)
    assert repo.path(PAYMENTS).read_bytes() == before


def test_a_voucher_without_a_letter_or_digit_is_refused(repo: World) -> None:
    with pytest.raises(PaymentRefused) as caught:
        record_payment(repo.root, "P2026-001-01", "bonus", Decimal("1.00"), PAID_ON, "--/--", today=PAID_ON)
    assert "不含字母或数字" in str(caught.value)


def test_a_class_with_a_future_installment_takes_no_payment_until_it_is_corrected(repo: World) -> None:
    """Attack (issue 23): with a bogus installment dated 2062 on record, the same money stayed due and
    the correct entry was refused as already paid; now the class is refused with the bogus one named."""
    repo.edit(PAYMENTS, lambda d: d["installments"].append(
        {"phase": "bonus", "amount": 17160, "paid_on": dt.date(2062, 11, 27), "voucher": "WXCZ-2062-0001"}))
    with pytest.raises(PaymentRefused) as caught:
        record_payment(repo.root, "P2026-001-01", "bonus", Decimal("17160.00"), PAID_ON, "WXCZ-2027-0001",
                       today=PAID_ON)
    assert "2062-11-27 凭证 WXCZ-2062-0001" in str(caught.value) and "PAY-DATE" in str(caught.value)
