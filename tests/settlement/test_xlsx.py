"""settlement.xlsx, the settlement workbook for the bureau's finance staff
(generator/settlement/xlsx.py).

The layout of every sheet (values, number formats, fonts, fills, borders, alignment, widths, row
heights, page set-up, print titles, frozen panes, autofilter) is compared with a reviewed golden
file, tests/fixtures/golden/settlement/settlement.xlsx.layout.txt (tests/settlement/describe.py
says what it holds); the figures and the rules of the layout are worked by hand below. The world:
the worked example (40 enrolled, 33 counted at 2,600, 22 employed: 55 %) with its first 68,640.00
paid, a second class with nobody enrolled, and two classes held back.

Regenerate after a deliberate change, then review the diff and the rendered workbook:

    PEIXUN_UPDATE_GOLDEN=1 python -m pytest -q tests/settlement/test_xlsx.py
    PEIXUN_GOLDEN_PAPERS=/tmp/papers python -m pytest -q tests/settlement/test_xlsx.py
    cd /tmp/papers && soffice --headless --convert-to pdf settlement.xlsx
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from generator.settlement.report_entries import HeldEntry, SettlementReport
from generator.settlement.xlsx import fill_table, workbook_bytes
from generator.settlement_output import settle
from tests.conftest import WORLD, World
from tests.settlement.describe import describe_xlsx
from tests.settlement.worlds import AS_OF, add_empty_class, worked_example

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden" / "settlement" / "settlement.xlsx.layout.txt"
UPDATE = os.environ.get("PEIXUN_UPDATE_GOLDEN") == "1"
PAPERS = os.environ.get("PEIXUN_GOLDEN_PAPERS")

LONG_NAME = "工业机器人系统运维与智能产线集成调试及应用技术推广"  # 25 CJK characters, 41.67 zeros
HELD = (
    HeldEntry(class_id="P2026-001-09", rule="CLS-PERIODS", path="classes/2026/P2026-001-09.yaml",
              message="总课时 32，低于 40 课时；按通知 四(四)，每期培训不少于 40 课时，补足课时或更正记录后再结算",
              project="P2026-001", project_name="养老护理员", institution="52320211MA1W00001X",
              institution_name="无锡示例职业培训学校"),
    HeldEntry(class_id="P2026-001-10", rule="=EMP-PERSON", path="employment/2026/P2026-001-10.yaml",
              message="-社保月份 2026-13 不是月份", project_name=LONG_NAME),
)


@pytest.fixture(scope="module")
def statement(tmp_path_factory: pytest.TempPathFactory) -> SettlementReport:
    """Settled once for the module (a report is immutable; each test writes its own workbook)."""
    world = World(tmp_path_factory.mktemp("xlsx") / "records")
    shutil.copytree(WORLD, world.root)
    worked_example(world, first_paid=True)
    add_empty_class(world)
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return replace(settle(world.root, AS_OF).statement, held=HELD)


def _book(report: SettlementReport) -> Any:
    return load_workbook(io.BytesIO(workbook_bytes(report)))


def test_settlement_xlsx_is_laid_out_as_reviewed(statement: SettlementReport) -> None:
    data = workbook_bytes(statement)
    if PAPERS:
        Path(PAPERS).mkdir(parents=True, exist_ok=True)
        (Path(PAPERS) / "settlement.xlsx").write_bytes(data)
    text = describe_xlsx(data)
    if UPDATE:
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == text, f"{GOLDEN.name} differs from its golden file"


def _rows(ws: Worksheet) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_every_sheet_opens_with_its_title_and_provenance(statement: SettlementReport) -> None:
    book = _book(statement)
    assert book.sheetnames == ["按培训主体", "按项目", "按班次", "暂缓"]
    titles = ["补贴结算：按培训主体汇总", "补贴结算：按项目汇总", "补贴结算：按班次明细（按培训主体分组，含小计）",
              "暂缓结算的班次（记录有错误，修正后再结算）"]
    for ws, title in zip(book.worksheets, titles, strict=True):
        assert ws["A1"].value == title and ws["A1"].font.b and ws["A1"].font.sz == 14
        assert ws["A2"].value.startswith("结算基准日 2027-06-30；记录提交 （非 Git 仓库）；政策版本 wuxi-2026-pilot；")
        assert ws["A2"].font.sz == 9 and ws["A2"].font.color.rgb == "00555555"
        assert ws["A3"].value is None and ws["A4"].font.b  # a blank line, then the header
        assert ws.print_title_rows == "$1:$4" and ws.freeze_panes == "A5"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
    props = book.properties
    assert (props.creator, props.title, props.identifier) == ("peixun", "补贴结算 2027-06-30", None)


def test_money_is_a_number_shown_as_money_and_the_totals_add_up(statement: SettlementReport) -> None:
    """First 68,640.00 paid: remainder and bonus 17,160.00 each are payable, 34,320.00; paid 68,640.00."""
    ws = _book(statement)["按班次"]
    rows = _rows(ws)
    header = rows[3]
    payable, paid = header.index("本次应拨（元）"), header.index("已拨（元）")
    [first] = [r for r in ws.iter_rows(min_row=5) if r[0].value == "P2026-001-01"]
    assert (first[payable].value, first[paid].value) == (34320, 68640)
    assert first[payable].number_format == "#,##0.00" and first[payable].data_type == "n"
    assert first[7].value == 2600 and first[7].number_format == "#,##0.00"  # the unit price
    assert first[8].value == 40 and first[8].number_format == "General"  # a count, no decimals
    assert first[payable].alignment.horizontal == "right" and first[payable].alignment.indent == 1
    totals = [r for r in ws.iter_rows(min_row=5) if r[0].value in ("小计", "合计")]
    # the institution's group, then the held class whose record names no institution (a group of its own)
    assert [(r[0].value, r[payable].value, r[paid].value) for r in totals] == [
        ("小计", 34320, 68640), ("小计", 0, 0), ("合计", 34320, 68640)]
    for r in totals:
        assert all(c.font.b and c.fill.fgColor.rgb == "00F2F2F2" for c in r)
    institutions = _book(statement)["按培训主体"]
    [total] = [r for r in institutions.iter_rows(min_row=5) if r[0].value == "合计"]
    assert total[4].value == 34320 and total[4].font.b  # 合计 found by the name column, label_key


def test_a_rate_is_a_number_shown_as_a_percentage(statement: SettlementReport) -> None:
    """22 of 40 employed: 55.0 %, stored as 0.55 so it sorts and filters; a class with nobody
    enrolled has no rate: "—", centred text."""
    ws = _book(statement)["按班次"]
    col = [c.value for c in ws[4]].index("就业率")
    cells = {r[0].value: r[col] for r in ws.iter_rows(min_row=5) if r[0].value in ("P2026-001-01", "P2026-001-02")}
    rate, none = cells["P2026-001-01"], cells["P2026-001-02"]
    assert rate.value == pytest.approx(0.55) and rate.data_type == "n" and rate.number_format == "0.0%"
    assert rate.alignment.horizontal == "right"
    assert none.value == "—" and none.data_type == "s" and none.alignment.horizontal == "center"


def _widths(ws: Worksheet) -> dict[str, float]:
    header = [c.value for c in ws[4]]
    return {title: ws.column_dimensions[chr(ord("A") + i)].width for i, title in enumerate(header)}


def test_columns_are_as_wide_as_their_content(statement: SettlementReport) -> None:
    """Worked by hand, in widths of the digit 0 (a CJK character 1 / 0.6 of one):
    - a figure never wraps: 本次应拨（元） is 7 CJK, 11.67, half of it + 2 = 7.83 (at most 12); its
      widest value 34320.00 is 8, + 3 = 11: 11;
    - a code never wraps: 统一社会信用代码 52320211MA1W00001X, 18 + 2 = 20; 班次 P2026-001-01, 12 + 2 = 14;
    - text wraps at `widest` (16 on 按班次): 培训主体 无锡示例职业培训学校 is 10 CJK, 16.67 + 2: 16;
    - a count: 参训人数 4 CJK, 6.67 / 2 + 2 = 5.33, below the least, 6."""
    classes = _widths(_book(statement)["按班次"])
    assert classes["本次应拨（元）"] == 11
    assert classes["统一社会信用代码"] == 20 and classes["班次"] == 14
    assert classes["培训主体"] == 16
    assert classes["参训人数"] == 6
    # 待定（元，不计入应拨）: 11 characters, 18.33 / 2 + 2 = 11.17; its 0.00 is 4 + 3 = 7: 11.17
    assert classes["待定（元，不计入应拨）"] == pytest.approx(11 / 0.6 / 2 + 2)
    institutions = _widths(_book(statement)["按培训主体"])
    assert institutions["培训主体"] == pytest.approx(10 / 0.6 + 2)  # widest 40 there: not cut at 16
    held = _widths(_book(statement)["暂缓"])
    # a message wraps at 60 (LONG_TEXT); a rule code (=EMP-PERSON, 11) and a path (33) are codes: + 2
    assert held["暂缓原因"] == 60 and held["规则"] == 13 and held["文件"] == pytest.approx(35)
    assert held["项目名称"] == 40  # 41.67 + 2, wrapped at 40 there


def test_a_wide_table_prints_on_a3_and_a_narrow_one_on_a4(statement: SettlementReport) -> None:
    """按班次 has 21 columns, more than 200 zeros wide: landscape A3; so has 暂缓 with its 60-wide
    messages beside a 40-wide project name (14 + 11 + 40 + 18.67 + 20 + 13 + 35 + 60 = 211.67); the
    others fit landscape A4."""
    book = _book(statement)
    sizes = {ws.title: (int(ws.page_setup.paperSize), ws.page_setup.orientation, sum(_widths(ws).values()) > 200)
             for ws in book.worksheets}
    assert sizes == {"按培训主体": (9, "landscape", False), "按项目": (9, "landscape", False),
                     "按班次": (8, "landscape", True), "暂缓": (8, "landscape", True)}
    for ws in book.worksheets:
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_options.horizontalCentered
        m = ws.page_margins
        assert (m.left, m.right, m.top, m.bottom) == (0.4, 0.4, 0.6, 0.6)


def test_wrapped_text_makes_its_row_higher(statement: SettlementReport) -> None:
    """The held message (45 CJK and 8 narrow characters, 80.0 zeros) in its column 60 wide, (60 − 1)
    × 0.88 = 51.92 a line: 2 lines, 2 × 11 × 1.3 + 3 = 31.6 pt; the header 待定（元，不计入应拨） (18.33
    zeros) in 11.17 ((11.17 − 1) × 0.88 = 8.95 a line): 3 lines, 45.9 pt, on 按班次."""
    book = _book(statement)
    held = book["暂缓"]
    [row] = [r[0].row for r in held.iter_rows(min_row=5) if r[0].value == "P2026-001-09"]
    assert held.row_dimensions[row].height == 31.6
    assert book["按班次"].row_dimensions[4].height == 45.9


def test_the_autofilter_covers_the_table(statement: SettlementReport) -> None:
    book = _book(statement)
    for ws in book.worksheets:
        last_row = ws.max_row
        last_col = chr(ord("A") + len([c for c in ws[4] if c.value]) - 1)
        assert ws.auto_filter.ref == f"A4:{last_col}{last_row}"


def test_a_formula_in_a_held_record_is_written_as_text(statement: SettlementReport) -> None:
    held = _book(statement)["暂缓"]
    [row] = [r for r in held.iter_rows(min_row=5) if r[0].value == "P2026-001-10"]
    assert [c.value for c in row[5:]] == [
        "'=EMP-PERSON", "employment/2026/P2026-001-10.yaml", "'-社保月份 2026-13 不是月份"]
    assert all(c.data_type == "s" for c in row[5:])


def test_nothing_held_says_so(statement: SettlementReport) -> None:
    ws = _book(replace(statement, held=()))["暂缓"]
    assert _rows(ws)[3:] == [
        ["班次", "项目编号", "项目名称", "培训主体", "统一社会信用代码", "规则", "文件", "暂缓原因"],
        ["无", None, None, None, None, None, None, None]]
    assert ws.auto_filter.ref is None  # no rows, no filter
    assert ws["A4"].fill.fgColor.rgb == "00DDEBF7"


def test_the_workbook_names_the_records_commit_it_was_settled_from(statement: SettlementReport) -> None:
    sha = "0123456789abcdef0123456789abcdef01234567"
    book = _book(replace(statement, meta=replace(statement.meta, records_commit=sha)))
    assert book.properties.identifier == sha


# -- fill_table on its own: the rules of the layout for any table --------------------------------

def _table(columns: list[tuple[str, str]], rows: list[dict[str, Any]], **kwargs: Any) -> Worksheet:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.append(["title"])
    ws.append(["provenance"])
    ws.append([])
    fill_table(ws, columns, rows, **kwargs)
    return load_workbook(io.BytesIO(_saved(book))).active


def _saved(book: Workbook) -> bytes:
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


def test_a_rate_keeps_its_decimals_and_text_that_is_no_rate_stays_text() -> None:
    """57.1% is 0.571 and 100.0% is 1, numbers; "n/a%" and "—" are no rates and stay as written.
    The column is a figure's: 100.0% is 6 zeros, + 3 = 9 (就业率, 5 zeros, / 2 + 2 = 4.5, is less)."""
    ws = _table([("class", "班次"), ("employment_rate", "就业率")], [
        {"class": "A", "employment_rate": "57.1%"}, {"class": "B", "employment_rate": "100.0%"},
        {"class": "C", "employment_rate": "n/a%"}, {"class": "D", "employment_rate": "—"}])
    rates = [ws.cell(row, 2) for row in range(5, 9)]
    assert [c.value for c in rates] == [pytest.approx(0.571), 1, "n/a%", "—"]
    assert [c.data_type for c in rates] == ["n", "n", "s", "s"]
    assert all(c.number_format == "0.0%" for c in rates)
    assert ws.column_dimensions["B"].width == 9


def test_widths_have_floors_and_ceilings_by_kind_of_column() -> None:
    """A name of 30 CJK characters (50 zeros) wraps at 40 unless told otherwise; a figure's title
    of 17 wide characters (28.33 zeros, half of it + 2 = 16.17) widens it at most to 12; a short
    code and a short text keep 8; a count 6."""
    columns = [("name", "名称"), ("payable", "本次应拨付给培训主体的补贴金额（元）"), ("code", "代码"),
               ("text", "说明"), ("n", "人数")]
    rows = [{"name": "甲" * 30, "payable": Decimal("1.00"), "code": "A1", "text": "甲", "n": 5}]
    ws = _table(columns, rows)
    assert [ws.column_dimensions[c].width for c in "ABCDE"] == [40, 12, 8, 8, 6]
    assert _table(columns, rows, widest=20).column_dimensions["A"].width == 20


def test_a_table_exactly_as_wide_as_landscape_a4_prints_on_a4() -> None:
    """25 short codes of width 8 are 200 wide, what landscape A4 holds: A4; one more column, A3."""
    for count, paper in ((25, 9), (26, 8)):
        columns = [(f"c{i}", "x") for i in range(count)]
        ws = _table(columns, [{f"c{i}": "A" for i in range(count)}])
        assert int(ws.page_setup.paperSize) == paper


def test_a_one_column_table_is_as_high_as_its_wrapped_text() -> None:
    """100 CJK characters (166.67 zeros) wrap at 40, (40 − 1) × 0.88 = 34.32 a line: 5 lines,
    5 × 11 × 1.3 + 3 = 74.5 pt."""
    ws = _table([("remark", "备注")], [{"remark": "甲" * 100}])
    assert ws.column_dimensions["A"].width == 40 and ws.row_dimensions[5].height == 74.5


def test_ascii_words_wrap_as_text_and_only_a_code_never_wraps() -> None:
    """An English name of 61 characters (words with spaces) is text: it wraps at 40; a code of 61
    characters without a space never wraps: 61 + 2 = 63."""
    words = "Wuxi Vocational Training School for Industrial Robot Operators"
    code = "X" * 61
    ws = _table([("name", "名称"), ("code", "代码")], [{"name": words[:61], "code": code}])
    assert len(words[:61]) == 61
    assert [ws.column_dimensions[c].width for c in "AB"] == pytest.approx([40, 63])


def test_only_the_rate_column_turns_percentages_into_numbers() -> None:
    """"80%" in another column is that column's text (a share as written, say), not a rate."""
    ws = _table([("class", "班次"), ("share", "比例")], [{"class": "A", "share": "80%"}])
    assert (ws["B5"].value, ws["B5"].data_type, ws["B5"].number_format) == ("80%", "s", "General")
