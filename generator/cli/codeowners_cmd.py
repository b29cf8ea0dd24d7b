"""`peixun codeowners [--check]`: write or check `.github/CODEOWNERS` from the records."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from generator.cli.app import cli, records_option
from generator.errors import GitError
from generator.gitops.codeowners import render_codeowners
from generator.gitrepo import GitRepo
from generator.records.load import load_records


@cli.command()
@records_option
@click.option("--out", type=click.Path(path_type=Path), default=None,
              help="输出文件（默认为仓库根目录下的 .github/CODEOWNERS）")
@click.option("--check", is_flag=True, help="只检查 CODEOWNERS 是否为最新，不写文件")
def codeowners(records_dir: Path, out: Path | None, check: bool) -> None:
    """由记录生成 .github/CODEOWNERS：市人社局负责全部文件，各单位维护人负责本单位的文件。"""
    try:
        with GitRepo(records_dir) as git:
            root, prefix = git.root, git.relative(records_dir)
    except GitError:  # an exported copy without .git: paths are taken from the current folder
        root = Path.cwd()
        prefix = Path(os.path.relpath(records_dir.resolve(), root)).as_posix()
    target = out or root / ".github" / "CODEOWNERS"
    text = render_codeowners(load_records(records_dir), prefix)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check:
        if current != text:
            click.echo(f"{target} 已过期（与 records/ 中的维护人不一致）。请运行 peixun codeowners 并提交", err=True)
            sys.exit(1)
        click.echo(f"{target} 与记录一致")
        return
    if current == text:
        click.echo(f"{target} 已是最新")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"已写入 {target}")
