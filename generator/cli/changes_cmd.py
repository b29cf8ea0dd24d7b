"""`peixun check-changes`: the pull-request checks of `generator.gitops.changes`, rendered."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.app import cli, records_option
from generator.cli.render import findings_github, findings_json, findings_markdown, findings_text
from generator.gitops.changes import ChangeReview, review_changes
from generator.gitrepo import GitRepo


def _summary(review: ChangeReview) -> str:
    verdict = "通过" if review.ok else "未通过"
    return (
        f"变更检查{verdict}：{review.base[:7]}…{review.head[:7]} 共 {len(review.changes)} 个文件有改动，"
        f"{len(review.findings)} 处不允许的修改（{review.authority.describe()}）"
    )


@cli.command("check-changes")
@click.option("--base", required=True, metavar="REV", help="拉取请求的基准版本（分支、标签或提交）")
@click.option("--author", default=None, metavar="HANDLE", help="拉取请求的提交人账号；不指定时只检查冻结内容")
@records_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "markdown"]), default="text",
              show_default=True)
def check_changes(base: str, author: str | None, records_dir: Path, fmt: str) -> None:
    """检查拉取请求的改动：谁可以改哪些文件，已冻结的内容不得修改。"""
    with GitRepo(records_dir) as git:
        root, records = git.root, git.relative(records_dir)
    review = review_changes(root, base, author, records)
    if fmt == "json":
        click.echo(findings_json(review.findings))
    elif fmt == "github":
        click.echo("\n".join([*findings_github(review.findings), _summary(review)]))
    elif fmt == "markdown":
        click.echo(findings_markdown("变更检查（peixun check-changes）", _summary(review), review.findings), nl=False)
    else:
        click.echo("\n".join([*findings_text(review.findings), _summary(review)]))
    sys.exit(0 if review.ok else 1)
