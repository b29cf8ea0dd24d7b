"""What the open data covers: the published projects, their classes, payments and disclosure threshold."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from generator.publish.views import PUBLISHED_STATUSES
from generator.records.project import Project
from generator.records.record_set import RecordSet
from generator.records.training import TrainingClass

DEFAULT_MIN_CELL = 10


@dataclass(frozen=True)
class ProjectPayment:
    """What a project received on one day, summed across its classes and phases."""

    project: str
    paid_on: dt.date
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


def project_payments(rs: RecordSet, project_id: str, as_of: dt.date, money: frozenset[str]) -> list[ProjectPayment]:
    """The project's payments by `as_of` as published: per payment day, summed across its classes
    and phases, once its money is public (`money`, from `disclosure.money_projects`), else none.
    Before its cohort is closed a first installment told a class's counted trainees and a remainder
    or bonus that it reached 30 % or 50 % (issue 24); phases are never told apart."""
    if project_id not in money:
        return []
    sums: dict[dt.date, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for cls in project_classes(rs, project_id):
        pay = rs.payments.get(cls.id)
        for inst in pay.model.installments if pay else []:
            if inst.paid_on <= as_of:
                sums[inst.paid_on] += inst.amount
    return [ProjectPayment(project_id, day, amount) for day, amount in sorted(sums.items())]


def min_cell(rs: RecordSet) -> int:
    """The strictest `outcome_min_cell` of any policy, as the site uses it: published figures mix
    cohorts of several policies, and a band or count must read the same on every page and file."""
    return max((p.model.outcome_min_cell for p in rs.policies), default=DEFAULT_MIN_CELL)
