"""The open data inside the built site: the page at data/, the files beside it, the site's own cells."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from frictionless import validate

from generator.opendata.site_output import site_cells
from generator.publish.data import load_site
from generator.publish.outcome_tables import outcome_tables
from generator.publish.views import build_views
from generator.site.build import build_site
from tests.conftest import World
from tests.opendata.helpers import REPO, sample_world
from tests.opendata.test_disclosure_rules import CLOSED, cohort

SAMPLE_DAY = dt.date(2026, 11, 27)  # the sample records' reference date (README)


def test_the_site_build_publishes_the_page_and_the_downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEIXUN_SITE_URL", "https://peixun.wuxi.example/")
    monkeypatch.setenv("PEIXUN_OCDS_PREFIX", "ocds-test01")
    monkeypatch.setenv("PEIXUN_PUBLISHER_USCC", "91320211MA1N2K3P0U")
    world = sample_world(tmp_path)
    out = tmp_path / "public"
    build_site(world.root, out, SAMPLE_DAY, config_file=REPO / "mkdocs.yml")
    page = (out / "data" / "index.html").read_text(encoding="utf-8")
    assert '<a href="projects.csv"><code>projects.csv</code></a>' in page
    assert "https://peixun.wuxi.example/data/peixun.sqlite" in page  # in the Datasette commands
    assert "开放数据" in (out / "index.html").read_text(encoding="utf-8")  # in the navigation
    index = json.loads((out / "data" / "index.json").read_text(encoding="utf-8"))
    assert len(index["files"]) == 28 and index["as_of"] == SAMPLE_DAY.isoformat()
    for entry in index["files"]:
        data = (out / "data" / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert entry["url"] == "https://peixun.wuxi.example/data/" + entry["path"]
    pkg = json.loads((out / "data" / "ocds" / "P2026-001.json").read_text(encoding="utf-8"))
    assert pkg["uri"] == "https://peixun.wuxi.example/data/ocds/P2026-001.json"
    # the Data Package and Datasette's metadata point at the page; Frictionless accepts the site's files
    assert json.loads((out / "data" / "datapackage.json").read_text(encoding="utf-8"))["homepage"] == (
        "https://peixun.wuxi.example/data/")
    assert json.loads((out / "data" / "metadata.json").read_text(encoding="utf-8"))["about_url"] == (
        "https://peixun.wuxi.example/data/")
    report = validate(out / "data" / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])


def test_site_cells_are_the_cells_the_site_shows(world: World) -> None:
    cohort(world, (15, 10, 6), (15, 10, 6))
    data = load_site(world.root, CLOSED)
    views = build_views(data)
    cells = site_cells(data, views)
    shown = [
        (row.certified.count, row.employed.count)
        for table in outcome_tables(views, data.min_cell) for row in [*table.rows, table.total]
    ]
    assert [c.count for c in cells["certified"]] == [c for c, _ in shown if c is not None]
    assert [c.count for c in cells["employed"]] == [e for _, e in shown if e is not None]
    assert cells["employed"] and all(c.members == {"P2026-001-01", "P2026-001-02"} for c in cells["employed"])
    assert sum(c.total for c in cells["certified"]) == 3  # one total row in each of the three tables
