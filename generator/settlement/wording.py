"""What happens to each phase's money, in words a finance officer reads without the notice at hand.

Shared by summary.md, the CSV and XLSX notes and the payment list, so every artifact says the same
thing the same way ("未达 50%，不给予跟补", never a rate next to a granted-sounding sentence).
"""

from __future__ import annotations

from generator.numbers import yuan
from generator.settlement.report import PHASE_NAMES, share_percent
from generator.settlement.report_entries import ClassEntry, HeldEntry, PhaseEntry


def _threshold(c: ClassEntry, phase: str) -> str:
    return share_percent(c.rules.threshold(phase))


def basis(c: ClassEntry, phase: str) -> str:
    """counted trainees × unit price × share, e.g. 33 人 × 2,600.00 元 × 80%."""
    return f"{c.counted} 人 × {yuan(c.unit_price)} × {share_percent(c.phases[phase].share)}"


def _paid_part(ph: PhaseEntry) -> str:
    paid, payable = ph.paid, ph.payable
    if paid and payable:
        return f"，已拨 {yuan(paid)}，本次应拨 {yuan(payable)}"
    if paid:
        return "，已拨付"
    if payable:
        return "，本次应拨"
    return "，无应拨款项"


def _awaiting(c: ClassEntry) -> str:
    return (f"班次已结业，尚有 {c.awaiting_certificates} 人未登记考核结果或证书；"
            "补贴按取得证书的人数核算，就业跟踪期自取得证书起算（通知 四(五)）")


def phase_sentence(c: ClassEntry, phase: str) -> str:
    """One sentence: the phase, its condition, what happens, and the amount with its state."""
    ph = c.phases[phase]
    status = ph.status
    name = PHASE_NAMES[phase]
    rate = c.employment_rate_pct
    if c.enrolled == 0 and c.ended:
        return f"{name}：班次无参训人员（就业率 {rate}），无补贴。"
    if phase == "first":
        if status == "pending" and ph.pending_reason == "awaiting_certificates":
            return f"首期待定（等待证书）：{_awaiting(c)}。"
        if status == "pending":
            return "首期待定：班次尚未结业。"
        if status == "not_met":
            return "首期：没有取得证书并计入补贴的参训人员，无补贴。"
        return f"首期 {yuan(ph.amount)}（{basis(c, phase)}）{_paid_part(ph)}。"
    threshold = _threshold(c, phase)
    what = "剩余补贴" if phase == "remainder" else f"成交单价 {share_percent(c.rules.bonus_share)} 的跟补"
    if status == "due":
        return (f"就业率 {rate}，达到 {threshold}：给予{what} {yuan(ph.amount)}"
                f"（{basis(c, phase)}）{_paid_part(ph)}。")
    if status == "not_met":
        return (f"就业率 {rate}，未达 {threshold}，不给予{name}（跟踪期已结束；"
                f"{yuan(ph.not_met)} 不予拨付）。")
    if not c.ended:
        return f"{name}待定：班次尚未结业。"
    if ph.pending_reason == "awaiting_certificates":
        return f"{name}待定（等待证书）：{_awaiting(c)}；目前就业率 {rate}，不计入本次应拨。"
    return (f"就业率目前 {rate}，未达 {threshold}，跟踪期未结束：{name}待定"
            f"（按目前人数 {yuan(ph.pending)}，不计入本次应拨）。")


def class_note(c: ClassEntry) -> str:
    return "".join(phase_sentence(c, p) for p in ("first", "remainder", "bonus"))


def held_reason(h: HeldEntry) -> str:
    return f"{h.rule}：{h.message}（{h.path}）"
