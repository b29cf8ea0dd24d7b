"""The public view of the records: what each page may show, computed once for all pages.

Only published projects appear (selected, completed or terminated: the bureau's decisions that
bind public money). Per class, only dates, hours and 10-point rate bands of finished cohorts leave
this module; trainee rows never do, which is what keeps pseudonyms off the site by construction
(the PII guard then checks the output anyway).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from generator.publish.data import SiteData
from generator.publish.disclosure import band, money_cohorts, money_projects
from generator.records.institution import Application, Institution
from generator.records.labels import LEVEL_LABELS
from generator.records.project import Project
from generator.records.training import TrainingClass
from generator.settlement.arithmetic import ClassSettlement

PUBLISHED_STATUSES = ("selected", "completed", "terminated")

Stage = Literal["planned", "running", "tracking", "finished", "no_roster"]
STAGE_LABELS: dict[str, str] = {
    "planned": "未开班",
    "running": "培训中",
    "tracking": "就业跟踪中",
    "finished": "已完成跟踪",
    "no_roster": "未登记参训人员",
}


@dataclass(frozen=True)
class ClassView:
    model: TrainingClass
    stage: Stage
    enrolled: int  # never shown per class; used for aggregates and to decide the bands
    certified: int
    employed: int
    certified_band: str | None  # shown only when stage == "finished" and disclosure allows it
    employed_band: str | None

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.stage]


@dataclass(frozen=True)
class ProjectView:
    project: Project
    application: Application
    institution: Institution | None
    classes: tuple[ClassView, ...]
    # every installment paid on or before the as-of date, over all its classes; None while its money
    # is withheld (`disclosure.money_public`: the cohort not closed, or fewer than k trainees)
    paid: Decimal | None

    @property
    def id(self) -> str:
        return self.project.id

    @property
    def name(self) -> str:
        return self.application.project_name

    @property
    def institution_id(self) -> str:
        return self.application.institution

    @property
    def institution_name(self) -> str:
        return self.institution.name if self.institution else self.application.institution

    @property
    def catalog_text(self) -> str:
        """工种编码 and level for catalog projects, 新开发 for the others (notice 一(一))."""
        cat = self.application.catalog
        if not cat.in_catalog:
            return "新开发"
        level = LEVEL_LABELS.get(cat.level or "", "")
        return f"{cat.occupation_code} {level}".strip()

    @property
    def year(self) -> int:
        day = self.project.decided_on or self.application.submitted_on
        return day.year

    @property
    def decided_on(self) -> dt.date | None:
        return self.project.decided_on


@dataclass(frozen=True)
class Views:
    projects: tuple[ProjectView, ...]  # published projects, newest decision first
    institutions: dict[str, Institution]  # those with a published project, by USCC
    projects_by_institution: dict[str, tuple[ProjectView, ...]]

    @property
    def classes(self) -> list[tuple[ProjectView, ClassView]]:
        return [(p, c) for p in self.projects for c in p.classes]


def _stage(cls: TrainingClass, settled: ClassSettlement | None, as_of: dt.date) -> Stage:
    if as_of < cls.start_on:
        return "planned"
    if as_of < cls.end_on:
        return "running"
    if not cls.trainees:
        return "no_roster"  # an ended class without a roster has no outcome to publish
    return "finished" if settled is not None and settled.finished else "tracking"


def _class_view(cls: TrainingClass, settled: ClassSettlement | None, as_of: dt.date, k: int) -> ClassView:
    stage = _stage(cls, settled, as_of)
    enrolled = settled.enrolled if settled else len(cls.trainees)
    certified = settled.certified if settled else 0
    employed = settled.employed if settled else 0
    finished = stage == "finished"
    return ClassView(
        model=cls, stage=stage, enrolled=enrolled, certified=certified, employed=employed,
        certified_band=band(certified, enrolled, k) if finished else None,
        employed_band=band(employed, enrolled, k) if finished else None,
    )


def build_views(data: SiteData) -> Views:
    rs = data.records
    settled = {c.class_id: c for c in data.settlement.classes}
    k = data.min_cell
    money = money_projects(money_cohorts(rs, data.settlement), k)
    projects: list[ProjectView] = []
    for rec in rs.projects.values():
        prj = rec.model
        app = rs.application_of(prj)
        if prj.status not in PUBLISHED_STATUSES or app is None:
            continue
        inst = rs.institutions.get(app.institution)
        classes = tuple(
            _class_view(c.model, settled.get(c.model.id), data.as_of, k) for c in rs.classes_by_project.get(prj.id, [])
        )
        paid = sum((settled[c.model.id].paid for c in classes if c.model.id in settled), Decimal("0.00")) \
            if prj.id in money else None
        projects.append(ProjectView(prj, app, inst.model if inst else None, classes, paid))
    projects.sort(key=lambda p: (p.decided_on or dt.date.min, p.id), reverse=True)
    by_inst: dict[str, list[ProjectView]] = defaultdict(list)
    for p in projects:
        by_inst[p.institution_id].append(p)
    institutions = {uscc: rs.institutions[uscc].model for uscc in sorted(by_inst) if uscc in rs.institutions}
    return Views(
        projects=tuple(projects),
        institutions=institutions,
        projects_by_institution={k_: tuple(v) for k_, v in by_inst.items()},
    )
