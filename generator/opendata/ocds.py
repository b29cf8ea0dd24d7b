"""Open Contracting Data Standard 1.1 releases and release packages (README, open data).

One contracting process per project: `ocid` = prefix + "-" + project id. Each dated fact in the
records becomes one release whose id is derived from the project, the tag and that fact's date, and
whose content depends only on facts dated on or before it. So a release, once published, never
changes: a new fact (a payment, a termination) is a new release with a new id, and the releases of
earlier dates are regenerated identically from the same records.

- `tender` on the call's opening day and `tenderUpdate` on its closing day: the call for projects
  and the applications it received in the project's direction (`ocds_tender`, bids extension).
- `award` on the decision date: supplier, the unit price as `items[].unit.value`, quantity = quota,
  and as `value` the most the project can cost (quota × unit price × (1 + bonus share), the figure
  the 资金预算 page publishes for every project, fixed at the decision).
- `contract` on the signature date: contract number, term as `period`, signature date, the same value.
- `implementation` on each payment date: the transactions paid up to that date, summed per project
  by date and phase across its classes (never a class's own figure), once the project's money is
  public (docs/privacy.md).
- `contractTermination` on the termination date, or for a completed project at the end of its term.

Parties carry the roles they hold on the release's day: the bureau `buyer` (and `payer` once a
published payment exists), the institution `tenderer` from the closing day, `supplier` from the
decision, `payee` with the first published payment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from generator.opendata import ocds_tender
from generator.opendata.config import BIDS_EXTENSION, BUREAU_USCC_PLACEHOLDER, LICENCE_URL, USCI_SCHEME, Organisation
from generator.opendata.ocds_values import amount, timestamp, value_of
from generator.opendata.scope import ProjectPayment, project_payments
from generator.records.labels import LEVEL_LABELS
from generator.records.project import Project
from generator.records.record_set import RecordSet
from generator.safejson import Encoded
from generator.settlement.budget import exposure, policy_for

__all__ = ["OCDS_VERSION", "Release", "amount", "ocid", "package", "project_releases", "release_id", "timestamp"]

OCDS_VERSION = "1.1"
Release = dict[str, Any]


def ocid(prefix: str, project_id: str) -> str:
    return f"{prefix}-{project_id}"


def release_id(project_id: str, tag: str, day: dt.date) -> str:
    return f"{project_id}-{tag}-{day.isoformat()}"


def _party(org: Organisation, roles: list[str]) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": org.party_id,
        "name": org.name,
        "identifier": {"scheme": USCI_SCHEME, "id": org.uscc, "legalName": org.name},
    }
    if org.address:
        party["address"] = {"streetAddress": org.address, "countryName": "中国"}
    party["roles"] = roles
    return party


def _ref(org: Organisation) -> dict[str, str]:
    return {"id": org.party_id, "name": org.name}


class _Process:
    """The facts of one project that every release of it shares."""

    def __init__(self, rs: RecordSet, prj: Project, prefix: str, buyer: Organisation,
                 payments: list[ProjectPayment]) -> None:
        self.rs, self.prj, self.buyer = rs, prj, buyer
        self.ocid = ocid(prefix, prj.id)
        self.app = rs.application_of(prj)
        inst = rs.institutions.get(self.app.institution) if self.app else None
        self.supplier = Organisation(inst.model.uscc, inst.model.name, inst.model.address) if inst else None
        self.title = self.app.project_name if self.app else prj.id
        self.contract_id = (prj.contract.number if prj.contract else None) or f"{prj.id}-contract"
        self.competition = ocds_tender.competition(rs, self.app)
        self.first_paid = min((p.paid_on for p in payments), default=None)
        call = self.competition.call if self.competition else None
        policy = policy_for(rs, call, prj)
        self.value = (exposure(prj, policy.subsidy.bonus_share) if policy and prj.quota
                      and prj.unit_price is not None else None)

    def _parties(self, day: dt.date) -> list[dict[str, Any]]:
        paid = self.first_paid is not None and self.first_paid <= day
        parties = [_party(self.buyer, ["buyer", "payer"] if paid else ["buyer"])]
        if self.supplier:
            roles = []
            if self.competition and self.competition.call.closes_on <= day:
                roles.append("tenderer")
            if self.prj.decided_on is not None and self.prj.decided_on <= day:
                roles.append("supplier")
            if paid:
                roles.append("payee")
            if roles:
                parties.append(_party(self.supplier, roles))
        return parties

    def release(self, tag: str, day: dt.date, **sections: Any) -> Release:
        return {
            "ocid": self.ocid,
            "id": release_id(self.prj.id, tag, day),
            "date": timestamp(day),
            "tag": [tag],
            "initiationType": "tender",
            "language": "zh",
            "parties": self._parties(day),
            "buyer": _ref(self.buyer),
            **sections,
        }

    def item(self) -> dict[str, Any]:
        item: dict[str, Any] = {"id": "1", "description": self._description()}
        app = self.app
        if app and app.catalog.in_catalog and app.catalog.occupation_code:
            catalog = self.rs.catalog_on(app.submitted_on)
            name = next((o.name for o in catalog.occupations if o.code == app.catalog.occupation_code), None) \
                if catalog else None
            classification = {"scheme": catalog.edition if catalog else "职业分类大典",
                              "id": app.catalog.occupation_code}
            item["classification"] = {**classification, "description": name} if name else classification
        if self.prj.quota:
            item["quantity"] = self.prj.quota.trainees
        if self.prj.unit_price is not None:
            item["unit"] = {"name": "人", "value": value_of(self.prj.unit_price)}
        return item

    def _description(self) -> str:
        level = self.app.catalog.level if self.app else None
        suffix = f"（{LEVEL_LABELS[level]}）" if level else ""
        return f"{self.title}{suffix}项目化就业技能培训，按人计价"

    def valued(self, section: dict[str, Any]) -> dict[str, Any]:
        """An award or contract with its value (the committed maximum) and the bid it rests on."""
        if self.value is not None:
            section["value"] = value_of(self.value)
            section.setdefault("description", VALUE_NOTE)
        if self.competition and self.app:
            section["relatedBids"] = [self.app.id]
        return section

    def contract(self, **fields: Any) -> dict[str, Any]:
        return {"id": self.contract_id, "awardID": self.prj.id, **fields}


VALUE_NOTE = ("金额为项目最高支出：培训人数 × 成交单价 × (1 + 跟补比例)。补贴按取得证书和稳定就业的人数拨付，"
              "实际拨付不超过此数")


def _tender_releases(p: _Process, as_of: dt.date) -> list[Release]:
    comp, app = p.competition, p.app
    if comp is None or app is None:
        return []
    found = []
    if comp.call.opens_on <= as_of:
        found.append(p.release("tender", comp.call.opens_on, tender=ocds_tender.opening(comp)))
    if comp.call.closes_on <= as_of:
        tenderer = _ref(p.supplier) if p.supplier else None
        found.append(p.release("tenderUpdate", comp.call.closes_on, **ocds_tender.closing(comp, app, tenderer)))
    return found


def project_releases(rs: RecordSet, prj: Project, as_of: dt.date, *, ocid_prefix: str,
                     buyer: Organisation, money: frozenset[str] = frozenset()) -> list[Release]:
    """Every release of one project whose fact is dated on or before `as_of`, in date order. Its
    payments appear once its money is public (`money`: `disclosure.money_projects`), one
    transaction per payment day, summed across classes and phases."""
    payments = project_payments(rs, prj.id, as_of, money)
    p = _Process(rs, prj, ocid_prefix, buyer, payments)
    releases = _tender_releases(p, as_of)
    if prj.decided_on is not None and prj.decided_on <= as_of:
        award: dict[str, Any] = {"id": prj.id, "title": p.title, "status": "active", "date": timestamp(prj.decided_on)}
        if p.supplier:
            award["suppliers"] = [_ref(p.supplier)]
        award["items"] = [p.item()]
        sections: dict[str, Any] = {"awards": [p.valued(award)]}
        if p.competition and p.app:
            sections.update(ocds_tender.decided(p.competition, p.app))
        releases.append(p.release("award", prj.decided_on, **sections))
    contract = prj.contract
    if contract and contract.signed_on and contract.signed_on <= as_of:
        fields: dict[str, Any] = {"title": p.title}
        if contract.service_content:
            fields["description"] = contract.service_content
        fields["status"] = "active"
        if contract.term:
            fields["period"] = {"startDate": timestamp(contract.term.from_),
                                "endDate": timestamp(contract.term.to, end_of_day=True)}
        fields["items"] = [p.item()]
        fields["dateSigned"] = timestamp(contract.signed_on)
        releases.append(p.release("contract", contract.signed_on, contracts=[p.contract(**p.valued(fields))]))
    transactions = [
        {
            "id": f"{prj.id}-{pay.paid_on.isoformat()}",
            "date": timestamp(pay.paid_on),
            "value": value_of(pay.amount),
            "payer": _ref(buyer),
            **({"payee": _ref(p.supplier)} if p.supplier else {}),
        }
        for pay in payments
    ]
    for day in sorted({pay.paid_on for pay in payments}):
        upto = [t for t, pay in zip(transactions, payments, strict=True) if pay.paid_on <= day]
        releases.append(p.release("implementation", day,
                                  contracts=[p.contract(implementation={"transactions": upto})]))
    end = _termination_date(prj)
    if end is not None and end <= as_of:
        releases.append(p.release("contractTermination", end, contracts=[p.contract(status="terminated")]))
    return sorted(releases, key=lambda r: r["date"])  # stable: same-day releases keep their fact order


def _termination_date(prj: Project) -> dt.date | None:
    if prj.status == "terminated" and prj.terminated:
        return prj.terminated.on
    if prj.status == "completed" and prj.contract and prj.contract.term:
        return prj.contract.term.to
    return None


def publisher_of(publisher: Organisation | str, uri: str = "") -> dict[str, str]:
    """The package's publisher: the bureau by name and, when configured, its USCC under the CN-USCI
    scheme (never the placeholder: a library caller that passes no buyer gets the name alone) and
    the site's address as its `uri`."""
    if isinstance(publisher, str) or publisher.uscc == BUREAU_USCC_PLACEHOLDER:
        return {"name": publisher if isinstance(publisher, str) else publisher.name}
    found = {"name": publisher.name, "scheme": USCI_SCHEME, "uid": publisher.uscc}
    if uri.startswith(("http://", "https://")):
        found["uri"] = uri
    return found


def package(releases: Sequence[Release | Encoded], *, uri: str, publisher: Organisation | str, as_of: dt.date,
            publisher_uri: str = "") -> dict[str, Any]:
    """A release package; `publishedDate` is the data date, not the build time, so rebuilds are identical.
    Releases may come encoded already (`safejson.encode_line`) when several packages share them."""
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "extensions": [BIDS_EXTENSION],
        "publishedDate": timestamp(as_of),
        "publisher": publisher_of(publisher, publisher_uri),
        "license": LICENCE_URL,
        "releases": list(releases),
    }
