"""JSON for files that a browser may fetch: record text stays text, never markup.

"<", ">" and "&" only ever occur inside JSON strings, where their \\u escapes parse to the same
text; escaping them keeps record text (untrusted) from reading as markup if a file is sniffed or
embedded as HTML. Every JSON file the site publishes goes through here.
"""

from __future__ import annotations

import json
from typing import Any

from generator.settlement.jsonbytes import json_bytes

_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def dumps(data: Any, *, indent: int = 2, sort_keys: bool = False) -> str:
    """UTF-8-friendly JSON (readable Chinese), HTML-significant characters escaped, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys).translate(_HTML_SAFE) + "\n"


def dumps_bytes(data: Any) -> bytes:
    """`dumps(data)` as UTF-8 bytes, through the fast indent-2 writer (large downloads).

    A byte-level replace is safe: "<", ">" and "&" occur only inside JSON strings, and UTF-8 never
    uses ASCII bytes inside a multi-byte character.
    """
    raw = json_bytes(data)
    return raw.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
