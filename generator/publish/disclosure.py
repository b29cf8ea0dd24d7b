"""Disclosure control for everything published (docs/privacy.md), in one place.

Keyed pseudonyms are not anonymous, so the site and the downloads show aggregates only, and an
aggregate only when it cannot single anyone out: a count `c` of `n` is shown when
`k <= c <= n - k` (k = policy `outcome_min_cell`), because both `c` and `n - c` then cover at
least k people (0 % and 100 % reveal everyone). Per class only 10-point rate bands appear, never
counts. Within a table whose cells add up to a shown total, a single suppressed cell could be
recovered by subtraction, so a second cell is suppressed with it (secondary suppression).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from generator.records.project import Project
from generator.records.record_set import RecordSet
from generator.records.training import TrainingClass
from generator.settlement.arithmetic import ClassSettlement, Settlement

SUPPRESSED = "—"  # shown in place of a suppressed figure; the page explains it


@dataclass(frozen=True)
class Cell:
    """A published count of `n`: `count`/`rate` are None when suppressed."""

    count: int | None
    n: int
    rate: Decimal | None  # a fraction 0..1, 4 places

    @property
    def suppressed(self) -> bool:
        return self.count is None

    @property
    def count_text(self) -> str:
        return SUPPRESSED if self.count is None else str(self.count)

    @property
    def rate_text(self) -> str:
        """One decimal of a percent, rounded once from the count (20 of 44 is 45.5 %, where rounding
        the 4-place `rate` again would give 45.4 %)."""
        if self.count is None or self.rate is None:
            return SUPPRESSED
        return f"{(Decimal(self.count) * 100 / Decimal(self.n)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def passes(c: int, n: int, k: int) -> bool:
    """The threshold rule: both the count and its complement cover at least k people."""
    return n > 0 and k <= c <= n - k


def cell(c: int, n: int, k: int) -> Cell:
    if not passes(c, n, k):
        return Cell(None, n, None)
    return Cell(c, n, (Decimal(c) / Decimal(n)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def suppress(cell_value: Cell) -> Cell:
    return Cell(None, cell_value.n, None)


def table(counts: Sequence[tuple[int, int]], k: int) -> tuple[list[Cell], Cell]:
    """Cells for rows that add up to a total row, with secondary suppression.

    Returns the row cells and the total cell. If exactly one row is suppressed while the total is
    shown, the smallest other shown row is suppressed too, so no row can be derived by subtraction.
    """
    rows = [cell(c, n, k) for c, n in counts]
    total = cell(sum(c for c, _ in counts), sum(n for _, n in counts), k)
    hidden = [i for i, r in enumerate(rows) if r.suppressed]
    if len(hidden) == 1 and not total.suppressed:
        shown = [i for i, r in enumerate(rows) if not r.suppressed]
        if shown:
            victim = min(shown, key=lambda i: (counts[i][0], i))
            rows[victim] = suppress(rows[victim])
        else:
            total = suppress(total)
    return rows, total


def band(c: int, n: int, k: int) -> str | None:
    """A class's rate as a 10-point band such as "50%–60%", or None when it may not be shown.

    A band is withheld for classes smaller than k and for bands that touch 0 % or 100 %: "0–10 %"
    in a small class says that (almost) nobody found work, which singles people out as surely as 0 %.
    """
    if n < k or n == 0:
        return None
    rate = Decimal(c) / Decimal(n)
    if rate < Decimal("0.1") or rate >= Decimal("0.9"):
        return None
    low = int(rate * 10) * 10
    return f"{low}%–{low + 10}%"


@dataclass(frozen=True)
class Linked:
    """A published count in one of several tables over the same people (e.g. by field, by category,
    by year), with the units (classes) it covers, so that tables can be checked against each other."""

    members: frozenset[str]
    count: int
    n: int
    table: str
    total: bool = False  # a table's total row: suppressed only when nothing else helps


def suppress_linked(cells: Sequence[Linked], shown: set[int], k: int) -> set[int]:
    """Which of `shown` (indexes into `cells`) may stay shown when the tables are read together.

    `table` protects each table on its own; across tables a reader can still subtract. If the
    manufacturing row of a category table covers the smart-manufacturing row of a field table plus
    one small class, the difference is that class's count. So for every shown cell S and every
    table, the shown rows of that table lying inside S are subtracted from S; if what remains
    fails the threshold rule, the smallest non-total cell involved is suppressed as well, and the
    check repeats until nothing fails. What is left must also cover at least two classes, since a
    class's exact count is never published (only its band). This also covers a total minus several shown rows of its own
    table. It does not search every linear combination of cells (a full audit is a linear program);
    the tables published here nest, which is the case it guards.
    """
    visible = set(shown)
    tables = sorted({c.table for c in cells})
    # only cells sharing a member can lie inside another (cells without members lie inside any):
    # indexing them keeps this linear in the cells' sizes instead of quadratic in their number
    containing: dict[str, list[int]] = {}
    anywhere = []
    for j, cell in enumerate(cells):
        if cell.total:
            continue
        if not cell.members:
            anywhere.append(j)
        for member in cell.members:
            containing.setdefault(member, []).append(j)
    changed = True
    while changed:
        changed = False
        for i in sorted(visible):
            whole = cells[i]
            near = {j for m in whole.members for j in containing.get(m, ())}.union(anywhere)
            inside = sorted(j for j in near if j != i and j in visible and cells[j].members <= whole.members)
            for name in tables:
                parts = [j for j in inside if cells[j].table == name]
                covered = frozenset().union(*(cells[j].members for j in parts))
                if not parts or covered == whole.members:
                    continue
                rest_c = whole.count - sum(cells[j].count for j in parts)
                rest_n = whole.n - sum(cells[j].n for j in parts)
                # what is left must pass the threshold rule and cover at least two classes: one
                # class's exact count is never published (a class shows only a band)
                if rest_n == 0 or (passes(rest_c, rest_n, k) and len(whole.members - covered) >= 2):
                    continue
                candidates = [j for j in [i, *parts] if not cells[j].total] or [i]
                visible.discard(min(candidates, key=lambda j: (cells[j].n, j)))
                changed = True
                break
            if changed:
                break
    return visible


# -- money ---------------------------------------------------------------------------------------
#
# Payments and 应拨未拨 are public money, and a project's money is arithmetic over its cohort: the
# first installment is 80 % × unit price × the counted trainees, the remainder and the bonus are
# paid only at ≥ 30 % / ≥ 50 % stable employment. Published per class, per phase or per payment
# date before the outcome pages speak, they told each class's counted trainees and whether it
# reached either threshold (issue 24). So every money figure the public sees (pages, payments.csv,
# OCDS, the 资金预算 page's 已拨付, 应拨未拨 and 待定) follows one rule, decided here:
#
# - a project's money is published only once its cohort is closed, exactly when the outcome pages
#   publish it (every class finished, all employment windows closed, and no further class can
#   come), and only when its trainees, and the trainees its subsidy was counted for, each number at
#   least k: before that, and for smaller projects, its figures read “结果公开后公布” and it counts
#   in no total;
# - it is published as the project's totals (paid, due now, pending), never per class, per phase
#   or per payment date, which would set one class's count apart from its siblings';
# - every total (a call, a year, an institution, the whole site) sums exactly the projects whose
#   money is published, so that no subtraction between published figures isolates a withheld one.
#
# Committed amounts (quota × unit price × (1 + bonus share)) are plan figures fixed at the decision
# and stay public for every project.


@dataclass(frozen=True)
class Cohort:
    """What the money rule knows of one project: whether its cohort is closed (as the outcome pages
    judge it) and how many trainees it enrolled."""

    project: str
    closed: bool
    enrolled: int
    counted: int  # trainees the subsidy is paid for: the first installment is 80 % × price × counted
    classes: int = 0


def cohort_closed(prj: Project, classes: Sequence[TrainingClass], settled: Mapping[str, ClassSettlement]) -> bool:
    """Closed: every class finished (all employment windows closed) and the project can get no
    further class (completed, terminated, or its class quota used). The outcome pages publish a
    project's counts from then on, and its money is published with them."""
    if not all(c.id in settled and settled[c.id].finished for c in classes):
        return False
    if prj.status in ("completed", "terminated"):
        return True
    return prj.quota is not None and len(classes) >= prj.quota.classes


def money_cohorts(rs: RecordSet, settlement: Settlement) -> list[Cohort]:
    """Every project's cohort as the money rule reads it."""
    settled = {c.class_id: c for c in settlement.classes}
    found = []
    for pid, rec in sorted(rs.projects.items()):
        classes = [c.model for c in rs.classes_by_project.get(pid, [])]
        results = [settled[c.id] for c in classes if c.id in settled]
        found.append(Cohort(pid, bool(classes) and cohort_closed(rec.model, classes, settled),
                            sum(r.enrolled for r in results), sum(r.counted for r in results), len(classes)))
    return found


def money_public(cohort: Cohort, k: int) -> bool:
    """Whether a project's money figures may be published (see the rule above). A project without
    any class has no cohort to reveal (and nothing paid): its zeros are published."""
    return cohort.classes == 0 or (cohort.closed and cohort.enrolled >= k and cohort.counted >= k)


def money_projects(cohorts: Sequence[Cohort], k: int) -> frozenset[str]:
    """The projects whose money is published, on their own and in every total."""
    return frozenset(c.project for c in cohorts if money_public(c, k))


WITHHELD_MONEY = "结果公开后公布"  # shown in place of a project's withheld money figures


# Record fields whose values the site (pages and open data) already publishes for a published
# record, by record kind; a change of one of these may be shown as old → new. List items are
# written with `[]` (any position). Everything else, and every field of a record the site does not
# publish, is shown by its label alone: contact people, phones and e-mail addresses, signatures,
# expert names and scores, roster rows, employment records, per-class payments (published by
# project only, since a class's amount tells its certified count), requested prices, accounts.
PUBLIC_VALUES: dict[str, frozenset[str]] = {
    "project": frozenset({
        "status", "decided_on", "unit_price", "quota.trainees", "quota.classes", "contract.number",
        "contract.term.from", "contract.term.to", "terminated.on", "terminated.reason", "review.on",
        "review.rank", "review.rank_reason", "review.opinion",
    }),
    "application": frozenset({
        "project_name", "district", "call", "field", "category", "industry_chain", "catalog.occupation_code",
        "catalog.level", "target_groups[]", "description.industry_status", "description.skill_demand",
        "description.goals", "curriculum[].module", "curriculum[].theory_periods", "curriculum[].practical_periods",
        "evaluation.kind", "evaluation.body", "employers[].name", "employers[].post", "employers[].positions",
        "employment_service",
    }),
    "class": frozenset({"start_on", "end_on", "periods.theory", "periods.practical"}),
    "institution": frozenset({"name", "type", "address", "qualification.kind", "qualification.valid_until"}),
    "call": frozenset({
        "title", "issuer", "opens_on", "closes_on", "budget", "planned_trainees", "directions.fields[]",
        "directions.categories[]",
    }),
}
# Lists of people: a change in them is told without values and without a number of people, since a
# class's enrolment is suppressed like its outcomes (published per project, once the rules pass).
ROSTERS: dict[str, frozenset[str]] = {
    "class": frozenset({"trainees"}),
    "employment": frozenset({"records"}),
}


def value_public(kind: str, path: str) -> bool:
    """Whether the value at `path` (list positions written `[]`) of a published record of `kind` is public."""
    return path in PUBLIC_VALUES.get(kind, frozenset())


def roster(kind: str, list_name: str) -> bool:
    return list_name in ROSTERS.get(kind, frozenset())
