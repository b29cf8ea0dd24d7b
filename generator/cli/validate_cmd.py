"""`peixun validate` and `peixun schemas`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.cli.generated import write_or_check
from generator.cli.progress import no_cache_option, progress_bar
from generator.cli.render import FINDINGS_RENDERERS, emit, format_option, validation_report
from generator.pipeline import run
from generator.schemas import stale_schemas, write_schemas
from generator.site.build import DEFAULT_CONFIG, configured_site_url


@cli.command()
@records_option
@as_of_option
@format_option(FINDINGS_RENDERERS)
@no_cache_option
def validate(records_dir: Path, as_of: dt.date | None, fmt: str, no_cache: bool) -> None:
    """按通知的每条规则校验全部记录。"""
    with progress_bar(machine_output=fmt != "text") as progress:
        report = run(records_dir, as_of, use_cache=not no_cache, progress=progress).validation
    emit(FINDINGS_RENDERERS, fmt, validation_report(report))
    sys.exit(0 if report.ok else 1)


@cli.command()
@click.option("--check", is_flag=True, help="只检查 schemas/ 是否为最新，不写文件")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
@click.option("--site-url", default=None,
              help="网站地址：各 schema 的 $id 为 <网站地址>/schemas/<文件名>。默认取 --config 中的 site_url"
                   "（可来自环境变量 PEIXUN_SITE_URL）；未配置时 $id 为文件名")
@click.option("--config", "config_file", type=click.Path(path_type=Path), default=DEFAULT_CONFIG, show_default=True)
def schemas(check: bool, out: Path, site_url: str | None, config_file: Path) -> None:
    """由数据模型生成 JSON Schema（供编辑器提示字段）。"""
    url = configured_site_url(config_file) if site_url is None else site_url
    write_or_check(check, lambda: stale_schemas(out, url), lambda: write_schemas(out, url), f"{out}/",
                   "peixun schemas")
