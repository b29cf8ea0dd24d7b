"""Builders of what happens after selection: classes with their rosters, employment follow-up,
payments and corrections.

A trainee's `graduation_on` is written only for the groups that need it; `assessment` is always
written (`null` until the class is assessed), so a roster shows what is still open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from generator.factory.emit import build, given
from generator.records.correction import Correction
from generator.records.rosterseal import seal_roster
from generator.records.training import (
    Assessment,
    Employment,
    EmploymentRecord,
    Evidence,
    Installment,
    Payments,
    Trainee,
    TrainingClass,
)


def evidence(kind: str, uri: str, sha256: str) -> Evidence:
    return build(Evidence, {"kind": kind, "uri": uri, "sha256": sha256})


def assessment(passed: bool, certificate: tuple[str, str, dt.date] | None = None) -> Assessment:
    """The assessment; `certificate` is (kind, pseudonymous number reference, issued on)."""
    cert = None if certificate is None else {"kind": certificate[0], "number_ref": certificate[1],
                                             "issued_on": certificate[2]}
    return build(Assessment, {"passed": passed, "certificate": cert})


def trainee(person: str, group: str, attended_periods: int, assessment: Assessment | None = None,
            graduation_on: dt.date | None = None) -> Trainee:
    return build(Trainee, {"person": person, "group": group, **given(graduation_on=graduation_on),
                           "attended_periods": attended_periods, "assessment": assessment})


def training_class(*, id: str, project: str, start_on: dt.date, end_on: dt.date, location: str,
                   periods: tuple[int, int], yunmou_id: str | None, evidence: Sequence[Evidence] = (),
                   trainees: Sequence[Trainee | Mapping[str, Any]] = (), seal_key: bytes | None = None
                   ) -> TrainingClass:
    """A class (班次); `periods` is (theory, practical). With `seal_key`, the roster carries the seal
    the bureau's import would write with that key (`records.rosterseal`; a roster of nobody has none)."""
    data: dict[str, Any] = {
        "id": id, "project": project, "start_on": start_on, "end_on": end_on, "location": location,
        "periods": {"theory": periods[0], "practical": periods[1]}, "supervision": {"yunmou_id": yunmou_id},
        "evidence": list(evidence), "trainees": list(trainees),
    }
    if seal_key is not None and trainees:
        cls = build(TrainingClass, data)
        data["roster_seal"] = seal_roster(seal_key, id, cls.trainees).model_dump()
    return build(TrainingClass, data)


def employment_record(person: str, employer: str, verified_on: Mapping[str, dt.date]) -> EmploymentRecord:
    """One person's contributions at one employer: pension month ("YYYY-MM") → the day the bureau
    verified it; the months are written in the order given."""
    return build(EmploymentRecord, {"person": person, "employer": employer, "pension_months": list(verified_on),
                                    "verified_on": dict(verified_on)})


def employment(class_id: str, records: Sequence[EmploymentRecord]) -> Employment:
    return build(Employment, {"class": class_id, "records": list(records)})


def installment(phase: str, amount: int | Decimal, paid_on: dt.date, voucher: str) -> Installment:
    return build(Installment, {"phase": phase, "amount": amount, "paid_on": paid_on, "voucher": voucher})


def payments(class_id: str, installments: Sequence[Installment]) -> Payments:
    return build(Payments, {"class": class_id, "installments": list(installments)})


def correction(*, id: str, class_id: str, field: str, old: Any, new: Any, reason: str, approved_by: str,
               approved_on: dt.date, evidence: Sequence[Evidence] = ()) -> Correction:
    return build(Correction, {"id": id, "class": class_id, "field": field, "old": old, "new": new, "reason": reason,
                              "approved_by": approved_by, "approved_on": approved_on, "evidence": list(evidence)})
