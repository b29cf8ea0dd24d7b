"""`peixun budget`: the records as of a date, validated, then the budget per call and per year.

Errors of BUDGET-EXPOSURE do not block it: an over-committed call is exactly what the bureau needs
to see. Any other error does (the settlement's figures would not be trustworthy).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from generator.budget import Budget, Line, compute_budget
from generator.findings import Severity
from generator.numbers import yuan
from generator.pipeline import run
from generator.records.loader import Progress
from generator.validate import Report, require_clean

NOT_BLOCKING = frozenset({"BUDGET-EXPOSURE"})
COLUMNS = (
    ("budget", "预算"), ("committed", "已承诺"), ("paid", "已拨付"), ("due_now", "应拨未拨"),
    ("pending", "待定"), ("remaining", "剩余"),
)


def budget(records_dir: Path, as_of: dt.date | None = None, *, use_cache: bool = True,
           progress: Progress | None = None) -> tuple[Budget, Report]:
    """The budget as of `as_of` (default: the records commit's date, like `settle`)."""
    done = run(records_dir, as_of, use_cache=use_cache, progress=progress)
    blocking = [f for f in done.validation.findings if f.severity is Severity.ERROR and f.rule not in NOT_BLOCKING]
    require_clean(replace(done.validation, findings=blocking), "计算资金预算")
    return compute_budget(done.all_records, done.full_settlement), done.validation


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
    return "\n".join(lines)
