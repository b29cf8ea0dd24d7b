"""payable.xlsx and payable.docx: the payment list to pay from and to sign.

Both are laid out alike: one block per institution (header line, rows, 小计), the grand total in
figures and in 大写, the classes held back and why, and the sign-off block (经办人 / 复核人 /
负责人, each with a date). The DOCX prints on A4 in the bureau's style (仿宋 body, 黑体 headings)
like the printable 征集表. Both are pinned to the time of generation: same input, same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from generator.docxstyle import BODY_FONT, HEADING_FONT, a4_document, font, para
from generator.numbers import yuan
from generator.settlement.cells import CellValue, xlsx_append
from generator.settlement.paper import (
    column_widths,
    keep_row_together,
    narrow_margins,
    no_borders,
    page_numbers,
    repeat_header,
    set_widths,
    xlsx_row_height,
)
from generator.settlement.payment_list import SIGNERS, TITLE, PayableList
from generator.settlement.provenance import pin_zip
from generator.settlement.report import PHASE_NAMES, share_percent

LINE_COLUMNS = ("序号", "项目编号", "项目名称", "职业（工种）及等级", "班次", "拨付阶段", "补贴人数",
                "成交单价（元）", "比例", "计算依据", "阶段金额（元）", "已拨（元）", "本次拨付（元）")
AMOUNT_COLUMN = len(LINE_COLUMNS)  # 本次拨付, the last column
WIDTHS = (6, 12, 22, 30, 14, 14, 9, 13, 7, 28, 14, 12, 15)
MONEY_FORMAT = "#,##0.00"
THIN = Side(style="thin", color="000000")
BOX = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
NOT_IN_LIST = "不在本清单内：待定 {pending}（就业跟踪期未结束或班次未结业），不予拨付 {not_met}（就业率未达标）。"
DATE_BLANK = "    年    月    日"


def _merge_row(ws: Any, values: list[CellValue], *, bold: bool = False, size: float = 11) -> Any:
    cells = xlsx_append(ws, values)
    row = cells[0].row
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=AMOUNT_COLUMN)
    cells[0].font = Font(bold=bold, size=size)
    cells[0].alignment = Alignment(wrap_text=True, vertical="center")
    return cells[0]


def _fit_height(ws: Any, cells: list[Any], merged_from: int | None = None) -> None:
    """Give the row the height its wrapped text needs (a spreadsheet keeps one line otherwise, and
    the text overprints the rows around it on paper); a cell merged to the row's end is as wide as
    the columns it spans."""
    texts = []
    for i, cell in enumerate(cells):
        if isinstance(cell.value, str):
            width = sum(WIDTHS[i:]) if merged_from is not None and i == merged_from else WIDTHS[i]
            texts.append((cell.value, width))
    height = xlsx_row_height(texts)
    if height is not None:
        ws.row_dimensions[cells[0].row].height = height


def xlsx_bytes(plist: PayableList) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "拨付清单"
    title = _merge_row(ws, [TITLE], bold=True, size=16)
    title.alignment = Alignment(horizontal="center")
    if plist.issuer:
        _merge_row(ws, [plist.issuer], size=12).alignment = Alignment(horizontal="center")
    _merge_row(ws, [plist.provenance], size=9)
    titles = ws.max_row
    ws.append([])
    for n, block in enumerate(plist.blocks, start=1):
        _merge_row(ws, [f"培训主体：{block.name}（统一社会信用代码 {block.uscc}）"], bold=True)
        for cell in xlsx_append(ws, list(LINE_COLUMNS)):
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for i, x in enumerate(block.lines, start=1):
            cells = xlsx_append(ws, [
                f"{n}.{i}", x.project, x.project_name, x.occupation, x.class_id, x.phase_label, x.counted,
                x.unit_price, x.share, x.basis, x.phase_amount, x.paid, x.amount,
            ])
            for cell in cells:
                cell.border = BOX
                cell.alignment = Alignment(wrap_text=True, vertical="center")
            _fit_height(ws, cells)
            cells[7].number_format = MONEY_FORMAT
            cells[8].number_format = "0%"
            for cell in cells[10:]:
                cell.number_format = MONEY_FORMAT
        total = xlsx_append(ws, ["小计", *[None] * (AMOUNT_COLUMN - 2), block.subtotal])
        for cell in total:
            cell.font = Font(bold=True)
            cell.border = BOX
        total[-1].number_format = MONEY_FORMAT
        ws.append([])
    grand = xlsx_append(ws, ["合计", f"本次拨付 {plist.count} 笔", *[None] * (AMOUNT_COLUMN - 3), plist.total])
    for cell in grand:
        cell.font = Font(bold=True, size=12)
        cell.border = BOX
    grand[-1].number_format = MONEY_FORMAT
    capital_row = xlsx_append(ws, ["大写", plist.total_capital])
    ws.merge_cells(start_row=capital_row[0].row, start_column=2, end_row=capital_row[0].row, end_column=AMOUNT_COLUMN)
    for cell in capital_row:
        cell.font = Font(bold=True, size=12)
    _merge_row(ws, [NOT_IN_LIST.format(pending=yuan(plist.pending), not_met=yuan(plist.not_met))], size=10)
    ws.append([])
    _merge_row(ws, ["暂缓拨付的班次（记录有错误，修正并重新结算后再拨付）" if plist.held else "暂缓拨付的班次：无"],
               bold=True)
    for h in plist.held:
        cells = xlsx_append(ws, ["暂缓", h.project or None, h.project_name or None, h.institution_name or None,
                                 h.class_id, "\n".join(h.words or h.reasons)])
        row = cells[0].row
        ws.merge_cells(start_row=row, start_column=6, end_row=row, end_column=AMOUNT_COLUMN)
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        _fit_height(ws, cells, merged_from=5)
    ws.append([])
    for who in SIGNERS:
        cells = xlsx_append(ws, [f"{who}（签字）：", None, None, None, None, None, None, None, None, "日期：",
                                 DATE_BLANK])
        cells[0].font = Font(bold=True)
        ws.row_dimensions[cells[0].row].height = 30
    for index, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{titles}"
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    wb.properties.creator = "peixun"
    wb.properties.title = f"{TITLE} {plist.as_of}"
    raw = io.BytesIO()
    wb.save(raw)
    return pin_zip(raw.getvalue(), plist.generated_at)




def _cell(cell: Any, text: str, *, bold: bool = False, right: bool = False, size: float = 10,
          font_name: str = BODY_FONT) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    font(paragraph.add_run(text), font_name, size=size, bold=bold)


def _money(value: Any) -> str:
    return f"{value:,.2f}"


DOCX_COLUMNS = ("项目", "职业（工种）及等级", "班次", "拨付阶段", "计算依据", "阶段金额", "已拨", "本次拨付")
MONEY_COLUMNS = (5, 6, 7)  # never wrapped, right-aligned
TABLE_SIZE = 9.5  # points: the table's text
TEXT_WIDTH_MM = 210 - 2 * 18  # A4 less a4_document's margins


def _line_cells(x: Any) -> tuple[str, ...]:
    """A line's cells; the unit is the table's (单位：元), so amounts carry no 元."""
    occupation = "\n".join(x.occupation.rsplit(" ", 1)) if " " in x.occupation else x.occupation
    basis = f"{x.counted} 人 × {_money(x.unit_price)} × {share_percent(x.share)}"
    return (f"{x.project}\n{x.project_name}", occupation, x.class_id, PHASE_NAMES[x.phase], basis,
            _money(x.phase_amount), _money(x.paid), _money(x.amount))


def _keep_with_next(paragraph: Any) -> Any:
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def docx_bytes(plist: PayableList) -> bytes:
    """The payment list to sign: the issuing bureau and 单位：元 under the title, one table per
    institution (columns sized to their content, the header row repeated on every page, no row
    split), the held classes in words, and the 合计, 大写 and sign-off block on one page (one
    unsplittable row), with 第 x 页 共 y 页 in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = a4_document()
    moment = dt.datetime.fromisoformat(plist.generated_at).astimezone(dt.UTC).replace(tzinfo=None)
    props = doc.core_properties
    props.title = f"{TITLE} {plist.as_of}"
    props.author = props.last_modified_by = "peixun"
    props.created = props.modified = moment
    props.revision = 1
    props.comments = ""
    page_numbers(doc.sections[0], lambda run: font(run, size=10.5))
    para(doc, TITLE, size=18, font_name=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    if plist.issuer:
        para(doc, plist.issuer, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, plist.provenance, size=9, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "单位：元", size=10.5, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if not plist.blocks:
        para(doc, "本次没有应拨付的款项。")
    biggest = _money(max((b.subtotal for b in plist.blocks), default=0))
    widths = column_widths([DOCX_COLUMNS, *(_line_cells(x) for b in plist.blocks for x in b.lines),
                            ("", "", "", "", "", "", "", biggest)],
                           TEXT_WIDTH_MM, TABLE_SIZE, whole=(2, *MONEY_COLUMNS))
    for n, block in enumerate(plist.blocks, start=1):
        heading = para(doc, f"{n}. {block.name}（统一社会信用代码 {block.uscc}）", size=13, font_name=HEADING_FONT)
        heading.paragraph_format.space_before = Pt(8)
        _keep_with_next(heading)
        table = doc.add_table(rows=1, cols=len(DOCX_COLUMNS))
        table.style = "Table Grid"
        for i, head in enumerate(DOCX_COLUMNS):
            _cell(table.rows[0].cells[i], head, bold=True, size=TABLE_SIZE, font_name=HEADING_FONT)
        repeat_header(table.rows[0])
        for x in block.lines:
            cells = table.add_row().cells
            for i, text in enumerate(_line_cells(x)):
                _cell(cells[i], text, right=i in MONEY_COLUMNS, size=TABLE_SIZE)
        cells = table.add_row().cells
        _cell(cells[0].merge(cells[len(DOCX_COLUMNS) - 2]), "小计", bold=True, size=TABLE_SIZE)
        _cell(cells[-1], _money(block.subtotal), bold=True, right=True, size=TABLE_SIZE)
        for row in table.rows:
            keep_row_together(row)
        narrow_margins(table)
        set_widths(table, widths)
    if plist.held:
        heading = para(doc, "暂缓拨付的班次（记录有错误，修正并重新结算后再拨付）", size=13, font_name=HEADING_FONT)
        heading.paragraph_format.space_before = Pt(10)
        _keep_with_next(heading)
        for h in plist.held:
            _keep_with_next(para(doc, f"班次 {h.class_id}（{h.who}）", size=10.5, font_name=HEADING_FONT))
            for reason in h.words or h.reasons:
                para(doc, f"    {reason}", size=10.5)
    # the closing block: one row that may not split, so 合计 and 大写 stay on the page of the signatures;
    # the paragraph before it keeps it from joining the last table (adjacent tables are one table)
    para(doc, "", size=6)
    closing = doc.add_table(rows=1, cols=1)
    no_borders(closing)
    keep_row_together(closing.rows[0])
    set_widths(closing, [TEXT_WIDTH_MM])
    box = closing.rows[0].cells[0]
    _cell(box, f"合计（本次拨付 {plist.count} 笔）：{yuan(plist.total)}", size=14, font_name=HEADING_FONT)
    para(box, f"大写：{plist.total_capital}", size=14, font_name=HEADING_FONT)
    para(box, NOT_IN_LIST.format(pending=yuan(plist.pending), not_met=yuan(plist.not_met)), size=10.5)
    if not plist.held:
        para(box, "暂缓拨付的班次：无", size=10.5)
    para(box, "", size=6)
    sign = box.add_table(rows=len(SIGNERS), cols=4)
    sign.style = "Table Grid"
    for row, who in zip(sign.rows, SIGNERS, strict=True):
        _cell(row.cells[0], who, size=12, bold=True)
        _cell(row.cells[1], "", size=12)
        _cell(row.cells[2], "日期", size=12, bold=True)
        _cell(row.cells[3], DATE_BLANK, size=12)
        row.height = Mm(14)
        keep_row_together(row)
    set_widths(sign, [28, 70, 20, TEXT_WIDTH_MM - 4 - 118])
    para(box, "", size=4)  # Word needs a paragraph after a table inside a cell
    buf = io.BytesIO()
    doc.save(buf)
    return pin_zip(buf.getvalue(), plist.generated_at)
