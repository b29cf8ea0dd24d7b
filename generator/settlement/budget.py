"""The year's budget (notice 四(二), 五(二)): what the projects selected under each call may cost,
set against the call's budget, with what has been paid, is due now and may still become due.

A selected project's exposure is the most it can cost: quota × unit price × (1 + bonus share),
rounded once to the fen. Paid, due now and pending come from the settlement (never recomputed
here): paid is what the payment records hold, due now what the settlement owes and is not paid
yet, pending the amounts of phases that may still become due. A terminated project can cost no
more than its classes' settlement: its exposure shrinks to paid + due now + pending.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from generator.records.call import Call
from generator.records.project import Project
from generator.records.record_set import RecordSet
from generator.records.reference import Policy
from generator.settlement.arithmetic import ClassSettlement, Settlement, money

ZERO = Decimal("0.00")
COMMITTED = ("selected", "completed")  # the full exposure is committed
RELEASED = ("terminated",)  # only what the settlement can still owe is committed


@dataclass(frozen=True)
class Exposure:
    """How a project's committed amount was found, with what the settlement says of it so far:
    for messages, `peixun budget` and the budget page's list of projects."""

    project: str
    amount: Decimal
    trainees: int
    unit_price: Decimal
    bonus_share: Decimal
    terminated: bool = False
    name: str = ""  # the application's project name
    institution: str = ""  # USCC
    institution_name: str = ""
    paid: Decimal = ZERO
    due_now: Decimal = ZERO
    pending: Decimal = ZERO
    withheld: bool = False  # on the public page: paid, due now and pending not published yet (disclosure)

    def as_dict(self) -> dict[str, Any]:
        return {
            "project": self.project, "name": self.name, "institution": self.institution,
            "institution_name": self.institution_name, "trainees": self.trainees,
            "unit_price": _m(self.unit_price), "bonus_share": _plain(self.bonus_share),
            "exposure": _m(self.amount), "paid": _m(self.paid), "due_now": _m(self.due_now),
            "pending": _m(self.pending), "terminated": self.terminated,
        }

    def formula(self) -> str:
        if self.terminated:
            return f"已终止，按结算可能支付的金额 {_plain(self.amount)} 元计"
        return (f"{self.trainees} 人 × {_plain(self.unit_price)} 元 × (1 + {_plain(self.bonus_share * 100)}%) "
                f"= {_plain(self.amount)} 元")


def _plain(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def exposure(prj: Project, bonus_share: Decimal) -> Decimal:
    """quota × unit price × (1 + bonus share), rounded once to the fen (ROUND_HALF_UP)."""
    if prj.quota is None or prj.unit_price is None:
        return ZERO
    return money(prj.quota.trainees * prj.unit_price * (1 + bonus_share))


@dataclass(frozen=True)
class HeldClass:
    """A class an error holds (暂缓): not in the budget's paid, due now and pending, which are
    computed over what is not held; listed with what it could still cost, so that a held class
    hides nothing: every trainee on its roster counted and every phase due, at the project's unit
    price, less what its payment records hold (an upper bound, since nothing of it can be trusted)."""

    class_id: str
    project: str
    reasons: tuple[str, ...]  # "RULE：message（path）", one per error
    trainees: int
    paid: Decimal
    could_cost: Decimal | None  # None: the project has no unit price to bound it

    def as_dict(self) -> dict[str, Any]:
        return {"class": self.class_id, "project": self.project, "reasons": list(self.reasons),
                "trainees": self.trainees, "paid": _m(self.paid),
                "could_cost": None if self.could_cost is None else _m(self.could_cost)}


def held_classes(rs: RecordSet, holds: Iterable[tuple[str, str]], as_of: dt.date) -> list[HeldClass]:
    """Each held class once, from (class id, reason) pairs, with its reasons and its bound (see
    `HeldClass`)."""
    reasons: dict[str, list[str]] = defaultdict(list)
    for class_id, reason in holds:
        reasons[class_id].append(reason)
    found = []
    for class_id in sorted(reasons):
        rec = rs.classes.get(class_id)
        if rec is None:
            continue
        cls = rec.model
        prj = rs.project_of(cls)
        policy = rs.policy_on(cls.start_on)
        pay = rs.payments.get(class_id)
        paid = sum((i.amount for i in pay.model.installments if i.paid_on <= as_of), ZERO) if pay else ZERO
        bound = None
        if prj is not None and prj.unit_price is not None:
            share = policy.subsidy.bonus_share if policy else ZERO
            bound = max(money(len(cls.trainees) * prj.unit_price * (1 + share)) - paid, ZERO)
        found.append(HeldClass(class_id, cls.project, tuple(reasons[class_id]), len(cls.trainees), paid, bound))
    return found


@dataclass
class Figures:
    paid: Decimal = ZERO
    due_now: Decimal = ZERO
    pending: Decimal = ZERO
    held: list[HeldClass] = field(default_factory=list)

    def add(self, c: ClassSettlement) -> None:
        self.paid += c.paid
        self.due_now += max(c.outstanding, ZERO)
        self.pending += sum((p.amount for p in c.phases.values() if p.status == "pending"), ZERO)

    @property
    def possible(self) -> Decimal:
        """The most the classes can still cost or have cost, held ones at their bound."""
        held = sum((h.paid + (h.could_cost or ZERO) for h in self.held), ZERO)
        return self.paid + self.due_now + self.pending + held


def project_figures(settlement: Settlement, held: Iterable[HeldClass] = ()) -> dict[str, Figures]:
    found: dict[str, Figures] = defaultdict(Figures)
    for c in settlement.classes:
        found[c.project].add(c)
    for h in held:
        found[h.project].held.append(h)
    return dict(found)


def policy_for(rs: RecordSet, call: Call | None, prj: Project) -> Policy | None:
    """The call's policy, else the policy in force on the decision."""
    if call is not None:
        found = rs.policy_by_id(call.policy)
        if found is not None:
            return found
    return rs.policy_on(prj.decided_on) if prj.decided_on else None


def project_exposure(rs: RecordSet, prj: Project, figures: Figures | None) -> Exposure | None:
    """The committed amount of a decision, or None when it commits nothing (not selected)."""
    if prj.status not in COMMITTED + RELEASED:
        return None
    app = rs.application_of(prj)
    call = rs.call_of(app) if app else None
    policy = policy_for(rs, call, prj)
    share = policy.subsidy.bonus_share if policy else ZERO
    trainees = prj.quota.trainees if prj.quota else 0
    price = prj.unit_price if prj.unit_price is not None else ZERO
    inst = rs.institutions.get(app.institution) if app else None
    known = Figures() if figures is None else figures
    terminated = prj.status in RELEASED
    return Exposure(
        prj.id, known.possible if terminated else exposure(prj, share), trainees, price, share,
        terminated=terminated, name=app.project_name if app else "", institution=app.institution if app else "",
        institution_name=inst.model.name if inst else "",
        paid=known.paid, due_now=known.due_now, pending=known.pending,
    )


@dataclass
class Line:
    """One row of the budget: a call, or a year."""

    key: str
    title: str
    budget: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO
    due_now: Decimal = ZERO
    pending: Decimal = ZERO
    opens_on: dt.date | None = None
    closes_on: dt.date | None = None
    projects: list[Exposure] = field(default_factory=list)
    held: list[HeldClass] = field(default_factory=list)

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed

    @property
    def held_could_cost(self) -> Decimal:
        return sum((h.could_cost or ZERO for h in self.held), ZERO)

    def count(self, exp: Exposure, figures: Figures | None) -> None:
        self.projects.append(exp)
        self.committed += exp.amount
        if figures is not None:
            self.paid += figures.paid
            self.due_now += figures.due_now
            self.pending += figures.pending
            self.held.extend(figures.held)

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"id": self.key, "title": self.title}
        if self.opens_on is not None:
            found["opens_on"] = self.opens_on.isoformat()
            found["closes_on"] = self.closes_on.isoformat() if self.closes_on else None
        found.update({
            "budget": _m(self.budget), "committed": _m(self.committed), "paid": _m(self.paid),
            "due_now": _m(self.due_now), "pending": _m(self.pending), "remaining": _m(self.remaining),
            "projects": [e.as_dict() for e in self.projects],
            "held": [h.as_dict() for h in self.held], "held_could_cost": _m(self.held_could_cost),
        })
        return found


def _m(value: Decimal) -> str:
    return f"{value:.2f}"


@dataclass(frozen=True)
class Budget:
    as_of: dt.date
    calls: list[Line]
    years: list[Line]
    held: list[HeldClass] = field(default_factory=list)  # every held class, whatever its call

    def as_dict(self) -> dict[str, Any]:
        """The JSON contract of `peixun budget --format json` (amounts as strings with two decimals)."""
        return {"as_of": self.as_of.isoformat(), "calls": [c.as_dict() for c in self.calls],
                "years": [y.as_dict() for y in self.years], "held": [h.as_dict() for h in self.held]}


def year_of(rs: RecordSet, prj: Project) -> int | None:
    app = rs.application_of(prj)
    call = rs.call_of(app) if app else None
    if call is not None:
        return call.year
    return prj.decided_on.year if prj.decided_on else None


def compute_budget(rs: RecordSet, settlement: Settlement, holds: Iterable[tuple[str, str]] = ()) -> Budget:
    """Per call and per plan year: budget, committed exposure, paid, due now, pending, remaining.
    A project whose application names no call counts in the year of its decision only.
    `settlement` is of the classes not held; `holds` names the held ones, as (class id, reason)
    pairs (see `HeldClass`)."""
    held = held_classes(rs, holds, settlement.as_of)
    figures = project_figures(settlement, held)
    calls = {cid: Line(cid, rec.model.title, rec.model.budget, opens_on=rec.model.opens_on,
                       closes_on=rec.model.closes_on) for cid, rec in sorted(rs.calls.items())}
    years: dict[int, Line] = {}

    def year_line(year: int) -> Line:
        if year not in years:
            years[year] = Line(str(year), f"{year} 年度")
        return years[year]

    for rec in rs.calls.values():
        year_line(rec.model.year).budget += rec.model.budget
    for prj_id in sorted(rs.projects):
        prj = rs.projects[prj_id].model
        exp = project_exposure(rs, prj, figures.get(prj_id))
        if exp is None:
            continue
        app = rs.application_of(prj)
        if app is not None and app.call in calls:
            calls[app.call].count(exp, figures.get(prj_id))
        year = year_of(rs, prj)
        if year is not None:
            year_line(year).count(exp, figures.get(prj_id))
    return Budget(settlement.as_of, list(calls.values()), [years[y] for y in sorted(years)], held)


@dataclass(frozen=True)
class Crossing:
    """A decision after which a call's committed exposure exceeds its budget."""

    call: Call
    exposure: Exposure  # the decision's
    before: Decimal  # the call's committed total just before it
    committed: Decimal  # the call's committed total just after it
    later: int  # decisions taken after it
    total: Decimal  # the call's committed total after every decision

    @property
    def first(self) -> bool:
        """The decision that crossed the line (the call was within its budget before it)."""
        return self.before <= self.call.budget


def over_budget(rs: RecordSet, settlement: Settlement) -> Iterable[Crossing]:
    """Per call, every decision (in the order of decisions: decided_on, then id) after which the
    committed exposure exceeds the budget, not only the first: each one commits money the call does
    not have, and a fix to one must not hide the others. A decision that commits nothing (a
    terminated project that can cost no more) adds nothing to the excess and is not named."""
    figures = project_figures(settlement)
    by_call: dict[str, list[tuple[dt.date, str, Exposure]]] = defaultdict(list)
    for prj_id, rec in rs.projects.items():
        prj = rec.model
        app = rs.application_of(prj)
        if app is None or app.call not in rs.calls:
            continue
        exp = project_exposure(rs, prj, figures.get(prj_id))
        if exp is not None:
            by_call[app.call].append((prj.decided_on or dt.date.max, prj_id, exp))
    for call_id in sorted(by_call):
        call = rs.calls[call_id].model
        ordered = [exp for _, _, exp in sorted(by_call[call_id], key=lambda item: item[:2])]
        grand = sum((e.amount for e in ordered), ZERO)
        total = ZERO
        for i, exp in enumerate(ordered):
            before = total
            total += exp.amount
            if total > call.budget and exp.amount > 0:
                yield Crossing(call, exp, before, total, len(ordered) - i - 1, grand)
