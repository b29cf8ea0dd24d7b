"""What a phone downloads: a first search and a project page's first visit, in Chromium.

The built site is served from localhost the way a static host serves it (text compressed with
gzip; Pagefind's own files are compressed already) and every byte sent is counted by the server,
whichever part of the browser asked for it. Chromium emulates DevTools' "Slow 4G" profile
(562.5 ms round trip, 1.44 Mbit/s down). `python -m bench.web SITE_DIR` prints the figures.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import socketserver
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 / 8 * 0.9,
           "uploadThroughput": 750e3 / 8 * 0.9}
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")
SEARCH_QUERY = "护理员"  # a Chinese word inside a longer one (养老护理员): segmentation must find it
SEARCH_TARGET_KIB = 300.0
SEARCH_TARGET_SECONDS = 1.0
PAGE_TARGET_KIB = 200.0


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, root: Path) -> None:
        self.sent: list[tuple[float, str, int]] = []
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), functools.partial(_Handler, directory=str(root)))


class _Handler(http.server.SimpleHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if Path(path).is_dir():
            path = str(Path(path) / "index.html")
        if not path.endswith(COMPRESSED) or not Path(path).is_file():
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def copyfile(self, source: Any, outputfile: Any) -> None:
        data = source.read()
        with self.server.lock:
            self.server.sent.append((time.monotonic(), self.path.split("?")[0], len(data)))
        outputfile.write(data)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self) -> bytes:
        return self.data

    def close(self) -> None:
        pass


@contextmanager
def served(root: Path) -> Iterator[tuple[str, _Server]]:
    server = _Server(root)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class SearchFigure:
    kib: float  # everything the search fetched: runtime, titles, index chunks, fragments
    seconds: float  # from the query entered to the first result shown
    found: bool
    waves: int  # sequential request rounds between the query and the first result
    wave_kib: float  # what those rounds fetched

    @property
    def network_seconds(self) -> float:
        """The network's share of `seconds` under Slow 4G, whatever the CPU: round trips and bytes."""
        return self.waves * SLOW_4G["latency"] / 1000 + self.wave_kib * 1024 / SLOW_4G["downloadThroughput"]


@dataclass(frozen=True)
class PageFigure:
    path: str
    kib: float  # every request of a first visit (cold cache), search index excluded


@contextmanager
def _phone(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="zh-CN", is_mobile=True)
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    try:
        yield tab
    finally:
        context.close()


def first_search(browser: Any, url: str, server: _Server, query: str = SEARCH_QUERY) -> SearchFigure:
    with _phone(browser) as tab:
        tab.goto(url + "search/")
        tab.wait_for_load_state("networkidle")
        # timed inside the page: from the input event to the first result in the DOM
        tab.evaluate("""q => { window.__pxShown = null;
            const list = document.querySelector('.px-search-results');
            new MutationObserver(() => { if (window.__pxShown === null && list.dataset.pxQuery === q
                && list.querySelector('li:not([hidden]) a')) { window.__pxShown = performance.now(); } })
              .observe(list, {childList: true, subtree: true, attributes: true}); }""", query)
        started = time.monotonic()
        begun = tab.evaluate("""q => { const input = document.querySelector('#px-search-input');
            const t = performance.now(); input.value = q; input.dispatchEvent(new Event('input', {bubbles: true}));
            return t; }""", query)
        found = True
        try:
            tab.wait_for_function("() => window.__pxShown !== null", timeout=30_000)
        except Exception:
            found = False
        elapsed = (tab.evaluate("window.__pxShown") - begun) / 1000 if found else time.monotonic() - started
        shown = started + elapsed
        tab.wait_for_load_state("networkidle")  # the excerpts' fragments too
    search = sum(n for _t, path, n in server.sent if "/pagefind/" in path)
    # requests sent after the query and before the first result: a new round starts after a pause
    # longer than a response takes to come back (the server sees a request when it is sent)
    asked = sorted((t, n) for t, _path, n in server.sent if started <= t <= shown)
    waves = sum(1 for i, (t, _n) in enumerate(asked) if i == 0 or t - asked[i - 1][0] > 0.4)
    return SearchFigure(search / 1024, elapsed, found, waves, sum(n for _t, n in asked) / 1024)


def page_weight(browser: Any, url: str, server: _Server, path: str) -> PageFigure:
    with _phone(browser) as tab:
        tab.goto(url + path)
        tab.wait_for_load_state("networkidle")
    total = sum(n for _t, p, n in server.sent if "/pagefind/" not in p)
    return PageFigure(path, total / 1024)


def measure_site(site: Path, project_path: str) -> tuple[SearchFigure, PageFigure]:
    """The first search and a project page's first visit on `site`, each in a fresh browser context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            with served(site) as (url, server):
                search = first_search(browser, url, server)
            with served(site) as (url, server):
                page = page_weight(browser, url, server, project_path)
        finally:
            browser.close()
    return search, page


def a_project_page(site: Path) -> str:
    """The largest project page of the site (directory URL)."""
    pages = sorted((site / "projects").glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.as_posix()))
    return f"projects/{pages[0].parent.name}/"


def rows(search: SearchFigure, page: PageFigure) -> list[str]:
    """Markdown rows for RESULTS.md: | measure | figure | target | verdict |."""
    ok_search = search.found and search.kib <= SEARCH_TARGET_KIB
    ok_time = search.found and search.seconds <= SEARCH_TARGET_SECONDS
    return [
        f"| first search “{SEARCH_QUERY}”, bytes (Slow 4G, phone) | {search.kib:.0f} KiB | ≤ {SEARCH_TARGET_KIB:g} KiB "
        f"| {'met' if ok_search else 'NOT met'} |",
        f"| first search, query to first result (wall clock on this machine) | {search.seconds:.2f} s "
        f"| ≤ {SEARCH_TARGET_SECONDS:g} s | {'met' if ok_time else 'NOT met'} |",
        f"| first search, network part: {search.waves} round trip(s), {search.wave_kib:.0f} KiB after the query "
        f"| {search.network_seconds:.2f} s | | |",
        f"| project page first visit (`{page.path}`), search index excluded | {page.kib:.0f} KiB "
        f"| ≤ {PAGE_TARGET_KIB:g} KiB | {'met' if page.kib <= PAGE_TARGET_KIB else 'NOT met'} |",
    ]


def main() -> None:
    """`python -m bench.web SITE [--rows]`: the table, or (with --rows) only its rows, for bench/run.py."""
    site = Path(sys.argv[1])
    search, page = measure_site(site, a_project_page(site))
    head = [] if sys.argv[2:] == ["--rows"] else ["| measure | figure | target | verdict |", "|---|---:|---:|---|"]
    print("\n".join([*head, *rows(search, page)]))


if __name__ == "__main__":
    main()
