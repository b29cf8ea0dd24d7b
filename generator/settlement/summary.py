"""summary.md: who is owed what and why, in Chinese, for the bureau and the CI job summary.

Amounts by state, never mixed: 本次应拨 (due and unpaid), 已拨, 待定 (not payable yet), 不予拨付,
and the classes held back (暂缓) with their reason. The payment list comes first, as the finance
office reads it.
"""

from __future__ import annotations

from generator.mdtext import md_text
from generator.numbers import yuan
from generator.settlement.payment_list import payable_list, render_markdown
from generator.settlement.provenance import provenance_line
from generator.settlement.report import NOT_COUNTED_LABELS
from generator.settlement.report_entries import ClassEntry, SettlementReport
from generator.settlement.wording import held_reason, phase_sentence


def _md(text: object) -> str:
    return md_text(text)


def explain_class(c: ClassEntry) -> list[str]:
    lines = [
        f"#### 班次 {_md(c.class_id)}",
        "",
        f"- 参训 {c.enrolled} 人，取证 {c.certified} 人，计入补贴 {c.counted} 人，稳定就业 "
        f"{c.employed} 人（就业率 {c.employment_rate_pct}）；成交单价 {yuan(c.unit_price)}。",
    ]
    # who holds a certificate and still does not count, by reason; who passed and waits for the
    # certificate is not 已取证 (nor in 取证 above) and is told apart: decided once it is issued
    reasons: dict[str, int] = {}
    for t in c.trainees:
        if t.not_counted and t.not_counted not in ("not_certified", "not_yet_certified"):
            reasons[t.not_counted] = reasons.get(t.not_counted, 0) + 1
    if reasons:
        listed = "，".join(f"{NOT_COUNTED_LABELS[k]} {n} 人" for k, n in sorted(reasons.items()))
        lines.append(f"- 已取证但未计入：{listed}。")
    waiting = sum(t.not_counted == "not_yet_certified" for t in c.trainees)
    if waiting:
        lines.append(f"- 尚未取证：{NOT_COUNTED_LABELS['not_yet_certified']} {waiting} 人"
                     "（取得证书后再核定是否计入补贴）。")
    lines += [f"- {phase_sentence(c, p)}" for p in ("first", "remainder", "bonus")]
    lines.append(
        f"- 本次应拨 **{yuan(c.payable)}**，已拨 {yuan(c.paid)}，待定 {yuan(c.pending)}（不计入应拨），"
        f"不予拨付 {yuan(c.not_met)}。"
    )
    lines.append("")
    return lines


def render_summary(report: SettlementReport) -> str:
    totals, held_classes = report.totals.money, report.totals.held_classes
    lines = [
        "# 补贴结算汇总",
        "",
        provenance_line(report) + "。",
        "",
        "| 状态 | 金额 | 含义 |",
        "|---|---:|---|",
        f"| 本次应拨 | **{yuan(totals.payable)}** | 已到拨付条件、尚未拨付（即拨付清单合计） |",
        f"| 已拨 | {yuan(totals.paid)} | 已登记拨付 |",
        f"| 待定 | {yuan(totals.pending)} | 班次未结业或就业跟踪期未结束，条件满足后才应拨付；不计入应拨 |",
        f"| 不予拨付 | {yuan(totals.not_met)} | 跟踪期结束，就业率未达标 |",
        f"| 暂缓 | {held_classes} 个班次 | 记录有错误，修正后再结算（见下） |",
        "",
        render_markdown(payable_list(report), heading="##").rstrip(),
        "",
        "## 按培训主体",
        "",
        "| 培训主体 | 统一社会信用代码 | 班次 | 暂缓班次 | 本次应拨 | 已拨 | 待定 | 不予拨付 |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for i in report.institutions:
        lines.append(
            f"| {_md(i.name)} | {_md(i.institution)} | {i.classes} | {i.held_classes} | "
            f"{yuan(i.money.payable)} | {yuan(i.money.paid)} | {yuan(i.money.pending)} | {yuan(i.money.not_met)} |"
        )
    lines.append(
        f"| 合计 | | {len(report.classes)} | {held_classes} | **{yuan(totals.payable)}** | "
        f"{yuan(totals.paid)} | {yuan(totals.pending)} | {yuan(totals.not_met)} |"
    )
    lines.append("")
    if report.held:
        lines += ["## 暂缓结算的班次", ""]
        for h in report.held:
            who = _md(h.institution_name or "培训主体不明")
            lines.append(f"- {_md(h.class_id)}（{who}）：{_md(held_reason(h))}")
        lines.append("")
    lines += ["## 班次明细", ""]
    classes_by_project: dict[str, list[ClassEntry]] = {}
    for c in report.classes:
        classes_by_project.setdefault(c.project, []).append(c)
    for p in report.projects:
        lines += [
            f"### {_md(p.project)} {_md(p.name)}",
            "",
            f"{_md(p.institution_name)}（{_md(p.institution)}）；"
            f"{_md(p.occupation)} {_md(p.level)}".rstrip() + "。",
            "",
        ]
        for c in classes_by_project.get(p.project, []):
            lines += explain_class(c)
    return "\n".join(lines).rstrip() + "\n"
