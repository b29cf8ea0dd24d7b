"""`peixun record-payment`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.app import cli, records_option
from generator.numbers import yuan
from generator.payment_recording import parse_amount, record_payment
from generator.settlement.report import PHASE_NAMES


def today() -> dt.date:
    """The day the payment is recorded: this machine's clock, never a date the user gives."""
    return dt.date.today()


def _date(_ctx: click.Context, _param: click.Parameter, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日期应写作 YYYY-MM-DD，收到“{value}”") from None


@cli.command("record-payment")
@click.argument("class_id", metavar="CLASS")
@click.argument("phase", metavar="PHASE")
@click.option("--amount", required=True, help="拨付金额（元，最多两位小数）")
@click.option("--paid-on", "paid_on", required=True, callback=_date, metavar="DATE", help="拨付日期 YYYY-MM-DD")
@click.option("--voucher", required=True, help="财务拨付凭证号")
@records_option
def record_payment_cmd(class_id: str, phase: str, amount: str, paid_on: dt.date, voucher: str,
                       records_dir: Path) -> None:
    """（市人社局）登记一笔已拨付的补贴：PHASE 为 first（首期）、remainder（剩余补贴）或 bonus（跟补）。

    按拨付日期结算核对：该阶段须为应拨付，金额不超过尚未拨付的部分，同一阶段不重复、同一凭证不重复（不区分大小写、全角半角和分隔符），拨付日期不晚于今天；
    通过后追加到 records/payments/<年份>/<班次>.yaml。"""
    done = record_payment(records_dir, class_id, phase, parse_amount(amount), paid_on, voucher,
                          today=today())
    click.echo(
        f"已登记：班次 {done.class_id} {PHASE_NAMES[done.phase]} {yuan(done.amount)}，拨付日期 {done.paid_on}，"
        f"凭证 {done.voucher}（该阶段应拨 {yuan(done.phase_due)}，此前已拨 {yuan(done.paid_before)}）；"
        f"写入 {done.path}"
    )
