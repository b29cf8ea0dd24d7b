"""The tender and bids of a project's contracting process: the call for projects it answered.

A project's process (one `ocid` per project, see `ocds`) starts with the call for projects
(征集计划, notice 四(一)) it applied to. The call is open to every qualifying institution, so the
tender is `open`; its window is `tender.tenderPeriod` and its budget, the call's whole budget as the
资金预算 page publishes it, is `tender.value`. The competition a project was in is the call's
direction (征集方向, notice 一(二)) it applied under: `tender.id` is the call and the direction,
and every project selected in that direction shows the same tender.

The applications are the bids (OCDS bids extension). The public site names an institution only
once one of its projects is selected, and never publishes an application's submission date or
asked price (`disclosure.PUBLIC_VALUES`), so the bids say no more: the project's own application is
the one bid detail, with its institution as tenderer and no date or value; the others are only
counted (`tender.numberOfTenderers` counts institutions, the `bids` statistic applications), which
is what lets "single applicant per direction" and "short submission period" indicators run.

Each section depends only on facts dated on or before its release: the call on its opening day,
the applications received by its closing day, the bid's validity on the decision day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.opendata.ocds_values import timestamp, value_of
from generator.records.call import Call
from generator.records.institution import Application
from generator.records.labels import FIELD_LABELS
from generator.records.record_set import RecordSet

PROCUREMENT_METHOD_DETAILS = "项目征集（通知 四(一)）：公开征集，区人社部门推荐，专家评审后择优确定"


@dataclass(frozen=True)
class Competition:
    """The applications a call received in one direction by its closing day."""

    call: Call
    field: str
    applications: int
    institutions: int

    @property
    def tender_id(self) -> str:
        return f"{self.call.id}-{self.field}"


def competition(rs: RecordSet, app: Application | None) -> Competition | None:
    """The competition `app` was in, or None when it names no call on record. An application is
    counted when it names the same call and direction and was submitted by the closing day; the
    project's own application always counts (it is the bid shown)."""
    call = rs.call_of(app) if app else None
    if app is None or call is None:
        return None
    rivals = [
        r.model for r in rs.applications.values()
        if r.model.call == call.id and r.model.field == app.field and r.model.submitted_on <= call.closes_on
    ]
    ids = {a.id for a in rivals} | {app.id}
    institutions = {a.institution for a in rivals} | {app.institution}
    return Competition(call, app.field, len(ids), len(institutions))


def opening(comp: Competition) -> dict[str, Any]:
    """The `tender` section of the release on the call's opening day."""
    call = comp.call
    direction = FIELD_LABELS.get(comp.field, comp.field)
    return {
        "id": comp.tender_id,
        "title": f"{call.title}：{direction}",
        "description": (f"{call.issuer}发布的项目征集计划 {call.id}，征集方向“{direction}”。"
                        "资金预算为整个征集计划的预算，由各入选项目共用。"),
        "status": "active",
        "value": value_of(call.budget),
        "procurementMethod": "open",
        "procurementMethodDetails": PROCUREMENT_METHOD_DETAILS,
        "mainProcurementCategory": "services",
        "tenderPeriod": {"startDate": timestamp(call.opens_on), "endDate": timestamp(call.closes_on, end_of_day=True)},
    }


def closing(comp: Competition, app: Application, tenderer: dict[str, str] | None) -> dict[str, Any]:
    """The `tender` and `bids` sections of the release on the call's closing day."""
    day = timestamp(comp.call.closes_on)
    bid: dict[str, Any] = {"id": app.id, "status": "pending"}
    if tenderer:
        bid["tenderers"] = [tenderer]
    return {
        "tender": {"id": comp.tender_id, "numberOfTenderers": comp.institutions},
        "bids": {
            "statistics": [
                {"id": "bids", "measure": "bids", "value": comp.applications, "date": day,
                 "notes": "截止日前收到的同一征集计划、同一征集方向的申报数"},
                {"id": "bidders", "measure": "bidders", "value": comp.institutions, "date": day,
                 "notes": "提交上述申报的培训主体数"},
            ],
            "details": [bid],
        },
    }


def decided(comp: Competition, app: Application) -> dict[str, Any]:
    """What the decision settles about the tender: the competition is over, this bid was valid."""
    return {"tender": {"id": comp.tender_id, "status": "complete"},
            "bids": {"details": [{"id": app.id, "status": "valid"}]}}
