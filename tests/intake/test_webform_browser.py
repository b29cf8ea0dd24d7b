"""The online 征集表 in a real Chromium: fill it, trip the price cap, fix it, and validate the YAML."""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.intake.webform import write_webform
from generator.records.load import load_records
from tests.conftest import World, serve_directory

REPO = "wuxi-hrss/peixun"
NEW_APP = "applications/2026/A2026-002.yaml"




@pytest.fixture
def served(world: World, tmp_path: Path) -> Iterator[str]:
    site = tmp_path / "public" / "apply"
    write_webform(site, load_records(world.root), REPO)
    with serve_directory(site) as url:
        yield url


def fill_everything_but_the_budget(page: Any, scan: Path) -> None:
    page.fill("#f-id", "A2026-002")
    page.fill("#f-project_name", "养老护理员（四级）")
    page.fill("#f-institution", "52320211MA1W00001X")
    page.fill("#f-district", "滨湖区")
    page.fill("#f-submitted_on", "2026-04-20")
    page.fill("#f-call", "C2026-01")
    page.check("input[name='catalog.in_catalog'][value='true']")
    page.fill("#f-catalog-occupation_code", "4-10-01-05")
    page.select_option("#f-catalog-level", "L4")
    page.select_option("#f-field", "elderly_care")
    page.fill("#f-contact-person", "周联系")
    page.fill("#f-contact-phone", "0510-123")
    expect(page.locator("#msg-f-contact-phone")).to_contain_text("不是有效的大陆手机或座机号码")
    page.fill("#f-contact-phone", "0510-85551234")
    expect(page.locator("#msg-f-contact-phone")).to_be_empty()
    page.fill("#f-contact-email", "apply@example.cn")
    page.check("input[name='target_groups'][value='rural_migrant_worker']")
    page.check("input[name='target_groups'][value='employment_difficulty']")
    page.fill("#f-description-industry_status", "养老机构床位增加，护理人员缺口大。")
    page.fill("#f-description-skill_demand", "需要会失能照护、急救的护理员：\"持证上岗\"。")
    page.fill("#f-description-goals", "培训 20 人，预期就业率 60%。")
    page.fill("#f-curriculum-0-module", "职业道德与基础知识")
    page.fill("#f-curriculum-0-theory_periods", "16")
    page.fill("#f-curriculum-0-practical_periods", "0")
    expect(page.locator("#msg-f-curriculum")).to_contain_text("总课时 16，低于 40 课时")
    expect(page.locator("#msg-f-curriculum")).to_contain_text("实操课时占 0%，低于 60%")
    page.click("button[data-add='curriculum']")
    page.fill("#f-curriculum-1-module", "生活照料: 实训")
    page.fill("#f-curriculum-1-theory_periods", "0")
    page.fill("#f-curriculum-1-practical_periods", "32")
    expect(page.locator("#msg-f-curriculum")).to_be_empty()  # 48 课时, 66.7 % practical
    page.select_option("#f-evaluation-kind", "skill_level_certificate")
    page.fill("#f-evaluation-body", "无锡示例职业技能等级认定中心")
    page.fill("#f-employers-0-uscc", "91320214MA1X00001T")
    page.fill("#f-employers-0-name", "无锡示例康养有限公司")
    page.fill("#f-employers-0-post", "养老护理员")
    page.fill("#f-employers-0-positions", "15")
    page.fill("#f-employment_service", "结业后组织专场招聘会，跟踪服务 6 个月。")
    page.fill("#f-planned-trainees", "20")
    page.fill("#f-planned-classes", "2")
    page.fill("#f-planned-expected_employment_rate", "60%")
    page.fill("#f-declaration-signed_by", "王示例")
    page.fill("#f-declaration-signed_on", "2026-04-18")
    page.set_input_files("#scan-file", str(scan))


def test_fill_the_form_trip_the_cap_fix_it_and_the_yaml_validates(
    world: World, served: str, tmp_path: Path, browser: Any
) -> None:
    scan = tmp_path / "signed.pdf"
    scan.write_bytes(b"%PDF-1.4 signed and sealed page\n")
    problems: list[str] = []
    context = browser.new_context(viewport={"width": 375, "height": 812}, accept_downloads=True)
    try:
        page = context.new_page()
        page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(served)
        expect(page.locator("html")).to_have_attribute("data-ready", "true")
        fill_everything_but_the_budget(page, scan)
        expect(page.locator("#f-declaration-scan_sha256")).to_have_value(hashlib.sha256(scan.read_bytes()).hexdigest())
        expect(page.locator("#f-category")).to_have_value("life_service")  # taken from the catalog
        expect(page.locator("#info-f-budget-unit_price")).to_contain_text("养老护理员（4-10-01-05）四级/中级工 1000 元")

        price = page.locator("#f-budget-unit_price")
        price.press_sequentially("1200")
        price_msg = page.locator("#msg-f-budget-unit_price")
        expect(price_msg).to_contain_text("申报单价 1200 元超过目录标准")
        expect(price_msg).to_contain_text("请把单价降到 1000 元以内")
        expect(price).to_have_attribute("aria-invalid", "true")
        for i, (item, amount) in enumerate((("师资费", "600"), ("耗材费", "250"), ("评价费", "150"))):
            if i:
                page.click("button[data-add='budget.breakdown']")
            page.fill(f"#f-budget-breakdown-{i}-item", item)
            page.fill(f"#f-budget-breakdown-{i}-amount", amount)
        expect(page.locator("#msg-f-budget-breakdown")).to_contain_text("明细合计 1000 元，与申报单价 1200 元不一致")
        page.locator("[data-field='budget.unit_price']").evaluate("node => node.scrollIntoView({block: 'start'})")
        page.screenshot(path=str(tmp_path / "apply-375.png"))  # the phone view of the price error
        assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone

        page.click("#generate")  # refused while errors remain, with a summary
        expect(page.locator("#summary")).to_be_visible()
        expect(page.locator("#summary-list")).to_contain_text("申报单价 1200 元超过")
        expect(page.locator("#result")).to_be_hidden()

        price.fill("1000")
        expect(price_msg).to_be_empty()
        expect(page.locator("#msg-f-budget-breakdown")).to_be_empty()
        expect(page.locator("#status")).to_have_text("已通过检查")
        page.click("#generate")
        expect(page.locator("#result")).to_be_visible()
        yaml_text = page.locator("#yaml-output").input_value()
        expect(page.locator("#result-path")).to_have_text("records/applications/2026/A2026-002.yaml")

        expect(page.locator("#propose")).to_be_visible()  # a repository is configured
        href = page.locator("#propose").get_attribute("href") or ""
        base, _, query = href.partition("?")
        assert base == f"https://github.com/{REPO}/new/main"
        params = urllib.parse.parse_qs(query)
        assert params["filename"] == ["records/applications/2026/A2026-002.yaml"]
        assert params["value"] == [yaml_text]
        with page.expect_download() as download:
            page.click("#download")
        assert download.value.suggested_filename == "A2026-002.yaml"
        assert Path(download.value.path()).read_text(encoding="utf-8") == yaml_text

        page.reload()  # the draft survives in localStorage
        expect(page.locator("html")).to_have_attribute("data-ready", "true")
        expect(page.locator("#f-project_name")).to_have_value("养老护理员（四级）")
        expect(page.locator("#f-budget-breakdown-2-amount")).to_have_value("150")
    finally:
        context.close()

    assert problems == []
    assert yaml_text.startswith("# yaml-language-server: $schema=../../../schemas/application.schema.json\n")
    keys = [line.split(":")[0] for line in yaml_text.splitlines() if line[:1].isalpha()]
    assert keys[:5] == ["id", "project_name", "institution", "district", "submitted_on"]  # the models' order
    assert 'institution: "52320211MA1W00001X"' in yaml_text and 'phone: "0510-85551234"' in yaml_text
    (tmp_path / "A2026-002.yaml").write_text(yaml_text, encoding="utf-8")
    world.write(NEW_APP, yaml_text)
    report = world.validate()
    assert [f for f in report.findings if f.path == world.display(NEW_APP)] == []
    assert report.errors == 0
    assert (tmp_path / "apply-375.png").stat().st_size > 10_000
