"""`peixun audit PATH`: a record's history from `generator.gitops.audit`, as text or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import cli
from generator.errors import GitError
from generator.gitops.audit import STATUS_LABELS, Revision, audit
from generator.gitrepo import GitRepo
from generator.jsonbytes import dumps
from generator.records.fieldpath import show


def render_text(path: str, revisions: list[Revision]) -> str:
    lines = [f"{path} 的变更记录（{len(revisions)} 次提交，最新在前）", ""]
    for rev in revisions:
        c = rev.commit
        lines.append(f"{c.sha[:10]}  {c.date[:10]}  {c.author} <{c.email}>  {c.message}")
        if rev.status == "renamed":
            lines.append(f"  重命名：{rev.old_path} → {rev.path}")
        elif rev.status != "modified":
            lines.append(f"  {STATUS_LABELS[rev.status]}：{rev.path}")
        if rev.unreadable:
            lines.append("  （有一个版本无法解析为 YAML 记录，无法逐字段比较）")
        for change in rev.changes:
            lines.append(f"  {change.path}: {show(change.old)} → {show(change.new)}")
        if rev.status in ("modified", "renamed") and not rev.changes and not rev.unreadable:
            lines.append("  （字段无变化：只改了注释、格式或文件名）")
        lines.append("")
    return "\n".join(lines).rstrip("\n")


@cli.command("audit")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def audit_command(path: Path, fmt: str) -> None:
    """显示一条记录的全部修改历史：谁、何时、改了哪些字段（跟随重命名）。"""
    with GitRepo(path) as git:
        root, rel = git.root, git.relative(path)
    revisions = audit(root, rel)
    if not revisions:
        raise GitError(f"{rel} 没有提交历史。请核对路径（已删除的记录也可以查询，请写出它原来的路径）")
    if fmt == "json":
        click.echo(dumps([r.as_dict() for r in revisions]).decode("utf-8"))
    else:
        click.echo(render_text(rel, revisions))
