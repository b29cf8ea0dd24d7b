"""The attack of issue 24 on public money: from `data/payments.csv`, the OCDS packages and the 资金预算
page's 应拨未拨 alone, recover each class's counted trainees (first installment ÷ 80 % ÷ unit price)
and whether it reached 30 % / 50 % stable employment (a remainder or a bonus paid or due). Run on the
bureau's own figures it succeeds; run on what the build publishes it must recover nothing for any
class whose outcome the outcome pages withhold, and no published total may differ from the sum of
the published projects (a difference would isolate a withheld one)."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.publish.disclosure import WITHHELD_MONEY, money_cohorts, money_projects
from generator.publish.views import build_views
from generator.site import assemble, outputs_process, urls
from generator.site.bundle import Bundle
from tests.site.helpers import MKDOCS_YML, SAMPLE, SAMPLE_AS_OF
from tests.site.test_publication import VALID_USCC

FIRST = Decimal("0.8")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Bundle, Path]:
    tmp = tmp_path_factory.mktemp("money")
    records = tmp / "records"
    shutil.copytree(SAMPLE, records)
    settings = {"records": str(records), "as_of": SAMPLE_AS_OF.isoformat(), "ocds_prefix": "ocds-a1b2c3",
                "publisher_uscc": VALID_USCC}
    bundle = assemble.prepare(settings, str(MKDOCS_YML), str(tmp / "docs"), site_url="https://peixun.wuxi.gov.cn/")
    out = tmp / "out"
    assert outputs_process.write_outputs(bundle, out, workers=1) == []
    return bundle, out


def attack(payments: list[dict[str, Any]], budget: dict[str, dict[str, str]], prices: dict[str, Decimal],
           ) -> dict[str, tuple[int | None, bool, bool]]:
    """What the script of issue 24 recovers per project: (counted trainees, ≥30 %, ≥50 %) from
    payment rows (project, phase?, amount) and the budget's per-project due now."""
    found: dict[str, tuple[int | None, bool, bool]] = {}
    by_project: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in payments:
        by_project[row["project"]].append(row)
    for project in set(by_project) | {p for p, cells in budget.items() if "due_now" in cells}:
        rows = by_project.get(project, [])
        first = sum((Decimal(r["amount"]) for r in rows if r.get("phase") in (None, "first")), Decimal(0))
        counted = int(first / FIRST / prices[project]) if first and prices.get(project) else None
        due = Decimal(budget.get(project, {}).get("due_now", "0"))
        remainder = any(r.get("phase") == "remainder" for r in rows) or due > 0
        bonus = any(r.get("phase") == "bonus" for r in rows)
        found[project] = (counted, remainder, bonus)
    return found


def budget_cells(markdown: str) -> dict[str, dict[str, str]]:
    """Each project row's published amounts on the 资金预算 page: {project: {key: "1234.50"}}."""
    rows: dict[str, dict[str, str]] = {}
    for tables in re.findall(r'<table[^>]*id="px-budget-projects-[^"]+".*?</table>', markdown, flags=re.S):
        for key, cells in re.findall(r'<tr data-px-id="([^"]+)">(.*?)</tr>', tables, flags=re.S):
            rows[key] = {name: value for value, name in re.findall(r'data-px-value="([^"]+)" data-px-key="([^"]+)"',
                                                                 cells)}
    return rows


def test_the_attack_works_on_the_bureaus_own_figures(published: tuple[Bundle, Path]) -> None:
    """Positive control: per class and phase, as the settlement holds them, the script recovers each
    class's counted trainees exactly."""
    bundle, _ = published
    data = bundle.data
    rows = [{"project": c.class_id, "phase": phase, "amount": str(amount)}
            for c in data.settlement.classes for phase, amount in c.paid_by_phase.items() if amount]
    prices = {c.class_id: c.unit_price for c in data.settlement.classes}
    found = attack(rows, {}, prices)
    paid_first = [c for c in data.settlement.classes if c.paid_by_phase.get("first")]
    assert paid_first
    for c in paid_first:
        assert found[c.class_id][0] == c.counted, c.class_id


def test_nothing_of_a_withheld_cohort_is_recovered_from_what_is_published(
        published: tuple[Bundle, Path]) -> None:
    bundle, out = published
    data = bundle.data
    views = build_views(data)
    money = money_projects(money_cohorts(data.records, data.settlement), data.min_cell)
    withheld_classes = [(p, c) for p, c in views.classes if c.stage != "finished" or c.employed_band is None]
    assert withheld_classes, "the sample must have classes the outcome pages withhold"
    withheld = {p.project.id for p, _ in withheld_classes}
    assert withheld - money == withheld  # no project of a withheld class has public money at this date

    text = (out / "data" / "payments.csv").read_text(encoding="utf-8-sig")
    assert "拨付阶段" not in text.splitlines()[0]  # phases are never told apart
    rows = [{"project": r["项目编号"], "amount": r["金额"]} for r in csv.DictReader(io.StringIO(text))]
    packages = sorted((out / "data" / "ocds").glob("P*.json"))
    assert {p.stem for p in packages} >= withheld  # the packages are there, without the money
    for package in packages:
        for release in json.loads(package.read_text(encoding="utf-8"))["releases"]:
            for contract in release.get("contracts", []):
                for tx in contract.get("implementation", {}).get("transactions", []):
                    rows.append({"project": package.stem, "amount": str(tx["value"]["amount"])})
    budget_md = bundle.pages[urls.BUDGET]
    budget = budget_cells(budget_md)
    prices = {p.project.id: p.project.unit_price for p in views.projects if p.project.unit_price}
    found = attack(rows, budget, prices)
    for project in withheld:
        assert found.get(project, (None, False, False)) == (None, False, False), project
        assert "paid" not in budget.get(project, {}) and "due_now" not in budget.get(project, {}), project
    assert budget_md.count(WITHHELD_MONEY) >= 3 * len(withheld & set(budget))


def test_every_published_money_total_is_the_sum_of_the_published_projects(
        published: tuple[Bundle, Path]) -> None:
    bundle, out = published
    data = bundle.data
    views = build_views(data)
    shown = [p.paid for p in views.projects if p.paid is not None]
    home = bundle.pages[urls.HOME]
    total = sum(shown, Decimal("0.00"))
    assert f"{total:,.2f} 元" in home
    institutions = json.loads((out / "data" / "institutions.json").read_text(encoding="utf-8"))
    assert sum((Decimal(str(i["paid"])) for i in institutions), Decimal(0)) == total
