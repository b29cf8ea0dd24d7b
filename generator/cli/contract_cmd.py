"""`peixun contract`: the record contract and the rules table in docs/, generated from the code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.app import cli
from generator.contract import stale_docs, write_docs


@cli.command()
@click.option("--check", is_flag=True, help="只检查 docs/ 中生成的文档是否为最新，不写文件")
@click.option("--out", type=click.Path(path_type=Path), default=Path("docs"), show_default=True)
def contract(check: bool, out: Path) -> None:
    """从数据模型和规则表生成 docs/records.md 与 docs/rules.md。"""
    if check:
        stale = stale_docs(out)
        if stale:
            click.echo(f"{out}/ 中的文档已过期：{', '.join(stale)}。请运行 peixun contract 并提交", err=True)
            sys.exit(1)
        click.echo(f"{out}/ 中的记录格式与规则表与代码一致")
        return
    changed = write_docs(out)
    click.echo(f"已更新：{', '.join(changed)}" if changed else f"{out}/ 已是最新")
