"""The records as they are in one commit, read from Git objects (no checkout) and parsed lazily.

Pull-request checks judge authority and frozen facts by the base revision, which is never the
working tree; they only need a few folders, so files are listed once (`git ls-tree`) and parsed
on demand. Parsing is tolerant: a broken file on either side is `None`, never an exception,
because `peixun validate` is the one that explains broken files.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePosixPath
from typing import Any

from generator.gitops.identity import handles
from generator.gitrepo import GitRepo, under
from generator.records.kinds import KINDS_BY_NAME, kind_for
from generator.records.yamlio import ParseProblem, decode, parse


def parse_blob(data: bytes | None) -> dict[str, Any] | None:
    """Plain data of one YAML file, or None when it is absent or cannot be read."""
    if data is None:
        return None
    text = decode(data)
    if isinstance(text, ParseProblem):
        return None
    tree = parse(text)
    return None if isinstance(tree, ParseProblem) else tree


def text_of(data: bytes | None) -> str | None:
    if data is None:
        return None
    text = decode(data)
    return None if isinstance(text, ParseProblem) else text


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class Snapshot:
    """Records of the commit `rev` under the records folder `prefix` (repository-relative)."""

    def __init__(self, git: GitRepo, rev: str, prefix: str) -> None:
        self.git = git
        self.rev = rev
        self.prefix = prefix
        self._by_kind: dict[str, dict[str, tuple[str, str]]] = {}
        for path, blob in git.tree(rev, prefix).items():
            rel = under(path, prefix)
            kind = kind_for(PurePosixPath(rel)) if rel is not None else None
            if kind is not None:
                self._by_kind.setdefault(kind.name, {})[PurePosixPath(path).stem] = (path, blob)
        self._parsed: dict[str, dict[str, Any] | None] = {}

    def path_of(self, kind: str, stem: str) -> str | None:
        entry = self._by_kind.get(kind, {}).get(stem)
        return entry[0] if entry else None

    def data(self, kind: str, stem: str) -> dict[str, Any] | None:
        entry = self._by_kind.get(kind, {}).get(stem)
        if entry is None:
            return None
        _path, blob = entry
        if blob not in self._parsed:
            self._parsed[blob] = parse_blob(self.git.blobs([blob]).get(blob))
        return self._parsed[blob]

    def all(self, kind: str) -> dict[str, dict[str, Any]]:
        """Every parsable record of a kind, by identity (file stem)."""
        entries = self._by_kind.get(kind, {})
        missing = [blob for _path, blob in entries.values() if blob not in self._parsed]
        for blob, raw in self.git.blobs(missing).items():
            self._parsed[blob] = parse_blob(raw)
        return {stem: data for stem, (_p, blob) in entries.items() if (data := self._parsed.get(blob)) is not None}

    def single(self, kind: str) -> dict[str, Any] | None:
        single = KINDS_BY_NAME[kind].single_file
        return self.data(kind, PurePosixPath(single).stem) if single else None

    # -- the facts the checks ask about -------------------------------------------------------
    def bureau(self) -> set[str]:
        roles = self.single("roles") or {}
        return handles(roles.get("bureau"))

    def districts_of(self, handle: str) -> set[str]:
        roles = self.single("roles") or {}
        districts = roles.get("districts")
        if not isinstance(districts, dict):
            return set()
        return {str(name) for name, members in districts.items() if handle in handles(members)}

    def maintained_by(self, handle: str) -> set[str]:
        """USCCs of the institutions whose record lists `handle` among its maintainers."""
        return {uscc for uscc, data in self.all("institution").items() if handle in handles(data.get("maintainers"))}

    def institution_of_project(self, project_id: str) -> str | None:
        project = self.data("project", project_id) or {}
        application = self.data("application", str(project.get("application"))) or {}
        value = application.get("institution")
        return value if isinstance(value, str) else None

    def institution_of_class(self, class_id: str) -> str | None:
        project = (self.data("class", class_id) or {}).get("project")
        return self.institution_of_project(project) if isinstance(project, str) else None

    def decisions_for(self, application_id: str) -> list[str]:
        """Ids of the decision records (records/projects/) that name the application."""
        return sorted(stem for stem, data in self.all("project").items() if data.get("application") == application_id)

    def first_paid(self, class_id: str) -> dict[str, Any] | None:
        """The first installment paid for a class, if any."""
        payments = self.data("payments", class_id) or {}
        installments = payments.get("installments")
        for item in installments if isinstance(installments, list) else []:
            if isinstance(item, dict) and item.get("phase") == "first":
                return item
        return None

    def started_classes(self, project_id: str, on: dt.date) -> list[tuple[str, dt.date]]:
        """(class id, start date) of the project's classes that started on or before `on`."""
        started = []
        for class_id, data in self.all("class").items():
            start = as_date(data.get("start_on"))
            if data.get("project") == project_id and start is not None and start <= on:
                started.append((class_id, start))
        return started
