"""Replacing a class file's `trainees` and nothing else (a ruamel round trip).

The class file is the institution's own, with its comments and layout; an import must change only
the roster so that the pull request's diff shows exactly the roster and nothing else.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import CommentToken

from generator.errors import IntakeError


def _yaml() -> YAML:
    # the same layout as generator.records.writer, so imported rosters look like written records
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.allow_unicode = True
    return yaml


def find_class_file(records_dir: Path, class_id: str) -> Path:
    """records/classes/<year>/<id>.yaml; the year folder is for browsing only, so search them all."""
    folder = records_dir / "classes"
    found = sorted(folder.rglob(f"{class_id}.yaml")) if folder.is_dir() else []
    if not found:
        raise IntakeError(
            f"找不到班次 {class_id}：{folder} 下没有 {class_id}.yaml。请先用 peixun new class 建立班次文件"
        )
    if len(found) > 1:
        raise IntakeError(f"班次 {class_id} 有多个文件：{'、'.join(map(str, found))}。请删除多余的文件")
    return found[0]


def load_class(path: Path, class_id: str) -> CommentedMap:
    try:
        data = _yaml().load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, YAMLError) as exc:
        raise IntakeError(
            f"无法读取班次文件 {path}（{type(exc).__name__}）。请先用 peixun validate 修正该文件"
        ) from None
    if not isinstance(data, CommentedMap) or data.get("id") != class_id:
        raise IntakeError(
            f"班次文件 {path} 不是班次 {class_id} 的记录（id 不符）。请先用 peixun validate 修正该文件"
        )
    return data


def commented_tree(value: Any) -> Any:
    """Plain dicts and lists as ruamel's commented types, which can carry comments."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = commented_tree(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(commented_tree(v) for v in value)
    return value


def _last_leaf(node: Any) -> tuple[CommentedMap | None, Any]:
    """The innermost last mapping and its last key: where ruamel keeps the comments after a block."""
    holder, key = None, None
    while True:
        if isinstance(node, CommentedMap) and node:
            holder, key = node, list(node)[-1]
            node = node[key]
        elif isinstance(node, CommentedSeq) and node:
            node = node[-1]
        else:
            return holder, key


def _carry_trailing_comments(old: Any, new: CommentedSeq) -> None:
    """Comment lines after the old roster belong to the rest of the file: keep them after the new one."""
    holder, key = _last_leaf(old)
    if holder is None:
        return
    slot = holder.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if not isinstance(token, CommentToken):
        return
    _eol, newline, after = token.value.partition("\n")
    if not newline or not after:
        return
    target, target_key = _last_leaf(new)
    if target is not None:
        target.ca.items[target_key] = [None, None, CommentToken("\n" + after, token.start_mark, None), None]


def _end_slot(node: Any) -> tuple[Any, Any, int] | None:
    """Where ruamel keeps the comment lines after a block: (container, key or index, slot)."""
    if isinstance(node, CommentedMap) and node:
        key = list(node)[-1]
        inner = _end_slot(node[key]) if isinstance(node[key], (CommentedMap, CommentedSeq)) else None
        return inner if inner is not None else (node, key, 2)
    if isinstance(node, CommentedSeq) and node:
        inner = _end_slot(node[-1]) if isinstance(node[-1], (CommentedMap, CommentedSeq)) else None
        return inner if inner is not None else (node, len(node) - 1, 0)
    return None


def _take_end_comment(node: Any) -> CommentToken | None:
    """The comment lines after the last value of `node` (not its end-of-line comment), removed."""
    where = _end_slot(node)
    if where is None:
        return None
    holder, key, slot = where
    items = holder.ca.items.get(key)
    token = items[slot] if items and len(items) > slot else None
    if not isinstance(token, CommentToken):
        return None
    eol, newline, after = token.value.partition("\n")
    if not newline or not after:
        return None
    items[slot] = CommentToken(eol + "\n", token.start_mark, None) if eol.strip() else None
    return CommentToken("\n" + after, token.start_mark, None)


def _put_end_comment(node: Any, token: CommentToken) -> None:
    where = _end_slot(node)
    if where is not None:
        holder, key, slot = where
        items: list[CommentToken | None] = [None, None, None, None]
        items[slot] = token
        holder.ca.items[key] = items


def with_trainees(data: CommentedMap, trainees: list[dict[str, Any]], seal: dict[str, Any] | None = None) -> str:
    """The class file's text with `trainees` replaced (appended when the file had none), and with
    `roster_seal` set to `seal` (the import's keyed digest, after the roster; removed when None).
    Comment lines at the end of the file stay at the end."""
    if "roster_seal" in data:
        end = _take_end_comment(data)
        del data["roster_seal"]
        if end is not None:
            _put_end_comment(data, end)
    new = commented_tree(trainees)
    old = data.get("trainees")
    _carry_trailing_comments(old, new)
    data["trainees"] = new
    if seal is not None:
        end = _take_end_comment(data)
        data["roster_seal"] = commented_tree(seal)
        if end is not None:
            _put_end_comment(data, end)
    buf = io.StringIO()
    _yaml().dump(data, buf)
    return buf.getvalue()


def write_atomically(path: Path, text: str) -> bool:
    """Write through a temporary file in the same folder; returns False when nothing changed."""
    if path.exists() and path.read_text(encoding="utf-8-sig") == text:
        return False
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return True
