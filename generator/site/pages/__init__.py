"""Page builders: each turns the site data into Markdown pages (path under the docs folder -> text).

The builders know nothing of MkDocs: they return Markdown (with HTML blocks where a table needs
attributes), so a move to another static-site generator is a configuration change. To add a page,
add a module with `build(data, views) -> dict[str, str]` and list it in PAGE_BUILDERS.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.opendata import site_output
from generator.publish.data import SiteData
from generator.publish.views import Views, build_views
from generator.site.pages import (
    about,
    apply,
    budget,
    changes,
    guide,
    home,
    institutions,
    outcomes,
    policy,
    projects,
    roster,
    submit,
)

PageBuilder = Callable[[SiteData, Views], dict[str, str]]

PAGE_BUILDERS: list[PageBuilder] = [
    home.build,
    projects.build,
    institutions.build,
    outcomes.build,
    budget.build,
    guide.build,
    policy.build,
    changes.build,
    site_output.build_page,
    apply.build,
    roster.build,
    submit.build,
    about.build,
]


def render_pages(data: SiteData, views: Views | None = None) -> dict[str, str]:
    """Every generated page, keyed by its path under the docs folder (e.g. `projects/P2026-001.md`);
    `views` are built from `data` when not given (a build builds them once and hands them on to
    the output writers too)."""
    views = views if views is not None else build_views(data)
    pages: dict[str, str] = {}
    for builder in PAGE_BUILDERS:
        for path, text in builder(data, views).items():
            if path in pages:
                raise RuntimeError(f"two page builders write {path}")
            pages[path] = text
    return pages
