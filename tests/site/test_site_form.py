"""The online 征集表 is part of the built site at apply/, in the site's layout, in the navigation (申报),
linked from the home page and the guide."""

from __future__ import annotations

import json
import re

from generator.site.build import BuildResult


def test_the_form_is_built_into_the_site_and_linked_from_the_guide(built_site: BuildResult) -> None:
    apply = built_site.out / "apply"
    assert sorted(p.name for p in apply.iterdir()) == [
        "application.schema.json", "form.css", "form.js", "index.html", "limits.json",
    ]
    limits = json.loads((apply / "limits.json").read_text(encoding="utf-8"))
    assert limits["repo"] == ""  # no Git host configured in tests: the page offers download only
    guide = (built_site.out / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'href="../apply/"' in guide and "在线填写征集表" in guide


def test_the_form_page_uses_the_site_layout_and_is_in_the_navigation(built_site: BuildResult) -> None:
    page = (built_site.out / "apply" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-header' in page and 'class="md-footer' in page, "the site's header and footer"
    assert '<form id="app-form"' in page and '<script src="form.js" defer></script>' in page
    assert "法定代表人（签字）" in page and "单位（盖章）" in page, "the printed form's signature and seal"
    assert 'href="form.css"' not in page, "the standalone page's global styles stay out of the site"
    home = (built_site.out / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="apply/" class="md-tabs__link">\s*申报\s*</a>', home), "a navigation tab"
    assert '<a class="px-link-card" href="apply/"><strong>在线申报</strong>' in home, "a card on the home page"
