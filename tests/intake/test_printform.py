"""The printable 征集表: every field of the attachment, in its order, in DOCX and HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from generator.cli import main
from tests.conftest import APPLICATION, World

SAMPLE = Path(__file__).parents[2] / "records"

LABELS = ("项目名称", "申请单位", "单位地址", "单位类型", "是否为目录内工种", "工种编码", "法人代表", "项目联系人",
          "电话", "邮箱地址", "培训项目说明")
VALUES = (
    "养老护理员", "无锡示例职业培训学校", "无锡市滨湖区示例路 1 号", "☐普通高等院校", "☑职业技能培训机构",
    "☑是  ☐否", "4-10-01-05 养老护理员（四级/中级工）", "王示例", "李联系", "0510-85551234", "office@example.cn",
    "全市养老机构床位持续增加，护理人员缺口大。", "需要具备失能老人照护、急救和康复辅助技能的护理员。",
    "培训 20 人，取得四级证书，预期就业率 60%。", "职业道德与基础知识", "生活照料与基础护理", "无锡示例康养有限公司",
    "结业后组织专场招聘会，跟踪服务 6 个月。", "师资费", "耗材费", "评价费", "申报单价 1000 元/人。",
    "总课时 48（理论 16，实操 32，实操占 66.7%；1 课时 = 45 分钟）", "职业技能等级证书", "预期重点群体就业率 60%",
    "培训对象：农村转移就业劳动者、城镇登记失业人员", "法定代表人签名：", "单位盖章：", "日期：", "内容提示：",
)


def texts(table: Any) -> Iterator[str]:
    """Cell texts in reading order, nested tables included (merged cells repeat, so deduplicate)."""
    seen: list[Any] = []  # the elements themselves: ids of freed lxml proxies get reused
    for row in table.rows:
        for cell in row.cells:
            if any(cell._tc is tc for tc in seen):
                continue
            seen.append(cell._tc)
            yield cell.text
            for inner in cell.tables:
                yield from texts(inner)


def test_docx_opens_and_holds_every_field_in_the_attachments_order(world: World, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "form.docx"
    code = main(["form", "A2026-001", "--docx", "--out", str(out), "--records", str(world.root)])
    assert code == 0
    assert "declaration.scan_sha256" in capsys.readouterr().out
    document = docx.Document(str(out))
    cells = list(texts(document.tables[0]))
    everything = "\n".join(cells + [p.text for p in document.paragraphs])
    positions = [cells.index(label) for label in LABELS]
    assert positions == sorted(positions)
    assert cells.index("项目申报\n单位意见") > positions[-1]
    for value in VALUES:
        assert value in everything, value
    assert "重点群体项目化就业技能培训项目征集表" in everything
    assert "以名词(如设备名称等)加动词" in everything  # the attachment's 备注


def test_html_is_printable_escaped_and_complete(world: World, tmp_path: Path) -> None:
    world.edit(APPLICATION, lambda d: d["description"].__setitem__("goals", "<script>alert(1)</script> 就业率 60%"))
    out = tmp_path / "form.html"
    assert main(["form", "A2026-001", "--html", "--out", str(out), "--records", str(world.root)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html
    for label in (*LABELS, "项目申报<br>单位意见"):
        assert label in html
    shown = re.sub(r"<span class=\"nobr\">|</span>", "", html)  # codes are kept whole by spans
    for value in VALUES:
        if "内容提示" not in value and not value.startswith("培训 20 人"):
            assert value in shown, value
    assert "peixun form" not in html and "declaration.scan_sha256" not in html  # no technical footer
    assert "@page" in html and "A4" in html


def test_an_unknown_application_is_a_clear_error(world: World, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["form", "A2099-999", "--out", str(tmp_path / "x.docx"), "--records", str(world.root)])
    assert code == 2
    assert "找不到申报表 A2099-999" in capsys.readouterr().err
    assert not (tmp_path / "x.docx").exists()


def test_without_out_the_form_goes_to_a_temporary_folder_not_the_working_tree(
        world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(world.root)
    before = sorted(p.name for p in world.root.iterdir())
    assert main(["form", "A2026-001", "--docx", "--records", str(world.root)]) == 0
    assert sorted(p.name for p in world.root.iterdir()) == before
    out = capsys.readouterr().out
    written = Path(out.split("已生成 ", 1)[1].split("。", 1)[0])
    assert written.name == "A2026-001.docx" and written.is_file()
    assert world.root.resolve() not in written.resolve().parents
    docx.Document(str(written))  # a real document
    shutil.rmtree(written.parent)


def test_the_printed_form_fits_two_a4_pages_and_keeps_codes_whole(tmp_path: Path, browser: Any) -> None:
    """The bundled sample's longest application, printed by Chromium: two pages, the section on
    goals says them once, and no code, phone number or e-mail address is broken across lines."""
    out = tmp_path / "form.html"
    assert main(["form", "A2026-001", "--html", "--out", str(out), "--records", str(SAMPLE)]) == 0
    html = out.read_text(encoding="utf-8")
    goals = html.split("四、培训预期目标", 1)[1].split("五、", 1)[0]
    assert "计划培训" not in goals and goals.count("预期重点群体就业率") == 1
    page = browser.new_page()
    try:
        page.goto(out.as_uri())
        pdf = tmp_path / "form.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.MULTILINE), info
    assert "(A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for token in ("91320214MA1Y4F2K9G", "91320281MA20QX5B4K", "peixun@jyjs.example.org", "0510-86550101",
                  "6-31-07-03"):
        assert token in text, token
