"""Change history on the site comes from Git (one `git log` for the whole site): per project, the
commits that touched its decision and application, with the fields in the forms' Chinese labels;
commit messages are published with identifiers masked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish.data import load_site
from generator.publish.history import redact
from generator.site.changes import field_title
from generator.site.pages import render_pages
from tests.conftest import AS_OF, PROJECT, WORLD, commit_all

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
    assert "修改 项目确定 P2026-001：<span class=\"px-field\">专家评审 · 评审意见</span>" in history
    assert "新建 项目确定 P2026-001" in history and "新建 项目征集表 A2026-001" in history
    assert history.index("2026-05-20") < history.index("2026-05-16"), "newest first"
    assert PSEUDONYM not in page and "13812345678" not in page
    assert "p_1a******************29d5" in history and "138****5678" in history
    assert "README" not in pages["changes.md"], "only commits that change records are listed"
    assert "3 次记录变更" not in pages["changes.md"] and "（2 次提交）" in pages["changes.md"]


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
    assert field_title("project", "no_such_field") == "no_such_field"


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
