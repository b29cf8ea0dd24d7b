"""Reading a roster spreadsheet (XLSX or CSV) into rows of cells, each with its row number.

Institutions export rosters from Excel and WPS on Chinese Windows, so a CSV may be UTF-8, UTF-8
with a byte-order mark, or GBK; the encoding is detected, never asked for. Problems come back as
data located by row and column, so the user can fix every one in a single pass.
"""

from __future__ import annotations

import csv
import io
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl.utils import get_column_letter

from generator.intake.rosterrules import CSV_DELIMITERS, HEADER_MARKS, message

SUPPORTED = (".xlsx", ".xlsm", ".csv", ".txt")


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in the spreadsheet, where the user will look for it."""

    message: str
    row: int | None = None  # spreadsheet row, 1-based, as Excel numbers it
    column: int | None = None  # 1-based column index
    header: str | None = None  # the column's name in the header row

    @property
    def column_letter(self) -> str | None:
        return get_column_letter(self.column) if self.column else None

    def where(self) -> str:
        parts = []
        if self.row is not None:
            parts.append(message("where_row", row=self.row))
        if self.column is not None:
            parts.append(message("where_column_header", letter=self.column_letter, header=self.header) if self.header
                         else message("where_column", letter=self.column_letter))
        elif self.header:
            parts.append(message("where_header", header=self.header))
        return " ".join(parts)

    def __str__(self) -> str:
        where = self.where()
        return message("located", where=where, message=self.message) if where else self.message


@dataclass
class Sheet:
    """The header row and the data rows of the first worksheet; blank rows are dropped."""

    header_row: int = 1
    headers: list[str] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    encoding: str | None = None  # for CSV: the detected encoding


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _from_rows(rows: list[tuple[int, list[Any]]], encoding: str | None) -> Sheet | RowProblem:
    filled = [(n, cells) for n, cells in rows if not all(_is_blank(c) for c in cells)]
    if not filled:
        return RowProblem(message("sheet_empty"))
    header_row, header_cells = filled[0]
    headers = ["" if c is None else str(c).strip().lstrip("\ufeff").rstrip(HEADER_MARKS).strip() for c in header_cells]
    return Sheet(header_row=header_row, headers=headers, rows=filled[1:], encoding=encoding)


def decode_csv(data: bytes) -> tuple[str, str] | RowProblem:
    """The text and the name of its encoding: BOM first, then strict UTF-8, then GBK (as GB18030,
    its superset, so that rare characters in names do not fail the whole file)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8（带 BOM）"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return RowProblem(message("utf16_unreadable"))
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GBK"
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return RowProblem(message("encoding_unknown"), row=line)


def read_csv(data: bytes) -> Sheet | RowProblem:
    decoded = decode_csv(data)
    if isinstance(decoded, RowProblem):
        return decoded
    text, encoding = decoded
    first = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first.count) if any(d in first for d in CSV_DELIMITERS) else ","
    if delimiter == "，":
        return RowProblem(message("csv_chinese_comma"), row=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[Any]]] = []
    try:
        # Excel shows a quoted cell with a line break inside one row: count records, not lines
        for number, cells in enumerate(reader, start=1):
            rows.append((number, list(cells)))
    except csv.Error as exc:
        return RowProblem(message("csv_error", error=exc), row=len(rows) + 1)
    return _from_rows(rows, encoding)


def read_xlsx(path: Path | BinaryIO) -> Sheet | RowProblem:
    """The first worksheet of an XLSX file, given as a path or as an open binary stream (a sealed
    roster is opened in memory and never touches the disk in clear)."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles WPS writes; they do not matter here
            book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or mislabelled file must become a message, not a traceback
        return RowProblem(message("xlsx_unreadable", error=type(exc).__name__))
    try:
        sheet = book.worksheets[0]
        rows = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return _from_rows(rows, None)


def unsupported(suffix: str) -> RowProblem | None:
    """Why a file with this extension cannot be read, or None when it can."""
    if suffix == ".xls":
        return RowProblem(message("xls_unsupported"))
    if suffix not in SUPPORTED:
        return RowProblem(message("type_unsupported", suffix=suffix or message("no_suffix")))
    return None


def read_sheet(path: Path) -> Sheet | RowProblem:
    """The first worksheet of an XLSX file, or a CSV file; the format is told by the extension."""
    suffix = path.suffix.lower()
    problem = unsupported(suffix)
    if problem is not None:
        return problem
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    return read_csv(path.read_bytes())


def read_sheet_bytes(data: bytes, suffix: str) -> Sheet | RowProblem:
    """The same as `read_sheet` for a file's bytes held in memory, with its extension."""
    suffix = suffix.lower()
    problem = unsupported(suffix)
    if problem is not None:
        return problem
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(io.BytesIO(data))
    return read_csv(data)
