"""`peixun contract`: the record contract and the rules table in docs/, generated from the code."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import cli
from generator.cli.generated import write_or_check
from generator.contract import stale_docs, write_docs


@cli.command()
@click.option("--check", is_flag=True, help="只检查 docs/ 中生成的文档是否为最新，不写文件")
@click.option("--out", type=click.Path(path_type=Path), default=Path("docs"), show_default=True)
def contract(check: bool, out: Path) -> None:
    """从数据模型和规则表生成 docs/records.md 与 docs/rules.md。"""
    write_or_check(check, lambda: stale_docs(out), lambda: write_docs(out), f"{out}/", "peixun contract")
