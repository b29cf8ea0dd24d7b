"""Field paths inside a record and the difference between two versions of one.

One notation serves the audit trail (`peixun audit`), the pull-request checks and correction
records, so that what an auditor reads is what a correction names:
`trainees[p_06ef645276f56034b4141bab].attended_periods`, `periods.practical`, `evidence[2].uri`.
A list of mappings that all carry a distinct `person` is addressed by that pseudonym rather than
by position, because a roster is re-imported in any order and a removed trainee must not make
every later one look changed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from generator.errors import JsonContractError
from generator.findings import Loc
from generator.jsonbytes import MAX_INT, Number, one_line

KEY = "person"


class Missing:
    """The value on one side of a change where the field does not exist."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = Missing()

_TOKEN = re.compile(r"\.?([^.\[\]]+)|\[([^\[\]]+)\]")


@dataclass(frozen=True)
class Step:
    """One step of a path: a mapping key, a list index, or a list item found by its `person`."""

    key: str | None = None
    index: int | None = None
    person: str | None = None

    def text(self, first: bool) -> str:
        if self.key is not None:
            return self.key if first else f".{self.key}"
        return f"[{self.index}]" if self.index is not None else f"[{self.person}]"


def format_path(steps: tuple[Step, ...]) -> str:
    return "".join(s.text(i == 0) for i, s in enumerate(steps)) or "（整条记录）"


def parse_path(text: str) -> tuple[Step, ...] | None:
    """Steps of `a.b[3].c` or `trainees[p_...].x`; None when the text is no path."""
    steps: list[Step] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or (match.group(0).startswith(".") and not steps):
            return None
        key, bracket = match.groups()
        if key is not None:
            steps.append(Step(key=key))
        elif bracket.isdigit():
            steps.append(Step(index=int(bracket)))
        else:
            steps.append(Step(person=bracket))
        pos = match.end()
    return tuple(steps) if steps else None


def _find(items: list[Any], person: str) -> int | None:
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get(KEY) == person:
            return i
    return None


def locate(tree: Any, steps: tuple[Step, ...]) -> Loc | None:
    """The concrete location (keys and indexes) of `steps` in `tree`, None if it does not exist."""
    loc: list[str | int] = []
    node = tree
    for step in steps:
        if step.key is not None and isinstance(node, dict) and step.key in node:
            loc.append(step.key)
            node = node[step.key]
        elif step.index is not None and isinstance(node, list) and step.index < len(node):
            loc.append(step.index)
            node = node[step.index]
        elif step.person is not None and isinstance(node, list) and (i := _find(node, step.person)) is not None:
            loc.append(i)
            node = node[i]
        else:
            return None
    return tuple(loc)


def get_at(tree: Any, loc: Loc) -> Any:
    node = tree
    for part in loc:
        node = node[part]
    return node


def same(a: Any, b: Any) -> bool:
    """Equality that tells 1 from 1.0 and true from 1, which Python's `==` does not."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@dataclass(frozen=True)
class FieldChange:
    """One changed leaf (or a whole added or removed subtree): `path: old → new`."""

    path: str
    old: Any
    new: Any
    loc: Loc  # where the change is in the new version (its nearest existing parent if removed)

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "old": plain(self.old), "new": plain(self.new)}


def plain(value: Any) -> Any:
    """JSON-ready data within the JSON writer's contract (`generator/jsonbytes.py`), whatever YAML
    gave: dates as ISO text, the missing side as None, a number with a fraction as the exact number
    its YAML text wrote (an expert's 20.5), an integral float as an integer, and what JSON cannot
    hold as a number (NaN, infinity, integers beyond ±(2^53 − 1)) as its text; bytes, sets and keys
    that are not text become text. An old version of a record may hold anything a file can hold,
    and its history must still be readable."""
    if value is MISSING or value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value) if abs(value) <= MAX_INT else str(value)
    if isinstance(value, float | Decimal):
        return _number(value)
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, dict):
        return {_text(k if isinstance(k, str) else show(k)): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=repr)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return _text(value.decode("utf-8", "backslashreplace"))
    return _text(str(value))


def _number(value: float | Decimal) -> Any:
    """A float as the decimal its YAML text wrote (`repr` gives the shortest such text)."""
    exact = Decimal(repr(value)) if isinstance(value, float) else value
    if not exact.is_finite():
        return {"nan": ".nan", "inf": ".inf", "-inf": "-.inf"}.get(repr(value), str(value))
    if exact == exact.to_integral_value():
        return int(exact) if abs(exact) <= MAX_INT else str(value)
    try:
        return Number(exact)
    except JsonContractError:  # more digits or a wider range than a double holds exactly
        return str(value)


def _text(value: str) -> str:
    """Text that is valid Unicode (a lone surrogate is written as its escape)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def show(value: Any) -> str:
    """A value as a reader expects it in `old → new`: text bare, containers as compact JSON."""
    if value is MISSING:
        return "（无）"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value if value else '""'
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return one_line(plain(value)).decode("utf-8")
    return str(value)


def _keyed(items: list[Any]) -> bool:
    keys = [item.get(KEY) if isinstance(item, dict) else None for item in items]
    return all(isinstance(k, str) for k in keys) and len(set(keys)) == len(keys)


def diff_trees(old: Any, new: Any) -> list[FieldChange]:
    """Every difference between two parsed versions of a record, in document order."""
    return list(_diff(old, new, (), ()))


def _diff(old: Any, new: Any, steps: tuple[Step, ...], loc: Loc) -> Iterator[FieldChange]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*old, *(k for k in new if k not in old)]:
            step = (*steps, Step(key=str(key)))
            if key in new:
                yield from _diff(old.get(key, MISSING), new[key], step, (*loc, key))
            else:
                yield FieldChange(format_path(step), old[key], MISSING, loc)
    elif isinstance(old, list) and isinstance(new, list):
        if old and new and _keyed(old) and _keyed(new):
            new_at = {item[KEY]: i for i, item in enumerate(new)}
            old_keys = {item[KEY] for item in old}
            for item in old:
                step = (*steps, Step(person=item[KEY]))
                if item[KEY] in new_at:
                    i = new_at[item[KEY]]
                    yield from _diff(item, new[i], step, (*loc, i))
                else:
                    yield FieldChange(format_path(step), item, MISSING, loc)
            for i, item in enumerate(new):
                if item[KEY] not in old_keys:
                    yield FieldChange(format_path((*steps, Step(person=item[KEY]))), MISSING, item, (*loc, i))
        else:
            for i in range(max(len(old), len(new))):
                step = (*steps, Step(index=i))
                if i < len(old) and i < len(new):
                    yield from _diff(old[i], new[i], step, (*loc, i))
                elif i < len(old):
                    yield FieldChange(format_path(step), old[i], MISSING, loc)
                else:
                    yield FieldChange(format_path(step), MISSING, new[i], (*loc, i))
    elif old is MISSING or not same(old, new):
        yield FieldChange(format_path(steps), old, new, loc)
