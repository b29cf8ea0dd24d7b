"""Holds: an error holds only the classes it touches, never the whole city's settlement or site.

Validation errors stay errors (`peixun validate` exits 1 and a pull request is refused), but
settling and publishing go on for every class whose records are clean. A class is held when an
error is in a record it is made from:

- its own class file, its employment file or its payments file, or a correction of it;
- its project, its project's application, or that application's institution;
- a reference record it is judged by: the policy in force on its start date, a catalog, or the
  prior-subsidies entry of one of its trainees (`roles.yaml` and sealed rosters feed no settlement
  and hold none).

A reference file that could not be loaded at all (its kind known, its content not) holds every
class, because nothing tells which classes it would have judged. A class whose count depends on a
held class is held too: when a trainee's subsidy counted in a held class and, because of it, did
not count in a later class (the per-person cap or the same-occupation rule), the later class waits
for the held one (one step, not transitively).

`held` entries are what the settlement artifacts list and what the site build reports to the bureau
(never on the public site): one per class and error, `{"class", "rule", "path", "message"}`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from generator.errors import RecordsInvalidError
from generator.findings import Finding, Severity
from generator.records.kinds import kind_for
from generator.records.loaded import LoadResult
from generator.records.record_set import Record, RecordSet
from generator.records.sealed_files import is_sealed_rel
from generator.settlement.arithmetic import LedgerEntry

ALL = "*"  # a hold on every class (a reference file that could not be read)


@dataclass(frozen=True, order=True)
class Hold:
    """One class held by one error."""

    class_id: str
    rule: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"class": self.class_id, "rule": self.rule, "path": self.path, "message": self.message}


class _Index:
    """Which classes each record feeds, built once per call."""

    def __init__(self, loaded: LoadResult) -> None:
        rs = loaded.records
        self.rs, self.loaded = rs, loaded
        self.by_path: dict[str, Record[Any]] = {r.path: r for r in rs.all_records()}
        self.classes_of_project: dict[str, set[str]] = defaultdict(set)
        self.classes_of_app: dict[str, set[str]] = defaultdict(set)
        self.classes_of_inst: dict[str, set[str]] = defaultdict(set)
        self.classes_of_person: dict[str, set[str]] = defaultdict(set)
        for cid, rec in rs.classes.items():
            cls = rec.model
            self.classes_of_project[cls.project].add(cid)
            for t in cls.trainees:
                self.classes_of_person[t.person].add(cid)
            prj = rs.projects.get(cls.project)
            if prj is None:
                continue
            self.classes_of_app[prj.model.application].add(cid)
            app = rs.applications.get(prj.model.application)
            if app is not None:
                self.classes_of_inst[app.model.institution].add(cid)

    def touched(self, finding: Finding) -> set[str]:
        """The class ids an error in `finding.path` (at `finding.loc`) touches; {ALL} for all."""
        rs = self.rs
        rec = self.by_path.get(finding.path)
        relative = self.loaded.relative(finding.path)
        rel = PurePosixPath(relative) if relative is not None else None
        kind = rec.kind if rec is not None else (kind_for(rel) if rel is not None else None)
        if kind is None and rel is not None and is_sealed_rel(rel.as_posix()):
            return set()  # a sealed roster feeds nothing until imported (SEALED still blocks the merge)
        if kind is None:
            return {ALL}  # not a record we can place: hold everything rather than publish it
        stem = PurePosixPath(finding.path).stem
        name = kind.name
        if name in ("class", "employment", "payments"):
            model = rec.model if rec is not None else None
            cid = getattr(model, "class_", None) or stem
            return {cid}
        if name == "project":
            return set(self.classes_of_project.get(stem, set()))
        if name == "application":
            return set(self.classes_of_app.get(stem, set()))
        if name == "institution":
            return set(self.classes_of_inst.get(stem, set()))
        if name == "correction":
            return {rec.model.class_} if rec is not None else {ALL}
        if name in ("roles", "call"):
            return set()  # who may change which files, a call's window and budget: no class is settled from them
        if name == "policy" and rec is not None:
            return {cid for cid, c in rs.classes.items() if rs.policy_on(c.model.start_on) is rec.model}
        if name == "prior_subsidies" and rec is not None and len(finding.loc) >= 2 \
                and finding.loc[0] == "subsidies" and isinstance(finding.loc[1], int):
            subsidies = rec.model.subsidies
            i = finding.loc[1]
            if 0 <= i < len(subsidies):
                return set(self.classes_of_person.get(subsidies[i].person, set()))
        return {ALL}


def dependents(ledger: Iterable[LedgerEntry], held: set[str]) -> dict[str, tuple[str, str]]:
    """Classes not held whose subsidy count a held class decided: class -> (held class, person)."""
    counted_in_held: dict[str, str] = {}
    found: dict[str, tuple[str, str]] = {}
    for e in sorted(ledger, key=lambda e: (e.issued_on, e.class_id, e.index)):
        if e.class_id in held:
            if e.verdict == "counted":
                counted_in_held.setdefault(e.person, e.class_id)
        elif e.verdict != "counted" and e.person in counted_in_held and e.class_id not in found:
            found[e.class_id] = (counted_in_held[e.person], e.person)
    return found


# Errors that hold no class. PAY-DATE: an installment dated after the as-of date is not counted as
# paid by the settlement as of that date (nothing has been paid yet, as of then), and a settlement
# as of a past day over today's records must not hold every class paid since; the error still fails
# the pull request that records it and `record-payment` refuses a class that holds one.
HOLDS_NOTHING = frozenset({"PAY-DATE"})


def find_holds(loaded: LoadResult, findings: Iterable[Finding], ledger: Iterable[LedgerEntry] = ()) -> list[Hold]:
    """Every (class, error) hold, sorted; warnings hold nothing."""
    index = _Index(loaded)
    rs = loaded.records
    holds: set[Hold] = set()
    for f in findings:
        if f.severity is not Severity.ERROR or f.rule in HOLDS_NOTHING:
            continue
        for cid in index.touched(f):
            holds.add(Hold(cid, f.rule, f.path, f.message))
    if any(h.class_id == ALL for h in holds):
        everything = [h for h in holds if h.class_id == ALL]
        holds = {h for h in holds if h.class_id != ALL}
        for cid in rs.classes:
            for h in everything:
                holds.add(Hold(cid, h.rule, h.path, h.message))
    held_ids = {h.class_id for h in holds}
    for cid, (source, _person) in dependents(ledger, held_ids).items():
        holds.add(Hold(cid, "HOLD-DEPENDS", rs.classes[cid].path,
                       f"班次 {source} 被暂缓结算，本班次有参训人员的补贴次数（每人上限、同一职业同一等级）"
                       f"取决于该班次是否计入；待班次 {source} 的错误修正后一并结算"))
    return sorted(holds)


def without_classes(rs: RecordSet, held: set[str]) -> RecordSet:
    """A view of `rs` without the held classes and their employment and payment records, for
    publishing (the records themselves are shared, not copied)."""
    if not held:
        return rs
    view = replace(
        rs,
        classes={k: v for k, v in rs.classes.items() if k not in held},
        employment={k: v for k, v in rs.employment.items() if k not in held},
        payments={k: v for k, v in rs.payments.items() if k not in held},
        _in_force_memo={},
    )
    view.index()
    return view


def held_classes(holds: Iterable[Hold]) -> set[str]:
    return {h.class_id for h in holds}


class HeldRefused(RecordsInvalidError):
    """`--strict`: any hold fails the command (after the artifacts of the clean classes are written)."""

    def __init__(self, held: list[Hold], action: str) -> None:
        count = len(held_classes(held))
        super().__init__(
            f"有 {count} 个班次因记录错误暂缓{action}（--strict 要求没有暂缓）。请先修正（peixun validate）"
        )
        self.held = held
