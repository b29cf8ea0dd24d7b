"""What changed in a record, in an auditor's words: `成交单价（元/人）：1,180.00 元 → 1,080.00 元`.

`peixun audit` is read by the bureau's finance office and by auditors, not by developers: fields
are named by the models' Chinese titles, values are written as people write them (money with
thousands separators and 元, dates as 2026年5月20日, 是/否, the labels of coded choices), and
lists are compared by content, so one inserted target group is `新增目标群体：城镇登记失业人员`,
not five changed positions. A roster (any list whose rows carry a `person` pseudonym) is told as
rows added, removed or changed under their pseudonyms: pseudonyms are what the records hold, and
the audit is for the bureau's side (names never enter Git). No value is ever shown as JSON.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, get_origin

from generator.jsonbytes import one_line
from generator.numbers import yuan
from generator.records.fieldlabels import field_at, inner_model, is_money, leaf
from generator.records.fieldpath import KEY, MISSING, plain, same
from generator.records.labels import label_of

NOTHING = "（空）"
MAX_SUMMARY = 4  # fields named when a whole row is added or removed


def day_text(day: dt.date) -> str:
    """2026年5月20日 (a time of day, when there is one, after it)."""
    text = f"{day.year}年{day.month}月{day.day}日"
    if isinstance(day, dt.datetime):
        text += f" {day:%H:%M}"
    return text


def value_text(kind: str, path: str, value: Any) -> str:
    """One value as people write it, by what the model says the field holds."""
    if value is MISSING or value is None:
        return NOTHING
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return day_text(value)
    declared = leaf(field_at(kind, path)[1])
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return str(value)
        if not number.is_finite():
            return str(value)
        if is_money(kind, path):
            return yuan(number)
        return f"{number.normalize():f}" if number == number.to_integral_value() or declared is Decimal \
            else str(value)
    if isinstance(value, str):
        if declared is dt.date:
            try:
                return day_text(dt.date.fromisoformat(value))
            except ValueError:
                pass
        text = label_of(value) if get_origin(declared) is Literal else value
        return text.replace("\r\n", "\n").replace("\n", "↵ ") if text else "（空文本）"
    if isinstance(value, dict):
        return "；".join(f"{_sub_label(kind, path, str(k))}：{value_text(kind, f'{path}.{k}', v)}"
                        for k, v in value.items()) or "（空）"
    if isinstance(value, list | tuple | set):
        return "、".join(value_text(kind, f"{path}[]", v) for v in value) or "（空列表）"
    return str(value)


def _sub_label(kind: str, parent: str, key: str) -> str:
    """The label of a field inside `parent`, without the parent's own labels."""
    depth = len(field_at(kind, parent)[0]) if parent else 0
    titles = field_at(kind, f"{parent}.{key}" if parent else key)[0][depth:]
    return " · ".join(titles) or key


def _free_keys(kind: str, path: str) -> bool:
    """A mapping whose keys are data (`verified_on`: month -> date), not the model's fields."""
    if not path:
        return False
    annotation = field_at(kind, path)[1]
    return annotation is not None and inner_model(annotation) is None


def describe(kind: str, old: Any, new: Any) -> list[str]:
    """Every difference between two parsed versions of a record of `kind`, one line each, in
    document order. `old`/`new` may be None or MISSING for a record created or deleted."""
    lines = _walk(kind, "", "", 0, old if old is not None else MISSING, new if new is not None else MISSING)
    # one line each, whatever a key or a pseudonym held
    return [line.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "↵ ") for line in lines]


def _label(kind: str, path: str, where: str, depth: int = 0) -> str:
    """`where` (the row a change is in, if any) and the field's labels below the `depth` it names."""
    titles = field_at(kind, path)[0][depth:] if path else []
    return where + (" · ".join(titles) if titles else "" if where else "整条记录")


def _walk(kind: str, path: str, where: str, depth: int, old: Any, new: Any) -> Iterator[str]:
    if old is MISSING and new is MISSING:
        return
    if old is not MISSING and new is not MISSING and (same(old, new) or _key(old) == _key(new)):
        return  # the same value (a NaN, which equals nothing, is the same as itself here)
    if (isinstance(old, dict) and isinstance(new, dict)) or (
            isinstance(new, dict) and old in (MISSING, None)) or (isinstance(old, dict) and new in (MISSING, None)):
        before = old if isinstance(old, dict) else {}
        after = new if isinstance(new, dict) else {}
        free = _free_keys(kind, path)
        for key in [*after, *(k for k in before if k not in after)]:
            sub = f"{path}.{key}" if path else str(key)
            if free and not same(before.get(key, MISSING), after.get(key, MISSING)):
                yield from _scalar(kind, sub, f"{_label(kind, path, where, depth)} {key}：", before.get(key, MISSING),
                                   after.get(key, MISSING))
            elif not free:
                yield from _walk(kind, sub, where, depth, before.get(key, MISSING), after.get(key, MISSING))
        return
    if (isinstance(old, list) and isinstance(new, list)) or (isinstance(new, list) and old in (MISSING, None)) or (
            isinstance(old, list) and new in (MISSING, None)):
        yield from _list(kind, path, where, depth, old if isinstance(old, list) else [],
                         new if isinstance(new, list) else [])
        return
    label = _label(kind, path, where, depth)
    yield from _scalar(kind, path, label if label.endswith("：") else f"{label}：", old, new)


def _scalar(kind: str, path: str, label: str, old: Any, new: Any) -> Iterator[str]:
    if old is MISSING or old is None:
        yield f"{label}填写为 {value_text(kind, path, new)}"
    elif new is MISSING or new is None:
        yield f"{label}删除（原为 {value_text(kind, path, old)}）"
    else:
        yield f"{label}{value_text(kind, path, old)} → {value_text(kind, path, new)}"


def _keyed(items: list[Any]) -> bool:
    keys = [item.get(KEY) if isinstance(item, dict) else None for item in items]
    return all(isinstance(k, str) for k in keys) and len(set(keys)) == len(keys)


def summary(kind: str, path: str, item: Any) -> str:
    """A row in a few words: its scalar fields, labelled (`拨付阶段 首期（80%），金额（元） 2,600.00 元`)."""
    if not isinstance(item, dict):
        return value_text(kind, f"{path}[]", item)
    parts = [f"{_sub_label(kind, f'{path}[]', str(k))} {value_text(kind, f'{path}[].{k}', v)}"
             for k, v in item.items() if k != KEY and not isinstance(v, dict | list)]
    more = "，……" if len(parts) > MAX_SUMMARY else ""
    return "，".join(parts[:MAX_SUMMARY]) + more


def _list(kind: str, path: str, where: str, depth: int, old: list[Any], new: list[Any]) -> Iterator[str]:
    label = _label(kind, path, where, depth)
    inside = len(field_at(kind, path)[0])
    if (old or new) and _keyed(old) and _keyed(new):  # a roster: rows by pseudonym
        old_at = {item[KEY]: item for item in old}
        new_at = {item[KEY]: item for item in new}
        for person, item in old_at.items():
            if person not in new_at:
                yield f"{label}：删除 {person}（{summary(kind, path, item)}）"
            else:
                yield from _walk(kind, f"{path}[]", f"{label} {person}：", inside, item, new_at[person])
        for person, item in new_at.items():
            if person not in old_at:
                yield f"{label}：新增 {person}（{summary(kind, path, item)}）"
        return
    if all(not isinstance(v, dict | list) for v in [*old, *new]):  # values: compared as a multiset
        added = Counter(map(_key, new)) - Counter(map(_key, old))
        removed = Counter(map(_key, old)) - Counter(map(_key, new))
        shown = {_key(v): v for v in [*old, *new]}
        if added:
            yield f"{where}新增{_bare(kind, path, depth)}：" + "、".join(
                value_text(kind, f"{path}[]", shown[k]) for k in added.elements())
        if removed:
            yield f"{where}删除{_bare(kind, path, depth)}：" + "、".join(
                value_text(kind, f"{path}[]", shown[k]) for k in removed.elements())
        if not added and not removed and list(map(_key, old)) != list(map(_key, new)):
            yield f"{label}：顺序调整"
        return
    matcher = difflib.SequenceMatcher(None, [_key(v) for v in old], [_key(v) for v in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(pairs):
            yield from _walk(kind, f"{path}[]", f"{label}第 {j1 + n + 1} 项：", inside, old[i1 + n], new[j1 + n])
        for item in old[i1 + pairs:i2]:
            yield f"{where}删除{_bare(kind, path, depth)}：{summary(kind, path, item)}"
        for item in new[j1 + pairs:j2]:
            yield f"{where}新增{_bare(kind, path, depth)}：{summary(kind, path, item)}"


def _bare(kind: str, path: str, depth: int) -> str:
    titles = field_at(kind, path)[0][depth:]
    return " · ".join(titles) if titles else path


def _key(value: Any) -> str:
    """A value's identity for comparing lists by content (1 and 1.0 and true kept apart)."""
    return f"{type(value).__name__}:{one_line(plain(value), sort_keys=True).decode('utf-8')}"
