"""The payment list (拨付清单): what the finance office pays now, and nothing else.

Built from the settlement report alone: every installment that is due and not yet paid, grouped
by institution (project, class, phase, basis = counted trainees × unit price × share, amount),
each institution's subtotal, the grand total in figures and in 大写, one line for each held class
and why, and the sign-off block. Pending (待定) and not-met (不予拨付) amounts never enter it.
Rendered as Markdown here, as XLSX and DOCX in `payment_list_files`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath

from generator.mdtext import md_text
from generator.numbers import yuan
from generator.records.kinds import KINDS
from generator.settlement.capital import capital
from generator.settlement.report import PHASE_NAMES, share_percent
from generator.settlement.report_entries import HeldEntry, SettlementReport
from generator.settlement.wording import held_reason

TITLE = "重点群体项目化就业技能培训补贴拨付清单"
SIGNERS = ("经办人", "复核人", "负责人")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PayableLine:
    project: str
    project_name: str
    occupation: str
    class_id: str
    phase: str
    counted: int
    unit_price: Decimal
    share: Decimal
    phase_amount: Decimal  # the phase's amount as settled
    paid: Decimal  # already paid on it
    amount: Decimal  # paid now: phase_amount - paid

    @property
    def phase_label(self) -> str:
        return f"{PHASE_NAMES[self.phase]}（{share_percent(self.share)}）"

    @property
    def basis(self) -> str:
        return f"{self.counted} 人 × {yuan(self.unit_price)} × {share_percent(self.share)}"


@dataclass(frozen=True)
class InstitutionBlock:
    uscc: str
    name: str
    lines: tuple[PayableLine, ...]

    @property
    def subtotal(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


@dataclass(frozen=True)
class HeldLine:
    class_id: str
    project: str
    project_name: str
    institution: str
    institution_name: str
    reasons: tuple[str, ...]
    words: tuple[str, ...] = ()  # the reasons for a finance officer: which record, what, which clause

    @property
    def who(self) -> str:
        """项目 P2026-001 智能产线运维；培训主体 无锡示例职业培训学校 (as far as the records tell)."""
        project = f"项目 {self.project} {self.project_name}".strip() if self.project else ""
        institution = f"培训主体 {self.institution_name}" if self.institution_name else ""
        return "；".join(x for x in (project, institution) if x) or "项目和培训主体不明（班次记录无法读取）"


@dataclass(frozen=True)
class PayableList:
    as_of: str
    provenance: str
    generated_at: str
    issuer: str  # the bureau that issues the papers, from the policy
    blocks: tuple[InstitutionBlock, ...]
    held: tuple[HeldLine, ...]
    pending: Decimal  # for the record: not in the list
    not_met: Decimal

    @property
    def total(self) -> Decimal:
        return sum((b.subtotal for b in self.blocks), ZERO)

    @property
    def total_capital(self) -> str:
        return "人民币" + capital(self.total)

    @property
    def count(self) -> int:
        return sum(len(b.lines) for b in self.blocks)


def payable_list(report: SettlementReport) -> PayableList:
    from generator.settlement.provenance import provenance_line

    by_inst: dict[str, list[PayableLine]] = {}
    names: dict[str, str] = {}
    for c in report.classes:
        for phase in ("first", "remainder", "bonus"):
            ph = c.phases[phase]
            amount = ph.payable
            if ph.status != "due" or amount <= 0:
                continue
            by_inst.setdefault(c.institution, []).append(PayableLine(
                project=c.project, project_name=c.project_name,
                occupation=" ".join(x for x in (c.occupation, c.level) if x),
                class_id=c.class_id, phase=phase, counted=c.counted, unit_price=c.unit_price,
                share=ph.share, phase_amount=ph.amount, paid=ph.paid, amount=amount,
            ))
            names[c.institution] = c.institution_name
    blocks = tuple(
        InstitutionBlock(uscc, names[uscc], tuple(sorted(lines, key=lambda x: (x.project, x.class_id))))
        for uscc, lines in sorted(by_inst.items())
    )
    grouped: dict[str, list[HeldEntry]] = {}
    for h in report.held:
        grouped.setdefault(h.class_id, []).append(h)
    held = tuple(
        HeldLine(cid, items[0].project, items[0].project_name, items[0].institution,
                 items[0].institution_name, tuple(held_reason(h) for h in items),
                 tuple(dict.fromkeys(held_words(h) for h in items)))
        for cid, items in sorted(grouped.items())
    )
    meta, totals = report.meta, report.totals.money
    return PayableList(
        as_of=meta.as_of.isoformat(), provenance=provenance_line(report), generated_at=meta.generated_at.isoformat(),
        issuer=meta.issuer, blocks=blocks, held=held, pending=totals.pending, not_met=totals.not_met,
    )


def held_words(h: HeldEntry) -> str:
    """Why a class is held, without rule codes or file paths: the record in question by its kind
    and number, then the rule's own message, which says what was found, what is expected and the
    notice's clause (`培训班次 P2026-001-03：……（通知 四(四)）`)."""
    path = PurePosixPath(h.path or "")
    kind = next((k for k in KINDS if (k.folder and k.folder in path.parts[:-1]) or k.single_file == path.name), None)
    record = f"{kind.title} {path.stem}" if kind is not None else (path.name or "记录")
    return f"{record}：{h.message}"


def _md(text: object) -> str:
    return md_text(text)


def render_markdown(plist: PayableList, *, heading: str = "#") -> str:
    lines = [f"{heading} {TITLE}", "", plist.provenance + "。", ""]
    if not plist.blocks:
        lines += ["本次没有应拨付的款项。", ""]
    for n, block in enumerate(plist.blocks, start=1):
        lines += [
            f"{heading}# {n}. {_md(block.name)}（统一社会信用代码 {_md(block.uscc)}）",
            "",
            "| 项目 | 职业（工种）及等级 | 班次 | 拨付阶段 | 计算依据（补贴人数 × 成交单价 × 比例） "
            "| 阶段金额 | 已拨 | 本次拨付 |",
            "|---|---|---|---|---|---:|---:|---:|",
        ]
        for x in block.lines:
            lines.append(
                f"| {_md(x.project)} {_md(x.project_name)} | {_md(x.occupation)} | {_md(x.class_id)} "
                f"| {x.phase_label} | {x.basis} | {yuan(x.phase_amount)} | {yuan(x.paid)} | {yuan(x.amount)} |"
            )
        lines += [f"| 小计 | | | | | | | **{yuan(block.subtotal)}** |", ""]
    lines += [
        f"**合计（本次拨付）：{yuan(plist.total)}，{plist.count} 笔；大写：{plist.total_capital}**",
        "",
        f"不在本清单内：待定 {yuan(plist.pending)}（就业跟踪期未结束或班次未结业，条件满足后才应拨付），"
        f"不予拨付 {yuan(plist.not_met)}（就业率未达标）。",
        "",
    ]
    if plist.held:
        lines += [f"{heading}# 暂缓拨付的班次（记录有错误，修正并重新结算后再拨付）", ""]
        for h in plist.held:
            who = "，".join(x for x in (h.institution_name, f"{h.project} {h.project_name}".strip()) if x)
            lines.append(f"- {_md(h.class_id)}（{_md(who) or '培训主体不明'}）：{_md('；'.join(h.reasons))}")
        lines.append("")
    lines += [f"{heading}# 签字", "", "| | 签字 | 日期 |", "|---|---|---|"]
    lines += [f"| {who} | | 年 月 日 |" for who in SIGNERS]
    return "\n".join(lines) + "\n"
