"""The site's roster page in a real Chromium: the same checks as the import, sealing that the bureau
imports byte for byte as the CLI's, and nothing sent anywhere.

The site is really built (MkDocs) from the test world with its class unpaid, served on 127.0.0.1, and
driven through Playwright with Debian's Chromium. The page's verdict on every file of a corpus of good
and bad rosters (tests/intake/roster_corpus.py) must be, line for line, what `peixun seal-roster`
prints for it; a roster sealed in the page must import with `import-roster --sealed` to the very
bytes the CLI's sealed file gives; and once the page has loaded, the browser makes no request at all
(checked with the network cut).
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from generator.intake.classfile import find_class_file, load_class
from generator.intake.importer import roster_context
from generator.intake.roster import RosterContext, read_roster
from generator.intake.sealed_roster import import_sealed, seal_roster
from generator.intake.sheet import RowProblem, read_sheet_bytes
from generator.records.sealed_files import AGE_HEADER
from generator.site.build import build_site
from tests.conftest import AS_OF, IDENTITY, PAYMENTS, WORLD, World, serve_directory, with_roster_key
from tests.intake import roster_corpus
from tests.intake.test_roster_import import KEY, ROSTERS
from tests.intake.test_sheet_caps import CAPS, dimension_bomb, rewritten, xlsx_bytes
from tests.intake.test_sheet_caps import HEADER as CAP_HEADER
from tests.intake.test_sheet_caps import ROW as CAP_ROW
from tests.site.helpers import MKDOCS_YML

CLASS_ID = "P2026-001-01"
SEALED = f"sealed/2026/{CLASS_ID}.age"


def unpaid(root: Path) -> World:
    world = World(root)
    shutil.copytree(WORLD, world.root)
    world.remove(PAYMENTS)
    with_roster_key(world)  # the session's key: its identity outside every repository
    return world


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The test world's site, really built, served; and the records it was built from."""
    base = tmp_path_factory.mktemp("roster-site")
    world = unpaid(base / "world")
    result = build_site(world.root, base / "public", AS_OF, MKDOCS_YML)
    with serve_directory(result.out) as url:
        yield url, result.out


@pytest.fixture
def page(browser: Any, site: tuple[str, Path]) -> Iterator[Any]:
    context = browser.new_context(accept_downloads=True)
    try:
        tab = context.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(site[0] + "roster/")
        expect(tab.locator("html")).to_have_attribute("data-roster-ready", "true")
        yield tab
        assert errors == []
    finally:
        context.close()


def cli_lines(data: bytes, name: str, context: dict[str, Any]) -> list[str]:
    """What `peixun seal-roster` prints after "FILE: " for this spreadsheet, before the class rules."""
    suffix = Path(name).suffix
    sheet = read_sheet_bytes(data, suffix)
    if isinstance(sheet, RowProblem):
        return [str(sheet)]
    kind = "skill_level_certificate" if context["certificate"] else None
    read = read_roster(sheet, KEY, RosterContext(certificate_kind=kind, class_periods=context["periods"]))
    return [str(p) for p in read.problems]


def page_lines(page: Any, data: bytes, name: str, context: dict[str, Any]) -> list[str]:
    return list(page.evaluate(
        """async ([b64, name, context]) => {
            const rules = (await (await fetch("roster-data.json")).json()).rules;
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            return PeixunRoster.checkFile(rules, bytes, name, context).lines;
        }""",
        [base64.b64encode(data).decode(), name, context],
    ))


def test_the_page_says_what_the_import_says_for_every_roster_of_the_corpus(page: Any) -> None:
    corpus = roster_corpus.cases()
    assert len(corpus) > 70
    differ = []
    for name, data, context in corpus:
        expected, got = cli_lines(data, name, context), page_lines(page, data, name, context)
        if expected != got:
            differ.append((name, expected, got))
    assert differ == []
    # the corpus reaches every message of the import's cells and rows, good files included
    said = "\n".join(line for name, data, context in corpus for line in cli_lines(data, name, context))
    for needle in ("校验位", "出生日期", "存成了数字", "不是日期", "不是有效日期", "不是整数课时数", "课时数不能为负数",
                   "无法识别。请填写“是”或“否”", "人员类别“外来务工人员”无法识别", "须填写毕业时间", "表头缺少",
                   "出现了两次", "同一人", "证书编号与第", "无法确定证书类型", "超过班次总课时", "中文逗号",
                   "无法识别文件编码",
                   "不支持旧版 .xls", "不支持的文件类型", "无法读取 Excel 文件", "表格是空的", "没有参训人员",
                   "姓名为空", "身份证号码为空", "人员类别为空", "出勤课时为空", "超出合理范围"):
        assert needle in said, needle
    assert [] in [cli_lines(d, n, c) for n, d, c in corpus]  # and clean files pass both


def beyond_excel() -> bytes:
    """A worksheet whose second row claims a number past Excel's last row."""
    return rewritten(xlsx_bytes([CAP_HEADER, CAP_ROW]), {}, change={
        "xl/worksheets/sheet1.xml": (rb'<row r="2"', b'<row r="2000000"')})


def test_the_page_refuses_every_oversized_file_with_the_imports_words(page: Any) -> None:
    """Issue 24's caps hold in the clerk's browser too: each hostile file gets the import's refusal,
    naming the same cap, before the page inflates or walks it."""
    hostile = {cap: (suffix, make()) for cap, (suffix, make) in CAPS.items()}  # type: ignore[operator]
    hostile["dimension"] = (".xlsx", dimension_bomb())
    hostile["beyond-excel"] = (".xlsx", beyond_excel())
    refused = {}
    for name, (suffix, data) in hostile.items():
        expected = cli_lines(data, "roster" + suffix, roster_corpus.FULL)
        assert page_lines(page, data, "roster" + suffix, roster_corpus.FULL) == expected, name
        refused[name] = expected
    for cap in CAPS:
        [line] = refused[cap]
        assert line.startswith("表格超过上限") or "表格超过上限" in line, cap
    assert "1,048,576" in refused["beyond-excel"][0]
    assert not any("表格超过上限" in line for line in refused["dimension"])  # a claim, not a fact: read as it is


def requests_of(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def test_a_roster_sealed_in_the_page_imports_to_the_bytes_the_cli_gives(
    browser: Any, site: tuple[str, Path], tmp_path: Path
) -> None:
    url, public = site
    roster = tmp_path / "clerk" / "花名册.xlsx"
    roster.parent.mkdir()
    name, data, _ = next(c for c in roster_corpus.cases() if c[0] == "typed.xlsx")
    fixed = next(c for c in roster_corpus.cases() if c[0] == "good.xlsx")[1]
    roster.write_bytes(fixed)
    del name, data

    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        seen = requests_of(page)
        page.goto(url + "roster/")
        expect(page.locator("html")).to_have_attribute("data-roster-ready", "true")
        page.wait_for_load_state("networkidle")
        loaded = list(seen)
        context.set_offline(True)  # from here on nothing may be fetched: the page works offline
        page.fill("#px-roster-class", CLASS_ID)
        page.set_input_files("#px-roster-file", str(roster))
        expect(page.locator("#px-roster-status")).to_contain_text("检查通过：5 名参训人员")
        expect(page.locator("#px-roster-problems li")).to_have_count(0)
        page.click("#px-roster-seal")
        expect(page.locator("#px-roster-result")).to_be_visible()
        expect(page.locator("#px-roster-path")).to_have_text(f"records/{SEALED}")
        with page.expect_download() as download:
            page.click("#px-roster-download")
        assert download.value.suggested_filename == f"{CLASS_ID}.age"
        sealed_in_page = Path(download.value.path()).read_bytes()
        assert seen == loaded  # not one request after the page had loaded
    finally:
        context.close()

    origin = urlparse(url)
    served = {p.relative_to(public).as_posix() for p in public.rglob("*") if p.is_file()}
    for address in loaded:
        parts = urlparse(address)
        assert (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc), address
        path = parts.path.lstrip("/")
        assert path in served or f"{path}index.html" in served, address

    assert sealed_in_page.startswith(AGE_HEADER)
    assert fixed not in sealed_in_page and b"320211199001010012" not in sealed_in_page

    # the bureau imports the page's file ...
    by_page = unpaid(tmp_path / "by-page")
    by_page.write(SEALED, sealed_in_page)
    imported = import_sealed(by_page.path(SEALED), IDENTITY, CLASS_ID, by_page.root, KEY, AS_OF)
    assert imported.written and imported.trainees == 5, imported.problems
    # ... and the CLI's file of the same spreadsheet
    by_cli = unpaid(tmp_path / "by-cli")
    assert seal_roster(roster, CLASS_ID, by_cli.root, AS_OF).written
    assert by_cli.path(SEALED).read_bytes() != sealed_in_page  # age is randomised: only the import can agree
    assert import_sealed(by_cli.path(SEALED), IDENTITY, CLASS_ID, by_cli.root, KEY, AS_OF).written
    assert by_page.path("classes/2026/P2026-001-01.yaml").read_bytes() == \
        by_cli.path("classes/2026/P2026-001-01.yaml").read_bytes()


def test_a_bad_roster_is_refused_in_the_page_with_the_clis_lines_and_nothing_sealed(
    page: Any, site: tuple[str, Path], tmp_path: Path
) -> None:
    roster = tmp_path / "roster_bad.csv"
    shutil.copy(ROSTERS / "roster_bad.csv", roster)
    world = unpaid(tmp_path / "world")
    refused = seal_roster(roster, CLASS_ID, world.root, AS_OF)
    assert refused.problems and not refused.written
    cls = load_class(find_class_file(world.root, CLASS_ID), CLASS_ID)
    assert roster_context(world.root, CLASS_ID, cls).class_periods is not None

    page.fill("#px-roster-class", CLASS_ID)
    page.set_input_files("#px-roster-file", str(roster))
    expect(page.locator("#px-roster-status")).to_contain_text(f"有 {len(refused.problems)} 处问题，未加密")
    assert page.locator("#px-roster-problems li").all_inner_texts() == [str(p) for p in refused.problems]
    expect(page.locator("#px-roster-seal")).to_be_disabled()
    expect(page.locator("#px-roster-result")).to_be_hidden()


def test_an_unknown_or_frozen_class_cannot_be_sealed_for(page: Any, tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    shutil.copy(ROSTERS / "roster_gbk.csv", roster)
    page.fill("#px-roster-class", "P2099-999-99")
    page.set_input_files("#px-roster-file", str(roster))
    expect(page.locator("#px-roster-status")).to_contain_text("本站没有班次 P2099-999-99")
    expect(page.locator("#px-roster-seal")).to_be_disabled()


def test_a_frozen_class_is_refused_in_the_cli_s_words(browser: Any, site: tuple[str, Path], tmp_path: Path) -> None:
    """The class's first installment paid: the page refuses as seal-roster does (the data marks it frozen)."""
    paid = World(tmp_path / "paid")
    shutil.copytree(WORLD, paid.root)
    with_roster_key(paid)
    roster = tmp_path / "roster.csv"
    shutil.copy(ROSTERS / "roster_gbk.csv", roster)
    refused = seal_roster(roster, CLASS_ID, paid.root, AS_OF)
    assert len(refused.problems) == 1 and not refused.written
    paid_on = refused.problems[0].message.split("已于 ")[1].split(" ")[0]

    context = browser.new_context()
    try:
        tab = context.new_page()

        def frozen(route: Any) -> None:
            data = json.loads(route.fetch().text())
            for cls in data["classes"]:
                if cls["id"] == CLASS_ID:
                    cls["frozen"], cls["paid_on"] = True, paid_on
            route.fulfill(json=data)

        tab.route("**/roster-data.json", frozen)
        tab.goto(site[0] + "roster/")
        expect(tab.locator("html")).to_have_attribute("data-roster-ready", "true")
        tab.fill("#px-roster-class", CLASS_ID)
        tab.set_input_files("#px-roster-file", str(roster))
        expect(tab.locator("#px-roster-status")).to_have_text(str(refused.problems[0]))
        expect(tab.locator("#px-roster-seal")).to_be_disabled()
    finally:
        context.close()
