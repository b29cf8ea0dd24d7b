"""The bureau's printed style in Word: A4 with its margins, 仿宋 body, 黑体 headings.

The printable 征集表 and the payment list (拨付清单) are both documents a person signs, so they
share one page set-up and one way to set a run's font (Word takes Chinese glyphs from the East Asian
font slot, which python-docx does not set by itself). python-docx is imported when a document is made.
"""

from __future__ import annotations

from typing import Any

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
# What a Windows or WPS machine in a Chinese office has when the named font is missing: government
# papers are set in 仿宋_GB2312, which newer Windows ships as 仿宋 (FangSong); 黑体 is SimHei. The
# document's font table names each font's alternative (Word and LibreOffice substitute by it), so
# the chain 仿宋_GB2312 → 仿宋 → FangSong holds without the first font installed.
FALLBACKS: dict[str, tuple[str, ...]] = {"仿宋_GB2312": ("仿宋", "FangSong"), "黑体": ("SimHei",)}
# panose classification of the two families, so a machine without any of the names still picks a
# serif-like 仿 face for the body and a sans face for headings
_PANOSE = {"仿宋_GB2312": "02010609030101010101", "仿宋": "02010609060101010101", "FangSong": "02010609060101010101",
           "黑体": "02010609060101010101", "SimHei": "02010609060101010101"}
_FAMILY = {"仿宋_GB2312": "modern", "仿宋": "modern", "FangSong": "modern", "黑体": "modern", "SimHei": "modern"}


def a4_document() -> Any:
    """A new document whose sections are A4, 18 mm left and right, 20 mm top and bottom."""
    from docx import Document
    from docx.shared import Mm

    doc = Document()
    for s in doc.sections:
        s.page_height, s.page_width = Mm(297), Mm(210)
        s.left_margin = s.right_margin = Mm(18)
        s.top_margin = s.bottom_margin = Mm(20)
    normal = doc.styles["Normal"]
    font(normal, BODY_FONT)  # empty paragraphs, footers and table cells inherit the body font
    _font_table(doc)
    return doc


def _font_table(doc: Any) -> None:
    """Declare the Chinese fonts with their alternatives (`FALLBACKS`) in word/fontTable.xml."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls
    from lxml import etree

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    fonts = parse_xml(part.blob)
    chain: list[tuple[str, str | None]] = [
        (name, alt) for name, alts in FALLBACKS.items() for name, alt in zip((name, *alts), alts, strict=False)]
    chain += [(alts[-1], None) for alts in FALLBACKS.values()]
    for name, alt in chain:
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        fonts.append(parse_xml(
            f'<w:font {nsdecls("w")} w:name="{name}">{alt_xml}<w:panose1 w:val="{_PANOSE[name]}"/>'
            f'<w:charset w:val="86"/><w:family w:val="{_FAMILY[name]}"/><w:pitch w:val="fixed"/></w:font>'))
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def font(run: Any, name: str = BODY_FONT, size: float | None = None, bold: bool = False) -> None:
    """Set a run's (or a style's) font in every slot Word reads, the East Asian one included."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.bold = bold
    if size is not None:
        run.font.size = Pt(size)
    r_pr = run.element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), name)


def para(container: Any, text: str, *, size: float = 12, bold: bool = False, font_name: str = BODY_FONT,
         align: Any = None) -> Any:
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    font(paragraph.add_run(text), font_name, size, bold)
    return paragraph
