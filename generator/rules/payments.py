"""Payment rules that need no settlement: a payment is a fact of the past, recorded once.

PAY-OVER and PAY-EARLY (`employment_payment.py`) judge amounts against the settlement and read only the
installments paid by the as-of date; an installment dated after it would escape them and stay
listed as due, so PAY-DATE refuses it. A voucher is the finance office's proof of one transfer:
PAY-VOUCHER finds the same voucher twice anywhere in the ledger, compared in its key form
(`keyform.key_form`: case, width, spaces, separators and look-alikes do not make a new voucher).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from generator.records.labels import PHASE_LABELS
from generator.records.record_set import Record
from generator.records.training import Payments
from generator.rules.keyform import key_form
from generator.rules.registry import ERROR, Context, Hit, rule


@rule("PAY-DATE", ERROR, "通知 四(五)", "拨付日期不晚于判断日期：尚未发生的拨付不能登记", scope="class")
def payment_date(ctx: Context) -> Iterator[Hit]:
    for rec in ctx.records.payments.values():
        for k, inst in enumerate(rec.model.installments):
            if inst.paid_on > ctx.as_of:
                yield Hit(rec, ("installments", k, "paid_on"),
                          f"第 {k + 1} 笔拨付（{PHASE_LABELS[inst.phase]}，凭证 {inst.voucher}）的拨付日期 "
                          f"{inst.paid_on} 晚于判断日期 {ctx.as_of}：拨付是已经发生的事实，不能预先登记。"
                          "请在款项实际拨付后，按实际拨付日期登记（peixun record-payment）")


def voucher_holders(ctx: Context) -> list[tuple[dt.date, str, int, str, Record[Payments]]]:
    """Every installment of a payments record whose class exists (REF reports the others), in the
    order the first holder of a voucher is found: payment date, class id, position."""
    found = []
    for rec in ctx.records.payments.values():
        if rec.model.class_ not in ctx.records.classes:
            continue
        for k, inst in enumerate(rec.model.installments):
            found.append((inst.paid_on, rec.model.class_, k, key_form(inst.voucher), rec))
    found.sort(key=lambda e: e[:3])
    return found


@rule("PAY-VOUCHER", ERROR, "通知 四(五)",
      "同一凭证号只登记一次（不区分大小写、全角半角、空格和分隔符）", scope="person")
def payment_voucher(ctx: Context) -> Iterator[Hit]:
    """Scoped `person`: the incremental run links classes that share a voucher as it links classes
    that share a trainee (`incremental/links.py`)."""
    first: dict[str, tuple[dt.date, str, int, str]] = {}
    for paid_on, class_id, k, form, rec in voucher_holders(ctx):
        inst = rec.model.installments[k]
        if not form:
            yield Hit(rec, ("installments", k, "voucher"),
                      f"第 {k + 1} 笔拨付的凭证号“{inst.voucher}”不含字母或数字，不是凭证号。请填写财务拨付凭证的编号")
            continue
        seen = first.setdefault(form, (paid_on, class_id, k, inst.voucher))
        if seen[1:3] != (class_id, k):
            yield Hit(rec, ("installments", k, "voucher"),
                      f"第 {k + 1} 笔拨付的凭证号“{inst.voucher}”已登记过：班次 {seen[1]} 第 {seen[2] + 1} 笔"
                      f"（{seen[0]}，凭证号“{seen[3]}”）。凭证号不区分大小写、全角半角、空格和分隔符，"
                      "同一凭证只能登记一次。请核对凭证号：重复登记的请删除本笔")
