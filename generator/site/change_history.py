"""Change history as the site shows it: which record changed, when, what, and on whose behalf.

Field paths from the audit trail are translated into the forms' Chinese labels (`contract.term.to`
-> 政府购买服务协议 · 期限 · 结束日期), public values are shown old → new (`change_values.py`), and
records are linked to the public page that shows them.
The site speaks in its own words: commit messages, Git names and e-mail addresses are never shown
(people write them, and a staff member's name is personal data too). Who acted is told as a role
or an organisation: the account that made the commit, or opened or merged the pull request that
brought it, is looked up in roles.yaml (the bureau, a district's bureau) and in the institutions'
maintainers (`gitops/actors.py`); a commit no known account made or merged is 记录库维护人员.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.gitops.actors import Landing, Organisations
from generator.gitops.audit import STATUS_LABELS, CommitInfo, Delta, RecordChange
from generator.publish.data import SiteData
from generator.publish.views import Views
from generator.records.kinds import KINDS_BY_NAME
from generator.site import urls
from generator.site.change_values import FieldView, field_title, field_views

__all__ = ["CommitView", "RecordItem", "actors", "commit_views", "field_title", "record_pages"]
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


def actors(data: SiteData) -> Organisations:
    """Account -> the role or organisation it acts for, from roles.yaml and the institutions'
    maintainers (the bureau wins when an account is listed twice): `gitops/actors.py`, the same
    attribution as `peixun audit`."""
    rs = data.records
    roles = rs.roles.model.model_dump() if rs.roles is not None else None
    return Organisations.from_data(roles, [r.model.model_dump() for r in rs.institutions.values()], data.bureau)


def actor_of(info: CommitInfo, known: Organisations, landing: Landing | None = None) -> str:
    """The role or organisation behind a commit: the account that made it (the host's private
    address or an author name that is a known account), else, for a commit a merge brought, the
    account that opened the pull request (named in the host's merge subject) or the one that
    merged it. Never a name, an address or an address's domain; UNKNOWN_ACTOR when none is known."""
    _account, organisation = known.actor(info.author, info.email)
    if organisation is None and landing is not None and landing.merged:
        organisation = known.of(landing.opened_by) or known.actor(landing.author, landing.email)[1]
    return organisation or UNKNOWN_ACTOR


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
                 known: Organisations | None = None) -> list[CommitView]:
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
            on=dt.datetime.fromisoformat(info.committed).date(),
            actor=actor_of(info, known, data.history.landed.get(sha) if data.history is not None else None),
            commit=sha, items=[_item(c, pages) for c in group[:MAX_RECORDS]],
            more_items=max(0, len(group) - MAX_RECORDS),
        ))
    return found
