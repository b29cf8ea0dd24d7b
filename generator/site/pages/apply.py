"""申报: the online 征集表 inside the site's layout, at `apply/`.

The form's markup is the web form's own page (`generator/intake/webform/index.html`): its body is
embedded here, so the form and its script stay one thing whether served alone or in the site. The
script, the schema and the limits are written beside the page by the form's output writer. The
site adds what a printed 征集表 needs and the screen does not: the 申报单位意见 with the legal
representative's signature, the seal and the date (print stylesheet in peixun.css).
"""

from __future__ import annotations

import re
from importlib import resources

from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.site import urls
from generator.site.templates import render

_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
_SCRIPTS = re.compile(r"<script\b[^>]*>\s*</script>", re.I)


def form_body() -> tuple[str, list[str]]:
    """The web form page's body and the scripts its head loads (their `src`, relative to the page)."""
    page = resources.files("generator.intake").joinpath("webform", "index.html").read_text(encoding="utf-8")
    match = _BODY.search(page)
    if match is None:
        raise RuntimeError("generator/intake/webform/index.html has no <body>")
    head = page[: match.start()]
    scripts = re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', head, flags=re.I)
    return _SCRIPTS.sub("", match.group(1)).strip(), scripts


def build(data: SiteData, views: Views) -> dict[str, str]:
    body, scripts = form_body()
    return {urls.APPLY: render("apply.md.j2", here=urls.APPLY, data=data, body=body, scripts=scripts)}
