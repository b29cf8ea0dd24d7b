"""The online 征集表's behaviour in a real Chromium: quiet until touched, ids that can't collide, the
submit button only with a repository, Chinese help without identifiers, the same periods minimum."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.intake.webform import write_webform
from generator.periods import practical_minimum
from generator.records.load import load_records
from tests.conftest import World, serve_directory

PROPOSED = re.compile(r"^A\d{4}-(?:NEW|[0-9A-Z]{4})-\d{4}[A-Z2-9]{4}$")


def _serve(world: World, tmp_path: Path, repo: str) -> Iterator[str]:
    site = tmp_path / ("with-repo" if repo else "no-repo") / "apply"
    write_webform(site, load_records(world.root), repo)
    with serve_directory(site) as url:
        yield url


@pytest.fixture
def no_repo(world: World, tmp_path: Path) -> Iterator[str]:
    yield from _serve(world, tmp_path, "")


@pytest.fixture
def with_repo(world: World, tmp_path: Path) -> Iterator[str]:
    yield from _serve(world, tmp_path, "wuxi-hrss/peixun")


def _open(browser: Any, url: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    page = context.new_page()
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-ready", "true")
    return context, page


def test_nothing_is_red_before_typing_and_a_field_speaks_once_touched(no_repo: str, browser: Any) -> None:
    context, page = _open(browser, no_repo)
    try:
        status = page.locator("#status")
        expect(status).to_have_text("")
        assert "bad" not in (status.get_attribute("class") or "")
        assert page.locator(".msg.error").count() == 0
        page.fill("#f-contact-email", "not-an-address")
        expect(page.locator("#msg-f-contact-email")).to_contain_text("邮箱地址格式不正确")
        expect(status).to_have_text("已填写的内容中有 1 处需修改")
        assert page.locator(".msg.error").count() == 1  # only the touched field
        page.click("#generate")  # on submit, every field speaks
        assert page.locator(".msg.error").count() > 5
        expect(status).to_contain_text("处需修改")
    finally:
        context.close()


def test_ids_are_proposed_from_the_institution_the_day_and_a_random_suffix(
        world: World, no_repo: str, browser: Any) -> None:
    ids = []
    for _ in range(3):
        context, page = _open(browser, no_repo)
        try:
            ids.append(page.input_value("#f-id"))
        finally:
            context.close()
    assert all(PROPOSED.match(i) for i in ids), ids
    assert len(set(ids)) == 3  # applicants opening the form get different ids
    context, page = _open(browser, no_repo)
    try:
        page.fill("#f-submitted_on", "2026-04-20")
        page.fill("#f-institution", "52320211MA1W00001X")
        proposed = page.input_value("#f-id")
        assert re.match(r"^A2026-001X-0420[A-Z2-9]{4}$", proposed), proposed
        page.fill("#f-id", "A2026-MINE")
        page.fill("#f-institution", "52320211MA1W00001X ")
        expect(page.locator("#f-id")).to_have_value("A2026-MINE")  # a typed id is never replaced
    finally:
        context.close()


def test_without_a_repository_the_submit_button_stays_hidden(no_repo: str, browser: Any) -> None:
    context, page = _open(browser, no_repo)
    try:
        page.evaluate("document.getElementById('result').hidden = false")  # as after 生成 YAML
        propose = page.locator("#propose")
        expect(page.locator("#download")).to_be_visible()
        expect(propose).to_be_hidden()  # `hidden` wins over the buttons' display: inline-flex
        assert propose.evaluate("node => getComputedStyle(node).display") == "none"
    finally:
        context.close()


def test_help_texts_are_chinese_without_identifiers(no_repo: str, browser: Any) -> None:
    context, page = _open(browser, no_repo)
    try:
        page.check("input[name='catalog.in_catalog'][value='false']")
        helps = page.locator(".help").all_inner_texts()
        assert helps
        offending = [h for h in helps if re.search(r"\b[a-z]+_[a-z_]+\b|\bfield\b|\bother\b", h)]
        assert offending == []
        chain = page.locator("[data-field='industry_chain'] .help").inner_text()
        assert "征集方向选“其他”时必填" in chain
    finally:
        context.close()


def test_the_form_and_the_validator_compute_the_same_practical_minimum(no_repo: str, browser: Any) -> None:
    cases = [(t, least, share) for t in (0, 8, 14, 16, 17, 20, 33) for least in (40, 48)
             for share in ("0.6", "0.5", "0.75")]
    context, page = _open(browser, no_repo)
    try:
        got = page.evaluate(
            "cases => cases.map(c => window.peixunForm.practicalMinimum(c[0], c[1], Number(c[2])))", cases)
    finally:
        context.close()
    assert got == [practical_minimum(t, least, Decimal(share)) for t, least, share in cases]
    assert practical_minimum(16, 40, Decimal("0.6")) == 24  # 16 + 20 = 36: 60% of 36 would say 22
