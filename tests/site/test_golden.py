"""Golden files: the generated Markdown of pages, byte for byte, so that a template change shows up
in review as a diff of what readers will see. Regenerate with PEIXUN_UPDATE_GOLDEN=1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish.data import load_site
from generator.site.pages import render_pages
from tests.site.helpers import AGED_AS_OF, SAMPLE_AS_OF, age_sample, copy_sample

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "golden"


def check(name: str, text: str) -> None:
    target = GOLDEN / name
    if os.environ.get("PEIXUN_UPDATE_GOLDEN"):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == text, f"{name} differs; PEIXUN_UPDATE_GOLDEN=1 rewrites it"


@pytest.mark.parametrize(("page", "golden"), [
    ("projects/P2026-001.md", "project-P2026-001.md"),
    ("projects/P2026-008.md", "project-P2026-008.md"),
    ("index.md", "home.md"),
])
def test_sample_pages(tmp_path: Path, page: str, golden: str) -> None:
    # a copy outside Git: the history section does not depend on the repository's commits
    pages = render_pages(load_site(copy_sample(tmp_path / "records"), SAMPLE_AS_OF))
    check(golden, pages[page])


def test_outcomes_page_of_finished_cohorts(tmp_path: Path) -> None:
    pages = render_pages(load_site(age_sample(tmp_path / "records"), AGED_AS_OF))
    check("outcomes-aged.md", pages["outcomes.md"])
