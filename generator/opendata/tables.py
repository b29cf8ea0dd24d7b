"""The published tables as typed rows, built from records and the settlement under disclosure control.

Every outcome figure passes through `generator.site.disclosure` (DESIGN.md section 6):
- a project's counts appear only once its whole cohort is finished: every class's employment windows
  are closed and the project can get no further class (completed, terminated, or its class quota
  used). Publishing a running aggregate would let anyone subtract two versions of the file and
  recover the newest class's count, which the per-class rule forbids;
- then each count passes `disclosure.cell` (k = the strictest `outcome_min_cell` of its classes);
- a class gets only `disclosure.band`s, and only once finished;
- payments are summed per project, by date and phase, never listed per class.
Nothing at trainee level, and no pseudonym, ever reaches a row.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.records.labels import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    INSTITUTION_TYPE_LABELS,
    LEVEL_LABELS,
    PHASE_LABELS,
    STATUS_LABELS,
)
from generator.records.project import Project
from generator.records.recordset import RecordSet
from generator.records.training import TrainingClass
from generator.settlement.arithmetic import PHASES, ClassSettlement, Settlement
from generator.site.disclosure import band, cell

PUBLISHED_STATUSES = ("selected", "terminated", "completed")
NEW_PROJECT = "新开发"
DEFAULT_MIN_CELL = 10
OUTCOME_NO_CLASS = "尚未开班"
OUTCOME_OPEN = "未结束"
OUTCOME_FINISHED = "已结束"

Row = dict[str, Any]


@dataclass(frozen=True)
class ProjectPayment:
    """What a project received on one day in one phase, summed across its classes."""

    project: str
    paid_on: dt.date
    phase: str
    amount: Decimal


def published_projects(rs: RecordSet, as_of: dt.date) -> list[Project]:
    """Projects the public may see: decided (selected, and later terminated or completed) by `as_of`."""
    return sorted(
        (
            r.model for r in rs.projects.values()
            if r.model.status in PUBLISHED_STATUSES and r.model.decided_on is not None
            and r.model.decided_on <= as_of
        ),
        key=lambda p: p.id,
    )


def project_classes(rs: RecordSet, project_id: str) -> list[TrainingClass]:
    return [r.model for r in rs.classes_by_project.get(project_id, [])]


def project_payments(rs: RecordSet, project_id: str, as_of: dt.date) -> list[ProjectPayment]:
    """Installments of all the project's classes paid by `as_of`, summed by date and phase."""
    sums: dict[tuple[dt.date, str], Decimal] = defaultdict(lambda: Decimal("0.00"))
    for cls in project_classes(rs, project_id):
        pay = rs.payments.get(cls.id)
        for inst in pay.model.installments if pay else []:
            if inst.paid_on <= as_of:
                sums[(inst.paid_on, inst.phase)] += inst.amount
    return [
        ProjectPayment(project_id, day, phase, amount)
        for (day, phase), amount in sorted(sums.items(), key=lambda kv: (kv[0][0], PHASES.index(kv[0][1])))
    ]


def min_cell(rs: RecordSet, classes: list[TrainingClass]) -> int:
    """The strictest `outcome_min_cell` among the policies the classes fall under."""
    cells = [p.outcome_min_cell for p in (rs.policy_on(c.start_on) for c in classes) if p is not None]
    return max(cells, default=DEFAULT_MIN_CELL)


def _cohort_closed(prj: Project, classes: list[TrainingClass], settled: Mapping[str, ClassSettlement]) -> bool:
    if not classes or not all(c.id in settled and settled[c.id].finished for c in classes):
        return False
    if prj.status in ("completed", "terminated"):
        return True
    return prj.quota is not None and len(classes) >= prj.quota.classes


def _outcomes(rs: RecordSet, prj: Project, settled: Mapping[str, ClassSettlement]) -> Row:
    classes = project_classes(rs, prj.id)
    row: Row = dict.fromkeys(("enrolled", "certified", "certified_rate", "employed", "employment_rate"))
    if not classes:
        return {**row, "outcome_status": OUTCOME_NO_CLASS}
    if not _cohort_closed(prj, classes, settled):
        return {**row, "outcome_status": OUTCOME_OPEN}
    k = min_cell(rs, classes)
    results = [settled[c.id] for c in classes]
    n = sum(s.enrolled for s in results)
    certified = cell(sum(s.certified for s in results), n, k)
    employed = cell(sum(s.employed for s in results), n, k)
    return {
        "outcome_status": OUTCOME_FINISHED,
        "enrolled": n,
        "certified": certified.count, "certified_rate": certified.rate,
        "employed": employed.count, "employment_rate": employed.rate,
    }


def _settled(settlement: Settlement) -> dict[str, ClassSettlement]:
    return {c.class_id: c for c in settlement.classes}


def _paid(rs: RecordSet, project_id: str, settled: Mapping[str, ClassSettlement]) -> Decimal:
    return sum(
        (settled[c.id].paid for c in project_classes(rs, project_id) if c.id in settled), Decimal("0.00")
    )


def project_rows(rs: RecordSet, settlement: Settlement) -> list[Row]:
    settled = _settled(settlement)
    rows = []
    for prj in published_projects(rs, settlement.as_of):
        app = rs.application_of(prj)
        inst = rs.institutions.get(app.institution) if app else None
        catalog = rs.catalog_on(app.submitted_on) if app else None
        in_catalog = bool(app and app.catalog.in_catalog and app.catalog.occupation_code)
        code = app.catalog.occupation_code if app and in_catalog else None
        occupation = next((o.name for o in catalog.occupations if o.code == code), None) if catalog else None
        level = app.catalog.level if app else None
        contract = prj.contract
        term = contract.term if contract else None
        rows.append({
            "id": prj.id,
            "name": app.project_name if app else None,
            "institution": app.institution if app else None,
            "institution_name": inst.model.name if inst else None,
            "district": app.district if app else None,
            "field": ("其他" if app.field == "other" else FIELD_LABELS[app.field]) if app else None,
            "industry_chain": app.industry_chain if app else None,
            "category": CATEGORY_LABELS[app.category] if app else None,
            "occupation_code": code if in_catalog else NEW_PROJECT,
            "occupation_name": occupation,
            "level": LEVEL_LABELS[level] if level else (None if in_catalog else NEW_PROJECT),
            "unit_price": prj.unit_price,
            "quota_trainees": prj.quota.trainees if prj.quota else None,
            "quota_classes": prj.quota.classes if prj.quota else None,
            "status": STATUS_LABELS[prj.status],
            "decided_on": prj.decided_on,
            "contract_number": contract.number if contract else None,
            "contract_from": term.from_ if term else None,
            "contract_to": term.to if term else None,
            "terminated_on": prj.terminated.on if prj.terminated else None,
            "classes": len(project_classes(rs, prj.id)),
            **_outcomes(rs, prj, settled),
            "paid": _paid(rs, prj.id, settled),
        })
    return rows


def institution_rows(rs: RecordSet, projects: list[Row]) -> list[Row]:
    by_inst: dict[str, list[Row]] = defaultdict(list)
    for p in projects:
        if p["institution"] in rs.institutions:
            by_inst[p["institution"]].append(p)
    rows = []
    for uscc in sorted(by_inst):
        inst = rs.institutions[uscc].model
        qual = inst.qualification
        rows.append({
            "uscc": uscc,
            "name": inst.name,
            "type": INSTITUTION_TYPE_LABELS[inst.type],
            "address": inst.address,
            "qualification": qual.kind if qual else None,
            "qualification_valid_until": qual.valid_until if qual else None,
            "projects": len(by_inst[uscc]),
            "paid": sum((p["paid"] for p in by_inst[uscc]), Decimal("0.00")),
        })
    return rows


def class_rows(rs: RecordSet, settlement: Settlement) -> list[Row]:
    settled = _settled(settlement)
    rows = []
    for prj in published_projects(rs, settlement.as_of):
        for cls in project_classes(rs, prj.id):
            result = settled.get(cls.id)
            finished = bool(result and result.finished)
            k = min_cell(rs, [cls])
            rows.append({
                "id": cls.id,
                "project": prj.id,
                "start_on": cls.start_on,
                "end_on": cls.end_on,
                "theory_periods": cls.periods.theory,
                "practical_periods": cls.periods.practical,
                "total_periods": cls.periods.theory + cls.periods.practical,
                "finished": finished,
                "certified_band": band(result.certified, result.enrolled, k) if result and finished else None,
                "employment_band": band(result.employed, result.enrolled, k) if result and finished else None,
            })
    return rows


def payment_rows(rs: RecordSet, settlement: Settlement) -> list[Row]:
    return [
        {"project": p.project, "paid_on": p.paid_on, "phase": PHASE_LABELS[p.phase], "amount": p.amount}
        for prj in published_projects(rs, settlement.as_of)
        for p in project_payments(rs, prj.id, settlement.as_of)
    ]


def all_rows(rs: RecordSet, settlement: Settlement) -> dict[str, list[Row]]:
    """Rows of every table in `dictionary.TABLES`, keyed by table name."""
    projects = project_rows(rs, settlement)
    return {
        "institutions": institution_rows(rs, projects),
        "projects": projects,
        "classes": class_rows(rs, settlement),
        "payments": payment_rows(rs, settlement),
    }
