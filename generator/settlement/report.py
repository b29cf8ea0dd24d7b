"""The settlement as plain data: the JSON contract of docs/settlement.md plus the bureau's detail.

Every artifact (JSON, CSV, XLSX, Markdown) is rendered from this one structure, so they cannot
disagree. Amounts are strings with two decimals, never floats.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any, Literal

from generator.records.recordset import RecordSet
from generator.settlement.arithmetic import PHASES, ClassSettlement, Settlement, TraineeOutcome

AsOfSource = Literal["argument", "commit", "today"]

NOT_COUNTED_LABELS = {
    "not_certified": "未取得合格证书",
    "not_yet_certified": "证书尚未颁发",
    "certificate_kind": "证书不是申报承诺的技能评价类型",
    "attendance": "考勤率不足",
    "group": "人员类别不符合",
    "cap": "超过每人累计补贴次数上限",
    "repeat": "同一职业同一等级已享受过补贴",
}
EMPLOYMENT_LABELS = {
    "employed": "稳定就业",
    "not_certified": "未取证，不计就业",
    "window_open": "跟踪期未结束",
    "not_employed": "跟踪期内连续缴费不足",
}
STATUS_LABELS = {"due": "应拨付", "pending": "待定", "not_met": "未达标"}


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


def employment_verdict(t: TraineeOutcome) -> str:
    if t.employed:
        return "employed"
    if not t.certified:
        return "not_certified"
    return "not_employed" if t.window_closed else "window_open"


def class_entry(rs: RecordSet, c: ClassSettlement) -> dict[str, Any]:
    return {
        "class": c.class_id,
        "project": c.project,
        "institution": c.institution,
        "unit_price": _m(c.unit_price),
        "enrolled": c.enrolled,
        "certified": c.certified,
        "counted": c.counted,
        "employed": c.employed,
        "employment_rate": f"{c.rate:.4f}",
        "phases": {p: {"status": c.phases[p].status, "amount": _m(c.phases[p].amount)} for p in PHASES},
        "due": _m(c.due),
        "paid": _m(c.paid),
        "outstanding": _m(c.outstanding),
        "paid_by_phase": {p: _m(c.paid_by_phase[p]) for p in PHASES},
        "trainees": [
            {
                "person": t.person,
                "certified": t.certified,
                "counted": t.counted,
                "not_counted": t.not_counted,
                "employment": employment_verdict(t),
                "longest_pension_run": t.longest_run,
            }
            for t in c.trainees
        ],
    }


def build_report(rs: RecordSet, settlement: Settlement, source: AsOfSource, commit: str | None,
                 held: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """`settlement` holds only the classes being settled; `held` lists the classes held back by
    record errors, one `{"class", "rule", "path", "message"}` per class and error."""
    classes = [class_entry(rs, c) for c in sorted(settlement.classes, key=lambda c: c.class_id)]
    by_project: dict[str, list[ClassSettlement]] = defaultdict(list)
    for c in settlement.classes:
        by_project[c.project].append(c)
    projects = []
    for project_id in sorted(by_project):
        items = by_project[project_id]
        prj = rs.projects[project_id].model
        app = rs.application_of(prj)
        inst = rs.institutions.get(app.institution) if app else None
        projects.append({
            "project": project_id,
            "name": app.project_name if app else "",
            "institution": app.institution if app else "",
            "institution_name": inst.model.name if inst else "",
            "unit_price": _m(items[0].unit_price),
            "classes": len(items),
            "enrolled": sum(c.enrolled for c in items),
            "counted": sum(c.counted for c in items),
            "employed": sum(c.employed for c in items),
            "due": _m(sum((c.due for c in items), Decimal("0.00"))),
            "paid": _m(sum((c.paid for c in items), Decimal("0.00"))),
            "outstanding": _m(sum((c.outstanding for c in items), Decimal("0.00"))),
        })
    totals = {
        key: _m(sum((getattr(c, key) for c in settlement.classes), Decimal("0.00")))
        for key in ("due", "paid", "outstanding")
    }
    return {
        "as_of": settlement.as_of.isoformat(),
        "as_of_source": source,
        "records_commit": commit,
        "classes": classes,
        "projects": projects,
        "totals": totals,
        "held": list(held or []),
    }


def parse_as_of(report: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(report["as_of"])
