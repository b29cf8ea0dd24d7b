"""Recording a payment made: one installment appended to the class's payments record.

The installment is checked against the settlement as of the day it was paid before anything is
written: the class and phase must exist, the phase must be due on that day, the amount must not
exceed what is still unpaid for that phase, the phase must not already be paid in full, the
payment date must not be after the day it is recorded, and the voucher must not already be recorded
in any spelling (compared in its key form, as PAY-VOUCHER does). Refusals are `PaymentRefused`
with a Chinese message that says what was found, what was expected and what to do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from generator.errors import PeixunError
from generator.numbers import yuan
from generator.pipeline import run
from generator.records.kinds import KINDS_BY_NAME
from generator.records.record_set import RecordSet
from generator.records.writer import append_item, quoted, write_record
from generator.rules.keyform import key_form
from generator.settlement.arithmetic import PHASES
from generator.settlement.report import PHASE_NAMES, STATUS_LABELS

PHASE_HELP = "first（首期）、remainder（剩余补贴）或 bonus（跟补）"


class PaymentRefused(PeixunError):
    """The installment cannot be recorded; nothing was written."""

    exit_code = 1


@dataclass(frozen=True)
class RecordedPayment:
    path: Path
    class_id: str
    phase: str
    amount: Decimal
    paid_on: dt.date
    voucher: str
    phase_due: Decimal  # the phase's amount due on paid_on
    paid_before: Decimal  # already recorded for the phase before this one


def parse_amount(text: str) -> Decimal:
    try:
        amount = Decimal(text.replace(",", "").strip())
    except InvalidOperation:
        raise PaymentRefused(f"金额应为数字（元，最多两位小数），收到“{text}”") from None
    if not amount.is_finite() or amount <= 0:
        raise PaymentRefused(f"金额应大于 0，收到“{text}”")
    if amount != amount.quantize(Decimal("0.01")):
        raise PaymentRefused(f"金额最多两位小数（到分），收到“{text}”")
    return amount.quantize(Decimal("0.01"))


def _target(records_dir: Path, rs: RecordSet, class_id: str) -> Path:
    existing = rs.payments.get(class_id)
    if existing is not None:
        return Path(existing.path)
    year = Path(rs.classes[class_id].path).parent.name
    return records_dir / "payments" / year / f"{class_id}.yaml"


def record_payment(records_dir: Path, class_id: str, phase: str, amount: Decimal, paid_on: dt.date,
                   voucher: str, *, today: dt.date, use_cache: bool = True) -> RecordedPayment:
    """Check one installment against the settlement as of `paid_on` and append it; see the module.
    `today` is the day the payment is recorded, from the clock of the machine that records it (the
    CLI passes the system date): a payment cannot be recorded before it was made."""
    if paid_on > today:
        raise PaymentRefused(
            f"拨付日期 {paid_on} 晚于今天（{today}）：拨付是已经发生的事实，不能预先登记。"
            "请在款项实际拨付后，按实际拨付日期登记（--paid-on）"
        )
    if phase not in PHASES:
        raise PaymentRefused(f"拨付阶段应为 {PHASE_HELP}，收到“{phase}”")
    voucher = voucher.strip()
    if not voucher:
        raise PaymentRefused("凭证号不能为空：填写财务拨付凭证的编号（--voucher）")
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise PaymentRefused(f"金额应大于 0 且最多两位小数，收到 {amount}")
    r = run(records_dir, paid_on, use_cache=use_cache)
    rs = r.all_records
    if class_id not in rs.classes:
        raise PaymentRefused(
            f"找不到班次 {class_id}：{records_dir}/classes/ 下没有 {class_id}.yaml（或该文件有格式错误）"
        )
    existing = rs.payments.get(class_id)
    future = [i for i in existing.model.installments if i.paid_on > today] if existing else []
    if future:
        raise PaymentRefused(
            f"班次 {class_id} 已登记的拨付中有日期晚于今天（{today}）的：{future[0].paid_on} 凭证 {future[0].voucher}"
            f"（{existing.path if existing else ''}，PAY-DATE）。尚未发生的拨付不能登记；先改正该笔记录，再登记本笔"
        )
    holds = [h for h in r.held if h.class_id == class_id]
    if holds:
        raise PaymentRefused(f"班次 {class_id} 的记录有错误，暂缓结算，不能登记拨付；先修正（peixun validate）：\n"
                             + "\n".join(f"{h.path}: {h.rule} {h.message}" for h in holds))
    form = key_form(voucher)
    if not form:
        raise PaymentRefused(f"凭证号“{voucher}”不含字母或数字：填写财务拨付凭证的编号（--voucher）")
    for other_id, rec in sorted(rs.payments.items()):
        for inst in rec.model.installments:
            if key_form(inst.voucher) == form:
                raise PaymentRefused(
                    f"凭证号 {voucher} 已登记为“{inst.voucher}”（{rec.path}：班次 {other_id} {PHASE_NAMES[inst.phase]} "
                    f"{yuan(inst.amount)}，{inst.paid_on}）；凭证号不区分大小写、全角半角、空格和分隔符，"
                    "同一凭证不能登记两次"
                )
    settled = next((c for c in r.full_settlement.classes if c.class_id == class_id), None)
    name = PHASE_NAMES[phase]
    if settled is None:
        raise PaymentRefused(f"班次 {class_id} 没有成交单价或适用的政策，无法结算，不能登记拨付")
    result = settled.phases[phase]
    if result.status != "due":
        raise PaymentRefused(
            f"截至拨付日期 {paid_on}，班次 {class_id} 的{name}为“{STATUS_LABELS[result.status]}”，不是应拨付，"
            f"不能登记。请核对拨付日期和阶段（peixun settle --as-of {paid_on}）"
        )
    recorded = [i for i in existing.model.installments if i.phase == phase] if existing else []
    paid_before = sum((i.amount for i in recorded), Decimal("0.00"))
    unpaid = result.amount - paid_before
    if recorded and unpaid <= 0:
        first = recorded[0]
        raise PaymentRefused(
            f"班次 {class_id} 的{name}已足额拨付（{first.paid_on} 凭证 {first.voucher}，共 {yuan(paid_before)}），"
            f"不能重复登记"
        )
    if amount > unpaid:
        raise PaymentRefused(
            f"金额 {yuan(amount)} 超过班次 {class_id} {name}截至 {paid_on} 尚未拨付的 {yuan(unpaid)}"
            f"（应拨 {yuan(result.amount)}，已拨 {yuan(paid_before)}）：不能超额拨付"
        )
    target = _target(records_dir, rs, class_id)
    item = {"phase": phase, "amount": amount, "paid_on": paid_on, "voucher": quoted(voucher)}
    if target.exists():
        append_item(target, "installments", item)
    else:
        write_record(KINDS_BY_NAME["payments"], {"class": class_id, "installments": [item]}, target,
                     records_dir.parent / "schemas")
    return RecordedPayment(target, class_id, phase, amount, paid_on, voucher, result.amount, paid_before)
