"""Schemas are generated from the models, committed, and checked fresh."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.cli import main
from generator.records.kinds import KINDS
from generator.schemas import render_all

ROOT = Path(__file__).parents[2]


def test_committed_schemas_are_fresh() -> None:
    for name, text in render_all().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale"


def test_check_fails_when_stale_and_write_repairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schemas", "--out", str(tmp_path)]) == 0
    assert main(["schemas", "--check", "--out", str(tmp_path)]) == 0
    (tmp_path / "class.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schemas", "--check", "--out", str(tmp_path)]) == 1
    assert "class.schema.json" in capsys.readouterr().err
    assert main(["schemas", "--out", str(tmp_path)]) == 0
    assert main(["schemas", "--check", "--out", str(tmp_path)]) == 0


def test_every_field_has_a_chinese_title() -> None:
    def walk(node: object, where: str) -> list[str]:
        missing: list[str] = []
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if not any("\u4e00" <= ch <= "\u9fff" for ch in prop.get("title", "")):
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                missing += walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for item in node:
                missing += walk(item, where)
        return missing

    for name, text in render_all().items():
        assert walk(json.loads(text), name) == []


def test_schemas_carry_chinese_enum_labels() -> None:
    schema = json.loads(render_all()["institution.schema.json"])
    assert schema["properties"]["type"]["enumDescriptions"][2] == "职业技能培训机构"


def test_vscode_maps_every_record_folder_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind in KINDS:
        globs = mapping[f"./schemas/{kind.schema_file}"]
        expected = f"records/{kind.single_file}" if kind.single_file else f"records/{kind.folder}/**/*.yaml"
        assert expected in globs


def test_schema_comment_of_every_sample_record_points_at_an_existing_schema() -> None:
    for file in sorted((ROOT / "records").rglob("*.yaml")):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), file
        target = (file.parent / first.split("=", 1)[1]).resolve()
        assert target.is_file(), f"{file}: {target}"


def test_list_items_keep_their_enum_and_labels() -> None:
    schema = json.loads(render_all()["application.schema.json"])
    items = schema["properties"]["target_groups"]["items"]
    assert "rural_migrant_worker" in items["enum"]
    assert items["enumDescriptions"][items["enum"].index("rural_migrant_worker")] == "农村转移就业劳动者"
