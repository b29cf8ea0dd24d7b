"""JSON for files that a browser may fetch: record text stays text, never markup.

"<", ">" and "&" only ever occur inside JSON strings, where their \\u escapes parse to the same
text; escaping them keeps record text (untrusted) from reading as markup if a file is sniffed or
embedded as HTML. Every JSON file the site publishes goes through here.
"""

from __future__ import annotations

import json
from typing import Any

_HTML_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def dumps(data: Any, *, indent: int = 2, sort_keys: bool = False) -> str:
    """UTF-8-friendly JSON (readable Chinese), HTML-significant characters escaped, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=sort_keys).translate(_HTML_SAFE) + "\n"
