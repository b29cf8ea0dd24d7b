"""Site fixtures: one real build of the sample records per test session, served over HTTP on
localhost, and one Chromium (Debian's, no download) driven by Playwright."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest

from generator.site.build import BuildResult, build_site
from tests.conftest import serve_directory
from tests.site.helpers import MKDOCS_YML, SAMPLE, SAMPLE_AS_OF, open_tab


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def build_warnings() -> list[str]:
    """What MkDocs warned about while building `built_site` (broken links, missing pages...)."""
    return []


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, build_warnings: list[str]) -> BuildResult:
    """The sample records built once, as README's quick start builds them (from the repository, so
    the change history is real), at the sample's reference date."""
    out = tmp_path_factory.mktemp("site") / "public"
    collect = _Collect()
    logging.getLogger("mkdocs").addHandler(collect)
    try:
        return build_site(SAMPLE, out, SAMPLE_AS_OF, MKDOCS_YML)
    finally:
        logging.getLogger("mkdocs").removeHandler(collect)
        build_warnings.extend(collect.messages)


@pytest.fixture(scope="session")
def site_url(built_site: BuildResult) -> Iterator[str]:
    with serve_directory(built_site.out) as url:
        yield url


@pytest.fixture(params=["light", "dark"])
def phone(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    """A 375 px Chinese-locale tab in the light and then the dark palette (the axe tests)."""
    yield from open_tab(browser, viewport={"width": 375, "height": 812}, color_scheme=request.param)
