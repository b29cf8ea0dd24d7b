"""The charts under axe-core in a real Chromium. The sample as of its reference date has no finished
cohort, so the outcome charts appear only on the sample aged past its employment windows: that site
is built here, with the 资金预算 chart, and every chart must be free of serious or critical findings
in the light and the dark palette and state, to assistive technology, the figures it draws."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.site.build import build_site
from generator.site.templates import wan_yuan
from tests.conftest import serve_directory
from tests.site.helpers import AGED_AS_OF, MKDOCS_YML, age_sample

CHART_PAGES = ["outcomes/", "budget/"]


@pytest.fixture(scope="module")
def aged_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("aged-site")
    out = root / "public"
    build_site(age_sample(root / "records"), out, AGED_AS_OF, MKDOCS_YML)
    with serve_directory(out) as url:
        yield url


# every chart on the page: its role, name, description (the text its aria-describedby points to)
# and the values it draws
CHARTS_JS = """() => [...document.querySelectorAll('svg.px-chart')].map(svg => ({
  id: svg.id,
  role: svg.getAttribute('role'),
  name: svg.getAttribute('aria-label') || '',
  title: (svg.querySelector(':scope > title') || {}).textContent || '',
  desc: (svg.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean)
          .map(id => (document.getElementById(id) || {}).textContent || '').join(' '),
  values: [...svg.querySelectorAll('.px-chart-value')].map(t => t.textContent.trim()),
  labels: [...svg.querySelectorAll('.px-chart-label')].map(t => t.textContent.trim()),
}))"""


def test_charts_have_no_serious_or_critical_violation(phone: Any, aged_url: str) -> None:
    axe = Axe()
    found, charts = [], 0
    for path in CHART_PAGES:
        phone.goto(aged_url + path)
        phone.wait_for_load_state("networkidle")
        charts += phone.locator("svg.px-chart").count()
        scheme = phone.evaluate("document.body.getAttribute('data-md-color-scheme')")
        response = axe.run(phone, options={}).response  # every node of every result type
        named = [n for r in response["passes"] if r["id"] == "svg-img-alt" for n in r["nodes"]]
        assert len(named) == phone.locator("svg.px-chart").count() > 0, f"axe checked every chart's name on {path}"
        for violation in response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                found.append(f"{path} ({scheme}): {violation['id']} {[n['target'] for n in violation['nodes'][:3]]}")
    assert charts >= 4, "the aged sample draws the outcome charts and the budget chart"
    assert found == []


def test_each_outcome_chart_states_the_rates_of_its_table(phone: Any, aged_url: str) -> None:
    phone.goto(aged_url + "outcomes/")
    charts = phone.evaluate(CHARTS_JS)
    assert len(charts) >= 3
    for chart in charts:
        assert chart["role"] == "img" and chart["name"].startswith("稳定就业率") and chart["title"] == chart["name"]
        table = phone.locator(f'table[aria-describedby="{chart["id"]}-desc"]')
        assert table.count() == 1, "a data table with the same figures sits beside the chart"
        rows = table.evaluate("t => [...t.tBodies[0].rows, ...t.tFoot.rows].map(r => [r.cells[0].textContent.trim(), "
                              "r.cells[r.cells.length - 1].textContent.trim()])")
        # the table marks a suppressed rate "—" (explained on the page); the chart says 不公开
        shown = [(label, "不公开" if rate == "—" else rate) for label, rate in rows]
        assert chart["values"] == [rate for _label, rate in shown], "what is drawn is what the table holds"
        for label, rate in shown:  # the row's 稳定就业率, or that it is not published, in the description
            assert f"{label} {rate}" in chart["desc"], (chart["id"], label, rate)
        assert any(rate.endswith("%") for _label, rate in shown), "some figure is published"

def test_the_budget_chart_states_each_calls_amounts(phone: Any, aged_url: str) -> None:
    phone.goto(aged_url + "budget/")
    charts = phone.evaluate(CHARTS_JS)
    assert [c["id"] for c in charts] == ["px-chart-budget"]
    chart = charts[0]
    assert chart["role"] == "img" and chart["name"] and chart["title"] == chart["name"]
    rows = phone.evaluate("""() => [...document.querySelectorAll('#px-budget-calls tbody tr')].map(r => ({
        key: r.querySelector('.px-id').textContent.trim(),
        budget: r.querySelector('[data-px-key=budget]').getAttribute('data-px-value'),
        committed: r.querySelector('[data-px-key=committed]').getAttribute('data-px-value')}))""")
    assert rows and chart["labels"] == [r["key"] for r in rows]
    for r in rows:
        figures = f"{r['key']} {wan_yuan(Decimal(r['committed']))} / {wan_yuan(Decimal(r['budget']))}"
        assert figures in chart["desc"], figures
        share = (Decimal(r["committed"]) * 100 / Decimal(r["budget"])).quantize(Decimal("0.1"))
        assert re.search(rf"{re.escape(figures)}（{share}%）", chart["desc"]), (figures, share)



# computed colours of the charts' text and bars, and the background they are drawn on
COLOURS_JS = """() => {
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('svg.px-chart')].flatMap(svg =>
    [...svg.querySelectorAll('text, rect.px-chart-bar')].map(e => ({
      what: e.tagName + '.' + e.getAttribute('class') + ' ' + (e.textContent || '').trim(),
      fill: getComputedStyle(e).fill, background: background(svg), text: e.tagName === 'text'})));
}"""


def _luminance(css: str) -> float:
    channels = [int(v) / 255 for v in re.findall(r"\d+", css)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_chart_text_and_bars_have_enough_contrast_in_both_palettes(phone: Any, aged_url: str) -> None:
    """axe leaves SVG text "to review" (it cannot tell what is behind it), so the contrast is computed
    here: 4.5:1 for text (WCAG 1.4.3), 3:1 for the bars, which are graphical objects (1.4.11)."""
    low = []
    for path in CHART_PAGES:
        phone.goto(aged_url + path)
        items = phone.evaluate(COLOURS_JS)
        dark = phone.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        assert items and all((_luminance(i["background"]) < 0.2) == dark for i in items), "the palette is applied"
        for item in items:
            ratio = contrast(item["fill"], item["background"])
            if ratio < (4.5 if item["text"] else 3.0):
                low.append(f"{path} {item['what']}: {item['fill']} on {item['background']} = {ratio:.2f}")
    assert low == []
