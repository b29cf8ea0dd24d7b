"""The site's pages stay bounded in size as the records grow (issue 7: the largest page of a big
site no bigger than of a small one). Project pages are out of the navigation (ARCHITECTURE.md, performance: with
every page in the navigation, 2,000 pages weighed 637 KB each); the long lists embed their first
rows only and load the rest from a JSON file beside them; the open data page names its per-project
files by a pattern."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.site.build import BuildResult, build_site
from generator.site.lists import LIST_ROWS
from tests.conftest import serve_directory
from tests.site.helpers import MKDOCS_YML, SAMPLE_AS_OF, add_projects, copy_sample

EXTRA = 150
HOSTILE = "<img src=x onerror=alert(1)> 注入"


def largest_project_page(out: Path) -> int:
    return max(p.stat().st_size for p in (out / "projects").glob("*/index.html"))


def largest_page(out: Path) -> tuple[int, str]:
    return max((p.stat().st_size, str(p.relative_to(out))) for p in out.rglob("*.html"))


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, BuildResult, list[str]]:
    """The sample build and the sample plus EXTRA projects (all at one institution; the last one with
    a name that is markup)."""
    tmp = tmp_path_factory.mktemp("scale")
    few = copy_sample(tmp / "few")
    many = copy_sample(tmp / "many")
    added = add_projects(many, EXTRA)
    app = many / f"applications/2026/A{added[-1][1:]}.yaml"
    text = app.read_text(encoding="utf-8")
    app.write_text(re.sub(r"^project_name: .*$", f"project_name: '{HOSTILE}'", text, count=1, flags=re.M),
                   encoding="utf-8")
    small = build_site(few, tmp / "few-site", SAMPLE_AS_OF, MKDOCS_YML)
    large = build_site(many, tmp / "many-site", SAMPLE_AS_OF, MKDOCS_YML)
    return small, large, added


def test_project_page_size_does_not_depend_on_the_number_of_projects(
        sites: tuple[BuildResult, BuildResult, list[str]]) -> None:
    small, large, added = sites
    assert large.pages - small.pages == EXTRA
    assert (large.out / "projects" / added[-1] / "index.html").is_file()
    # identical pages but for their own content; allow a few bytes for nothing at all
    assert largest_project_page(large.out) <= largest_project_page(small.out) + 64


def test_the_largest_page_does_not_grow_with_the_number_of_projects(
        sites: tuple[BuildResult, BuildResult, list[str]]) -> None:
    small, large, _ = sites
    (small_size, small_page), (large_size, large_page) = largest_page(small.out), largest_page(large.out)
    assert large_size <= small_size * 1.05, (small_page, small_size, large_page, large_size)


def test_the_long_list_embeds_its_first_rows_and_writes_every_row_beside_it(
        sites: tuple[BuildResult, BuildResult, list[str]]) -> None:
    small, large, _ = sites
    few_html = (small.out / "projects/index.html").read_text(encoding="utf-8")
    assert few_html.count("<tr data-field=") == 7 and "data-px-src" not in few_html
    html = (large.out / "projects/index.html").read_text(encoding="utf-8")
    assert html.count("<tr data-field=") == LIST_ROWS
    assert 'data-px-src="index.json"' in html and 'href="../data/projects.csv"' in html
    rows = json.loads((large.out / "projects/index.json").read_text(encoding="utf-8"))["rows"]
    assert len(rows) == 7 + EXTRA
    assert b"<img" not in (large.out / "projects/index.json").read_bytes(), "HTML-safe JSON"
    assert len(json.loads((large.out / "institutions/index.json").read_text(encoding="utf-8"))["rows"]) >= 1
    # one institution holds the extra projects: its page lists the newest and links the filtered list
    inst = (large.out / "institutions/12320281MB0J6T3RXC/index.html").read_text(encoding="utf-8")
    assert inst.count("<tr data-field=") == LIST_ROWS and "../../projects/?q=" in inst
    data = (large.out / "data/index.html").read_text(encoding="utf-8")
    # no link per project (with OCDS configured the packages are named by a pattern, tests/opendata)
    assert 'href="ocds/P2026-' not in data and "projects.csv" in data


@pytest.fixture
def page(browser: Any, sites: tuple[BuildResult, BuildResult, list[str]]) -> Iterator[tuple[Any, str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("dialog", lambda d: errors.append("dialog: " + d.message))
    try:
        with serve_directory(sites[1].out) as url:
            yield tab, url
    finally:
        context.close()
    assert not errors


def test_the_browser_loads_every_row_and_filters_them(page: tuple[Any, str],
                                                      sites: tuple[BuildResult, BuildResult, list[str]]) -> None:
    tab, url = page
    added = sites[2]
    tab.goto(url + "projects/")
    tab.wait_for_function(f"document.querySelectorAll('#px-projects tbody tr').length === {7 + EXTRA}")
    assert tab.text_content("[data-px-count]") == f"共 {7 + EXTRA} 项"
    assert tab.is_hidden("[data-px-partial]"), "the note on the embedded rows goes once every row is there"
    # record text stays text: the markup in a project name is shown, not run
    assert tab.eval_on_selector_all("#px-projects tbody img", "imgs => imgs.length") == 0
    hostile = tab.eval_on_selector_all(
        "#px-projects tbody tr", f"rows => rows.filter(r => r.textContent.includes('{added[-1]}'))"
        ".map(r => r.cells[0].querySelector('a').textContent)")
    assert hostile == [HOSTILE]
    tab.fill("input[data-px-text]", added[-1])
    assert tab.text_content("[data-px-count]") == f"显示 1 项，共 {7 + EXTRA} 项"
    tab.click("#px-projects tbody tr:not([hidden]) a")
    tab.wait_for_url(f"**/projects/{added[-1]}/")
    tab.goto(url + "projects/?field=low_altitude_economy")
    tab.wait_for_function(f"document.querySelectorAll('#px-projects tbody tr').length === {7 + EXTRA}")
    assert tab.text_content("[data-px-count]") == f"显示 2 项，共 {7 + EXTRA} 项"
    tab.goto(url + "institutions/")
    assert tab.text_content("#px-institutions tbody tr:first-child td:nth-child(1)")
