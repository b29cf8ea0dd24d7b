"""变更记录: the latest record changes from Git, newest first (one `git log` for the whole site)."""

from __future__ import annotations

from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site import urls
from generator.site.change_history import commit_views, record_pages
from generator.site.templates import render

RECENT = 100


def build(data: SiteData, views: Views) -> dict[str, str]:
    changes = data.history.changes[:RECENT] if data.history else []
    text = render("changes.md.j2", here=urls.CHANGES, data=data, changes=changes,
                  commits=commit_views(data, changes, record_pages(views, data.records.calls)),
                  has_history=data.history is not None)
    return {urls.CHANGES: text}
