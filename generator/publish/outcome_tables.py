"""Aggregate outcomes of finished cohorts, by field, category and year (docs/privacy.md).

Only classes whose every employment window has closed are counted, so a published figure never
changes afterwards. Each table passes through `disclosure.table` (threshold rule and secondary
suppression), and then the three tables are checked against each other with
`disclosure.suppress_linked`, because they describe the same people: a category row minus a field
row must not reveal a small group. The home page reuses the totals from here, so every page shows
the same, equally protected numbers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from generator.publish.disclosure import Cell, Linked, suppress, suppress_linked, table
from generator.publish.views import ClassView, ProjectView, Views
from generator.records.labels import CATEGORY_LABELS, FIELD_LABELS


@dataclass(frozen=True)
class OutcomeRow:
    key: str
    label: str
    classes: int
    enrolled: int
    certified: Cell
    employed: Cell


@dataclass(frozen=True)
class OutcomeTable:
    slug: str
    title: str  # e.g. 按征集方向
    dimension: str  # the first column's heading
    rows: list[OutcomeRow]
    total: OutcomeRow


@dataclass(frozen=True)
class ScaleRow:
    """Size of the programme so far (every class that has started): no outcome, so no suppression."""

    key: str
    label: str
    projects: int
    classes: int
    enrolled: int


Key = Callable[[ProjectView, ClassView], str]


@dataclass(frozen=True)
class Dimension:
    slug: str
    title: str
    heading: str
    key: Key
    labels: dict[str, str] | None  # None: the key is a year

    def label(self, key: str) -> str:
        return self.labels[key] if self.labels else f"{key} 年"

    def order(self, keys: set[str]) -> list[str]:
        return sorted(keys) if self.labels is None else [k for k in self.labels if k in keys]


DIMENSIONS = (
    Dimension("field", "按征集方向", "征集方向", lambda p, c: p.application.field, FIELD_LABELS),
    Dimension("category", "按类别", "类别", lambda p, c: p.application.category, CATEGORY_LABELS),
    Dimension("year", "按结业年度", "结业年度", lambda p, c: str(c.model.end_on.year), None),
)

Groups = list[tuple[str, list[ClassView]]]


def _groups(views: Views, dim: Dimension) -> Groups:
    found: dict[str, list[ClassView]] = defaultdict(list)
    for p, c in views.classes:
        if c.stage == "finished":
            found[dim.key(p, c)].append(c)
    return [(g, found[g]) for g in dim.order(set(found))]


def _single_class_suppressed(groups: Groups, protected: tuple[list[Cell], Cell]) -> tuple[list[Cell], Cell]:
    """A group made of one class with trainees would show that class's exact count, which its
    project page shows only as a band: suppressed (and, if it was the table's only hidden row, the
    smallest other shown row with it, so that the total cannot give it back)."""
    rows, total = protected
    single = {i for i, (_, cs) in enumerate(groups) if sum(c.enrolled > 0 for c in cs) < 2}
    rows = [suppress(r) if i in single else r for i, r in enumerate(rows)]
    hidden = [i for i, r in enumerate(rows) if r.suppressed]
    if len(hidden) == 1 and not total.suppressed:
        shown = [i for i, r in enumerate(rows) if not r.suppressed]
        if shown:
            victim = min(shown, key=lambda i: (rows[i].n, i))
            rows[victim] = suppress(rows[victim])
        else:
            total = suppress(total)
    every = [c for _, cs in groups for c in cs]
    if sum(c.enrolled > 0 for c in every) < 2:
        total = suppress(total)
    return rows, total


def _protect(all_groups: list[Groups], measure: Callable[[ClassView], int], k: int) -> list[tuple[list[Cell], Cell]]:
    """One measure (certified or employed) over every table: each table alone, then all together."""
    per_table = [_single_class_suppressed(
        groups, table([(sum(measure(c) for c in cs), sum(c.enrolled for c in cs)) for _, cs in groups], k))
        for groups in all_groups]
    linked: list[Linked] = []
    cells: list[Cell] = []
    for t, (groups, (rows, total)) in enumerate(zip(all_groups, per_table, strict=True)):
        for (_, cs), cell_ in zip(groups, rows, strict=True):
            linked.append(Linked(frozenset(c.model.id for c in cs), sum(measure(c) for c in cs),
                                 sum(c.enrolled for c in cs), str(t)))
            cells.append(cell_)
        every = [c for _, cs in groups for c in cs]
        linked.append(Linked(frozenset(c.model.id for c in every), sum(measure(c) for c in every),
                             sum(c.enrolled for c in every), str(t), total=True))
        cells.append(total)
    visible = suppress_linked(linked, {i for i, c in enumerate(cells) if not c.suppressed}, k)
    final = [c if i in visible else suppress(c) for i, c in enumerate(cells)]
    result = []
    for groups in all_groups:
        rows, final = final[: len(groups)], final[len(groups):]
        total, final = final[0], final[1:]
        result.append((rows, total))
    return result


def outcome_tables(views: Views, k: int) -> list[OutcomeTable]:
    all_groups = [_groups(views, dim) for dim in DIMENSIONS]
    certified = _protect(all_groups, lambda c: c.certified, k)
    employed = _protect(all_groups, lambda c: c.employed, k)
    tables = []
    for dim, groups, (c_rows, c_total), (e_rows, e_total) in zip(DIMENSIONS, all_groups, certified, employed,
                                                                  strict=True):
        rows = [
            OutcomeRow(g, dim.label(g), len(cs), sum(c.enrolled for c in cs), cr, er)
            for (g, cs), cr, er in zip(groups, c_rows, e_rows, strict=True)
        ]
        every = [c for _, cs in groups for c in cs]
        total = OutcomeRow("total", "合计", len(every), sum(c.enrolled for c in every), c_total, e_total)
        tables.append(OutcomeTable(dim.slug, dim.title, dim.heading, rows, total))
    return tables


def scale_by_field(views: Views) -> tuple[list[ScaleRow], ScaleRow]:
    projects: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, int] = defaultdict(int)
    enrolled: dict[str, int] = defaultdict(int)
    for p in views.projects:
        projects[p.application.field].add(p.id)
    for p, c in views.classes:
        if c.stage != "planned":
            classes[p.application.field] += 1
            enrolled[p.application.field] += c.enrolled
    rows = [
        ScaleRow(f, FIELD_LABELS[f], len(projects[f]), classes[f], enrolled[f])
        for f in DIMENSIONS[0].order(set(projects))
    ]
    total = ScaleRow("total", "合计", sum(r.projects for r in rows), sum(r.classes for r in rows),
                     sum(r.enrolled for r in rows))
    return rows, total
