"""The published tables as typed rows, built from records and the settlement under disclosure control.

Every outcome figure passes through `generator.publish.disclosure` (docs/privacy.md): project
counts through `project_outcomes.project_outcomes` (closed cohorts, cells, linked tables), class rates only
as `disclosure.band`s once the class is finished, payments summed per project by date and phase,
never listed per class. Nothing at trainee level, and no pseudonym, ever reaches a row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from generator.opendata.project_outcomes import Measure, ProjectOutcome, project_outcomes
from generator.opendata.scope import min_cell, project_classes, project_payments, published_projects
from generator.publish.disclosure import Linked, band, money_cohorts, money_projects
from generator.records.labels import (
    CATEGORY_LABELS,
    FIELD_LABELS,
    INSTITUTION_TYPE_LABELS,
    LEVEL_LABELS,
    STATUS_LABELS,
)
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import ClassSettlement, Settlement

NEW_PROJECT = "新开发"

Row = dict[str, Any]


def _outcome_columns(o: ProjectOutcome) -> Row:
    certified, employed = o.cells.get("certified"), o.cells.get("employed")
    return {
        "outcome_status": o.status,
        "enrolled": o.enrolled,
        "certified": certified.count if certified else None,
        "certified_rate": certified.rate if certified else None,
        "employed": employed.count if employed else None,
        "employment_rate": employed.rate if employed else None,
    }


def _settled(settlement: Settlement) -> dict[str, ClassSettlement]:
    return {c.class_id: c for c in settlement.classes}


def _paid(rs: RecordSet, project_id: str, settled: Mapping[str, ClassSettlement],
          money: frozenset[str]) -> Decimal | None:
    """The project's paid total when its money is public (`disclosure.money_public`), else None."""
    if project_id not in money:
        return None
    return sum(
        (settled[c.id].paid for c in project_classes(rs, project_id) if c.id in settled), Decimal("0.00")
    )


def project_rows(rs: RecordSet, settlement: Settlement,
                 published: Mapping[Measure, Sequence[Linked]] | None = None) -> list[Row]:
    settled = _settled(settlement)
    money = money_projects(money_cohorts(rs, settlement), min_cell(rs))
    projects = published_projects(rs, settlement.as_of)
    outcomes = project_outcomes(rs, projects, settled, published)
    rows = []
    for prj in projects:
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
            **_outcome_columns(outcomes[prj.id]),
            "paid": _paid(rs, prj.id, settled, money),
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
            # the projects whose money is public only: a total with a withheld one would give it away
            "paid": sum((p["paid"] for p in by_inst[uscc] if p["paid"] is not None), Decimal("0.00")),
        })
    return rows


def class_rows(rs: RecordSet, settlement: Settlement) -> list[Row]:
    settled = _settled(settlement)
    k = min_cell(rs)
    rows = []
    for prj in published_projects(rs, settlement.as_of):
        for cls in project_classes(rs, prj.id):
            result = settled.get(cls.id)
            finished = bool(result and result.finished)
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
    money = money_projects(money_cohorts(rs, settlement), min_cell(rs))
    return [
        {"project": p.project, "paid_on": p.paid_on, "amount": p.amount}
        for prj in published_projects(rs, settlement.as_of)
        for p in project_payments(rs, prj.id, settlement.as_of, money)
    ]


def all_rows(rs: RecordSet, settlement: Settlement,
             published: Mapping[Measure, Sequence[Linked]] | None = None) -> dict[str, list[Row]]:
    """Rows of every table in `dictionary.TABLES`, keyed by table name; `published` as in
    `project_outcomes.project_outcomes`."""
    projects = project_rows(rs, settlement, published)
    return {
        "institutions": institution_rows(rs, projects),
        "projects": projects,
        "classes": class_rows(rs, settlement),
        "payments": payment_rows(rs, settlement),
    }
