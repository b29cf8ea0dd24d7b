"""Block-style YAML text from plain data, written with string operations.

The corpus has hundreds of thousands of roster rows; ruamel's round-trip dumper (what
`generator.records.writer` uses for hand-edited files) would take longer to write them than the
benchmark takes to read them. The output has the same shape as the writer's: the schema comment
first, two-space indentation, `- ` items, dates and numbers unquoted, codes quoted.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

_PLAIN = re.compile(r"[A-Za-z_\u3400-\u9fff\uff08\uff09][^:#\n\"'\[\]{},&*!|>%@`]*")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def scalar(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def _lines(data: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(data, dict):
        for key, value in data.items():
            _entry(f"{pad}{key}:", value, indent, out)
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
                head = f"{pad}- {key}:" if first else f"{pad}  {key}:"
                _entry(head, value, indent + 2, out)
                first = False
        elif isinstance(item, list):
            raise TypeError("nested lists are not used in records")
        else:
            out.append(f"{pad}- {scalar(item)}")


def dump(data: dict[str, Any], schema_ref: str) -> str:
    """One record file: the yaml-language-server comment, then the record."""
    out = [f"# yaml-language-server: $schema={schema_ref}"]
    _lines(data, 0, out)
    return "\n".join(out) + "\n"
