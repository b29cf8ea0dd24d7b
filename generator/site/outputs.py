"""Extra outputs written into the built site after the pages: downloads, forms and the like.

Each writer is called with the site data, the views the pages were built from (built once per
build, `publish.views`) and an empty output folder beside the site's (moved into it later), and
before the PII guard reads every file (so whatever a writer adds is guarded too). To add an
output, write a function `(data: SiteData, views: Views, out: Path) -> None` in your own package
and append it to OUTPUT_WRITERS below (one import and one list entry).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.intake.site_output import write_site_form, write_site_roster
from generator.opendata.site_output import write_site_downloads
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site.lists import write_list_data

OutputWriter = Callable[[SiteData, Views, Path], None]

OUTPUT_WRITERS: list[OutputWriter] = [write_site_downloads, write_site_form, write_site_roster, write_list_data]
