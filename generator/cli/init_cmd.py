"""`peixun init`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.cli.app import cli
from generator.init import create_repository
from generator.init.pin import resolve_pin, unchecked
from generator.pipeline import run


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--jurisdiction", required=True, help="地区名称，如 江阴市、宜兴市、梁溪区")
@click.option("--engine", default=None, metavar="SPEC",
              help="固定的引擎版本：发布的安装包 peixun @ https://…/peixun-0.2.0-py3-none-any.whl，"
                   "peixun @ git+https://…/peixun@v0.2.0 或 peixun==0.2.0（默认：本版本发布的安装包）")
@click.option("--no-check", is_flag=True, help="不联网核对引擎版本能否安装（只检查写法）")
@click.option("--region-code", "region_codes", multiple=True, metavar="CODE",
              help="培训主体登记地的行政区划代码（GB/T 2260，可多次给出）；江阴市、宜兴市和无锡各区可省略")
@click.option("--effective-from", "effective_from", default=None, metavar="DATE",
              help="政策生效日期（默认今天）")
def init(directory: Path, jurisdiction: str, engine: str | None, no_check: bool, region_codes: tuple[str, ...],
         effective_from: str | None) -> None:
    """为另一个地区新建记录库：政策、角色、网站配置、工作流和说明，引擎按固定版本安装。"""
    day = None
    if effective_from:
        try:
            day = dt.date.fromisoformat(effective_from)
        except ValueError:
            raise click.BadParameter(f"日期应写作 YYYY-MM-DD，收到“{effective_from}”") from None
    created = create_repository(directory, jurisdiction, engine=engine, effective_from=day,
                                region_codes=region_codes, resolve=unchecked if no_check else resolve_pin)
    report = run(directory / "records", day, use_cache=False).validation
    click.echo(f"已为{jurisdiction}新建记录库 {directory}：{len(created.written)} 个文件。")
    click.echo(f"引擎：{created.engine.pin}（{created.engine.note}）")
    if not created.engine.checked:
        click.echo("警告：没有核对引擎版本能否安装；推送前请在能联网的机器上运行 pip install -r requirements.txt",
                   err=True)
    click.echo(f"校验{'通过' if report.ok else '未通过'}：{report.errors} 个错误，{report.warnings} 个警告。")
    click.echo("下一步：在 records/roles.yaml 填写本局账号，核对 records/policy/ 中的政策参数，然后 peixun build。")
