"""Hostile spreadsheets through `seal-roster` and `import-roster` (issue 24): the declared dimension
is ignored (a 5 KB XLSX declaring A1:XFD1048576 once took 1.5 GB and died with MemoryError), and
every cap (file size, zip members, uncompressed size, zip-bomb ratio, shared strings, rows,
columns, cells) refuses with a message that names it, before memory is spent."""

from __future__ import annotations

import io
import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from generator.cli import main
from generator.intake import rosterrules
from generator.intake import sheet as sheetmod
from generator.intake.sheet import read_sheet
from tests.conftest import CLASS, PAYMENTS, World, with_roster_key
from tests.intake.test_roster_import import KEY

CLASS_ID = "P2026-001-01"
HEADER = ["姓名", "身份证号码", "人员类别", "出勤课时"]
ROW = ["张三丰", "320211199001010012", "农村转移就业劳动者", 48]
MEMORY = 1536 * 2**20  # address space a roster command gets in the subprocess test


@pytest.fixture
def world(world: World) -> World:
    world.remove(PAYMENTS)  # the roster is not frozen yet
    with_roster_key(world)
    return world


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def rewritten(data: bytes, parts: dict[str, bytes], extra: dict[str, bytes] | None = None,
              change: dict[str, tuple[bytes, bytes]] | None = None) -> bytes:
    """The XLSX package with some parts replaced, one regex substitution per part, and parts added."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            body = parts.get(info.filename) or source.read(info.filename)
            if change and info.filename in change:
                pattern, replacement = change[info.filename]
                body = re.sub(pattern, replacement, body)
            package.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            package.writestr(name, body)
    return out.getvalue()


def dimension_bomb() -> bytes:
    return rewritten(xlsx_bytes([HEADER, ROW]), {}, change={
        "xl/worksheets/sheet1.xml": (rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>')})


def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "bureau.key"
    path.write_bytes(KEY + b"\n")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


def test_the_dimension_bomb_is_read_as_the_two_rows_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(dimension_bomb())
    assert b'<dimension ref="A1:XFD1048576"/>' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    sheet = read_sheet(path)
    assert not isinstance(sheet, sheetmod.RowProblem), sheet
    assert sheet.headers == HEADER and sheet.rows == [(2, ROW)]


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize("command", ["import-roster", "seal-roster"])
def test_the_dimension_bomb_through_the_commands_in_bounded_memory(world: World, tmp_path: Path, command: str) -> None:
    institution = tmp_path / "institution"
    institution.mkdir()
    bomb = institution / "roster.xlsx"
    bomb.write_bytes(dimension_bomb())
    extra = ["--key-file", str(key_file(tmp_path))] if command == "import-roster" else []
    done = subprocess.run([sys.executable, "-m", "generator", command, str(bomb), "--class", CLASS_ID,
                           "--records", str(world.root), "--as-of", "2026-06-01", *extra],
                          capture_output=True, text=True, timeout=240, preexec_fn=_limited, check=False,
                          env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    output = done.stdout + done.stderr
    assert "Traceback" not in output and "MemoryError" not in output, output[-3000:]
    assert done.returncode == 0, output[-3000:]
    if command == "import-roster":
        assert "已写入" in output and "1 名参训人员" in output
        assert len(world.load(CLASS)["trainees"]) == 1
    else:
        assert "已写入" in output and world.path(f"sealed/2026/{CLASS_ID}.age").is_file()


SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _many_shared_strings(count: int) -> bytes:
    """A string table of `count` entries under a name that does not say so: openpyxl finds it by
    its content type, and so must the cap."""
    strings = b"".join(b"<si><t>s%d</t></si>" % i for i in range(count))
    table = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (count, count)) + strings + b"</sst>"
    declared = b'<Override PartName="/xl/strings.xml" ContentType="' + SST_TYPE + b'"/></Types>'
    return rewritten(xlsx_bytes([HEADER, ROW]), {}, extra={"xl/strings.xml": table},
                     change={"[Content_Types].xml": (rb"</Types>", declared)})


def _far_column() -> bytes:
    row = [*ROW] + [None] * (sheetmod.MAX_COLUMNS + 10) + ["备注"]
    return xlsx_bytes([HEADER, row])


def _zip_of(name: str, body: bytes) -> bytes:
    return rewritten(xlsx_bytes([HEADER, ROW]), {}, extra={name: body})


CAPS: dict[str, tuple[str, object]] = {
    # cap name: (suffix, maker of the file's bytes)
    "file": (".csv", lambda: (",".join(HEADER) + "\n").encode() + b"x" * (sheetmod.MAX_SHEET_BYTES + 1)),
    "members": (".xlsx", lambda: rewritten(xlsx_bytes([HEADER, ROW]), {}, extra={
        f"xl/media/m{i}.bin": b"" for i in range(sheetmod.MAX_ZIP_MEMBERS + 1)})),
    "uncompressed": (".xlsx", lambda: _zip_of("xl/media/zeros.bin", b"\0" * (sheetmod.MAX_UNCOMPRESSED_BYTES + 1))),
    "ratio": (".xlsx", lambda: _zip_of("xl/media/zeros.bin", b"\0" * (2 * rosterrules.RATIO_FLOOR_BYTES))),
    "shared_strings": (".xlsx", lambda: _many_shared_strings(sheetmod.MAX_SHARED_STRINGS + 1)),
    "columns": (".xlsx", _far_column),
    "rows": (".csv", lambda: "\n".join([",".join(HEADER)] + ["张三,1,农村转移就业劳动者,1"] * (sheetmod.MAX_ROWS + 1))
             .encode()),
    "cells": (".csv", lambda: "\n".join([",".join(HEADER + [get_column_letter(i) for i in range(5, 61)])] +
                                        [",".join(["x"] * 60)] * (sheetmod.MAX_CELLS // 60 + 1)).encode()),
}


@pytest.mark.parametrize("cap", list(CAPS))
@pytest.mark.parametrize("command", ["import-roster", "seal-roster"])
def test_each_cap_refuses_and_says_which(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        cap: str, command: str) -> None:
    suffix, make = CAPS[cap]
    institution = tmp_path / "institution"
    institution.mkdir()
    path = institution / f"roster{suffix}"
    path.write_bytes(make())  # type: ignore[operator]
    before = world.path(CLASS).read_bytes()
    extra = ["--key-file", str(key_file(tmp_path))] if command == "import-roster" else []
    code, out = run(capsys, command, str(path), "--class", CLASS_ID, "--records", str(world.root),
                    "--as-of", "2026-06-01", *extra)
    label, _unit = rosterrules.CAP_LABELS[cap]
    assert code == 1 and f"表格超过上限：{label}不得超过" in out, out[-2000:]
    assert world.path(CLASS).read_bytes() == before
    assert not world.path("sealed").exists()


def test_caps_are_far_above_a_real_roster() -> None:
    assert sheetmod.MAX_ROWS >= 5 * 1000 and 10 * len(HEADER) <= sheetmod.MAX_COLUMNS
    assert sheetmod.MAX_CELLS >= 1000 * 20


def test_the_page_reads_the_caps_and_date_bounds_the_import_applies() -> None:
    """One source for both sides: what the roster page is given is what the import enforces, and the
    page's date refusal is worded as the records' own (generator.records.base)."""
    import datetime as dt

    from generator.intake.rosterrules import message, rules_data
    from generator.records.base import EARLIEST_DATE, LATEST_DATE, date_range_problem

    data = rules_data()
    assert data["caps"] == {"file": sheetmod.MAX_SHEET_BYTES, "members": sheetmod.MAX_ZIP_MEMBERS,
                            "uncompressed": sheetmod.MAX_UNCOMPRESSED_BYTES, "ratio": sheetmod.MAX_ZIP_RATIO,
                            "shared_strings": sheetmod.MAX_SHARED_STRINGS, "rows": sheetmod.MAX_ROWS,
                            "columns": sheetmod.MAX_COLUMNS, "cells": sheetmod.MAX_CELLS}
    assert (data["earliest_date"], data["latest_date"]) == (EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat())
    for day in (EARLIEST_DATE - dt.timedelta(days=1), LATEST_DATE + dt.timedelta(days=1)):
        worded = message("date_out_of_range", found=day.isoformat(), earliest=data["earliest_date"],
                         latest=data["latest_date"])
        assert worded == date_range_problem(day)
