"""The site's navigation is declared once (`urls.NAV`): both mkdocs.yml files carry it generated
and checked, the built site shows exactly it, and adding a page is walked through once."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from generator.contract import stale_sections, write_sections
from generator.init import Plan, render_template
from generator.opendata import site_output
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site import pages, urls
from generator.site.build import BuildResult, build_site
from generator.site.generated import NAV_SECTIONS, SECTIONS
from generator.site.mkdocs_hook import handwritten_pages
from tests.conftest import AS_OF, WORLD
from tests.site.helpers import MKDOCS_YML, REPO

EXPECTED = {"nav": [{title: page} for title, page in urls.NAV], "not_in_nav": "\n".join(urls.NOT_IN_NAV) + "\n"}


def nav_of(text: str) -> dict[str, object]:
    config = yaml_load(text)  # MkDocs' own loader (it knows !ENV)
    return {"nav": config["nav"], "not_in_nav": config["not_in_nav"]}


def test_the_engines_mkdocs_yml_carries_the_declared_nav() -> None:
    assert nav_of(MKDOCS_YML.read_text(encoding="utf-8")) == EXPECTED


def test_init_writes_the_same_nav_and_no_marker() -> None:
    text = render_template("mkdocs.yml", Plan("江阴市", "peixun==0.3.0", dt.date(2026, 1, 1), ("320281",)))
    assert nav_of(text) == EXPECTED
    assert "BEGIN generated" not in text and "{#" not in text


def test_every_generated_section_is_fresh() -> None:
    assert stale_sections(REPO, SECTIONS) == [], "run `peixun contract` and commit the result"


def test_the_page_paths_are_the_ones_their_writers_use() -> None:
    assert urls.DATA == site_output.PAGE
    assert urls.SEARCH in handwritten_pages()
    assert len({page for _, page in urls.NAV}) == len(urls.NAV) and len({t for t, _ in urls.NAV}) == len(urls.NAV)


def test_the_built_site_has_every_nav_page_as_a_tab_in_order_and_no_other_page(built_site: BuildResult) -> None:
    home = (built_site.out / "index.html").read_text(encoding="utf-8")
    tabs = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*</a>', home)
    assert tabs == [title for title, _ in urls.NAV]
    for _, page in urls.NAV:
        assert (built_site.out / urls.url_of(page) / "index.html").is_file(), page
    top = {p.parent.relative_to(built_site.out).as_posix() + "/" for p in built_site.out.glob("*/index.html")}
    known = {urls.url_of(page) for _, page in urls.NAV} | {urls.url_of(urls.SEARCH)}
    assert top - known == set(), "a page in neither NAV nor NOT_IN_NAV"


def test_walkthrough_adding_a_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ARCHITECTURE.md "Where to add things", a page, done once: a builder in PAGE_BUILDERS, its
    path in NAV, `peixun contract` for mkdocs.yml; the build shows the tab and warns about nothing.
    Without the NAV entry MkDocs warns that the page is in no navigation."""
    def notes(data: SiteData, views: Views) -> dict[str, str]:
        return {"notes.md": "# 说明\n\n本页由新增的页面生成器写出。\n"}

    monkeypatch.setattr(pages, "PAGE_BUILDERS", [*pages.PAGE_BUILDERS, notes])
    shutil.copytree(REPO / "site", tmp_path / "site")
    hook = REPO / "generator" / "site" / "mkdocs_hook.py"
    config = re.sub(r"(?m)^  - generator/site/mkdocs_hook\.py$", f"  - {hook}", MKDOCS_YML.read_text(encoding="utf-8"))
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    records = Path(shutil.copytree(WORLD, tmp_path / "records"))

    warnings = _build_warnings(records, tmp_path)
    assert any("notes.md" in w for w in warnings), warnings

    monkeypatch.setattr(urls, "NAV", (*urls.NAV, ("说明", "notes.md")))
    [engine_yml] = [s for s in NAV_SECTIONS if s.file == "mkdocs.yml"]
    assert stale_sections(tmp_path, (engine_yml,)) == ["mkdocs.yml#nav"]
    write_sections(tmp_path, (engine_yml,))
    assert _build_warnings(records, tmp_path) == []
    home = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="notes/" class="md-tabs__link">\s*说明\s*</a>', home)
    assert "本页由新增的页面生成器写出" in (tmp_path / "public" / "notes" / "index.html").read_text(encoding="utf-8")


def _build_warnings(records: Path, root: Path) -> list[str]:
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Collect(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(records, root / "public", AS_OF, root / "mkdocs.yml")
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return messages
