"""Open Contracting Data Standard 1.1 releases and release packages (README, open data).

One contracting process per project: `ocid` = prefix + "-" + project id. Each dated fact in the
records becomes one release whose id is derived from the project, the tag and that fact's date, and
whose content depends only on facts dated on or before it. So a release, once published, never
changes: a new fact (a payment, a termination) is a new release with a new id, and the releases of
earlier dates are regenerated identically from the same records.

- `award` on the decision date: supplier, the unit price as `items[].unit.value`, quantity = quota.
- `contract` on the signature date: contract number, term as `period`, signature date.
- `implementation` on each payment date: the transactions paid up to that date, summed per project
  by date and phase across its classes (never a class's own figure).
- `contractTermination` on the termination date, or for a completed project at the end of its term.
No award or contract total is given: the notice pays per certified trainee, so the total is not
fixed by the contract; `quantity` × `unit.value` is the ceiling before the employment bonus.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from generator.jsonbytes import Number
from generator.opendata.config import CURRENCY, LICENCE_URL, TIMEZONE, USCI_SCHEME, Organisation
from generator.opendata.scope import project_payments
from generator.records.labels import LEVEL_LABELS
from generator.records.project import Project
from generator.records.record_set import RecordSet
from generator.safejson import Encoded

OCDS_VERSION = "1.1"
Release = dict[str, Any]


def timestamp(day: dt.date, end_of_day: bool = False) -> str:
    return f"{day.isoformat()}T{'23:59:59' if end_of_day else '00:00:00'}{TIMEZONE}"


def amount(value: Decimal) -> int | Number:
    """OCDS amounts are JSON numbers: integral yuan are integers, others their exact digits (27140.5)."""
    return int(value) if value == value.to_integral_value() else Number(value)


def _value(value: Decimal) -> dict[str, Any]:
    return {"amount": amount(value), "currency": CURRENCY}


def ocid(prefix: str, project_id: str) -> str:
    return f"{prefix}-{project_id}"


def release_id(project_id: str, tag: str, day: dt.date) -> str:
    return f"{project_id}-{tag}-{day.isoformat()}"


def _party(org: Organisation, role: str) -> dict[str, Any]:
    party: dict[str, Any] = {
        "id": org.party_id,
        "name": org.name,
        "identifier": {"scheme": USCI_SCHEME, "id": org.uscc, "legalName": org.name},
    }
    if org.address:
        party["address"] = {"streetAddress": org.address, "countryName": "中国"}
    party["roles"] = [role]
    return party


def _ref(org: Organisation) -> dict[str, str]:
    return {"id": org.party_id, "name": org.name}


class _Process:
    """The facts of one project that every release of it shares."""

    def __init__(self, rs: RecordSet, prj: Project, prefix: str, buyer: Organisation) -> None:
        self.rs, self.prj, self.buyer = rs, prj, buyer
        self.ocid = ocid(prefix, prj.id)
        self.app = rs.application_of(prj)
        inst = rs.institutions.get(self.app.institution) if self.app else None
        self.supplier = Organisation(inst.model.uscc, inst.model.name, inst.model.address) if inst else None
        self.title = self.app.project_name if self.app else prj.id
        self.contract_id = (prj.contract.number if prj.contract else None) or f"{prj.id}-contract"

    def release(self, tag: str, day: dt.date, **sections: Any) -> Release:
        parties = [_party(self.buyer, "buyer")]
        if self.supplier:
            parties.append(_party(self.supplier, "supplier"))
        return {
            "ocid": self.ocid,
            "id": release_id(self.prj.id, tag, day),
            "date": timestamp(day),
            "tag": [tag],
            "initiationType": "tender",
            "language": "zh",
            "parties": parties,
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
            item["unit"] = {"name": "人", "value": _value(self.prj.unit_price)}
        return item

    def _description(self) -> str:
        level = self.app.catalog.level if self.app else None
        suffix = f"（{LEVEL_LABELS[level]}）" if level else ""
        return f"{self.title}{suffix}项目化就业技能培训，按人计价"

    def contract(self, **fields: Any) -> dict[str, Any]:
        return {"id": self.contract_id, "awardID": self.prj.id, **fields}


def project_releases(rs: RecordSet, prj: Project, as_of: dt.date, *, ocid_prefix: str,
                     buyer: Organisation, money: frozenset[str] = frozenset()) -> list[Release]:
    """Every release of one project whose fact is dated on or before `as_of`, in date order. Its
    payments appear once its money is public (`money`: `disclosure.money_projects`), one
    transaction per payment day, summed across classes and phases."""
    p = _Process(rs, prj, ocid_prefix, buyer)
    releases: list[Release] = []
    if prj.decided_on is not None and prj.decided_on <= as_of:
        award: dict[str, Any] = {"id": prj.id, "title": p.title, "status": "active", "date": timestamp(prj.decided_on)}
        if p.supplier:
            award["suppliers"] = [_ref(p.supplier)]
        award["items"] = [p.item()]
        releases.append(p.release("award", prj.decided_on, awards=[award]))
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
        releases.append(p.release("contract", contract.signed_on, contracts=[p.contract(**fields)]))
    payments = project_payments(rs, prj.id, as_of, money)
    transactions = [
        {
            "id": f"{prj.id}-{pay.paid_on.isoformat()}",
            "date": timestamp(pay.paid_on),
            "value": _value(pay.amount),
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


def package(releases: Sequence[Release | Encoded], *, uri: str, publisher: str, as_of: dt.date) -> dict[str, Any]:
    """A release package; `publishedDate` is the data date, not the build time, so rebuilds are identical.
    Releases may come encoded already (`safejson.encode_line`) when several packages share them."""
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timestamp(as_of),
        "publisher": {"name": publisher},
        "license": LICENCE_URL,
        "releases": list(releases),
    }
