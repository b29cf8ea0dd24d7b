"""`peixun settle`."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.cli.progress import no_cache_option, progress_bar
from generator.cli.render import held_text
from generator.holds import HeldRefused
from generator.intake.keys import KEY_ENV, optional_key
from generator.settlement_output import ARTIFACTS, PAYABLE, UNVERIFIED, write_artifacts
from generator.settlement_output import settle as run_settle

# the files named from the one declaration (generator.settlement.artifacts), never by hand
HELP = (f"计算补贴结算，写出 {'、'.join(n for n in ARTIFACTS if n not in PAYABLE)} "
        f"和拨付清单（{'、'.join(PAYABLE)}）。\n\n"
        "记录有错误的班次（及依赖它的班次）暂缓结算并列出，其余班次照常结算。用市人社局的假名密钥核验每个班次的"
        "花名册与导入时一致，不一致的暂缓结算；没有密钥时无法核验，不生成拨付清单。")


@cli.command(help=HELP)
@records_option
@as_of_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("settlements"), show_default=True,
              help="结算文件输出目录")
@click.option("--strict", is_flag=True, help="有任何班次因记录错误暂缓结算时，以退出码 1 结束")
@click.option("--key-file", type=click.Path(path_type=Path), default=None,
              help=f"假名密钥文件（仓库之外；或设置环境变量 {KEY_ENV}），用于核验花名册；没有密钥时不生成拨付清单")
@no_cache_option
def settle(records_dir: Path, as_of: dt.date | None, out: Path, strict: bool, key_file: Path | None,
           no_cache: bool) -> None:
    key = optional_key(key_file, os.environ, records_dir)
    with progress_bar() as progress:
        result = run_settle(records_dir, as_of, use_cache=not no_cache, progress=progress, roster_key=key)
    if not result.payable:
        click.echo(UNVERIFIED, err=True)
    for line in held_text(result.held, "结算"):
        click.echo(line)
    for path in write_artifacts(result, out):
        click.echo(f"已写入 {path}")
    totals = result.statement.totals
    click.echo(
        f"结算基准日 {result.statement.as_of.isoformat()}：本次应拨 {totals.money.payable} 元，"
        f"已拨 {totals.money.paid} 元，待定 {totals.money.pending} 元（不计入应拨），"
        f"不予拨付 {totals.money.not_met} 元，暂缓 {totals.held_classes} 个班次"
    )
    if strict and result.held:
        raise HeldRefused(result.held, "结算")
