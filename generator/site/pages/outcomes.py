"""培训成效: aggregate outcomes of finished cohorts with SVG charts and their data tables."""

from __future__ import annotations

from markupsafe import Markup

from generator.publish.data import SiteData
from generator.publish.disclosure import SUPPRESSED
from generator.publish.outcome_tables import OutcomeTable, outcome_tables, scale_by_field
from generator.publish.views import Views
from generator.site import urls
from generator.site.charts import Bar, Marker, bar_chart
from generator.site.templates import percent, render


def markers(data: SiteData) -> list[Marker]:
    """The policy's thresholds, drawn as dashed lines: a reader sees at once which groups reach them."""
    if data.policy is None:
        return []
    sub = data.policy.subsidy
    return [Marker(sub.remainder_threshold, f"拨付剩余补贴的门槛 {percent(sub.remainder_threshold)}"),
            Marker(sub.bonus_threshold, f"跟补的门槛 {percent(sub.bonus_threshold)}")]


def chart(data: SiteData, t: OutcomeTable) -> Markup:
    bars = [Bar(r.label, r.employed.rate, r.employed.rate_text if r.employed.rate is not None else "不公开")
            for r in [*t.rows, t.total]]
    return bar_chart(f"px-chart-{t.slug}", f"稳定就业率（{t.title}）", bars, markers(data))


def build(data: SiteData, views: Views) -> dict[str, str]:
    tables = outcome_tables(views, data.min_cell)
    scale_rows, scale_total = scale_by_field(views)
    sub = data.policy.subsidy if data.policy else None
    text = render(
        "outcomes.md.j2", here=urls.OUTCOMES, data=data, tables=tables,
        charts={t.slug: chart(data, t) for t in tables if t.rows},
        marker_note=("虚线：" + "，".join(m.label for m in markers(data))) if data.policy else "",
        finished=any(c.stage == "finished" for _, c in views.classes),
        scale_rows=scale_rows, scale_total=scale_total, k=data.min_cell, suppressed=SUPPRESSED,
        window=sub.employment_window_months if sub else 6, stable=sub.stable_employment_months if sub else 3,
    )
    return {urls.OUTCOMES: text}
