"""The `peixun` command: thin wrappers that call one library function each and render the result."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import click

from generator.errors import PeixunError
from generator.schemas import stale_schemas, write_schemas

records_option = click.option(
    "--records", "records_dir", type=click.Path(path_type=Path), default=Path("records"), show_default=True,
    help="记录目录",
)


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日期应写作 YYYY-MM-DD，收到“{value}”") from None


as_of_option = click.option(
    "--as-of", "as_of", callback=_as_of, default=None, metavar="DATE", help="按该日期判断（默认今天）"
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="出错时显示完整调用栈")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """无锡市重点群体项目化就业技能培训：记录校验、补贴结算与公示网站。"""
    ctx.obj = {"debug": debug}


@cli.command()
@records_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True)
def validate(records_dir: Path, as_of: dt.date | None, fmt: str) -> None:
    """按通知的每条规则校验全部记录。"""
    from generator.cli.render import RENDERERS
    from generator.validate import validate as run_validate

    report = run_validate(records_dir, as_of)
    click.echo(RENDERERS[fmt](report))
    sys.exit(0 if report.ok else 1)


@cli.command()
@records_option
@as_of_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("settlements"), show_default=True,
              help="结算文件输出目录")
def settle(records_dir: Path, as_of: dt.date | None, out: Path) -> None:
    """计算补贴结算，输出 JSON、CSV、XLSX 和 Markdown 汇总。"""
    from generator.cli.render import render_text
    from generator.settlement.run import SettlementBlocked, write_artifacts
    from generator.settlement.run import settle as run_settle

    try:
        result = run_settle(records_dir, as_of)
    except SettlementBlocked as exc:
        click.echo(render_text(exc.validation))
        raise
    for path in write_artifacts(result, out):
        click.echo(f"已写入 {path}")
    totals = result.report["totals"]
    click.echo(
        f"结算基准日 {result.report['as_of']}：应拨 {totals['due']} 元，已拨 {totals['paid']} 元，"
        f"待拨 {totals['outstanding']} 元"
    )


@cli.command()
@click.option("--check", is_flag=True, help="只检查 schemas/ 是否为最新，不写文件")
@click.option("--out", type=click.Path(path_type=Path), default=Path("schemas"), show_default=True)
def schemas(check: bool, out: Path) -> None:
    """由数据模型生成 JSON Schema（供编辑器提示字段）。"""
    if check:
        stale = stale_schemas(out)
        if stale:
            click.echo(f"schemas/ 已过期：{', '.join(stale)}。请运行 peixun schemas 并提交", err=True)
            sys.exit(1)
        click.echo("schemas/ 与数据模型一致")
        return
    changed = write_schemas(out)
    click.echo(f"已更新 {len(changed)} 个 schema：{', '.join(changed)}" if changed else "schemas/ 已是最新")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit status instead of exiting, so tests can call it."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="peixun", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("已取消", err=True)
        return 1
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 1
    except PeixunError as exc:
        if debug:
            traceback.print_exc()
        click.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    return 0
