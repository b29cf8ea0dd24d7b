"""SCHEMA and REF: the file can be read, and what it refers to exists."""

from __future__ import annotations

from collections.abc import Iterator

from generator.rules.registry import ERROR, Context, Hit, rule


@rule("SCHEMA", ERROR, None, "文件为 UTF-8 编码的 YAML 1.2，无重复键、无未知字段，类型正确，编号与文件名一致",
      scope="class")
def schema(ctx: Context) -> Iterator[Hit]:
    # Loading already produced these findings; they are yielded through the registry so that
    # SCHEMA is listed, documented and counted like every other rule.
    for f in ctx.loaded.load_findings:
        yield Hit(f.path, f.loc, f.message, f.severity, f.line)
