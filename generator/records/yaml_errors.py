"""YAML syntax errors retold in Chinese, at the line (and column) where the typist went wrong.

The YAML library words its errors in English and points where the parser gave up, which is often
the line after the mistake. For someone typing with a Chinese input method the usual cause is a
full-width character in a place where YAML needs its ASCII twin: a full-width colon `：` after a
key, a full-width dash `－` before a list item, a full-width space `　` in the indentation; or a
tab. So the text is searched for such a culprit first (on the reported line or before it), and
only when there is none is the library's problem translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ruamel.yaml.error import MarkedYAMLError

FULLWIDTH_SPACE = "\u3000"


@dataclass(frozen=True)
class Culprit:
    """A character that breaks YAML, where it is and what to write instead."""

    line: int  # 1-based
    column: int  # 1-based
    message: str


# (pattern whose group 1 is the bad character, message); the first match on a line wins
_KEY = r"[^\s:：#\"'\-－][^:：#\"']*?"
_CULPRITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ ]*(\t)"), "缩进中使用了制表符（Tab）。YAML 只允许用空格缩进，请把 Tab 换成空格"),
    (re.compile(r"^[ \t]*(\u3000)"),
     "缩进中有全角空格“　”（中文输入法下的空格）。YAML 只认半角空格，请删除它并用半角空格缩进"),
    (re.compile(r"^[ ]*([－—–―])"),
     "列表项以全角破折号“{char}”开头。YAML 的列表项须以半角减号和空格开头，请改为“- ”"),
    (re.compile(rf"^[ ]*(?:-[ ]+)?{_KEY}(：)"),
     "键后面是全角冒号“：”（中文输入法下的冒号）。YAML 的键须以半角冒号和空格结束，请改为“: ”，例如 name: 张三"),
    (re.compile(rf"^[ ]*(?:-[ ]+)?{_KEY}:(\u3000)"),
     "冒号后面是全角空格“　”。请改为半角空格，例如 name: 张三"),
    (re.compile(r"(\t)"), "有制表符（Tab）。YAML 只允许空格，请把 Tab 换成空格"),
    (re.compile(r"(\ufeff)"), "文件中间有字节顺序标记（BOM，常见于拼接或复制的文件）。请删除该处不可见的字符"),
    (re.compile(r"^[ ]*(?:-[ ]+)?[^:：#]*?:[ ]*[\[{].*?([，］｝])"),
     "方括号或花括号列表里有全角标点“{char}”。请改用半角逗号“,”和半角括号"),
)


WINDOW = 5  # a culprit further before the reported line than this is not what broke the parse


def find_culprit(text: str, last_line: int | None) -> Culprit | None:
    """The nearest full-width or tab culprit at or a few lines before `last_line` (anywhere when None)."""
    lines = text.split("\n")
    stop = len(lines) if last_line is None else min(last_line, len(lines))
    start = 1 if last_line is None else max(1, stop - WINDOW)
    found: Culprit | None = None
    for number in range(start, stop + 1):
        line = lines[number - 1]
        if line.lstrip(" ").startswith("#"):
            continue
        for pattern, message in _CULPRITS:
            match = pattern.search(_without_comment(line))
            if match is not None:
                char = match.group(1)
                found = Culprit(number, match.start(1) + 1, message.format(char=char))
                break
    return found


def _without_comment(line: str) -> str:
    """The line before a ` #` comment (a # inside quotes is rare enough in records to ignore)."""
    cut = line.find(" #")
    return line if cut < 0 else line[:cut]


# ruamel.yaml's problems (and contexts), in Chinese: pattern -> (message, use the context's line)
_PROBLEMS: tuple[tuple[str, str, bool], ...] = (
    ("mapping values are not allowed",
     "这里不能再出现“键: 值”。常见原因：上一行或本行的值里含有“冒号加空格”（请给整个值加引号，"
     "如 name: \"甲: 乙\"），或本行的缩进比上一行多", False),
    ("could not find expected ':'",
     "缺少冒号：这一行的键后面没有半角冒号和空格（如 name: 张三），或上一行的引号没有闭合", True),
    ("found character '\\t'", "有制表符（Tab）。YAML 只允许空格，请把 Tab 换成空格", False),
    ("found unexpected end of stream", "引号没有闭合：从这一行开始的引号直到文件末尾都没有对应的结束引号", True),
    ("found unknown escape character",
     "双引号里的反斜杠“\\”须写成“\\\\”；或改用单引号，如 path: 'C:\\scan.pdf'", False),
    ("found undefined alias", "引用了未定义的别名（*名称）。请直接写出内容", False),
    ("expected <block end>, but found '<block sequence start>'",
     "缩进不一致：列表项“- ”应与同一列表的其他项左对齐", False),
    ("expected <block end>, but found",
     "缩进不一致：同一层级的键须左对齐（用同样多的半角空格缩进）", False),
    ("expected <block mapping start>", "缩进不一致：这里应是“键: 值”", False),
    ("did not find expected key", "缩进不一致，或这一行缺少“键: ”", False),
    ("did not find expected '-' indicator", "缩进不一致：列表项须以“- ”开头并与其他项左对齐", False),
    ("expected ',' or ']'", "方括号列表 [ ] 没有闭合，或两项之间缺少半角逗号", True),
    ("expected ',' or '}'", "花括号 { } 没有闭合，或两项之间缺少半角逗号", True),
    ("that cannot start any token",
     "值不能以这个字符（如 @、`、%）开头。请给整个值加引号，如 maintainer: \"@school-a\"", False),
    ("expected a comment or a line break", "引号结束后还有内容。请把整个值放进一对引号里", False),
    ("expected alphabetic or numeric character", "“&”或“*”后须跟名称。如果是正文，请给整个值加引号", False),
    ("expected the node content", "这一行缺少值，或有多余的符号", False),
    ("found a tab character", "有制表符（Tab）。YAML 只允许空格，请把 Tab 换成空格", False),
)

_GENERIC = "YAML 语法错误：无法识别这一行的结构。请检查缩进（只用半角空格）、冒号（半角“: ”）和引号是否成对"


def explain_syntax(exc: MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """A Chinese message and the 1-based line for a YAML syntax error in `text`."""
    problem = " ".join(str(exc.problem or "").split())
    context = " ".join(str(exc.context or "").split())
    whole = f"{context} {problem}"
    message, use_context = _GENERIC, False
    for needle, wording, context_line in _PROBLEMS:
        if needle in whole:
            message, use_context = wording, context_line
            break
    mark = (exc.context_mark if use_context else None) or exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else None
    column = mark.column + 1 if mark is not None else None
    culprit = find_culprit(text, line)
    if culprit is not None:
        return f"第 {culprit.column} 列：{culprit.message}", culprit.line
    if line is not None and column is not None and not use_context:
        return f"第 {column} 列：{message}", line
    return message, line


_DUPLICATE = re.compile(
    r'found duplicate key "(?P<key>.*?)" with value "(?P<value>.*?)"(?: \(original value: "(?P<old>.*?)"\))?'
)


def explain_duplicate(exc: MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """The duplicate key, both lines and both values, in Chinese."""
    mark = exc.problem_mark
    line = mark.line + 1 if mark is not None else None
    match = _DUPLICATE.search(" ".join(str(exc.problem or "").split()))
    if match is None:
        return "同一层级有重复的键。每个键只能出现一次，请删除或合并重复项", line
    key, value, old = match.group("key"), match.group("value"), match.group("old")
    first = _first_line_of_key(text, key, line)
    where = f"与第 {first} 行重复" if first is not None else "重复"
    values = f"（这里是“{value}”，" + (f"原来是“{old}”）" if old is not None else "）")
    return f"重复的键：{key} {where}{values}。同一层级的键只能出现一次，请删除其中一行或合并", line


def _first_line_of_key(text: str, key: str, dup_line: int | None) -> int | None:
    """The earlier line with the same key at the same indentation as the duplicate."""
    if dup_line is None:
        return None
    lines = text.split("\n")
    pattern = re.compile(rf"^([ ]*)(?:-[ ]+)?[\"']?{re.escape(key)}[\"']?[ ]*:")
    here = pattern.match(lines[dup_line - 1]) if dup_line <= len(lines) else None
    indent = len(here.group(1)) if here else None
    for number in range(dup_line - 1, 0, -1):
        found = pattern.match(lines[number - 1])
        if found is not None and (indent is None or len(found.group(1)) == indent):
            return number
    return None
