"""资金预算 and the home page's calls: the page's figures are `peixun budget --format json`'s."""

from __future__ import annotations

import re
from decimal import Decimal
from html import unescape
from typing import Any

import pytest

from generator.pipeline import run
from generator.publish.data import load_site
from generator.publish.disclosure import WITHHELD_MONEY, money_cohorts, money_projects
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


def text_of(markup: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", markup).split())


def public_money(report: dict[str, Any]) -> frozenset[str]:
    """The projects whose money the page may show (docs/privacy.md, `disclosure.money_public`)."""
    r = run(SAMPLE, SAMPLE_AS_OF)
    return money_projects(money_cohorts(r.records, r.settlement), load_site(SAMPLE, SAMPLE_AS_OF).min_cell)


def plan_exposure(p: dict[str, Any]) -> Decimal:
    return (p["trainees"] * Decimal(p["unit_price"]) * (1 + Decimal(p["bonus_share"]))).quantize(Decimal("0.01"))


def test_the_budget_page_is_peixun_budget_json_under_the_money_rule(built_site: BuildResult,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """The bureau's `peixun budget` gives every figure; the page sums paid, 应拨未拨 and 待定 over
    the projects whose money is public only (issue 24), and a withheld terminated project commits
    its plan, not its settlement."""
    code, report = run_json(capsys, "--records", str(SAMPLE), "--as-of", SAMPLE_AS_OF.isoformat(), "--no-cache")
    assert code == 0
    public = public_money(report)
    html = (built_site.out / "budget" / "index.html").read_text(encoding="utf-8")
    keys = ("budget", "committed", "paid", "due_now", "pending", "remaining")
    for table_id, lines in (("px-budget-calls", report["calls"]), ("px-budget-years", report["years"])):
        shown = _page_figures(html, table_id)
        assert set(shown) == {line["id"] for line in lines}
        for line in lines:
            expected = {k: Decimal(line[k]) for k in ("budget",)}
            expected["committed"] = sum((Decimal(p["exposure"]) if p["project"] in public or not p["terminated"]
                                         else plan_exposure(p) for p in line["projects"]), Decimal("0.00"))
            for k in ("paid", "due_now", "pending"):
                expected[k] = sum((Decimal(p[k]) for p in line["projects"] if p["project"] in public),
                                  Decimal("0.00"))
            expected["remaining"] = expected["budget"] - expected["committed"]
            assert {k: Decimal(v) for k, v in shown[line["id"]].items()} == expected, line["id"]
            assert set(shown[line["id"]]) == set(keys)


def test_each_selected_projects_exposure_is_shown_and_its_money_only_once_public(
        built_site: BuildResult, capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(capsys, "--records", str(SAMPLE), "--as-of", SAMPLE_AS_OF.isoformat(), "--no-cache")
    assert code == 0
    public = public_money(report)
    html = (built_site.out / "budget" / "index.html").read_text(encoding="utf-8")
    listed = 0
    for line in report["calls"]:
        if not line["projects"]:
            assert f'id="px-budget-projects-{line["id"]}"' not in html
            continue
        shown = _page_figures(html, f'px-budget-projects-{line["id"]}')
        assert list(shown) == [p["project"] for p in line["projects"]]
        for p in line["projects"]:
            keys = ("trainees", "unit_price", "exposure", *(("paid", "due_now", "pending") if p["project"] in public
                                                            else ()))
            expected = {k: str(p[k]) for k in keys}
            if p["terminated"] and p["project"] not in public:
                expected["exposure"] = str(plan_exposure(p))
            assert shown[p["project"]] == expected, p["project"]
            row = html[html.index(f'<tr data-px-id="{p["project"]}">'):]
            row = text_of(row[:row.index("</tr>")])
            assert (WITHHELD_MONEY in row) is (p["project"] not in public), row
        listed += len(line["projects"])
    assert listed == 7  # the sample's seven selected (or completed, or terminated) projects, all under C2026-01
    p1 = next(p for p in report["calls"][0]["projects"] if p["project"] == "P2026-001")
    # 60 × 1450 × (1 + 20%) in the JSON, with the project's and its institution's names
    assert (p1["trainees"], p1["unit_price"], p1["bonus_share"], p1["exposure"]) == (60, "1450.00", "0.2", "104400.00")
    assert p1["name"] and p1["institution_name"] == "江阴示例技师学院"
    row = html[html.index('<tr data-px-id="P2026-001">'):]
    row = text_of(row[:row.index("</tr>")])
    for shown_text in ("江阴示例技师学院", "60 人", "1,450.00 元", "104,400.00 元"):
        assert shown_text in row, (shown_text, row)
    terminated = next(p for line in report["calls"] for p in line["projects"] if p["terminated"])
    assert terminated["project"] in html


def test_the_home_page_shows_the_open_call_and_the_closed_calls_selection(built_site: BuildResult) -> None:
    html = (built_site.out / "index.html").read_text(encoding="utf-8")
    block = html[html.index('data-px-call="C2027-01"'):]
    block = block[:block.index("</section>")]
    assert "正在征集" in block and "截止" in block and "2026年12月31日" in block
    closed = html[html.index('data-px-call="C2026-01"'):]
    closed = closed[:closed.index("</section>")]
    assert "征集已结束" in closed and "智能产线运维" in closed and "工业机器人系统操作员" in closed
    assert "动力电池包检测维修" not in closed  # rejected: not on the list of selected projects


