"""Per-project outcome counts, published only where nobody can be singled out (docs/privacy.md).

A project's certified and employed counts appear only when all of these hold:
- its cohort is closed: every class is `finished` (all employment windows closed) and the project
  can get no further class (completed, terminated, or its class quota used). A running total
  would change when the next class finishes, and the difference between two versions of the file
  would be that class's count;
- at least two of its classes have trainees: a one-class project's count is that class's count,
  and a class may only be shown as a band;
- the count passes `disclosure.cell` (k = the strictest `outcome_min_cell` of any policy);
- it cannot be derived against figures already published elsewhere about the same classes (the
  site's outcome tables by field, category and year): `disclosure.suppress_linked` runs over both,
  and since the other figures are already public, only project cells may give way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from generator.opendata.scope import min_cell, project_classes
from generator.publish.disclosure import Cell, Linked, cell, cohort_closed, suppress, suppress_linked
from generator.records.project import Project
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import ClassSettlement

Measure = Literal["certified", "employed"]
MEASURES: tuple[Measure, ...] = ("certified", "employed")
NO_CLASS = "尚未开班"
OPEN = "未结束"
FINISHED = "已结束"
PROJECTS_TABLE = "opendata.projects"


@dataclass
class ProjectOutcome:
    status: str  # NO_CLASS, OPEN or FINISHED
    enrolled: int | None = None  # the denominator, given once the cohort is closed
    cells: dict[Measure, Cell] = field(default_factory=dict)  # per measure, once the cohort is closed


_closed = cohort_closed  # one definition: the money rule publishes with the outcomes


def _count(result: ClassSettlement, measure: Measure) -> int:
    return result.certified if measure == "certified" else result.employed


def _unlinkable(mine: dict[str, Linked], published: Sequence[Linked], k: int) -> set[str]:
    """The project cells that may stay shown next to the already published cells."""
    keep = dict(mine)
    while keep:
        ids = list(keep)
        cells = [*published, *(keep[i] for i in ids)]
        visible = suppress_linked(cells, set(range(len(cells))), k)
        lost = {i for j, i in enumerate(ids, start=len(published)) if j not in visible}
        gone = [c for j, c in enumerate(published) if j not in visible]
        if gone:  # a public figure cannot be withdrawn: drop the project cells that overlap it
            lost |= {i for i in ids if any(keep[i].members & g.members for g in gone)} or set(ids)
        if not lost:
            break
        for i in lost:
            del keep[i]
    return set(keep)


def project_outcomes(rs: RecordSet, projects: Sequence[Project], settled: Mapping[str, ClassSettlement],
                     published: Mapping[Measure, Sequence[Linked]] | None = None) -> dict[str, ProjectOutcome]:
    """Outcomes of every project in `projects`. `published` holds, per measure, the cells other
    outputs already show (with the classes each covers); without it only the projects are checked."""
    outcomes: dict[str, ProjectOutcome] = {}
    candidates: dict[Measure, dict[str, Linked]] = {m: {} for m in MEASURES}
    k = min_cell(rs)
    for prj in projects:
        classes = project_classes(rs, prj.id)
        if not classes:
            outcomes[prj.id] = ProjectOutcome(NO_CLASS)
            continue
        if not _closed(prj, classes, settled):
            outcomes[prj.id] = ProjectOutcome(OPEN)
            continue
        results = [settled[c.id] for c in classes]
        n = sum(r.enrolled for r in results)
        several = sum(r.enrolled > 0 for r in results) >= 2
        cells: dict[Measure, Cell] = {}
        for m in MEASURES:
            count = sum(_count(r, m) for r in results)
            cells[m] = cell(count, n, k) if several else suppress(cell(count, n, k))
            if not cells[m].suppressed:
                candidates[m][prj.id] = Linked(frozenset(x.id for x in classes), count, n, PROJECTS_TABLE)
        outcomes[prj.id] = ProjectOutcome(FINISHED, n, cells)
    for m in MEASURES:
        keep = _unlinkable(candidates[m], (published or {}).get(m, ()), k)
        for pid in set(candidates[m]) - keep:
            outcomes[pid].cells[m] = suppress(outcomes[pid].cells[m])
    return outcomes
