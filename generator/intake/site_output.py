"""The online 征集表 and the roster page inside the public site, at `apply/` and `roster/` (output
writers of generator.site.outputs)."""

from __future__ import annotations

from pathlib import Path

from generator.intake.rosterpage import write_roster_page
from generator.intake.webform import write_webform
from generator.publish.data import SiteData
from generator.publish.views import Views

APPLY_DIR = "apply"
ROSTER_DIR = "roster"


def write_site_form(data: SiteData, views: Views, out: Path) -> None:
    write_webform(out / APPLY_DIR, data.records, data.repo_slug)
    # the site serves the form inside its own layout (generator/site/pages/apply.py renders the page
    # from the same markup); the standalone page would clash with it
    (out / APPLY_DIR / "index.html").unlink()


def write_site_roster(data: SiteData, views: Views, out: Path) -> None:
    """The roster page's scripts, data and template (the page itself is generator/site/pages/roster.py)."""
    write_roster_page(out / ROSTER_DIR, data.records, data.repo_slug, data.issuer,
                      held=sorted({h.class_id for h in data.held}), day=data.as_of)
