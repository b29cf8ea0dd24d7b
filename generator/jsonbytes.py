"""The one JSON writer: orjson's speed, the json module's bytes, and a contract that keeps them equal.

Every JSON output (the settlement report, the open data, the site's data, the form's limits) is
written here, as the bytes `json.dumps(data, ensure_ascii=False, indent=...)` would give in UTF-8.
orjson writes those bytes about fifteen times faster than the json module's pure-Python indenting
encoder, and gives the same bytes for every value the contract allows:

- objects with text keys, lists (and tuples), text, true/false/null;
- integers within ±(2^53 − 1), which every JSON reader (a browser's included) reads exactly;
- `Number`, a decimal with a fraction that a format requires as a JSON number (OCDS amounts):
  written with its exact digits, which are also what a reader's binary double gives back;
- nothing else: no float (money is a string with two decimals, rates are strings, counts are
  integers), no Decimal or date (the caller formats them, so the format is decided where the
  meaning is known), no text with a lone surrogate (it is not Unicode and has no UTF-8 form).

Outside the contract the two encoders differ (orjson writes `1e16` where json writes `1e+16`,
`null` for NaN, refuses big integers), so a value outside it raises `JsonContractError` instead
of reaching a file. orjson itself refuses integers beyond 2^53 (OPT_STRICT_INTEGER), surrogates,
keys that are not text and nesting deeper than 254; a walk over the data refuses the rest. The
walk runs after orjson has succeeded, so it never meets a cycle.

orjson indents only by two spaces and writes compact JSON without spaces; the other layouts are
derived from its two-space output. A raw newline never occurs inside a JSON string (it is written
`\\n`), so every newline in that output, and the spaces after it, are layout, never content.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import chain
from typing import Any

import orjson

from generator.errors import JsonContractError

MAX_INT = 2**53 - 1
_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_STRICT_INTEGER
_CONTAINERS = (dict, list, tuple)
_LAYOUT = re.compile(rb"\n *")
_INDENTS = re.compile(rb"\n( +)")
_MAX_DEPTH = 254  # orjson's limit


class Number:
    """A JSON number with a fraction, from a Decimal: `Number(Decimal("27140.50"))` is written `27140.5`.

    Limited to what a binary double holds exactly as decimal digits (at most 15 significant digits,
    1e-4 ≤ |value| < 1e15), so any reader gets the same number back and the digits are the ones
    `float.__repr__` gives, which is what the json module wrote for these files before. Integral
    values are integers, not `Number`s."""

    __slots__ = ("text", "value")

    def __init__(self, value: Decimal) -> None:
        plain = value.normalize() if isinstance(value, Decimal) and value.is_finite() else None
        if (plain is None or plain == plain.to_integral_value() or not -4 <= plain.adjusted() <= 14
                or len(plain.as_tuple().digits) > 15):
            raise JsonContractError(f"内部错误：{value!r} 不能写成带小数的 JSON 数字（整数请用 int，"
                                    "小数须为有限的 Decimal，至多 15 位有效数字，绝对值在 0.0001 与 10^15 之间）")
        self.value = value
        self.text = format(plain, "f").encode("ascii")

    def __repr__(self) -> str:
        return f"Number({self.value!r})"


_SCALARS = frozenset({str, int, bool, type(None), Number})


def _default(value: Any) -> Any:
    if type(value) is Number:
        return orjson.Fragment(value.text)
    raise TypeError(f"{type(value).__name__} 不能写入")


def json_bytes(data: Any) -> bytes:
    """The bytes of `json.dumps(data, ensure_ascii=False, indent=2) + "\\n"` in UTF-8."""
    return _encode(data, _OPTIONS | orjson.OPT_APPEND_NEWLINE)


def dumps(data: Any, *, indent: int | None = 2, sort_keys: bool = False) -> bytes:
    """The bytes of `json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys)`.

    Keys sort by code point as in Python: orjson sorts by UTF-8 bytes, the same order for text."""
    if indent is None:
        return one_line(data, sort_keys=sort_keys)
    raw = _encode(data, _OPTIONS | (orjson.OPT_SORT_KEYS if sort_keys else 0))
    if indent == 2:
        return raw
    if indent < 0:
        raise ValueError("indent must not be negative")
    return _INDENTS.sub(lambda m: b"\n" + b" " * (len(m[1]) // 2 * indent), raw)


def one_line(data: Any, *, sort_keys: bool = False) -> bytes:
    """The bytes of `json.dumps(data, ensure_ascii=False)`: one line, `", "` and `": "` between items.

    orjson's compact form has no spaces, so this collapses its indented form instead: a comma that
    ends a line keeps one space, every other line break and indentation goes."""
    raw = _encode(data, _OPTIONS | (orjson.OPT_SORT_KEYS if sort_keys else 0))
    return _LAYOUT.sub(b"", raw.replace(b",\n", b", \n"))


def _encode(data: Any, option: int) -> bytes:
    try:
        raw = orjson.dumps(data, default=_default, option=option)
    except TypeError as exc:  # orjson.JSONEncodeError is a TypeError
        raise _contract_error(data, str(exc)) from exc
    check(data)
    return raw


def check(data: Any) -> None:
    """Raise `JsonContractError` if `data` holds a value outside the contract, wherever it is.

    Level by level, the types of all values of a level are gathered at C speed
    (`set(map(type, ...))` over the chained values); only a level that holds containers is looked
    at item by item, to find them. Integer range, surrogates and keys are orjson's to refuse."""
    if not isinstance(data, _CONTAINERS):
        if not _allowed(type(data)):
            raise _contract_error(data, f"{type(data).__name__} 不能写入")
        return
    dicts, seqs = ([data], []) if isinstance(data, dict) else ([], [data])
    values_of = dict.values
    while True:
        kinds = set(map(type, chain(chain.from_iterable(map(values_of, dicts)), chain.from_iterable(seqs))))
        if kinds <= _SCALARS:
            return
        for kind in kinds - _SCALARS:
            if not _allowed(kind):
                raise _contract_error(data, f"{kind.__name__} 不能写入")
        values = list(chain(chain.from_iterable(map(values_of, dicts)), chain.from_iterable(seqs)))
        dicts = [value for value in values if isinstance(value, dict)]
        seqs = [value for value in values if isinstance(value, list | tuple)]


def _allowed(kind: type) -> bool:
    """Subclasses of text, integers and containers (an IntEnum, an OrderedDict) are written as their
    base type by both encoders; a float subclass is still a float."""
    return (issubclass(kind, (str, int, *_CONTAINERS)) and not issubclass(kind, float)) or kind in _SCALARS


def _contract_error(data: Any, detail: str) -> JsonContractError:
    where, why = next(_offences(data, "$", 0), ("", detail))
    return JsonContractError(
        f"内部错误：JSON 输出{f' {where} 处' if where else ''}的值不在写出约定之内（{why}）。"
        "约定只允许文本、±(2^53−1) 以内的整数、真假值、null、列表和以文本为键的对象；"
        "这是程序的缺陷，不是记录的问题，请报告")


def _offences(value: Any, where: str, depth: int) -> Iterator[tuple[str, str]]:
    """Where the contract is broken and how, for the message only (the slow path, after a refusal)."""
    if depth > _MAX_DEPTH:
        yield where, f"嵌套超过 {_MAX_DEPTH} 层"
        return
    if isinstance(value, bool) or value is None or type(value) is Number:
        return
    if isinstance(value, float):
        yield where, f"浮点数 {value!r}"
    elif isinstance(value, int):
        if abs(value) > MAX_INT:
            yield where, f"整数 {value} 超出 ±(2^53−1)"
    elif isinstance(value, str):
        if not _unicode(value):
            yield where, "文本含有孤立的代理码位，不是合法的 Unicode"
    elif isinstance(value, dict):
        for key, item in value.items():
            if type(key) is not str or not _unicode(key):
                yield f"{where}[{key!r}]", f"键 {key!r} 不是合法的文本"
            yield from _offences(item, f"{where}[{key!r}]", depth + 1)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _offences(item, f"{where}[{i}]", depth + 1)
    else:
        yield where, f"{type(value).__name__} {value!r:.80}"


def _unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
