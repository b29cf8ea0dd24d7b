"""The settlement report as typed entries: money as `Decimal` (two places), counts as integers.

Every artifact renderer (the CSV and XLSX tables, summary.md, the payment list) reads these
entries directly; only `SettlementReport.as_json()` turns them into the strings of the JSON
contract (docs/settlement.md: amounts with two decimals, never floats), so no renderer parses a
string back into a number. Key order and formatting of `as_json()` are the contract's: the same
report always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

PHASE_KEYS = ("first", "remainder", "bonus")
MONEY_TOTALS = ("payable", "paid", "pending", "not_met", "due", "outstanding")
CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """`value` with exactly two places, as the report shows it (the settlement rounds once before)."""
    return value.quantize(CENT)


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


@dataclass(frozen=True)
class PhaseEntry:
    status: str  # due | pending | not_met (arithmetic's)
    amount: Decimal
    share: Decimal  # of counted trainees × unit price
    state: str  # payable | partly_paid | paid | pending | not_met | none
    pending_reason: str | None
    payable: Decimal
    paid: Decimal
    pending: Decimal
    not_met: Decimal

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "amount": _m(self.amount), "share": f"{self.share}", "state": self.state,
                "pending_reason": self.pending_reason, "payable": _m(self.payable), "paid": _m(self.paid),
                "pending": _m(self.pending), "not_met": _m(self.not_met)}


@dataclass(frozen=True)
class PhaseRules:
    first_share: Decimal
    remainder_threshold: Decimal
    bonus_threshold: Decimal
    bonus_share: Decimal

    def threshold(self, phase: str) -> Decimal:
        return self.remainder_threshold if phase == "remainder" else self.bonus_threshold

    def as_json(self) -> dict[str, str]:
        return {"first_share": f"{self.first_share}", "remainder_threshold": f"{self.remainder_threshold}",
                "bonus_threshold": f"{self.bonus_threshold}", "bonus_share": f"{self.bonus_share}"}


@dataclass(frozen=True)
class TraineeEntry:
    person: str
    certified: bool
    counted: bool
    not_counted: str | None
    employment: str
    longest_pension_run: int

    def as_json(self) -> dict[str, Any]:
        return {"person": self.person, "certified": self.certified, "counted": self.counted,
                "not_counted": self.not_counted, "employment": self.employment,
                "longest_pension_run": self.longest_pension_run}


@dataclass(frozen=True)
class ClassEntry:
    class_id: str
    project: str
    project_name: str
    institution: str
    institution_name: str
    occupation: str
    level: str
    policy: str
    unit_price: Decimal
    enrolled: int
    certified: int
    counted: int
    employed: int
    employment_rate: Decimal | None  # four places; None when nobody is enrolled
    employment_rate_pct: str
    ended: bool
    finished: bool
    awaiting_certificates: int
    rules: PhaseRules
    phases: dict[str, PhaseEntry]
    due: Decimal
    paid: Decimal
    outstanding: Decimal
    payable: Decimal
    pending: Decimal
    not_met: Decimal
    paid_by_phase: dict[str, Decimal]
    trainees: tuple[TraineeEntry, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "class": self.class_id, "project": self.project, "project_name": self.project_name,
            "institution": self.institution, "institution_name": self.institution_name,
            "occupation": self.occupation, "level": self.level, "policy": self.policy,
            "unit_price": _m(self.unit_price), "enrolled": self.enrolled, "certified": self.certified,
            "counted": self.counted, "employed": self.employed,
            "employment_rate": f"{self.employment_rate:.4f}" if self.employment_rate is not None else None,
            "employment_rate_pct": self.employment_rate_pct, "ended": self.ended, "finished": self.finished,
            "awaiting_certificates": self.awaiting_certificates, "rules": self.rules.as_json(),
            "phases": {p: self.phases[p].as_json() for p in PHASE_KEYS},
            "due": _m(self.due), "paid": _m(self.paid), "outstanding": _m(self.outstanding),
            "payable": _m(self.payable), "pending": _m(self.pending), "not_met": _m(self.not_met),
            "paid_by_phase": {p: _m(self.paid_by_phase[p]) for p in PHASE_KEYS},
            "trainees": [t.as_json() for t in self.trainees],
        }


@dataclass(frozen=True)
class MoneyTotals:
    payable: Decimal
    paid: Decimal
    pending: Decimal
    not_met: Decimal
    due: Decimal
    outstanding: Decimal

    @classmethod
    def of(cls, classes: list[ClassEntry]) -> MoneyTotals:
        zero = Decimal("0.00")
        return cls(*(sum((getattr(c, key) for c in classes), zero) for key in MONEY_TOTALS))

    def as_json(self) -> dict[str, str]:
        return {key: _m(getattr(self, key)) for key in MONEY_TOTALS}


@dataclass(frozen=True)
class ProjectEntry:
    project: str
    name: str
    institution: str
    institution_name: str
    occupation: str
    level: str
    unit_price: Decimal
    classes: int
    enrolled: int
    counted: int
    employed: int
    money: MoneyTotals

    def as_json(self) -> dict[str, Any]:
        return {"project": self.project, "name": self.name, "institution": self.institution,
                "institution_name": self.institution_name, "occupation": self.occupation, "level": self.level,
                "unit_price": _m(self.unit_price), "classes": self.classes, "enrolled": self.enrolled,
                "counted": self.counted, "employed": self.employed, **self.money.as_json()}


@dataclass(frozen=True)
class InstitutionEntry:
    institution: str
    name: str
    classes: int
    held_classes: int
    money: MoneyTotals

    def as_json(self) -> dict[str, Any]:
        return {"institution": self.institution, "name": self.name, "classes": self.classes,
                "held_classes": self.held_classes, **self.money.as_json()}


class HeldCause(Protocol):
    """One class held by one error (`generator.holds.Hold`, which lives above the settlement)."""

    @property
    def class_id(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def message(self) -> str: ...


@dataclass(frozen=True)
class HeldEntry:
    """One class held by one error, with the names a finance officer needs (as far as the records
    still tell; "" where they do not)."""

    class_id: str
    rule: str
    path: str
    message: str
    project: str = ""
    project_name: str = ""
    institution: str = ""
    institution_name: str = ""

    def as_json(self) -> dict[str, str]:
        return {"class": self.class_id, "rule": self.rule, "path": self.path, "message": self.message,
                "project": self.project, "project_name": self.project_name, "institution": self.institution,
                "institution_name": self.institution_name}


@dataclass(frozen=True)
class Totals:
    money: MoneyTotals
    held_classes: int

    def as_json(self) -> dict[str, Any]:
        money = self.money.as_json()
        return {**{key: money[key] for key in ("due", "paid", "outstanding", "payable", "pending", "not_met")},
                "held_classes": self.held_classes}


@dataclass(frozen=True)
class Meta:
    as_of: dt.date
    as_of_source: str
    records_commit: str | None
    policies: tuple[str, ...]
    issuer: str
    generated_at: dt.datetime

    def as_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "as_of_source": self.as_of_source,
                "records_commit": self.records_commit, "policies": list(self.policies), "issuer": self.issuer,
                "generated_at": self.generated_at.isoformat()}


@dataclass(frozen=True)
class SettlementReport:
    """The settlement as every artifact shows it: classes settled, by project and institution,
    totals, and the held classes; `rosters_verified` once settle checked every roster's seal."""

    meta: Meta
    classes: tuple[ClassEntry, ...]
    projects: tuple[ProjectEntry, ...]
    institutions: tuple[InstitutionEntry, ...]
    totals: Totals
    held: tuple[HeldEntry, ...]
    rosters_verified: bool | None = None  # None: not a settle run (the key is not part of the report)

    @property
    def as_of(self) -> dt.date:
        return self.meta.as_of

    def as_json(self) -> dict[str, Any]:
        """The JSON contract of docs/settlement.md (settlement.json)."""
        meta = self.meta.as_json()
        out: dict[str, Any] = {
            "as_of": meta["as_of"], "as_of_source": meta["as_of_source"], "records_commit": meta["records_commit"],
            "meta": meta,
            "classes": [c.as_json() for c in self.classes],
            "projects": [p.as_json() for p in self.projects],
            "institutions": [i.as_json() for i in self.institutions],
            "totals": self.totals.as_json(),
            "held": [h.as_json() for h in self.held],
        }
        if self.rosters_verified is not None:
            out["rosters_verified"] = self.rosters_verified
        return out
