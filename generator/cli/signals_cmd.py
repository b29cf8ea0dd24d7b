"""`peixun signals`: supervision signals for the bureau (通知 五(二)), never for publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import click

from generator.cli.app import as_of_option, cli, records_option
from generator.cli.progress import no_cache_option
from generator.cli.render import format_option
from generator.errors import UsageError
from generator.gitrepo import open_repo
from generator.jsonbytes import dumps
from generator.signals import BUREAU_ONLY, signals
from generator.signals.render import render_text, render_xlsx
from generator.signals.report import SignalsReport

# the formats and their bytes (xlsx only into a file): the --format choices come from here
SIGNALS_RENDERERS: dict[str, Callable[[SignalsReport], bytes]] = {
    "text": lambda report: render_text(report).encode("utf-8"),
    "json": lambda report: dumps(report.as_dict()),
    "xlsx": render_xlsx,
}


def refuse_public(out: Path, records_dir: Path) -> None:
    """The report names pseudonyms and classes: never into a folder that is published (`public`,
    `site`) nor into the records repository, whose every file is public by design."""
    target = out.resolve()
    if any(part in ("public", "site") for part in target.parent.parts):
        raise UsageError(f"不能把监督信号写入公示目录（{out}）：报告含参训人员假名，仅供市人社局使用")
    repo = open_repo(records_dir) if records_dir.exists() else None
    roots = [records_dir.resolve()]
    if repo is not None and repo.working_tree_dir:
        roots.append(Path(repo.working_tree_dir).resolve())
    for root in roots:
        if target.is_relative_to(root):
            raise UsageError(f"不能把监督信号写入记录库（{out} 在 {root} 之内）：记录库公开，报告含参训人员假名，"
                             "仅供市人社局使用；请写到记录库之外，如 ~/signals.xlsx")


@cli.command("signals")
@records_option
@as_of_option
@click.option("--settings", "settings_file", type=click.Path(path_type=Path), default=None,
              help="信号设置文件（YAML：各指标是否启用及阈值）；默认用各指标的默认值")
@format_option(SIGNALS_RENDERERS)
@click.option("--output", "output", type=click.Path(path_type=Path), default=None,
              help="写入该文件（xlsx 必须指定；不得在记录库或公示目录之内）")
@no_cache_option
def signals_cmd(records_dir: Path, as_of: dt.date | None, settings_file: Path | None, fmt: str,
                output: Path | None, no_cache: bool) -> None:
    """监督信号（通知 五(二)）：按班次、培训机构、用人单位、参训人员列出值得先查的异常模式。

    仅供市人社局使用：报告含参训人员假名和班次，不得公开，不得放入公示网站或开放数据。"""
    click.echo(BUREAU_ONLY, err=True)
    if fmt == "xlsx" and output is None:
        raise UsageError("--format xlsx 需要 --output 文件名（如 --output ~/signals.xlsx）")
    if output is not None:
        refuse_public(output, records_dir)
    report = signals(records_dir, as_of, settings_file, use_cache=not no_cache)
    data = SIGNALS_RENDERERS[fmt](report)
    if output is None:
        click.echo(data.decode("utf-8"), nl=fmt == "json")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(data)
    click.echo(f"已写入 {output}：{report.total_signals} 个信号，涉及 {len(report.ranked)} 个对象", err=True)
