"""Laying out printed papers: column widths sized to their content, row heights that fit wrapped
text, and the Word pieces a signed paper needs (a repeated header row, rows that do not split, a
block kept on one page, 第 x 页 共 y 页).

Widths are estimated from the text, not measured from a font: a CJK character is one em, other
characters about half of one (digits, Latin letters, punctuation); that is close enough for 仿宋,
SimSun, Noto and Calibri to size a column so that money never wraps and long names wrap at a
sensible width. python-docx is imported only where a document is being made.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from typing import Any

PT_MM = 0.3528  # one typographic point in millimetres
NARROW = 0.6  # a narrow character's advance, in em (digits of CJK fonts are wider than Latin ones)
# ems: a column of text is never narrower than this (or its text): no word stands one character a line
SHORTEST = 4.0


def em_width(text: str) -> float:
    """The printed width of `text` in ems (one line)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else NARROW for ch in text)


def _longest_token(text: str) -> float:
    """The widest piece a line may not break inside: a run of narrow characters (a number, a code,
    a word), or one wide character (CJK text may break between any two)."""
    widest, run = 0.0, 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF" or ch.isspace():
            widest, run = max(widest, run, 1.0 if not ch.isspace() else 0.0), 0.0
        else:
            run += NARROW
    return max(widest, run)


def column_widths(rows: Sequence[Sequence[str]], total_mm: float, size_pt: float, padding_mm: float = 3.2,
                  whole: Sequence[int] = ()) -> list[float]:
    """Widths in mm (summing to `total_mm`) for columns holding `rows` of text, sized to content:
    each column gets at least its longest unbreakable piece (the whole text for the columns in
    `whole`, such as money; text at least `SHORTEST` ems), and what is left goes to the
    columns whose text would otherwise wrap, in proportion to how much more they need."""
    em = size_pt * PT_MM
    count = max(len(r) for r in rows)
    want = [padding_mm] * count
    least = [padding_mm] * count
    for row in rows:
        for i, text in enumerate(row):
            lines = text.split("\n") or [""]
            want[i] = max(want[i], max(em_width(line) for line in lines) * em + padding_mm)
            unbreakable = max(em_width(line) + 2 * NARROW if i in whole  # room for bold figures
                              else max(_longest_token(line), min(em_width(line), SHORTEST)) for line in lines)
            least[i] = max(least[i], unbreakable * em + padding_mm)
    # a figure's least has room for bold digits its one-line width lacks: it wants no less than that
    want = [max(w, m) for w, m in zip(want, least, strict=True)]
    if sum(want) <= total_mm:
        spare = total_mm - sum(want)
        return [w + spare * w / sum(want) for w in want]
    if sum(least) >= total_mm:
        return [w * total_mm / sum(least) for w in least]
    spare = total_mm - sum(least)
    gaps = [w - m for w, m in zip(want, least, strict=True)]
    return [m + spare * g / sum(gaps) for m, g in zip(least, gaps, strict=True)]


def xlsx_width(text: str) -> float:
    """A spreadsheet column width (in widths of the digit 0) that shows `text` on one line."""
    return max((em_width(line) / NARROW for line in text.split("\n")), default=0.0)


def xlsx_row_height(texts: Sequence[tuple[str, float]], size_pt: float = 11) -> float | None:
    """The height in points a row needs so that every wrapped cell shows all its lines, given each
    cell's (text, column width); None when one line is enough (the default height fits)."""
    lines = 1
    for text, width in texts:
        usable = max(1.0, (width - 1) * 0.88)  # wrapping wastes the end of a line
        lines = max(lines, sum(max(1, math.ceil(xlsx_width(part) / usable)) for part in text.split("\n")))
    return None if lines == 1 else round(lines * size_pt * 1.3 + 3, 1)


# -- Word ------------------------------------------------------------------------------------------

def _on(parent: Any, tag: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def repeat_header(row: Any) -> None:
    """Print the row at the top of every page the table runs onto (Word's 标题行重复)."""
    _on(row._tr.get_or_add_trPr(), "w:tblHeader")


def keep_row_together(row: Any) -> None:
    """A row is never split across two pages."""
    _on(row._tr.get_or_add_trPr(), "w:cantSplit")


def set_widths(table: Any, widths_mm: Sequence[float]) -> None:
    """Fixed column widths: the grid, every cell, and a fixed layout so no reader re-fits them."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    tbl_pr = table._tbl.tblPr
    _on(tbl_pr, "w:tblLayout").set(qn("w:type"), "fixed")
    width = _on(tbl_pr, "w:tblW")
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_mm) / 25.4 * 1440)))
    for col, mm in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(round(mm / 25.4 * 1440)))
    for row in table.rows:
        for cell, mm in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(mm)


CELL_MARGIN_MM = 1.2  # left and right inside each cell (Word's default is 1.9)


def narrow_margins(table: Any) -> None:
    """Cells with CELL_MARGIN_MM left and right: eight columns on A4 need the room."""
    from docx.oxml.ns import qn

    margins = _on(table._tbl.tblPr, "w:tblCellMar")
    for edge in ("left", "right"):
        side = _on(margins, f"w:{edge}")
        side.set(qn("w:w"), str(round(CELL_MARGIN_MM / 25.4 * 1440)))
        side.set(qn("w:type"), "dxa")


def no_borders(table: Any) -> None:
    from docx.oxml.ns import qn

    borders = _on(table._tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _on(borders, f"w:{edge}").set(qn("w:val"), "nil")


def _field(paragraph: Any, instruction: str, run_font: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        run_font(run)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text


def page_numbers(section: Any, run_font: Any) -> None:
    """第 x 页 共 y 页, centred in the footer of every page of `section`."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, instruction in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES")):
        run_font(paragraph.add_run(text))
        _field(paragraph, instruction, run_font)
    run_font(paragraph.add_run(" 页"))
