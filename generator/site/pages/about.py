"""数据说明: where the data comes from, who can read the records, what a pseudonym is and who can
reverse it, in the words of the deployment model (`generator/publish/custody.py`), naming the bureau
of the policy in force. A repository's own `site/about.md` replaces it (the hook keeps the
repository's file), and then speaks for itself."""

from __future__ import annotations

from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site import urls
from generator.site.templates import render


def build(data: SiteData, views: Views) -> dict[str, str]:
    return {urls.ABOUT: render("about.md.j2", here=urls.ABOUT, data=data, custody=data.custody)}
