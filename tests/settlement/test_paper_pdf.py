"""The payment papers as printed: each document rendered to PDF by LibreOffice, then read back as
text per page (poppler), the way a finance office would check them before signing.

What a PDF's text can prove: the page count, 第 x 页 共 y 页 on every page, the header row on every
page a table runs onto, the sign-off block on the page that holds 合计 and 大写, and every cell's
text present (nothing cut off by a too-narrow column or a too-short row). Text is compared with
whitespace removed, since a wrapped cell is split across lines.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.settlement.payment_list import HeldLine, InstitutionBlock, PayableLine, PayableList, payable_list
from generator.settlement.payment_list_files import docx_bytes
from generator.settlement_output import settle
from tests.fixtures.held_corpus import AS_OF as HELD_AS_OF
from tests.fixtures.held_corpus import HELD, make_held_corpus


@pytest.fixture(scope="session")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice is missing: apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui "
                    "(tools/test installs it)")
    return found


def to_pdf(soffice: str, data: bytes, name: str, folder: Path) -> list[str]:
    """Render `data` (saved as `name`) with LibreOffice; the text of each page, whitespace removed."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / name
    source.write_bytes(data)
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=300)
    pdf = source.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])  # type: ignore[index]
    # -raw: text in the order it was drawn, so a wrapped cell's lines come together
    return ["".join(subprocess.run(["pdftotext", "-raw", "-f", str(n), "-l", str(n), str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split()) for n in range(1, count + 1)]


def bare(text: str) -> str:
    return "".join(text.split())


def assert_numbered(pages: list[str]) -> None:
    for n, page in enumerate(pages, start=1):
        assert f"第{n}页共{len(pages)}页" in page, f"page {n} has no 第 {n} 页 共 {len(pages)} 页"


def assert_signed_with_total(pages: list[str], plist: PayableList) -> None:
    [total_page] = [p for p in pages if "合计（本次拨付" in p]
    assert bare(f"大写：{plist.total_capital}") in total_page
    for who in ("经办人", "复核人", "负责人"):
        assert who in total_page, f"{who} is not on the page of 合计"


LONG_NAME = "工业机器人系统运维与智能产线集成调试"


def long_list(institutions: int = 4, lines: int = 14) -> PayableList:
    """More lines than a page holds, a long project name and occupation, and held classes."""
    blocks = []
    for i in range(institutions):
        rows = tuple(PayableLine(
            project=f"P2026-{i:03d}", project_name=LONG_NAME if n % 3 == 0 else "养老护理员",
            occupation="6-31-07-03 工业机器人系统操作员 四级/中级工", class_id=f"P2026-{i:03d}-{n:02d}",
            phase=("first", "remainder", "bonus")[n % 3], counted=18 + n, unit_price=Decimal("2600.00"),
            share=Decimal("0.8") if n % 3 == 0 else Decimal("0.2"),
            phase_amount=Decimal("123456.78") + n, paid=Decimal("0.00"), amount=Decimal("123456.78") + n)
            for n in range(1, lines + 1))
        blocks.append(InstitutionBlock(f"5232021{i}MA1W00001X", f"无锡第{i + 1}示例职业培训学校", rows))
    held = (HeldLine("P2026-009-01", "P2026-009", "无人机装调检修工", "52320211MA1W00009X", "无锡示例学校", ("x",),
                     ("培训班次 P2026-009-01：班次已于 2026-10-16 结业，培训过程资料缺少视频和图片（通知 五(一)）",)),)
    return PayableList("2027-06-30", "结算基准日 2027-06-30", "2027-06-30T00:00:00+08:00", "无锡市人力资源和社会保障局",
                       tuple(blocks), held, Decimal("1000.00"), Decimal("0.00"))


def test_a_long_payment_list_prints_as_a_paper_to_sign(soffice: str, tmp_path: Path) -> None:
    plist = long_list()
    pages = to_pdf(soffice, docx_bytes(plist), "payable.docx", tmp_path)

    assert len(pages) >= 3  # 56 lines do not fit on one or two A4 pages
    assert_numbered(pages)
    assert_signed_with_total(pages, plist)
    assert "无锡市人力资源和社会保障局" in pages[0] and "单位：元" in pages[0]
    for page in pages:
        if re.search(r"P2026-\d{3}-\d{2}", page) and "暂缓拨付的班次" not in page:
            assert "职业（工种）及等级" in page, "a page of a table without its header row"
    everything = "".join(pages)
    for block in plist.blocks:
        for x in block.lines:
            for text in (x.class_id, f"{x.amount:,.2f}", x.project_name, "工业机器人系统操作员"):
                assert bare(text) in everything, f"{text} is missing from the printed list"
    assert bare(plist.held[0].words[0]) in everything and "CLS-" not in everything


def test_the_sample_payment_papers_with_held_classes(soffice: str, tmp_path: Path) -> None:
    """The bundled sample with three classes held: the papers of `peixun settle` themselves."""
    records = make_held_corpus(tmp_path / "records")
    result = settle(records, dt.date.fromisoformat(HELD_AS_OF))
    plist = payable_list(result.statement)
    assert plist.blocks and len(plist.held) == len(HELD)

    pages = to_pdf(soffice, result.files["payable.docx"], "payable.docx", tmp_path / "docx")
    assert len(pages) <= 2
    assert_numbered(pages)
    assert_signed_with_total(pages, plist)
    everything = "".join(pages)
    assert bare(plist.issuer) in pages[0] and plist.issuer
    for class_id in HELD:
        assert f"班次{class_id}（项目" in everything  # held, with project and institution named
    for rule in HELD.values():
        assert rule not in everything  # in words, not rule codes
    assert "records/" not in everything and "通知" in everything
    for block in plist.blocks:
        assert bare(block.name) in everything and f"{block.subtotal:,.2f}" in everything

    xlsx_pages = to_pdf(soffice, result.files["payable.xlsx"], "payable.xlsx", tmp_path / "xlsx")
    assert_numbered(xlsx_pages)
    assert bare("重点群体项目化就业技能培训补贴拨付清单") in xlsx_pages[-1]  # title rows repeated
    sheet = load_workbook(tmp_path / "xlsx" / "payable.xlsx")["拨付清单"]
    printed = "".join(xlsx_pages)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip():
                assert bare(cell.value) in printed, f"{cell.coordinate} {cell.value!r} is not printed whole"


def test_the_settlement_workbook_prints_readably(soffice: str, tmp_path: Path) -> None:
    records = make_held_corpus(tmp_path / "records")
    result = settle(records, dt.date.fromisoformat(HELD_AS_OF))
    book = load_workbook(__import__("io").BytesIO(result.files["settlement.xlsx"]))
    classes = book["按班次"]
    header = [c.value for c in classes[4]]
    rate = header.index("就业率") + 1
    rates = [classes.cell(row, rate) for row in range(5, classes.max_row + 1)
             if isinstance(classes.cell(row, rate).value, int | float | Decimal)]
    assert rates and all(c.number_format == "0.0%" and 0 <= c.value <= 1 for c in rates)
    for ws in book.worksheets:
        assert ws.freeze_panes == "A5" and ws.print_title_rows and ws.page_setup.orientation == "landscape"
        assert ws.title == "暂缓" or ws.auto_filter.ref
    assert int(classes.page_setup.paperSize) == int(classes.PAPERSIZE_A3)  # 21 columns: A3, not shrunk onto A4

    pages = to_pdf(soffice, result.files["settlement.xlsx"], "settlement.xlsx", tmp_path / "s")
    assert_numbered(pages)
    printed = "".join(pages)
    for row in classes.iter_rows(min_row=5):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip():
                assert bare(cell.value) in printed, f"{cell.coordinate} {cell.value!r} is not printed whole"
    assert "%" in printed and not re.search(r"'\d+\.\d%", printed)  # rates printed as numbers, not text


def test_the_golden_payment_list_prints_whole(soffice: str, tmp_path: Path) -> None:
    """The reviewed golden list (tests/settlement/test_payment_list_files.py) as printed: numbered
    pages, the sign-off with 合计 and 大写, and every cell of the workbook and every table cell of
    the document on paper, nothing cut off by a column or a row too small."""
    from docx import Document

    from generator.settlement.payment_list_files import xlsx_bytes
    from tests.settlement.test_payment_list_files import full_list

    plist = full_list()
    data = docx_bytes(plist)
    pages = to_pdf(soffice, data, "payable.docx", tmp_path / "docx")
    assert_numbered(pages)
    assert_signed_with_total(pages, plist)
    printed = "".join(pages)
    for table in Document(io.BytesIO(data)).tables[:-1]:
        for row in table.rows:
            for cell in row.cells:
                assert bare(cell.text) in printed, f"{cell.text!r} is not printed whole"
    workbook = xlsx_bytes(plist)
    xlsx_pages = to_pdf(soffice, workbook, "payable.xlsx", tmp_path / "xlsx")
    assert_numbered(xlsx_pages)
    printed = "".join(xlsx_pages)
    for row in load_workbook(io.BytesIO(workbook))["拨付清单"].iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip():
                assert bare(cell.value) in printed, f"{cell.coordinate} {cell.value!r} is not printed whole"
