"""Indicators about prices: every project of an institution priced at the cap of 通知 四(三)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from pydantic import Field

from generator.rules.pricing import price_cap, yuan
from generator.signals.context import SignalContext, percent, share
from generator.signals.registry import IndicatorSettings, Measure, Threshold, indicator


class PriceCapSettings(IndicatorSettings):
    threshold: Threshold = Decimal("1")
    min_projects: int = Field(3, ge=1, title="最少项目数", description="培训机构有成交单价的项目至少这么多个才计算")


@indicator("SIG-PRICE-AT-CAP", "institution", "通知 四(三)、五(二)",
           "一家培训机构每个项目的成交单价都恰好等于上限", PriceCapSettings)
def price_at_cap(ctx: SignalContext, s: PriceCapSettings) -> Iterable[Measure]:
    """Of an institution's projects with a deal price and a known cap (the catalog standard or the
    policy's cap for new projects, as PRJ-PRICE reads it), the share priced exactly at the cap."""
    priced: dict[str, int] = defaultdict(int)
    at_cap: dict[str, list[str]] = defaultdict(list)
    for rec in ctx.records.projects.values():
        prj = rec.model
        app = ctx.records.application_of(prj)
        if prj.unit_price is None or app is None:
            continue
        cap = price_cap(ctx.records, app)
        if cap is None:
            continue
        priced[app.institution] += 1
        if prj.unit_price == cap.amount:
            at_cap[app.institution].append(f"{prj.id}（{yuan(prj.unit_price)} 元）")
    for inst, n in priced.items():
        if n < s.min_projects:
            continue
        hits = at_cap[inst]
        value = share(len(hits), n)
        listed = "；".join(sorted(hits)) if hits else "无"
        yield Measure(inst, value,
                      f"{n} 个有成交单价的项目中，{len(hits)} 个（{percent(value)}）恰好按上限成交：{listed}")
