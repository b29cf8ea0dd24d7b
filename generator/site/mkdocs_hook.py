"""MkDocs hook (mkdocs.yml `hooks:`): the only place that knows MkDocs.

It loads and validates the records, adds the generated pages as virtual files (nothing is
written into site/), starts the extra output writers into a folder beside the site's (on
a large site they run on another core while MkDocs renders, and a second process then reads each
page MkDocs has written with the PII guard, handed on from `on_post_page`), and after the build joins their files
to the site, runs the PII guard over the rest and has the pages indexed for search. The pages themselves
come from `generator.site.pages` as plain Markdown, so another generator needs only a new adapter
like this one.

What every site shares ships inside the engine's package, not in a repository's site/ folder: a
theme folder (the header partial, the stylesheet and scripts) and the page nobody generates
(search). A repository made by `peixun init` installs the engine and holds no copy of them; a file
of the same path in its site/ (or its own theme `custom_dir`) replaces the engine's one, and so
does its own about.md (a generated page: `urls.REPLACEABLE`).

MkDocs loads this file once per process and reuses it for every build (tests build several
sites), so the per-build state is replaced in `on_config`.

While MkDocs renders, the records and the settlement (millions of objects at city scale, none of
them garbage) are frozen out of the cyclic collector: otherwise every collection MkDocs triggers
rescans them all. They are unfrozen when the build ends, so a later build can free them. On a
large site they are made in the forked process that writes the outputs (`assemble.start`), and
this process, where MkDocs renders and Pagefind is started, holds only the pages.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.runtime import paused_gc
from generator.site.assemble import finish, prepare, records_folder, start
from generator.site.bundle import Bundle, Prepared
from generator.site.outputs_process import Outputs

# the element of Material's page layout that holds a page's own content (not the navigation)
SEARCH_ROOT = "article.md-content__inner"
SEARCH_EXCLUDE = ".headerlink"  # the ¶ after each heading

# what every site has whatever repository it is built from, shipped inside the engine's package:
# THEME is a theme folder (partials and static assets), HANDWRITTEN the pages nobody generates
THEME = Path(__file__).resolve().parent / "theme"
HANDWRITTEN = Path(__file__).resolve().parent / "handwritten"

_site: Prepared | None = None
_outputs: Outputs | None = None


def handwritten_pages() -> list[str]:
    return sorted(p.relative_to(HANDWRITTEN).as_posix() for p in HANDWRITTEN.rglob("*.md"))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _site, _outputs
    logging.getLogger("jieba").setLevel(logging.WARNING)  # it logs its dictionary loading at INFO
    settings: dict[str, Any] = dict(config.extra.get("peixun") or {})
    _site, _outputs = None, None  # a previous build's (`serve`) are done with

    def make() -> Bundle:  # here, or in the forked process that writes the outputs
        with paused_gc():  # loading allocates millions of objects and no garbage cycles worth a collection
            bundle = prepare(settings, config.config_file_path, config.docs_dir, config.site_url)
        gc.freeze()
        return bundle

    # the outputs start now: they are written beside the site folder, which MkDocs cleans next
    _site, _outputs = start(make, records_folder(settings, config.config_file_path), config.site_dir)
    # the site's name and footer come from the records (the policy's jurisdiction and issuer)
    config.site_name = _site.site_title
    config.copyright = _site.footer
    # the engine's theme files (header partial, stylesheet, scripts) after the repository's own
    # custom_dir and before Material's: MkDocs copies their assets unless docs_dir has the same path
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    gc.freeze()
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    assert _site is not None
    for path, text in _site.pages.items():
        files.append(File.generated(config, path, content=text))
    for path in handwritten_pages():
        if files.get_file_from_path(path) is None:  # the repository's own page of that path wins
            files.append(File(path, str(HANDWRITTEN), config.site_dir, config.use_directory_urls))
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if _outputs is not None:  # MkDocs writes the page right after this event
        _outputs.page_written(page.file.abs_dest_path)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    assert _site is not None and _outputs is not None
    try:
        finish(_site, _outputs, config.site_dir, SEARCH_ROOT, SEARCH_EXCLUDE)
    finally:
        gc.unfreeze()


def on_build_error(error: Exception) -> None:
    if _outputs is not None:
        _outputs.discard()
    gc.unfreeze()
