"""The search index is published, so the PII guard reads it too, before it joins the site.

Pagefind stores each page's text with the markup gone: digits that a tag keeps apart in the HTML
(which the guard reads as written) meet in the index. A page like that is left out of the site."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.publish.pii_guard import scan_output
from generator.site.build import build_site
from tests.conftest import AS_OF, WORLD
from tests.site.helpers import site_with_page

# a resident ID (it passes the GB 11643 checksum) split by an empty tag: no leak in the HTML as written
SPLIT_ID = "3201241988<b></b>08240056"


def test_digits_joined_only_in_the_search_index_leave_the_page_out(tmp_path: Path) -> None:
    """Issue 24: the page is left out and listed for the bureau, the index is built again without
    it, and the rest of the site is published."""
    config = site_with_page(tmp_path, SPLIT_ID)
    records = Path(shutil.copytree(WORLD, tmp_path / "records"))
    site = build_site(records, tmp_path / "public", AS_OF, config)
    assert [(w.path, w.kind, w.masked, w.sources) for w in site.withheld] == [
        ("note/index.html", "ric", "3201**********0056", ())]
    assert "320124198808240056" not in repr(site.withheld)
    assert not (site.out / "note" / "index.html").exists(), "the page is left out"
    assert (site.out / "index.html").is_file() and (site.out / "projects" / "index.html").is_file()
    assert (site.out / "pagefind" / "pagefind-entry.json").is_file(), "the search index, without the page"
    assert scan_output(site.out, workers=0) == [], "nothing found is published"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".cache")) == [
        "mkdocs.yml", "public", "records", "site"], "nothing left behind"


def test_the_same_page_without_the_identifier_builds_and_its_html_alone_passes_the_guard(tmp_path: Path) -> None:
    """The control: the split identifier is invisible to the guard in the HTML (so only the index
    reading catches it), and the page builds once the digits are not an identifier."""
    page = tmp_path / "page"
    page.mkdir()
    (page / "index.html").write_text(f"<article><p>编号 {SPLIT_ID}</p></article>", encoding="utf-8")
    assert scan_output(page, workers=0) == []
    config = site_with_page(tmp_path, "2026<b></b>0510")
    records = Path(shutil.copytree(WORLD, tmp_path / "records"))
    site = build_site(records, tmp_path / "public", AS_OF, config)
    assert (site.out / "note" / "index.html").is_file() and (site.out / "pagefind" / "pagefind-entry.json").is_file()
