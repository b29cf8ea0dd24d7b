"""The 开放数据 page: every download with its URL, the whole dictionary, the rules, the licence, Datasette."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from generator.opendata import page_markdown
from generator.opendata.config import LICENCE_URL
from generator.opendata.dictionary import KIND_LABELS, TABLES
from generator.records.load import load_records
from generator.records.record_set import RecordSet
from generator.settlement.arithmetic import Settlement, compute
from tests.opendata.helpers import AS_OF, BASE_URL, OCID_PREFIX, SAMPLE, sample_world


@pytest.fixture(scope="module")
def data() -> tuple[RecordSet, Settlement]:
    rs = load_records(SAMPLE)
    return rs, compute(rs, AS_OF)


def test_every_download_is_linked_by_its_name(data: tuple[RecordSet, Settlement]) -> None:
    page = page_markdown(*data, base_url=BASE_URL, link_base="../data/", ocid_prefix=OCID_PREFIX)
    assert page.startswith("# 开放数据\n")
    files = [f"{t.name}.{ext}" for t in TABLES for ext in ("csv", "json")]
    files += ["peixun.sqlite", "dictionary.json", "index.json", "ocds/all.json"]
    for name in files:  # the file name is the link text: no long raw URL to break on a phone
        assert f'<a href="../data/{name}"><code>{name}</code></a>' in page, name
        assert f"`{BASE_URL}{name}`" not in page, name
    assert f"文件的固定地址为 `{BASE_URL}` 加文件名" in page
    # one package per project, named by a pattern: the page does not grow with the number of projects
    assert '<a href="../data/ocds/P2026-' not in page and f"`{BASE_URL}ocds/<项目编号>.json`" in page
    assert "共 7 个项目有发布包" in page and "2027-06-30" in page
    inside = page_markdown(*data, base_url=BASE_URL, link_base="", ocid_prefix=OCID_PREFIX)
    assert '<a href="ocds/all.json">' in inside and '<a href="projects.csv">' in inside


def test_the_dictionary_table_lists_every_column(data: tuple[RecordSet, Settlement]) -> None:
    page = page_markdown(*data, base_url=BASE_URL, ocid_prefix=OCID_PREFIX).replace("<wbr>", "")
    for table in TABLES:
        assert f"### {table.title}（`{table.name}`）" in page
        for c in table.columns:
            source = html.escape(c.source)
            assert (f'<td data-label="列"><code>{c.key}</code></td><td data-label="列名（CSV）">{c.title}</td>'
                    f'<td data-label="含义">{c.meaning}</td><td data-label="类型">{KIND_LABELS[c.kind]}</td>'
                    f'<td data-label="来源字段"><code class="px-path">{source}</code></td>') in page


def test_rules_licence_and_datasette(data: tuple[RecordSet, Settlement]) -> None:
    page = page_markdown(*data, base_url=BASE_URL, ocid_prefix=OCID_PREFIX)
    assert "不少于 10 人" in page and "不按班次" in page and "假名" in page
    assert LICENCE_URL in page
    assert "datasette peixun.sqlite -m metadata.json" in page and f"curl -O {BASE_URL}peixun.sqlite" in page
    assert f"curl -O {BASE_URL}metadata.json" in page
    assert "frictionless validate datapackage.json" in page
    for name in ("datapackage.json", "metadata.json"):
        assert f'<a href="{BASE_URL}{name}"><code>{name}</code></a>' in page


def test_without_configuration_the_page_omits_what_needs_it(data: tuple[RecordSet, Settlement]) -> None:
    """No OCDS prefix: no OCDS section or file; no site address: no absolute URL, not even in the
    Datasette commands."""
    page = page_markdown(*data, base_url="", link_base="", ocid_prefix="")
    assert "OCDS" not in page and "ocds/" not in page and "ocid" not in page
    assert "http" not in page.replace(LICENCE_URL, "").replace("https://datasette.io/", "").replace(
        "https://datapackage.org/", "").replace(
        "http://127.0.0.1:8001", "")
    assert '<a href="peixun.sqlite"><code>peixun.sqlite</code></a>' in page
    assert "datasette peixun.sqlite -m metadata.json" in page and '<a href="metadata.json">' in page


def test_the_minimum_cell_comes_from_the_policy(tmp_path: Path) -> None:
    world = sample_world(tmp_path)
    world.edit("policy/wuxi-2026-pilot.yaml", lambda d: d.__setitem__("outcome_min_cell", 11))
    rs = load_records(world.root)
    page = page_markdown(rs, compute(rs, AS_OF), base_url=BASE_URL, ocid_prefix=OCID_PREFIX)
    assert "不少于 11 人" in page and "不足 11 人" in page
