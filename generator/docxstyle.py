"""The bureau's printed style in Word: A4 with its margins, 仿宋 body, 黑体 headings.

The printable 征集表 and the payment list (拨付清单) are both documents a person signs, so they
share one page set-up and one way to set a run's font (Word takes Chinese glyphs from the East Asian
font slot, which python-docx does not set by itself). python-docx is imported when a document is made.
"""

from __future__ import annotations

from typing import Any

BODY_FONT = "仿宋"
HEADING_FONT = "黑体"


def a4_document() -> Any:
    """A new document whose sections are A4, 18 mm left and right, 20 mm top and bottom."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    for s in doc.sections:
        s.page_height, s.page_width = Mm(297), Mm(210)
        s.left_margin = s.right_margin = Mm(18)
        s.top_margin = s.bottom_margin = Mm(20)
    return doc


def font(run: Any, name: str = BODY_FONT, size: float | None = None, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def para(container: Any, text: str, *, size: float = 12, bold: bool = False, font_name: str = BODY_FONT,
         align: Any = None) -> Any:
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    font(paragraph.add_run(text), font_name, size, bold)
    return paragraph
