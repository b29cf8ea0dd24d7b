"""What every indicator may look at, computed once per signals run from one judged `Run`.

The bureau sees everything: indicators read every record (held classes included) and the full
settlement, so a class that an error holds still shows its patterns. The look-ups shared by several
indicators (a class's institution, the settlement of a class, who employed whom) are worked out
once here, each in one pass over the records, so that the whole run stays linear in the trainee rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from generator.pipeline import Run
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import ClassSettlement, Settlement
from generator.settlement.months import month_or_none

ZERO = Decimal("0.00")
T = TypeVar("T")
SHARE_PLACES = Decimal("0.0001")


def share(part: int, whole: int) -> Decimal:
    """part / whole to four places (0 when there is no whole)."""
    return (Decimal(part) / Decimal(whole)).quantize(SHARE_PLACES) if whole else Decimal("0.0000")


def percent(value: Decimal) -> str:
    """A share as people read it: 0.7500 -> 75%, 0.3333 -> 33.3%."""
    text = format((value * 100).quantize(Decimal("0.1")), "f")
    return (text[:-2] if text.endswith(".0") else text) + "%"


@dataclass(frozen=True, slots=True)
class Hire:
    """One programme trainee at one employer, as the employment follow-up records it."""

    class_id: str
    institution: str
    person: str
    employer: str
    months: frozenset[int]  # valid pension months (month indexes), whatever their verification date


class SignalContext:
    """The records, the settlement and the shared look-ups, as of the run's date."""

    def __init__(self, run: Run) -> None:
        self.as_of: dt.date = run.as_of
        self.commit: str | None = run.commit
        self.records: RecordSet = run.all_records
        self.settlement: Settlement = run.full_settlement

    def shared(self, key: Hashable, make: Callable[[], T]) -> T:
        """What several indicators compute alike (with the same parameters), made once per run:
        `make()` the first time `key` is asked for, the stored result afterwards."""
        store: dict[Hashable, Any] = self.__dict__.setdefault("_shared", {})  # however the context was made
        if key not in store:
            store[key] = make()
        found: T = store[key]
        return found

    @classmethod
    def of(cls, records: RecordSet, settlement: Settlement, as_of: dt.date) -> SignalContext:
        """A context over record tables and their settlement without a judged `Run`: the signals
        corpora of the proof and the scale benchmark (bench/signals_*.py) are built in memory, tens
        of thousands of classes that a validation run would only slow down."""
        ctx = cls.__new__(cls)
        ctx.as_of, ctx.commit, ctx.records, ctx.settlement = as_of, None, records, settlement
        return ctx

    @cached_property
    def settled(self) -> dict[str, ClassSettlement]:
        """Each class's settlement by class id (classes nobody pays for have none)."""
        return {c.class_id: c for c in self.settlement.classes}

    @cached_property
    def institution_of_class(self) -> dict[str, str]:
        """Class id → the USCC of the institution that trains it ("" when the chain is broken)."""
        found: dict[str, str] = {}
        for cid, rec in self.records.classes.items():
            prj = self.records.project_of(rec.model)
            app = self.records.application_of(prj) if prj else None
            found[cid] = app.institution if app else ""
        return found

    def institution_name(self, uscc: str) -> str:
        rec = self.records.institutions.get(uscc)
        return rec.model.name if rec else uscc

    @cached_property
    def employer_names(self) -> dict[str, str]:
        """Employer USCC → a name, from the applications' employer lists and the institutions."""
        names: dict[str, str] = {}
        for rec in self.records.applications.values():
            for e in rec.model.employers:
                names.setdefault(e.uscc, e.name)
        for uscc, inst in self.records.institutions.items():
            names.setdefault(uscc, inst.model.name)
        return names

    def employer_name(self, uscc: str) -> str:
        return self.employer_names.get(uscc, uscc)

    @cached_property
    def hires(self) -> list[Hire]:
        """Every (class, person, employer) of the employment follow-up, in file order."""
        found: list[Hire] = []
        inst = self.institution_of_class
        for cid, rec in self.records.employment.items():
            for entry in rec.model.records:
                months = frozenset(m for m in (month_or_none(x) for x in entry.pension_months) if m is not None)
                found.append(Hire(cid, inst.get(cid, ""), entry.person, entry.employer, months))
        return found

    @cached_property
    def stably_employed(self) -> dict[str, set[str]]:
        """Class id → the persons the settlement counts as stably employed (通知 四(五))."""
        return {cid: {o.person for o in c.trainees if o.employed} for cid, c in self.settled.items()}

    @cached_property
    def stable_employers(self) -> dict[str, dict[str, str]]:
        """Class id → person → the employer of a stably employed trainee (the one with most months
        when the records name several)."""
        best: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
        employed = self.stably_employed
        for h in self.hires:
            if h.person in employed.get(h.class_id, ()):
                held = best[h.class_id].get(h.person)
                if held is None or (len(h.months), h.employer) > held:
                    best[h.class_id][h.person] = (len(h.months), h.employer)
        return {cid: {p: e for p, (_, e) in people.items()} for cid, people in best.items()}

    # -- money, for ranking ---------------------------------------------------------------------
    def class_money(self, class_id: str) -> Decimal:
        """The subsidy at stake for a class: paid, or its phases at the current count, the larger."""
        c = self.settled.get(class_id)
        if c is None:
            return ZERO
        at_count = sum((p.amount for p in c.phases.values()), ZERO)
        return max(at_count, c.paid)

    @cached_property
    def money_by_group(self) -> dict[str, dict[str, Decimal]]:
        """Money at stake per subject of each group: a class's subsidy, an institution's classes'
        subsidies, the unit prices behind an employer's hires and behind a person's counted trainings."""
        classes = {cid: self.class_money(cid) for cid in self.settled}
        institutions: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for cid, amount in classes.items():
            institutions[self.institution_of_class.get(cid, "")] += amount
        employers: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for h in self.hires:
            c = self.settled.get(h.class_id)
            if c is not None:
                employers[h.employer] += c.unit_price
        persons: dict[str, Decimal] = defaultdict(lambda: ZERO)
        for c in self.settled.values():
            for o in c.trainees:
                if o.counted:
                    persons[o.person] += c.unit_price
        return {"class": classes, "institution": dict(institutions), "employer": dict(employers),
                "person": dict(persons)}

    def money(self, group: str, subject: str) -> Decimal:
        return self.money_by_group.get(group, {}).get(subject, ZERO)

    def label(self, group: str, subject: str) -> str:
        """A name for a subject where the records give one (institutions and employers)."""
        if group == "institution":
            return self.institution_name(subject)
        if group == "employer":
            return self.employer_name(subject)
        return ""
