"""The fast path: block-style YAML text written with string operations, for bulk records.

The benchmark corpus has hundreds of thousands of roster rows; ruamel's round-trip dumper (what
`generator.records.writer` uses for the sample and for hand-edited files) would take longer to
write them than the benchmark takes to read them, and walking a model per row would double the
corpus's generation time. So bulk records come here as plain data: each one is checked against its
model (pydantic's validation runs in compiled code: about 6 µs per roster row, less than working
out a row's shape in Python to check it once per shape), floats are refused while the text is
written, and the text has the writer's layout: the schema comment first, two-space indentation,
`- ` items, dates and numbers unquoted, codes quoted. It reads back to the same data as the
writer's text of the same record (tests/factory/ proves it for the sample).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from generator.errors import RecordBuildError
from generator.factory.emit import _explain, record_tree
from generator.records.kinds import RecordKind

_PLAIN = re.compile(r"[A-Za-z_\u3400-\u9fff\uff08\uff09][^:#\n\"'\[\]{},&*!|>%@`]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def _text(text: str) -> str:
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def scalar(value: Any) -> str:
    kind = type(value)  # by exact type first: this runs for every value of 400,000 roster rows
    if kind is str:
        return _text(value)
    if kind is int:
        return str(value)
    if kind is dt.date:
        return value.isoformat()
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else format(value.normalize(), "f")
    if isinstance(value, float):
        raise RecordBuildError(
            f"记录工厂拒绝写出浮点数 {value!r}：金额、比例和评分须用 Decimal 或整数，以免二进制近似值进入记录"
        )
    if isinstance(value, DoubleQuotedScalarString):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, str):
        return _text(str(value))
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    raise RecordBuildError(f"记录工厂无法写出 {type(value).__name__} 类型的值：{value!r}")


# keys repeat (field names, months): each is worked out once per process
_KEYS: dict[str, str] = {}


def _key(key: Any) -> str:
    if type(key) is str:
        text = _KEYS.get(key)
        if text is None:
            text = _KEYS[key] = _text(key)
        return text
    return scalar(key) if isinstance(key, str) else str(key)


def _lines(data: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            _entry(f"{pad}{_key(key)}:", value, indent, out)
    else:
        raise TypeError(f"a mapping was expected, got {type(data).__name__}")


def _entry(head: str, value: Any, indent: int, out: list[str]) -> None:
    if isinstance(value, dict):
        if not value:
            out.append(f"{head} {{}}")
            return
        out.append(head)
        _lines(value, indent + 2, out)
    elif isinstance(value, list):
        if not value:
            out.append(f"{head} []")
            return
        out.append(head)
        _items(value, indent + 2, out)
    else:
        text = scalar(value)
        out.append(f"{head} {text}" if text else head)


def _items(items: list[Any], indent: int, out: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict) and item:
            first = True
            for key, value in item.items():
                head = f"{pad}- {_key(key)}:" if first else f"{pad}  {_key(key)}:"
                _entry(head, value, indent + 2, out)
                first = False
        elif isinstance(item, list):
            raise TypeError("nested lists are not used in records")
        else:
            out.append(f"{pad}- {scalar(item)}")


def dump(data: Mapping[str, Any], schema_ref: str) -> str:
    """One record file: the yaml-language-server comment, then the record."""
    out = [f"# yaml-language-server: $schema={schema_ref}"]
    _lines(dict(data), 0, out)
    return "\n".join(out) + "\n"


def model_text(model: Any, schema_ref: str) -> str:
    """A model built by the factory, as fast text (its tree's floats are exact Decimals written back)."""
    return dump(_decimals(record_tree(model)), schema_ref)


def _decimals(value: Any) -> Any:
    # record_tree gives floats for non-integral Decimals (ruamel writes them); give them back as
    # Decimals through their exact repr, so that the float refusal above stays about the input
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, dict):
        return {k: _decimals(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decimals(v) for v in value]
    return value


def bulk_text(kind: RecordKind, data: Mapping[str, Any], schema_ref: str) -> str:
    """A record given as plain data (keys by the records' spelling), checked against its kind's model,
    as fast text."""
    try:
        kind.model.model_validate(data)
    except ValidationError as error:
        raise RecordBuildError(f"记录工厂拒绝生成 {kind.model.__name__}：{_explain(error)}") from None
    return dump(data, schema_ref)
