"""Who someone is on the Git host, and text from records made safe for the places it is written to.

Handles come from records that pull requests edit, and are written into CODEOWNERS, which the Git
host obeys; file paths and messages come from pull requests and are written into Markdown comments,
job summaries and workflow commands. Each of these is a small language of its own: a newline in a
handle adds a CODEOWNERS rule, a backtick in a path closes a code span, `%0A` in an annotation
starts a new workflow command. Everything written there goes through this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# GitHub's rule for user names: ASCII letters, digits and single hyphens, not at either end, at
# most 39 characters. Anything else (a newline, a space, "@org/team", a Cyrillic "о") is no handle.
HANDLE = re.compile(r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}")
HANDLE_RULE = "^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$"


def valid_handle(value: Any) -> bool:
    """True when `value` is a GitHub user name exactly as written (no @, no spaces)."""
    return isinstance(value, str) and HANDLE.fullmatch(value) is not None


def canonical(value: Any) -> str | None:
    """A handle as compared (GitHub logins are case-insensitive, ASCII only), or None when `value`
    is no valid handle. A leading @ is accepted here, because people write it."""
    if not isinstance(value, str):
        return None
    text = value[1:] if value.startswith("@") else value
    return text.lower() if HANDLE.fullmatch(text) else None


def handles(value: Any) -> set[str]:
    """The valid handles of a YAML list, canonical; invalid entries grant nothing."""
    if not isinstance(value, list):
        return set()
    return {h for v in value if (h := canonical(v)) is not None}


def invalid_handles(value: Any) -> list[tuple[int, Any]]:
    """(index, entry) of each entry of a YAML list of handles that is not a valid handle."""
    if not isinstance(value, list):
        return [] if value is None else [(-1, value)]
    return [(i, v) for i, v in enumerate(value) if canonical(v) is None]


# -- Markdown (pull-request comments, job summaries): generator/mdtext.py, shared with the settlement


# -- GitHub workflow commands (annotations) --------------------------------------------------------

def command_data(value: str) -> str:
    """The message part of `::error ...::message` (GitHub's escapeData)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def command_property(value: str) -> str:
    """A property value of a workflow command, e.g. file= or title= (GitHub's escapeProperty)."""
    return command_data(value).replace(":", "%3A").replace(",", "%2C")


# -- CODEOWNERS ------------------------------------------------------------------------------------

def codeowners_path(path: str) -> str | None:
    """A repository path as a CODEOWNERS pattern matching exactly that file, or None when the path
    cannot be written safely (CODEOWNERS has no quoting: spaces and glob characters would change
    what the line matches, and a newline would add a rule)."""
    if not re.fullmatch(r"[A-Za-z0-9._/\-]+", path) or "//" in path or "/./" in path or "/../" in path:
        return None
    return path


def owners_line(path: str, owners: Iterable[str]) -> str | None:
    """One CODEOWNERS rule, or None when the path or every owner is unsafe."""
    pattern = codeowners_path(path)
    names: list[str] = []
    for owner in owners:
        c = canonical(owner)
        if c is not None and c not in {n.lower() for n in names}:
            names.append(owner[1:] if owner.startswith("@") else owner)
    if pattern is None or not names:
        return None
    return f"{pattern} {' '.join('@' + n for n in names)}"
