"""Reading a roster spreadsheet (XLSX or CSV) into rows of cells, each with its row number.

Institutions export rosters from Excel and WPS on Chinese Windows, so a CSV may be UTF-8, UTF-8
with a byte-order mark, or GBK; the encoding is detected, never asked for. Problems come back as
data located by row and column, so the user can fix every one in a single pass.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from openpyxl.utils import get_column_letter

from generator.intake.rosterrules import (
    CAPS,
    CSV_DELIMITERS,
    EXCEL_MAX_ROWS,
    HEADER_MARKS,
    RATIO_FLOOR_BYTES,
    SHARED_STRINGS_TYPE,
    cap_message,
    message,
)

SUPPORTED = (".xlsx", ".xlsm", ".csv", ".txt")

# The caps live with the roster's other rules (`rosterrules.CAPS`), which the clerk's page reads too.
MAX_SHEET_BYTES = CAPS["file"]
MAX_ZIP_MEMBERS = CAPS["members"]
MAX_UNCOMPRESSED_BYTES = CAPS["uncompressed"]
MAX_ZIP_RATIO = CAPS["ratio"]
MAX_SHARED_STRINGS = CAPS["shared_strings"]
MAX_ROWS = CAPS["rows"]
MAX_COLUMNS = CAPS["columns"]
MAX_CELLS = CAPS["cells"]


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
    """The rows of a CSV file, within the same caps as a worksheet's (`_capped_rows`)."""
    if len(data) > MAX_SHEET_BYTES:
        return cap_problem("file", MAX_SHEET_BYTES, found=len(data))
    decoded = decode_csv(data)
    if isinstance(decoded, RowProblem):
        return decoded
    text, encoding = decoded
    first = text.split("\n", 1)[0]
    delimiter = max(CSV_DELIMITERS, key=first.count) if any(d in first for d in CSV_DELIMITERS) else ","
    if delimiter == "，":
        return RowProblem(message("csv_chinese_comma"), row=1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    read = 0

    def records() -> Iterator[list[str]]:
        # Excel shows a quoted cell with a line break inside one row: count records, not lines
        nonlocal read
        for cells in reader:
            read += 1
            yield cells

    try:
        return _capped_rows(records(), encoding)
    except csv.Error as exc:
        return RowProblem(message("csv_error", error=exc), row=read + 1)


def read_xlsx(path: Path | BinaryIO) -> Sheet | RowProblem:
    """The first worksheet of an XLSX file, given as a path or as an open binary stream (a sealed
    roster is opened in memory and never touches the disk in clear).

    Read as hostile input (issue 24: a 1.4 KB file declaring `<dimension ref="A1:XFD1048576"/>` made
    openpyxl pad every row to 16,384 cells and a million rows, 1.5 GB and a MemoryError): the zip is
    checked against the caps before anything is inflated (`zip_problem`), the worksheet is streamed
    with its declared dimension ignored, and rows, columns and cells are counted as they come;
    the first cap reached stops the read and is named in the message."""
    from openpyxl import load_workbook

    problem = zip_problem(path)
    if problem is not None:
        return problem
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles WPS writes; they do not matter here
            book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or mislabelled file must become a message, not a traceback
        return RowProblem(message("xlsx_unreadable", error=type(exc).__name__))
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # the declared size is the file's claim, not a fact: never trusted
        # each row comes padded to its own last cell only (at most Excel's 16,384 columns, one row
        # at a time), so a far-off cell is seen, and refused, before the next row is read
        return _capped_rows(sheet.iter_rows(values_only=True))
    except Exception as exc:  # a malformed worksheet part (bad XML, bad cell) is the file's fault
        return RowProblem(f"无法读取 Excel 文件的工作表（{type(exc).__name__}）。"
                          "请在 Excel 中另存为 .xlsx 或 CSV 后重试")
    finally:
        book.close()


def _capped_rows(rows: Iterable[Sequence[Any]], encoding: str | None = None) -> Sheet | RowProblem:
    """Rows numbered from 1, trailing blanks dropped, within MAX_ROWS filled rows, MAX_COLUMNS
    columns and MAX_CELLS filled cells; rows past EXCEL_MAX_ROWS (Excel's own last row) end the
    read, so that a far-off row number cannot spin through empty rows for ever."""
    kept: list[tuple[int, list[Any]]] = []
    filled = cells = 0
    for number, raw in enumerate(rows, start=1):
        if number > EXCEL_MAX_ROWS:
            return cap_problem("rows", EXCEL_MAX_ROWS, number)
        values = list(raw)
        while values and _is_blank(values[-1]):
            values.pop()
        if not values:
            continue
        if len(values) > MAX_COLUMNS:
            return cap_problem("columns", MAX_COLUMNS, number)
        filled += 1
        cells += sum(1 for v in values if not _is_blank(v))
        if filled > MAX_ROWS:
            return cap_problem("rows", MAX_ROWS, number)
        if cells > MAX_CELLS:
            return cap_problem("cells", MAX_CELLS, number)
        kept.append((number, values))
    return _from_rows(kept, encoding)


def cap_problem(cap: str, limit: int, row: int | None = None, found: int | None = None) -> RowProblem:
    """The refusal of a spreadsheet past one of the caps, naming the cap and its limit."""
    return RowProblem(cap_message(cap, limit, found), row=row)


def zip_problem(source: Path | BinaryIO) -> RowProblem | None:
    """Why an XLSX package may not be opened, judged from its zip directory and a streamed count of
    its shared strings, before openpyxl inflates anything: file size, number of members, declared
    uncompressed size (Python's zipfile never yields more than a member declares) and the ratio
    of a large member's uncompressed to compressed size (a zip bomb)."""
    import zipfile

    try:
        size = source.stat().st_size if isinstance(source, Path) else _stream_size(source)
        if size > MAX_SHEET_BYTES:
            return cap_problem("file", MAX_SHEET_BYTES, found=size)
        with zipfile.ZipFile(source) as package:
            members = package.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                return cap_problem("members", MAX_ZIP_MEMBERS, found=len(members))
            total = sum(m.file_size for m in members)
            if total > MAX_UNCOMPRESSED_BYTES:
                return cap_problem("uncompressed", MAX_UNCOMPRESSED_BYTES, found=total)
            for m in members:
                if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
                    return cap_problem("ratio", MAX_ZIP_RATIO, found=m.file_size // max(m.compress_size, 1))
            for part in _shared_string_parts(package):
                count = _count_shared_strings(package, part)
                if count > MAX_SHARED_STRINGS:
                    return cap_problem("shared_strings", MAX_SHARED_STRINGS, found=count)
    except Exception as exc:  # not a zip, a damaged directory, bad XML: a message, never a traceback
        return RowProblem(f"无法读取 Excel 文件（{type(exc).__name__}）。请确认是 .xlsx 格式，或另存为 CSV 后重试")
    finally:
        if not isinstance(source, Path):
            source.seek(0)
    return None


def _stream_size(stream: BinaryIO) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _shared_string_parts(package: Any) -> list[str]:
    """The shared-string tables openpyxl would read: the parts [Content_Types].xml declares as such
    (whatever their name), and any part named like one."""
    from xml.etree.ElementTree import fromstring

    names = {info.filename for info in package.infolist()}
    found = {n for n in names if n.lower().endswith("sharedstrings.xml")}
    if "[Content_Types].xml" in names:
        for element in fromstring(package.read("[Content_Types].xml")).iter():
            if element.get("ContentType") == SHARED_STRINGS_TYPE and element.get("PartName"):
                name = str(element.get("PartName")).lstrip("/")
                if name in names:
                    found.add(name)
    return sorted(found)


def _count_shared_strings(package: Any, member: str) -> int:
    """The `<si>` entries of the shared-string table, streamed; stops one past the cap."""
    from xml.etree.ElementTree import iterparse

    count = 0
    with package.open(member) as part:
        for _event, element in iterparse(part, events=("end",)):
            if element.tag.endswith("}si") or element.tag == "si":
                count += 1
                if count > MAX_SHARED_STRINGS:
                    break
            element.clear()
    return count


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
    size = path.stat().st_size
    if size > MAX_SHEET_BYTES:
        return cap_problem("file", MAX_SHEET_BYTES, found=size)
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
