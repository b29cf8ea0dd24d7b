"""Change history as the site shows it: who changed which record, when, and which fields.

Field paths from the audit trail are translated into the forms' Chinese labels (`contract.term.to`
-> 政府购买服务协议 · 期限 · 结束日期), records are linked to the public page that shows them, and
commit messages are masked (`history.redact`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from generator.gitops.audit import STATUS_LABELS, RecordChange
from generator.publish.data import SiteData
from generator.publish.history import redact
from generator.publish.views import Views
from generator.records.kinds import KINDS_BY_NAME
from generator.records.schema_errors import _inner_model
from generator.site import urls

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_FIELDS = 8  # a re-imported roster touches many fields; the page lists the first ones
MAX_RECORDS = 20  # the first import of a dataset touches every record


@dataclass(frozen=True)
class RecordItem:
    status: str  # 新建, 修改, ...
    kind: str  # 项目确定, 项目征集表, ...
    record: str  # the record's identity (file stem)
    page: str | None  # the public page that shows this record, if any
    fields: list[str]
    more_fields: int


@dataclass(frozen=True)
class CommitView:
    """One commit and the records it changed."""

    on: dt.date
    author: str
    message: str
    commit: str
    commit_url: str
    items: list[RecordItem]
    more_items: int


def field_title(kind: str, path: str) -> str:
    """The Chinese labels along a field path; unknown steps keep their name."""
    current: Any = KINDS_BY_NAME[kind].model if kind in KINDS_BY_NAME else None
    titles = []
    for name in _NAME.findall(path):
        fields = getattr(current, "model_fields", {})
        found = next((f for n, f in fields.items() if name in (n, f.alias)), None)
        titles.append(found.title if found is not None and found.title else name)
        current = _inner_model(found.annotation) if found is not None else None
    return " · ".join(titles) or path


def record_pages(views: Views) -> dict[tuple[str, str], str]:
    """(kind, record id) -> the public page that shows the record."""
    pages: dict[tuple[str, str], str] = {}
    for p in views.projects:
        page = urls.project_page(p.id)
        pages[("project", p.id)] = page
        pages[("application", p.project.application)] = page
        for c in p.classes:
            pages[("class", c.model.id)] = page
    for uscc in views.institutions:
        pages[("institution", uscc)] = urls.institution_page(uscc)
    pages[("policy", "*")] = pages[("catalog", "*")] = urls.POLICY
    return pages


def _item(c: RecordChange, pages: dict[tuple[str, str], str]) -> RecordItem:
    record = PurePosixPath(c.path).stem
    kind = KINDS_BY_NAME.get(c.kind)
    fields = list(dict.fromkeys(field_title(c.kind, f) for f in c.fields))
    return RecordItem(
        status=STATUS_LABELS.get(c.status, c.status), kind=kind.title if kind else c.kind, record=record,
        page=pages.get((c.kind, record)) or pages.get((c.kind, "*")),
        fields=fields[:MAX_FIELDS], more_fields=max(0, len(fields) - MAX_FIELDS),
    )


def commit_views(data: SiteData, changes: list[RecordChange], pages: dict[tuple[str, str], str] | None = None
                 ) -> list[CommitView]:
    """`changes` (newest first) grouped by commit, in the same order; records are linked to `pages`."""
    pages = pages or {}
    groups: dict[str, list[RecordChange]] = {}
    for c in changes:
        groups.setdefault(c.commit.sha, []).append(c)
    found = []
    for sha, group in groups.items():
        info = group[0].commit
        found.append(CommitView(
            on=dt.datetime.fromisoformat(info.committed).date(), author=info.author, message=redact(info.message),
            commit=sha, commit_url=data.commit_url(sha), items=[_item(c, pages) for c in group[:MAX_RECORDS]],
            more_items=max(0, len(group) - MAX_RECORDS),
        ))
    return found
