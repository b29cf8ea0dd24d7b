"""首页: what the programme is, its key figures and the latest decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from generator.publish.data import SiteData
from generator.publish.outcomes import outcome_tables
from generator.publish.views import ProjectView, Views
from generator.site import urls
from generator.site.templates import render

LATEST = 8  # decisions on the home page; the full list is 项目公示


@dataclass(frozen=True)
class Decision:
    on: dt.date
    kind: str
    project: ProjectView


def decisions(views: Views) -> list[Decision]:
    found = []
    for p in views.projects:
        if p.decided_on is not None:
            found.append(Decision(p.decided_on, "确定入选", p))
        if p.project.terminated is not None:
            found.append(Decision(p.project.terminated.on, "终止培训", p))
    return sorted(found, key=lambda d: (d.on, d.project.id), reverse=True)[:LATEST]


def build(data: SiteData, views: Views) -> dict[str, str]:
    started = [(p, c) for p, c in views.classes if c.stage != "planned"]
    # the same protected total as the 培训成效 tables, so that no page shows more than another
    certified = outcome_tables(views, data.min_cell)[0].total.certified
    if certified.n == 0:
        note = "尚无完成就业跟踪的班次"
    elif certified.suppressed:
        note = f"人数少于 {data.min_cell} 或比例接近 0%、100%，不公开"
    else:
        note = f"占已完成跟踪班次参训人数的 {certified.rate_text}"
    text = render(
        "home.md.j2", here=urls.HOME, data=data,
        projects_count=len(views.projects),
        classes_count=len(started),
        enrolled=sum(c.enrolled for _, c in started),
        certified=certified, certified_note=note,
        paid=sum((p.paid for p in views.projects), Decimal("0.00")),
        decisions=decisions(views),
    )
    return {urls.HOME: text}
