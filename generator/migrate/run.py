"""`peixun migrate`: bring a records folder from the format it declares to the one this engine reads.

All or nothing: every file the steps touch is read and migrated in memory first; if any step asks
for a value not given or refuses a file, nothing is written and every problem is listed. Otherwise
only the files whose text changed are written (atomically), so the result is one reviewable diff.
A folder already of the current format is left alone (the command is idempotent).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import RecordsDirError
from generator.migrate.framework import Answers, Doc, MigrateError, Problem, apply, dumped, insert_after, steps_between
from generator.records.contentkeys import list_files
from generator.records.format import CURRENT, FOLDER, KEY, declared
from generator.records.kinds import kind_for
from generator.records.loader import display_path
from generator.records.writer import _yaml

FORMAT_COMMENT = "记录格式版本（见 CHANGELOG.md）：由 peixun init 写入、peixun migrate 升级，不要手改"


@dataclass(frozen=True)
class Migration:
    """What a run did (or, with `dry_run`, would do)."""

    old: int
    new: int
    changed: list[str] = field(default_factory=list)  # paths as shown, in order
    steps: list[str] = field(default_factory=list)  # the titles of the steps that ran

    @property
    def needed(self) -> bool:
        return self.old != self.new

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.old, "to": self.new, "changed": list(self.changed), "steps": list(self.steps)}


def _yaml_rt() -> Any:
    yaml = _yaml()
    yaml.preserve_quotes = True  # codes written "0510-…" stay quoted
    return yaml


def declare_format(doc: Doc, version: int) -> None:
    """The policy's `format`, right after its `id`."""
    insert_after(doc.tree, "id", KEY, version, FORMAT_COMMENT)


def migrate(records_dir: Path, answers: Answers | None = None, *, dry_run: bool = False) -> Migration:
    """Migrate the records under `records_dir` in place (see the module's docstring)."""
    if not records_dir.is_dir():
        raise RecordsDirError(f"记录目录 {records_dir} 不存在")
    answers = answers or Answers()
    state = declared(records_dir)
    if state.newer:
        raise MigrateError(f"记录是第 {state.format} 版格式，比本引擎（第 {CURRENT} 版）新：请升级引擎，不要降级记录")
    if not state.older:
        return Migration(CURRENT, CURRENT)
    steps = steps_between(state.format, CURRENT)
    kinds = {k for s in steps for k in s.kinds} | {"policy"}
    yaml = _yaml_rt()
    docs: list[tuple[Doc, Path, str]] = []
    problems: list[Problem] = []
    for rel, file in list_files(records_dir):
        kind = kind_for(PurePosixPath(rel))
        if kind is None or kind.name not in kinds or file.is_symlink() or file.stat().st_size > kind.max_bytes:
            continue
        shown = display_path(file)
        try:
            text = file.read_text(encoding="utf-8")
            tree = yaml.load(text)
        except Exception as broken:  # ruamel raises many kinds; a broken file is reported, never fatal
            problems.append(Problem(shown, f"无法读取为 YAML（{type(broken).__name__}）：请先修正这个文件再迁移"))
            continue
        if not isinstance(tree, dict):
            problems.append(Problem(shown, "文件内容不是一条记录（应为“字段: 值”的映射）：请先修正这个文件再迁移"))
            continue
        doc = Doc(kind.name, rel, shown, tree)
        problems += apply(steps, doc, answers)
        if kind.name == "policy" and rel.startswith(f"{FOLDER}/"):
            declare_format(doc, CURRENT)
        docs.append((doc, file, text))
    if problems:
        raise MigrateError(_explain(state.format, problems), problems)
    changed = []
    for doc, file, text in docs:
        new = dumped(yaml, doc.tree)
        if new == text:
            continue
        changed.append(doc.shown)
        if not dry_run:
            tmp = file.with_name(f".{file.name}.migrate")
            tmp.write_text(new, encoding="utf-8")
            os.replace(tmp, file)
    return Migration(state.format, CURRENT, changed, [s.title for s in steps])


def _explain(old: int, problems: list[Problem]) -> str:
    """Every problem on its own line, the questions first with the option that answers them (once each)."""
    lines = [f"不能把记录从第 {old} 版迁移到第 {CURRENT} 版（没有写入任何文件）："]
    asked: dict[str, list[str]] = {}
    for p in problems:
        if p.question is not None:
            asked.setdefault(p.question.option, []).append(p.path)
    for p in problems:
        if p.question is not None and asked.get(p.question.option):
            paths = asked.pop(p.question.option)
            lines.append(f"- {p.message}：请加 {p.question.option}（{'、'.join(paths)}）")
    refused: dict[str, list[str]] = {}
    for p in problems:
        if p.question is None:
            refused.setdefault(p.message, []).append(p.path)
    lines += [f"- {'、'.join(paths)}：{message}" for message, paths in refused.items()]
    return "\n".join(lines)

