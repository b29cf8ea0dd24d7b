"""首页: what the programme is, its key figures and the latest decisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from generator.publish.data import SiteData
from generator.publish.views import ProjectView, Views
from generator.records.call import Call
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


@dataclass(frozen=True)
class CallView:
    call: Call
    state: str  # open, upcoming, closed
    selected: tuple[ProjectView, ...]  # for closed calls: the projects selected under it


def call_views(data: SiteData, views: Views) -> list[CallView]:
    """Open calls first (closing soonest first), then upcoming, then closed ones (latest first)."""
    by_call: dict[str, list[ProjectView]] = {}
    for p in views.projects:
        if p.application.call and p.project.status in ("selected", "completed", "terminated"):
            by_call.setdefault(p.application.call, []).append(p)
    found = []
    for rec in data.records.calls.values():
        call = rec.model
        state = "upcoming" if data.as_of < call.opens_on else "closed" if data.as_of > call.closes_on else "open"
        selected = tuple(sorted(by_call.get(call.id, []), key=_by_rank))
        found.append(CallView(call, state, selected))

    def order(v: CallView) -> tuple[int, int, str]:
        if v.state == "open":
            return 0, v.call.closes_on.toordinal(), v.call.id
        if v.state == "upcoming":
            return 1, v.call.opens_on.toordinal(), v.call.id
        return 2, -v.call.closes_on.toordinal(), v.call.id

    return sorted(found, key=order)


def _by_rank(p: ProjectView) -> tuple[int, str]:
    review = p.project.review
    return (review.rank if review is not None and review.rank is not None else 1 << 30), p.id


def build(data: SiteData, views: Views) -> dict[str, str]:
    started = [(p, c) for p, c in views.classes if c.stage != "planned"]
    # certificates are known when a class ends; only the employment window stays open after that.
    # Project payments (80 % x certified x unit price) already tell each project's count, so the
    # city-wide sum reveals nothing more; it is still withheld while it is below the minimum cell.
    ended = [c for _, c in started if c.stage in ("tracking", "finished")]
    certified_count = sum(c.certified for c in ended)
    if not ended:
        certified, note = "—", "尚无结业的班次"
    elif len(ended) < 2:  # a figure of one class would tell that class's count (it shows only bands)
        certified, note = "不公开", "只有一个班次结业，不公开"
    elif certified_count < data.min_cell:
        certified, note = "不公开", f"人数少于 {data.min_cell}，不公开"
    else:
        certified, note = f"{certified_count:,}", f"{len(ended)} 个已结业班次；稳定就业情况在就业跟踪期结束后公布"
    text = render(
        "home.md.j2", here=urls.HOME, data=data, site_title=data.site_title,
        issuer=data.issuer or "人力资源和社会保障局",
        projects_count=len(views.projects),
        classes_count=len(started),
        enrolled=sum(c.enrolled for _, c in started),
        certified=certified, certified_note=note,
        paid=sum((p.paid for p in views.projects if p.paid is not None), Decimal("0.00")),  # public money only
        paid_withheld=sum(1 for p in views.projects if p.paid is None and p.classes),
        decisions=decisions(views),
        calls=call_views(data, views),
    )
    return {urls.HOME: text}
