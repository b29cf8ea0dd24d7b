"""The output writers of one build (downloads, the form, list data), run into a folder of their own
beside the site's and scanned by the PII guard; on a large site in a forked process beside the site
generator, with a second small one reading the generator's pages as they are written.

Apart from `generator.site.assemble` because it is the build's process machinery (forks, pipes,
threads), while assemble says what a build does with them."""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import shutil
import threading
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from pathlib import Path

from generator import forked
from generator.publish.pii_guard import Leak, digest, normalise_phone, scan_file, scan_output
from generator.site.bundle import Bundle, Prepared
from generator.site.outputs import OUTPUT_WRITERS


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

    def __init__(self, bundle: Bundle, site_dir: str | Path, background: bool = False) -> None:
        """`background`: write the outputs in a forked process now (a build decides it in
        `generator.site.assemble.start`, by the site's size; a large site's bundle is made in that
        process instead, `beside`)."""
        self._setup(site_dir)
        self.bundle: Bundle | None = bundle  # None when the bundle lives in the forked process only
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
            return bundle.prepared(), cls(bundle, site_dir)
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
