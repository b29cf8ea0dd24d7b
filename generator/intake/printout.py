"""Rendering the printable 征集表 as HTML (Jinja2) and as DOCX (python-docx).

DOCX because the bureau's staff edit and print in Word or WPS; HTML because any browser prints it.
Both are laid out as the notice's attachment: a four-column table, 培训项目说明 as one large cell,
and a signature and seal block under 项目申报单位意见.
"""

from __future__ import annotations

import io
import re
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from generator.docxstyle import HEADING_FONT, a4_document, font, para
from generator.intake.printform import HINT, REMARK, SIGNATURE_LINES, TITLE, PrintForm, Section


def render_html(form: PrintForm) -> str:
    env = Environment(
        loader=PackageLoader("generator.intake", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["nobr"] = _nobr
    return env.get_template("form.html.j2").render(
        form=form, title=TITLE, hint=HINT, remark=REMARK, signature_lines=SIGNATURE_LINES
    )


# a code, phone number, e-mail address or house number: one token that a line must not break
_TOKEN = re.compile(r"(?=[0-9A-Za-z@._+\-]*[\d@])[0-9A-Za-z][0-9A-Za-z@._+\-]{4,}|\d+ 号")


def _nobr(value: object) -> Markup:
    """Escape `value` and keep each code-like token on one line."""
    text = str(value)
    parts: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        parts.append(str(escape(text[last:match.start()])))
        parts.append(f'<span class="nobr">{escape(match.group())}</span>')
        last = match.end()
    parts.append(str(escape(text[last:])))
    return Markup("".join(parts))


def _cell(cell: Any, text: str, *, bold: bool = False, center: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(paragraph.add_run(text), size=12, bold=bold)


def _section(cell: Any, section: Section) -> None:
    para(cell, section.title, size=12, font_name=HEADING_FONT)
    for text in section.paragraphs:
        para(cell, text, size=11)
    if section.table is not None:
        inner = cell.add_table(rows=1, cols=len(section.table.header))
        inner.style = "Table Grid"
        for i, head in enumerate(section.table.header):
            _cell(inner.rows[0].cells[i], head, bold=True)
        for row in section.table.rows:
            cells = inner.add_row().cells
            for i, value in enumerate(row):
                _cell(cells[i], value)
        # python-docx follows a nested table with an empty paragraph, which also spaces the sections


def render_docx(form: PrintForm) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    doc = a4_document()
    doc.core_properties.title = f"{TITLE} {form.application_id}"
    para(doc, "附件", font_name=HEADING_FONT, size=14)
    para(doc, TITLE, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"

    def wide(label: str, value: str) -> None:
        cells = table.add_row().cells
        _cell(cells[0], label, center=True)
        _cell(cells[1].merge(cells[3]), value)

    def pair(left: str, left_value: str, right: str, right_value: str) -> None:
        cells = table.add_row().cells
        for cell, text, center in ((cells[0], left, True), (cells[1], left_value, False),
                                   (cells[2], right, True), (cells[3], right_value, False)):
            _cell(cell, text, center=center)

    wide("项目名称", form.project_name)
    wide("申请单位", form.institution_name)
    wide("单位地址", form.address)
    wide("单位类型", form.type_line)
    pair("是否为目录内工种", form.catalog_line, "工种编码", form.occupation_code)
    pair("法人代表", form.legal_representative, "项目联系人", form.contact_person)
    pair("电话", form.phone, "邮箱地址", form.email)
    heading = table.add_row().cells
    _cell(heading[0].merge(heading[3]), "培训项目说明", center=True)
    body = table.add_row().cells
    explain = body[0].merge(body[3])
    font(explain.paragraphs[0].add_run(HINT), size=10.5)
    for section in form.sections:
        _section(explain, section)
    opinion = table.add_row().cells
    _cell(opinion[0], "项目申报\n单位意见", center=True)
    sign = opinion[1].merge(opinion[3])
    for _ in range(4):
        para(sign, "")
    for line in SIGNATURE_LINES:
        paragraph = para(sign, line)
        paragraph.paragraph_format.left_indent = Mm(50)
    para(doc, REMARK, size=10)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
