"""payable.xlsx and payable.docx, the payment list a finance office pays from and signs.

Two ways to pin them. The layout (every cell's value, number format, font, fill, border and
alignment; merges, column widths, row heights, page set-up; every paragraph, run, table, row and
cell of the Word document with its fonts, widths, merges and keep-together flags) is compared with
reviewed golden files, tests/fixtures/golden/settlement/payable-*.layout.txt (tests/settlement/
describe.py says what they hold). The figures in them are worked by hand in the tests below, so a
golden file cannot carry a wrong figure unnoticed.

Regenerate the golden files after a deliberate change, then review the diff and the papers:

    PEIXUN_UPDATE_GOLDEN=1 python -m pytest -q tests/settlement/test_payment_list_files.py
    PEIXUN_GOLDEN_PAPERS=/tmp/papers python -m pytest -q tests/settlement/test_payment_list_files.py
    cd /tmp/papers && soffice --headless --convert-to pdf *.docx && soffice --headless --convert-to pdf *.xlsx

(the second line writes the .xlsx and .docx files themselves, to render with LibreOffice and look at).
"""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.settlement.payment_list import HeldLine, InstitutionBlock, PayableLine, PayableList
from generator.settlement.payment_list_files import docx_bytes, xlsx_bytes
from tests.settlement.describe import describe_docx, describe_xlsx

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden" / "settlement"
UPDATE = os.environ.get("PEIXUN_UPDATE_GOLDEN") == "1"
PAPERS = os.environ.get("PEIXUN_GOLDEN_PAPERS")

ELDER = "4-10-01-05 养老护理员 四级/中级工"
ROBOT = "工业机器人系统运维与智能产线集成调试"  # 18 characters: wraps in its column
EVIDENCE = "培训班次 P2026-004-01：班次已于 2026-10-16 结业，培训过程资料缺少视频和图片（通知 五(一)）"
OVERPAID = "付款记录 P2026-004-01：首期已拨 70,000.00 元，多于应拨 68,640.00 元（通知 四(五)）"
PROVENANCE = ("结算基准日 2027-06-30；记录提交 0123456789ab；政策版本 wuxi-2026-pilot；"
              "生成时间 2027-06-30 18:30:00（北京时间）")


def _line(project: str, name: str, occupation: str, class_id: str, phase: str, counted: int, price: str,
          share: str, paid: str = "0.00") -> PayableLine:
    amount = (counted * Decimal(price) * Decimal(share)).quantize(Decimal("0.01"))
    return PayableLine(project, name, occupation, class_id, phase, counted, Decimal(price), Decimal(share),
                       amount, Decimal(paid), amount - Decimal(paid))


def full_list() -> PayableList:
    """Two institutions; phases first, remainder (partly paid already) and bonus; a name and an
    occupation that wrap (two spaces before its level, as a record may write it: only the last space
    breaks the line); an occupation without a level; a held class with two reasons in words and
    one whose record could not be read (no project, no institution, its reason as the rule gave it)."""
    school = InstitutionBlock("52320211MA1W00001X", "无锡示例职业培训学校", (
        _line("P2026-001", "养老护理员", ELDER, "P2026-001-01", "first", 33, "2600.00", "0.8"),
        _line("P2026-001", "养老护理员", ELDER, "P2026-001-01", "remainder", 33, "2600.00", "0.2", paid="5000.00"),
        _line("P2026-003", ROBOT, "6-31-07-03 工业机器人系统操作员  四级/中级工", "P2026-003-02", "bonus", 7,
              "3150.50", "0.2"),
    ))
    centre = InstitutionBlock("91320200MA1X00002Y", "无锡第二示例培训中心", (
        _line("P2026-002", "电工", "电工", "P2026-002-01", "first", 12, "1800.00", "0.8"),
    ))
    held = (
        HeldLine("P2026-004-01", "P2026-004", "无人机装调检修工", "52320211MA1W00001X", "无锡示例职业培训学校",
                 ("CLS-EVIDENCE：…", "PAY-OVER：…"), (EVIDENCE, OVERPAID)),
        HeldLine("P2026-009-01", "", "", "", "", ("CLS-SCHEMA：班次记录无法读取（classes/2026/P2026-009-01.yaml）",)),
    )
    return PayableList("2027-06-30", PROVENANCE, "2027-06-30T18:30:00+08:00", "无锡市人力资源和社会保障局",
                       (school, centre), held, Decimal("11276.00"), Decimal("3120.00"))


def empty_list() -> PayableList:
    """Nothing due, nothing held, no issuer named by the policy."""
    return PayableList("2027-06-30", PROVENANCE, "2027-06-30T18:30:00+08:00", "", (), (), Decimal("0.00"),
                       Decimal("0.00"))


LISTS = {"full": full_list, "empty": empty_list}


def _check(name: str, text: str, data: bytes, suffix: str) -> None:
    path = GOLDEN / f"{name}.layout.txt"
    if PAPERS:
        Path(PAPERS).mkdir(parents=True, exist_ok=True)
        (Path(PAPERS) / f"{name}{suffix}").write_bytes(data)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path.name} differs from its golden file"


@pytest.mark.parametrize("which", sorted(LISTS))
def test_payable_xlsx_is_laid_out_as_reviewed(which: str) -> None:
    data = xlsx_bytes(LISTS[which]())
    _check(f"payable-{which}.xlsx", describe_xlsx(data), data, ".xlsx")


@pytest.mark.parametrize("which", sorted(LISTS))
def test_payable_docx_is_laid_out_as_reviewed(which: str) -> None:
    data = docx_bytes(LISTS[which]())
    _check(f"payable-{which}.docx", describe_docx(data), data, ".docx")


# -- the figures of the golden list, worked by hand ---------------------------------------------
# school: 33 × 2,600 × 80 % = 68,640.00; 33 × 2,600 × 20 % = 17,160.00 less 5,000.00 paid = 12,160.00;
#         7 × 3,150.50 × 20 % = 4,410.70; subtotal 68,640.00 + 12,160.00 + 4,410.70 = 85,210.70
# centre: 12 × 1,800 × 80 % = 17,280.00
# total 85,210.70 + 17,280.00 = 102,490.70 in 4 lines: 壹拾万零贰仟肆佰玖拾元零柒角

def _sheet(data: bytes) -> list[list[object]]:
    return [list(r) for r in load_workbook(io.BytesIO(data))["拨付清单"].iter_rows(values_only=True)]


def test_payable_xlsx_figures_add_up_by_hand() -> None:
    rows = _sheet(xlsx_bytes(full_list()))
    assert rows[0][0] == "重点群体项目化就业技能培训补贴拨付清单"
    assert rows[1][0] == "无锡市人力资源和社会保障局" and rows[2][0] == PROVENANCE
    assert rows[4][0] == "培训主体：无锡示例职业培训学校（统一社会信用代码 52320211MA1W00001X）"
    lines = [r for r in rows if isinstance(r[0], str) and r[0][:1].isdigit() and "." in r[0]]
    assert [(r[0], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12]) for r in lines] == [
        ("1.1", "首期（80%）", 33, 2600, 0.8, "33 人 × 2,600.00 元 × 80%", 68640, 0, 68640),
        ("1.2", "剩余补贴（20%）", 33, 2600, 0.2, "33 人 × 2,600.00 元 × 20%", 17160, 5000, 12160),
        ("1.3", "跟补（20%）", 7, 3150.5, 0.2, "7 人 × 3,150.50 元 × 20%", 4410.7, 0, 4410.7),
        ("2.1", "首期（80%）", 12, 1800, 0.8, "12 人 × 1,800.00 元 × 80%", 17280, 0, 17280),
    ]
    subtotals = [r[12] for r in rows if r[0] == "小计"]
    assert subtotals == [85210.7, 17280]
    [grand] = [r for r in rows if r[0] == "合计"]
    assert grand[1] == "本次拨付 4 笔" and grand[12] == 102490.7
    [capital] = [r for r in rows if r[0] == "大写"]
    assert capital[1] == "人民币壹拾万零贰仟肆佰玖拾元零柒角"
    assert any(r[0] == "不在本清单内：待定 11,276.00 元（就业跟踪期未结束或班次未结业），"
               "不予拨付 3,120.00 元（就业率未达标）。" for r in rows)
    held = [r for r in rows if r[0] == "暂缓"]
    assert [r[:6] for r in held] == [
        ["暂缓", "P2026-004", "无人机装调检修工", "无锡示例职业培训学校", "P2026-004-01", f"{EVIDENCE}\n{OVERPAID}"],
        ["暂缓", None, None, None, "P2026-009-01", "CLS-SCHEMA：班次记录无法读取（classes/2026/P2026-009-01.yaml）"],
    ]
    assert [r[0] for r in rows if r[0] and str(r[0]).endswith("（签字）：")] == [
        "经办人（签字）：", "复核人（签字）：", "负责人（签字）："]


def test_payable_docx_figures_add_up_by_hand() -> None:
    doc = Document(io.BytesIO(docx_bytes(full_list())))
    school, centre, closing = doc.tables
    cells = [[c.text for c in row.cells] for row in school.rows]
    assert cells[0] == ["项目", "职业（工种）及等级", "班次", "拨付阶段", "计算依据", "阶段金额", "已拨", "本次拨付"]
    assert cells[1] == ["P2026-001\n养老护理员", "4-10-01-05 养老护理员\n四级/中级工", "P2026-001-01", "首期",
                        "33 人 × 2,600.00 × 80%", "68,640.00", "0.00", "68,640.00"]
    assert cells[2][3:] == ["剩余补贴", "33 人 × 2,600.00 × 20%", "17,160.00", "5,000.00", "12,160.00"]
    assert cells[3][1] == "6-31-07-03 工业机器人系统操作员 \n四级/中级工"
    assert cells[3][3:] == ["跟补", "7 人 × 3,150.50 × 20%", "4,410.70", "0.00", "4,410.70"]
    assert cells[4][0] == "小计" and cells[4][-1] == "85,210.70"
    assert [c.text for c in centre.rows[1].cells][1] == "电工"  # no level: one line
    assert [c.text for c in centre.rows[-1].cells][-1] == "17,280.00"
    box = closing.rows[0].cells[0]
    assert [p.text for p in box.paragraphs[:3]] == [
        "合计（本次拨付 4 笔）：102,490.70 元", "大写：人民币壹拾万零贰仟肆佰玖拾元零柒角",
        "不在本清单内：待定 11,276.00 元（就业跟踪期未结束或班次未结业），不予拨付 3,120.00 元（就业率未达标）。"]
    text = [p.text for p in doc.paragraphs]
    assert "1. 无锡示例职业培训学校（统一社会信用代码 52320211MA1W00001X）" in text
    assert "2. 无锡第二示例培训中心（统一社会信用代码 91320200MA1X00002Y）" in text
    assert "班次 P2026-004-01（项目 P2026-004 无人机装调检修工；培训主体 无锡示例职业培训学校）" in text
    assert f"    {EVIDENCE}" in text and f"    {OVERPAID}" in text
    assert "班次 P2026-009-01（项目和培训主体不明（班次记录无法读取））" in text
    signers = box.tables[0]
    assert [[c.text for c in r.cells] for r in signers.rows] == [
        [who, "", "日期", "    年    月    日"] for who in ("经办人", "复核人", "负责人")]


# -- behaviour a finance office relies on ---------------------------------------------------------

def test_payable_xlsx_amounts_are_numbers_shown_as_money() -> None:
    ws = load_workbook(io.BytesIO(xlsx_bytes(full_list())))["拨付清单"]
    first = next(r for r in ws.iter_rows() if r[0].value == "1.1")
    assert [c.number_format for c in first[7:]] == ["#,##0.00", "0%", "General", "#,##0.00", "#,##0.00",
                                                      "#,##0.00"]
    assert first[12].data_type == "n"
    for label in ("小计", "合计"):
        row = next(r for r in ws.iter_rows() if r[0].value == label)
        assert row[12].number_format == "#,##0.00" and row[0].font.b and row[12].font.b


def test_payable_xlsx_merges_its_title_lines_across_the_table() -> None:
    ws = load_workbook(io.BytesIO(xlsx_bytes(full_list())))["拨付清单"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A1:M1", "A2:M2", "A3:M3", "A5:M5"} <= merged  # title, issuer, provenance, institution
    capital = next(r for r in ws.iter_rows() if r[0].value == "大写")[0].row
    assert f"B{capital}:M{capital}" in merged
    held = [r[0].row for r in ws.iter_rows() if r[0].value == "暂缓"]
    assert all(f"F{n}:M{n}" in merged for n in held)
    assert ws.print_title_rows == "$1:$3"
    no_issuer = load_workbook(io.BytesIO(xlsx_bytes(empty_list())))["拨付清单"]
    assert no_issuer.print_title_rows == "$1:$2" and no_issuer["A2"].value == PROVENANCE


def test_payable_xlsx_rows_are_as_high_as_their_wrapped_text() -> None:
    """Worked from the widths in WIDTHS: an occupation of 17.8 ems (29.7 zeros) in column D (30,
    25.5 usable) takes two lines: 2 × 11 pt × 1.3 + 3 = 31.6 pt; the held row's reasons, merged over
    F:M (112 wide, 97.7 usable), take one line each: two reasons, 31.6 pt (in column F alone, 14 wide,
    each would take five); a class id (12 zeros) in column E (14, 11.4 usable) takes two lines too."""
    ws = load_workbook(io.BytesIO(xlsx_bytes(full_list())))["拨付清单"]
    first = next(r for r in ws.iter_rows() if r[0].value == "1.1")[0].row
    assert ws.row_dimensions[first].height == 31.6
    held = [r[0].row for r in ws.iter_rows() if r[0].value == "暂缓"]
    assert [ws.row_dimensions[n].height for n in held] == [31.6, 31.6]
    signers = [r[0].row for r in ws.iter_rows() if str(r[0].value).endswith("（签字）：")]
    assert [ws.row_dimensions[n].height for n in signers] == [30, 30, 30]


def test_payable_xlsx_writes_a_formula_as_text() -> None:
    plist = full_list()
    block = plist.blocks[0]
    evil = PayableLine(**{**block.lines[0].__dict__, "project_name": "=HYPERLINK(\"http://x\",\"点我\")"})
    attack = PayableList(**{**plist.__dict__, "blocks": (InstitutionBlock(block.uscc, "+cmd|' /C calc'!A0",
                                                                          (evil,)),)})
    ws = load_workbook(io.BytesIO(xlsx_bytes(attack)))["拨付清单"]
    texts = [c for r in ws.iter_rows() for c in r if isinstance(c.value, str)
             and ("HYPERLINK" in c.value or "cmd" in c.value)]
    assert [c.value for c in texts] == ["培训主体：+cmd|' /C calc'!A0（统一社会信用代码 52320211MA1W00001X）",
                                        "'=HYPERLINK(\"http://x\",\"点我\")"]
    assert all(c.data_type == "s" for c in texts)


def test_payable_docx_prints_on_a4_with_fixed_widths_summing_to_the_text_width() -> None:
    """A4 less 18 mm each side leaves 174 mm; each table's columns fill exactly that, the money
    columns wide enough for the largest subtotal on one line."""
    doc = Document(io.BytesIO(docx_bytes(full_list())))
    for table in doc.tables[:2]:
        widths = [row.cells[i].width for row in table.rows[1:2] for i in range(8)]
        assert abs(sum(w.mm for w in widths) - 174) < 0.1
        assert widths[7].mm >= (len("85,210.70") + 2) * 0.6 * 9.5 * 0.3528  # bold figures fit
    sign = doc.tables[2].rows[0].cells[0].tables[0]
    assert [round(c.width.mm) for c in sign.rows[0].cells] == [28, 70, 20, 174 - 4 - 118]
    assert [round(row.height.mm) for row in sign.rows] == [14, 14, 14]


def test_an_empty_payable_docx_says_so() -> None:
    doc = Document(io.BytesIO(docx_bytes(empty_list())))
    text = [p.text for p in doc.paragraphs]
    assert "本次没有应拨付的款项。" in text and "无锡市人力资源和社会保障局" not in text
    box = doc.tables[0].rows[0].cells[0]
    assert "暂缓拨付的班次：无" in [p.text for p in box.paragraphs]
    assert box.paragraphs[0].text == "合计（本次拨付 0 笔）：0.00 元"
