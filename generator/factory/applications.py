"""Builders of what a provider submits and what the bureau decides: institution, application, project.

Tuples stand for the small fixed groups of the 征集表 (a contact is person, phone, email; a
curriculum module is name, theory, practical), so that a generator reads like the form. The
application's unit price is the sum of its budget lines unless given (the 征集表 asks for both and
the rules check that they agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from generator.factory.emit import build, given
from generator.records.institution import Application, Employer, Institution, Qualification
from generator.records.project import Expert, Project, Review

Money = int | Decimal


def qualification(kind: str, number: str, valid_until: dt.date | None) -> Qualification:
    return build(Qualification, {"kind": kind, "number": number, "valid_until": valid_until})


def institution(*, uscc: str, name: str, type: str, address: str, legal_representative: str,
                qualification: Qualification | None, maintainers: Sequence[str],
                violations: Sequence[tuple[dt.date, str]] = ()) -> Institution:
    return build(Institution, {
        "uscc": uscc, "name": name, "type": type, "address": address, "legal_representative": legal_representative,
        "qualification": qualification, "violations": [{"on": on, "summary": s} for on, s in violations],
        "maintainers": list(maintainers),
    })


def employer(uscc: str, name: str, post: str, positions: int) -> Employer:
    return build(Employer, {"uscc": uscc, "name": name, "post": post, "positions": positions})


def application(*, id: str, project_name: str, institution: str, district: str, submitted_on: dt.date,
                category: str, field: str, contact: tuple[str, str, str], target_groups: Sequence[str],
                description: tuple[str, str, str], curriculum: Sequence[tuple[str, int, int]],
                evaluation: tuple[str, str], employers: Sequence[Employer], employment_service: str,
                planned: tuple[int, int, Decimal], budget: Sequence[tuple[str, Money]],
                declaration: tuple[str, dt.date, str], call: str | None = None,
                occupation_code: str | None = None, level: str | None = None, industry_chain: str | None = None,
                unit_price: Money | None = None) -> Application:
    """A 征集表. In the catalog when `occupation_code` is given; `call` is written only when given;
    `declaration` is (signed by, signed on, SHA-256 of the sealed page's scan)."""
    return build(Application, {
        "id": id, "project_name": project_name, "institution": institution, "district": district,
        "submitted_on": submitted_on, **given(call=call),
        "catalog": {"in_catalog": occupation_code is not None, "occupation_code": occupation_code, "level": level},
        "category": category, "field": field, "industry_chain": industry_chain,
        "contact": {"person": contact[0], "phone": contact[1], "email": contact[2]},
        "target_groups": list(target_groups),
        "description": {"industry_status": description[0], "skill_demand": description[1], "goals": description[2]},
        "curriculum": [{"module": m, "theory_periods": t, "practical_periods": p} for m, t, p in curriculum],
        "evaluation": {"kind": evaluation[0], "body": evaluation[1]},
        "employers": list(employers),
        "employment_service": employment_service,
        "planned": {"trainees": planned[0], "classes": planned[1], "expected_employment_rate": planned[2]},
        "budget": {"unit_price": sum(a for _, a in budget) if unit_price is None else unit_price,
                   "breakdown": [{"item": item, "amount": amount} for item, amount in budget]},
        "declaration": {"signed_by": declaration[0], "signed_on": declaration[1], "scan_sha256": declaration[2]},
    })


def expert(name: str, scores: tuple[Money, Money, Money, Money], no_conflict: bool = True) -> Expert:
    """One expert: scores on the four criteria of notice 四(二) (industry match, job demand, capacity,
    employment), each out of 25."""
    keys = ("industry_match", "job_demand", "capacity", "employment")
    return build(Expert, {"name": name, "no_conflict": no_conflict, "scores": dict(zip(keys, scores, strict=True))})


def review(*, on: dt.date, panel: Sequence[Expert], opinion: str, rank: int | None = None,
           rank_reason: str | None = None) -> Review:
    """The expert review (notice 四(二)); `rank` and `rank_reason` are written only when given."""
    return build(Review, {"on": on, "panel": list(panel), **given(rank=rank, rank_reason=rank_reason),
                          "opinion": opinion})


def contract(*, number: str, signed_on: dt.date, term: tuple[dt.date, dt.date], service_content: str,
             quantity: str, quality: str, price: str, settlement_method: str, obligations: str,
             liability: str) -> dict[str, Any]:
    """The contract's eight parts (notice 五(一)), as the project builder takes them."""
    return {"number": number, "signed_on": signed_on, "term": {"from": term[0], "to": term[1]},
            "service_content": service_content, "quantity": quantity, "quality": quality, "price": price,
            "settlement_method": settlement_method, "obligations": obligations, "liability": liability}


def project(*, id: str, application: str, status: str, recommended: tuple[str, dt.date] | None,
            review: Review | None = None, decided_on: dt.date | None = None, unit_price: Money | None = None,
            quota: tuple[int, int] | None = None, contract: Mapping[str, Any] | None = None,
            practical_share_exception: tuple[Decimal, str] | None = None,
            terminated: tuple[dt.date, str] | None = None) -> Project:
    """The bureau's decision. Every field is written, `null` where nothing is decided yet, so that the
    file shows the bureau what is still to fill in."""
    return build(Project, {
        "id": id, "application": application, "status": status,
        "recommended": None if recommended is None else {"district": recommended[0], "on": recommended[1]},
        "review": review, "decided_on": decided_on, "unit_price": unit_price,
        "quota": None if quota is None else {"trainees": quota[0], "classes": quota[1]},
        "contract": None if contract is None else dict(contract),
        "practical_share_exception": None if practical_share_exception is None else {
            "min_share": practical_share_exception[0], "reason": practical_share_exception[1]},
        "terminated": None if terminated is None else {"on": terminated[0], "reason": terminated[1]},
    })
