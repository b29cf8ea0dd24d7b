"""peixun audit for auditors on real repositories: Chinese labels and values, lists by content, the
organisation behind the account, the merge and its pull request, and what a change did to the money."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import git
import pytest

from generator.cli import main
from generator.gitops.actors import accounts_of, pull_request_of
from generator.gitops.money import Ledger as MoneyLedger
from generator.gitops.money import signed
from generator.gitops.trail import institution_trail, record_trail
from generator.gitrepo import GitRepo
from tests.conftest import APPLICATION, CLASS, INSTITUTION, PAYMENTS, PROJECT, World
from tests.gitops.conftest import OTHER_USCC, UNPAID_CLASS, Ledger

USCC = "52320211MA1W00001X"
SCHOOL = "school-a <12345+school-a@users.noreply.github.com>"
BUREAU = "wx-bureau <wx-bureau@users.noreply.github.com>"


def commit_as(ledger: Ledger, who: str, message: str, when: str) -> str:
    name, email = who[:-1].split(" <")
    repo = ledger.repo
    repo.git.add(A=True)
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
           "GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    with repo.git.custom_environment(**env):
        repo.git.commit("-m", message)
    return repo.head.commit.hexsha


def merge_as(ledger: Ledger, who: str, branch: str, message: str, when: str) -> str:
    name, email = who[:-1].split(" <")
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
           "GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    with ledger.repo.git.custom_environment(**env):
        ledger.repo.git.merge("--no-ff", "-m", message, branch)
    return ledger.repo.head.commit.hexsha


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_who_changed_the_unit_price_when_and_what_it_did_to_what_is_owed(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    """The bureau lowers a unit price in a pull request merged by the bureau: the audit names the
    field and values in Chinese, the account and its organisation, the pull request, and the money
    owed for the project's class, before and after, as of the change's day."""
    ledger.checkout("price", new=True)
    ledger.records.edit(PROJECT, lambda d: d.update(unit_price=900))
    change = commit_as(ledger, BUREAU, "调整单价", "2026-08-03T10:00:00+08:00")
    ledger.checkout("main")
    merge = merge_as(ledger, BUREAU, "price", "Merge pull request #12 from wx-bureau/price",
                     "2026-08-04T09:30:00+08:00")

    trail = record_trail(ledger.root, ledger.rel(PROJECT))

    newest = trail.entries[0]
    assert newest.revision.commit.sha == change
    assert (newest.actor.account, newest.actor.organisation) == ("wx-bureau", "市人社局")
    assert newest.landing is not None and (newest.landing.commit, newest.landing.pull_request) == (merge, 12)
    assert newest.lines == ("成交单价（元/人）：1,000.00 元 → 900.00 元",)
    assert newest.money is not None and newest.money.comparable
    [moved] = newest.money.classes
    assert moved.class_id == "P2026-001-01" and moved.due_change < 0
    assert all(what != "paid" for _phase, what, _before, _after in moved.moves)  # nothing was paid by it
    code, out, _ = run(capsys, "audit", str(ledger.records.path(PROJECT)))
    assert code == 0
    assert "成交单价（元/人）：1,000.00 元 → 900.00 元" in out
    assert "账号 wx-bureau（市人社局）" in out and "PR #12" in out and "2026年8月3日 10:00" in out
    assert "本次修改后，班次 P2026-001-01 应拨 -" in out
    newest_text = out.split("\n\n")[1]
    assert "成交单价" in newest_text
    for raw in ("unit_price", "{", "@", "wx-bureau <", "调整单价"):
        assert raw not in newest_text  # no field path, no JSON, no e-mail, no Git name, no commit message
    code, out, _ = run(capsys, "audit", str(ledger.records.path(PROJECT)), "--format", "json")
    assert code == 0 and json.loads(out) == json.loads(json.dumps(trail.as_dict()))


def test_the_money_delta_is_the_arithmetic_of_both_sides(ledger: Ledger) -> None:
    """Prices are compared through the settlement itself: halving the price halves what is due."""
    base = ledger.repo.head.commit.hexsha
    ledger.records.edit(PROJECT, lambda d: d.update(unit_price=500))
    head = ledger.commit("half price")
    with GitRepo(ledger.root) as repo:
        money = MoneyLedger(repo, "records")
        day = dt.date(2027, 6, 30)
        before, _ = money.figures(base, day)
        after, _ = money.figures(head, day)
        delta = money.delta(base, head, day)
    old, new = before["P2026-001-01"], after["P2026-001-01"]
    assert old.due["first"] > 0 and new.due["first"] * 2 == old.due["first"]
    [moved] = delta.classes
    assert ("first", "due", old.due["first"], new.due["first"]) in moved.moves
    assert delta.due_change == sum(new.due.values()) - sum(old.due.values())


def test_a_list_change_is_told_by_content_not_by_position(ledger: Ledger) -> None:
    """One target group inserted first moved every later position: it is still one line."""
    ledger.records.edit(APPLICATION, lambda d: d["target_groups"].insert(0, "school_leaver"))
    commit_as(ledger, SCHOOL, "target groups", "2026-08-05T10:00:00+08:00")
    [entry, *_] = record_trail(ledger.root, ledger.rel(APPLICATION)).entries
    assert entry.lines == ("新增培训对象：城乡未继续升学的应届初高中毕业生",)
    assert (entry.actor.account, entry.actor.organisation) == ("school-a", "无锡示例职业培训学校")
    assert entry.landing is not None and not entry.landing.merged and entry.landing.pull_request is None


def test_a_roster_change_is_rows_under_pseudonyms(ledger: Ledger) -> None:
    def change(data: dict) -> None:
        data["trainees"][0]["attended_periods"] = 40
        data["trainees"].pop()

    ledger.records.edit(CLASS, change)
    ledger.commit("roster")
    [entry, *_] = record_trail(ledger.root, ledger.rel(CLASS)).entries
    people = [line for line in entry.lines if line.startswith("参训人员")]
    assert any(line.startswith("参训人员 p_") and line.endswith("出勤课时：48 → 40") for line in people), people
    assert any(line.startswith("参训人员：删除 p_") and "人员类别" in line for line in people), people
    assert all("{" not in line and "[" not in line for line in entry.lines)


def test_a_payment_line_reads_as_money_and_moves_paid(ledger: Ledger) -> None:
    ledger.records.edit(PAYMENTS, lambda d: d["installments"].append(
        {"phase": "remainder", "amount": 1000, "paid_on": "2026-09-01", "voucher": "WX-PAY-0002"}))
    ledger.commit("pay", "2026-09-02T10:00:00+08:00")
    [entry, *_] = record_trail(ledger.root, ledger.rel(PAYMENTS)).entries
    assert entry.lines == ("新增拨付记录：拨付阶段 剩余补贴，金额（元） 1,000.00 元，拨付日期 2026年9月1日，"
                           "凭证号 WX-PAY-0002",)
    assert entry.money is not None
    assert any("已拨 +1,000.00 元（剩余补贴）" in line for line in entry.money.lines())


def test_an_institution_trail_lists_everything_it_owns_newest_first(ledger: Ledger) -> None:
    ledger.records.edit(INSTITUTION, lambda d: d.update(address="新地址"))
    ledger.commit("address", "2026-08-01T10:00:00+08:00")
    ledger.records.edit(UNPAID_CLASS, lambda d: d.update(location="新教室"))
    ledger.commit("room", "2026-08-02T10:00:00+08:00")
    ledger.records.edit(f"institutions/{OTHER_USCC}.yaml", lambda d: d.update(address="别处"))
    ledger.commit("other institution", "2026-08-03T10:00:00+08:00")

    trail = institution_trail(ledger.root, USCC)
    paths = [e.revision.path for e in trail.entries]
    assert paths[:2] == [ledger.rel(UNPAID_CLASS), ledger.rel(INSTITUTION)]
    assert ledger.rel(f"institutions/{OTHER_USCC}.yaml") not in paths
    assert {ledger.rel(PROJECT), ledger.rel(APPLICATION), ledger.rel(CLASS), ledger.rel(PAYMENTS)} <= set(paths)
    recent = institution_trail(ledger.root, USCC, since=dt.date(2026, 8, 2))
    assert [e.revision.path for e in recent.entries] == [ledger.rel(UNPAID_CLASS)]


def test_institution_audit_cli_and_an_unknown_institution(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    records = str(ledger.records.root)
    code, out, _ = run(capsys, "audit", "--institution", USCC, "--records", records, "--since", "2026-01-01")
    assert code == 0 and out.startswith(f"{USCC} 的变更记录")
    code, _, err = run(capsys, "audit", "--institution", "91320000000000000X", "--records", records)
    assert code != 0 and "没有统一社会信用代码为" in err
    code, _, err = run(capsys, "audit")
    assert code != 0 and "二者选一" in err


def test_no_organisation_is_guessed_from_an_email_domain(ledger: Ledger) -> None:
    """An address at the bureau's domain is anyone's to write: only a host account counts."""
    ledger.records.edit(APPLICATION, lambda d: d.update(project_name="冒名修改"))
    commit_as(ledger, "Someone <wx-bureau@wxhrss.gov.cn>", "x", "2026-08-05T10:00:00+08:00")
    [entry, *_] = record_trail(ledger.root, ledger.rel(APPLICATION)).entries
    assert entry.actor.account is None and entry.actor.organisation is None
    assert "无法对应到单位" in entry.actor.text()
    assert "wx-bureau" not in accounts_of("Someone", "wx-bureau@wxhrss.gov.cn")
    assert accounts_of("x", "9+school-a@users.noreply.github.com")[0] == "school-a"


@pytest.mark.parametrize(("subject", "expected"), [
    ("Merge pull request #12 from school-a/price", (12, "school-a")),
    ("调整单价 (#31)", (31, None)),
    ("Merge pull request 'x' (#7) from price into main", (7, None)),
    ("Merge branch 'price'", (None, None)),
    ("Merge pull request #12 from evil\nuser/x", (None, None)),
])
def test_pull_request_numbers_from_the_hosts_subjects(subject: str, expected: tuple[int | None, str | None]) -> None:
    assert pull_request_of(subject) == expected


def test_a_commit_inside_a_merged_branch_lands_with_its_merge(tmp_path: Path) -> None:
    from generator.gitops.actors import landings

    repo = git.Repo.init(tmp_path)
    env = {"GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@example.cn", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@example.cn"}
    with repo.git.custom_environment(**env):
        repo.git.commit("--allow-empty", "-m", "base")
        repo.git.branch("-M", "main")
        repo.git.checkout("-b", "feature")
        repo.git.commit("--allow-empty", "-m", "one")
        one = repo.head.commit.hexsha
        repo.git.commit("--allow-empty", "-m", "two")
        repo.git.checkout("main")
        repo.git.commit("--allow-empty", "-m", "direct")
        direct = repo.head.commit.hexsha
        repo.git.merge("--no-ff", "-m", "Merge pull request #3 from school-a/feature", "feature")
        merge = repo.head.commit.hexsha
    with GitRepo(tmp_path) as handle:
        found = landings(handle)
    assert found[one].commit == merge and found[one].merged and found[one].pull_request == 3
    assert found[direct].commit == direct and not found[direct].merged
    assert found[merge].commit == merge


def test_the_pull_request_comment_shows_the_money_before_merging(ledger: Ledger, capsys: pytest.CaptureFixture[str]
                                                                 ) -> None:
    """An institution raising its own unit price wants the money to move unnoticed: the comment
    says by how much what is owed would move, class by class."""
    def change(world: World) -> None:
        world.edit(PROJECT, lambda d: d.update(unit_price=1300))

    ledger.pr("school-a", change)
    out = ledger.root.parent / "comment.md"
    code, _, _ = run(capsys, "check-changes", "--base", "main", "--author", "school-a", "--records",
                     str(ledger.records.root), "--as-of", "2027-06-30", "--markdown-out", str(out))
    comment = out.read_text(encoding="utf-8")
    assert code == 1  # the price is the bureau's: refused, and the reviewer sees what it was worth
    assert "**合并后应拨金额变化：+" in comment and "（按 2027-06-30 结算" in comment
    assert "- 本次修改后，班次 P2026-001-01 应拨 +" in comment
    total = comment.split("合并后应拨金额变化：", 1)[1].split("**", 1)[0]
    with GitRepo(ledger.root) as repo:
        delta = MoneyLedger(repo, "records").delta("main", "pr", dt.date(2027, 6, 30))
    assert total == signed(delta.due_change) and delta.due_change > 0


def test_a_pull_request_that_moves_no_money_says_so(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.pr("school-a", lambda world: world.edit(INSTITUTION, lambda d: d.update(address="新地址")))
    out = ledger.root.parent / "comment.md"
    run(capsys, "check-changes", "--base", "main", "--author", "school-a", "--records", str(ledger.records.root),
        "--markdown-out", str(out))
    comment = out.read_text(encoding="utf-8")
    assert "**合并后应拨金额变化：+0.00 元**" in comment and "本次修改不改变任何班次的结算金额" in comment


def test_any_two_trees_are_described_in_words_without_a_crash() -> None:
    """An old version of a file may hold anything YAML can say (another shape, odd keys, NaN, huge
    numbers, bytes): the audit must still describe the change, one line of text per difference."""
    import random

    from generator.gitops.auditwords import describe
    from generator.records.kinds import KINDS

    rng = random.Random(27)
    leaves = [None, True, 1, 2.5, float("nan"), 10**30, "x", "", "a\nb", dt.date(2026, 1, 1), b"raw",
              "registered_unemployed"]
    keys = ["unit_price", "trainees", "person", "review", "panel", "target_groups", 1, None, (1, 2)]

    def tree(depth: int = 0) -> object:
        roll = rng.random()
        if depth > 3 or roll < 0.3:
            return rng.choice(leaves)
        if roll < 0.6:
            return {rng.choice(keys): tree(depth + 1) for _ in range(rng.randint(0, 4))}
        return [tree(depth + 1) for _ in range(rng.randint(0, 4))]

    for _ in range(500):
        for kind in KINDS:
            old, new = tree(), tree()
            lines = describe(kind.name, old, new)
            assert all(isinstance(line, str) and line and "\n" not in line for line in lines)
            assert describe(kind.name, old, old) == []  # NaN included, which equals nothing
