"""Time comes from the ledger and the CI clock (issue 23 point 3), tried on real repositories.

Each attack is what an institution (or a careless bureau clerk) would try: a chosen commit date to
unfreeze a started project's price, a class registered after it started, a start moved into the
past, and records attached to a terminated project with whatever dates they claim. Each goes
through `check-changes --validate` as the pull-request check runs it, or over the pushed range as
after-merge runs it, with the day of the check given explicitly (the CI clock) and the commit
dates set by the attacker.
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import git
import pytest

from generator import clock
from generator.cli import main
from generator.cli.app import cli
from generator.findings import Finding, Severity
from generator.gitops.change_review import check_changes
from generator.gitops.pullrequest import review_pull_request
from generator.ledgerorder import attached_after_termination
from generator.payment_recording import PaymentRefused, record_payment
from generator.pipeline import run
from generator.records.load import load_records
from generator.settlement_output import settle
from tests.conftest import CLASS, EMPLOYMENT, PAYMENTS, PROJECT, World
from tests.gitops.conftest import UNPAID_CLASS, Ledger

MAINTAINER = "school-a"
BUREAU = "wx-bureau"
LATE_CLASS = "classes/2026/P2026-001-05.yaml"
TERMINATED_ON = "2026-10-09"
AFTER_TERMINATION = dt.date(2026, 11, 2)


def rules(found: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path) for f in found if f.severity is Severity.ERROR)


# -- the CI clock -------------------------------------------------------------------------------------

def test_the_ci_clock_is_the_day_in_wuxi() -> None:
    late_evening_utc = dt.datetime(2026, 7, 31, 17, 30, tzinfo=dt.UTC)  # 01:30 on 1 August in Wuxi
    assert clock.today(late_evening_utc) == dt.date(2026, 8, 1)
    assert clock.today(dt.datetime(2026, 7, 31, 15, 59, tzinfo=dt.UTC)) == dt.date(2026, 7, 31)
    with pytest.raises(ValueError):
        clock.today(dt.datetime(2026, 7, 31, 12, 0))


def test_check_changes_says_it_judges_by_the_ci_clock() -> None:
    command = cli.commands["check-changes"]
    day = next(p for p in command.params if p.name == "today")
    assert {"--today", "--as-of"} <= set(day.opts) and "CI 时钟" in (day.help or "")
    assert "从不取提交时间" in (day.help or "")


def test_a_chosen_committer_date_does_not_unfreeze_a_started_projects_price(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    """Attack: P2026-001's first class started on 2026-06-01; the bureau's clerk raises the price
    with GIT_COMMITTER_DATE and GIT_AUTHOR_DATE set to a day before the start."""
    ledger.checkout("pr", new=True)
    ledger.records.edit(PROJECT, lambda d: d.update(unit_price=1300))
    ledger.commit("price", "2026-05-01T09:00:00+08:00")  # the commit claims May
    assert ledger.repo.head.commit.committed_datetime.date() == dt.date(2026, 5, 1)
    found = check_changes(ledger.root, "main", BUREAU, today=dt.date(2026, 8, 1))
    assert rules(found) == [("CHG-FROZEN", ledger.rel(PROJECT))]
    assert "已于 2026-06-01 开班，成交单价和协议已冻结" in found[0].message
    # the pull-request check as validate.yml runs it, and after-merge over the pushed range
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", "main",
                 "--author", BUREAU, "--validate", "--as-of", "2026-08-01", "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1 and '"rule": "CHG-FROZEN"' in out and "成交单价" in out
    before = ledger.repo.commit("main").hexsha
    ledger.checkout("main")
    ledger.repo.git.merge("pr", "--ff-only")
    after = ledger.repo.head.commit.hexsha
    assert rules(check_changes(ledger.root, before, BUREAU, head=after, today=dt.date(2026, 8, 1))) == [
        ("CHG-FROZEN", ledger.rel(PROJECT))]


def test_without_a_given_day_the_check_reads_the_clock_not_the_commit(ledger: Ledger) -> None:
    """The default day is the CI clock (today, December 2026 or later on this machine): a commit
    dated before any class started still meets a frozen price."""
    ledger.checkout("pr", new=True)
    ledger.records.edit(PROJECT, lambda d: d.update(unit_price=1300))
    ledger.commit("price", "2026-05-01T09:00:00+08:00")
    assert clock.today() > dt.date(2026, 6, 1)
    assert rules(check_changes(ledger.root, "main", BUREAU)) == [("CHG-FROZEN", ledger.rel(PROJECT))]


# -- a class the bureau did not know about before it started -----------------------------------------

def late_class(world: World, trainees: int = 3) -> None:
    world.copy(CLASS, LATE_CLASS, lambda d: d.update(
        id="P2026-001-05", start_on="2026-07-15", end_on="2026-08-14", trainees=invented(trainees)))


def room_for_a_third_class(ledger: Ledger) -> None:
    """The bureau had raised P2026-001's quota (on main), so that a third class is otherwise valid."""
    ledger.records.edit(PROJECT, lambda d: d.update(quota={"trainees": 40, "classes": 3}))
    ledger.commit("quota", "2026-07-01T09:00:00+08:00")


def test_a_class_registered_after_it_started_is_refused_whatever_the_commit_says(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.checkout("pr", new=True)
    late_class(ledger.records)
    ledger.commit("class", "2026-07-10T09:00:00+08:00")  # the commit claims it came before the start
    review = review_pull_request(ledger.root, "main", MAINTAINER, as_of=dt.date(2026, 8, 1))
    late = [f for f in review.findings if f.rule == "CHG-LATE"]
    assert not review.ok and [f.path for f in late] == [ledger.rel(LATE_CLASS)]
    assert late[0].line == 4 and "2026-07-15 早于登记当天 2026-08-01" in late[0].message
    assert "通知 四(四)" in late[0].message and "records/corrections/" in late[0].message
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", "main",
                 "--author", MAINTAINER, "--validate", "--as-of", "2026-08-01", "--format", "github"])
    out = capsys.readouterr().out
    assert code == 1 and f"::error file={ledger.rel(LATE_CLASS)},line=4,title=CHG-LATE" in out
    # the same class registered on its start day passes
    assert "CHG-LATE" not in {f.rule for f in check_changes(ledger.root, "main", MAINTAINER,
                                                             today=dt.date(2026, 7, 15))}


def test_moving_a_registered_start_into_the_past_is_late(ledger: Ledger) -> None:
    found = ledger.pr(MAINTAINER, lambda w: w.edit(UNPAID_CLASS, lambda d: d.update(start_on="2026-07-20")))
    assert rules(found) == [("CHG-LATE", ledger.rel(UNPAID_CLASS))]
    assert "原为 2026-09-01" in found[0].message
    ledger.checkout("main")  # a later start, or another field, is no concern of CHG-LATE
    assert ledger.pr(MAINTAINER, lambda w: w.edit(UNPAID_CLASS, lambda d: d.update(
        start_on="2026-09-02", location="无锡市滨湖区另一地点")), branch="later") == []


def admission(world: World, class_id: str = "P2026-001-05") -> None:
    world.dump("corrections/2026/C2026-001.yaml", {
        "id": "C2026-001", "class": class_id, "field": "periods.theory", "old": 16, "new": 16,
        "reason": "补录班次：开班前已书面报备并接入云眸工程监管，漏登记", "approved_by": BUREAU,
        "approved_on": "2026-08-01"})


def test_the_bureau_admits_a_late_class_by_a_correction_record(ledger: Ledger) -> None:
    room_for_a_third_class(ledger)
    ledger.checkout("pr", new=True)
    late_class(ledger.records)
    admission(ledger.records)
    ledger.commit("late class admitted", "2026-08-01T09:00:00+08:00")
    review = review_pull_request(ledger.root, "main", BUREAU, as_of=dt.date(2026, 8, 1))
    assert [f for f in review.findings if f.severity is Severity.ERROR] == [], review.findings
    # an institution cannot admit its own late class: corrections are the bureau's (nor write its
    # roster: a new class by an institution comes without people, issue 23)
    assert rules(check_changes(ledger.root, "main", MAINTAINER, today=dt.date(2026, 8, 1))) == [
        ("CHG-FACT", ledger.rel(LATE_CLASS))] * 2 + [("CHG-OWNER", ledger.rel("corrections/2026/C2026-001.yaml"))]


def test_a_correction_for_another_class_admits_nothing(ledger: Ledger) -> None:
    def change(world: World) -> None:
        late_class(world)
        admission(world, "P2026-001-01")

    assert ("CHG-LATE", ledger.rel(LATE_CLASS)) in rules(ledger.pr(BUREAU, change))


# -- nothing attaches to a terminated project -----------------------------------------------------------

def terminate(ledger: Ledger) -> None:
    """The bureau terminates P2026-001 on 2026-10-09 (merged on main)."""
    room_for_a_third_class(ledger)
    ledger.records.edit(PROJECT, lambda d: d.update(status="terminated", terminated={
        "on": TERMINATED_ON, "reason": "承训单位管理混乱，经约谈仍未整改，市人社局决定终止"}))
    ledger.commit("terminate P2026-001", "2026-10-09T16:00:00+08:00")


def invented(count: int) -> list[dict[str, Any]]:
    return [{"person": f"p_{index:024x}", "group": "registered_unemployed", "attended_periods": 48,
             "assessment": {"passed": True, "certificate": {
                 "kind": "skill_level_certificate", "number_ref": f"c_{index + 1000:024x}",
                 "issued_on": "2026-08-20"}}} for index in range(count)]


def test_a_backdated_class_with_invented_trainees_on_a_terminated_project_is_refused(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's attack: after the termination, a class dated months before it, with 13
    invented trainees. Merged unchecked, the settlement would owe money for it."""
    terminate(ledger)
    ledger.checkout("pr", new=True)
    late_class(ledger.records, 13)
    admission(ledger.records)  # even an admission of lateness does not reopen a terminated project
    ledger.commit("class", "2026-08-15T09:00:00+08:00")  # the commit claims August
    on_branch = run(ledger.root / "records", AFTER_TERMINATION, use_cache=False)
    stake = next(c for c in on_branch.full_settlement.classes if c.class_id == "P2026-001-05")
    assert stake.phases["first"].amount == 13 * 1000 * Decimal("0.8")  # what it is worth if nothing stops it
    assert {h.rule for h in on_branch.held if h.class_id == "P2026-001-05"} == {"CHG-TERMINATED"}  # and is held
    for author in (MAINTAINER, BUREAU):
        review = review_pull_request(ledger.root, "main", author, as_of=AFTER_TERMINATION)
        terminated = [f for f in review.findings if f.rule == "CHG-TERMINATED"]
        assert not review.ok and [f.path for f in terminated] == [ledger.rel(LATE_CLASS)], author
        assert "项目 P2026-001 已于 2026-10-09 终止" in terminated[0].message
        assert "无论新记录写的是哪一天" in terminated[0].message
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", "main",
                 "--author", MAINTAINER, "--validate", "--as-of", AFTER_TERMINATION.isoformat()])
    assert code == 1 and "CHG-TERMINATED" in capsys.readouterr().out
    # after-merge: the bureau merged it anyway; the pushed range is refused on main
    before = ledger.repo.commit("main").hexsha
    ledger.checkout("main")
    ledger.repo.git.merge("pr", "--no-ff", "--no-edit")
    after = ledger.repo.head.commit.hexsha
    found = check_changes(ledger.root, before, MAINTAINER, head=after, today=AFTER_TERMINATION)
    assert ("CHG-TERMINATED", ledger.rel(LATE_CLASS)) in rules(found)


@pytest.mark.parametrize("what,change,rel", [
    ("roster row", lambda w: w.edit(UNPAID_CLASS, lambda d: d["trainees"].extend(invented(2))), UNPAID_CLASS),
    ("sealed roster", lambda w: w.write("sealed/2026/P2026-001-02.age", b"age-encryption.org/v1\n..."),
     "sealed/2026/P2026-001-02.age"),
])
def test_nothing_new_attaches_to_a_terminated_project(ledger: Ledger, what: str, change: Any, rel: str) -> None:
    terminate(ledger)
    when = "2026-11-02T09:00:00+08:00"
    for author in (MAINTAINER, BUREAU):
        found = ledger.pr(author, change, when=when, branch=f"{what}-{author}".replace(" ", "-"))
        assert ("CHG-TERMINATED", ledger.rel(rel)) in rules(found), (what, author)
        ledger.checkout("main")
    # the same change before the termination date is no concern of CHG-TERMINATED
    found = ledger.pr(MAINTAINER, change, when="2026-10-08T09:00:00+08:00", branch=f"{what}-early".replace(" ", "-"))
    assert "CHG-TERMINATED" not in {f.rule for f in found}


def test_no_employment_month_attaches_after_the_termination_and_payments_are_flagged(ledger: Ledger) -> None:
    terminate(ledger)

    def months(world: World) -> None:
        world.edit(EMPLOYMENT, lambda d: d["records"][0]["pension_months"].extend(["2026-10", "2026-11"]))

    found = ledger.pr(BUREAU, months, when="2026-11-02T09:00:00+08:00")
    assert rules(found) == [("CHG-TERMINATED", ledger.rel(EMPLOYMENT))]
    assert "2026-10、2026-11" in found[0].message
    ledger.checkout("main")

    def pay(world: World) -> None:
        world.edit(PAYMENTS, lambda d: d["installments"].append(
            {"phase": "remainder", "amount": 2000, "paid_on": "2026-09-30", "voucher": "WX-PAY-0099"}))

    found = ledger.pr(BUREAU, pay, when="2026-11-02T09:00:00+08:00", branch="pay")
    assert [(f.rule, f.severity) for f in found] == [("CHG-TERMINATED", Severity.WARNING)]
    assert "终止后新增拨付 2000 元" in found[0].message


# -- settle: what entered the ledger after the termination is held, by the ledger's order ------------

def test_settle_holds_what_a_merge_attached_after_the_termination(ledger: Ledger, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The bureau merged the backdated class anyway (after-merge fails, but only afterwards), and a
    later pull request added a roster row and a pension month: settle, which pays, holds all three,
    whatever the commits' dates say, and still settles what was there before the termination."""
    terminate(ledger)
    ledger.checkout("pr", new=True)
    late_class(ledger.records, 13)
    ledger.commit("class", "2026-06-01T09:00:00+08:00")  # dated before everything
    merge_as_the_host_does(ledger, "pr")
    ledger.checkout("more", new=True)
    ledger.records.edit(UNPAID_CLASS, lambda d: d["trainees"].extend(invented(1)))
    ledger.records.edit(EMPLOYMENT, lambda d: d["records"][0]["pension_months"].append("2026-10"))
    ledger.commit("roster row and month", "2026-06-01T09:00:00+08:00")
    merge_as_the_host_does(ledger, "more")
    result = settle(ledger.root / "records", AFTER_TERMINATION, use_cache=False)
    held = {(h.class_id, h.rule) for h in result.held}
    assert {("P2026-001-05", "CHG-TERMINATED"), ("P2026-001-02", "CHG-TERMINATED"),
            ("P2026-001-01", "CHG-TERMINATED")} <= held
    late = next(h for h in result.held if h.class_id == "P2026-001-05")
    assert "项目 P2026-001 已于 2026-10-09 终止" in late.message and "才进入账本" in late.message
    settled = {c["class"] for c in result.report["classes"]}
    assert not settled & {"P2026-001-05", "P2026-001-02", "P2026-001-01"}  # none of them is paid
    assert ("P2026-001-05", "CHG-TERMINATED") in {(h["class"], h["rule"]) for h in result.report["held"]}
    # the bureau cannot record a payment for it either (record-payment reads the same holds)
    with pytest.raises(PaymentRefused, match="CHG-TERMINATED"):
        record_payment(ledger.root / "records", "P2026-001-05", "first", Decimal("10400"), AFTER_TERMINATION,
                       "WX-PAY-0500", today=AFTER_TERMINATION, use_cache=False)
    # the CLI writes the artifacts with the class held
    code = main(["settle", "--records", str(ledger.root / "records"), "--as-of", AFTER_TERMINATION.isoformat(),
                 "--out", str(tmp_path / "out"), "--no-cache"])
    capsys.readouterr()
    assert code == 0
    assert "P2026-001-05" in (tmp_path / "out" / "summary.md").read_text(encoding="utf-8")


def test_settle_pays_what_was_in_the_ledger_before_the_termination(ledger: Ledger) -> None:
    ledger.checkout("pr", new=True)
    late_class(ledger.records, 13)
    admission(ledger.records)
    ledger.commit("class, admitted", "2026-08-01T09:00:00+08:00")
    merge_as_the_host_does(ledger, "pr")
    terminate(ledger)  # after the class: it keeps what was due before the termination
    result = settle(ledger.root / "records", AFTER_TERMINATION, use_cache=False)
    assert not [h for h in result.held if h.rule == "CHG-TERMINATED"]
    assert "P2026-001-05" in {c["class"] for c in result.report["classes"]}


def merge_as_the_host_does(ledger: Ledger, branch: str) -> None:
    ledger.checkout("main")
    ledger.repo.git.merge(branch, "--no-ff", "--no-edit")


def test_without_the_history_nothing_is_ordered_and_nothing_is_held(ledger: Ledger, tmp_path: Path) -> None:
    """Outside a repository and in a shallow clone the order is unknown: no hold is invented (and
    settle.yml fetches the whole history, tests/gitops/test_workflows.py)."""
    terminate(ledger)
    late_class(ledger.records, 13)
    ledger.commit("class after the termination", "2026-11-02T09:00:00+08:00")
    records = ledger.root / "records"
    assert [h.class_id for h in attached_after_termination(records, load_records(records, cache=False))] == [
        "P2026-001-05"]
    shallow = tmp_path / "shallow"
    git.Repo.clone_from(ledger.root.as_uri(), shallow, depth=1)
    assert attached_after_termination(shallow / "records", load_records(shallow / "records", cache=False)) == []
    plain = tmp_path / "plain"
    shutil.copytree(records, plain / "records")
    assert attached_after_termination(plain / "records", load_records(plain / "records", cache=False)) == []
