"""The online 征集表 inside the public site, at `apply/` (an output writer of generator.site.outputs)."""

from __future__ import annotations

from pathlib import Path

from generator.intake.webform import write_webform
from generator.publish.data import SiteData

APPLY_DIR = "apply"


def write_site_form(data: SiteData, out: Path) -> None:
    write_webform(out / APPLY_DIR, data.records, data.repo_slug)
    # the site serves the form inside its own layout (generator/site/pages/apply.py renders the page
    # from the same markup); the standalone page would clash with it
    (out / APPLY_DIR / "index.html").unlink()
