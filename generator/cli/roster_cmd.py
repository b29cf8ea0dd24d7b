"""`peixun import-roster` (the bureau: plain spreadsheet or sealed roster) and `peixun seal-roster`
(an institution: check without the key and encrypt to the bureau)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.errors import UsageError
from generator.findings import count_errors
from generator.intake.importer import import_roster as run_import
from generator.intake.keys import load_key
from generator.intake.sealed_roster import import_sealed, seal_roster


@cli.command("import-roster")
@click.argument("file", type=click.Path(path_type=Path), required=False)
@click.option("--class", "class_id", required=True, metavar="ID", help="班次编号，如 P2026-001-01")
@click.option("--sealed", "sealed", type=click.Path(path_type=Path), default=None, metavar="PATH",
              help="培训主体提交的加密花名册 records/sealed/<年份>/<班次>.age（代替 FILE）")
@click.option("--identity", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="与 --sealed 同用：仓库之外的 age 私钥文件（市人社局保管）")
@click.option("--key-file", type=click.Path(path_type=Path), default=None,
              help="仓库之外的假名密钥文件（默认读环境变量 PEIXUN_KEY）")
@click.option("--check", is_flag=True, help="只检查、不写入：报告全部问题（已冻结班次则列出与现有花名册的每处不同）")
@records_option
@as_of_option
def import_roster(file: Path | None, class_id: str, sealed: Path | None, identity: Path | None,
                  key_file: Path | None, check: bool, records_dir: Path, as_of: dt.date | None) -> None:
    """市人社局导入班次参训人员（只写入假名）：XLSX 或 CSV 花名册，或培训主体提交的加密花名册。
    先按全部规则检查，全部通过才写入。"""
    if (file is None) == (sealed is None):
        raise UsageError("请给出花名册文件 FILE，或用 --sealed 给出加密花名册（二者选一）")
    if sealed is not None and identity is None:
        raise UsageError("导入加密花名册须用 --identity 指定市人社局的 age 私钥文件")
    key = load_key(key_file, os.environ, records_dir)
    if sealed is not None:
        assert identity is not None
        result = import_sealed(sealed, identity, class_id, records_dir, key, as_of, write=not check)
        label = sealed
    else:
        assert file is not None
        result = run_import(file, class_id, records_dir, key, as_of, write=not check)
        label = file
    for problem in result.warnings:
        click.echo(f"  {label}: 提醒 {problem}", err=True)
    if result.problems:
        head = "不能导入" if result.frozen else f"有 {len(result.problems)} 处问题"
        kept = "，加密花名册保留" if sealed is not None else ""
        click.echo(f"花名册 {label} {head}，未写入任何内容{kept}：", err=True)
        for problem in result.problems:
            click.echo(f"  {label}: {problem}", err=True)
        sys.exit(1)
    if check:
        click.echo(f"检查通过：{result.trainees} 名参训人员，可以导入"
                   f"（未写入；去掉 --check 即写入 {result.class_file}）")
    else:
        verb = "已写入" if result.changed else "内容未变"
        click.echo(f"{verb} {result.class_file}：{result.trainees} 名参训人员" +
                   (f"（文件编码 {result.encoding}）" if result.encoding else ""))
        if sealed is not None:
            click.echo(f"已删除加密花名册 {sealed}：请把班次文件和这一删除放在同一次提交中")
    for f in result.findings:
        click.echo(f"  {f.path}:{f.line}: {f.severity} {f.rule} {f.message}")
    sys.exit(1 if count_errors(result.findings) else 0)


@cli.command("seal-roster")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--class", "class_id", required=True, metavar="ID", help="班次编号，如 P2026-001-01")
@records_option
@as_of_option
def seal(file: Path, class_id: str, records_dir: Path, as_of: dt.date | None) -> None:
    """培训主体提交花名册：不用密钥逐行核对，再加密给市人社局（仓库中不留明文）。"""
    result = seal_roster(file, class_id, records_dir, as_of)
    if result.problems:
        click.echo(f"花名册 {file} 有 {len(result.problems)} 处问题，未加密，未写入任何内容：", err=True)
        for problem in result.problems:
            click.echo(f"  {file}: {problem}", err=True)
        for note in result.notes:
            click.echo(f"  {file}: 提醒 {note}", err=True)
        sys.exit(1)
    assert result.sealed_file is not None
    verb = "已替换" if result.replaced else "已写入"
    click.echo(f"{verb} {result.sealed_file}：{result.trainees} 名参训人员的花名册已加密，只有市人社局能解密" +
               (f"（文件编码 {result.encoding}）" if result.encoding else ""))
    for note in result.notes:
        click.echo(f"  {file}: 提醒 {note}")
    click.echo(f"请只提交这个加密文件（git add {result.sealed_file}），不要提交花名册原件；"
               "市人社局导入后会在同一次提交中删除它")
