"""The built site in a real browser (Chromium over HTTP on localhost): the list filters and sorts,
a project page opens from it, search (Pagefind) finds a project by a Chinese word, nothing scrolls sideways
at 375 px, and no page logs a console error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from generator.site.build import BuildResult
from generator.site.urls import NAV, SEARCH, institution_page, project_page, url_of
from tests.site.helpers import open_tab

# every page of the navigation and the search page, from their one declaration, and generated pages of each kind
PAGES = [*(url_of(page) for _, page in NAV), url_of(SEARCH),
         *(url_of(project_page(p)) for p in ("P2026-001", "P2026-008")), url_of(institution_page("12320281MB0J6T3RXC"))]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    yield from open_tab(browser, viewport={"width": 1280, "height": 900})


def visible_rows(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "#px-projects tbody tr:not([hidden])", "rows => rows.map(r => r.cells[0].querySelector('a').textContent)"
    )


def test_project_list_renders_filters_and_sorts(page: Any, site_url: str, built_site: BuildResult) -> None:
    page.goto(site_url + "projects/")
    assert page.is_visible(".px-tools"), "the filters are shown once the script runs"
    all_rows = visible_rows(page)
    assert len(all_rows) == 7 and "工业机器人系统操作员" in all_rows
    assert page.text_content("[data-px-count]") == "共 7 项"

    page.select_option("select[data-px-filter=field]", "smart_manufacturing")
    assert sorted(visible_rows(page)) == ["工业机器人系统操作员", "智能产线运维"]
    assert page.text_content("[data-px-count]") == "显示 2 项，共 7 项"
    assert "field=smart_manufacturing" in page.url, "the filter is kept in the address"

    page.select_option("select[data-px-filter=field]", "")
    page.fill("input[data-px-text]", "无人机")
    assert sorted(visible_rows(page)) == ["工业无人机装调检修", "无人机驾驶员"]
    page.fill("input[data-px-text]", "")

    page.click("#px-projects thead th:nth-child(6) button")  # 成交单价, ascending
    prices = page.eval_on_selector_all("#px-projects tbody tr", "rows => rows.map(r => +r.cells[5].dataset.pxValue)")
    assert prices == sorted(prices) and prices[0] == 980
    assert page.get_attribute("#px-projects thead th:nth-child(6)", "aria-sort") == "ascending"
    page.click("#px-projects thead th:nth-child(6) button")
    prices = page.eval_on_selector_all("#px-projects tbody tr", "rows => rows.map(r => +r.cells[5].dataset.pxValue)")
    assert prices == sorted(prices, reverse=True)


def test_a_link_in_the_url_opens_the_list_already_filtered(page: Any, site_url: str) -> None:
    page.goto(site_url + "projects/?status=terminated")
    assert visible_rows(page) == ["无人机驾驶员"]
    assert page.input_value("select[data-px-filter=status]") == "terminated"


def test_project_page_opens_from_the_list(page: Any, site_url: str) -> None:
    page.goto(site_url + "projects/")
    page.click("#px-projects a:text-is('工业机器人系统操作员')")
    page.wait_for_url("**/projects/P2026-001/")
    assert page.text_content("h1").strip().startswith("工业机器人系统操作员")
    assert page.title().startswith("工业机器人系统操作员")
    for heading in ("岗位需求", "技能培训", "技能评价", "就业服务", "培训班次与成效", "补贴拨付"):
        assert page.is_visible(f"h2:has-text('{heading}'), h3:has-text('{heading}')"), heading
    page.click(".px-facts a:text-is('江阴示例技师学院')")
    page.wait_for_url("**/institutions/12320281MB0J6T3RXC/")
    assert page.is_visible("a:text-is('工业机器人系统操作员')")


def search_finds(page: Any, query: str, target: str) -> bool:
    """Type into the search page as a person does and wait until `target` is among the first two
    results of this query (the list says which query it shows)."""
    page.fill("#px-search-input", "")
    page.type("#px-search-input", query)
    try:
        page.wait_for_function(
            "([q, t]) => { const l = document.querySelector('.px-search-results');"
            " return l.dataset.pxQuery === q && [...l.querySelectorAll('li > a')].slice(0, 2)"
            ".some(a => a.href.includes(t)); }", arg=[query, target], timeout=10_000)
        return True
    except PlaywrightTimeout:
        return False


def test_search_finds_a_project_by_a_chinese_word(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.click("a.px-search-link")  # the header's search button opens the search page
    page.wait_for_url("**/search/")
    assert search_finds(page, "机器人", "/projects/P2026-001/")
    assert search_finds(page, "护理员", "/projects/P2026-006/")
    assert search_finds(page, "江阴", "/institutions/12320281MB0J6T3RXC/")
    page.fill("#px-search-input", "")
    page.type("#px-search-input", "潜水艇")  # a word in no page finds nothing, and says so
    page.wait_for_function("() => document.querySelector('.px-search-status').textContent.includes('没有找到')")
    assert page.eval_on_selector_all(".px-search-results li", "items => items.length") == 0
    page.goto(site_url + "search/?q=" + "养老护理员")  # a link to a search (the form without a script)
    page.wait_for_selector(".px-search-results[data-px-query='养老护理员'] li a")
    assert "/projects/P2026-006/" in page.get_attribute(".px-search-results li a", "href")


@pytest.mark.parametrize("path", PAGES)
def test_375px_no_sideways_scrolling_no_console_error_nothing_from_elsewhere(browser: Any, site_url: str, path: str
                                                                            ) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
    outside: list[str] = []  # the site works offline: nothing is fetched from another host
    tab.on("request", lambda r: None if r.url.startswith((site_url, "data:", "blob:")) else outside.append(r.url))
    try:
        response = tab.goto(site_url + path)
        assert response is not None and response.status == 200
        tab.wait_for_load_state("networkidle")
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path or 'home'} is {width} px wide"
        assert errors == []
        assert outside == []
    finally:
        context.close()
