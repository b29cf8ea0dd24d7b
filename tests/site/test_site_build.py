"""The sample records built once (session fixture): what the site holds and what it must not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from generator.publish.data import load_site
from generator.publish.pii_guard import scan_output
from generator.records.load import load_records
from generator.rules import REGISTRY
from generator.site.assemble import SiteConfigError, prepare
from generator.site.build import BuildResult, overrides
from generator.site.pages import render_pages
from tests.site.helpers import MKDOCS_YML, REPO, SAMPLE, SAMPLE_AS_OF


def html(site: BuildResult, page: str) -> str:
    return (site.out / page / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def test_configuration_is_the_one_the_issue_asks_for() -> None:
    with MKDOCS_YML.open(encoding="utf-8") as fd:
        config = yaml_load(fd)
    assert (config["docs_dir"], config["site_dir"]) == ("site", "public")
    assert config["theme"]["language"] == "zh" and config["theme"]["font"] is False
    assert {p["scheme"] for p in config["theme"]["palette"]} == {"default", "slate"}
    # no MkDocs search (an empty list: without one MkDocs adds it); Pagefind indexes after the build
    assert config["plugins"] == []
    # the header override, stylesheet and scripts come from the engine's theme folder (the hook adds it)
    assert "custom_dir" not in config["theme"]
    assert config["hooks"] == ["generator/site/mkdocs_hook.py"]
    assert "public/" in (REPO / ".gitignore").read_text(encoding="utf-8").split()


def test_the_build_warns_about_nothing(built_site: BuildResult, build_warnings: list[str]) -> None:
    """mkdocs.yml turns unresolved links and missing anchors into warnings; there are none."""
    assert build_warnings == []


def test_every_published_project_and_institution_has_a_page(built_site: BuildResult) -> None:
    for project in ("P2026-001", "P2026-002", "P2026-003", "P2026-004", "P2026-005", "P2026-006", "P2026-008"):
        assert (built_site.out / "projects" / project / "index.html").is_file(), project
    # rejected and merely recommended applications are no public decision
    assert not (built_site.out / "projects" / "P2026-007").exists()
    assert not (built_site.out / "projects" / "P2026-009").exists()
    for uscc in ("12320281MB0J6T3RXC", "12320211MB1K2W7P8U", "52320214MJ5W1C2RXW", "91320206MA7HD3Q85M"):
        assert (built_site.out / "institutions" / uscc / "index.html").is_file(), uscc
    assert built_site.pages == sum(1 for p in built_site.out.rglob("*.html") if p.name != "404.html")


def test_generated_pages_are_out_of_the_navigation(built_site: BuildResult) -> None:
    for name in ("", "projects", "projects/P2026-001"):
        page = html(built_site, name)
        chrome = re.sub(r"<article.*?</article>", "", page, flags=re.S)  # header, tabs, navigation, footer
        assert "项目公示" in chrome and "培训成效" in chrome
        assert "P2026-" not in chrome and "12320281MB0J6T3RXC" not in chrome


def test_nothing_is_generated_into_the_docs_folder(built_site: BuildResult) -> None:
    # and this repository keeps no copy of the engine's hand-written pages and assets: one copy, in the package
    assert sorted(p.relative_to(REPO / "site").as_posix() for p in (REPO / "site").rglob("*")) == [".gitkeep"]
    assert (built_site.out / "about" / "index.html").is_file() and (built_site.out / "search" / "index.html").is_file()
    assert (built_site.out / "assets" / "stylesheets" / "peixun.css").is_file()


def test_a_hand_written_page_may_not_shadow_a_generated_one(tmp_path: Path) -> None:
    (tmp_path / "projects").mkdir()
    (tmp_path / "projects" / "index.md").write_text("# 手写", encoding="utf-8")
    with pytest.raises(SiteConfigError, match=r"projects/index\.md"):
        prepare({"records": str(SAMPLE), "as_of": "2026-11-27"}, str(MKDOCS_YML), str(tmp_path))


def test_project_page_shows_the_four_in_one_summary_and_money_per_project(built_site: BuildResult) -> None:
    page = text_of(html(built_site, "projects/P2026-001"))
    for expected in ("无锡示例智能装备有限公司", "示教器编程与轨迹规划", "合计 80 课时，实操占 70%",
                     "职业技能等级证书", "结业前组织两场企业专场招聘", "1,450.00 元/人", "江阴示例技师学院",
                     "6-31-07-03 四级/中级工"):
        assert expected in page, expected
    # its cohort is still in its employment windows: its money waits for the outcome pages (issue 24)
    assert "本项目的拨付金额结果公开后公布" in page and "26,100.00 元" not in page
    # classes appear with dates and stage, never with counts or money of their own
    assert "P2026-001-01" in page and "就业跟踪中" in page and "跟踪结束后公布" in page
    assert "20,880" not in page  # the first class's first installment alone (P2026-001-01)


def test_terminated_project_says_why(built_site: BuildResult) -> None:
    page = text_of(html(built_site, "projects/P2026-008"))
    assert "已终止" in page and "2026年10月9日" in page


def test_rules_table_lists_every_rule_of_the_registry(built_site: BuildResult) -> None:
    page = html(built_site, "guide")
    listed = re.findall(r"<code>([A-Z][A-Z0-9-]+)</code>", page)
    assert listed == sorted(REGISTRY)
    assert "通知 四(四)" in page


def test_policy_page_renders_the_policy_record(built_site: BuildResult) -> None:
    page = text_of(html(built_site, "policy"))
    for expected in ("40 课时", "不低于 60%", "3,000 元", "2,000 元", "1,000 元", "最多 3 次", "6 个月内",
                     "30%（含）以上", "少于 10 人", "工业机器人系统操作员"):
        assert expected in page, expected


def test_home_page_key_figures(built_site: BuildResult) -> None:
    page = text_of(html(built_site, ""))
    assert "7 入选项目" in page and "10 开班班次" in page and "179 参训人次" in page
    # money follows the outcome pages (issue 24): no cohort is closed yet, so no project's payments
    # are published and the total says how many wait
    assert "0.00 万元 已公布的拨付补贴 0.00 元；另有 6 个项目的拨付在培训结果公开后公布" in page
    # certificates are counted once a class ends: no cohort has finished its employment window yet,
    # but 7 classes have ended and their certificates are known (and paid for)
    data = load_site(SAMPLE, SAMPLE_AS_OF)
    ended = [c for c in data.records.classes.values() if c.model.end_on <= SAMPLE_AS_OF and c.model.trainees]
    certified = sum(s.certified for s in data.settlement.classes if s.class_id in {c.model.id for c in ended})
    assert certified == 115 and len(ended) == 7
    assert "115 取得证书人数 7 个已结业班次；稳定就业情况在就业跟踪期结束后公布" in page


def test_search_is_a_chunked_index_not_one_file(built_site: BuildResult) -> None:
    """Pagefind's index replaces MkDocs' single search_index.json; only what the search page uses is kept."""
    search = built_site.out / "pagefind"
    assert not (built_site.out / "search" / "search_index.json").exists()
    assert (search / "pagefind.js").is_file() and (search / "pagefind-entry.json").is_file()
    assert list((search / "index").glob("*.pf_index")) and list((search / "fragment").glob("*.pf_fragment"))
    assert not list(search.glob("pagefind-*ui*")) and not (search / "pagefind-highlight.js").exists()
    entry = json.loads((search / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"], "the pages are indexed as Chinese (segmented)"
    html = [p for p in built_site.out.rglob("*.html") if "search" not in p.parts]
    assert entry["languages"]["zh"]["page_count"] == len(html), "every page but the search page itself"


def test_no_personal_data_anywhere_in_the_output(built_site: BuildResult) -> None:
    contacts = [a.model.contact.phone for a in load_records(SAMPLE).applications.values()]
    assert any(p.startswith("1") for p in contacts), "the sample publishes a mobile contact number"
    assert scan_output(built_site.out, contacts) == []
    assert {leak.kind for leak in scan_output(built_site.out)} == {"mobile"}, "only contact numbers are mobiles"
    pseudonyms = re.compile(rb"[pc]_[0-9a-f]{24}")
    assert not any(pseudonyms.search(p.read_bytes()) for p in built_site.out.rglob("*") if p.is_file())


def test_site_works_offline(built_site: BuildResult) -> None:
    """No web fonts, no CDN: every script and stylesheet the pages load is in the output."""
    page = html(built_site, "")
    assert "fonts.googleapis.com" not in page and "fonts.gstatic.com" not in page
    for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page):
        if ref.startswith("http"):
            pytest.fail(f"external resource {ref}")
    assert (built_site.out / "assets/javascripts/peixun-tables.js").is_file()


def test_change_history_comes_from_git(built_site: BuildResult) -> None:
    page = text_of(html(built_site, "projects/P2026-001"))
    assert "变更记录" in page and "新建 项目确定 P2026-001" in page
    changes = text_of(html(built_site, "changes"))
    assert "次记录变更" in changes and "新建 项目征集表 A2026-001" in changes


def test_without_a_date_the_hook_resolves_it_and_names_the_commit() -> None:
    """`peixun build` without --as-of leaves the date to the hook, which takes the records commit's
    date and names the commit on every page (a date fixed before would hide where it came from)."""
    extra = overrides(MKDOCS_YML, SAMPLE, None)["extra"]
    assert extra["peixun"]["as_of"] is None and extra["peixun"]["records"] == str(SAMPLE.resolve())
    assert extra["generator"] is False, "the file's other extra keys are kept"
    data = load_site(SAMPLE)
    assert data.as_of_source == "commit" and data.commit is not None
    assert f"<code>{data.commit[:10]}</code>" in render_pages(data)["index.md"]
