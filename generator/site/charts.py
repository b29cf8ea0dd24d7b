"""SVG bar charts drawn at build time, so the site needs no charting script and works offline.

A chart is an image to a screen reader unless it says otherwise, so each one carries a <title>
and a <desc> that states every value, is named and described for assistive technology (role="img",
aria-label, aria-describedby), and is always placed next to a data table with the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from generator.site.templates import render

WIDTH = 360
LABEL_H = 17
BAR_H = 14
ROW_GAP = 9
TOP = 8
AXIS_H = 22


@dataclass(frozen=True)
class Bar:
    label: str
    rate: Decimal | None  # 0..1; None when the figure is suppressed
    text: str  # the value as shown: "55.0%" or the suppression mark


@dataclass(frozen=True)
class Marker:
    """A dashed vertical line, e.g. a policy threshold."""

    rate: Decimal
    label: str


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], markers: Sequence[Marker] = ()) -> Markup:
    """A horizontal bar chart of rates (0-100 %), one labelled bar per row."""
    row_h = LABEL_H + BAR_H + ROW_GAP
    plot_w = WIDTH - 56  # room for the value text after a full bar
    rows = []
    for i, b in enumerate(bars):
        y = TOP + i * row_h
        width = float(b.rate) * plot_w if b.rate is not None else 0.0
        rows.append({"bar": b, "label_y": y + 13, "bar_y": y + LABEL_H, "width": round(width, 1),
                     "text_x": round(width + 6, 1)})
    plot_h = TOP + len(bars) * row_h
    ticks = [{"x": round(plot_w * t / 100, 1), "label": f"{t}%"} for t in (0, 25, 50, 75, 100)]
    lines = [{"x": round(float(m.rate) * plot_w, 1), "label": m.label} for m in markers]
    shown = [f"{b.label} {b.text}" for b in bars]
    desc = "；".join(shown) + "。" if shown else "暂无数据。"
    if markers:
        desc += "虚线：" + "，".join(m.label for m in markers) + "。"
    svg = render(
        "chart.svg.j2", chart_id=chart_id, title=title, desc=desc, rows=rows, ticks=ticks, lines=lines,
        width=WIDTH, height=plot_h + AXIS_H, plot_h=plot_h, bar_h=BAR_H,
    )
    return Markup(svg)
