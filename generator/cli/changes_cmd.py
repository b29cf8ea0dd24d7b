"""`peixun check-changes`: the pull-request checks of `generator.gitops.change_review` (and, with
`--validate`, the records validated at both sides by `generator.gitops.pullrequest`), rendered."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.app import check_day_option, cli, records_option
from generator.cli.render import FINDINGS_RENDERERS, FindingsReport, emit, findings_markdown, format_option
from generator.findings import Finding
from generator.gitops.change_review import ChangeReview, review_changes
from generator.gitops.facts import ledger_rules_markdown, table_markdown
from generator.gitops.merged import read_merged, review_merged
from generator.gitops.money import delta_markdown, money_delta
from generator.gitops.pullrequest import PullRequestReview, review_pull_request
from generator.gitrepo import GitRepo


def _summary(review: ChangeReview, pr: PullRequestReview | None) -> str:
    ok = pr.ok if pr is not None else review.ok
    verdict = "通过" if ok else "未通过"
    refused = sum(1 for f in review.findings if f.severity == "error")
    noted = len(review.findings) - refused
    text = (
        f"变更检查{verdict}：{review.base[:7]}…{review.head[:7]} 共 {len(review.changes)} 个文件有改动，"
        f"{refused} 处不允许的修改" + (f"，{noted} 处需审核人注意（代码变更、新培训主体）" if noted else "")
    )
    if pr is not None:
        errors = sum(1 for f in pr.findings if f.severity == "error") - sum(
            1 for f in review.findings if f.severity == "error")
        text += f"；记录校验 {pr.files} 个文件，本次修改的错误 {errors} 个，已有问题 {pr.pre_existing} 个"
    return f"{text}（{review.describe()}）"


@cli.command("check-changes")
@click.option("--base", required=True, metavar="REV", help="拉取请求的基准版本（分支、标签或提交）")
@click.option("--head", default="HEAD", show_default=True, metavar="REV", help="拉取请求的最新提交")
@click.option("--author", "authors", multiple=True, metavar="HANDLE",
              help="修改人账号；可重复：拉取请求的发起人和触发本次检查的账号（推送或重新运行的人），"
                   "改动须每个账号都有权作出；不指定时只检查冻结内容")
@click.option("--repo", "repo_dir", type=click.Path(path_type=Path), default=None,
              help="仓库目录（只读取其中的 Git 对象）；指定时 --records 为仓库内的相对路径")
@records_option
@click.option("--validate", "with_validation", is_flag=True,
              help="同时校验基准版本和最新提交的记录（只读取数据），未改动文件中原有的错误列为已有问题")
@check_day_option
@click.option("--cache-dir", type=click.Path(path_type=Path), default=None, help="读取缓存目录（用于 --validate）")
@click.option("--workdir", type=click.Path(path_type=Path), default=None,
              help="--validate 时写出两侧记录的目录（默认临时目录）；与 main 上相同的绝对路径可复用其缓存")
@click.option("--merged-authors", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="合并后复查：每行“提交 SHA 账号”，列出 --base 之后 main 上每个提交所属拉取请求的发起人；"
                   "逐个合并分别按其发起人的权限判断，未列出的提交按 --author（推送人）判断")
@format_option(FINDINGS_RENDERERS)
@click.option("--markdown-out", type=click.Path(path_type=Path), default=None,
              help="另外把 Markdown 报告写入该文件（拉取请求评论和任务摘要）")
def check_changes(base: str, head: str, authors: tuple[str, ...], repo_dir: Path | None, records_dir: Path,
                  with_validation: bool, today: dt.date | None, cache_dir: Path | None, workdir: Path | None,
                  merged_authors: Path | None, fmt: str, markdown_out: Path | None) -> None:
    """检查拉取请求的改动：谁可以改哪些文件和哪些内容，已冻结的内容不得修改。"""
    if repo_dir is not None:
        with GitRepo(repo_dir) as git:
            root = git.root
        records = records_dir.as_posix().strip("/")
    else:
        with GitRepo(records_dir) as git:
            root, records = git.root, git.relative(records_dir)
    merged = read_merged(merged_authors.read_text(encoding="utf-8")) if merged_authors is not None else None
    pr: PullRequestReview | None = None
    if with_validation:
        pr = review_pull_request(root, base, list(authors), records, head, today, cache_dir, workdir, merged)
        review = pr.changes
    elif merged is not None:
        review = review_merged(root, base, head, merged, list(authors), records, today)
    else:
        review = review_changes(root, base, list(authors), records, head, today)
    findings: list[Finding] = pr.findings if pr is not None else review.findings
    ok = pr.ok if pr is not None else review.ok
    summary = _summary(review, pr)
    markdown = findings_markdown("变更检查（peixun check-changes）", summary, findings)
    money = money_delta(root, review.base, review.head, records, review.today)
    markdown += "\n" + delta_markdown(money)
    if markdown_out is not None:
        markdown_out.parent.mkdir(parents=True, exist_ok=True)
        markdown_out.write_text(markdown, encoding="utf-8")
    emit(FINDINGS_RENDERERS, fmt, FindingsReport(findings, summary, summary, markdown))
    sys.exit(0 if ok else 1)


@cli.command("facts")
def facts() -> None:
    """列出哪些内容决定资格或金额、谁可以修改、何时冻结（拉取请求检查所依据的表）。"""
    click.echo(table_markdown() + "\n" + ledger_rules_markdown(), nl=False)
