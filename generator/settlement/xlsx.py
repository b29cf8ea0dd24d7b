"""The settlement workbook for the bureau's finance staff, byte-identical for the same input.

openpyxl stamps the save time into docProps/core.xml and the zip entries; both are pinned to the
as-of date afterwards, so the same records commit and date always give the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from generator.settlement.tables import (
    CLASS_COLUMNS,
    MONEY_KEYS,
    PROJECT_COLUMNS,
    class_rows,
    project_rows,
)

MONEY_FORMAT = "#,##0.00"
_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_TIMESTAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _cell_value(key: str, value: Any) -> Any:
    if key in MONEY_KEYS:
        return Decimal(value)
    if key == "employment_rate":
        return Decimal(value)
    return value


def _fill_sheet(ws: Worksheet, columns: list[tuple[str, str]], rows: list[dict[str, Any]]) -> None:
    ws.append([title for _, title in columns])
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in rows:
        ws.append([_cell_value(key, row[key]) for key, _ in columns])
    for index, (key, title) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        if key in MONEY_KEYS:
            for cell in ws[letter][1:]:
                cell.number_format = MONEY_FORMAT
        elif key == "employment_rate":
            for cell in ws[letter][1:]:
                cell.number_format = "0.0%"
        longest = max([len(str(r[key])) for r in rows] + [0])
        # CJK characters are about twice as wide as Latin digits in Excel's default font
        ws.column_dimensions[letter].width = max(10, min(40, max(len(title) * 2 + 2, longest + 4)))
    ws.freeze_panes = "A2"


def workbook_bytes(report: dict[str, Any]) -> bytes:
    wb = Workbook()
    summary = wb.active
    assert summary is not None
    summary.title = "按项目汇总"
    _fill_sheet(summary, PROJECT_COLUMNS, project_rows(report))
    totals = report["totals"]
    summary.append([])
    summary.append(["合计", *[""] * 8, Decimal(totals["due"]), Decimal(totals["paid"]), Decimal(totals["outstanding"])])
    for cell in summary[summary.max_row][9:12]:
        cell.number_format = MONEY_FORMAT
    _fill_sheet(wb.create_sheet("按班次"), CLASS_COLUMNS, class_rows(report))
    stamp = f"{report['as_of']}T00:00:00Z"
    wb.properties.creator = "peixun"
    wb.properties.title = f"补贴结算 {report['as_of']}"
    wb.properties.identifier = report["records_commit"] or ""
    raw = io.BytesIO()
    wb.save(raw)
    return _pin(raw.getvalue(), stamp.encode())


def _pin(data: bytes, stamp: bytes) -> bytes:
    """Rewrite the archive with fixed entry times and the as-of date as created/modified."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _TIMESTAMP.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            pinned = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o644 << 16
            dst.writestr(pinned, content)
    return out.getvalue()
