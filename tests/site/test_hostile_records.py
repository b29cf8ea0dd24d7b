"""Record values are untrusted text: every one is escaped on every page, in titles and in the search
index, and a pseudonym that slips into a published field is refused by validate and left out of
the site (the PII guard) without stopping the rest."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.publish.pii_guard import leak_key, scan_output
from tests.conftest import APPLICATION, AS_OF, INSTITUTION, WORLD
from tests.site.helpers import MKDOCS_YML

SCRIPT = '<script>alert("x")</script>'
HOSTILE = f'{SCRIPT} **粗体** [链接](javascript:alert(1)) {{: onclick="x" }} `代码` <img src=x onerror=alert(2)>'
CANARY = "p_0123456789abcdef01234567"


def world_copy(dest: Path) -> Path:
    shutil.copytree(WORLD, dest)
    return dest


def set_in(path: Path, key: str, value: str) -> None:
    """Replace the value of a top-level or nested `key:` line (first occurrence) in a YAML file."""
    text = path.read_text(encoding="utf-8")
    quoted = "'" + value.replace("'", "''") + "'"
    new, count = re.subn(rf"^(\s*{key}:).*$", lambda m: f"{m.group(1)} {quoted}", text, count=1, flags=re.M)
    assert count == 1, key
    path.write_text(new, encoding="utf-8")


def build(records: Path, out: Path) -> int:
    return main(["build", "--records", str(records), "--out", str(out), "--as-of", AS_OF.isoformat(),
                 "--config", str(MKDOCS_YML)])


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = world_copy(tmp_path_factory.mktemp("hostile") / "records")
    set_in(root / APPLICATION, "industry_status", HOSTILE)
    set_in(root / APPLICATION, "employment_service", "| 表格 | 注入 |\n\n# 标题")
    set_in(root / APPLICATION, "phone", "13812345678")
    set_in(root / INSTITUTION, "name", '</title><script>alert("t")</script>培训学校')
    out = root.parent / "public"
    assert build(root, out) == 0
    yield out


def all_text(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*")
                     if p.suffix in (".html", ".json", ".xml", ".js"))


def test_no_markup_from_a_record_survives(hostile_site: Path) -> None:
    everything = all_text(hostile_site)
    assert 'alert("x")</script>' not in everything and "<script>alert" not in everything
    assert "onerror=alert" not in everything.replace("onerror=alert(2)&gt;", "")
    assert 'href="javascript:' not in everything
    assert 'onclick="x"' not in everything
    assert "<strong>粗体</strong>" not in everything and "<code>代码</code>" not in everything


def test_values_show_as_the_text_that_was_written(hostile_site: Path) -> None:
    page = (hostile_site / "projects/P2026-001/index.html").read_text(encoding="utf-8")
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert SCRIPT in shown and "**粗体**" in shown and "[链接](javascript:alert(1))" in shown
    institution = (hostile_site / "institutions/52320211MA1W00001X/index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", institution, flags=re.S)
    assert title is not None and html.unescape(title.group(1)).startswith('</title><script>alert("t")</script>')


def test_markdown_in_a_value_makes_no_table_or_heading(hostile_site: Path) -> None:
    page = (hostile_site / "projects/P2026-001/index.html").read_text(encoding="utf-8")
    assert "<h1" in page and page.count("<h1") == 1
    assert "| 表格 | 注入 |" in html.unescape(page)


def test_the_published_contact_mobile_is_allowed(hostile_site: Path) -> None:
    assert "13812345678" in (hostile_site / "projects/P2026-001/index.html").read_text(encoding="utf-8")


def test_hostile_page_runs_no_script_in_a_browser(hostile_site: Path, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto((hostile_site / "projects/P2026-001/index.html").as_uri())
        assert SCRIPT in page.text_content("article")
        page.goto((hostile_site / "institutions/52320211MA1W00001X/index.html").as_uri())
        assert page.title().startswith('</title><script>alert("t")</script>')
        assert dialogs == []
    finally:
        context.close()


def test_a_pseudonym_in_a_published_field_is_refused_by_validate_and_its_pages_left_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 24: what the build would refuse, validate refuses first, with file and line; and the
    build is not held hostage by it: the pages that carry it are left out and listed for the
    bureau with the record it came from, the rest is published, and only --strict fails."""
    root = world_copy(tmp_path / "records")
    set_in(root / APPLICATION, "goals", f"培训 20 人，学员 {CANARY} 表现突出")
    assert main(["validate", "--records", str(root), "--as-of", AS_OF.isoformat()]) == 1
    found = capsys.readouterr().out
    line = next(i for i, text in enumerate((root / APPLICATION).read_text(encoding="utf-8").splitlines(), 1)
                if text.lstrip().startswith("goals:"))
    assert f"{APPLICATION}:{line}: error PII" in found and "p_01******************4567" in found
    out = tmp_path / "public"
    assert build(root, out) == 0
    said = capsys.readouterr().out
    assert "不予发布的文件" in said
    assert "projects/P2026-001/index.html: 人员或证书假名 p_01******************4567" in said
    assert f"records/{APPLICATION}" in said, "the record it came from, for the bureau"
    assert CANARY not in said
    assert not (out / "projects/P2026-001/index.html").exists(), "the page that carries it is left out"
    assert (out / "index.html").is_file() and (out / "projects/index.html").is_file(), "the rest is published"
    assert not any(CANARY in p.read_text(encoding="utf-8", errors="replace") for p in out.rglob("*") if p.is_file())
    assert not list(tmp_path.glob(".public*")), "the staging folder and the search index beside it are removed"
    assert main(["build", "--records", str(root), "--out", str(tmp_path / "strict"), "--as-of", AS_OF.isoformat(),
                 "--config", str(MKDOCS_YML), "--strict"]) == 1
    assert "--strict" in capsys.readouterr().err and (tmp_path / "strict" / "index.html").is_file()


def test_a_failed_build_leaves_the_previous_site_in_place(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = world_copy(tmp_path / "records")
    out = tmp_path / "public"
    out.mkdir()
    (out / "index.html").write_text("previous site", encoding="utf-8")
    monkeypatch.setenv("PEIXUN_OCDS_PREFIX", "not-a-prefix")  # a configuration error fails the build
    assert build(root, out) == 2
    captured = capsys.readouterr()
    assert "ocds_prefix" in captured.err
    assert (out / "index.html").read_text(encoding="utf-8") == "previous site"


@pytest.mark.parametrize("address", [
    "无锡市滨湖区示例路 1 号 130/1234/5678",  # any separator
    "无锡市滨湖区示例路 1 号 320124\u206319880824\u20630056",  # U+2063, which Pagefind strips
])
def test_an_identifier_in_an_address_is_refused_and_never_published(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str) -> None:
    """Issue 24: an institution may edit its address at any time; a mobile or an ID written with
    other separators or invisible characters is refused by validate with file and line, and the
    build leaves out every page and download that carries it (institution page, institutions.csv,
    .json, .sqlite) instead of stopping for everybody."""
    root = world_copy(tmp_path / "records")
    set_in(root / INSTITUTION, "address", address)
    assert main(["validate", "--records", str(root), "--as-of", AS_OF.isoformat()]) == 1
    found = capsys.readouterr().out
    line = next(i for i, text in enumerate((root / INSTITUTION).read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("address:"))
    assert f"{INSTITUTION}:{line}: error PII" in found
    out = tmp_path / "public"
    assert build(root, out) == 0
    said = capsys.readouterr().out
    assert "不予发布的文件" in said and f"records/{INSTITUTION}" in said
    assert "13012345678" not in said and "320124198808240056" not in said
    assert (out / "index.html").is_file() and (out / "projects" / "index.html").is_file()
    attack = {leak_key("13012345678"), leak_key("320124198808240056")}
    assert [leak for leak in scan_output(out, workers=0) if leak.key in attack] == [], "nothing found is published"
    assert not (out / "institutions" / "52320211MA1W00001X" / "index.html").exists()
