"""The fast path for reading records: libyaml through PyYAML, with ruamel.yaml's YAML 1.2 meaning.

PyYAML's C loader is the fastest way to read YAML from Python (measured, bench/RESULTS.md: 2.7× faster than
ruamel.yaml's safe loader over the same libyaml), but it speaks YAML 1.1 (`on`, `yes` and `no` are
booleans, `1:20` is a number) and silently keeps the last of two duplicate keys. This loader
takes its implicit types from ruamel.yaml's own YAML 1.2 table and constructs numbers and dates
with ruamel's rules, so a file means the same to both. Anything unusual (a duplicate key, a merge
key, an explicit tag, a directive, a recursive alias) raises `Unusual`; the caller then reads the
file with ruamel.yaml, which also words the error message a user sees.

`compose` gives the node tree with positions, which is all line placement needs: it is an order of
magnitude faster than a round-trip parse.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Hashable
from typing import Any, ClassVar

import yaml
from ruamel.yaml.resolver import implicit_resolvers
from ruamel.yaml.util import create_timestamp, timestamp_regexp

_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = re.compile(timestamp_regexp.pattern, timestamp_regexp.flags)
_BOOLS = {"true": True, "false": False}
_INF = float("inf")
# explicit tags and directives are rare in records and have subtly different meanings in the two
# libraries: such files take the ruamel.yaml path
_UNUSUAL_TEXT = re.compile(r"!|^%", re.MULTILINE)


class Unusual(Exception):
    """The fast loader declines this document; read it with ruamel.yaml instead."""


# libyaml's bindings; a PyYAML built without them still reads the same way, only slower
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):
    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {}
    yaml_constructors: ClassVar[dict[Any, Any]] = {}

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise Unusual("not a mapping")
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise Unusual("merge key")
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, list):
                key = tuple(key)
            if not isinstance(key, Hashable) or key in mapping:
                raise Unusual("duplicate or unhashable key")
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _map(loader: _Loader, node: Any) -> Any:
    data: dict[Any, Any] = {}
    yield data
    data.update(loader.construct_mapping(node))


def _seq(loader: _Loader, node: Any) -> Any:
    data: list[Any] = []
    yield data
    data.extend(loader.construct_sequence(node))


def _str(loader: _Loader, node: Any) -> str:
    """Short texts repeat across a city's records (groups, kinds, months, employers, a person's
    pseudonym in roster and employment): one shared object each saves memory, and pickle then
    stores each once per cache shard."""
    value: str = node.value
    return sys.intern(value) if len(value) <= 64 else value


def _null(loader: _Loader, node: Any) -> None:
    return None


def _bool(loader: _Loader, node: Any) -> bool:
    return _BOOLS[node.value.lower()]


def _int(loader: _Loader, node: Any) -> int:
    """ruamel.yaml's YAML 1.2 integers: `0510` is 510, `0o17` octal, underscores ignored."""
    text = node.value.replace("_", "")
    sign = -1 if text[0] == "-" else 1
    if text[0] in "+-":
        text = text[1:]
    if text == "0":
        return 0
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if text.startswith(prefix):
            return sign * int(text[2:], base)
    return sign * int(text)


def _float(loader: _Loader, node: Any) -> float:
    text = node.value.replace("_", "").lower()
    sign = -1 if text[0] == "-" else 1
    if text[0] in "+-":
        text = text[1:]
    if text == ".inf":
        return sign * _INF
    if text == ".nan":
        return float("nan")
    return sign * float(text)


def _timestamp(loader: _Loader, node: Any) -> Any:
    """Dates repeat even more than texts (a class's 40 certificates share a day); they are
    immutable, so equal ones are one object, built once."""
    found = _DATES.get(node.value)
    if found is None:
        match = _TIMESTAMP.match(node.value)
        if match is None:
            raise Unusual("timestamp")
        found = create_timestamp(**match.groupdict())
        if len(_DATES) < 100_000:
            _DATES[node.value] = found
    return found


_DATES: dict[str, Any] = {}


def _undefined(loader: _Loader, node: Any) -> Any:
    raise Unusual(f"tag {node.tag}")


for _versions, _tag, _regexp, _first in implicit_resolvers:
    if (1, 2) in _versions:
        _Loader.add_implicit_resolver(_tag, re.compile(_regexp.pattern, _regexp.flags), _first)
for _tag, _construct in (
    ("map", _map), ("seq", _seq), ("str", _str), ("null", _null), ("bool", _bool), ("int", _int),
    ("float", _float), ("timestamp", _timestamp),
):
    _Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct)
_Loader.add_constructor(None, _undefined)


# Nesting deeper than any record needs (a class's trainee certificate is six levels down) is
# refused before a loader composes it: libyaml's composers recurse in C, and 30,000 nested `[`
# (60 KB) overflow the C stack, which kills the process with no finding. Only a text that could
# nest this deep (brackets, compact `- - -` or `? ? ?` entries, deep indents) is scanned, by
# libyaml's scanner, which does not recurse.
MAX_DEPTH = 32
_COMPACT_NESTING = re.compile(rf"(?:[-?][ \t]+){{{MAX_DEPTH // 2}}}")
_LONG_INDENT = re.compile(rf"^ {{{MAX_DEPTH}}}", re.MULTILINE)
_OPENS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken, yaml.BlockSequenceStartToken,
          yaml.BlockMappingStartToken)
_CLOSES = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken, yaml.BlockEndToken)


def _may_nest_deep(text: str) -> bool:
    return (text.count("[") + text.count("{") >= MAX_DEPTH or _COMPACT_NESTING.search(text) is not None
            or _LONG_INDENT.search(text) is not None)


def too_deep(text: str) -> int | None:
    """The 1-based line where `text` nests deeper than MAX_DEPTH collections, or None. Safe on any
    input: the scanner works without recursion (and has its own, higher, cap)."""
    if not _may_nest_deep(text):
        return None
    depth = 0
    scanner = _BASE(text)
    try:
        while scanner.check_token():
            token = scanner.get_token()
            if isinstance(token, _OPENS):
                depth += 1
                if depth > MAX_DEPTH:
                    return int(token.start_mark.line) + 1
            elif isinstance(token, _CLOSES):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem or ""):
            mark = exc.problem_mark
            return int(mark.line) + 1 if mark is not None else 1
        return _bracket_depth_line(text)  # a syntax error: judge by brackets alone
    except yaml.YAMLError:
        return _bracket_depth_line(text)
    finally:
        scanner.dispose()
    return None


def _bracket_depth_line(text: str) -> int | None:
    """Where unbalanced `[`/`{` alone exceed MAX_DEPTH (quotes ignored: only for a text the
    scanner rejects, which no loader reads past its error anyway)."""
    depth = 0
    for m in re.finditer(r"[\[\]{}]", text):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_DEPTH:
            return text.count("\n", 0, m.start()) + 1
    return None


def load(text: str) -> Any:
    """Plain data from YAML text, as ruamel.yaml's safe loader would give it; raises `Unusual`
    (or a YAML or value error) when the file should be read by ruamel.yaml instead."""
    if _UNUSUAL_TEXT.search(text):
        raise Unusual("tag or directive")
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


class _Composer(_BASE):
    """Positions only: every scalar is left a string, which skips the resolver (the slow part)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return _TAGS[kind]


_TAGS = {yaml.ScalarNode: "tag:yaml.org,2002:str", yaml.SequenceNode: "tag:yaml.org,2002:seq",
         yaml.MappingNode: "tag:yaml.org,2002:map"}


def compose(text: str) -> Any:
    """The node tree of `text` with positions, or None when it cannot be composed."""
    if too_deep(text) is not None:
        return None
    try:
        return yaml.compose(text, Loader=_Composer)
    except Exception:
        return None


def unplaced_from(text: str) -> int | None:
    """The first 1-based line of `text` the composer could not place (where a syntax error begins,
    or 1 when even the lines before it do not compose on their own), or None when the whole text
    composes (or is too deep to compose here: the loader reports that on its own)."""
    if too_deep(text) is not None:
        return None
    try:
        yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as exc:
        marks = [m.line + 1 for m in (exc.context_mark, exc.problem_mark) if m is not None]
        first = min(marks) if marks else 1
        before = "".join(text.splitlines(keepends=True)[:first - 1])
        return first if first > 1 and compose(before) is not None else 1
    except Exception:
        return 1
    return None


def node_line(root: Any, loc: tuple[str | int, ...]) -> int:
    """The 1-based line of the deepest part of `loc` present in the node tree; like
    `yamlio.line_of` for a round-trip tree: a key's line for mappings, an item's for sequences."""
    if root is None:
        return 1
    node = root
    line = 1
    if isinstance(node, yaml.MappingNode) and node.value:
        line = node.value[0][0].start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = None
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                    found = (key_node, value_node)
                    break
            if found is None:
                break
            line = found[0].start_mark.line + 1
            node = found[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line


def scalar_at(root: Any, keys: tuple[str, ...]) -> tuple[int, str] | None:
    """The line and text of the scalar at `keys` (mappings only), or None."""
    node = root
    line = 0
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        pair = next((p for p in node.value if isinstance(p[0], yaml.ScalarNode) and p[0].value == key), None)
        if pair is None:
            return None
        line, node = pair[0].start_mark.line + 1, pair[1]
    return (line, node.value) if isinstance(node, yaml.ScalarNode) else None
