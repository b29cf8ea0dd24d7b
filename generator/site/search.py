"""The site's search index: Pagefind's chunked static index, built from the finished HTML pages.

A phone's first search then downloads the search runtime and only the index chunks and result
fragments its words need (a few dozen kilobytes at any size), where MkDocs' search plugin ships
one JSON index of every page's text that the browser loads whole before the first result.
Pagefind's extended build (PyPI `pagefind[extended]`, binary included, nothing downloaded at run
time) segments Chinese both when indexing and in the browser.

Pagefind shows a result once its fragment (the page's text) has arrived, a second round trip after
the index chunk; under a phone's latency that alone is over a second. So the build also writes
`titles.json`, each page's URL and title by Pagefind's page id, which the search page loads with
the runtime: a result is listed as soon as the index chunk answers, its excerpt follows.

It reads HTML, so it is independent of the site generator: `root_selector` names the element that
holds a page's own content (without navigation). The search page is
generator/site/handwritten/search.md with generator/site/theme/assets/javascripts/peixun-search.js.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

from generator import safejson
from generator.errors import UsageError

SEARCH_DIR = "pagefind"
TITLES = "titles.json"
_FRAGMENT_MAGIC = b"pagefind_dcd"  # what a decompressed Pagefind file starts with
# Pagefind also writes ready-made search interfaces; the site has its own page, so these are removed
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(UsageError):
    """Pagefind is missing or failed."""


def pagefind_executable() -> Path:
    """Pagefind's binary, found as `python -m pagefind` finds it (the wheel's, or
    PAGEFIND_BINARY_PATH), and run directly: the wrapper would start a second interpreter per build
    only to exec it."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SearchIndexError("找不到 Pagefind 程序：请确认已安装依赖"
                               "（pip install -e .，其中包括 pagefind[extended]）")
    return found


class SearchIndex:
    """Pagefind indexing the pages under `site_dir`, started at once in its own process (it works
    while the rest of the build finishes: the downloads moved in, the PII guard's pass) and written beside
    the site. `written` waits for it and returns that folder, so that the guard reads the finished
    index (its fragments hold the pages' text with the markup gone, which the guard has not seen in
    that form); `move_in` then moves it into the site as pagefind/."""

    def __init__(self, site_dir: str | Path, root_selector: str, exclude: str = "") -> None:
        self.site = Path(site_dir)
        self.folder = self.site.with_name(f".{self.site.name.lstrip('.')}.search")
        shutil.rmtree(self.folder, ignore_errors=True)
        command = [str(pagefind_executable()), "--site", str(self.site), "--output-path", str(self.folder),
                   "--root-selector", root_selector, "--glob", "**/*.html", "--silent"]
        if exclude:
            command += ["--exclude-selectors", exclude]
        try:
            self._process: subprocess.Popen[str] | None = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        except OSError as exc:  # pragma: no cover - the interpreter itself is missing
            raise SearchIndexError(f"无法运行 Pagefind：{exc}") from exc

    def written(self) -> Path:
        """Wait for the index and complete it (titles.json, unused files removed); returns its
        folder, still beside the site."""
        assert self._process is not None
        output, _ = self._process.communicate()
        code, self._process = self._process.returncode, None
        if code != 0:
            detail = " / ".join(output.strip().splitlines()[-3:])
            self.discard()
            raise SearchIndexError(f"生成搜索索引失败（Pagefind）：{detail}。请确认已安装依赖（pip install -e .，"
                                   "其中包括 pagefind[extended]）")
        for name in UNUSED:
            (self.folder / name).unlink(missing_ok=True)
        (self.folder / TITLES).write_text(safejson.dumps(page_titles(self.folder), indent=0, sort_keys=True),
                                          encoding="utf-8")
        return self.folder

    def move_in(self) -> Path:
        """Move the written index into the site; returns its folder there."""
        target = self.site / SEARCH_DIR
        if target.exists():
            raise SearchIndexError(f"搜索索引的目录 {SEARCH_DIR}/ 与网站中的文件重名")
        os.replace(self.folder, target)
        return target

    def finish(self) -> Path:
        """Wait for the index and move it into the site, unguarded (the build guards it between
        `written` and `move_in`); returns its folder there."""
        self.written()
        return self.move_in()

    def discard(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.communicate()
            self._process = None
        shutil.rmtree(self.folder, ignore_errors=True)


def page_titles(folder: Path) -> dict[str, list[str]]:
    """Pagefind's page id -> [URL from the site root, title], read from its fragments."""
    titles: dict[str, list[str]] = {}
    for fragment in sorted((folder / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes())
        if not raw.startswith(_FRAGMENT_MAGIC):
            raise SearchIndexError(f"无法读取搜索索引的片段 {fragment.name}：Pagefind 的格式已变化")
        data = json.loads(raw[len(_FRAGMENT_MAGIC):])
        titles[fragment.stem] = [str(data["url"]), str((data.get("meta") or {}).get("title") or data["url"])]
    return titles
