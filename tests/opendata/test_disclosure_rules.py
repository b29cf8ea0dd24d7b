"""Published outcomes obey DESIGN.md section 6: finished cohorts only, cells of at least k, bands per class."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tests.conftest import PROJECT, World
from tests.opendata.helpers import build, read_json
from tests.settlement.test_arithmetic import set_employment, set_roster, trainee

CLOSED = dt.date(2027, 6, 30)  # certificates 2026-06-25: windows run 2026-07 .. 2026-12
OPEN = dt.date(2026, 11, 30)
EMPLOYED = ["2026-07", "2026-08", "2026-09"]


def cohort(world: World, enrolled: int, certified: int, employed: int, quota_classes: int = 1) -> None:
    set_roster(world, [trainee(i, certified=i < certified) for i in range(enrolled)])
    set_employment(world, {trainee(i)["person"]: EMPLOYED for i in range(employed)})

    def quota(d: Any) -> None:
        d["quota"]["trainees"] = max(enrolled, 1)
        d["quota"]["classes"] = quota_classes
    world.edit(PROJECT, quota)


def outputs(world: World, tmp_path: Path, as_of: dt.date) -> tuple[dict[str, Any], dict[str, Any]]:
    build(world.root, tmp_path / "out", as_of)
    [project] = read_json(tmp_path / "out" / "projects.json")
    [cls] = read_json(tmp_path / "out" / "classes.json")
    return project, cls


def test_a_finished_cohort_shows_counts_that_pass_the_rule(world: World, tmp_path: Path) -> None:
    cohort(world, enrolled=30, certified=20, employed=12)
    project, cls = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "已结束"
    assert (project["enrolled"], project["certified"], project["employed"]) == (30, 20, 12)
    assert (project["certified_rate"], project["employment_rate"]) == ("0.6667", "0.4000")
    assert cls["finished"] is True
    assert (cls["certified_band"], cls["employment_band"]) == ("60%–70%", "40%–50%")
    assert not {"enrolled", "certified", "employed"} & set(cls)  # per class: bands, never counts


def test_a_count_too_close_to_the_whole_is_suppressed_with_its_rate(world: World, tmp_path: Path) -> None:
    cohort(world, enrolled=30, certified=25, employed=9)
    project, cls = outputs(world, tmp_path, CLOSED)
    assert project["enrolled"] == 30
    assert project["certified"] is None and project["certified_rate"] is None  # 25 > 30 - 10
    assert project["employed"] is None and project["employment_rate"] is None  # 9 < 10
    assert cls["certified_band"] == "80%–90%" and cls["employment_band"] == "30%–40%"


def test_nothing_is_shown_while_windows_are_open(world: World, tmp_path: Path) -> None:
    cohort(world, enrolled=30, certified=20, employed=12)
    project, cls = outputs(world, tmp_path, OPEN)
    assert project["outcome_status"] == "未结束"
    assert all(project[k] is None for k in ("enrolled", "certified", "certified_rate", "employed", "employment_rate"))
    assert cls["finished"] is False and cls["certified_band"] is None and cls["employment_band"] is None


def test_a_project_that_may_still_open_a_class_shows_no_counts(world: World, tmp_path: Path) -> None:
    # a running total would change when the next class finishes, and the difference would be that class
    cohort(world, enrolled=30, certified=20, employed=12, quota_classes=2)
    project, cls = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "未结束" and project["certified"] is None
    assert cls["employment_band"] == "40%–50%"  # the class itself is final

    world.edit(PROJECT, lambda d: d.__setitem__("status", "completed"))
    project, _ = outputs(world, tmp_path, CLOSED)
    assert project["outcome_status"] == "已结束" and project["employed"] == 12


def test_a_small_class_gets_no_band(world: World, tmp_path: Path) -> None:
    cohort(world, enrolled=9, certified=5, employed=4)
    project, cls = outputs(world, tmp_path, CLOSED)
    assert cls["finished"] is True and cls["certified_band"] is None and cls["employment_band"] is None
    assert project["enrolled"] == 9 and project["certified"] is None and project["employed"] is None
