"""`peixun audit PATH` / `peixun audit --institution USCC`: the audit trail of
`generator.gitops.trail`, as Chinese text for auditors or as JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.app import _as_of, cli, records_option
from generator.cli.render import Renderers, emit, format_option
from generator.errors import GitError, UsageError
from generator.gitops.audit import STATUS_LABELS
from generator.gitops.auditwords import day_text
from generator.gitops.trail import Trail, TrailEntry, institution_trail, record_trail
from generator.gitrepo import GitRepo
from generator.jsonbytes import dumps
from generator.records.kinds import KINDS_BY_NAME


def _when(iso: str) -> str:
    return day_text(dt.datetime.fromisoformat(iso))


def _landing(entry: TrailEntry) -> str:
    landing = entry.landing
    if landing is None:
        return "不在当前分支上"
    number = f" PR #{landing.pull_request}" if landing.pull_request is not None else ""
    if not landing.merged:
        return f"经{number}合并（压缩合并）" if number else "直接提交到分支"
    by = entry.merger.text() if entry.merger is not None else "未知"
    return f"经{number or '合并提交'} {landing.commit[:10]} 于 {_when(landing.date)} 合并，合并人：{by}"


def _record(entry: TrailEntry) -> str:
    kind = KINDS_BY_NAME.get(entry.kind or "")
    rev = entry.revision
    what = f"{kind.title} {entry.record}" if kind is not None else rev.path
    if rev.status == "renamed":
        return f"{what}：重命名 {rev.old_path} → {rev.path}"
    return f"{what}：{STATUS_LABELS[rev.status]}（{rev.path}）"


def render_text(trail: Trail) -> str:
    commits = list(dict.fromkeys(e.revision.commit.sha for e in trail.entries))
    lines = [f"{trail.subject} 的变更记录（{len(commits)} 次提交，最新在前）"]
    for sha in commits:
        group = [e for e in trail.entries if e.revision.commit.sha == sha]
        first = group[0]
        c = first.revision.commit
        lines += ["", f"{_when(c.committed)}  提交 {sha[:10]}  {first.actor.text()}", f"  {_landing(first)}"]
        for entry in group:
            lines.append(f"  {_record(entry)}")
            rev = entry.revision
            if rev.unreadable:
                lines.append("    （有一个版本无法解析为 YAML 记录，无法逐字段比较）")
            lines += [f"    {line}" for line in entry.lines]
            if rev.status in ("modified", "renamed") and not entry.lines and not rev.unreadable:
                lines.append("    （字段无变化：只改了注释、格式或文件名）")
        money = first.money
        if money is not None:
            moved = money.lines()
            lines += [f"  {line}" for line in moved] or ["  本次修改未改变结算金额（按提交当日结算）"]
    return "\n".join(lines)


AUDIT_RENDERERS: Renderers[Trail] = {
    "text": lambda trail: render_text(trail) + "\n",
    "json": lambda trail: dumps(trail.as_dict()).decode("utf-8") + "\n",
}


@cli.command("audit")
@click.argument("path", type=click.Path(path_type=Path), required=False)
@click.option("--institution", "uscc", default=None, metavar="USCC",
              help="列出该培训主体（统一社会信用代码）名下全部记录的修改，最新在前")
@click.option("--since", "since", callback=_as_of, default=None, metavar="DATE",
              help="只列出该日期（YYYY-MM-DD）及以后合入的修改（与 --institution 同用）")
@records_option
@format_option(AUDIT_RENDERERS)
def audit_command(path: Path | None, uscc: str | None, since: dt.date | None, records_dir: Path, fmt: str) -> None:
    """显示记录的修改历史：谁（账号与单位）、何时、经哪次合并、改了什么，以及对应拨金额的影响。"""
    if (path is None) == (uscc is None):
        raise UsageError("请指定一条记录的路径，或用 --institution 指定培训主体（二者选一）")
    if uscc is not None:
        with GitRepo(records_dir) as git:
            root, records = git.root, git.relative(records_dir)
        trail = institution_trail(root, uscc.strip(), records, since)
    else:
        assert path is not None
        with GitRepo(path) as git:
            root, rel = git.root, git.relative(path)
        trail = record_trail(root, rel)
        if since is not None:
            trail = Trail(trail.subject, [e for e in trail.entries
                                          if dt.datetime.fromisoformat(e.revision.commit.committed).date() >= since])
    if not trail.entries and path is not None and since is None:
        raise GitError(f"{trail.subject} 没有提交历史。请核对路径（已删除的记录也可以查询，请写出它原来的路径）")
    emit(AUDIT_RENDERERS, fmt, trail)
