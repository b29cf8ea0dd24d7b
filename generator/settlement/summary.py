"""summary.md: who is owed what and why, in Chinese, for the bureau and the CI job summary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generator.numbers import percent, yuan
from generator.records.reference import SubsidyRules
from generator.settlement.report import NOT_COUNTED_LABELS, STATUS_LABELS


def _pct(value: Decimal) -> str:
    return f"{value * 100:.1f}%"






def explain_class(c: dict[str, Any], rules: SubsidyRules | None) -> list[str]:
    rate = Decimal(c["employment_rate"])
    lines = [
        f"#### 班次 {c['class']}",
        "",
        f"- 参训 {c['enrolled']} 人，取证 {c['certified']} 人，计入补贴 {c['counted']} 人；"
        f"成交单价 {yuan(c['unit_price'])}。",
    ]
    reasons: dict[str, int] = {}
    for t in c["trainees"]:
        if t["not_counted"] and t["not_counted"] != "not_certified":
            reasons[t["not_counted"]] = reasons.get(t["not_counted"], 0) + 1
    if reasons:
        listed = "，".join(f"{NOT_COUNTED_LABELS[k]} {n} 人" for k, n in sorted(reasons.items()))
        lines.append(f"- 已取证但未计入：{listed}。")
    phases = c["phases"]
    lines.append(f"- 首期（{STATUS_LABELS[phases['first']['status']]}）：{yuan(phases['first']['amount'])}。")
    if rules is not None:
        remainder_rule = percent(rules.remainder_threshold)
        bonus_rule = percent(rules.bonus_threshold)
        compare_r = "≥" if phases["remainder"]["status"] == "due" else "<"
        compare_b = "≥" if phases["bonus"]["status"] == "due" else "<"
        lines.append(
            f"- 稳定就业 {c['employed']} 人，就业率 {_pct(rate)} {compare_r} {remainder_rule}："
            f"剩余补贴{STATUS_LABELS[phases['remainder']['status']]} {yuan(phases['remainder']['amount'])}。"
        )
        lines.append(
            f"- 就业率 {_pct(rate)} {compare_b} {bonus_rule}：给予成交单价 {percent(rules.bonus_share)} 跟补，"
            f"{STATUS_LABELS[phases['bonus']['status']]} {yuan(phases['bonus']['amount'])}。"
        )
    lines.append(f"- 应拨 {yuan(c['due'])}，已拨 {yuan(c['paid'])}，待拨 **{yuan(c['outstanding'])}**。")
    lines.append("")
    return lines


def render_summary(report: dict[str, Any], rules_by_class: dict[str, SubsidyRules | None]) -> str:
    commit = report["records_commit"]
    source = {"argument": "命令行指定", "commit": "记录提交日期", "today": "当天"}[report["as_of_source"]]
    totals = report["totals"]
    lines = [
        "# 补贴结算汇总",
        "",
        f"结算基准日：{report['as_of']}（{source}）；记录版本：{commit[:12] if commit else '（非 Git 仓库）'}。",
        "",
        f"合计应拨 **{yuan(totals['due'])}**，已拨 {yuan(totals['paid'])}，待拨 **{yuan(totals['outstanding'])}**。",
        "",
        "| 项目 | 项目名称 | 培训主体 | 班次 | 应拨 | 已拨 | 待拨 |",
        "|---|---|---|---:|---:|---:|---:|",
    ]
    for p in report["projects"]:
        lines.append(
            f"| {p['project']} | {p['name']} | {p['institution_name']} | {p['classes']} | "
            f"{yuan(p['due'])} | {yuan(p['paid'])} | {yuan(p['outstanding'])} |"
        )
    lines.append("")
    classes_by_project: dict[str, list[dict[str, Any]]] = {}
    for c in report["classes"]:
        classes_by_project.setdefault(c["project"], []).append(c)
    for p in report["projects"]:
        lines += [f"### {p['project']} {p['name']}", ""]
        for c in classes_by_project.get(p["project"], []):
            lines += explain_class(c, rules_by_class.get(c["class"]))
    return "\n".join(lines).rstrip() + "\n"
