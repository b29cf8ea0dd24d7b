"""The settlement workbook for the bureau's finance staff, byte-identical for the same input.

Every sheet opens with its title and one line of provenance (as-of date, records commit, policy
version, time of generation), then its table; money columns are states (本次应拨, 已拨, 待定,
不予拨付), never mixed, and every table ends in totals. openpyxl stamps the save time into the
file; `provenance.pin_zip` replaces it with the pinned time of generation.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.settlement.cells import CellValue, xlsx_append
from generator.settlement.provenance import pin_zip, provenance_line
from generator.settlement.tables import (
    CLASS_COLUMNS,
    HELD_COLUMNS,
    INSTITUTION_COLUMNS,
    MONEY_KEYS,
    PROJECT_COLUMNS,
    class_rows,
    held_rows,
    institution_rows,
    project_rows,
    table_values,
)

MONEY_FORMAT = "#,##0.00"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
TOTAL_LABELS = {"小计", "合计"}
THIN = Side(style="thin", color="999999")
HEADER_ROW = 4  # title, provenance, blank, then the table


def sheet_heading(ws: Worksheet, title: str, report: dict[str, Any]) -> None:
    """Title and provenance lines at the top of a sheet; printed on every page as print titles."""
    xlsx_append(ws, [title])[0].font = Font(bold=True, size=14)
    xlsx_append(ws, [provenance_line(report)])[0].font = Font(size=9, color="555555")
    ws.append([])


def _width(value: Any) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def fill_table(ws: Worksheet, columns: list[tuple[str, str]], rows: Sequence[dict[str, Any]],
               *, label_key: str | None = None, widest: int = 40) -> None:
    header = xlsx_append(ws, [title for _, title in columns])
    for cell in header:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
    label_key = label_key or columns[0][0]
    for row in rows:
        values: list[CellValue] = table_values(columns, row)
        cells = xlsx_append(ws, values)
        is_total = row.get(label_key) in TOTAL_LABELS
        for (key, _), cell in zip(columns, cells, strict=True):
            if key in MONEY_KEYS:
                cell.number_format = MONEY_FORMAT
            if is_total:
                cell.font = Font(bold=True)
                cell.fill = TOTAL_FILL
    for index, (key, title) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        longest = max([_width(r.get(key)) for r in rows] + [0])
        ws.column_dimensions[letter].width = max(8, min(widest, max(_width(title) + 2, longest + 2)))
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(report: dict[str, Any]) -> bytes:
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
    fill_table(classes, CLASS_COLUMNS, class_rows(report), widest=60)
    held = wb.create_sheet("暂缓")
    sheet_heading(held, "暂缓结算的班次（记录有错误，修正后再结算）", report)
    rows = held_rows(report)
    fill_table(held, HELD_COLUMNS, rows, widest=80)
    if not rows:
        xlsx_append(held, ["无"])
    meta = report["meta"]
    wb.properties.creator = "peixun"
    wb.properties.title = f"补贴结算 {meta['as_of']}"
    wb.properties.identifier = meta["records_commit"] or ""
    raw = io.BytesIO()
    wb.save(raw)
    return pin_zip(raw.getvalue(), meta["generated_at"])
