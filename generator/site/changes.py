"""Change history as the site shows it: which record changed, when, what, and on whose behalf.

Field paths from the audit trail are translated into the forms' Chinese labels (`contract.term.to`
-> 政府购买服务协议 · 期限 · 结束日期), public values are shown old → new (`change_values.py`), and
records are linked to the public page that shows them.
The site speaks in its own words: commit messages, Git names and e-mail addresses are never shown
(people write them, and a staff member's name is personal data too). Who acted is told as a role
or an organisation: the commit's account is looked up in roles.yaml (the bureau, a district's
bureau) and in the institutions' maintainers; an account found in neither is 记录库维护人员.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.gitops.audit import STATUS_LABELS, Delta, RecordChange
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.records.kinds import KINDS_BY_NAME
from generator.site import urls
from generator.site.change_values import FieldView, field_title, field_views

__all__ = ["CommitView", "RecordItem", "actors", "commit_views", "field_title", "record_pages"]
# a Git host's private commit address: [numeric id+]account@users.noreply.<host>
_NOREPLY = re.compile(r"^(?:\d+\+)?([A-Za-z0-9][A-Za-z0-9-]*)@users\.noreply\.", re.I)
UNKNOWN_ACTOR = "记录库维护人员"
MAX_FIELDS = 8  # a re-imported roster touches many fields; the page lists the first ones
MAX_RECORDS = 20  # the first import of a dataset touches every record


@dataclass(frozen=True)
class RecordItem:
    status: str  # 新建, 修改, ...
    kind: str  # 项目确定, 项目征集表, ...
    record: str  # the record's identity (file stem)
    page: str | None  # the public page that shows this record, if any
    fields: list[FieldView]
    more_fields: int


@dataclass(frozen=True)
class CommitView:
    """One commit and the records it changed."""

    on: dt.date
    actor: str  # a role or an organisation, never a person's name
    commit: str
    items: list[RecordItem]
    more_items: int


def actors(data: SiteData) -> dict[str, str]:
    """Account (case-folded) -> the role or organisation it acts for, from roles.yaml and the
    institutions' maintainers (the bureau wins when an account is listed twice)."""
    found: dict[str, str] = {}
    rs = data.records
    for rec in sorted(rs.institutions.values(), key=lambda r: r.model.uscc):
        for handle in rec.model.maintainers:
            found.setdefault(handle.strip().lstrip("@").casefold(), rec.model.name)
    if rs.roles is not None:
        for district, handles in rs.roles.model.districts.items():
            for handle in handles:
                found[handle.strip().lstrip("@").casefold()] = f"{district}人社部门"
        for handle in rs.roles.model.bureau:
            found[handle.strip().lstrip("@").casefold()] = "市人社局"
    return found


def actor_of(author: str, email: str, known: dict[str, str]) -> str:
    """The role or organisation behind a commit: its account is the noreply address's account or
    the author name; anything else (a person's name, an address) is never shown."""
    candidates = [author.strip()]
    match = _NOREPLY.match(email.strip())
    if match:
        candidates.insert(0, match.group(1))
    for candidate in candidates:
        if candidate.casefold() in known:
            return known[candidate.casefold()]
    return UNKNOWN_ACTOR


def record_pages(views: Views, calls: Iterable[str] = ()) -> dict[tuple[str, str], str]:
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
    for call in calls:
        pages[("call", call)] = urls.BUDGET
    return pages


def _item(c: RecordChange, pages: dict[tuple[str, str], str]) -> RecordItem:
    record = PurePosixPath(c.path).stem
    kind = KINDS_BY_NAME.get(c.kind)
    page = pages.get((c.kind, record)) or pages.get((c.kind, "*"))
    deltas = c.deltas or tuple(Delta(f, withheld=True) for f in c.fields)
    fields = field_views(c.kind, deltas, public=page is not None)
    return RecordItem(
        status=STATUS_LABELS.get(c.status, c.status), kind=kind.title if kind else c.kind, record=record,
        page=page, fields=fields[:MAX_FIELDS], more_fields=max(0, len(fields) - MAX_FIELDS),
    )


def commit_views(data: SiteData, changes: list[RecordChange], pages: dict[tuple[str, str], str] | None = None,
                 known: dict[str, str] | None = None) -> list[CommitView]:
    """`changes` (newest first) grouped by commit, in the same order; records are linked to `pages`,
    commits attributed through `known` (`actors(data)`, computed here when not given)."""
    pages = pages or {}
    known = actors(data) if known is None else known
    groups: dict[str, list[RecordChange]] = {}
    for c in changes:
        groups.setdefault(c.commit.sha, []).append(c)
    found = []
    for sha, group in groups.items():
        info = group[0].commit
        found.append(CommitView(
            on=dt.datetime.fromisoformat(info.committed).date(), actor=actor_of(info.author, info.email, known),
            commit=sha, items=[_item(c, pages) for c in group[:MAX_RECORDS]],
            more_items=max(0, len(group) - MAX_RECORDS),
        ))
    return found
