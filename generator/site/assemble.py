"""From settings to a site bundle and back: what the MkDocs hook calls, free of MkDocs itself.

`prepare` loads, validates and renders every generated page before the site generator writes
anything. `Outputs` runs the extra output writers (downloads, the form, list data) into a folder
of their own and scans what they wrote; on a large site it does so in a forked process while the
site generator renders the pages on the other core (at city scale the downloads are hundreds of
megabytes). `finish` waits for them, moves their files into the site (a file the site generator
wrote too is an error, not a silent overwrite) and guards the rest of the output.

`start` is what a build calls: on a large site the forked process also makes the bundle (records,
settlement, views: over a gigabyte at city-decade) and hands back only what the site generator and
the guard need (`Prepared`: the pages and a few lists), so that this process never holds the
records while the site generator renders and the search indexer runs beside it (bench/RESULTS.md).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import queue
import re
import shutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from generator import forked
from generator.errors import UsageError
from generator.holds import Hold
from generator.publish.data import Publication, SiteData, load_site
from generator.publish.pii_guard import (
    Leak,
    digest,
    normalise_phone,
    scan_file,
    scan_output,
)
from generator.publish.views import Views, build_views
from generator.records.kinds import KINDS_BY_NAME
from generator.runtime import tuning
from generator.site import urls, withhold
from generator.site.outputs import OUTPUT_WRITERS
from generator.site.pages import render_pages
from generator.site.search import SEARCH_DIR, SearchIndex
from generator.site.withhold import Withheld

# the classes the last `prepare` in this process held back, for `build_site` to report (MkDocs
# returns nothing from a build, and the hook is loaded by MkDocs)
last_held: tuple[Hold, ...] = ()
# the files the last `finish` left out because the PII guard found personal data in them
last_withheld: tuple[Withheld, ...] = ()


class SiteConfigError(UsageError):
    """The site configuration asks for something impossible (a bad date, a page written twice)."""


@dataclass(frozen=True)
class Prepared:
    """What the site generator and the guard need of a bundle once its pages are made: the pages,
    the site's name and footer, the held classes, the published contact numbers and the record
    files (to name where a withheld file's identifier came from). Megabytes where the bundle is a
    gigabyte at city-decade: a bundle made in a forked process (`start`) hands back only this."""

    pages: dict[str, str]  # path under the docs folder -> Markdown
    site_title: str
    footer: str
    held: tuple[Hold, ...]
    contact_phones: tuple[str, ...]
    record_paths: tuple[str, ...]


@dataclass(frozen=True)
class Bundle:
    data: SiteData
    views: Views  # built once per build: the pages and the output writers read the same ones
    pages: dict[str, str]  # path under the docs folder -> Markdown

    @property
    def contact_phones(self) -> list[str]:
        """The institutions' and the calls' published contact numbers: the only phone numbers allowed on the site."""
        calls = [c.model.contact.phone for c in self.data.records.calls.values() if c.model.contact]
        return [a.model.contact.phone for a in self.data.records.applications.values()] + calls

    @property
    def record_paths(self) -> tuple[str, ...]:
        return withhold.paths_of(self.data.records)

    def prepared(self) -> Prepared:
        return Prepared(self.pages, self.data.site_title, self.data.footer, self.data.held,
                        tuple(self.contact_phones), self.record_paths)


def _as_of(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise SiteConfigError(f"extra.peixun.as_of 应写作 YYYY-MM-DD，收到“{value}”") from None


# values that stood in for real ones in earlier versions: refused, so that none reaches a page again
PLACEHOLDERS = ("peixun.example.cn", "ocds-xxxxxx", "113202000000000000")
_OCID_PREFIX = re.compile(r"^ocds-[a-z0-9]{6}$")


def publication_of(settings: dict[str, Any], site_url: str | None) -> Publication:
    """The publication settings from mkdocs.yml (`site_url`, `extra.peixun.ocds_prefix`,
    `extra.peixun.publisher_uscc`), checked; unset values stay "" (see `Publication.notices`)."""
    from stdnum.cn import uscc

    url = str(site_url or "").strip()
    prefix = str(settings.get("ocds_prefix") or "").strip()
    publisher = str(settings.get("publisher_uscc") or "").strip().upper()
    for value in (url, prefix, publisher):
        found = next((p for p in PLACEHOLDERS if p in value), None)
        if found:
            raise SiteConfigError(f"网站配置中的“{value}”是占位值（{found}），不能公开：请填写真实的值，或留空")
    if url and not re.match(r"^https?://[^/\s]+", url):
        raise SiteConfigError(f"网站地址应以 https:// 开头，如 https://peixun.example.gov.cn/，收到“{url}”")
    if prefix and not _OCID_PREFIX.match(prefix):
        raise SiteConfigError(
            f"extra.peixun.ocds_prefix 应为开放合同伙伴组织登记的前缀，如 ocds-a1b2c3，收到“{prefix}”")
    if publisher and not uscc.is_valid(publisher):
        raise SiteConfigError(
            f"extra.peixun.publisher_uscc 不是有效的统一社会信用代码：“{publisher}”（应为 18 位，校验位正确）")
    return Publication(site_url=url.rstrip("/") + "/" if url else "", ocid_prefix=prefix, publisher_uscc=publisher)


def records_folder(settings: dict[str, Any], config_file: str | None) -> Path:
    """The records folder of mkdocs.yml's `extra.peixun.records` (relative to the config file)."""
    base = Path(config_file).parent if config_file else Path.cwd()
    records = Path(str(settings.get("records") or "records"))
    return records if records.is_absolute() else base / records


def prepare(settings: dict[str, Any], config_file: str | None, docs_dir: str, site_url: str | None = None) -> Bundle:
    """Settings are mkdocs.yml's `extra.peixun`: records (relative to the config file), as_of, repo_slug,
    ocds_prefix, publisher_uscc; `site_url` is the site's public address (mkdocs.yml `site_url`)."""
    records = records_folder(settings, config_file)
    data = load_site(records, _as_of(settings.get("as_of")), str(settings.get("repo_slug") or ""),
                     publication_of(settings, site_url))
    views = build_views(data)
    pages = render_pages(data, views)
    own = sorted(p for p in pages if (Path(docs_dir) / p).exists())
    for path in own:
        if path in urls.REPLACEABLE:  # the repository's own page of that path replaces the engine's
            del pages[path]
    clashes = [p for p in own if p not in urls.REPLACEABLE]
    if clashes:
        raise SiteConfigError(
            f"{docs_dir} 中的手写页面与生成的页面同名：{', '.join(clashes)}。生成的页面不应写入 {docs_dir}/，请删除"
        )
    global last_held
    last_held = data.held
    return Bundle(data, views, pages)


def _outputs_dir(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name.lstrip('.')}.outputs")  # beside it: moved in by rename


def write_outputs(bundle: Bundle, folder: Path, workers: int | None = None) -> list[Leak]:
    """Every output writer into the empty `folder`, then the PII scan of what they wrote."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for writer in OUTPUT_WRITERS:
        writer(bundle.data, bundle.views, folder)
    return scan_output(folder, bundle.contact_phones, workers=workers)


class Outputs:
    """The output writers of one build, started with it (into a folder beside the site's, which the
    site generator cleans).

    On a large site they run in a forked process beside the site generator, which ends once their
    files are written and scanned (it holds the records); a second forked process, small, then
    reads the pages the generator has finished (`page_written`) with the PII guard, on the core the
    generator leaves idle, so that the guard's pass after the build reads only what was not read
    before. A page read early is trusted only if
    it still holds the bytes that were read (`unchanged_pages`, which reads them all again to compare
    digests): every byte published is still read by the guard after it was last written."""

    def __init__(self, bundle: Bundle, site_dir: str | Path, background: bool | None = None) -> None:
        self._setup(site_dir)
        self.bundle: Bundle | None = bundle  # None when the bundle lives in the forked process only
        if background is None:
            # smaller sites write their outputs in a second or less: no fork
            large = len(bundle.data.records.classes) >= tuning().site_background_from_classes
            background = large and forked.cores() > 0
        if background:
            self._fork(lambda: bundle, None)
            self._start_follower(bundle.contact_phones)

    def _setup(self, site_dir: str | Path) -> None:
        self.site = Path(site_dir)
        self.folder = _outputs_dir(self.site)
        self.followed: dict[str, str] = {}  # page read beside the generator -> digest of the bytes read
        self._pending: str | None = None
        self._queue: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._sender: threading.Thread | None = None
        self._writers: forked.Forked[list[Leak]] | None = None
        self._written: list[Leak] | BaseException | None = None  # the writers' leaks, or what they raised
        self._follower: forked.Forked[tuple[list[Leak], dict[str, str]]] | None = None
        self._ends: list[Connection] = []  # this process's ends of the pipes to the forked processes

    @classmethod
    def beside(cls, make: Callable[[], Bundle], site_dir: str | Path) -> tuple[Prepared, Outputs]:
        """The bundle made by `make` in the forked process that then writes the outputs: only its
        `Prepared` comes back here. If making it fails there, it is made again here, which raises
        the same error as a build without the fork (an exception is not sent between processes)."""
        outputs = cls.__new__(cls)
        outputs._setup(site_dir)
        outputs.bundle = None
        receive, hand = multiprocessing.Pipe(duplex=False)
        outputs._fork(make, hand)
        hand.close()  # the child has its copy: its end closing without a word is an end of file here
        try:
            prepared: Prepared | None = receive.recv()
        except EOFError:
            prepared = None
        finally:
            receive.close()
        if prepared is None:
            outputs.discard()
            bundle = make()
            return bundle.prepared(), cls(bundle, site_dir, background=False)
        outputs._start_follower(prepared.contact_phones)
        return prepared, outputs

    def _fork(self, made: Callable[[], Bundle], hand: Connection | None) -> None:
        """Start the writers' process: the bundle (`made()`, made there or already here; its
        `Prepared` sent on `hand`), its outputs written and scanned. The process then ends (it is
        collected as soon as it is done, `page_written`), and the records with it: a second,
        small process reads the pages beside the generator (`_start_follower`)."""
        pages, feed = multiprocessing.Pipe(duplex=False)
        written, done = multiprocessing.Pipe(duplex=False)  # `done` closes when the outputs are written
        self._ends = [pages, feed, written, done]

        def write() -> list[Leak]:
            for end in (pages, feed, written):
                end.close()  # the follower's and this process's ends: not this child's
            try:
                try:
                    bundle = made()
                    if hand is not None:
                        hand.send(bundle.prepared())
                except BaseException:
                    if hand is None:
                        raise
                    hand.send(None)  # made again by the parent, which reports the error
                    return []
                finally:
                    if hand is not None:
                        hand.close()
                # beside MkDocs the scan stays in the one forked process: MkDocs has the other core
                return write_outputs(bundle, self.folder, workers=0)
            finally:
                done.close()

        self._writers = forked.Forked(write)

    def _start_follower(self, contact_phones: Iterable[str]) -> None:
        """Fork the process that reads the pages the generator has written with the PII guard,
        once the writers' process is done (the end of file on `written`), on the core it leaves."""
        pages, feed, written, done = self._ends
        allowed = frozenset(normalise_phone(p) for p in contact_phones)

        def follow() -> tuple[list[Leak], dict[str, str]]:
            feed.close()  # the child's copy of the sending end: the parent's closing ends the feed
            done.close()
            with contextlib.suppress(EOFError):
                written.recv()  # nothing is sent: the end of file says the outputs are written
            found: dict[str, str] = {}
            return _follow(pages, self.site, allowed, found), found

        self._follower = forked.Forked(follow)
        for end in (pages, written, done):
            end.close()  # the children have their copies
        self._ends = []
        # a thread sends the pages, so that a full pipe never holds up the generator
        self._sender = threading.Thread(target=_pump, args=(self._queue, feed), daemon=True)
        self._sender.start()

    def page_written(self, path: str | Path) -> None:
        """The site generator is about to write the page at `path` (under the site folder): it is
        handed on with the next page, or at the end, when it has been written for certain. The
        writers' process, once done, is collected here: it ends, and the records with it."""
        if self._writers is not None and self._writers.done():
            self._collect_writers()
        if self._sender is None:
            return
        if self._pending is not None:
            self._queue.put(self._pending)
        self._pending = Path(path).relative_to(self.site).as_posix()

    def _collect_writers(self) -> None:
        assert self._writers is not None
        try:
            self._written = self._writers.result()
        except BaseException as exc:  # raised from `leaks`, where a build without the fork raises it
            self._written = exc
        self._writers = None

    def _close_feed(self, flush: bool) -> None:
        if self._sender is None:
            return
        if flush and self._pending is not None:
            self._queue.put(self._pending)
        self._queue.put(None)
        self._sender.join()
        self._sender, self._pending = None, None

    def leaks(self) -> list[Leak]:
        """Wait for the writers (or run them now) and return the leaks found in their files and in
        the pages read beside the generator (every page handed on is written by now)."""
        if self._writers is None and self._follower is None:
            assert self.bundle is not None  # made here: no forked process has it
            return write_outputs(self.bundle, self.folder)
        if self._writers is not None:
            self._collect_writers()
        self._close_feed(flush=True)
        assert self._follower is not None
        followed, self.followed = self._follower.result()
        self._follower = None
        if isinstance(self._written, BaseException):
            raise self._written
        return [*(self._written or []), *followed]

    def unchanged_pages(self) -> list[str]:
        """The pages read beside the generator that still hold the bytes read then: read again,
        whole, to compare digests (much cheaper than scanning them again)."""
        return [rel for rel, seen in self.followed.items()
                if (self.site / rel).is_file() and digest((self.site / rel).read_bytes()) == seen]

    def discard(self) -> None:
        self._close_feed(flush=False)  # a child waiting for pages must end before it is waited for
        for end in self._ends:
            end.close()
        self._ends = []
        if self._writers is not None:
            self._writers.cancel()
            self._writers = None
        if self._follower is not None:
            self._follower.cancel()
            self._follower = None
        shutil.rmtree(self.folder, ignore_errors=True)


def _class_files(records: Path) -> int:
    """The class records' files under `records`: a site's size before anything is loaded."""
    folder = KINDS_BY_NAME["class"].folder
    return sum(1 for _ in (records / folder).rglob("*.yaml")) if folder else 0


def start(make: Callable[[], Bundle], records: Path, site_dir: str | Path) -> tuple[Prepared, Outputs]:
    """The site's pages and its outputs started (`make` makes the bundle from the `records`
    folder). On a large site (judged by its class files, as `Outputs` judges by its loaded classes)
    the bundle is made in the forked process that writes the outputs, and this process holds only
    the `Prepared` it hands back; a small site is made here."""
    global last_held
    if forked.cores() > 0 and _class_files(records) >= tuning().site_background_from_classes:
        prepared, outputs = Outputs.beside(make, site_dir)
    else:
        bundle = make()
        prepared, outputs = bundle.prepared(), Outputs(bundle, site_dir)
    last_held = prepared.held
    return prepared, outputs


def _pump(pending: queue.SimpleQueue[str | None], feed: Connection) -> None:
    """Send each page handed on to the forked process, then the end of the feed (None)."""
    try:
        while True:
            rel = pending.get()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # a failed child reports itself
                feed.send(rel)
            if rel is None:
                return
    finally:
        feed.close()


def _follow(pages: Connection, site: Path, allowed: frozenset[str], found: dict[str, str]) -> list[Leak]:
    """In the forked process: scan each page named on `pages` until the end of the feed; fills
    `found` (page -> digest of the bytes read) and returns the leaks."""
    leaks: list[Leak] = []
    while True:
        try:
            rel = pages.recv()
        except EOFError:
            break
        if rel is None:
            break
        if rel in found or not (site / rel).is_file():
            continue  # written twice, or not at all: left to the guard's pass after the build
        found[rel], page_leaks = scan_file(site, rel, allowed)
        leaks.extend(page_leaks)
    return leaks


def _move_into(folder: Path, out: Path) -> list[str]:
    """Move every file of `folder` to the same place under `out`; returns their relative paths
    (the emptied folder goes with `Outputs.discard`)."""
    moved = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            source = Path(root) / name
            rel = source.relative_to(folder).as_posix()
            target = out / rel
            if target.exists():
                raise SiteConfigError(f"输出文件 {rel} 与网站页面重名：请为该输出换一个路径")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            moved.append(rel)
    return moved


def finish(bundle: Bundle | Prepared, outputs: Outputs, site_dir: str | Path, search_root: str = "main",
           search_exclude: str = "") -> list[Withheld]:
    """After the site generator: the outputs joined into the site, the whole site guarded, then the
    guarded pages indexed for search (`search_root` selects a page's own content in its HTML,
    `search_exclude` what in it is not text to find, such as permalink anchors) and the index
    guarded too before it joins the site: every byte published has been read by the guard.

    A file the guard finds personal data in is left out, and so is a page whose text leaks in the
    search index (the index is built again without it); they are returned, with the records they
    came from, for the bureau (`generator.site.withhold`). The rest is published."""
    global last_withheld
    out = Path(site_dir)
    withheld: list[Withheld] = []
    search: SearchIndex | None = None
    index: SearchIndex | None = None
    try:
        try:
            # the forked process ends first: on a large site it holds the records, which must be gone
            # before the search index grows beside this process (bench/RESULTS.md, the build's peak)
            scanned = outputs.leaks()
            search = SearchIndex(out, search_root, search_exclude)  # indexed while the rest finishes
            moved = _move_into(outputs.folder, out)
        finally:
            outputs.discard()
        leaks = [*scanned, *scan_output(out, bundle.contact_phones, exclude=[*moved, *outputs.unchanged_pages()])]
        if leaks:
            withhold.remove(out, leaks)
            withheld.extend(withhold.listed(leaks, bundle.record_paths))
            search.discard()
            search = SearchIndex(out, search_root, search_exclude)  # without the files left out
        index = _guarded_index(search, out, bundle, withheld, search_root, search_exclude)
        if index is not None:
            index.move_in()
    finally:
        if search is not None:
            search.discard()
        if index is not None:
            index.discard()
    last_withheld = tuple(sorted(set(withheld)))
    return list(last_withheld)


INDEX_ATTEMPTS = 3  # indexings before a search index that still leaks is left out whole


def _guarded_index(search: SearchIndex, out: Path, bundle: Bundle | Prepared, withheld: list[Withheld],
                   search_root: str, search_exclude: str) -> SearchIndex | None:
    """The search index once it holds no personal data: the pages whose text leaks in it are left
    out (added to `withheld`) and the rest indexed again; None (and the index listed as left out)
    when a leak is in a part of the index no page owns, or still there after INDEX_ATTEMPTS."""
    for _attempt in range(INDEX_ATTEMPTS):
        folder = search.written()
        leaks = scan_output(folder, bundle.contact_phones)
        if not leaks:
            return search
        pages = withhold.index_pages(folder, leaks)
        search.discard()
        if pages is None:
            break
        for page in set(pages.values()):
            (out / page).unlink(missing_ok=True)
        withheld.extend(replace(w, path=pages[w.path]) for w in withhold.listed(leaks, bundle.record_paths)
                        if w.path in pages)
        search = SearchIndex(out, search_root, search_exclude)
    else:
        search.discard()
    withheld.extend(replace(w, path=f"{SEARCH_DIR}/") for w in withhold.listed(leaks, bundle.record_paths))
    return None
