"""`datapackage.json`: the CSV downloads as a Frictionless Tabular Data Package.

Tools that read Data Packages (`frictionless validate datapackage.json`, the Frictionless and
Open Knowledge libraries, many portals) then know each file's columns, types, keys and empty-cell
marker without reading this project's own `dictionary.json`. Everything here is rendered from
`dictionary.TABLES`, the one definition every download and the 开放数据 page come from, so the
package cannot describe a column the CSV does not have.

A field's `name` is the CSV header, which is the column's Chinese title (Frictionless matches
fields to the header by name); the stable English key that JSON and SQLite use is given in the
field's description. The package uses Data Package v1 (`profile`), which every reader knows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.opendata.config import LICENCE_NAME, LICENCE_URL
from generator.opendata.dictionary import KIND_LABELS, TABLES, Column, Kind, Table

PACKAGE_NAME = "peixun"
MISSING = ""  # an empty CSV cell: no such item, or withheld by the disclosure rules
TRUE_LABEL, FALSE_LABEL = "是", "否"  # formats.csv_value writes booleans so

FIELD_TYPES: dict[Kind, str] = {
    "text": "string", "integer": "integer", "money": "number", "rate": "number", "date": "date",
    "boolean": "boolean",
}


def package_title(publisher: str) -> str:
    """The data set's name, as the licence asks users to cite it (the 开放数据 page's 许可)."""
    return f"{publisher} 重点群体项目化就业技能培训开放数据"


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.title,
        "title": column.title,
        "type": FIELD_TYPES[column.kind],
        "description": f"{column.meaning}。类型：{KIND_LABELS[column.kind]}。"
                       f"JSON 与 SQLite 中的列名：{column.key}。来源：{column.source}",
    }
    if column.kind == "date":
        field["format"] = "default"  # ISO 8601, YYYY-MM-DD
    if column.kind == "boolean":
        field["trueValues"], field["falseValues"] = [TRUE_LABEL], [FALSE_LABEL]
    if column.kind == "rate":
        field["constraints"] = {"minimum": 0, "maximum": 1}
    if column.kind in ("integer", "money"):
        field["constraints"] = {"minimum": 0}
    return field


def _titles(table: Table, keys: tuple[str, ...]) -> list[str]:
    by_key = {c.key: c.title for c in table.columns}
    return [by_key[k] for k in keys]


def _table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "primaryKey": _titles(table, table.primary_key),
        "missingValues": [MISSING],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": _titles(table, (column,)),
             "reference": {"resource": other, "fields": _titles(_table(other), (ref,))}}
            for column, other, ref in table.foreign_keys
        ]
    sources = sorted({c.source.split(":")[0] for c in table.columns if c.source.startswith("records/")})
    return {
        "profile": "tabular-data-resource",
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": f"{table.meaning}。同一内容另见 {table.name}.json 和 peixun.sqlite 的 {table.name} 表。",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",  # with a byte order mark, for Excel
        "dialect": {"delimiter": ",", "quoteChar": '"', "doubleQuote": True, "lineTerminator": "\r\n",
                    "header": True},
        "sources": [{"title": path} for path in sources],
        "schema": schema,
    }


def datapackage(*, publisher: str, as_of: dt.date, homepage: str = "", source_url: str = "") -> dict[str, Any]:
    """The package descriptor. `homepage` is the 开放数据 page's public URL and `source_url` the
    records repository's, each "" when not known (then left out, never a placeholder)."""
    source: dict[str, str] = {"title": f"{publisher} 重点群体项目化就业技能培训记录（Git 仓库中的 records/ 目录）"}
    if source_url:
        source["path"] = source_url
    package: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": package_title(publisher),
        "description": (
            f"入选项目、培训主体、班次和按项目汇总的补贴拨付，数据截至 {as_of.isoformat()}。"
            "只含汇总数：培训人员不以任何形式出现，人数少的结果按公开规则留空（空单元格）。"
            "金额单位为元（人民币），比例为 0 到 1 的小数。"
        ),
        "licenses": [{"name": "CC-BY-4.0", "path": LICENCE_URL, "title": LICENCE_NAME}],
        "sources": [source],
        "keywords": ["职业技能培训", "就业", "政府购买服务", "开放数据"],
        "resources": [_resource(t) for t in TABLES],
    }
    if homepage:
        package["homepage"] = homepage
    return package
