"""`peixun migrate`: bring the records to the format this engine reads (generator.migrate)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import cli, records_option
from generator.cli.render import Renderers, emit, format_option
from generator.errors import UsageError
from generator.jsonbytes import dumps
from generator.migrate import Answers, Migration, migrate
from generator.migrate.v2 import review_template


def _text(result: Migration, dry_run: bool) -> str:
    if not result.needed:
        return f"记录已是第 {result.new} 版格式，无需迁移。\n"
    verb = "将改写" if dry_run else "已改写"
    lines = [f"记录从第 {result.old} 版迁移到第 {result.new} 版，{verb} {len(result.changed)} 个文件：",
             *(f"  · {title}" for title in result.steps), *(f"  {path}" for path in result.changed)]
    if not dry_run:
        lines.append("请用 git diff 核对改动，再运行 peixun validate，然后作为一个合并请求提交。")
    return "\n".join(lines) + "\n"


# over (the migration, whether it was a dry run)
MIGRATE_RENDERERS: Renderers[tuple[Migration, bool]] = {
    "text": lambda done: _text(*done),
    "json": lambda done: dumps(done[0].as_dict()).decode("utf-8") + "\n",
}


@cli.command("migrate")
@records_option
@click.option("--jurisdiction", default=None, metavar="地区", help="政策的实施地区（第 1 版记录没有），如 江阴市")
@click.option("--review-scores", "review_scores", default=None, type=click.Path(path_type=Path), metavar="CSV",
              help="专家评分表（第 1 版的评审只有专家姓名和总分）：每位专家一行，四项评分和无利益冲突声明")
@click.option("--review-template", "review_template_out", default=None, type=click.Path(path_type=Path),
              metavar="CSV", help="写出待填写的专家评分表（每个评审的每位专家一行），不迁移")
@click.option("--set", "values", multiple=True, metavar="名称=值", help="迁移步骤询问的其他值（可多次给出）")
@click.option("--dry-run", is_flag=True, help="只列出会改动的文件，不写入")
@format_option(MIGRATE_RENDERERS)
def migrate_command(records_dir: Path, jurisdiction: str | None, review_scores: Path | None,
                    review_template_out: Path | None, values: tuple[str, ...], dry_run: bool, fmt: str) -> None:
    """把记录升级为本引擎所读的格式：就地改写，保留注释和字段顺序；缺少的值会提示用哪个选项给出。"""
    if review_template_out is not None:
        review_template_out.write_text(review_template(records_dir), encoding="utf-8")
        click.echo(f"已写出评分表 {review_template_out}：按评审时的评分表填写后，用 --review-scores 给出")
        return
    given: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--set 应写作 名称=值，收到“{item}”")
        given[name.strip()] = value.strip()
    if jurisdiction:
        given["jurisdiction"] = jurisdiction
    if review_scores is not None:
        given["review_scores"] = str(review_scores)
    result = migrate(records_dir, Answers(given), dry_run=dry_run)
    emit(MIGRATE_RENDERERS, fmt, (result, dry_run))
