"""The pages a school's clerk reads (申报指南, 网页提交步骤, 花名册, 申报) ask her for nothing but a browser.

The issue: the guide told her to run `peixun validate`, `peixun new application` and `peixun
seal-roster`, which she cannot. These tests read the built sample site (a real `mkdocs build`).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.intake import rosterrules as rr
from generator.records.institution import Institution
from generator.records.labels import GROUP_LABELS
from generator.records.training import TrainingClass
from generator.site.build import BuildResult
from generator.site.pages.submit import CHANGE_RULES, CLASS_SAMPLE, INSTITUTION_SAMPLE, for_bureau
from tests.site.test_site_build import html, text_of

REPO = Path(__file__).parents[2]
CLERK_PAGES = ("guide", "submit", "roster", "apply")


def test_no_page_for_the_clerk_tells_her_to_run_a_command(built_site: BuildResult) -> None:
    for page in CLERK_PAGES:
        text = text_of(html(built_site, page))
        for command in ("peixun ", "git ", "pip ", "python", "命令行中运行", "终端"):
            assert command not in text, (page, command)


def test_the_guide_sends_her_to_the_web_steps_the_roster_page_and_the_form(built_site: BuildResult) -> None:
    guide = html(built_site, "guide")
    for target in ('href="../submit/"', 'href="../roster/"', 'href="../apply/"'):
        assert target in guide, target
    assert "新培训主体：须市人社局审核后合并" in text_of(guide)


def test_the_web_steps_cover_fork_upload_pull_request_comment_and_upload_again(built_site: BuildResult) -> None:
    text = text_of(html(built_site, "submit"))
    for step in ("Fork", "Create fork", "Upload files", "Commit changes", "Open pull request", "Create pull request",
                 "自动检查结果", "修改后重新上传", "同一个分支", "同名", "首次申报的单位", "已登记的单位", "Sync fork"):
        assert step in text, step
    issuer = "无锡市人力资源和社会保障局"  # the sample policy's: every explanation names the site's own bureau
    for rule_id, (meaning, action) in CHANGE_RULES.items():
        assert rule_id in text and for_bureau(meaning, issuer) in text and for_bureau(action, issuer) in text


def test_every_rule_of_the_pull_request_check_is_explained() -> None:
    """A new CHG-* rule in generator/gitops must be explained to the clerk before it can land."""
    code = "".join(p.read_text(encoding="utf-8") for p in (REPO / "generator" / "gitops").glob("*.py"))
    assert set(re.findall(r'"(CHG-[A-Z]+)"', code)) == set(CHANGE_RULES)


def test_the_samples_she_pastes_are_valid_records(built_site: BuildResult) -> None:
    institution = Institution.model_validate(yaml.safe_load(INSTITUTION_SAMPLE))
    assert institution.maintainers == ["wuxi-school-a"]
    assert TrainingClass.model_validate(yaml.safe_load(CLASS_SAMPLE)).trainees == []
    text = text_of(html(built_site, "submit"))
    for sample in (INSTITUTION_SAMPLE, CLASS_SAMPLE):
        for line in sample.splitlines():
            assert " ".join(line.split()) in text


def test_the_roster_page_states_the_format_from_the_imports_definitions(built_site: BuildResult) -> None:
    page = html(built_site, "roster")
    text = text_of(page)
    for column in rr.COLUMN_SPECS:
        assert column.name in text and column.meaning in text
    for label in GROUP_LABELS.values():
        assert label in text
    assert 'href="roster-template.xlsx" download="花名册模板.xlsx"' in page
    assert (built_site.out / "roster" / "roster-template.xlsx").is_file()
    for script in ("vendor.js", "roster.js"):
        assert f'<script src="{script}" defer></script>' in page
