"""The online 征集表 is part of the built site at apply/, linked from the guide."""

from __future__ import annotations

import json

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
