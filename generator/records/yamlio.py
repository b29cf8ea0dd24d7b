"""Reading YAML safely: bytes in, data or SCHEMA findings out, never an exception.

Bulk loading uses libyaml through PyYAML with ruamel.yaml's YAML 1.2 types (`fastyaml`); a file
that path declines (a duplicate key, a syntax error, a tag) is read again by ruamel.yaml's safe
loader, which words the problem. Line numbers come from a second, composing pass that runs only on
files that have findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator.findings import Loc
from generator.records import fastyaml
from generator.records.yaml_errors import explain_duplicate, explain_syntax, find_culprit

# A record of 1,000 trainees expands to about 12,000 nodes; anything past this cap is an alias
# bomb ("billion laughs"), refused before any consumer walks the expanded tree.
MAX_EXPANDED_NODES = 200_000

_DEEP_INDENT = re.compile(r"^ {128}", re.MULTILINE)
_DATE_LIKE = re.compile(r"(?<![\w-])\d{4}-\d{1,2}-\d{1,2}(?![\w-])")


@dataclass(frozen=True)
class ParseProblem:
    """Why a file could not be read, with the 1-based line when one is known."""

    message: str
    line: int | None = None


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    return yaml


_SAFE = _safe_yaml()
_SLOW = object()  # the fast loader declined: read with ruamel.yaml


def decode(data: bytes) -> str | ParseProblem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = ""
        try:
            data.decode("gbk")
            hint = "（看起来是 GBK 编码，常见于中文 Windows 的记事本或 Excel）"
        except UnicodeDecodeError:
            pass
        return ParseProblem(
            f"文件不是 UTF-8 编码{hint}：第 {line} 行有无法识别的字节。请以 UTF-8 保存"
            "（VS Code：右下角编码 → 通过编码保存 → UTF-8）",
            line,
        )


def _expanded_size(obj: Any, memo: dict[int, int]) -> int:
    if isinstance(obj, dict):
        key = id(obj)
        if key not in memo:
            memo[key] = 1 + sum(_expanded_size(v, memo) + 1 for v in obj.values())
        return memo[key]
    if isinstance(obj, list):
        key = id(obj)
        if key not in memo:
            memo[key] = 1 + sum(_expanded_size(v, memo) for v in obj)
        return memo[key]
    return 1


def parse(text: str) -> Any | ParseProblem:
    """Parse YAML text into plain data, or explain in Chinese why it cannot be read."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        return ParseProblem("文件为空：没有任何内容。请填写记录，或删除此文件", 1)
    deep = fastyaml.too_deep(text)
    if deep is not None:
        return ParseProblem(
            f"嵌套超过 {fastyaml.MAX_DEPTH} 层（列表或映射套列表或映射），记录不需要这么深的结构，"
            "疑似恶意文件，未读取。请按 schemas/ 中的结构书写", deep)
    try:
        data = fastyaml.load(text)
    except Exception:  # unusual or malformed: ruamel.yaml reads it and words the problem
        data = _SLOW
    if data is _SLOW:
        return _parse_slow(text)
    return _checked(data, text)


def _parse_slow(text: str) -> Any | ParseProblem:
    try:
        data = _SAFE.load(text)
    except DuplicateKeyError as exc:
        message, line = explain_duplicate(exc, text)
        return ParseProblem(message, line)
    except MarkedYAMLError as exc:
        message, line = explain_syntax(exc, text)
        return ParseProblem(message, line)
    except YAMLError:
        culprit = find_culprit(text, None)
        if culprit is not None:
            return ParseProblem(f"第 {culprit.column} 列：{culprit.message}", culprit.line)
        return ParseProblem("YAML 无法读取：文件结构无法识别。请检查缩进（只用半角空格）、冒号和引号")
    except ValueError:
        # The constructor raises plain ValueError for impossible dates such as 2026-13-45.
        line = _bad_date_line(text)
        found = f"（{_bad_date(text)}）" if line is not None else ""
        return ParseProblem(f"无效的日期{found}：没有这一天。日期应写作 YYYY-MM-DD，例如 2026-04-10", line)
    except RecursionError:
        return ParseProblem("嵌套层级过深，无法读取。请检查文件结构")
    except Exception:  # a parser bug on hostile input must still be a finding
        return ParseProblem("无法读取 YAML：文件结构无法识别。请检查缩进（只用半角空格）、冒号和引号")
    return _checked(data, text)


def _checked(data: Any, text: str) -> Any | ParseProblem:
    try:
        # the walk costs as much as the parse, and only an alias (which needs an &anchor) can
        # expand a tree or deep nesting (brackets or long indents) overflow Python's stack
        size = _expanded_size(data, {}) if _may_explode(text) else 0
    except RecursionError:
        return ParseProblem("嵌套层级过深，无法读取。请检查文件结构")
    if size > MAX_EXPANDED_NODES:
        return ParseProblem(
            f"锚点和别名（& 与 *）展开后超过 {MAX_EXPANDED_NODES:,} 个节点，疑似“别名炸弹”。"
            "请直接写出内容，不要嵌套引用别名",
            1,
        )
    if not isinstance(data, dict):
        found = "列表" if isinstance(data, list) else f"“{str(data)[:40]}”"
        return ParseProblem(f"文件顶层应是“键: 值”形式的记录，实际是{found}", 1)
    return data


def _may_explode(text: str) -> bool:
    return "&" in text or text.count("[") + text.count("{") > 64 or _DEEP_INDENT.search(text) is not None


def _bad_date_match(text: str) -> re.Match[str] | None:
    import datetime as dt

    for match in _DATE_LIKE.finditer(text):
        y, m, d = (int(p) for p in match.group().split("-"))
        try:
            dt.date(y, m, d)
        except ValueError:
            return match
    return None


def _bad_date_line(text: str) -> int | None:
    match = _bad_date_match(text)
    return text.count("\n", 0, match.start()) + 1 if match is not None else None


def _bad_date(text: str) -> str:
    match = _bad_date_match(text)
    return match.group() if match is not None else ""


def line_index(text: str) -> Any:
    """The node tree with positions (libyaml's composer); only for files that have findings."""
    return fastyaml.compose(text)


def line_of(tree: Any, loc: Loc) -> int:
    """The 1-based line of the deepest part of `loc` that exists in the tree from `line_index`."""
    return fastyaml.node_line(tree, loc)
