"""CSV and JSON renderings of the tables, and the value conventions they share.

Money keeps two decimals and rates four, as text in CSV and as JSON strings, so that no consumer
ever sees a binary float's approximation (the settlement's JSON does the same). CSV is UTF-8 with a
BOM and CRLF line ends, which is what Excel needs to open Chinese text correctly; every cell goes
through `generator.sheetcells`, which keeps text from being read as a formula.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from generator import safejson
from generator.opendata.dictionary import Kind, Table
from generator.opendata.published_rows import Row
from generator.sheetcells import CellValue, csv_bytes


def json_value(kind: Kind, value: Any) -> Any:
    if value is None:
        return None
    if kind == "money":
        return f"{Decimal(value):.2f}"
    if kind == "rate":
        return f"{Decimal(value):.4f}"
    if kind == "date":
        assert isinstance(value, dt.date)
        return value.isoformat()
    return value


def csv_value(kind: Kind, value: Any) -> CellValue:
    """A typed cell for `sheetcells`: money and rates as fixed-point numbers, text as text."""
    if value is None:
        return None
    if kind == "boolean":
        return "是" if value else "否"
    if kind == "money":
        return Decimal(value).quantize(Decimal("0.01"))
    if kind == "rate":
        return Decimal(value).quantize(Decimal("0.0001"))
    if isinstance(value, int | Decimal | float | str):
        return value
    return str(json_value(kind, value))


def sqlite_value(kind: Kind, value: Any) -> Any:
    """Money and rates become REAL: SQLite has no decimal type, and two-decimal amounts round-trip."""
    if value is None:
        return None
    if kind in ("money", "rate"):
        return float(value)
    if kind == "boolean":
        return int(bool(value))
    return json_value(kind, value)


def table_csv(table: Table, rows: list[Row]) -> bytes:
    header: list[CellValue] = [c.title for c in table.columns]
    return csv_bytes([header, *([csv_value(c.kind, row[c.key]) for c in table.columns] for row in rows)])


def table_json(table: Table, rows: list[Row]) -> bytes:
    data = [{c.key: json_value(c.kind, row[c.key]) for c in table.columns} for row in rows]
    return dump_json(data)


def dump_json(data: Any) -> bytes:
    """The one JSON style of every download: UTF-8, readable Chinese, one row or release per line
    (`safejson.dumps_lines`), HTML-significant characters escaped, final newline."""
    return safejson.dumps_lines(data)
