"""Published outcomes (docs/privacy.md): finished cohorts only, bands per class, protected
aggregates that cannot be recovered from one another, and charts with text alternatives."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.publish.data import SiteData, load_site
from generator.publish.disclosure import Linked, passes, suppress_linked
from generator.publish.outcome_tables import outcome_tables
from generator.publish.views import build_views
from generator.site.charts import Bar, Marker, bar_chart
from generator.site.pages import render_pages
from tests.site.helpers import AGED_AS_OF, age_sample

K = 10


@pytest.fixture(scope="module")
def aged(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    return load_site(age_sample(tmp_path_factory.mktemp("aged") / "records"), AGED_AS_OF)


@pytest.fixture(scope="module")
def pages(aged: SiteData) -> dict[str, str]:
    return render_pages(aged)


def class_row(page: str, class_id: str) -> str:
    match = re.search(rf"<tr>\s*<td[^>]*>{class_id}</td>(.*?)</tr>", page, flags=re.S)
    assert match, class_id
    return match.group(1)


def test_bands_only_for_finished_cohorts(pages: dict[str, str]) -> None:
    page = pages["projects/P2026-001.md"]
    finished = class_row(page, "P2026-001-01")
    assert "已完成跟踪" in finished
    assert "60%–70%" in finished  # 12 of 20 stably employed
    assert "不公开" in finished  # 19 of 20 certified: 95 % singles out the one who failed
    assert "跟踪结束后公布" in class_row(page, "P2026-001-02")  # roster without assessments yet
    assert "未登记参训人员" in class_row(page, "P2026-001-03")


def test_no_class_level_count_reaches_a_page(aged: SiteData, pages: dict[str, str]) -> None:
    text = pages["projects/P2026-001.md"]
    section = text[text.index("## 培训班次与成效"): text.index("## 补贴拨付")]
    assert not re.search(r"\b(19|12|20) ?人", section)


def published_cells(aged: SiteData) -> list[tuple[str, frozenset[str], int, int]]:
    """(measure, classes, count, n) of every count shown in the outcome tables."""
    views = build_views(aged)
    members = {}
    for p, c in views.classes:
        if c.stage == "finished":
            members[c.model.id] = (p, c)
    tables = outcome_tables(views, K)
    from generator.publish.outcome_tables import DIMENSIONS

    cells = []
    for dim, t in zip(DIMENSIONS, tables, strict=True):
        for row in [*t.rows, t.total]:
            ids = frozenset(i for i, (p, c) in members.items() if row.key == "total" or dim.key(p, c) == row.key)
            for measure, cell in (("certified", row.certified), ("employed", row.employed)):
                if cell.count is not None:
                    cells.append((measure, ids, cell.count, cell.n))
    return cells


def test_shown_counts_pass_the_threshold_and_no_difference_reveals_a_small_group(aged: SiteData) -> None:
    cells = published_cells(aged)
    assert cells, "the aged sample publishes some aggregates"
    for _, _, c, n in cells:
        assert passes(c, n, K)
    for (m1, s1, c1, n1), (m2, s2, c2, n2) in itertools.permutations(cells, 2):
        if m1 == m2 and s2 < s1:
            assert passes(c1 - c2, n1 - n2, K), f"{sorted(s1 - s2)} derivable: {c1 - c2} of {n1 - n2}"


def test_cross_table_difference_is_suppressed(aged: SiteData) -> None:
    """制造类 = 智能制造 + one 低空经济 class in which nobody is stably employed: showing both rows
    would reveal that class's 0 %; one of them is hidden."""
    field, category, _ = outcome_tables(build_views(aged), K)
    smart = next(r for r in field.rows if r.key == "smart_manufacturing")
    manufacturing = next(r for r in category.rows if r.key == "manufacturing")
    assert smart.employed.suppressed or manufacturing.employed.suppressed
    assert not field.total.employed.suppressed and field.total.employed.count == 48


def test_suppress_linked_hides_the_smallest_cell_that_lets_a_group_be_derived() -> None:
    a, b, c = frozenset({"a"}), frozenset({"b"}), frozenset({"c"})
    cells = [
        Linked(a | b, 18, 36, "field"),  # shown
        Linked(c, 0, 12, "field"),  # suppressed by the threshold rule
        Linked(a | b | c, 18, 48, "category"),  # shown: 48 - 36 = 12 people, 18 - 18 = 0 employed
    ]
    assert suppress_linked(cells, {0, 2}, K) == {2}
    # when the remainder passes the rule and covers two classes, nothing more is hidden
    d = frozenset({"d"})
    ok = [Linked(a | b, 18, 36, "field"), Linked(a | b | c | d, 30, 60, "category")]
    assert suppress_linked(ok, {0, 1}, K) == {0, 1}
    # a remainder of one class is that class's exact count (its page shows only a band): hidden
    single = [Linked(a | b, 18, 36, "field"), Linked(a | b | c, 30, 60, "category")]
    assert suppress_linked(single, {0, 1}, K) == {1}
    # a total minus several shown rows is checked too, and totals are hidden last
    rows = [Linked(a, 15, 30, "t"), Linked(b, 15, 30, "t"), Linked(c, 2, 15, "t"),
            Linked(a | b | c, 32, 75, "t", total=True)]
    assert suppress_linked(rows, {0, 1, 3}, K) == {1, 3}


def _plain_suppress_linked(cells: list[Linked], shown: set[int], k: int) -> set[int]:
    """The definition in its plain quadratic form: every shown cell against every other."""
    visible = set(shown)
    tables = sorted({c.table for c in cells})
    changed = True
    while changed:
        changed = False
        for i in sorted(visible):
            whole = cells[i]
            for name in tables:
                parts = [j for j in sorted(visible) if j != i and cells[j].table == name and not cells[j].total
                         and cells[j].members <= whole.members]
                covered = frozenset().union(*(cells[j].members for j in parts))
                if not parts or covered == whole.members:
                    continue
                rest_c = whole.count - sum(cells[j].count for j in parts)
                rest_n = whole.n - sum(cells[j].n for j in parts)
                if rest_n == 0 or (passes(rest_c, rest_n, k) and len(whole.members - covered) >= 2):
                    continue
                candidates = [j for j in [i, *parts] if not cells[j].total] or [i]
                visible.discard(min(candidates, key=lambda j: (cells[j].n, j)))
                changed = True
                break
            if changed:
                break
    return visible


@st.composite
def _linked_cells(draw: st.DrawFn) -> tuple[list[Linked], set[int]]:
    units = [f"u{i}" for i in range(draw(st.integers(1, 7)))]
    sizes = {u: draw(st.integers(1, 30)) for u in units}
    hits = {u: draw(st.integers(0, sizes[u])) for u in units}
    cells = []
    for _ in range(draw(st.integers(1, 9))):
        members = frozenset(draw(st.lists(st.sampled_from(units), max_size=len(units), unique=True)))
        cells.append(Linked(members, sum(hits[u] for u in members), sum(sizes[u] for u in members),
                            draw(st.sampled_from(["field", "category", "year"])), draw(st.booleans())))
    shown = set(draw(st.lists(st.integers(0, len(cells) - 1), unique=True)))
    return cells, shown


@settings(max_examples=300, deadline=None)
@given(_linked_cells())
def test_suppress_linked_equals_its_plain_definition(case: tuple[list[Linked], set[int]]) -> None:
    """The index over members (linear at city scale) decides exactly what the plain loop decides."""
    cells, shown = case
    assert suppress_linked(cells, shown, 3) == _plain_suppress_linked(cells, shown, 3)


def test_outcomes_page_has_charts_with_text_alternatives_and_data_tables(pages: dict[str, str]) -> None:
    page = pages["outcomes.md"]
    for slug in ("field", "category", "year"):
        svg = re.search(rf'<svg class="px-chart" id="px-chart-{slug}".*?</svg>', page, flags=re.S)
        assert svg, slug
        chart = svg.group()
        assert 'role="img"' in chart and 'aria-label="稳定就业率（' in chart
        assert f'aria-describedby="px-chart-{slug}-desc"' in chart
        assert f'<title id="px-chart-{slug}-title">' in chart and f'<desc id="px-chart-{slug}-desc">' in chart
        assert f'aria-describedby="px-chart-{slug}-desc"' in page  # the data table next to it
    desc = re.search(r'<desc id="px-chart-field-desc">(.*?)</desc>', page, flags=re.S)
    assert desc and "康养服务 45.5%" in desc.group(1) and "数字经济 不公开" in desc.group(1)


def test_chart_escapes_labels_and_scales_bars() -> None:
    bars = [Bar("<script>", None, "不公开"), Bar("甲", Decimal("0.5"), "50.0%")]
    svg = bar_chart("c", "标题<b>", bars, [Marker(Decimal("0.3"), "门槛")])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "标题&lt;b&gt;" in svg
    widths = [float(w) for w in re.findall(r'<rect class="px-chart-bar"[^>]*width="([0-9.]+)"', svg)]
    assert widths == [152.0]  # half of the 304-unit plot; the suppressed row draws no bar


def test_without_finished_cohorts_the_page_says_so(tmp_path: Path) -> None:
    from tests.site.helpers import SAMPLE_AS_OF, copy_sample

    data = load_site(copy_sample(tmp_path / "records"), SAMPLE_AS_OF)
    page = render_pages(data)["outcomes.md"]
    assert "尚无完成就业跟踪的班次" in page and "<svg" not in page
