"""The payment list and the settlement files, read back as a finance officer's tools read them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from generator.holds import Hold
from generator.settlement.capital import capital
from generator.settlement.payment_list import PayableList, held_words, payable_list, render_markdown
from generator.settlement.report_entries import HeldEntry, SettlementReport
from generator.settlement.report_rows import CLASS_COLUMNS
from generator.settlement_output import SettleResult, settle
from tests.conftest import APPLICATION, PAYMENTS, WORLD, World, commit_all
from tests.settlement.test_arithmetic import person, set_employment
from tests.settlement.worlds import AS_OF, add_empty_class, report_of, two_institutions, worked_example

GOLDEN = Path(__file__).parents[1] / "fixtures" / "golden" / "settlement"
UPDATE = os.environ.get("PEIXUN_UPDATE_GOLDEN") == "1"
CLASS_RE = re.compile(r"^P\d{4}-\d{3}-\d{2}$")


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture
def example(world: World) -> World:
    return worked_example(world)


def _money(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def xlsx_rows(data: bytes, sheet: str) -> list[list[Any]]:
    wb = load_workbook(io.BytesIO(data))
    return [list(r) for r in wb[sheet].iter_rows(values_only=True)]


def docx_text(data: bytes) -> list[str]:
    """Every paragraph and table row of the document, in order, as text."""
    doc = Document(io.BytesIO(data))
    body = doc.element.body
    out: list[str] = []
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for tr in child.iter():
                if tr.tag.endswith("}tr"):
                    cells = ["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                             for tc in tr if tc.tag.endswith("}tc")]
                    out.append(" | ".join(cells))
    return out


def _blocks(rows: list[list[Any]]) -> Iterator[tuple[str, list[list[Any]], list[Any]]]:
    """(institution header, payable lines, 小计 row) of each block of payable.xlsx."""
    header = ""
    lines: list[list[Any]] = []
    for row in rows:
        if isinstance(row[0], str) and row[0].startswith("培训主体："):
            header, lines = row[0], []
        elif row[4] is not None and CLASS_RE.match(str(row[4])) and row[0] != "暂缓":
            lines.append(row)
        elif row[0] == "小计":
            yield header, lines, row


def test_worked_example_is_a_payment_list_of_102960(example: World) -> None:
    result = settle(example.root, AS_OF)
    plist = payable_list(result.statement)
    assert plist.total == Decimal("102960.00")
    assert plist.total_capital == "人民币壹拾万零贰仟玖佰陆拾元整"
    [block] = plist.blocks
    assert [(x.phase, x.basis, x.amount) for x in block.lines] == [
        ("first", "33 人 × 2,600.00 元 × 80%", Decimal("68640.00")),
        ("remainder", "33 人 × 2,600.00 元 × 20%", Decimal("17160.00")),
        ("bonus", "33 人 × 2,600.00 元 × 20%", Decimal("17160.00")),
    ]
    # payable.xlsx: every line's basis multiplies out to its amount, blocks and total add up
    rows = xlsx_rows(result.files["payable.xlsx"], "拨付清单")
    [(header, lines, subtotal)] = list(_blocks(rows))
    assert header == "培训主体：无锡示例职业培训学校（统一社会信用代码 52320211MA1W00001X）"
    for line in lines:
        counted, price, share, phase_amount, paid, amount = line[6], line[7], line[8], line[10], line[11], line[12]
        assert _money(Decimal(counted) * _money(price) * Decimal(str(share))) == _money(phase_amount)
        assert _money(phase_amount) - _money(paid) == _money(amount)
    assert sum(_money(line[12]) for line in lines) == _money(subtotal[12]) == Decimal("102960.00")
    total = next(r for r in rows if r[0] == "合计")
    assert _money(total[12]) == Decimal("102960.00")
    capital_row = next(r for r in rows if r[0] == "大写")
    assert capital_row[1] == "人民币" + capital(_money(total[12]))
    signers = [r[0] for r in rows if isinstance(r[0], str) and "（签字）" in r[0]]
    assert signers == ["经办人（签字）：", "复核人（签字）：", "负责人（签字）："]
    # payable.docx: the same total and 大写, a sign-off table, A4 in the bureau's fonts
    doc = Document(io.BytesIO(result.files["payable.docx"]))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    text = docx_text(result.files["payable.docx"])
    closing = text[-4]  # the unsplittable row that holds the totals and the sign-off table below
    assert "合计（本次拨付 3 笔）：102,960.00 元" in closing
    assert "大写：人民币壹拾万零贰仟玖佰陆拾元整" in closing
    assert [t.split(" | ")[0] for t in text[-3:]] == ["经办人", "复核人", "负责人"]
    assert "无锡市人力资源和社会保障局" in text[:3] and "单位：元" in text[:4]
    fonts = {(r.font.name, r.bold) for p in doc.paragraphs for r in p.runs if r.text}
    assert ("黑体", False) in fonts and ("仿宋_GB2312", False) in fonts
    fallbacks = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml").blob
    for name, alternative in (("仿宋_GB2312", "仿宋"), ("仿宋", "FangSong"), ("黑体", "SimHei")):
        assert f'w:name="{name}"><w:altName w:val="{alternative}"/>'.encode() in fallbacks


def test_no_pending_or_held_amount_is_payable(example: World) -> None:
    """14 of 40 employed (35 %) with windows still open: the remainder is due, the bonus pending;
    the pending bonus is in 待定 only, never in 本次应拨 or the payment list."""
    set_employment(example, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(14)})
    result = settle(example.root, dt.date(2026, 10, 31))
    [c] = result.report["classes"]
    assert c["phases"]["bonus"]["status"] == "pending"
    assert Decimal(c["pending"]) == Decimal("17160.00")
    assert Decimal(c["payable"]) == Decimal("68640.00") + Decimal("17160.00")
    plist = payable_list(result.statement)
    assert {x.phase for b in plist.blocks for x in b.lines} == {"first", "remainder"}
    assert plist.total == Decimal(result.report["totals"]["payable"]) == Decimal("85800.00")
    rows = xlsx_rows(result.files["settlement.xlsx"], "按班次")
    header = rows[3]
    payable_col, pending_col = header.index("本次应拨（元）"), header.index("待定（元，不计入应拨）")
    [row] = [r for r in rows if r[0] == "P2026-001-01"]
    assert _money(row[payable_col]) == Decimal("85800.00") and _money(row[pending_col]) == Decimal("17160.00")
    assert "未达 50%，跟踪期未结束：跟补待定" in row[header.index("说明")]
    summary = result.files["summary.md"].decode()
    assert "| 待定 | 17,160.00 元 |" in summary and "| 本次应拨 | **85,800.00 元** |" in summary
    # held classes (from the settlement's `held`) are lines with their reason, never amounts
    report = replace(result.statement, held=(HeldEntry(
        class_id="P2026-001-09", rule="CLS-PERIODS", path="classes/2026/P2026-001-09.yaml",
        message="总课时 32，低于 40 课时", project="P2026-001", project_name="养老护理员",
        institution="52320211MA1W00001X", institution_name="无锡示例职业培训学校"),))
    held = payable_list(report)
    assert held.total == plist.total
    assert [(h.class_id, h.reasons) for h in held.held] == [
        ("P2026-001-09", ("CLS-PERIODS：总课时 32，低于 40 课时（classes/2026/P2026-001-09.yaml）",))]
    # on the papers a finance officer signs: the record and what is wrong, no rule code or path
    assert [(h.who, h.words) for h in held.held] == [
        ("项目 P2026-001 养老护理员；培训主体 无锡示例职业培训学校",
         ("培训班次 P2026-001-09：总课时 32，低于 40 课时",))]


def test_not_met_says_what_happens(example: World) -> None:
    set_employment(example, {person(i): ["2026-07", "2026-08", "2026-09"] for i in range(14)})
    result = settle(example.root, AS_OF)  # every window closed: 35 % stays below 50 %
    [c] = result.report["classes"]
    assert c["phases"]["bonus"]["state"] == "not_met" and c["not_met"] == "17160.00" and c["pending"] == "0.00"
    summary = result.files["summary.md"].decode()
    assert "就业率 35.0%，未达 50%，不给予跟补" in summary
    assert "给予成交单价 20% 跟补，待定" not in summary


def test_totals_rows_equal_the_sums_of_their_rows(example: World) -> None:
    add_empty_class(example)
    result = settle(example.root, AS_OF)
    rows = xlsx_rows(result.files["settlement.xlsx"], "按班次")
    header = rows[3]
    assert header == [title for _, title in CLASS_COLUMNS]
    money_cols = [header.index(t) for t in ("本次应拨（元）", "已拨（元）", "待定（元，不计入应拨）", "不予拨付（元）")]
    body = rows[4:]
    group: list[list[Any]] = []
    every: list[list[Any]] = []
    for row in body:
        if row[0] == "小计":
            for col in money_cols:
                assert _money(row[col]) == sum((_money(r[col] or 0) for r in group), Decimal("0.00"))
            every += group
            group = []
        elif row[0] == "合计":
            for col in money_cols:
                assert _money(row[col]) == sum((_money(r[col] or 0) for r in every), Decimal("0.00"))
        else:
            group.append(row)
    rate = {r[0]: r[header.index("就业率")] for r in body if r[0] and CLASS_RE.match(r[0])}
    assert rate == {"P2026-001-01": pytest.approx(0.55), "P2026-001-02": "—"}  # a number, shown as 55.0%
    for name in ("按培训主体", "按项目", "按班次", "暂缓"):
        sheet = xlsx_rows(result.files["settlement.xlsx"], name)
        assert sheet[1][0].startswith(
            "结算基准日 2027-06-30；记录提交 （非 Git 仓库）；政策版本 wuxi-2026-pilot；生成时间")
    institutions = xlsx_rows(result.files["settlement.xlsx"], "按培训主体")
    assert institutions[-1][0] == "合计"
    assert _money(institutions[-1][4]) == Decimal(result.report["totals"]["payable"]) == Decimal("102960.00")


def test_names_and_provenance_in_csv_and_meta(example: World) -> None:
    result = settle(example.root, AS_OF)
    text = result.files["settlement.csv"].decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.split(",")[:7] == [
        "班次", "项目编号", "项目名称", "培训主体", "统一社会信用代码", "职业（工种）", "等级"]
    assert first.startswith("P2026-001-01,P2026-001,养老护理员,无锡示例职业培训学校,52320211MA1W00001X,"
                            "4-10-01-05 养老护理员,四级/中级工,2600.00,40,36,33,22,55.0%,")
    meta = json.loads(result.files["settlement.meta.json"])
    assert meta["as_of"] == "2027-06-30" and meta["policies"] == ["wuxi-2026-pilot"]
    assert meta["generated_at"] == "2027-06-30T00:00:00+08:00" and meta["records_commit"] is None
    assert [c["title"] for c in meta["columns"]] == header.split(",")


def test_a_formula_in_a_name_is_written_as_text(example: World) -> None:
    example.edit(APPLICATION, lambda d: d.__setitem__("project_name", "=HYPERLINK(\"http://x\",\"点我\")"))
    result = settle(example.root, AS_OF)
    rows = list(csv.reader(io.StringIO(result.files["settlement.csv"].decode("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(\"http://x\",\"点我\")"
    wb = load_workbook(io.BytesIO(result.files["payable.xlsx"]))
    cells = [c for row in wb["拨付清单"].iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" and c.value.startswith("'=") for c in cells)


def _settle_in_repo(tmp_path: Path, name: str) -> SettleResult:
    repo = tmp_path / name
    shutil.copytree(WORLD, repo / "records")
    worked_example(World(repo / "records"))
    commit_all(repo, "records", "2027-06-30T18:30:00+08:00")
    return settle(repo / "records", AS_OF)


def test_reruns_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _settle_in_repo(tmp_path, "a")
    again = settle(tmp_path / "a" / "records", AS_OF)
    assert first.files == again.files
    assert first.report["meta"]["generated_at"] == "2027-06-30T18:30:00+08:00"  # the commit's time
    doc = Document(io.BytesIO(first.files["payable.docx"]))
    assert doc.core_properties.created == dt.datetime(2027, 6, 30, 10, 30, tzinfo=dt.UTC)
    assert load_workbook(io.BytesIO(first.files["payable.xlsx"])).properties.modified == dt.datetime(
        2027, 6, 30, 10, 30)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1814400000")
    pinned = settle(tmp_path / "a" / "records", AS_OF)
    assert pinned.report["meta"]["generated_at"] == "2027-07-01T08:00:00+08:00"
    assert pinned.files["payable.docx"] != first.files["payable.docx"]
    assert pinned.files == settle(tmp_path / "a" / "records", AS_OF).files


def _dump_xlsx(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    out = []
    for ws in wb.worksheets:
        out.append(f"## {ws.title}")
        for row in ws.iter_rows(values_only=True):
            out.append(" | ".join("" if v is None else str(v) for v in row).rstrip(" |"))
    return "\n".join(out) + "\n"


def test_golden_artifacts(example: World) -> None:
    """The worked example with the first installment paid, beside an empty class: every artifact
    as text (XLSX and DOCX as read back). `PEIXUN_UPDATE_GOLDEN=1` rewrites them."""
    worked_example(example, first_paid=True)
    add_empty_class(example)
    files = settle(example.root, AS_OF).files
    rendered = {
        "summary.md": files["summary.md"].decode(),
        "settlement.csv": files["settlement.csv"].decode("utf-8-sig"),
        "settlement.meta.json": files["settlement.meta.json"].decode(),
        "settlement.xlsx.txt": _dump_xlsx(files["settlement.xlsx"]),
        "payable.xlsx.txt": _dump_xlsx(files["payable.xlsx"]),
        "payable.docx.txt": "\n".join(docx_text(files["payable.docx"])) + "\n",
    }
    for name, text in rendered.items():
        path = GOLDEN / name
        if UPDATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
        assert path.read_bytes().decode("utf-8") == text, f"{name} differs from its golden file"


# -- the payment list of two institutions, worked by hand (tests/settlement/worlds.py) ---------------

PL_HOLDS = (
    Hold("P2026-001-02", "CLS-EVIDENCE", "classes/2026/P2026-001-02.yaml", "缺少佐证"),
    Hold("P2026-001-02", "PAY-OVER", "records/payments/2026/P2026-001-02.yaml", "已拨超过应拨"),
    Hold("P2026-001-02", "CLS-EVIDENCE-2", "classes/2026/P2026-001-02.yaml", "缺少佐证"),
    Hold("P2026-009-01", "PAY-CLASS", "", "班次不存在"),
)
HEADER = ("| 项目 | 职业（工种）及等级 | 班次 | 拨付阶段 | 计算依据（补贴人数 × 成交单价 × 比例） | 阶段金额 | 已拨 "
          "| 本次拨付 |\n|---|---|---|---|---|---:|---:|---:|\n")
OCCUPATION = "4-10-01-05 养老护理员 四级/中级工"
A_LINE = f"| P2026-001 养老护理员 | {OCCUPATION} | P2026-001-0"
TWO_INSTITUTIONS_MD = "\n".join([
    "# 重点群体项目化就业技能培训补贴拨付清单",
    "",
    "结算基准日 2027-06-30；记录提交 （非 Git 仓库）；政策版本 wuxi-2026-pilot；"
    "生成时间 2027-06-30 00:00:00（北京时间）。",
    "",
    "## 1. 无锡乙职业培训学校（统一社会信用代码 12320200MB0000000X）",
    "",
    HEADER + f"| P2026-002 乙护理员 | {OCCUPATION} | P2026-002-01 | 首期（80%） | 2 人 × 1,500.00 元 × 80% "
    "| 2,400.00 元 | 0.00 元 | 2,400.00 元 |",
    "| 小计 | | | | | | | **2,400.00 元** |",
    "",
    "## 2. 无锡示例职业培训学校（统一社会信用代码 52320211MA1W00001X）",
    "",
    HEADER + A_LINE + "1 | 剩余补贴（20%） | 10 人 × 1,000.00 元 × 20% | 2,000.00 元 | 0.00 元 | 2,000.00 元 |",
    A_LINE + "1 | 跟补（20%） | 10 人 × 1,000.00 元 × 20% | 2,000.00 元 | 0.00 元 | 2,000.00 元 |",
    A_LINE + "3 | 首期（80%） | 4 人 × 1,000.00 元 × 80% | 3,200.00 元 | 0.00 元 | 3,200.00 元 |",
    "| 小计 | | | | | | | **7,200.00 元** |",
    "",
    "**合计（本次拨付）：9,600.00 元，4 笔；大写：人民币玖仟陆佰元整**",
    "",
    "不在本清单内：待定 1,200.00 元（就业跟踪期未结束或班次未结业，条件满足后才应拨付），"
    "不予拨付 1,600.00 元（就业率未达标）。",
    "",
    "## 暂缓拨付的班次（记录有错误，修正并重新结算后再拨付）",
    "",
    "- P2026-001-02（无锡示例职业培训学校，P2026-001 养老护理员）："
    "CLS-EVIDENCE：缺少佐证（classes/2026/P2026-001-02.yaml）；"
    "PAY-OVER：已拨超过应拨（records/payments/2026/P2026-001-02.yaml）；"
    "CLS-EVIDENCE-2：缺少佐证（classes/2026/P2026-001-02.yaml）",
    "- P2026-009-01（培训主体不明）：PAY-CLASS：班次不存在（）",
    "",
    "## 签字",
    "",
    "| | 签字 | 日期 |",
    "|---|---|---|",
    "| 经办人 | | 年 月 日 |",
    "| 复核人 | | 年 月 日 |",
    "| 负责人 | | 年 月 日 |",
    "",
])


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory) -> SettlementReport:
    """Built once: the list only reads the report."""
    world = World(tmp_path_factory.mktemp("plist") / "records")
    shutil.copytree(WORLD, world.root)
    return report_of(two_institutions(world), PL_HOLDS)


@pytest.fixture
def two_lists(two_reports: SettlementReport) -> PayableList:
    """Made in each test, so that each test is one that calls payable_list (mutmut picks a
    mutant's tests by the functions they call)."""
    return payable_list(two_reports)


def test_payment_list_of_two_institutions_pays_what_is_due_and_nothing_else_si_wu(two_lists: PayableList) -> None:
    """The first 8,000 of P2026-001-01 is paid (due, nothing left: no line); P2026-002-01's pending
    1,200 and P2026-001-03's not-met 1,600 are named below the total, never in it."""
    plist = two_lists
    assert [(b.uscc, b.name, b.subtotal) for b in plist.blocks] == [
        ("12320200MB0000000X", "无锡乙职业培训学校", Decimal("2400.00")),
        ("52320211MA1W00001X", "无锡示例职业培训学校", Decimal("7200.00"))]
    assert [(x.class_id, x.phase, x.counted, x.unit_price, x.share, x.phase_amount, x.paid, x.amount)
            for b in plist.blocks for x in b.lines] == [
        ("P2026-002-01", "first", 2, Decimal("1500.00"), Decimal("0.8"), Decimal("2400.00"), Decimal("0.00"),
         Decimal("2400.00")),
        ("P2026-001-01", "remainder", 10, Decimal("1000.00"), Decimal("0.2"), Decimal("2000.00"), Decimal("0.00"),
         Decimal("2000.00")),
        ("P2026-001-01", "bonus", 10, Decimal("1000.00"), Decimal("0.2"), Decimal("2000.00"), Decimal("0.00"),
         Decimal("2000.00")),
        ("P2026-001-03", "first", 4, Decimal("1000.00"), Decimal("0.8"), Decimal("3200.00"), Decimal("0.00"),
         Decimal("3200.00")),
    ]
    assert (plist.total, plist.count, plist.total_capital) == (Decimal("9600.00"), 4, "人民币玖仟陆佰元整")
    assert (plist.pending, plist.not_met) == (Decimal("1200.00"), Decimal("1600.00"))
    assert (plist.as_of, plist.generated_at, plist.issuer) == (
        "2027-06-30", "2027-06-30T00:00:00+08:00", "无锡市人力资源和社会保障局")
    line = plist.blocks[0].lines[0]
    assert (line.project, line.project_name, line.occupation) == ("P2026-002", "乙护理员", OCCUPATION)
    assert (line.phase_label, line.basis) == ("首期（80%）", "2 人 × 1,500.00 元 × 80%")


def test_held_classes_are_listed_once_with_every_reason_for_the_finance_office(two_lists: PayableList) -> None:
    assert [(h.class_id, h.project, h.project_name, h.institution, h.institution_name) for h in two_lists.held] == [
        ("P2026-001-02", "P2026-001", "养老护理员", "52320211MA1W00001X", "无锡示例职业培训学校"),
        ("P2026-009-01", "", "", "", "")]
    held, unknown = two_lists.held
    assert held.reasons == ("CLS-EVIDENCE：缺少佐证（classes/2026/P2026-001-02.yaml）",
                            "PAY-OVER：已拨超过应拨（records/payments/2026/P2026-001-02.yaml）",
                            "CLS-EVIDENCE-2：缺少佐证（classes/2026/P2026-001-02.yaml）")
    # the words a finance officer reads: the same sentence about the same record once
    assert held.words == ("培训班次 P2026-001-02：缺少佐证", "补贴拨付 P2026-001-02：已拨超过应拨")
    assert held.who == "项目 P2026-001 养老护理员；培训主体 无锡示例职业培训学校"
    assert unknown.words == ("记录：班次不存在",)
    assert unknown.who == "项目和培训主体不明（班次记录无法读取）"


def test_payment_list_markdown_of_two_institutions(two_lists: PayableList) -> None:
    assert render_markdown(two_lists) == TWO_INSTITUTIONS_MD
    under = render_markdown(two_lists, heading="##")
    assert under.startswith("## 重点群体项目化就业技能培训补贴拨付清单\n")
    assert "\n### 2. 无锡示例职业培训学校（" in under and "\n### 签字\n" in under
    assert "\n### 暂缓拨付的班次（" in under


def test_an_empty_payment_list_says_so_and_totals_zero(world: World) -> None:
    """Nothing due (as of 2026-06-30 the class has not been certified): no block, 零元整."""
    plist = payable_list(report_of(world, as_of=dt.date(2026, 6, 19)))
    assert (plist.blocks, plist.held, plist.total, plist.count) == ((), (), Decimal("0.00"), 0)
    assert plist.total_capital == "人民币零元整"
    text = render_markdown(plist)
    assert "\n\n本次没有应拨付的款项。\n\n**合计（本次拨付）：0.00 元，0 笔；大写：人民币零元整**\n" in text
    assert "暂缓拨付" not in text


def test_a_phase_with_one_fen_left_to_pay_is_on_the_list(world: World) -> None:
    """First 8,000 due, 7,999.99 paid: 0.01 is still owed and paid now; remainder and bonus 2,000 each."""
    world.dump(PAYMENTS, {"class": "P2026-001-01", "installments": [
        {"phase": "first", "amount": 7999.99, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"}]})
    plist = payable_list(report_of(world))
    [block] = plist.blocks
    assert [(x.phase, x.phase_amount, x.paid, x.amount) for x in block.lines] == [
        ("first", Decimal("8000.00"), Decimal("7999.99"), Decimal("0.01")),
        ("remainder", Decimal("2000.00"), Decimal("0.00"), Decimal("2000.00")),
        ("bonus", Decimal("2000.00"), Decimal("0.00"), Decimal("2000.00"))]
    assert plist.total_capital == "人民币肆仟元零壹分"


def test_an_overpaid_phase_is_not_on_the_list(world: World) -> None:
    world.dump(PAYMENTS, {"class": "P2026-001-01", "installments": [
        {"phase": "first", "amount": 8000.01, "paid_on": dt.date(2026, 7, 15), "voucher": "V1"}]})
    plist = payable_list(report_of(world))
    assert [x.phase for b in plist.blocks for x in b.lines] == ["remainder", "bonus"]
    assert plist.total == Decimal("4000.00")


@pytest.mark.parametrize(("path", "words"), [
    ("classes/2026/P2026-001-02.yaml", "培训班次 P2026-001-02：m"),
    ("records/classes/2026/P2026-001-02.yaml", "培训班次 P2026-001-02：m"),
    ("payments/2026/P2026-001-02.yaml", "补贴拨付 P2026-001-02：m"),
    ("institutions/52320211MA1W00001X.yaml", "培训主体 52320211MA1W00001X：m"),
    ("prior_subsidies.yaml", "已享受培训补贴 prior_subsidies：m"),
    ("records/roles.yaml", "账号与角色 roles：m"),
    ("2026/classes.yaml", "classes.yaml：m"),
    ("notes/readme.txt", "readme.txt：m"),
    ("", "记录：m"),
])
def test_held_words_name_the_record_by_its_kind(path: str, words: str) -> None:
    assert held_words(HeldEntry(class_id="P2026-001-02", rule="R", path=path, message="m")) == words


def test_who_says_what_the_records_tell(two_lists: PayableList) -> None:
    only_project = replace(two_lists.held[0], institution_name="")
    assert only_project.who == "项目 P2026-001 养老护理员"
    only_institution = replace(two_lists.held[0], project="", project_name="")
    assert only_institution.who == "培训主体 无锡示例职业培训学校"
    no_name = replace(two_lists.held[0], project_name="")
    assert no_name.who == "项目 P2026-001；培训主体 无锡示例职业培训学校"
