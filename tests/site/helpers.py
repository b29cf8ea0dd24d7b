"""Record sets for site tests: the sample records aged past their employment windows, and copies
grown with extra projects (for the scale test)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import git

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "records"
SAMPLE_AS_OF = dt.date(2026, 11, 27)  # the sample records' reference date (README)
AGED_AS_OF = dt.date(2027, 8, 31)  # every roster-bearing first class has closed its windows
MKDOCS_YML = REPO / "mkdocs.yml"


def copy_sample(dest: Path) -> Path:
    shutil.copytree(SAMPLE, dest)
    return dest


def age_sample(dest: Path) -> Path:
    """The sample records, with the evidence every class needs once it has ended, so that they
    validate at AGED_AS_OF and the first cohorts count as finished."""
    copy_sample(dest)
    for file in sorted((dest / "classes").rglob("*.yaml")):
        text = file.read_text(encoding="utf-8")
        if re.search(r"^evidence: \[\][ \t]*$", text, flags=re.M) is None:
            continue  # the class already records its evidence
        digest = hashlib.sha256(file.stem.encode()).hexdigest()
        evidence = (
            f"evidence:\n  - kind: video\n    uri: archive://{file.stem}/day1.mp4\n    sha256: {digest}\n"
            f"  - kind: image\n    uri: archive://{file.stem}/day1.jpg\n    sha256: {digest[::-1]}\n"
        )
        file.write_text(re.sub(r"^evidence:.*\n", evidence, text, count=1, flags=re.M), encoding="utf-8")
    return dest


def add_projects(records: Path, count: int, template: str = "001") -> list[str]:
    """`count` more selected projects, each with its own application, copied from P2026-<template>."""
    app_text = (records / f"applications/2026/A2026-{template}.yaml").read_text(encoding="utf-8")
    prj_text = (records / f"projects/2026/P2026-{template}.yaml").read_text(encoding="utf-8")
    ids = []
    for i in range(count):
        n = f"{500 + i:03d}"
        app = app_text.replace(f"id: A2026-{template}", f"id: A2026-{n}")
        prj = prj_text.replace(f"id: P2026-{template}", f"id: P2026-{n}").replace(
            f"application: A2026-{template}", f"application: A2026-{n}")
        (records / f"applications/2026/A2026-{n}.yaml").write_text(app, encoding="utf-8")
        (records / f"projects/2026/P2026-{n}.yaml").write_text(prj, encoding="utf-8")
        ids.append(f"P2026-{n}")
    return ids


def site_with_page(tmp_path: Path, body: str) -> Path:
    """The project's site with one more hand-written page; returns its mkdocs.yml."""
    shutil.copytree(REPO / "site", tmp_path / "site")
    (tmp_path / "site" / "note.md").write_text(f"# 说明\n\n<p>编号 {body}</p>\n", encoding="utf-8")
    config = MKDOCS_YML.read_text(encoding="utf-8")
    hook = REPO / "generator" / "site" / "mkdocs_hook.py"
    config = re.sub(r"(?m)^  - generator/site/mkdocs_hook\.py$", f"  - {hook}", config)
    config = config.replace("  - 数据说明: about.md\n", "  - 数据说明: about.md\n  - 说明: note.md\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def commit_as(repo: Path, name: str, email: str, message: str, when: str) -> None:
    """Commit everything in `repo` as someone else, at `when`: the history pages must show the
    acting organisation, never this Git name, e-mail or message."""
    handle = git.Repo(repo)
    handle.git.add(A=True)
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": name,
           "GIT_COMMITTER_EMAIL": email, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    with handle.git.custom_environment(**env):
        handle.git.commit("-m", message)

def open_tab(browser: Any, **options: Any) -> Iterator[Any]:
    """One Chinese-locale tab in a fresh browser context, closed after the test (a generator for
    fixtures to `yield from`)."""
    context = browser.new_context(locale="zh-CN", **options)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    try:
        yield tab
    finally:
        context.close()
