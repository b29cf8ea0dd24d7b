"""The click group and the shared options; each command lives in its own module of this package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from generator.records.base import date_range_problem

records_option = click.option(
    "--records", "records_dir", type=click.Path(path_type=Path), default=Path("records"), show_default=True,
    help="记录目录",
)


def _as_of(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"日期应写作 YYYY-MM-DD，收到“{value}”") from None
    problem = date_range_problem(day)
    if problem is not None:
        raise click.BadParameter(problem)
    return day


as_of_option = click.option(
    "--as-of", "as_of", callback=_as_of, default=None, metavar="DATE",
    help="按该日期（YYYY-MM-DD）判断；默认为记录所在 Git 仓库最后一次提交的日期，不在仓库中时为今天",
)

# The change checks judge by the day they run (generator.clock), never by a commit's date: not the
# reference date of the other commands (the last commit's), hence its own name.
check_day_option = click.option(
    "--today", "--as-of", "today", callback=_as_of, default=None, metavar="DATE",
    help="检查当天的日期（YYYY-MM-DD），判断是否已开班、是否事后登记、项目是否已终止；"
         "默认为运行检查时的北京时间日期（CI 时钟），从不取提交时间",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="出错时显示完整调用栈")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """重点群体项目化就业技能培训：记录校验、补贴结算与公示网站。"""
    ctx.obj = {"debug": debug}
