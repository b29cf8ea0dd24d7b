"""Accessibility in a real Chromium: axe-core (axe-playwright-python bundles it) finds no serious or
critical violation on any page type, in the light and the dark palette; the list's filters and
sorting and the 征集表 work from the keyboard alone."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGE_TYPES = ["", "projects/", "institutions/", "outcomes/", "guide/", "policy/", "changes/", "about/", "data/",
              "apply/", "roster/", "submit/", "search/", "projects/P2026-001/", "projects/P2026-008/",
              "institutions/12320281MB0J6T3RXC/"]


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def test_no_serious_or_critical_violation_on_any_page_type(phone: Any, site_url: str, axe: Axe) -> None:
    found = []
    for path in PAGE_TYPES:
        phone.goto(site_url + path)
        phone.wait_for_load_state("networkidle")
        scheme = phone.evaluate("document.body.getAttribute('data-md-color-scheme')")
        for violation in axe.run(phone).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [n["target"] for n in violation["nodes"][:3]]
                found.append(f"{path or 'home'} ({scheme}): {violation['id']} {targets}")
    assert found == []


def test_the_palette_toggle_reaches_the_dark_scheme(phone: Any, site_url: str) -> None:
    """The dark run above checks the dark palette only if the site really switches to it."""
    phone.goto(site_url)
    scheme = phone.evaluate("document.body.getAttribute('data-md-color-scheme')")
    prefers_dark = phone.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    assert scheme == ("slate" if prefers_dark else "default")


def test_filters_and_sorting_by_keyboard_alone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(site_url + "projects/")
        tab.focus("input[data-px-text]")
        tab.keyboard.type("无人机")
        rows = "#px-projects tbody tr:not([hidden])"
        assert tab.eval_on_selector_all(rows, "rs => rs.length") == 2
        for _ in range(20):  # Tab until the 征集方向 select has the focus, then choose by arrow keys
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.matches('select[data-px-filter=status]')"):
                break
        assert tab.evaluate("document.activeElement.matches('select[data-px-filter=status]')")
        tab.keyboard.press("ArrowDown")  # 已确定 → selected
        assert tab.input_value("select[data-px-filter=status]") != ""
        tab.fill("input[data-px-text]", "")
        tab.select_option("select[data-px-filter=status]", "")
        tab.focus("#px-projects thead th:nth-child(6) button")  # 成交单价
        tab.keyboard.press("Enter")
        assert tab.get_attribute("#px-projects thead th:nth-child(6)", "aria-sort") == "ascending"
        tab.keyboard.press("Space")
        assert tab.get_attribute("#px-projects thead th:nth-child(6)", "aria-sort") == "descending"
    finally:
        context.close()


def test_the_form_is_filled_by_keyboard_alone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN")
    tab = context.new_page()
    try:
        tab.goto(site_url + "apply/")
        tab.wait_for_selector("#app-form input")
        tab.focus("#app-form input")
        first = tab.evaluate("document.activeElement.id")
        tab.keyboard.press("Tab")
        second = tab.evaluate("document.activeElement.id")
        assert first and second and first != second, "Tab moves from field to field"
        tab.keyboard.type("工业机器人系统操作员")
        assert tab.input_value(f"#{second}") == "工业机器人系统操作员"
        tab.focus("#generate")
        tab.keyboard.press("Enter")  # the form's own check runs and says what is missing
        tab.wait_for_function("() => document.getElementById('status').textContent.trim() !== ''")
    finally:
        context.close()
