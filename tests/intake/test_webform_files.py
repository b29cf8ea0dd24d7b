"""write_webform: a self-contained folder the site build can drop in, limits taken from the records."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.errors import UsageError
from generator.intake.webform import write_webform
from generator.records.load import load_records
from generator.rules.pii import find_identifiers
from generator.schemas import render_all
from tests.conftest import POLICY, World


def test_the_folder_holds_page_script_style_schema_and_limits(world: World, tmp_path: Path) -> None:
    out = tmp_path / "public" / "apply"
    written = write_webform(out, load_records(world.root), "wuxi-hrss/peixun")
    assert [p.name for p in written] == ["application.schema.json", "form.css", "form.js", "index.html",
                                         "limits.json"]
    assert (out / "application.schema.json").read_text(encoding="utf-8") == render_all()["application.schema.json"]
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<script src="form.js" defer></script>' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no CDN: every asset is local
    limits = json.loads((out / "limits.json").read_text(encoding="utf-8"))
    assert limits["repo"] == "wuxi-hrss/peixun"
    assert limits["policies"][0]["caps"] == {"manufacturing": "3000", "production_service": "2000",
                                             "life_service": "1000"}
    assert limits["policies"][0]["min_total_periods"] == 40 and limits["policies"][0]["min_practical_share"] == "0.6"
    [catalog] = limits["catalogs"]
    assert {o["code"]: o["standards"] for o in catalog["occupations"]}["4-10-01-05"] == {
        "L5": "500", "L4": "1000", "L3": "1500"}
    assert limits["order"]["Application"][:5] == ["id", "project_name", "institution", "district", "submitted_on"]
    assert limits["application_ids"] == ["A2026-001"]


def test_the_folder_passes_the_sites_personal_data_scan(world: World, tmp_path: Path) -> None:
    """The site build refuses output with a mobile number, an ID number or a pseudonym in it."""
    for file in write_webform(tmp_path, load_records(world.root), "wuxi-hrss/peixun"):
        text = file.read_text(encoding="utf-8")
        assert find_identifiers(text) == [], file.name
        assert not re.search(r"[pc]_[0-9a-f]{24}", text), file.name


def test_a_new_policy_file_changes_the_limits_at_the_next_build(world: World, tmp_path: Path) -> None:
    def raise_caps(data: Any) -> None:
        data["pricing"]["new_project_caps"]["life_service"] = 1200
    world.edit(POLICY, raise_caps)
    write_webform(tmp_path, load_records(world.root), "wuxi-hrss/peixun")
    limits = json.loads((tmp_path / "limits.json").read_text(encoding="utf-8"))
    assert limits["policies"][0]["caps"]["life_service"] == "1200"


def test_a_malformed_repository_slug_is_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="所有者/仓库名"):
        write_webform(tmp_path, load_records(world.root), "https://github.com/x")
    assert not (tmp_path / "index.html").exists()
