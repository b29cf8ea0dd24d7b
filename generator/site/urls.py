"""Where each generated page lives, and relative links between pages.

Links inside HTML blocks are not rewritten by the site generator, so pages compute them here,
for directory URLs (`projects/P2026-001.md` is served at `projects/P2026-001/`). Relative links
keep the site working under any base path (GitHub Pages project sites) and from a plain folder.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
PROJECTS = "projects/index.md"
INSTITUTIONS = "institutions/index.md"
OUTCOMES = "outcomes.md"
BUDGET = "budget.md"
GUIDE = "guide.md"
POLICY = "policy.md"
CHANGES = "changes.md"
ABOUT = "about.md"  # generated from publish/custody.py (pages/about.py), or the repository's own site/about.md
# generated pages a repository may replace by its own file of the same path in site/ (any other clash is an error)
REPLACEABLE = frozenset({ABOUT})
APPLY = "apply/index.md"  # the online 征集表; its script and data are written beside it
ROSTER = "roster/index.md"  # check and seal a roster in the browser; its scripts and data are written beside it
SUBMIT = "submit.md"  # submitting through the Git host's web pages, step by step


def project_page(project_id: str) -> str:
    return f"projects/{project_id}.md"


def institution_page(uscc: str) -> str:
    return f"institutions/{uscc}.md"


def url_of(src: str) -> str:
    """The directory URL of a page, relative to the site root ("" for the home page)."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
        return stem
    return stem + "/"


def link(from_src: str, to_src: str) -> str:
    """A relative link from one page to another (or to an asset, when `to_src` is not a page)."""
    base = url_of(from_src) or "."
    target = url_of(to_src) if to_src.endswith(".md") else to_src
    rel = posixpath.relpath(target or ".", base)
    if to_src.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def src_link(from_src: str, to_src: str) -> str:
    """A link for Markdown (not HTML) to another page, by its source path: the site generator checks
    it and turns it into the page's URL."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
