"""No figure is published twice at different precision: an aggregate never reveals what a finer
table suppresses. Every outcome figure the site and the downloads publish is collected with the
classes it covers, and an attacker's subtractions are tried against them."""

from __future__ import annotations

import itertools
import re

import pytest

from generator.opendata.published_rows import project_rows
from generator.opendata.scope import project_classes
from generator.opendata.site_output import site_cells
from generator.publish.data import SiteData, load_site
from generator.publish.disclosure import Linked, passes
from generator.publish.outcome_tables import outcome_tables
from generator.publish.views import build_views
from tests.site.helpers import AGED_AS_OF, age_sample

K = 3  # small enough that one class's count passes the threshold rule on its own


@pytest.fixture(scope="module")
def small_k(tmp_path_factory: pytest.TempPathFactory) -> SiteData:
    root = age_sample(tmp_path_factory.mktemp("linked") / "records")
    policy = next((root / "policy").glob("*.yaml"))
    policy.write_text(re.sub(r"^outcome_min_cell: \d+", f"outcome_min_cell: {K}",
                             policy.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    data = load_site(root, AGED_AS_OF)
    assert data.min_cell == K
    return data


def published(data: SiteData) -> dict[str, list[Linked]]:
    """Every exact outcome count published anywhere: the 培训成效 tables (pages and their data) and
    the per-project columns of the downloads."""
    site = site_cells(data, build_views(data))
    cells = {m: list(site[m]) for m in ("certified", "employed")}
    enrolled = {c.class_id: c.enrolled for c in data.settlement.classes}
    for row in project_rows(data.records, data.settlement, site):
        members = frozenset(c.id for c in project_classes(data.records, row["id"]))
        for m in cells:
            if row[m] is not None:
                cells[m].append(Linked(members, row[m], sum(enrolled.get(c, 0) for c in members), "projects"))
    return cells


def test_a_group_of_one_class_is_not_shown_exactly(small_k: SiteData) -> None:
    """The 培训成效 page once showed a field made of one class (人工智能: P2026-005-01, 5 of 15
    employed) with exact counts, while that class's project page shows only a band."""
    field = outcome_tables(build_views(small_k), K)[0]
    ai = next(r for r in field.rows if r.key == "artificial_intelligence")
    assert ai.classes == 1
    assert ai.employed.suppressed and ai.certified.suppressed


def test_no_published_figure_lets_a_suppressed_one_be_derived(small_k: SiteData) -> None:
    """For every published figure S and every set of up to three disjoint published figures inside
    it, S minus them must pass the threshold rule and cover at least two classes."""
    enrolled = {c.class_id: c.enrolled for c in small_k.settlement.classes}
    attempts = 0
    for measure, cells in published(small_k).items():
        assert cells, measure
        for s in cells:
            assert sum(enrolled.get(m, 0) > 0 for m in s.members) >= 2, (measure, sorted(s.members))
            inside = [c for c in cells if c is not s and c.members < s.members]
            for size in (1, 2, 3):
                for parts in itertools.combinations(inside, size):
                    union = frozenset().union(*(p.members for p in parts))
                    if sum(len(p.members) for p in parts) != len(union):
                        continue  # overlapping parts cannot simply be subtracted
                    attempts += 1
                    rest = s.members - union
                    rest_n = sum(enrolled.get(m, 0) for m in rest)
                    if rest_n == 0:
                        continue
                    rest_c = s.count - sum(p.count for p in parts)
                    assert passes(rest_c, rest_n, K), (measure, sorted(rest), rest_c, rest_n)
                    assert sum(enrolled.get(m, 0) > 0 for m in rest) >= 2, (measure, sorted(rest), rest_c)
    assert attempts > 0


def test_shown_rows_cover_two_classes_and_one_class_rows_exist(small_k: SiteData) -> None:
    """The corpus exercises the case: it has one-class rows, and none of them is shown."""
    views = build_views(small_k)
    field = outcome_tables(views, K)[0]
    shown = [r for r in field.rows if not r.employed.suppressed]
    assert all(r.classes >= 2 for r in shown)
    assert any(r.classes == 1 for r in field.rows)
