"""CLS-*: a class's project, quota, hours, supervision, evidence, roster and attendance."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from generator.findings import Severity
from tests.conftest import AS_OF, CLASS, PROJECT, World, line_of
from tests.rules.expect import no_finding, one_finding

D = dt.date
CLASS_2 = "classes/2026/P2026-001-02.yaml"
CLASS_3 = "classes/2026/P2026-001-03.yaml"
WARNING = Severity.WARNING

CLASS_RULES = [
    "CLS-PROJECT", "CLS-QUOTA", "CLS-PERIODS", "CLS-PRACTICAL", "CLS-SUPERVISION", "CLS-EVIDENCE",
    "CLS-GROUP", "CLS-GRADUATE-WINDOW", "CLS-ATTENDANCE", "CLS-LOW-ATTENDANCE", "CLS-CERT-DATE",
    "CLS-DUPLICATE-PERSON", "CLS-OVERLAP",
]


def _set(**values: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data.update(values)

    return change


def _trainee(i: int, **values: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["trainees"][i].update(values)

    return change


def _all_trainees(**values: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        for t in data["trainees"]:
            t.update(values)

    return change


def _second_class(start: dt.date, end: dt.date, new_people: bool = False, class_id: str = "P2026-001-02"
                  ) -> Callable[[Any], None]:
    """Another class of the project, a copy of the world's class (same people unless `new_people`)."""

    def change(data: Any) -> None:
        data.update(id=class_id, start_on=start, end_on=end)
        for t in data["trainees"]:
            if new_people:
                t["person"] = "p_" + ("f" + t["person"][3:])
            t["assessment"]["certificate"]["issued_on"] = end

    return change


@pytest.mark.parametrize("rule_id", CLASS_RULES)
def test_clean_world_has_no_class_finding(world: World, rule_id: str) -> None:
    no_finding(world, rule_id)


# -- CLS-PROJECT -------------------------------------------------------------------------------

@pytest.mark.parametrize(("project", "klass"), [
    ({"status": "completed"}, {}),
    ({}, {"start_on": D(2026, 5, 20)}),  # first day of the contract term
    ({}, {"end_on": D(2027, 5, 19)}),  # last day of the contract term
    ({"status": "terminated", "terminated": {"on": D(2026, 6, 2), "reason": "出勤率低"}}, {}),
])
def test_class_of_a_selected_project_inside_its_term(
    world: World, project: dict[str, Any], klass: dict[str, Any]
) -> None:
    world.edit(PROJECT, _set(**project))
    world.edit(CLASS, _set(**klass))
    no_finding(world, "CLS-PROJECT")


@pytest.mark.parametrize(("project", "klass", "needle", "facts"), [
    ({"status": "recommended"}, {}, "project:", ("P2026-001", "已推荐", "selected")),
    ({"status": "rejected"}, {}, "project:", ("未入选",)),
    ({}, {"start_on": D(2026, 5, 19)}, "start_on:", ("2026-05-19", "早于协议期限 2026-05-20 至 2027-05-19")),
    ({}, {"end_on": D(2027, 5, 20)}, "end_on:", ("2027-05-20", "晚于协议期限", "2027-05-19")),
    ({"status": "terminated", "terminated": {"on": D(2026, 6, 1), "reason": "出勤率低"}}, {}, "start_on:",
     ("开班日期 2026-06-01", "终止日期 2026-06-01")),
])
def test_class_outside_its_project(
    world: World, project: dict[str, Any], klass: dict[str, Any], needle: str, facts: tuple[str, ...]
) -> None:
    world.edit(PROJECT, _set(**project))
    world.edit(CLASS, _set(**klass))
    one_finding(world, "CLS-PROJECT", CLASS, needle, *facts)


# -- CLS-QUOTA ---------------------------------------------------------------------------------

def test_quota_filled_exactly(world: World) -> None:
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 7, 1), D(2026, 7, 20), new_people=True))
    no_finding(world, "CLS-QUOTA")


def test_quota_of_trainees_exceeded_at_the_first_trainee_past_it(world: World) -> None:
    world.edit(PROJECT, lambda d: d["quota"].update(trainees=15))
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 7, 1), D(2026, 7, 20), new_people=True))
    one_finding(world, "CLS-QUOTA", CLASS_2, "- person:", "累计培训 20 人", "之前 10 人", "15 人", "第 6 名",
                occurrence=6)


def test_quota_reported_on_the_class_that_starts_later(world: World) -> None:
    world.edit(PROJECT, lambda d: d["quota"].update(trainees=15))
    # the copy starts first, so the world's own class is the one past the quota
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 5, 21), D(2026, 5, 31), new_people=True))
    one_finding(world, "CLS-QUOTA", CLASS, "- person:", "累计培训 20 人", occurrence=6)


def _third_class(start: dt.date, end: dt.date) -> Callable[[Any], None]:
    """A third class of the project with people of its own (neither the world's nor the second's)."""
    second = _second_class(start, end, class_id="P2026-001-03")

    def change(data: Any) -> None:
        second(data)
        for t in data["trainees"]:
            t["person"] = "p_e" + t["person"][3:]

    return change


def test_every_class_past_the_quota_of_trainees_is_named_not_only_the_first(world: World) -> None:
    """Attack (issue 23): a project of 15 ran 30; only the class that crossed was flagged, the one
    after it (all of its 10 trainees past the quota) passed in silence."""
    world.edit(PROJECT, lambda d: d["quota"].update(trainees=15, classes=3))
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 7, 1), D(2026, 7, 20), new_people=True))
    world.copy(CLASS, CLASS_3, _third_class(D(2026, 8, 1), D(2026, 8, 20)))
    found = world.findings("CLS-QUOTA")
    assert [f.path for f in found] == [world.display(CLASS_2), world.display(CLASS_3)], [f.as_dict() for f in found]
    second, third = found
    assert second.line == line_of(world, CLASS_2, "- person:", 6)
    assert third.line == line_of(world, CLASS_3, "- person:", 1)
    for fact in ("累计培训 30 人", "本班次之前 20 人", "超过项目确定的 15 人", "从本班次第 1 名参训人员起超出",
                 "（通知 五(一)）"):
        assert fact in third.message, (fact, third.message)


def test_every_class_past_the_quota_of_classes_is_named(world: World) -> None:
    world.edit(PROJECT, lambda d: d["quota"].update(classes=1, trainees=30))
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 7, 1), D(2026, 7, 20), new_people=True))
    world.copy(CLASS, CLASS_3, _third_class(D(2026, 8, 1), D(2026, 8, 20)))
    found = world.findings("CLS-QUOTA")
    assert [(f.path, f.line) for f in found] == [
        (world.display(CLASS_2), line_of(world, CLASS_2, "project:")),
        (world.display(CLASS_3), line_of(world, CLASS_3, "project:")),
    ]
    assert "第 3 个班次" in found[1].message and "超过项目确定的 1 个班次" in found[1].message


def test_quota_of_classes_exceeded(world: World) -> None:
    world.edit(PROJECT, lambda d: d["quota"].update(classes=1))
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 7, 1), D(2026, 7, 20), new_people=True))
    one_finding(world, "CLS-QUOTA", CLASS_2, "project:", "第 2 个班次", "1 个班次", "quota.classes")


# -- CLS-PERIODS and CLS-PRACTICAL -------------------------------------------------------------

@pytest.mark.parametrize(("theory", "practical", "exception", "rule_id"), [
    (16, 24, None, "CLS-PERIODS"),  # exactly 40
    (16, 24, None, "CLS-PRACTICAL"),  # exactly 60 %
    (20, 20, {"min_share": 0.5, "reason": "安全规程理论课较多"}, "CLS-PRACTICAL"),  # exactly the exception
    (15, 25, {"min_share": 0.7, "reason": "示例"}, "CLS-PRACTICAL"),  # a stricter exception never hurts
    (0, 0, None, "CLS-PRACTICAL"),  # no hours at all is CLS-PERIODS' finding
])
def test_periods_that_pass(
    world: World, theory: int, practical: int, exception: dict[str, Any] | None, rule_id: str
) -> None:
    world.edit(CLASS, lambda d: d["periods"].update(theory=theory, practical=practical))
    world.edit(PROJECT, _set(practical_share_exception=exception))
    no_finding(world, rule_id)


def test_too_few_periods(world: World) -> None:
    world.edit(CLASS, lambda d: d["periods"].update(theory=12, practical=20))
    one_finding(world, "CLS-PERIODS", CLASS, "periods:",
                "总课时 32（理论 12 + 实操 20）", "低于 40 课时", "补足")


@pytest.mark.parametrize(("theory", "practical", "exception", "facts"), [
    (17, 23, None, ("实操课时 23", "总课时 40 的 57.5%", "低于 60%", "至少需实操 24 课时")),
    (21, 19, {"min_share": 0.5, "reason": "安全规程理论课较多"},
     ("实操课时 19", "47.5%", "项目获批的例外占比 50%", "至少需实操 20 课时")),
])
def test_too_little_practice(
    world: World, theory: int, practical: int, exception: dict[str, Any] | None, facts: tuple[str, ...]
) -> None:
    world.edit(CLASS, lambda d: d["periods"].update(theory=theory, practical=practical))
    world.edit(PROJECT, _set(practical_share_exception=exception))
    one_finding(world, "CLS-PRACTICAL", CLASS, "practical:", *facts)


# -- CLS-SUPERVISION and CLS-EVIDENCE ----------------------------------------------------------

@pytest.mark.parametrize(("supervision", "needle"), [
    ({"yunmou_id": None}, "yunmou_id:"),
    ({"yunmou_id": "   "}, "yunmou_id:"),
    ({}, "supervision:"),
])
def test_missing_supervision(world: World, supervision: dict[str, Any], needle: str) -> None:
    world.edit(CLASS, _set(supervision=supervision))
    one_finding(world, "CLS-SUPERVISION", CLASS, needle, "云眸工程", "yunmou_id")


def _evidence(*kinds: str) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["evidence"] = [
            {"kind": kind, "uri": f"archive://P2026-001-01/{n}", "sha256": f"{n:064x}"}
            for n, kind in enumerate(kinds)
        ]

    return change


@pytest.mark.parametrize(("kinds", "as_of"), [
    (("image", "video"), AS_OF),
    (("document",), D(2026, 6, 19)),  # the day before the class ends: evidence may still come
])
def test_evidence_that_passes(world: World, kinds: tuple[str, ...], as_of: dt.date) -> None:
    world.edit(CLASS, _evidence(*kinds))
    no_finding(world, "CLS-EVIDENCE", as_of=as_of)


@pytest.mark.parametrize(("kinds", "as_of", "facts"), [
    (("image",), AS_OF, ("缺少视频", "现有 1 项")),
    (("video", "document"), AS_OF, ("缺少图片",)),
    (("document",), D(2026, 6, 20), ("2026-06-20 结业", "缺少视频和图片")),  # judged from the end day on
    ((), AS_OF, ("缺少视频和图片", "现有 0 项")),
])
def test_missing_evidence(
    world: World, kinds: tuple[str, ...], as_of: dt.date, facts: tuple[str, ...]
) -> None:
    world.edit(CLASS, _evidence(*kinds))
    one_finding(world, "CLS-EVIDENCE", CLASS, "evidence:", *facts, as_of=as_of)


# -- CLS-GROUP and CLS-GRADUATE-WINDOW ---------------------------------------------------------

def test_trainee_outside_the_target_groups(world: World) -> None:
    world.edit(CLASS, _trainee(2, group="employment_difficulty"))
    one_finding(world, "CLS-GROUP", CLASS, "group: employment_difficulty", "第 3 名", "就业困难人员",
                "农村转移就业劳动者、城镇登记失业人员")


def _graduate(group: str, graduation_on: dt.date | None, start_on: dt.date) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["start_on"] = start_on
        data["trainees"][1]["group"] = group
        if graduation_on is not None:
            data["trainees"][1]["graduation_on"] = graduation_on

    return change


@pytest.mark.parametrize(("group", "graduation_on", "start_on"), [
    ("graduating_student", D(2026, 6, 30), D(2025, 9, 1)),  # first day of the graduation year
    ("school_leaver", D(2026, 6, 30), D(2026, 8, 31)),  # last day of the graduation year
    ("graduating_student", D(2026, 6, 30), D(2026, 6, 1)),
])
def test_graduate_inside_the_graduation_year(
    world: World, group: str, graduation_on: dt.date, start_on: dt.date
) -> None:
    world.edit(CLASS, _graduate(group, graduation_on, start_on))
    no_finding(world, "CLS-GRADUATE-WINDOW")


@pytest.mark.parametrize(("group", "graduation_on", "start_on", "facts"), [
    ("graduating_student", D(2026, 6, 30), D(2025, 8, 31),
     ("毕业学年为 2025-09-01 至 2026-08-31", "2025-08-31")),
    ("school_leaver", D(2026, 6, 30), D(2026, 9, 1), ("开班日期 2026-09-01 不在其中",)),
    ("graduating_student", D(2027, 6, 30), D(2026, 6, 1),
     ("毕业时间 2027-06-30", "2026-09-01 至 2027-08-31")),
])
def test_graduate_outside_the_graduation_year(
    world: World, group: str, graduation_on: dt.date, start_on: dt.date, facts: tuple[str, ...]
) -> None:
    world.edit(CLASS, _graduate(group, graduation_on, start_on))
    one_finding(world, "CLS-GRADUATE-WINDOW", CLASS, "graduation_on:", "第 2 名", *facts)


@pytest.mark.parametrize("group", ["graduating_student", "school_leaver"])
def test_graduate_without_graduation_date(world: World, group: str) -> None:
    world.edit(CLASS, _graduate(group, None, D(2026, 6, 1)))
    one_finding(world, "CLS-GRADUATE-WINDOW", CLASS, "- person:", "第 2 名", "graduation_on", occurrence=2)


# -- CLS-ATTENDANCE and CLS-LOW-ATTENDANCE -----------------------------------------------------

@pytest.mark.parametrize(("theory", "practical", "attended"), [
    (20, 30, 35),  # exactly 70 %
    (16, 32, 48),  # every period
])
def test_attendance_that_counts(world: World, theory: int, practical: int, attended: int) -> None:
    world.edit(CLASS, lambda d: d["periods"].update(theory=theory, practical=practical))
    world.edit(CLASS, _trainee(3, attended_periods=attended))
    no_finding(world, "CLS-ATTENDANCE")


@pytest.mark.parametrize(("theory", "practical", "attended", "severity", "facts"), [
    (20, 30, 34, WARNING,
     ("第 4 名", "出勤 34/50 课时", "考勤率 68%", "低于 70%", "至少 35 课时", "不计入补贴")),
    (16, 32, 49, Severity.ERROR, ("第 4 名", "出勤 49 课时", "超过班次总课时 48")),
])
def test_attendance_that_does_not(
    world: World, theory: int, practical: int, attended: int, severity: Severity, facts: tuple[str, ...]
) -> None:
    world.edit(CLASS, lambda d: d["periods"].update(theory=theory, practical=practical))
    world.edit(CLASS, _trainee(3, attended_periods=attended))
    one_finding(world, "CLS-ATTENDANCE", CLASS, "attended_periods:", *facts, severity=severity, occurrence=4)


def test_class_attendance_exactly_at_the_minimum(world: World) -> None:
    world.edit(CLASS, lambda d: d["periods"].update(theory=20, practical=30))
    world.edit(CLASS, _all_trainees(attended_periods=35))
    no_finding(world, "CLS-LOW-ATTENDANCE")


def test_class_attendance_averaged_over_trainees(world: World) -> None:
    def half_absent(data: Any) -> None:
        for i, t in enumerate(data["trainees"]):
            t["attended_periods"] = 48 if i % 2 else 20  # 68 of 96 periods per pair: 70.8 %

    world.edit(CLASS, half_absent)
    no_finding(world, "CLS-LOW-ATTENDANCE")


def test_low_class_attendance(world: World) -> None:
    world.edit(CLASS, _all_trainees(attended_periods=33))
    one_finding(world, "CLS-LOW-ATTENDANCE", CLASS, "trainees:",
                "68.8%", "10 人共出勤 330 课时", "应出勤 480 课时", "低于 70%", severity=WARNING)


def test_over_attendance_does_not_lift_the_class_average(world: World) -> None:
    world.edit(CLASS, _all_trainees(attended_periods=30))
    world.edit(CLASS, _trainee(0, attended_periods=480))  # counted as the class's 48 periods
    one_finding(world, "CLS-LOW-ATTENDANCE", CLASS, "trainees:", "66.2%", "共出勤 318 课时", severity=WARNING)


# -- CLS-CERT-DATE -----------------------------------------------------------------------------

def _issued(i: int, on: dt.date) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        data["trainees"][i]["assessment"]["certificate"]["issued_on"] = on

    return change


def test_certificate_on_the_last_day(world: World) -> None:
    world.edit(CLASS, _issued(0, D(2026, 6, 20)))
    no_finding(world, "CLS-CERT-DATE")


def test_certificate_before_the_class_ended(world: World) -> None:
    world.edit(CLASS, _issued(2, D(2026, 6, 19)))
    one_finding(world, "CLS-CERT-DATE", CLASS, "issued_on:", "第 3 名", "2026-06-19", "结业日期 2026-06-20",
                occurrence=3)


# -- CLS-DUPLICATE-PERSON and CLS-OVERLAP ------------------------------------------------------

def test_person_twice_in_one_class(world: World) -> None:
    person = world.load(CLASS)["trainees"][1]["person"]
    world.edit(CLASS, _trainee(4, person=person))
    one_finding(world, "CLS-DUPLICATE-PERSON", CLASS, person, "第 5 名", "第 2 名", occurrence=2)


@pytest.mark.parametrize(("start", "end", "new_people"), [
    (D(2026, 6, 21), D(2026, 7, 10), False),  # the day after the world's class ends
    (D(2026, 5, 21), D(2026, 5, 31), False),  # ends the day before it starts
    (D(2026, 6, 1), D(2026, 6, 20), True),  # same dates, other people
])
def test_classes_that_do_not_overlap(world: World, start: dt.date, end: dt.date, new_people: bool) -> None:
    world.copy(CLASS, CLASS_2, _second_class(start, end, new_people))
    no_finding(world, "CLS-OVERLAP")


def test_person_in_two_overlapping_classes(world: World) -> None:
    def one_shared(data: Any) -> None:
        _second_class(D(2026, 6, 20), D(2026, 7, 10), new_people=True)(data)
        data["trainees"][7]["person"] = world.load(CLASS)["trainees"][2]["person"]

    world.copy(CLASS, CLASS_2, one_shared)
    person = world.load(CLASS_2)["trainees"][7]["person"]
    f = one_finding(world, "CLS-OVERLAP", CLASS_2, person,
                    "第 8 名", "P2026-001-01", "2026-06-01 至 2026-06-20", "第 3 名",
                    "2026-06-20 至 2026-07-10")
    assert person not in f.message


def test_overlap_reported_on_the_class_that_starts_later(world: World) -> None:
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 5, 25), D(2026, 6, 5)))
    found = world.findings("CLS-OVERLAP")
    assert len(found) == 10
    assert {f.path for f in found} == {world.display(CLASS)}
    assert [f.line for f in found] == [line_of(world, CLASS, "- person:", n) for n in range(1, 11)]
    assert all("P2026-001-02" in f.message for f in found)


def test_a_person_in_three_classes(world: World) -> None:
    world.copy(CLASS, CLASS_2, _second_class(D(2026, 6, 10), D(2026, 6, 30)))
    world.copy(CLASS, "classes/2026/P2026-001-03.yaml",
               _second_class(D(2026, 7, 1), D(2026, 7, 5), class_id="P2026-001-03"))
    found = world.findings("CLS-OVERLAP")
    assert {f.path for f in found} == {world.display(CLASS_2)}  # the third class starts after both end
    assert len(found) == 10


# -- odd but schema-valid data -----------------------------------------------------------------

def test_odd_classes_never_raise(world: World) -> None:
    def odd(data: Any) -> None:
        data.update(start_on=D(2026, 7, 1), end_on=D(2026, 6, 1), evidence=[], supervision={})
        data["periods"].update(theory=0, practical=0)
        for t in data["trainees"]:
            t.update(attended_periods=0, group="school_leaver", assessment=None)

    world.edit(CLASS, odd)
    world.copy(CLASS, CLASS_2, lambda d: d.update(id="P2026-001-02", trainees=[]))
    report = world.validate()
    rules = {f.rule for f in report.findings}
    assert {"CLS-PERIODS", "CLS-SUPERVISION", "CLS-EVIDENCE", "CLS-GRADUATE-WINDOW"} <= rules
    assert "CLS-LOW-ATTENDANCE" not in rules


def test_attendance_is_judged_only_once_the_class_has_ended(world: World) -> None:
    """Mid-course, 10 of 48 periods is progress, not a shortfall; above the class's total is always wrong."""

    def attend_ten(d: Any) -> None:
        for t in d["trainees"]:
            t["attended_periods"] = 10

    world.edit(CLASS, attend_ten)
    during = dt.date(2026, 6, 10)
    assert world.findings("CLS-ATTENDANCE", as_of=during) == []
    assert world.findings("CLS-LOW-ATTENDANCE", as_of=during) == []
    assert len(world.findings("CLS-ATTENDANCE", as_of=dt.date(2026, 6, 20))) == 10
    assert len(world.findings("CLS-LOW-ATTENDANCE", as_of=dt.date(2026, 6, 20))) == 1
    world.edit(CLASS, lambda d: d["trainees"][0].__setitem__("attended_periods", 49))
    [over] = [f for f in world.findings("CLS-ATTENDANCE", as_of=during) if f.severity == "error"]
    assert "超过班次总课时 48" in over.message


# -- CLS-GROUP-POLICY (issue 25.7: a later policy drops a group, 通知 五(三)) ------------------------

def _later_policy_without(world: World, group: str, effective_from: dt.date) -> None:
    from tests.conftest import POLICY

    def change(d: Any) -> None:
        d["effective_until"] = effective_from - dt.timedelta(days=1)
    later = "policy/wuxi-2026-later.yaml"
    world.copy(POLICY, later, lambda d: d.update(
        id="wuxi-2026-later", effective_from=effective_from,
        eligible_groups=[g for g in d["eligible_groups"] if g != group]))
    world.edit(POLICY, change)


def test_a_group_a_later_policy_drops_is_said_on_each_row(world: World) -> None:
    """The application (2026-04-10) named 农村转移就业劳动者 under the first policy; a policy in force
    from 2026-05-15 no longer lists it, so the class (starting 2026-06-01) does not count its
    trainees of that group: each row says why, and the settlement indeed leaves them out."""
    from generator.records.load import load_records
    from generator.settlement.arithmetic import compute

    _later_policy_without(world, "rural_migrant_worker", dt.date(2026, 5, 15))
    groups = [t["group"] for t in world.load(CLASS)["trainees"]]
    rows = [i for i, g in enumerate(groups) if g == "rural_migrant_worker"]
    found = world.findings("CLS-GROUP-POLICY")
    assert [f.line for f in found] == [line_of(world, CLASS, "group: rural_migrant_worker", n)
                                      for n in range(1, len(rows) + 1)]
    f = found[0]
    assert f.severity is Severity.WARNING
    for fact in (f"第 {rows[0] + 1} 名", "农村转移就业劳动者", "A2026-001", "wuxi-2026-pilot 列有该类别",
                 "2026-06-01", "wuxi-2026-later", "不计入补贴人数", "（通知 五(三)）"):
        assert fact in f.message, (fact, f.message)
    no_finding(world, "CLS-GROUP")  # still a target group of the application: no error
    [c] = [c for c in compute(load_records(world.root), AS_OF).classes if c.class_id == "P2026-001-01"]
    assert {c.trainees[i].not_counted for i in rows} == {"group"}


def test_no_group_warning_while_the_policy_still_lists_it(world: World) -> None:
    _later_policy_without(world, "employment_difficulty", dt.date(2026, 5, 15))
    no_finding(world, "CLS-GROUP-POLICY")


# -- CLS-BEFORE-START (issue 25.8) ----------------------------------------------------------------

def test_before_its_start_a_class_has_no_attendance_results_or_certificates(world: World) -> None:
    before = dt.date(2026, 5, 20)
    found = world.findings("CLS-BEFORE-START", before)
    trainees = world.load(CLASS)["trainees"]
    assert len(found) == 2 * len(trainees)  # attended periods and an assessment on every row
    assert all(f.severity is Severity.ERROR and "尚未开班" in f.message and f.message.endswith("（通知 四(四)）")
               for f in found)
    assert found[0].line == line_of(world, CLASS, "attended_periods:", 1)
    no_finding(world, "CLS-BEFORE-START")  # judged after the start: nothing to say


def test_a_registered_roster_before_the_start_is_fine(world: World) -> None:
    def registered(d: Any) -> None:
        for t in d["trainees"]:
            t["attended_periods"] = 0
            t["assessment"] = None
    world.edit(CLASS, registered)
    no_finding(world, "CLS-BEFORE-START", dt.date(2026, 5, 20))
