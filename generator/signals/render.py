"""The signals report for people: text for the terminal, a ranked XLSX for the bureau.

Both begin with the bureau-only notice. Every XLSX cell goes through the project's one cell writer
(`generator.sheetcells`): a reason or a name that starts with `=` is text, never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from generator.settlement.provenance import CST, pin_zip
from generator.sheetcells import xlsx_append
from generator.signals.registry import GROUP_LABELS, GROUPS
from generator.signals.report import BUREAU_ONLY, SignalsReport

DIRECTION_LABELS = {"high": "偏高", "low": "偏低"}


def _num(value: Decimal | None) -> str:
    return "—" if value is None else format(value, "f")


def render_text(report: SignalsReport) -> str:
    lines = [BUREAU_ONLY, "",
             f"监督信号（按 {report.as_of.isoformat()} 计算）：{report.total_signals} 个信号，"
             f"涉及 {len(report.ranked)} 个对象"]
    for group in GROUPS:
        subjects = report.groups[group]
        if not subjects:
            continue
        lines += ["", f"{GROUP_LABELS[group]}（{len(subjects)} 个）"]
        for s in subjects:
            name = f" {s.label}" if s.label and s.label != s.subject else ""
            lines.append(f"  {s.subject}{name}：{s.signals} 个信号，涉及金额 {s.money:.2f} 元")
            for code, r in sorted(s.results.items()):
                lines.append(f"    {code} 值 {_num(r.value)}（阈值 {_num(r.threshold)}）：{r.reason}")
    lines += ["", "各指标的分布（四分位数与 Tukey 栅栏）"]
    for code, m in sorted(report.meta.items()):
        sp = m.spread
        dist = (f"{sp.count} 个对象，Q1 {_num(sp.q1)}，中位数 {_num(sp.median)}，Q3 {_num(sp.q3)}，"
                f"栅栏 {_num(sp.lower_fence)} ~ {_num(sp.upper_fence)}") if sp else "无可计算的对象"
        lines.append(f"  {code}（{GROUP_LABELS[m.group]}，{DIRECTION_LABELS[m.direction]}为异常）：{dist}；"
                     f"阈值 {_num(m.threshold)}，{m.flagged} 个超过")
    if report.disabled:
        lines.append(f"  已停用：{'、'.join(report.disabled)}")
    return "\n".join(lines) + "\n"


RANKED_HEADER = ["名次", "类别", "对象", "名称", "信号数", "涉及金额（元）", "指标", "原因"]
META_HEADER = ["指标", "说明", "通知条款", "对象类别", "方向", "对象数", "Q1", "中位数", "Q3", "IQR",
               "下栅栏", "上栅栏", "阈值", "阈值来源", "超过阈值"]


def render_xlsx(report: SignalsReport) -> bytes:
    """The ranked workbook: 排名 (most signals, then most money, first), 指标分布 (meta), 说明."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "排名"
    xlsx_append(ws, [BUREAU_ONLY])
    ws["A1"].font = Font(bold=True, color="C00000")
    xlsx_append(ws, RANKED_HEADER)
    for rank, s in enumerate(report.ranked, start=1):
        codes = "、".join(sorted(s.results))
        reasons = "\n".join(f"{code}：{r.reason}" for code, r in sorted(s.results.items()))
        cells = xlsx_append(ws, [rank, GROUP_LABELS[s.group], s.subject, s.label or None, s.signals,
                                 s.money.quantize(Decimal("0.01")), codes, reasons])
        cells[5].number_format = "#,##0.00"
        cells[7].alignment = Alignment(wrap_text=True, vertical="top")
    for col, width in zip("ABCDEFGH", (6, 10, 26, 24, 8, 14, 28, 90), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    meta = wb.create_sheet("指标分布")
    xlsx_append(meta, META_HEADER)
    for code, m in sorted(report.meta.items()):
        sp = m.spread
        stats: list[Decimal | int | None] = (
            [sp.count, sp.q1, sp.median, sp.q3, sp.iqr, sp.lower_fence, sp.upper_fence] if sp
            else [0, None, None, None, None, None, None])
        xlsx_append(meta, [code, m.title, m.clause, GROUP_LABELS[m.group], DIRECTION_LABELS[m.direction], *stats,
                           m.threshold, "四分位栅栏" if m.threshold_from == "fence" else "设置文件", m.flagged])
    notes = wb.create_sheet("说明")
    for line in (BUREAU_ONLY, f"计算日期：{report.as_of.isoformat()}", f"记录版本：{report.commit or '—'}",
                 "排名：信号数多者在前；信号数相同时，涉及金额大者在前。",
                 "涉及金额：班次为按当前人数计的补贴（已拨付更多时取已拨付）；培训机构为其各班次之和；"
                 "用人单位为其招用人员所在班次的成交单价之和；参训人员为其计入补贴的各次培训的成交单价之和。",
                 *(f"已停用的指标：{code}" for code in report.disabled)):
        xlsx_append(notes, [line])
    wb.properties.creator = "peixun"
    wb.properties.title = f"监督信号 {report.as_of.isoformat()}（仅供市人社局）"
    buf = io.BytesIO()
    wb.save(buf)
    # the same records and date give the same bytes: fixed times, midnight of the as-of day
    return pin_zip(buf.getvalue(), dt.datetime.combine(report.as_of, dt.time(0), CST).isoformat())
