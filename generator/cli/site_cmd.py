"""`peixun build` and `peixun serve`."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.cli.render import held_text, withheld_text
from generator.holds import HeldRefused
from generator.site.build import DEFAULT_CONFIG, build_site, serve_site
from generator.site.withhold import WithheldRefused

config_option = click.option(
    "--config", "config_file", type=click.Path(path_type=Path), default=DEFAULT_CONFIG, show_default=True,
    help="网站配置文件",
)


@cli.command()
@records_option
@as_of_option
@config_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("public"), show_default=True,
              help="网站输出目录")
@click.option("--strict", is_flag=True,
              help="有任何班次因记录错误暂缓公示、或有文件因含个人信息暂缓公示时，以退出码 1 结束（网站照常生成）")
def build(records_dir: Path, as_of: dt.date | None, config_file: Path, out: Path, strict: bool) -> None:
    """校验记录，然后生成公示网站（默认按记录库最近一次提交的日期）。

    记录有错误的班次（及依赖它的班次）暂缓公示，含个人信息的页面或文件不予发布，均在此列出（不在网站上显示）；
    其余照常公示。"""
    result = build_site(records_dir, out, as_of, config_file)
    for line in held_text(result.held, "公示"):
        click.echo(line)
    for line in withheld_text(result.withheld):
        click.echo(line)
    for notice in result.notices:
        click.echo(f"警告：{notice}", err=True)
    click.echo(f"已生成网站 {result.out}：{result.pages} 个页面，数据截至 {result.as_of}，用时 {result.seconds:.1f} 秒")
    if strict and result.held:
        raise HeldRefused(list(result.held), "公示")
    if strict and result.withheld:
        raise WithheldRefused(list(result.withheld))


@cli.command()
@records_option
@as_of_option
@config_option
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览地址")
def serve(records_dir: Path, as_of: dt.date | None, config_file: Path, dev_addr: str) -> None:
    """本地预览网站；修改记录或页面后自动刷新。"""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)  # rebuilds and their problems, as `mkdocs serve` shows them
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    click.echo(f"预览地址 http://{dev_addr}/ （修改记录、页面或模板后自动重新生成；按 Ctrl+C 结束）")
    serve_site(records_dir, as_of, config_file, dev_addr)
