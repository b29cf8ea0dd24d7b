"""Laying out the printed papers (generator/settlement/paper.py): widths sized to the text, rows as
high as their wrapped text, and the Word pieces of a signed paper. Every figure is worked by hand
from the rules in paper.py's docstring: a CJK character is one em, any other character 0.6 em; one
point is 0.3528 mm; a spreadsheet width counts the digit 0 (0.6 em)."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from generator.settlement.paper import (
    column_widths,
    em_width,
    keep_row_together,
    narrow_margins,
    no_borders,
    page_numbers,
    repeat_header,
    set_widths,
    xlsx_row_height,
    xlsx_width,
)

EM10 = 10 * 0.3528  # one em at 10 pt, in mm


def test_a_cjk_character_is_one_em_and_anything_else_sixty_percent() -> None:
    assert em_width("养老护理员 L4") == pytest.approx(5 + 3 * 0.6)
    assert em_width("（80%）") == pytest.approx(2 + 3 * 0.6)  # full-width brackets are wide
    assert em_width("33 × 2") == pytest.approx(6 * 0.6)  # × is narrow in CJK fonts' metrics here
    assert em_width("") == 0


def test_widths_grow_with_the_longest_cell_when_everything_fits() -> None:
    """Wanted: 甲乙 2 em → 2 × 3.528 + 3.2 = 10.256 mm, "12" 1.2 em → 7.4336 mm, the longest of
    each column counted; 17.6896 mm of 100: the rest shared in proportion, so each keeps its share."""
    widths = column_widths([("甲乙", "1"), ("甲", "12")], 100, 10)
    assert widths == pytest.approx([100 * 10.256 / 17.6896, 100 * 7.4336 / 17.6896])
    assert sum(widths) == pytest.approx(100)
    wider = column_widths([("甲乙", "1"), ("甲乙丙丁", "12")], 100, 10)
    assert wider[0] > widths[0]


def test_a_multi_line_cell_is_as_wide_as_its_longest_line() -> None:
    """"甲\n乙丙" wants 2 em (its second line), not 3: the same as "乙丙"."""
    assert column_widths([("甲\n乙丙", "12")], 100, 10) == pytest.approx(column_widths([("乙丙", "12")], 100, 10))


def test_padding_is_added_to_every_column() -> None:
    """With 1 mm padding: 2 × 3.528 + 1 = 8.056 and 1.2 × 3.528 + 1 = 5.2336."""
    widths = column_widths([("甲乙", "12")], 100, 10, padding_mm=1)
    assert widths == pytest.approx([100 * 8.056 / 13.2896, 100 * 5.2336 / 13.2896])


def test_too_little_room_shares_it_by_what_may_not_break() -> None:
    """20 mm for a 18-character name and a figure: the name may break between any two characters
    but keeps SHORTEST = 4 em (14.112 + 3.2 = 17.312 mm); the figure (a `whole` column) its 10
    characters and room for bold, 6 + 1.2 = 7.2 em (28.6016 mm). Together 45.9136 mm: scaled to 20."""
    rows = [("工业机器人系统运维与智能产线集成调试", "123,456.78")]
    widths = column_widths(rows, 20, 10, whole=(1,))
    assert widths == pytest.approx([20 * 17.312 / 45.9136, 20 * 28.6016 / 45.9136])


def test_a_number_or_code_is_never_broken_but_words_break_at_spaces() -> None:
    """Least widths (scaled to 1 mm to compare them): "4-10-01-05 养老护理员" keeps its code whole,
    10 × 0.6 = 6 em (24.368 mm); "ab cd ef" breaks at its spaces but keeps SHORTEST, 4 em
    (17.312 mm); one wide character keeps its whole text, 1 em (6.728 mm); an empty column only
    its padding (3.2 mm)."""
    rows = [("4-10-01-05 养老护理员", "ab cd ef", "甲", "")]
    least = [24.368, 17.312, 6.728, 3.2]
    assert column_widths(rows, 1, 10) == pytest.approx([w / sum(least) for w in least])
    # a long run of letters is one piece: "abcdefghij" 6 em (24.368 mm) beside "甲乙" 2 em (10.256 mm)
    least = [24.368, 10.256]
    assert column_widths([("abcdefghij", "甲乙")], 1, 10) == pytest.approx([w / sum(least) for w in least])
    # a space or a wide character ends a run: "abcdefg hijklmn" and "ab甲abcdefg" keep 4.2 em (18.0176 mm)
    least = [18.0176, 18.0176, 10.256]
    assert column_widths([("abcdefg hijklmn", "ab甲abcdefg", "甲乙")], 1, 10) == pytest.approx(
        [w / sum(least) for w in least])


def test_columns_that_exactly_fill_the_room_keep_their_widths_exactly() -> None:
    """Two empty columns want their padding, 3.2 mm each: 6.4 mm leaves nothing to share, and
    nothing is rescaled (a rescaled 3.2 × 6.4 / 6.4 would be 3.2000000000000006)."""
    assert column_widths([("", "")], 6.4, 10) == [3.2, 3.2]


def test_a_space_alone_keeps_only_its_own_width() -> None:
    """A cell holding one space may not break (nothing to break at) but is no word either: it keeps
    its 0.6 em (2.1168 + 3.2 = 5.3168 mm), beside 甲 (6.728 mm)."""
    least = [5.3168, 6.728]
    assert column_widths([(" ", "甲")], 1, 10) == pytest.approx([w / sum(least) for w in least])


def test_between_enough_and_too_little_the_wrapping_columns_share_what_is_left() -> None:
    """60 mm for the same name and figure: each gets its least (17.312 and 28.6016 mm) and the 14.0864
    mm left goes to the name, the only column that wants more than it has (66.704 mm for one line);
    the figure never gets less than the room its bold digits need."""
    rows = [("工业机器人系统运维与智能产线集成调试", "123,456.78")]
    widths = column_widths(rows, 60, 10, whole=(1,))
    assert widths == pytest.approx([17.312 + 14.0864, 28.6016])
    # two wrapping columns share in proportion to how much more each wants: 甲×12 wants 45.536
    # (least 17.312: 28.224 more), 甲×8 wants 31.424 (least 17.312: 14.112 more); 40 mm leave 5.376
    widths = column_widths([("甲" * 12, "甲" * 8)], 40, 10)
    assert widths == pytest.approx([17.312 + 5.376 * 28.224 / 42.336, 17.312 + 5.376 * 14.112 / 42.336])


def test_a_figure_that_fits_gets_room_for_bold_digits_too() -> None:
    """100 mm for "甲" (6.728 mm) and "1,000.00" as a figure: 8 × 0.6 = 4.8 em on one line, plus
    1.2 em for bold, 6 em (24.368 mm); the rest shared in proportion to those."""
    widths = column_widths([("甲", "1,000.00")], 100, 10, whole=(1,))
    assert widths == pytest.approx([100 * 6.728 / 31.096, 100 * 24.368 / 31.096])


def test_short_rows_leave_their_columns_at_the_padding() -> None:
    """A row shorter than the widest one: its missing columns count as empty (padding only)."""
    widths = column_widths([("甲乙", "12"), ("甲",)], 100, 10)
    assert widths == pytest.approx([100 * 10.256 / 17.6896, 100 * 7.4336 / 17.6896])


def test_a_spreadsheet_width_counts_zeros_of_the_longest_line() -> None:
    assert xlsx_width("养老\nab") == pytest.approx(2 / 0.6)
    assert xlsx_width("P2026-001-01") == pytest.approx(12)
    assert xlsx_width("P2026 001") == pytest.approx(9)  # a space does not break a line here
    assert xlsx_width("") == 0


def test_a_row_is_as_high_as_its_most_wrapped_cell() -> None:
    """"养老护理员养老护理员" is 16.67 zeros; a column 10 wide holds (10 − 1) × 0.88 = 7.92 of them a
    line: 3 lines, 3 × 11 × 1.3 + 3 = 45.9 pt; at 9 pt, 38.1 pt."""
    cell = ("养老护理员养老护理员", 10.0)
    assert xlsx_row_height([cell]) == 45.9
    assert xlsx_row_height([cell], size_pt=9) == 38.1
    assert xlsx_row_height([("ab", 10.0), cell]) == 45.9  # the highest cell decides
    assert xlsx_row_height([cell, ("ab", 10.0)]) == 45.9


def test_one_line_keeps_the_default_height() -> None:
    """"养老护理员" is 8.33 zeros: a column 11 wide holds (11 − 1) × 0.88 = 8.8 a line (one line, the
    default height); one 10 wide holds 7.92 (two lines, 31.6 pt)."""
    assert xlsx_row_height([]) is None
    assert xlsx_row_height([("养老护理员", 11.0)]) is None
    assert xlsx_row_height([("养老护理员", 10.0)]) == 31.6


def test_each_line_break_starts_a_line_and_empty_lines_count() -> None:
    assert xlsx_row_height([("a\nb", 10.0)]) == 31.6  # 2 × 11 × 1.3 + 3
    assert xlsx_row_height([("a\n\nb", 10.0)]) == 45.9
    # a column of width 1 or less still holds one zero a line: "ab" takes two lines
    assert xlsx_row_height([("ab", 1.0)]) == 31.6
    assert xlsx_row_height([("ab", 0.5)]) == 31.6


def test_a_row_height_is_rounded_to_a_tenth_of_a_point() -> None:
    """Five lines at 10.5 pt: 5 × 10.5 × 1.3 + 3 = 71.25, to a tenth 71.2 (half to even)."""
    assert xlsx_row_height([("\n".join("abcde"), 10.0)], size_pt=10.5) == 71.2


def _table(cols: int = 2, rows: int = 2) -> object:
    doc = Document()
    return doc.add_table(rows=rows, cols=cols)


def test_fixed_widths_set_the_grid_every_cell_and_a_fixed_layout() -> None:
    """20 and 30 mm: 1,134 and 1,701 twips (mm / 25.4 × 1440), the table 2,835 twips wide."""
    table = _table()
    for _ in range(2):  # set twice: still one of each property
        set_widths(table, [20, 30])
    tbl_pr = table._tbl.tblPr
    assert len(tbl_pr.findall(qn("w:tblLayout"))) == 1 and len(tbl_pr.findall(qn("w:tblW"))) == 1
    assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    width = tbl_pr.find(qn("w:tblW"))
    assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("dxa", "2835")
    assert [c.get(qn("w:w")) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))] == ["1134", "1701"]
    assert [[c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w")) for c in row.cells] for row in table.rows] == [
        ["1134", "1701"]] * 2
    assert table.autofit is False


def test_widths_for_another_number_of_columns_are_refused() -> None:
    with pytest.raises(ValueError):
        set_widths(_table(cols=3), [20, 30])


def test_narrow_margins_are_1_2_mm_left_and_right() -> None:
    table = _table()
    narrow_margins(table)
    narrow_margins(table)
    margins = table._tbl.tblPr.findall(qn("w:tblCellMar"))
    assert len(margins) == 1
    sides = {s.tag.rsplit("}", 1)[1]: (s.get(qn("w:w")), s.get(qn("w:type"))) for s in margins[0]}
    assert sides == {"left": ("68", "dxa"), "right": ("68", "dxa")}  # 1.2 / 25.4 × 1440 = 68.03


def test_no_borders_clears_every_edge() -> None:
    table = _table()
    no_borders(table)
    [borders] = table._tbl.tblPr.findall(qn("w:tblBorders"))
    assert {e.tag.rsplit("}", 1)[1]: e.get(qn("w:val")) for e in borders} == {
        edge: "nil" for edge in ("top", "left", "bottom", "right", "insideH", "insideV")}


def test_a_header_row_repeats_and_rows_do_not_split() -> None:
    table = _table()
    repeat_header(table.rows[0])
    keep_row_together(table.rows[0])
    keep_row_together(table.rows[1])
    keep_row_together(table.rows[1])
    first, second = (row._tr.trPr for row in table.rows)
    assert [e.tag for e in first] == [qn("w:tblHeader"), qn("w:cantSplit")]
    assert [e.tag for e in second] == [qn("w:cantSplit")]


def test_page_numbers_are_fields_in_the_centred_footer() -> None:
    """第 {PAGE} 页 共 {NUMPAGES} 页: each field begin, instruction, separate, a placeholder 1, end;
    every run in the font the caller gives."""
    doc = Document()
    styled: list[object] = []

    def run_font(run: object) -> None:
        styled.append(run)
        run.font.bold = True  # type: ignore[attr-defined]

    page_numbers(doc.sections[0], run_font)
    paragraph = doc.sections[0].footer.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    pieces = []
    for r in paragraph.runs:
        for child in r._r:
            tag = child.tag.rsplit("}", 1)[1]
            if tag == "t":
                pieces.append(child.text)
            elif tag == "fldChar":
                pieces.append(f"<{child.get(qn('w:fldCharType'))}>")
            elif tag == "instrText":
                assert child.get(qn("xml:space")) == "preserve"
                pieces.append(f"{{{child.text}}}")
    assert pieces == ["第 ", "<begin>", "{ PAGE }", "<separate>", "1", "<end>", " 页 共 ",
                      "<begin>", "{ NUMPAGES }", "<separate>", "1", "<end>", " 页"]
    assert len(styled) == len(paragraph.runs) == 13 and all(r.bold for r in paragraph.runs)
