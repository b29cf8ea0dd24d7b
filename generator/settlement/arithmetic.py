"""The settlement arithmetic of docs/settlement.md, as of a date.

Kept apart from the artifacts so that validation (PAY-OVER, SUB-CAP, SUB-REPEAT) and the
settlement command share one source of truth. Money is Decimal throughout and each amount is
rounded once, to the fen, with ROUND_HALF_UP.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Literal

from generator.records.orgkinds import kind_of
from generator.records.record_set import RecordSet
from generator.records.reference import Catalog, Occupation, Policy
from generator.records.training import Trainee, TrainingClass
from generator.settlement.months import longest_run, month_index, month_or_none

FEN = Decimal("0.01")
RATE_PLACES = Decimal("0.0001")
PHASES = ("first", "remainder", "bonus")

Status = Literal["due", "pending", "not_met"]
# why a trainee is not counted for subsidy
NotCounted = Literal[
    "not_certified", "not_yet_certified", "certificate_kind", "attendance", "group", "cap", "repeat", "certificate"
]
Verdict = Literal["counted", "cap", "repeat", "certificate"]


def money(value: Decimal) -> Decimal:
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class TraineeOutcome:
    person: str
    index: int
    certified: bool
    counted: bool
    not_counted: NotCounted | None
    employed: bool
    window_closed: bool
    longest_run: int


@dataclass(frozen=True, slots=True)
class PhaseResult:
    status: Status
    amount: Decimal  # the phase's amount at the current count; only `due` phases are owed


@dataclass(frozen=True)
class ClassSettlement:
    class_id: str
    project: str
    institution: str
    unit_price: Decimal
    enrolled: int
    certified: int
    counted: int
    employed: int
    rate: Decimal
    phases: dict[str, PhaseResult]
    paid_by_phase: dict[str, Decimal]
    trainees: tuple[TraineeOutcome, ...]
    # every certified trainee's employment window has closed: the outcome can no longer change,
    # which is when docs/privacy.md allows publishing it
    finished: bool = False
    # trainees whose certificate is not recorded (issued by the date) yet: no assessment recorded,
    # or passed without a certificate. Their 6-month window starts at the certificate (通知 四(五)),
    # so while any is awaited nothing that depends on the certificates is decided (待定)
    awaiting_certificates: int = 0

    @property
    def due(self) -> Decimal:
        return sum((p.amount for p in self.phases.values() if p.status == "due"), Decimal("0.00"))

    @property
    def paid(self) -> Decimal:
        return sum(self.paid_by_phase.values(), Decimal("0.00"))

    @property
    def outstanding(self) -> Decimal:
        return self.due - self.paid

    def due_for(self, phase: str) -> Decimal:
        result = self.phases[phase]
        return result.amount if result.status == "due" else Decimal("0.00")


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """A subsidy a person would receive from one class, and whether it fits cap and repeat rules."""

    person: str
    class_id: str
    index: int
    issued_on: dt.date
    occupation: tuple[str, str]
    verdict: Verdict
    prior_count: int  # subsidies the person already had before this one


@dataclass
class Settlement:
    as_of: dt.date
    classes: list[ClassSettlement] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)


def occupation_in(catalog: Catalog | None, code: str) -> Occupation | None:
    return next((o for o in catalog.occupations if o.code == code), None) if catalog is not None else None


def occupation_key(rs: RecordSet, cls: TrainingClass) -> tuple[str, str] | None:
    """What SUB-REPEAT compares: catalog code and level, or the project itself for new projects."""
    prj = rs.project_of(cls)
    app = rs.application_of(prj) if prj else None
    if prj is None or app is None:
        return None
    code = app.catalog.occupation_code
    # an occupation in the catalog is keyed by its code whatever `in_catalog` says: declaring it
    # new must not escape the same-occupation-and-level rule
    if code and (app.catalog.in_catalog or occupation_in(rs.catalog_on(app.submitted_on), code.strip())):
        return (code.strip(), app.catalog.level or "")
    return (f"new:{prj.id}", app.catalog.level or "")


def _has_certificate(t: Trainee, as_of: dt.date) -> bool:
    a = t.assessment
    return bool(a and a.passed and a.certificate and a.certificate.issued_on <= as_of)


@dataclass(frozen=True)
class _Gate:
    """What decides, for one class, whether a trainee can count whatever other classes hold;
    worked out once per class instead of once per trainee."""

    needed: int | None  # attended periods needed (the attendance share, rounded up); None: no periods
    groups: frozenset[str]  # eligible under the policy and a target group of the application
    kind: str | None = None  # the certificate the application promised (相应证书); None: not known


def _gate(rs: RecordSet, cls: TrainingClass, policy: Policy) -> _Gate:
    total = cls.periods.theory + cls.periods.practical
    # attended < share × total  ⇔  attended < ⌈share × total⌉ for a whole number of periods
    needed = int((policy.training.min_attendance * total).to_integral_value(ROUND_CEILING)) if total else None
    prj = rs.project_of(cls)
    app = rs.application_of(prj) if prj else None
    groups = set(policy.eligible_groups)
    if app is not None:
        groups &= set(app.target_groups)
    return _Gate(needed, frozenset(groups), app.evaluation.kind if app is not None and app.evaluation else None)


def _pre_counted(t: Trainee, gate: _Gate) -> NotCounted | None:
    """The reasons a trainee cannot count that depend on the class alone (not on other classes)."""
    a = t.assessment
    if not (a and a.passed and a.certificate):
        return "not_certified" if not (a and a.passed) else "not_yet_certified"
    if gate.kind is not None and a.certificate.kind != gate.kind:
        return "certificate_kind"  # 通知 四(五): 取得相应证书, the kind the application promised
    if gate.needed is None or t.attended_periods < gate.needed:
        return "attendance"
    if t.group not in gate.groups:
        return "group"
    return None


@dataclass(frozen=True, slots=True)
class Holding:
    """A certificate on a roster: where it is and who holds it."""

    issued_on: dt.date
    class_id: str
    index: int
    person: str
    number_ref: str


def certificate_holdings(rs: RecordSet) -> list[Holding]:
    """Every certificate on every roster, in the order that decides which holding is the first:
    certificate date, class id, position on the roster."""
    found = []
    for rec in rs.classes.values():
        for i, t in enumerate(rec.model.trainees):
            cert = t.assessment.certificate if t.assessment else None
            if cert is not None:
                found.append(Holding(cert.issued_on, rec.model.id, i, t.person, cert.number_ref))
    found.sort(key=lambda h: (h.issued_on, h.class_id, h.index))
    return found


def repeated_certificates(rs: RecordSet) -> list[tuple[Holding, Holding]]:
    """(holding, first holding of the same certificate) for every holding but the first of each
    certificate: a certificate counts once in the whole ledger (issue 23), whoever holds it again,
    in whichever class or institution. A person listed twice in one class is CLS-DUPLICATE-PERSON's
    and is not repeated here."""
    first: dict[str, Holding] = {}
    repeats = []
    for h in certificate_holdings(rs):
        seen = first.setdefault(h.number_ref, h)
        if seen is not h and not (seen.class_id == h.class_id and seen.person == h.person):
            repeats.append((h, seen))
    return repeats


def build_ledger(rs: RecordSet, as_of: dt.date) -> list[LedgerEntry]:
    """Order every subsidy of a person, inside and outside this system, by its own date (a prior
    subsidy on the same day as a certificate first, then certificates by class id), and apply the
    per-person cap and the same-occupation-and-level rule in that order (苏财规〔2025〕2号: the
    fourth subsidy is the one granted fourth). A subsidy granted elsewhere after this system's
    certificate does not make this one the fourth; the later outside grant is not ours to judge.
    A certificate that an earlier holding already holds counts for nobody but that first holding
    (`certificate`: one certificate counts once in the whole ledger)."""
    repeated = {(h.class_id, h.index) for h, _ in repeated_certificates(rs)}
    candidates: list[tuple[dt.date, str, int, str, tuple[str, str], int]] = []
    for rec in rs.classes.values():
        cls = rec.model
        policy = rs.policy_on(cls.start_on)
        occ = occupation_key(rs, cls)
        prj = rs.project_of(cls)
        if policy is None or occ is None or prj is None or prj.unit_price is None:
            continue  # a class nobody pays for uses up none of a person's subsidies
        gate = _gate(rs, cls, policy)
        for i, t in enumerate(cls.trainees):
            if _has_certificate(t, as_of) and _pre_counted(t, gate) is None:
                assert t.assessment and t.assessment.certificate
                candidates.append(
                    (t.assessment.certificate.issued_on, cls.id, i, t.person, occ, policy.subsidy.max_per_person)
                )
    # (date, 0 for a prior subsidy / 1 for a certificate, class id, row, person, occupation, cap)
    timeline: list[tuple[dt.date, int, str, int, str, tuple[str, str], int]] = [
        (issued_on, 1, class_id, i, person, occ, cap) for issued_on, class_id, i, person, occ, cap in candidates
    ]
    if rs.prior_subsidies and candidates:
        people = {c[3] for c in candidates}
        timeline.extend((s.on, 0, "", n, s.person, (s.occupation_code.strip(), s.level), 0)
                        for n, s in enumerate(rs.prior_subsidies.model.subsidies) if s.person in people)
    used: dict[str, int] = defaultdict(int)
    seen: dict[str, set[tuple[str, str]]] = defaultdict(set)
    ledger: list[LedgerEntry] = []
    for issued_on, source, class_id, i, person, occ, cap in sorted(timeline, key=lambda c: c[:4]):
        if source == 0:  # granted outside this system: it happened, whatever the count
            used[person] += 1
            seen[person].add(occ)
            continue
        before = used[person]
        if occ in seen[person]:
            verdict: Verdict = "repeat"
        elif before >= cap:
            verdict = "cap"
        elif (class_id, i) in repeated:
            verdict = "certificate"
        else:
            verdict = "counted"
            used[person] += 1
            seen[person].add(occ)
        ledger.append(LedgerEntry(person, class_id, i, issued_on, occ, verdict, before))
    return ledger


def _employment_months(rs: RecordSet, class_id: str, as_of: dt.date) -> dict[str, set[int]]:
    rec = rs.employment.get(class_id)
    months: dict[str, set[int]] = defaultdict(set)
    if rec is None:
        return months
    limit = month_index(as_of)
    for entry in rec.model.records:
        if not counts_as_enterprise(entry.employer):
            continue  # 通知 四(五): stable employment is with an enterprise paying 企业职工基本养老保险
        held = months[entry.person]
        verified = entry.verified_on
        for m in entry.pension_months:
            index = month_or_none(m)
            if index is not None and index <= limit:
                on = verified.get(m) if verified else None
                if on is None or on <= as_of:  # a month counts from the day it was verified
                    held.add(index)
    return months


def counts_as_enterprise(employer: str) -> bool:
    """Whether an employer can be the enterprise of 通知 四(五) (企业需为其连续缴纳…企业职工基本养老保险):
    not when its code shows a state organ or public institution, whose staff join the organs' and
    public institutions' scheme (GB 32100-2015 kinds, generator/records/orgkinds.py)."""
    kind = kind_of(employer)
    return kind is None or kind.pension != "organ"


def settle_class(rs: RecordSet, cls: TrainingClass, as_of: dt.date, verdicts: Mapping[tuple[str, int], str]
                 ) -> ClassSettlement | None:
    prj = rs.project_of(cls)
    policy = rs.policy_on(cls.start_on)
    if prj is None or prj.unit_price is None or policy is None:
        return None
    app = rs.application_of(prj)
    sub = policy.subsidy
    months = _employment_months(rs, cls.id, as_of)
    now = month_index(as_of)
    outcomes: list[TraineeOutcome] = []
    gate = _gate(rs, cls, policy)
    for i, t in enumerate(cls.trainees):
        reason = _pre_counted(t, gate)
        certified = _has_certificate(t, as_of)
        if reason is None and not certified:
            reason = "not_yet_certified"
        if reason is None:
            verdict = verdicts.get((cls.id, i), "counted")
            reason = None if verdict == "counted" else verdict  # type: ignore[assignment]
        employed = closed = False
        run = 0
        if certified:
            assert t.assessment and t.assessment.certificate
            m = month_index(t.assessment.certificate.issued_on)
            first, last = m + 1, m + sub.employment_window_months
            run = longest_run(months.get(t.person, set()), first, last)
            employed = run >= sub.stable_employment_months
            closed = now > last
        outcomes.append(TraineeOutcome(t.person, i, certified, reason is None, reason, employed, closed, run))
    enrolled = len(cls.trainees)
    certified_n = sum(o.certified for o in outcomes)
    counted = sum(o.counted for o in outcomes)
    employed_n = sum(o.employed for o in outcomes)
    ended = as_of >= cls.end_on
    awaiting = sum(1 for o, t in zip(outcomes, cls.trainees, strict=True)
                   if t.assessment is None or (t.assessment.passed and not o.certified))
    windows_closed = ended and not awaiting and all(o.window_closed for o in outcomes if o.certified)

    total = money(prj.unit_price * counted)
    first_amount = money(sub.first_share * total)
    amounts = {
        "first": first_amount,
        "remainder": total - first_amount,
        "bonus": money(sub.bonus_share * prj.unit_price * counted),
    }

    def status(threshold: Decimal | None) -> Status:
        if not ended:
            return "pending"
        if threshold is None or (enrolled > 0 and Decimal(employed_n) >= threshold * enrolled):
            return "due"
        return "not_met" if windows_closed else "pending"

    def first_status() -> Status:
        """Due for those counted; with nobody counted yet, waiting while a certificate is awaited
        (待定), and nothing at all once every trainee's outcome is recorded."""
        if not ended or counted:
            return status(None)
        return "pending" if awaiting else "not_met"

    statuses = {
        "first": first_status(),
        "remainder": status(sub.remainder_threshold),
        "bonus": status(sub.bonus_threshold),
    }
    phases = {
        p: PhaseResult(statuses[p], amounts[p] if statuses[p] != "not_met" else Decimal("0.00")) for p in PHASES
    }
    stop = prj.terminated.on if prj.terminated is not None else None
    if stop is not None and as_of >= stop:
        phases = _after_termination(rs, cls, stop, phases, verdicts)
    paid = {p: Decimal("0.00") for p in PHASES}
    pay = rs.payments.get(cls.id)
    if pay is not None:
        for inst in pay.model.installments:
            if inst.paid_on <= as_of:
                paid[inst.phase] += inst.amount
    rate = (Decimal(employed_n) / Decimal(enrolled)).quantize(RATE_PLACES, ROUND_HALF_UP) if enrolled else Decimal(
        "0.0000"
    )
    return ClassSettlement(
        class_id=cls.id, project=prj.id, institution=app.institution if app else "", unit_price=prj.unit_price,
        enrolled=enrolled, certified=certified_n, counted=counted, employed=employed_n, rate=rate,
        phases=phases, paid_by_phase=paid, trainees=tuple(outcomes),
        # a trainee without a recorded assessment may still be certified later: not final yet
        finished=windows_closed,
        awaiting_certificates=awaiting,
    )


def _after_termination(rs: RecordSet, cls: TrainingClass, stop: dt.date, phases: dict[str, PhaseResult],
                       verdicts: Mapping[tuple[str, int], str]) -> dict[str, PhaseResult]:
    """What a termination (通知 五(二)) leaves due, decided here since the notice does not say: a
    class not ended before the termination date owes nothing; a class ended before it keeps its first
    installment, and its remainder and bonus only as far as they were due the day before (nothing
    new becomes due after a termination, and nothing lawfully paid before it becomes undue)."""
    nothing = PhaseResult("not_met", Decimal("0.00"))
    if cls.end_on >= stop:
        return dict.fromkeys(PHASES, nothing)
    before = settle_class(rs, cls, stop - dt.timedelta(days=1), verdicts)
    kept = dict(phases)
    for p in ("remainder", "bonus"):
        then = before.phases[p] if before is not None else nothing
        kept[p] = then if then.status == "due" else nothing
    return kept


def verdicts_of(ledger: list[LedgerEntry]) -> dict[tuple[str, int], str]:
    return {(e.class_id, e.index): e.verdict for e in ledger}


def due_on(rs: RecordSet, cls: TrainingClass, day: dt.date, verdicts: Mapping[tuple[str, int], str]
           ) -> ClassSettlement | None:
    """What was due for `cls` on `day`, from the facts of that day: the training ended, the
    certificates issued and the pension months verified by then (通知 四(五)). `verdicts` may come
    from a ledger as of any later date: the ledger is in certificate order, so the verdict of a
    certificate issued by `day` does not depend on later ones."""
    return settle_class(rs, cls, day, verdicts)


def compute(rs: RecordSet, as_of: dt.date) -> Settlement:
    ledger = build_ledger(rs, as_of)
    verdicts = verdicts_of(ledger)
    result = Settlement(as_of=as_of, ledger=ledger)
    for class_id in sorted(rs.classes):
        settled = settle_class(rs, rs.classes[class_id].model, as_of, verdicts)
        if settled is not None:
            result.classes.append(settled)
    return result
