"""The one place where the settlement's CSV and XLSX cells are written.

Every cell of settlement.csv, settlement.xlsx and payable.xlsx goes through `csv_bytes` or
`xlsx_append`, so that text a spreadsheet would run as a formula (`= + - @`, tab, CR) is written
as text. The project-wide writer of such cells takes this module's place when it exists; until
then this is a faithful local copy of its interface.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

CellValue = str | int | Decimal | float | dt.date | None


def neutralise(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def csv_cell(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("a boolean cell needs the caller's label (是/否)")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(value)


def csv_bytes(rows: Iterable[Sequence[CellValue]]) -> bytes:
    """A whole CSV file, every cell through `csv_cell`: UTF-8 with a BOM, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_value(value: CellValue) -> str | int | Decimal | float | dt.date | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a boolean cell needs the caller's label (是/否)")
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))
    return value


def xlsx_append(ws: Worksheet, values: Sequence[CellValue]) -> list[Cell]:
    """Append one row and return its cells; text cells are string cells, never formulas."""
    ws.append([xlsx_value(v) for v in values])
    cells = list(ws[ws.max_row]) if values else []
    for cell, value in zip(cells, values, strict=False):
        if isinstance(value, str):
            cell.data_type = "s"
    return cells
