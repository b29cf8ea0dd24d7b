"""The procedure in order (通知 四(一)、四(二)、五(一)), eligibility over the whole engagement (通知 三), and
what a termination (通知 五(二)) does to the classes and the settlement."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from generator.settlement_output import settle
from tests.conftest import CLASS, INSTITUTION, PROJECT, World
from tests.rules.expect import no_finding, one_finding

D = dt.date
DAY = dt.timedelta(days=1)
CLASS_START, CLASS_END = D(2026, 6, 1), D(2026, 6, 20)
SUBMITTED = D(2026, 4, 10)


def _decided(day: dt.date) -> Any:
    def change(d: Any) -> None:
        d["decided_on"] = day
        d["contract"]["signed_on"] = day
        d["contract"]["term"]["from"] = D(2026, 5, 1)

    return change


@pytest.mark.parametrize(("decided", "early"), [
    (CLASS_START + DAY, True),  # the class starts the day before the decision and contract
    (CLASS_START, False),  # the same day
    (CLASS_START - DAY, False),
])
def test_no_class_before_its_projects_decision_and_contract_wu_yi(world: World, decided: dt.date,
                                                                   early: bool) -> None:
    """通知 五(一): the contract comes before the classes."""
    world.edit(PROJECT, _decided(decided))
    found = world.findings("CLS-ORDER")
    if early:
        assert len(found) == 2, [f.as_dict() for f in found]
        assert "项目确定日期" in found[0].message + found[1].message
        assert "协议签订日期" in found[0].message + found[1].message
    else:
        assert found == []


def test_a_class_span_ends_on_or_after_its_start(world: World) -> None:
    world.edit(CLASS, lambda d: d.update(end_on=CLASS_START - DAY))
    found = world.findings("CLS-ORDER")
    assert any("早于开班日期" in f.message for f in found)
    world.edit(CLASS, lambda d: d.update(end_on=CLASS_START))
    assert not any("早于开班日期" in f.message for f in world.findings("CLS-ORDER"))


@pytest.mark.parametrize("step", ["recommended", "review", "decided_on"])
def test_a_selected_project_records_every_step_er_er(world: World, step: str) -> None:
    """通知 四(一)、四(二): recommendation, expert review (the project's `review`), decision."""
    world.edit(PROJECT, lambda d: d.update({step: None}))
    one_finding(world, "PRJ-PROCEDURE", PROJECT, f"{step}:", step, "专家评审")


def test_status_and_termination_agree(world: World) -> None:
    world.edit(PROJECT, lambda d: d.update(status="terminated"))
    one_finding(world, "PRJ-PROCEDURE", PROJECT, "status:", "没有终止记录")


def _terminated(on: dt.date) -> Any:
    def change(d: Any) -> None:
        d["status"] = "terminated"
        d["terminated"] = {"on": on, "reason": "学员出勤率低，管理混乱"}

    return change


@pytest.mark.parametrize(("on", "running"), [
    (CLASS_END - DAY, True),
    (CLASS_END, True),  # the class's last day: still running
    (CLASS_END + DAY, False),  # the day after it ended
])
def test_a_class_running_on_the_termination_date_is_flagged_wu_er(world: World, on: dt.date,
                                                                  running: bool) -> None:
    """通知 五(二): termination while a class runs; that class owes nothing and is held."""
    world.edit(PROJECT, _terminated(on))
    report = settle(world.root, D(2027, 6, 30), use_cache=False).report
    if running:
        one_finding(world, "CLS-TERMINATED", CLASS, "end_on:", f"于 {on} 终止", "不予拨付")
        assert {h["class"] for h in report["held"]} == {"P2026-001-01"}
        assert {h["rule"] for h in report["held"]} >= {"CLS-TERMINATED", "PAY-OVER"}  # the 8000 paid are undue
    else:
        no_finding(world, "CLS-TERMINATED")
        [c] = report["classes"]
        assert {k: c["phases"]["first"][k] for k in ("status", "amount")} == {"status": "due", "amount": "8000.00"}


@pytest.mark.parametrize(("on", "kept"), [
    (D(2026, 10, 12), False),  # terminated the day the 30 % / 50 % were verified: not yet due the day before
    (D(2026, 10, 13), True),  # the day after: already due the day before, kept
    (D(2026, 10, 14), True),
])
def test_termination_keeps_only_what_was_due_before_it_wu_er(world: World, on: dt.date, kept: bool) -> None:
    """Decided: after a termination nothing new becomes due; the remainder and bonus already due the
    day before it stay due (a payment lawful then stays lawful)."""
    world.edit(PROJECT, _terminated(on))
    [c] = settle(world.root, D(2027, 6, 30), use_cache=False).report["classes"]
    assert c["phases"]["first"]["status"] == "due"
    expected = "due" if kept else "not_met"
    assert c["phases"]["remainder"]["status"] == c["phases"]["bonus"]["status"] == expected


@pytest.mark.parametrize(("valid_until", "lapsed"), [
    (CLASS_END - DAY, True),
    (CLASS_END, False),  # valid on the last class's last day
    (CLASS_END + DAY, False),
])
def test_qualification_valid_until_the_last_class_ends_san(world: World, valid_until: dt.date,
                                                           lapsed: bool) -> None:
    """通知 三: the qualification holds over the whole engagement, not only on submitted_on."""
    world.edit(INSTITUTION, lambda d: d["qualification"].update(valid_until=valid_until))
    if lapsed:
        one_finding(world, "INST-ENGAGEMENT", INSTITUTION, "valid_until:", f"有效期至 {valid_until}",
                    "整个项目期间有效")
    else:
        no_finding(world, "INST-ENGAGEMENT")


@pytest.mark.parametrize(("on", "inside"), [
    (SUBMITTED, False),  # the application's own day: INST-VIOLATIONS judges it
    (SUBMITTED + DAY, True),
    (CLASS_END, True),
    (CLASS_END + DAY, False),
])
def test_a_violation_inside_the_engagement_is_found_san(world: World, on: dt.date, inside: bool) -> None:
    """通知 三: no violation from application through contract to the last class."""
    world.edit(INSTITUTION, lambda d: d.update(violations=[{"on": on, "summary": "虚报培训人数"}]))
    if inside:
        one_finding(world, "INST-ENGAGEMENT", INSTITUTION, "- on:", "项目期间", "虚报培训人数")
    else:
        no_finding(world, "INST-ENGAGEMENT")
