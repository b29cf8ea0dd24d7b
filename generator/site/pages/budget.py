"""资金预算: each call's budget against what its selected projects may cost, and per year; the
figures are `generator.settlement.budget.compute_budget`'s, the same as `peixun budget --format json`."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from markupsafe import Markup

from generator.publish.data import SiteData
from generator.publish.disclosure import WITHHELD_MONEY, money_cohorts, money_projects
from generator.publish.views import Views
from generator.settlement.arithmetic import money as money_of
from generator.settlement.budget import ZERO, Budget, Line, compute_budget
from generator.site import urls
from generator.site.charts import Bar, bar_chart
from generator.site.lists import LIST_ROWS
from generator.site.templates import render, wan_yuan

COLUMNS = (
    ("budget", "资金预算"), ("committed", "已承诺"), ("paid", "已拨付"), ("due_now", "应拨未拨"),
    ("pending", "待定"), ("remaining", "剩余"),
)


# the per-project list: the exposure's factors and what the settlement says of the project so far
PROJECT_COLUMNS = (
    ("trainees", "培训人数"), ("unit_price", "成交单价"), ("exposure", "最高支出"), ("paid", "已拨付"),
    ("due_now", "应拨未拨"), ("pending", "待定"),
)


def fen(value: Decimal) -> str:
    """An amount exactly as `peixun budget --format json` writes it (for the page's data attributes)."""
    return f"{value:.2f}"


def share(line: Line) -> Decimal | None:
    return line.committed / line.budget if line.budget > 0 else None


def chart(lines: list[Line]) -> Markup:
    bars = []
    for line in lines:
        rate = share(line)
        shown = f"{wan_yuan(line.committed)} / {wan_yuan(line.budget)}"
        if rate is not None:
            shown += f"（{(rate * 100).quantize(Decimal('0.1'))}%）"
        bars.append(Bar(line.key, min(rate, Decimal(1)) if rate is not None else None, shown))
    return bar_chart("px-chart-budget", "各征集计划已承诺金额占资金预算的比例", bars)


def page_budget(data: SiteData) -> Budget:
    """The budget as the public may see it: `compute_budget`'s (what `peixun budget` gives the
    bureau) under the money rule of `disclosure` (issue 24). A project whose money is withheld shows
    its committed plan figure only (a terminated one the plan's, not the settlement's), and every
    line's paid, due now and pending sum only the projects whose money is public, so no figure
    on the page, nor any difference of two, tells a withheld cohort's counts or thresholds."""
    result = compute_budget(data.records, data.settlement)
    money = money_projects(money_cohorts(data.records, data.settlement), data.min_cell)
    return Budget(result.as_of, [_public(line, money) for line in result.calls],
                  [_public(line, money) for line in result.years])


def _public(line: Line, money: frozenset[str]) -> Line:
    shown = Line(line.key, line.title, line.budget, opens_on=line.opens_on, closes_on=line.closes_on)
    for e in line.projects:
        if e.project in money:
            shown.projects.append(e)
            shown.committed += e.amount
            shown.paid += e.paid
            shown.due_now += e.due_now
            shown.pending += e.pending
            continue
        planned = money_of(e.trainees * e.unit_price * (1 + e.bonus_share)) if e.terminated else e.amount
        hidden = replace(e, amount=planned, paid=ZERO, due_now=ZERO, pending=ZERO, withheld=True)
        shown.projects.append(hidden)
        shown.committed += hidden.amount
    return shown


def build(data: SiteData, views: Views) -> dict[str, str]:
    result = page_budget(data)
    text = render(
        "budget.md.j2", here=urls.BUDGET, data=data, result=result, columns=COLUMNS, amt=fen,
        chart=chart(result.calls) if result.calls else None, project_columns=PROJECT_COLUMNS,
        published={p.id for p in views.projects}, institutions=views.institutions,
        rows=LIST_ROWS,  # per call: the page must not grow with the number of projects
        bonus=data.policy.subsidy.bonus_share if data.policy else None, withheld_money=WITHHELD_MONEY,
    )
    return {urls.BUDGET: text}
