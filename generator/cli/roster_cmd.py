"""`peixun import-roster`."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.findings import count_errors
from generator.intake.importer import import_roster as run_import
from generator.intake.keys import load_key


@cli.command("import-roster")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--class", "class_id", required=True, metavar="ID", help="班次编号，如 P2026-001-01")
@click.option("--key-file", type=click.Path(path_type=Path), default=None,
              help="仓库之外的假名密钥文件（默认读环境变量 PEIXUN_KEY）")
@click.option("--check", is_flag=True, help="只检查、不写入：报告全部问题（已冻结班次则列出与现有花名册的每处不同）")
@records_option
@as_of_option
def import_roster(file: Path, class_id: str, key_file: Path | None, check: bool, records_dir: Path,
                  as_of: dt.date | None) -> None:
    """从 XLSX 或 CSV 花名册导入班次参训人员（只写入假名）。先按全部规则检查，全部通过才写入。"""
    key = load_key(key_file, os.environ, records_dir)
    result = run_import(file, class_id, records_dir, key, as_of, write=not check)
    for problem in result.warnings:
        click.echo(f"  {file}: 提醒 {problem}", err=True)
    if result.problems:
        head = "不能导入" if result.frozen else f"有 {len(result.problems)} 处问题"
        click.echo(f"花名册 {file} {head}，未写入任何内容：", err=True)
        for problem in result.problems:
            click.echo(f"  {file}: {problem}", err=True)
        sys.exit(1)
    if check:
        click.echo(f"检查通过：{result.trainees} 名参训人员，可以导入"
                   f"（未写入；去掉 --check 即写入 {result.class_file}）")
    else:
        verb = "已写入" if result.changed else "内容未变"
        click.echo(f"{verb} {result.class_file}：{result.trainees} 名参训人员" +
                   (f"（文件编码 {result.encoding}）" if result.encoding else ""))
    for f in result.findings:
        click.echo(f"  {f.path}:{f.line}: {f.severity} {f.rule} {f.message}")
    sys.exit(1 if count_errors(result.findings) else 0)
