"""The open data inside the public site: the 开放数据 page and the files beside it in `data/`.

Two adapters for the site's extension points (`generator.site.pages.PAGE_BUILDERS` and
`generator.site.outputs.OUTPUT_WRITERS`). The page lives at `data/index.md`, so it is served at
`data/` next to the files and links to them relatively, which works under any base path.

The files' absolute URLs (OCDS `uri`, `index.json`) come from the site's configured address
(`SiteData.publication`); without it they are relative. The OCDS packages are published only once
the OCDS prefix and the bureau's USCC are configured: no placeholder reaches the public. The project
counts in `projects.csv` are checked against the outcome tables the site itself publishes, so
that no project figure can be subtracted from a site figure to reveal a small group.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from generator.opendata.config import DEFAULT_PUBLISHER, Organisation
from generator.opendata.page import page_markdown
from generator.opendata.project_outcomes import MEASURES, Measure
from generator.opendata.write import write_downloads
from generator.publish.data import SiteData
from generator.publish.disclosure import Linked
from generator.publish.outcome_tables import DIMENSIONS, outcome_tables
from generator.publish.views import ClassView, Views

DATA_DIR = "data"
PAGE = f"{DATA_DIR}/index.md"


def base_url(data: SiteData) -> str:
    """The data folder's public URL, or "" (relative URLs) when the site's address is not configured."""
    site = data.publication.site_url
    return f"{site.rstrip('/')}/{DATA_DIR}/" if site else ""


def _ocds(data: SiteData) -> tuple[str, Organisation | None]:
    """The OCDS prefix and buyer, or ("", None) when they are not both configured."""
    pub = data.publication
    return (pub.ocid_prefix, Organisation(uscc=pub.publisher_uscc, name=publisher(data))) if pub.ocds else ("", None)


def site_cells(data: SiteData, views: Views) -> dict[Measure, list[Linked]]:
    """Every outcome cell the site shows, with the classes it covers (its tables group the finished
    classes by field, category and year; a row's key is the group's key)."""
    cells: dict[Measure, list[Linked]] = {m: [] for m in MEASURES}
    for dim, table in zip(DIMENSIONS, outcome_tables(views, data.min_cell), strict=True):
        groups: dict[str, list[ClassView]] = defaultdict(list)
        for p, c in views.classes:
            if c.stage == "finished":
                groups[dim.key(p, c)].append(c)
        every = [c for cs in groups.values() for c in cs]
        for row, classes in [*((r, groups[r.key]) for r in table.rows), (table.total, every)]:
            members = frozenset(c.model.id for c in classes)
            for m in MEASURES:
                shown = row.certified if m == "certified" else row.employed
                if shown.count is not None:
                    cells[m].append(Linked(members, shown.count, shown.n, dim.slug, total=row is table.total))
    return cells


def publisher(data: SiteData) -> str:
    """The bureau that publishes and buys: the policy's issuer (the jurisdiction's bureau)."""
    return data.issuer or DEFAULT_PUBLISHER


def build_page(data: SiteData, views: Views) -> dict[str, str]:
    return {PAGE: page_markdown(data.records, data.settlement, base_url=base_url(data), link_base="",
                                ocid_prefix=_ocds(data)[0], publisher=publisher(data))}


def write_site_downloads(data: SiteData, views: Views, out: Path) -> None:
    prefix, buyer = _ocds(data)
    write_downloads(data.records, data.settlement, out / DATA_DIR, ocid_prefix=prefix,
                    publisher=publisher(data), base_url=base_url(data), buyer=buyer,
                    published=site_cells(data, views), source_url=data.repo_url(),
                    publisher_uri=data.publication.site_url)
