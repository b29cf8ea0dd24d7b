"""JSON for files that a browser may fetch: record text stays text, never markup or script.

"<", ">" and "&" only ever occur inside JSON strings, where their \\u escapes parse to the same
text; escaping them keeps record text (untrusted) from reading as markup if a file is sniffed or
embedded as HTML (no `</script>`, `<!--` or `]]>` can appear). U+2028 and U+2029 are escaped too:
JSON allows them raw in strings, but older JavaScript engines end a line at them, so a file
pasted into a script would break. Every JSON file the site publishes goes through here; the bytes
come from the one writer, `generator.jsonbytes` (orjson under its contract).
"""

from __future__ import annotations

from typing import Any

from generator.jsonbytes import dumps as _dumps
from generator.jsonbytes import json_bytes, one_line

# U+2028 and U+2029 in UTF-8: their first byte is a lead byte, which never occurs inside another
# character, so these three bytes are always that character (and it stands only inside a string).
_LS, _PS = "\u2028".encode(), "\u2029".encode()


def dumps(data: Any, *, indent: int = 2, sort_keys: bool = False) -> str:
    """UTF-8-friendly JSON (readable Chinese), HTML-significant characters escaped, final newline."""
    return (_html_safe(_dumps(data, indent=indent, sort_keys=sort_keys)) + b"\n").decode("utf-8")


def _html_safe(raw: bytes) -> bytes:
    """A byte-level replace is safe: "<", ">" and "&" occur only inside JSON strings, and UTF-8 never
    uses ASCII bytes inside a multi-byte character."""
    return (raw.replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026")
            .replace(_LS, b"\\u2028").replace(_PS, b"\\u2029"))


class Encoded(bytes):
    """An item already encoded by `encode_line`: written as it is where `dumps_lines` puts an item
    on its own line (the same release in a project's package and in the bulk file is encoded once)."""


def encode_line(value: Any) -> Encoded:
    return Encoded(_one_line(value))


def _one_line(value: Any) -> bytes:
    if isinstance(value, Encoded):
        return value
    return one_line(value)


def _lines(items: list[Any], pad: bytes) -> list[bytes]:
    if not items:
        return [b"[]"]
    return [b"[\n", b",\n".join(pad + b"  " + _one_line(item) for item in items), b"\n", pad, b"]"]


def dumps_lines(data: Any) -> bytes:
    """JSON for downloads: one row (or release, or file entry) per line, HTML-safe, final newline.

    The top-level object's keys each take a line, a list (top-level, or a top-level key's value)
    gives each item a line of its own, and everything inside an item is written on that line as
    `json.dumps` writes it compactly (`jsonbytes.one_line`). Rows stay readable and a changed row
    is a changed line in a diff, while the file is a third of its indented size (at city scale the
    OCDS bulk file was 118 MB indented)."""
    parts: list[bytes]
    if isinstance(data, list):
        parts = _lines(data, b"")
    elif isinstance(data, dict) and data:
        entries = []
        for key, value in data.items():
            head = b"  " + _one_line(str(key)) + b": "
            body = b"".join(_lines(value, b"  ")) if isinstance(value, list) else _one_line(value)
            entries.append(head + body)
        parts = [b"{\n", b",\n".join(entries), b"\n}"]
    else:
        parts = [_one_line(data)]
    return _html_safe(b"".join(parts) + b"\n")


def dumps_bytes(data: Any) -> bytes:
    """`dumps(data)` as UTF-8 bytes, through the fast indent-2 writer."""
    return _html_safe(json_bytes(data))
