"""Authority from everyone who pushed (issue 23 point 4), on real repositories.

A pull request is judged with the rights of its opener AND of the account that triggered the
check (the pusher, or whoever re-ran it): a change passes only if both may make it. After-merge
judges each merged pull request with its own author's rights, never without an author.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.errors import UsageError
from generator.findings import Finding, Severity
from generator.gitops.change_review import check_changes, review_changes
from generator.gitops.merged import read_merged, review_merged
from generator.gitops.pullrequest import review_pull_request
from tests.conftest import APPLICATION, EMPLOYMENT, INSTITUTION
from tests.gitops.conftest import PR_DAY, UNDECIDED_APPLICATION, Ledger, day_of

MAINTAINER = "school-a"
BUREAU = "wx-bureau"
TODAY = day_of(PR_DAY)


def rules(found: list[Finding]) -> list[tuple[str, str]]:
    return sorted((f.rule, f.path) for f in found if f.severity is Severity.ERROR)


def pension_months_and_a_maintainer(ledger: Ledger) -> None:
    """What an institution pushes onto a branch of a pull request the bureau opened."""
    ledger.records.edit(EMPLOYMENT, lambda d: d["records"][0]["pension_months"].append("2026-10"))
    ledger.records.edit(INSTITUTION, lambda d: d["maintainers"].append("school-a-friend"))


def test_an_institutions_push_to_the_bureaus_pull_request_is_judged_with_its_own_rights(
        ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    ledger.checkout("bureau-pr", new=True)
    ledger.records.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="新名称"))  # the bureau's commit
    ledger.commit("bureau", PR_DAY)
    pension_months_and_a_maintainer(ledger)  # then school-a pushes to the same branch
    ledger.commit("institution", PR_DAY)
    # judged as before (the opener's rights alone), the push would pass
    assert check_changes(ledger.root, "main", BUREAU, today=TODAY) == []
    found = check_changes(ledger.root, "main", [BUREAU, MAINTAINER], today=TODAY)
    assert rules(found) == [("CHG-FACT", ledger.rel(INSTITUTION)), ("CHG-OWNER", ledger.rel(EMPLOYMENT))]
    assert all(f"账号 {MAINTAINER}" in f.message for f in found)
    # through the command validate.yml runs: --author for the opener, --author for the pusher
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", "main",
                 "--author", BUREAU, "--author", MAINTAINER, "--validate", "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 1 and "CHG-OWNER" in out
    assert f"提交人 {BUREAU}：市人社局；提交人 {MAINTAINER}：培训主体" in out.splitlines()[-1]


def test_a_bureau_re_run_does_not_lend_its_rights_to_an_institutions_pull_request(ledger: Ledger) -> None:
    ledger.checkout("pr", new=True)
    pension_months_and_a_maintainer(ledger)
    ledger.commit("institution", PR_DAY)
    review = review_pull_request(ledger.root, "main", [MAINTAINER, BUREAU], as_of=TODAY)
    assert not review.ok
    assert ("CHG-OWNER", ledger.rel(EMPLOYMENT)) in rules(review.findings)


def test_the_same_account_twice_is_judged_once(ledger: Ledger) -> None:
    ledger.checkout("pr", new=True)
    pension_months_and_a_maintainer(ledger)
    ledger.commit("institution", PR_DAY)
    once = check_changes(ledger.root, "main", MAINTAINER, today=TODAY)
    assert check_changes(ledger.root, "main", [MAINTAINER, "School-A", " school-a"], today=TODAY) == once
    review = review_changes(ledger.root, "main", [MAINTAINER, "School-A"], today=TODAY)
    assert len(review.authorities) == 1


# -- after-merge: each merged pull request with its own author --------------------------------------

def merge(ledger: Ledger, branch: str) -> str:
    ledger.checkout("main")
    ledger.repo.git.merge(branch, "--no-ff", "--no-edit")
    return ledger.repo.head.commit.hexsha


def test_after_merge_judges_each_merged_pull_request_with_its_authors_rights(
        ledger: Ledger, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two pull requests land in one push: the bureau's (a price note) and an institution's that a
    bureau member merged by mistake (it edits a decided application's judged content, frozen for
    institutions, and the bureau's employment file)."""
    before = ledger.repo.commit("main").hexsha
    ledger.checkout("bureau-pr", new=True)
    ledger.records.edit(UNDECIDED_APPLICATION, lambda d: d.update(project_name="市人社局修改"))
    ledger.commit("bureau", PR_DAY)
    first = merge(ledger, "bureau-pr")
    ledger.checkout("school-pr", new=True)
    ledger.records.edit(APPLICATION, lambda d: d.update(project_name="评审后改名"))
    ledger.records.edit(EMPLOYMENT, lambda d: d["records"][0]["pension_months"].append("2026-10"))
    ledger.commit("institution", PR_DAY)
    second = merge(ledger, "school-pr")
    # judged without an author (as before), the institution's pull request passed after-merge
    assert check_changes(ledger.root, before, None, head=second, today=TODAY) == []
    merged = {first: [BUREAU], second: [MAINTAINER]}
    found = review_merged(ledger.root, before, second, merged, BUREAU, today=TODAY).findings
    assert rules(found) == [("CHG-FROZEN", ledger.rel(APPLICATION)), ("CHG-OWNER", ledger.rel(EMPLOYMENT))]
    assert all(MAINTAINER in f.message or "申报" in f.message for f in found)
    # the command after-merge.yml runs: the authors file, the pusher as --author
    listing = tmp_path / "merged.txt"
    listing.write_text(f"{first} {BUREAU}\n\n{second} {MAINTAINER}\n", encoding="utf-8")
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", before,
                 "--head", second, "--author", BUREAU, "--merged-authors", str(listing), "--validate",
                 "--today", TODAY.isoformat(), "--format", "github"])
    out = capsys.readouterr().out
    assert code == 1 and f"::error file={ledger.rel(EMPLOYMENT)}" in out and "CHG-FROZEN" in out


def test_a_commit_no_pull_request_brought_is_judged_with_the_pushers_rights(ledger: Ledger) -> None:
    before = ledger.repo.commit("main").hexsha
    ledger.records.edit(EMPLOYMENT, lambda d: d["records"][0]["pension_months"].append("2026-10"))
    after = ledger.commit("pushed straight to main", PR_DAY)
    assert review_merged(ledger.root, before, after, {}, BUREAU, today=TODAY).findings == []
    for pusher in ("github-actions[bot]", MAINTAINER):
        found = review_merged(ledger.root, before, after, {}, pusher, today=TODAY).findings
        assert rules(found) == [("CHG-OWNER", ledger.rel(EMPLOYMENT))], pusher


def test_the_merged_authors_file_is_strict() -> None:
    sha = "a" * 40
    assert read_merged(f"{sha} school-a\n{sha.upper()} wx-bureau\n") == {sha: ["school-a", "wx-bureau"]}
    for bad in (f"{sha}", "abc school-a", f"{sha} school-a extra", f"{'g' * 40} x"):
        with pytest.raises(UsageError, match="合并记录第 1 行"):
            read_merged(bad)


def test_a_bad_merged_authors_file_is_one_chinese_line(ledger: Ledger, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    listing = tmp_path / "merged.txt"
    listing.write_text("not a sha\n", encoding="utf-8")
    code = main(["check-changes", "--repo", str(ledger.root), "--records", "records", "--base", "main",
                 "--merged-authors", str(listing), "--today", "2026-08-01"])
    err = capsys.readouterr().err
    assert code == 2 and "合并记录第 1 行" in err and "Traceback" not in err



def test_a_new_jurisdictions_check_also_judges_the_triggering_account(tmp_path: Path) -> None:
    target = tmp_path / "city"
    assert main(["init", str(target), "--jurisdiction", "江阴市", "--effective-from", "2026-11-01"]) == 0
    text = (target / ".github" / "workflows" / "validate.yml").read_text(encoding="utf-8")
    assert "PUSHER: ${{ github.triggering_actor }}" in text
    assert '--author "$AUTHOR" --author "$PUSHER"' in text
