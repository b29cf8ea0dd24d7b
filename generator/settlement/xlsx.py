"""The settlement workbook for the bureau's finance staff, byte-identical for the same input.

Every sheet opens with its title and one line of provenance (as-of date, records commit, policy
version, time of generation), then its table; money columns are states (本次应拨, 已拨, 待定,
不予拨付), never mixed, and every table ends in totals. openpyxl stamps the save time into the
file; `provenance.pin_zip` replaces it with the pinned time of generation.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.settlement.cells import CellValue, xlsx_append
from generator.settlement.paper import xlsx_row_height, xlsx_width
from generator.settlement.provenance import pin_zip, provenance_line
from generator.settlement.report_entries import SettlementReport
from generator.settlement.report_rows import (
    CLASS_COLUMNS,
    HELD_COLUMNS,
    INSTITUTION_COLUMNS,
    MONEY_KEYS,
    PROJECT_COLUMNS,
    RATE_KEY,
    class_rows,
    held_rows,
    institution_rows,
    project_rows,
    table_values,
)

MONEY_FORMAT = "#,##0.00"
RATE_FORMAT = "0.0%"
# columns (widths of 0) that landscape A4 prints at about 70 % or more; wider tables print on A3
A4_LANDSCAPE_WIDTH = 200
LONG_TEXT = {"note": 44, "message": 60}  # sentences: wider than names, so rows stay a few lines high
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_LABELS = {"小计", "合计"}
THIN = Side(style="thin", color="999999")
HEADER_ROW = 4  # title, provenance, blank, then the table


def sheet_heading(ws: Worksheet, title: str, report: SettlementReport) -> None:
    """Title and provenance lines at the top of a sheet; printed on every page as print titles."""
    xlsx_append(ws, [title])[0].font = Font(bold=True, size=14)
    xlsx_append(ws, [provenance_line(report)])[0].font = Font(size=9, color="555555")
    ws.append([])


def _width(value: Any) -> float:
    return 0.0 if value is None else xlsx_width(str(value))


def _code(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.isascii() and " " not in value.strip())


def _rate(value: Any) -> CellValue:
    """A rate as a number (0.6 shown as 60.0%), so it sorts, sums and filters as one; "—" (no
    trainees) stays text."""
    if isinstance(value, str) and value.endswith("%"):
        try:
            return Decimal(value[:-1]) / 100
        except InvalidOperation:
            return value
    return value


def fill_table(ws: Worksheet, columns: list[tuple[str, str]], rows: Sequence[dict[str, Any]],
               *, label_key: str | None = None, widest: int = 40) -> None:
    """The table from HEADER_ROW on, printable: columns sized to content (text wraps at `widest`),
    row heights that fit wrapped text, the title rows repeated on every page, frozen under the
    header, an autofilter over the table, landscape A4 fitted to the page width."""
    header = xlsx_append(ws, [title for _, title in columns])
    edge = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    for cell in header:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = edge
    widths = []
    for key, title in columns:
        longest = max([_width(r.get(key)) for r in rows] + [0])
        if key in MONEY_KEYS or key == RATE_KEY or all(isinstance(r.get(key), int | None) for r in rows):
            widths.append(max(6.0, min(_width(title) / 2 + 2, 12.0), longest + 3))  # figures never wrap
        elif all(_code(r.get(key)) for r in rows):
            widths.append(max(8.0, longest + 2))  # codes (USCC, ids) never wrap either
        else:
            widths.append(max(8.0, min(LONG_TEXT.get(key, widest), longest + 2)))
    label_key = label_key or columns[0][0]
    for row in rows:
        values: list[CellValue] = [
            _rate(v) if key == RATE_KEY else v for (key, _), v in zip(columns, table_values(columns, row), strict=True)]
        cells = xlsx_append(ws, values)
        is_total = row.get(label_key) in TOTAL_LABELS
        for (key, _), cell in zip(columns, cells, strict=True):
            cell.border = edge
            if key in MONEY_KEYS:
                cell.number_format = MONEY_FORMAT
            if key == RATE_KEY:
                cell.number_format = RATE_FORMAT
            if isinstance(cell.value, int | Decimal):  # figures stand off the next column's
                cell.alignment = Alignment(horizontal="right", vertical="top", indent=1)
            elif key == RATE_KEY:  # "—": no rate, set apart from the count before it
                cell.alignment = Alignment(horizontal="center", vertical="top")
            else:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if is_total:
                cell.font = Font(bold=True)
                cell.fill = TOTAL_FILL
        height = xlsx_row_height([(str(c.value), w) for c, w in zip(cells, widths, strict=True)
                                  if isinstance(c.value, str)])
        if height is not None:
            ws.row_dimensions[cells[0].row].height = height
    header_height = xlsx_row_height([(title, w) for (_, title), w in zip(columns, widths, strict=True)])
    if header_height is not None:
        ws.row_dimensions[HEADER_ROW].height = header_height
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    last = get_column_letter(len(columns))
    if rows:
        ws.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(rows)}"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"1:{HEADER_ROW}"
    # a table wider than landscape A4 holds at a readable scale prints on landscape A3: a row's
    # figures stay on the sheet that names the row (a finance office prints A3; an A4-only printer's
    # "fit to paper" still keeps the row whole)
    wide = sum(widths) > A4_LANDSCAPE_WIDTH
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if wide else ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def workbook_bytes(report: SettlementReport) -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "按培训主体"
    sheet_heading(first, "补贴结算：按培训主体汇总", report)
    fill_table(first, INSTITUTION_COLUMNS, institution_rows(report), label_key="name")
    projects = wb.create_sheet("按项目")
    sheet_heading(projects, "补贴结算：按项目汇总", report)
    fill_table(projects, PROJECT_COLUMNS, project_rows(report))
    classes = wb.create_sheet("按班次")
    sheet_heading(classes, "补贴结算：按班次明细（按培训主体分组，含小计）", report)
    fill_table(classes, CLASS_COLUMNS, class_rows(report), widest=16)
    held = wb.create_sheet("暂缓")
    sheet_heading(held, "暂缓结算的班次（记录有错误，修正后再结算）", report)
    rows = held_rows(report)
    fill_table(held, HELD_COLUMNS, rows, widest=40)
    if not rows:
        xlsx_append(held, ["无"])
    meta = report.meta
    wb.properties.creator = "peixun"
    wb.properties.title = f"补贴结算 {meta.as_of.isoformat()}"
    wb.properties.identifier = meta.records_commit or ""
    raw = io.BytesIO()
    wb.save(raw)
    return pin_zip(raw.getvalue(), meta.generated_at)
