"""The one writer of every CSV and XLSX cell the project publishes (open data and settlement).

A spreadsheet program reads a cell whose text starts with `=`, `+`, `-` or `@` as a formula, and
some also when it starts with a tab or a carriage return; a record's free text (a class id, a
project name) could then run `=HYPERLINK(...)` or worse on the reader's machine. Following OWASP's
CSV-injection guidance, such text gets a leading single quote, in CSV and XLSX alike, so it is
shown and stored as text; XLSX cells are written as string cells (`data_type` "s") or numbers,
never as formulas. Numbers stay numbers: a negative amount is passed as a `Decimal` or `int` and
written unchanged, so only text is ever prefixed.

Callers hand over typed values: `str` for text, `int`/`Decimal`/`float` for numbers, `date` for
dates, `None` for an empty cell. Labels for booleans (是/否) are the caller's choice, so `bool`
is refused rather than guessed.
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
NEUTRALISER = "'"

CellValue = str | int | Decimal | float | dt.date | None


def neutralise(text: str) -> str:
    """Text as it may stand in a cell: prefixed with `'` when a spreadsheet would run it."""
    return NEUTRALISER + text if text.startswith(FORMULA_TRIGGERS) else text


def _number_text(value: int | Decimal | float) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")  # never "1E+3"
    return str(value)


def csv_cell(value: CellValue) -> str:
    """The text of one CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("a boolean cell needs the caller's label (是/否)")
    if isinstance(value, int | Decimal | float):
        return _number_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return neutralise(value)
    raise TypeError(f"no cell rendering for {type(value).__name__}")


def csv_bytes(rows: Iterable[Sequence[CellValue]]) -> bytes:
    """A whole CSV file: every cell through `csv_cell`, UTF-8 with a BOM and CRLF line ends (what
    Excel needs to open Chinese text correctly)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_value(value: CellValue) -> str | int | Decimal | float | dt.date | None:
    """The value one XLSX cell holds: numbers and dates as such, text neutralised and stripped of
    the control characters the file format cannot carry (replaced by U+FFFD)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError("a boolean cell needs the caller's label (是/否)")
    if isinstance(value, int | Decimal | float | dt.date):
        return value
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\ufffd", neutralise(value))
    raise TypeError(f"no cell rendering for {type(value).__name__}")


def xlsx_append(ws: Worksheet, values: Sequence[CellValue]) -> list[Cell]:
    """Append one row to `ws` and return its cells; text cells are string cells, never formulas.

    The cells are made here and handed to `append`: reading the row back (`ws[ws.max_row]`) made
    openpyxl scan every cell of the sheet for each row, quadratic in the rows (about 190 s of the
    settlement workbook at city-decade, bench/RESULTS.md)."""
    cells = [Cell(ws, value=xlsx_value(v)) for v in values]
    for cell, value in zip(cells, values, strict=True):
        if isinstance(value, str):
            cell.data_type = "s"
    ws.append(cells)
    return cells
