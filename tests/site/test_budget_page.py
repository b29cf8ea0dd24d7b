"""资金预算 and the home page's calls: the page's figures are `peixun budget --format json`'s."""

from __future__ import annotations

import re
from html import unescape

import pytest

from generator.site.build import BuildResult
from tests.budget.test_budget import run_json
from tests.site.helpers import SAMPLE, SAMPLE_AS_OF


def _page_figures(html: str, table_id: str) -> dict[str, dict[str, str]]:
    """Each row's amounts as the page's cells carry them: {row id: {key: "1234.50"}}."""
    table = html[html.index(f'id="{table_id}"'):]
    table = table[:table.index("</table>")]
    rows: dict[str, dict[str, str]] = {}
    for key, cells in re.findall(r'<tr data-px-id="([^"]+)">(.*?)</tr>', table, flags=re.S):
        found = re.findall(r'data-px-value="([^"]+)" data-px-key="([^"]+)"', cells)
        rows[unescape(key)] = {name: value for value, name in found}
    return rows


def test_the_budget_page_equals_peixun_budget_json(built_site: BuildResult,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, "--records", str(SAMPLE), "--as-of", SAMPLE_AS_OF.isoformat(), "--no-cache")
    assert code == 0
    html = (built_site.out / "budget" / "index.html").read_text(encoding="utf-8")
    keys = ("budget", "committed", "paid", "due_now", "pending", "remaining")
    for table_id, lines in (("px-budget-calls", report["calls"]), ("px-budget-years", report["years"])):
        shown = _page_figures(html, table_id)
        assert set(shown) == {line["id"] for line in lines}
        for line in lines:
            assert shown[line["id"]] == {k: line[k] for k in keys}, line["id"]
    # and the visible text shows the same amounts
    assert "484,380.00 元" in html and "15,620.00 元" in html


def test_the_home_page_shows_the_open_call_and_the_closed_calls_selection(built_site: BuildResult) -> None:
    html = (built_site.out / "index.html").read_text(encoding="utf-8")
    block = html[html.index('data-px-call="C2027-01"'):]
    block = block[:block.index("</section>")]
    assert "正在征集" in block and "截止" in block and "2026年12月31日" in block
    closed = html[html.index('data-px-call="C2026-01"'):]
    closed = closed[:closed.index("</section>")]
    assert "征集已结束" in closed and "智能产线运维" in closed and "工业机器人系统操作员" in closed
    assert "动力电池包检测维修" not in closed  # rejected: not on the list of selected projects
