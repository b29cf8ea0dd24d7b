"""`peixun contract`: the record contract and the rules table in docs/, and the generated sections
of the hand-written documents (settle's files, the package tree, the layers), from the code."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.app import cli
from generator.cli.generated import write_or_check
from generator.contract import stale_docs, stale_sections, write_docs, write_sections
from generator.site.generated import SECTIONS


@cli.command()
@click.option("--check", is_flag=True, help="只检查 docs/ 中生成的文档是否为最新，不写文件")
@click.option("--out", type=click.Path(path_type=Path), default=Path("docs"), show_default=True)
@click.option("--root", type=click.Path(path_type=Path, file_okay=False), default=Path("."), show_default=True,
              help="仓库根目录：其中 README.md、ARCHITECTURE.md、docs/settlement.md、mkdocs.yml 含有生成段落")
def contract(check: bool, out: Path, root: Path) -> None:
    """从数据模型和规则表生成 docs/records.md 与 docs/rules.md，并更新手写文档中的生成段落。"""
    write_or_check(check, lambda: stale_docs(out) + stale_sections(root, SECTIONS),
                   lambda: write_docs(out) + write_sections(root, SECTIONS), f"{out}/ 与生成段落", "peixun contract")
