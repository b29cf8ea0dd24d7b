"""check-changes on real repositories: ownership, deletions, districts and frozen facts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.errors import GitError
from generator.gitops.change_review import check_changes, review_changes
from tests.conftest import (
    APPLICATION,
    CATALOG,
    CLASS,
    EMPLOYMENT,
    INSTITUTION,
    PAYMENTS,
    POLICY,
    PRIOR,
    PROJECT,
    ROLES,
    World,
    line_of,
)
from tests.gitops.conftest import (
    OTHER_INSTITUTION,
    OTHER_USCC,
    PR_DAY,
    UNDECIDED_APPLICATION,
    UNPAID_CLASS,
    Ledger,
)

MAINTAINER = "school-a"
BUREAU = "wx-bureau"
DISTRICT = "bh-district"
PERSON = "p_1abf46952bc24580ef9e29d5"


def setter(rel: str, **values: Any) -> Any:
    def change(world: World) -> None:
        world.edit(rel, lambda data: data.update(values))

    return change


def first_trainee(rel: str, **values: Any) -> Any:
    def change(world: World) -> None:
        world.edit(rel, lambda data: data["trainees"][0].update(values))

    return change


# -- what an institution's maintainers may do ----------------------------------------------------

@pytest.mark.parametrize("change", [
    setter(INSTITUTION, address="无锡市滨湖区新地址 2 号"),
    setter(UNDECIDED_APPLICATION, project_name="工业机器人系统运维员"),
    lambda w: w.edit(APPLICATION, lambda d: d["contact"].update(phone="0510-80000000")),
    setter(UNPAID_CLASS, location="无锡市滨湖区示例路 2 号实训楼"),
    lambda w: w.copy(APPLICATION, "applications/2026/A2026-010.yaml", lambda d: d.update(id="A2026-010")),
    lambda w: w.copy(CLASS, "classes/2026/P2026-001-03.yaml", lambda d: (d.update(
        id="P2026-001-03", start_on="2026-09-01", end_on="2026-09-20", trainees=[]),  # registered before it starts,
        d.__delitem__("roster_seal"))[0]),  # without people: the bureau imports its roster (issue 23)
], ids=["institution", "undecided-application", "decided-contact", "unpaid-class", "new-application", "new-class"])
def test_a_maintainer_may_change_their_own_records(ledger: Ledger, change: Any) -> None:
    assert ledger.pr(MAINTAINER, change) == []


def test_handles_compare_case_insensitively(ledger: Ledger) -> None:
    assert ledger.pr("School-A", setter(UNDECIDED_APPLICATION, project_name="新名称")) == []


def test_another_institutions_record_is_refused(ledger: Ledger) -> None:
    found = ledger.pr(MAINTAINER, setter(OTHER_INSTITUTION, address="别处"))
    assert [(f.rule, f.path) for f in found] == [("CHG-OWNER", ledger.rel(OTHER_INSTITUTION))]
    assert OTHER_USCC in found[0].message and "不是它的维护人" in found[0].message


def test_an_application_for_another_institution_is_refused_at_its_institution_line(ledger: Ledger) -> None:
    new = "applications/2026/A2026-011.yaml"

    def change(world: World) -> None:
        world.copy(APPLICATION, new, lambda d: d.update(id="A2026-011", institution=OTHER_USCC))

    found = ledger.pr(MAINTAINER, change)
    assert [(f.rule, f.path) for f in found] == [("CHG-OWNER", ledger.rel(new))]
    assert found[0].line == line_of(ledger.records, new, "institution:")


def test_handing_an_application_to_another_institution_is_refused(ledger: Ledger) -> None:
    found = ledger.pr(MAINTAINER, setter(APPLICATION, institution=OTHER_USCC))
    assert [f.rule for f in found] == ["CHG-OWNER"]
    assert "此版本属于培训主体" in found[0].message


def test_the_other_institution_cannot_touch_this_ones_class(ledger: Ledger) -> None:
    found = ledger.pr("school-b", first_trainee(UNPAID_CLASS, attended_periods=40))
    assert [(f.rule, f.path) for f in found] == [("CHG-OWNER", ledger.rel(UNPAID_CLASS))]


@pytest.mark.parametrize("rel", [POLICY, CATALOG, ROLES, PROJECT, EMPLOYMENT, PAYMENTS, PRIOR])
def test_bureau_records_are_refused_to_maintainers(ledger: Ledger, rel: str) -> None:
    def change(world: World) -> None:
        world.write(rel, world.path(rel).read_text(encoding="utf-8") + "# 改动\n")

    found = ledger.pr(MAINTAINER, change)
    assert [(f.rule, f.path) for f in found] == [("CHG-OWNER", ledger.rel(rel))]
    assert "由市人社局维护" in found[0].message


def test_files_outside_the_records_are_the_bureaus(ledger: Ledger) -> None:
    found = ledger.pr(MAINTAINER, lambda w: (w.root.parent / "README.md").write_text("hi\n", encoding="utf-8"))
    assert [(f.rule, f.path) for f in found] == [("CHG-OWNER", "README.md")]
    flagged = ledger.check(BUREAU)
    assert [(f.rule, f.severity, f.path) for f in flagged] == [("CHG-CODE", "warning", "README.md")]
    assert "代码变更" in flagged[0].message


# -- deletions and renames -----------------------------------------------------------------------

def test_a_maintainer_may_not_delete_or_rename(ledger: Ledger) -> None:
    def change(world: World) -> None:
        world.remove(APPLICATION)
        target = world.path("classes/2027/P2026-001-02.yaml")
        target.parent.mkdir(parents=True)
        world.path(UNPAID_CLASS).rename(target)

    found = ledger.pr(MAINTAINER, change)
    assert [(f.rule, f.path) for f in found] == [
        ("CHG-DELETE", ledger.rel(APPLICATION)), ("CHG-DELETE", ledger.rel(UNPAID_CLASS))]
    assert "重命名（改为 records/classes/2027/P2026-001-02.yaml）" in found[1].message


def test_the_bureau_may_delete_and_rename_what_is_not_frozen(ledger: Ledger) -> None:
    def change(world: World) -> None:
        world.remove(APPLICATION)
        world.path(UNPAID_CLASS).rename(world.path("classes/2026/P2026-001-09.yaml"))

    assert ledger.pr(BUREAU, change) == []


# -- authority comes from the base revision ------------------------------------------------------

def test_an_author_without_any_role_may_change_nothing(ledger: Ledger) -> None:
    found = ledger.pr("stranger", setter(APPLICATION, project_name="新名称"))
    assert [f.rule for f in found] == ["CHG-OWNER"]
    assert "不能修改此文件" in found[0].message and "首次申报的单位" in found[0].message


def test_a_maintainer_added_in_the_same_pull_request_is_refused(ledger: Ledger) -> None:
    def change(world: World) -> None:
        world.edit(INSTITUTION, lambda d: d["maintainers"].append("newcomer"))
        world.edit(APPLICATION, lambda d: d.update(project_name="新名称"))

    found = ledger.pr("newcomer", change)
    assert sorted((f.rule, f.path) for f in found) == [
        ("CHG-OWNER", ledger.rel(APPLICATION)), ("CHG-OWNER", ledger.rel(INSTITUTION))]


def test_a_bureau_handle_added_in_the_same_pull_request_is_refused(ledger: Ledger) -> None:
    found = ledger.pr(MAINTAINER, setter(ROLES, bureau=["wx-bureau", MAINTAINER]))
    assert [(f.rule, f.path) for f in found] == [("CHG-OWNER", ledger.rel(ROLES))]


def test_maintainers_are_changed_by_the_bureau_only(ledger: Ledger) -> None:
    def add(world: World) -> None:
        world.edit(INSTITUTION, lambda d: d["maintainers"].append("colleague"))

    found = ledger.pr(MAINTAINER, add)
    assert [(f.rule, f.line) for f in found] == [("CHG-FACT", line_of(ledger.records, INSTITUTION, "- colleague"))]
    assert "维护人账号" in found[0].message and "maintainers[1]: （无） → colleague" in found[0].message
    assert ledger.check(BUREAU) == []


def test_newer_commits_on_the_base_branch_are_not_blamed_on_the_author(ledger: Ledger) -> None:
    ledger.checkout("pr", new=True)
    setter(UNDECIDED_APPLICATION, project_name="新名称")(ledger.records)
    ledger.commit("pr")
    ledger.checkout("main")
    setter(POLICY, title="新政策标题")(ledger.records)
    ledger.commit("bureau on main")
    ledger.checkout("pr")
    assert ledger.check(MAINTAINER) == []


# -- districts ------------------------------------------------------------------------------------

def test_a_district_may_change_the_recommendation_of_its_own_district(ledger: Ledger) -> None:
    change = setter(PROJECT, recommended={"district": "滨湖区", "on": "2026-04-22"})
    assert ledger.pr(DISTRICT, change) == []


def test_a_district_may_not_change_anything_else_of_a_decision(ledger: Ledger) -> None:
    found = ledger.pr(DISTRICT, setter(PROJECT, status="completed"))
    assert [f.rule for f in found] == ["CHG-DISTRICT"]
    assert found[0].line == line_of(ledger.records, PROJECT, "status:")
    assert "status" in found[0].message


def test_a_district_may_not_recommend_another_districts_application(ledger: Ledger) -> None:
    ledger.records.edit(APPLICATION, lambda d: d.update(district="新吴区"))
    ledger.commit("application moves to 新吴区", PR_DAY)
    found = ledger.pr(DISTRICT, setter(PROJECT, recommended={"district": "滨湖区", "on": "2026-04-22"}))
    assert [f.rule for f in found] == ["CHG-DISTRICT"]
    assert "新吴区" in found[0].message


def test_a_district_may_open_a_decision_with_its_recommendation_only(ledger: Ledger) -> None:
    new = "projects/2026/P2026-002.yaml"
    minimal = {"id": "P2026-002", "application": "A2026-001", "status": "recommended",
               "recommended": {"district": "滨湖区", "on": "2026-04-22"}}
    assert ledger.pr(DISTRICT, lambda w: w.dump(new, minimal)) == []
    ledger.checkout("main")
    found = ledger.pr(DISTRICT, lambda w: w.dump(new, {**minimal, "unit_price": 1000}), branch="pr2")
    assert [f.rule for f in found] == ["CHG-DISTRICT"]
    assert "unit_price" in found[0].message


def test_a_district_may_not_change_applications(ledger: Ledger) -> None:
    found = ledger.pr(DISTRICT, setter(APPLICATION, project_name="新名称"))
    assert [f.rule for f in found] == ["CHG-OWNER"]


# -- frozen facts ---------------------------------------------------------------------------------

@pytest.mark.parametrize("author", [MAINTAINER, BUREAU, None])
def test_the_roster_of_a_paid_class_is_frozen_for_everyone(ledger: Ledger, author: str | None) -> None:
    found = ledger.pr(author, first_trainee(CLASS, attended_periods=40))
    # an institution may not write a roster at all (CHG-FACT, issue 23), frozen or not
    assert [(f.rule, f.path) for f in found] == [("CHG-FACT", ledger.rel(CLASS))] * (author == MAINTAINER) + [
        ("CHG-FROZEN", ledger.rel(CLASS))]
    f = found[-1]
    assert f.line == line_of(ledger.records, CLASS, "attended_periods: 40")
    assert f"trainees[{PERSON}].attended_periods: 48 → 40" in f.message
    assert "records/corrections/" in f.message


def test_periods_and_assessments_of_a_paid_class_are_frozen(ledger: Ledger) -> None:
    def change(world: World) -> None:
        world.edit(CLASS, lambda d: d["periods"].update(theory=20))
        world.edit(CLASS, lambda d: d["trainees"][1]["assessment"].update(passed=False))

    found = ledger.pr(BUREAU, change)
    assert sorted(f.message.split("，")[1] for f in found) == ["花名册、考勤和考核结果已冻结", "课时已冻结"]


def test_other_fields_of_a_paid_class_may_change(ledger: Ledger) -> None:
    def more_evidence(world: World) -> None:
        world.edit(CLASS, lambda d: d["evidence"].append(
            {"kind": "image", "uri": "archive://P2026-001-01/day2.jpg", "sha256": "ab" * 32}))

    assert ledger.pr(MAINTAINER, more_evidence) == []


def test_a_paid_class_cannot_be_deleted_even_by_the_bureau(ledger: Ledger) -> None:
    found = ledger.pr(BUREAU, lambda w: w.remove(CLASS))
    assert [(f.rule, f.path, f.line) for f in found] == [("CHG-FROZEN", ledger.rel(CLASS), None)]


def test_a_correction_record_is_the_way_and_is_frozen_once_merged(ledger: Ledger) -> None:
    correction = "corrections/2026/C2026-001.yaml"
    data = {"id": "C2026-001", "class": "P2026-001-01", "field": f"trainees[{PERSON}].attended_periods",
            "old": 48, "new": 40, "reason": "签到表复核", "approved_by": BUREAU, "approved_on": "2026-08-01"}
    assert [f.rule for f in ledger.pr(MAINTAINER, lambda w: w.dump(correction, data))] == ["CHG-OWNER"]
    assert ledger.check(BUREAU) == []
    ledger.checkout("main")
    ledger.repo.git.merge("pr")
    found = ledger.pr(BUREAU, lambda w: w.edit(correction, lambda d: d.update(new=41)), branch="pr2")
    assert [(f.rule, f.path) for f in found] == [("CHG-FROZEN", ledger.rel(correction))]


def test_paid_installments_are_never_edited_or_removed(ledger: Ledger) -> None:
    def add(world: World) -> None:
        world.edit(PAYMENTS, lambda d: d["installments"].append(
            {"phase": "remainder", "amount": 2000, "paid_on": "2026-12-01", "voucher": "WX-PAY-0002"}))

    assert ledger.pr(BUREAU, add) == []
    ledger.checkout("main")
    found = ledger.pr(BUREAU, lambda w: w.edit(PAYMENTS, lambda d: d["installments"][0].update(amount=8001)),
                      branch="pr2")
    assert [(f.rule, f.line) for f in found] == [("CHG-FROZEN", line_of(ledger.records, PAYMENTS, "- phase: first"))]
    assert "8000" in found[0].message and "WX-PAY-0001" in found[0].message


def test_a_payments_record_cannot_be_deleted(ledger: Ledger) -> None:
    found = ledger.pr(BUREAU, lambda w: w.remove(PAYMENTS))
    assert [(f.rule, f.path) for f in found] == [("CHG-FROZEN", ledger.rel(PAYMENTS))]


def test_price_and_contract_freeze_when_a_class_has_started(ledger: Ledger) -> None:
    def change(world: World) -> None:
        world.edit(PROJECT, lambda d: d.update(unit_price=1300))
        world.edit(PROJECT, lambda d: d["contract"].update(number="WX-NEW-1"))

    found = ledger.pr(BUREAU, change)
    assert [f.rule for f in found] == ["CHG-FROZEN", "CHG-FROZEN"]
    assert {f.line for f in found} == {line_of(ledger.records, PROJECT, "unit_price:"),
                                       line_of(ledger.records, PROJECT, "number: WX-NEW-1")}
    assert all("P2026-001-01 已于 2026-06-01 开班" in f.message for f in found)


def test_price_may_change_before_any_class_has_started(ledger: Ledger) -> None:
    # the head commit is dated before the first class starts on 2026-06-01
    assert ledger.pr(BUREAU, setter(PROJECT, unit_price=1300), when="2026-05-30T09:00:00+08:00") == []


def test_other_decision_fields_may_change_after_the_start(ledger: Ledger) -> None:
    assert ledger.pr(BUREAU, setter(PROJECT, status="completed")) == []


def test_same_price_written_differently_is_no_change(ledger: Ledger) -> None:
    price = ledger.records.load(PROJECT)["unit_price"]
    assert ledger.pr(BUREAU, setter(PROJECT, unit_price=float(price))) == []


# -- the library's edges --------------------------------------------------------------------------

def test_an_unknown_revision_is_a_git_error(ledger: Ledger) -> None:
    with pytest.raises(GitError, match="未知的版本：nope"):
        ledger.check(MAINTAINER, base="nope")


def test_outside_a_repository_is_a_git_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="不是 Git 仓库"):
        check_changes(tmp_path, "main", MAINTAINER)


def test_the_review_names_the_author_roles_and_the_changed_files(ledger: Ledger) -> None:
    ledger.pr(MAINTAINER, setter(UNDECIDED_APPLICATION, project_name="新名称"))
    review = review_changes(ledger.root, "main", MAINTAINER)
    assert review.ok
    assert [c.path for c in review.changes] == [ledger.rel(UNDECIDED_APPLICATION)]
    assert review.authority.describe() == "提交人 school-a：培训主体 52320211MA1W00001X 的维护人"
    assert review.merge_base == review.base
