"""What changed in a record, in the site's words: `成交单价：1,450.00 元 → 1,500.00 元`.

A value is shown only for a record the site publishes and a field whose value it already publishes
(`publish/disclosure.py`, the same decisions as the pages); any other field is named by its label
alone. Lists are summarised (`岗位需求：新增 1 项`), a roster without any number of people. Shown
values are one line of plain text: whitespace collapsed, identifiers masked (`publish/history.redact`:
an old value may hold the very phone number a correction removed, and it must neither reach the
page nor stop every later build at the PII guard), long text not repeated, and the template escapes
the rest (the change table is an HTML block, where Markdown is not interpreted).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_origin

from generator.gitops.audit import Delta
from generator.numbers import yuan
from generator.publish.disclosure import roster, value_public
from generator.publish.history import redact
from generator.records.fieldlabels import field_at, field_title, leaf
from generator.records.labels import label_of

_POSITION = re.compile(r"\[[^\]]*\]")
MAX_VALUE = 60  # characters; a longer text is on the record's page, the history says it changed
CHANGED, ADDED, REMOVED = "已修改", "已填写", "已删除"
NOTHING = "（无）"


@dataclass(frozen=True)
class FieldView:
    """One line of a record's change: its label, and either the old and new values or a note."""

    label: str
    old: str | None = None
    new: str | None = None
    note: str = ""

    @property
    def valued(self) -> bool:
        return self.old is not None and self.new is not None


def show(kind: str, path: str, value: Any) -> str | None:
    """`value` as the site writes it, or None when it is too long to repeat or not a single value."""
    if value is None:
        return NOTHING
    if isinstance(value, dict | list):
        return None
    kind_of = leaf(field_at(kind, path)[1])
    if kind_of is Decimal and not isinstance(value, bool):
        try:
            return yuan(Decimal(str(value)))
        except (InvalidOperation, ValueError):
            pass
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = " ".join(str(value).split())
    if get_origin(kind_of) is Literal:
        text = label_of(text)
    text = redact(text)
    return text if len(text) <= MAX_VALUE else None


def _flatten(delta: Delta) -> list[Delta]:
    """A whole mapping added or removed, as the fields inside it (a contract's term set at once)."""
    if delta.withheld or not (delta.added or delta.removed):
        return [delta]
    value = delta.new if delta.added else delta.old
    if not isinstance(value, dict):
        return [delta]
    found = []
    for key, inner in value.items():
        path = f"{delta.path}.{key}"
        old, new = (None, inner) if delta.added else (inner, None)
        found += _flatten(Delta(path, old, new, delta.added, delta.removed))
    return found


def _note(delta: Delta) -> str:
    return ADDED if delta.added else REMOVED if delta.removed else CHANGED


def _list_views(kind: str, name: str, deltas: list[Delta]) -> list[FieldView]:
    """A list's changes: people only as “名单有增减”; other items counted, public fields valued."""
    label = field_title(kind, name)
    whole = [d for d in deltas if _POSITION.sub("[]", d.path) == f"{name}[]"]
    if roster(kind, name) or any(d.withheld for d in deltas):
        note = "名单有增减（人数和个人信息不公开）" if roster(kind, name) else "有增减"
        summary = [FieldView(label, note=note)] if whole else []
        inner = [d for d in deltas if d not in whole]
        labels = dict.fromkeys(field_title(kind, d.path) for d in inner)
        return summary + [FieldView(t, note=CHANGED) for t in labels]
    views: list[FieldView] = []
    items = [d for d in whole if isinstance(d.new if d.added else d.old, dict | list)]
    added, removed = sum(d.added for d in items), sum(d.removed for d in items)
    if added or removed:
        parts = ([f"新增 {added} 项"] if added else []) + ([f"删除 {removed} 项"] if removed else [])
        views.append(FieldView(label, note="，".join(parts)))
    for d in deltas:
        if d in items:
            continue
        views.extend(_scalar_views(kind, d))
    return views


def _scalar_views(kind: str, delta: Delta) -> list[FieldView]:
    views = []
    for d in _flatten(delta):
        label = field_title(kind, d.path)
        if value_public(kind, _POSITION.sub("[]", d.path)):
            old, new = show(kind, d.path, d.old), show(kind, d.path, d.new)
            if old is not None and new is not None:
                views.append(FieldView(label, old, new))
                continue
        views.append(FieldView(label, note=_note(d)))
    return views


def field_views(kind: str, deltas: tuple[Delta, ...], public: bool) -> list[FieldView]:
    """The lines that tell what changed in one record; values only when the record is `public`."""
    lists: dict[str, list[Delta]] = {}
    order: list[str | Delta] = []
    for d in deltas:
        if not public:
            d = Delta(d.path, added=d.added, removed=d.removed, withheld=True)
        name = d.path.split("[", 1)[0] if "[" in d.path else None  # the list this change is inside
        if name is None:
            order.append(d)
            continue
        if name not in lists:
            lists[name] = []
            order.append(name)
        lists[name].append(d)
    views: list[FieldView] = []
    for item in order:
        if isinstance(item, str):
            views += _list_views(kind, item, lists[item])
        elif item.withheld:
            views.append(FieldView(field_title(kind, item.path), note=_note(item)))
        else:
            views += _scalar_views(kind, item)
    return list(dict.fromkeys(views))
