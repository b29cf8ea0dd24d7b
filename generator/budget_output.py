"""`peixun budget`: the records as of a date, validated, then the budget per call and per year.

Record errors hold like `settle`'s (generator/holds.py): the budget is computed over the classes
no error holds, and lists each held class with its reasons and what it could still cost, so that
two classes missing evidence never hide the whole budget. An over-committed call
(BUDGET-EXPOSURE) is shown, not refused: it is exactly what the bureau needs to see.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from generator.holds import ALL
from generator.numbers import yuan
from generator.pipeline import run
from generator.records.loader import Progress
from generator.settlement.budget import Budget, HeldClass, Line, compute_budget
from generator.validate import Report

COLUMNS = (
    ("budget", "预算"), ("committed", "已承诺"), ("paid", "已拨付"), ("due_now", "应拨未拨"),
    ("pending", "待定"), ("remaining", "剩余"),
)


def budget(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
           progress: Progress | None = None) -> tuple[Budget, Report]:
    """The budget as of `as_of` (default: the records commit's date, like `settle`)."""
    done = run(records_dir, as_of, use_cache=use_cache, progress=progress)
    every = sorted(done.all_records.classes)
    holds = [(class_id, f"{h.rule}：{h.message}（{h.path}）")
             for h in done.held for class_id in (every if h.class_id == ALL else [h.class_id])]
    return compute_budget(done.all_records, done.settlement, holds), done.validation


def _held_lines(held: list[HeldClass]) -> list[str]:
    if not held:
        return []
    lines = ["暂缓的班次（记录有错误，未计入上面的已拨付、应拨未拨和待定；修正后再计入）："]
    for h in held:
        bound = "成交单价未定，无法估算" if h.could_cost is None else f"最多还可能支出 {yuan(h.could_cost)}"
        lines.append(f"  {h.class_id}（项目 {h.project}，{h.trainees} 人）：已拨付 {yuan(h.paid)}，{bound}")
        lines += [f"    原因：{reason}" for reason in h.reasons]
    total = sum((h.could_cost for h in held if h.could_cost is not None), Decimal("0.00"))
    lines += [f"  合计最多还可能支出 {yuan(total)}（按花名册人数全部计入补贴、各期全部拨付估算）", ""]
    return lines


def _row(line: Line) -> list[str]:
    return [yuan(getattr(line, key)) for key, _ in COLUMNS]


def render_text(result: Budget) -> str:
    lines = [f"资金预算（截至 {result.as_of.isoformat()}）", ""]
    for heading, items in (("征集计划", result.calls), ("年度", result.years)):
        lines.append(f"{heading}：")
        if not items:
            lines.append("  （无）")
        for line in items:
            lines.append(f"  {line.key} {line.title}")
            if line.opens_on is not None:
                closes = line.closes_on.isoformat() if line.closes_on else ""
                lines.append(f"    征集期\u3000：{line.opens_on.isoformat()} 至 {closes}")
            for (_key, label), value in zip(COLUMNS, _row(line), strict=True):
                lines.append(f"    {label.ljust(4, chr(0x3000))}：{value:>18}")
            if line.remaining < 0:
                lines.append(f"    注意：已承诺超出预算 {yuan(-line.remaining)}")
            if line.opens_on is not None and line.projects:  # a call lists its projects; a year would repeat them
                lines.append("    入选项目：")
                for e in line.projects:
                    lines.append(f"      {e.project} {e.name}（{e.institution_name}）：{e.formula()}")
                    lines.append(f"        已拨付 {yuan(e.paid)}，应拨未拨 {yuan(e.due_now)}，待定 {yuan(e.pending)}")
        lines.append("")
    lines += _held_lines(result.held)
    lines.append("已承诺 = 入选项目的最高支出之和（培训人数 × 成交单价 × (1 + 跟补比例)）；剩余 = 预算 − 已承诺。")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    for char in "\\`*_[]#|":
        text = text.replace(char, "\\" + char)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(result: Budget) -> str:
    header = "| 编号 | 名称 | " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "|---|---|" + "---:|" * len(COLUMNS)
    lines = [f"## 资金预算（截至 {result.as_of.isoformat()}）", ""]
    for heading, items in (("征集计划", result.calls), ("年度", result.years)):
        lines += [f"### {heading}", "", header, rule]
        lines += [f"| {_md(line.key)} | {_md(line.title)} | " + " | ".join(_row(line)) + " |" for line in items]
        lines.append("")
    if result.held:
        lines += ["### 暂缓的班次", "", "记录有错误，未计入上表的已拨付、应拨未拨和待定；修正后再计入。", "",
                  "| 班次 | 项目 | 人数 | 已拨付 | 最多还可能支出 | 原因 |", "|---|---|---:|---:|---:|---|"]
        for h in result.held:
            bound = "—" if h.could_cost is None else yuan(h.could_cost)
            lines.append(f"| {_md(h.class_id)} | {_md(h.project)} | {h.trainees} | {yuan(h.paid)} | {bound} | "
                         + "<br>".join(_md(r) for r in h.reasons) + " |")
        lines.append("")
    return "\n".join(lines)
