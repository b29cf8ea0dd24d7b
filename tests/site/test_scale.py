"""Project pages stay out of the navigation, so their size does not grow with the number of projects
(PERFORMANCE.md: with every page in the navigation, 2,000 pages weighed 637 KB each)."""

from __future__ import annotations

from pathlib import Path

from generator.site.build import build_site
from tests.site.helpers import MKDOCS_YML, SAMPLE_AS_OF, add_projects, copy_sample

EXTRA = 150


def largest_project_page(out: Path) -> int:
    return max(p.stat().st_size for p in (out / "projects").glob("*/index.html"))


def test_project_page_size_does_not_depend_on_the_number_of_projects(tmp_path: Path) -> None:
    few = copy_sample(tmp_path / "few")
    many = copy_sample(tmp_path / "many")
    added = add_projects(many, EXTRA)
    small = build_site(few, tmp_path / "few-site", SAMPLE_AS_OF, MKDOCS_YML)
    large = build_site(many, tmp_path / "many-site", SAMPLE_AS_OF, MKDOCS_YML)
    assert large.pages - small.pages == EXTRA
    assert (large.out / "projects" / added[-1] / "index.html").is_file()
    # identical pages but for their own content; allow a few bytes for nothing at all
    assert largest_project_page(large.out) <= largest_project_page(small.out) + 64
    # the list is where the number of projects shows, and it does
    list_page = "projects/index.html"
    assert (large.out / list_page).stat().st_size - (small.out / list_page).stat().st_size > EXTRA * 500
