"""Rows and headers shared by the CSV and XLSX artifacts (one definition, two renderings).

Money columns are states, never phases: 本次应拨, 已拨, 待定 (not payable) and 不予拨付 each sum
only what is in that state, so a column total is what it says. Held classes (暂缓) are rows with
their reason and no amount. Rows go by institution, each followed by its 小计, and end in 合计.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from generator.settlement.report import PHASE_NAMES, STATE_LABELS
from generator.settlement.report_entries import ClassEntry, HeldEntry, MoneyTotals, SettlementReport
from generator.settlement.wording import class_note, held_reason

CLASS_COLUMNS: list[tuple[str, str]] = [
    ("class", "班次"),
    ("project", "项目编号"),
    ("project_name", "项目名称"),
    ("institution_name", "培训主体"),
    ("institution", "统一社会信用代码"),
    ("occupation", "职业（工种）"),
    ("level", "等级"),
    ("unit_price", "成交单价（元）"),
    ("enrolled", "参训人数"),
    ("certified", "取证人数"),
    ("counted", "补贴人数"),
    ("employed", "稳定就业人数"),
    ("employment_rate", "就业率"),
    ("first_state", f"{PHASE_NAMES['first']}"),
    ("remainder_state", f"{PHASE_NAMES['remainder']}"),
    ("bonus_state", f"{PHASE_NAMES['bonus']}"),
    ("payable", "本次应拨（元）"),
    ("paid", "已拨（元）"),
    ("pending", "待定（元，不计入应拨）"),
    ("not_met", "不予拨付（元）"),
    ("note", "说明"),
]
PROJECT_COLUMNS: list[tuple[str, str]] = [
    ("project", "项目编号"),
    ("name", "项目名称"),
    ("institution_name", "培训主体"),
    ("institution", "统一社会信用代码"),
    ("occupation", "职业（工种）"),
    ("level", "等级"),
    ("unit_price", "成交单价（元）"),
    ("classes", "班次数"),
    ("enrolled", "参训人数"),
    ("counted", "补贴人数"),
    ("employed", "稳定就业人数"),
    ("payable", "本次应拨（元）"),
    ("paid", "已拨（元）"),
    ("pending", "待定（元，不计入应拨）"),
    ("not_met", "不予拨付（元）"),
]
INSTITUTION_COLUMNS: list[tuple[str, str]] = [
    ("name", "培训主体"),
    ("institution", "统一社会信用代码"),
    ("classes", "结算班次数"),
    ("held_classes", "暂缓班次数"),
    ("payable", "本次应拨（元）"),
    ("paid", "已拨（元）"),
    ("pending", "待定（元，不计入应拨）"),
    ("not_met", "不予拨付（元）"),
]
HELD_COLUMNS: list[tuple[str, str]] = [
    ("class", "班次"),
    ("project", "项目编号"),
    ("project_name", "项目名称"),
    ("institution_name", "培训主体"),
    ("institution", "统一社会信用代码"),
    ("rule", "规则"),
    ("path", "文件"),
    ("message", "暂缓原因"),
]
MONEY_KEYS = {"unit_price", "payable", "paid", "pending", "not_met"}
SUM_KEYS = ("payable", "paid", "pending", "not_met")
RATE_KEY = "employment_rate"
PHASES = ("first", "remainder", "bonus")
ZERO = Decimal("0.00")


def _class_row(c: ClassEntry) -> dict[str, Any]:
    row: dict[str, Any] = {
        "class": c.class_id, "project": c.project, "project_name": c.project_name,
        "institution_name": c.institution_name, "institution": c.institution, "occupation": c.occupation,
        "level": c.level, "unit_price": c.unit_price, "enrolled": c.enrolled, "certified": c.certified,
        "counted": c.counted, "employed": c.employed, "employment_rate": c.employment_rate_pct,
        "payable": c.payable, "paid": c.paid, "pending": c.pending, "not_met": c.not_met,
    }
    for phase in PHASES:
        row[f"{phase}_state"] = STATE_LABELS[c.phases[phase].state]
    row["note"] = class_note(c)
    return row


def _held_row(held: list[HeldEntry]) -> dict[str, Any]:
    h = held[0]
    row: dict[str, Any] = {key: None for key, _ in CLASS_COLUMNS}
    row.update({"class": h.class_id or None, "project": h.project or None, "project_name": h.project_name or None,
                "institution_name": h.institution_name or None, "institution": h.institution or None})
    for phase in PHASES:
        row[f"{phase}_state"] = STATE_LABELS["held"]
    row["note"] = "暂缓结算：" + "；".join(held_reason(x) for x in held)
    return row


def _total(label: str, rows: list[dict[str, Any]], **names: Any) -> dict[str, Any]:
    row: dict[str, Any] = {key: None for key, _ in CLASS_COLUMNS}
    row["class"] = label
    row.update(names)
    for key in SUM_KEYS:
        row[key] = sum((r[key] for r in rows if r[key] is not None), ZERO)
    return row


def class_rows(report: SettlementReport) -> list[dict[str, Any]]:
    """Each institution's classes (settled and held), its 小计, and 合计 over all of them."""
    settled: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in report.classes:
        settled[c.institution].append(_class_row(c))
    held: dict[str, dict[str, list[HeldEntry]]] = defaultdict(lambda: defaultdict(list))
    for h in report.held:
        held[h.institution][h.class_id].append(h)
    names = {i.institution: i.name for i in report.institutions}
    out: list[dict[str, Any]] = []
    every: list[dict[str, Any]] = []
    for uscc in sorted(set(settled) | set(held), key=lambda u: (u == "", u)):
        rows = settled.get(uscc, []) + [_held_row(items) for _, items in sorted(held.get(uscc, {}).items())]
        rows.sort(key=lambda r: r["class"])
        out += rows
        every += rows
        out.append(_total("小计", rows, institution=uscc or None, institution_name=names.get(uscc) or None))
    out.append(_total("合计", every))
    return out


def _money_row(money: MoneyTotals) -> dict[str, Any]:
    return {key: getattr(money, key) for key in SUM_KEYS}


def project_rows(report: SettlementReport) -> list[dict[str, Any]]:
    rows = [{"project": p.project, "name": p.name, "institution_name": p.institution_name,
             "institution": p.institution, "occupation": p.occupation, "level": p.level, "unit_price": p.unit_price,
             "classes": p.classes, "enrolled": p.enrolled, "counted": p.counted, "employed": p.employed,
             **_money_row(p.money)} for p in report.projects]
    rows.append(_project_total(rows))
    return rows


def _project_total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    total: dict[str, Any] = {key: None for key, _ in PROJECT_COLUMNS}
    total["project"] = "合计"
    for key in ("classes", "enrolled", "counted", "employed"):
        total[key] = sum(r[key] for r in rows)
    for key in SUM_KEYS:
        total[key] = sum((r[key] for r in rows), ZERO)
    return total


def institution_rows(report: SettlementReport) -> list[dict[str, Any]]:
    rows = [{"name": i.name, "institution": i.institution, "classes": i.classes, "held_classes": i.held_classes,
             **_money_row(i.money)} for i in report.institutions]
    total: dict[str, Any] = {key: None for key, _ in INSTITUTION_COLUMNS}
    total["name"] = "合计"
    for key in ("classes", "held_classes"):
        total[key] = sum(r[key] for r in rows)
    for key in SUM_KEYS:
        total[key] = sum((r[key] for r in rows), ZERO)
    rows.append(total)
    return rows


def held_rows(report: SettlementReport) -> list[dict[str, Any]]:
    return [{"class": h.class_id or None, "project": h.project or None, "project_name": h.project_name or None,
             "institution_name": h.institution_name or None, "institution": h.institution or None,
             "rule": h.rule or None, "path": h.path or None, "message": h.message or None} for h in report.held]


def table_values(columns: list[tuple[str, str]], row: dict[str, Any]) -> list[Any]:
    return [row[key] for key, _ in columns]
