"""Change history on the site comes from Git (one `git log` for the whole site): per project, the
commits that touched its decision and application, with the fields in the forms' Chinese labels
and the role or organisation that acted; commit messages, Git names and addresses never appear."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish.data import load_site
from generator.publish.history import redact
from generator.site.change_history import field_title
from generator.site.pages import render_pages
from tests.conftest import AS_OF, GIT_IDENTITY, PROJECT, WORLD, commit_all
from tests.site.helpers import commit_as

PSEUDONYM = "p_1abf46952bc24580ef9e29d5"


def test_project_page_lists_the_commits_that_changed_it(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(WORLD, records)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    project = records / PROJECT
    project.write_text(project.read_text(encoding="utf-8").replace("opinion: 与本地康养产业需求匹配。",
                                                                             "opinion: 与本地康养产业需求高度匹配。"),
                       encoding="utf-8")
    commit_all(repo, f"评审意见补充（{PSEUDONYM} 13812345678 的材料另行报送）", "2026-05-20T10:00:00+08:00")
    (repo / "README.md").write_text("not a record", encoding="utf-8")
    commit_all(repo, "README", "2026-05-21T10:00:00+08:00")

    data = load_site(records, AS_OF)
    assert data.history is not None
    pages = render_pages(data)
    page = pages["projects/P2026-001.md"]
    history = page[page.index("## 变更记录"):]
    assert ("修改 项目确定 <span class=\"px-token\">P2026-001</span>："
            "<span class=\"px-field\">专家评审 · 评审意见") in history
    assert "新建 项目确定" in history and "新建 项目征集表" in history and ">A2026-001<" in history
    assert history.index("2026-05-20") < history.index("2026-05-16"), "newest first"
    for page in pages.values():  # neither the message (masked or not) nor who wrote it, on any page
        assert "评审意见补充" not in page and "另行报送" not in page and "p_1a*" not in page
        assert PSEUDONYM not in page and "13812345678" not in page and "138****5678" not in page
        assert GIT_IDENTITY["GIT_AUTHOR_NAME"] not in page and GIT_IDENTITY["GIT_AUTHOR_EMAIL"] not in page
    assert "<td data-label=\"修改方\">记录库维护人员</td>" in history, "an account in no role"
    assert "README" not in pages["changes.md"], "only commits that change records are listed"
    assert "3 次记录变更" not in pages["changes.md"] and "（2 次提交）" in pages["changes.md"]


def test_who_acted_is_told_as_a_role_or_an_organisation(tmp_path: Path) -> None:
    """The account behind a commit (a noreply address's account, or the author name) is looked up in
    roles.yaml and in the institutions' maintainers; a person's name or address is never shown."""
    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(WORLD, records)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    project, application = records / PROJECT, records / "applications/2026/A2026-001.yaml"
    project.write_text(project.read_text(encoding="utf-8").replace("需求匹配", "需求高度匹配"), encoding="utf-8")
    commit_as(repo, "王小明", "12345+WX-Bureau@users.noreply.github.com", "fix opinion", "2026-05-20T10:00:00+08:00")
    application.write_text(application.read_text(encoding="utf-8").replace("专场招聘会", "两场专场招聘会"),
                           encoding="utf-8")
    commit_as(repo, "school-a", "li.lian@school-a.edu.cn", "update employers", "2026-05-21T10:00:00+08:00")
    application.write_text(application.read_text(encoding="utf-8").replace("两场专场招聘会", "三场专场招聘会"),
                           encoding="utf-8")
    commit_as(repo, "Zhao Qiang", "9+BH-District@users.noreply.github.com", "district note",
               "2026-05-22T10:00:00+08:00")

    pages = render_pages(load_site(records, AS_OF))
    history = pages["projects/P2026-001.md"].split("## 变更记录")[1]
    assert "<td data-label=\"修改方\">无锡市人社局</td>" in history
    assert "<td data-label=\"修改方\">滨湖区人社部门</td>" in history
    inst = load_site(records, AS_OF).records.institutions
    school = next(r.model.name for r in inst.values() if "school-a" in r.model.maintainers)
    assert f"<td data-label=\"修改方\">{school}</td>" in history
    for page in pages.values():
        for leaked in ("王小明", "WX-Bureau", "noreply", "li.lian", "school-a.edu.cn", "fix opinion",
                       "update employers", "Zhao Qiang", "district note"):
            assert leaked not in page, leaked


def test_records_outside_git_have_no_history(tmp_path: Path) -> None:
    records = tmp_path / "records"
    shutil.copytree(WORLD, records)
    data = load_site(records, AS_OF)
    assert data.history is None
    assert "不在 Git 记录库中" in render_pages(data)["changes.md"]


def test_field_paths_read_as_the_forms_labels() -> None:
    assert field_title("project", "contract.term.to") == "政府购买服务协议 · 期限 · 结束日期"
    assert field_title("class", "trainees[*].assessment.passed") == "参训人员 · 考核结果 · 是否合格"
    assert field_title("application", "employers[0].positions") == "岗位需求 · 岗位数量"
    assert field_title("project", "no_such_field") == "其他字段"  # never a raw key (issue 25.12)


def test_redact_masks_every_identifier() -> None:
    text = redact("身份证 320124198808240056，手机 13812345678，"
                  "假名 p_1abf46952bc24580ef9e29d5、c_4b96844c2b595b7243dc4ae9")
    assert text == ("身份证 3201**********0056，手机 138****5678，"
                    "假名 p_1a******************29d5、c_4b******************4ae9")


def test_a_second_build_reads_no_version_it_compared_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.gitops import audit

    parsed: list[bytes] = []
    real = audit.parse_blob
    monkeypatch.setattr(audit, "parse_blob", lambda data: parsed.append(data) or real(data))
    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(WORLD, records)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    project = records / PROJECT
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("与本地康养产业需求匹配", "与本地康养产业需求高度匹配"), encoding="utf-8")
    commit_all(repo, "评审意见补充", "2026-05-20T10:00:00+08:00")
    first = render_pages(load_site(records, AS_OF))
    assert len(parsed) == 2, "the first build compares the edited project's two versions"

    parsed.clear()
    assert render_pages(load_site(records, AS_OF)) == first
    assert parsed == [], "the second takes the fields changed between the two blobs from the cache"


def test_redact_sees_through_disguises() -> None:
    text = redact("身份证 ３２０１２４ １９８８０８２４ ００５６，手机 +86 138.1234.5678，"
                  "假名 P_1ABF46952BC24580EF9E29D5、1abf46952bc24580ef9e29d5，"
                  "提交 9848021f0e1c2d3b4a5968778695a4b3c2d1e0f9")
    assert text == ("身份证 3201**********0056，手机 +138****5678，"
                    "假名 P_1A******************29D5、1abf****************29d5，"
                    "提交 9848021f0e1c2d3b4a5968778695a4b3c2d1e0f9")


def test_author_names_and_messages_never_reach_the_site(tmp_path: Path) -> None:
    """A Git author name is typed by a person too: 变更记录 shows neither it nor the message, in
    any disguise of the identifiers they hold."""
    import git

    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(WORLD, records)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    project = records / PROJECT
    text = project.read_text(encoding="utf-8")
    project.write_text(text.replace("与本地康养产业需求匹配", "与本地康养产业需求高度匹配"), encoding="utf-8")
    handle = git.Repo(repo)
    handle.git.add(A=True)
    env = {"GIT_AUTHOR_NAME": "张三 １３８－１２３４－５６７８", "GIT_AUTHOR_EMAIL": "z@example.cn",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.cn",
           "GIT_AUTHOR_DATE": "2026-05-20T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-05-20T10:00:00+08:00"}
    with handle.git.custom_environment(**env):
        handle.git.commit("-m", "补充 320124 19880824 0056 与 p_1ABF46952BC24580EF9E29D5")
    pages = render_pages(load_site(records, AS_OF))
    shown = pages["changes.md"] + pages["projects/P2026-001.md"]
    assert "2026-05-20" in shown  # the commit is listed
    for secret in ("张三", "１３８－１２３４", "19880824", "1ABF46952BC2", "1abf46952bc2"):
        assert secret not in shown


def test_a_merged_change_is_told_by_who_opened_or_merged_it_never_by_a_domain(tmp_path: Path) -> None:
    """Staff often commit under their own name and office address: the account is then known only
    from the host's merge (the pull request's source account, or the account that merged it). An
    address at the bureau's own domain names nobody: anyone can write it."""
    import git

    repo = tmp_path / "repo"
    records = repo / "records"
    shutil.copytree(WORLD, records)
    commit_all(repo, "Sample world", "2026-05-16T09:00:00+08:00")
    handle = git.Repo(repo)
    project, application = records / PROJECT, records / "applications/2026/A2026-001.yaml"

    def merge(branch: str, subject: str, edit: Path, old: str, new: str, when: str) -> None:
        handle.git.checkout("-b", branch)
        edit.write_text(edit.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        commit_as(repo, "李莲", "li.lian@school-a.edu.cn", "edit", when)
        handle.git.checkout("master" if "master" in handle.heads else "main")
        env = {"GIT_AUTHOR_NAME": "王小明", "GIT_AUTHOR_EMAIL": "12345+wx-bureau@users.noreply.github.com",
               "GIT_COMMITTER_NAME": "GitHub", "GIT_COMMITTER_EMAIL": "noreply@github.com",
               "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        with handle.git.custom_environment(**env):
            handle.git.merge("--no-ff", "-m", subject, branch)

    merge("employers", "Merge pull request #5 from school-a/employers", application, "专场招聘会", "两场专场招聘会",
          "2026-05-20T10:00:00+08:00")
    merge("opinion", "Merge pull request #6 from someone-else/opinion", project, "需求匹配", "需求高度匹配",
          "2026-05-21T10:00:00+08:00")
    application.write_text(application.read_text(encoding="utf-8").replace("两场", "三场"), encoding="utf-8")
    commit_as(repo, "wx-hrss", "wx-bureau@wxhrss.gov.cn", "direct", "2026-05-22T10:00:00+08:00")

    data = load_site(records, AS_OF)
    history = render_pages(data)["projects/P2026-001.md"].split("## 变更记录")[1]
    rows = [row for row in history.split("<tr") if "2026-05-2" in row]
    school = next(r.model.name for r in data.records.institutions.values() if "school-a" in r.model.maintainers)
    actor = {day: row.split('data-label="修改方">')[1].split("<")[0] for row in rows
             for day in ("2026-05-20", "2026-05-21", "2026-05-22") if day in row}
    assert actor == {"2026-05-20": school, "2026-05-21": "无锡市人社局", "2026-05-22": "记录库维护人员"}
    for leaked in ("李莲", "li.lian", "王小明", "wxhrss.gov.cn", "someone-else"):
        assert leaked not in history
