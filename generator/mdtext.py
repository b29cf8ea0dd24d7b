"""Untrusted text written into Markdown that a person reads: pull-request comments, job summaries,
the settlement's summary.md.

Record text (a project's or an institution's name) and pull-request paths are written where
Markdown is rendered; a bracket makes a link, `<img>` a tracking pixel, `@name` a notification. Every
such value goes through `md_text`, which writes markup characters as numeric character references.
"""

from __future__ import annotations

# Characters that start markup anywhere in a line (CommonMark, GitHub's extensions and
# Python-Markdown): written as numeric character references, which both render as the character and
# which no parser reads as markup. Untrusted text is never put inside a code span, where references
# are not decoded.
_MD_ENTITIES = frozenset("\\`*_[]()#|~<>&@{}$")
_LINE_BREAKS = "\r\n\v\f\x85\u2028\u2029"


def md_text(text: object) -> str:
    """Untrusted text as inline Markdown that renders as exactly that text (new lines as spaces):
    no markup, links, HTML, @mentions, #references or new blocks."""
    value = str(text)
    if any(c in value for c in _LINE_BREAKS):
        value = " ".join(value.split())
    out = []
    for char in value:
        if char in _MD_ENTITIES:
            out.append(f"&#{ord(char)};")
        elif ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0:
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)
