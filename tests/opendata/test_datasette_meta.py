"""`metadata.json` beside `peixun.sqlite`, served by Datasette itself (its Python API and its CLI)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner
from datasette.app import Datasette
from datasette.cli import cli as datasette_cli

from generator.opendata.dictionary import TABLES
from generator.opendata.sqlite import DICTIONARY_TABLE
from tests.opendata.helpers import PUBLISHER, build, read_json, sample_world

T = TypeVar("T")

TITLE = f"{PUBLISHER} 重点群体项目化就业技能培训开放数据"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("datasette")
    build(sample_world(tmp).root, tmp / "out")
    return tmp / "out"


def metadata(out: Path) -> Any:
    return json.loads((out / "metadata.json").read_text(encoding="utf-8"))


def apart(work: Callable[[], T]) -> T:
    """`work` on a thread of its own: Datasette runs its own event loop (`asyncio.run`), which cannot
    start on a thread where one is already running, as it is wherever Playwright's sync API (the
    session's Chromium) has been used by this worker."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


def serve(out: Path, *paths: str) -> list[tuple[int, str]]:
    """Status and body of each path, as Datasette serves `peixun.sqlite -m metadata.json`."""
    async def fetch() -> list[tuple[int, str]]:
        ds = Datasette([str(out / "peixun.sqlite")], metadata=metadata(out))
        await ds.invoke_startup()
        return [(r.status_code, r.text) for r in [await ds.client.get(p) for p in paths]]
    return apart(lambda: asyncio.run(fetch()))


def test_metadata_describes_exactly_the_tables_of_the_database(out: Path) -> None:
    with closing(sqlite3.connect(out / "peixun.sqlite")) as db:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
        columns = {t: [r[1] for r in db.execute(f"pragma table_info({t})")] for t in tables}
    described = metadata(out)["databases"]["peixun"]["tables"]
    assert set(described) == tables == {*(t.name for t in TABLES), DICTIONARY_TABLE}
    for name, meta in described.items():
        assert list(meta["columns"]) == columns[name]
        assert all(c not in meta.get("facets", []) or c in columns[name] for c in meta.get("facets", []))
        assert meta.get("label_column") in (None, *columns[name])


def test_datasette_shows_the_chinese_titles(out: Path) -> None:
    pages = serve(out, "/", "/peixun", *(f"/peixun/{t.name}" for t in TABLES))
    assert all(status == 200 for status, _ in pages)
    (_, index), (_, database), *tables = pages
    assert f"<h1>{TITLE}" in index and "CC BY 4.0" in index
    assert f"<h1>{TITLE}" in database
    for table, (_, body) in zip(TABLES, tables, strict=True):
        assert f"<h1>{table.title}" in body
        for c in table.columns:
            assert f"<dt>{c.key}</dt><dd>{c.title}：{c.meaning}</dd>" in body


def test_facets_open_with_the_table_and_count_right(out: Path) -> None:
    (status, body), = serve(out, "/peixun/projects.json")
    assert status == 200
    facets = json.loads(body)["facet_results"]
    projects = next(t for t in TABLES if t.name == "projects")
    assert set(facets) == set(projects.facets)
    rows = read_json(out / "projects.json")
    for column in projects.facets:
        counts = {str(item["value"]): item["count"] for item in facets[column]["results"]}
        assert counts == dict(Counter(str(r[column]) for r in rows if r[column] is not None)), column
    assert len(facets["status"]["results"]) >= 2  # the sample has selected and finished projects


def test_label_columns_name_what_a_key_points_to(out: Path) -> None:
    """With `label_column`, Datasette shows a project's institution and a class's project by name."""
    (_, projects), (_, classes) = serve(out, "/peixun/projects.json?_labels=on&_shape=objects",
                                       "/peixun/classes.json?_labels=on&_shape=objects")
    institutions = {i["uscc"]: i["name"] for i in read_json(out / "institutions.json")}
    names = {p["id"]: p["name"] for p in read_json(out / "projects.json")}
    rows = json.loads(projects)["rows"]
    assert rows and all(r["institution"] == {"value": r["institution"]["value"],
                                             "label": institutions[r["institution"]["value"]]} for r in rows)
    cls = json.loads(classes)["rows"]
    assert cls and all(r["project"]["label"] == names[r["project"]["value"]] for r in cls)


def test_the_command_the_page_gives_works(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`datasette peixun.sqlite -m metadata.json`, run in the download folder through Datasette's CLI."""
    monkeypatch.chdir(out)

    def get(path: str) -> str:
        argv = ["peixun.sqlite", "-m", "metadata.json", "--get", path]
        result = apart(lambda: CliRunner().invoke(datasette_cli, argv))
        assert result.exit_code == 0, result.output
        return result.output

    assert json.loads(get("/-/metadata.json")) == metadata(out)  # accepted as written
    assert f"<h1>{TITLE}" in get("/peixun")
    assert {t["name"] for t in json.loads(get("/peixun.json"))["tables"]} == {*(t.name for t in TABLES),
                                                                              DICTIONARY_TABLE}
