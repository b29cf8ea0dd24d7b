"""Shared test fixtures: a valid record world copied to a temporary folder, to break one thing at a time."""

from __future__ import annotations

import atexit
import datetime as dt
import io
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyrage
import pytest
from ruamel.yaml import YAML

from generator.findings import Finding
from generator.pipeline import validate
from generator.records.load import display_path
from generator.validate import Report

FIXTURES = Path(__file__).parent / "fixtures"
WORLD = FIXTURES / "world"
AS_OF = dt.date(2027, 6, 30)

CLASS = "classes/2026/P2026-001-01.yaml"
APPLICATION = "applications/2026/A2026-001.yaml"
PROJECT = "projects/2026/P2026-001.yaml"
INSTITUTION = "institutions/52320211MA1W00001X.yaml"
POLICY = "policy/wuxi-2026-pilot.yaml"
CATALOG = "catalog/wuxi-2025.yaml"
EMPLOYMENT = "employment/2026/P2026-001-01.yaml"
PAYMENTS = "payments/2026/P2026-001-01.yaml"
PRIOR = "prior_subsidies.yaml"
ROLES = "roles.yaml"


def _rt() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


class World:
    """A copy of tests/fixtures/world that a test may edit; every edit is a real file on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def display(self, rel: str) -> str:
        """The path as findings show it."""
        return display_path(self.path(rel))

    def load(self, rel: str) -> Any:
        return _rt().load(self.path(rel).read_text(encoding="utf-8"))

    def dump(self, rel: str, data: Any) -> None:
        buf = io.StringIO()
        _rt().dump(data, buf)
        self.path(rel).parent.mkdir(parents=True, exist_ok=True)
        self.path(rel).write_text(buf.getvalue(), encoding="utf-8")

    def edit(self, rel: str, change: Callable[[Any], Any]) -> None:
        """Load with comments, let `change` mutate the data (or return a replacement), write back."""
        data = self.load(rel)
        result = change(data)
        self.dump(rel, data if result is None else result)

    def write(self, rel: str, content: str | bytes) -> None:
        target = self.path(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")

    def copy(self, rel: str, new_rel: str, change: Callable[[Any], Any] | None = None) -> None:
        data = self.load(rel)
        if change is not None:
            result = change(data)
            data = data if result is None else result
        self.dump(new_rel, data)

    def remove(self, rel: str) -> None:
        self.path(rel).unlink()

    def validate(self, as_of: dt.date = AS_OF) -> Report:
        return validate(self.root, as_of)

    def findings(self, rule: str, as_of: dt.date = AS_OF) -> list[Finding]:
        return [f for f in self.validate(as_of).findings if f.rule == rule]


# The bureau's roster key for this test session: generated now, its identity written to a folder
# outside every repository and removed at exit. No fixture lists a key whose identity is in the
# repository (validate and seal-roster refuse one, issue 24); tests that seal add this one.
ROSTER_IDENTITY = pyrage.x25519.Identity.generate()
ROSTER_RECIPIENT = str(ROSTER_IDENTITY.to_public())
_IDENTITY_DIR = Path(tempfile.mkdtemp(prefix="peixun-test-identity-"))
atexit.register(shutil.rmtree, _IDENTITY_DIR, True)
IDENTITY = _IDENTITY_DIR / "bureau-roster-identity.txt"
IDENTITY.write_text(f"# generated for one test session\n{ROSTER_IDENTITY}\n", encoding="utf-8")
KEY_PERIOD = (dt.date(2020, 1, 1), dt.date(2030, 12, 31))


def with_roster_key(world: World, recipient: str = ROSTER_RECIPIENT,
                    period: tuple[dt.date, dt.date] = KEY_PERIOD) -> None:
    """List `recipient` (the session's key by default) in the world's roles.yaml for `period`."""
    entry = {"recipient": recipient, "from": period[0], "until": period[1]}
    world.edit(ROLES, lambda d: d.__setitem__("roster_recipients", [entry]))


@pytest.fixture
def world(tmp_path: Path) -> World:
    root = tmp_path / "records"
    shutil.copytree(WORLD, root)
    # schema comments point at the repository's schemas/; keep them valid from the copy too
    return World(root)


def line_of(world: World, rel: str, needle: str, occurrence: int = 1) -> int:
    """1-based line of the `occurrence`-th line containing `needle`, to assert a finding's line."""
    seen = 0
    for number, text in enumerate(world.path(rel).read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found in {rel}")


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test Bureau", "GIT_AUTHOR_EMAIL": "bureau@example.cn",
    "GIT_COMMITTER_NAME": "Test Bureau", "GIT_COMMITTER_EMAIL": "bureau@example.cn",
}


def commit_all(repo_dir: Path, message: str, when: str) -> str:
    """Commit everything in a real repository with a fixed identity and date; returns the SHA."""
    import git

    repo = git.Repo.init(repo_dir) if not (repo_dir / ".git").exists() else git.Repo(repo_dir)
    repo.git.add(A=True)
    env = {**GIT_IDENTITY, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    with repo.git.custom_environment(**env):
        repo.git.commit("-m", message, "--allow-empty")
    return repo.head.commit.hexsha


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk (see .ci/run)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not test output."""


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (a free port) for the browser tests; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


SLOW_FIXTURES = {"browser", "soffice"}  # a real Chromium, a real LibreOffice
SLOW_FOLDERS = {"bench"}  # the benchmark smoke runs build whole corpora


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser and benchmark tests `slow`, so `pytest -m "not slow"` is a fast inner loop.

    Marked here rather than in each file, so that a new browser test is slow by construction."""
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or folder in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)
