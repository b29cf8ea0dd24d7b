"""Published outcomes obey docs/privacy.md: closed cohorts only, cells of at least k, bands per class,
nothing derivable from a one-class project or against figures published elsewhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from generator.opendata.project_outcomes import project_outcomes
from generator.opendata.scope import published_projects
from generator.publish.disclosure import Linked
from generator.records.load import load_records
from generator.settlement.arithmetic import compute
from tests.conftest import CLASS, EMPLOYMENT, PROJECT, World
from tests.opendata.helpers import build, read_json
from tests.settlement.test_arithmetic import set_employment, set_roster, trainee

CLOSED = dt.date(2027, 6, 30)  # certificates 2026-06-25: windows run 2026-07 .. 2026-12
OPEN = dt.date(2026, 11, 30)
EMPLOYED = ["2026-07", "2026-08", "2026-09"]
SECOND = "classes/2026/P2026-001-02.yaml"


def cohort(world: World, *classes: tuple[int, int, int], quota_classes: int | None = None) -> None:
    """Classes of the world's project as (enrolled, certified, employed); persons never repeat."""
    start = 0
    for number, (enrolled, certified, employed) in enumerate(classes, start=1):
        rel = CLASS if number == 1 else f"classes/2026/P2026-001-{number:02d}.yaml"
        class_id = f"P2026-001-{number:02d}"
        if number > 1:
            world.copy(CLASS, rel)
            world.edit(rel, lambda d: d.__setitem__("id", class_id))  # noqa: B023 (runs at once)
        people = [trainee(start + i, certified=i < certified) for i in range(enrolled)]
        set_roster(world, people, rel)
        set_employment(world, {p["person"]: EMPLOYED for p in people[:employed]}, class_id,
                       EMPLOYMENT.replace("P2026-001-01", class_id))
        start += enrolled

    def quota(d: Any) -> None:
        d["quota"]["trainees"] = max(start, 1)
        d["quota"]["classes"] = quota_classes or len(classes)
    world.edit(PROJECT, quota)


def outputs(world: World, tmp_path: Path, as_of: dt.date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    build(world.root, tmp_path / "out", as_of)
    [project] = read_json(tmp_path / "out" / "projects.json")
    return project, read_json(tmp_path / "out" / "classes.json")


def test_a_closed_cohort_shows_counts_that_pass_the_rule(world: World, tmp_path: Path) -> None:
    cohort(world, (15, 10, 6), (15, 10, 6))
    project, classes = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "已结束"
    assert (project["enrolled"], project["certified"], project["employed"]) == (30, 20, 12)
    assert (project["certified_rate"], project["employment_rate"]) == ("0.6667", "0.4000")
    for cls in classes:
        assert cls["finished"] is True
        assert (cls["certified_band"], cls["employment_band"]) == ("60%–70%", "40%–50%")
        assert not {"enrolled", "certified", "employed"} & set(cls)  # per class: bands, never counts


def test_a_count_too_close_to_the_whole_or_too_small_is_suppressed_with_its_rate(world: World, tmp_path: Path) -> None:
    cohort(world, (15, 13, 5), (15, 12, 4))
    project, _ = outputs(world, tmp_path, CLOSED)
    assert project["enrolled"] == 30
    assert project["certified"] is None and project["certified_rate"] is None  # 25 > 30 - 10
    assert project["employed"] is None and project["employment_rate"] is None  # 9 < 10


def test_nothing_is_shown_while_windows_are_open(world: World, tmp_path: Path) -> None:
    cohort(world, (15, 10, 6), (15, 10, 6))
    project, classes = outputs(world, tmp_path, OPEN)
    assert project["outcome_status"] == "未结束"
    assert all(project[k] is None for k in ("enrolled", "certified", "certified_rate", "employed", "employment_rate"))
    assert all(c["finished"] is False and c["certified_band"] is c["employment_band"] is None for c in classes)


def test_a_project_that_may_still_open_a_class_shows_no_counts(world: World, tmp_path: Path) -> None:
    # a running total would change when the next class finishes, and the difference would be that class
    cohort(world, (15, 10, 6), (15, 10, 6), quota_classes=3)
    project, classes = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "未结束" and project["certified"] is None
    assert classes[0]["employment_band"] == "40%–50%"  # each class itself is final

    world.edit(PROJECT, lambda d: d.__setitem__("status", "completed"))
    project, _ = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "已结束" and project["employed"] == 12


def test_a_one_class_project_shows_bands_not_counts(world: World, tmp_path: Path) -> None:
    cohort(world, (30, 20, 12))
    project, [cls] = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "已结束" and project["enrolled"] == 30
    assert project["certified"] is None and project["employed"] is None  # they would be the class's counts
    assert cls["employment_band"] == "40%–50%"


def test_a_small_class_gets_no_band(world: World, tmp_path: Path) -> None:
    cohort(world, (9, 5, 4), (21, 15, 8))
    _, classes = outputs(world, tmp_path, CLOSED)
    assert classes[0]["certified_band"] is None and classes[0]["employment_band"] is None
    assert classes[1]["certified_band"] == "70%–80%"


def test_a_count_derivable_from_a_figure_published_elsewhere_is_suppressed(world: World) -> None:
    cohort(world, (15, 10, 6), (15, 10, 6))
    rs = load_records(world.root)
    settled = {c.class_id: c for c in compute(rs, CLOSED).classes}
    projects = published_projects(rs, CLOSED)
    mine = frozenset({"P2026-001-01", "P2026-001-02"})

    def employed(published: list[Linked]) -> int | None:
        outcome = project_outcomes(rs, projects, settled, {"employed": published})["P2026-001"]
        assert outcome.cells["certified"].count == 20  # only the linked measure is affected
        return outcome.cells["employed"].count

    assert employed([]) == 12
    # a field row of the site = this project's classes plus one class of 8 with 3 employed: 15 - 12 = 3
    assert employed([Linked(mine | {"X-01"}, 15, 38, "field")]) is None
    # the same row with a larger remainder (13 of 30 employed) reveals nothing
    assert employed([Linked(mine | {"X-01", "X-02"}, 25, 60, "field")]) == 12
    # a row about other classes only is unrelated
    assert employed([Linked(frozenset({"X-01"}), 12, 30, "field")]) == 12
