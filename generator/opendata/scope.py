"""What the open data covers: the published projects, their classes, payments and disclosure threshold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from generator.publish.views import PUBLISHED_STATUSES
from generator.records.project import Project
from generator.records.recordset import RecordSet
from generator.records.training import TrainingClass
from generator.settlement.arithmetic import PHASES

DEFAULT_MIN_CELL = 10


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


def min_cell(rs: RecordSet) -> int:
    """The strictest `outcome_min_cell` of any policy, as the site uses it: published figures mix
    cohorts of several policies, and a band or count must read the same on every page and file."""
    return max((p.model.outcome_min_cell for p in rs.policies), default=DEFAULT_MIN_CELL)
