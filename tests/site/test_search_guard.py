"""The search index is published, so the PII guard reads it too, before it joins the site.

Pagefind stores each page's text with the markup gone: digits that a tag keeps apart in the HTML
(which the guard reads as written) meet in the index. A page like that must stop the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.publish.pii_guard import PersonalDataLeak, scan_output
from generator.site.build import build_site
from tests.conftest import AS_OF, WORLD
from tests.site.helpers import site_with_page

# a resident ID (it passes the GB 11643 checksum) split by an empty tag: no leak in the HTML as written
SPLIT_ID = "3201241988<b></b>08240056"


def test_digits_joined_only_in_the_search_index_stop_the_build(tmp_path: Path) -> None:
    config = site_with_page(tmp_path, SPLIT_ID)
    records = Path(shutil.copytree(WORLD, tmp_path / "records"))
    with pytest.raises(PersonalDataLeak) as caught:
        build_site(records, tmp_path / "public", AS_OF, config)
    message = str(caught.value)
    assert re.search(r"pagefind/fragment/\S+\.pf_fragment: 公民身份号码 3201\*{10}0056", message), message
    assert "320124198808240056" not in message
    assert not (tmp_path / "public").exists(), "nothing published"
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".cache")) == [
        "mkdocs.yml", "records", "site"], "nothing left behind"


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
